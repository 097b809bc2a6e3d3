"""Member rows of a registry sheet ↔ household records (see :mod:`jingzhun.io.tabular`).

:func:`read_households` groups the rows of a household (same key column, e.g. 户编号), turns
each cell into its field through the :class:`~jingzhun.io.layouts.Layout`, validates the
records like the JSON loaders do and names every error by sheet, row and column.
:func:`write_households` writes them back: a cell whose field was not changed is the text
that was read, unmodelled columns come from ``extra``.
"""

from __future__ import annotations

import copy
import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from jingzhun.core.errors import InputError
from jingzhun.domain.model import Household
from jingzhun.io.converters import household_from_dict
from jingzhun.io.layouts import Column, Layout, load_layout
from jingzhun.io.records import RecordError, iter_records
from jingzhun.io.tabular import Sheet, column_letter, read_sheet, where


@attrs.define(kw_only=True)
class SheetHousehold:
    """One household of a sheet: its JSON record, the rows it came from and what the layout
    does not model (``extra``: header → cell text, for the household and for each member)."""

    record: dict[str, Any]
    rows: tuple[int, ...]
    extra: dict[str, str]
    member_extra: list[dict[str, str]]
    household: Household | None = None
    cells: tuple[tuple[str, ...], ...] = ()
    read_as: dict[str, Any] = attrs.field(factory=dict)


@attrs.frozen(kw_only=True)
class SheetResult:
    source: str
    sheet: Sheet
    layout: Layout
    households: tuple[SheetHousehold, ...]
    errors: tuple[RecordError, ...]

    def raise_for_errors(self, limit: int = 50) -> None:
        if self.errors:
            lines = [f"{self.source}: {len(self.errors)} error(s)"]
            lines += [f"  {e.path}: {e.message}" for e in self.errors[:limit]]
            raise InputError("\n".join(lines), self.errors)


def _error(
    sheet: str,
    row: int,
    col: int | None,
    header: str | None,
    msg: str,
    rid: str | None,
    index: int | None = None,
) -> RecordError:
    return RecordError(
        index=index, record_id=rid, path=where(sheet, row, col, header), message=msg, line=row
    )


def _check_headers(sheet: Sheet, layout: Layout, source: str) -> None:
    missing = [c.header for c in layout.columns if c.required and c.header not in sheet.headers]
    if missing:
        known = "、".join(c.header for c in layout.columns if c.required)
        raise InputError(
            f"{source}: sheet {sheet.name!r} row 1: missing required column(s) "
            f"{'、'.join(missing)} (layout {layout.name} needs {known}); wrong header row or "
            "wrong layout? (--layout FILE)"
        )


def _set(record: dict[str, Any], field: str, value: Any) -> None:
    parts = field.split(".")
    for p in parts[:-1]:
        record = record.setdefault(p, {})
    record[parts[-1]] = value


def _get(record: dict[str, Any], field: str) -> Any:
    for p in field.split("."):
        if not isinstance(record, dict):
            return None
        record = record.get(p)  # type: ignore[assignment]
    return record


def _group(sheet: Sheet, layout: Layout) -> dict[str, list[int]]:
    key = sheet.headers.index(layout.household_key)
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(sheet.rows):
        groups.setdefault(row[key].strip(), []).append(i)
    return groups


def _convert(
    sheet: Sheet, layout: Layout, idx: list[int], errors: list[RecordError]
) -> SheetHousehold:
    cols = [(j, layout.column(h)) for j, h in enumerate(sheet.headers)]
    record: dict[str, Any] = {}
    members: list[dict[str, Any]] = []
    extra: dict[str, str] = {}
    member_extra: list[dict[str, str]] = []
    first = sheet.rows[idx[0]]
    rid = first[sheet.headers.index(layout.household_key)].strip() or None
    for n, i in enumerate(idx):
        row, number = sheet.rows[i], sheet.numbers[i]
        member: dict[str, Any] = {}
        mextra: dict[str, str] = {}
        for j, col in cols:
            text = row[j]
            if col is None:
                if n == 0:
                    extra[sheet.headers[j]] = text
                if n > 0 and text != first[j]:
                    mextra[sheet.headers[j]] = text
                continue
            if col.level == "household" and n > 0:
                if text.strip() != first[j].strip():
                    errors.append(
                        _error(
                            sheet.name,
                            number,
                            j,
                            col.header,
                            f"differs from row {sheet.numbers[idx[0]]} of the same "
                            "household: a household field must be repeated as is",
                            rid,
                        )
                    )
                continue
            _cell_value(layout, col, text, record, member, (sheet.name, number, j), errors, rid)
        if n > 0 or any(c is not None and c.level == "member" for _, c in cols):
            members.append(member)
            member_extra.append(mextra)
    if members:
        record["members"] = members
    cells = tuple(sheet.rows[i] for i in idx)
    rows = tuple(sheet.numbers[i] for i in idx)
    return SheetHousehold(
        record=record,
        rows=rows,
        extra=extra,
        member_extra=member_extra,
        cells=cells,
        read_as=copy.deepcopy(record),
    )


