"""The command line: results in input order; bad input exits 2 with a message, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jingzhun.cli import main

DATA = Path(__file__).parent.parent / "data"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_runs_on_the_sample_county(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    assert "户数 households: 1520" in out
    assert "ID_EXCLUDED_BY_LOCAL_LIST" in out
    assert "贫困村识别" in out


def test_identify_households_json_in_input_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    recs = [
        {
            "household_id": f"H{i}",
            "county_code": "522701",
            "declared_size": 1,
            "income_year": 2015,
            "income": {"wages": str(2000 + 1000 * i)},
            "guarantees": {
                "food": True,
                "clothing": True,
                "compulsory_education": True,
                "basic_medical_care": True,
                "housing_safety": True,
            },
        }
        for i in (3, 0, 2, 1)
    ]
    f = tmp_path / "h.json"
    f.write_text(json.dumps(recs), encoding="utf-8")
    code, out, _ = run(
        capsys, "identify", "households", str(f), "--on", "2016-12-31", "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    decisions = [row["decision"] for row in doc["rows"]]
    assert [d["subject"] for d in decisions] == ["H3", "H0", "H2", "H1"]
    assert [d["outcome"] for d in decisions] == ["not_met", "met", "not_met", "not_met"]
    assert doc["errors"] == []


def test_bad_input_exits_2_and_decides_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "identify", "households", str(DATA / "mixed_households.jsonl"), "--on", "2016-12-31"
    )
    assert code == 2
    assert out == ""
    assert "11 条记录" in err and "Traceback" not in err
    assert "612422197001010011" not in err  # personal data masked


def test_skip_invalid_decides_the_valid_records(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "identify",
        "households",
        str(DATA / "mixed_households.jsonl"),
        "--on",
        "2017-06-30",
        "--skip-invalid",
        "--format",
        "jsonl",
    )
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["position"], r["decision"]["subject"]) for r in rows] == [(1, "OK-1"), (13, "OK-2")]
    assert "invalid input" in err


def test_check_households_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "h.jsonl"
    f.write_text(
        json.dumps(
            {
                "household_id": "A",
                "county_code": "522701",
                "declared_size": 2,
                "members": [{"member_id": "M1", "relation": "户主"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "households", str(f), "--on", "2016-01-01")
    assert code == 0
    assert "家庭人口数2与登记成员1人不符" in out


def test_identify_villages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "sample", "--out", str(tmp_path))
    assert code == 0
    code, out, _ = run(
        capsys, "identify", "villages", str(tmp_path / "villages.json"), "--on", "2014-06-30"
    )
    assert code == 0
    assert "V01" in out and "符合" in out


def test_village_file_without_reference_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "v.json"
    f.write_text(
        json.dumps(
            [
                {
                    "village_id": "V",
                    "county_code": "522701",
                    "rural_population": 10,
                    "poor_population": 1,
                }
            ]
        ),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "identify", "villages", str(f), "--on", "2014-06-30")
    assert code == 2 and "reference" in err


def test_rules_json_lists_clause_ids(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules", "--json")
    doc = json.loads(out)
    ids = {c["id"] for r in doc["rules"] for c in r["clauses"]}
    assert "BOOK2017-ch5-end-b" in ids and "BOOK2017-ch5-end-c" in ids
    assert "RESP2016-art15" in doc["not_implemented"]


def test_params_shows_value_source_and_overlay(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "params", "--on", "2016-06-30", "--province", "52")
    assert code == 0
    assert "poverty_line.nominal" in out and "2952" in out
    code, out, _ = run(capsys, "params", "--on", "2016-06-30", "--province", "新疆", "--json")
    doc = json.loads(out)
    row = next(
        p
        for p in doc["parameters"]
        if p["name"] == "village_identification.require_no_collective_income"
    )
    assert row["overlay"] == "65" and row["value"] is False


@pytest.mark.parametrize(
    "argv",
    [
        ["identify", "households", "missing.json", "--on", "2016-12-31"],
        ["identify", "households", "x.json", "--on", "2016-02-30"],
        ["params", "--on", "2016-01-01", "--province", "99"],
        ["identify", "elephants"],
        [],
    ],
)
def test_bad_invocations_exit_2_without_traceback(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err and err.strip()


def test_not_json_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "h.json"
    f.write_text("{nope", encoding="utf-8")
    code, _, err = run(capsys, "identify", "households", str(f), "--on", "2016-12-31")
    assert code == 2 and "not valid JSON" in err


def test_console_script_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "jingzhun", "rules"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0
    assert "identification.household" in proc.stdout


def _help_paths() -> list[tuple[str, ...]]:
    from jingzhun.rules import commands

    paths = {path[:1] for path in commands()} | set(commands())
    return [*sorted(paths), ()]


@pytest.mark.parametrize("path", _help_paths(), ids=lambda p: " ".join(p) or "jingzhun")
def test_every_generated_command_prints_its_help(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """The record commands are generated from the rule catalogue; each one's help works
    (titles with a % sign once broke argparse's help formatting)."""
    from jingzhun.cli import main

    with pytest.raises(SystemExit) as stop:
        main([*path, "--help"])
    assert stop.value.code == 0
    assert "usage: jingzhun" in capsys.readouterr().out
