"""Provincial assessment walkthrough: a clean province, a planted 第七条 problem, a calendar
and a plan. Fast, reads no files. The example profile is jingzhun's interpretation (there
are no national weights)."""

from __future__ import annotations

from jingzhun.domain.assessment import (
    AssessmentCalendar,
    AssessmentCase,
    AssessmentPlan,
    Findings,
    PlanEvent,
    Reduction,
)
from jingzhun.rules.assessment.calendar import assessment_calendar
from jingzhun.rules.assessment.plan import assessment_plan
from jingzhun.rules.assessment.province import province_assessment


def three(rate: str) -> dict[str, str]:
    return {"third_party": rate, "daily_supervision": rate, "annual_verification": rate}


def main() -> None:
    clean = Findings(
        funds_violations=0, county_constraint_violations=0, falsified_exits=0, discipline_findings=0
    )
    case = AssessmentCase(
        province="52",
        year=2017,
        reduction=Reduction(
            planned_reduction=1000,
            actual_reduction=1100,
            planned_county_exits=14,
            actual_county_exits=14,
            income_growth="0.105",
            national_income_growth="0.086",
        ),
        identification_accuracy=three("0.99"),
        exit_accuracy=three("0.99"),
        satisfaction=three("0.95"),
        funds_score="0.92",
        findings=clean,
    )
    for profile in (False, True):
        d = province_assessment(case, on="2017-12-31", example_profile=profile)
        print("example profile" if profile else "national baseline", "→", d.outcome.zh)
        for r in d.reasons:
            print("  ", r.code, r.message_zh)
    flagged = AssessmentCase(
        province="52", year=2017, reduction=case.reduction,
        identification_accuracy=three("0.99"), exit_accuracy=three("0.97"),
        satisfaction=three("0.95"), funds_score="0.92", findings=clean,
    )  # fmt: skip
    d = province_assessment(flagged, on="2017-12-31", example_profile=True)
    print("planted low exit accuracy →", d.outcome.zh, d.reason("AS_GRADE_CAPPED").message_zh)
    steps = [
        ("summary", "2017-12-01", "2017-12-20"),
        ("third_party", "2017-12-20", "2018-01-20"),
        ("data", "2018-01-20", "2018-02-01"),
        ("evaluation", "2018-02-01", "2018-02-15"),
        ("feedback", "2018-02-15", "2018-02-28"),
    ]
    cal = AssessmentCalendar(
        year=2017, steps=[{"step": s, "started_on": a, "completed_on": b} for s, a, b in steps]
    )
    print("calendar →", assessment_calendar(cal, on="2018-02-28").outcome.zh)
    events = [
        PlanEvent(
            event_id="tp", kind="third_party_evaluation", level="county",
            start="2019-05-01", end="2019-05-10", approved_by_province=False,
        )
    ]  # fmt: skip
    plan = AssessmentPlan(plan_id="P", region="5227", year=2019, events=events)
    d = assessment_plan(plan, on="2019-12-31")
    print("plan →", d.outcome.zh, d.reasons[0].message_zh)


if __name__ == "__main__":
    main()
