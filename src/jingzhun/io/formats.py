"""Record files: JSON (an array, or an object holding one) and JSON Lines.

All JSON is parsed by :func:`parse_json`: duplicate keys, ``NaN`` / ``Infinity``, numbers
too long to read, nesting too deep and lone surrogates are reported, never resolved
silently. JSON Lines are split on ``\\n`` only (:func:`split_lines`), in text as in files.
"""

from __future__ import annotations

import gc
import json
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

from jingzhun.core.errors import InputError
from jingzhun.io.records import RecordError, Rejected, printable

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_BOM = b"\xef\xbb\xbf"
_ID_FIELDS = ("household_id", "village_id", "county_code")  # a county's id is its code


class JsonSyntaxError(Exception):
    """Text that is not acceptable JSON: the message, and the line where known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def where(self, lines: bool) -> str:
        """The message with its position (the line too if ``lines``)."""
        if self.column is None:
            return self.message
        at = f"line {self.line}, column {self.column}" if lines else f"column {self.column}"
        return f"{self.message} ({at})"


class _Duplicated(dict[str, Any]):
    """An object in which some keys occur more than once (the last value is kept)."""

    duplicates: tuple[str, ...] = ()


def _constant(name: str) -> Any:
    raise JsonSyntaxError(f"{name} 不是JSON数 / {name} is not a JSON number")


def parse_json(text: str) -> tuple[Any, bool]:
    """Parse JSON text; numbers with a fraction or exponent become ``Decimal``.

    Returns the value and whether :func:`problems` must look at it (an object has a
    duplicate key, or the text has a ``\\uD800``-style escape). Raises :class:`JsonSyntaxError`.
    """
    duplicated: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        counts: dict[str, int] = {}
        for k, _v in items:
            counts[k] = counts.get(k, 0) + 1
        marked = _Duplicated(obj)
        marked.duplicates = tuple(k for k, n in counts.items() if n > 1)
        duplicated.append(True)
        return marked

    try:
        value = json.loads(
            text, object_pairs_hook=pairs, parse_float=Decimal, parse_constant=_constant
        )
    except json.JSONDecodeError as exc:
        raise JsonSyntaxError(exc.msg, exc.lineno, exc.colno) from None
    except RecursionError:
        raise JsonSyntaxError("嵌套过深 / nested too deeply") from None
    except ValueError:  # int() of more than 4300 digits
        raise JsonSyntaxError("数字位数过多 / a number has too many digits") from None
    return value, bool(duplicated) or _SURROGATE_ESCAPE.search(text) is not None


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a large file is parsed and loaded.

    Parsing and converting builds millions of objects that all stay alive; each automatic
    collection would walk every one of them again (a third of a large registry's load time)
    and free nothing. The loaders make no reference cycles worth collecting in the meantime;
    the collector is re-enabled afterwards if it was enabled before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pointer(parts: tuple[str, ...]) -> str:
    """A JSON Pointer (RFC 6901) to ``parts``."""
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts) if parts else "/"


def _lone_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


_SURROGATE_MESSAGE = (
    "含孤立代理项（非Unicode字符）/ holds a lone surrogate (\\ud800–\\udfff), "
    "which is not a Unicode character"
)


def _dup_message(key: str) -> str:
    return (
        f"键重复 / duplicate key {printable(key, 40)!r}: the object is ambiguous "
        f"(对象有歧义), give each key once"
    )


def problems(value: Any) -> list[tuple[str, str]]:
    """``(path, message)`` for every duplicate key and every string with a lone surrogate."""
    found: set[tuple[str, str]] = set()
    stack: list[tuple[Any, tuple[str, ...]]] = [(value, ())]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str) and _lone_surrogate(item):
            found.add((pointer(where), _SURROGATE_MESSAGE))
        elif isinstance(item, list):
            stack.extend((v, (*where, str(i))) for i, v in enumerate(item))
        elif isinstance(item, dict):
            stack.extend((v, (*where, k)) for k, v in item.items())
            found.update((pointer(where), _SURROGATE_MESSAGE) for k in item if _lone_surrogate(k))
            for key in getattr(item, "duplicates", ()):
                found.add((pointer((*where, key)), _dup_message(key)))
    return sorted(found)


def split_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of JSON Lines text with their numbers: split on ``\\n`` only, ``\\r`` stripped."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        yield lineno, line[:-1] if line.endswith("\r") else line


def split_records(
    text: str, source: str, key: str, jsonl: bool
) -> tuple[list[tuple[int, int | None, Any]], list[RecordError], dict[str, Any]]:
    """Split a file's text into raw records ``(index, line, value)``; non-JSON becomes errors."""
    errors: list[RecordError] = []
    items: list[tuple[int, int | None, Any]] = []
    if jsonl:
        index = 0
        for lineno, line in split_lines(text):
            if line.strip():
                index += 1
                value = parse_json_line(index, lineno, line)
                if isinstance(value, RecordError):
                    errors.append(value)
                elif isinstance(value, Rejected):
                    errors += value.errors
                else:
                    items.append((index, lineno, value))
        return items, errors, {}
    try:
        data, suspect = parse_json(text)
    except JsonSyntaxError as exc:
        message = f"文件不是有效的JSON / the file is not valid JSON: {exc.where(lines=True)}"
        return [], [_file_error("/", message, exc.line)], {}
    return _records_of(data, suspect, key)


