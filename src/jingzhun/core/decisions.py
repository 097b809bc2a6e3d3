"""Explained decisions: an outcome plus ordered reasons, each with evidence and citations.

A :class:`Decision` is plain data. It compares equal to another with the same content,
serialises to versioned JSON (``Decision.to_json``) described by the JSON Schema
``schemas/decision.schema.json``, and reads back (``Decision.from_json``) unchanged.

A decision composed from other rules' decisions keeps them whole in ``basis`` (schema
version 2) instead of copying their reasons. Version 3 adds ``provenance`` (library version,
parameter fingerprint and overlays, :mod:`jingzhun.core.provenance`); a decision in a basis
leaves it out when it equals its parent's. Versions 1 and 2 still read (no provenance).

The compact form (``to_dict(compact=True)``, schema ``decision-compact``) writes citations
and parameter sources as ids resolved by a :class:`~jingzhun.core.references.References`
table; ``Decision.from_dict(data, references=refs)`` reads it back to an equal decision.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final

import attrs

from jingzhun.core.citations import Citation
from jingzhun.core.dates import as_date
from jingzhun.core.errors import (
    InputError,
    JingzhunError,
    UnknownReasonError,
    UnsupportedSchemaVersionError,
)
from jingzhun.core.labels import Labelled
from jingzhun.core.provenance import Provenance
from jingzhun.core.references import References, citation_id, parameter_id

SCHEMA_VERSION: Final = 3
SCHEMA_ID: Final = "urn:jingzhun:schema:decision:3"
COMPACT_SCHEMA_ID: Final = "urn:jingzhun:schema:decision-compact:3"
READABLE_VERSIONS: Final = (1, 2, 3)

Scalar = str | int | bool | None


def scalar(value: object) -> Scalar:
    """Normalise an evidence value to a JSON scalar without losing exactness."""
    if type(value) is Decimal:
        return str(value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Labelled):
        code: str = value.value
        return code
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(value, key=str) if isinstance(value, frozenset | set) else value
        return "、".join(str(scalar(v)) for v in items)
    raise TypeError(f"cannot use {type(value).__name__} as evidence: {value!r}")


class Outcome(Labelled):
    """The answer to the decision's question."""

    MET = ("met", "符合", "met")
    NOT_MET = ("not_met", "不符合", "not met")
    UNDETERMINED = ("undetermined", "无法判定", "undetermined")


class Effect(Labelled):
    """How a reason bears on the outcome."""

    SUPPORTS = ("supports", "支持", "supports")
    OPPOSES = ("opposes", "否定", "opposes")
    BLOCKS = ("blocks", "无法判定", "prevents a determination")
    NOTE = ("note", "说明", "note")


@attrs.frozen(kw_only=True)
class Evidence:
    """An input value the rule used."""

    name: str
    value: Scalar = attrs.field(converter=scalar)
    unit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "value": self.value}
        if self.unit is not None:
            out["unit"] = self.unit
        return out


_new = object.__new__
_set = object.__setattr__


def evidence(name: str, value: object, unit: str | None = None) -> Evidence:
    """``Evidence(name=..., value=..., unit=...)`` without keyword parsing, for hot paths."""
    e: Evidence = _new(Evidence)
    _set(e, "name", name)
    _set(e, "value", scalar(value))
    _set(e, "unit", unit)
    return e


@attrs.frozen(kw_only=True)
class Alternative:
    """Another reading of a parameter's value that the sources support, with its own status."""

    value: Scalar = attrs.field(converter=scalar)
    status: str
    source: Citation
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "status": self.status}
        if self.note is not None:
            out["note"] = self.note
        out["source"] = self.source.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Alternative:
        return cls(
            value=data["value"],
            status=data["status"],
            note=data.get("note"),
            source=Citation.from_dict(data["source"]),
        )


