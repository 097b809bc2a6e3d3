"""脱贫成效精准: every recorded exit met the exit standard and procedure; no relapse left out.

《精准扶贫精准脱贫》第四章 三、（三）: 脱贫成效精准主要是通过明确贫困退出标准、程序和核查办法，
严格规范贫困退出…解决“如何退”的问题. Each household exit in the status history is re-decided
by ``exit.household`` on its day, each village recorded exited by ``exit.village`` on its
``exited_on``; a household exited on the audit day whose card meets ``identification.household``
again is a relapse not re-admitted (脱贫即出、返贫即入, 《三年行动指导意见》七、（一）).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
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
    ReasonCode,
    evidence,
)
from jingzhun.core.errors import NoValueInForceError
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
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.model import Household
from jingzhun.domain.registry import RegistryStatus
from jingzhun.rules.common.income import as_of_income_year
from jingzhun.rules.common.params import param_set
from jingzhun.rules.common.procedure import PROCEDURE_CODES
from jingzhun.rules.exit.household import (
    HX_PROCEDURE_NOT_RECORDED,
    HX_STEP_BEFORE_IDENTIFICATION,
    default_income_year,
    household_exit,
)
from jingzhun.rules.exit.village import VX_PROCEDURE_NOT_RECORDED, village_exit
from jingzhun.rules.identification.household import identify_household

PRECISION: Final = SixPrecision.EXIT_OUTCOMES

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="脱贫成效精准（退出符合标准和程序，返贫及时纳入）",
    title_en="Precise exit outcomes (exits meet the standard and procedure; relapses re-admitted)",
    question_zh="已退出的贫困户、贫困村是否符合退出标准和程序，返贫户是否及时纳入",
    question_en="Did every recorded exit meet the exit standard and procedure, and is every "
    "relapse re-admitted?",
    subject=CountyRegistry,
    composes=("exit.household", "exit.village", "identification.household"),
    clauses=(
        "BOOK2017-ch4-3.3-f",
        "EXIT2016-3.1-b",
        "EXIT2016-3.1-c",
        "EXIT2016-3.2-b",
        "EXIT2016-3.2-c",
        "THREEYEAR2018-7.2-a",
        "THREEYEAR2018-7.1-a",
        "EXIT2016-2.1-a",
        "BOOK2017-ch5-1.1-h",
        "BOOK2017-ch10-2.3",
    ),
)

_HOW = cite("BOOK2017-ch4-3.3-f")
_HH_STANDARD = cite("EXIT2016-3.1-b")
_HH_PROCEDURE = cite("EXIT2016-3.1-c")
_V_STANDARD = cite("EXIT2016-3.2-b")
_V_PROCEDURE = cite("EXIT2016-3.2-c")
_STRICT = cite("THREEYEAR2018-7.2-a")
_IN_OUT = cite("THREEYEAR2018-7.1-a")
_RELAPSE = (_IN_OUT, cite("EXIT2016-2.1-a"), cite("BOOK2017-ch5-1.1-h"), cite("BOOK2017-ch10-2.3"))

PE_SUMMARY = SPEC.code(
    "PE_SUMMARY",
    zh="核查已退出贫困户{households}户、已退出贫困村{villages}个，无问题{passing}个",
    en="{households} exited households and {villages} exited villages checked; {passing} "
    "without a finding",
    citations=(_HOW,),
)
PE_WRONG_EXIT = SPEC.code(
    "PE_WRONG_EXIT",
    zh="贫困户于{day}退出，但未达到退出标准：疑似错退",
    en="household exited on {day} without meeting the exit standard: likely wrongly exited",
    citations=(_HH_STANDARD, _STRICT),
)
PE_PROCEDURE_DEFECT = SPEC.code(
    "PE_PROCEDURE_DEFECT",
    zh="贫困户于{day}退出，达到退出标准，但退出程序不完整或不合规",
    en="household exited on {day} meeting the standard, but its exit procedure is incomplete "
    "or irregular",
    citations=(_HH_PROCEDURE, _STRICT),
)
PE_PROCEDURE_NOT_RECORDED = SPEC.code(
    "PE_PROCEDURE_NOT_RECORDED",
    zh="贫困户于{day}退出，无退出程序记录（民主评议、核实、认可、公示、公告、销号）",
    en="household exited on {day} with no exit procedure on record (appraisal, verification, "
    "consent, notice, announcement, deregistration)",
    citations=(_HH_PROCEDURE, _STRICT),
)
PE_VILLAGE_WRONG_EXIT = SPEC.code(
    "PE_VILLAGE_WRONG_EXIT",
    zh="贫困村于{day}退出，但未达到退出标准：疑似错退",
    en="village exited on {day} without meeting the exit standard: likely wrongly exited",
    citations=(_V_STANDARD, _STRICT),
)
PE_VILLAGE_PROCEDURE_DEFECT = SPEC.code(
    "PE_VILLAGE_PROCEDURE_DEFECT",
    zh="贫困村于{day}退出，达到退出标准，但退出程序不完整或不合规",
    en="village exited on {day} meeting the standard, but its exit procedure is incomplete or "
    "irregular",
    citations=(_V_PROCEDURE, _STRICT),
)
PE_VILLAGE_PROCEDURE_NOT_RECORDED = SPEC.code(
    "PE_VILLAGE_PROCEDURE_NOT_RECORDED",
    zh="贫困村于{day}退出，无退出程序记录（审核审查、乡镇公示、公告）",
    en="village exited on {day} with no exit procedure on record (review, township notice, "
    "announcement)",
    citations=(_V_PROCEDURE, _STRICT),
)
PE_EXIT_UNDETERMINED = SPEC.code(
    "PE_EXIT_UNDETERMINED",
    zh="{what_zh}于{day}的退出无法判定是否符合退出标准：不计为精准",
    en="the exit of the {what_en} on {day} cannot be decided: not counted as precise",
    citations=(_HOW,),
)
PE_EXIT_DAY_MISSING = SPEC.code(
    "PE_EXIT_DAY_MISSING",
    zh="贫困户登记为已脱贫，但状态记录中没有退出日期：无法核查退出",
    en="household recorded as exited with no exit day in its status history: the exit cannot "
    "be checked",
    citations=(_HOW,),
)
PE_RELAPSE_NOT_READMITTED = SPEC.code(
    "PE_RELAPSE_NOT_READMITTED",
    zh="已脱贫户在{day}重新符合识别标准，未按返贫纳入",
    en="exited household meets identification again on {day} but is not re-admitted as relapsed",
    citations=_RELAPSE,
)
PE_RELAPSE_UNDETERMINED = SPEC.code(
    "PE_RELAPSE_UNDETERMINED",
    zh="已脱贫户在{day}无法判定是否重新符合识别标准：不计为精准",
    en="whether the exited household meets identification again on {day} cannot be decided: "
    "not counted as precise",
    citations=(_IN_OUT,),
)

_PROCEDURE: Final = frozenset(
    {c.code for c in PROCEDURE_CODES}
    | {HX_STEP_BEFORE_IDENTIFICATION.code, HX_PROCEDURE_NOT_RECORDED.code}
    | {VX_PROCEDURE_NOT_RECORDED.code}
)
_NOT_RECORDED: Final = frozenset({HX_PROCEDURE_NOT_RECORDED.code, VX_PROCEDURE_NOT_RECORDED.code})
_FACTS: Final = (
    "per_capita_net_income",
    "income_year",
    "poverty_incidence",
    "poor_population",
    "rural_population",
)
_LIMITS: Final = {
    "poverty_line.nominal": "poverty_line",
    "exit.village.incidence_threshold": "threshold",
    "exit.village.incidence_threshold_west": "threshold",
}


def decision_facts(decision: Decision, prefix: str) -> tuple[Evidence, ...]:
    """A composed decision in brief: its outcome, income or incidence, the line or threshold,
    and its decisive codes (supporting when met, opposing, else opposing and blocking)."""
    facts = [evidence(f"{prefix}.outcome", decision.outcome)]
    seen: set[str] = set()
    for r in decision.reasons:
        for e in r.evidence:
            if e.name in _FACTS and e.name not in seen:
                seen.add(e.name)
                facts.append(e)
        for p in r.parameters:
            name = _LIMITS.get(p.name)
            if name is not None and name not in seen:
                seen.add(name)
                facts.append(evidence(name, p.value, p.unit))
    if decision.outcome is Outcome.MET:
        effects = {Effect.SUPPORTS}
    elif decision.outcome is Outcome.NOT_MET:
        effects = {Effect.OPPOSES}
    else:
        effects = {Effect.OPPOSES, Effect.BLOCKS}
    codes = ",".join(r.code for r in decision.reasons if r.effect in effects)
    facts.append(evidence(f"{prefix}.codes", codes))
    return tuple(facts)


def as_exited(household: Household, day: dt.date, ps: ParameterSet) -> Household:
    """The household as its exit on ``day`` read it: the income of the exit's income year.

    The card itself when its income is of that year (or undated); else that year's figure
    from ``income_history``; else the card without income (undecidable). The guarantees are
    the card's: the registry records those verified for the exit."""
    try:
        year = default_income_year(day, params=ps, region=household.county_code)
    except NoValueInForceError:
        year = day.year - 1
    return as_of_income_year(household, year)


