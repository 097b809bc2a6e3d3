"""Household records ⇄ Arrow columns (see :mod:`jingzhun.io.columns` for the layout and
what lossless means).

Records → columns: each column's values are gathered once, money and dates kept as text
and cast by Arrow (which refuses what does not fit ``decimal128(14, 2)`` or is not a day);
only when a column fails is it walked value by value to name every bad row. Columns →
records: money and dates cast to text by Arrow, then the rows assembled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from jingzhun.io.columns import _OBJECTS, ColumnarInputError, ColumnProblem

_PERSONAL: Final = frozenset({"name", "id_number", "birth_date"})
_ROW_LIMIT: Final = 200
"""At most this many problems are collected per column."""


def _raw(pa: Any, kind: Any) -> Any:
    """``kind`` with money and dates as text (the values records carry)."""
    if pa.types.is_decimal(kind) or pa.types.is_date(kind):
        return pa.string()
    if pa.types.is_list(kind):
        return pa.list_(_raw(pa, kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _raw(pa, f.type), f.nullable) for f in kind])
    return kind


def _money_text(value: Any) -> Any:
    """A JSON money value as decimal text for Arrow's cast (``bool`` left for the error)."""
    if value is None or value.__class__ is str:
        return value
    if value.__class__ in (int, float, Decimal):
        return str(value)  # the strict JSON reader gives Decimal for numbers with decimals
    return value


class _Builder:
    def __init__(self, records: list[Any], pa: Any, first_row: int) -> None:
        self.pa, self.first = pa, first_row
        self.problems: list[ColumnProblem] = []
        self.records = [r if isinstance(r, dict) else {} for r in records]
        self.ids = [r.get("household_id") for r in self.records]
        for i, r in enumerate(records):
            if not isinstance(r, dict):
                self.problem(i, "/", "记录应为对象 / a record must be a JSON object")

    def problem(self, i: int, column: str, message: str) -> None:
        rid = self.ids[i]
        rid = rid if isinstance(rid, str) else None
        self.problems.append(ColumnProblem(i + self.first, rid, column, message))

    def unknown_keys(self, values: Sequence[Any], allowed: set[str], column: str) -> None:
        """Fields the layout has no column for (they would be dropped): refused."""
        for i, v in enumerate(values):
            if v is not None and not isinstance(v, dict):
                self.problem(i, column, "应为对象 / must be a JSON object")
            elif v is not None and v.keys() - allowed:
                extra = ", ".join(sorted(v.keys() - allowed))
                self.problem(i, column, f"列式布局没有该字段 / no column for field(s): {extra}")

    def array(self, values: list[Any], kind: Any, column: str) -> Any:
        pa = self.pa
        raw = _raw(pa, kind)
        try:
            arr = pa.array(values, type=raw)
            return arr if raw == kind else arr.cast(kind)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            self.locate(values, raw, kind, column)
            return pa.nulls(len(values), type=kind)

    def locate(self, values: list[Any], raw: Any, kind: Any, column: str) -> None:
        pa, found = self.pa, 0
        for i, v in enumerate(values):
            try:
                pa.array([v], type=raw).cast(kind)
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
                self.problem(i, column, _why(v, kind, pa, column))
                found += 1
                if found >= _ROW_LIMIT:
                    return


def _why(value: Any, kind: Any, pa: Any, column: str) -> str:
    if pa.types.is_decimal(kind):
        shown = (
            str(value)
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool)
            else repr(value)
            if isinstance(value, str)
            else type(value).__name__
        )
        try:
            exact = Decimal(str(value)) if not isinstance(value, bool) else None
        except InvalidOperation:
            exact = None
        if exact is not None and exact.is_finite():
            return (
                f"金额无法精确保存 / money not stored exactly in decimal128(14, 2) (at most 12 "
                f"integer digits and 2 decimals): {shown}"
            )
        return f"不是金额 / not an amount: {shown}"
    if pa.types.is_date(kind):
        return f"不是日期 / not a day (YYYY-MM-DD): {value!r}"
    if pa.types.is_list(kind):
        return (
            f"列表中有不合类型的值 / a value in the list does not fit {kind} (a date that is "
            "not a day, money with more than 2 decimals, or a wrong JSON type)"
        )
    shown = "" if column in _PERSONAL else f": {type(value).__name__}"
    return f"类型不符 / does not fit {kind}{shown}"


