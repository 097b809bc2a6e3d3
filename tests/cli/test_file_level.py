"""Issue 8, class 10: a file-level problem is exit 2, whatever ``--skip-invalid`` says.

Also: ``--jobs`` below 1 or above 4 × the CPUs is a usage error (exit 2).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jingzhun.cli import main
from jingzhun.engine.batch import available_cpus

HOUSEHOLD = {"household_id": "H1", "county_code": "522701", "declared_size": 1}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ('{"count": 3}', "expected an array of records"),
        (json.dumps({"villages": [HOUSEHOLD]}), "expected an array of records"),
        (json.dumps({"households": {"H1": HOUSEHOLD}}), "expected an array of records"),
    ],
    ids=["not-json", "empty", "no-array", "wrong-wrapper-key", "not-an-array"],
)
@pytest.mark.parametrize("skip", [False, True], ids=["strict", "skip-invalid"])
def test_file_level_problem_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, problem: str, skip: bool
) -> None:
    path = tmp_path / "h.json"
    path.write_text(content, encoding="utf-8")
    argv = ["identify", "households", str(path), "--on", "2016-12-31", "--jobs", "1"]
    assert main(argv + (["--skip-invalid"] if skip else [])) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "file-level problem" in err and problem in err
    assert "of 0 record(s)" not in err
    assert "--skip-invalid does not apply" in err


def test_file_level_problem_leaves_no_out_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "h.json"
    path.write_text("{not json", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    argv = ["identify", "households", str(path), "--on", "2016-12-31", "--skip-invalid"]
    assert main([*argv, "--out", str(out)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.json"]


@pytest.mark.parametrize("jobs", ["0", "-1", str(available_cpus() * 4 + 1), "many"])
def test_jobs_out_of_range_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, jobs: str
) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps([HOUSEHOLD]), encoding="utf-8")
    assert main(["identify", "households", str(path), "--on", "2016-12-31", "--jobs", jobs]) == 2
    err = capsys.readouterr().err
    assert "usage error" in err and "--jobs" in err and "Traceback" not in err


def test_jobs_at_the_limit_is_accepted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "h.json"
    path.write_text(json.dumps([HOUSEHOLD]), encoding="utf-8")
    argv = ["identify", "households", str(path), "--on", "2016-12-31", "--format", "jsonl"]
    assert main([*argv, "--jobs", str(available_cpus() * 4)]) == 0
    assert json.loads(capsys.readouterr().out)["decision"]["subject"] == "H1"
