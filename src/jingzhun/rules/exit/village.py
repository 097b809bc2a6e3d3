"""Village exit (贫困村退出): incidence down to 2% (3% in the west), township notice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from jingzhun.core.bounds import Bound, within
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Evidence, Reason
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.money import percent
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import Village
from jingzhun.rules.common.params import param_set
from jingzhun.rules.common.procedure import PROCEDURE_CODES, check_steps
from jingzhun.rules.exit.common import (
    EXIT_COMMON_CODES,
    compare_west_note,
    contradicts,
    regional_threshold,
    threshold_label,
)

VILLAGE_EXIT: Final = "exit.village"

SPEC = RuleSpec(
    id=VILLAGE_EXIT,
    title_zh="贫困村退出（贫困发生率降至2%以下，西部3%以下；乡镇公示）",
    title_en="Village exit (incidence at or below 2%, 3% in the west; township notice)",
    question_zh="贫困村是否符合退出条件",
    question_en="May the village exit poverty?",
    subject=Village,
    parameters=(
        "exit.village.incidence_threshold",
        "exit.village.incidence_threshold_west",
        "exit.village.incidence_bound",
        "exit.village.procedure",
        "exit.notice_period_days",
    ),
    clauses=(
        "EXIT2016-3.2-a",
        "EXIT2016-3.2-b",
        "EXIT2016-3.2-c",
        "EXIT2016-2.3-b",
        "BOOK2017-ch10-2.1-a",
    ),
    command=("exit", "villages"),
)


_VILLAGE_STANDARD = cite("EXIT2016-3.2-b")


_VILLAGE_FACTORS = cite("EXIT2016-3.2-a")


_VILLAGE_PROCEDURE = cite("EXIT2016-3.2-c")


_EXIT_REVIEW = cite("EXIT2016-2.3-b")


VX_INCIDENCE_OK = SPEC.code(
    "VX_INCIDENCE_AT_THRESHOLD",
    zh="贫困发生率{incidence}（{poor}÷{rural}），{region}标准{threshold}{bound}：达到",
    en="poverty incidence {incidence} ({poor} / {rural}) meets the {region_en} threshold of "
    "{threshold} ({bound_en})",
    citations=(_VILLAGE_STANDARD,),
)


VX_INCIDENCE_HIGH = SPEC.code(
    "VX_INCIDENCE_ABOVE_THRESHOLD",
    zh="贫困发生率{incidence}（{poor}÷{rural}），未降至{region}标准{threshold}{bound}",
    en="poverty incidence {incidence} ({poor} / {rural}) is not down to the {region_en} "
    "threshold of {threshold} ({bound_en})",
    citations=(_VILLAGE_STANDARD,),
)


VX_NO_POPULATION = SPEC.code(
    "VX_NO_RURAL_POPULATION",
    zh="农村人口为0，无法计算贫困发生率",
    en="rural population is 0: no incidence can be computed",
    citations=(_VILLAGE_STANDARD,),
)


VX_INCIDENCE_CONTRADICTS = SPEC.code(
    "VX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS",
    zh="填报的贫困发生率{reported}与人数计算的{computed}不符",
    en="the reported incidence {reported} contradicts {computed} computed from the counts",
    citations=(_VILLAGE_STANDARD,),
)


VX_OVERRIDE = SPEC.code(
    "VX_THRESHOLD_OVERRIDDEN",
    zh="“原则上”的标准由地方叠加层{overlay}调整为{threshold}",
    en="the 'in principle' threshold is set to {threshold} by overlay {overlay}",
    citations=(_VILLAGE_STANDARD,),
)


VX_FACTORS = SPEC.code(
    "VX_COMPREHENSIVE_FACTORS",
    zh="统筹考虑的综合因素：{factors}",
    en="comprehensive factors considered: {factors_en}",
    citations=(_VILLAGE_FACTORS,),
)


VX_PROCEDURE_NOT_RECORDED = SPEC.code(
    "VX_PROCEDURE_NOT_RECORDED",
    zh="未提供退出程序记录（审核审查、乡镇公示），只判断退出标准",
    en="no exit procedure recorded (review, township notice): only the exit standard was decided",
    citations=(_VILLAGE_PROCEDURE,),
)


VX_NO_STANDARD = SPEC.code(
    "VX_NO_STANDARD_IN_FORCE",
    zh="{on}尚无贫困村退出标准",
    en="no village exit standard on {on}",
    citations=(_VILLAGE_STANDARD,),
)


SPEC.uses(*EXIT_COMMON_CODES, *PROCEDURE_CODES)


@SPEC.implementation
def village_exit(village: Village, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """Whether a poor village may exit (贫困村退出).

    《关于建立贫困退出机制的意见》三、（二）: 原则上贫困村贫困发生率降至2％以下
    （西部地区降至3％以下），在乡镇内公示无异议后，公告退出. 以下 includes the threshold
    (exactly 2.00% passes). The incidence is the village's remaining registered poor over
    its rural population — computed after the households' own exits, so the exit order is
    bottom-up (第十章 二、（一）).
    """
    day = as_date(on)
    ps = param_set(params)
    region = village.county_code
    try:
        threshold, west = regional_threshold(ps, "exit.village.incidence_threshold", region, day)
        bound = ps.resolve("exit.village.incidence_bound", on=day, region=region)
    except NoValueInForceError:
        return SPEC.decide(village.village_id, day, (VX_NO_STANDARD(Effect.BLOCKS, on=day),))
    label = threshold_label(ps, "exit.village.incidence_threshold", threshold, region, west)
    reasons = _incidence_reasons(village, threshold, bound, label)
    if threshold.overlay is not None:
        reasons.append(override_note(threshold))
    compare_west = compare_west_note(threshold, region, label, county=False)
    if compare_west is not None:
        reasons.append(compare_west)
    if village.exit_factors:
        reasons.append(
            VX_FACTORS(
                Effect.NOTE,
                evidence=tuple(
                    Evidence(name=f"factors.{k}", value=v) for k, v in village.exit_factors
                ),
                factors="；".join(f"{k}: {v}" for k, v in village.exit_factors),
                factors_en="; ".join(f"{k} ({v})" for k, v in village.exit_factors),
            )
        )
    reasons += _township_notice(village, day, ps)
    return SPEC.decide(village.village_id, day, reasons)


def override_note(threshold: ResolvedParameter) -> Reason:
    """原则上: a local overlay set the threshold; say which, and to what."""
    return VX_OVERRIDE(
        Effect.NOTE,
        parameters=(threshold.use(),),
        citations=(threshold.source,),
        overlay=threshold.overlay,
        threshold=percent(threshold.decimal(), 0),
    )


def _incidence_reasons(
    village: Village,
    threshold: ResolvedParameter,
    bound: ResolvedParameter,
    label: tuple[str, str],
) -> list[Reason]:
    """贫困发生率降至2％以下（西部3％）, from the counts; a reported rate must agree with them."""
    limit, wording = threshold.decimal(), bound.choice(Bound)
    if village.rural_population == 0:
        return [VX_NO_POPULATION(Effect.BLOCKS)]
    reasons: list[Reason] = []
    inc = Decimal(village.poor_population) / Decimal(village.rural_population)
    ev = (
        Evidence(name="poor_population", value=village.poor_population),
        Evidence(name="rural_population", value=village.rural_population),
        Evidence(name="poverty_incidence", value=inc),
    )
    reported = village.reported_incidence
    if reported is not None and contradicts(reported, inc):
        reasons.append(
            VX_INCIDENCE_CONTRADICTS(
                Effect.BLOCKS,
                evidence=(*ev, Evidence(name="reported_incidence", value=reported)),
                reported=percent(reported, 4),
                computed=percent(inc, 4),
            )
        )
    ok = within(inc, limit, wording)
    code = VX_INCIDENCE_OK if ok else VX_INCIDENCE_HIGH
    reasons.append(
        code(
            Effect.SUPPORTS if ok else Effect.OPPOSES,
            evidence=ev,
            parameters=(threshold.use(), bound.use()),
            incidence=percent(inc),
            poor=village.poor_population,
            rural=village.rural_population,
            region=label[0],
            region_en=label[1],
            threshold=percent(limit, 0),
            bound=wording.zh,
            bound_en=wording.en,
        )
    )
    return reasons


def _township_notice(village: Village, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """贫困村退出必须进行审核审查 (二、——坚持规范操作); 在乡镇内公示无异议后，公告退出 (三、（二）):
    the steps, when the village record carries them; the review cites its own clause."""
    if not village.exit_steps:
        return [VX_PROCEDURE_NOT_RECORDED(Effect.NOTE)]
    region = village.county_code
    return check_steps(
        village.exit_steps,
        ps.resolve("exit.village.procedure", on=day, region=region),
        ps.resolve("exit.notice_period_days", on=day, region=region),
        on=day,
        citations=(_VILLAGE_PROCEDURE,),
        step_citations={"exit_review": (_EXIT_REVIEW,)},
    )
