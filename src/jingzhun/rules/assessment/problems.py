"""The six problem types of 《考核办法》第七条 as checks on an assessment case.

Each check answers True (the problem is shown by the data), False (the data show it is
absent) or None (the data needed are not given: the problem cannot be excluded).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from jingzhun.domain.assessment import AssessmentCase, Problem, Source
from jingzhun.rules.assessment.common import combined


@attrs.frozen(kw_only=True)
class Limits:
    """The 较低 limits of 第七条（五）(低于: exclusive) and the source weights in force."""

    accuracy_below: Decimal
    satisfaction_below: Decimal
    source_weights: dict[Source, Fraction]


@attrs.frozen(kw_only=True)
class Check:
    """The answer for one problem type, with what showed it."""

    problem: Problem
    found: bool | None
    detail_zh: str
    detail_en: str


def _count(n: int | None, what_zh: str, what_en: str, problem: Problem) -> Check:
    if n is None:
        return Check(
            problem=problem,
            found=None,
            detail_zh=f"未提供{what_zh}",
            detail_en=f"{what_en} not given",
        )
    return Check(
        problem=problem,
        found=n > 0,
        detail_zh=f"{what_zh}{n}起",
        detail_en=f"{n} {what_en}",
    )


def plan_not_met(case: AssessmentCase, _l: Limits) -> Check:
    """（一）: fewer people or counties out of poverty than the year's plan (a county exit
    task is part of it: 《退出意见》四、（一）)."""
    r = case.reduction
    pairs = (
        ("减贫人数", "poverty reduction", r.actual_reduction, r.planned_reduction),
        ("贫困县退出", "county exits", r.actual_county_exits, r.planned_county_exits),
    )
    short = [(zh, en, a, p) for zh, en, a, p in pairs if a is not None and p is not None and a < p]
    if short:
        return Check(
            problem=Problem.PLAN_NOT_MET,
            found=True,
            detail_zh="；".join(f"{zh}{a}，计划{p}" for zh, _en, a, p in short),
            detail_en="; ".join(f"{en} {a} against a plan of {p}" for _zh, en, a, p in short),
        )
    if any(a is None or p is None for _zh, _en, a, p in pairs):
        return Check(
            problem=Problem.PLAN_NOT_MET,
            found=None,
            detail_zh="缺少计划数或完成数",
            detail_en="planned or achieved figures not given",
        )
    return Check(
        problem=Problem.PLAN_NOT_MET,
        found=False,
        detail_zh="完成年度减贫计划",
        detail_en="the yearly plan was met",
    )


def funds_violation(case: AssessmentCase, _l: Limits) -> Check:
    """（二）: breaches of the rules on managing and using the funds."""
    return _count(
        case.findings.funds_violations,
        "违反扶贫资金管理使用规定",
        "fund-rule breaches",
        Problem.FUNDS_VIOLATION,
    )


def county_constraint(case: AssessmentCase, _l: Limits) -> Check:
    """（三）: prohibited acts of poor counties (贫困县约束规定)."""
    return _count(
        case.findings.county_constraint_violations,
        "贫困县禁止作为事项",
        "prohibited acts of poor counties",
        Problem.COUNTY_CONSTRAINT,
    )


def fake_exit(case: AssessmentCase, _l: Limits) -> Check:
    """（四）: falsified exits (弄虚作假、数字脱贫)."""
    return _count(
        case.findings.falsified_exits, "弄虚作假、数字脱贫", "falsified exits", Problem.FAKE_EXIT
    )


def discipline(case: AssessmentCase, _l: Limits) -> Check:
    """（六）: violations found by discipline inspection, supervision, audit or the public."""
    return _count(
        case.findings.discipline_findings,
        "纪检、监察、审计和社会监督发现的违纪违规问题",
        "violations found by discipline, supervision, audit or the public",
        Problem.DISCIPLINE,
    )


def low_accuracy(case: AssessmentCase, limits: Limits) -> Check:
    """（五）: identification or exit accuracy, or satisfaction with support, 较低 — below
    ``assessment.low_accuracy_below`` / ``assessment.low_satisfaction_below``."""
    sw = limits.source_weights
    figures = (
        (
            "识别准确率",
            "identification accuracy",
            combined(case.identification_accuracy, sw),
            limits.accuracy_below,
        ),
        ("退出准确率", "exit accuracy", combined(case.exit_accuracy, sw), limits.accuracy_below),
        (
            "帮扶工作群众满意度",
            "satisfaction",
            combined(case.satisfaction, sw),
            limits.satisfaction_below,
        ),
    )
    low = [(zh, en, v, b) for zh, en, v, b in figures if v is not None and v < Fraction(b)]
    if low:
        return Check(
            problem=Problem.LOW_ACCURACY,
            found=True,
            detail_zh="；".join(f"{zh}{_pct(v)}低于{_pct(Fraction(b))}" for zh, _en, v, b in low),
            detail_en="; ".join(
                f"{en} {_pct(v)} below {_pct(Fraction(b))}" for _zh, en, v, b in low
            ),
        )
    missing = [zh for zh, _en, v, _b in figures if v is None]
    if missing:
        return Check(
            problem=Problem.LOW_ACCURACY,
            found=None,
            detail_zh="缺少" + "、".join(missing),
            detail_en=f"{len(missing)} of the three figures not given",
        )
    return Check(
        problem=Problem.LOW_ACCURACY,
        found=False,
        detail_zh="准确率、满意度均不低于界限",
        detail_en="accuracy and satisfaction at or above the limits",
    )


def _pct(x: Fraction) -> str:
    value = Decimal(x.numerator) / Decimal(x.denominator) * 100
    return f"{value.quantize(Decimal('0.01')).normalize():f}%"


CHECKS: Final[tuple[Callable[[AssessmentCase, Limits], Check], ...]] = (
    plan_not_met,
    funds_violation,
    county_constraint,
    fake_exit,
    low_accuracy,
    discipline,
)
