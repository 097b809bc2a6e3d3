"""Household exit (贫困户退出): income stably above the line, guarantees met, procedure."""

from __future__ import annotations

import datetime as dt
from typing import Final

from jingzhun.core.bounds import Bound
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Evidence, Reason
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.rules.common.guarantees import guarantee_facts
from jingzhun.rules.common.income import LineCodes, compare_with_line
from jingzhun.rules.common.params import param_set
from jingzhun.rules.common.procedure import PROCEDURE_CODES, check_steps, label, label_en
from jingzhun.rules.exit.stability import STABILITY_CODES, stability

HOUSEHOLD_EXIT: Final = "exit.household"

SPEC = RuleSpec(
    id=HOUSEHOLD_EXIT,
    title_zh="贫困户退出（收入稳定超过标准，两不愁三保障；退出程序）",
    title_en="Household exit (income stably above the line, guarantees met; procedure)",
    question_zh="贫困户是否符合退出条件",
    question_en="May the household exit poverty?",
    subject=Household,
    parameters=(
        "exit.household.standard",
        "exit.household.current_income_year_from_month",
        "exit.household.stability_mode",
        "poverty_line.nominal",
        "exit.household.stable_years",
        "guarantees.drinking_water_counts",
        "exit.household.local_indicators",
        "exit.household.extra_indicators_binding",
        "exit.household.procedure",
        "exit.notice_period_days",
    ),
    clauses=(
        "EXIT2016-3.1-a",
        "EXIT2016-3.1-b",
        "EXIT2016-3.1-c",
        "EXIT2016-2.3-b",
        "BOOK2017-ch5-1.6-b",
        "THREEYEAR2018-7.2-b",
        "BOOK2017-ch10-2.1-b",
    ),
    command=("exit", "households"),
)


class ExitStandard(Labelled):
    """Which household exit standard applies (parameter ``exit.household.standard``)."""

    NO_NATIONAL_STANDARD = (
        "no_national_standard",
        "尚无全国统一的贫困户退出标准",
        "no national household exit standard",
    )
    INCOME_ABOVE_LINE = (
        "income_above_line",
        "收入超过当年国家扶贫标准（2016年以前的口径）",
        "income above the year's line (the reading before 2016)",
    )
    EXIT_OPINION_2016 = (
        "exit_opinion_2016",
        "《关于建立贫困退出机制的意见》的退出标准",
        "the standard of the 2016 exit opinion",
    )


_HOUSEHOLD_STANDARD = cite("EXIT2016-3.1-b")


_HOUSEHOLD_UNIT = cite("EXIT2016-3.1-a")


_HOUSEHOLD_PROCEDURE = cite("EXIT2016-3.1-c")


def default_income_year(
    on: DateLike, *, params: ParameterSet | None = None, region: str | None = None
) -> int:
    """The income year an exit on ``on`` reads when the household has no ``income_year``: the
    year of ``on`` from the first day of ``exit.household.current_income_year_from_month``
    (November: 2020: 收入达到4000块钱左右), else the year before."""
    day = as_date(on)
    month = param_set(params).resolve(
        "exit.household.current_income_year_from_month", on=day, region=region
    )
    return day.year if day.month >= month.integer() else day.year - 1


