"""A columnar engine equal to the rules (issue 12): populations decided in polars.

Optional extra ``columnar`` (polars, pyarrow); nothing here is imported by ``import jingzhun``.

    from jingzhun.engine import columnar
    out = columnar.identify(frame_or_arrow_table, on="2016-12-31")   # id, outcome, codes, engine

Each rule with a kernel (:data:`jingzhun.engine.columnar.registry.KERNELS`) resolves its
declared parameters once per region from the same parameters and overlays as the rule,
decides the rows it vectorises, and sends the others through the scalar rule in the same
run (``engine = "scalar"``): the outcome and the code set of every row equal the rule's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import polars as pl

    from jingzhun.core.dates import DateLike
    from jingzhun.core.parameters import ParameterSet

__all__ = ["decide", "exit_households", "identify", "output_schema"]


def _frame(data: Any) -> pl.DataFrame:
    import polars as pl

    from jingzhun.core.errors import InputError

    if isinstance(data, pl.DataFrame):
        return data
    if type(data).__module__.startswith("pyarrow"):
        out = pl.from_arrow(data)
        assert isinstance(out, pl.DataFrame)
        return out
    raise InputError(f"expected a polars DataFrame or a pyarrow Table, not {type(data).__name__}")


def output_schema(rule_id: str) -> dict[str, Any]:
    """The polars schema of a decision table: ``id``, ``outcome``, ``codes``, ``engine``
    (outcome, codes and engine dictionary-encoded: ``pl.Enum`` of the rule's values)."""
    import polars as pl

    from jingzhun.core.decisions import Outcome
    from jingzhun.engine.columnar.contract import ENGINES
    from jingzhun.engine.columnar.registry import KERNELS

    codes = [c.code for c in KERNELS[rule_id].spec.reason_codes]
    return {
        "id": pl.String,
        "outcome": pl.Enum([o.value for o in Outcome]),
        "codes": pl.List(pl.Enum(codes)),
        "engine": pl.Enum(list(ENGINES)),
    }


def decide(
    rule_id: str, data: Any, *, on: DateLike, params: ParameterSet | None = None
) -> pl.DataFrame:
    """The decision table of ``rule_id`` over the rows of ``data`` (polars or pyarrow)."""
    import polars as pl

    from jingzhun.core.dates import as_date
    from jingzhun.engine.columnar.fallback import decide_rows
    from jingzhun.engine.columnar.registry import KERNELS
    from jingzhun.rules.common.params import param_set

    entry = KERNELS[rule_id]
    frame, day, ps = _frame(data), as_date(on), param_set(params)
    out = entry.kernel(frame, day, ps).with_columns(frame[entry.id_column].alias("id"))
    rows = out.with_row_index("_i").filter(pl.col("engine") == "scalar")["_i"].to_list()
    if rows:
        outcomes, codes = decide_rows(frame, rows, entry.rule, day, ps)
        fill = pl.DataFrame(
            {"_i": rows, "_o": outcomes, "_c": codes},
            schema={"_i": pl.UInt32, "_o": pl.String, "_c": pl.List(pl.String)},
        )
        out = (
            out.with_row_index("_i")
            .join(fill, on="_i", how="left", maintain_order="left")
            .with_columns(
                pl.coalesce("outcome", "_o").alias("outcome"),
                pl.coalesce("codes", "_c").alias("codes"),
            )
        )
    schema = output_schema(rule_id)
    return out.select(pl.col(name).cast(dtype) for name, dtype in schema.items())


def identify(data: Any, *, on: DateLike, params: ParameterSet | None = None) -> pl.DataFrame:
    """Household identification (``identification.household``) of every row."""
    return decide("identification.household", data, on=on, params=params)


def exit_households(data: Any, *, on: DateLike, params: ParameterSet | None = None) -> pl.DataFrame:
    """Household exit (``exit.household``) of every row."""
    return decide("exit.household", data, on=on, params=params)
