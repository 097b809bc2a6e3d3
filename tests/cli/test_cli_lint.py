"""``jingzhun lint``: each sheet-level check with a planted defect and on clean data, the
record-consistency checks seen through a sheet, the three output formats and bad files
(status 2, the place named, no traceback)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jingzhun.cli import main

HEADER = (
    "户编号,行政区划代码,人数,主要致贫原因,人均纯收入,人编号,性别,出生日期,与户主关系,"
    "在校生状况,劳动技能,证件号码"
)
HEAD = "H1,522729101,2,缺资金,3000,P1,男,1970-01-01,户主,非在校生,普通劳动力,"
CHILD = "H1,522729101,2,缺资金,3000,P2,男,2005-02-03,之子,小学,无劳动力,"


def lint(tmp_path: Path, capsys: pytest.CaptureFixture[str], *rows: str, fmt: str = "json",
         extra: tuple[str, ...] = ()) -> tuple[int, str, str]:  # fmt: skip
    path = tmp_path / "registry.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    code = main(["lint", str(path), "--on", "2016-01-01", "--format", fmt, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *rows: str
) -> list[dict[str, object]]:
    code, out, _ = lint(tmp_path, capsys, *rows)
    report = json.loads(out)
    assert code == (1 if report["findings"] else 0)
    found: list[dict[str, object]] = report["findings"]
    return found


def test_clean_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert findings(tmp_path, capsys, HEAD, CHILD) == []


def test_relation_sex_planted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = findings(tmp_path, capsys, HEAD, CHILD.replace("之子", "之女"))
    assert [(f["code"], f["severity"], f["row"], f["letter"], f["column"]) for f in found] == [
        ("LINT_RELATION_SEX", "error", 3, "G", "性别")
    ]


def test_bad_cell_planted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = findings(tmp_path, capsys, HEAD, CHILD.replace("小学", "幼儿园"))
    assert [(f["code"], f["row"], f["letter"], f["column"]) for f in found] == [
        ("LINT_BAD_CELL", 3, "J", "在校生状况")
    ]


@pytest.mark.parametrize(
    ("planted", "code", "letter"),
    [
        (CHILD.replace("小学", "高中"), "REC_SCHOOL_STAGE_AGE", "J"),
        (CHILD.replace("无劳动力", "普通劳动力"), "REC_CHILD_WITH_LABOUR_CAPACITY", "K"),
        (CHILD.replace("之子", "配偶"), "REC_HEAD_SPOUSE_SAME_SEX", "G"),
        (
            CHILD.replace(",\n", ",").rstrip(",") + ",612422197001010015",
            "REC_ID_NUMBER_INVALID",
            "L",
        ),
    ],
)
def test_record_checks_through_the_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], planted: str, code: str, letter: str
) -> None:
    found = findings(tmp_path, capsys, HEAD, planted)
    assert [(f["code"], f["row"], f["letter"]) for f in found] == [(code, 3, letter)]


def test_elder_labour_and_cause_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = HEAD.replace("1970-01-01", "1950-01-01").replace("缺资金", "缺劳动力")
    found = findings(tmp_path, capsys, old, CHILD.replace("缺资金", "缺劳动力"))
    assert [(f["code"], f["row"]) for f in found] == [("REC_ELDER_WITH_FULL_LABOUR", 2)]


def test_text_and_csv_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = CHILD.replace("之子", "之女")
    code, out, _ = lint(tmp_path, capsys, HEAD, bad, fmt="text")
    assert code == 1
    assert out.splitlines()[0] == (
        "error LINT_RELATION_SEX sheet 'registry' row 3 column G (性别): "
        "member P2 is female by relation '之女' but recorded male"
    )
    assert out.splitlines()[-1] == "  LINT_RELATION_SEX: 1"
    code, out, _ = lint(tmp_path, capsys, HEAD, bad, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["code"], r["row"], r["letter"]) for r in rows] == [("LINT_RELATION_SEX", "3", "G")]


def test_wrong_headers_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.csv"
    path.write_text("户号,人编号\nH1,P1\n", encoding="utf-8")
    assert main(["lint", str(path)]) == 2
    err = capsys.readouterr().err
    assert "sheet 'r' row 1: missing required column(s) 户编号、行政区划代码" in err
    assert "Traceback" not in err


def test_layout_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = tmp_path / "mine.toml"
    layout.write_text("schema_version = 2\n", encoding="utf-8")
    code, _, err = lint(tmp_path, capsys, HEAD, extra=("--layout", str(layout)))
    assert code == 2 and "schema_version must be 1" in err
