"""The rule families: one package per family, one module per rule; ``common`` holds shared blocks.

Base families (identification, consistency, exit) import only the spine, the domain and
``rules.common``; composite families (dynamic) may import base families, never the reverse.
Every rule module declares its :class:`~jingzhun.core.catalogue.RuleSpec`;
:func:`catalogue` imports every module below this package, so a new family is found
without being listed anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from jingzhun.core.catalogue import RuleSpec, registered_rules
from jingzhun.core.errors import UnknownRuleError


@cache
def _discover() -> None:
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        importlib.import_module(info.name)


def catalogue() -> tuple[RuleSpec, ...]:
    """Every rule of every family, by id (each module of ``jingzhun.rules`` is imported)."""
    _discover()
    return registered_rules()


def rule(rule_id: str) -> RuleSpec:
    """The spec of one rule (:class:`~jingzhun.core.errors.UnknownRuleError`, a ``KeyError``,
    naming the known ids if there is none)."""
    found = {spec.id: spec for spec in catalogue()}
    if rule_id not in found:
        raise UnknownRuleError(f"unknown rule {rule_id!r}; known: {', '.join(sorted(found))}")
    return found[rule_id]


def commands() -> dict[tuple[str, ...], RuleSpec]:
    """The rules offered on the command line, by command path (``("exit", "villages")``)."""
    out: dict[tuple[str, ...], RuleSpec] = {}
    for spec in catalogue():
        if spec.command is None:
            continue
        if spec.command in out:
            raise ValueError(
                f"command {' '.join(spec.command)} claimed by {spec.id} and {out[spec.command].id}"
            )
        out[spec.command] = spec
    return out
