"""``jingzhun plan``: a proposed plan per household (分类施策), and the plan on file checked.

Composes :mod:`~jingzhun.rules.classification.pathway` (the pathways and fitting measures),
:mod:`~jingzhun.rules.classification.plan_check` (the plan on file against the causes) and
:mod:`~jingzhun.rules.classification.dibao_coverage` (应保尽保).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.classification import PlanCase, PlanVerdict
from jingzhun.domain.support import MeasureKind
from jingzhun.rules.classification import dibao_coverage, pathway, plan_check
from jingzhun.rules.classification.common import codes

RULE: Final = "classification.plan"


def plan_verdict(decision: Decision) -> PlanVerdict:
    """The verdict on the plan on file, from the plan check in ``decision``'s basis."""
    check = next(b for b in decision.basis if b.rule == plan_check.RULE)
    if check.outcome is Outcome.MET:
        return PlanVerdict.FITS
    if check.outcome is Outcome.NOT_MET:
        return PlanVerdict.ADDRESSES_NO_CAUSE
    return PlanVerdict.NOT_JUDGED


def plan_details(_case: PlanCase, decision: Decision) -> Mapping[str, Any]:
    """The fields a batch row adds: proposed pathways and measures, plan verdict, 低保."""
    proposed = next(b for b in decision.basis if b.rule == pathway.RULE)
    coverage = next(b for b in decision.basis if b.rule == dibao_coverage.RULE)
    pathways, measures = pathway.proposal(proposed)
    clauses = [
        x.clause_id
        for r in proposed.reasons
        if r.effect is Effect.SUPPORTS
        for x in r.citations
        if x.clause_id
    ]
    return {
        "pathways": [p.value for p in pathways],
        "measures": list(measures),
        "clauses": list(dict.fromkeys(clauses)),
        "plan": plan_verdict(decision).value,
        "dibao_coverage": coverage.outcome.value,
    }


SPEC = RuleSpec(
    id=RULE,
    title_zh="分类施策：为贫困户提出脱贫路径和帮扶措施，核对在档计划",
    title_en="Classified support: propose a plan per household and check the plan on file",
    question_zh="该户的在档脱贫计划是否对症，应保尽保是否落实",
    question_en="Does the plan on file address the household's causes, and is dibao covered?",
    subject=PlanCase,
    clauses=("DECISION2015-4-d", "BOOK2017-ch6-5.1-a"),
    command=("plan",),
    composes=(pathway.RULE, plan_check.RULE, dibao_coverage.RULE),
    details=plan_details,
    tally=plan_verdict,
    tally_labels=PlanVerdict,
)

PLAN_PROPOSED = SPEC.code(
    "PLAN_PROPOSED",
    zh="建议路径：{pathways_zh}；建议措施：{measures_zh}",
    en="proposed pathways: {pathways}; proposed measures: {measures}",
    citations=(cite("DECISION2015-4-d"),),
)
PLAN_NOT_PROPOSED = SPEC.code(
    "PLAN_NOT_PROPOSED",
    zh="记录不足以提出脱贫路径（见依据）",
    en="the record does not allow a pathway to be proposed (see the basis)",
    citations=(cite("DECISION2015-4-d"),),
)
PLAN_FITS = SPEC.code(
    "PLAN_FITS",
    zh="在档计划针对已记录的致贫原因",
    en="the plan on file addresses a recorded cause",
)
PLAN_FLAGGED = SPEC.code(
    "PLAN_ADDRESSES_NO_CAUSE",
    zh="在档计划未针对任何已记录的致贫原因（计划措施 {planned}）",
    en="the plan on file addresses none of the recorded causes (planned: {planned})",
)
PLAN_NOT_JUDGED = SPEC.code(
    "PLAN_NOT_JUDGED",
    zh="在档计划无法判定（无计划或无可判定的致贫原因）",
    en="the plan on file cannot be judged (no plan, or no cause the table knows)",
)
PLAN_DIBAO_GAP = SPEC.code(
    "PLAN_DIBAO_NOT_COVERED",
    zh="丧失劳动能力家庭未纳入低保（应保尽保）",
    en="a household that lost its labour capacity has no dibao (all who qualify must be covered)",
    citations=(cite("BOOK2017-ch6-5.1-a"),),
)


def _proposal_reason(proposed: Decision) -> Reason:
    pathways, measures = pathway.proposal(proposed)
    if not pathways and not measures:
        return PLAN_NOT_PROPOSED(Effect.NOTE)
    return PLAN_PROPOSED(
        Effect.NOTE,
        evidence=(evidence("pathways", codes(pathways)), evidence("measures", ",".join(measures))),
        pathways=codes(pathways) or "-",
        pathways_zh="、".join(p.zh for p in pathways) or "无",
        measures=",".join(measures) or "-",
        measures_zh="、".join(MeasureKind.of(m).zh for m in measures) or "无",
    )


def _plan_reason(check: Decision) -> Reason:
    if check.outcome is Outcome.MET:
        return PLAN_FITS(Effect.SUPPORTS)
    if check.outcome is Outcome.NOT_MET:
        planned = next(
            (e.value for r in check.reasons for e in r.evidence if e.name == "planned"), "-"
        )
        return PLAN_FLAGGED(
            Effect.OPPOSES, evidence=(evidence("planned", planned),), planned=planned
        )
    return PLAN_NOT_JUDGED(Effect.NOTE)


@SPEC.implementation
def household_plan(case: PlanCase, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """The proposal (pathways and measures, each with its clause, in the basis), the verdict
    on the plan on file, and 应保尽保. 不符合 when the plan on file addresses no recorded cause
    or a household that lost its labour capacity is not in 低保; 符合 when the plan addresses
    a cause; else 无法判定 (no plan on file is never judged as fine)."""
    day = as_date(on)
    proposed = pathway.household_pathway(case, on=day, params=params)
    check = plan_check.plan_check(case, on=day, params=params)
    coverage = dibao_coverage.dibao_coverage(case.household, on=day, params=params)
    reasons = [_proposal_reason(proposed), _plan_reason(check)]
    if coverage.outcome is Outcome.NOT_MET:
        reasons.append(PLAN_DIBAO_GAP(Effect.OPPOSES))
    return SPEC.decide(case.household_id, day, reasons, basis=(proposed, check, coverage))
