"""因村派人精准: every poor village has its team and first secretary, kept until it stably
exits, for full terms, matched to its needs.

《精准扶贫精准脱贫》第四章 三、（三）: 因村派人（第一书记）精准主要是通过向贫困村选派
第一书记和驻村工作队，强化组织人力保障，增强一线扶贫力量，解决“谁来扶”的问题.
The checks are the rules of the cadres family (``cadres.presence``, ``cadres.withdrawal``,
``cadres.term``, ``cadres.matching``), run over every village of the registry; their failing
reasons become findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, ParameterUse, Reason, evidence
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
    with_responsible,
)
from jingzhun.domain.county_registry import CountyRegistry, VillageRecord
from jingzhun.rules.cadres import matching, presence, term, withdrawal
from jingzhun.rules.cadres.common import STABLE_EXIT_MONTHS, is_poor_village
from jingzhun.rules.common.params import param_set
from jingzhun.rules.precision.common import poor_on

PRECISION: Final = SixPrecision.VILLAGE_DISPATCH

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="因村派人精准（驻村工作队、第一书记：配备、不提前撤离、任满、对应需求）",
    title_en="Precise dispatch of personnel (teams and first secretaries: present, kept until "
    "stable exit, full terms, matched to needs)",
    question_zh="每个贫困村是否都有驻村工作队和第一书记，且未提前撤离、任期足、专长对应需求",
    question_en="Does every poor village have a team and a first secretary, kept until it "
    "stably exits, for full terms, matched to its needs?",
    subject=CountyRegistry,
    composes=(presence.PRESENCE, withdrawal.WITHDRAWAL, term.TERM, matching.MATCHING),
    clauses=("BOOK2017-ch7-1-a",),
)

_MANAGEMENT = cite("BOOK2017-ch7-1-a")

VD_SUMMARY = SPEC.code(
    "VD_SUMMARY",
    zh="贫困村及有派驻记录的村{checked}个，驻村帮扶无问题{passing}个"
    "（稳定脱贫：退出后{months}个月；任期：{years}年）",
    en="{checked} poor villages or villages with postings; {passing} without a problem "
    "(stable exit: {months} months after exit; term: {years} years)",
    citations=(_MANAGEMENT,),
)
VD_VILLAGE_NOT_RECORDED = SPEC.code(
    "VD_VILLAGE_NOT_RECORDED",
    zh="{households}户在册贫困户所在的村{village}没有村记录，无法判断其驻村帮扶",
    en="village {village} of {households} registered poor households has no village record: "
    "its team and first secretary cannot be checked",
    citations=(cite("MECH2014-1.3-b"),),
)

SPEC.uses(
    presence.CP_NO_TEAM,
    presence.CP_NO_FIRST_SECRETARY,
    withdrawal.CW_WITHDRAWN_EARLY,
    term.CT_SHORT_TERM,
    matching.CM_UNMATCHED,
)

_POSTING: Final = (EntityKind.POSTING, Responsible.DISPATCHING_UNIT)
_VILLAGE: Final = (EntityKind.VILLAGE, Responsible.COUNTY)

FINDING_KINDS: Final = {
    presence.CP_NO_TEAM.code: (*_VILLAGE, Severity.SERIOUS),
    presence.CP_NO_FIRST_SECRETARY.code: (*_VILLAGE, Severity.SERIOUS),
    withdrawal.CW_WITHDRAWN_EARLY.code: (*_POSTING, Severity.SERIOUS),
    term.CT_SHORT_TERM.code: (*_POSTING, Severity.MODERATE),
    matching.CM_UNMATCHED.code: (*_VILLAGE, Severity.ADVISORY),
}
"""Which failing reasons of the cadres rules are findings: entity, responsible, severity.

