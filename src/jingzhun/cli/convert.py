"""``jingzhun convert IN OUT``: household records (JSON, JSON Lines) ⇄ the household column
layout (Parquet, Arrow IPC; CSV read), lossless both ways, chosen by the files' suffixes.

Records are converted in chunks (JSON Lines and columnar input are read chunk by chunk);
anything that cannot be stored exactly, a missing or mistyped column, a null where the
layout says not null, or a household id seen twice is named (row, id, column) and the
command exits 2 without writing the output.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

from jingzhun.cli import EXIT_OK
from jingzhun.cli.manners import counting_bar, wants_progress
from jingzhun.core.errors import InputError
from jingzhun.engine.output import atomic_file, atomic_path
from jingzhun.io.column_input import FORMATS, _Ids, read_households
from jingzhun.io.columns import (
    ColumnarInputError,
    households_schema,
    records_to_table,
    table_to_records,
)
from jingzhun.io.formats import is_jsonl, jsonl_lines, parse_json_line, read_text, split_records
from jingzhun.io.records import RecordError

CHUNK: Final = 65_536
_RECORDS: Final = (".json", ".jsonl", ".ndjson")


def add_convert_command(sub: Any) -> None:
    """The ``convert`` subcommand."""
    p = sub.add_parser(
        "convert",
        help="household records (JSON, JSON Lines) ⇄ columns (Parquet, Arrow IPC), lossless",
    )
    p.add_argument("input", help="records (.json, .jsonl) or columns (.parquet, .arrow, .csv)")
    p.add_argument("output", help="columns (.parquet, .arrow) or records (.json, .jsonl)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_convert)


def _kind(path: Path, *, output: bool) -> str:
    suffix = path.suffix.lower()
    if suffix in _RECORDS:
        return "records"
    if suffix in FORMATS and not (output and FORMATS[suffix] == "csv"):
        return FORMATS[suffix]
    known = ".json, .jsonl, .parquet, .arrow" + ("" if output else ", .csv")
    raise InputError(f"{path}: 不认识的后缀 / unknown suffix (one of {known})")


def _fail(errors: list[RecordError]) -> None:
    if errors:
        lines = [str(e) for e in errors[:50]]
        raise InputError(
            "\n".join([f"输入有{len(errors)}个问题 / {len(errors)} problem(s)", *lines])
        )


def _record_chunks(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """``(first row, records)`` chunks of a JSON or JSON Lines file of household records."""
    if not is_jsonl(path):
        text, _jsonl = read_text(path)
        items, errors, _meta = split_records(text, str(path), "households", False)
        _fail(errors)
        for start in range(0, len(items), CHUNK):
            yield start + 1, [value for _i, _l, value in items[start : start + CHUNK]]
        return
    chunk: list[Any] = []
    first, errors = 1, []
    for index, lineno, line in jsonl_lines(path):
        value = parse_json_line(index, lineno, line)
        if isinstance(value, RecordError):
            errors.append(value)
        elif hasattr(value, "errors"):
            errors += value.errors
        chunk.append(value)
        if len(chunk) == CHUNK:
            _fail(errors)
            yield first, chunk
            first, chunk = first + CHUNK, []
    _fail(errors)
    if chunk:
        yield first, chunk


def _tables(path: Path, kind: str) -> Iterator[Any]:
    """The input as tables in the household layout, chunk by chunk, duplicates refused."""
    if kind != "records":
        yield from read_households(path)
        return
    import pyarrow as pa

    ids, kept = _Ids(), []
    for first, records in _record_chunks(path):
        table = records_to_table(records, first_row=first)
        column = table.column("household_id").combine_chunks()
        ids.add(column)
        kept.append(column)
        yield table
    dupes = ids.duplicates(lambda: (pa.record_batch({"household_id": c}) for c in kept))
    if dupes:  # after the last chunk: the output is not renamed into place
        raise ColumnarInputError(dupes)


def _write_columns(tables: Iterator[Any], out: Path, kind: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows, schema = 0, households_schema()
    with atomic_path(out) as tmp:
        if kind == "parquet":
            writer: Any = pq.ParquetWriter(str(tmp), schema, compression="zstd")
        else:
            writer = pa.ipc.new_file(str(tmp), schema)
        try:
            for table in tables:
                writer.write(table)
                rows += table.num_rows
        finally:
            writer.close()
    return rows


def _write_records(tables: Iterator[Any], out: Path) -> int:
    rows, lines = 0, is_jsonl(out)
    with atomic_file(out) as handle:
        handle.write("" if lines else '{"households": [\n')
        for table in tables:
            for record in table_to_records(table):
                text = json.dumps(record, ensure_ascii=False)
                handle.write(text + "\n" if lines else ("" if rows == 0 else ",\n") + text)
                rows += 1
        handle.write("" if lines else "\n]}\n")
    return rows


def _counted(tables: Iterator[Any], advance: Callable[[int], None] | None) -> Iterator[Any]:
    for table in tables:
        yield table
        if advance is not None:
            advance(table.num_rows)


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert IN to OUT (kinds by suffix)."""
    source, target = Path(args.input), Path(args.output)
    in_kind, out_kind = _kind(source, output=False), _kind(target, output=True)
    with counting_bar(None, wants_progress(args), desc="转换 converted") as advance:
        tables = _counted(_tables(source, in_kind), advance)
        if out_kind == "records":
            rows = _write_records(tables, target)
        else:
            rows = _write_columns(tables, target, out_kind)
    print(f"wrote {target}: {rows} households")
    return EXIT_OK