@attrs.frozen(kw_only=True)
class ParameterUse:
    """A parameter value the rule used, with the period it is in force and its own source."""

    name: str
    value: Scalar = attrs.field(converter=scalar)
    unit: str | None
    valid_from: str
    valid_until: str | None
    status: str
    source: Citation
    overlay: str | None = None
    alternatives: tuple[Alternative, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A fresh dict (nothing in it is shared with the cache or another decision)."""
        out = dict(_parameter_use_dict(self))
        out["source"] = self.source.to_dict()
        if self.alternatives:
            out["alternatives"] = [a.to_dict() for a in self.alternatives]
        return out

    def to_compact(self) -> dict[str, Any]:
        """``{"name", "value", "unit", "ref"}``: the use by its id (see :class:`References`)."""
        ref = parameter_id(self)
        return {"name": self.name, "value": self.value, "unit": self.unit, "ref": ref}

    def _to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "valid_from": self.valid_from,
            "valid_until": self.valid_until,
            "status": self.status,
            "overlay": self.overlay,
            "source": self.source.to_dict(),
        }
        if self.alternatives:
            out["alternatives"] = [a.to_dict() for a in self.alternatives]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParameterUse:
        return cls(
            name=data["name"],
            value=data["value"],
            unit=data.get("unit"),
            valid_from=data["valid_from"],
            valid_until=data.get("valid_until"),
            status=data["status"],
            overlay=data.get("overlay"),
            source=Citation.from_dict(data["source"]),
            alternatives=tuple(Alternative.from_dict(a) for a in data.get("alternatives", ())),
        )


@lru_cache(maxsize=4096)
def _parameter_use_dict(use: ParameterUse) -> Mapping[str, Any]:
    """The cached dict of a parameter use, read-only: ``to_dict`` copies it and rebuilds its
    nested values, so an edit of a returned dict never reaches a later decision."""
    return MappingProxyType(use._to_dict())


@attrs.frozen(kw_only=True)
class Reason:
    """One step of a decision's explanation."""

    code: str
    effect: Effect
    message_zh: str
    message_en: str
    evidence: tuple[Evidence, ...] = ()
    parameters: tuple[ParameterUse, ...] = ()
    citations: tuple[Citation, ...] = ()

    def to_dict(self, *, compact: bool = False) -> dict[str, Any]:
        """The JSON form; ``compact`` writes parameters and citations by id."""
        return {
            "code": self.code,
            "effect": self.effect.value,
            "message_zh": self.message_zh,
            "message_en": self.message_en,
            "evidence": [e.to_dict() for e in self.evidence],
            "parameters": [p.to_compact() if compact else p.to_dict() for p in self.parameters],
            "citations": [citation_id(c) if compact else c.to_dict() for c in self.citations],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], references: References | None = None) -> Reason:
        """Read the JSON form; with ``references``, the compact form."""
        if references is None:
            params = tuple(ParameterUse.from_dict(p) for p in data.get("parameters", ()))
            cites = tuple(Citation.from_dict(c) for c in data.get("citations", ()))
        else:
            params = tuple(references.parameter(p["ref"]) for p in data.get("parameters", ()))
            cites = tuple(references.citation(c) for c in data.get("citations", ()))
        return cls(
            code=data["code"],
            effect=Effect.of(data["effect"]),
            message_zh=data["message_zh"],
            message_en=data["message_en"],
            evidence=tuple(Evidence(**e) for e in data.get("evidence", ())),
            parameters=params,
            citations=cites,
        )


@attrs.frozen(kw_only=True)
class ReasonCode:
    """A stable reason code with its bilingual message templates (``str.format`` fields)."""

    code: str
    zh: str
    en: str
    citations: tuple[Citation, ...] = ()

    def __call__(
        self,
        effect: Effect,
        *,
        evidence: Iterable[Evidence] = (),
        parameters: Iterable[ParameterUse] = (),
        citations: Iterable[Citation] | None = None,
        **fields: Any,
    ) -> Reason:
        return Reason(
            code=self.code,
            effect=effect,
            message_zh=self.zh.format(**fields),
            message_en=self.en.format(**fields),
            evidence=tuple(evidence),
            parameters=tuple(parameters),
            citations=self.citations if citations is None else tuple(citations),
        )


