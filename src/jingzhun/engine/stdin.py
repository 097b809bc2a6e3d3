"""Records from standard input (``-`` as the file of a record command).

Standard input is read once, at most :data:`STDIN_LIMIT` bytes, then fed to the same path as
a file: a JSON document is split into records, JSON Lines stay unparsed text for the workers.
The format is given (``json`` / ``jsonl``) or detected: text starting with ``[``, or with an
object that is not complete on its first line or that has the kind's wrapper key
(``{"households": [...]}``), is JSON; anything else is JSON Lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Final

from jingzhun.core.errors import InputError
from jingzhun.io.formats import _decode, default_reference, split_lines, split_records
from jingzhun.io.kinds import RecordKind
from jingzhun.io.records import RecordError

STDIN: Final = "-"
STDIN_NAME: Final = "<stdin>"
STDIN_LIMIT: Final = 1 << 30
"""At most 1 GiB is read from standard input (about a million household records)."""

Item = tuple[int, int | None, Any, bool]


def read_stdin(stream: IO[bytes], limit: int = STDIN_LIMIT) -> str:
    """All of ``stream`` as UTF-8 text (a leading byte-order mark dropped), at most ``limit``
    bytes: more is an :class:`InputError`, not an exhausted memory."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"标准输入过大 / standard input is too large (over {limit:,} bytes); "
            "save the records to a file and give its name"
        )
    return _decode(data, Path(STDIN_NAME))


def detect_jsonl(text: str, key: str) -> bool:
    """Whether ``text`` is JSON Lines rather than one JSON document (see the module)."""
    head = text.lstrip()
    if not head.startswith("{"):
        return not head.startswith("[")
    first = head.split("\n", 1)[0]
    try:
        value = json.loads(first)
    except ValueError:
        return False  # an object spread over several lines: one JSON document
    return not (isinstance(value, dict) and key in value)


def stdin_items(
    text: str, kind: RecordKind, fmt: str | None = None
) -> tuple[Iterator[Item], list[RecordError], Mapping[str, Any] | None]:
    """The raw records of standard input's text, as :func:`jingzhun.engine.batch.read_items`
    gives them for a file; ``fmt`` is ``"json"``, ``"jsonl"`` or ``None`` (detected)."""
    jsonl = detect_jsonl(text, kind.key) if fmt is None else fmt == "jsonl"
    if jsonl:
        lines = [(n, line) for n, line in split_lines(text) if line.strip()]
        return ((i, n, line, True) for i, (n, line) in enumerate(lines, start=1)), [], None
    items, errors, _meta = split_records(text, STDIN_NAME, kind.key, jsonl=False)
    context = default_reference(text) if kind.reads_reference else None
    return ((i, line, raw, False) for i, line, raw in items), errors, context
