"""Decisions and audit findings as spreadsheets people hand on: CSV and .xlsx.

CSV is written in UTF-8 with a byte order mark, so Excel shows the Chinese; .xlsx needs
openpyxl (the ``xlsx`` extra). Headers are bilingual (``结论 outcome``). Personal data is
masked unless ``show_personal`` (decisions and findings carry ids, not names; an evidence
value named ``…name`` or ``…id_number`` is masked all the same).

Decisions: one row per decision, the fixed columns of :mod:`jingzhun.io.decision_rows`
(``key_evidence`` as a JSON object), then — with ``evidence_columns=True``, the default —
one ``证据 evidence.<name>`` column per key-evidence name of these decisions, in order of
first appearance. Audit findings: one row per finding (:data:`FINDING_COLUMNS`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Final

from jingzhun.core.decisions import Decision, Scalar
from jingzhun.core.errors import InputError
from jingzhun.domain.audit import AuditReport, Finding, SixPrecision
from jingzhun.io.decision_rows import (
    decision_cells,
    decision_headers,
    evidence_columns,
    header,
    mask_evidence,
)

BOM: Final = "\ufeff"

FINDING_COLUMNS: Final = (
    ("precision", "精准"),
    ("precision_zh", "精准（中文）"),
    ("entity", "对象"),
    ("entity_id", "对象编号"),
    ("code", "代码"),
    ("severity", "严重程度"),
    ("responsible", "责任层级"),
    ("message_zh", "说明"),
    ("message_en", "说明（英文）"),
    ("clauses", "条款"),
    ("evidence", "证据"),
)
"""(key, Chinese label) of each finding column."""

Table = tuple[list[str], list[list[Scalar]]]


def decisions_table(
    decisions: Iterable[Decision], *, evidence: bool = True, show_personal: bool = False
) -> Table:
    """Headers and rows of decisions (``position`` counts from 1)."""
    items = list(decisions)
    names = evidence_columns(items) if evidence else []
    rows = [
        decision_cells(d, i, evidence_names=names, show_personal=show_personal)
        for i, d in enumerate(items, start=1)
    ]
    return decision_headers(names), rows


def _finding_row(precision: SixPrecision, x: Finding, show_personal: bool) -> list[Scalar]:
    facts = {e.name: mask_evidence(e.name, e.value, show_personal) for e in x.evidence}
    clauses = dict.fromkeys(c.clause_id for c in x.citations if c.clause_id)
    return [
        precision.value,
        precision.zh,
        x.entity.value,
        x.entity_id,
        x.code,
        x.severity.value,
        x.responsible.value,
        x.message_zh,
        x.message_en,
        "; ".join(c for c in clauses if c),
        json.dumps(facts, ensure_ascii=False),
    ]


def findings_table(report: AuditReport, *, show_personal: bool = False) -> Table:
    """Headers and rows of an audit's findings, one row per finding, precision by precision."""
    rows = [
        _finding_row(result.precision, x, show_personal)
        for result in report.results
        for x in result.findings
    ]
    return [header(k, zh) for k, zh in FINDING_COLUMNS], rows


def write_csv(path: str | Path, headers: Sequence[str], rows: Iterable[Sequence[Scalar]]) -> None:
    """A CSV file in UTF-8 with a BOM; ``None`` is an empty cell, booleans ``true``/``false``."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        write_csv_to(f, headers, rows)


def write_csv_to(stream: IO[str], headers: Sequence[str], rows: Iterable[Sequence[Scalar]]) -> None:
    """The CSV of :func:`write_csv` to an open text stream (no BOM: the stream's encoding or
    the caller adds it, e.g. ``stream.write(BOM)`` first)."""
    w = csv.writer(stream, lineterminator="\n")
    w.writerow(headers)
    w.writerows([_text_cell(c) for c in r] for r in rows)


def _text_cell(c: Scalar) -> str | int:
    if c is None:
        return ""
    if isinstance(c, bool):
        return str(c).lower()
    return c


def write_xlsx(
    path: str | Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[Scalar]],
    *,
    sheet: str = "decisions",
) -> None:
    """An .xlsx workbook with one sheet (openpyxl, the ``xlsx`` extra); the header row frozen."""
    try:
        import openpyxl
    except ImportError:
        raise InputError("writing .xlsx needs openpyxl: pip install 'jingzhun[xlsx]'") from None
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    book.save(str(path))


def export_table(table: Table, path: str | Path, *, sheet: str = "decisions") -> None:
    """Write a table as .xlsx (by the suffix) or else as CSV with a BOM."""
    headers, rows = table
    if str(path).lower().endswith(".xlsx"):
        write_xlsx(path, headers, rows, sheet=sheet)
    else:
        write_csv(path, headers, rows)


def export_decisions(
    decisions: Iterable[Decision],
    path: str | Path,
    *,
    evidence: bool = True,
    show_personal: bool = False,
) -> None:
    """Decisions to ``path``: .xlsx by the suffix, else CSV (UTF-8 with a BOM)."""
    table = decisions_table(decisions, evidence=evidence, show_personal=show_personal)
    export_table(table, path, sheet="decisions")


def export_findings(report: AuditReport, path: str | Path, *, show_personal: bool = False) -> None:
    """An audit's findings to ``path``: .xlsx by the suffix, else CSV (UTF-8 with a BOM)."""
    export_table(findings_table(report, show_personal=show_personal), path, sheet="findings")


__all__ = [
    "BOM",
    "FINDING_COLUMNS",
    "decisions_table",
    "export_decisions",
    "export_findings",
    "export_table",
    "findings_table",
    "write_csv",
    "write_csv_to",
    "write_xlsx",
]
