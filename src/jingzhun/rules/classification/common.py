"""The classification tables, read from the parameters: cause → measures, pathway → measures.

Shared by the classification rules and by the 措施到户精准 audit (which answers a recorded
cause with a received measure through the same table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Final

import attrs

from jingzhun.core.citations import Citation, cite
from jingzhun.core.decisions import ParameterUse, Reason
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.classification import Pathway
from jingzhun.domain.model import Household
from jingzhun.domain.support import MeasureKind
from jingzhun.domain.vocabulary import LabourCapacity, PovertyCause

CAUSE_MEASURES: Final = "classification.cause_measures"
PATHWAY_MEASURES: Final = "classification.pathway_measures"
SAFETY_NET_LABOUR: Final = "classification.safety_net_labour"


@attrs.frozen(kw_only=True)
class Fit:
    """One row of a classification table: the measure kinds, the clauses, the row's status."""

    measures: tuple[MeasureKind, ...]
    clauses: tuple[str, ...]
    status: str
    note: str | None = None

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(cite(c) for c in self.clauses)

    def fitted_by(self, received: Iterable[MeasureKind]) -> bool:
        return any(k in self.measures for k in received)


def _fit(row: Mapping[str, Any]) -> Fit:
    return Fit(
        measures=tuple(MeasureKind.of(m) for m in row["measures"]),
        clauses=tuple(row["clauses"]),
        status=str(row["status"]),
        note=row.get("note"),
    )


def cause_table(param: ResolvedParameter) -> dict[PovertyCause, Fit]:
    """The cause → measures table (``classification.cause_measures``) as typed rows."""
    return {PovertyCause.of(row["cause"]): _fit(row) for row in param.rows()}


def pathway_table(param: ResolvedParameter) -> dict[Pathway, Fit]:
    """The pathway → measures table (``classification.pathway_measures``) as typed rows."""
    return {Pathway.of(row["pathway"]): _fit(row) for row in param.rows()}


def lost_labour(param: ResolvedParameter) -> frozenset[LabourCapacity]:
    """The labour capacities read as fully or partly lost (``classification.safety_net_labour``)."""
    return frozenset(LabourCapacity.of(row["labour"]) for row in param.rows())


def fully_lost_labour(param: ResolvedParameter) -> frozenset[LabourCapacity]:
    """The labour capacities read as fully lost."""
    return frozenset(
        LabourCapacity.of(row["labour"]) for row in param.rows() if row["reading"] == "fully_lost"
    )


def resolve_cause_table(
    ps: ParameterSet, day: dt.date, region: str | None
) -> tuple[ResolvedParameter, dict[PovertyCause, Fit]]:
    param = ps.resolve(CAUSE_MEASURES, on=day, region=region)
    return param, cause_table(param)


def labour_standing(household: Household, lost: frozenset[LabourCapacity]) -> tuple[int, int, int]:
    """``(able, lost, unknown)``: members whose capacity is outside ``lost``, inside it, and
    not recorded. A household given by its size only counts every person as unknown."""
    if not household.members:
        return 0, 0, household.size
    able = sum(1 for m in household.members if m.labour is not None and m.labour not in lost)
    gone = sum(1 for m in household.members if m.labour is not None and m.labour in lost)
    return able, gone, len(household.members) - able - gone


def codes(kinds: Iterable[Any]) -> str:
    """Codes joined with commas, in the order given, each once (for evidence and rows)."""
    seen: list[str] = []
    for k in kinds:
        value = str(getattr(k, "value", k))
        if value not in seen:
            seen.append(value)
    return ",".join(seen)


def with_parameters(reason: Reason, *uses: ParameterUse) -> Reason:
    """``reason`` also showing the parameter values the decision used."""
    return attrs.evolve(reason, parameters=(*reason.parameters, *uses))
