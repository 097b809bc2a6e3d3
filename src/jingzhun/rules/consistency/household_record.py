"""Record consistency checks of a household, like those registry systems run (peers.md §5).

:func:`check_household_record` returns a Decision whose outcome is *met* when the record is
consistent; every problem found is an opposing reason with its own stable code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from jingzhun.core.citations import Citation, cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Evidence, Outcome, Reason
from jingzhun.core.money import FEN
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.privacy import mask_id_number
from jingzhun.domain.model import Household, Member
from jingzhun.domain.vocabulary import (
    HealthStatus,
    PovertyCause,
    Relation,
    SchoolStatus,
)
from jingzhun.rules.common.params import param_set
from jingzhun.rules.consistency.checks import head_spouse, provincial, school_stage
from jingzhun.rules.consistency.spec import PEERS, SPEC

_GB11643 = Citation(
    title="GB 11643-1999 公民身份号码",
    issuer="国家质量技术监督局",
    quote="校验码 … 按照ISO 7064:1983.MOD 11-2校验码计算",
    date="1999-07-01",
)
_CARD = cite("BOOK2017-ch5-1.4-e")
_SURVEY = cite("BOOK2017-ch10-1.2-d")

SIZE_MISMATCH = SPEC.code(
    "REC_SIZE_MISMATCH",
    zh="家庭人口数{declared}与登记成员{listed}人不符",
    en="declared size {declared} differs from the {listed} members listed",
    citations=(_SURVEY,),
)
ID_INVALID = SPEC.code(
    "REC_ID_NUMBER_INVALID",
    zh="成员{member}的身份证号码无效：{why}",
    en="member {member}: invalid ID number: {why}",
    citations=(_GB11643,),
)
ID_BIRTH_MISMATCH = SPEC.code(
    "REC_ID_BIRTH_DATE_MISMATCH",
    zh="成员{member}身份证号码中的出生日期与登记的出生日期不符",
    en="member {member}: the birth date in the ID number differs from the recorded one",
    citations=(_GB11643,),
)
BORN_AFTER = SPEC.code(
    "REC_BIRTH_AFTER_DECISION_DATE",
    zh="成员{member}出生日期晚于判定日期",
    en="member {member} was born after the decision date",
)
AGE_IMPLAUSIBLE = SPEC.code(
    "REC_AGE_IMPLAUSIBLE",
    zh="成员{member}在判定日期为{age}岁，超过合理上限{maximum}岁，出生日期可能登记有误",
    en="member {member} is {age} on the decision date, above the plausible maximum of "
    "{maximum}: the birth date is likely wrong",
)
HEADS = SPEC.code(
    "REC_HEAD_COUNT",
    zh="户主人数为{count}，应为1",
    en="{count} household heads; there must be exactly one",
    citations=(PEERS,),
)
DISABILITY_CAUSE = SPEC.code(
    "REC_DISABILITY_CAUSE_WITHOUT_DISABLED_MEMBER",
    zh="致贫原因含“因残”，但没有残疾成员",
    en="cause 'disability' but no member is disabled",
    citations=(PEERS,),
)
ILLNESS_CAUSE = SPEC.code(
    "REC_ILLNESS_CAUSE_WITHOUT_ILL_MEMBER",
    zh="致贫原因含“因病”，但成员均健康",
    en="cause 'illness' but every member is healthy",
    citations=(PEERS,),
)
SCHOOL_CAUSE = SPEC.code(
    "REC_SCHOOLING_CAUSE_WITHOUT_STUDENT",
    zh="致贫原因含“因学”，但没有在校生",
    en="cause 'schooling' but no member is a student",
    citations=(PEERS,),
)
DUPLICATE_CAUSE = SPEC.code(
    "REC_OTHER_CAUSE_REPEATS_MAIN",
    zh="其他致贫原因与主要致贫原因重复：{cause}",
    en="other cause repeats the main cause: {cause_en}",
    citations=(PEERS,),
)
CHILD_LABOUR = SPEC.code(
    "REC_CHILD_WITH_LABOUR_CAPACITY",
    zh="成员{member}未满{minimum}周岁（{age}岁），劳动能力应为无劳动力",
    en="member {member} is under {minimum} ({age}) and must have no labour capacity",
    citations=(PEERS,),
)
DROPOUT_BUT_EDUCATION_MET = SPEC.code(
    "REC_DROPOUT_BUT_EDUCATION_GUARANTEED",
    zh="成员{member}义务教育阶段辍学，但“义务教育有保障”登记为已实现",
    en="member {member} dropped out of compulsory education but education is recorded as "
    "guaranteed",
    citations=(cite("BOOK2017-ch1-3-a"),),
)
INCOME_DISAGREES = SPEC.code(
    "REC_PER_CAPITA_INCOME_DISAGREES",
    zh="登记的人均纯收入{reported}元与按收入构成计算的{computed}元不符",
    en="reported per-capita income {reported} yuan differs from {computed} yuan computed "
    "from the components",
    citations=(PEERS,),
)
INCOME_IMPLAUSIBLE = SPEC.code(
    "REC_PER_CAPITA_INCOME_IMPLAUSIBLE",
    zh="人均纯收入{income}元不在合理范围（大于0且不超过{maximum}元）",
    en="per-capita income {income} yuan is implausible (must be above 0 and at most {maximum})",
    citations=(PEERS,),
)
CARD_INCOMPLETE = SPEC.code(
    "REC_CARD_INCOMPLETE",
    zh="精准脱贫卡册缺少：{fields}",
    en="poverty card lacks: {fields_en}",
    citations=(_CARD,),
)
CONSISTENT = SPEC.code("REC_CONSISTENT", zh="记录内部一致", en="the record is consistent")


def _size(h: Household) -> list[Reason]:
    """The declared household size (家庭人口数) equals the members listed."""
    if h.declared_size is None or not h.members or h.declared_size == len(h.members):
        return []
    return [
        SIZE_MISMATCH(
            Effect.OPPOSES,
            evidence=(
                Evidence(name="declared_size", value=h.declared_size),
                Evidence(name="members", value=len(h.members)),
            ),
            declared=h.declared_size,
            listed=len(h.members),
        )
    ]


def _heads(h: Household) -> list[Reason]:
    """Exactly one household head (户主)."""
    if not h.members:
        return []
    heads = sum(1 for m in h.members if m.relation is Relation.HEAD)
    if heads == 1:
        return []
    return [HEADS(Effect.OPPOSES, evidence=(Evidence(name="heads", value=heads),), count=heads)]


def _id_number(m: Member) -> list[Reason]:
    """A valid ID number (GB 11643 check digit) whose birth date is the recorded one."""
    if not m.id_number:
        return []
    try:
        ric.validate(m.id_number)
    except ValidationError as exc:
        masked = mask_id_number(m.id_number)
        return [
            ID_INVALID(
                Effect.OPPOSES,
                evidence=(Evidence(name=f"members[{m.member_id}].id_number", value=masked),),
                member=m.member_id,
                why=str(exc),
            )
        ]
    if m.birth_date is None or ric.get_birth_date(m.id_number) == m.birth_date:
        return []
    return [
        ID_BIRTH_MISMATCH(
            Effect.OPPOSES,
            evidence=(Evidence(name=f"members[{m.member_id}].birth_date", value=m.birth_date),),
            member=m.member_id,
        )
    ]


def _born_after(m: Member, day: dt.date) -> list[Reason]:
    if m.birth_date is None or m.birth_date <= day:
        return []
    return [
        BORN_AFTER(
            Effect.OPPOSES,
            evidence=(Evidence(name=f"members[{m.member_id}].birth_date", value=m.birth_date),),
            member=m.member_id,
        )
    ]


def _too_old(m: Member, day: dt.date, cap: ResolvedParameter) -> list[Reason]:
    """An age on the decision date above the plausibility cap (130: 130 itself is plausible,
    131 is not) is a wrongly recorded birth date; an unknown birth date is not checked."""
    age = m.age_on(day)
    maximum = cap.integer()
    if age is None or age <= maximum:
        return []
    return [
        AGE_IMPLAUSIBLE(
            Effect.OPPOSES,
            evidence=(Evidence(name=f"members[{m.member_id}].age", value=age),),
            parameters=(cap.use(),),
            member=m.member_id,
            age=age,
            maximum=maximum,
        )
    ]


def _child_labour(m: Member, day: dt.date, minimum: ResolvedParameter) -> list[Reason]:
    """A member under the working age (16) has no labour capacity (未满16周岁 … 无劳动力)."""
    age = m.age_on(day)
    limit = minimum.integer()
    if age is None or not (0 <= age < limit) or m.labour is None or not m.labour.can_work:
        return []
    return [
        CHILD_LABOUR(
            Effect.OPPOSES,
            evidence=(
                Evidence(name=f"members[{m.member_id}].age", value=age),
                Evidence(name=f"members[{m.member_id}].labour", value=m.labour),
            ),
            parameters=(minimum.use(),),
            member=m.member_id,
            age=age,
            minimum=limit,
        )
    ]


def _dropout(m: Member, h: Household) -> list[Reason]:
    """A dropout from compulsory education contradicts 义务教育有保障 recorded as met."""
    if m.school is not SchoolStatus.DROPPED_OUT or h.guarantees.compulsory_education is not True:
        return []
    return [
        DROPOUT_BUT_EDUCATION_MET(
            Effect.OPPOSES,
            evidence=(Evidence(name=f"members[{m.member_id}].school", value=m.school),),
            member=m.member_id,
        )
    ]


def _members(h: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """Each member in turn: ID number, birth date, age and labour, schooling."""
    minimum = ps.resolve("consistency.working_age_min", on=day, region=h.county_code)
    cap = ps.resolve("consistency.age_plausibility_max", on=day, region=h.county_code)
    stages = (
        ps.resolve("consistency.senior_school_age_min", on=day, region=h.county_code),
        ps.resolve("consistency.primary_school_age_max", on=day, region=h.county_code),
    )
    return [
        r
        for m in h.members
        for r in (
            *_id_number(m),
            *_born_after(m, day),
            *_too_old(m, day, cap),
            *_child_labour(m, day, minimum),
            *school_stage(m, day, stages),
            *_dropout(m, h),
        )
    ]


def _causes(h: Household) -> list[Reason]:
    """Causes the members bear out (因残, 因病, 因学), other causes not repeating the main one."""
    causes = h.causes
    ev = (Evidence(name="causes", value=causes),)
    o = Effect.OPPOSES
    reasons: list[Reason] = []
    if h.members:
        if PovertyCause.DISABILITY in causes and not any(m.disabled for m in h.members):
            reasons.append(DISABILITY_CAUSE(o, evidence=ev))
        if PovertyCause.ILLNESS in causes and all(
            m.health is HealthStatus.HEALTHY for m in h.members
        ):
            reasons.append(ILLNESS_CAUSE(o, evidence=ev))
        if PovertyCause.SCHOOLING in causes and not any(m.school.is_student for m in h.members):
            reasons.append(SCHOOL_CAUSE(o, evidence=ev))
    if h.main_cause is not None and h.main_cause in h.other_causes:
        reasons.append(
            DUPLICATE_CAUSE(o, evidence=ev, cause=h.main_cause.zh, cause_en=h.main_cause.en)
        )
    return reasons


def _income(h: Household, income: Decimal | None, cap: ResolvedParameter) -> list[Reason]:
    """The reported per-capita income agrees with its components and is plausible."""
    reasons: list[Reason] = []
    reported = h.reported_per_capita_income
    if (
        h.income is not None
        and reported is not None
        and income is not None
        and abs(income - reported) > FEN
    ):
        reasons.append(
            INCOME_DISAGREES(
                Effect.OPPOSES,
                evidence=(
                    Evidence(name="reported_per_capita_income", value=reported),
                    Evidence(name="per_capita_net_income", value=income),
                ),
                reported=reported,
                computed=income,
            )
        )
    maximum = cap.decimal()
    if income is not None and not (0 < income <= maximum):  # 超过10万: above it, not at it
        evidence = (Evidence(name="per_capita_net_income", value=income),)
        reasons.append(
            INCOME_IMPLAUSIBLE(
                Effect.OPPOSES,
                evidence=evidence,
                parameters=(cap.use(),),
                income=income,
                maximum=maximum,
            )
        )
    return reasons


def _card(h: Household, income: Decimal | None) -> list[Reason]:
    """The fields of the precision card (《精准扶贫精准脱贫》第五章 一、（四）)."""
    missing = [
        (zh, en)
        for zh, en, present in (
            ("收入水平", "income", income is not None),
            ("贫困原因", "main cause", h.main_cause is not None),
            ("扶持措施", "measures", bool(h.measures)),
            ("帮扶人员", "helper", bool(h.helper)),
            ("脱贫时限", "exit target year", h.exit_target_year is not None),
            ("家庭成员", "members", bool(h.members)),
        )
        if not present
    ]
    if not missing:
        return []
    return [
        CARD_INCOMPLETE(
            Effect.OPPOSES,
            fields="、".join(f"{zh} {en}" for zh, en in missing),  # as before, in Chinese text
            fields_en=", ".join(f"{en} ({zh})" for zh, en in missing),
        )
    ]


@SPEC.implementation
def check_household_record(
    household: Household,
    *,
    on: DateLike,
    params: ParameterSet | None = None,
    require_card: bool = False,
    provincial_checks: bool = False,
) -> Decision:
    """Consistency of a household record (sizes, ID numbers, causes, ages, income).

    With ``require_card=True`` the record must also carry the fields of the household's
    precision card (《精准扶贫精准脱贫》第五章 一、（四）: 基本情况、收入水平、贫困原因、
    扶持措施、帮扶人员、脱贫时限). With ``provincial_checks=True`` it also runs checks that
    provincial registry checkers run but the national list does not state (labour capacity at
    the elderly age, 'lack of labour' while every member is full labour).
    """
    day = as_date(on)
    ps = param_set(params)
    o = Effect.OPPOSES
    h = household
    income = h.per_capita_net_income()
    cap = ps.resolve("consistency.income_plausibility_max", on=day, region=h.county_code)
    reasons: list[Reason] = [
        *_size(h),
        *_heads(h),
        *head_spouse(h),
        *_members(h, day, ps),
        *_causes(h),
        *_income(h, income, cap),
        *(_card(h, income) if require_card else ()),
        *(provincial(h, day, ps) if provincial_checks else ()),
    ]
    if not reasons:
        reasons.append(CONSISTENT(Effect.SUPPORTS))
    return SPEC.decide(
        h.household_id,
        day,
        reasons,
        outcome=Outcome.NOT_MET if any(r.effect is o for r in reasons) else Outcome.MET,
    )
