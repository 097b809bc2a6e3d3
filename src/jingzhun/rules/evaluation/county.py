"""Third-party evaluation of a county from a sample (第三方评估): the rates with their intervals.

《省级党委和政府扶贫开发工作成效考核办法》第六条（二）: 委托有关科研机构和社会组织，采取专项调查、
抽样调查和实地核查等方式，对相关考核指标进行评估. The book (第十章 四、（二）) names what the
evaluation measures: 贫困人口识别准确率、贫困人口退出准确率、因村因户帮扶群众满意度; the county exit
special assessment (国开办发〔2017〕56号) judges 错退率、漏评率、群众认可度 against limits. Those
limits and their wordings are the county exit rule's own parameters (``exit.county.*``).

Each limited rate is judged twice: at the point estimate (the rate of the sample, what the
assessment reports) and at the confidence level ``evaluation.confidence`` (the whole interval
on the passing side). A county that passes on the estimate only is 无法判定
(``EV_PASSES_ON_ESTIMATE_ONLY``): the sample cannot show it passes.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, Final

from jingzhun.core.bounds import Bound
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Evidence, ParameterUse, Reason, evidence
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.statistics import Estimate
from jingzhun.domain.evaluation import EvaluationCase
from jingzhun.rules.common.params import param_set
from jingzhun.rules.evaluation.common import (
    METRIC,
    METRICS,
    MetricResult,
    conf_text,
    decimal_of,
    interval_text,
    measure,
    pct,
)

EVALUATION_COUNTY: Final = "evaluation.county"
CONFIDENCE: Final = "evaluation.confidence"

# rate, threshold parameter, wording parameter: the county exit rule's (rules/exit/county.py)
LIMITED: Final = (
    ("wrong_exit_rate", "exit.county.wrong_exit_rate_max", "exit.county.rates_bound"),
    ("missed_rate", "exit.county.missed_rate_max", "exit.county.rates_bound"),
    ("approval", "exit.county.approval_min", "exit.county.approval_bound"),
)
REPORTED: Final = ("identification_accuracy", "exit_accuracy", "satisfaction")

SPEC = RuleSpec(
    id=EVALUATION_COUNTY,
    title_zh="第三方评估（抽样）：识别、退出准确率，错退率、漏评率、群众认可度及置信区间",
    title_en="Third-party evaluation from a sample: accuracy, wrong exits, missed poor, "
    "approval, with confidence intervals",
    question_zh="抽样评估能否表明该县达到错退率、漏评率、群众认可度的要求",
    question_en="Does the evaluation sample show the county meets the wrong-exit, missed and "
    "approval limits?",
    subject=EvaluationCase,
    parameters=(CONFIDENCE, *(p for _, t, b in LIMITED for p in (t, b))),
    clauses=("ASSESS2016-art6.2", "BOOK2017-ch10-4.2-b", "EXIT2016-3.3-b"),
)

_SURVEY = cite("ASSESS2016-art6.2")
_CONTENT = cite("BOOK2017-ch10-4.2-b")

EV_SAMPLE = SPEC.code(
    "EV_SAMPLE",
    zh="第三方评估抽样：{kind}，{households}户（{villages}个村），置信水平{confidence}",
    en="evaluation sample: {kind_en}, {households} households ({villages} villages), "
    "confidence {confidence}",
    citations=(_SURVEY,),
)
EV_NO_STANDARD = SPEC.code(
    "EV_NO_STANDARD_IN_FORCE",
    zh="{on}尚无贫困县退出的错退率、漏评率、群众认可度标准",
    en="no county exit limits on wrong exits, missed poor or approval were in force on {on}",
)
EV_SHOWN_MET = SPEC.code(
    "EV_SHOWN_MET",
    zh="{metric}{value}（{interval}），要求{limit}：点估计达到，且在{confidence}置信水平下"
    "样本足以表明达到",
    en="{metric_en} {value} ({interval_en}) meets {limit_en}: on the estimate, and the sample "
    "shows it at {confidence} confidence",
)
EV_PASSES_ON_ESTIMATE_ONLY = SPEC.code(
    "EV_PASSES_ON_ESTIMATE_ONLY",
    zh="{metric}{value}按点估计达到{limit}，但{interval}跨越界限：样本不足以在{confidence}"
    "置信水平下表明达到，无法判定",
    en="{metric_en} {value} meets {limit_en} on the estimate, but the {interval_en} crosses the "
    "limit: the sample cannot show it at {confidence} confidence",
)
EV_FAILS_ON_ESTIMATE = SPEC.code(
    "EV_FAILS_ON_ESTIMATE",
    zh="{metric}{value}按点估计未达到{limit}（{interval}跨越界限，样本也不能表明确实未达到）",
    en="{metric_en} {value} fails {limit_en} on the estimate ({interval_en} crosses the limit: "
    "the sample cannot show the failure either)",
)
EV_SHOWN_NOT_MET = SPEC.code(
    "EV_SHOWN_NOT_MET",
    zh="{metric}{value}（{interval}），未达到{limit}：点估计和整个置信区间都未达到",
    en="{metric_en} {value} ({interval_en}) fails {limit_en}: the estimate and the whole "
    "interval fail",
)
EV_NO_SAMPLE = SPEC.code(
    "EV_NO_SAMPLE",
    zh="样本中没有可计算{metric}的{what}，无法判定",
    en="the sample holds no {what_en} with a finding: {metric_en} cannot be estimated",
)
EV_FINDINGS_MISSING = SPEC.code(
    "EV_FINDINGS_MISSING",
    zh="{missing}户{what}没有评估结论，{metric}无法判定（有结论部分为{value}）",
    en="{missing} {what_en} have no finding: {metric_en} is undetermined (the part with "
    "findings gives {value})",
)
EV_REPORTED = SPEC.code(
    "EV_RATE_REPORTED",
    zh="{metric}{value}（{interval}；{households}户{extra}）",
    en="{metric_en} {value} ({interval_en}; {households} households{extra_en})",
    citations=(_CONTENT,),
)
EV_OTHER_WORDING = SPEC.code(
    "EV_OTHER_WORDING_DIFFERS",
    zh="按另一种措辞（{wording}，来源{status}），{metric}的结论会不同：{verdict}",
    en="under the other wording ({wording_en}, source {status}) the verdict on {metric_en} "
    "would differ: {verdict_en}",
)


def passes(value: Fraction, threshold: Fraction, bound: Bound) -> bool:
    """Exact comparison by the drafting convention (以下/不低于 include, 低于/高于 exclude)."""
    if bound is Bound.AT_OR_BELOW:
        return value <= threshold
    if bound is Bound.BELOW:
        return value < threshold
    if bound is Bound.ABOVE:
        return value > threshold
    return value >= threshold


def verdicts(est: Estimate, threshold: Fraction, bound: Bound) -> tuple[bool, bool | None]:
    """(passes on the estimate, passes at the confidence: True/False when the whole interval
    is on one side, None when it crosses the limit)."""
    point = passes(est.estimate, threshold, bound)
    near, far = (est.upper, est.lower) if bound.is_upper else (est.lower, est.upper)
    if passes(near, threshold, bound):
        return point, True
    if not passes(far, threshold, bound):
        return point, False
    return point, None


def _code_for(point: bool, shown: bool | None) -> Any:
    if shown is True:
        return EV_SHOWN_MET, Effect.SUPPORTS
    if shown is False:
        return EV_SHOWN_NOT_MET, Effect.OPPOSES
    return (
        (EV_PASSES_ON_ESTIMATE_ONLY, Effect.BLOCKS)
        if point
        else (EV_FAILS_ON_ESTIMATE, Effect.OPPOSES)
    )


def estimate_evidence(name: str, est: Estimate) -> list[Evidence]:
    """The estimate, its interval and design as evidence (decimals for display; the verdict
    compares the exact fractions)."""
    return [
        evidence(name, decimal_of(est.estimate)),
        evidence(f"{name}.numerator", est.successes),
        evidence(f"{name}.denominator", est.total),
        evidence(f"{name}.lower", decimal_of(est.lower)),
        evidence(f"{name}.upper", decimal_of(est.upper)),
        evidence(f"{name}.units", est.units),
        evidence(f"{name}.design_effect", decimal_of(est.design_effect)),
        evidence(f"{name}.design_effect_from", est.design_effect_from),
        evidence(f"{name}.fpc", decimal_of(est.fpc)),
        evidence(f"{name}.population", est.population),
    ]


def _fields(result: MetricResult) -> dict[str, Any]:
    spec, est = result.spec, result.estimate
    out: dict[str, Any] = {
        "metric": spec.zh,
        "metric_en": spec.en,
        "what": spec.of_what_zh,
        "what_en": spec.of_what_en,
        "missing": result.missing,
    }
    if est is not None:
        interval, interval_en = interval_text(est)
        out |= {
            "value": pct(est.estimate),
            "interval": interval,
            "interval_en": interval_en,
            "confidence": conf_text(est.confidence),
        }
    return out


def limited_reasons(
    result: MetricResult, threshold: ResolvedParameter, bound: ResolvedParameter
) -> list[Reason]:
    """One limited rate: missing data, no sample, or the two verdicts (and the other wording)."""
    used: tuple[ParameterUse, ...] = (threshold.use(), bound.use())
    wording = bound.choice(Bound)
    t = Fraction(threshold.decimal())
    limit = wording.limit_zh.format(pct(t, 0))
    fields = _fields(result) | {"limit": limit, "limit_en": f"{wording.en} {pct(t, 0)}"}
    cites = (
        (threshold.source,)
        if threshold.source is bound.source
        else (threshold.source, bound.source)
    )
    est = result.estimate
    if est is None:
        return [EV_NO_SAMPLE(Effect.BLOCKS, parameters=used, citations=cites, **fields)]
    ev = estimate_evidence(result.spec.key, est)
    if result.missing and result.spec.blocking:
        return [
            EV_FINDINGS_MISSING(
                Effect.BLOCKS, evidence=ev, parameters=used, citations=cites, **fields
            )
        ]
    point, shown = verdicts(est, t, wording)
    code, effect = _code_for(point, shown)
    out = [code(effect, evidence=ev, parameters=used, citations=cites, **fields)]
    out += _other_wordings(result, est, t, bound, (point, shown), fields)
    return out


def _other_wordings(
    result: MetricResult,
    est: Estimate,
    t: Fraction,
    bound: ResolvedParameter,
    found: tuple[bool, bool | None],
    fields: dict[str, Any],
) -> list[Reason]:
    out = []
    for alt in bound.alternatives:
        other = Bound.of(str(alt.value))
        point, shown = verdicts(est, t, other)
        if (point, shown) == found:
            continue
        code, _effect = _code_for(point, shown)
        message = code(
            Effect.NOTE,
            **(
                fields
                | {"limit": other.limit_zh.format(pct(t, 0)), "limit_en": f"{other.en} {pct(t, 0)}"}
            ),
        )
        out.append(
            EV_OTHER_WORDING(
                Effect.NOTE,
                parameters=(bound.use(),),
                citations=(alt.source,),
                wording=other.zh,
                wording_en=other.en,
                status=alt.status,
                metric=result.spec.zh,
                metric_en=result.spec.en,
                verdict=message.message_zh,
                verdict_en=message.message_en,
            )
        )
    return out


def reported_reason(result: MetricResult) -> Reason:
    """A rate without a national limit (accuracy, satisfaction): the estimate and interval."""
    est = result.estimate
    fields = _fields(result)
    if est is None:
        return EV_NO_SAMPLE(Effect.NOTE, **fields)
    extra = f"，{result.missing}户无结论" if result.missing else ""
    extra_en = f", {result.missing} without a finding" if result.missing else ""
    return EV_REPORTED(
        Effect.NOTE,
        evidence=estimate_evidence(result.spec.key, est),
        households=result.households,
        extra=extra,
        extra_en=extra_en,
        **fields,
    )


def sample_reason(case: EvaluationCase, confidence: ResolvedParameter) -> Reason:
    kind = case.design.kind
    return EV_SAMPLE(
        Effect.NOTE,
        evidence=(
            evidence("households", len(case.households)),
            evidence("villages", len(case.villages)),
            evidence("design", kind.value),
        ),
        parameters=(confidence.use(),),
        kind=kind.zh,
        kind_en=kind.en,
        households=len(case.households),
        villages=len(case.villages),
        confidence=conf_text(Fraction(confidence.decimal())),
    )


@SPEC.implementation
def evaluation_county(
    case: EvaluationCase, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """The evaluation of a county's sample: every rate with its interval, and the verdict on
    错退率、漏评率、群众认可度 at the estimate and at the confidence ``evaluation.confidence``."""
    day = as_date(on)
    ps = param_set(params)
    region = case.county.county_code
    confidence = ps.resolve(CONFIDENCE, on=day, region=region)
    conf = Fraction(confidence.decimal())
    reasons: list[Reason] = [sample_reason(case, confidence)]
    reasons += _limited(case, day, ps, conf)
    reasons += [reported_reason(measure(case, METRIC[key], conf)) for key in REPORTED]
    return SPEC.decide(region, day, reasons)


def _limited(case: EvaluationCase, day: dt.date, ps: ParameterSet, conf: Fraction) -> list[Reason]:
    region = case.county.county_code
    out: list[Reason] = []
    for key, t_name, b_name in LIMITED:
        try:
            threshold = ps.resolve(t_name, on=day, region=region)
            bound = ps.resolve(b_name, on=day, region=region)
        except NoValueInForceError:
            return [EV_NO_STANDARD(Effect.BLOCKS, on=day)]
        out += limited_reasons(measure(case, METRIC[key], conf), threshold, bound)
    return out


assert {m.key for m in METRICS} == {k for k, _, _ in LIMITED} | set(REPORTED)
