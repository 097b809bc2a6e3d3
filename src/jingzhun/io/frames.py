"""DataFrame views: decisions as a frame, households from and to a frame (polars or pandas).

polars, pandas and pyarrow are the optional ``frames`` extra, imported only when called.

**Decisions** (:func:`decisions_to_frame`): one row per decision, the columns of
:mod:`jingzhun.io.decision_rows` (outcome, codes, reasons, key evidence as JSON) and one
``evidence.<name>`` column per key-evidence name. Column names are the plain keys
(``outcome``, ``evidence.income_per_capita``), not the bilingual spreadsheet headers.

**Households** (:func:`households_to_frame`, :func:`households_from_frame`): one row per
household, the JSON record's fields as columns; a nested object becomes dotted columns
(``income.wages``, ``guarantees.food``), a list (``members``, ``measures``) stays a list
column. Reading goes back through the JSON records the loaders accept, so the same schema
validation and converter run and every bad row is named (its 1-based position in the
frame, its id, the field's path). Missing values (``None``, ``NaN``, ``pd.NA``) are absent
fields. ``households_to_frame`` writes the records whole, names and ID numbers included
(it is the data itself, read back unchanged); ``mask_personal=True`` masks them for
handing on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

from jingzhun.core.decisions import Decision
from jingzhun.core.errors import InputError
from jingzhun.core.labels import Labelled
from jingzhun.core.privacy import mask_id_number, mask_name
from jingzhun.domain.model import Household
from jingzhun.io.converters import household_from_dict
from jingzhun.io.decision_rows import (
    DECISION_COLUMNS,
    EVIDENCE_PREFIX,
    decision_cells,
    evidence_columns,
)
from jingzhun.io.records import LoadResult, RecordError, iter_records

Kind = Literal["polars", "pandas"]

_NESTED = ("income", "guarantees", "assets", "local_indicators")
"""Household fields that are objects: flattened to dotted columns."""


def _module(kind: str) -> Any:
    if kind not in ("polars", "pandas"):
        raise InputError(f"kind must be 'polars' or 'pandas', not {kind!r}")
    try:
        import importlib

        return importlib.import_module(kind)
    except ImportError:
        raise InputError(f"{kind} is not installed: pip install 'jingzhun[frames]'") from None


def _frame(kind: str, rows: list[dict[str, Any]], columns: list[str]) -> Any:
    mod = _module(kind)
    if kind == "polars":
        full = [{c: r.get(c) for c in columns} for r in rows]  # every row scanned for types
        return mod.from_dicts(full, infer_schema_length=None) if full else mod.DataFrame()
    return mod.DataFrame(rows, columns=columns)


def decisions_to_frame(
    decisions: Iterable[Decision], kind: Kind = "polars", *, show_personal: bool = False
) -> Any:
    """Decisions as a polars or pandas DataFrame, one row per decision (personal data in
    evidence masked unless ``show_personal``)."""
    items, mask = list(decisions), show_personal
    names = evidence_columns(items)
    columns = [k for k, _zh in DECISION_COLUMNS] + [EVIDENCE_PREFIX + n for n in names]
    rows = [
        dict(
            zip(
                columns, decision_cells(d, i, evidence_names=names, show_personal=mask), strict=True
            )
        )
        for i, d in enumerate(items, start=1)
    ]
    return _frame(kind, rows, columns)


def _plain(value: Any) -> Any:
    """A JSON value: attrs objects as dicts (defaults left out), labels as codes, amounts
    as text, days as ISO dates, tuples as lists."""
    if isinstance(value, Labelled):
        return value.value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if attrs.has(type(value)):
        out: dict[str, Any] = {}
        for a in attrs.fields(type(value)):
            v = getattr(value, a.name)
            if a.default is not attrs.NOTHING and v == a.default:
                continue
            out[a.name] = _plain(v)
        return out
    return value


def household_record(household: Household, *, mask_personal: bool = False) -> dict[str, Any]:
    """A household as the JSON record the loaders accept (fields at their default left out)."""
    record: dict[str, Any] = _plain(household)
    if household.income is not None and not record.get("income"):
        # an income statement of zero stays a statement: a frame has no column for ``{}``
        record["income"] = {"wages": "0"}
    if household.local_indicators:
        record["local_indicators"] = dict(household.local_indicators)
    if mask_personal:
        for m in record.get("members", []):
            if "name" in m:
                m["name"] = mask_name(m["name"])
            if "id_number" in m:
                m["id_number"] = mask_id_number(m["id_number"])
    return record


def _flatten(record: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in _NESTED and isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def households_to_frame(
    households: Iterable[Household], kind: Kind = "polars", *, mask_personal: bool = False
) -> Any:
    """Households as a polars or pandas DataFrame, one row per household."""
    rows = [_flatten(household_record(h, mask_personal=mask_personal)) for h in households]
    columns = list(dict.fromkeys(c for r in rows for c in r))
    return _frame(kind, rows, columns)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _json_value(value: Any) -> Any:
    """A cell as a JSON value: numpy scalars and arrays unwrapped, missing values None,
    whole floats (pandas' integers with gaps) as ints, nested dicts without missing values."""
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        value = value.tolist()  # numpy scalar or array, pyarrow scalar
    elif hasattr(value, "as_py"):
        value = value.as_py()
    if _missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: v for k, v in ((k, _json_value(v)) for k, v in value.items()) if v is not None}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _unflatten(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column, cell in row.items():
        value = _json_value(cell)
        if value is None:
            continue
        head, dot, tail = str(column).partition(".")
        if dot and head in _NESTED:
            out.setdefault(head, {})[tail] = value
        else:
            out[str(column)] = value
    return out


def frame_records(df: Any) -> list[dict[str, Any]]:
    """The rows of a polars or pandas DataFrame as JSON records (dotted columns nested)."""
    if hasattr(df, "to_dicts"):  # polars
        rows: list[dict[str, Any]] = df.to_dicts()
    elif hasattr(df, "to_dict"):  # pandas
        rows = df.to_dict(orient="records")
    else:
        raise InputError(f"not a polars or pandas DataFrame: {type(df).__name__}")
    return [_unflatten(r) for r in rows]


def households_from_frame(df: Any, *, show_personal: bool = False) -> LoadResult[Household]:
    """Households from a polars or pandas DataFrame (one row per household, as
    :func:`households_to_frame` writes), validated like a JSON file: the records that
    loaded and every error, each naming the row (1-based), the id and the field."""
    items = [(i, None, r) for i, r in enumerate(frame_records(df), start=1)]
    records: list[Household] = []
    positions: list[int] = []
    errors: list[RecordError] = []
    for loaded in iter_records(
        items,
        schema="household.schema.json",
        id_field="household_id",
        convert=household_from_dict,
        show_personal=show_personal,
    ):
        if loaded.record is not None and loaded.index is not None:
            records.append(loaded.record)
            positions.append(loaded.index)
        errors += loaded.errors
    return LoadResult(
        source="<DataFrame>",
        total=len(items),
        records=tuple(records),
        positions=tuple(positions),
        errors=tuple(errors),
    )


__all__ = [
    "decisions_to_frame",
    "frame_records",
    "household_record",
    "households_from_frame",
    "households_to_frame",
]
