"""assessment.calendar (ASSESS2016-art6, ASSESS2016-art6.1, ASSESS2016-art6.2,
ASSESS2016-art6.3, ASSESS2016-art6.4-a, ASSESS2016-art6.4-b, ASSESS2016-art6.5: five ordered
steps, 年底开始、次年2月底前完成) and assessment.plan (THREEYEAR2018-8.3-b 原则上不超过2次,
THREEYEAR2018-8.3-c 市级以下第三方评估须省里批准, THREEYEAR2018-7.2-b 超标指标不作为硬性指标)."""

from __future__ import annotations

from typing import Any

import pytest

import jingzhun as jz
from jingzhun.domain.assessment import AssessmentCalendar, AssessmentPlan, Indicator, PlanEvent
from jingzhun.rules.assessment.calendar import assessment_calendar
from jingzhun.rules.assessment.plan import assessment_plan

STEPS = ("summary", "third_party", "data", "evaluation", "feedback")


def calendar(
    year: int = 2016, end: str | None = None, first: str | None = None
) -> AssessmentCalendar:
    days = [
        f"{year}-12-01",
        f"{year}-12-20",
        f"{year + 1}-01-10",
        f"{year + 1}-01-25",
        f"{year + 1}-02-10",
        end or f"{year + 1}-02-20",
    ]
    if first:
        days[0] = first
    steps = [
        {"step": s, "started_on": days[i], "completed_on": days[i + 1]} for i, s in enumerate(STEPS)
    ]
    return AssessmentCalendar(year=year, steps=steps)


def test_five_steps_in_order_and_time() -> None:
    d = assessment_calendar(calendar(), on="2017-02-28")
    assert d.outcome is jz.Outcome.MET and d.codes == ("AC_STEPS_IN_ORDER_AND_TIME",)


@pytest.mark.parametrize(
    ("year", "end", "late"),
    [
        (2016, "2017-02-28", False),  # 2017: February has 28 days; the last day is in time
        (2016, "2017-03-01", True),
        (2016, "2017-02-27", False),
        (2019, "2020-02-29", False),  # leap year: 29 February is the last day
        (2019, "2020-03-01", True),
        (2019, "2020-02-28", False),
    ],
)
def test_deadline_is_the_last_day_of_february_inclusive(year: int, end: str, late: bool) -> None:
    d = assessment_calendar(calendar(year, end=end), on=end)
    assert ("AC_FINISHED_LATE" in d.codes) is late


def test_strict_reading_of_the_deadline_as_an_overlay() -> None:
    text = """schema_version = 1
region = "52"
[[parameter]]
name = "assessment.calendar.deadline_inclusive"
  [[parameter.values]]
  from = 2016-02-09
  value = false
  status = "local"
  source = { title = "test", quote = "test" }
"""
    ps = jz.ParameterSet.bundled().with_overlay_text(text, origin="t")
    # national resolution (no region) ignores a provincial overlay: still inclusive
    assert (
        "AC_FINISHED_LATE"
        not in assessment_calendar(calendar(end="2017-02-28"), on="2017-02-28", params=ps).codes
    )


@pytest.mark.parametrize(
    ("first", "early"), [("2016-12-01", False), ("2016-11-30", True), ("2016-12-02", False)]
)
def test_starts_at_year_end(first: str, early: bool) -> None:
    d = assessment_calendar(calendar(first=first), on="2017-02-28")
    assert ("AC_STARTED_BEFORE_YEAR_END" in d.codes) is early


def test_steps_out_of_order_and_missing() -> None:
    cal = calendar()
    swapped = AssessmentCalendar(
        year=2016, steps=[cal.steps[0], cal.steps[2], cal.steps[1], cal.steps[3]]
    )
    d = assessment_calendar(swapped, on="2017-02-28")
    assert "AC_STEP_MISSING" in d.codes and d.outcome is jz.Outcome.NOT_MET
    early = AssessmentCalendar(
        year=2016,
        steps=[
            cal.steps[0],
            {"step": "third_party", "started_on": "2016-12-10", "completed_on": "2017-01-10"},
            *cal.steps[2:],
        ],
    )
    assert "AC_STEP_OUT_OF_ORDER" in assessment_calendar(early, on="2017-02-28").codes


