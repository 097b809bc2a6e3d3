"""Draw the documentation's figures as SVG from the package itself (no network, no library).

``docs/gen_reference.py`` writes them with the reference pages and checks them with
``--check``; the output depends only on the installed ``jingzhun`` and is deterministic.

- ``images/poverty-line.svg``: the national poverty line ``poverty_line.nominal`` year by
  year, each value coloured by the status of its source.
- ``images/village-incidence.svg``: each village of the sample county, its poverty incidence
  as the village records state it, against the village exit threshold in force for the
  county (the audit report's chart, :mod:`jingzhun.reports.svg`).
- ``images/decision.svg``: one decision drawn as a diagram: the outcome, the reasons that
  settle it, and what each reason rests on (evidence, parameters, clauses).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from html import escape
from pathlib import Path

import jingzhun as jz
from jingzhun.cli.audit import village_threshold
from jingzhun.demo.registry import sample_county_registry
from jingzhun.io.county_registry import load_county_registry_text
from jingzhun.reports.svg import Bar, Line, Segment, bar_chart

IMAGES_DIR = Path(__file__).resolve().parent / "images"
FONT = "font-family: 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"
STATUS_COLOURS = {
    "confirmed": "#2e7d32",
    "secondary": "#1565c0",
    "partial": "#ef6c00",
    "unconfirmed": "#c62828",
}
EFFECT_COLOURS = {"supports": "#2e7d32", "opposes": "#c62828", "blocks": "#ef6c00"}
OUTCOME_COLOURS = {"met": "#2e7d32", "not_met": "#c62828", "undetermined": "#ef6c00"}


def text_width(text: str, size: int = 12) -> float:
    """An estimate of the rendered width: CJK characters are square, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.6 for ch in text)


