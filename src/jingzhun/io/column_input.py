"""Reading household columns from Parquet, Arrow IPC or CSV, in chunks, validated.

:func:`read_households` checks the columns first (a required column missing, a column the
layout does not have, a type that cannot be cast without loss: money must be a decimal —
an integer column could be fen or yuan and a float is inexact, so both are refused), then
yields record batches in :func:`~jingzhun.io.columns.households_schema`, each checked for
values that do not cast and nulls in not-null columns and fields: the first chunk with
problems raises :class:`~jingzhun.io.columns.ColumnarInputError` listing them all. A
``household_id`` seen twice is found after the last chunk (one sort of 64-bit hashes, 8
bytes a household; the suspects' ids read again so only real duplicates are named) and
raised then, before the iteration ends: a writer that renames its output only at the end
(``convert``, ``batch``) writes nothing. Every problem names its column and its row,
counted from 1 over the whole file; nothing is dropped. Memory holds one chunk and the
hashes.

CSV: one row per household, the column names of the layout (dotted), an empty cell is
absent; a list column's cell holds the JSON of the record field (``members`` a JSON array
of member objects, ``local_indicators`` a JSON object of flags), money and dates as text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final

from jingzhun.core.errors import InputError
from jingzhun.io.column_convert import _Builder, _prepare
from jingzhun.io.columns import (
    ColumnarInputError,
    ColumnProblem,
    _layout,
    _pa,
    _types,
    households_schema,
)
from jingzhun.io.formats import check_readable

FORMATS: Final = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".arrow": "ipc",
    ".ipc": "ipc",
    ".feather": "ipc",
    ".arrows": "ipc",
    ".csv": "csv",
}


def columnar_format(path: Path) -> str:
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise InputError(
            f"{path}: 不认识的列式文件后缀 / unknown columnar suffix (one of {known})"
        ) from None


def _open(path: Path, kind: str, batch_rows: int) -> tuple[Any, Iterator[Any]]:
    pa = _pa()
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            pf = pq.ParquetFile(path)
            return pf.schema_arrow, pf.iter_batches(batch_size=batch_rows)
        if kind == "ipc":
            source = pa.memory_map(str(path))
            try:
                reader = pa.ipc.open_file(source)
                return reader.schema, (
                    reader.get_batch(i) for i in range(reader.num_record_batches)
                )
            except pa.ArrowInvalid:
                stream = pa.ipc.open_stream(pa.memory_map(str(path)))
                return stream.schema, iter(stream)
        import pyarrow.csv as pcsv

        names = [name for name, _k, _r in _layout(pa)]
        reader = pcsv.open_csv(
            path,
            read_options=pcsv.ReadOptions(block_size=1 << 24),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True
            ),
        )
        return reader.schema, iter(reader)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"{path}: 无法读取 / cannot read as {kind}: {exc}") from None


def _compatible(pa: Any, actual: Any, expected: Any, csv: bool) -> str | None:
    """``None`` if ``actual`` casts to ``expected`` without loss, else why not."""
    t = pa.types
    if actual == expected or t.is_null(actual) or (csv and t.is_string(actual)):
        return None
    if t.is_dictionary(actual):
        return _compatible(pa, actual.value_type, expected, csv)
    if t.is_decimal(expected):
        if t.is_decimal(actual):
            return None
        return (
            f"金额应为decimal128(14, 2)元 / money must be decimal yuan ({expected}), not "
            f"{actual}: an integer column could be fen or yuan, a float is inexact"
        )
    kinds = (
        (t.is_integer, t.is_integer),
        (t.is_string, lambda a: t.is_string(a) or t.is_large_string(a) or t.is_string_view(a)),
        (t.is_date, t.is_date),
        (t.is_boolean, t.is_boolean),
    )
    for want, have in kinds:
        if want(expected):
            return None if have(actual) else f"应为 / must be {expected}, not {actual}"
    if t.is_list(expected):
        if not (t.is_list(actual) or t.is_large_list(actual)):
            return f"应为 / must be {expected}, not {actual}"
        return _compatible(pa, actual.value_type, expected.value_type, csv)
    if t.is_struct(expected) and t.is_struct(actual):
        want_fields = {f.name: f for f in expected}
        problems = [
            f"没有该字段 / no field {f.name!r}" for f in actual if f.name not in want_fields
        ]
        have = {f.name: f for f in actual}
        for f in expected:
            if f.name in have:
                why = _compatible(pa, have[f.name].type, f.type, csv)
                problems += [f"{f.name}: {why}"] if why else []
            elif not f.nullable:
                problems.append(f"缺少必填字段 / missing required field {f.name!r}")
        return "; ".join(problems) or None
    return f"应为 / must be {expected}, not {actual}"


def _plan(pa: Any, schema: Any, csv: bool) -> None:
    """Column-level problems (missing, unknown, wrong type): all raised at once."""
    layout = {name: (kind, req) for name, kind, req in _layout(pa)}
    problems = [
        ColumnProblem(None, None, name, "列式布局没有该列 / not a column of the layout")
        for name in schema.names
        if name not in layout
    ]
    for name, (kind, required) in layout.items():
        if name not in schema.names:
            if required:
                problems.append(
                    ColumnProblem(None, None, name, "缺少必填列 / required column missing")
                )
            continue
        why = _compatible(pa, schema.field(name).type, kind, csv and not pa.types.is_string(kind))
        if why:
            problems.append(ColumnProblem(None, None, name, why))
    if problems:
        raise ColumnarInputError(problems)


def read_households(path: str | Path, *, batch_rows: int = 131_072) -> Iterator[Any]:
    """Validated record batches in the household layout from a Parquet, Arrow IPC or CSV
    file (column problems raised here, row problems when their chunk is reached)."""
    pa, path = _pa(), Path(path)
    kind = columnar_format(path)
    check_readable(path)
    schema, batches = _open(path, kind, batch_rows)
    _plan(pa, schema, kind == "csv")
    return _batches(pa, batches, kind == "csv", lambda: _open(path, kind, batch_rows)[1])


def _batches(
    pa: Any, batches: Iterator[Any], csv: bool, again: Callable[[], Iterator[Any]]
) -> Iterator[Any]:
    target, ids, row = households_schema(), _Ids(), 1
    for batch in batches:
        if batch.num_rows == 0:
            continue
        conformed, problems = _conform(pa, batch, target, row, csv)
        if problems:
            problems.sort(key=lambda p: (p.row or 0, p.column))
            raise ColumnarInputError(problems)
        ids.add(conformed.column(0))
        yield conformed
        row += batch.num_rows
    duplicates = ids.duplicates(again)
    if duplicates:
        raise ColumnarInputError(duplicates)


def _conform(
    pa: Any, batch: Any, target: Any, first: int, csv: bool
) -> tuple[Any, list[ColumnProblem]]:
    n = batch.num_rows
    ids = batch.column("household_id").cast(pa.string())
    b = _Builder([{"household_id": i} for i in ids.to_pylist()], pa, first) if csv else None
    b = b or _Rows(ids, pa, first)
    types = _types(pa)
    arrays = []
    for field in target:
        if field.name not in batch.schema.names:
            arrays.append(pa.nulls(n, type=field.type))
            continue
        column = batch.column(field.name)
        if pa.types.is_dictionary(column.type):
            column = column.dictionary_decode()
        loose = _loose(pa, field.type)
        if csv and pa.types.is_string(column.type) and pa.types.is_list(field.type):
            values = _prepare(
                b, field.name, loose, _json_cells(b, column.to_pylist(), field.name), types
            )
            array = b.array(values, loose, field.name)
        else:
            array = column if column.type == loose else _cast(b, column, loose, field.name)
        before = len(b.problems)
        _nulls(pa, b, array, field)
        if len(b.problems) > before:
            array = pa.nulls(n, type=field.type)
        arrays.append(array if array.type == field.type else array.cast(field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=target), b.problems


class _Rows(_Builder):
    """The problems of a Parquet or IPC chunk, named by row and id; the chunk's ids are
    turned into Python strings only when a problem is found (the hot path stays in Arrow)."""

    def __init__(self, ids: Any, pa: Any, first: int) -> None:
        super().__init__([], pa, first)
        self._column = ids

    def problem(self, i: int, column: str, message: str) -> None:
        if not self.ids:
            self.ids = self._column.to_pylist()
        super().problem(i, column, message)


def _json_cells(b: _Builder, cells: list[Any], column: str) -> list[Any]:
    out = []
    for i, cell in enumerate(cells):
        try:
            out.append(None if cell is None else json.loads(cell))
        except json.JSONDecodeError as exc:
            b.problem(i, column, f"不是JSON / not JSON text: {exc.msg}")
            out.append(None)
    return out


def _loose(pa: Any, kind: Any) -> Any:
    """``kind`` with every struct field nullable (nulls are then found and named)."""
    if pa.types.is_list(kind):
        return pa.list_(_loose(pa, kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([f.with_type(_loose(pa, f.type)).with_nullable(True) for f in kind])
    return kind


def _cast(b: _Builder, column: Any, kind: Any, name: str) -> Any:
    pa = b.pa
    errors = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError)
    try:
        return column.cast(kind, safe=True)
    except errors:
        for i, value in enumerate(column.to_pylist()):
            try:
                pa.array([value], type=column.type).cast(kind, safe=True)
            except errors as exc:
                b.problem(i, name, f"无法无损转换 / cannot be cast to {kind} without loss: {exc}")
        return pa.nulls(len(column), type=kind)


def _nulls(pa: Any, b: _Builder, array: Any, field: Any) -> None:
    """Nulls where the layout says not null: the column's, and required fields' of list
    elements (a member without ``member_id``)."""
    if not field.nullable and array.null_count:
        for i, v in enumerate(array.is_null().to_pylist()):
            if v:
                b.problem(i, field.name, "不能为空 / must not be null")
    if pa.types.is_list(field.type) and pa.types.is_struct(field.type.value_type):
        import pyarrow.compute as pc

        flat = pc.list_flatten(array)
        parents = None
        for child in field.type.value_type:
            values = pc.struct_field(flat, child.name)
            if child.nullable or not (values.null_count or flat.null_count):
                continue
            parents = parents if parents is not None else pc.list_parent_indices(array).to_pylist()
            for j, v in enumerate(values.is_null().to_pylist()):
                if v:
                    b.problem(
                        parents[j], f"{field.name}.{child.name}", "不能为空 / must not be null"
                    )


class _Ids:
    """The household ids read so far, as 64-bit hashes in row order (8 bytes a household).

    Duplicates are looked for once, after the last chunk (one sort); the rows whose hashes
    are equal are then read again (the ``household_id`` column only) so that only ids really
    equal are reported, each named by its row, its id and its first row."""

    def __init__(self) -> None:
        self.parts: list[Any] = []

    def add(self, ids: Any) -> None:
        import polars as pl

        self.parts.append(pl.Series(values=ids).hash(seed=0).to_numpy())

    def duplicates(self, again: Callable[[], Iterator[Any]]) -> list[ColumnProblem]:
        import numpy as np

        if not self.parts:
            return []
        hashes = np.concatenate(self.parts)
        self.parts = [hashes]
        order = np.argsort(hashes, kind="stable")
        same = np.flatnonzero(hashes[order][1:] == hashes[order][:-1])
        if not len(same):
            return []
        suspects = np.union1d(order[same], order[same + 1])  # 0-based rows
        values = _ids_at(again(), suspects)
        first: dict[str, int] = {}
        problems = []
        for index in suspects.tolist():  # in row order: the first row of an id comes first
            value = values[index]
            if value in first:
                message = f"户编号重复 / duplicate household_id (first at row {first[value]})"
                problems.append(ColumnProblem(index + 1, value, "household_id", message))
            else:
                first[value] = index + 1
        return problems


def _ids_at(batches: Iterator[Any], rows: Any) -> dict[int, str]:
    """The ``household_id`` of some 0-based rows, read again from the file's batches."""
    out: dict[int, str] = {}
    start = 0
    for batch in batches:
        n = batch.num_rows
        inside = rows[(rows >= start) & (rows < start + n)]
        if len(inside):
            column = batch.column("household_id").cast(_pa().string())
            picked = column.take(_pa().array(inside - start)).to_pylist()
            out.update(zip(inside.tolist(), picked, strict=True))
        start += n
    return out
