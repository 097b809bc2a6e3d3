"""Does the household's plan on file address a recorded cause (对症施策)?

《关于创新机制扎实推进农村扶贫开发工作的意见》一、（二）: 深入分析致贫原因，逐村逐户制定帮扶措施.
《精准扶贫精准脱贫》第十章 一、（二）: 对于导致贫困的原因 … 都进行详细的区分; 第五章 一、（四）:
针对贫困户因灾、因病、因学、缺产业、缺技术、缺劳力等致贫因素. A plan answers a cause when it
plans a measure of the cause's row in ``classification.cause_measures``.
"""

from __future__ import annotations

from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.classification import PlanCase
from jingzhun.domain.support import HouseholdPlan
from jingzhun.domain.vocabulary import PovertyCause
from jingzhun.rules.classification.common import (
    CAUSE_MEASURES,
    Fit,
    codes,
    resolve_cause_table,
    with_parameters,
)
from jingzhun.rules.common.params import param_set

RULE: Final = "classification.plan_check"

SPEC = RuleSpec(
    id=RULE,
    title_zh="脱贫计划对症：在档计划是否针对已记录的致贫原因",
    title_en="Plan fits the causes: does the plan on file address a recorded poverty cause?",
    question_zh="该户在档脱贫计划是否针对其记录的致贫原因",
    question_en="Does the household's plan on file address a recorded poverty cause?",
    subject=PlanCase,
    parameters=(CAUSE_MEASURES,),
    clauses=("MECH2014-1.2-d", "BOOK2017-ch5-2.1-e", "BOOK2017-ch10-5.2"),
)

_BY_CAUSE = (cite("MECH2014-1.2-d"), cite("BOOK2017-ch10-5.2"))

PC_NO_PLAN = SPEC.code(
    "PC_NO_PLAN",
    zh="无在档脱贫计划，无法判定计划是否对症",
    en="no plan on file: whether the plan fits the causes cannot be judged",
    citations=(cite("BOOK2017-ch5-2.1-e"),),
)
PC_NO_CAUSE = SPEC.code(
    "PC_NO_CAUSE",
    zh="未记录致贫原因，无法判定计划是否对症",
    en="no poverty cause recorded: whether the plan fits cannot be judged",
    citations=_BY_CAUSE,
)
PC_CAUSE_NOT_IN_TABLE = SPEC.code(
    "PC_CAUSE_NOT_IN_TABLE",
    zh="致贫原因“{cause_zh}”在分类表中无对症措施，不据此判定",
    en="cause '{cause_en}' has no row in the classification table: not judged by it",
    citations=_BY_CAUSE,
)
PC_ADDRESSED = SPEC.code(
    "PC_CAUSE_ADDRESSED",
    zh="计划针对致贫原因“{cause_zh}”（计划措施 {planned}）",
    en="the plan addresses cause '{cause_en}' (planned: {planned})",
)
PC_UNADDRESSED = SPEC.code(
    "PC_CAUSE_UNADDRESSED",
    zh="计划未针对致贫原因“{cause_zh}”（对症措施 {fitting}，计划措施 {planned}）",
    en="the plan does not address cause '{cause_en}' (fitting: {fitting}; planned: {planned})",
)
PC_NONE_ADDRESSED = SPEC.code(
    "PC_PLAN_ADDRESSES_NO_CAUSE",
    zh="在档脱贫计划未针对任何已记录的致贫原因",
    en="the plan on file addresses none of the recorded poverty causes",
    citations=_BY_CAUSE,
)


def _cause_reason(cause: PovertyCause, fit: Fit, plan: HouseholdPlan) -> Reason:
    planned = codes(plan.measures) or "-"
    ev = (
        evidence("cause", cause),
        evidence("fitting", codes(fit.measures)),
        evidence("planned", planned),
        evidence("clauses", ",".join(fit.clauses)),
    )
    if fit.fitted_by(plan.measures):
        return PC_ADDRESSED(
            Effect.SUPPORTS,
            evidence=ev,
            citations=fit.citations,
            cause_zh=cause.zh,
            cause_en=cause.en,
            planned=planned,
        )
    return PC_UNADDRESSED(
        Effect.NOTE,
        evidence=ev,
        citations=fit.citations,
        cause_zh=cause.zh,
        cause_en=cause.en,
        planned=planned,
        fitting=codes(fit.measures),
    )


@SPEC.implementation
def plan_check(case: PlanCase, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """符合 when the plan plans a measure that fits at least one recorded cause; 不符合 when it
    fits none of the causes the table knows; 无法判定 with no plan, no cause, or only causes
    the table does not know (因婚, 其它)."""
    day = as_date(on)
    household = case.household
    param, fits = resolve_cause_table(param_set(params), day, household.county_code)
    hid = household.household_id
    plan = case.plan
    if plan is None:
        return SPEC.decide(hid, day, (PC_NO_PLAN(Effect.BLOCKS, parameters=(param.use(),)),))
    if not household.causes:
        return SPEC.decide(hid, day, (PC_NO_CAUSE(Effect.BLOCKS, parameters=(param.use(),)),))
    reasons: list[Reason] = []
    for cause in household.causes:
        fit = fits.get(cause)
        if fit is None:
            ev = (evidence("cause", cause),)
            reasons.append(
                PC_CAUSE_NOT_IN_TABLE(
                    Effect.NOTE, evidence=ev, cause_zh=cause.zh, cause_en=cause.en
                )
            )
        else:
            reasons.append(_cause_reason(cause, fit, plan))
    judged = [r for r in reasons if r.code != PC_CAUSE_NOT_IN_TABLE.code]
    if not judged:
        reasons.append(PC_NO_CAUSE(Effect.BLOCKS))
    elif not any(r.effect is Effect.SUPPORTS for r in judged):
        planned = evidence("planned", codes(plan.measures) or "-")
        reasons.insert(0, PC_NONE_ADDRESSED(Effect.OPPOSES, evidence=(planned,)))
    reasons[0] = with_parameters(reasons[0], param.use())
    return SPEC.decide(hid, day, reasons)