def exit_days(file: HouseholdFile, day: dt.date) -> tuple[dt.date, ...]:
    """The days on or before ``day`` on which the status history records an exit."""
    return tuple(
        c.on for c in file.entry.history if c.status is RegistryStatus.EXITED and c.on <= day
    )


def _verdict(decision: Decision) -> str | None:
    """``standard``, ``procedure``, ``not_recorded``, ``undetermined`` or None (precise)."""
    opposing = {r.code for r in decision.reasons if r.effect is Effect.OPPOSES}
    if opposing - _PROCEDURE:
        return "standard"
    if decision.outcome is Outcome.UNDETERMINED:
        return "undetermined"
    if opposing:
        return "procedure"
    if any(r.code in _NOT_RECORDED for r in decision.reasons):
        return "not_recorded"
    return None


_HOUSEHOLD_CODES: Final = {
    "standard": (PE_WRONG_EXIT, Severity.SERIOUS),
    "procedure": (PE_PROCEDURE_DEFECT, Severity.MODERATE),
    "not_recorded": (PE_PROCEDURE_NOT_RECORDED, Severity.MODERATE),
    "undetermined": (PE_EXIT_UNDETERMINED, Severity.ADVISORY),
}
_VILLAGE_CODES: Final = {
    "standard": (PE_VILLAGE_WRONG_EXIT, Severity.SERIOUS),
    "procedure": (PE_VILLAGE_PROCEDURE_DEFECT, Severity.MODERATE),
    "not_recorded": (PE_VILLAGE_PROCEDURE_NOT_RECORDED, Severity.MODERATE),
    "undetermined": (PE_EXIT_UNDETERMINED, Severity.ADVISORY),
}
_WHAT: Final = {
    EntityKind.HOUSEHOLD: ("贫困户", "household"),
    EntityKind.VILLAGE: ("贫困村", "village"),
}


