"""The six-precisions audit as text, for people (Chinese and English labels).

Per precision: outcome; checked, passing and share (the share rounded for display only);
findings by severity; then the findings grouped by code, severity and responsible level, each
group with its clause and one line per entity. Long lists stop after ``limit`` findings per
precision with a ``… N more`` line (``limit=None``: all of them). Findings carry ids only:
never a name or an ID number; ids and messages are printed printable (control characters
escaped, :func:`jingzhun.io.records.printable`).
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from jingzhun.core.decisions import Outcome
from jingzhun.domain.audit import AuditReport, PrecisionResult, Severity
from jingzhun.io.records import printable
from jingzhun.reports.audit_common import clause_refs, grouped, severity_counts, share_text

DEFAULT_LIMIT: Final = 20
"""Findings shown per precision by default."""

MORE_HINT: Final = "全部 all: --all"


def _severity_line(counts: dict[Severity, int]) -> str:
    return "  ".join(f"{s.zh} {s.en} {counts[s]}" for s in Severity)


def _precision_lines(n: int, result: PrecisionResult, limit: int | None, hint: str) -> list[str]:
    p, d = result.precision, result.decision
    checked, passing, share = share_text(result.summary)
    findings = result.findings
    lines = [
        f"{n}. {p.zh} {p.en} ({p.rule_id})",
        f"   结论 outcome: {d.outcome.zh} ({d.outcome.en})",
        f"   核查 checked: {checked}   通过 passing: {passing}   通过率 share: {share}",
        f"   发现 findings: {len(findings)}   {_severity_line(severity_counts(findings))}",
    ]
    shown = 0
    for group in grouped(result):
        if limit is not None and shown >= limit:
            break
        first = group.first
        lines.append(
            f"   [{group.severity.zh} {group.severity.en}] {group.code} ×{len(group.findings)}"
            f" — 责任 responsible: {first.responsible.zh} / {first.responsible.en}"
        )
        refs = clause_refs(first.citations)
        if refs:
            lines.append(f"       出处 source: {refs}")
        for x in group.findings:
            if limit is not None and shown >= limit:
                break
            ident, zh, en = (printable(t, 400) for t in (x.entity_id, x.message_zh, x.message_en))
            lines.append(f"     - {x.entity.zh} {x.entity.en} {ident}: {zh}")
            lines.append(f"         {en}")
            shown += 1
    if len(findings) > shown:
        lines.append(f"   … {len(findings) - shown} more（{hint}）")
    return lines


def render_text(
    report: AuditReport, *, limit: int | None = DEFAULT_LIMIT, more_hint: str = MORE_HINT
) -> str:
    """The report for people; at most ``limit`` findings listed per precision (None: all).

    ``more_hint`` is what the ``… N more`` line says to get them all."""
    lines = [
        "六个精准审计 / six precisions audit",
        f"县 county: {report.county_code}   审计日期 on: {report.on.isoformat()}",
    ]
    for n, result in enumerate(report.results, start=1):
        lines.append("")
        lines.extend(_precision_lines(n, result, limit, more_hint))
    outcomes = Counter(r.decision.outcome for r in report.results)
    counts = report.counts_by_severity()
    lines += [
        "",
        f"合计 total: {sum(counts.values())} 项发现 findings   {_severity_line(counts)}",
        "结论 outcomes: " + "  ".join(f"{o.zh} {o.en}: {outcomes.get(o, 0)}" for o in Outcome),
    ]
    return "\n".join(lines) + "\n"