@attrs.frozen(kw_only=True)
class Decision:
    """The verdict of one rule on one subject at one date, with its ordered reasons."""

    rule: str
    subject: str
    on: dt.date = attrs.field(converter=as_date)
    outcome: Outcome
    question_zh: str
    question_en: str
    reasons: tuple[Reason, ...] = ()
    basis: tuple[Decision, ...] = ()
    provenance: Provenance | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    def flat_reasons(self) -> Iterator[Reason]:
        """This decision's reasons, then those of the decisions in its basis (depth first)."""
        yield from self.reasons
        for part in self.basis:
            yield from part.flat_reasons()

    def reason(self, code: str) -> Reason:
        """The first reason with this code (:class:`~jingzhun.core.errors.UnknownReasonError`,
        a ``KeyError``, if there is none)."""
        for r in self.reasons:
            if r.code == code:
                return r
        raise UnknownReasonError(code)

    def _head(self, compact: bool = False) -> dict[str, Any]:
        return {
            "schema": COMPACT_SCHEMA_ID if compact else SCHEMA_ID,
            "schema_version": SCHEMA_VERSION,
            "rule": self.rule,
            "subject": self.subject,
            "on": self.on.isoformat(),
            "outcome": self.outcome.value,
            "outcome_zh": self.outcome.zh,
            "question_zh": self.question_zh,
            "question_en": self.question_en,
        }

    def to_dict(self, *, compact: bool = False) -> dict[str, Any]:
        """The versioned JSON form (schema version 3).

        ``compact=True``: the ``decision-compact`` form, citations as ids and parameters as
        ``{"name", "value", "unit", "ref"}``; collect the tables that resolve the ids with
        :class:`~jingzhun.core.references.References` (``References().add(decision)``).
        """
        return self._dict(compact, None)

    def _dict(self, compact: bool, parent: Provenance | None) -> dict[str, Any]:
        out = self._head(compact)
        mine = self.provenance
        if not _same(mine, parent):
            out["provenance"] = None if mine is None else mine.to_dict()
        out["reasons"] = [r.to_dict(compact=compact) for r in self.reasons]
        out["basis"] = [d._dict(compact, mine) for d in self.basis]
        return out

    def to_json(self, *, indent: int | None = None, compact: bool = False) -> str:
        """The versioned JSON form; equal to ``json.dumps(self.to_dict(compact=compact),
        ensure_ascii=False)``.

        Without ``indent`` it is assembled from cached fragments (citations and parameter
        values repeat across decisions), which is several times faster on large batches.
        """
        if indent is not None:
            return json.dumps(self.to_dict(compact=compact), ensure_ascii=False, indent=indent)
        return self._json(compact, None)

    def _json(self, compact: bool, parent: Provenance | None) -> str:
        head = _head_json(self, compact)
        mine = self.provenance
        prov = "" if _same(mine, parent) else f', "provenance": {_provenance_json(mine)}'
        if compact:
            reasons = ", ".join(_compact_reason_json(r) for r in self.reasons)
        else:
            reasons = ", ".join(_reason_json(r) for r in self.reasons)
        basis = ", ".join(d._json(compact, mine) for d in self.basis) if self.basis else ""
        return f'{head[:-1]}{prov}, "reasons": [{reasons}], "basis": [{basis}]}}'

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, references: References | None = None
    ) -> Decision:
        """Read a decision of schema version 1, 2 or 3; a compact one needs its
        ``references``. An unsupported version, a missing member or a value of the wrong
        type is an :class:`InputError`."""
        if not isinstance(data, Mapping):
            raise InputError(
                f"决定应为对象 / a decision is a JSON object, not {type(data).__name__}"
            )
        try:
            return _decision_from_dict(data, references, None)
        except KeyError as exc:
            if isinstance(exc, JingzhunError):
                raise
            raise InputError(
                f"决定缺少字段 / a decision lacks the member {exc.args[0]!r}"
            ) from None
        except (TypeError, AttributeError) as exc:
            raise InputError(f"决定格式有误 / a malformed decision: {exc}") from None

    @classmethod
    def from_json(cls, text: str, *, references: References | None = None) -> Decision:
        return cls.from_dict(json.loads(text), references=references)