def _exit_finding(
    decision: Decision,
    entity: EntityKind,
    responsible: Responsible,
    codes: dict[str, tuple[ReasonCode, Severity]],
) -> Reason | None:
    verdict = _verdict(decision)
    if verdict is None:
        return None
    code, severity = codes[verdict]
    what_zh, what_en = _WHAT[entity]
    return finding(
        code,
        entity=entity,
        entity_id=decision.subject,
        severity=severity,
        responsible=responsible,
        effect=Effect.BLOCKS if verdict == "undetermined" else Effect.OPPOSES,
        facts=(evidence("exit_day", decision.on), *decision_facts(decision, "exit")),
        day=decision.on,
        what_zh=what_zh,
        what_en=what_en,
    )


def _household_exits(file: HouseholdFile, day: dt.date, ps: ParameterSet) -> Iterator[Reason]:
    """Each recorded exit, re-decided on its day (the village proposes and verifies an exit:
    EXIT2016-3.1-c); a household exited on ``day`` with no exit day cannot be checked."""
    days = exit_days(file, day)
    if not days:
        yield finding(
            PE_EXIT_DAY_MISSING,
            entity=EntityKind.HOUSEHOLD,
            entity_id=file.household_id,
            severity=Severity.ADVISORY,
            responsible=Responsible.VILLAGE,
            effect=Effect.BLOCKS,
        )
    for exit_day in days:
        view = as_exited(file.entry.household, exit_day, ps)
        decision = household_exit(view, on=exit_day, params=ps)
        found = _exit_finding(decision, EntityKind.HOUSEHOLD, Responsible.VILLAGE, _HOUSEHOLD_CODES)
        if found is not None:
            yield found


