"""``jingzhun batch NAME FILE``: a rule over a whole household file with the columnar engine.

One subcommand per short name (:data:`jingzhun.engine.columnar.names.SHORT_NAMES`:
``identify``, ``exit``, ``adjust``, ``villages``); a rule without a registered kernel says so
(status 2). The input (Parquet, Arrow IPC,
CSV in the household column layout) is read in chunks; the output (Parquet, Arrow IPC, CSV by
``--out``'s suffix) is the decision table, with the run's date, overlays, parameter uses and
citations written once (see :mod:`jingzhun.engine.columnar.output`). Bad input: every
problem named (rows, columns), status 2, nothing written. A progress bar on a terminal.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from jingzhun.cli import EXIT_OK, _date, _overlays, _Parser
from jingzhun.cli.manners import counting_bar, wants_progress
from jingzhun.core.dates import as_date
from jingzhun.core.errors import InputError


def add_batch_command(sub: Any) -> None:
    """The ``batch`` subcommands, one per short name of a columnar rule (the ``[columnar]``
    extra; the engine is loaded only when one runs, and says which rules have a kernel)."""
    from jingzhun.engine.columnar.names import SHORT_NAMES
    from jingzhun.rules import catalogue

    specs = {spec.id: spec for spec in catalogue()}
    group = sub.add_parser(
        "batch", help="a rule over a whole household file, columnar (Parquet, Arrow, CSV)"
    )
    verbs = group.add_subparsers(dest="what", required=True, parser_class=_Parser)
    for name, rule_id in SHORT_NAMES.items():
        spec = specs[rule_id]
        p = verbs.add_parser(name, help=f"{spec.title_en} ({rule_id})".replace("%", "%%"))
        p.add_argument("file", help="households: .parquet, .arrow or .csv (column layout)")
        if spec.dated_by == "year_node":
            p.add_argument("--year", type=int, required=True, help="the year (node: 31 Dec)")
        else:
            p.add_argument("--on", type=_date, required=True, help="decision date, YYYY-MM-DD")
        p.add_argument(
            "--out", required=True, metavar="FILE", help="decisions: .parquet, .arrow or .csv"
        )
        p.add_argument("--overlay", action="append", metavar="TOML", help="parameter overlay")
        p.add_argument(
            "--batch-rows", type=int, default=262_144, help="rows per chunk (memory bound)"
        )
        p.add_argument("--no-progress", action="store_true", help="no progress bar")
        p.set_defaults(func=cmd_batch, rule_name=name)


def _total(path: Path) -> int | None:
    if path.suffix.lower() not in (".parquet", ".pq"):
        return None
    try:
        import pyarrow.parquet as pq

        rows: int = pq.read_metadata(str(path)).num_rows
        return rows
    except (OSError, ValueError):
        return None  # the reader says what is wrong with the file


def cmd_batch(args: argparse.Namespace) -> int:
    try:
        from jingzhun.engine.columnar.files import decide_file
    except ImportError as exc:  # without the [columnar] extra: the command says so
        raise InputError(f"{exc}: pip install 'jingzhun[columnar]'") from None
    from jingzhun.engine.overlays import with_overlays

    overlays = _overlays(args)
    with_overlays(overlays)  # a bad overlay is reported before any work starts
    year = getattr(args, "year", None)
    on = as_date(f"{year:04d}-12-31" if year is not None else args.on)
    if args.batch_rows < 1:
        raise ValueError(f"--batch-rows {args.batch_rows}: expected at least 1")
    source = Path(args.file)
    with counting_bar(_total(source), wants_progress(args), desc="判定 decided") as advance:
        summary = decide_file(
            args.rule_name,
            source,
            Path(args.out),
            on=on,
            overlays=overlays,
            batch_rows=args.batch_rows,
            advance=advance,
        )
    print(summary.line(Path(args.out)))
    return EXIT_OK
