"""References written once for compact output (``--compact``).

Compact rows name citations and parameter uses by id (:mod:`jingzhun.core.references`).
Their tables reach the writer with the rows, one table per chunk; :class:`ReferenceStream`
passes on only the entries not written before. In JSON Lines a references line
(``urn:jingzhun:schema:references:1``, with just the new entries) comes before the first
row that needs them, so a reader can resolve every row as it streams; the JSON document
carries the whole table as its ``references`` member.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from jingzhun.core.references import REFERENCES_ID

_TABLES = ("citations", "parameters")


class ReferenceStream:
    """The reference entries written so far, and the new ones of each chunk's table."""

    def __init__(self) -> None:
        self.written: dict[str, dict[str, Any]] = {name: {} for name in _TABLES}
        self._last: Mapping[str, Any] | None = None  # held, so it is never another chunk's

    def news(self, tables: Mapping[str, Any] | None) -> dict[str, Any] | None:
        """The entries of ``tables`` not passed on before, as a references document (None
        when there are none); rows of one chunk share one table, looked at once."""
        if tables is None or tables is self._last:
            return None
        self._last = tables
        fresh: dict[str, Any] = {"schema": REFERENCES_ID}
        for name in _TABLES:
            seen = self.written[name]
            new = {k: v for k, v in tables.get(name, {}).items() if k not in seen}
            seen.update(new)
            fresh[name] = new
        return fresh if any(fresh[name] for name in _TABLES) else None

    def line(self, tables: Mapping[str, Any] | None) -> str:
        """A JSON Lines references line for the new entries, or ``""``."""
        fresh = self.news(tables)
        return "" if fresh is None else json.dumps(fresh, ensure_ascii=False) + "\n"

    def document(self) -> dict[str, Any]:
        """Every entry passed on, as one references document."""
        return {"schema": REFERENCES_ID, **{k: dict(v) for k, v in self.written.items()}}
