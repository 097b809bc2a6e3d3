"""措施到户精准: every poor household has a helper, a plan and a set of measures.

《精准扶贫精准脱贫》第五章 一、: 做到每个贫困户都有一本台账、一个脱贫计划、一套帮扶措施.
《中共中央 国务院关于打赢脱贫攻坚战的决定》六、（二十四）: 建立干部驻村帮扶工作队制度，
做到每个贫困村都有驻村工作队、每个贫困户都有帮扶责任人.

A set of measures must also answer the recorded causes (对症施策, 第十章 一、（二）): a cause for
which no received measure fits, per ``classification.cause_measures``, is a finding; a cause
the table does not know (因婚, 其它) is not judged, and the decision says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Reason, ReasonCode, evidence
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
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
from jingzhun.domain.support import MeasureKind
from jingzhun.domain.vocabulary import PovertyCause
from jingzhun.rules.classification.common import (
    CAUSE_MEASURES,
    Fit,
    codes,
    resolve_cause_table,
    with_parameters,
)
from jingzhun.rules.common.params import param_set
from jingzhun.rules.precision.common import measure_kinds, poor_on

PRECISION: Final = SixPrecision.MEASURES_TO_HOUSEHOLD

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="措施到户精准（一户一本台账、一个脱贫计划、一套帮扶措施、一名帮扶责任人）",
    title_en="Precise household measures (a ledger, a plan, measures and a helper per household)",
    question_zh="每个贫困户是否都有帮扶责任人、脱贫计划和帮扶措施",
    question_en="Does every poor household have a helper, an exit plan and support measures?",
    subject=CountyRegistry,
    parameters=(CAUSE_MEASURES,),
    clauses=(
        "BOOK2017-ch5-1-b",
        "DECISION2015-24-a",
        "MECH2014-1.3-c",
        "BOOK2017-ch5-1.4-b",
        "BOOK2017-ch10-1.2-g",
        "BOOK2017-ch10-1.2-h",
        "BOOK2017-ch10-1.2-i",
        "BOOK2017-ch10-1.2-j",
    ),
)

_LEDGER = cite("BOOK2017-ch5-1-b")
_HELPER = cite("DECISION2015-24-a")

MH_SUMMARY = SPEC.code(
    "MH_SUMMARY",
    zh="在册贫困户{households}户、未退出贫困村{villages}个，共{checked}个；帮扶责任人、脱贫计划、"
    "对症帮扶措施齐全的户与有整村脱贫计划的村{passing}个",
    en="{households} registered poor households and {villages} poor villages not yet exited "
    "({checked} in all); {passing} complete (households: a helper, a plan and measures that "
    "answer their causes; villages: a whole-village plan)",
)
MH_VILLAGE_NO_PLAN = SPEC.code(
    "MH_VILLAGE_NO_PLAN",
    zh="贫困村无整村脱贫工作打算（一村一策）",
    en="poor village has no whole-village exit plan (one village, one plan)",
    citations=(cite("BOOK2017-ch5-1.4-b"),),
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

MH_CAUSE_UNADDRESSED = SPEC.code(
    "MH_CAUSE_UNADDRESSED",
    zh="致贫原因“{cause_zh}”无对症帮扶措施（对症措施 {fitting}，已获措施 {received}）",
    en="no received measure answers the cause '{cause_en}' (fitting: {fitting}; "
    "received: {received})",
)
MH_NO_CAUSE_RECORDED = SPEC.code(
    "MH_NO_CAUSE_RECORDED",
    zh="贫困户未记录致贫原因，无法判定帮扶措施是否对症",
    en="poor household records no cause of poverty: whether its measures answer it cannot be "
    "judged",
    citations=(_LEDGER,),
)
MH_CAUSE_NOT_JUDGED = SPEC.code(
    "MH_CAUSE_NOT_JUDGED",
    zh="户{household}的致贫原因“{cause_zh}”在分类表中无对症措施，未判定",
    en="household {household}: cause '{cause_en}' has no row in the classification table; "
    "not judged",
)


def _gap(code: ReasonCode, hid: str, severity: Severity, responsible: Responsible) -> Reason:
    return finding(
        code, entity=EntityKind.HOUSEHOLD, entity_id=hid, severity=severity, responsible=responsible
    )


def _gaps(file: HouseholdFile, fits: Mapping[PovertyCause, Fit]) -> Iterator[Reason]:
    hid = file.household_id
    if not file.entry.household.helper:
        yield _gap(MH_NO_HELPER, hid, Severity.SERIOUS, Responsible.COUNTY)
    if file.plan is None:
        yield _gap(MH_NO_PLAN, hid, Severity.MODERATE, Responsible.VILLAGE)
    received = measure_kinds(file)
    if not received:
        yield _gap(MH_NO_MEASURES, hid, Severity.SERIOUS, Responsible.VILLAGE)
        return
    if not file.entry.household.causes:  # unknown is not met: the check cannot pass
        yield finding(
            MH_NO_CAUSE_RECORDED,
            entity=EntityKind.HOUSEHOLD,
            entity_id=hid,
            severity=Severity.MODERATE,
            responsible=Responsible.VILLAGE,
            effect=Effect.BLOCKS,
        )
    for cause in file.entry.household.causes:
        fit = fits.get(cause)
        if fit is not None and not fit.fitted_by(received):
            yield _unaddressed(hid, cause, fit, received)


def _unaddressed(
    hid: str, cause: PovertyCause, fit: Fit, received: frozenset[MeasureKind]
) -> Reason:
    got = codes(sorted(k.value for k in received))
    return finding(
        MH_CAUSE_UNADDRESSED,
        entity=EntityKind.HOUSEHOLD,
        entity_id=hid,
        severity=Severity.MODERATE,
        responsible=Responsible.VILLAGE,
        facts=(
            evidence("cause", cause),
            evidence("fitting", codes(fit.measures)),
            evidence("received", got),
            evidence("clauses", ",".join(fit.clauses)),
        ),
        citations=fit.citations,
        cause_zh=cause.zh,
        cause_en=cause.en,
        fitting=codes(fit.measures),
        received=got,
    )


def _not_judged(file: HouseholdFile, fits: Mapping[PovertyCause, Fit]) -> Iterator[Reason]:
    """Causes the table does not know: said, never counted as a failure."""
    for cause in file.entry.household.causes:
        if cause not in fits:
            yield MH_CAUSE_NOT_JUDGED(
                Effect.NOTE,
                evidence=(evidence("household", file.household_id), evidence("cause", cause)),
                household=file.household_id,
                cause_zh=cause.zh,
                cause_en=cause.en,
            )


@SPEC.implementation
def audit_measures_to_household(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each registered poor household on ``on`` without a helper, a plan or any measure, or
    with a recorded cause that no received measure answers."""
    day = as_date(on)
    param, fits = _cause_table(registry, day, params)
    found: list[Reason] = []
    notes: list[Reason] = []
    checked = passing = 0
    for file in poor_on(registry, day):
        gaps = list(_gaps(file, fits))
        checked += 1
        passing += not gaps
        found.extend(gaps)
        notes.extend(_not_judged(file, fits))
    households = checked
    for village in _poor_villages(registry, day):
        checked += 1
        passing += village.plan is not None
        if village.plan is None:
            found.append(_village_gap(village.village_id))
    summary = Summary(checked=checked, passing=passing)
    head = MH_SUMMARY(
        Effect.NOTE,
        evidence=summary.facts(),
        checked=checked,
        passing=passing,
        households=households,
        villages=checked - households,
    )
    head = with_parameters(head, param.use())
    found.extend(notes)
    outcome = audit_outcome(found, summary)
    return SPEC.decide(registry.county_code, day, (head, *found), outcome=outcome)


def _poor_villages(registry: CountyRegistry, day: dt.date) -> Iterator[VillageRecord]:
    """Villages recorded poor that had not exited by ``day`` (exit dates are the first day out)."""
    for village in registry.villages:
        if village.poor and (village.exited_on is None or village.exited_on > day):
            yield village


def _village_gap(village_id: str) -> Reason:
    """《精准扶贫精准脱贫》第五章 一、（四）: 坚持“因村施策、一村一策”，逐村制定一个内容简洁清晰的
    整村脱贫工作打算."""
    return finding(
        MH_VILLAGE_NO_PLAN,
        entity=EntityKind.VILLAGE,
        entity_id=village_id,
        severity=Severity.MODERATE,
        responsible=Responsible.VILLAGE,
    )


def _cause_table(
    registry: CountyRegistry, day: dt.date, params: ParameterSet | None
) -> tuple[ResolvedParameter, dict[PovertyCause, Fit]]:
    return resolve_cause_table(param_set(params), day, registry.county_code)
