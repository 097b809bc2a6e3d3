"""``jingzhun explain DECISIONS --id ID --households FILE``: one row of a decision table
explained by the scalar rule.

The decision table's run document (:func:`jingzhun.engine.columnar.output.read_document`)
gives the rule, the date and the overlays; the household is found in FILE (the input of the
batch run, read in chunks), rebuilt from its columns and decided by the rule; the full
Decision is printed as JSON. When the table's row disagrees with the rule (it never
should), the command says so on standard error and exits 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jingzhun.cli import EXIT_OK, EXIT_SKIPPED
from jingzhun.core.dates import as_date
from jingzhun.core.errors import InputError


def add_explain_command(sub: Any) -> None:
    """The ``explain`` subcommand (the ``[columnar]`` extra)."""
    p = sub.add_parser(
        "explain", help="the full scalar Decision of one row of a batch decision table"
    )
    p.add_argument("decisions", help="a decision table written by jingzhun batch")
    p.add_argument("--id", required=True, help="the row's id (the household id)")
    p.add_argument("--households", required=True, help="the batch run's input file")
    p.set_defaults(func=cmd_explain)


def _find(path: Path, column: str, wanted: str) -> Any:
    """The one-row frame of ``wanted`` in a columnar file (chunked), or ``None``."""
    import polars as pl

    from jingzhun.io.columns import read_households

    for batch in read_households(path):
        frame: Any = pl.from_arrow(batch)
        hit = frame.filter(pl.col(column) == wanted)
        if hit.height:
            return hit
    return None


def _row(path: Path, wanted: str) -> tuple[str, list[str]] | None:
    """The table's outcome and codes for ``wanted``."""
    import polars as pl

    from jingzhun.engine.columnar.output import output_format

    kind = output_format(path)
    if kind == "csv":
        frame = pl.scan_csv(path, infer_schema=False)
    elif kind == "parquet":
        frame = pl.scan_parquet(path)
    else:
        frame = pl.scan_ipc(path)
    hit = frame.filter(pl.col("id") == wanted).collect()
    if not hit.height:
        return None
    codes = hit["codes"][0]
    listed = codes.split(";") if isinstance(codes, str) else list(codes)
    return str(hit["outcome"][0]), [c for c in listed if c]


def cmd_explain(args: argparse.Namespace) -> int:
    from jingzhun.engine.columnar.fallback import households
    from jingzhun.engine.columnar.files import kernel_entry
    from jingzhun.engine.columnar.output import read_document
    from jingzhun.engine.overlays import with_overlays

    table = Path(args.decisions)
    run = read_document(table)["run"]
    entry = kernel_entry(run["rule"])
    row = _row(table, args.id)
    if row is None:
        raise InputError(f"{table}: 没有 id {args.id!r} / no row with id {args.id!r}")
    found = _find(Path(args.households), entry.id_column, args.id)
    if found is None:
        raise InputError(f"{args.households}: 没有 {args.id!r} / no household {args.id!r}")
    ps = with_overlays([(o["origin"], o["text"]) for o in run["overlays"]])
    (household,) = households(found, [0])
    decision = entry.rule(household, on=as_date(run["on"]), params=ps)
    print(decision.to_json(indent=2))
    if (decision.outcome.value, list(dict.fromkeys(decision.codes))) != row:
        print(
            f"表中该行与规则不一致 / the table's row differs from the rule: {row}",
            file=sys.stderr,
        )
        return EXIT_SKIPPED
    return EXIT_OK
