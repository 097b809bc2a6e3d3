"""Exit (退出) of poor households, villages and counties; support kept after exit.

Pure functions of domain objects and an explicit date ``on``. Thresholds, their wording
(以下 / 低于 / 高于 / 不低于), the procedures in their dated versions and the retention regime
are parameters, so the decision shows which wording and version applied.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

import attrs
import pendulum

from jingzhun.catalogue import RuleSpec, register
from jingzhun.citations import Citation, cite
from jingzhun.dates import DateLike, as_date
from jingzhun.decisions import Decision, Effect, Evidence, Outcome, Reason, ReasonCode, combine
from jingzhun.errors import NoValueInForceError
from jingzhun.guarantees import guarantee_facts
from jingzhun.model import CountyExitCase, Household, RateFigure, Village
from jingzhun.money import percent
from jingzhun.parameters import ParameterSet, ResolvedParameter
from jingzhun.procedure import PROCEDURE_CODES, check_steps, label
from jingzhun.regions import province

HOUSEHOLD_EXIT: Final = "exit.household"
VILLAGE_EXIT: Final = "exit.village"
COUNTY_EXIT: Final = "exit.county"
RETENTION: Final = "exit.retention"

STABILITY_MODES: Final = ("stable_income_source", "years_above_line", "current_year")
BOUNDS: Final = ("at_or_below", "below", "above", "at_or_above")
_BOUND_ZH: Final = {
    "at_or_below": "以下（含本数）",
    "below": "低于（不含本数）",
    "above": "高于（不含本数）",
    "at_or_above": "不低于（含本数）",
}

_LIMIT_ZH: Final = {
    "at_or_below": "{}以下",
    "below": "低于{}",
    "above": "高于{}",
    "at_or_above": "不低于{}",
}

_HOUSEHOLD_STANDARD = cite("EXIT2016-3.1-b")
_HOUSEHOLD_UNIT = cite("EXIT2016-3.1-a")
_HOUSEHOLD_PROCEDURE = cite("EXIT2016-3.1-c")
_VILLAGE_STANDARD = cite("EXIT2016-3.2-b")
_VILLAGE_FACTORS = cite("EXIT2016-3.2-a")
_VILLAGE_PROCEDURE = cite("EXIT2016-3.2-c")
_COUNTY_STANDARD = cite("EXIT2016-3.3-b")
_POOR_COUNTY = cite("EXIT2016-3.3-a")
_SEND_BACK = cite("EXIT2016-3.3-e")


def _params(params: ParameterSet | None) -> ParameterSet:
    return params if params is not None else ParameterSet.bundled()


def default_income_year(on: dt.date) -> int:
    """The income year an exit on ``on`` looks at: that year at the 31 December node, else the
    year before (《精准扶贫精准脱贫》第五章末段: 以每年12月31日为节点)."""
    return on.year if (on.month, on.day) == (12, 31) else on.year - 1


def within(value: Decimal, threshold: Decimal, bound: str) -> bool:
    """Compare by legal drafting convention: 以下/不低于 include the number; 低于/高于 do not."""
    if bound == "at_or_below":
        return value <= threshold
    if bound == "below":
        return value < threshold
    if bound == "above":
        return value > threshold
    if bound == "at_or_above":
        return value >= threshold
    raise ValueError(f"unknown bound {bound!r}; expected one of {BOUNDS}")


def rate_within(rate: RateFigure, threshold: Decimal, bound: str) -> bool | None:
    """Whether a rate passes; with only a published bound, None when the bound cannot tell."""
    exact = rate.exact
    if exact is not None:
        return within(exact, threshold, bound)
    upper_type = bound in ("at_or_below", "below")
    if rate.below is not None:  # the rate is < rate.below
        if upper_type and rate.below <= threshold:
            return True
        if not upper_type and rate.below <= threshold:
            return False
    if rate.at_least is not None:  # the rate is >= rate.at_least
        if upper_type and (
            rate.at_least > threshold or (bound == "below" and rate.at_least >= threshold)
        ):
            return False
        if not upper_type and (
            rate.at_least > threshold or (bound == "at_or_above" and rate.at_least >= threshold)
        ):
            return True
    return None


# --- household exit ---------------------------------------------------------------------

HX_NO_STANDARD = ReasonCode(
    code="HX_NO_STANDARD_IN_FORCE",
    zh="{on}尚无全国统一的贫困户退出标准（2016年4月《关于建立贫困退出机制的意见》起）",
    en="no national household exit standard on {on} (it dates from the April 2016 opinion)",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_BEFORE_IDENTIFICATION = ReasonCode(
    code="HX_EXIT_BEFORE_IDENTIFICATION",
    zh="退出判定日期{on}早于识别日期{identified}",
    en="exit date {on} is before the identification on {identified}",
    citations=(_HOUSEHOLD_UNIT,),
)
HX_INCOME_ABOVE = ReasonCode(
    code="HX_INCOME_ABOVE_LINE",
    zh="{year}年家庭人均纯收入{income}元，超过国家扶贫标准{line}元",
    en="per-capita net income {income} yuan in {year} is above the line of {line} yuan",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_INCOME_NOT_ABOVE = ReasonCode(
    code="HX_INCOME_NOT_ABOVE_LINE",
    zh="{year}年家庭人均纯收入{income}元，未超过国家扶贫标准{line}元（“超过”不含本数）",
    en="per-capita net income {income} yuan in {year} is not above the line of {line} yuan "
    "('above' excludes the line itself)",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_INCOME_MISSING = ReasonCode(
    code="HX_INCOME_MISSING",
    zh="缺少{year}年收入数据",
    en="no income figures for {year}",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_NO_LINE = ReasonCode(
    code="HX_NO_LINE_FOR_YEAR",
    zh="{year}年没有在册的国家扶贫标准",
    en="no national poverty line is recorded for {year}",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_LINE_UNCONFIRMED = ReasonCode(
    code="HX_LINE_NOT_CONFIRMED",
    zh="{year}年扶贫标准{line}元的来源状态为“{status}”，结论依赖该值",
    en="the {year} line of {line} yuan has source status '{status}'; the verdict depends on it",
)
HX_STABLE_SOURCE = ReasonCode(
    code="HX_STABLE_INCOME_SOURCE",
    zh="有稳定收入来源（“稳定超过”按“{mode}”口径）",
    en="a stable income source is recorded ('stably above' read as '{mode}')",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_NO_STABLE_SOURCE = ReasonCode(
    code="HX_NO_STABLE_INCOME_SOURCE",
    zh="没有稳定收入来源（“稳定超过”按“{mode}”口径）",
    en="no stable income source ('stably above' read as '{mode}')",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_STABILITY_UNKNOWN = ReasonCode(
    code="HX_STABILITY_NOT_RECORDED",
    zh="未登记{what}，无法判断收入是否“稳定”超过标准",
    en="{what_en} not recorded: cannot tell whether income is stably above the line",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_YEARS_ABOVE = ReasonCode(
    code="HX_YEARS_ABOVE_LINE",
    zh="连续{years}年（{first}–{last}）人均纯收入超过当年扶贫标准",
    en="per-capita income above each year's line for {years} consecutive years ({first}–{last})",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_YEAR_NOT_ABOVE = ReasonCode(
    code="HX_EARLIER_YEAR_NOT_ABOVE_LINE",
    zh="{year}年人均纯收入{income}元，未超过当年标准{line}元",
    en="in {year} per-capita income {income} yuan was not above that year's line {line} yuan",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_CURRENT_YEAR_ONLY = ReasonCode(
    code="HX_STABILITY_CURRENT_YEAR",
    zh="“稳定超过”按当年收入判断",
    en="'stably above' read as the income year alone",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_GUARANTEES_MET = ReasonCode(
    code="HX_GUARANTEES_MET",
    zh="吃穿不愁，义务教育、基本医疗、住房安全有保障",
    en="food and clothing secured; education, medical care and housing guaranteed",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_GUARANTEE_UNMET = ReasonCode(
    code="HX_GUARANTEE_UNMET",
    zh="未实现：{items}",
    en="not met: {items}",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_GUARANTEE_UNKNOWN = ReasonCode(
    code="HX_GUARANTEE_NOT_RECORDED",
    zh="未登记：{items}",
    en="not recorded: {items}",
    citations=(_HOUSEHOLD_STANDARD,),
)
HX_LOCAL_UNMET = ReasonCode(
    code="HX_LOCAL_INDICATOR_UNMET",
    zh="地方验收指标未达到：{items}（{binding}）",
    en="local indicators not met: {items} ({binding_en})",
)
HX_LOCAL_UNKNOWN = ReasonCode(
    code="HX_LOCAL_INDICATOR_NOT_RECORDED",
    zh="地方验收指标未登记：{items}",
    en="local indicators not recorded: {items}",
)
HX_PROCEDURE_NOT_RECORDED = ReasonCode(
    code="HX_PROCEDURE_NOT_RECORDED",
    zh="未提供退出程序记录，只判断退出标准",
    en="no procedure recorded: only the exit standard was decided",
    citations=(_HOUSEHOLD_PROCEDURE,),
)
HX_STEP_BEFORE_IDENTIFICATION = ReasonCode(
    code="HX_STEP_BEFORE_IDENTIFICATION",
    zh="退出程序步骤“{step}”（{day}）早于识别日期{identified}",
    en="exit step '{step}' ({day}) is before the identification on {identified}",
    citations=(_HOUSEHOLD_PROCEDURE,),
)


def household_exit(
    household: Household, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a registered poor household may exit (贫困户退出).

    《关于建立贫困退出机制的意见》三、（一）: 贫困人口退出以户为单位，主要衡量标准是该户年人均纯收入
    稳定超过国家扶贫标准且吃穿不愁，义务教育、基本医疗、住房安全有保障. “超过” excludes the
    line itself; “稳定” is read per ``exit.household.stability_mode``. When the household
    carries its exit steps, the procedure (三、（一）第二段) is checked too.
    """
    day = as_date(on)
    ps = _params(params)
    region = household.county_code
    reasons: list[Reason] = []
    if household.identified_on is not None and day < household.identified_on:
        reasons.append(
            HX_BEFORE_IDENTIFICATION(Effect.BLOCKS, on=day, identified=household.identified_on)
        )
    try:
        mode_p = ps.resolve("exit.household.stability_mode", on=day, region=region)
    except NoValueInForceError:
        return _decision(
            HOUSEHOLD_EXIT,
            household.household_id,
            day,
            (*reasons, HX_NO_STANDARD(Effect.BLOCKS, on=day)),
            "household",
        )
    year = household.income_year if household.income_year is not None else default_income_year(day)
    income = household.per_capita_net_income()
    line = _line(ps, year, region)
    income_ev = (
        Evidence(name="per_capita_net_income", value=income, unit="yuan/person/year"),
        Evidence(name="income_year", value=year),
        Evidence(name="household_size", value=household.size, unit="persons"),
    )
    if income is None:
        reasons.append(HX_INCOME_MISSING(Effect.BLOCKS, year=year))
    elif line is None:
        reasons.append(HX_NO_LINE(Effect.BLOCKS, year=year))
    else:
        assert isinstance(line.value, Decimal)
        above = income > line.value
        code = HX_INCOME_ABOVE if above else HX_INCOME_NOT_ABOVE
        reasons.append(
            code(
                Effect.SUPPORTS if above else Effect.OPPOSES,
                evidence=income_ev,
                parameters=(line.use(),),
                year=year,
                income=income,
                line=line.value,
            )
        )
        if line.status != "confirmed":
            reasons.append(
                HX_LINE_UNCONFIRMED(
                    Effect.NOTE,
                    parameters=(line.use(),),
                    citations=(line.source,),
                    year=year,
                    line=line.value,
                    status=line.status,
                )
            )
    reasons += _stability(household, day, ps, mode_p, year)
    reasons += _exit_guarantees(household, day, ps)
    reasons += _local_indicators(household, day, ps)
    if household.exit_steps:
        steps = check_steps(
            household.exit_steps,
            ps.resolve("exit.household.procedure", on=day, region=region),
            ps.resolve("exit.notice_period_days", on=day, region=region),
            on=day,
            citations=(_HOUSEHOLD_PROCEDURE,),
        )
        reasons += steps
        if household.identified_on is not None:
            reasons += [
                HX_STEP_BEFORE_IDENTIFICATION(
                    Effect.OPPOSES,
                    evidence=(Evidence(name=f"{s.step}.first_day", value=s.first_day),),
                    step=label(s.step),
                    day=s.first_day,
                    identified=household.identified_on,
                )
                for s in household.exit_steps
                if s.first_day < household.identified_on
            ]
    else:
        reasons.append(HX_PROCEDURE_NOT_RECORDED(Effect.NOTE))
    return _decision(HOUSEHOLD_EXIT, household.household_id, day, tuple(reasons), "household")


