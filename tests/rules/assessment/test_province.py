"""assessment.province: 《考核办法》第二条、第四条、第五条、第七条、第八条 (ASSESS2016-art2,
ASSESS2016-art4-a, ASSESS2016-art5, ASSESS2016-art5.1, ASSESS2016-art5.2, ASSESS2016-art5.3,
ASSESS2016-art7, ASSESS2016-art7.1, ASSESS2016-art8-a, ASSESS2016-art8-c, ASSESS2016-art12,
BOOK2017-ch10-4.2-a, DECISION2015-31-d, EXIT2016-4.1-a). No national weights: the scoring
model is a parameter set; the example profile is an interpretation."""

from __future__ import annotations

from typing import Any

import pytest

import jingzhun as jz
from jingzhun.domain.assessment import AssessmentCase, Findings, Reduction
from jingzhun.rules.assessment.province import province_assessment

DAY = "2017-12-31"


def _all(rate: str) -> dict[str, str]:
    return {"third_party": rate, "daily_supervision": rate, "annual_verification": rate}


def case(**kw: Any) -> AssessmentCase:
    base: dict[str, Any] = {
        "province": "52",
        "year": 2017,
        "reduction": Reduction(
            planned_reduction=100,
            actual_reduction=100,
            planned_county_exits=5,
            actual_county_exits=5,
            income_growth="0.10",
            national_income_growth="0.08",
        ),
        "identification_accuracy": _all("0.99"),
        "exit_accuracy": _all("0.99"),
        "satisfaction": _all("0.95"),
        "funds_score": "0.90",
        "findings": Findings(
            funds_violations=0,
            county_constraint_violations=0,
            falsified_exits=0,
            discipline_findings=0,
            serious=False,
        ),
    }
    base.update(kw)
    return AssessmentCase(**base)


def test_national_baseline_gives_no_grade_and_says_there_are_no_weights() -> None:
    """ASSESS2016-art5 names four areas and no weights: every decision says so."""
    d = province_assessment(case(), on=DAY)
    assert d.outcome is jz.Outcome.UNDETERMINED
    assert "AS_NO_NATIONAL_WEIGHTS" in d.codes and "AS_NOT_GRADED" in d.codes
    assert d.codes.count("AS_AREA_SCORE") == 4
    assert "AS_RESULT_CIRCULATED" in d.codes  # ASSESS2016-art8-a


def test_example_profile_grades_a_clean_province_good_and_rewards_it() -> None:
    d = province_assessment(case(), on=DAY, example_profile=True)
    assert d.outcome is jz.Outcome.MET
    assert "AS_REWARD" in d.codes and "AS_ARTICLE7_PROBLEM" not in d.codes
    assert "示例方案" in d.reason("AS_NO_NATIONAL_WEIGHTS").message_zh


OVERLAY = """schema_version = 1
region = "52"
[[parameter]]
name = "assessment.area_weights"
  [[parameter.values]]
  from = 2016-02-09
  value = [{ area = "funds", weight = "1" }]
  status = "local"
  source = { title = "test overlay", quote = "test" }
[[parameter]]
name = "assessment.grade_cutoffs"
  [[parameter.values]]
  from = 2016-02-09
  value = [{ grade = "good", min_score = "0.90" }, { grade = "fair", min_score = "0.80" }]
  status = "local"
  source = { title = "test overlay", quote = "test" }
"""


def _overlay() -> jz.ParameterSet:
    return jz.ParameterSet.bundled().with_overlay_text(OVERLAY, origin="test")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("0.90", "好"),
        ("0.8999", "一般"),
        ("0.9001", "好"),
        ("0.80", "一般"),
        ("0.7999", "较差"),
        ("0.8001", "一般"),
    ],
)
def test_cut_offs_include_the_number(score: str, grade: str) -> None:
    """不低于: the cut-off itself earns the grade (at, below, above each cut-off)."""
    d = province_assessment(case(funds_score=score), on=DAY, params=_overlay())
    assert d.reason("AS_GRADE").message_zh == f"综合评价：{grade}"
    assert "叠加层" in d.reason("AS_NO_NATIONAL_WEIGHTS").message_zh


def test_unknown_area_is_undetermined_not_zero() -> None:
    d = province_assessment(case(funds_score=None), on=DAY, params=_overlay())
    assert d.outcome is jz.Outcome.UNDETERMINED
    assert d.reason("AS_AREA_UNDETERMINED").effect is jz.Effect.BLOCKS


PLANTED: list[tuple[str, dict[str, Any]]] = [
    (
        "plan_not_met",
        {
            "reduction": Reduction(
                planned_reduction=100,
                actual_reduction=99,
                planned_county_exits=5,
                actual_county_exits=5,
                income_growth="0.1",
                national_income_growth="0.08",
            )
        },
    ),
    (
        "funds_violation",
        {
            "findings": Findings(
                funds_violations=1,
                county_constraint_violations=0,
                falsified_exits=0,
                discipline_findings=0,
            )
        },
    ),
    (
        "county_constraint",
        {
            "findings": Findings(
                funds_violations=0,
                county_constraint_violations=2,
                falsified_exits=0,
                discipline_findings=0,
            )
        },
    ),
    (
        "fake_exit",
        {
            "findings": Findings(
                funds_violations=0,
                county_constraint_violations=0,
                falsified_exits=1,
                discipline_findings=0,
            )
        },
    ),
    ("low_accuracy", {"exit_accuracy": _all("0.9799")}),
    (
        "discipline",
        {
            "findings": Findings(
                funds_violations=0,
                county_constraint_violations=0,
                falsified_exits=0,
                discipline_findings=3,
            )
        },
    ),
]


