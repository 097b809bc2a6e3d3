"""The exit and adjustment commands, and loading exit records (bad and inconsistent input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jingzhun.cli import main
from jingzhun.io.loaders import load_county_cases_text, load_households_text, load_registry_text


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


HOUSEHOLD = {
    "household_id": "H1",
    "county_code": "522701",
    "declared_size": 2,
    "income_year": 2017,
    "income": {"wages": "9000"},
    "stable_income_source": True,
    "identified_on": "2015-10-01",
    "guarantees": {
        "food": True,
        "clothing": True,
        "compulsory_education": True,
        "basic_medical_care": True,
        "housing_safety": True,
    },
    "exit_steps": [
        {"step": "democratic_appraisal", "first_day": "2017-11-01"},
        {"step": "verification", "first_day": "2017-11-05"},
        {"step": "household_consent", "first_day": "2017-11-08"},
        {"step": "village_notice", "first_day": "2017-11-10", "last_day": "2017-11-16"},
        {"step": "announcement", "first_day": "2017-11-20"},
        {"step": "deregistration", "first_day": "2017-12-01"},
    ],
}


def write(tmp_path: Path, name: str, data: object) -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_exit_households_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "h.json",
        [HOUSEHOLD, {**HOUSEHOLD, "household_id": "H2", "income": {"wages": "5904"}}],
    )
    code, out, _ = run(
        capsys,
        "exit",
        "households",
        str(f),
        "--on",
        "2017-12-31",
        "--format",
        "json",
        "--jobs",
        "1",
    )
    assert code == 0
    rows = [row["decision"] for row in json.loads(out)["rows"]]
    assert [r["outcome"] for r in rows] == ["met", "not_met"]  # 5904/2 = 2952: not above
    assert "HX_INCOME_NOT_ABOVE_LINE" in [x["code"] for x in rows[1]["reasons"]]


def test_exit_villages_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "v.json",
        {
            "villages": [
                {
                    "village_id": "V1",
                    "county_code": "370102",
                    "rural_population": 1000,
                    "poor_population": 20,
                },
                {
                    "village_id": "V2",
                    "county_code": "370102",
                    "rural_population": 1000,
                    "poor_population": 21,
                },
            ]
        },
    )
    code, out, _ = run(capsys, "exit", "villages", str(f), "--on", "2017-12-31")
    assert code == 0
    assert "符合 met: 1" in out and "不符合 not met: 1" in out


def test_exit_counties_with_published_bounds(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = write(
        tmp_path,
        "c.json",
        {
            "counties": [
                {
                    "county_code": "640422",
                    "key_county": True,
                    "incidence": 0,
                    "wrong_exit_rate": {"below": "0.02"},
                    "missed_rate": {"below": "0.02"},
                    "approval": "0.989",
                }
            ]
        },
    )
    code, out, _ = run(
        capsys, "exit", "counties", str(f), "--on", "2020-11-16", "--format", "jsonl"
    )
    assert code == 0
    assert json.loads(out)["decision"]["outcome"] == "met"


def test_adjust_registry_keeps_every_household(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    registry = [
        {**HOUSEHOLD, "registry_status": "poor"},
        {
            **HOUSEHOLD,
            "household_id": "H2",
            "registry_status": "exited",
            "income": {"wages": "3000"},
            "history": [{"on": "2016-12-31", "status": "exited", "action": "exit"}],
        },
        {
            **HOUSEHOLD,
            "household_id": "H3",
            "registry_status": "not_registered",
            "income": {"wages": "8000"},
        },
    ]
    f = write(tmp_path, "r.json", {"households": registry})
    code, out, _ = run(capsys, "adjust", str(f), "--year", "2017", "--format", "json")
    assert code == 0
    rows = json.loads(out)["rows"]
    assert [
        (r["decision"]["subject"], r["details"]["action"], r["details"]["status_after"])
        for r in rows
    ] == [
        ("H1", "exit", "exited"),
        ("H2", "relapse", "relapsed"),
        ("H3", "keep", "not_registered"),
    ]
    last = rows[1]["details"]["history"][-1]
    assert last == {"on": "2017-12-31", "status": "relapsed", "action": "relapse"}
    code, out, _ = run(capsys, "adjust", str(f), "--year", "2017")
    assert "标注脱贫 marked as exited: 1" in out


def test_exit_step_dates_out_of_order_is_a_record_error() -> None:
    bad = {
        **HOUSEHOLD,
        "exit_steps": [
            {"step": "village_notice", "first_day": "2017-11-10", "last_day": "2017-11-01"}
        ],
    }
    result = load_households_text(json.dumps([bad]))
    assert result.errors[0].path == "/exit_steps/0"
    assert "before" in result.errors[0].message


def test_incidence_out_of_range_and_inconsistent_counts() -> None:
    result = load_county_cases_text(
        json.dumps(
            [
                {"county_code": "640422", "incidence": 3},
                {
                    "county_code": "640423",
                    "rural_population": 100,
                    "remaining_poor": 90,
                    "missed_population": 20,
                },
                {"county_code": "640424", "poor_villages": 10, "poor_villages_exited": 11},
                {"county_code": "640425", "wrong_exit_rate": {"numerator": 5, "denominator": 2}},
            ]
        )
    )
    assert [e.index for e in result.errors] == [1, 2, 3, 4]
    assert "fraction" in result.errors[0].message


def test_registry_history_out_of_order_is_an_error() -> None:
    rec = {
        **HOUSEHOLD,
        "registry_status": "exited",
        "history": [
            {"on": "2018-01-01", "status": "exited", "action": "exit"},
            {"on": "2016-01-01", "status": "poor", "action": "identified"},
        ],
    }
    result = load_registry_text(json.dumps([rec]))
    assert not result.records
    assert "date order" in result.errors[0].message


def test_unknown_registry_status_is_an_error() -> None:
    result = load_registry_text(json.dumps([{**HOUSEHOLD, "registry_status": "rich"}]))
    assert result.errors[0].path == "/registry_status"


def test_bad_registry_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = write(tmp_path, "r.json", [{**HOUSEHOLD, "registry_status": "rich"}])
    code, out, err = run(capsys, "adjust", str(f), "--year", "2017")
    assert code == 2 and out == "" and "registry_status" in err
