"""County exit (贫困县退出 / 摘帽): incidence, 三率一度, provincial conditions, procedure."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_FLOOR, Decimal
from typing import Any, Final

from jingzhun.core.bounds import Bound, RateFigure, rate_within
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import Citation, cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    ParameterUse,
    Reason,
    combine,
)
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.money import percent
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import County, CountyExitCase
from jingzhun.rules.common.params import param_set
from jingzhun.rules.common.procedure import PROCEDURE_CODES
from jingzhun.rules.exit.common import (
    EXIT_COMMON_CODES,
    compare_west_note,
    contradicts,
    falls_short,
    regional_threshold,
    threshold_label,
)
from jingzhun.rules.exit.county_procedure import COUNTY_PROCEDURE_CODES, county_procedure
from jingzhun.rules.exit.village import VX_OVERRIDE, override_note

COUNTY_EXIT: Final = "exit.county"

SPEC = RuleSpec(
    id=COUNTY_EXIT,
    title_zh="贫困县退出（贫困发生率、三率一度、省定条件；分年度程序）",
    title_en="County exit (incidence, the special assessment's four metrics, provincial "
    "conditions; dated procedure)",
    question_zh="贫困县是否符合退出（摘帽）条件",
    question_en="May the county exit (be delisted)?",
    subject=CountyExitCase,
    parameters=(
        "exit.county.incidence_threshold",
        "exit.county.incidence_threshold_west",
        "exit.county.incidence_bound",
        "exit.county.comprehensive_incidence",
        "exit.county.wrong_exit_rate_max",
        "exit.county.missed_rate_max",
        "exit.county.rates_bound",
        "exit.county.approval_min",
        "exit.county.approval_bound",
        "exit.county.poor_villages_exited_min",
        "exit.county.procedure",
        "exit.notice_period_days",
        "exit.county.campaign_deadline",
    ),
    clauses=(
        "EXIT2016-3.3-b",
        "EXIT2016-3.3-c",
        "EXIT2016-3.3-d",
        "EXIT2016-3.3-e",
        "EXIT2016-3.3-f",
        "DECISION2015-4-g",
        "THREEYEAR2018-7.2-c",
        "THREEYEAR2018-7.2-d",
        "DECISION2015-2-c",
        "EXIT2016-1",
        "EASTWEST2016-2",
    ),
    command=("exit", "counties"),
)


_COUNTY_STANDARD = cite("EXIT2016-3.3-b")


_POOR_COUNTY = cite("EXIT2016-3.3-a")


_SEND_BACK = cite("EXIT2016-3.3-e")


CX_NOT_POOR = SPEC.code(
    "CX_NOT_A_POOR_COUNTY",
    zh="既非国家扶贫开发工作重点县，也非集中连片特困地区县，不适用退出",
    en="neither a key county nor a contiguous-area county: exit does not apply",
    citations=(_POOR_COUNTY,),
)


CX_POOR = SPEC.code(
    "CX_POOR_COUNTY",
    zh="贫困县（{kinds}）",
    en="a poor county ({kinds_en})",
    citations=(_POOR_COUNTY,),
)


CX_NO_STANDARD = SPEC.code(
    "CX_NO_STANDARD_IN_FORCE",
    zh="{on}尚无贫困县退出标准（2015年决定要求“抓紧制定”，2016年4月出台）",
    en="no county exit standard on {on} (the 2015 decision called for one; it came in April 2016)",
    citations=(cite("DECISION2015-4-f"),),
)


CX_METRIC_OK = SPEC.code(
    "CX_METRIC_MET",
    zh="{metric}{value}，要求{limit}：达到{tag}",
    en="{metric_en} {value_en} meets the requirement: {limit_en}{tag_en}",
)


CX_METRIC_FAILS = SPEC.code(
    "CX_METRIC_NOT_MET",
    zh="{metric}{value}，未达到{limit}的要求{tag}",
    en="{metric_en} {value_en} fails the requirement: {limit_en}{tag_en}",
)


CX_METRIC_OPEN = SPEC.code(
    "CX_METRIC_UNDETERMINED",
    zh="{metric}{value}：公布值不足以判断是否{limit}{tag}",
    en="{metric_en} {value_en}: the published figure cannot tell whether it is {limit_en}{tag_en}",
)


CX_METRIC_MISSING = SPEC.code(
    "CX_METRIC_MISSING",
    zh="缺少{metric}（未提供或未公布）{tag}",
    en="{metric_en} not given (or not published){tag_en}",
)


CX_INCIDENCE_CONTRADICTS = SPEC.code(
    "CX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS",
    zh="填报的贫困发生率{reported}与人数计算的{computed}不符",
    en="the reported incidence {reported_en} contradicts {computed_en} computed from the counts",
    citations=(_COUNTY_STANDARD,),
)


CX_PLAIN_INCIDENCE = SPEC.code(
    "CX_COMPREHENSIVE_INCIDENCE_INCOMPLETE",
    zh="综合贫困发生率需漏评、错退人数，未提供；按建档立卡剩余贫困人口计算的{plain}只是其下限",
    en="the comprehensive incidence needs the missed and wrongly exited counts; the {plain_en} "
    "of the registry's remaining poor is only its lower bound",
)


CX_VILLAGES_NOT_REQUIRED = SPEC.code(
    "CX_VILLAGE_SHARE_NOT_REQUIRED",
    zh="全国标准不设贫困村退出比例要求",
    en="the national standard sets no share of exited poor villages",
)


CX_SEND_BACK = SPEC.code(
    "CX_SENT_BACK_FOR_VERIFICATION",
    zh="不符合条件或未完整履行退出程序的，责成相关地方进行核查处理",
    en="a county that fails the conditions or the procedure is sent back for verification",
    citations=(_SEND_BACK,),
)


CX_DEADLINE = SPEC.code(
    "CX_PAST_2020_DEADLINE",
    zh="脱贫攻坚目标为到{year}年贫困县全部摘帽（期限{deadline}），{on}仍未达到退出条件",
    en="the campaign's goal was every poor county delisted by {year} (deadline {deadline}); "
    "on {on} the county still does not meet the conditions",
    citations=(cite("DECISION2015-2-c"), cite("EXIT2016-1"), cite("EASTWEST2016-2")),
)


_METRICS: Final = (
    # attribute, threshold parameter, bound parameter, zh, en
    (
        "wrong_exit_rate",
        "exit.county.wrong_exit_rate_max",
        "exit.county.rates_bound",
        "脱贫人口错退率",
        "rate of wrongly exited people",
    ),
    (
        "missed_rate",
        "exit.county.missed_rate_max",
        "exit.county.rates_bound",
        "贫困人口漏评率",
        "rate of missed poor people",
    ),
    (
        "approval",
        "exit.county.approval_min",
        "exit.county.approval_bound",
        "群众认可度",
        "public approval",
    ),
)


def _metric_reason(
    figure: RateFigure | None,
    threshold: ResolvedParameter,
    bound: ResolvedParameter | Bound,
    zh: str,
    en: str,
    evidence_name: str,
    citations: tuple[Citation, ...],
    tag: tuple[str, str] = ("", ""),
) -> Reason:
    """One metric against its limit; ``bound`` is a wording parameter or a fixed wording.

    ``tag`` (zh, en) ends the messages, e.g. the regional threshold that applied.
    """
    limit = threshold.decimal()
    used: tuple[ParameterUse, ...] = (threshold.use(),)
    if isinstance(bound, Bound):
        wording = bound
    else:
        wording, used = bound.choice(Bound), (*used, bound.use())
    fields: dict[str, Any] = {
        "metric": zh,
        "metric_en": en,
        "threshold": percent(limit, 0),
        "limit": wording.limit_zh.format(percent(limit, 0)),
        "limit_en": f"{wording.en} {percent(limit, 0)}",
        "tag": tag[0],
        "tag_en": tag[1],
    }
    if figure is None:
        return CX_METRIC_MISSING(Effect.BLOCKS, parameters=used, citations=citations, **fields)
    ev = [Evidence(name=evidence_name, value=figure.describe())]
    if figure.numerator is not None:
        ev += [
            Evidence(name=f"{evidence_name}.numerator", value=figure.numerator),
            Evidence(name=f"{evidence_name}.denominator", value=figure.denominator),
        ]
    if figure.source:
        ev.append(Evidence(name=f"{evidence_name}.source", value=figure.source))
    verdict = rate_within(figure, limit, wording)
    code = CX_METRIC_OPEN if verdict is None else CX_METRIC_OK if verdict else CX_METRIC_FAILS
    effect = Effect.BLOCKS if verdict is None else Effect.SUPPORTS if verdict else Effect.OPPOSES
    return code(
        effect,
        evidence=ev,
        parameters=used,
        citations=citations,
        value=figure.describe(),
        value_en=figure.describe_en(),
        **fields,
    )


SPEC.uses(VX_OVERRIDE, *EXIT_COMMON_CODES, *COUNTY_PROCEDURE_CODES, *PROCEDURE_CODES)


@SPEC.implementation
def county_exit(
    case: CountyExitCase, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a poor county may exit (贫困县退出 / 摘帽).

    《关于建立贫困退出机制的意见》三、（三）: 原则上贫困县贫困发生率降至2％以下
    （西部地区降至3％以下）.
    From 国开办发〔2017〕56号 the special assessment reads 三率一度 (综合贫困发生率低于2%/3%、
    错退率低于2%、漏评率低于2%、群众认可度高于90%); any one failing metric blocks exit and every
    one is listed. The procedure version in force on ``on`` (2015, 2016 or 2018) is checked.
    """
    day = as_date(on)
    ps = param_set(params)
    region = case.county.county_code
    poor = _poor_county(case.county)
    if poor is None:
        return SPEC.decide(region, day, (CX_NOT_POOR(Effect.OPPOSES),))
    reasons: list[Reason] = [poor]
    try:
        threshold, west = regional_threshold(ps, "exit.county.incidence_threshold", region, day)
    except NoValueInForceError:
        reasons.append(CX_NO_STANDARD(Effect.BLOCKS, on=day))
        reasons += county_procedure(case, day, ps)
        return SPEC.decide(region, day, reasons)
    bound = ps.resolve("exit.county.incidence_bound", on=day, region=region)
    comprehensive = ps.resolve("exit.county.comprehensive_incidence", on=day, region=region)
    label = threshold_label(ps, "exit.county.incidence_threshold", threshold, region, west)
    reasons += _county_incidence(case, threshold, bound, comprehensive, label)
    if threshold.overlay is not None:
        reasons.append(override_note(threshold))
    compare_west = compare_west_note(threshold, region, label, county=True)
    if compare_west is not None:
        reasons.append(compare_west)
    reasons += _assessment_metrics(case, day, ps)
    reasons += _village_share(case, day, ps)
    reasons += county_procedure(case, day, ps)
    if combine(reasons) is Outcome.NOT_MET:
        reasons.append(CX_SEND_BACK(Effect.NOTE))
        deadline = ps.resolve("exit.county.campaign_deadline", on=day, region=region)
        if day > deadline.day():
            reasons.append(
                CX_DEADLINE(
                    Effect.NOTE,
                    parameters=(deadline.use(),),
                    on=day,
                    year=deadline.day().year,
                    deadline=deadline.day(),
                )
            )
    return SPEC.decide(region, day, reasons)


