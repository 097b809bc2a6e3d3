"""``jingzhun audit``: the six precisions audit of one county registry file.

The registry is loaded whole (every error named; any error means nothing is audited, status
2), audited on the day with :func:`~jingzhun.rules.precision.audit.audit_six_precisions`, and
printed as text or JSON, or its findings as a table (``csv``: UTF-8 with a byte order mark,
Chinese headers, personal data masked; ``xlsx``: a workbook, ``--out`` required), the columns
of :data:`~jingzhun.reports.exports.FINDING_COLUMNS`; ``--html`` also writes the one-page
report. The file ``-`` reads the registry from standard input. Every file is written
complete or not at all. A finished audit is status 0 whatever its outcomes (as for the
record commands, whose 不符合 decisions are results, not errors).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from jingzhun.cli import EXIT_BAD_INPUT, EXIT_OK, _date, _overlays
from jingzhun.core.dates import as_date
from jingzhun.core.errors import InputError, JingzhunError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.audit import AuditReport
from jingzhun.domain.county_registry import CountyRegistry
from jingzhun.engine.output import atomic_file, atomic_path, check_target
from jingzhun.engine.overlays import with_overlays
from jingzhun.engine.stdin import STDIN, STDIN_NAME, read_stdin
from jingzhun.io.county_registry import (
    RegistryLoad,
    load_county_registry,
    load_county_registry_text,
)
from jingzhun.reports.audit_html import render_html
from jingzhun.reports.audit_json import render_json
from jingzhun.reports.audit_text import render_text
from jingzhun.reports.exports import BOM, findings_table, write_csv_to, write_xlsx
from jingzhun.rules.exit.common import regional_threshold
from jingzhun.rules.precision.audit import audit_six_precisions

AUDIT_FORMATS = ("text", "json", "csv", "xlsx")
THRESHOLD = "exit.village.incidence_threshold"


def add_audit_command(sub: Any) -> None:
    """The ``audit`` subcommand and its options."""
    p = sub.add_parser("audit", help="the six precisions audit (六个精准) of a county registry")
    p.add_argument(
        "file",
        help="a county registry (.json: one object with county, "
        "households, villages, projects, funds); - reads standard input",
    )
    p.add_argument("--on", type=_date, required=True, help="audit date, YYYY-MM-DD")
    p.add_argument(
        "--format",
        choices=AUDIT_FORMATS,
        default="text",
        help="text, json, or the findings table as csv (UTF-8 with BOM) or xlsx (needs --out)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="list every finding in the text report (default: 20 per precision)",
    )
    p.add_argument(
        "--out", metavar="FILE", help="write the report to FILE (complete or not at all)"
    )
    p.add_argument(
        "--html",
        metavar="FILE",
        help="also write the one-page HTML report to FILE (complete or not at all)",
    )
    p.add_argument(
        "--overlay",
        action="append",
        metavar="TOML",
        help="an extra parameter overlay file (may be repeated)",
    )
    p.add_argument(
        "--show-personal-data",
        action="store_true",
        help="do not mask names and ID numbers in error messages",
    )
    p.set_defaults(func=cmd_audit)


def village_threshold(
    registry: CountyRegistry, day: dt.date, params: ParameterSet
) -> ResolvedParameter | None:
    """The village exit threshold in force for the county (the western value in the west),
    or None when it cannot be resolved (the HTML page then says so)."""
    try:
        threshold, _west = regional_threshold(params, THRESHOLD, registry.county_code, day)
    except (JingzhunError, LookupError, ValueError):
        return None
    return threshold


def _load(args: argparse.Namespace) -> RegistryLoad:
    if args.file == STDIN:
        text = read_stdin(sys.stdin.buffer)
        return load_county_registry_text(
            text, source=STDIN_NAME, show_personal=args.show_personal_data
        )
    return load_county_registry(args.file, show_personal=args.show_personal_data)


def _refused(args: argparse.Namespace, loaded: RegistryLoad) -> int:
    if loaded.registry is None:
        source = STDIN_NAME if args.file == STDIN else args.file
        head = f"输入有误 / invalid input: {source}: 文件层面的问题 / a file-level problem"
        print(head, *(f"  {e}" for e in loaded.errors), sep="\n", file=sys.stderr)
    else:
        print(f"输入有误 / invalid input: {loaded.summary(limit=200)}", file=sys.stderr)
    print("未作审计 / nothing audited", file=sys.stderr)
    return EXIT_BAD_INPUT


def _table_text(report: AuditReport, show_personal: bool) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    write_csv_to(buffer, *findings_table(report, show_personal=show_personal))
    return buffer.getvalue()


def cmd_audit(args: argparse.Namespace) -> int:
    """Load, audit, write; status 2 with every error named when the registry is bad."""
    if args.format == "xlsx" and not args.out:
        raise InputError("--format xlsx writes a workbook: give --out FILE.xlsx")
    targets = [Path(t) for t in (args.out, args.html) if t]
    for target in targets:
        check_target(target)  # before any work
    params = with_overlays(_overlays(args))
    loaded = _load(args)
    if not loaded.ok or loaded.registry is None:
        return _refused(args, loaded)
    registry = loaded.registry
    day = as_date(args.on)
    report = audit_six_precisions(registry, on=day, params=params)
    if args.html:
        page = render_html(
            report, registry=registry, threshold=village_threshold(registry, day, params)
        )
        with atomic_file(Path(args.html)) as handle:
            handle.write(page)
    if args.format == "xlsx":
        with atomic_path(Path(args.out)) as tmp:
            table = findings_table(report, show_personal=args.show_personal_data)
            write_xlsx(tmp, *table, sheet="findings")
        return EXIT_OK
    if args.format == "json":
        text = render_json(report)
    elif args.format == "csv":
        text = _table_text(report, args.show_personal_data)
    else:
        text = render_text(report, limit=None if args.all else 20)
    if args.out:
        with atomic_file(Path(args.out)) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK
