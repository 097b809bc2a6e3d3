"""扶持对象精准: the registered are those identification admits, and no one it admits is missed.

《中共中央 国务院关于打赢脱贫攻坚战的决定》三、（四）: 按照扶持对象精准…的要求. 《精准扶贫精准
脱贫》第四章 三、（三）: 扶持对象精准主要通过调查贫困情况，进行精确识别…解决“扶持谁”的问题.
The test is the national identification rule (``identification.household``, overlays through
``params``), applied to each registered household when it was identified (错评) and on the
audit day, and to each household in the data that is not registered (漏评).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
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
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.audit import (
    EntityKind,
    Responsible,
    Severity,
    SixPrecision,
    Summary,
    audit_outcome,
    finding,
)
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile
from jingzhun.domain.model import Guarantees, Household
from jingzhun.domain.registry import RegistryStatus
from jingzhun.rules.common.income import as_of_income_year
from jingzhun.rules.common.params import param_set
from jingzhun.rules.identification.exclusions import EXCLUDED
from jingzhun.rules.identification.household import identify_household

PRECISION: Final = SixPrecision.BENEFICIARIES

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="扶持对象精准（在册户符合识别标准，符合标准的户不遗漏）",
    title_en="Precise beneficiaries (the registered meet identification; none who meet it missed)",
    question_zh="建档立卡户是否都符合识别标准，符合标准的农户是否都已建档立卡",
    question_en="Does every registered household meet identification, and is every household "
    "that meets it registered?",
    subject=CountyRegistry,
    composes=("identification.household",),
    clauses=(
        "DECISION2015-4-a",
        "BOOK2017-ch4-3.3-b",
        "MECH2014-1.2-b",
        "THREEYEAR2018-7.1-b",
    ),
)

_PRECISIONS = cite("DECISION2015-4-a")
_WHO = cite("BOOK2017-ch4-3.3-b")
_PRINCIPLES = cite("MECH2014-1.2-b")
_STANDARD = cite("BOOK2017-ch5-end-b")
_REMOVE_ADD = cite("THREEYEAR2018-7.1-b")
_COUNTY = cite("RESP2016-art15")

PB_SUMMARY = SPEC.code(
    "PB_SUMMARY",
    zh="核查农户{checked}户（在册{registered}户、未建档立卡{unregistered}户），无问题{passing}户",
    en="{checked} households checked ({registered} registered, {unregistered} not registered); "
    "{passing} without a finding",
    citations=(_PRECISIONS,),
)
PB_WRONGLY_IDENTIFIED = SPEC.code(
    "PB_WRONGLY_IDENTIFIED",
    zh="建档立卡户识别时（{day}）不符合识别标准：疑似错评",
    en="registered household did not meet identification when identified ({day}): likely "
    "wrongly identified",
    citations=(_STANDARD, _WHO, _COUNTY),
)
PB_EXCLUDED_NOW = SPEC.code(
    "PB_EXCLUDED_NOW",
    zh="在册贫困户在{day}属于地方不予识别情形，应予剔除",
    en="registered poor household falls under a local exclusion on {day}: to be removed",
    citations=(_REMOVE_ADD,),
)
PB_NOT_BELOW_LINE_NOW = SPEC.code(
    "PB_NOT_BELOW_LINE_NOW",
    zh="在册贫困户在{day}已不符合识别标准（收入不低于扶贫标准）：应按退出标准核查是否脱贫",
    en="registered poor household no longer meets identification on {day} (income not below "
    "the line): check it against the exit standard",
    citations=(_REMOVE_ADD,),
)
PB_MISSED = SPEC.code(
    "PB_MISSED",
    zh="未建档立卡农户在{day}符合识别标准：疑似漏评",
    en="household not registered meets identification on {day}: likely missed",
    citations=(_STANDARD, _REMOVE_ADD, _COUNTY),
)
PB_UNDETERMINED = SPEC.code(
    "PB_UNDETERMINED",
    zh="{what_zh}无法判定是否符合识别标准（{day}）：不计为精准",
    en="{what_en}: identification cannot be decided ({day}); not counted as precise",
    citations=(_STANDARD,),
)
PB_NO_IDENTIFICATION_DAY = SPEC.code(
    "PB_NO_IDENTIFICATION_DAY",
    zh="建档立卡户无识别日期、建档日期或识别记录：无法核查识别时是否符合标准",
    en="registered household has no identification day, registration day or poor entry in "
    "its history: its identification cannot be checked",
    citations=(_PRINCIPLES,),
)

_REGISTERED: Final = frozenset(
    {RegistryStatus.POOR, RegistryStatus.RELAPSED, RegistryStatus.EXITED}
)
_WHAT: Final = {
    "then": ("建档立卡户识别时", "registered household when identified"),
    "now": ("在册贫困户", "registered poor household on the audit day"),
    "missed": ("未建档立卡农户", "household not registered"),
}


def identification_day(file: HouseholdFile) -> dt.date | None:
    """When the household was identified: the card's ``identified_on``; else the day it was
    entered (``registered_on``, the same identification round: 县审定、公告 then 录入); else
    the first ``poor`` entry of its history."""
    h = file.entry.household
    if h.identified_on is not None:
        return h.identified_on
    if file.registered_on is not None:
        return file.registered_on
    return next((c.on for c in file.entry.history if c.status is RegistryStatus.POOR), None)


def as_identified(household: Household, day: dt.date) -> Household:
    """The household as identification on ``day`` read it: the income of the year before.

    The card itself when its income is of that year (or undated); else that year's figure
    from ``income_history``, with the guarantees unrecorded (the registry keeps today's, not
    those of the identification year); else the card without income (undecidable)."""
    then = as_of_income_year(household, day.year - 1)
    return then if then is household else attrs.evolve(then, guarantees=Guarantees())


def identification_facts(decision: Decision) -> tuple[Evidence, ...]:
    """The identification's outcome, income, line and decisive codes — not the whole decision."""
    facts = [evidence("identification.outcome", decision.outcome)]
    for r in decision.reasons:
        if r.code.startswith("ID_INCOME_") and r.effect is not Effect.NOTE:
            facts += [e for e in r.evidence if e.name in ("per_capita_net_income", "income_year")]
            facts += [
                evidence("poverty_line", p.value, "yuan/person/year")
                for p in r.parameters
                if p.name == "poverty_line.nominal"
            ]
    wanted = Effect.SUPPORTS if decision.outcome is Outcome.MET else None
    codes = [
        r.code
        for r in decision.reasons
        if r.effect in ((wanted,) if wanted else (Effect.OPPOSES, Effect.BLOCKS))
    ]
    facts.append(evidence("identification.codes", ",".join(codes)))
    return tuple(facts)


