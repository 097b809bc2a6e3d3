"""Exit standards — 《关于建立贫困退出机制的意见》三、（一）–（三） (EXIT2016-3.1-a … 3.3-f),
the 2015 decision (DECISION2015-4-g) and the three-year guidance 七、（二）
(THREEYEAR2018-7.2-b/c/d)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from builders import with_overlay
from jingzhun import (
    AnnualIncome,
    County,
    CountyExitCase,
    Guarantees,
    Household,
    IncomeStatement,
    Outcome,
    ParameterSet,
    ProcedureStep,
    RateFigure,
    Village,
    county_exit,
    household_exit,
    rate_within,
    retained_support,
    village_exit,
    within,
)


def hh(
    per_capita: str,
    *,
    year: int = 2017,
    county: str = "522701",
    stable: bool | None = True,
    guarantees: Guarantees | None = None,
    **extra: Any,
) -> Household:
    return Household(
        household_id="H",
        county_code=county,
        declared_size=1,
        income=IncomeStatement(wages=per_capita),
        income_year=year,
        guarantees=guarantees if guarantees is not None else Guarantees.all_met(),
        stable_income_source=stable,
        **extra,
    )


# --- household ----------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "line"), [(2016, "2952"), (2019, "3218")])
def test_household_exit_income_exactly_at_line_is_not_above(year: int, line: str) -> None:
    """EXIT2016-3.1-b: 稳定超过国家扶贫标准 — 超过 excludes the line itself."""
    d = household_exit(hh(line, year=year), on=f"{year}-12-31")
    assert d.outcome is Outcome.NOT_MET
    assert d.codes[0] == "HX_INCOME_NOT_ABOVE_LINE"


@pytest.mark.parametrize(("year", "line"), [(2016, "2952"), (2019, "3218")])
def test_household_exit_one_fen_above_line_may_exit(year: int, line: str) -> None:
    d = household_exit(hh(f"{line}.01", year=year), on=f"{year}-12-31")
    assert d.outcome is Outcome.MET


def test_household_exit_one_fen_below_line_may_not_exit() -> None:
    assert household_exit(hh("2951.99", year=2016), on="2016-12-31").outcome is Outcome.NOT_MET


def test_household_exit_requires_every_guarantee() -> None:
    """EXIT2016-3.1-b: 且吃穿不愁，义务教育、基本医疗、住房安全有保障."""
    g = Guarantees(
        food=True,
        clothing=True,
        compulsory_education=True,
        basic_medical_care=False,
        housing_safety=True,
    )
    d = household_exit(hh("5000", year=2016, guarantees=g), on="2016-12-31")
    assert d.outcome is Outcome.NOT_MET
    assert "基本医疗有保障" in d.reason("HX_GUARANTEE_UNMET").message_zh


def test_household_exit_unrecorded_guarantee_is_undetermined() -> None:
    d = household_exit(hh("5000", year=2016, guarantees=Guarantees()), on="2016-12-31")
    assert d.outcome is Outcome.UNDETERMINED


def test_household_exit_lists_everything_missing() -> None:
    g = Guarantees(
        food=True,
        clothing=True,
        compulsory_education=False,
        basic_medical_care=True,
        housing_safety=False,
    )
    d = household_exit(hh("2000", year=2016, stable=False, guarantees=g), on="2016-12-31")
    failing = [r.code for r in d.reasons if r.effect.value == "opposes"]
    assert failing == [
        "HX_INCOME_NOT_ABOVE_LINE",
        "HX_NO_STABLE_INCOME_SOURCE",
        "HX_GUARANTEE_UNMET",
    ]


def test_household_exit_default_stability_reading_needs_a_stable_source() -> None:
    """稳定 read as stable_income_source (default); the decision names the reading."""
    d = household_exit(hh("5000", year=2016, stable=None), on="2016-12-31")
    assert d.outcome is Outcome.UNDETERMINED
    r = d.reason("HX_STABILITY_NOT_RECORDED")
    assert r.parameters[0].value == "stable_income_source"


def _mode(mode: str) -> ParameterSet:
    return with_overlay("52", "2016-04-28", exit__household__stability_mode=mode)


def test_years_above_line_reading_needs_the_earlier_year() -> None:
    ps = _mode("years_above_line")
    h = hh(
        "3000", year=2016, stable=None, income_history=(AnnualIncome(year=2015, per_capita="2856"),)
    )
    assert household_exit(h, on="2016-12-31", params=ps).outcome is Outcome.MET
    at_line = hh("3000", year=2016, income_history=(AnnualIncome(year=2015, per_capita="2855"),))
    d = household_exit(at_line, on="2016-12-31", params=ps)
    assert "HX_EARLIER_YEAR_NOT_ABOVE_LINE" in d.codes
    missing = household_exit(hh("3000", year=2016), on="2016-12-31", params=ps)
    assert missing.outcome is Outcome.UNDETERMINED


def test_current_year_reading() -> None:
    d = household_exit(
        hh("3000", year=2016, stable=None), on="2016-12-31", params=_mode("current_year")
    )
    assert d.outcome is Outcome.MET
    assert "HX_STABILITY_CURRENT_YEAR" in d.codes


def test_no_household_exit_standard_before_april_2016() -> None:
    d = household_exit(hh("5000", year=2015), on="2016-04-27")
    assert d.codes == ("HX_NO_STANDARD_IN_FORCE",)
    assert household_exit(hh("5000", year=2015), on="2016-04-28").outcome is Outcome.MET


def test_exit_dated_before_identification_is_a_failing_reason() -> None:
    d = household_exit(hh("5000", year=2016, identified_on="2017-03-01"), on="2016-12-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert "HX_EXIT_BEFORE_IDENTIFICATION" in d.codes


EXIT_STEPS = (
    ProcedureStep(step="democratic_appraisal", first_day="2016-11-01"),
    ProcedureStep(step="verification", first_day="2016-11-05"),
    ProcedureStep(step="household_consent", first_day="2016-11-08"),
    ProcedureStep(step="village_notice", first_day="2016-11-10", last_day="2016-11-15"),
    ProcedureStep(step="announcement", first_day="2016-11-20"),
    ProcedureStep(step="deregistration", first_day="2016-12-01"),
)


def test_household_exit_procedure_in_order() -> None:
    """EXIT2016-3.1-c: 民主评议 → 两委和驻村工作队核实 → 户认可 → 村内公示无异议 → 公告 → 销号
    (EXIT2016-2.3-b: 贫困人口退出必须实行民主评议; BOOK2017-ch5-1.6-b: 逐户销号)."""
    d = household_exit(hh("5000", year=2016, exit_steps=EXIT_STEPS), on="2016-12-31")
    assert d.outcome is Outcome.MET
    assert d.codes.count("PROC_STEP_PRESENT") == 6


def test_household_exit_procedure_out_of_order_and_missing_consent() -> None:
    steps = [s for s in EXIT_STEPS if s.step != "household_consent"]
    steps[1] = ProcedureStep(step="verification", first_day="2016-10-01")
    d = household_exit(hh("5000", year=2016, exit_steps=steps), on="2016-12-31")
    assert d.outcome is Outcome.NOT_MET
    assert {"PROC_STEP_MISSING", "PROC_STEP_OUT_OF_ORDER"} <= set(d.codes)


def test_household_exit_step_before_identification() -> None:
    d = household_exit(
        hh("5000", year=2016, exit_steps=EXIT_STEPS, identified_on="2016-11-03"), on="2016-12-31"
    )
    assert "HX_STEP_BEFORE_IDENTIFICATION" in d.codes


LONGZHOU = "451423"


def test_longzhou_local_indicators_bind_before_june_2018() -> None:
    """BOOK2017-ch10-2.1-b (龙州 八有一超) binding until THREEYEAR2018-7.2-b: 超出“两不愁、三保障”
    标准的指标，予以剔除或不作为硬性指标."""
    no_tv = hh(
        "5000",
        year=2017,
        county=LONGZHOU,
        local_indicators={
            "stable_housing": True,
            "safe_water": True,
            "electricity": True,
            "road": True,
            "compulsory_education": True,
            "medical_insurance": True,
            "television": False,
        },
    )
    before = household_exit(no_tv, on="2017-12-31")
    assert before.outcome is Outcome.NOT_MET
    assert "有电视看" in before.reason("HX_LOCAL_INDICATOR_UNMET").message_zh
    after = household_exit(no_tv, on="2018-12-31")
    assert after.outcome is Outcome.MET
    assert after.reason("HX_LOCAL_INDICATOR_UNMET").effect.value == "note"


# --- village ------------------------------------------------------------------------------


def v(poor: int, rural: int = 1000, county: str = "370102", **extra: Any) -> Village:
    return Village(
        village_id="V", county_code=county, rural_population=rural, poor_population=poor, **extra
    )


@pytest.mark.parametrize(("poor", "ok"), [(20, True), (19, True), (21, False)])
def test_village_exit_non_west_threshold_is_2_percent_inclusive(poor: int, ok: bool) -> None:
    """EXIT2016-3.2-b: 降至2％以下 — 以下 includes exactly 2.00%."""
    assert (village_exit(v(poor), on="2017-12-31").outcome is Outcome.MET) is ok


@pytest.mark.parametrize(("poor", "ok"), [(30, True), (29, True), (31, False)])
def test_village_exit_west_threshold_is_3_percent(poor: int, ok: bool) -> None:
    """EXIT2016-3.2-b: 西部地区降至3％以下."""
    d = village_exit(v(poor, county="522701"), on="2017-12-31")
    assert (d.outcome is Outcome.MET) is ok
    assert "西部" in d.reasons[0].message_zh


def test_village_exit_enshi_follows_hubei_unless_overlay() -> None:
    """恩施 (比照西部) uses Hubei's 2% by default; an overlay can set 3% (原则上 override)."""
    assert village_exit(v(25, county="422801"), on="2017-12-31").outcome is Outcome.NOT_MET
    ps = with_overlay("4228", "2016-04-28", exit__village__incidence_threshold="0.03")
    d = village_exit(v(25, county="422801"), on="2017-12-31", params=ps)
    assert d.outcome is Outcome.MET
    assert "VX_THRESHOLD_OVERRIDDEN" in d.codes