def clip(text: str, width: float, size: int = 12) -> str:
    """The text shortened with … to fit ``width`` pixels (by :func:`text_width`)."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" style="{FONT}; font-size: 12px">'
    )
    return "\n".join([head, f"<title>{escape(title)}</title>", *body, "</svg>"]) + "\n"


def poverty_line_svg() -> str:
    """The nominal poverty line per year, a step per year coloured by source status."""
    param = jz.ParameterSet.bundled().parameter("poverty_line.nominal")
    values = [(v.period.start.year, Decimal(str(v.value)), v.status) for v in param.values]
    left, top, plot_w, plot_h = 70, 40, 600, 260
    low, high = Decimal(2000), Decimal(4200)
    first, last = values[0][0], values[-1][0] + 1

    def x(year: int) -> float:
        return left + (year - first) / (last - first) * plot_w

    def y(value: Decimal) -> float:
        return top + float((high - value) / (high - low)) * plot_h

    body = [
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">'
        f"国家扶贫标准（现价）/ national poverty line, yuan per person per year</text>"
    ]
    for tick in range(2000, 4201, 500):
        ty = y(Decimal(tick))
        body.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" '
            f'stroke="#e0e0e0"/><text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end">'
            f"{tick}</text>"
        )
    for year, value, status in values:
        colour = STATUS_COLOURS.get(status, "#616161")
        x0, x1, vy = x(year), x(year + 1), y(value)
        body.append(
            f'<line x1="{x0:.1f}" y1="{vy:.1f}" x2="{x1:.1f}" y2="{vy:.1f}" stroke="{colour}" '
            f'stroke-width="4"><title>{year}: {value} ({status})</title></line>'
            f'<text x="{(x0 + x1) / 2:.1f}" y="{vy - 8:.1f}" text-anchor="middle" '
            f'fill="{colour}">{value}</text>'
            f'<text x="{(x0 + x1) / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle">'
            f"{year}</text>"
        )
    legend_y = top + plot_h + 44
    present = {status for _, _, status in values}
    legend = [(s, c) for s, c in STATUS_COLOURS.items() if s in present]
    for i, (status, colour) in enumerate(legend):
        lx = left + i * 150
        body.append(
            f'<rect x="{lx}" y="{legend_y - 10}" width="14" height="10" fill="{colour}"/>'
            f'<text x="{lx + 20}" y="{legend_y}">{status}</text>'
        )
    body.append(
        f'<text x="{left}" y="{legend_y + 22}" fill="#616161">来源状态 / source status of each '
        f"year's value (parameter poverty_line.nominal)</text>"
    )
    return _svg(left + plot_w + 30, legend_y + 34, "国家扶贫标准 / the poverty line", body)


VILLAGE_STYLE = (
    "<style>.label, .value, .threshold-label { font-size: 12px; fill: #212121 }"
    " .inc-poor { fill: #c62828 } .inc-nonpoor { fill: #90a4ae }"
    " .threshold { stroke: #1565c0; stroke-width: 2; stroke-dasharray: 4 3 }"
    " .threshold-label { fill: #1565c0 }</style>"
)


def village_incidence_svg(on: dt.date = dt.date(2017, 12, 31)) -> str:
    """Each sample village's incidence (records' figures) against the exit threshold."""
    text = json.dumps(sample_county_registry(defects=False), ensure_ascii=False)
    registry = load_county_registry_text(text).registry
    assert registry is not None
    bars = []
    for record in registry.villages:
        v = record.village
        value = jz.poverty_incidence(v.poor_population, v.rural_population)
        kind = "poor" if record.poor else "nonpoor"
        label = f"{v.village_id} {'贫困村' if record.poor else '非贫困村'}"
        shown = f"{value * 100:.2f}%"
        counts = f"{shown} = {v.poor_population} ÷ {v.rural_population}"
        seg = Segment(value=value, css=f"inc-{kind}", title=f"{v.village_id}: {counts}")
        bars.append(Bar(label=label, segments=(seg,), text=shown))
    threshold = village_threshold(registry, on, jz.ParameterSet.bundled())
    assert threshold is not None
    limit = threshold.decimal()
    line = Line(value=limit, label=f"退出标准 exit threshold {limit * 100:.0f}% ({threshold.name})")
    chart = bar_chart(
        bars, title="贫困发生率与退出标准 / incidence against the threshold", line=line
    )
    chart = chart.replace(
        '<svg class="chart"', f'<svg xmlns="http://www.w3.org/2000/svg" style="{FONT}"', 1
    )
    head, _, rest = chart.partition("\n")
    return f"{head}\n{VILLAGE_STYLE}\n{rest}\n"


def sample_decision() -> jz.Decision:
    """The household of the getting-started pages: income below the line, housing unmet."""
    household = jz.Household(
        household_id="H1",
        county_code="522701",
        declared_size=3,
        income_year=2015,
        income=jz.IncomeStatement(wages="6000", transfers="1500"),
        guarantees=jz.Guarantees(
            food=True,
            clothing=True,
            compulsory_education=True,
            basic_medical_care=True,
            housing_safety=False,
        ),
    )
    return jz.identify_household(household, on="2016-12-31")


ITEM_FILLS = {"evidence": "#f5f5f5", "parameter": "#e3f2fd", "clause": "#fff8e1"}
ROW, GAP = 24, 14
SRC_X, SRC_W, REASON_X, REASON_W, OUT_X, OUT_W = 10, 440, 500, 340, 890, 170


def _items(reason: jz.Reason) -> list[tuple[str, str]]:
    """What a reason rests on, one (kind, text) per box."""
    out = [("evidence", f"{e.name} = {e.value} {e.unit or ''}".rstrip()) for e in reason.evidence]
    out += [
        ("parameter", f"{p.name} = {p.value} {p.unit or ''} ({p.status})")
        for p in reason.parameters
    ]
    out += [("clause", f"{c.clause_id or c.title} ({c.status})") for c in reason.citations]
    return out or [("evidence", "—")]


def _arrow(x0: float, y0: float, x1: float, y1: float) -> str:
    mid = (x0 + x1) / 2
    return (
        f'<path d="M{x0:.1f},{y0:.1f} C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}" '
        f'fill="none" stroke="#9e9e9e" marker-end="url(#arrow)"/>'
    )


def _box(x: float, y: float, w: float, h: float, fill: str, stroke: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" rx="4" fill="{fill}" '
        f'stroke="{stroke}"/>'
    )


def _reason_group(reason: jz.Reason, top: float, outcome_mid: float) -> tuple[list[str], float]:
    """The boxes and arrows of one reason from ``top``; returns them and the height used."""
    items = _items(reason)
    body = []
    for i, (kind, text) in enumerate(items):
        y = top + i * ROW
        body.append(_box(SRC_X, y, SRC_W, ROW - 4, ITEM_FILLS[kind], "#bdbdbd"))
        body.append(f'<text x="{SRC_X + 6}" y="{y + 14}">{escape(clip(text, SRC_W - 12))}</text>')
    height = len(items) * ROW - 4
    box_h = 44
    ry = top + (height - box_h) / 2
    for i in range(len(items)):
        body.append(_arrow(SRC_X + SRC_W, top + i * ROW + (ROW - 4) / 2, REASON_X, ry + box_h / 2))
    colour = EFFECT_COLOURS.get(reason.effect.value, "#757575")
    body.append(_box(REASON_X, ry, REASON_W, box_h, "#ffffff", colour))
    body.append(
        f'<text x="{REASON_X + 8}" y="{ry + 17}" font-weight="bold" fill="{colour}">'
        f"{escape(reason.effect.value)} {escape(reason.code)}</text>"
        f'<text x="{REASON_X + 8}" y="{ry + 35}">'
        f"{escape(clip(reason.message_zh, REASON_W - 16))}</text>"
    )
    body.append(_arrow(REASON_X + REASON_W, ry + box_h / 2, OUT_X, outcome_mid))
    return body, height


def decision_svg() -> str:
    """A decision as a diagram: outcome ← reasons ← evidence, parameters, clauses."""
    d = sample_decision()
    sizes = [len(_items(r)) * ROW - 4 for r in d.reasons]
    top = 56
    total = sum(sizes) + GAP * (len(sizes) - 1)
    mid = top + total / 2
    body = [
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#9e9e9e"/></marker>'
        "</defs>",
        f'<text x="{SRC_X}" y="20" font-size="14" font-weight="bold">'
        f"{escape(d.question_zh)} / {escape(d.question_en)}</text>",
        f'<text x="{SRC_X}" y="40" fill="#616161">{escape(d.rule)} · 对象 subject '
        f"{escape(d.subject)} · 判定日期 on {d.on}</text>",
    ]
    y = float(top)
    for reason in d.reasons:
        group, height = _reason_group(reason, y, mid)
        body += group
        y += height + GAP
    colour = OUTCOME_COLOURS.get(d.outcome.value, "#757575")
    body.append(_box(OUT_X, mid - 30, OUT_W, 60, colour, colour))
    body.append(
        f'<text x="{OUT_X + OUT_W / 2}" y="{mid - 6}" text-anchor="middle" fill="#ffffff" '
        f'font-size="18" font-weight="bold">{escape(d.outcome.zh)}</text>'
        f'<text x="{OUT_X + OUT_W / 2}" y="{mid + 16}" text-anchor="middle" fill="#ffffff">'
        f"outcome: {escape(d.outcome.value)}</text>"
    )
    legend_y = top + total + 30
    for i, (kind, fill) in enumerate(ITEM_FILLS.items()):
        lx = SRC_X + i * 130
        body.append(_box(lx, legend_y - 11, 14, 12, fill, "#bdbdbd"))
        body.append(f'<text x="{lx + 20}" y="{legend_y}">{kind}</text>')
    body.append(
        f'<text x="{REASON_X}" y="{legend_y}" fill="#616161">理由 reasons (effect, code) → '
        f"结论 outcome</text>"
    )
    return _svg(OUT_X + OUT_W + 10, int(legend_y + 14), "一个判定 / a decision", body)


def figures() -> dict[Path, str]:
    """Every figure: its path and its SVG text."""
    return {
        IMAGES_DIR / "poverty-line.svg": poverty_line_svg(),
        IMAGES_DIR / "village-incidence.svg": village_incidence_svg(),
        IMAGES_DIR / "decision.svg": decision_svg(),
    }
