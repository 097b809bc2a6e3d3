"""County (and village) exit: fidelity fixes of issue 7, items 2, 3, 4, 8, 9 and 11.

Each test names the clause it pins. Step dates marked *illustrative* were not retrieved; the
dates of the national assessment of the first 2017 batch (6月3日至30日) and of its
announcement (2018-08-17) come from 国务院扶贫办 (光明日报 2018-08-18).
"""

from __future__ import annotations

from typing import Any

import pytest

from jingzhun import (
    County,
    CountyExitCase,
    Effect,
    Outcome,
    ParameterSet,
    ProcedureStep,
    RateFigure,
    Village,
    county_exit,
    village_exit,
)

S = ProcedureStep

METRICS_OK: dict[str, Any] = {
    "wrong_exit_rate": RateFigure(value="0.01"),
    "missed_rate": RateFigure(value="0.01"),
    "approval": RateFigure(value="0.95"),
}


def case(code: str, **extra: Any) -> CountyExitCase:
    fields = {**METRICS_OK, **extra}
    return CountyExitCase(county=County(county_code=code, key_county=True), **fields)


def proc_opposing(d: Any) -> list[str]:
    return [r.code for r in d.reasons if r.code.startswith("PROC_") and r.effect is Effect.OPPOSES]


# --- item 2: the procedure version is the one in force when the file began -------------------

JIXIAN_STEPS = (  # 吉县 (141028), first 2017 batch; dates before the assessment illustrative
    S(step="county_proposal", first_day="2017-11-20"),
    S(step="city_review", first_day="2017-12-05"),
    S(step="provincial_verification", first_day="2017-12-20"),
    S(step="public_notice", first_day="2018-01-10", last_day="2018-01-16"),
    S(step="provincial_report", first_day="2018-01-25"),
    S(step="national_assessment", first_day="2018-06-03", last_day="2018-06-30"),
    S(step="provincial_government_approval", first_day="2018-08-20"),
)


def test_first_2017_batch_is_judged_by_the_2016_procedure_exit2016_3_3_c() -> None:
    """EXIT2016-3.3-c/d: 吉县's file began in 2017 under the 2016 procedure (national
    assessment, June 2018); decided in August 2018 it passes, and the decision says which
    version applied."""
    d = county_exit(
        case("141028", incidence=RateFigure(value="0.0032"), steps=JIXIAN_STEPS), on="2018-08-31"
    )
    assert proc_opposing(d) == []
    assert d.outcome is Outcome.MET
    version = d.reason("CX_PROCEDURE_VERSION")
    assert version.effect is Effect.NOTE
    assert version.parameters[0].name == "exit.county.procedure"
    assert version.parameters[0].valid_from == "2016-04-28"


def test_ruijin_confirmed_in_july_2018_passes_the_2016_procedure_exit2016_3_3_d() -> None:
    """EXIT2016-3.3-d: 瑞金 (360781), national assessment and confirmation July 2018."""
    steps = (  # illustrative dates; the assessment month (July 2018) is published
        S(step="county_proposal", first_day="2017-11-15"),
        S(step="city_review", first_day="2017-11-30"),
        S(step="provincial_verification", first_day="2017-12-15"),
        S(step="public_notice", first_day="2018-01-05", last_day="2018-01-11"),
        S(step="provincial_report", first_day="2018-01-20"),
        S(step="national_assessment", first_day="2018-07-02"),
        S(step="provincial_government_approval", first_day="2018-07-29"),
    )
    d = county_exit(
        case("360781", incidence=RateFigure(value="0.0072"), steps=steps), on="2018-07-31"
    )
    assert proc_opposing(d) == []
    assert d.outcome is Outcome.MET


def test_a_file_begun_after_june_2018_is_judged_by_the_2018_procedure_threeyear2018_7_2_c() -> None:
    """THREEYEAR2018-7.2-c: a file begun after 2018-06-15 needs the provincial assessment."""
    steps = tuple(
        S(
            step=s.step,
            first_day=s.first_day.replace(year=s.first_day.year + 1),
            last_day=s.last_day and s.last_day.replace(year=s.last_day.year + 1),
        )
        for s in JIXIAN_STEPS
    )
    d = county_exit(
        case("141028", incidence=RateFigure(value="0.0032"), steps=steps), on="2019-08-31"
    )
    assert d.outcome is Outcome.NOT_MET
    assert "PROC_STEP_UNKNOWN" in d.codes


# --- item 3: 综合贫困发生率 unknown is not met ----------------------------------------------------


