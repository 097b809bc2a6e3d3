"""Decisions as rows of a plain-text table (the ``--format table`` output)."""

from __future__ import annotations

from jingzhun.core.decisions import Decision, Effect
from jingzhun.io.records import printable

_WIDTH = 200  # a subject wider than this is cut, so one row stays one line


def table_header() -> str:
    return f"{'#':>6}  {'编号 subject':<22} {'结论 outcome':<14} 理由 reasons"


def table_row(position: int, decision: Decision, verdict: str | None = None) -> str:
    """One line per decision; ``verdict`` replaces the outcome label (e.g. an action)."""
    reasons = "; ".join(
        r.message_zh for r in decision.flat_reasons() if r.effect is not Effect.NOTE
    )
    label = verdict if verdict is not None else decision.outcome.zh
    subject = printable(decision.subject, _WIDTH)  # control bytes of an id escaped
    return f"{position:>6}  {subject:<22} {printable(label, _WIDTH):<12} {printable(reasons, 4000)}"