def test_village_exit_reported_incidence_contradicting_counts() -> None:
    d = village_exit(v(15, reported_incidence="0.025"), on="2017-12-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert "VX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS" in d.codes
    ok = village_exit(v(15, reported_incidence="0.015"), on="2017-12-31")
    assert ok.outcome is Outcome.MET


def test_village_exit_factors_are_recorded_and_notice_checked() -> None:
    """EXIT2016-3.2-a: 统筹考虑…综合因素; EXIT2016-3.2-c: 在乡镇内公示无异议后，公告退出."""
    steps = (
        ProcedureStep(
            step="township_notice",
            first_day="2017-11-01",
            last_day="2017-11-06",
            objections=1,
            objections_resolved=0,
        ),
        ProcedureStep(step="announcement", first_day="2017-11-10"),
    )
    d = village_exit(
        v(10, exit_factors={"infrastructure": "通硬化路"}, exit_steps=steps), on="2017-12-31"
    )
    assert "VX_COMPREHENSIVE_FACTORS" in d.codes
    assert d.outcome is Outcome.NOT_MET
    assert "PROC_OBJECTION_UNRESOLVED" in d.codes


def test_village_exit_order_is_bottom_up() -> None:
    """BOOK2017-ch10-2.1-a: 由小到大 — the incidence is of the households still registered poor,
    so it falls only as households exit."""
    assert village_exit(v(25), on="2017-12-31").outcome is Outcome.NOT_MET
    assert village_exit(v(20), on="2017-12-31").outcome is Outcome.MET


# --- county -------------------------------------------------------------------------------


def case(code: str = "360881", /, **extra: Any) -> CountyExitCase:
    return CountyExitCase(county=County(county_code=code, key_county=True), **extra)


FULL = {
    "wrong_exit_rate": RateFigure(value="0.01"),
    "missed_rate": RateFigure(value="0.01"),
    "approval": RateFigure(value="0.95"),
}


@pytest.mark.parametrize(
    ("poor", "on", "ok"),
    [
        (200, "2017-06-30", True),  # 2016 opinion: 2%以下 — exactly 2% passes
        (200, "2017-10-31", False),  # 2017 measure: 低于2% — exactly 2% fails
        (199, "2017-10-31", True),
        (201, "2017-06-30", False),
    ],
)
def test_county_incidence_wording_changes_in_september_2017(poor: int, on: str, ok: bool) -> None:
    """EXIT2016-3.3-b (以下) before 2017-09-30; 国开办发〔2017〕56号 (低于) after."""
    d = county_exit(
        case(
            rural_population=10000,
            remaining_poor=poor,
            missed_population=0,
            wrongly_exited_population=0,
            **FULL,
        ),
        on=on,
    )
    assert (d.outcome is Outcome.MET) is ok


@pytest.mark.parametrize(("poor", "ok"), [(299, True), (300, False)])
def test_county_west_threshold_3_percent_after_2017(poor: int, ok: bool) -> None:
    d = county_exit(
        case(
            "522701",
            rural_population=10000,
            remaining_poor=poor,
            missed_population=0,
            wrongly_exited_population=0,
            **FULL,
        ),
        on="2018-06-30",
    )
    assert (d.outcome is Outcome.MET) is ok


def test_county_comprehensive_incidence_adds_missed_and_wrong_exits() -> None:
    """综合贫困发生率 = (剩余贫困人口 + 漏评 + 错退) / 乡村总人口."""
    d = county_exit(
        case(
            rural_population=10000,
            remaining_poor=150,
            missed_population=30,
            wrongly_exited_population=30,
            **FULL,
        ),
        on="2018-06-30",
    )
    assert d.outcome is Outcome.NOT_MET
    assert "综合贫困发生率2.10%" in d.reasons[1].message_zh


def test_county_without_missed_counts_notes_plain_incidence() -> None:
    d = county_exit(case(rural_population=10000, remaining_poor=150, **FULL), on="2018-06-30")
    assert "CX_COMPREHENSIVE_INCIDENCE_INCOMPLETE" in d.codes


@pytest.mark.parametrize(
    ("metric", "value", "ok"),
    [
        ("wrong_exit_rate", "0.02", False),
        ("wrong_exit_rate", "0.0199", True),
        ("missed_rate", "0.02", False),
        ("missed_rate", "0.0199", True),
        ("approval", "0.90", False),
        ("approval", "0.9001", True),
    ],
)
def test_three_rates_one_degree_boundaries(metric: str, value: str, ok: bool) -> None:
    """错退率、漏评率低于2% (2% fails); 群众认可度高于90% (90% fails)."""
    figures = {**FULL, metric: RateFigure(value=value)}
    d = county_exit(case(incidence=RateFigure(value="0.01"), **figures), on="2018-06-30")
    assert (d.outcome is Outcome.MET) is ok


def test_ningxia_approval_not_below_90_percent_passes_at_90() -> None:
    """宁夏 overlay (64): 群众认可度不低于90%."""
    figures = {**FULL, "approval": RateFigure(value="0.90")}
    d = county_exit(case("640402", incidence=RateFigure(value="0.01"), **figures), on="2018-06-30")
    assert d.outcome is Outcome.MET


def test_any_failing_metric_blocks_and_all_are_listed() -> None:
    d = county_exit(
        case(
            incidence=RateFigure(value="0.025"),
            wrong_exit_rate=RateFigure(value="0.03"),
            missed_rate=RateFigure(value="0.03"),
            approval=RateFigure(value="0.8"),
        ),
        on="2018-06-30",
    )
    assert d.outcome is Outcome.NOT_MET
    assert d.codes.count("CX_METRIC_NOT_MET") == 4
    assert "CX_SENT_BACK_FOR_VERIFICATION" in d.codes  # EXIT2016-3.3-e


def test_henan_requires_90_percent_of_poor_villages_exited() -> None:
    base = {"incidence": RateFigure(value="0.01"), **FULL}
    ok = county_exit(
        case("410225", poor_villages=115, poor_villages_exited=114, **base), on="2018-06-30"
    )
    assert ok.outcome is Outcome.MET
    at = county_exit(
        case("410225", poor_villages=100, poor_villages_exited=90, **base), on="2018-06-30"
    )
    assert at.outcome is Outcome.MET  # 90%以上 includes 90%
    short = county_exit(
        case("410225", poor_villages=100, poor_villages_exited=89, **base), on="2018-06-30"
    )
    assert short.outcome is Outcome.NOT_MET


def test_non_poor_county_cannot_exit() -> None:
    """EXIT2016-3.3-a: 贫困县包括国家扶贫开发工作重点县和集中连片特困地区县."""
    d = county_exit(CountyExitCase(county=County(county_code="110101")), on="2018-06-30")
    assert d.codes == ("CX_NOT_A_POOR_COUNTY",)


def test_no_county_standard_before_april_2016_but_2015_procedure_applies() -> None:
    """DECISION2015-4-g: 县提出申请，市（地）初审，省级审定，报国务院扶贫开发领导小组备案."""
    steps = (
        ProcedureStep(step="county_application", first_day="2016-01-05"),
        ProcedureStep(step="prefecture_review", first_day="2016-01-20"),
        ProcedureStep(step="provincial_approval", first_day="2016-02-10"),
        ProcedureStep(step="filing", first_day="2016-03-01"),
    )
    d = county_exit(case(steps=steps), on="2016-03-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert "CX_NO_STANDARD_IN_FORCE" in d.codes
    assert d.codes.count("PROC_STEP_PRESENT") == 4


PROC_2016 = (
    ProcedureStep(step="county_proposal", first_day="2016-10-01"),
    ProcedureStep(step="city_review", first_day="2016-10-10"),
    ProcedureStep(step="provincial_verification", first_day="2016-11-01"),
    ProcedureStep(step="public_notice", first_day="2016-11-20", last_day="2016-11-27"),
    ProcedureStep(step="provincial_report", first_day="2016-12-01"),
    ProcedureStep(step="national_assessment", first_day="2017-01-10"),
    ProcedureStep(step="provincial_government_approval", first_day="2017-02-27"),
)


def test_2016_county_procedure() -> None:
    """EXIT2016-3.3-c, EXIT2016-3.3-d, EXIT2016-3.3-f:
    县提出 → 市初审 → 省核查 → 公示 → 省审定报告 → 专项评估 → 省批准."""
    d = county_exit(
        case(incidence=RateFigure(value="0.01"), steps=PROC_2016, **FULL), on="2017-03-01"
    )
    assert d.outcome is Outcome.MET
    assert d.codes.count("PROC_STEP_PRESENT") == 7


def test_2018_county_procedure_is_organised_by_provinces() -> None:
    """THREEYEAR2018-7.2-c: 专项评估检查由各省统一组织; THREEYEAR2018-7.2-d: 中央抽查
    (optional step)."""
    old = county_exit(
        case(incidence=RateFigure(value="0.01"), steps=PROC_2016, **FULL), on="2018-07-01"
    )
    assert old.outcome is Outcome.NOT_MET  # national_assessment is no longer a step
    steps = tuple(
        ProcedureStep(step="provincial_assessment", first_day=s.first_day)
        if s.step == "national_assessment"
        else s
        for s in PROC_2016
    )
    new = county_exit(
        case(incidence=RateFigure(value="0.01"), steps=steps, **FULL), on="2018-07-01"
    )
    assert new.outcome is Outcome.MET


def test_county_past_2020_notes_the_deadline() -> None:
    """DECISION2015-2-c / EXIT2016-1 / EASTWEST2016-2: every poor county delisted by 2020."""
    d = county_exit(case(incidence=RateFigure(value="0.05"), **FULL), on="2021-03-01")
    assert "CX_PAST_2020_DEADLINE" in d.codes


def test_rate_and_bound_helpers() -> None:
    assert within(Decimal("0.02"), Decimal("0.02"), "at_or_below")
    assert not within(Decimal("0.02"), Decimal("0.02"), "below")
    assert rate_within(RateFigure(below="0.02"), Decimal("0.02"), "below") is True
    assert rate_within(RateFigure(below="0.03"), Decimal("0.02"), "below") is None
    assert rate_within(RateFigure(at_least="0.985"), Decimal("0.9"), "above") is True
    assert rate_within(RateFigure(at_least="0.9"), Decimal("0.9"), "above") is None
    assert rate_within(RateFigure(at_least="0.025"), Decimal("0.02"), "below") is False
    with pytest.raises(ValueError, match="unknown bound"):
        within(Decimal(1), Decimal(1), "roughly")
    with pytest.raises(ValueError, match="exceeds"):
        RateFigure(numerator=3, denominator=2)


def test_inconsistent_county_counts_rejected() -> None:
    with pytest.raises(ValueError, match="counted"):
        case(rural_population=100, remaining_poor=90, missed_population=20)


# --- retention ----------------------------------------------------------------------------


def test_buffer_period_keeps_policies_during_the_campaign() -> None:
    """EXIT2016-2.4-a; THREEYEAR2018-7.2-e; BOOK2017-ch5-1.6-a (摘帽不摘政策)."""
    d = retained_support("village", exited_on="2017-12-31", on="2019-06-30")
    assert d.outcome is Outcome.MET
    assert d.codes == ("RT_POLICIES_UNCHANGED",)


def test_2015_decision_retention_for_key_counties_and_households() -> None:
    """DECISION2015-4-h (key counties) and DECISION2015-4-e (households) before April 2016."""
    assert retained_support("county", exited_on="2016-01-10", on="2016-02-01").codes == (
        "RT_KEY_COUNTY_POLICIES_UNCHANGED",
    )
    assert retained_support("household", exited_on="2016-01-10", on="2016-02-01").codes == (
        "RT_HOUSEHOLD_KEEPS_POLICIES",
    )
    assert (
        retained_support("village", exited_on="2016-01-10", on="2016-02-01").outcome
        is Outcome.UNDETERMINED
    )


def test_transition_period_2021_to_2025() -> None:
    d = retained_support("county", exited_on="2019-04-30", on="2025-12-31")
    assert d.codes == ("RT_TRANSITION_FOUR_KEEPS",)
    after = retained_support("county", exited_on="2019-04-30", on="2026-01-01")
    assert after.outcome is Outcome.NOT_MET


def test_retention_before_exit_is_undetermined() -> None:
    d = retained_support("household", exited_on="2019-01-01", on="2018-12-31")
    assert d.codes == ("RT_NOT_YET_EXITED",)


def test_published_bounds_print_as_plain_percentages() -> None:
    assert RateFigure(at_least="0.90").describe() == "90%以上"
    assert RateFigure(below="0.1").describe() == "低于10%"


def test_reported_incidence_of_zero_is_exact() -> None:
    d = village_exit(v(300, reported_incidence="0"), on="2017-12-31")
    assert "VX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS" in d.codes
    assert (
        "VX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS"
        not in village_exit(v(0, reported_incidence="0"), on="2017-12-31").codes
    )


def test_henan_village_share_needs_both_counts() -> None:
    base = {"incidence": RateFigure(value="0.01"), **FULL}
    missing = county_exit(case("410225", poor_villages=100, **base), on="2018-06-30")
    assert missing.outcome is Outcome.UNDETERMINED
    none = county_exit(case("410225", poor_villages=0, **base), on="2018-06-30")
    assert none.outcome is Outcome.MET
