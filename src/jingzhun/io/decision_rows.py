"""Decisions as flat rows: one row per decision, for CSV, .xlsx and DataFrames.

The columns are fixed (:data:`DECISION_COLUMNS`), so a file can be streamed: the rule, the
subject id, the day, the outcome (code and Chinese label), the reason codes, the leading
reasons' messages and their **key evidence** — every evidence value of the reasons that
settle the outcome (all but notes, the decision's basis included; the first value of a
name wins) — as one JSON object. :func:`evidence_columns` and :func:`key_evidence` give
the same evidence as named columns when all decisions are at hand (the DataFrame view and
the Python exports do).

Personal data: decisions carry ids, not names; an evidence value whose name ends with
``name`` or ``id_number`` is masked (:mod:`jingzhun.core.privacy`) unless ``show_personal``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Final

from jingzhun.core.decisions import Decision, Effect, Scalar
from jingzhun.core.privacy import mask_id_number, mask_name

DECISION_COLUMNS: Final = (
    ("position", "序号"),
    ("rule", "规则"),
    ("subject", "编号"),
    ("on", "日期"),
    ("outcome", "结论"),
    ("outcome_zh", "结论（中文）"),
    ("codes", "理由代码"),
    ("reasons_zh", "理由"),
    ("reasons_en", "理由（英文）"),
    ("key_evidence", "关键证据"),
)
"""(key, Chinese label) of each decision column; the header is ``'结论 outcome'``."""

EVIDENCE_PREFIX: Final = "evidence."
"""Named evidence columns are ``evidence.<name>`` (header ``证据 evidence.<name>``)."""


def header(key: str, zh: str) -> str:
    """A bilingual header: ``'结论 outcome'``."""
    return f"{zh} {key}"


def decision_headers(evidence_names: Sequence[str] = ()) -> list[str]:
    """The headers of the decision columns, then of the named evidence columns."""
    return [header(k, zh) for k, zh in DECISION_COLUMNS] + [
        header(EVIDENCE_PREFIX + n, "证据") for n in evidence_names
    ]


def mask_evidence(name: str, value: Scalar, show_personal: bool) -> Scalar:
    if show_personal or not isinstance(value, str):
        return value
    if name.endswith("id_number"):
        return mask_id_number(value)
    if name.endswith("name"):
        return mask_name(value)
    return value


def key_evidence(decision: Decision, *, show_personal: bool = False) -> dict[str, Scalar]:
    """The evidence of the reasons that settle the outcome (not notes), name → value."""
    found: dict[str, Scalar] = {}
    for r in decision.flat_reasons():
        if r.effect is Effect.NOTE:
            continue
        for e in r.evidence:
            if e.name not in found:
                found[e.name] = mask_evidence(e.name, e.value, show_personal)
    return found


def evidence_columns(decisions: Iterable[Decision]) -> list[str]:
    """The key-evidence names of these decisions, in order of first appearance."""
    names: dict[str, None] = {}
    for d in decisions:
        names.update(dict.fromkeys(key_evidence(d, show_personal=True)))
    return list(names)


def decision_record(
    decision: Decision, position: int, *, show_personal: bool = False
) -> dict[str, Scalar]:
    """One decision as a flat dict keyed by :data:`DECISION_COLUMNS` keys (``codes`` joined
    with ``'; '``, ``key_evidence`` as JSON text)."""
    leading = [r for r in decision.flat_reasons() if r.effect is not Effect.NOTE]
    codes = dict.fromkeys(r.code for r in decision.flat_reasons())
    return {
        "position": position,
        "rule": decision.rule,
        "subject": decision.subject,
        "on": decision.on.isoformat(),
        "outcome": decision.outcome.value,
        "outcome_zh": decision.outcome.zh,
        "codes": "; ".join(codes),
        "reasons_zh": "；".join(r.message_zh for r in leading),
        "reasons_en": "; ".join(r.message_en for r in leading),
        "key_evidence": json.dumps(
            key_evidence(decision, show_personal=show_personal), ensure_ascii=False
        ),
    }


def decision_cells(
    decision: Decision,
    position: int,
    *,
    evidence_names: Sequence[str] = (),
    show_personal: bool = False,
) -> list[Scalar]:
    """One decision as a row of cells, in :func:`decision_headers` order."""
    record = decision_record(decision, position, show_personal=show_personal)
    cells = [record[k] for k, _zh in DECISION_COLUMNS]
    if evidence_names:
        found = key_evidence(decision, show_personal=show_personal)
        cells.extend(found.get(n) for n in evidence_names)
    return cells


def csv_text(cells: Sequence[Scalar]) -> str:
    """One CSV line without its line end (RFC 4180 quoting; ``None`` is an empty cell)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        ["" if c is None else str(c).lower() if isinstance(c, bool) else c for c in cells]
    )
    return buf.getvalue()[:-1]


__all__ = [
    "DECISION_COLUMNS",
    "EVIDENCE_PREFIX",
    "csv_text",
    "decision_cells",
    "decision_headers",
    "decision_record",
    "evidence_columns",
    "header",
    "key_evidence",
]
