"""Decisions as rows of a plain-text table (the ``--format table`` output).

Columns are padded by display width, not by characters: a Chinese character (East Asian
width W or F) takes two columns of a terminal, so ``符合`` is padded as four columns wide.
``lang`` chooses the language: ``None`` (the default) gives bilingual headings with the
Chinese verdicts and reasons, ``"zh"`` Chinese only, ``"en"`` English only.
"""

from __future__ import annotations

import unicodedata

from jingzhun.core.decisions import Decision, Effect
from jingzhun.io.records import printable

_WIDTH = 200  # a subject wider than this is cut, so one row stays one line
_HEADINGS = {
    None: ("编号 subject", "结论 outcome", "理由 reasons"),
    "zh": ("编号", "结论", "理由"),
    "en": ("subject", "outcome", "reasons"),
}


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: two for wide and full-width characters."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` display columns (never cut)."""
    return text + " " * max(0, width - display_width(text))


def table_header(lang: str | None = None) -> str:
    subject, outcome, reasons = _HEADINGS[lang]
    return f"{'#':>6}  {pad(subject, 22)} {pad(outcome, 14)} {reasons}"


def table_row(
    position: int, decision: Decision, verdict: str | None = None, lang: str | None = None
) -> str:
    """One line per decision; ``verdict`` replaces the outcome label (e.g. an action)."""
    english = lang == "en"
    reasons = "; ".join(
        r.message_en if english else r.message_zh
        for r in decision.flat_reasons()
        if r.effect is not Effect.NOTE
    )
    outcome = decision.outcome.en if english else decision.outcome.zh
    label = verdict if verdict is not None else outcome
    subject = printable(decision.subject, _WIDTH)  # control bytes of an id escaped
    return (
        f"{position:>6}  {pad(subject, 22)} {pad(printable(label, _WIDTH), 14)} "
        f"{printable(reasons, 4000)}"
    )
