"""Household identification (贫困户识别): income below the line, guarantees considered."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Final

import pendulum

from jingzhun.core.catalogue import RuleSpec, register
from jingzhun.core.citations import Citation, cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
    ReasonCode,
    evidence,
)
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
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


INCOME_FORMULA: Final = Citation(
    title="贫困户人均纯收入计算方法（《扶贫开发建档立卡工作方案》指标解释，转引）",
    url="https://bw8.net/zhishi-1016662.html",
    quote="贫困户人均纯收入=(工资性收入+生产经营性收入+财产性收入+转移性收入-生产经营性支出)/家庭人口数。",
    status="partial",
)


_HOUSEHOLD_STANDARD = cite("BOOK2017-ch5-end-b")


INCOME_BELOW_LINE = ReasonCode(
    code="ID_INCOME_BELOW_LINE",
    zh="{year}年家庭人均纯收入{income}元，低于国家扶贫标准{line}元",
    en="per-capita net income {income} yuan in {year} is below the poverty line of {line} yuan",
    citations=(_HOUSEHOLD_STANDARD, INCOME_FORMULA),
)


INCOME_NOT_BELOW_LINE = ReasonCode(
    code="ID_INCOME_NOT_BELOW_LINE",
    zh="{year}年家庭人均纯收入{income}元，不低于国家扶贫标准{line}元（“低于”不含本数）",
    en="per-capita net income {income} yuan in {year} is not below the line of {line} yuan "
    "('below' excludes the line itself)",
    citations=(_HOUSEHOLD_STANDARD, INCOME_FORMULA),
)


INCOME_MISSING = ReasonCode(
    code="ID_INCOME_MISSING",
    zh="缺少收入数据，无法与扶贫标准比较",
    en="no income figures: cannot compare with the poverty line",
    citations=(_HOUSEHOLD_STANDARD,),
)


NO_LINE_FOR_YEAR = ReasonCode(
    code="ID_NO_LINE_FOR_YEAR",
    zh="{year}年没有在册的国家扶贫标准",
    en="no national poverty line is recorded for {year}",
    citations=(_HOUSEHOLD_STANDARD,),
)


INCOME_YEAR_NOT_ENDED = ReasonCode(
    code="ID_INCOME_YEAR_IN_FUTURE",
    zh="收入年度{year}晚于判定日期{on}",
    en="income year {year} lies after the decision date {on}",
    citations=(_HOUSEHOLD_STANDARD,),
)


INCOME_YEAR_INCOMPLETE = ReasonCode(
    code="ID_INCOME_YEAR_INCOMPLETE",
    zh="判定日期{on}时{year}年尚未结束，收入为全年预计数",
    en="the income year {year} has not ended on {on}: the income is a full-year estimate",
    citations=(_HOUSEHOLD_STANDARD,),
)


LINE_UNCONFIRMED = ReasonCode(
    code="ID_LINE_NOT_CONFIRMED",
    zh="{year}年扶贫标准{line}元的来源状态为“{status}”，结论依赖该值",
    en="the {year} line of {line} yuan has source status '{status}'; the verdict depends on it",
)


BEFORE_REGISTRY = ReasonCode(
    code="ID_BEFORE_NATIONAL_REGISTRY",
    zh="判定日期{on}早于2014年全国建档立卡工作开展，识别标准尚未施行",
    en="decision date {on} precedes the national registration begun in 2014: "
    "the identification standard is not yet in force",
    citations=(cite("BOOK2017-ch5-end-a"),),
)


@lru_cache(maxsize=256)
def _year_start(year: int) -> pendulum.Date:
    return pendulum.date(year, 1, 1)


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
    region = household.county_code
    reasons: list[Reason] = []

    registry = ps.resolve("identification.registry_open", on=day, region=region)
    if not registry.value:
        return Decision(
            rule=HOUSEHOLD_RULE,
            subject=household.household_id,
            on=day,
            outcome=Outcome.UNDETERMINED,
            question_zh="是否识别为建档立卡贫困户",
            question_en="Is the household identified as poor?",
            reasons=(BEFORE_REGISTRY(Effect.BLOCKS, parameters=(registry.use(),), on=day),),
        )

    year = household.income_year if household.income_year is not None else day.year - 1
    income = household.per_capita_net_income()
    below: bool | None = None
    line_value: Decimal | None = None
    if year > day.year:
        reasons.append(
            INCOME_YEAR_NOT_ENDED(
                Effect.BLOCKS,
                evidence=(Evidence(name="income_year", value=year),),
                year=year,
                on=day,
            )
        )
    elif income is None:
        reasons.append(INCOME_MISSING(Effect.BLOCKS))
    else:
        if year == day.year and (day.month, day.day) != (12, 31):
            reasons.append(INCOME_YEAR_INCOMPLETE(Effect.NOTE, year=year, on=day))
        try:
            line = ps.resolve("poverty_line.nominal", on=_year_start(year), region=region)
        except NoValueInForceError:
            reasons.append(
                NO_LINE_FOR_YEAR(
                    Effect.BLOCKS, evidence=(Evidence(name="income_year", value=year),), year=year
                )
            )
        else:
            assert isinstance(line.value, Decimal)
            line_value = line.value
            below = income < line_value
            code = INCOME_BELOW_LINE if below else INCOME_NOT_BELOW_LINE
            reasons.append(
                code(
                    Effect.SUPPORTS if below else Effect.OPPOSES,
                    evidence=_income_evidence(household, year, income),
                    parameters=(line.use(),),
                    year=year,
                    income=income,
                    line=line_value,
                )
            )
            if line.status != "confirmed":
                reasons.append(
                    LINE_UNCONFIRMED(
                        Effect.NOTE,
                        parameters=(line.use(),),
                        citations=(line.source,),
                        year=year,
                        line=line_value,
                        status=line.status,
                    )
                )

    guarantee = guarantee_reasons(household, day, ps, below, income, line_value)
    exclusions = matching_exclusions(household, day, ps)
    reasons += guarantee
    reasons += exclusions
    # Income below the line OR (per guarantee_mode) an unmet guarantee qualifies; a local
    # exclusion overrides both; missing facts leave the question open.
    if exclusions:
        outcome = Outcome.NOT_MET
    elif below is True or any(r.effect is Effect.SUPPORTS for r in guarantee):
        outcome = Outcome.MET
    elif any(r.effect is Effect.BLOCKS for r in reasons):
        outcome = Outcome.UNDETERMINED
    else:
        outcome = Outcome.NOT_MET
    return Decision(
        rule=HOUSEHOLD_RULE,
        subject=household.household_id,
        on=day,
        outcome=outcome,
        question_zh="是否识别为建档立卡贫困户",
        question_en="Is the household identified as poor?",
        reasons=tuple(reasons),
    )


register(
    RuleSpec(
        id=HOUSEHOLD_RULE,
        function="jingzhun.identify_household",
        title_zh="贫困户识别（收入低于国家扶贫标准，综合考虑两不愁三保障）",
        title_en="Household identification (income below the line, guarantees considered)",
        clauses=("BOOK2017-ch5-end-b", "BOOK2017-ch1-2", "BOOK2017-ch1-3-a", "BOOK2017-ch5-end-a"),
        reason_codes=(
            INCOME_BELOW_LINE,
            INCOME_NOT_BELOW_LINE,
            INCOME_MISSING,
            NO_LINE_FOR_YEAR,
            INCOME_YEAR_NOT_ENDED,
            INCOME_YEAR_INCOMPLETE,
            LINE_UNCONFIRMED,
            GUARANTEE_UNMET,
            GUARANTEE_UNMET_OUTSIDE_MARGIN,
            GUARANTEES_MET,
            GUARANTEE_UNKNOWN,
            GUARANTEES_NOT_USED,
            EXCLUDED,
            BEFORE_REGISTRY,
        ),
    )
)
