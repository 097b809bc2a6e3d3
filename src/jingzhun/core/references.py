"""Stable ids for citations and parameter uses, and the tables a compact decision refers to.

A batch of decisions repeats the same few citations and parameter values thousands of times.
The compact decision form (``Decision.to_dict(compact=True)``) writes each of them as an id
instead; a :class:`References` collector gathers the tables that resolve the ids, once for
any number of decisions::

    {"schema": "urn:jingzhun:schema:references:1",
     "citations": {"EXIT2016-3.2-b": {...citation...}, "c:1f0e…": {...}},
     "parameters": {"p:9a4c…": {...parameter use, "source": "<citation id>"...}}}

The ids depend only on content, never on the order things were collected in:

- a citation's id is its ``clause_id`` when it is exactly the registry's citation of that
  clause (:func:`jingzhun.core.citations.cite`), else ``"c:"`` and the first 12 hex digits
  of the sha256 of its canonical dict (:func:`jingzhun.core.provenance.canonical_json`);
- a parameter use's id is ``"p:"`` and the first 12 hex digits of the sha256 of its
  canonical dict (name, value, unit, period, status, overlay, source, alternatives).

These ids and tables are the dimension tables of the columnar output (issue 12).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

from jingzhun.core.citations import Citation, cite
from jingzhun.core.errors import InputError, UnknownClauseError
from jingzhun.core.provenance import short_hash

if TYPE_CHECKING:
    from jingzhun.core.decisions import Decision, ParameterUse

REFERENCES_ID: Final = "urn:jingzhun:schema:references:1"


@lru_cache(maxsize=8192)
def citation_id(citation: Citation) -> str:
    """The stable id of a citation (its clause id, or ``"c:"`` + a short content hash)."""
    if citation.clause_id is not None:
        try:
            if cite(citation.clause_id) == citation:
                return citation.clause_id
        except UnknownClauseError:
            pass
    return "c:" + short_hash(citation.to_dict())


@lru_cache(maxsize=8192)
def parameter_id(use: ParameterUse) -> str:
    """The stable id of a parameter use (``"p:"`` + a short content hash)."""
    return "p:" + short_hash(use.to_dict())


class References:
    """The citation and parameter tables of compact decisions (see the module docstring).

    ``add(decision)`` collects what a decision (and its basis) refers to; ``to_dict()`` is
    the JSON document; ``References.from_dict`` reads one back, and ``citation(id)`` and
    ``parameter(id)`` resolve ids (an unknown id is an :class:`InputError`).
    """

    def __init__(self) -> None:
        self.citations: dict[str, dict[str, Any]] = {}
        self.parameters: dict[str, dict[str, Any]] = {}
        self._citation: dict[str, Citation] = {}
        self._parameter: dict[str, ParameterUse] = {}

    def __len__(self) -> int:
        return len(self.citations) + len(self.parameters)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, References):
            return NotImplemented
        return (self.citations, self.parameters) == (other.citations, other.parameters)

    __hash__ = None  # type: ignore[assignment]

    def add(self, decision: Decision) -> References:
        """Collect the citations and parameter uses of ``decision`` and its basis."""
        for reason in decision.flat_reasons():
            for c in reason.citations:
                self.add_citation(c)
            for p in reason.parameters:
                self.add_parameter(p)
        return self

    def add_citation(self, citation: Citation) -> str:
        """Enter a citation; returns its id."""
        cid = citation_id(citation)
        if cid not in self.citations:
            self.citations[cid] = citation.to_dict()
            self._citation[cid] = citation
        return cid

    def add_parameter(self, use: ParameterUse) -> str:
        """Enter a parameter use (its sources into the citation table); returns its id."""
        pid = parameter_id(use)
        if pid not in self.parameters:
            entry = use.to_dict()
            entry["source"] = self.add_citation(use.source)
            for alt, alt_entry in zip(use.alternatives, entry.get("alternatives", ()), strict=True):
                alt_entry["source"] = self.add_citation(alt.source)
            self.parameters[pid] = entry
            self._parameter[pid] = use
        return pid

    def citation(self, cid: str) -> Citation:
        """The citation with this id."""
        hit = self._citation.get(cid)
        if hit is None:
            raw = self.citations.get(cid)
            if raw is None:
                raise InputError(f"引用表中没有该引用 / no citation {cid!r} in the references")
            hit = self._citation[cid] = Citation.from_dict(dict(raw))
        return hit

    def parameter(self, pid: str) -> ParameterUse:
        """The parameter use with this id."""
        from jingzhun.core.decisions import ParameterUse

        hit = self._parameter.get(pid)
        if hit is None:
            raw = self.parameters.get(pid)
            if raw is None:
                raise InputError(f"引用表中没有该参数 / no parameter {pid!r} in the references")
            full = dict(raw)
            full["source"] = self.citation(raw["source"]).to_dict()
            full["alternatives"] = [
                {**a, "source": self.citation(a["source"]).to_dict()}
                for a in raw.get("alternatives", ())
            ]
            hit = self._parameter[pid] = ParameterUse.from_dict(full)
        return hit

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": REFERENCES_ID,
            "citations": {k: dict(v) for k, v in self.citations.items()},
            "parameters": {k: dict(v) for k, v in self.parameters.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> References:
        if data.get("schema") != REFERENCES_ID:
            raise InputError(
                f"不支持的引用表 / unsupported references schema {data.get('schema')!r} "
                f"(expected {REFERENCES_ID})"
            )
        out = cls()
        out.citations = {str(k): dict(v) for k, v in data.get("citations", {}).items()}
        out.parameters = {str(k): dict(v) for k, v in data.get("parameters", {}).items()}
        return out
