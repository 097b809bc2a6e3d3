"""应保尽保: a poor household that lost its labour capacity is in 低保 (the safety net).

《精准扶贫精准脱贫》第六章 五、: 对丧失劳动能力、无法通过产业扶持和就业帮助实现脱贫的贫困家庭将
全部纳入农村低保; 五、（一）: 坚持应保尽保、不应保坚决不保原则 … 对贫困户中丧失劳动能力的特困
老人、失独老人、重度残疾人、重大疾病患者、重度精神病患者等 … 全部纳入农村低保; 五、（三）: 对纳入
农村低保中的重残人员（一、二级）、患有重大疾病人员、70岁以上老年人、学龄前儿童和在校学生实施
分类重点救助.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.audit import EntityKind, Responsible, Severity, finding
from jingzhun.domain.model import Household, Member
from jingzhun.domain.support import MeasureKind
from jingzhun.domain.vocabulary import HealthStatus, HouseholdType, LabourCapacity, SchoolStatus
from jingzhun.rules.classification.common import (
    SAFETY_NET_LABOUR,
    fully_lost_labour,
    labour_standing,
    with_parameters,
)
from jingzhun.rules.common.params import param_set

RULE: Final = "classification.dibao_coverage"
KEY_AGE: Final = "classification.key_assistance_age"

SPEC = RuleSpec(
    id=RULE,
    title_zh="应保尽保：丧失劳动能力的贫困家庭纳入农村低保",
    title_en="Dibao coverage: poor households that lost their labour capacity have the minimum "
    "living guarantee",
    question_zh="应纳入农村低保的贫困户是否已纳入",
    question_en="Is a poor household that should have the minimum living guarantee (dibao) "
    "covered by it?",
    subject=Household,
    parameters=(SAFETY_NET_LABOUR, KEY_AGE),
    clauses=(
        "BOOK2017-ch6-5",
        "BOOK2017-ch6-5.1-a",
        "BOOK2017-ch6-5.1-b",
        "DECISION2015-11-c",
        "BOOK2017-ch6-5.3-a",
    ),
)

_COVERAGE = (cite("BOOK2017-ch6-5"), cite("BOOK2017-ch6-5.1-a"), cite("BOOK2017-ch6-5.1-b"))

DC_COVERED = SPEC.code(
    "DC_COVERED",
    zh="已纳入低保或特困供养（{how}）",
    en="covered by the minimum living guarantee or destitute support ({how})",
    citations=(cite("BOOK2017-ch6-5"),),
)
DC_NOT_REQUIRED = SPEC.code(
    "DC_NOT_REQUIRED",
    zh="{able}人未完全丧失劳动能力，不属丧失劳动能力家庭，本项不要求纳入低保",
    en="{able} member(s) have not fully lost labour capacity: dibao is not required by this check",
    citations=(cite("BOOK2017-ch6-5"),),
)
DC_LABOUR_UNKNOWN = SPEC.code(
    "DC_LABOUR_UNKNOWN",
    zh="{unknown}人劳动能力未记录，无法判定是否应纳入低保",
    en="labour capacity of {unknown} member(s) not recorded: whether dibao is due cannot be judged",
    citations=(cite("BOOK2017-ch6-5"),),
)
DC_NOT_COVERED = SPEC.code(
    "DC_NOT_COVERED",
    zh="全部成员丧失劳动能力，未纳入低保（应保尽保）",
    en="every member lost labour capacity, yet the household has no dibao (all who qualify "
    "must be covered)",
    citations=_COVERAGE,
)
DC_KEY_ASSISTANCE = SPEC.code(
    "DC_KEY_ASSISTANCE",
    zh="低保家庭中应分类重点救助的成员：{members}",
    en="members of a dibao household due classified key assistance: {members}",
    citations=(cite("BOOK2017-ch6-5.3-a"),),
)
DC_GRADE_NOT_RECORDED = SPEC.code(
    "DC_DISABILITY_GRADE_NOT_RECORDED",
    zh="残疾成员{n}人的残疾等级未记录，无法判定是否属重残人员（一、二级）",
    en="disability grade of {n} disabled member(s) not recorded: severe disability (grade 1–2) "
    "cannot be judged",
    citations=(cite("BOOK2017-ch6-5.3-a"),),
)

_STUDENTS: Final = frozenset(
    s for s in SchoolStatus if s.is_student and s is not SchoolStatus.PRESCHOOL
)


def covered_how(household: Household) -> str | None:
    """How the record shows 低保 cover: the household type, or a measure on its card."""
    if household.household_type is not HouseholdType.GENERAL:
        return str(household.household_type.value)
    for text in household.measures:
        try:
            kind = MeasureKind.parse(text)
        except ValueError:
            continue
        if kind in (MeasureKind.DIBAO, MeasureKind.DESTITUTE):
            return str(kind.value)
    return None


def _key_category(member: Member, day: dt.date, age: int) -> str | None:
    """The 分类重点救助 category of a member, or None (以上 includes the age itself)."""
    years = member.age_on(day)
    if years is not None and years >= age:
        return f"aged_{age}_plus"
    if member.health is HealthStatus.SERIOUS_ILLNESS:
        return "serious_illness"
    if member.school is SchoolStatus.PRESCHOOL:
        return "preschool"
    if member.school in _STUDENTS:
        return "student"
    return None


def _key_assistance(household: Household, day: dt.date, age: int) -> Iterator[Reason]:
    listed = []
    for m in household.members:
        category = _key_category(m, day, age)
        if category is not None:
            listed.append(f"{m.member_id}:{category}")
    if listed:
        text = ",".join(listed)
        yield DC_KEY_ASSISTANCE(Effect.NOTE, evidence=(evidence("members", text),), members=text)
    disabled = sum(1 for m in household.members if m.disabled)
    if disabled:
        yield DC_GRADE_NOT_RECORDED(
            Effect.NOTE, evidence=(evidence("disabled", disabled),), n=disabled
        )


def _categories(household: Household) -> str:
    """The members of the categories 五、（一） names, as far as the record shows them."""
    found = []
    for m in household.members:
        if m.health is HealthStatus.SERIOUS_ILLNESS:
            found.append(f"{m.member_id}:serious_illness")
        if m.disabled:
            found.append(f"{m.member_id}:disabled")
    return ",".join(found) or "-"


@SPEC.implementation
def dibao_coverage(
    household: Household, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """不符合 when every member fully lost labour capacity and the record shows no 低保 cover
    (household type 低保/五保, or a 低保/特困供养 measure); a 低保 household's members due
    分类重点救助 are listed (aged at least ``classification.key_assistance_age`` on ``on``)."""
    day = as_date(on)
    ps = param_set(params)
    region = household.county_code
    labour_p = ps.resolve(SAFETY_NET_LABOUR, on=day, region=region)
    age_p = ps.resolve(KEY_AGE, on=day, region=region)
    hid = household.household_id
    how = covered_how(household)
    reasons: list[Reason]
    if how is not None:
        reasons = [DC_COVERED(Effect.SUPPORTS, evidence=(evidence("covered_by", how),), how=how)]
        reasons += _key_assistance(household, day, age_p.integer())
    else:
        reasons = [_uncovered(household, fully_lost_labour(labour_p))]
    reasons[0] = with_parameters(reasons[0], labour_p.use(), age_p.use())
    return SPEC.decide(hid, day, reasons)


def _uncovered(household: Household, lost: frozenset[LabourCapacity]) -> Reason:
    able, gone, unknown = labour_standing(household, lost)
    if able:
        return DC_NOT_REQUIRED(Effect.SUPPORTS, evidence=(evidence("able", able),), able=able)
    if unknown:
        ev = (evidence("unknown", unknown),)
        return DC_LABOUR_UNKNOWN(Effect.BLOCKS, evidence=ev, unknown=unknown)
    return finding(
        DC_NOT_COVERED,
        entity=EntityKind.HOUSEHOLD,
        entity_id=household.household_id,
        severity=Severity.MODERATE,
        responsible=Responsible.COUNTY,
        facts=(evidence("lost", gone), evidence("categories", _categories(household))),
    )