@pytest.mark.parametrize(("problem", "planted"), PLANTED)
def test_each_article7_problem_flags_and_caps_the_grade(
    problem: str, planted: dict[str, Any]
) -> None:
    """ASSESS2016-art7 (一)–(六) with ASSESS2016-art8-c: flag, cap at 一般, 约谈 principal
    leaders with a rectification deadline; DECISION2015-31-d for an unmet plan."""
    d = province_assessment(case(**planted), on=DAY, example_profile=True)
    flag = d.reason("AS_ARTICLE7_PROBLEM")
    assert {e.value for e in flag.evidence} == {problem}
    assert d.outcome is jz.Outcome.NOT_MET
    assert "AS_GRADE_CAPPED" in d.codes or d.reason("AS_GRADE").message_zh != "综合评价：好"
    assert "AS_INTERVIEW_PRINCIPAL_LEADERS" in d.codes and "AS_REWARD" not in d.codes
    if problem == "plan_not_met":
        ids = {c.clause_id for c in d.reason("AS_INTERVIEW_PRINCIPAL_LEADERS").citations}
        assert "DECISION2015-31-d" in ids


def test_capped_grade_is_explained() -> None:
    d = province_assessment(case(findings=PLANTED[3][1]["findings"]), on=DAY, example_profile=True)
    assert "由“好”降为“一般”" in d.reason("AS_GRADE_CAPPED").message_zh


def test_a_flag_without_weights_still_fails_the_known_part() -> None:
    d = province_assessment(case(exit_accuracy="0.5"), on=DAY)
    assert d.outcome is jz.Outcome.NOT_MET and "AS_GRADE_AT_MOST" in d.codes


@pytest.mark.parametrize(("value", "low"), [("0.98", False), ("0.9799", True), ("0.9801", False)])
def test_low_accuracy_limit_is_exclusive(value: str, low: bool) -> None:
    """ASSESS2016-art7.5 较低 read as 低于98% (the county exit 2%)."""
    d = province_assessment(case(identification_accuracy=value), on=DAY)
    assert ("AS_ARTICLE7_PROBLEM" in d.codes) is low


@pytest.mark.parametrize(("value", "low"), [("0.90", False), ("0.8999", True), ("0.9001", False)])
def test_low_satisfaction_limit_is_exclusive(value: str, low: bool) -> None:
    d = province_assessment(case(satisfaction=value), on=DAY)
    assert ("AS_ARTICLE7_PROBLEM" in d.codes) is low


def test_serious_problems_bring_accountability() -> None:
    f = Findings(
        funds_violations=1,
        county_constraint_violations=0,
        falsified_exits=0,
        discipline_findings=0,
        serious=True,
    )
    d = province_assessment(case(findings=f), on=DAY)
    assert "AS_ACCOUNTABILITY" in d.codes


def test_fair_without_problems_interviews_the_deputy() -> None:
    d = province_assessment(case(funds_score="0.85"), on=DAY, params=_overlay())
    assert "AS_INTERVIEW_DEPUTY" in d.codes and "AS_INTERVIEW_PRINCIPAL_LEADERS" not in d.codes


def test_unknown_findings_keep_good_pending() -> None:
    d = province_assessment(case(findings=Findings()), on=DAY, example_profile=True)
    assert d.outcome is jz.Outcome.UNDETERMINED and "AS_ARTICLE7_UNKNOWN" in d.codes


@pytest.mark.parametrize(
    ("year", "in_scope"), [(2015, False), (2016, True), (2020, True), (2021, False)]
)
def test_assessed_years_2016_to_2020(year: int, in_scope: bool) -> None:
    """ASSESS2016-art4-a 从2016年到2020年 and ASSESS2016-art12 in force 2016-02-09."""
    d = province_assessment(case(year=year), on=f"{year}-12-31")
    assert ("AS_OUTSIDE_ASSESSMENT_YEARS" in d.codes) is not in_scope


@pytest.mark.parametrize(("year", "merged"), [(2018, False), (2019, True), (2020, True)])
def test_the_2019_merger_is_a_dated_change(year: int, merged: bool) -> None:
    d = province_assessment(case(year=year), on=f"{year}-12-31")
    assert ("三项考核整合" in d.reason("AS_FORM_OF_ASSESSMENT").message_zh) is merged


def test_only_the_22_provinces() -> None:
    """ASSESS2016-art2: 中西部22个省."""
    with pytest.raises(ValueError, match="22"):
        case(province="32")


def test_source_weights_of_the_example_profile() -> None:
    """Henan's 40/30/30 (a local practice) in the example profile: every source needed."""
    fig = {"third_party": "1", "daily_supervision": "0.9", "annual_verification": "0.8"}
    d = province_assessment(case(satisfaction=fig), on=DAY, example_profile=True)
    assert "satisfaction 0.9000" in d.reason("AS_AREA_SCORE").message_en or any(
        "satisfaction 0.9000" in r.message_en for r in d.reasons
    )
    with pytest.raises(ValueError, match="fraction"):
        case(satisfaction={"third_party": "1.01"})
