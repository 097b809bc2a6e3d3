"""Household identification (贫困户识别): income below the line, guarantees considered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from jingzhun.core.bounds import Bound
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import Citation, cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
    evidence,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.rules.common.income import LineCodes, LineComparison, compare_with_line
from jingzhun.rules.common.params import param_set
from jingzhun.rules.identification.exclusions import EXCLUDED, matching_exclusions
from jingzhun.rules.identification.guarantees import (
    GUARANTEE_UNKNOWN,
    GUARANTEE_UNMET,
    GUARANTEE_UNMET_OUTSIDE_MARGIN,
    GUARANTEES_MET,
    GUARANTEES_NOT_USED,
    guarantee_reasons,
)

HOUSEHOLD_RULE: Final = "identification.household"

SPEC = RuleSpec(
    id=HOUSEHOLD_RULE,
    title_zh="贫困户识别（收入低于国家扶贫标准，综合考虑两不愁三保障）",
    title_en="Household identification (income below the line, guarantees considered)",
    question_zh="是否识别为建档立卡贫困户",
    question_en="Is the household identified as poor?",
    subject=Household,
    parameters=(
        "identification.registry_open",
        "poverty_line.nominal",
        "identification.guarantee_mode",
        "guarantees.drinking_water_counts",
        "identification.guarantee_margin",
        "identification.exclusion_list",
    ),
    clauses=("BOOK2017-ch5-end-b", "BOOK2017-ch1-2", "BOOK2017-ch1-3-a", "BOOK2017-ch5-end-a"),
    command=("identify", "households"),
)


INCOME_FORMULA: Final = Citation(
    title="贫困户人均纯收入计算方法（《扶贫开发建档立卡工作方案》指标解释，转引）",
    url="https://bw8.net/zhishi-1016662.html",
    quote="贫困户人均纯收入=(工资性收入+生产经营性收入+财产性收入+转移性收入-生产经营性支出)/家庭人口数。",
    status="partial",
)


_HOUSEHOLD_STANDARD = cite("BOOK2017-ch5-end-b")


INCOME_BELOW_LINE = SPEC.code(
    "ID_INCOME_BELOW_LINE",
    zh="{year}年家庭人均纯收入{income}元，低于国家扶贫标准{line}元",
    en="per-capita net income {income} yuan in {year} is below the poverty line of {line} yuan",
    citations=(_HOUSEHOLD_STANDARD, INCOME_FORMULA),
)


INCOME_NOT_BELOW_LINE = SPEC.code(
    "ID_INCOME_NOT_BELOW_LINE",
    zh="{year}年家庭人均纯收入{income}元，不低于国家扶贫标准{line}元（“低于”不含本数）",
    en="per-capita net income {income} yuan in {year} is not below the line of {line} yuan "
    "('below' excludes the line itself)",
    citations=(_HOUSEHOLD_STANDARD, INCOME_FORMULA),
)


INCOME_MISSING = SPEC.code(
    "ID_INCOME_MISSING",
    zh="缺少收入数据，无法与扶贫标准比较",
    en="no income figures: cannot compare with the poverty line",
    citations=(_HOUSEHOLD_STANDARD,),
)


NO_LINE_FOR_YEAR = SPEC.code(
    "ID_NO_LINE_FOR_YEAR",
    zh="{year}年没有在册的国家扶贫标准",
    en="no national poverty line is recorded for {year}",
    citations=(_HOUSEHOLD_STANDARD,),
)


INCOME_YEAR_NOT_ENDED = SPEC.code(
    "ID_INCOME_YEAR_IN_FUTURE",
    zh="收入年度{year}晚于判定日期{on}",
    en="income year {year} lies after the decision date {on}",
    citations=(_HOUSEHOLD_STANDARD,),
)


INCOME_YEAR_INCOMPLETE = SPEC.code(
    "ID_INCOME_YEAR_INCOMPLETE",
    zh="判定日期{on}时{year}年尚未结束，收入为全年预计数",
    en="the income year {year} has not ended on {on}: the income is a full-year estimate",
    citations=(_HOUSEHOLD_STANDARD,),
)


LINE_UNCONFIRMED = SPEC.code(
    "ID_LINE_NOT_CONFIRMED",
    zh="{year}年扶贫标准{line}元的来源状态为“{status}”，结论依赖该值",
    en="the {year} line of {line} yuan has source status '{status}'; the verdict depends on it",
)


BEFORE_REGISTRY = SPEC.code(
    "ID_BEFORE_NATIONAL_REGISTRY",
    zh="判定日期{on}早于2014年全国建档立卡工作开展，识别标准尚未施行",
    en="decision date {on} precedes the national registration begun in 2014: "
    "the identification standard is not yet in force",
    citations=(cite("BOOK2017-ch5-end-a"),),
)


def _income_evidence(household: Household, year: int, income: Decimal) -> list[Evidence]:
    ev: list[Evidence] = []
    inc = household.income
    if inc is not None:
        ev += [
            evidence("income.wages", inc.wages, "yuan"),
            evidence("income.business", inc.business, "yuan"),
            evidence("income.property_income", inc.property_income, "yuan"),
            evidence("income.transfers", inc.transfers, "yuan"),
            evidence("income.business_costs", inc.business_costs, "yuan"),
            evidence("income.net", inc.net, "yuan"),
        ]
    else:
        ev.append(
            evidence("reported_per_capita_income", household.reported_per_capita_income, "yuan")
        )
    ev += [
        evidence("household_size", household.size, "persons"),
        evidence("per_capita_net_income", income, "yuan/person/year"),
        evidence("income_year", year),
    ]
    return ev


_LINE_CODES: Final = LineCodes(
    passes=INCOME_BELOW_LINE,
    fails=INCOME_NOT_BELOW_LINE,
    missing=INCOME_MISSING,
    no_line=NO_LINE_FOR_YEAR,
    unconfirmed=LINE_UNCONFIRMED,
)


@SPEC.implementation
def identify_household(
    household: Household, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a household is identified as poor (贫困户识别).

    《精准扶贫精准脱贫》第五章末段: 对贫困人口按照收入低于国家扶贫标准，综合考虑“不愁吃、
    不愁穿，义务教育、基本医疗和住房安全有保障”情况进行识别. The income compared is that of
    ``household.income_year`` (default: the year before ``on``) with that year's line;
    “低于” excludes the line itself. How the guarantees are “taken into account” is the
    parameter ``identification.guarantee_mode``; local exclusion lists (几不评) apply as
    overlays for the household's region.
    """
    day = as_date(on)
    ps = param_set(params)
    registry = ps.resolve("identification.registry_open", on=day, region=household.county_code)
    if not registry.flag():
        return SPEC.decide(
            household.household_id,
            day,
            (BEFORE_REGISTRY(Effect.BLOCKS, parameters=(registry.use(),), on=day),),
            outcome=Outcome.UNDETERMINED,
        )
    income = _income_reasons(household, day, ps)
    guarantee = guarantee_reasons(household, day, ps, income.passed, income.income, income.line)
    exclusions = matching_exclusions(household, day, ps)
    reasons = [*income.reasons, *guarantee, *exclusions]
    return SPEC.decide(
        household.household_id, day, reasons, outcome=_outcome(income, guarantee, exclusions)
    )


