"""Assessment plans: limits on assessing counties (三年行动指导意见 七、（二）, 八、（三）).

八、（三）: 改进省市两级对县及县以下扶贫工作考核，原则上每年对县的考核不超过2次…未经省里批准，
市级以下不得开展第三方评估. 七、（二）: 对超出“两不愁、三保障”标准的指标，予以剔除或不作为硬性指标.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.assessment import AssessmentPlan, EventKind, Level, PlanEvent
from jingzhun.rules.assessment.common import resolve
from jingzhun.rules.common.params import param_set

PLAN: Final = "assessment.plan"
MAX_ASSESSMENTS: Final = "assessment.plan.county_assessments_max"
APPROVAL: Final = "assessment.plan.third_party_needs_approval"
NOT_BINDING: Final = "assessment.plan.beyond_standard_not_binding"

SPEC = RuleSpec(
    id=PLAN,
    title_zh="对县考核计划（每年不超过2次、市级以下第三方评估须省里批准、超标指标不作硬性指标）",
    title_en="A plan of county assessments (at most twice a year, third-party evaluation below "
    "the province only with its approval, no binding indicator beyond the standard)",
    question_zh="该考核计划是否符合三年行动指导意见的限制",
    question_en="Does the assessment plan keep within the limits of the three-year guidance?",
    subject=AssessmentPlan,
    parameters=(MAX_ASSESSMENTS, APPROVAL, NOT_BINDING),
    clauses=("THREEYEAR2018-8.3-b", "THREEYEAR2018-8.3-c", "THREEYEAR2018-7.2-b"),
)

_TIMES = cite("THREEYEAR2018-8.3-b")
_APPROVAL = cite("THREEYEAR2018-8.3-c")
_BINDING = cite("THREEYEAR2018-7.2-b")

AP_WITHIN = SPEC.code(
    "AP_WITHIN_LIMITS",
    zh="{events}项安排均在限制之内",
    en="all {events} entries keep within the limits",
)
AP_TOO_MANY = SPEC.code(
    "AP_TOO_MANY_COUNTY_ASSESSMENTS",
    zh="{year}年对{county}的考核{times}次，超过“原则上不超过{max}次”{override}",
    en="{county} is assessed {times} times in {year}, more than the in-principle limit of "
    "{max}{override_en}",
    citations=(_TIMES,),
)
AP_OVERRIDDEN = SPEC.code(
    "AP_LIMIT_SET_BY_OVERLAY",
    zh="“原则上不超过2次”由叠加层{overlay}改为{max}次（原则上的限制只可由有出处的叠加层改变）",
    en="the in-principle limit of 2 is set to {max} by overlay {overlay} (only a cited overlay "
    "may change an in-principle limit)",
    citations=(_TIMES,),
)
AP_NO_APPROVAL = SPEC.code(
    "AP_THIRD_PARTY_WITHOUT_APPROVAL",
    zh="{event}：{level}开展第三方评估，未经省里批准",
    en="{event}: third-party evaluation at {level_en} level without the province's approval",
    citations=(_APPROVAL,),
)
AP_APPROVAL_UNKNOWN = SPEC.code(
    "AP_APPROVAL_UNKNOWN",
    zh="{event}：{level}开展第三方评估，是否经省里批准未填写",
    en="{event}: third-party evaluation at {level_en} level, the province's approval not given",
    citations=(_APPROVAL,),
)
AP_BINDING = SPEC.code(
    "AP_BINDING_INDICATOR_BEYOND_STANDARD",
    zh="{event}：指标“{indicator}”超出“两不愁、三保障”标准，却作为硬性指标",
    en="{event}: indicator '{indicator}' goes beyond the two assurances and three guarantees "
    "but is binding",
    citations=(_BINDING,),
)
AP_BEFORE = SPEC.code(
    "AP_BEFORE_THE_LIMITS",
    zh="{event}（{start}）早于三年行动指导意见（2018-06-15），不适用其限制",
    en="{event} ({start}) is before the three-year guidance (2018-06-15): its limits do not apply",
)


def _third_party(ps: ParameterSet, plan: AssessmentPlan, e: PlanEvent) -> Reason | None:
    rule = resolve(ps, APPROVAL, e.start, plan.region)
    if rule is None or not rule.flag() or e.level is Level.PROVINCE:
        return None
    labels: dict[str, Any] = {"event": e.event_id, "level": e.level.zh, "level_en": e.level.en}
    if e.approved_by_province is None:
        return AP_APPROVAL_UNKNOWN(Effect.BLOCKS, parameters=(rule.use(),), **labels)
    if e.approved_by_province:
        return None
    return AP_NO_APPROVAL(Effect.OPPOSES, parameters=(rule.use(),), **labels)


def _indicators(ps: ParameterSet, plan: AssessmentPlan, e: PlanEvent) -> list[Reason]:
    rule = resolve(ps, NOT_BINDING, e.start, plan.region)
    if rule is None or not rule.flag():
        return []
    return [
        AP_BINDING(Effect.OPPOSES, parameters=(rule.use(),), event=e.event_id, indicator=i.name)
        for i in e.indicators
        if i.beyond_standard and i.binding
    ]


def _counts(ps: ParameterSet, plan: AssessmentPlan) -> list[Reason]:
    """County assessments by province and city, per county and calendar year, against the
    limit in force on the first of them that year (不超过: the limit itself is allowed)."""
    out: list[Reason] = []
    tally: Counter[tuple[str, int]] = Counter()
    first: dict[tuple[str, int], dt.date] = {}
    for e in plan.events:
        if e.kind is EventKind.COUNTY_ASSESSMENT and e.level in (Level.PROVINCE, Level.CITY):
            key = (e.county or "?", e.start.year)
            tally[key] += 1
            first[key] = min(first.get(key, e.start), e.start)
    for (county, year), times in sorted(tally.items()):
        limit = resolve(ps, MAX_ASSESSMENTS, first[(county, year)], plan.region)
        if limit is None:
            continue
        if limit.overlay is not None:
            out.append(
                AP_OVERRIDDEN(
                    Effect.NOTE,
                    parameters=(limit.use(),),
                    overlay=limit.overlay,
                    max=limit.integer(),
                )
            )
        if times > limit.integer():
            out.append(
                AP_TOO_MANY(
                    Effect.OPPOSES,
                    evidence=(evidence("county", county), evidence("times", times)),
                    parameters=(limit.use(),),
                    year=year,
                    county=county,
                    times=times,
                    max=limit.integer(),
                    override=f"（叠加层{limit.overlay}）" if limit.overlay else "",
                    override_en=f" (overlay {limit.overlay})" if limit.overlay else "",
                )
            )
    return out


@SPEC.implementation
def assessment_plan(
    plan: AssessmentPlan, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each breach of the limits, with its clause. Each limit applies to the entries that
    start on or after the guidance (2018-06-15); an earlier entry gets a note."""
    day = as_date(on)
    ps = param_set(params)
    reasons: list[Reason] = _counts(ps, plan)
    for e in plan.events:
        if resolve(ps, APPROVAL, e.start, plan.region) is None:
            reasons.append(AP_BEFORE(Effect.NOTE, event=e.event_id, start=e.start))
            continue
        found = _third_party(ps, plan, e) if e.kind is EventKind.THIRD_PARTY else None
        if found is not None:
            reasons.append(found)
        reasons += _indicators(ps, plan, e)
    if not any(r.effect in (Effect.OPPOSES, Effect.BLOCKS) for r in reasons):
        reasons.append(AP_WITHIN(Effect.SUPPORTS, events=len(plan.events)))
        return SPEC.decide(plan.plan_id, day, reasons, outcome=Outcome.MET)
    return SPEC.decide(plan.plan_id, day, reasons)