def _gather(
    b: _Builder, layout: list[tuple[str, Any, bool]], types: Mapping[str, Any]
) -> dict[str, Any]:
    _pa, recs = b.pa, b.records
    top = {name for name, _k, _r in layout if "." not in name} | set(_OBJECTS)
    b.unknown_keys(recs, top, "/")
    objects = {}
    for obj in _OBJECTS:
        vals = [r.get(obj) for r in recs]
        subs = {name.partition(".")[2] for name, _k, _r in layout if name.startswith(obj + ".")}
        b.unknown_keys(vals, subs, obj)
        objects[obj] = [v if isinstance(v, dict) else None for v in vals]
    income = objects["income"]
    objects["income"] = [
        v if v is None or any(x is not None for x in v.values()) else {"wages": 0} for v in income
    ]
    columns: dict[str, Any] = {}
    for name, kind, _required in layout:
        head, dot, tail = name.partition(".")
        if dot:
            values = [None if o is None else o.get(tail) for o in objects[head]]
        else:
            values = [r.get(name) for r in recs]
        values = _prepare(b, name, kind, values, types)
        columns[name] = b.array(values, kind, name)
    return columns


def _struct_names(kind: Any) -> set[str]:
    return {f.name for f in kind.value_type}


def _prepare(
    b: _Builder, name: str, kind: Any, values: list[Any], types: Mapping[str, Any]
) -> list[Any]:
    pa = b.pa
    if pa.types.is_decimal(kind):
        return [_money_text(v) for v in values]
    if name == "local_indicators":
        for i, v in enumerate(values):
            if v is not None and not isinstance(v, dict):
                b.problem(i, name, "应为对象 / must be a JSON object of flags")
        return [
            [{"name": k, "met": m} for k, m in v.items()] if isinstance(v, dict) else None
            for v in values
        ]
    if pa.types.is_list(kind) and pa.types.is_struct(kind.value_type):
        allowed = _struct_names(kind)
        money = [f.name for f in kind.value_type if pa.types.is_decimal(f.type)]
        for i, v in enumerate(values):
            if v is None:
                continue
            if not isinstance(v, list):
                b.problem(i, name, "应为数组 / must be an array")
                values[i] = None
                continue
            for j, e in enumerate(v):
                if not isinstance(e, dict) or e.keys() - allowed:
                    extra = ", ".join(sorted(e.keys() - allowed)) if isinstance(e, dict) else ""
                    b.problem(
                        i,
                        f"{name}[{j}]",
                        f"列式布局没有该字段 / not an object or no column for: {extra}",
                    )
            if money:
                values[i] = [
                    {k: (_money_text(x) if k in money else x) for k, x in e.items()}
                    if isinstance(e, dict)
                    else e
                    for e in v
                ]
    return values


def build_table(
    records: list[Any],
    layout: list[tuple[str, Any, bool]],
    types: Mapping[str, Any],
    *,
    first_row: int,
) -> Any:
    """Records → a table in the layout, or :class:`ColumnarInputError` with every problem."""
    from jingzhun.io.columns import households_schema

    b = _Builder(records, _pa_of(), first_row)
    columns = _gather(b, layout, types)
    for name, _kind, required in layout:
        if required:
            nulls = columns[name].is_null().to_pylist() if columns[name].null_count else []
            for i, is_null in enumerate(nulls):
                if is_null:
                    b.problem(i, name, "必填 / required (not null)")
    if b.problems:
        b.problems.sort(key=lambda p: (p.row or 0, p.column))
        raise ColumnarInputError(b.problems)
    schema = households_schema()
    return b.pa.Table.from_arrays([columns[f.name] for f in schema], schema=schema)


def _pa_of() -> Any:
    import pyarrow

    return pyarrow


def _text_type(pa: Any, kind: Any) -> Any:
    return _raw(pa, kind)


def _clean(value: Any) -> Any:
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v is not None}
    return value


def table_records(table: Any, pa: Any) -> list[dict[str, Any]]:
    """A table (or batch) in the household layout → JSON records."""
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    names = list(table.column_names)
    texts: dict[str, list[Any]] = {}
    for name in names:
        column = table.column(name)
        column = column.cast(_text_type(pa, column.type))
        values = column.to_pylist()
        if pa.types.is_list(column.type) and pa.types.is_struct(column.type.value_type):
            if name == "local_indicators":
                values = [None if v is None else {e["name"]: e["met"] for e in v} for v in values]
            else:
                values = [None if v is None else _clean(v) for v in values]
        texts[name] = values
    return [_row(names, cells) for cells in zip(*(texts[n] for n in names), strict=True)]


def _row(names: list[str], cells: tuple[Any, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in zip(names, cells, strict=True):
        if value is None:
            continue
        head, dot, tail = name.partition(".")
        if dot:
            out.setdefault(head, {})[tail] = value
        else:
            out[name] = value
    return out
