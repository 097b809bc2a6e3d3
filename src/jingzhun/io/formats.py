"""Record files: JSON (an array, or an object holding one) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from jingzhun.core.errors import InputError
from jingzhun.io.records import RecordError


def split_records(
    text: str, source: str, key: str, jsonl: bool
) -> tuple[list[tuple[int, int | None, Any]], list[RecordError], dict[str, Any]]:
    """Split a file's text into raw records ``(index, line, value)``; non-JSON becomes errors."""
    errors: list[RecordError] = []
    meta: dict[str, Any] = {}
    items: list[tuple[int, int | None, Any]] = []
    if jsonl:
        index = 0
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                index += 1
                value = parse_json_line(index, lineno, line)
                if isinstance(value, RecordError):
                    errors.append(value)
                else:
                    items.append((index, lineno, value))
        return items, errors, meta
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        errors.append(
            RecordError(
                index=None,
                record_id=None,
                path="/",
                line=exc.lineno,
                message=f"文件不是有效的JSON / the file is not valid JSON: "
                f"{exc.msg} (line {exc.lineno}, column {exc.colno})",
            )
        )
        return items, errors, meta
    if isinstance(data, dict):
        meta = {k: v for k, v in data.items() if k != key}
        data = data.get(key)
    if not isinstance(data, list):
        errors.append(
            RecordError(
                index=None,
                record_id=None,
                path=f"/{key}",
                message=f"应为记录数组 / expected an array of records "
                f"(or an object with a '{key}' array)",
            )
        )
        return items, errors, meta
    return [(i, None, rec) for i, rec in enumerate(data, start=1)], errors, meta


def default_reference(text: str) -> dict[str, Any] | None:
    try:
        head = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError:
        return None
    if isinstance(head, dict) and isinstance(head.get("reference"), dict):
        ref: dict[str, Any] = head["reference"]
        return ref
    return None


def read_text(path: Path) -> tuple[str, bool]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到文件 / file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"这是目录 / is a directory: {path}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: 文件不是UTF-8编码 / not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None
    return text, is_jsonl(path)


def is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson")


def parse_json_line(index: int, lineno: int | None, text: str) -> Any:
    """One JSON Lines record, or a :class:`RecordError` if the line is not JSON."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        return RecordError(
            index=index,
            record_id=None,
            path="/",
            line=lineno,
            message=f"不是有效的JSON / not valid JSON: {exc.msg} (column {exc.colno})",
        )


def jsonl_lines(path: Path) -> Iterator[tuple[int, int, str]]:
    """The non-blank lines of a JSON Lines file, read lazily: ``(index, line number, text)``."""
    check_readable(path)
    index = 0
    lineno = 0
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for lineno, text in enumerate(handle, start=1):
                if text.strip():
                    index += 1
                    yield index, lineno, text
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: 第{lineno + 1}行不是UTF-8编码 / line {lineno + 1} is not "
            f"UTF-8 text ({exc.reason})"
        ) from None


def check_readable(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        raise InputError(f"找不到文件 / file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"这是目录 / is a directory: {path}") from None
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None