def _decision_from_dict(
    data: Mapping[str, Any], references: References | None, parent: Provenance | None
) -> Decision:
    version = data.get("schema_version")
    if version not in READABLE_VERSIONS:
        raise UnsupportedSchemaVersionError(
            f"不支持的决定版本 / unsupported decision schema_version {version!r} "
            f"(readable: {', '.join(map(str, READABLE_VERSIONS))})"
        )
    if data.get("schema") != COMPACT_SCHEMA_ID:
        references = None
    elif references is None:
        raise InputError("紧凑决定需要引用表 / a compact decision needs its references")
    if "provenance" in data:
        raw = data["provenance"]
        provenance = None if raw is None else Provenance.from_dict(raw)
    else:
        provenance = parent
    return Decision(
        rule=data["rule"],
        subject=data["subject"],
        on=data["on"],
        outcome=Outcome.of(data["outcome"]),
        question_zh=data["question_zh"],
        question_en=data["question_en"],
        reasons=tuple(Reason.from_dict(r, references) for r in data["reasons"]),
        basis=tuple(_decision_from_dict(d, references, provenance) for d in data.get("basis", ())),
        provenance=provenance,
    )


def _same(mine: Provenance | None, parent: Provenance | None) -> bool:
    """Whether a decision's provenance goes without saying (its parent's, or none at top)."""
    return mine is parent or (mine is not None and parent is not None and mine == parent)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _head_json(d: Decision, compact: bool) -> str:
    return _dumps(d._head(compact))


@lru_cache(maxsize=64)
def _provenance_json(p: Provenance | None) -> str:
    return "null" if p is None else _dumps(p.to_dict())


@lru_cache(maxsize=4096)
def _citation_json(c: Citation) -> str:
    return _dumps(c.to_dict())


@lru_cache(maxsize=4096)
def _parameter_json(p: ParameterUse) -> str:
    return _dumps(p.to_dict())


@lru_cache(maxsize=4096)
def _citation_id_json(c: Citation) -> str:
    return _dumps(citation_id(c))


@lru_cache(maxsize=4096)
def _parameter_compact_json(p: ParameterUse) -> str:
    return _dumps(p.to_compact())


def _reason_head(r: Reason) -> str:
    return _dumps(
        {
            "code": r.code,
            "effect": r.effect.value,
            "message_zh": r.message_zh,
            "message_en": r.message_en,
            "evidence": [e.to_dict() for e in r.evidence],
        }
    )


def _reason_json(r: Reason) -> str:
    params = ", ".join(_parameter_json(p) for p in r.parameters)
    cites = ", ".join(_citation_json(c) for c in r.citations)
    return f'{_reason_head(r)[:-1]}, "parameters": [{params}], "citations": [{cites}]}}'


def _compact_reason_json(r: Reason) -> str:
    params = ", ".join(_parameter_compact_json(p) for p in r.parameters)
    cites = ", ".join(_citation_id_json(c) for c in r.citations)
    return f'{_reason_head(r)[:-1]}, "parameters": [{params}], "citations": [{cites}]}}'


def combine(reasons: Iterable[Reason]) -> Outcome:
    """The usual way reasons settle an outcome.

    Any opposing reason → not met; else any reason that prevents a determination →
    undetermined; else met when at least one reason supports it.
    """
    effects = {r.effect for r in reasons}
    if Effect.OPPOSES in effects:
        return Outcome.NOT_MET
    if Effect.BLOCKS in effects:
        return Outcome.UNDETERMINED
    if Effect.SUPPORTS in effects:
        return Outcome.MET
    return Outcome.UNDETERMINED
