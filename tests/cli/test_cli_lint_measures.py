"""``jingzhun lint``: the 帮扶措施 column (layout national-v2) against the recorded causes, with
planted defects and on clean data; ``-`` reads the sheet (CSV or .xlsx) from standard input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from jingzhun.cli import main

HEADER = (
    "户编号,行政区划代码,人数,主要致贫原因,其他致贫原因,帮扶措施,人均纯收入,人编号,性别,"
    "出生日期,与户主关系,在校生状况,劳动技能,证件号码"
)


def rows(cause: str, other: str, measures: str) -> tuple[str, str]:
    head = (
        f"H1,522729101,2,{cause},{other},{measures},3000,P1,男,1970-01-01,户主,非在校生,普通劳动力,"
    )
    child = f"H1,522729101,2,{cause},{other},{measures},3000,P2,男,2005-02-03,之子,小学,无劳动力,"
    return head, child


def lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *lines: str, extra: tuple[str, ...] = ()
) -> tuple[int, list[dict[str, object]], str]:
    path = tmp_path / "registry.csv"
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    code = main(["lint", str(path), "--on", "2016-01-01", "--format", "json", *extra])
    out, err = capsys.readouterr()
    found = json.loads(out)["findings"] if out else []
    return code, found, err


def test_measures_answering_every_cause_are_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found, err = lint(tmp_path, capsys, *rows("缺资金", "因学", "金融帮扶、教育帮扶"))
    assert (code, found, err) == (0, [], "")


def test_a_cause_no_measure_answers_is_planted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found, _ = lint(tmp_path, capsys, *rows("缺资金", "因学", "金融帮扶、危房改造"))
    assert code == 1
    assert [(f["code"], f["severity"], f["row"], f["letter"], f["column"]) for f in found] == [
        ("LINT_MEASURES_CAUSE", "warning", 2, "F", "帮扶措施")
    ]
    assert found[0]["message_en"] == (
        "no listed measure answers the cause 'cost of schooling' (fitting: education; "
        "listed: housing,microcredit)"
    )
    assert "因学" in str(found[0]["message_zh"])


def test_causes_without_any_measure_are_planted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found, _ = lint(tmp_path, capsys, *rows("缺资金", "", ""))
    assert code == 1
    assert [(f["code"], f["household_id"], f["column"]) for f in found] == [
        ("LINT_NO_MEASURES", "H1", "帮扶措施")
    ]


def test_a_cause_without_a_table_row_is_not_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found, _ = lint(tmp_path, capsys, *rows("因婚", "", "产业帮扶"))
    assert (code, found) == (0, [])


def test_an_unknown_measure_is_a_bad_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, found, _ = lint(tmp_path, capsys, *rows("缺资金", "", "金融帮扶、发红包"))
    assert code == 1
    assert {(f["code"], f["column"]) for f in found} == {("LINT_BAD_CELL", "帮扶措施")}


def test_layout_v1_does_not_read_the_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    planted = rows("缺资金", "因学", "金融帮扶、危房改造")
    code, found, _ = lint(tmp_path, capsys, *planted, extra=("--layout", "national-v1"))
    assert (code, found) == (0, [])


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_csv_on_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n".join((HEADER, *rows("缺资金", "因学", "金融帮扶"))) + "\n"
    stdin_of(monkeypatch, text.encode("gbk"))
    code = main(["lint", "-", "--on", "2016-01-01", "--format", "json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert (code, err, report["source"]) == (1, "", "<stdin>")
    assert [(f["code"], f["sheet"]) for f in report["findings"]] == [
        ("LINT_MEASURES_CAUSE", "stdin")
    ]


def test_xlsx_on_standard_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) not installed")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "明细"
    for line in (HEADER, *rows("缺资金", "", "金融帮扶")):
        ws.append(line.split(","))
    path = tmp_path / "registry.xlsx"
    book.save(path)
    stdin_of(monkeypatch, path.read_bytes())
    code = main(["lint", "-", "--on", "2016-01-01", "--format", "json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert (code, err, report["source"], report["findings"]) == (0, "", "<stdin>", [])


def test_bad_stdin_names_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin_of(monkeypatch, b"")
    code = main(["lint", "-", "--on", "2016-01-01"])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert "<stdin>" in err and "Traceback" not in err