def _income_reasons(household: Household, day: dt.date, ps: ParameterSet) -> LineComparison:
    """The income year's per-capita income against that year's line (低于: not the line)."""
    year = household.income_year if household.income_year is not None else day.year - 1
    if year > day.year:
        reason = INCOME_YEAR_NOT_ENDED(
            Effect.BLOCKS, evidence=(Evidence(name="income_year", value=year),), year=year, on=day
        )
        return LineComparison(reasons=(reason,), passed=None, income=None, line=None)
    found = compare_with_line(
        household,
        year=year,
        bound=Bound.BELOW,
        codes=_LINE_CODES,
        ps=ps,
        evidence=lambda income: _income_evidence(household, year, income),
    )
    if found.income is None or year != day.year or (day.month, day.day) == (12, 31):
        return found
    note = INCOME_YEAR_INCOMPLETE(Effect.NOTE, year=year, on=day)
    return LineComparison(
        reasons=(note, *found.reasons), passed=found.passed, income=found.income, line=found.line
    )


def _outcome(
    income: LineComparison, guarantee: Sequence[Reason], exclusions: Sequence[Reason]
) -> Outcome:
    """Income below the line, or (per ``identification.guarantee_mode``) an unmet guarantee,
    qualifies; a local exclusion overrides both; missing facts leave the question open.

    The income comparison is the criterion (按照收入低于国家扶贫标准): while it is unknown the
    household is never identified, whatever its guarantees — only a known failure (a local
    exclusion) decides then.
    """
    if exclusions:
        return Outcome.NOT_MET
    if income.passed is None:
        return Outcome.UNDETERMINED
    if income.passed or any(r.effect is Effect.SUPPORTS for r in guarantee):
        return Outcome.MET
    if any(r.effect is Effect.BLOCKS for r in (*income.reasons, *guarantee)):
        return Outcome.UNDETERMINED
    return Outcome.NOT_MET


SPEC.uses(
    GUARANTEE_UNMET,
    GUARANTEE_UNMET_OUTSIDE_MARGIN,
    GUARANTEES_MET,
    GUARANTEE_UNKNOWN,
    GUARANTEES_NOT_USED,
    EXCLUDED,
)
