"""Horizontal bar charts as inline SVG: no script, no library, no external resource.

Every label and title is escaped (``html.escape``). Bar lengths are drawn from the exact
values (a float only for the pixel width); the figures written beside the bars are the
caller's display text.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

import attrs

LABEL_WIDTH = 230
BAR_WIDTH = 420
VALUE_WIDTH = 110
ROW_HEIGHT = 26
TOP = 8


@attrs.frozen(kw_only=True)
class Segment:
    """One part of a bar: its value, CSS class (its colour) and tooltip."""

    value: Decimal
    css: str
    title: str


@attrs.frozen(kw_only=True)
class Bar:
    """One row: a label, its segments (stacked left to right) and the text at its end."""

    label: str
    segments: tuple[Segment, ...]
    text: str

    @property
    def total(self) -> Decimal:
        return sum((s.value for s in self.segments), Decimal(0))


@attrs.frozen(kw_only=True)
class Line:
    """A vertical reference line (a threshold) across every row, with its label."""

    value: Decimal
    label: str


def _x(value: Decimal, top: Decimal) -> float:
    return 0.0 if top <= 0 else float(value / top) * BAR_WIDTH


def _row(i: int, bar: Bar, top: Decimal) -> list[str]:
    y = TOP + i * ROW_HEIGHT
    out = [
        f'<text class="label" x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">'
        f"{escape(bar.label)}</text>"
    ]
    x = float(LABEL_WIDTH)
    for seg in bar.segments:
        w = _x(seg.value, top)
        if w > 0:
            out.append(
                f'<rect class="{escape(seg.css)}" x="{x:.1f}" y="{y + 4}" width="{w:.1f}" '
                f'height="{ROW_HEIGHT - 8}"><title>{escape(seg.title)}</title></rect>'
            )
        x += w
    out.append(f'<text class="value" x="{x + 6:.1f}" y="{y + 17}">{escape(bar.text)}</text>')
    return out


def bar_chart(
    bars: Sequence[Bar], *, title: str, line: Line | None = None, top: Decimal | None = None
) -> str:
    """An SVG of one horizontal bar a row, scaled to ``top`` (default: the largest of the
    bars and the line), with ``title`` as its accessible name."""
    peak = max([b.total for b in bars] + ([line.value] if line else []), default=Decimal(0))
    scale = top if top is not None else peak
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1) + (18 if line else 0)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [
        f'<svg class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        parts.extend(_row(i, bar, scale))
    if line is not None:
        x = LABEL_WIDTH + _x(line.value, scale)
        bottom = height - 14
        parts.append(
            f'<line class="threshold" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom}"/>'
            f'<text class="threshold-label" x="{x:.1f}" y="{height - 3}" text-anchor="middle">'
            f"{escape(line.label)}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
