"""``jingzhun assess`` and ``jingzhun check-plan``: a province's yearly assessment, and an
assessment plan or calendar.

``assess`` reads one assessment case (:func:`~jingzhun.io.assessment.load_assessment_case`),
decides it on 31 December of ``--year`` with :func:`province_assessment` and prints the
decision as text or JSON. ``check-plan`` reads a plan or a calendar
(:func:`~jingzhun.io.assessment.load_plan_file`) and checks it. Bad input: every problem
named, exit status 2, nothing decided. A finished check is status 0 whatever its outcome.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from jingzhun.cli import EXIT_OK, _overlays
from jingzhun.core.dates import as_date
from jingzhun.core.decisions import Decision
from jingzhun.domain.assessment import AssessmentCalendar
from jingzhun.engine.overlays import with_overlays
from jingzhun.io.assessment import load_assessment_case, load_plan_file
from jingzhun.rules.assessment.calendar import assessment_calendar
from jingzhun.rules.assessment.plan import assessment_plan
from jingzhun.rules.assessment.province import province_assessment

FORMATS = ("text", "json")


def add_assessment_commands(sub: Any) -> None:
    """The ``assess`` and ``check-plan`` subcommands."""
    p = sub.add_parser("assess", help="provincial effectiveness assessment (成效考核) of a year")
    p.add_argument("file", help="an assessment case (.json: one object, see docs/assessment.md)")
    p.add_argument("--year", type=int, required=True, help="the assessed year (2016–2020)")
    p.add_argument(
        "--example-profile",
        action="store_true",
        help="score with jingzhun's example profile (an interpretation, not national)",
    )
    _common(p)
    p.set_defaults(func=cmd_assess)
    q = sub.add_parser("check-plan", help="check an assessment plan or calendar (考核计划)")
    q.add_argument("file", help="an assessment plan or calendar (.json, with a 'kind')")
    _common(q)
    q.set_defaults(func=cmd_check_plan)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument(
        "--overlay", action="append", metavar="TOML", help="an extra parameter overlay file"
    )


def render_text(d: Decision) -> str:
    """A decision as text: the question, the outcome, then each reason with its clauses."""
    lines = [f"{d.subject}  {d.question_zh} / {d.question_en}", f"  → {d.outcome.zh}"]
    for r in d.reasons:
        cites = "；".join(c.short() for c in r.citations)
        lines.append(f"  [{r.effect.zh}] {r.code}: {r.message_zh}")
        lines.append(f"      {r.message_en}")
        if cites:
            lines.append(f"      依据 / source: {cites}")
    return "\n".join(lines) + "\n"


def _write(d: Decision, fmt: str) -> int:
    sys.stdout.write(d.to_json(indent=1) + "\n" if fmt == "json" else render_text(d))
    return EXIT_OK


def cmd_assess(args: argparse.Namespace) -> int:
    """Load the case (year from ``--year``), assess it on 31 December of that year."""
    params = with_overlays(_overlays(args))
    case = load_assessment_case(args.file, year=args.year)
    day = as_date(f"{args.year:04d}-12-31")
    d = province_assessment(case, on=day, params=params, example_profile=args.example_profile)
    return _write(d, args.format)


def cmd_check_plan(args: argparse.Namespace) -> int:
    """Check a plan (on its year's last day) or a calendar (on the last day of February)."""
    params = with_overlays(_overlays(args))
    item = load_plan_file(args.file)
    if isinstance(item, AssessmentCalendar):
        day = as_date(f"{item.year + 1:04d}-03-01").subtract(days=1)
        return _write(assessment_calendar(item, on=day, params=params), args.format)
    d = assessment_plan(item, on=as_date(f"{item.year:04d}-12-31"), params=params)
    return _write(d, args.format)
