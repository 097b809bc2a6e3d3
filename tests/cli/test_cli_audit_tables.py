"""``jingzhun audit --format csv|xlsx`` (the findings table: UTF-8 with a byte order mark,
Chinese headers, personal data masked) and ``-`` for a registry on standard input."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from audit_sample import write_registry
from jingzhun.cli import main
from jingzhun.reports.exports import FINDING_COLUMNS

ON = "2017-12-31"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    fake = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)


def test_csv_findings_table_on_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_registry(tmp_path / "registry.json")
    code, out, err = run(capsys, "audit", str(path), "--on", ON, "--format", "json")
    report = json.loads(out)
    expected = sum(report["findings_by_severity"].values())
    precisions = {p["precision"] for p in report["precisions"]}
    code, out, err = run(capsys, "audit", str(path), "--on", ON, "--format", "csv")
    assert (code, err) == (0, "")
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0] == [f"{zh} {key}" for key, zh in FINDING_COLUMNS]
    assert len(rows) - 1 == expected > 0
    assert {r[0] for r in rows[1:]} <= precisions


def test_csv_to_out_is_the_same_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_registry(tmp_path / "registry.json")
    _, shown, _ = run(capsys, "audit", str(path), "--on", ON, "--format", "csv")
    target = tmp_path / "findings.csv"
    code, out, err = run(
        capsys, "audit", str(path), "--on", ON, "--format", "csv", "--out", str(target)
    )
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == shown


def test_xlsx_needs_out(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_registry(tmp_path / "registry.json")
    code, out, err = run(capsys, "audit", str(path), "--on", ON, "--format", "xlsx")
    assert (code, out) == (2, "")
    assert "--out" in err and "Traceback" not in err


def test_xlsx_workbook(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) not installed")
    path = write_registry(tmp_path / "registry.json")
    _, shown, _ = run(capsys, "audit", str(path), "--on", ON, "--format", "csv")
    target = tmp_path / "findings.xlsx"
    code, out, err = run(
        capsys, "audit", str(path), "--on", ON, "--format", "xlsx", "--out", str(target)
    )
    assert (code, out, err) == (0, "", "")
    ws = openpyxl.load_workbook(target, read_only=True)["findings"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    table = list(csv.reader(io.StringIO(shown.removeprefix("\ufeff"))))
    assert rows[0] == table[0]
    assert len(rows) == len(table)


def test_registry_on_standard_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_registry(tmp_path / "registry.json")
    _, from_file, _ = run(capsys, "audit", str(path), "--on", ON, "--format", "json")
    stdin_of(monkeypatch, path.read_bytes())
    code, out, err = run(capsys, "audit", "-", "--on", ON, "--format", "json")
    assert (code, err) == (0, "")
    assert out == from_file


def test_bad_registry_on_standard_input_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin_of(monkeypatch, b'{"county": ')
    code, out, err = run(capsys, "audit", "-", "--on", ON)
    assert (code, out) == (2, "")
    assert "<stdin>" in err and "未作审计 / nothing audited" in err
    assert "Traceback" not in err
