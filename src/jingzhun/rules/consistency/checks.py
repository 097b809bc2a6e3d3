"""Checks of the household record consistency rule that registry checkers run (peers.md
§5.2–5.3): from the national list, school stage against age and head and spouse of one sex;
with ``provincial_checks``, labour capacity at the elderly age and the cause 'lack of labour'
against the members."""

from __future__ import annotations

import datetime as dt
from typing import Final

from jingzhun.core.decisions import Effect, Evidence, Reason
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import Household, Member
from jingzhun.domain.vocabulary import LabourCapacity, PovertyCause, Relation, SchoolStatus
from jingzhun.rules.consistency.spec import PEERS, SPEC

HEAD_SPOUSE_SAME_SEX = SPEC.code(
    "REC_HEAD_SPOUSE_SAME_SEX",
    zh="户主{head}与配偶{spouse}同性别",
    en="household head {head} and spouse {spouse} are of the same sex",
    citations=(PEERS,),
)
SCHOOL_STAGE_AGE = SPEC.code(
    "REC_SCHOOL_STAGE_AGE",
    zh="成员{member}（{age}岁）在校生状况为{stage}，与年龄不符",
    en="member {member} is {age} but recorded at school stage {stage_en}",
    citations=(PEERS,),
)
ELDER_LABOUR = SPEC.code(
    "REC_ELDER_WITH_FULL_LABOUR",
    zh="成员{member}已满{minimum}周岁（{age}岁），劳动能力不应为{labour}",
    en="member {member} is {age}, at least {minimum}, and cannot be {labour_en}",
    citations=(PEERS,),
)
LABOUR_CAUSE = SPEC.code(
    "REC_LABOUR_CAUSE_BUT_ALL_CAN_WORK",
    zh="致贫原因含“缺劳动力”，但成员均为普通或技能劳动力",
    en="cause 'lack of labour' but every member is ordinary or skilled labour",
    citations=(PEERS,),
)

_SENIOR_STAGES: Final = (
    SchoolStatus.SENIOR_SECONDARY,
    SchoolStatus.VOCATIONAL,
    SchoolStatus.HIGHER,
)
_JUNIOR_STAGES: Final = (SchoolStatus.PRESCHOOL, SchoolStatus.PRIMARY)


def school_stage(
    m: Member, day: dt.date, stages: tuple[ResolvedParameter, ResolvedParameter]
) -> list[Reason]:
    """14岁及以下在校生状况为高中及以上; 20岁及以上在校生状况为小学及以下 (national list)."""
    age = m.age_on(day)
    senior_min, primary_max = stages
    if age is None or age < 0:
        return []
    if m.school in _SENIOR_STAGES and age < senior_min.integer():
        used = senior_min
    elif m.school in _JUNIOR_STAGES and age > primary_max.integer():
        used = primary_max
    else:
        return []
    return [
        SCHOOL_STAGE_AGE(
            Effect.OPPOSES,
            evidence=(
                Evidence(name=f"members[{m.member_id}].age", value=age),
                Evidence(name=f"members[{m.member_id}].school", value=m.school),
            ),
            parameters=(used.use(),),
            member=m.member_id,
            age=age,
            stage=m.school.zh,
            stage_en=m.school.en,
        )
    ]


def elder_labour(m: Member, day: dt.date, minimum: ResolvedParameter) -> list[Reason]:
    """A member at or above the elderly age is not ordinary or skilled labour."""
    age = m.age_on(day)
    limit = minimum.integer()
    if (
        age is None
        or age < limit
        or m.labour
        not in (
            LabourCapacity.ORDINARY,
            LabourCapacity.SKILLED,
        )
    ):
        return []
    return [
        ELDER_LABOUR(
            Effect.OPPOSES,
            evidence=(
                Evidence(name=f"members[{m.member_id}].age", value=age),
                Evidence(name=f"members[{m.member_id}].labour", value=m.labour),
            ),
            parameters=(minimum.use(),),
            member=m.member_id,
            age=age,
            minimum=limit,
            labour=m.labour.zh,
            labour_en=m.labour.en,
        )
    ]


def head_spouse(h: Household) -> list[Reason]:
    """户主与配偶同性别 (national data-quality list)."""
    heads = [m for m in h.members if m.relation is Relation.HEAD and m.sex is not None]
    spouses = [m for m in h.members if m.relation is Relation.SPOUSE and m.sex is not None]
    return [
        HEAD_SPOUSE_SAME_SEX(
            Effect.OPPOSES,
            evidence=(
                Evidence(name=f"members[{a.member_id}].sex", value=a.sex),
                Evidence(name=f"members[{b.member_id}].sex", value=b.sex),
            ),
            head=a.member_id,
            spouse=b.member_id,
        )
        for a in heads
        for b in spouses
        if a.sex is b.sex
    ]


def lack_of_labour(h: Household) -> list[Reason]:
    """The cause 缺劳动力 while every member is ordinary or skilled labour (Gzuwkj 4_11_009)."""
    full = (LabourCapacity.ORDINARY, LabourCapacity.SKILLED)
    if (
        not h.members
        or PovertyCause.LACK_OF_LABOUR not in h.causes
        or not all(m.labour in full for m in h.members)
    ):
        return []
    return [LABOUR_CAUSE(Effect.OPPOSES, evidence=(Evidence(name="causes", value=h.causes),))]


def provincial(h: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """The checks of ``provincial_checks=True``."""
    elderly = ps.resolve("consistency.elderly_age", on=day, region=h.county_code)
    return [*(r for m in h.members for r in elder_labour(m, day, elderly)), *lack_of_labour(h)]