def _file_error(path: str, message: str, line: int | None = None) -> RecordError:
    return RecordError(index=None, record_id=None, path=path, line=line, message=message)


def _records_of(
    data: Any, suspect: bool, key: str
) -> tuple[list[tuple[int, int | None, Any]], list[RecordError], dict[str, Any]]:
    meta: dict[str, Any] = {}
    if isinstance(data, dict):
        meta = {k: v for k, v in data.items() if k != key}
        if suspect and (wrapper := _wrapper_problems(data, key)):
            return [], wrapper, meta
        data = data.get(key)
    if not isinstance(data, list):
        message = f"应为记录数组 / expected an array of records (or an object with a '{key}' array)"
        return [], [_file_error(f"/{key}", message)], meta
    if not suspect:
        return [(i, None, rec) for i, rec in enumerate(data, start=1)], [], meta
    items: list[tuple[int, int | None, Any]] = []
    errors: list[RecordError] = []
    for i, rec in enumerate(data, start=1):
        found = problems(rec)
        if not found:
            items.append((i, None, rec))
        errors += [_record_error(i, None, rec, p, m) for p, m in found]
    return items, errors, meta


def _wrapper_problems(data: dict[str, Any], key: str) -> list[RecordError]:
    """Problems of the wrapper object itself (not of its records): file-level errors."""
    shallow = _Duplicated({k: (None if k == key else v) for k, v in data.items()})
    shallow.duplicates = getattr(data, "duplicates", ())
    return [_file_error(p, m) for p, m in problems(shallow)]


def _record_error(index: int, line: int | None, raw: Any, path: str, message: str) -> RecordError:
    rid = None
    if isinstance(raw, dict):
        ambiguous = getattr(raw, "duplicates", ())
        field = next((k for k in _ID_FIELDS if k in raw), None)  # the first that is there
        rid = raw[field] if field is not None and field not in ambiguous else None
    rid = rid if isinstance(rid, str) else None
    return RecordError(index=index, record_id=rid, line=line, path=path, message=message)


def default_reference(text: str) -> dict[str, Any] | None:
    try:
        head, _suspect = parse_json(text)
    except JsonSyntaxError:
        return None
    if isinstance(head, dict) and isinstance(head.get("reference"), dict):
        ref: dict[str, Any] = head["reference"]
        return ref
    return None


def _regular(path: Path) -> None:
    """Refuse what is not a regular file: a directory, a pipe, a device (``/dev/zero``)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"找不到文件 / file not found: {path}") from None
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"这是目录 / is a directory: {path}")
    if not stat.S_ISREG(mode):
        raise InputError(
            f"{path}: 不是普通文件（管道、设备等）/ not a regular file (a pipe, device or "
            f"socket); save the records to a file first"
        )


def _read_bytes(path: Path) -> bytes:
    _regular(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None


def _decode(data: bytes, path: Path, first_line: int = 1) -> str:
    """UTF-8 bytes (a byte-order mark at the start of the file dropped) → text."""
    if first_line == 1:
        data = data.removeprefix(_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise InputError(
            f"{path}: 第{line}行不是UTF-8编码 / line {line} is not UTF-8 text ({exc.reason})"
        ) from None


def read_text(path: Path) -> tuple[str, bool]:
    return _decode(_read_bytes(path), path), is_jsonl(path)


def is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson")


def parse_json_line(index: int, lineno: int | None, text: str) -> Any:
    """One JSON Lines record; a :class:`RecordError` if the line is not JSON; a
    :class:`Rejected` naming every duplicate key and lone surrogate of the line, each with
    its path, as :func:`split_records` does for a record of a JSON array."""
    try:
        value, suspect = parse_json(text)
    except JsonSyntaxError as exc:
        return RecordError(
            index=index,
            record_id=None,
            path="/",
            line=lineno,
            message=f"不是有效的JSON / not valid JSON: {exc.where(lines=False)}",
        )
    found = problems(value) if suspect else []
    if found:
        return Rejected(errors=tuple(_record_error(index, lineno, value, p, m) for p, m in found))
    return value


def jsonl_lines(path: Path) -> Iterator[tuple[int, int, str]]:
    """The non-blank lines of a JSON Lines file, read lazily: ``(index, line number, text)``.

    Lines are split on ``\\n`` only and counted in bytes, so a line that is not UTF-8 is
    named by its true number.
    """
    _regular(path)
    index = 0
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            text = _decode(raw, path, lineno).removesuffix("\n").removesuffix("\r")
            if text.strip():
                index += 1
                yield index, lineno, text


def check_readable(path: Path) -> None:
    _regular(path)
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None