def test_plain_incidence_below_the_line_leaves_the_comprehensive_one_open_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b (2017 measure): without 漏评/错退 counts the 综合 rate is unknown; the plain
    rate 1.50% is only its lower bound, so the decision is undetermined, not 符合."""
    d = county_exit(case("360881", rural_population=10000, remaining_poor=150), on="2018-06-30")
    assert d.outcome is Outcome.UNDETERMINED
    assert "CX_COMPREHENSIVE_INCIDENCE_INCOMPLETE" in d.codes


@pytest.mark.parametrize(
    ("poor", "outcome"),
    [
        (199, Outcome.UNDETERMINED),
        (200, Outcome.NOT_MET),
        (201, Outcome.NOT_MET),
    ],
)
def test_plain_incidence_at_the_line_already_fails_exit2016_3_3_b(
    poor: int, outcome: Outcome
) -> None:
    """EXIT2016-3.3-b: 综合 ≥ plain; plain at or over 2% (低于2%) → 不符合; just below → open."""
    d = county_exit(case("360881", rural_population=10000, remaining_poor=poor), on="2018-06-30")
    assert d.outcome is outcome


def test_published_comprehensive_figure_over_plain_counts_is_no_contradiction_exit2016_3_3_b() -> (
    None
):
    """EXIT2016-3.3-b: a published 综合 1.80% with plain counts 1.50% agrees (counts are a lower
    bound) and is what is judged."""
    d = county_exit(
        case(
            "360881",
            rural_population=10000,
            remaining_poor=150,
            incidence=RateFigure(value="0.018"),
        ),
        on="2018-06-30",
    )
    assert "CX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS" not in d.codes
    assert d.outcome is Outcome.MET


def test_published_comprehensive_figure_below_plain_counts_contradicts_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b: a published 综合 1.40% below the plain counts' 1.50% is a contradiction."""
    d = county_exit(
        case(
            "360881",
            rural_population=10000,
            remaining_poor=150,
            incidence=RateFigure(value="0.014"),
        ),
        on="2018-06-30",
    )
    assert "CX_REPORTED_INCIDENCE_CONTRADICTS_COUNTS" in d.codes
    assert d.outcome is not Outcome.MET


# --- item 4: the boundary wordings are not confirmed ---------------------------------------


@pytest.mark.parametrize("name", ["exit.county.rates_bound", "exit.county.approval_bound"])
def test_boundary_wordings_are_partial_with_alternatives_exit2016_3_3_b(name: str) -> None:
    """EXIT2016-3.3-b: 低于2% / 高于90% (杨炼) against 高于2%的不得退出 / 低于90%的不得退出,
    宁夏 不低于90%, 河南 应达到90%: partial from 2017-09-30, unconfirmed before."""
    ps = ParameterSet.bundled()
    later = ps.resolve(name, on="2017-09-30", region="360881")
    assert later.status == "partial"
    assert later.alternatives
    assert {a.value for a in later.alternatives} != {later.value}
    earlier = ps.resolve(name, on="2017-09-29", region="360881")
    assert earlier.status == "unconfirmed"
    assert earlier.period.end is not None and earlier.period.end.isoformat() == "2017-09-30"
    assert earlier.alternatives


@pytest.mark.parametrize(
    ("approval", "outcome"),
    [
        ("0.8999", Outcome.NOT_MET),
        ("0.90", Outcome.MET),
        ("0.9001", Outcome.MET),
    ],
)
def test_henan_approval_of_exactly_90_percent_passes_exit2016_3_3_b(
    approval: str, outcome: Outcome
) -> None:
    """EXIT2016-3.3-b, 河南 overlay (41): 群众认可度应达到90% (2019-04-24 公示) includes 90%."""
    d = county_exit(
        case(
            "410324",
            incidence=RateFigure(value="0.0139"),
            approval=RateFigure(value=approval),
            poor_villages=12,
            poor_villages_exited=11,
        ),
        on="2019-04-24",
    )
    assert d.outcome is outcome


# --- item 8: 比照西部 prefectures ---------------------------------------------------------------

ENSHI_3 = """
schema_version = 1
region = "4228"

[[parameter]]
name = "{name}"

  [[parameter.values]]
  from = 2016-04-28
  value = "0.03"
  status = "local"
  source = {{ title = "example", quote = "example" }}
"""


