"""The policy documents, their checkable clauses, and citations to them.

Clause ids are those of the project's clause inventory (``data/clauses.json``), e.g.
``EXIT2016-3.2-b`` is 《关于建立贫困退出机制的意见》三、（二）.

>>> cite("EXIT2016-3.2-b").locator
'三、（二）'
>>> document("MECH2014").number
'中办发〔2013〕25号'
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

import attrs

from jingzhun.core.errors import UnknownClauseError
from jingzhun.core.resources import load_json


@attrs.frozen(kw_only=True)
class Document:
    """A policy document of the seed corpus."""

    id: str
    title: str
    title_en: str
    issuer: str
    date: str | None
    number: str | None
    seed: str


@attrs.frozen(kw_only=True)
class Clause:
    """One checkable rule of a document, with its native locator and verbatim quote."""

    id: str
    document: str
    locator: str
    quote: str
    topic: str
    kind: str
    checkable: str
    english: str
    seed_line: int


@attrs.frozen(kw_only=True)
class Citation:
    """Where a rule or a value comes from: a clause of a policy document or a public source.

    ``status`` is ``confirmed`` for the seed documents and for sources that state the value;
    ``partial`` or ``unconfirmed`` where the source is weak (see the parameter data).
    """

    title: str
    quote: str
    issuer: str | None = None
    date: str | None = None
    number: str | None = None
    locator: str | None = None
    clause_id: str | None = None
    url: str | None = None
    status: str = "confirmed"

    def to_dict(self) -> dict[str, Any]:
        """A fresh dict (its values are strings; the cached one stays read-only)."""
        return dict(_citation_dict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        return cls(**data)

    def short(self) -> str:
        """《Title》locator — the form used in messages."""
        return f"《{self.title}》{self.locator or ''}"


@lru_cache(maxsize=4096)
def _citation_dict(c: Citation) -> Mapping[str, Any]:
    return MappingProxyType({k: v for k, v in attrs.asdict(c).items() if v is not None})


@cache
def _registry() -> tuple[dict[str, Document], dict[str, Clause]]:
    docs = {
        row["id"]: Document(
            **{
                k: row.get(k)
                for k in ("id", "title", "title_en", "issuer", "date", "number", "seed")
            }
        )
        for row in load_json("data", "documents.json")["documents"]
    }
    clauses = {row["id"]: Clause(**row) for row in load_json("data", "clauses.json")["clauses"]}
    return docs, clauses


def documents() -> tuple[Document, ...]:
    return tuple(_registry()[0].values())


def document(doc_id: str) -> Document:
    try:
        return _registry()[0][doc_id]
    except KeyError:
        raise UnknownClauseError(f"未知文件 / unknown document id {doc_id!r}") from None


def clauses() -> tuple[Clause, ...]:
    """Every clause of the inventory, in inventory order."""
    return tuple(_registry()[1].values())


def clause(clause_id: str) -> Clause:
    try:
        return _registry()[1][clause_id]
    except KeyError:
        raise UnknownClauseError(f"未知条款 / unknown clause id {clause_id!r}") from None


@cache
def cite(clause_id: str) -> Citation:
    """The citation of a clause: document title, issuer, date, number, locator and quote."""
    c = clause(clause_id)
    d = document(c.document)
    return Citation(
        title=d.title,
        issuer=d.issuer,
        date=d.date,
        number=d.number,
        locator=c.locator,
        quote=c.quote,
        clause_id=c.id,
        status="secondary" if d.id == "BOOK2017" else "confirmed",
    )
