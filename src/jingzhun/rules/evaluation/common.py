"""Shared by the evaluation rules: the rates of a sample, each with its interval.

A metric counts *people* for the 三率 (a sampled household weighs its ``members``) and
*households* for 群众认可度 and satisfaction. The sampling unit is the household (simple random
sample) or the village (clustered sample, the village's households added up), so the design
effect of :func:`jingzhun.core.statistics.estimate` accounts for people sharing a household or
households sharing a village.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Final

import attrs

from jingzhun.core.statistics import Estimate, estimate
from jingzhun.domain.evaluation import (
    Approval,
    EvaluationCase,
    SampledHousehold,
    SampleKind,
)
from jingzhun.domain.registry import RegistryStatus


@attrs.frozen(kw_only=True)
class MetricSpec:
    """One rate of the evaluation: who is in its denominator, who in its numerator."""

    key: str
    zh: str
    en: str
    statuses: tuple[RegistryStatus, ...]
    finding: Callable[[SampledHousehold], bool | None]  # None: no finding (not counted)
    people: bool  # weigh a household by its members (a 人口 rate) or count it once (户)
    blocking: bool  # a missing finding leaves the rate undetermined (else: not asked)
    population: Callable[[EvaluationCase], int | None]
    of_what_zh: str
    of_what_en: str


def _flip(value: bool | None) -> bool | None:
    return None if value is None else not value


_ALL: Final = (RegistryStatus.POOR, RegistryStatus.EXITED, RegistryStatus.NOT_REGISTERED)

METRICS: Final = (
    MetricSpec(
        key="identification_accuracy",
        zh="贫困人口识别准确率",
        en="identification accuracy",
        statuses=(RegistryStatus.POOR, RegistryStatus.EXITED),
        finding=lambda h: h.should_be_registered,
        people=True,
        blocking=False,
        population=lambda c: c.design.registered_population,
        of_what_zh="建档立卡户",
        of_what_en="registered households",
    ),
    MetricSpec(
        key="exit_accuracy",
        zh="贫困人口退出准确率",
        en="exit accuracy",
        statuses=(RegistryStatus.EXITED,),
        finding=lambda h: h.correctly_exited,
        people=True,
        blocking=False,
        population=lambda c: c.design.exited_population,
        of_what_zh="已脱贫户",
        of_what_en="exited households",
    ),
    MetricSpec(
        key="wrong_exit_rate",
        zh="脱贫人口错退率",
        en="rate of wrongly exited people",
        statuses=(RegistryStatus.EXITED,),
        finding=lambda h: _flip(h.correctly_exited),
        people=True,
        blocking=True,
        population=lambda c: c.design.exited_population,
        of_what_zh="已脱贫户",
        of_what_en="exited households",
    ),
    MetricSpec(
        key="missed_rate",
        zh="贫困人口漏评率",
        en="rate of missed poor people",
        statuses=(RegistryStatus.NOT_REGISTERED,),
        finding=lambda h: h.should_be_registered,
        people=True,
        blocking=True,
        population=lambda c: c.design.non_registered_population,
        of_what_zh="未建档立卡户",
        of_what_en="non-registered households",
    ),
    MetricSpec(
        key="approval",
        zh="群众认可度",
        en="public approval",
        statuses=_ALL,
        finding=lambda h: None if h.approval is None else h.approval is Approval.APPROVE,
        people=False,
        blocking=False,
        population=lambda c: c.design.households,
        of_what_zh="调查户",
        of_what_en="surveyed households",
    ),
    MetricSpec(
        key="satisfaction",
        zh="帮扶群众满意度",
        en="satisfaction with the assistance",
        statuses=_ALL,
        finding=lambda h: None if h.satisfaction is None else h.satisfaction.satisfied,
        people=False,
        blocking=False,
        population=lambda c: c.design.households,
        of_what_zh="调查户",
        of_what_en="surveyed households",
    ),
)

METRIC: Final = {m.key: m for m in METRICS}


@attrs.frozen(kw_only=True)
class MetricResult:
    """A metric of one sample: its estimate (None without a household), and the households of
    its denominator that lack the finding (``missing``)."""

    spec: MetricSpec
    estimate: Estimate | None
    households: int
    missing: int


def measure(case: EvaluationCase, spec: MetricSpec, confidence: Decimal | Fraction) -> MetricResult:
    """The metric's estimate over the households with a finding, and the missing count."""
    units: dict[str, list[int]] = {}
    households = missing = 0
    clustered = case.design.kind is SampleKind.CLUSTERED
    for h in case.households:
        if h.status not in spec.statuses:
            continue
        found = spec.finding(h)
        if found is None:
            missing += 1
            continue
        households += 1
        weight = h.members if spec.people else 1
        key = h.village_id if clustered else h.household_id
        unit = units.setdefault(key, [0, 0])
        unit[0] += weight if found else 0
        unit[1] += weight
    if not units:
        return MetricResult(spec=spec, estimate=None, households=0, missing=missing)
    given = case.design.design_effect
    est = estimate(
        [(y, x) for y, x in units.values()],
        confidence=confidence,
        population=spec.population(case),
        design_effect=given,
    )
    return MetricResult(spec=spec, estimate=est, households=households, missing=missing)


def pct(value: Fraction, places: int = 2, rounding: str | None = None) -> str:
    """A fraction as a percentage for display (``1.25%``); ``rounding`` floor/ceiling for bounds."""
    exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    step = Decimal(1).scaleb(-places)
    mode = {"floor": ROUND_FLOOR, "ceiling": ROUND_CEILING}.get(rounding or "")
    shown = exact.quantize(step) if mode is None else exact.quantize(step, rounding=mode)
    return f"{shown}%"


def conf_text(confidence: Fraction) -> str:
    """A confidence level as written: ``95%``, ``97.5%``."""
    exact = Decimal(confidence.numerator) * 100 / Decimal(confidence.denominator)
    return f"{exact.normalize():f}%"


def interval_text(est: Estimate) -> tuple[str, str]:
    """``95%置信区间0.50%–2.10%`` and its English, bounds rounded outward for display."""
    conf = conf_text(est.confidence)
    lo, hi = pct(est.lower, rounding="floor"), pct(est.upper, rounding="ceiling")
    if est.census:
        return "全数调查，无抽样误差", "a census: no sampling error"
    return f"{conf}置信区间{lo}–{hi}", f"{conf} interval {lo}–{hi}"


def decimal_of(value: Fraction) -> Decimal:
    """A fraction as a decimal for evidence (12 significant places; display only)."""
    shown = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("1e-12"))
    return Decimal(f"{shown.normalize():f}")
