"""Identification (识别) of poor households, villages and counties; quotas; the procedure.

Pure functions: each takes domain objects and an explicit decision date ``on`` (and
optionally a :class:`~jingzhun.parameters.ParameterSet`) and returns a
:class:`~jingzhun.decisions.Decision`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

import attrs
import pendulum

from jingzhun.catalogue import RuleSpec, register
from jingzhun.citations import Citation, cite
from jingzhun.dates import DateLike, as_date
from jingzhun.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
    ReasonCode,
    combine,
    evidence,
)
from jingzhun.errors import NoValueInForceError
from jingzhun.guarantees import GUARANTEE_ORDER, guarantee_facts
from jingzhun.model import (
    County,
    Household,
    ProcedureFile,
    ReferenceArea,
    Village,
)
from jingzhun.money import percent, to_fen
from jingzhun.parameters import ParameterSet, ResolvedParameter
from jingzhun.procedure import PROCEDURE_CODES, check_steps
from jingzhun.regions import canonical_code, region_chain
from jingzhun.vocabulary import ExclusionCriterion, Guarantee, QuotaUnit, VehicleKind

HOUSEHOLD_RULE: Final = "identification.household"
VILLAGE_RULE: Final = "identification.village"
COUNTY_RULE: Final = "identification.county"
QUOTA_RULE: Final = "identification.quota"
PROCEDURE_RULE: Final = "identification.procedure"

GUARANTEE_MODES: Final = (
    "income_only",
    "income_or_unmet_guarantee",
    "income_or_unmet_within_margin",
)

INCOME_FORMULA: Final = Citation(
    title="贫困户人均纯收入计算方法（《扶贫开发建档立卡工作方案》指标解释，转引）",
    url="https://bw8.net/zhishi-1016662.html",
    quote="贫困户人均纯收入=(工资性收入+生产经营性收入+财产性收入+转移性收入-生产经营性支出)/家庭人口数。",
    status="partial",
)
_HOUSEHOLD_STANDARD = cite("BOOK2017-ch5-end-b")
_GUARANTEE_DEFINITION = cite("BOOK2017-ch1-3-a")

# --- reason codes -----------------------------------------------------------------------

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
GUARANTEE_UNMET = ReasonCode(
    code="ID_GUARANTEE_UNMET",
    zh="“两不愁三保障”未实现：{items}",
    en="unmet 'two assurances, three guarantees': {items}",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)
GUARANTEE_UNMET_OUTSIDE_MARGIN = ReasonCode(
    code="ID_GUARANTEE_UNMET_INCOME_TOO_HIGH",
    zh="“两不愁三保障”未实现（{items}），但人均纯收入{income}元不低于宽限标准{limit}元",
    en="unmet guarantees ({items}) but per-capita income {income} yuan is not below the "
    "widened limit of {limit} yuan",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)
GUARANTEES_MET = ReasonCode(
    code="ID_GUARANTEES_MET",
    zh="“两不愁三保障”均已实现",
    en="every guarantee considered is met",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)
GUARANTEE_UNKNOWN = ReasonCode(
    code="ID_GUARANTEE_UNKNOWN",
    zh="以下保障情况未登记：{items}",
    en="not recorded: {items}",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)
GUARANTEES_NOT_USED = ReasonCode(
    code="ID_GUARANTEES_NOT_USED",
    zh="按“仅收入”口径，“两不愁三保障”情况只作记录（未实现：{items}）",
    en="under the income-only reading the guarantees are recorded, not used (unmet: {items})",
    citations=(_HOUSEHOLD_STANDARD,),
)
EXCLUDED = ReasonCode(
    code="ID_EXCLUDED_BY_LOCAL_LIST",
    zh="属于本地不予识别情形 {item}：{text}",
    en="falls under local exclusion {item}: {text_en}",
)
BEFORE_REGISTRY = ReasonCode(
    code="ID_BEFORE_NATIONAL_REGISTRY",
    zh="判定日期{on}早于2014年全国建档立卡工作开展，识别标准尚未施行",
    en="decision date {on} precedes the national registration begun in 2014: "
    "the identification standard is not yet in force",
    citations=(cite("BOOK2017-ch5-end-a"),),
)

# --- parameters --------------------------------------------------------------------------


def _params(params: ParameterSet | None) -> ParameterSet:
    return params if params is not None else ParameterSet.bundled()


@lru_cache(maxsize=256)
def _year_start(year: int) -> pendulum.Date:
    return pendulum.date(year, 1, 1)


_GUARANTEE_ORDER: Final = GUARANTEE_ORDER


def considered_guarantees(
    on: dt.date, *, region: str | None = None, params: ParameterSet | None = None
) -> tuple[Guarantee, ...]:
    """The guarantees identification considers on ``on`` (drinking water from 2019)."""
    water = _params(params).resolve("guarantees.drinking_water_counts", on=on, region=region)
    if water.value:
        return _GUARANTEE_ORDER
    return _GUARANTEE_ORDER[:-1]


@attrs.frozen(kw_only=True)
class ExclusionItem:
    """One item of a local exclusion list (几不评), read from parameter data."""

    id: str
    criteria: tuple[ExclusionCriterion, ...]
    zh: str
    en: str
    vehicle_kinds: frozenset[VehicleKind] | None = None
    min_vehicle_price: Decimal | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ExclusionItem:
        kinds = row.get("vehicle_kinds")
        price = row.get("min_vehicle_price")
        return cls(
            id=row["id"],
            criteria=tuple(ExclusionCriterion.of(c) for c in row["criteria"]),
            zh=row["zh"],
            en=row["en"],
            vehicle_kinds=frozenset(VehicleKind.of(k) for k in kinds) if kinds else None,
            min_vehicle_price=Decimal(price) if price is not None else None,
        )

    def matches(self, household: Household) -> list[Evidence]:
        """The facts of ``household`` that this item catches (empty if none)."""
        found: list[Evidence] = []
        for criterion in self.criteria:
            if criterion is ExclusionCriterion.TOWN_PROPERTY and household.assets.town_property:
                found.append(Evidence(name="assets.town_property", value=True))
            elif (
                criterion is ExclusionCriterion.REGISTERED_BUSINESS
                and household.assets.registered_business
            ):
                found.append(Evidence(name="assets.registered_business", value=True))
            elif (
                criterion is ExclusionCriterion.PUBLIC_SERVANT_RELATIVE
                and household.assets.public_servant_relative
            ):
                found.append(Evidence(name="assets.public_servant_relative", value=True))
            elif criterion is ExclusionCriterion.PUBLIC_PAYROLL_MEMBER:
                found += [
                    Evidence(name=f"members[{m.member_id}].public_payroll", value=True)
                    for m in household.members
                    if m.public_payroll
                ]
            elif criterion is ExclusionCriterion.VILLAGE_CADRE_MEMBER:
                found += [
                    Evidence(name=f"members[{m.member_id}].village_cadre", value=True)
                    for m in household.members
                    if m.village_cadre
                ]
            elif criterion is ExclusionCriterion.VEHICLE:
                for i, car in enumerate(household.assets.vehicles):
                    if self.vehicle_kinds is not None and car.kind not in self.vehicle_kinds:
                        continue
                    if self.min_vehicle_price is not None and (
                        car.purchase_price is None or car.purchase_price < self.min_vehicle_price
                    ):
                        continue  # 3万元以上 includes 30000 exactly
                    found.append(
                        Evidence(
                            name=f"assets.vehicles[{i}]",
                            value=f"{car.kind.value} {car.purchase_price or ''}".strip(),
                        )
                    )
        return found


# Parsed exclusion lists, keyed by the identity of the parameter value they come from (the
# value is kept alive in the entry, so the key cannot be reused while it is cached).
_EXCLUSION_CACHE: dict[int, tuple[object, tuple[ExclusionItem, ...]]] = {}


def _exclusion_list(resolved: ResolvedParameter) -> tuple[ExclusionItem, ...]:
    rows = resolved.value
    assert isinstance(rows, tuple)
    hit = _EXCLUSION_CACHE.get(id(rows))
    if hit is not None and hit[0] is rows:
        return hit[1]
    items = tuple(ExclusionItem.from_row(r) for r in rows)
    if len(_EXCLUSION_CACHE) > 256:
        _EXCLUSION_CACHE.clear()
    _EXCLUSION_CACHE[id(rows)] = (rows, items)
    return items


# --- household identification ----------------------------------------------------------


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
    ps = _params(params)
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

    guarantee = _guarantee_reasons(household, day, ps, below, income, line_value)
    exclusions = _exclusion_reasons(household, day, ps)
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


def _items(gs: Iterable[Guarantee]) -> str:
    return "、".join(g.zh for g in gs)


def _guarantee_reasons(
    household: Household,
    day: dt.date,
    ps: ParameterSet,
    below: bool | None,
    income: Decimal | None,
    line: Decimal | None,
) -> list[Reason]:
    region = household.county_code
    mode_p = ps.resolve("identification.guarantee_mode", on=day, region=region)
    mode = mode_p.value
    if mode not in GUARANTEE_MODES:
        raise ValueError(f"identification.guarantee_mode {mode!r} is not one of {GUARANTEE_MODES}")
    water_p = ps.resolve("guarantees.drinking_water_counts", on=day, region=region)
    ev, unmet, unknown = guarantee_facts(household.guarantees, bool(water_p.value))
    used = (mode_p.use(), water_p.use())

    if mode == "income_only":
        return [
            GUARANTEES_NOT_USED(
                Effect.NOTE, evidence=ev, parameters=used, items=_items(unmet) or "无 / none"
            )
        ]
    if unmet:
        if mode == "income_or_unmet_guarantee" or below:
            return [
                GUARANTEE_UNMET(
                    Effect.SUPPORTS if below is not True else Effect.NOTE,
                    evidence=ev,
                    parameters=used,
                    items=_items(unmet),
                )
            ]
        margin_p = ps.resolve("identification.guarantee_margin", on=day, region=region)
        assert isinstance(margin_p.value, Decimal)
        if income is None or line is None:
            return [GUARANTEE_UNMET(Effect.NOTE, evidence=ev, parameters=used, items=_items(unmet))]
        limit = line * (1 + margin_p.value)
        if income < limit:
            return [
                GUARANTEE_UNMET(
                    Effect.SUPPORTS,
                    evidence=ev,
                    parameters=(*used, margin_p.use()),
                    items=_items(unmet),
                )
            ]
        return [
            GUARANTEE_UNMET_OUTSIDE_MARGIN(
                Effect.NOTE,
                evidence=ev,
                parameters=(*used, margin_p.use()),
                items=_items(unmet),
                income=income,
                limit=limit,
            )
        ]
    if below is True:
        return (
            [GUARANTEES_MET(Effect.NOTE, evidence=ev, parameters=used)]
            if not unknown
            else [
                GUARANTEE_UNKNOWN(Effect.NOTE, evidence=ev, parameters=used, items=_items(unknown))
            ]
        )
    if unknown and mode == "income_or_unmet_within_margin" and income is not None and line:
        margin_p = ps.resolve("identification.guarantee_margin", on=day, region=region)
        assert isinstance(margin_p.value, Decimal)
        if income >= line * (1 + margin_p.value):  # no guarantee could qualify it
            return [
                GUARANTEE_UNKNOWN(
                    Effect.NOTE,
                    evidence=ev,
                    parameters=(*used, margin_p.use()),
                    items=_items(unknown),
                )
            ]
    if unknown:
        return [
            GUARANTEE_UNKNOWN(Effect.BLOCKS, evidence=ev, parameters=used, items=_items(unknown))
        ]
    return [GUARANTEES_MET(Effect.NOTE, evidence=ev, parameters=used)]


def exclusion_reasons(
    household: Household, *, on: DateLike, params: ParameterSet | None = None
) -> list[Reason]:
    """The local exclusion items (几不评) a household falls under on ``on`` (opposing reasons)."""
    return _exclusion_reasons(household, as_date(on), _params(params))


def _exclusion_reasons(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    a = household.assets
    if not (
        a.vehicles
        or a.town_property
        or a.registered_business
        or a.public_servant_relative
        or any(m.public_payroll or m.village_cadre for m in household.members)
    ):
        return []  # none of the facts any exclusion criterion tests
    resolved = ps.resolve("identification.exclusion_list", on=day, region=household.county_code)
    out: list[Reason] = []
    for item in _exclusion_list(resolved):
        facts = item.matches(household)
        if facts:
            out.append(
                EXCLUDED(
                    Effect.OPPOSES,
                    evidence=facts,
                    parameters=(resolved.use(),),
                    citations=(resolved.source,),
                    item=item.id,
                    text=item.zh,
                    text_en=item.en,
                )
            )
    return out


# --- village identification -------------------------------------------------------------

_VILLAGE_STANDARD = cite("BOOK2017-ch5-end-c")

VILLAGE_HIGH_INCIDENCE = ReasonCode(
    code="VID_INCIDENCE_HIGH",
    zh="贫困发生率{incidence}（{poor}/{rural}），不低于参照区域{ref}的{multiple}倍（{limit}）",
    en="poverty incidence {incidence} ({poor}/{rural}) is at least {multiple} times the "
    "reference area's {ref} ({limit})",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_LOW_INCIDENCE = ReasonCode(
    code="VID_INCIDENCE_NOT_HIGH",
    zh="贫困发生率{incidence}（{poor}/{rural}），低于参照区域{ref}的{multiple}倍（{limit}）",
    en="poverty incidence {incidence} ({poor}/{rural}) is below {multiple} times the "
    "reference area's {ref} ({limit})",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_LOW_INCOME = ReasonCode(
    code="VID_INCOME_LOW",
    zh="农民人均纯收入{income}元，低于参照区域平均{average}元的{ratio}（{limit}元）",
    en="per-capita net income {income} yuan is below {ratio} of the reference average "
    "{average} yuan ({limit} yuan)",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_INCOME_NOT_LOW = ReasonCode(
    code="VID_INCOME_NOT_LOW",
    zh="农民人均纯收入{income}元，不低于参照区域平均{average}元的{ratio}（{limit}元；“低于”不含本数）",
    en="per-capita net income {income} yuan is not below {ratio} of the reference average "
    "{average} yuan ({limit} yuan; 'below' excludes it)",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_NO_COLLECTIVE = ReasonCode(
    code="VID_NO_COLLECTIVE_INCOME",
    zh="没有集体经济收入",
    en="no collective-economy income",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_HAS_COLLECTIVE = ReasonCode(
    code="VID_HAS_COLLECTIVE_INCOME",
    zh="有集体经济收入{amount}元",
    en="collective-economy income of {amount} yuan",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_COLLECTIVE_NOT_REQUIRED = ReasonCode(
    code="VID_COLLECTIVE_INCOME_NOT_REQUIRED",
    zh="本地识别标准不含“一无”条件（集体经济收入{amount}元仅作记录）",
    en="the local standard has no 'no collective income' condition ({amount} yuan recorded only)",
)
VILLAGE_DATA_MISSING = ReasonCode(
    code="VID_DATA_MISSING",
    zh="缺少{field}，无法判定",
    en="missing {field}: cannot decide",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_REFERENCE_MISMATCH = ReasonCode(
    code="VID_REFERENCE_LEVEL_MISMATCH",
    zh="参照区域应为{expected}级，给出的是{given}级",
    en="the reference area should be a {expected}, a {given} was given",
    citations=(_VILLAGE_STANDARD,),
)
VILLAGE_REFERENCE_OUTSIDE = ReasonCode(
    code="VID_REFERENCE_DOES_NOT_CONTAIN_VILLAGE",
    zh="参照区域{ref}不包含该村所在县{county}",
    en="reference area {ref} does not contain the village's county {county}",
)


def poverty_incidence(poor: int, population: int) -> Decimal:
    """贫困发生率 = 贫困人口 ÷ 农村（户籍）人口, as an exact Decimal fraction."""
    if population <= 0:
        raise ValueError("the population must be positive to compute an incidence")
    return Decimal(poor) / Decimal(population)


def identify_village(
    village: Village, *, reference: ReferenceArea, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a village is identified as poor (贫困村识别, 一高一低一无).

    《精准扶贫精准脱贫》第五章末段: 对贫困村依据“贫困发生率高于全省贫困发生率一倍以上、
    农民人均纯收入低于全省平均水平60%、没有集体经济收入”的标准进行识别. “一倍以上”
    includes exactly twice the reference incidence; “低于…60%” excludes exactly 60%.
    """
    day = as_date(on)
    ps = _params(params)
    region = village.county_code
    reasons: list[Reason] = []
    level = ps.resolve("village_identification.reference_level", on=day, region=region)
    if reference.level != level.value:
        reasons.append(
            VILLAGE_REFERENCE_MISMATCH(
                Effect.BLOCKS,
                parameters=(level.use(),),
                evidence=(Evidence(name="reference.level", value=reference.level),),
                expected=level.value,
                given=reference.level,
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

    multiple = ps.resolve("village_identification.incidence_multiple", on=day, region=region)
    assert isinstance(multiple.value, Decimal)
    ref_ev = Evidence(name="reference.poverty_incidence", value=reference.poverty_incidence)
    if village.rural_population == 0:
        reasons.append(VILLAGE_DATA_MISSING(Effect.BLOCKS, field="rural_population (0)"))
    else:
        inc = poverty_incidence(village.poor_population, village.rural_population)
        limit = multiple.value * reference.poverty_incidence
        high = village.poor_population >= limit * village.rural_population
        code = VILLAGE_HIGH_INCIDENCE if high else VILLAGE_LOW_INCIDENCE
        reasons.append(
            code(
                Effect.SUPPORTS if high else Effect.OPPOSES,
                evidence=(
                    Evidence(name="poor_population", value=village.poor_population),
                    Evidence(name="rural_population", value=village.rural_population),
                    Evidence(name="poverty_incidence", value=inc),
                    ref_ev,
                ),
                parameters=(multiple.use(),),
                incidence=percent(inc),
                poor=village.poor_population,
                rural=village.rural_population,
                ref=percent(reference.poverty_incidence),
                multiple=multiple.value,
                limit=percent(limit),
            )
        )

    ratio = ps.resolve("village_identification.income_ratio", on=day, region=region)
    assert isinstance(ratio.value, Decimal)
    if village.per_capita_net_income is None:
        reasons.append(VILLAGE_DATA_MISSING(Effect.BLOCKS, field="per_capita_net_income"))
    else:
        limit_income = ratio.value * reference.average_per_capita_income
        low = village.per_capita_net_income < limit_income
        code = VILLAGE_LOW_INCOME if low else VILLAGE_INCOME_NOT_LOW
        reasons.append(
            code(
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
                ratio=percent(ratio.value, 0),
                limit=to_fen(limit_income),
            )
        )

    required = ps.resolve(
        "village_identification.require_no_collective_income", on=day, region=region
    )
    amount = village.collective_income
    ev = (Evidence(name="collective_income", value=amount, unit="yuan"),)
    if not required.value:
        reasons.append(
            VILLAGE_COLLECTIVE_NOT_REQUIRED(
                Effect.NOTE,
                evidence=ev,
                parameters=(required.use(),),
                citations=(required.source,),
                amount=amount if amount is not None else "—",
            )
        )
    elif amount is None:
        reasons.append(
            VILLAGE_DATA_MISSING(
                Effect.BLOCKS, parameters=(required.use(),), field="collective_income"
            )
        )
    elif amount == 0:
        reasons.append(
            VILLAGE_NO_COLLECTIVE(Effect.SUPPORTS, evidence=ev, parameters=(required.use(),))
        )
    else:
        reasons.append(
            VILLAGE_HAS_COLLECTIVE(
                Effect.OPPOSES, evidence=ev, parameters=(required.use(),), amount=amount
            )
        )
    return Decision(
        rule=VILLAGE_RULE,
        subject=village.village_id,
        on=day,
        outcome=combine(reasons),
        question_zh="是否识别为贫困村",
        question_en="Is the village identified as poor?",
        reasons=tuple(reasons),
    )


# --- poor counties ----------------------------------------------------------------------

_POOR_COUNTY = cite("EXIT2016-3.3-a")
COUNTY_KEY = ReasonCode(
    code="CID_KEY_COUNTY",
    zh="国家扶贫开发工作重点县",
    en="a national key poverty county",
    citations=(_POOR_COUNTY,),
)
COUNTY_CONTIGUOUS = ReasonCode(
    code="CID_CONTIGUOUS_AREA_COUNTY",
    zh="集中连片特困地区县",
    en="a county of a contiguous destitute area",
    citations=(_POOR_COUNTY,),
)
COUNTY_NEITHER = ReasonCode(
    code="CID_NOT_POOR_COUNTY",
    zh="既非国家扶贫开发工作重点县，也非集中连片特困地区县",
    en="neither a key poverty county nor a contiguous-area county",
    citations=(_POOR_COUNTY,),
)


def identify_poor_county(county: County, *, on: DateLike) -> Decision:
    """Whether a county is a poor county (贫困县).

    《关于建立贫困退出机制的意见》三、（三）: 贫困县包括国家扶贫开发工作重点县和集中连片特困地区县.
    """
    ev = (
        Evidence(name="key_county", value=county.key_county),
        Evidence(name="contiguous_area_county", value=county.contiguous_area_county),
    )
    reasons: list[Reason] = []
    if county.key_county:
        reasons.append(COUNTY_KEY(Effect.SUPPORTS, evidence=ev))
    if county.contiguous_area_county:
        reasons.append(COUNTY_CONTIGUOUS(Effect.SUPPORTS, evidence=ev))
    if not reasons:
        reasons.append(COUNTY_NEITHER(Effect.OPPOSES, evidence=ev))
    return Decision(
        rule=COUNTY_RULE,
        subject=county.county_code,
        on=as_date(on),
        outcome=combine(reasons),
        question_zh="是否为贫困县",
        question_en="Is the county a poor county?",
        reasons=tuple(reasons),
    )


COUNTY_LIST_COUNT = ReasonCode(
    code="CID_LIST_COUNT",
    zh="{what}：名单{found}个，公布数{expected}个",
    en="{what_en}: {found} in the list, {expected} published",
    citations=(cite("BOOK2017-ch4-1.2"),),
)


COUNTY_LIST_NO_COUNT = ReasonCode(
    code="CID_LIST_NO_PUBLISHED_COUNT",
    zh="{on}尚无公布的{what}数（公布数自2015年底起）",
    en="no published count of {what_en} on {on} (published as of end-2015)",
    citations=(cite("BOOK2017-ch4-1.2"),),
)


def check_poor_county_list(
    counties: Sequence[County], *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a list of counties matches the published poor-county universe.

    《精准扶贫精准脱贫》第四章 一、（二）: 592个国家扶贫开发工作重点县 … 680个连片特困地区县。
    剔除其中重合部分，共有832个县区. A complete national list must reproduce all three counts.
    """
    day = as_date(on)
    ps = _params(params)
    counts = (
        (
            "poor_county.key_county_count",
            sum(c.key_county for c in counties),
            "重点县",
            "key counties",
        ),
        (
            "poor_county.contiguous_area_county_count",
            sum(c.contiguous_area_county for c in counties),
            "片区县",
            "contiguous-area counties",
        ),
        (
            "poor_county.total_count",
            sum(c.key_county or c.contiguous_area_county for c in counties),
            "贫困县（去重）",
            "poor counties (deduplicated)",
        ),
    )
    reasons = []
    for name, found, what, what_en in counts:
        try:
            p = ps.resolve(name, on=day)
        except NoValueInForceError:
            reasons.append(COUNTY_LIST_NO_COUNT(Effect.BLOCKS, what=what, what_en=what_en, on=day))
            continue
        reasons.append(
            COUNTY_LIST_COUNT(
                Effect.SUPPORTS if found == p.value else Effect.OPPOSES,
                evidence=(Evidence(name=name.split(".")[1], value=found),),
                parameters=(p.use(),),
                what=what,
                what_en=what_en,
                found=found,
                expected=p.value,
            )
        )
    return Decision(
        rule="identification.county_list",
        subject=f"{len(counties)} counties",
        on=day,
        outcome=combine(reasons),
        question_zh="贫困县名单是否与公布数一致",
        question_en="Does the list match the published poor-county counts?",
        reasons=tuple(reasons),
    )


# --- quota (规模控制) ---------------------------------------------------------------------

_QUOTA = cite("MECH2014-1.2-b")

QUOTA_SELECTED = ReasonCode(
    code="QUOTA_SELECTED",
    zh="按需要程度排第{rank}位，累计{used}{unit}，未超过规模{quota}{unit}",
    en="ranked {rank} by need; {used} {unit_en} used of the quota of {quota}",
    citations=(_QUOTA,),
)
QUOTA_EXHAUSTED = ReasonCode(
    code="QUOTA_EXHAUSTED",
    zh="按需要程度排第{rank}位；纳入后累计{would}{unit}，超过规模{quota}{unit}"
    "（最后纳入：{last}，人均纯收入{last_income}元）",
    en="ranked {rank} by need; admitting it would use {would} {unit_en}, over the quota of "
    "{quota} (last admitted: {last}, income {last_income} yuan)",
    citations=(_QUOTA,),
)
QUOTA_NOT_ELIGIBLE = ReasonCode(
    code="QUOTA_NOT_ELIGIBLE",
    zh="识别结论为“{outcome}”，不参与规模排序",
    en="identification outcome '{outcome_en}': not ranked for the quota",
    citations=(_QUOTA,),
)


@attrs.frozen(kw_only=True)
class QuotaSelection:
    """The result of :func:`select_within_quota`: one decision per candidate, in input order."""

    quota: int
    unit: QuotaUnit
    used: int
    ranking: tuple[str, ...]
    decisions: tuple[Decision, ...]

    @property
    def selected(self) -> tuple[str, ...]:
        """Admitted households, in order of need."""
        admitted = {d.subject for d in self.decisions if d.outcome is Outcome.MET}
        return tuple(h for h in self.ranking if h in admitted)

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(d.subject for d in self.decisions if d.outcome is not Outcome.MET)


def need_key(household: Household, decision: Decision) -> tuple[Decimal, int, str]:
    """Order of need: lower per-capita income first, then more unmet guarantees, then id.

    The household id makes the order total and stable (the same input always gives the
    same selection, whatever its order).
    """
    income = household.per_capita_net_income()
    unmet = sum(1 for g in _GUARANTEE_ORDER if household.guarantees.get(g) is False)
    return (income if income is not None else Decimal("Infinity"), -unmet, household.household_id)


def select_within_quota(
    households: Sequence[Household],
    *,
    quota: int,
    on: DateLike,
    unit: QuotaUnit = QuotaUnit.PERSONS,
    params: ParameterSet | None = None,
) -> QuotaSelection:
    """Select identified households within a quota (规模控制), neediest first.

    《关于创新机制扎实推进农村扶贫开发工作的意见》一、（二）: 按照县为单位、规模控制、分级负责、
    精准识别、动态管理的原则. Households are admitted whole, strictly in order of need:
    once one does not fit, no less needy household is admitted after it.
    """
    if quota < 0:
        raise ValueError("quota must not be negative")
    day = as_date(on)
    idents = [identify_household(h, on=day, params=params) for h in households]
    eligible = sorted(
        (i for i, d in enumerate(idents) if d.outcome is Outcome.MET),
        key=lambda i: need_key(households[i], idents[i]),
    )
    extra: dict[int, tuple[Outcome, Reason]] = {}
    used = 0
    full = False
    last: Household | None = None
    for rank, i in enumerate(eligible, start=1):
        h = households[i]
        size = h.size if unit is QuotaUnit.PERSONS else 1
        fields: dict[str, Any] = {"rank": rank, "quota": quota, "unit": unit.zh, "unit_en": unit.en}
        ev = (
            Evidence(name="rank", value=rank),
            Evidence(name="quota", value=quota),
            Evidence(name="per_capita_net_income", value=h.per_capita_net_income()),
        )
        if not full and used + size <= quota:
            used += size
            last = h
            extra[i] = (
                Outcome.MET,
                QUOTA_SELECTED(Effect.SUPPORTS, evidence=ev, used=used, **fields),
            )
        else:
            full = True
            extra[i] = (
                Outcome.NOT_MET,
                QUOTA_EXHAUSTED(
                    Effect.OPPOSES,
                    evidence=ev,
                    would=used + size,
                    last=last.household_id if last else "—",
                    last_income=last.per_capita_net_income() if last else "—",
                    **fields,
                ),
            )
    decisions = []
    for i, (h, ident) in enumerate(zip(households, idents, strict=True)):
        if i in extra:
            outcome, reason = extra[i]
        else:
            outcome = Outcome.NOT_MET
            reason = QUOTA_NOT_ELIGIBLE(
                Effect.OPPOSES, outcome=ident.outcome.zh, outcome_en=ident.outcome.en
            )
        decisions.append(
            Decision(
                rule=QUOTA_RULE,
                subject=h.household_id,
                on=day,
                outcome=outcome,
                question_zh="是否在识别规模内纳入",
                question_en="Is the household admitted within the quota?",
                reasons=(reason, *ident.reasons),
            )
        )
    return QuotaSelection(
        quota=quota,
        unit=unit,
        used=used,
        decisions=tuple(decisions),
        ranking=tuple(households[i].household_id for i in eligible),
    )


# --- procedure (两公示一公告) ---------------------------------------------------------------

_PROCEDURE = cite("BOOK2017-ch5-1.1-c")
_ENTRY = cite("BOOK2017-ch5-1.1-a")


def check_identification_procedure(
    file: ProcedureFile,
    *,
    on: DateLike,
    params: ParameterSet | None = None,
    region: str | None = None,
) -> Decision:
    """Whether an identification file followed the procedure (两公示一公告).

    Steps must all be present, in order, on or before ``on``; each notice must run the
    notice period (days counted without the day of posting) and end with no unresolved
    objection before the next step (经公示无异议后); the file ends with entry into the
    national system (《精准扶贫精准脱贫》第五章 一、（一）).
    """
    day = as_date(on)
    ps = _params(params)
    name = (
        "identification.household_procedure"
        if file.level == "household"
        else "identification.village_procedure"
    )
    reasons = check_steps(
        file.steps,
        ps.resolve(name, on=day, region=region),
        ps.resolve("identification.notice_period_days", on=day, region=region),
        on=day,
        citations=(_PROCEDURE,),
        step_citations={"data_entry": (_ENTRY,)},
    )
    return Decision(
        rule=PROCEDURE_RULE,
        subject=file.subject_id,
        on=day,
        outcome=combine(reasons),
        question_zh="识别程序是否完整合规",
        question_en="Was the identification procedure complete and in order?",
        reasons=tuple(reasons),
    )


# --- catalogue --------------------------------------------------------------------------

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
register(
    RuleSpec(
        id=VILLAGE_RULE,
        function="jingzhun.identify_village",
        title_zh="贫困村识别（一高一低一无）",
        title_en="Village identification (one high, one low, one none)",
        clauses=("BOOK2017-ch5-end-c",),
        reason_codes=(
            VILLAGE_HIGH_INCIDENCE,
            VILLAGE_LOW_INCIDENCE,
            VILLAGE_LOW_INCOME,
            VILLAGE_INCOME_NOT_LOW,
            VILLAGE_NO_COLLECTIVE,
            VILLAGE_HAS_COLLECTIVE,
            VILLAGE_COLLECTIVE_NOT_REQUIRED,
            VILLAGE_DATA_MISSING,
            VILLAGE_REFERENCE_MISMATCH,
            VILLAGE_REFERENCE_OUTSIDE,
        ),
    )
)
register(
    RuleSpec(
        id=COUNTY_RULE,
        function="jingzhun.identify_poor_county",
        title_zh="贫困县认定",
        title_en="Poor county (key county or contiguous-area county)",
        clauses=("EXIT2016-3.3-a",),
        reason_codes=(COUNTY_KEY, COUNTY_CONTIGUOUS, COUNTY_NEITHER),
    )
)
register(
    RuleSpec(
        id="identification.county_list",
        function="jingzhun.check_poor_county_list",
        title_zh="贫困县名单与公布数核对（592+680，去重832）",
        title_en="Poor-county list against the published counts",
        clauses=("BOOK2017-ch4-1.2",),
        reason_codes=(COUNTY_LIST_COUNT, COUNTY_LIST_NO_COUNT),
    )
)
register(
    RuleSpec(
        id=QUOTA_RULE,
        function="jingzhun.select_within_quota",
        title_zh="规模控制（按需要程度排序）",
        title_en="Quota control (neediest first)",
        clauses=("MECH2014-1.2-b",),
        reason_codes=(QUOTA_SELECTED, QUOTA_EXHAUSTED, QUOTA_NOT_ELIGIBLE),
    )
)
register(
    RuleSpec(
        id=PROCEDURE_RULE,
        function="jingzhun.check_identification_procedure",
        title_zh="识别程序（两公示一公告）",
        title_en="Identification procedure (two notices, one announcement)",
        clauses=("BOOK2017-ch5-1.1-c", "BOOK2017-ch5-1.1-a", "BOOK2017-ch5-1.1-e"),
        reason_codes=PROCEDURE_CODES,
    )
)
