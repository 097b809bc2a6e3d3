"""Decisions and audit findings as CSV (UTF-8 with a BOM, bilingual headers) and .xlsx;
personal data masked unless asked."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import jingzhun as jz
from audit_sample import stand_in_report
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.demo.sample import sample_households
from jingzhun.io.decision_rows import decision_headers, key_evidence
from jingzhun.reports.exports import (
    export_decisions,
    export_findings,
    findings_table,
)


def _decisions(n: int = 40) -> list[Decision]:
    loaded = jz.load_households_text(json.dumps(sample_households()[:n], ensure_ascii=False))
    return [jz.identify_household(h, on="2017-06-30") for h in loaded.records]


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def test_csv_opens_with_a_bom_and_chinese_headers(tmp_path: Path) -> None:
    ds = _decisions()
    path = tmp_path / "d.csv"
    export_decisions(ds, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7 position,")
    rows = _read_csv(path)
    assert rows[0][:7] == [
        "序号 position",
        "规则 rule",
        "编号 subject",
        "日期 on",
        "结论 outcome",
        "结论（中文） outcome_zh",
        "理由代码 codes",
    ]
    assert len(rows) == len(ds) + 1
    first, d = rows[1], ds[0]
    assert first[:6] == ["1", d.rule, d.subject, "2017-06-30", d.outcome.value, d.outcome.zh]
    assert first[6].split("; ")[0] == d.reasons[0].code
    assert json.loads(first[9]) == key_evidence(d)
    # the named evidence columns after the fixed ones, one per key-evidence name
    named = [h for h in rows[0] if h.startswith("证据 evidence.")]
    assert named and rows[0][10:] == named


def test_xlsx_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) not installed")
    ds = _decisions(10)
    path = tmp_path / "d.xlsx"
    export_decisions(ds, path, evidence=False)
    ws = openpyxl.load_workbook(path).active
    assert ws.title == "decisions"
    cells = [[c.value for c in row] for row in ws.iter_rows()]
    assert cells[0] == decision_headers()
    assert cells[1][0] == 1 and cells[1][2] == ds[0].subject
    assert [r[4] for r in cells[1:]] == [d.outcome.value for d in ds]


def _personal_decision() -> Decision:
    return Decision(
        rule="toy",
        subject="H1",
        on="2020-01-01",
        outcome=Outcome.NOT_MET,
        question_zh="？",
        question_en="?",
        reasons=(
            Reason(
                code="X",
                effect=Effect.OPPOSES,
                message_zh="不",
                message_en="no",
                evidence=(
                    evidence("members[m1].name", "张三丰"),
                    evidence("members[m1].id_number", "612422197001010011"),
                    evidence("income", "1000.00"),
                ),
            ),
        ),
    )


def test_personal_data_is_masked_by_default(tmp_path: Path) -> None:
    d = _personal_decision()
    path = tmp_path / "p.csv"
    export_decisions([d], path)
    text = path.read_text(encoding="utf-8-sig")
    assert "张三丰" not in text and "197001010011" not in text
    assert "张**" in text and "612422********0011" in text
    export_decisions([d], path, show_personal=True)
    assert "张三丰" in path.read_text(encoding="utf-8-sig")


def test_findings_one_row_per_finding(tmp_path: Path) -> None:
    report = stand_in_report()
    headers, rows = findings_table(report)
    assert headers[:6] == [
        "精准 precision",
        "精准（中文） precision_zh",
        "对象 entity",
        "对象编号 entity_id",
        "代码 code",
        "严重程度 severity",
    ]
    assert len(rows) == len(report.findings) > 0
    x = report.findings[0]
    assert rows[0][2:7] == [
        x.entity.value,
        x.entity_id,
        x.code,
        x.severity.value,
        x.responsible.value,
    ]
    assert rows[0][9] and all(c.clause_id in str(rows[0][9]) for c in x.citations if c.clause_id)
    path = tmp_path / "f.csv"
    export_findings(report, path)
    assert _read_csv(path)[1][4] == x.code
