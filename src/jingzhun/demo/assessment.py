"""Example inputs of the provincial assessment and an assessment plan (fictional figures).

``sample_province_assessment`` is a province's 2017 assessment case whose exit accuracy
(97%) is below the 98% jingzhun reads as 较低 (第七条（五）, an interpretation): the example
profile then caps its grade. ``sample_assessment_plan`` is a 2019 plan in which one county
is assessed three times by its city (at most twice a year, THREEYEAR2018-8.3-b).
"""

from __future__ import annotations

from typing import Any


def _three(rate: str) -> dict[str, str]:
    return {"third_party": rate, "daily_supervision": rate, "annual_verification": rate}


def sample_province_assessment() -> dict[str, Any]:
    """A province's assessment case for 2017, as ``jingzhun assess`` reads it."""
    return {
        "province": "52",
        "year": 2017,
        "reduction": {
            "planned_reduction": 1000,
            "actual_reduction": 1100,
            "planned_county_exits": 14,
            "actual_county_exits": 14,
            "income_growth": "0.105",
            "national_income_growth": "0.086",
        },
        "identification_accuracy": _three("0.99"),
        "exit_accuracy": _three("0.97"),
        "satisfaction": _three("0.95"),
        "funds_score": "0.92",
        "findings": {
            "funds_violations": 0,
            "county_constraint_violations": 0,
            "falsified_exits": 0,
            "discipline_findings": 0,
        },
    }


def sample_assessment_plan() -> dict[str, Any]:
    """A city's 2019 assessment plan, as ``jingzhun check-plan`` reads it."""
    events = [
        {
            "event_id": f"E{n}",
            "kind": "county_assessment",
            "level": "city",
            "county": "522701",
            "start": f"2019-{month:02d}-01",
            "end": f"2019-{month:02d}-05",
        }
        for n, month in enumerate((3, 7, 11), start=1)
    ]
    return {"kind": "assessment-plan", "plan_id": "P2019", "region": "52", "year": 2019,
            "events": events}  # fmt: skip
