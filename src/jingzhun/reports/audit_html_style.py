"""The audit page's inline stylesheet (local system fonts only: no web font is loaded)."""

from __future__ import annotations

from typing import Final

STYLE: Final = """
:root { --serious: #c0392b; --moderate: #e67e22; --advisory: #7f8c8d; --met: #1e8449;
  --not_met: #c0392b; --undetermined: #b7950b; --ink: #1c2833; --muted: #5d6d7e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #f4f6f7;
  font: 14px/1.5 "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
  "PingFang SC", sans-serif; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 12px 20px; }
header h1 { margin: 8px 0 4px; font-size: 24px; }
h2 { font-size: 18px; margin: 24px 0 8px; border-bottom: 2px solid #d5dbdb; }
.en { color: var(--muted); font-weight: normal; font-size: 0.85em; margin-left: 0.4em; }
.cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 12px; }
@media (max-width: 800px) { .cards { grid-template-columns: 1fr; } }
.card { background: #fff; border-radius: 6px; padding: 10px 14px;
  border-top: 6px solid var(--muted); box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); }
.card h3 { margin: 0 0 4px; font-size: 16px; }
.card h3 .en { display: block; margin: 0; }
.card.outcome-met { border-top-color: var(--met); }
.card.outcome-not_met { border-top-color: var(--not_met); }
.card.outcome-undetermined { border-top-color: var(--undetermined); }
.outcome { font-size: 18px; font-weight: bold; margin: 4px 0; }
.outcome-met .outcome { color: var(--met); }
.outcome-not_met .outcome { color: var(--not_met); }
.outcome-undetermined .outcome { color: var(--undetermined); }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 6px 0; }
dt { color: var(--muted); } dd { margin: 0; font-variant-numeric: tabular-nums; }
.severities, .legend { list-style: none; padding: 0; margin: 6px 0; display: flex;
  flex-wrap: wrap; gap: 4px 12px; }
.severities li { border-left: 4px solid; padding-left: 4px; }
li.sev-serious { border-color: var(--serious); }
li.sev-moderate { border-color: var(--moderate); }
li.sev-advisory { border-color: var(--advisory); }
.rule { color: var(--muted); font-family: monospace; margin: 4px 0 0;
  overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 8px;
  vertical-align: middle; }
.swatch.sev-serious, rect.sev-serious { background: var(--serious); fill: var(--serious); }
.swatch.sev-moderate, rect.sev-moderate { background: var(--moderate); fill: var(--moderate); }
.swatch.sev-advisory, rect.sev-advisory { background: var(--advisory); fill: var(--advisory); }
.swatch.inc-poor, rect.inc-poor { background: #2874a6; fill: #2874a6; }
.swatch.inc-nonpoor, rect.inc-nonpoor { background: #aed6f1; fill: #aed6f1; }
svg.chart { background: #fff; border-radius: 6px; max-width: 100%; height: auto; }
svg text { font-size: 12px; fill: var(--ink); }
line.threshold { stroke: var(--not_met); stroke-width: 2; stroke-dasharray: 5 3; }
text.threshold-label { fill: var(--not_met); }
.note { color: var(--muted); margin: 4px 0 8px; }
table.findings { width: 100%; border-collapse: collapse; background: #fff; }
table.findings th, table.findings td { border: 1px solid #d5dbdb; padding: 4px 6px;
  text-align: left; vertical-align: top; }
table.findings th { background: #eaeded; position: sticky; top: 0; }
.tag { color: #fff; border-radius: 3px; padding: 0 4px; white-space: nowrap; }
.tag.sev-serious { background: var(--serious); }
.tag.sev-moderate { background: var(--moderate); }
.tag.sev-advisory { background: var(--advisory); }
footer { color: var(--muted); font-size: 12px; }
"""
