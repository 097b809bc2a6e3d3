"""The rule catalogue: every rule, the clauses it implements and the reason codes it emits.

Rule families register their rules here when imported; :func:`jingzhun.rules` lists them.
Clauses that are not machine-checkable are listed in ``data/clause_status.json`` with why.
"""

from __future__ import annotations

from typing import Any

import attrs

from jingzhun.core.citations import clause
from jingzhun.core.decisions import ReasonCode
from jingzhun.core.resources import load_json


@attrs.frozen(kw_only=True)
class RuleSpec:
    """A rule: its id, the function that applies it, its clauses and reason codes."""

    id: str
    function: str
    title_zh: str
    title_en: str
    clauses: tuple[str, ...]
    reason_codes: tuple[ReasonCode, ...] = ()

    def __attrs_post_init__(self) -> None:
        for clause_id in self.clauses:
            clause(clause_id)  # raises UnknownClauseError for a typo

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "function": self.function,
            "title_zh": self.title_zh,
            "title_en": self.title_en,
            "clauses": [
                {"id": c, "locator": clause(c).locator, "document": clause(c).document}
                for c in self.clauses
            ],
            "reason_codes": [{"code": r.code, "zh": r.zh, "en": r.en} for r in self.reason_codes],
        }


_REGISTRY: dict[str, RuleSpec] = {}


def register(spec: RuleSpec) -> RuleSpec:
    if spec.id in _REGISTRY and _REGISTRY[spec.id] != spec:
        raise ValueError(f"rule {spec.id} registered twice")
    _REGISTRY[spec.id] = spec
    return spec


def registered_rules() -> tuple[RuleSpec, ...]:
    return tuple(sorted(_REGISTRY.values(), key=lambda r: r.id))


def clause_status() -> dict[str, dict[str, str]]:
    """Clauses not implemented as rules, with the reason (``{"id": {"status", "why"}}``)."""
    raw: dict[str, dict[str, str]] = load_json("data", "clause_status.json")["clauses"]
    return raw
