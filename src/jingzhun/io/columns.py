"""The household column layout (Arrow) and household records ⇄ Arrow tables, without loss.

pyarrow is the optional ``columnar`` extra, imported only when called.

**Layout** (:func:`households_schema`): one row per household, mirroring the JSON record
(``schemas/household.schema.json``). An object field becomes dotted flat columns
(``income.wages``, ``guarantees.food``, ``assets.town_property``), as in
:mod:`jingzhun.io.frames`; an array stays a list column (``members``, ``measures``,
``exit_steps``, ``history``); ``local_indicators`` (an object of flags) is a
``list<struct<name, met>>``. Money is ``decimal128(14, 2)`` yuan, dates ``date32``, labels
are kept as written (code or Chinese label). Each field's metadata names the JSON path it
mirrors (``json_path``); :func:`schema_description` is the published JSON form
(``schemas/columns-households.json``).

**Lossless** means: the loaders read the records that come back from
:func:`table_to_records` to households (and registry entries) *equal* to those read from
the original records. Text may change where the value does not: money comes back as a
decimal string with two decimals (``2657`` → ``"2657.00"``, equal as ``Decimal``), nulls
and empty objects are left out (absent and null mean the same to the loaders), and an
``income`` object without any component is stored as ``income.wages = 0.00`` (an income
statement of zero, not a missing one). What cannot be stored exactly is refused, naming
the row (1-based), the id and the column: money with more than two decimals or more than
12 integer digits, a date that is not a day, a field the layout does not have, a value of
the wrong JSON type. Records are not otherwise validated here (labels, plausibility): the
loaders do that when the rows are read as households.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs

from jingzhun.core.errors import InputError, RecordError
from jingzhun.domain.model import GUARANTEE_FIELDS, IncomeStatement

MONEY: Final = ("decimal", 14, 2)
DATE: Final = "date32"

_OBJECTS: Final = ("income", "guarantees", "assets")
"""Record fields that are objects, flattened to dotted columns."""

_MONEY_PARTS: Final = tuple(a.name for a in attrs.fields(IncomeStatement))
_GUARANTEES: Final = GUARANTEE_FIELDS


@attrs.frozen
class ColumnProblem:
    """One problem of columnar input: the row (1-based, counted over the whole input;
    ``None`` for a problem of the whole column), the household id, the column, what."""

    row: int | None
    record_id: str | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行 row {self.row}" if self.row is not None else "列 column"
        if self.record_id is not None:
            where += f" ({self.record_id})"
        return f"{where} {self.column}: {self.message}"


class ColumnarInputError(InputError):
    """Columnar input (or records bound for columns) that cannot be read without loss:
    ``problems`` lists every problem found, each naming its row and column; ``errors`` holds
    the same as :class:`~jingzhun.core.errors.RecordError` (index = row, path = column)."""

    code = "JZ-COLUMNAR-INPUT"

    def __init__(self, problems: Sequence[ColumnProblem], limit: int = 50) -> None:
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(
                f"… 另有{len(self.problems) - limit}个问题 / {len(self.problems) - limit} more"
            )
        count = len(self.problems)
        head = f"列式输入有{count}个问题 / columnar input: {count} problem(s)"
        self.message = "\n".join([head, *lines])
        super().__init__(
            self.message,
            [
                RecordError(index=p.row, record_id=p.record_id, path=p.column, message=p.message)
                for p in self.problems
            ],
        )

    def __str__(self) -> str:
        return self.message


def _pa() -> Any:
    try:
        import pyarrow

        return pyarrow
    except ImportError:
        raise InputError("pyarrow is not installed: pip install 'jingzhun[columnar]'") from None


def _types(pa: Any) -> dict[str, Any]:
    money, date = pa.decimal128(*MONEY[1:]), pa.date32()

    def struct(*fields: tuple[str, Any, bool]) -> Any:
        return pa.struct([pa.field(n, t, nullable=not req) for n, t, req in fields])

    s, b = pa.string(), pa.bool_()
    return {
        "member": struct(
            ("member_id", s, True),
            *((n, s, False) for n in ("relation", "name", "id_number", "sex")),
            ("birth_date", date, False),
            ("labour", s, False),
            ("health", s, False),
            ("disabled", b, False),
            ("school", s, False),
            ("public_payroll", b, False),
            ("village_cadre", b, False),
        ),
        "vehicle": struct(("kind", s, True), ("purchase_price", money, False)),
        "annual": struct(("year", pa.int16(), True), ("per_capita", money, True)),
        "indicator": struct(("name", s, True), ("met", b, True)),
        "step": struct(
            ("step", s, True),
            ("first_day", date, True),
            ("last_day", date, False),
            ("objections", pa.int32(), False),
            ("objections_resolved", pa.int32(), False),
        ),
        "change": struct(("on", date, True), ("status", s, True), ("action", s, True)),
        "money": money,
        "date": date,
    }


def _layout(pa: Any) -> list[tuple[str, Any, bool]]:
    """``(column, Arrow type, required)`` in the published order."""
    t, s, b = _types(pa), pa.string(), pa.bool_()
    return [
        ("household_id", s, True),
        ("county_code", s, True),
        ("village_id", s, False),
        ("declared_size", pa.int32(), False),
        ("income_year", pa.int16(), False),
        *((f"income.{n}", t["money"], False) for n in _MONEY_PARTS),
        ("reported_per_capita_income", t["money"], False),
        *((f"guarantees.{n}", b, False) for n in _GUARANTEES),
        ("main_cause", s, False),
        ("other_causes", pa.list_(s), False),
        ("household_type", s, False),
        ("assets.vehicles", pa.list_(t["vehicle"]), False),
        ("assets.town_property", b, False),
        ("assets.registered_business", b, False),
        ("assets.public_servant_relative", b, False),
        ("members", pa.list_(t["member"]), False),
        ("helper", s, False),
        ("measures", pa.list_(s), False),
        ("exit_target_year", pa.int16(), False),
        ("identified_on", t["date"], False),
        ("stable_income_source", b, False),
        ("income_history", pa.list_(t["annual"]), False),
        ("local_indicators", pa.list_(t["indicator"]), False),
        ("exit_steps", pa.list_(t["step"]), False),
        ("registry_status", s, False),
        ("history", pa.list_(t["change"]), False),
    ]


def json_path(column: str) -> str:
    """The JSON pointer a column mirrors (``income.wages`` → ``/income/wages``)."""
    return "/" + column.replace(".", "/")


def households_schema() -> Any:
    """The household column layout as a ``pyarrow.Schema`` (each field's metadata
    ``json_path`` names the record field it mirrors)."""
    pa = _pa()
    fields = [
        pa.field(name, kind, nullable=not required, metadata={"json_path": json_path(name)})
        for name, kind, required in _layout(pa)
    ]
    return pa.schema(fields, metadata={"jingzhun": "households-columns-v1"})


def schema_description() -> dict[str, Any]:
    """The layout as JSON: name, Arrow type (in Arrow's notation; ``not null`` marks a
    required field of a struct), nullable and the JSON path of each column."""
    schema = households_schema()
    return {
        "title": "jingzhun household columns (Arrow), version 1",
        "description": "One row per household, mirroring household.schema.json: objects as "
        "dotted columns, arrays as list columns; money decimal128(14, 2) yuan; dates date32.",
        "columns": [
            {
                "name": f.name,
                "type": str(f.type),
                "nullable": f.nullable,
                "json_path": f.metadata[b"json_path"].decode(),
            }
            for f in schema
        ],
    }


def schema_description_text() -> str:
    return json.dumps(schema_description(), ensure_ascii=False, indent=1) + "\n"


REQUIRED: Final = ("household_id", "county_code")


def records_to_table(records: Iterable[Mapping[str, Any]], *, first_row: int = 1) -> Any:
    """Household (or registry) records → a ``pyarrow.Table`` in :func:`households_schema`
    (:class:`ColumnarInputError` naming every value that cannot be stored exactly; rows
    are numbered from ``first_row``)."""
    from jingzhun.io.column_convert import build_table

    return build_table(list(records), _layout(_pa()), _types(_pa()), first_row=first_row)


def table_to_records(table: Any) -> list[dict[str, Any]]:
    """A table in the household layout (a ``pyarrow.Table`` or ``RecordBatch``; missing
    optional columns are absent fields) → JSON records the loaders read."""
    from jingzhun.io.column_convert import table_records

    return table_records(table, _pa())


def read_households(path: str | Any, *, batch_rows: int = 131_072) -> Any:
    """An iterator of validated record batches in :func:`households_schema` from a Parquet,
    Arrow IPC or CSV file (see :mod:`jingzhun.io.column_input`)."""
    from jingzhun.io.column_input import read_households as read

    return read(path, batch_rows=batch_rows)


__all__ = [
    "ColumnProblem",
    "ColumnarInputError",
    "households_schema",
    "read_households",
    "records_to_table",
    "schema_description",
    "table_to_records",
]
