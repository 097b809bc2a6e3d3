"""Schema-valid registry records → domain objects (county registry parts).

Each builder raises :class:`BuildError` listing ``(path, message)`` for every field it could
not build — a date that does not exist, an unknown vocabulary label, an end before its start,
a history out of date order — with the path relative to the record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs

from jingzhun.core.errors import UnknownRegionError
from jingzhun.domain.county_registry import HouseholdFile, VillageRecord
from jingzhun.domain.model import Village
from jingzhun.domain.registry import RegistryEntry
from jingzhun.domain.support import (
    FundRecord,
    HouseholdPlan,
    MeasureReceived,
    Notice,
    Posting,
    Project,
    VillagePlan,
)
from jingzhun.io.records import excerpt

_PLAIN: Final = re.compile(r"[A-Za-z0-9_.:+-]{0,24}")  # a code or a date, never personal
MONEY_LIMIT: Final = Decimal(10) ** 12


class BuildError(Exception):
    """A record that could not be built: ``details`` are ``(path, message)`` pairs."""

    def __init__(self, details: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{p}: {m}" for p, m in details))
        self.details = details


def _field(cls: type, exc: Exception) -> str | None:
    """The field of ``cls`` an error names: the one its message starts with, else any."""
    names: list[str] = [a.name for a in attrs.fields(cls)]
    text = str(exc)
    for name in names:
        if re.match(rf"{re.escape(name)}(?!\w)", text):
            return name
    hits = [n for n in names if re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", text)]
    return hits[0] if hits else None


class _Builder:
    """Builds the parts of one record, collecting every error with its path."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def make(self, cls: type, raw: Mapping[str, Any] | None, path: str) -> Any:
        """``cls(**raw)`` (None for None), or None with its error recorded under ``path``."""
        if raw is None:
            return None
        try:
            return cls(**raw)
        except (ValueError, TypeError, UnknownRegionError) as exc:
            name = _field(cls, exc)
            at = f"{path.rstrip('/')}/{name}" if name else (path or "/")
            self.errors.append((at, str(exc)))
            return None

    def many(self, cls: type, raw: Any, path: str) -> tuple[Any, ...]:
        made = [self.make(cls, item, f"{path}/{i}") for i, item in enumerate(raw or ())]
        return tuple(m for m in made if m is not None)

    def done(self, result: Any) -> Any:
        if self.errors or result is None:
            raise BuildError(self.errors or [("/", "无法读取 / could not be read")])
        return result


def _with_notice(b: _Builder, raw: Mapping[str, Any]) -> dict[str, Any]:
    fields = dict(raw)
    if "notice" in raw:
        fields["notice"] = b.make(Notice, raw["notice"], "/notice")
    return fields


def build_household(entry: RegistryEntry, extras: Mapping[str, Any], _personal: bool) -> Any:
    """A household file from its registry entry and the registry's fields."""
    b = _Builder()
    plan = b.make(HouseholdPlan, extras.get("plan"), "/plan")
    measures = b.many(MeasureReceived, extras.get("measures_received"), "/measures_received")
    if b.errors:
        raise BuildError(b.errors)
    fields = {"entry": entry, "plan": plan, "measures": measures}
    fields["registered_on"] = extras.get("registered_on")
    return b.done(b.make(HouseholdFile, fields, "/"))


def build_village(village: Village, extras: Mapping[str, Any], _personal: bool) -> Any:
    """A village record from its village and the registry's fields."""
    b = _Builder()
    plan = b.make(VillagePlan, extras.get("plan"), "/plan")
    postings = b.many(Posting, extras.get("postings"), "/postings")
    if b.errors:
        raise BuildError(b.errors)
    fields = {k: extras[k] for k in ("poor", "identified_on", "exited_on") if k in extras}
    record = b.make(
        VillageRecord, {"village": village, "plan": plan, "postings": postings, **fields}, "/"
    )
    if isinstance(record, VillageRecord):
        first, last = record.identified_on, record.exited_on
        if first is not None and last is not None and last < first:
            b.errors.append(("/exited_on", f"exited_on ({last}) is before identified_on ({first})"))
    return b.done(record)


def build_project(_base: Any, raw: Mapping[str, Any], _personal: bool) -> Any:
    b = _Builder()
    fields = _with_notice(b, raw)
    if b.errors:
        raise BuildError(b.errors)
    return b.done(b.make(Project, fields, "/"))


def build_fund(_base: Any, raw: Mapping[str, Any], _personal: bool) -> Any:
    b = _Builder()
    fields = _with_notice(b, raw)
    if b.errors:
        raise BuildError(b.errors)
    fields["amount"] = _amount(raw["amount"])
    return b.done(b.make(FundRecord, fields, "/"))


def _amount(raw: Any) -> Decimal:
    """An amount in yuan as the other loaders read one: at most 12 integer digits and two
    decimals (a JSON number is read exactly, never through a float)."""
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise BuildError([("/amount", "不是金额 / not an amount")]) from None
    exponent = value.as_tuple().exponent
    if not value.is_finite() or abs(value) >= MONEY_LIMIT:
        raise BuildError([("/amount", "金额不合理 / implausible amount (at most 12 digits)")])
    if isinstance(exponent, int) and exponent < -2:
        raise BuildError([("/amount", "金额最多两位小数 / an amount has at most two decimals")])
    return value


def county_of(record: Any) -> str | None:
    """The county code a household or village record says it belongs to (None otherwise)."""
    if isinstance(record, HouseholdFile):
        return record.entry.household.county_code
    if isinstance(record, VillageRecord):
        return record.village.county_code
    return None


def masked(message: str, raw: Any, show_personal: bool) -> str:
    """``message`` with the record's own text values replaced by short excerpts (a builder's
    message may quote a value; a name or an ID number must not show)."""
    if show_personal or not isinstance(raw, dict):
        return message
    for value in _strings(raw):
        if not _PLAIN.fullmatch(value) and repr(value) in message:
            message = message.replace(repr(value), excerpt(value))
    return message


def _strings(raw: Any, depth: int = 0) -> list[str]:
    if isinstance(raw, str):
        return [raw]
    if depth > 6:
        return []
    if isinstance(raw, dict):
        return [s for v in raw.values() for s in _strings(v, depth + 1)]
    if isinstance(raw, list):
        return [s for v in raw for s in _strings(v, depth + 1)]
    return []
