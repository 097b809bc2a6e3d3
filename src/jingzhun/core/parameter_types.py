"""Declared parameter types, checked when a parameter file loads.

A parameter of the national baseline declares its type, and as data: the allowed ``choices``
of a ``choice``, an inclusive ``minimum`` / ``maximum`` of a number, and the ``row`` shape of a
``table`` (each column's type, allowed values and whether it is required). Every value — of
the baseline and of every overlay — is checked against that declaration when its file loads,
so a misspelt key or an impossible number fails at once, naming the file, the parameter, the
value's from-date and the key, never at the first record a rule reads.

>>> spec = ValueSpec(type="rate")
>>> spec.check("0.02", "f.toml: x value from 2016-04-28")
Decimal('0.02')
>>> spec.check("3", "f.toml: x value from 2016-04-28")
Traceback (most recent call last):
...
jingzhun.core.errors.ParameterError: f.toml: x value from 2016-04-28: 高于上限 / 3 is above ...
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Final

import attrs

from jingzhun.core.dates import as_date
from jingzhun.core.errors import ParameterError

ParamValue = Decimal | int | bool | str | dt.date | tuple[Mapping[str, Any], ...]

TYPES: Final = (
    "money",
    "rate",
    "number",
    "integer",
    "days",
    "boolean",
    "text",
    "choice",
    "date",
    "table",
)
DECIMAL_TYPES: Final = ("money", "rate", "number")
INTEGER_TYPES: Final = ("integer", "days")
NUMERIC_TYPES: Final = DECIMAL_TYPES + INTEGER_TYPES
# The types a table column may have; a ``list`` column names the type of its items.
COLUMN_TYPES: Final = (*(t for t in TYPES if t != "table"), "list")
ITEM_TYPES: Final = tuple(t for t in TYPES if t != "table")

# The range every value of a numeric type must lie in (inclusive); a parameter may narrow it.
TYPE_RANGE: Final[Mapping[str, tuple[Decimal | None, Decimal | None]]] = {
    "rate": (Decimal(0), Decimal(1)),
    "money": (Decimal(0), None),
    "days": (Decimal(0), None),
    "integer": (Decimal(0), None),
    "number": (None, None),
}

_WHAT: Final[Mapping[str, tuple[str, str]]] = {
    "money": ("金额", "money (a decimal string or an integer)"),
    "rate": ("比率", "a rate (a decimal string or an integer)"),
    "number": ("数值", "a number (a decimal string or an integer)"),
    "integer": ("整数", "an integer"),
    "days": ("天数", "a whole number of days"),
    "boolean": ("布尔值", "true or false"),
    "text": ("文本", "a string"),
    "choice": ("可选值之一", "one of the declared choices (a string)"),
    "date": ("日期", "an ISO date (YYYY-MM-DD)"),
    "list": ("数组", "an array"),
    "table": ("表格", "an array of tables"),
}

# The magnitudes a policy number can have: amounts below 10^16 yuan, fractions to 10^-12.
MAX_MAGNITUDE: Final = 15
MAX_PLACES: Final = 12

_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _fail(where: str, zh: str, en: str) -> ParameterError:
    return ParameterError(f"{where}: {zh} / {en}")


def _wrong_type(kind: str, raw: Any, where: str) -> ParameterError:
    zh, en = _WHAT[kind]
    hint = ""
    if isinstance(raw, float):
        hint = "; write exact numbers as strings or integers, not floats"
    return _fail(where, f"应为{zh}", f"expected {en}, got {raw!r}{hint}")


def as_decimal(raw: Any, where: str, kind: str = "number") -> Decimal:
    """A finite Decimal from a string or an integer (never a float, a boolean, NaN or ∞)."""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise _wrong_type(kind, raw, where)
    try:
        value = Decimal(raw)
    except (InvalidOperation, ValueError):
        raise _fail(where, "不是数", f"not a number: {raw!r}") from None
    if not value.is_finite():
        raise _fail(where, "不是有限数", f"not a finite number: {raw!r}")
    if value and not -MAX_PLACES <= value.adjusted() <= MAX_MAGNITUDE:
        raise _fail(
            where,
            "数值超出可用范围",
            f"{raw!r} is out of range (at most 10^{MAX_MAGNITUDE}, at least 10^-{MAX_PLACES})",
        )
    return value


@attrs.frozen(kw_only=True)
class Column:
    """One column of a table parameter's rows."""

    name: str
    spec: ValueSpec
    required: bool = False


