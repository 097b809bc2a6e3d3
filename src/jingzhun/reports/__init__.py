"""Presenting decisions to people: explanations and summaries (rows: :mod:`jingzhun.io.tables`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from jingzhun.core.decisions import Decision, Effect, Outcome, Reason
from jingzhun.io.tables import table_header, table_row

_MARK = {Effect.SUPPORTS: "+", Effect.OPPOSES: "-", Effect.BLOCKS: "?", Effect.NOTE: "·"}


def flat_reasons(decision: Decision) -> Iterator[Reason]:
    """The decision's reasons, then those of the decisions in its basis (depth first)."""
    return decision.flat_reasons()


def explain(decision: Decision, *, citations: bool = True, evidence: bool = True) -> str:
    """A decision in full, for people: outcome, every reason with its evidence and clause,
    then each decision of its basis, indented."""
    lines = [
        f"{decision.question_zh} / {decision.question_en}",
        f"  对象 subject: {decision.subject}   判定日期 on: {decision.on.isoformat()}   "
        f"规则 rule: {decision.rule}",
        f"  结论 outcome: {decision.outcome.zh} ({decision.outcome.en})",
    ]
    for i, r in enumerate(decision.reasons, start=1):
        lines.append(f"  {i}. [{_MARK[r.effect]}] {r.code}: {r.message_zh}")
        lines.append(f"       {r.message_en}")
        if evidence and r.evidence:
            lines.append(
                "       依据 evidence: "
                + "; ".join(
                    f"{e.name}={e.value}{' ' + e.unit if e.unit else ''}" for e in r.evidence
                )
            )
        for p in r.parameters:
            overlay = f", 叠加层 overlay {p.overlay}" if p.overlay else ""
            value = str(p.value)
            value = value if len(value) <= 60 else value[:57] + "…"
            lines.append(
                f"       参数 parameter: {p.name} = {value} {p.unit or ''} "
                f"[{p.valid_from} … {p.valid_until or ''}) {p.status}{overlay}"
            )
            for alt in p.alternatives:
                lines.append(f"         其他读法 alternative: {alt.value} ({alt.status})")
        if citations:
            for c in r.citations:
                lines.append(f"       出处 source: {c.short()} “{c.quote}”")
    for part in decision.basis:
        lines.append("  依据的判定 based on:")
        inner = explain(part, citations=citations, evidence=evidence)
        lines.extend("    " + line for line in inner.splitlines())
    return "\n".join(lines)


def outcome_summary(decisions: Iterable[Decision]) -> str:
    counts = Counter(d.outcome for d in decisions)
    return "  ".join(f"{o.zh} {o.en}: {counts.get(o, 0)}" for o in Outcome)


__all__ = ["explain", "flat_reasons", "outcome_summary", "table_header", "table_row"]
