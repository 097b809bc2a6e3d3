"""措施到户精准: every poor household has a helper, a plan and a set of measures.

《精准扶贫精准脱贫》第五章 一、: 做到每个贫困户都有一本台账、一个脱贫计划、一套帮扶措施.
《中共中央 国务院关于打赢脱贫攻坚战的决定》六、（二十四）: 建立干部驻村帮扶工作队制度，
做到每个贫困村都有驻村工作队、每个贫困户都有帮扶责任人.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Reason, ReasonCode
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
from jingzhun.rules.precision.common import measure_kinds, poor_on

PRECISION: Final = SixPrecision.MEASURES_TO_HOUSEHOLD

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="措施到户精准（一户一本台账、一个脱贫计划、一套帮扶措施、一名帮扶责任人）",
    title_en="Precise household measures (a ledger, a plan, measures and a helper per household)",
    question_zh="每个贫困户是否都有帮扶责任人、脱贫计划和帮扶措施",
    question_en="Does every poor household have a helper, an exit plan and support measures?",
    subject=CountyRegistry,
    clauses=("BOOK2017-ch5-1-b", "DECISION2015-24-a", "MECH2014-1.3-c"),
)

_LEDGER = cite("BOOK2017-ch5-1-b")
_HELPER = cite("DECISION2015-24-a")

MH_SUMMARY = SPEC.code(
    "MH_SUMMARY",
    zh="在册贫困户{checked}户，帮扶责任人、脱贫计划、帮扶措施齐全{passing}户",
    en="{checked} registered poor households; {passing} have a helper, a plan and measures",
)
MH_NO_HELPER = SPEC.code(
    "MH_NO_HELPER",
    zh="贫困户无帮扶责任人",
    en="poor household has no paired helper",
    citations=(_HELPER, cite("MECH2014-1.3-c")),
)
MH_NO_PLAN = SPEC.code(
    "MH_NO_PLAN",
    zh="贫困户无脱贫计划",
    en="poor household has no exit plan",
    citations=(_LEDGER,),
)
MH_NO_MEASURES = SPEC.code(
    "MH_NO_MEASURES",
    zh="贫困户无帮扶措施",
    en="poor household received no support measure",
    citations=(_LEDGER,),
)


def _gap(code: ReasonCode, hid: str, severity: Severity, responsible: Responsible) -> Reason:
    return finding(
        code, entity=EntityKind.HOUSEHOLD, entity_id=hid, severity=severity, responsible=responsible
    )


def _gaps(file: HouseholdFile) -> Iterator[Reason]:
    hid = file.household_id
    if not file.entry.household.helper:
        yield _gap(MH_NO_HELPER, hid, Severity.SERIOUS, Responsible.COUNTY)
    if file.plan is None:
        yield _gap(MH_NO_PLAN, hid, Severity.MODERATE, Responsible.VILLAGE)
    if not measure_kinds(file):
        yield _gap(MH_NO_MEASURES, hid, Severity.SERIOUS, Responsible.VILLAGE)


@SPEC.implementation
def audit_measures_to_household(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each registered poor household on ``on`` without a helper, a plan or any measure."""
    day = as_date(on)
    found: list[Reason] = []
    checked = passing = 0
    for file in poor_on(registry, day):
        gaps = list(_gaps(file))
        checked += 1
        passing += not gaps
        found.extend(gaps)
    summary = Summary(checked=checked, passing=passing)
    head = MH_SUMMARY(Effect.NOTE, evidence=summary.facts(), checked=checked, passing=passing)
    outcome = audit_outcome(found, summary)
    return SPEC.decide(registry.county_code, day, (head, *found), outcome=outcome)