@attrs.frozen(kw_only=True)
class ValueSpec:
    """What a value (or a table column) may hold: type, choices, inclusive range, row shape.

    ``items`` is the type of a ``list`` column's items (``choices`` and the range then apply
    to each item); ``row`` is the column list of a ``table``.
    """

    type: str
    choices: tuple[str, ...] | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    items: str | None = None
    row: tuple[Column, ...] | None = None

    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The inclusive range in force: the declared one, else the type's."""
        low, high = TYPE_RANGE.get(self.type, (None, None))
        return (
            self.minimum if self.minimum is not None else low,
            self.maximum if self.maximum is not None else high,
        )

    def check(self, raw: Any, where: str) -> ParamValue:
        """The typed value of ``raw`` (rows of a table are checked and kept as written)."""
        if self.type == "table":
            return self._table(raw, where)
        if self.type == "list":
            raise _fail(where, "列表只能作为表格列", "a list is only a column type")
        return self._scalar(raw, where)

    def _scalar(self, raw: Any, where: str) -> Decimal | int | bool | str | dt.date:
        kind = self.type
        if kind in DECIMAL_TYPES:
            return self._in_range(as_decimal(raw, where, kind), raw, where)
        if kind in INTEGER_TYPES:
            if isinstance(raw, bool) or not isinstance(raw, int):
                raise _wrong_type(kind, raw, where)
            self._in_range(Decimal(raw), raw, where)
            return raw
        if kind == "boolean":
            if not isinstance(raw, bool):
                raise _wrong_type(kind, raw, where)
            return raw
        if kind in ("text", "choice"):
            if not isinstance(raw, str):
                raise _wrong_type(kind, raw, where)
            if kind == "choice" and raw not in (self.choices or ()):
                allowed = ", ".join(self.choices or ())
                raise _fail(where, "不在可选值中", f"{raw!r} is not one of: {allowed}")
            return raw
        if kind == "date":
            return self._date(raw, where)
        raise _fail(where, "未知参数类型", f"unknown parameter type {kind!r}")

    def _in_range(self, value: Decimal, raw: Any, where: str) -> Decimal:
        low, high = self.bounds()
        if low is not None and value < low:
            raise _fail(where, "低于下限", f"{raw} is below the minimum {low}")
        if high is not None and value > high:
            raise _fail(where, "高于上限", f"{raw} is above the maximum {high}")
        return value

    @staticmethod
    def _date(raw: Any, where: str) -> dt.date:
        if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
            return as_date(raw)
        if not isinstance(raw, str) or not _ISO_DATE.match(raw):
            raise _wrong_type("date", raw, where)
        try:
            return as_date(raw)
        except ValueError:
            raise _fail(where, "日期无效", f"not a valid date: {raw!r}") from None

    def _list(self, raw: Any, where: str) -> list[Any]:
        if not isinstance(raw, list):
            raise _wrong_type("list", raw, where)
        item = attrs.evolve(self, type=self.items or "text", items=None)
        for i, value in enumerate(raw):
            item._scalar(value, f"{where}[{i}]")
        return raw

    def _table(self, raw: Any, where: str) -> tuple[Mapping[str, Any], ...]:
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise _wrong_type("table", raw, where)
        columns = {c.name: c for c in self.row or ()}
        for n, row in enumerate(raw, start=1):
            at = f"{where}, row {n}"
            for key in row:
                if key not in columns:
                    known = ", ".join(columns)
                    raise _fail(at, "未知列", f"unknown key {key!r} (columns: {known})")
            for column in columns.values():
                if column.name not in row:
                    if column.required:
                        raise _fail(at, "缺少必填列", f"missing required key {column.name!r}")
                    continue
                value, key_at = row[column.name], f"{at}, {column.name}"
                if column.spec.type == "list":
                    column.spec._list(value, key_at)
                else:
                    column.spec._scalar(value, key_at)
        return tuple(frozen_row(row) for row in raw)