def _line(ps: ParameterSet, year: int, region: str) -> ResolvedParameter | None:
    try:
        return ps.resolve("poverty_line.nominal", on=pendulum.date(year, 1, 1), region=region)
    except NoValueInForceError:
        return None


def _stability(
    household: Household, day: dt.date, ps: ParameterSet, mode_p: ResolvedParameter, year: int
) -> list[Reason]:
    mode = mode_p.value
    if mode not in STABILITY_MODES:
        raise ValueError(f"exit.household.stability_mode {mode!r} is not one of {STABILITY_MODES}")
    used = (mode_p.use(),)
    if mode == "current_year":
        return [HX_CURRENT_YEAR_ONLY(Effect.NOTE, parameters=used)]
    if mode == "stable_income_source":
        ev = (Evidence(name="stable_income_source", value=household.stable_income_source),)
        if household.stable_income_source is None:
            return [
                HX_STABILITY_UNKNOWN(
                    Effect.BLOCKS,
                    evidence=ev,
                    parameters=used,
                    what="稳定收入来源",
                    what_en="a stable income source",
                )
            ]
        code = HX_STABLE_SOURCE if household.stable_income_source else HX_NO_STABLE_SOURCE
        return [
            code(
                Effect.SUPPORTS if household.stable_income_source else Effect.OPPOSES,
                evidence=ev,
                parameters=used,
                mode=mode,
            )
        ]
    years_p = ps.resolve("exit.household.stable_years", on=day, region=household.county_code)
    assert isinstance(years_p.value, int)
    needed = range(year - years_p.value + 1, year)  # earlier years; the income year is above
    history = {a.year: a.per_capita for a in household.income_history}
    out: list[Reason] = []
    for y in needed:
        line = _line(ps, y, household.county_code)
        if y not in history or line is None:
            out.append(
                HX_STABILITY_UNKNOWN(
                    Effect.BLOCKS,
                    parameters=(*used, years_p.use()),
                    what=f"{y}年收入",
                    what_en=f"the income of {y}",
                )
            )
        elif not history[y] > line.value:  # type: ignore[operator]
            out.append(
                HX_YEAR_NOT_ABOVE(
                    Effect.OPPOSES,
                    evidence=(Evidence(name=f"income_history[{y}]", value=history[y]),),
                    parameters=(*used, years_p.use(), line.use()),
                    year=y,
                    income=history[y],
                    line=line.value,
                )
            )
    if not out:
        out.append(
            HX_YEARS_ABOVE(
                Effect.SUPPORTS,
                evidence=tuple(
                    Evidence(name=f"income_history[{y}]", value=history[y]) for y in needed
                ),
                parameters=(*used, years_p.use()),
                years=years_p.value,
                first=year - years_p.value + 1,
                last=year,
            )
        )
    return out