A village without its team or secretary answers to the county (第七章 一、: 县为主体、乡镇负责、
联席办统筹、派出单位协同的管理机制); a posting cut short or withdrawn early, to the unit that sent
the cadre (派出单位); a mismatch of background to need is advisory (注重选派)."""


def _promote(record: VillageRecord, reason: Reason) -> Reason:
    """A cadres reason as a finding: entity, severity and responsible as leading evidence."""
    kind, responsible, severity = FINDING_KINDS[reason.code]
    facts = {e.name: e.value for e in reason.evidence}
    entity_id = record.village_id
    if kind is EntityKind.POSTING:
        entity_id = f"{record.village_id}/{facts['person_id']}/{facts['role']}/{facts['start']}"
    advisory = severity is Severity.ADVISORY and reason.effect is Effect.OPPOSES
    meta = (  # the same leading evidence as jingzhun.domain.audit.finding
        evidence("entity", kind),
        evidence("entity_id", entity_id),
        evidence("severity", severity),
        evidence("responsible", responsible),
    )
    return attrs.evolve(
        reason,
        effect=Effect.NOTE if advisory else reason.effect,
        evidence=(*meta, *reason.evidence),
        citations=with_responsible(reason.citations, responsible),
    )


def _village_findings(record: VillageRecord, day: dt.date, ps: ParameterSet) -> list[Reason]:
    out: list[Reason] = []
    for rule in (presence.SPEC, withdrawal.SPEC, term.SPEC, matching.SPEC):
        decision = rule.apply(record, on=day, params=ps)
        out.extend(_promote(record, r) for r in decision.reasons if r.code in FINDING_KINDS)
    return out


def _unrecorded(registry: CountyRegistry, day: dt.date) -> Iterator[Reason]:
    """Villages of registered poor households that the registry does not describe."""
    counts: dict[str, int] = {}
    for file in poor_on(registry, day):
        vid = file.village_id
        if vid is not None and vid not in registry.village_index:
            counts[vid] = counts.get(vid, 0) + 1
    for vid, n in counts.items():
        yield finding(
            VD_VILLAGE_NOT_RECORDED,
            entity=EntityKind.VILLAGE,
            entity_id=vid,
            severity=Severity.MODERATE,
            responsible=Responsible.COUNTY,
            effect=Effect.BLOCKS,
            facts=(evidence("poor_households", n),),
            households=n,
            village=vid,
        )


def _settings(registry: CountyRegistry, day: dt.date, ps: ParameterSet) -> list[ParameterUse]:
    """The stable-exit reading and the term in force on the day, shown on the summary."""
    uses = []
    for name in (STABLE_EXIT_MONTHS, term.MINIMUM_TERM):
        try:
            uses.append(ps.resolve(name, on=day, region=registry.county_code).use())
        except NoValueInForceError:
            continue
    return uses


@SPEC.implementation
def audit_village_dispatch(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each poor village (or village with postings) of the registry through the cadres
    rules; each village of a registered poor household that has no village record."""
    day = as_date(on)
    ps = param_set(params)
    found: list[Reason] = []
    checked = passing = 0
    for record in registry.villages:
        if not (is_poor_village(record) or record.postings):
            continue
        mine = _village_findings(record, day, ps)
        checked += 1
        passing += not any(r.effect is not Effect.NOTE for r in mine)
        found.extend(mine)
    missing = list(_unrecorded(registry, day))
    checked += len(missing)
    found.extend(missing)
    summary = Summary(checked=checked, passing=passing)
    uses = _settings(registry, day, ps)
    shown = {u.name: u.value for u in uses}
    head = VD_SUMMARY(
        Effect.NOTE,
        evidence=summary.facts(),
        parameters=uses,
        checked=checked,
        passing=passing,
        months=shown.get(STABLE_EXIT_MONTHS, "—"),
        years=shown.get(term.MINIMUM_TERM, "—"),
    )
    outcome = audit_outcome(found, summary)
    return SPEC.decide(registry.county_code, day, (head, *found), outcome=outcome)