def frozen_row(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only copy of a table row (its list cells as tuples): a bundled parameter's rows
    are shared by every caller of the process, so none may edit them."""
    return MappingProxyType({k: tuple(v) if isinstance(v, list) else v for k, v in row.items()})


def rows_json(rows: Sequence[Mapping[str, Any]]) -> str:
    """A table value as the JSON text decisions show (keys sorted)."""
    return json.dumps([dict(r) for r in rows], ensure_ascii=False, sort_keys=True)


# --- declarations -------------------------------------------------------------------------


def _bound(raw: Any, key: str, kind: str, where: str) -> Decimal | None:
    if raw is None:
        return None
    if kind not in NUMERIC_TYPES:
        raise _fail(where, f"只有数值类型可设{key}", f"{key} is for numeric types, not {kind!r}")
    value = as_decimal(raw, f"{where}, {key}")
    low, high = TYPE_RANGE[kind]
    if (low is not None and value < low) or (high is not None and value > high):
        raise _fail(where, f"{key}超出类型范围", f"{key} {raw} lies outside the range of {kind!r}")
    if kind in INTEGER_TYPES and value != value.to_integral_value():
        raise _fail(where, f"{key}应为整数", f"{key} {raw} must be a whole number")
    return value


def _choices(raw: Any, kind: str, where: str) -> tuple[str, ...] | None:
    if kind != "choice":
        if raw is not None:
            raise _fail(where, "仅 choice 有可选值", f"choices need type 'choice', not {kind!r}")
        return None
    if not raw:
        raise _fail(where, "choice 类型须列出可选值", "a choice declares its choices = [...]")
    if len(set(raw)) != len(raw):
        raise _fail(where, "可选值重复", f"repeated choices in {raw!r}")
    return tuple(raw)


def declare_value(decl: Mapping[str, Any], where: str, *, column: bool = False) -> ValueSpec:
    """The :class:`ValueSpec` a baseline parameter (or a table column) declares."""
    kind = decl["type"]
    if kind not in (COLUMN_TYPES if column else TYPES):
        raise _fail(where, "未知参数类型", f"unknown type {kind!r}")
    items = decl.get("items")
    if (kind == "list") != (items is not None):
        raise _fail(where, "列表列须声明 items", "a list column, and only it, declares items")
    if items is not None and items not in ITEM_TYPES:
        raise _fail(where, "未知列表项类型", f"unknown item type {items!r}")
    of = items or kind
    minimum = _bound(decl.get("minimum"), "minimum", of, where)
    maximum = _bound(decl.get("maximum"), "maximum", of, where)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise _fail(where, "下限大于上限", f"minimum {minimum} is above maximum {maximum}")
    row = decl.get("row")
    if (kind == "table") != (row is not None):
        raise _fail(where, "表格参数须声明 row", "a table, and only a table, declares its row")
    return ValueSpec(
        type=kind,
        choices=_choices(decl.get("choices"), of, where),
        minimum=minimum,
        maximum=maximum,
        items=items,
        row=_declare_row(row, where) if row is not None else None,
    )


def _declare_row(row: Mapping[str, Any], where: str) -> tuple[Column, ...]:
    columns = []
    for name, decl in row.items():
        spec = declare_value(decl, f"{where}, row column {name}", column=True)
        columns.append(Column(name=name, spec=spec, required=bool(decl.get("required", False))))
    return tuple(columns)


def describe(spec: ValueSpec) -> list[str]:
    """What a declaration allows, in short English lines (for the reference pages)."""
    out: list[str] = []
    if spec.choices:
        out.append("choices: " + ", ".join(spec.choices))
    low, high = spec.bounds()
    if spec.type in NUMERIC_TYPES and (low is not None or high is not None):
        out.append(f"range: {value_range(low, high)}")
    return out


def value_range(low: Decimal | None, high: Decimal | None) -> str:
    """An inclusive range in words: ``≥ 0``, ``≤ 1`` or ``0 … 1 (inclusive)``."""
    if high is None:
        return f"≥ {low}"
    if low is None:
        return f"≤ {high}"
    return f"{low} … {high} (inclusive)"


def column_cells(column: Column) -> Sequence[str]:
    """Column name, type, required and allowed values (for the reference pages)."""
    spec = column.spec
    kind = f"list of {spec.items}" if spec.type == "list" else spec.type
    item = attrs.evolve(spec, type=spec.items) if spec.items else spec
    return (column.name, kind, "yes" if column.required else "no", "; ".join(describe(item)))
