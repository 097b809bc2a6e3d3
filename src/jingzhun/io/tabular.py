"""Registry spreadsheets (CSV, .xlsx) in a column layout: read member rows into household
records, and write them back cell for cell.

Reading: a CSV is UTF-8 with a BOM, UTF-8 or GBK (detected in that order, or given); an
.xlsx is read with python-calamine (the ``xlsx`` extra; openpyxl read-only otherwise). The
member rows of a household (same 户编号) become one household record — the JSON record the
loaders accept, validated by :func:`jingzhun.io.records.iter_records` — and every error
names the sheet, the row and the column. Columns the layout does not list are kept in
``extra`` (per household and per member) and written back untouched.

Writing: CSV in UTF-8 with a BOM (Excel shows the Chinese) or .xlsx (openpyxl), text cells.
A cell whose field was not changed is written back as it was read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.errors import InputError

CSV_ENCODINGS: Final = ("utf-8-sig", "utf-8", "gbk", "gb18030")


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@attrs.frozen(kw_only=True)
class Sheet:
    """The cells of one sheet as text (empty rows left out), with their row numbers."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: tuple[int, ...]  # the spreadsheet row number of each row
    encoding: str | None = None


def where(sheet: str, row: int, col: int | None = None, header: str | None = None) -> str:
    """``工作表 sheet 'S' 第3行 row 3 C列 column C (证件号码)``."""
    text = f"sheet {sheet!r} row {row}"
    if col is not None:
        text += f" column {column_letter(col)}"
    if header:
        text += f" ({header})"
    return text


def _fail(source: str, message: str) -> InputError:
    return InputError(f"{source}: {message}")


def _decode(data: bytes, source: str, encoding: str | None) -> tuple[str, str]:
    """The text and the encoding of a CSV file (BOM, then strict UTF-8, else GBK)."""
    if encoding is not None:
        tried = [encoding]
    elif data.startswith(b"\xef\xbb\xbf"):
        tried = ["utf-8-sig"]
    else:
        tried = ["utf-8", "gbk"]
    first_utf8_error: UnicodeDecodeError | None = None
    for enc in tried:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            if enc == "utf-8" and encoding is None and not data[: exc.start].isascii():
                first_utf8_error = exc  # valid non-ASCII UTF-8 before: a mixed file
                break
            last = exc
        except LookupError:
            raise _fail(source, f"unknown encoding {encoding!r}") from None
    bad = first_utf8_error or last
    line = data.count(b"\n", 0, bad.start) + 1
    col_bytes = data[data.rfind(b"\n", 0, bad.start) + 1 : bad.start]
    column = col_bytes.count(b",") if b'"' not in col_bytes else None
    place = f"row {line}" + (f" column {column_letter(column)}" if column is not None else "")
    header = data.split(b"\n", 1)[0].decode(tried[0], "replace").lstrip("\ufeff").split(",")
    if column is not None and line > 1 and column < len(header):
        place += f" ({header[column].strip()})"
    what = (
        "mixed encodings: UTF-8 earlier, not UTF-8 here"
        if first_utf8_error
        else (f"not {bad.encoding}")
    )
    raise _fail(source, f"{place}: {what} (byte {bad.start}); give --encoding")


def read_csv(path: str | Path, *, encoding: str | None = None) -> Sheet:
    """A CSV file's cells (encoding detected unless given)."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise _fail(source, f"cannot read: {exc.strerror or exc}") from None
    return csv_sheet(data, source, Path(path).stem, encoding=encoding)


def csv_sheet(data: bytes, source: str, name: str, *, encoding: str | None = None) -> Sheet:
    """The cells of CSV bytes (read from a file or standard input), the sheet called ``name``."""
    text, enc = _decode(data, source, encoding)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise _fail(source, "the file is empty: no header row")
    return _sheet(name, rows, source, enc)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value)


def _xlsx_rows(path: Path, sheet: str | None) -> tuple[str, list[list[Any]], list[Any]]:
    try:
        import python_calamine
    except ImportError:
        return _openpyxl_rows(path, sheet)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    name = sheet or book.sheet_names[0]
    ws = book.get_sheet_by_name(name)
    merged = list(getattr(ws, "merged_cell_ranges", None) or ())
    return name, ws.to_python(skip_empty_area=False), merged


def _openpyxl_rows(path: Path, sheet: str | None) -> tuple[str, list[list[Any]], list[Any]]:
    try:
        import openpyxl
    except ImportError:
        raise InputError(
            "reading .xlsx needs python-calamine or openpyxl: pip install 'jingzhun[xlsx]'"
        ) from None
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return ws.title, rows, []


def read_xlsx(path: str | Path, *, sheet: str | None = None) -> Sheet:
    """The cells of one sheet (the first unless named) as text; merged cells are an error."""
    source = str(path)
    try:
        name, raw, merged = _xlsx_rows(Path(path), sheet)
    except InputError:
        raise
    except Exception as exc:  # the readers raise their own types for broken files
        raise _fail(source, f"cannot read the workbook: {exc}") from None
    if merged:
        (r0, c0), (r1, c1) = merged[0]
        raise _fail(
            source,
            f"{where(name, r0 + 1, c0)}: merged cells {column_letter(c0)}{r0 + 1}:"
            f"{column_letter(c1)}{r1 + 1} ({len(merged)} merged range(s)); unmerge them and "
            "repeat the value on every row",
        )
    rows = [[_cell(v) for v in r] for r in raw]
    if not rows:
        raise _fail(source, f"sheet {name!r} is empty: no header row")
    return _sheet(name, rows, source, None)


def _sheet(name: str, rows: list[list[str]], source: str, enc: str | None) -> Sheet:
    headers = [h.strip() for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    for i, h in enumerate(headers):
        if not h:
            raise _fail(source, f"{where(name, 1, i)}: empty header")
        if h in headers[:i]:
            raise _fail(source, f"{where(name, 1, i, h)}: header repeated")
    body: list[tuple[str, ...]] = []
    numbers: list[int] = []
    for r, row in enumerate(rows[1:], 2):
        if any(c.strip() for c in row[width:]):
            extra = next(i for i in range(width, len(row)) if row[i].strip())
            raise _fail(source, f"{where(name, r, extra)}: a value beyond the last header")
        if not any(c.strip() for c in row):
            continue
        body.append(tuple(row[:width]) + ("",) * (width - len(row)))
        numbers.append(r)
    return Sheet(
        name=name, headers=tuple(headers), rows=tuple(body), numbers=tuple(numbers), encoding=enc
    )


def read_sheet(path: str | Path, *, encoding: str | None = None, sheet: str | None = None) -> Sheet:
    """A .xlsx or a CSV file's cells (by the file's suffix)."""
    if str(path).lower().endswith((".xlsx", ".xlsm")):
        return read_xlsx(path, sheet=sheet)
    return read_csv(path, encoding=encoding)
