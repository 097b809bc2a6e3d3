"""jingzhun assess / check-plan: decisions as text or JSON, bad input named with exit 2
(ASSESS2016-art2: only the 22 provinces; THREEYEAR2018-8.3-b: at most twice a year)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jingzhun.cli import main

CASE = {
    "province": "52",
    "year": 2017,
    "reduction": {"planned_reduction": 10, "actual_reduction": 10},
    "funds_score": "0.9",
}


def _write(tmp_path: Path, data: object, name: str = "in.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_assess_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", _write(tmp_path, CASE), "--year", "2017", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rule"] == "assessment.province" and out["outcome"] == "undetermined"


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"province": "32"}, "22"),
        ({"funds_score": "1.5"}, "/funds_score"),
        ({"satisfaction": {"third_party": "-0.1"}}, "/satisfaction"),
        ({"satisfaction": {"neighbours": "0.9"}}, "/satisfaction"),
        ({"extra": 1}, "/extra"),
        ({"year": 2018}, "/year"),
    ],
)
def test_bad_case_is_named_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object], needle: str
) -> None:
    code = main(["assess", _write(tmp_path, {**CASE, **change}), "--year", "2017"])
    err = capsys.readouterr().err
    assert code == 2 and needle in err and "Traceback" not in err


def test_check_plan_and_calendar_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ev = {"kind": "county_assessment", "level": "city", "county": "522701"}
    plan = {
        "kind": "assessment-plan", "plan_id": "P", "region": "52", "year": 2019,
        "events": [{**ev, "event_id": f"e{n}", "start": f"2019-0{n}-01", "end": f"2019-0{n}-02"}
                   for n in (1, 2, 3)],
    }  # fmt: skip
    assert main(["check-plan", _write(tmp_path, plan)]) == 0
    assert "AP_TOO_MANY_COUNTY_ASSESSMENTS" in capsys.readouterr().out
    plan["events"][0]["end"] = "2018-12-01"  # type: ignore[index]
    assert main(["check-plan", _write(tmp_path, plan)]) == 2
    assert "out of order" in capsys.readouterr().err
    step = {"step": "fifth", "started_on": "2016-12-01", "completed_on": "2016-12-02"}
    cal = {"kind": "assessment-calendar", "year": 2016, "steps": [step]}
    assert main(["check-plan", _write(tmp_path, cal)]) == 2
    assert "/steps/0" in capsys.readouterr().err
