"""Reading 稳定 (stably above the line) of the household exit standard, per dated parameter.

《关于建立贫困退出机制的意见》三、（一）asks for an income 稳定超过国家扶贫标准 without defining
稳定; the reading is ``exit.household.stability_mode``. The codes are declared by the
household exit rule (``exit.household``), which uses them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from jingzhun.core.citations import cite
from jingzhun.core.decisions import Effect, Evidence, ParameterUse, Reason, ReasonCode
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import Household
from jingzhun.rules.common.income import line_of_year

_HOUSEHOLD_STANDARD = cite("EXIT2016-3.1-b")


class StabilityMode(Labelled):
    """How “稳定超过” (stably above the line) is read, per dated parameter."""

    STABLE_INCOME_SOURCE = (
        "stable_income_source",
        "有稳定收入来源",
        "a stable income source is recorded",
    )
    YEARS_ABOVE_LINE = ("years_above_line", "连续数年超过标准", "above the line for several years")
    CURRENT_YEAR = ("current_year", "当年超过标准", "the income year alone")


STABILITY_MODES: Final = tuple(m.value for m in StabilityMode)


HX_STABLE_SOURCE = ReasonCode(
    code="HX_STABLE_INCOME_SOURCE",
    zh="有稳定收入来源（“稳定超过”按“{mode}”口径）",
    en="a stable income source is recorded ('stably above' read as '{mode}')",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_NO_STABLE_SOURCE = ReasonCode(
    code="HX_NO_STABLE_INCOME_SOURCE",
    zh="没有稳定收入来源（“稳定超过”按“{mode}”口径）",
    en="no stable income source ('stably above' read as '{mode}')",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_STABILITY_UNKNOWN = ReasonCode(
    code="HX_STABILITY_NOT_RECORDED",
    zh="未登记{what}，无法判断收入是否“稳定”超过标准",
    en="{what_en} not recorded: cannot tell whether income is stably above the line",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_YEARS_ABOVE = ReasonCode(
    code="HX_YEARS_ABOVE_LINE",
    zh="连续{years}年（{first}–{last}）人均纯收入超过当年扶贫标准",
    en="per-capita income above each year's line for {years} consecutive years ({first}–{last})",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_YEAR_NOT_ABOVE = ReasonCode(
    code="HX_EARLIER_YEAR_NOT_ABOVE_LINE",
    zh="{year}年人均纯收入{income}元，未超过当年标准{line}元",
    en="in {year} per-capita income {income} yuan was not above that year's line {line} yuan",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_CURRENT_YEAR_ONLY = ReasonCode(
    code="HX_STABILITY_CURRENT_YEAR",
    zh="“稳定超过”按当年收入判断",
    en="'stably above' read as the income year alone",
    citations=(_HOUSEHOLD_STANDARD,),
)


STABILITY_CODES: Final = (
    HX_STABLE_SOURCE,
    HX_NO_STABLE_SOURCE,
    HX_STABILITY_UNKNOWN,
    HX_YEARS_ABOVE,
    HX_YEAR_NOT_ABOVE,
    HX_CURRENT_YEAR_ONLY,
)


def _stable_income_source(household: Household, used: tuple[ParameterUse, ...]) -> list[Reason]:
    """``stable_income_source``: 稳定 read as a recorded stable income source."""
    source = household.stable_income_source
    ev = (Evidence(name="stable_income_source", value=source),)
    if source is None:
        return [
            HX_STABILITY_UNKNOWN(
                Effect.BLOCKS,
                evidence=ev,
                parameters=used,
                what="稳定收入来源",
                what_en="a stable income source",
            )
        ]
    code, effect = (
        (HX_STABLE_SOURCE, Effect.SUPPORTS) if source else (HX_NO_STABLE_SOURCE, Effect.OPPOSES)
    )
    return [code(effect, evidence=ev, parameters=used, mode="stable_income_source")]


def _earlier_year(
    year: int,
    income: Decimal | None,
    line: ResolvedParameter | None,
    used: tuple[ParameterUse, ...],
) -> Reason | None:
    """One earlier year: its income is recorded and above that year's line."""
    if income is None or line is None:
        return HX_STABILITY_UNKNOWN(
            Effect.BLOCKS, parameters=used, what=f"{year}年收入", what_en=f"the income of {year}"
        )
    if income > line.decimal():
        return None
    return HX_YEAR_NOT_ABOVE(
        Effect.OPPOSES,
        evidence=(Evidence(name=f"income_history[{year}]", value=income),),
        parameters=(*used, line.use()),
        year=year,
        income=income,
        line=line.decimal(),
    )


def _years_above_line(
    household: Household, day: dt.date, ps: ParameterSet, used: tuple[ParameterUse, ...], year: int
) -> list[Reason]:
    """``years_above_line``: 稳定 read as income above each year's line for several years."""
    years_p = ps.resolve("exit.household.stable_years", on=day, region=household.county_code)
    years = years_p.integer()
    needed = range(year - years + 1, year)  # earlier years; the income year is above
    history = {a.year: a.per_capita for a in household.income_history}
    with_years = (*used, years_p.use())
    found = (
        _earlier_year(y, history.get(y), line_of_year(ps, y, household.county_code), with_years)
        for y in needed
    )
    out = [r for r in found if r is not None]
    if out:
        return out
    return [
        HX_YEARS_ABOVE(
            Effect.SUPPORTS,
            evidence=tuple(Evidence(name=f"income_history[{y}]", value=history[y]) for y in needed),
            parameters=with_years,
            years=years,
            first=year - years + 1,
            last=year,
        )
    ]


def stability(
    household: Household, day: dt.date, ps: ParameterSet, mode_p: ResolvedParameter, year: int
) -> list[Reason]:
    """稳定超过: read per ``exit.household.stability_mode``."""
    mode = mode_p.choice(StabilityMode)
    used = (mode_p.use(),)
    if mode is StabilityMode.CURRENT_YEAR:
        return [HX_CURRENT_YEAR_ONLY(Effect.NOTE, parameters=used)]
    if mode is StabilityMode.STABLE_INCOME_SOURCE:
        return _stable_income_source(household, used)
    return _years_above_line(household, day, ps, used, year)
