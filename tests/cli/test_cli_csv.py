"""``--format csv`` and ``--format xlsx`` of the record commands over the sample county."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from jingzhun.cli import main
from jingzhun.demo.sample import sample_households
from jingzhun.io.decision_rows import decision_headers


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("county") / "households.json"
    path.write_text(json.dumps({"households": sample_households()}, ensure_ascii=False), "utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_csv_over_the_sample_county(capsys: pytest.CaptureFixture[str], county: Path) -> None:
    argv = ("identify", "households", str(county), "--on", "2017-06-30")
    code, out, _ = _run(capsys, *argv, "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff序号 position,规则 rule,编号 subject")
    rows = list(csv.reader(io.StringIO(out[1:])))
    assert rows[0] == decision_headers()
    code, jsonl, _ = _run(capsys, *argv, "--format", "jsonl")
    docs = [json.loads(line)["decision"] for line in jsonl.splitlines()]
    assert len(rows) - 1 == len(docs) == len(sample_households())
    assert [r[2] for r in rows[1:]] == [d["subject"] for d in docs]
    assert [r[4] for r in rows[1:]] == [d["outcome"] for d in docs]
    assert [r[6].split("; ")[0] for r in rows[1:]] == [d["reasons"][0]["code"] for d in docs]


def test_csv_to_a_file_and_xlsx(
    capsys: pytest.CaptureFixture[str], county: Path, tmp_path: Path
) -> None:
    argv = ("identify", "households", str(county), "--on", "2017-06-30", "--jobs", "1")
    out = tmp_path / "d.csv"
    assert _run(capsys, *argv, "--format", "csv", "--out", str(out))[0] == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, err = _run(capsys, *argv, "--format", "xlsx")
    assert code == 2 and "--format xlsx needs --out" in err
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) not installed")
    book = tmp_path / "d.xlsx"
    assert _run(capsys, *argv, "--format", "xlsx", "--out", str(book))[0] == 0
    cells = [[c.value for c in r] for r in openpyxl.load_workbook(book).active.iter_rows()]
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert cells[0] == rows[0]
    assert len(cells) == len(rows)
    assert cells[5] == [int(rows[5][0]), *(c or None for c in rows[5][1:])]
    assert not list(tmp_path.glob(".*.part"))
