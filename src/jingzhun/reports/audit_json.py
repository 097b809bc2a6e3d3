"""The six-precisions audit as versioned JSON (``schemas/audit-report-v1.schema.json``).

One object: the county, the audit day, each precision's summary (``checked``, ``passing``:
exact counts; the share is left to the reader), findings by severity, and its decision whole
(the Decision JSON, with every finding as a reason); then the totals. Findings carry ids
only: never a name or an ID number.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, Final

from jingzhun.core.decisions import Outcome
from jingzhun.domain.audit import AuditReport, PrecisionResult, Severity
from jingzhun.reports.audit_common import severity_counts

SCHEMA_ID: Final = "urn:jingzhun:schema:audit:1"
SCHEMA_VERSION: Final = 1


def _severities(counts: dict[Severity, int]) -> dict[str, int]:
    return {s.value: counts[s] for s in Severity}


def _precision_dict(result: PrecisionResult) -> dict[str, Any]:
    p, summary = result.precision, result.summary
    return {
        "precision": p.value,
        "label_zh": p.zh,
        "label_en": p.en,
        "rule": p.rule_id,
        "outcome": result.decision.outcome.value,
        "outcome_zh": result.decision.outcome.zh,
        "summary": None
        if summary is None
        else {"checked": summary.checked, "passing": summary.passing},
        "findings_by_severity": _severities(severity_counts(result.findings)),
        "decision": result.decision.to_dict(),
    }


def audit_to_dict(report: AuditReport) -> dict[str, Any]:
    """The report as a JSON-ready dict (a fresh one each call)."""
    outcomes = Counter(r.decision.outcome for r in report.results)
    return {
        "schema": SCHEMA_ID,
        "schema_version": SCHEMA_VERSION,
        "county_code": report.county_code,
        "on": report.on.isoformat(),
        "precisions": [_precision_dict(r) for r in report.results],
        "findings_by_severity": _severities(report.counts_by_severity()),
        "outcomes": {o.value: outcomes.get(o, 0) for o in Outcome},
    }


def render_json(report: AuditReport, *, indent: int | None = 1) -> str:
    """The report as JSON text (UTF-8, Chinese kept as is), ending with a newline."""
    return json.dumps(audit_to_dict(report), ensure_ascii=False, indent=indent) + "\n"
