"""Village identification (贫困村识别, 一高一低一无)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
)
from jingzhun.core.money import percent, to_fen
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.regions import canonical_code, region_chain
from jingzhun.domain.cases import VillageCase
from jingzhun.domain.model import ReferenceArea, Village
from jingzhun.domain.vocabulary import ReferenceLevel
from jingzhun.rules.common.params import param_set
from jingzhun.rules.identification.household import BEFORE_REGISTRY

VILLAGE_RULE: Final = "identification.village"

SPEC = RuleSpec(
    id=VILLAGE_RULE,
    title_zh="贫困村识别（一高一低一无）",
    title_en="Village identification (one high, one low, one none)",
    question_zh="是否识别为贫困村",
    question_en="Is the village identified as poor?",
    subject=VillageCase,
    parameters=(
        "identification.registry_open",
        "village_identification.reference_level",
        "village_identification.incidence_multiple",
        "village_identification.income_ratio",
        "village_identification.require_no_collective_income",
    ),
    clauses=("BOOK2017-ch5-end-c", "BOOK2017-ch5-end-a"),
    command=("identify", "villages"),
)

SPEC.uses(BEFORE_REGISTRY)


_VILLAGE_STANDARD = cite("BOOK2017-ch5-end-c")


VILLAGE_HIGH_INCIDENCE = SPEC.code(
    "VID_INCIDENCE_HIGH",
    zh="贫困发生率{incidence}（{poor}/{rural}），不低于参照区域{ref}的{multiple}倍（{limit}）",
    en="poverty incidence {incidence} ({poor}/{rural}) is at least {multiple} times the "
    "reference area's {ref} ({limit})",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_LOW_INCIDENCE = SPEC.code(
    "VID_INCIDENCE_NOT_HIGH",
    zh="贫困发生率{incidence}（{poor}/{rural}），低于参照区域{ref}的{multiple}倍（{limit}）",
    en="poverty incidence {incidence} ({poor}/{rural}) is below {multiple} times the "
    "reference area's {ref} ({limit})",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_LOW_INCOME = SPEC.code(
    "VID_INCOME_LOW",
    zh="农民人均纯收入{income}元，低于参照区域平均{average}元的{ratio}（{limit}元）",
    en="per-capita net income {income} yuan is below {ratio} of the reference average "
    "{average} yuan ({limit} yuan)",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_INCOME_NOT_LOW = SPEC.code(
    "VID_INCOME_NOT_LOW",
    zh="农民人均纯收入{income}元，不低于参照区域平均{average}元的{ratio}（{limit}元；“低于”不含本数）",
    en="per-capita net income {income} yuan is not below {ratio} of the reference average "
    "{average} yuan ({limit} yuan; 'below' excludes it)",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_NO_COLLECTIVE = SPEC.code(
    "VID_NO_COLLECTIVE_INCOME",
    zh="没有集体经济收入",
    en="no collective-economy income",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_HAS_COLLECTIVE = SPEC.code(
    "VID_HAS_COLLECTIVE_INCOME",
    zh="有集体经济收入{amount}元",
    en="collective-economy income of {amount} yuan",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_COLLECTIVE_NOT_REQUIRED = SPEC.code(
    "VID_COLLECTIVE_INCOME_NOT_REQUIRED",
    zh="本地识别标准不含“一无”条件（集体经济收入{amount}元仅作记录）",
    en="the local standard has no 'no collective income' condition ({amount} yuan recorded only)",
)


VILLAGE_DATA_MISSING = SPEC.code(
    "VID_DATA_MISSING",
    zh="缺少{field}，无法判定",
    en="missing {field}: cannot decide",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_REFERENCE_MISMATCH = SPEC.code(
    "VID_REFERENCE_LEVEL_MISMATCH",
    zh="参照区域应为{expected}级，给出的是{given}级",
    en="the reference area should be a {expected}, a {given} was given",
    citations=(_VILLAGE_STANDARD,),
)


VILLAGE_REFERENCE_OUTSIDE = SPEC.code(
    "VID_REFERENCE_DOES_NOT_CONTAIN_VILLAGE",
    zh="参照区域{ref}不包含该村所在县{county}",
    en="reference area {ref} does not contain the village's county {county}",
)


def poverty_incidence(poor: int, population: int) -> Decimal:
    """贫困发生率 = 贫困人口 ÷ 农村（户籍）人口, as an exact Decimal fraction."""
    if population <= 0:
        raise ValueError("the population must be positive to compute an incidence")
    return Decimal(poor) / Decimal(population)


@SPEC.implementation
def identify_village_case(
    case: VillageCase, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a village is identified as poor (贫困村识别, 一高一低一无).

    《精准扶贫精准脱贫》第五章末段: 对贫困村依据“贫困发生率高于全省贫困发生率一倍以上、
    农民人均纯收入低于全省平均水平60%、没有集体经济收入”的标准进行识别. “一倍以上”
    includes exactly twice the reference incidence; “低于…60%” excludes exactly 60%. Before
    the national registration (2014, ``identification.registry_open``) the standard is not
    in force: undetermined, as for households.
    """
    day = as_date(on)
    ps = param_set(params)
    village, reference = case.village, case.reference
    registry = ps.resolve("identification.registry_open", on=day, region=village.county_code)
    if not registry.flag():
        reason = BEFORE_REGISTRY(Effect.BLOCKS, parameters=(registry.use(),), on=day)
        return SPEC.decide(village.village_id, day, (reason,), outcome=Outcome.UNDETERMINED)
    if reference is None:
        return SPEC.decide(
            village.village_id, day, (VILLAGE_DATA_MISSING(Effect.BLOCKS, field="reference"),)
        )
    reasons = [
        *_reference_checks(village, reference, day, ps),
        _incidence_reason(village, reference, day, ps),
        _income_reason(village, reference, day, ps),
        _collective_reason(village, day, ps),
    ]
    return SPEC.decide(village.village_id, day, reasons)


