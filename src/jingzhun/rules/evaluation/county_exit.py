"""An evaluation and a county exit decision as one pipeline.

:func:`exit_rates` turns an evaluation sample into the ``RateFigure`` inputs of
:class:`~jingzhun.domain.model.CountyExitCase` (错退率, 漏评率, 群众认可度 as sample counts);
:func:`county_exit_case` builds the case; the rule ``evaluation.county_exit`` decides both —
``exit.county`` on the sample's rates (the point estimates, as the special assessment reports
them) and ``evaluation.county`` at the confidence level — and the county may exit only when
both are 符合.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

import attrs

from jingzhun.core.bounds import RateFigure
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.evaluation import CountyExitEvaluation, EvaluationCase
from jingzhun.domain.model import CountyExitCase
from jingzhun.rules.common.params import param_set
from jingzhun.rules.evaluation.common import METRIC, conf_text, interval_text, measure
from jingzhun.rules.evaluation.county import CONFIDENCE, EVALUATION_COUNTY, evaluation_county
from jingzhun.rules.exit.county import COUNTY_EXIT, county_exit

EVALUATION_COUNTY_EXIT: Final = "evaluation.county_exit"
EXIT_FIELDS: Final = ("wrong_exit_rate", "missed_rate", "approval")

SPEC = RuleSpec(
    id=EVALUATION_COUNTY_EXIT,
    title_zh="评估与贫困县退出：以抽样评估的三项指标判定退出",
    title_en="Evaluation into county exit: the exit decision on the sample's rates",
    question_zh="按第三方评估样本，贫困县能否退出",
    question_en="On the evaluation sample, may the county exit?",
    subject=CountyExitEvaluation,
    parameters=(CONFIDENCE,),
    clauses=("EXIT2016-3.3-b", "ASSESS2016-art6.2"),
    composes=(COUNTY_EXIT, EVALUATION_COUNTY),
)

_EFFECT: Final = {
    Outcome.MET: Effect.SUPPORTS,
    Outcome.NOT_MET: Effect.OPPOSES,
    Outcome.UNDETERMINED: Effect.BLOCKS,
}

EVX_EXIT = SPEC.code(
    "EVX_EXIT_DECISION",
    zh="贫困县退出（按样本点估计）：{outcome}",
    en="county exit on the sample's estimates: {outcome_en}",
)
EVX_EVALUATION = SPEC.code(
    "EVX_EVALUATION_DECISION",
    zh="抽样评估（{confidence}置信水平）：{outcome}",
    en="the evaluation at {confidence} confidence: {outcome_en}",
)


def exit_rates(
    evaluation: EvaluationCase, confidence: Fraction | None = None
) -> dict[str, RateFigure | None]:
    """错退率、漏评率、群众认可度 of the sample as county exit inputs (None: no households, or
    a missing finding: unknown, never a pass). With ``confidence`` the figure's source
    states the interval."""
    out: dict[str, RateFigure | None] = {}
    for name in EXIT_FIELDS:
        spec = METRIC[name]
        result = measure(evaluation, spec, confidence or Fraction(95, 100))
        est = result.estimate
        if est is None or (spec.blocking and result.missing):
            out[name] = None
            continue
        source = f"第三方评估抽样 / evaluation sample: {est.successes}/{est.total}"
        if confidence is not None:
            zh, en = interval_text(est)
            source += f"（{zh} / {en}）"
        out[name] = RateFigure(numerator=est.successes, denominator=est.total, source=source)
    return out


def county_exit_case(
    evaluation: EvaluationCase,
    exit_case: CountyExitCase | None = None,
    *,
    confidence: Fraction | None = None,
) -> CountyExitCase:
    """The county exit case with the evaluation's three rates (and ``exit_case``'s others)."""
    base = exit_case if exit_case is not None else CountyExitCase(county=evaluation.county)
    rates = exit_rates(evaluation, confidence)
    return attrs.evolve(
        base,
        wrong_exit_rate=rates["wrong_exit_rate"],
        missed_rate=rates["missed_rate"],
        approval=rates["approval"],
    )


@SPEC.implementation
def evaluation_county_exit(
    case: CountyExitEvaluation, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """The county exit decision on the evaluation's rates, and the evaluation itself: the
    county may exit when both are 符合 (an estimate the sample cannot show is 无法判定)."""
    day = as_date(on)
    ps = param_set(params)
    evaluated = evaluation_county(case.evaluation, on=day, params=ps)
    confidence = ps.resolve(CONFIDENCE, on=day, region=case.evaluation.county.county_code)
    conf = Fraction(confidence.decimal())
    exit_decision = county_exit(
        county_exit_case(case.evaluation, case.exit_case, confidence=conf), on=day, params=ps
    )
    reasons = (
        EVX_EXIT(
            _EFFECT[exit_decision.outcome],
            outcome=exit_decision.outcome.zh,
            outcome_en=exit_decision.outcome.en,
        ),
        EVX_EVALUATION(
            _EFFECT[evaluated.outcome],
            parameters=(confidence.use(),),
            confidence=conf_text(conf),
            outcome=evaluated.outcome.zh,
            outcome_en=evaluated.outcome.en,
        ),
    )
    return SPEC.decide(
        case.evaluation.county.county_code, day, reasons, basis=(exit_decision, evaluated)
    )
