"""The six-precisions audit as one self-contained HTML page.

Inline CSS and inline SVG charts drawn here (:mod:`jingzhun.reports.svg`): no script, no
external stylesheet, font, image or link, so the page opens offline and can be mailed as one
file. Every text from the data is escaped. Findings name entities by id only, never a name or
an ID number. Sections: the six summaries (cards), findings per precision, findings per
village and poverty incidence per village against the exit threshold (with the registry),
and the findings table.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape
from typing import Final

from jingzhun.core.parameters import ResolvedParameter
from jingzhun.domain.audit import AuditReport, Finding, PrecisionResult, Severity
from jingzhun.domain.county_registry import CountyRegistry
from jingzhun.reports.audit_common import (
    COUNTY_LEVEL,
    clause_refs,
    findings_per_village,
    incidence,
    percent,
    severity_counts,
    share_text,
    villages_of,
)
from jingzhun.reports.audit_html_style import STYLE
from jingzhun.reports.svg import Bar, Line, Segment, bar_chart


def _h2(zh: str, en: str) -> str:
    return f'<h2>{escape(zh)} <span class="en">{escape(en)}</span></h2>'


def _card(result: PrecisionResult) -> str:
    p, outcome = result.precision, result.decision.outcome
    checked, passing, share = share_text(result.summary)
    counts = severity_counts(result.findings)
    severities = "".join(
        f'<li class="sev-{s.value}">{escape(s.zh)} {escape(s.en)} <b>{counts[s]}</b></li>'
        for s in Severity
    )
    return (
        f'<article class="card outcome-{outcome.value}" data-precision="{escape(p.value)}">'
        f'<h3>{escape(p.zh)}<span class="en">{escape(p.en)}</span></h3>'
        f'<p class="outcome">{escape(outcome.zh)} <span class="en">{escape(outcome.en)}</span></p>'
        f"<dl><dt>核查 checked</dt><dd>{checked}</dd><dt>通过 passing</dt><dd>{passing}</dd>"
        f"<dt>通过率 share</dt><dd>{share}</dd></dl>"
        f'<ul class="severities">{severities}</ul>'
        f'<p class="rule">{escape(p.rule_id)}</p></article>'
    )


def _segments(findings: Iterable[Finding], where: str) -> tuple[Segment, ...]:
    counts = severity_counts(findings)
    return tuple(
        Segment(
            value=Decimal(counts[s]),
            css=f"sev-{s.value}",
            title=f"{where}: {s.zh} {s.en} {counts[s]}",
        )
        for s in Severity
    )


def _per_precision(report: AuditReport) -> str:
    bars = [
        Bar(
            label=r.precision.zh,
            segments=_segments(r.findings, r.precision.zh),
            text=str(len(r.findings)),
        )
        for r in report.results
    ]
    chart = bar_chart(bars, title="各精准发现数 / findings per precision (by severity)")
    return _h2("各精准发现数", "Findings per precision") + _legend() + chart


def _legend() -> str:
    items = "".join(
        f'<li><span class="swatch sev-{s.value}"></span>{escape(s.zh)} {escape(s.en)}</li>'
        for s in Severity
    )
    return f'<ul class="legend">{items}</ul>'


def _per_village(report: AuditReport, registry: CountyRegistry) -> str:
    counts = findings_per_village(report.findings, registry)
    by_village: dict[str, list[Finding]] = {v: [] for v in counts}
    for x in report.findings:
        for v in villages_of(x, registry) or (COUNTY_LEVEL,):
            by_village[v].append(x)
    bars = [
        Bar(
            label="县级/未归属 county-level" if v == COUNTY_LEVEL else v,
            segments=_segments(by_village[v], v),
            text=str(n),
        )
        for v, n in counts.items()
    ]
    note = (
        '<p class="note">按对象所在村归属：户、派驻、项目（目标村）、资金（受益村/户/项目）；'
        "涉及多村的发现在每村各计一次。 Attributed by the entity's village: household, "
        "posting, project (its target villages), fund (its recipient or project); a finding "
        "about several villages counts in each.</p>"
    )
    chart = bar_chart(bars, title="各村发现数 / findings per village")
    return _h2("各村发现数", "Findings per village") + note + chart


def _incidence(registry: CountyRegistry, threshold: ResolvedParameter | None) -> str:
    bars = []
    for record in registry.villages:
        v = record.village
        value = incidence(v.poor_population, v.rural_population)
        kind = "poor" if record.poor else "nonpoor"
        text = f"{percent(value, 2)} ({v.poor_population}/{v.rural_population})"
        seg = Segment(value=value or Decimal(0), css=f"inc-{kind}", title=f"{v.village_id}: {text}")
        bars.append(Bar(label=v.village_id, segments=(seg,), text=text))
    line = None
    caption = "未给出退出标准 / no exit threshold given"
    if threshold is not None:
        value = threshold.decimal()
        line = Line(value=value, label=f"{percent(value)} 退出标准 threshold")
        caption = (
            f"退出标准 exit threshold: {threshold.name} = {threshold.value} "
            f"({percent(value)}; {threshold.status}"
            + (f"; 叠加层 overlay {threshold.overlay}" if threshold.overlay else "")
            + f"; {threshold.source.short()})"
        )
    note = (
        f'<p class="note">贫困发生率 = 贫困人口 ÷ 农业人口（村记录所载）/ incidence = poor '
        f"population ÷ rural population, as the village records state. "
        f'<span class="swatch inc-poor"></span>贫困村 poor village '
        f'<span class="swatch inc-nonpoor"></span>非贫困村 other village. {escape(caption)}</p>'
    )
    chart = bar_chart(bars, title="贫困发生率 / poverty incidence per village", line=line)
    return _h2("各村贫困发生率与退出标准", "Poverty incidence against the exit threshold") + (
        note + chart
    )


_COLUMNS: Final = (
    "精准 precision",
    "严重程度 severity",
    "对象 entity",
    "编号 id",
    "代码 code",
    "说明 message",
    "责任 responsible",
    "出处 source",
)


def _table(report: AuditReport) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in _COLUMNS)
    rows = []
    for result in report.results:
        for x in result.findings:
            cells = (
                escape(result.precision.zh),
                f'<span class="tag sev-{x.severity.value}">{escape(x.severity.zh)} '
                f"{escape(x.severity.en)}</span>",
                f"{escape(x.entity.zh)} {escape(x.entity.en)}",
                f"<code>{escape(x.entity_id)}</code>",
                f"<code>{escape(x.code)}</code>",
                f'{escape(x.message_zh)}<br><span class="en">{escape(x.message_en)}</span>',
                f'{escape(x.responsible.zh)}<br><span class="en">{escape(x.responsible.en)}</span>',
                escape(clause_refs(x.citations)),
            )
            rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body = "\n".join(rows) or f'<tr><td colspan="{len(_COLUMNS)}">无 none</td></tr>'
    return (
        _h2("发现清单", "Findings")
        + f'<table class="findings"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'
    )


def render_html(
    report: AuditReport,
    *,
    registry: CountyRegistry | None = None,
    threshold: ResolvedParameter | None = None,
) -> str:
    """The report as one self-contained page. With ``registry``: findings per village and
    incidence per village (against ``threshold``, the exit rule's parameter in force, which
    the caller resolves: reports do not read the rules)."""
    counts = report.counts_by_severity()
    day = report.on.isoformat()
    totals = "  ".join(f"{s.zh} {s.en} {counts[s]}" for s in Severity)
    sections = [
        _h2("六个精准", "The six precisions")
        + '<div class="cards">'
        + "".join(_card(r) for r in report.results)
        + "</div>",
        _per_precision(report),
    ]
    if registry is not None:
        sections += [_per_village(report, registry), _incidence(registry, threshold)]
    sections.append(_table(report))
    body = "\n".join(f"<section>{s}</section>" for s in sections)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>六个精准审计 Six precisions audit — {escape(report.county_code)} {day}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<header>"
        f'<h1>六个精准审计 <span class="en">Six precisions audit</span></h1>'
        f"<p>县 county <b>{escape(report.county_code)}</b> · 审计日期 on <b>{day}</b> · "
        f"发现 findings <b>{sum(counts.values())}</b>（{escape(totals)}）</p></header>\n"
        f"<main>\n{body}\n</main>\n<footer>jingzhun · 只列编号，不含姓名与身份证号 / ids only: "
        "no names or ID numbers</footer>\n</body>\n</html>\n"
    )