HX_NO_STANDARD = SPEC.code(
    "HX_NO_STANDARD_IN_FORCE",
    zh="{on}尚无全国统一的贫困户退出标准（2016年4月《关于建立贫困退出机制的意见》起）",
    en="no national household exit standard on {on} (it dates from the April 2016 opinion)",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_PRE_2016_READING = SPEC.code(
    "HX_PRE_2016_INCOME_READING",
    zh="{on}尚无全国统一的贫困户退出标准（2016-04-28起）：按“收入超过当年国家扶贫标准”的口径"
    "（来源状态“{status}”）判断，不检查“稳定”、两不愁三保障和退出程序",
    en="no national household exit standard on {on} (it dates from 2016-04-28): read as income "
    "above the year's line (source status '{status}'); stability, guarantees and procedure are "
    "not checked",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_INCOME_YEAR_DEFAULTED = SPEC.code(
    "HX_INCOME_YEAR_DEFAULTED",
    zh="未登记收入年度，按{year}年收入判断：判定日期{on}{why}{month}月1日",
    en="no income year recorded: the income of {year} is read, the decision date {on} being "
    "{why_en} 1 {month_en}",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_BEFORE_IDENTIFICATION = SPEC.code(
    "HX_EXIT_BEFORE_IDENTIFICATION",
    zh="退出判定日期{on}早于识别日期{identified}",
    en="exit date {on} is before the identification on {identified}",
    citations=(_HOUSEHOLD_UNIT,),
)


HX_INCOME_ABOVE = SPEC.code(
    "HX_INCOME_ABOVE_LINE",
    zh="{year}年家庭人均纯收入{income}元，超过国家扶贫标准{line}元",
    en="per-capita net income {income} yuan in {year} is above the line of {line} yuan",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_INCOME_NOT_ABOVE = SPEC.code(
    "HX_INCOME_NOT_ABOVE_LINE",
    zh="{year}年家庭人均纯收入{income}元，未超过国家扶贫标准{line}元（“超过”不含本数）",
    en="per-capita net income {income} yuan in {year} is not above the line of {line} yuan "
    "('above' excludes the line itself)",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_INCOME_MISSING = SPEC.code(
    "HX_INCOME_MISSING",
    zh="缺少{year}年收入数据",
    en="no income figures for {year}",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_NO_LINE = SPEC.code(
    "HX_NO_LINE_FOR_YEAR",
    zh="{year}年没有在册的国家扶贫标准",
    en="no national poverty line is recorded for {year}",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_LINE_UNCONFIRMED = SPEC.code(
    "HX_LINE_NOT_CONFIRMED",
    zh="{year}年扶贫标准{line}元的来源状态为“{status}”，结论依赖该值",
    en="the {year} line of {line} yuan has source status '{status}'; the verdict depends on it",
)


SPEC.uses(*STABILITY_CODES)  # the 稳定 readings (rules/exit/stability.py), in this order


HX_GUARANTEES_MET = SPEC.code(
    "HX_GUARANTEES_MET",
    zh="吃穿不愁，义务教育、基本医疗、住房安全有保障",
    en="food and clothing secured; education, medical care and housing guaranteed",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_GUARANTEE_UNMET = SPEC.code(
    "HX_GUARANTEE_UNMET",
    zh="未实现：{items}",
    en="not met: {items_en}",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_GUARANTEE_UNKNOWN = SPEC.code(
    "HX_GUARANTEE_NOT_RECORDED",
    zh="未登记：{items}",
    en="not recorded: {items_en}",
    citations=(_HOUSEHOLD_STANDARD,),
)


HX_LOCAL_UNMET = SPEC.code(
    "HX_LOCAL_INDICATOR_UNMET",
    zh="地方验收指标未达到：{items}（{binding}）",
    en="local indicators not met: {items_en} ({binding_en})",
)


HX_LOCAL_UNKNOWN = SPEC.code(
    "HX_LOCAL_INDICATOR_NOT_RECORDED",
    zh="地方验收指标未登记：{items}",
    en="local indicators not recorded: {items_en}",
)


HX_PROCEDURE_NOT_RECORDED = SPEC.code(
    "HX_PROCEDURE_NOT_RECORDED",
    zh="未提供退出程序记录，只判断退出标准",
    en="no procedure recorded: only the exit standard was decided",
    citations=(_HOUSEHOLD_PROCEDURE,),
)


HX_STEP_BEFORE_IDENTIFICATION = SPEC.code(
    "HX_STEP_BEFORE_IDENTIFICATION",
    zh="退出程序步骤“{step}”（{day}）早于识别日期{identified}",
    en="exit step '{step_en}' ({day}) is before the identification on {identified}",
    citations=(_HOUSEHOLD_PROCEDURE,),
)


_LINE_CODES: Final = LineCodes(
    passes=HX_INCOME_ABOVE,
    fails=HX_INCOME_NOT_ABOVE,
    missing=HX_INCOME_MISSING,
    no_line=HX_NO_LINE,
    unconfirmed=HX_LINE_UNCONFIRMED,
)
SPEC.uses(*PROCEDURE_CODES)


@SPEC.implementation
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
    ps = param_set(params)
    reasons: list[Reason] = []
    if household.identified_on is not None and day < household.identified_on:
        reasons.append(
            HX_BEFORE_IDENTIFICATION(Effect.BLOCKS, on=day, identified=household.identified_on)
        )
    try:
        standard = ps.resolve("exit.household.standard", on=day, region=household.county_code)
    except NoValueInForceError:
        standard = None
    if standard is None or standard.choice(ExitStandard) is ExitStandard.NO_NATIONAL_STANDARD:
        used = () if standard is None else (standard.use(),)
        reasons.append(HX_NO_STANDARD(Effect.BLOCKS, parameters=used, on=day))
        return SPEC.decide(household.household_id, day, reasons)
    year, year_notes = _income_year(household, day, ps)
    reasons += compare_with_line(
        household,
        year=year,
        bound=Bound.ABOVE,
        codes=_LINE_CODES,
        ps=ps,
        evidence=lambda income: (
            Evidence(name="per_capita_net_income", value=income, unit="yuan/person/year"),
            Evidence(name="income_year", value=year),
            Evidence(name="household_size", value=household.size, unit="persons"),
        ),
    ).reasons
    reasons += year_notes
    if standard.choice(ExitStandard) is ExitStandard.INCOME_ABOVE_LINE:
        reasons.append(
            HX_PRE_2016_READING(
                Effect.NOTE,
                parameters=(standard.use(),),
                citations=(standard.source,),
                on=day,
                status=standard.status,
            )
        )
        return SPEC.decide(household.household_id, day, reasons)
    mode_p = ps.resolve("exit.household.stability_mode", on=day, region=household.county_code)
    reasons += stability(household, day, ps, mode_p, year)
    reasons += _exit_guarantees(household, day, ps)
    reasons += _local_indicators(household, day, ps)
    reasons += _exit_procedure(household, day, ps)
    return SPEC.decide(household.household_id, day, reasons)


def _income_year(household: Household, day: dt.date, ps: ParameterSet) -> tuple[int, list[Reason]]:
    """The income year read, and (when it was not given) a note saying which and why."""
    if household.income_year is not None:
        return household.income_year, []
    month_p = ps.resolve(
        "exit.household.current_income_year_from_month", on=day, region=household.county_code
    )
    month = month_p.integer()
    current = day.month >= month
    year = day.year if current else day.year - 1
    note = HX_INCOME_YEAR_DEFAULTED(
        Effect.NOTE,
        evidence=(Evidence(name="income_year", value=year),),
        parameters=(month_p.use(),),
        year=year,
        on=day,
        why="不早于当年" if current else "早于当年",
        month=month,
        why_en="on or after" if current else "before",
        month_en=_MONTHS[month - 1],
    )
    return year, [note]


_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _exit_procedure(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """三、（一）第二段: the exit steps in order, none before the household was identified."""
    if not household.exit_steps:
        return [HX_PROCEDURE_NOT_RECORDED(Effect.NOTE)]
    region = household.county_code
    reasons = check_steps(
        household.exit_steps,
        ps.resolve("exit.household.procedure", on=day, region=region),
        ps.resolve("exit.notice_period_days", on=day, region=region),
        on=day,
        citations=(_HOUSEHOLD_PROCEDURE,),
    )
    identified = household.identified_on
    if identified is not None:
        reasons += [
            HX_STEP_BEFORE_IDENTIFICATION(
                Effect.OPPOSES,
                evidence=(Evidence(name=f"{s.step}.first_day", value=s.first_day),),
                step=label(s.step),
                step_en=label_en(s.step),
                day=s.first_day,
                identified=identified,
            )
            for s in household.exit_steps
            if s.first_day < identified
        ]
    return reasons


def _exit_guarantees(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    water = ps.resolve("guarantees.drinking_water_counts", on=day, region=household.county_code)
    ev, unmet, unknown = guarantee_facts(household.guarantees, water.flag())
    used = (water.use(),)
    out: list[Reason] = []
    if unmet:
        out.append(
            HX_GUARANTEE_UNMET(
                Effect.OPPOSES,
                evidence=ev,
                parameters=used,
                items="、".join(g.zh for g in unmet),
                items_en=", ".join(g.en for g in unmet),
            )
        )
    if unknown:
        out.append(
            HX_GUARANTEE_UNKNOWN(
                Effect.BLOCKS,
                evidence=ev,
                parameters=used,
                items="、".join(g.zh for g in unknown),
                items_en=", ".join(g.en for g in unknown),
            )
        )
    if not out:
        out.append(HX_GUARANTEES_MET(Effect.SUPPORTS, evidence=ev, parameters=used))
    return out


def _local_indicators(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    listed = ps.resolve("exit.household.local_indicators", on=day, region=household.county_code)
    rows = listed.rows()
    if not rows:
        return []
    binding_p = ps.resolve(
        "exit.household.extra_indicators_binding", on=day, region=household.county_code
    )
    binding = binding_p.flag()
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
                items_en=", ".join(r.get("en", r["code"]) for r in unmet),
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
                items_en=", ".join(r.get("en", r["code"]) for r in unknown),
            )
        )
    return out