def _cell_value(
    layout: Layout,
    col: Column,
    text: str,
    record: dict[str, Any],
    member: dict[str, Any],
    at: tuple[str, int, int],
    errors: list[RecordError],
    rid: str | None,
) -> None:
    try:
        value = layout.parse(col, text)
    except ValueError as exc:
        errors.append(_error(at[0], at[1], at[2], col.header, str(exc), rid))
        return
    if value is None:
        if col.required:
            errors.append(_error(at[0], at[1], at[2], col.header, "empty required cell", rid))
        return
    if col.level == "member":
        _set(member, col.key, value)
        if col.kind == "code":
            for k, v in layout.entry(col, text.strip()).implies:
                member[k] = v
    else:
        _set(record, col.field, value)


def _locate(h: SheetHousehold, path: str, sheet: Sheet, layout: Layout) -> str:
    parts = path.strip("/").split("/")
    row = h.rows[0]
    field = ".".join(p for p in parts if not p.isdigit())
    if parts[0] == "members" and len(parts) > 1 and parts[1].isdigit():
        k = int(parts[1])
        row = h.rows[k] if k < len(h.rows) else row
        field = "members." + ".".join(parts[2:]) if len(parts) > 2 else "members"
    for j, header in enumerate(sheet.headers):
        col = layout.column(header)
        if col is not None and (col.field == field or field.startswith(col.field + ".")):
            return where(sheet.name, row, j, header)
    return where(sheet.name, row) + f" {path}"


def read_households(
    path: str | Path,
    *,
    layout: Layout | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    show_personal: bool = False,
) -> SheetResult:
    """Read a registry sheet into household records (each error named by sheet, row, column)."""
    lay = layout or load_layout()
    data = read_sheet(path, encoding=encoding, sheet=sheet)
    return households_of(data, lay, str(path), show_personal=show_personal)


def households_of(
    data: Sheet, layout: Layout, source: str, *, show_personal: bool = False
) -> SheetResult:
    _check_headers(data, layout, source)
    errors: list[RecordError] = []
    households: list[SheetHousehold] = []
    clean: list[SheetHousehold] = []  # a household with a bad cell is not validated again
    for idx in _group(data, layout).values():
        before = len(errors)
        households.append(_convert(data, layout, idx, errors))
        if len(errors) == before:
            clean.append(households[-1])
    items = [(n, h.rows[0], h.record) for n, h in enumerate(clean, 1)]
    for loaded, h in zip(
        iter_records(
            items,
            schema="household.schema.json",
            id_field="household_id",
            convert=household_from_dict,
            show_personal=show_personal,
        ),
        clean,
        strict=True,
    ):
        h.household = loaded.record
        for e in loaded.errors:
            errors.append(attrs.evolve(e, path=_locate(h, e.path, data, layout)))
    errors.sort(key=lambda e: (e.line or 0, e.path))
    return SheetResult(
        source=source, sheet=data, layout=layout, households=tuple(households), errors=tuple(errors)
    )


def household_rows(h: SheetHousehold, headers: Sequence[str], layout: Layout) -> list[list[str]]:
    """The cells of a household's rows; unchanged fields as they were read."""
    if (h.record == h.read_as and len(h.cells) == len(h.record.get("members", ()))) or (
        h.record == h.read_as and not h.record.get("members")
    ):
        return [list(r) for r in h.cells]
    members = h.record.get("members") or [{}]
    before = h.read_as.get("members") or [{}]
    out: list[list[str]] = []
    for n, member in enumerate(members):
        old = before[n] if n < len(before) else None
        orig = h.cells[n] if n < len(h.cells) else None
        row: list[str] = []
        for j, header in enumerate(headers):
            col = layout.column(header)
            if col is None:
                mx = h.member_extra[n] if n < len(h.member_extra) else {}
                row.append(mx.get(header, h.extra.get(header, "")))
                continue
            scope, was = (member, old) if col.level == "member" else (h.record, h.read_as)
            key = col.key if col.level == "member" else col.field
            value = _get(scope, key)
            if orig is not None and was is not None and _get(was, key) == value:
                row.append(orig[j] if col.level == "member" else h.cells[0][j])
            else:
                row.append(layout.render(col, value, member))
        out.append(row)
    return out


def write_households(
    households: Iterable[SheetHousehold],
    headers: Sequence[str],
    path: str | Path,
    layout: Layout | None = None,
    *,
    sheet: str = "Sheet1",
) -> None:
    """Write households back (.xlsx by the suffix, else CSV in UTF-8 with a BOM)."""
    lay = layout or load_layout()
    rows = [r for h in households for r in household_rows(h, headers, lay)]
    write_rows(headers, rows, path, sheet=sheet)


def write_rows(
    headers: Sequence[str], rows: Iterable[Sequence[str]], path: str | Path, *, sheet: str
) -> None:
    if str(path).lower().endswith(".xlsx"):
        try:
            import openpyxl
        except ImportError:
            raise InputError("writing .xlsx needs openpyxl: pip install 'jingzhun[xlsx]'") from None
        book = openpyxl.Workbook(write_only=True)
        ws = book.create_sheet(sheet)
        ws.append(list(headers))
        for r in rows:
            ws.append(list(r))
        book.save(str(path))
        return
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(headers)
        w.writerows(rows)


__all__ = [
    "SheetHousehold",
    "SheetResult",
    "column_letter",
    "households_of",
    "read_households",
    "write_households",
    "write_rows",
]
