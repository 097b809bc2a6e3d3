"""Blocks the assessment rules share: parameters in force, the scoring model, area scores.

The scoring model is a parameter set, not law: the national baseline has no area weights,
no source weights and no grade cut-offs (``assessment.area_weights`` … are empty), so no
grade is computed from scores unless an overlay or the example profile
(``assessment.example.*``) supplies them. Scores are exact (:class:`~fractions.Fraction`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.assessment import Area, AssessmentCase, Grade, Source

AREA_WEIGHTS: Final = "assessment.area_weights"
SOURCE_WEIGHTS: Final = "assessment.source_weights"
GRADE_CUTOFFS: Final = "assessment.grade_cutoffs"
EXAMPLE_PREFIX: Final = "assessment.example."
MODEL_PARAMETERS: Final = (AREA_WEIGHTS, SOURCE_WEIGHTS, GRADE_CUTOFFS)


def resolve(ps: ParameterSet, name: str, day: dt.date, region: str) -> ResolvedParameter | None:
    """The value of ``name`` in force on ``day`` for ``region``, or None before any."""
    try:
        return ps.resolve(name, on=day, region=region)
    except NoValueInForceError:
        return None


@attrs.frozen(kw_only=True)
class Model:
    """The scoring model in force: area weights, source weights, cut-offs (best first)."""

    area_weights: Mapping[Area, Fraction]
    source_weights: Mapping[Source, Fraction]
    cutoffs: tuple[tuple[Grade, Fraction], ...]
    used: tuple[ResolvedParameter, ...]
    example: bool

    @property
    def complete(self) -> bool:
        """Whether the model can grade: it has area weights and cut-offs."""
        return bool(self.area_weights) and bool(self.cutoffs)


def _frac(value: Any) -> Fraction:
    return Fraction(Decimal(str(value)))


def model(ps: ParameterSet, day: dt.date, region: str, *, example: bool) -> Model:
    """The national model (empty unless an overlay sets it), or the example profile."""
    used = []
    rows: dict[str, Sequence[Mapping[str, Any]]] = {}
    for name in MODEL_PARAMETERS:
        actual = EXAMPLE_PREFIX + name.removeprefix("assessment.") if example else name
        p = resolve(ps, actual, day, region)
        rows[name] = p.rows() if p is not None else ()
        if p is not None:
            used.append(p)
    cutoffs = sorted(
        ((Grade.of(r["grade"]), _frac(r["min_score"])) for r in rows[GRADE_CUTOFFS]),
        key=lambda g: g[0].rank,
    )
    return Model(
        area_weights={Area.of(r["area"]): _frac(r["weight"]) for r in rows[AREA_WEIGHTS]},
        source_weights={Source.of(r["source"]): _frac(r["weight"]) for r in rows[SOURCE_WEIGHTS]},
        cutoffs=tuple(cutoffs),
        used=tuple(used),
        example=example,
    )


def combined(
    figure: Mapping[Source, Decimal], weights: Mapping[Source, Fraction]
) -> Fraction | None:
    """A figure by source as one number: the weighted mean over the weighted sources (every
    one must be known), or the third-party figure when there are no source weights."""
    if not weights:
        third = figure.get(Source.THIRD_PARTY)
        return None if third is None else Fraction(third)
    total = sum(weights.values(), Fraction(0))
    if total == 0 or any(s not in figure for s in weights):
        return None
    return sum((w * Fraction(figure[s]) for s, w in weights.items()), Fraction(0)) / total


def _ratio(actual: int | None, planned: int | None) -> Fraction | None:
    """Share of the plan achieved, at most 1 (a plan of 0 is achieved)."""
    if actual is None or planned is None:
        return None
    if planned == 0:
        return Fraction(1)
    return min(Fraction(actual, planned), Fraction(1))


def area_indicators(case: AssessmentCase, m: Model) -> dict[Area, dict[str, Fraction | None]]:
    """Each area's indicator scores in [0, 1] (None = unknown).

    减贫成效: the shares of the planned reduction and of the planned county exits achieved
    (capped at 1), and 1 when rural income in poor areas grew faster than the national
    average (决定 二、（二）: 增长幅度高于全国平均水平), else 0. 精准识别: identification and
    exit accuracy. 精准帮扶: satisfaction. 扶贫资金: the funds performance score."""
    r = case.reduction
    growth: Fraction | None = None
    if r.income_growth is not None and r.national_income_growth is not None:
        growth = Fraction(int(r.income_growth > r.national_income_growth))
    sw = m.source_weights
    return {
        Area.REDUCTION: {
            "reduction_completion": _ratio(r.actual_reduction, r.planned_reduction),
            "county_exit_completion": _ratio(r.actual_county_exits, r.planned_county_exits),
            "income_growth_above_national": growth,
        },
        Area.IDENTIFICATION: {
            "identification_accuracy": combined(case.identification_accuracy, sw),
            "exit_accuracy": combined(case.exit_accuracy, sw),
        },
        Area.SUPPORT: {"satisfaction": combined(case.satisfaction, sw)},
        Area.FUNDS: {
            "funds_score": None if case.funds_score is None else Fraction(case.funds_score)
        },
    }


def area_score(indicators: Mapping[str, Fraction | None]) -> Fraction | None:
    """The mean of an area's indicator scores, None when any is unknown."""
    values = list(indicators.values())
    if any(v is None for v in values):
        return None
    known = [v for v in values if v is not None]
    return sum(known, Fraction(0)) / len(known)


def grade_of(score: Fraction, cutoffs: Sequence[tuple[Grade, Fraction]]) -> Grade:
    """The best grade whose cut-off the score reaches (不低于: at the cut-off earns it);
    below every cut-off, 较差."""
    for grade, floor in cutoffs:
        if score >= floor:
            return grade
    return Grade.POOR


def shown(x: Fraction) -> str:
    """A score for display, rounded to 4 places (verdicts use the exact value)."""
    return str((Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal("0.0001")))