def _poor_county(county: County) -> Reason | None:
    """三、（三）: 贫困县包括国家扶贫开发工作重点县和集中连片特困地区县 (None: neither)."""
    kinds = [
        k
        for k, flag in (("重点县", county.key_county), ("片区县", county.contiguous_area_county))
        if flag
    ]
    if not kinds:
        return None
    return CX_POOR(
        Effect.NOTE,
        kinds="、".join(kinds),
        kinds_en=" and ".join(
            {"重点县": "key county", "片区县": "contiguous-area county"}[k] for k in kinds
        ),
    )


def _assessment_metrics(case: CountyExitCase, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """错退率、漏评率、群众认可度 of the special assessment, each against its dated limit."""
    region = case.county.county_code
    reasons = []
    for attr, t_name, b_name, zh, en in _METRICS:
        t = ps.resolve(t_name, on=day, region=region)
        b = ps.resolve(b_name, on=day, region=region)
        sources = (t.source,) if t.source is b.source else (t.source, b.source)
        reasons.append(_metric_reason(getattr(case, attr), t, b, zh, en, attr, sources))
    return reasons


def _county_incidence(
    case: CountyExitCase,
    threshold: ResolvedParameter,
    bound: ResolvedParameter,
    comprehensive: ResolvedParameter,
    label: tuple[str, str],
) -> list[Reason]:
    """贫困发生率 (2016) or 综合贫困发生率 (from 2017-09-30) against the regional threshold.

    Without the 漏评 and 错退 counts the comprehensive rate is unknown: the plain rate is
    its lower bound (综合 ≥ plain), so a plain rate at or over the threshold fails and one
    under it leaves the metric open, unless a published comprehensive figure is given.
    """
    name_zh, name_en = (
        ("综合贫困发生率", "comprehensive poverty incidence")
        if comprehensive.flag()
        else ("贫困发生率", "poverty incidence")
    )
    figure: RateFigure | None = case.incidence
    out: list[Reason] = []
    if case.rural_population is not None and case.remaining_poor is not None:
        figure, out = _incidence_from_counts(case, comprehensive)
    tag = (f"（{label[0]}标准）", f" ({label[1]} threshold)")
    out.append(
        _metric_reason(
            figure,
            threshold,
            bound,
            name_zh,
            name_en,
            "incidence",
            (_COUNTY_STANDARD, bound.source),
            tag,
        )
    )
    return out


def _incidence_from_counts(
    case: CountyExitCase, comprehensive: ResolvedParameter
) -> tuple[RateFigure | None, list[Reason]]:
    """The figure to judge from the counts, and the reasons the counts give on the way."""
    assert case.rural_population is not None and case.remaining_poor is not None
    published, poor, rural = case.incidence, case.remaining_poor, case.rural_population
    missed, wrong = case.missed_population, case.wrongly_exited_population
    if not comprehensive.flag() or (missed is not None and wrong is not None):
        extra = (missed or 0) + (wrong or 0) if comprehensive.flag() else 0
        counted = RateFigure(numerator=poor + extra, denominator=rural)
        return counted, _contradiction(published, counted, lower_bound=False)
    plain = RateFigure(numerator=poor, denominator=rural)
    out = [
        CX_PLAIN_INCIDENCE(
            Effect.NOTE,
            evidence=(
                Evidence(name="remaining_poor", value=poor),
                Evidence(name="rural_population", value=rural),
            ),
            parameters=(comprehensive.use(),),
            citations=(comprehensive.source,),
            plain=plain.describe(),
            plain_en=plain.describe_en(),
        )
    ]
    if published is not None:
        return published, out + _contradiction(published, plain, lower_bound=True)
    source = f"建档立卡剩余贫困人口{poor}÷乡村人口{rural}，综合贫困发生率的下限 / lower bound"
    # Rounded down to 0.0001%: still a true lower bound, and readable in the message.
    assert plain.exact is not None
    floor = plain.exact.quantize(Decimal("0.000001"), rounding=ROUND_FLOOR)
    return RateFigure(at_least=floor, source=source), out


def _contradiction(
    published: RateFigure | None, counted: RateFigure, *, lower_bound: bool
) -> list[Reason]:
    """A published figure that the counts rule out: unequal, or (a lower bound) below them."""
    computed = counted.exact
    if published is None or computed is None:
        return []
    if published.exact is not None:
        test = falls_short if lower_bound else contradicts
        if not test(published.exact, computed):
            return []
    elif published.below is None or published.below > computed:
        return []
    return [
        CX_INCIDENCE_CONTRADICTS(
            Effect.BLOCKS,
            reported=published.describe(),
            computed=counted.describe(),
            reported_en=published.describe_en(),
            computed_en=counted.describe_en(),
        )
    ]


def _village_share(case: CountyExitCase, day: dt.date, ps: ParameterSet) -> list[Reason]:
    region = case.county.county_code
    minimum = ps.resolve("exit.county.poor_villages_exited_min", on=day, region=region)
    if minimum.decimal() == 0:
        return [CX_VILLAGES_NOT_REQUIRED(Effect.NOTE, parameters=(minimum.use(),))]
    figure = None
    if case.poor_villages == 0:
        figure = RateFigure(value=Decimal(1), source="没有贫困村 / no poor villages")
    elif case.poor_villages is not None and case.poor_villages_exited is not None:
        figure = RateFigure(numerator=case.poor_villages_exited, denominator=case.poor_villages)
    return [
        _metric_reason(
            figure,
            minimum,
            Bound.AT_OR_ABOVE,
            "贫困村退出比例",
            "share of poor villages exited",
            "poor_villages_exited_share",
            (minimum.source,),
        )
    ]
