"""Column layouts of registry spreadsheets: which header is which jingzhun field, and the code
tables of their values (data files, ``jingzhun/data/layouts/*.toml``; a province brings its own).

A layout maps each header to a field of the household record (``members.*`` for member
fields) with a *kind* that says how the cell text becomes a JSON value and back; coded kinds
name a code table (cell value → jingzhun code). Columns a layout does not list are carried
through untouched by :mod:`jingzhun.io.tabular`.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.errors import InputError
from jingzhun.core.resources import data_path

KINDS: Final = frozenset(
    {"text", "integer", "money", "date", "county", "code", "codes", "flag", "flag_inverted"}
)
LEVELS: Final = frozenset({"household", "member"})
DEFAULT_LAYOUT: Final = "national-v2"
BUNDLED_LAYOUTS: Final = ("national-v1", "national-v2")
"""The layouts shipped in ``jingzhun/data/layouts`` (v2 adds 帮扶措施); ``--layout NAME`` loads
one."""

_YES: Final = ("是", "1", "Y", "y", "TRUE", "true")
_NO: Final = ("否", "0", "N", "n", "FALSE", "false")
_MONEY = re.compile(r"^-?[0-9]{1,12}(\.[0-9]{1,2})?$")
_DATE = re.compile(r"^([0-9]{4})[-/.年]?([0-9]{1,2})[-/.月]?([0-9]{1,2})日?$")


@attrs.frozen(kw_only=True)
class Entry:
    """One value of a code table: the jingzhun code, plus what else the value implies."""

    code: str
    implies: tuple[tuple[str, Any], ...] = ()  # other member fields, e.g. (("disabled", True),)
    sex: str | None = None  # the sex a relation implies (之子 → male)


@attrs.frozen(kw_only=True)
class Column:
    header: str
    field: str
    level: str
    kind: str
    table: str | None = None
    required: bool = False

    @property
    def key(self) -> str:
        """The field inside its level (``members.sex`` → ``sex``)."""
        return self.field.split(".", 1)[1] if self.level == "member" else self.field


@attrs.frozen(kw_only=True)
class Layout:
    """A versioned column layout (see the module docstring)."""

    name: str
    title: str
    household_key: str
    member_key: str
    columns: tuple[Column, ...]
    tables: Mapping[str, Mapping[str, Entry]]
    separators: tuple[str, ...]
    sources: tuple[Mapping[str, str], ...]

    def column(self, header: str) -> Column | None:
        return self._by_header().get(header)

    def _by_header(self) -> dict[str, Column]:
        return {c.header: c for c in self.columns}

    def parse(self, column: Column, text: str) -> Any:
        """The JSON value of one cell (``None`` for an empty cell); ``ValueError`` if bad."""
        text = text.strip()
        if not text:
            return None
        kind = column.kind
        if kind == "text":
            return text
        if kind == "integer":
            if not re.fullmatch(r"[0-9]{1,9}", text):
                raise ValueError(f"{text!r} is not a whole number")
            return int(text)
        if kind == "money":
            if not _MONEY.match(text):
                raise ValueError(f"{text!r} is not an amount in yuan (at most two decimals)")
            return text
        if kind == "date":
            return _date(text)
        if kind == "county":
            if not re.fullmatch(r"[0-9]{6}([0-9]{3,6})?", text):
                raise ValueError(f"{text!r} is not a division code of 6, 9 or 12 digits")
            return text[:6]
        if kind in ("flag", "flag_inverted"):
            if text in _YES:
                return kind == "flag"
            if text in _NO:
                return kind != "flag"
            raise ValueError(f"{text!r} is not 是/否 (yes/no)")
        if kind == "codes":
            parts = re.split("|".join(map(re.escape, self.separators)), text)
            return [self.entry(column, p.strip()).code for p in parts if p.strip()]
        return self.entry(column, text).code

    def entry(self, column: Column, text: str) -> Entry:
        table = self.tables[column.table or ""]
        found = table.get(text)
        if found is None:
            shown = "、".join(list(table)[:12])
            raise ValueError(f"unknown code {text!r} (known: {shown}…)")
        return found

    def render(self, column: Column, value: Any, member: Mapping[str, Any] | None = None) -> str:
        """The cell text of a JSON value (the first table value listed for a code)."""
        if value is None:
            return ""
        kind = column.kind
        if kind in ("flag", "flag_inverted"):
            return "是" if bool(value) == (kind == "flag") else "否"
        if kind == "codes":
            return self.separators[0].join(self._label(column, v, None) for v in value)
        if kind == "code":
            return self._label(column, value, member)
        return str(value)

    def _label(self, column: Column, code: str, member: Mapping[str, Any] | None) -> str:
        best: tuple[int, str] | None = None
        for text, entry in self.tables[column.table or ""].items():
            if entry.code != code:
                continue
            fits = sum(1 for k, v in entry.implies if member is not None and member.get(k) == v)
            if entry.implies and fits < len(entry.implies):
                continue
            if best is None or fits > best[0]:
                best = (fits, text)
        return best[1] if best else code


def _date(text: str) -> str:
    m = _DATE.match(text)
    if m is None:
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a date: {exc}") from None


def _entry(raw: Any, where: str) -> Entry:
    if isinstance(raw, str):
        return Entry(code=raw)
    if isinstance(raw, dict) and isinstance(raw.get("code"), str):
        rest = {k: v for k, v in raw.items() if k not in ("code", "sex")}
        sex = raw.get("sex")
        if sex is not None and sex not in ("male", "female"):
            raise InputError(f"{where}: sex must be male or female")
        return Entry(code=raw["code"], implies=tuple(sorted(rest.items())), sex=sex)
    raise InputError(f"{where}: a code table value is a code or {{ code = …, … }}")


def _column(raw: Any, i: int, tables: Mapping[str, Any]) -> Column:
    where = f"column #{i}"
    if not isinstance(raw, dict):
        raise InputError(f"{where}: not a table")
    try:
        col = Column(
            header=str(raw["header"]),
            field=str(raw["field"]),
            level=str(raw["level"]),
            kind=str(raw["kind"]),
            table=raw.get("table"),
            required=bool(raw.get("required", False)),
        )
    except KeyError as exc:
        raise InputError(f"{where}: missing {exc.args[0]}") from None
    if col.level not in LEVELS or col.kind not in KINDS:
        raise InputError(
            f"{where} ({col.header}): unknown level {col.level!r} or kind {col.kind!r}"
        )
    if col.level == "member" and not col.field.startswith("members."):
        raise InputError(f"{where} ({col.header}): a member field starts with 'members.'")
    if col.kind in ("code", "codes") and col.table not in tables:
        raise InputError(f"{where} ({col.header}): no code table {col.table!r}")
    return col


def layout_from_dict(raw: Mapping[str, Any], source: str = "layout") -> Layout:
    """Check and build a layout from its parsed TOML (``InputError`` naming what is wrong)."""
    if raw.get("schema_version") != 1:
        raise InputError(f"{source}: schema_version must be 1")
    tables_raw = raw.get("tables", {})
    tables = {
        name: {str(k): _entry(v, f"{source}: tables.{name}.{k}") for k, v in table.items()}
        for name, table in tables_raw.items()
    }
    try:
        columns = tuple(_column(c, i, tables) for i, c in enumerate(raw["column"], 1))
        layout = Layout(
            name=str(raw["name"]),
            title=str(raw.get("title", raw["name"])),
            household_key=str(raw["household_key"]),
            member_key=str(raw["member_key"]),
            columns=columns,
            tables=tables,
            separators=tuple(raw.get("list_separators", ["、"])),
            sources=tuple(raw.get("sources", ())),
        )
    except KeyError as exc:
        raise InputError(f"{source}: missing {exc.args[0]}") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    headers = [c.header for c in columns]
    if len(set(headers)) != len(headers):
        raise InputError(f"{source}: a header is listed twice")
    for key in (layout.household_key, layout.member_key):
        if key not in headers:
            raise InputError(f"{source}: the key column {key!r} is not a column")
    return layout


def load_layout(path: str | Path | None = None) -> Layout:
    """The bundled national layout, a bundled one by name (:data:`BUNDLED_LAYOUTS`), or a
    province's own layout file."""
    name = DEFAULT_LAYOUT if path is None else str(path)
    if name in BUNDLED_LAYOUTS:
        text = data_path("data", "layouts", f"{name}.toml").read_text(encoding="utf-8")
        source = name
    else:
        source = str(path)
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{source}: cannot read the layout: {exc}") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not TOML: {exc}") from None
    return layout_from_dict(raw, source)