def test_a_step_ending_before_it_starts_is_an_input_error() -> None:
    with pytest.raises(ValueError, match="out of order"):
        AssessmentCalendar(
            year=2016,
            steps=[{"step": "data", "started_on": "2017-01-10", "completed_on": "2017-01-09"}],
        )


def event(n: int, **kw: Any) -> PlanEvent:
    base: dict[str, Any] = {
        "event_id": f"e{n}",
        "kind": "county_assessment",
        "level": "city",
        "start": f"2019-0{n}-01",
        "end": f"2019-0{n}-05",
        "county": "522701",
    }
    base.update(kw)
    return PlanEvent(**base)


def plan(*events: PlanEvent) -> AssessmentPlan:
    return AssessmentPlan(plan_id="P", region="52", year=2019, events=events)


@pytest.mark.parametrize(("times", "breach"), [(1, False), (2, False), (3, True)])
def test_at_most_twice_a_year_inclusive(times: int, breach: bool) -> None:
    """THREEYEAR2018-8.3-b 不超过2次: 2 is allowed, 3 is not."""
    d = assessment_plan(plan(*(event(i + 1) for i in range(times))), on="2019-12-31")
    assert ("AP_TOO_MANY_COUNTY_ASSESSMENTS" in d.codes) is breach
    assert d.outcome is (jz.Outcome.NOT_MET if breach else jz.Outcome.MET)


def test_in_principle_limit_overridden_only_by_a_cited_overlay() -> None:
    text = """schema_version = 1
region = "52"
[[parameter]]
name = "assessment.plan.county_assessments_max"
  [[parameter.values]]
  from = 2018-06-15
  value = 3
  status = "local"
  source = { title = "某省考核办法", quote = "每年对县考核不超过3次" }
"""
    ps = jz.ParameterSet.bundled().with_overlay_text(text, origin="gz.toml")
    d = assessment_plan(plan(event(1), event(2), event(3)), on="2019-12-31", params=ps)
    assert d.outcome is jz.Outcome.MET and "AP_LIMIT_SET_BY_OVERLAY" in d.codes
    d4 = assessment_plan(plan(*(event(i + 1) for i in range(4))), on="2019-12-31", params=ps)
    assert "AP_TOO_MANY_COUNTY_ASSESSMENTS" in d4.codes


def test_before_the_guidance_no_limit() -> None:
    old = [event(i + 1, start=f"2018-0{i + 1}-01", end=f"2018-0{i + 1}-02") for i in range(3)]
    d = assessment_plan(
        AssessmentPlan(plan_id="P", region="52", year=2018, events=old), on="2018-12-31"
    )
    assert "AP_TOO_MANY_COUNTY_ASSESSMENTS" not in d.codes and "AP_BEFORE_THE_LIMITS" in d.codes


@pytest.mark.parametrize(
    ("level", "approved", "code"),
    [
        ("province", None, None),
        ("city", True, None),
        ("city", False, "AP_THIRD_PARTY_WITHOUT_APPROVAL"),
        ("county", None, "AP_APPROVAL_UNKNOWN"),
    ],
)
def test_third_party_evaluation_below_the_province(
    level: str, approved: bool | None, code: str | None
) -> None:
    """THREEYEAR2018-8.3-c 未经省里批准，市级以下不得开展第三方评估 (市级 included)."""
    e = event(1, kind="third_party_evaluation", level=level, approved_by_province=approved)
    d = assessment_plan(plan(e), on="2019-12-31")
    if code is None:
        assert d.outcome is jz.Outcome.MET
    else:
        assert code in d.codes


def test_binding_indicators_beyond_the_standard() -> None:
    """THREEYEAR2018-7.2-b: beyond 两不愁三保障 → removed or not binding."""
    bad = event(1, indicators=[Indicator(name="GDP", beyond_standard=True, binding=True)])
    ok = event(1, indicators=[Indicator(name="GDP", beyond_standard=True, binding=False)])
    assert (
        "AP_BINDING_INDICATOR_BEYOND_STANDARD" in assessment_plan(plan(bad), on="2019-12-31").codes
    )
    assert assessment_plan(plan(ok), on="2019-12-31").outcome is jz.Outcome.MET
