"""Strict field checks of the domain objects: each failure names the field.

The domain objects are built by the record converters and directly by callers of the API, so
their constructors check types themselves: a flag is a ``bool`` (``'no'`` is not false), a
count an ``int`` (not a ``bool``, not a ``float``), a rate a fraction in [0, 1], an enum
field a member (or its code or label, converted strictly by ``Labelled.parse``), a date a
``date`` or an ISO string, a text a ``str``. A wrong type is a ``TypeError`` and an
impossible value a ``ValueError``, both naming the field.

Converters cannot know the field they convert, so a converter here never raises: what it
cannot convert it returns as :class:`Invalid`, and the field's validator (:func:`ok` first)
raises the error with the field's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs

from jingzhun.core.dates import as_date
from jingzhun.core.labels import Labelled
from jingzhun.core.money import to_decimal
from jingzhun.core.regions import normalize_code
from jingzhun.domain.vocabulary import (
    DibaoKind,
    ExitLevel,
    HealthStatus,
    HouseholdType,
    LabourCapacity,
    PovertyCause,
    ProcedureLevel,
    QuotaUnit,
    ReferenceLevel,
    Relation,
    SchoolStatus,
    Sex,
    VehicleKind,
)

E = TypeVar("E", bound=Labelled)

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def _kind(value: object) -> str:
    return type(value).__name__


def flag(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A yes/no fact: ``True`` or ``False`` only."""
    if type(value) is not bool:
        raise TypeError(f"{attribute.name} must be true or false, got {_kind(value)} {value!r}")


def opt_flag(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A yes/no fact that may be unrecorded: ``True``, ``False`` or ``None``."""
    if value is not None and type(value) is not bool:
        raise TypeError(
            f"{attribute.name} must be true, false or null, got {_kind(value)} {value!r}"
        )


def count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number of things (persons, villages, objections): an ``int`` ≥ 0."""
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be a whole number, got {_kind(value)} {value!r}")
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative (got {value})")


def opt_count(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        count(inst, attribute, value)


def year(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A calendar year between 1978 and 2100, as an ``int``."""
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be a year (int), got {_kind(value)} {value!r}")
    if not 1978 <= value <= 2100:
        raise ValueError(f"{attribute.name} is not a plausible year: {value}")


def opt_year(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        year(inst, attribute, value)


def text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A required identifier or label: a non-blank ``str``."""
    if not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string, got {_kind(value)}")
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def opt_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string or null, got {_kind(value)}")


def instance(cls: type, *, optional: bool = False) -> Validator:
    """The value is a ``cls`` (or ``None`` when ``optional``)."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if (value is None and optional) or isinstance(value, cls):
            return
        raise TypeError(f"{attribute.name} must be a {cls.__name__}, got {_kind(value)}")

    return check


@attrs.frozen
class Invalid:
    """A value a converter could not convert, with the error (raised by :func:`ok`)."""

    value: object
    error: Exception


def ok(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Raise the conversion error of the field, naming it (first validator of a field)."""
    if isinstance(value, Invalid):
        raise type(value.error)(f"{attribute.name}: {value.error}")


def _attempt(fn: Callable[[Any], Any], value: object) -> Any:
    try:
        return fn(value)
    except (TypeError, ValueError) as exc:
        return Invalid(value, exc)


def enum_member(cls: type[E], value: object) -> Any:
    """A member of ``cls`` from itself or its code, label or form code (else :class:`Invalid`)."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        return _attempt(cls.parse, value)
    return Invalid(value, TypeError(f"expected a {cls.__name__} or its code, got {_kind(value)}"))


def _opt(fn: Callable[[object], Any], value: object) -> Any:
    return None if value is None else fn(value)


def amount(value: object) -> Any:
    """An exact, finite ``Decimal`` (yuan, or a rate); floats and booleans are refused."""
    return _attempt(to_decimal, value)


def opt_amount(value: object) -> Any:
    return _opt(amount, value)


def day(value: object) -> Any:
    """A calendar date from a ``date`` or an ISO date string."""
    return _attempt(as_date, value)


def opt_day(value: object) -> Any:
    return _opt(day, value)


def code(value: object) -> Any:
    """A division code (normalised) from a string."""
    if not isinstance(value, str):
        return Invalid(value, TypeError(f"expected a division code string, got {_kind(value)}"))
    return _attempt(normalize_code, value)


def opt_code(value: object) -> Any:
    return _opt(code, value)


def sequence(value: object) -> Any:
    """A tuple from any iterable but a string or a mapping (items checked by :func:`of`)."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return Invalid(value, TypeError(f"expected a list, got {_kind(value)}"))
    return tuple(value)


def of(cls: type) -> Validator:
    """A tuple (see :func:`sequence`) whose items are all ``cls`` instances."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        ok(_inst, attribute, value)
        assert isinstance(value, tuple)
        for i, item in enumerate(value):
            if not isinstance(item, cls):
                raise TypeError(
                    f"{attribute.name}[{i}] must be a {cls.__name__}, got {_kind(item)}"
                )

    return check


def pairs(value: object) -> Any:
    """Sorted ``(key, value)`` pairs from a mapping or an iterable of pairs."""
    raw = value.items() if isinstance(value, Mapping) else sequence(value)
    if isinstance(raw, Invalid):
        return raw
    out = tuple(raw)
    if not all(isinstance(e, tuple) and len(e) == 2 and isinstance(e[0], str) for e in out):
        return Invalid(value, TypeError("expected a mapping of string keys"))
    return tuple(sorted(out, key=lambda e: e[0]))


def pairs_of(kind: type) -> Validator:
    """Pairs (see :func:`pairs`) whose values are exactly ``kind`` (``bool`` is not ``int``)."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        ok(_inst, attribute, value)
        assert isinstance(value, tuple)
        for key, item in value:
            if type(item) is not kind:
                raise TypeError(
                    f"{attribute.name}[{key!r}] must be {kind.__name__}, got {_kind(item)}"
                )

    return check


# --- enums (one named converter each: the attrs plugin of mypy needs named functions) ----


def relation(value: object) -> Any:
    return enum_member(Relation, value)


def sex(value: object) -> Any:
    return _opt(lambda v: enum_member(Sex, v), value)


def labour(value: object) -> Any:
    return _opt(lambda v: enum_member(LabourCapacity, v), value)


def health(value: object) -> Any:
    return enum_member(HealthStatus, value)


def school(value: object) -> Any:
    return enum_member(SchoolStatus, value)


def cause(value: object) -> Any:
    return _opt(lambda v: enum_member(PovertyCause, v), value)


def causes(value: object) -> Any:
    items = sequence(value)
    if isinstance(items, Invalid):
        return items
    out = tuple(enum_member(PovertyCause, item) for item in items)
    return next((c for c in out if isinstance(c, Invalid)), out)


def household_type(value: object) -> Any:
    return enum_member(HouseholdType, value)


def vehicle_kind(value: object) -> Any:
    return enum_member(VehicleKind, value)


def reference_level(value: object) -> Any:
    return enum_member(ReferenceLevel, value)


def procedure_level(value: object) -> Any:
    return enum_member(ProcedureLevel, value)


def quota_unit(value: object) -> Any:
    return enum_member(QuotaUnit, value)


def exit_level(value: object) -> Any:
    return enum_member(ExitLevel, value)


def dibao_kind(value: object) -> Any:
    return enum_member(DibaoKind, value)