def _exit_guarantees(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    water = ps.resolve("guarantees.drinking_water_counts", on=day, region=household.county_code)
    ev, unmet, unknown = guarantee_facts(household.guarantees, bool(water.value))
    used = (water.use(),)
    out: list[Reason] = []
    if unmet:
        out.append(
            HX_GUARANTEE_UNMET(
                Effect.OPPOSES, evidence=ev, parameters=used, items="、".join(g.zh for g in unmet)
            )
        )
    if unknown:
        out.append(
            HX_GUARANTEE_UNKNOWN(
                Effect.BLOCKS, evidence=ev, parameters=used, items="、".join(g.zh for g in unknown)
            )
        )
    if not out:
        out.append(HX_GUARANTEES_MET(Effect.SUPPORTS, evidence=ev, parameters=used))
    return out


def _local_indicators(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    listed = ps.resolve("exit.household.local_indicators", on=day, region=household.county_code)
    rows = listed.value
    assert isinstance(rows, tuple)
    if not rows:
        return []
    binding_p = ps.resolve(
        "exit.household.extra_indicators_binding", on=day, region=household.county_code
    )
    binding = bool(binding_p.value)
    have = dict(household.local_indicators)
    unmet = [r for r in rows if have.get(r["code"]) is False]
    unknown = [r for r in rows if r["code"] not in have]
    used = (listed.use(), binding_p.use())
    cites = (listed.source, binding_p.source)
    ev = tuple(
        Evidence(name=f"local_indicators.{r['code']}", value=have.get(r["code"])) for r in rows
    )
    out: list[Reason] = []
    if unmet:
        out.append(
            HX_LOCAL_UNMET(
                Effect.OPPOSES if binding else Effect.NOTE,
                evidence=ev,
                parameters=used,
                citations=cites,
                items="、".join(r["zh"] for r in unmet),
                binding="硬性条件" if binding else "2018年起不作为硬性指标",
                binding_en="binding" if binding else "not binding since 2018",
            )
        )
    if unknown and binding:
        out.append(
            HX_LOCAL_UNKNOWN(
                Effect.BLOCKS,
                evidence=ev,
                parameters=used,
                citations=cites,
                items="、".join(r["zh"] for r in unknown),
            )
        )
    return out


def _decision(
    rule: str, subject: str, day: dt.date, reasons: tuple[Reason, ...], level: str
) -> Decision:
    questions = {
        "household": ("贫困户是否符合退出条件", "May the household exit poverty?"),
        "village": ("贫困村是否符合退出条件", "May the village exit poverty?"),
        "county": ("贫困县是否符合退出（摘帽）条件", "May the county exit (be delisted)?"),
    }
    zh, en = questions[level]
    return Decision(
        rule=rule,
        subject=subject,
        on=day,
        outcome=combine(reasons),
        question_zh=zh,
        question_en=en,
        reasons=reasons,
    )


# --- village exit -----------------------------------------------------------------------

VX_INCIDENCE_OK = ReasonCode(
    code="VX_INCIDENCE_AT_THRESHOLD",
    zh="贫困发生率{incidence}（{poor}÷{rural}），{region}标准{threshold}{bound}：达到",
    en="poverty incidence {incidence} ({poor} / {rural}) meets the {region_en} threshold of "
    "{threshold} ({bound_en})",
    citations=(_VILLAGE_STANDARD,),
)
VX_INCIDENCE_HIGH = ReasonCode(
    code="VX_INCIDENCE_ABOVE_THRESHOLD",
    zh="贫困发生率{incidence}（{poor}÷{rural}），未降至{region}标准{threshold}{bound}",
    en="poverty incidence {incidence} ({poor} / {rural}) is not down to the {region_en} "
    "threshold of {threshold} ({bound_en})",
    citations=(_VILLAGE_STANDARD,),
)
VX_NO_POPULATION = ReasonCode(
    code="VX_NO_RURAL_POPULATION",
    zh="农村人口为0，无法计算贫困发生率",
    en="rural population is 0: no incidence can be computed",
    citations=(_VILLAGE_STANDARD,),
)
VX_INCIDENCE_CONTRADICTS = ReasonCode(
    code="VX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS",
    zh="填报的贫困发生率{reported}与人数计算的{computed}不符",
    en="the reported incidence {reported} contradicts {computed} computed from the counts",
    citations=(_VILLAGE_STANDARD,),
)
VX_OVERRIDE = ReasonCode(
    code="VX_THRESHOLD_OVERRIDDEN",
    zh="“原则上”的标准由地方叠加层{overlay}调整为{threshold}",
    en="the 'in principle' threshold is set to {threshold} by overlay {overlay}",
    citations=(_VILLAGE_STANDARD,),
)
VX_FACTORS = ReasonCode(
    code="VX_COMPREHENSIVE_FACTORS",
    zh="统筹考虑的综合因素：{factors}",
    en="comprehensive factors considered: {factors}",
    citations=(_VILLAGE_FACTORS,),
)
VX_PROCEDURE_NOT_RECORDED = ReasonCode(
    code="VX_PROCEDURE_NOT_RECORDED",
    zh="未提供乡镇公示记录，只判断退出标准",
    en="no township notice recorded: only the exit standard was decided",
    citations=(_VILLAGE_PROCEDURE,),
)
VX_NO_STANDARD = ReasonCode(
    code="VX_NO_STANDARD_IN_FORCE",
    zh="{on}尚无贫困村退出标准",
    en="no village exit standard on {on}",
    citations=(_VILLAGE_STANDARD,),
)


def _threshold(
    ps: ParameterSet, base: str, region: str, day: dt.date
) -> tuple[ResolvedParameter, bool]:
    west = province(region).is_west
    return ps.resolve(f"{base}_west" if west else base, on=day, region=region), west


def _contradiction(reported: Decimal, computed: Decimal) -> bool:
    """Whether a reported rate disagrees with the computed one beyond its own rounding.

    A rate written with decimals is taken to be rounded at its last digit; ``0`` or ``1``
    without decimals is taken as exact.
    """
    exponent = reported.as_tuple().exponent
    assert isinstance(exponent, int)
    tolerance = Decimal(1).scaleb(exponent) / 2 if exponent < 0 else Decimal(0)
    return abs(reported - computed) > tolerance


def village_exit(village: Village, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """Whether a poor village may exit (贫困村退出).

    《关于建立贫困退出机制的意见》三、（二）: 原则上贫困村贫困发生率降至2％以下
    （西部地区降至3％以下），在乡镇内公示无异议后，公告退出. 以下 includes the threshold
    (exactly 2.00% passes). The incidence is the village's remaining registered poor over
    its rural population — computed after the households' own exits, so the exit order is
    bottom-up (第十章 二、（一）).
    """
    day = as_date(on)
    ps = _params(params)
    region = village.county_code
    reasons: list[Reason] = []
    try:
        threshold, west = _threshold(ps, "exit.village.incidence_threshold", region, day)
        bound = ps.resolve("exit.village.incidence_bound", on=day, region=region)
    except NoValueInForceError:
        return _decision(
            VILLAGE_EXIT,
            village.village_id,
            day,
            (VX_NO_STANDARD(Effect.BLOCKS, on=day),),
            "village",
        )
    assert isinstance(threshold.value, Decimal) and isinstance(bound.value, str)
    if village.rural_population == 0:
        reasons.append(VX_NO_POPULATION(Effect.BLOCKS))
    else:
        inc = Decimal(village.poor_population) / Decimal(village.rural_population)
        ev = (
            Evidence(name="poor_population", value=village.poor_population),
            Evidence(name="rural_population", value=village.rural_population),
            Evidence(name="poverty_incidence", value=inc),
        )
        if village.reported_incidence is not None and _contradiction(
            village.reported_incidence, inc
        ):
            reasons.append(
                VX_INCIDENCE_CONTRADICTS(
                    Effect.BLOCKS,
                    evidence=(
                        *ev,
                        Evidence(name="reported_incidence", value=village.reported_incidence),
                    ),
                    reported=percent(village.reported_incidence, 4),
                    computed=percent(inc, 4),
                )
            )
        ok = within(inc, threshold.value, bound.value)
        code = VX_INCIDENCE_OK if ok else VX_INCIDENCE_HIGH
        reasons.append(
            code(
                Effect.SUPPORTS if ok else Effect.OPPOSES,
                evidence=ev,
                parameters=(threshold.use(), bound.use()),
                incidence=percent(inc),
                poor=village.poor_population,
                rural=village.rural_population,
                region="西部地区" if west else "中东部",
                region_en="western" if west else "non-western",
                threshold=percent(threshold.value, 0),
                bound=_BOUND_ZH[bound.value],
                bound_en=bound.value.replace("_", " "),
            )
        )
    if threshold.overlay is not None:
        reasons.append(
            VX_OVERRIDE(
                Effect.NOTE,
                parameters=(threshold.use(),),
                citations=(threshold.source,),
                overlay=threshold.overlay,
                threshold=percent(threshold.value, 0),
            )
        )
    if village.exit_factors:
        reasons.append(
            VX_FACTORS(
                Effect.NOTE,
                evidence=tuple(
                    Evidence(name=f"factors.{k}", value=v) for k, v in village.exit_factors
                ),
                factors="；".join(f"{k}: {v}" for k, v in village.exit_factors),
            )
        )
    if village.exit_steps:
        reasons += check_steps(
            village.exit_steps,
            ps.resolve("exit.village.procedure", on=day, region=region),
            ps.resolve("exit.notice_period_days", on=day, region=region),
            on=day,
            citations=(_VILLAGE_PROCEDURE,),
        )
    else:
        reasons.append(VX_PROCEDURE_NOT_RECORDED(Effect.NOTE))
    return _decision(VILLAGE_EXIT, village.village_id, day, tuple(reasons), "village")


# --- county exit ------------------------------------------------------------------------

CX_NOT_POOR = ReasonCode(
    code="CX_NOT_A_POOR_COUNTY",
    zh="既非国家扶贫开发工作重点县，也非集中连片特困地区县，不适用退出",
    en="neither a key county nor a contiguous-area county: exit does not apply",
    citations=(_POOR_COUNTY,),
)
CX_POOR = ReasonCode(
    code="CX_POOR_COUNTY",
    zh="贫困县（{kinds}）",
    en="a poor county ({kinds_en})",
    citations=(_POOR_COUNTY,),
)
CX_NO_STANDARD = ReasonCode(
    code="CX_NO_STANDARD_IN_FORCE",
    zh="{on}尚无贫困县退出标准（2015年决定要求“抓紧制定”，2016年4月出台）",
    en="no county exit standard on {on} (the 2015 decision called for one; it came in April 2016)",
    citations=(cite("DECISION2015-4-f"),),
)
CX_METRIC_OK = ReasonCode(
    code="CX_METRIC_MET",
    zh="{metric}{value}，要求{limit}：达到",
    en="{metric_en} {value} meets the requirement: {limit_en}",
)
CX_METRIC_FAILS = ReasonCode(
    code="CX_METRIC_NOT_MET",
    zh="{metric}{value}，未达到{limit}的要求",
    en="{metric_en} {value} fails the requirement: {limit_en}",
)
CX_METRIC_OPEN = ReasonCode(
    code="CX_METRIC_UNDETERMINED",
    zh="{metric}{value}：公布值不足以判断是否{limit}",
    en="{metric_en} {value}: the published figure cannot tell whether it is {limit_en}",
)
CX_METRIC_MISSING = ReasonCode(
    code="CX_METRIC_MISSING",
    zh="缺少{metric}（未提供或未公布）",
    en="{metric_en} not given (or not published)",
)
CX_INCIDENCE_CONTRADICTS = ReasonCode(
    code="CX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS",
    zh="填报的贫困发生率{reported}与人数计算的{computed}不符",
    en="the reported incidence {reported} contradicts {computed} computed from the counts",
    citations=(_COUNTY_STANDARD,),
)
CX_PLAIN_INCIDENCE = ReasonCode(
    code="CX_COMPREHENSIVE_INCIDENCE_INCOMPLETE",
    zh="综合贫困发生率需漏评、错退人数，未提供，按建档立卡剩余贫困人口计算",
    en="the comprehensive incidence needs the missed and wrongly exited counts; only the "
    "registry's remaining poor were given",
)
CX_VILLAGES_NOT_REQUIRED = ReasonCode(
    code="CX_VILLAGE_SHARE_NOT_REQUIRED",
    zh="全国标准不设贫困村退出比例要求",
    en="the national standard sets no share of exited poor villages",
)
CX_PROCEDURE_NOT_RECORDED = ReasonCode(
    code="CX_PROCEDURE_NOT_RECORDED",
    zh="未提供退出程序记录，只判断退出标准",
    en="no procedure recorded: only the exit standard was decided",
)
CX_SEND_BACK = ReasonCode(
    code="CX_SENT_BACK_FOR_VERIFICATION",
    zh="不符合条件或未完整履行退出程序的，责成相关地方进行核查处理",
    en="a county that fails the conditions or the procedure is sent back for verification",
    citations=(_SEND_BACK,),
)
CX_DEADLINE = ReasonCode(
    code="CX_PAST_2020_DEADLINE",
    zh="脱贫攻坚目标为2020年贫困县全部摘帽，{on}仍未达到退出条件",
    en="the campaign's goal was every poor county delisted by 2020; on {on} the county still "
    "does not meet the conditions",
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
    bound: ResolvedParameter | str,
    zh: str,
    en: str,
    evidence_name: str,
    citations: tuple[Citation, ...],
) -> Reason:
    """One metric against its limit; ``bound`` is a wording parameter or a fixed wording."""
    assert isinstance(threshold.value, Decimal)
    wording = bound if isinstance(bound, str) else bound.value
    assert isinstance(wording, str)
    used = (threshold.use(),) if isinstance(bound, str) else (threshold.use(), bound.use())
    fields: dict[str, Any] = {
        "metric": zh,
        "metric_en": en,
        "threshold": percent(threshold.value, 0),
        "limit": _LIMIT_ZH[wording].format(percent(threshold.value, 0)),
        "limit_en": f"{wording.replace('_', ' ')} {percent(threshold.value, 0)}",
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
    verdict = rate_within(figure, threshold.value, wording)
    code = CX_METRIC_OPEN if verdict is None else CX_METRIC_OK if verdict else CX_METRIC_FAILS
    effect = Effect.BLOCKS if verdict is None else Effect.SUPPORTS if verdict else Effect.OPPOSES
    return code(
        effect, evidence=ev, parameters=used, citations=citations, value=figure.describe(), **fields
    )


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
    ps = _params(params)
    county = case.county
    region = county.county_code
    reasons: list[Reason] = []
    kinds = [
        k
        for k, flag in (("重点县", county.key_county), ("片区县", county.contiguous_area_county))
        if flag
    ]
    if not kinds:
        return _decision(COUNTY_EXIT, region, day, (CX_NOT_POOR(Effect.OPPOSES),), "county")
    reasons.append(
        CX_POOR(
            Effect.NOTE,
            kinds="、".join(kinds),
            kinds_en=" and ".join(
                {"重点县": "key county", "片区县": "contiguous-area county"}[k] for k in kinds
            ),
        )
    )
    try:
        threshold, west = _threshold(ps, "exit.county.incidence_threshold", region, day)
    except NoValueInForceError:
        reasons.append(CX_NO_STANDARD(Effect.BLOCKS, on=day))
        reasons += _county_procedure(case, day, ps)
        return _decision(COUNTY_EXIT, region, day, tuple(reasons), "county")
    bound = ps.resolve("exit.county.incidence_bound", on=day, region=region)
    comprehensive = ps.resolve("exit.county.comprehensive_incidence", on=day, region=region)
    reasons += _county_incidence(case, threshold, bound, comprehensive, west)
    if threshold.overlay is not None:
        assert isinstance(threshold.value, Decimal)
        reasons.append(
            VX_OVERRIDE(
                Effect.NOTE,
                parameters=(threshold.use(),),
                citations=(threshold.source,),
                overlay=threshold.overlay,
                threshold=percent(threshold.value, 0),
            )
        )
    for attr, t_name, b_name, zh, en in _METRICS:
        t = ps.resolve(t_name, on=day, region=region)
        b = ps.resolve(b_name, on=day, region=region)
        reasons.append(
            _metric_reason(
                getattr(case, attr),
                t,
                b,
                zh,
                en,
                attr,
                (t.source,) if t.source is b.source else (t.source, b.source),
            )
        )
    reasons += _village_share(case, day, ps)
    reasons += _county_procedure(case, day, ps)
    outcome = combine(reasons)
    if outcome is Outcome.NOT_MET:
        reasons.append(CX_SEND_BACK(Effect.NOTE))
        if day >= pendulum.date(2021, 1, 1):
            reasons.append(CX_DEADLINE(Effect.NOTE, on=day))
    return _decision(COUNTY_EXIT, region, day, tuple(reasons), "county")


def _county_incidence(
    case: CountyExitCase,
    threshold: ResolvedParameter,
    bound: ResolvedParameter,
    comprehensive: ResolvedParameter,
    west: bool,
) -> list[Reason]:
    assert isinstance(threshold.value, Decimal) and isinstance(bound.value, str)
    out: list[Reason] = []
    name_zh, name_en = (
        ("综合贫困发生率", "comprehensive poverty incidence")
        if comprehensive.value
        else ("贫困发生率", "poverty incidence")
    )
    figure = case.incidence
    if case.rural_population is not None and case.remaining_poor is not None:
        extra = 0
        if comprehensive.value:
            if case.missed_population is None or case.wrongly_exited_population is None:
                out.append(
                    CX_PLAIN_INCIDENCE(
                        Effect.NOTE,
                        parameters=(comprehensive.use(),),
                        citations=(comprehensive.source,),
                    )
                )
                name_zh, name_en = "贫困发生率", "poverty incidence"
            else:
                extra = case.missed_population + case.wrongly_exited_population
        counted = RateFigure(
            numerator=case.remaining_poor + extra, denominator=case.rural_population
        )
        if (
            figure is not None
            and figure.exact is not None
            and counted.exact is not None
            and _contradiction(figure.exact, counted.exact)
        ):
            out.append(
                CX_INCIDENCE_CONTRADICTS(
                    Effect.BLOCKS, reported=figure.describe(), computed=counted.describe()
                )
            )
        figure = counted
    reason = _metric_reason(
        figure, threshold, bound, name_zh, name_en, "incidence", (_COUNTY_STANDARD, bound.source)
    )
    out.append(_tag_region(reason, west))
    return out


def _tag_region(reason: Reason, west: bool) -> Reason:
    """Name the regional threshold applied in the incidence reason's messages."""
    tag_zh = "（西部地区标准）" if west else "（中东部标准）"
    tag_en = " (western threshold)" if west else " (non-western threshold)"
    return attrs.evolve(
        reason, message_zh=reason.message_zh + tag_zh, message_en=reason.message_en + tag_en
    )


def _village_share(case: CountyExitCase, day: dt.date, ps: ParameterSet) -> list[Reason]:
    region = case.county.county_code
    minimum = ps.resolve("exit.county.poor_villages_exited_min", on=day, region=region)
    assert isinstance(minimum.value, Decimal)
    if minimum.value == 0:
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
            "at_or_above",
            "贫困村退出比例",
            "share of poor villages exited",
            "poor_villages_exited_share",
            (minimum.source,),
        )
    ]


def _county_procedure(case: CountyExitCase, day: dt.date, ps: ParameterSet) -> list[Reason]:
    region = case.county.county_code
    try:
        proc = ps.resolve("exit.county.procedure", on=day, region=region)
    except NoValueInForceError:
        return []
    if not case.steps:
        return [
            CX_PROCEDURE_NOT_RECORDED(
                Effect.NOTE, parameters=(proc.use(),), citations=(proc.source,)
            )
        ]
    step_cites = {
        "national_assessment": (cite("EXIT2016-3.3-d"),),
        "provincial_government_approval": (cite("EXIT2016-3.3-f"),),
        "provincial_assessment": (cite("THREEYEAR2018-7.2-c"),),
        "central_spot_check": (cite("THREEYEAR2018-7.2-d"),),
    }
    return check_steps(
        case.steps,
        proc,
        ps.resolve("exit.notice_period_days", on=day, region=region),
        on=day,
        citations=(proc.source,),
        step_citations=step_cites,
    )


# --- retention after exit (缓冲期 / 过渡期) ---------------------------------------------------

RT_CAMPAIGN = ReasonCode(
    code="RT_POLICIES_UNCHANGED",
    zh="退出后在攻坚期内国家原有扶贫政策保持不变，支持力度不减（缓冲期）",
    en="after exit, national poverty policies stay unchanged and support undiminished during "
    "the campaign (buffer period)",
    citations=(cite("EXIT2016-2.4-a"), cite("THREEYEAR2018-7.2-e"), cite("BOOK2017-ch5-1.6-a")),
)
RT_CAMPAIGN_COUNTIES = ReasonCode(
    code="RT_KEY_COUNTY_POLICIES_UNCHANGED",
    zh="重点县退出后，在攻坚期内国家原有扶贫政策保持不变",
    en="after a key county exits, national policies stay unchanged during the campaign",
    citations=(cite("DECISION2015-4-h"),),
)
RT_CAMPAIGN_HOUSEHOLDS = ReasonCode(
    code="RT_HOUSEHOLD_KEEPS_POLICIES",
    zh="已经脱贫的农户在一定时期内继续享受扶贫相关政策",
    en="a household out of poverty keeps poverty-alleviation policies for a period",
    citations=(cite("DECISION2015-4-e"),),
)
RT_TRANSITION = ReasonCode(
    code="RT_TRANSITION_FOUR_KEEPS",
    zh="过渡期（2021–2025年）：摘帽不摘责任、不摘政策、不摘帮扶、不摘监管",
    en="transition period (2021–2025): responsibility, policies, assistance and supervision "
    "all continue after delisting",
)
RT_NONE = ReasonCode(
    code="RT_NO_RETENTION_REGIME",
    zh="{on}没有在册的退出后政策保持安排",
    en="no retention regime recorded on {on}",
)
RT_NOT_EXITED = ReasonCode(
    code="RT_NOT_YET_EXITED",
    zh="退出日期{exited}晚于判定日期{on}",
    en="the exit date {exited} is after the decision date {on}",
)
RT_NOT_COVERED = ReasonCode(
    code="RT_LEVEL_NOT_COVERED",
    zh="{on}时的政策只规定重点县退出后的政策保持，未涉及{level}",
    en="on {on} retention was set only for key counties, not for a {level_en}",
    citations=(cite("DECISION2015-4-h"),),
)

_LEVELS: Final = {
    "household": ("贫困户", "household"),
    "village": ("贫困村", "village"),
    "county": ("贫困县", "county"),
}


def retained_support(
    level: str,
    *,
    exited_on: DateLike,
    on: DateLike,
    region: str | None = None,
    params: ParameterSet | None = None,
) -> Decision:
    """Which support an exited household, village or county keeps on ``on``, and why.

    《关于建立贫困退出机制的意见》二、: 贫困人口、贫困村、贫困县退出后，在一定时期内国家原有扶贫政策
    保持不变，支持力度不减，留出缓冲期. After 2020 the 2021–2025 transition (四个不摘) applies.
    """
    if level not in _LEVELS:
        raise ValueError(f"level must be one of {tuple(_LEVELS)}")
    day = as_date(on)
    exited = as_date(exited_on)
    zh, en = _LEVELS[level]
    ev = (Evidence(name="level", value=level), Evidence(name="exited_on", value=exited))
    if exited > day:
        reasons: tuple[Reason, ...] = (
            RT_NOT_EXITED(Effect.BLOCKS, evidence=ev, exited=exited, on=day),
        )
    else:
        try:
            regime = _params(params).resolve("retention.regime", on=day, region=region)
        except NoValueInForceError:
            reasons = (RT_NONE(Effect.OPPOSES, evidence=ev, on=day),)
        else:
            used = (regime.use(),)
            if regime.value == "transition":
                reasons = (
                    RT_TRANSITION(
                        Effect.SUPPORTS, evidence=ev, parameters=used, citations=(regime.source,)
                    ),
                )
            elif regime.value == "campaign":
                reasons = (RT_CAMPAIGN(Effect.SUPPORTS, evidence=ev, parameters=used),)
            elif level == "county":
                reasons = (RT_CAMPAIGN_COUNTIES(Effect.SUPPORTS, evidence=ev, parameters=used),)
            elif level == "household":
                reasons = (RT_CAMPAIGN_HOUSEHOLDS(Effect.SUPPORTS, evidence=ev, parameters=used),)
            else:
                reasons = (
                    RT_NOT_COVERED(
                        Effect.BLOCKS, evidence=ev, parameters=used, on=day, level=zh, level_en=en
                    ),
                )
    return Decision(
        rule=RETENTION,
        subject=f"{level} exited {exited.isoformat()}",
        on=day,
        outcome=combine(reasons),
        question_zh=f"已退出{zh}是否继续享受扶贫政策",
        question_en=f"Does the exited {en} keep its support?",
        reasons=reasons,
    )


# --- catalogue --------------------------------------------------------------------------

register(
    RuleSpec(
        id=HOUSEHOLD_EXIT,
        function="jingzhun.household_exit",
        title_zh="贫困户退出（收入稳定超过标准，两不愁三保障；退出程序）",
        title_en="Household exit (income stably above the line, guarantees met; procedure)",
        clauses=(
            "EXIT2016-3.1-a",
            "EXIT2016-3.1-b",
            "EXIT2016-3.1-c",
            "EXIT2016-2.3-b",
            "BOOK2017-ch5-1.6-b",
            "THREEYEAR2018-7.2-b",
            "BOOK2017-ch10-2.1-b",
        ),
        reason_codes=(
            HX_NO_STANDARD,
            HX_BEFORE_IDENTIFICATION,
            HX_INCOME_ABOVE,
            HX_INCOME_NOT_ABOVE,
            HX_INCOME_MISSING,
            HX_NO_LINE,
            HX_LINE_UNCONFIRMED,
            HX_STABLE_SOURCE,
            HX_NO_STABLE_SOURCE,
            HX_STABILITY_UNKNOWN,
            HX_YEARS_ABOVE,
            HX_YEAR_NOT_ABOVE,
            HX_CURRENT_YEAR_ONLY,
            HX_GUARANTEES_MET,
            HX_GUARANTEE_UNMET,
            HX_GUARANTEE_UNKNOWN,
            HX_LOCAL_UNMET,
            HX_LOCAL_UNKNOWN,
            HX_PROCEDURE_NOT_RECORDED,
            HX_STEP_BEFORE_IDENTIFICATION,
            *PROCEDURE_CODES,
        ),
    )
)
register(
    RuleSpec(
        id=VILLAGE_EXIT,
        function="jingzhun.village_exit",
        title_zh="贫困村退出（贫困发生率降至2%以下，西部3%以下；乡镇公示）",
        title_en="Village exit (incidence at or below 2%, 3% in the west; township notice)",
        clauses=("EXIT2016-3.2-a", "EXIT2016-3.2-b", "EXIT2016-3.2-c", "BOOK2017-ch10-2.1-a"),
        reason_codes=(
            VX_INCIDENCE_OK,
            VX_INCIDENCE_HIGH,
            VX_NO_POPULATION,
            VX_INCIDENCE_CONTRADICTS,
            VX_OVERRIDE,
            VX_FACTORS,
            VX_PROCEDURE_NOT_RECORDED,
            VX_NO_STANDARD,
            *PROCEDURE_CODES,
        ),
    )
)
register(
    RuleSpec(
        id=COUNTY_EXIT,
        function="jingzhun.county_exit",
        title_zh="贫困县退出（贫困发生率、三率一度、省定条件；分年度程序）",
        title_en="County exit (incidence, the special assessment's four metrics, provincial "
        "conditions; dated procedure)",
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
        reason_codes=(
            CX_NOT_POOR,
            CX_POOR,
            CX_NO_STANDARD,
            CX_METRIC_OK,
            CX_METRIC_FAILS,
            CX_METRIC_OPEN,
            CX_METRIC_MISSING,
            CX_INCIDENCE_CONTRADICTS,
            CX_PLAIN_INCIDENCE,
            CX_VILLAGES_NOT_REQUIRED,
            CX_PROCEDURE_NOT_RECORDED,
            CX_SEND_BACK,
            CX_DEADLINE,
            VX_OVERRIDE,
            *PROCEDURE_CODES,
        ),
    )
)
register(
    RuleSpec(
        id=RETENTION,
        function="jingzhun.retained_support",
        title_zh="退出后政策保持（缓冲期、摘帽不摘政策、过渡期四个不摘）",
        title_en="Support kept after exit (buffer period, transition)",
        clauses=(
            "EXIT2016-2.4-a",
            "DECISION2015-4-h",
            "THREEYEAR2018-7.2-e",
            "BOOK2017-ch5-1.6-a",
            "DECISION2015-4-e",
        ),
        reason_codes=(
            RT_CAMPAIGN,
            RT_CAMPAIGN_COUNTIES,
            RT_CAMPAIGN_HOUSEHOLDS,
            RT_TRANSITION,
            RT_NONE,
            RT_NOT_EXITED,
            RT_NOT_COVERED,
        ),
    )
)