def identify_village(
    village: Village, *, reference: ReferenceArea, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """:func:`identify_village_case` for a village and its reference area."""
    return identify_village_case(
        VillageCase(village=village, reference=reference), on=on, params=params
    )


def _reference_checks(
    village: Village, reference: ReferenceArea, day: dt.date, ps: ParameterSet
) -> list[Reason]:
    """The reference area must be of the level in force and contain the village."""
    region = village.county_code
    reasons: list[Reason] = []
    level = ps.resolve("village_identification.reference_level", on=day, region=region)
    if reference.level is not level.choice(ReferenceLevel):
        reasons.append(
            VILLAGE_REFERENCE_MISMATCH(
                Effect.BLOCKS,
                parameters=(level.use(),),
                evidence=(Evidence(name="reference.level", value=reference.level),),
                expected=level.text(),
                given=reference.level.value,
            )
        )
    if canonical_code(reference.code) not in region_chain(region):
        reasons.append(
            VILLAGE_REFERENCE_OUTSIDE(
                Effect.BLOCKS,
                evidence=(
                    Evidence(name="reference.code", value=reference.code),
                    Evidence(name="county_code", value=region),
                ),
                ref=reference.code,
                county=region,
            )
        )
    return reasons


def _incidence_reason(
    village: Village, reference: ReferenceArea, day: dt.date, ps: ParameterSet
) -> Reason:
    """一高: incidence at least ``multiple`` times the reference's (一倍以上 includes 2×)."""
    multiple = ps.resolve(
        "village_identification.incidence_multiple", on=day, region=village.county_code
    )
    if village.rural_population == 0:
        return VILLAGE_DATA_MISSING(Effect.BLOCKS, field="rural_population (0)")
    inc = poverty_incidence(village.poor_population, village.rural_population)
    limit = multiple.decimal() * reference.poverty_incidence
    high = village.poor_population >= limit * village.rural_population
    code = VILLAGE_HIGH_INCIDENCE if high else VILLAGE_LOW_INCIDENCE
    return code(
        Effect.SUPPORTS if high else Effect.OPPOSES,
        evidence=(
            Evidence(name="poor_population", value=village.poor_population),
            Evidence(name="rural_population", value=village.rural_population),
            Evidence(name="poverty_incidence", value=inc),
            Evidence(name="reference.poverty_incidence", value=reference.poverty_incidence),
        ),
        parameters=(multiple.use(),),
        incidence=percent(inc),
        poor=village.poor_population,
        rural=village.rural_population,
        ref=percent(reference.poverty_incidence),
        multiple=multiple.decimal(),
        limit=percent(limit),
    )


def _income_reason(
    village: Village, reference: ReferenceArea, day: dt.date, ps: ParameterSet
) -> Reason:
    """一低: income below ``ratio`` of the reference average (低于 excludes it)."""
    ratio = ps.resolve("village_identification.income_ratio", on=day, region=village.county_code)
    if village.per_capita_net_income is None:
        return VILLAGE_DATA_MISSING(Effect.BLOCKS, field="per_capita_net_income")
    limit_income = ratio.decimal() * reference.average_per_capita_income
    low = village.per_capita_net_income < limit_income
    code = VILLAGE_LOW_INCOME if low else VILLAGE_INCOME_NOT_LOW
    return code(
        Effect.SUPPORTS if low else Effect.OPPOSES,
        evidence=(
            Evidence(name="per_capita_net_income", value=village.per_capita_net_income),
            Evidence(
                name="reference.average_per_capita_income",
                value=reference.average_per_capita_income,
            ),
            Evidence(name="income_year", value=village.income_year),
        ),
        parameters=(ratio.use(),),
        income=village.per_capita_net_income,
        average=reference.average_per_capita_income,
        ratio=percent(ratio.decimal(), 0),
        limit=to_fen(limit_income),
    )


def _collective_reason(village: Village, day: dt.date, ps: ParameterSet) -> Reason:
    """一无: no collective-economy income, where the standard in force requires it."""
    required = ps.resolve(
        "village_identification.require_no_collective_income", on=day, region=village.county_code
    )
    amount = village.collective_income
    ev = (Evidence(name="collective_income", value=amount, unit="yuan"),)
    if not required.flag():
        return VILLAGE_COLLECTIVE_NOT_REQUIRED(
            Effect.NOTE,
            evidence=ev,
            parameters=(required.use(),),
            citations=(required.source,),
            amount=amount if amount is not None else "—",
        )
    if amount is None:
        return VILLAGE_DATA_MISSING(
            Effect.BLOCKS, parameters=(required.use(),), field="collective_income"
        )
    if amount == 0:
        return VILLAGE_NO_COLLECTIVE(Effect.SUPPORTS, evidence=ev, parameters=(required.use(),))
    return VILLAGE_HAS_COLLECTIVE(
        Effect.OPPOSES, evidence=ev, parameters=(required.use(),), amount=amount
    )
