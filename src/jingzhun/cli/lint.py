"""``jingzhun lint FILE``: check a registry sheet (CSV or .xlsx in a column layout).

Reads the sheet (``-``: CSV or a workbook on standard input) with the national layout (or
``--layout FILE``), then runs the record
consistency rule on every household and the sheet-level checks; prints every finding with
its code, severity and place (sheet, row, column), then a count per check. A file that
cannot be read (encoding, missing required columns, merged cells) is an error naming the
place (status 2); findings give status 1, a clean sheet status 0.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from jingzhun.cli import EXIT_OK, EXIT_SKIPPED, _date, _overlays
from jingzhun.core.errors import InputError
from jingzhun.engine.overlays import with_overlays
from jingzhun.engine.registry_lint import LintReport, lint_sheet
from jingzhun.engine.stdin import STDIN, STDIN_LIMIT, STDIN_NAME
from jingzhun.io.layouts import load_layout
from jingzhun.io.sheet_households import households_of, read_households
from jingzhun.io.tabular import Sheet, csv_sheet, read_xlsx

FORMATS = ("text", "json", "csv")
CSV_FIELDS = ("code", "severity", "sheet", "row", "letter", "column", "household_id",
              "message_zh", "message_en")  # fmt: skip


def add_lint_command(sub: Any) -> None:
    """The ``lint`` subcommand and its options."""
    p = sub.add_parser(
        "lint", help="check a registry sheet (CSV/.xlsx, national layout): 数据质量核查"
    )
    p.add_argument(
        "file",
        help="a .csv or .xlsx registry export, one row per member; - reads standard input",
    )
    p.add_argument("--on", type=_date, help="the day ages are counted on (default: today)")
    p.add_argument(
        "--layout",
        help="a layout TOML file or a bundled layout name (default: national-v2; national-v1)",
    )
    p.add_argument("--encoding", help="the CSV encoding (default: detected: BOM, UTF-8, GBK)")
    p.add_argument("--sheet", help="the .xlsx sheet (default: the first)")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--overlay", action="append", metavar="TOML")
    p.add_argument("--show-personal-data", action="store_true")
    p.set_defaults(func=cmd_lint)


def cmd_lint(args: argparse.Namespace) -> int:
    params = with_overlays(_overlays(args))
    layout = load_layout(args.layout)
    if args.file == STDIN:
        data = _stdin_sheet(read_stdin_bytes(sys.stdin.buffer), args.encoding, args.sheet)
        sheet = households_of(data, layout, STDIN_NAME, show_personal=args.show_personal_data)
    else:
        sheet = read_households(
            args.file, layout=layout, encoding=args.encoding, sheet=args.sheet,
            show_personal=args.show_personal_data,
        )  # fmt: skip
    on = args.on or dt.date.today().isoformat()
    report = lint_sheet(sheet, on=on, params=params)
    if args.format == "json":
        sys.stdout.write(json.dumps(_json(report), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, lineterminator="\n")
        w.writeheader()
        for f in report.findings:
            w.writerow({k: v for k, v in f.to_dict().items() if k in CSV_FIELDS})
    else:
        _text(report)
    return EXIT_SKIPPED if report.findings else EXIT_OK


def read_stdin_bytes(stream: IO[bytes], limit: int = STDIN_LIMIT) -> bytes:
    """Standard input's bytes, at most ``limit`` (more is an :class:`InputError`)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"标准输入过大 / standard input is too large (over {limit:,} bytes); "
            "save the sheet to a file and give its name"
        )
    return data


def _stdin_sheet(data: bytes, encoding: str | None, sheet: str | None) -> Sheet:
    """A sheet from standard input: a workbook (a zip file, ``PK``) or else CSV."""
    if not data.startswith(b"PK\x03\x04"):
        return csv_sheet(data, STDIN_NAME, "stdin", encoding=encoding)
    with tempfile.TemporaryDirectory(prefix="jingzhun-lint-") as tmp:
        path = Path(tmp) / "stdin.xlsx"
        path.write_bytes(data)
        try:
            return read_xlsx(path, sheet=sheet)
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), STDIN_NAME)) from None


def _json(report: LintReport) -> dict[str, Any]:
    return {
        "source": report.source,
        "on": report.on,
        "households": report.households,
        "rows": report.rows,
        "summary": report.summary(),
        "findings": [f.to_dict() for f in report.findings],
    }


def _text(report: LintReport) -> None:
    out = sys.stdout
    for f in report.findings:
        out.write(f"{f.severity} {f.code} {f.place}: {f.message_en}\n")
        if f.message_zh != f.message_en:
            out.write(f"    {f.message_zh}\n")
    out.write(
        f"{report.source}: {report.rows} rows, {report.households} households, "
        f"{len(report.findings)} findings ({report.errors} errors) on {report.on}\n"
    )
    for code, n in report.summary().items():
        out.write(f"  {code}: {n}\n")