def _finding(
    code: ReasonCode,
    file: HouseholdFile,
    decision: Decision,
    severity: Severity,
    *,
    effect: Effect = Effect.OPPOSES,
    responsible: Responsible = Responsible.COUNTY,
    what: tuple[str, str] = ("", ""),
) -> Reason:
    return finding(
        code,
        entity=EntityKind.HOUSEHOLD,
        entity_id=file.household_id,
        severity=severity,
        responsible=responsible,
        effect=effect,
        facts=(evidence("decided_on", decision.on), *identification_facts(decision)),
        day=decision.on,
        what_zh=what[0],
        what_en=what[1],
    )


def _undetermined(file: HouseholdFile, decision: Decision, what: str) -> Reason:
    return _finding(
        PB_UNDETERMINED, file, decision, Severity.ADVISORY, effect=Effect.BLOCKS, what=_WHAT[what]
    )


def _when_identified(file: HouseholdFile, ps: ParameterSet) -> Iterator[Reason]:
    """The identification re-decided on the day it was made, on that day's income."""
    day = identification_day(file)
    if day is None:
        yield finding(
            PB_NO_IDENTIFICATION_DAY,
            entity=EntityKind.HOUSEHOLD,
            entity_id=file.household_id,
            severity=Severity.ADVISORY,
            responsible=Responsible.COUNTY,
            effect=Effect.BLOCKS,
        )
        return
    then = identify_household(as_identified(file.entry.household, day), on=day, params=ps)
    if then.outcome is Outcome.NOT_MET:
        yield _finding(PB_WRONGLY_IDENTIFIED, file, then, Severity.SERIOUS)
    elif then.outcome is Outcome.UNDETERMINED:
        yield _undetermined(file, then, "then")


def _on_audit_day(file: HouseholdFile, day: dt.date, ps: ParameterSet) -> Iterator[Reason]:
    """A household registered poor on ``day``, identified again on its card as it stands."""
    now = identify_household(file.entry.household, on=day, params=ps)
    if now.outcome is Outcome.UNDETERMINED:
        yield _undetermined(file, now, "now")
    elif now.outcome is Outcome.NOT_MET:
        if any(r.code == EXCLUDED.code for r in now.reasons):
            yield _finding(PB_EXCLUDED_NOW, file, now, Severity.MODERATE)
        else:
            yield _finding(
                PB_NOT_BELOW_LINE_NOW,
                file,
                now,
                Severity.ADVISORY,
                responsible=Responsible.VILLAGE,
            )


def _registered(
    file: HouseholdFile, status: RegistryStatus, day: dt.date, ps: ParameterSet
) -> list[Reason]:
    """错评 when identified (serious); then, for the poor on ``day``, the card today (one
    undecidable finding per household at most)."""
    found = list(_when_identified(file, ps))
    if any(r.code == PB_WRONGLY_IDENTIFIED.code for r in found) or not status.in_poverty:
        return found
    blocked = any(r.effect is Effect.BLOCKS for r in found)
    now = [r for r in _on_audit_day(file, day, ps) if not (blocked and r.effect is Effect.BLOCKS)]
    return [*found, *now]


def _unregistered(file: HouseholdFile, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """漏评: a household outside the registry that identification admits on ``day``."""
    d = identify_household(file.entry.household, on=day, params=ps)
    if d.outcome is Outcome.MET:
        return [_finding(PB_MISSED, file, d, Severity.SERIOUS)]
    if d.outcome is Outcome.UNDETERMINED:
        return [_undetermined(file, d, "missed")]
    return []


@SPEC.implementation
def audit_beneficiaries(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Registered households that identification did not admit when they were identified
    (错评, serious) or does not admit on ``on`` (moderate for a local exclusion; an advisory
    note when only the income has risen: that is the exit's question), and households not
    registered that it admits on ``on`` (漏评, serious). An identification that cannot be
    decided blocks: unknown is not precise. Removed households (已剔除) are not checked."""
    day = as_date(on)
    ps = param_set(params)
    found: list[Reason] = []
    registered = unregistered = passing = 0
    for file in registry.households:
        status = file.status_on(day)
        if status in _REGISTERED:
            assert status is not None
            gaps = _registered(file, status, day, ps)
            registered += 1
        elif status is RegistryStatus.NOT_REGISTERED:
            gaps = _unregistered(file, day, ps)
            unregistered += 1
        else:
            continue
        passing += not any(r.effect in (Effect.OPPOSES, Effect.BLOCKS) for r in gaps)
        found.extend(gaps)
    summary = Summary(checked=registered + unregistered, passing=passing)
    head = PB_SUMMARY(
        Effect.NOTE,
        evidence=(
            *summary.facts(),
            evidence("registered", registered),
            evidence("unregistered", unregistered),
        ),
        checked=summary.checked,
        passing=passing,
        registered=registered,
        unregistered=unregistered,
    )
    return SPEC.decide(
        registry.county_code, day, (head, *found), outcome=audit_outcome(found, summary)
    )
