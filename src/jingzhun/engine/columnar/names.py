"""The short names of the columnar rules (no polars here: the command line reads this table
to build its ``batch`` subcommands without loading the engine)."""

from __future__ import annotations

from typing import Final

SHORT_NAMES: Final = {
    "identify": "identification.household",
    "exit": "exit.household",
    "adjust": "dynamic.adjustment",
    "villages": "exit.village",
}
"""Short name → rule id (the ``batch`` commands and
:func:`~jingzhun.engine.columnar.spark.spark_mapper` accept both). A kernel registered in
:data:`~jingzhun.engine.columnar.registry.KERNELS` under one of these rule ids is offered
by ``jingzhun batch`` under its short name."""