def test_compare_west_overlay_is_not_labelled_non_western_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b: an overlay giving 恩施 3% is labelled 比照西部地区标准, not 中东部标准, and
    the decision says the threshold choice is contested."""
    ps = ParameterSet.bundled().with_overlay_text(
        ENSHI_3.format(name="exit.county.incidence_threshold")
    )
    d = county_exit(case("422801", incidence=RateFigure(value="0.025")), on="2018-06-30", params=ps)
    met = d.reason("CX_METRIC_MET")
    assert "比照西部地区标准" in met.message_zh
    assert "中东部" not in met.message_zh
    assert d.reason("EXIT_COMPARE_WEST_PREFECTURE").effect is Effect.NOTE
    assert d.outcome is Outcome.MET


def test_compare_west_prefecture_is_noted_without_an_overlay_exit2016_3_2_b() -> None:
    """EXIT2016-3.2-b / 3.3-b: 湘西 (4331) follows 湖南 (2%) by default; the decision says so."""
    d = county_exit(case("433101", incidence=RateFigure(value="0.015")), on="2018-06-30")
    assert "EXIT_COMPARE_WEST_PREFECTURE" in d.codes
    v = village_exit(
        Village(village_id="V", county_code="433101", rural_population=1000, poor_population=20),
        on="2018-06-30",
    )
    assert "EXIT_COMPARE_WEST_PREFECTURE" in v.codes
    assert v.outcome is Outcome.MET


def test_compare_west_village_overlay_label_exit2016_3_2_b() -> None:
    """EXIT2016-3.2-b: a village in 恩施 at 2.5% with a 3% overlay: 比照西部地区标准."""
    ps = ParameterSet.bundled().with_overlay_text(
        ENSHI_3.format(name="exit.village.incidence_threshold")
    )
    v = village_exit(
        Village(village_id="V", county_code="422801", rural_population=1000, poor_population=25),
        on="2018-06-30",
        params=ps,
    )
    assert "比照西部地区" in v.reasons[0].message_zh
    assert "中东部" not in v.reasons[0].message_zh


def test_prefecture_overlay_wins_over_its_province_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b: 湖北 (42) 2.5% and 恩施 (4228) 3%: 恩施's counties take 3%, the rest 2.5%."""
    province = ENSHI_3.replace('region = "4228"', 'region = "42"').replace('"0.03"', '"0.025"')
    ps = (
        ParameterSet.bundled()
        .with_overlay_text(province.format(name="exit.county.incidence_threshold"))
        .with_overlay_text(ENSHI_3.format(name="exit.county.incidence_threshold"))
    )
    enshi = ps.resolve("exit.county.incidence_threshold", on="2018-06-30", region="422801")
    wuhan = ps.resolve("exit.county.incidence_threshold", on="2018-06-30", region="420101")
    assert (str(enshi.value), enshi.overlay) == ("0.03", "4228")
    assert (str(wuhan.value), wuhan.overlay) == ("0.025", "42")
    d = county_exit(case("422801", incidence=RateFigure(value="0.028")), on="2018-06-30", params=ps)
    assert d.outcome is Outcome.MET


# --- item 9: the 2018 order (provincial assessment before the public notice) ---------------


def test_2018_assessment_before_the_notice_threeyear2018_7_2_c() -> None:
    """THREEYEAR2018-7.2-c: 河南 2019 (栾川等33县): 县级申请、市级初审、省级专项评估检查, then the
    公示 (2019-04-24) of the assessment's results, then approval (2019-05-08)."""
    steps = (  # dates before the assessment illustrative
        S(step="county_proposal", first_day="2018-11-01"),
        S(step="city_review", first_day="2018-11-20"),
        S(step="provincial_verification", first_day="2018-12-10"),
        S(step="provincial_assessment", first_day="2019-01-10"),
        S(step="public_notice", first_day="2019-04-24", last_day="2019-04-30"),
        S(step="provincial_report", first_day="2019-05-05"),
        S(step="provincial_government_approval", first_day="2019-05-08"),
    )
    d = county_exit(
        case(
            "410324",
            incidence=RateFigure(value="0.0139"),
            poor_villages=12,
            poor_villages_exited=11,
            steps=steps,
        ),
        on="2019-05-08",
    )
    assert proc_opposing(d) == []
    assert d.outcome is Outcome.MET


# --- item 11: overlay dates ------------------------------------------------------------------


def test_ningxia_overlay_starts_with_the_2017_measure_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b: 宁夏's 不低于90% is quoted with the 2017 measure's terms (综合贫困发生率),
    so it does not reach back to 2016-04-28; its start is marked assumed."""
    ps = ParameterSet.bundled()
    before = ps.resolve("exit.county.approval_bound", on="2017-09-29", region="640402")
    assert before.overlay is None
    after = ps.resolve("exit.county.approval_bound", on="2017-09-30", region="640402")
    assert after.overlay == "64"
    assert after.note is not None and "assumed" in after.note


def test_henan_village_share_start_is_marked_assumed_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b: 河南's 90% village share is quoted from a 2019 公示."""
    r = ParameterSet.bundled().resolve(
        "exit.county.poor_villages_exited_min", on="2017-02-24", region="410225"
    )
    assert r.note is not None and "assumed" in r.note
