"""A poor village has a resident team and a first secretary on the day (驻村工作队、第一书记).

《关于创新机制扎实推进农村扶贫开发工作的意见》一、（三）: 确保每个贫困村都有驻村工作队（组）.
《中共中央 国务院关于打赢脱贫攻坚战的决定》八、（三十）: 根据贫困村的实际需求，精准选配第一书记，
精准选派驻村工作队. 《精准扶贫精准脱贫》第四章 三、（三）: 因村派人（第一书记）精准主要是
通过向贫困村选派第一书记和驻村工作队.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.county_registry import VillageRecord
from jingzhun.rules.cadres.common import (
    SECRETARY_ROLES,
    STABLE_EXIT_MONTHS,
    TEAM_ROLES,
    in_force,
    is_poor_village,
    needs_support_on,
    of_group,
    stable_from,
    village_facts,
)
from jingzhun.rules.common.params import param_set

PRESENCE: Final = "cadres.presence"

SPEC = RuleSpec(
    id=PRESENCE,
    title_zh="贫困村有驻村工作队和第一书记",
    title_en="A poor village has a resident team and a first secretary",
    question_zh="贫困村在该日是否有驻村工作队和第一书记",
    question_en="Does the poor village have a resident team and a first secretary on the day?",
    subject=VillageRecord,
    parameters=("cadres.team_required", "cadres.first_secretary_required", STABLE_EXIT_MONTHS),
    clauses=("MECH2014-1.3-b", "DECISION2015-30-a", "BOOK2017-ch4-3.3-e", "MECH2014-1.3-a"),
)

_TEAM = (cite("MECH2014-1.3-b"), cite("MECH2014-1.3-a"))
_SECRETARY = (cite("DECISION2015-30-a"), cite("BOOK2017-ch4-3.3-e"))
_STAY = cite("DECISION2015-30-b")

CP_NOT_POOR_VILLAGE = SPEC.code(
    "CP_NOT_POOR_VILLAGE",
    zh="非贫困村：无驻村工作队、第一书记要求",
    en="not a poor village: no team or first secretary is required",
)
CP_NOT_YET_IDENTIFIED = SPEC.code(
    "CP_NOT_YET_IDENTIFIED",
    zh="{identified_on}才识别为贫困村，{on}尚无要求",
    en="identified as a poor village on {identified_on}: nothing is required on {on}",
)
CP_STABLY_EXITED = SPEC.code(
    "CP_STABLY_EXITED",
    zh="{exited_on}退出，{stable_from}起视为稳定脱贫，{on}不再要求驻村力量",
    en="exited on {exited_on}, stably exited from {stable_from}: no team is required on {on}",
    citations=(_STAY,),
)
CP_TEAM_PRESENT = SPEC.code(
    "CP_TEAM_PRESENT",
    zh="{on}有驻村工作队（{count}人在岗）",
    en="a resident team is in place on {on} ({count} posted)",
    citations=_TEAM,
)
CP_NO_TEAM = SPEC.code(
    "CP_NO_TEAM",
    zh="贫困村{on}无驻村工作队",
    en="the poor village has no resident team on {on}",
    citations=_TEAM,
)
CP_FIRST_SECRETARY_PRESENT = SPEC.code(
    "CP_FIRST_SECRETARY_PRESENT",
    zh="{on}有第一书记（{person}）",
    en="a first secretary is in place on {on} ({person})",
    citations=_SECRETARY,
)
CP_NO_FIRST_SECRETARY = SPEC.code(
    "CP_NO_FIRST_SECRETARY",
    zh="贫困村{on}无第一书记",
    en="the poor village has no first secretary on {on}",
    citations=_SECRETARY,
)
CP_NOT_REQUIRED_YET = SPEC.code(
    "CP_NOT_REQUIRED_YET",
    zh="{on}尚无{what}的要求",
    en="no {what_en} was required on {on}",
)

_CHECKS = (
    ("cadres.team_required", TEAM_ROLES, CP_TEAM_PRESENT, CP_NO_TEAM, "驻村工作队", "team"),
    (
        "cadres.first_secretary_required",
        SECRETARY_ROLES,
        CP_FIRST_SECRETARY_PRESENT,
        CP_NO_FIRST_SECRETARY,
        "第一书记",
        "first secretary",
    ),
)


def _exempt(record: VillageRecord, day: dt.date, ps: ParameterSet) -> Reason | None:
    """Why nothing is required of the village on ``day``, or None when it needs its team."""
    stable, months = stable_from(ps, record, day)
    if needs_support_on(record, day, stable):
        return None
    if not is_poor_village(record):
        return CP_NOT_POOR_VILLAGE(Effect.NOTE, evidence=village_facts(record))
    if record.identified_on is not None and day < record.identified_on:
        return CP_NOT_YET_IDENTIFIED(
            Effect.NOTE, evidence=village_facts(record), identified_on=record.identified_on, on=day
        )
    return CP_STABLY_EXITED(
        Effect.NOTE,
        evidence=(*village_facts(record), evidence("stable_from", stable)),
        parameters=(months.use(),) if months else (),
        exited_on=record.exited_on,
        stable_from=stable,
        on=day,
    )


@SPEC.implementation
def village_presence(
    record: VillageRecord, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a poor village that has not yet stably exited has, on ``on``, a resident team
    (a leader or member posted) and a first secretary. Terms are half-open: a posting whose
    end is ``on`` is no longer there."""
    day = as_date(on)
    ps = param_set(params)
    exempt = _exempt(record, day, ps)
    if exempt is not None:
        return SPEC.decide(record.village_id, day, (exempt,), outcome=Outcome.MET)
    _, months = stable_from(ps, record, day)
    stay = (months.use(),) if months else ()
    reasons: list[Reason] = []
    for name, roles, present, missing, what, what_en in _CHECKS:
        required = in_force(ps, name, day, record)
        if required is None or not required.flag():
            reasons.append(CP_NOT_REQUIRED_YET(Effect.NOTE, on=day, what=what, what_en=what_en))
            continue
        active = [p for p in of_group(record.postings, roles) if p.active_on(day)]
        uses = (required.use(), *stay)
        if not active:
            reasons.append(missing(Effect.OPPOSES, parameters=uses, on=day))
            continue
        people = "、".join(p.person_id for p in active)
        facts = (evidence("posted", people),)
        reasons.append(
            present(
                Effect.SUPPORTS,
                evidence=facts,
                parameters=uses,
                on=day,
                count=len(active),
                person=people,
            )
        )
    outcome = None if any(r.effect is not Effect.NOTE for r in reasons) else Outcome.MET
    return SPEC.decide(record.village_id, day, reasons, outcome=outcome)