def _relapse(file: HouseholdFile, day: dt.date, ps: ParameterSet) -> Iterator[Reason]:
    """返贫即入: an exited household whose card meets identification on ``day`` again."""
    decision = identify_household(file.entry.household, on=day, params=ps)
    if decision.outcome is Outcome.NOT_MET:
        return
    met = decision.outcome is Outcome.MET
    yield finding(
        PE_RELAPSE_NOT_READMITTED if met else PE_RELAPSE_UNDETERMINED,
        entity=EntityKind.HOUSEHOLD,
        entity_id=file.household_id,
        severity=Severity.SERIOUS if met else Severity.ADVISORY,
        responsible=Responsible.COUNTY,
        effect=Effect.OPPOSES if met else Effect.BLOCKS,
        facts=(evidence("decided_on", day), *decision_facts(decision, "identification")),
        day=day,
    )


def _household(file: HouseholdFile, day: dt.date, ps: ParameterSet) -> list[Reason] | None:
    """The findings of a household that exited on or before ``day`` (None: it never did): a
    wrong exit already says the household belongs in the registry, so no relapse is sought;
    one undecidable finding per household at most."""
    status = file.status_on(day)
    if status is not RegistryStatus.EXITED and not exit_days(file, day):
        return None
    found = list(_household_exits(file, day, ps))
    wrong = any(r.code == PE_WRONG_EXIT.code for r in found)
    if status is RegistryStatus.EXITED and not wrong:
        blocked = any(r.effect is Effect.BLOCKS for r in found)
        found += [r for r in _relapse(file, day, ps) if not (blocked and r.effect is Effect.BLOCKS)]
    return found


def _village(record: VillageRecord, day: dt.date, ps: ParameterSet) -> list[Reason] | None:
    """A village recorded exited on or before ``day``, re-decided on its exit day from the
    village's figures (乡镇内公示: the township answers for a village exit, EXIT2016-3.2-c)."""
    if record.exited_on is None or record.exited_on > day:
        return None
    decision = village_exit(record.village, on=record.exited_on, params=ps)
    found = _exit_finding(decision, EntityKind.VILLAGE, Responsible.TOWNSHIP, _VILLAGE_CODES)
    return [] if found is None else [found]


def _failing(found: list[Reason]) -> bool:
    return any(r.effect in (Effect.OPPOSES, Effect.BLOCKS) for r in found)


@SPEC.implementation
def audit_exit_outcomes(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each household exit recorded on or before ``on`` against the exit standard (错退:
    serious) and procedure (moderate); each village recorded exited likewise; each household
    exited on ``on`` that identification admits again (返贫未纳入: serious). What cannot be
    decided blocks: unknown is not precise."""
    day = as_date(on)
    ps = param_set(params)
    found: list[Reason] = []
    households = villages = passing = 0
    for file in registry.households:
        gaps = _household(file, day, ps)
        if gaps is not None:
            households += 1
            passing += not _failing(gaps)
            found += gaps
    for record in registry.villages:
        gaps = _village(record, day, ps)
        if gaps is not None:
            villages += 1
            passing += not _failing(gaps)
            found += gaps
    summary = Summary(checked=households + villages, passing=passing)
    head = PE_SUMMARY(
        Effect.NOTE,
        evidence=(
            *summary.facts(),
            evidence("households", households),
            evidence("villages", villages),
        ),
        households=households,
        villages=villages,
        passing=passing,
    )
    return SPEC.decide(
        registry.county_code, day, (head, *found), outcome=audit_outcome(found, summary)
    )
