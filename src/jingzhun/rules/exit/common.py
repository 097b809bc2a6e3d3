"""Shared by the exit rules: the decision shell, regional thresholds, reported rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jingzhun.core.decisions import Decision, Reason, combine
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.regions import province


def exit_decision(
    rule: str, subject: str, day: dt.date, reasons: tuple[Reason, ...], level: str
) -> Decision:
    questions = {
        "household": ("贫困户是否符合退出条件", "May the household exit poverty?"),
        "village": ("贫困村是否符合退出条件", "May the village exit poverty?"),
        "county": ("贫困县是否符合退出（摘帽）条件", "May the county exit (be delisted)?"),
    }
    zh, en = questions[level]
    return Decision(
        rule=rule,
        subject=subject,
        on=day,
        outcome=combine(reasons),
        question_zh=zh,
        question_en=en,
        reasons=reasons,
    )


def regional_threshold(
    ps: ParameterSet, base: str, region: str, day: dt.date
) -> tuple[ResolvedParameter, bool]:
    west = province(region).is_west
    return ps.resolve(f"{base}_west" if west else base, on=day, region=region), west


def contradicts(reported: Decimal, computed: Decimal) -> bool:
    """Whether a reported rate disagrees with the computed one beyond its own rounding.

    A rate written with decimals is taken to be rounded at its last digit; ``0`` or ``1``
    without decimals is taken as exact.
    """
    exponent = reported.as_tuple().exponent
    assert isinstance(exponent, int)
    tolerance = Decimal(1).scaleb(exponent) / 2 if exponent < 0 else Decimal(0)
    return abs(reported - computed) > tolerance
