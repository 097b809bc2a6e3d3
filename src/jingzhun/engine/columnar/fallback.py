"""Rows a kernel leaves to the rule: rebuilt as records from the columns, decided by the rule.

The row goes back through the JSON record the loaders accept (the same schema validation and
converter as ``jingzhun identify``), so a record the loaders refuse is an error naming its
row (1-based), id and field — never a dropped row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import polars as pl

from jingzhun.core.decisions import Decision
from jingzhun.core.errors import InputError
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.io.converters import household_from_dict
from jingzhun.io.records import iter_records

_NESTED = ("income", "guarantees", "assets")


def _plain(value: Any) -> Any:
    """A cell as a JSON value: amounts as text, days as ISO dates, nulls left out."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def layout_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One layout row as the household JSON record (dotted columns nested)."""
    out: dict[str, Any] = {}
    for column, cell in row.items():
        if cell is None or column.startswith("_"):
            continue
        if column == "local_indicators":
            out[column] = {item["name"]: item["met"] for item in cell if item["met"] is not None}
            continue
        head, dot, tail = column.partition(".")
        if dot and head in _NESTED:
            out.setdefault(head, {})[tail] = _plain(cell)
        else:
            out[column] = _plain(cell)
    return out


def households(frame: pl.DataFrame, rows: list[int]) -> list[Household]:
    """The households of some rows (0-based positions), validated as the loaders do."""
    if not rows:
        return []
    return load_records(
        row_items(frame, rows, layout_record),
        schema="household.schema.json",
        id_field="household_id",
        convert=household_from_dict,
        refused=_HOUSEHOLDS_REFUSED,
    )


_HOUSEHOLDS_REFUSED = "无法读取的户记录 / households the rules refuse"


Rule = Callable[..., Decision]


def row_items(
    frame: pl.DataFrame, rows: list[int], record: Callable[[Mapping[str, Any]], dict[str, Any]]
) -> list[tuple[int, None, dict[str, Any]]]:
    """The ``record``-s of some rows (0-based positions), numbered from 1 as the loaders do."""
    part = frame[rows]
    return [(i + 1, None, record(r)) for i, r in zip(rows, part.iter_rows(named=True), strict=True)]


def load_records(
    items: list[tuple[int, None, dict[str, Any]]],
    *,
    schema: str,
    id_field: str,
    convert: Callable[[Any], Any],
    refused: str,
) -> list[Any]:
    """The records loaded as the loaders load them (``schema``, ``convert``); the records they
    refuse are one :class:`InputError` naming each (row, id, field), headed by ``refused``."""
    out: list[Any] = []
    errors: list[str] = []
    for loaded in iter_records(
        items, schema=schema, id_field=id_field, convert=convert, dedupe=False
    ):
        if loaded.record is not None:
            out.append(loaded.record)
        errors += [str(e) for e in loaded.errors]
    if errors:
        raise InputError(f"{refused}:\n" + "\n".join(errors))
    return out


def decide_records(
    items: list[tuple[int, None, dict[str, Any]]],
    *,
    schema: str,
    id_field: str,
    convert: Callable[[Any], Any],
    decide: Callable[[Any], Decision],
    refused: str,
) -> tuple[list[str], list[list[str]]]:
    """``decide`` on each record of :func:`load_records`: the outcome and code set of each."""
    decisions = [
        decide(case)
        for case in load_records(
            items, schema=schema, id_field=id_field, convert=convert, refused=refused
        )
    ]
    return [d.outcome.value for d in decisions], [list(dict.fromkeys(d.codes)) for d in decisions]


def decide_rows(
    frame: pl.DataFrame,
    rows: list[int],
    rule: Rule,
    on: dt.date,
    ps: ParameterSet,
    *,
    convert: Callable[[Any], Any] = household_from_dict,
    refused: str = _HOUSEHOLDS_REFUSED,
) -> tuple[list[str], list[list[str]]]:
    """The rule's outcome and code set for each of ``rows`` (household records, or what
    ``convert`` makes of them: registry entries for the adjustment)."""
    if not rows:
        return [], []
    return decide_records(
        row_items(frame, rows, layout_record),
        schema="household.schema.json",
        id_field="household_id",
        convert=convert,
        decide=lambda case: rule(case, on=on, params=ps),
        refused=refused,
    )
