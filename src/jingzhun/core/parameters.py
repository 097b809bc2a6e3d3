"""Dated policy parameters with provincial overlays.

Values live in TOML files under ``data/parameters/`` (the national baseline) and
``data/parameters/overlays/`` (one file per region, holding only its differences), each
validated against ``schemas/parameters.schema.json``. Every value has a half-open period
in force, a unit, a status (confirmed / partial / unconfirmed) and a source.

The baseline declares each parameter's type (with its choices, range or row shape, see
:mod:`jingzhun.core.parameter_types`); every value of the baseline and of every overlay is
checked against it when its file loads, and a bad one is a :class:`ParameterError` naming
the file, the parameter, the value's from-date and the key. Rules read values through the
typed accessors of :class:`ResolvedParameter` (``decimal()``, ``integer()``, ``choice(...)``…).

Two overlays that both set a value of the same parameter for the same region and date are
an error (:class:`~jingzhun.core.errors.ParameterConflictError`), never a silent pick.

>>> p = ParameterSet.bundled().resolve("poverty_line.nominal", on="2015-06-30")
>>> p.value, p.status
(Decimal('2855'), 'confirmed')
>>> p.decimal()
Decimal('2855')
"""

from __future__ import annotations

import builtins
import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache, cached_property
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from jingzhun.core.citations import Citation
from jingzhun.core.dates import DateLike, Period, as_date
from jingzhun.core.decisions import Alternative, ParameterUse
from jingzhun.core.errors import (
    NoValueInForceError,
    ParameterConflictError,
    ParameterError,
    UnknownParameterError,
    UnknownRegionError,
)
from jingzhun.core.parameter_files import load_parameter_file, value_alternatives, value_source
from jingzhun.core.parameter_types import (
    DECIMAL_TYPES,
    INTEGER_TYPES,
    TYPES,
    Column,
    ParamValue,
    ValueSpec,
    declare_value,
    rows_json,
)
from jingzhun.core.provenance import Provenance, provenance_of
from jingzhun.core.regions import canonical_code, region_chain
from jingzhun.core.resources import list_data

__all__ = [
    "TYPES",
    "DatedValue",
    "Overlay",
    "ParamValue",
    "Parameter",
    "ParameterSet",
    "ResolvedParameter",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

# Keys of a parameter that only the national baseline may write.
_DECLARATION_KEYS: Final = (
    "label_zh",
    "label_en",
    "unit",
    "type",
    "description",
    "choices",
    "minimum",
    "maximum",
    "row",
)


@attrs.frozen(kw_only=True)
class DatedValue:
    """One value of a parameter and the half-open period it is in force."""

    value: ParamValue
    period: Period
    status: str
    source: Citation
    note: str | None = None
    alternatives: tuple[Alternative, ...] = ()


@attrs.frozen(kw_only=True)
class Parameter:
    """A named parameter: its meaning, unit, declared type and dated values (of one scope)."""

    name: str
    label_zh: str
    label_en: str
    unit: str | None
    spec: ValueSpec
    description: str
    values: tuple[DatedValue, ...]

    @property
    def type(self) -> str:
        """The declared type (one of :data:`TYPES`)."""
        return self.spec.type

    @property
    def choices(self) -> tuple[str, ...] | None:
        """The allowed values of a ``choice`` parameter (``None`` for other types)."""
        return self.spec.choices

    @property
    def minimum(self) -> Decimal | None:
        """The inclusive lower bound of a numeric parameter (declared, else the type's)."""
        return self.spec.bounds()[0]

    @property
    def maximum(self) -> Decimal | None:
        """The inclusive upper bound of a numeric parameter (declared, else the type's)."""
        return self.spec.bounds()[1]

    @property
    def row(self) -> tuple[Column, ...] | None:
        """The declared columns of a ``table`` parameter's rows."""
        return self.spec.row

    def value_on(self, on: dt.date) -> DatedValue | None:
        for v in self.values:
            if on in v.period:
                return v
        return None


def _read_only(
    values: Mapping[str, tuple[DatedValue, ...]],
) -> Mapping[str, tuple[DatedValue, ...]]:
    return MappingProxyType({str(k): tuple(v) for k, v in values.items()})


@attrs.frozen(kw_only=True)
class Overlay:
    """A region's differences from the national baseline."""

    region: str
    title: str
    values: Mapping[str, tuple[DatedValue, ...]] = attrs.field(converter=_read_only)
    origin: str


@attrs.frozen(kw_only=True)
class ResolvedParameter:
    """The value of a parameter in force for a date and region, and where it came from."""

    name: str
    value: ParamValue
    unit: str | None
    label_zh: str
    label_en: str
    period: Period
    status: str
    source: Citation
    overlay: str | None
    note: str | None = None
    type: str
    choices: tuple[str, ...] | None = None
    alternatives: tuple[Alternative, ...] = ()
    _use: ParameterUse = attrs.field(init=False, eq=False, repr=False)
    _members: dict[builtins.type[Any], Any] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_use", self._make_use())

    def _typed(self, types: tuple[str, ...], cls: builtins.type[T], what: str) -> T:
        value = self.value
        if self.type in types and isinstance(value, cls):
            return value
        raise ParameterError(
            f"参数类型不符 / parameter {self.name} is declared {self.type!r}, "
            f"so it has no {what} value"
        )

    def decimal(self) -> Decimal:
        """The value of a ``money``, ``rate`` or ``number`` parameter."""
        return self._typed(DECIMAL_TYPES, Decimal, "decimal (money, rate, number)")

    def integer(self) -> int:
        """The value of an ``integer`` or ``days`` parameter."""
        return self._typed(INTEGER_TYPES, int, "integer (integer, days)")

    def flag(self) -> bool:
        """The value of a ``boolean`` parameter."""
        return self._typed(("boolean",), bool, "boolean")

    def text(self) -> str:
        """The value of a ``text`` or ``choice`` parameter."""
        return self._typed(("text", "choice"), str, "text (text, choice)")

    def day(self) -> dt.date:
        """The value of a ``date`` parameter (a :class:`pendulum.Date`)."""
        return self._typed(("date",), dt.date, "date")

    def rows(self) -> tuple[Mapping[str, Any], ...]:
        """The rows of a ``table`` parameter, as written (checked against its row shape);
        read-only mappings, their list cells tuples."""
        return self._typed(("table",), tuple, "table")

    def choice(self, enum_cls: builtins.type[E]) -> E:
        """The member of ``enum_cls`` whose ``.value`` is this ``choice`` parameter's value."""
        hit = self._members.get(enum_cls)
        if hit is not None:
            found: E = hit
            return found
        code = self._typed(("choice",), str, "choice")
        try:
            member = enum_cls(code)
        except ValueError:
            pass
        else:
            self._members[enum_cls] = member
            return member
        raise ParameterError(
            f"取值不在枚举中 / parameter {self.name}: {code!r} is not a value of "
            f"{enum_cls.__name__} ({', '.join(str(m.value) for m in enum_cls)})"
        )

    def use(self) -> ParameterUse:
        """This value as decision evidence (built once)."""
        return self._use

    def _make_use(self) -> ParameterUse:
        value: Any = self.value
        if isinstance(value, tuple):
            value = rows_json(value)
        return ParameterUse(
            name=self.name,
            value=value,
            unit=self.unit,
            valid_from=self.period.start.isoformat(),
            valid_until=self.period.end.isoformat() if self.period.end else None,
            status=self.status,
            source=self.source,
            overlay=self.overlay,
            alternatives=self.alternatives,
        )


def _dated_values(
    name: str, spec: ValueSpec, rows: Iterable[Mapping[str, Any]], origin: str
) -> tuple[DatedValue, ...]:
    out: list[DatedValue] = []
    for row in rows:
        where = f"{origin}: {name} value from {row['from']}"
        status = row.get("status", "confirmed")
        try:
            period = Period(row["from"], row.get("until"))
        except ValueError as exc:
            raise ParameterError(f"{where}: {exc}") from None
        out.append(
            DatedValue(
                value=spec.check(row["value"], where),
                period=period,
                status=status,
                source=value_source(row["source"], status),
                note=row.get("note"),
                alternatives=value_alternatives(spec, row.get("alternatives", ()), where),
            )
        )
    for i, a in enumerate(out):
        for b in out[i + 1 :]:
            if a.period.overlaps(b.period):
                raise ParameterConflictError(
                    f"参数值期间重叠 / two values of {name} overlap in {origin}: "
                    f"{a.period} and {b.period}"
                )
    return tuple(sorted(out, key=lambda v: v.period.start))


def _parse_baseline(text: str, origin: str) -> dict[str, Parameter]:
    data = load_parameter_file(text, origin)
    if "scope" not in data or data["scope"] != "national":
        raise ParameterError(f'{origin}: a baseline file needs scope = "national"')
    params: dict[str, Parameter] = {}
    for row in data["parameter"]:
        name = row["name"]
        if name in params:
            raise ParameterConflictError(f"{origin}: parameter {name} defined twice")
        for key in ("label_zh", "label_en", "type"):
            if key not in row:
                raise ParameterError(f"参数缺少声明 / {origin}: parameter {name} needs {key}")
        spec = declare_value(row, f"{origin}: {name}")
        params[name] = Parameter(
            name=name,
            label_zh=row["label_zh"],
            label_en=row["label_en"],
            unit=row.get("unit"),
            spec=spec,
            description=row.get("description", ""),
            values=_dated_values(name, spec, row["values"], origin),
        )
    return params


def _parse_overlay(text: str, origin: str, baseline: Mapping[str, Parameter]) -> Overlay:
    data = load_parameter_file(text, origin)
    if "region" not in data:
        raise ParameterError(f'{origin}: an overlay file needs region = "<division code>"')
    try:
        region = canonical_code(data["region"])
    except UnknownRegionError as exc:
        raise ParameterError(f"未知行政区划 / {origin}: region: {exc}") from None
    values: dict[str, tuple[DatedValue, ...]] = {}
    for row in data["parameter"]:
        name = row["name"]
        if name not in baseline:
            raise UnknownParameterError(
                f"{origin}: overlay sets {name!r}, which the national baseline does not define"
            )
        if name in values:
            raise ParameterConflictError(f"{origin}: parameter {name} set twice")
        declared = [k for k in _DECLARATION_KEYS if k in row]
        if declared:
            raise ParameterError(
                f"叠加层只能设定取值 / {origin}: {name}: an overlay sets values only; "
                f"{', '.join(declared)} belong(s) to the national baseline"
            )
        values[name] = _dated_values(name, baseline[name].spec, row["values"], origin)
    return Overlay(region=region, title=data.get("title", region), values=values, origin=origin)


class ParameterSet:
    """The national baseline plus any number of regional overlays.

    Build the bundled set with :meth:`bundled`; add a user's own overlay with
    :meth:`with_overlay_text`. Instances are immutable.
    """

    def __init__(self, baseline: Mapping[str, Parameter], overlays: Iterable[Overlay] = ()):
        self._baseline = dict(baseline)
        self._overlays = tuple(overlays)
        self._cache: dict[tuple[str, dt.date, str | None], ResolvedParameter] = {}
        self._check_overlays()

    @cached_property
    def provenance(self) -> Provenance:
        """Library version, parameter fingerprint and overlays (:mod:`jingzhun.core.provenance`)."""
        return provenance_of(self._baseline.values(), self._overlays)

    def _check_overlays(self) -> None:
        by_region: dict[str, list[Overlay]] = {}
        for ov in self._overlays:
            by_region.setdefault(ov.region, []).append(ov)
        for region, group in by_region.items():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    for name in set(a.values) & set(b.values):
                        for va in a.values[name]:
                            for vb in b.values[name]:
                                if va.period.overlaps(vb.period):
                                    raise ParameterConflictError(
                                        f"两个叠加层对同一参数取值冲突 / overlays {a.origin} and "
                                        f"{b.origin} both set {name} for region {region} "
                                        f"in {va.period} and {vb.period}"
                                    )

    @classmethod
    def bundled(cls) -> ParameterSet:
        """The parameters shipped with jingzhun (national baseline and regional overlays)."""
        return _bundled()

    @classmethod
    def from_texts(cls, baseline: str, overlays: Iterable[tuple[str, str]] = ()) -> ParameterSet:
        """Build from TOML texts: a baseline and ``(origin, text)`` overlays."""
        base = _parse_baseline(baseline, "<baseline>")
        return cls(base, [_parse_overlay(text, origin, base) for origin, text in overlays])

    def with_overlay_text(self, text: str, origin: str = "<overlay>") -> ParameterSet:
        """A new set with one more overlay (TOML text); conflicts raise immediately."""
        return ParameterSet(
            self._baseline, (*self._overlays, _parse_overlay(text, origin, self._baseline))
        )

    @property
    def overlays(self) -> tuple[Overlay, ...]:
        return self._overlays

    def names(self) -> tuple[str, ...]:
        return tuple(self._baseline)

    def parameter(self, name: str) -> Parameter:
        try:
            return self._baseline[name]
        except KeyError:
            raise UnknownParameterError(f"未知参数 / unknown parameter {name!r}") from None

    def resolve(self, name: str, *, on: DateLike, region: str | None = None) -> ResolvedParameter:
        """The value of ``name`` in force on ``on`` for ``region`` (a division code).

        Overlays apply to their region and every division inside it. Raises
        :class:`NoValueInForceError` if no value is in force, and
        :class:`ParameterConflictError` if two overlays claim the date.
        """
        day = as_date(on)
        key = (name, day, region)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        param = self.parameter(name)
        chain = set(region_chain(region)) if region else set()
        claims: list[tuple[Overlay, DatedValue]] = []
        for ov in self._overlays:
            if ov.region in chain and name in ov.values:
                for v in ov.values[name]:
                    if day in v.period:
                        claims.append((ov, v))
        claims = _most_specific(claims)
        if len(claims) > 1:
            origins = ", ".join(f"{ov.origin} ({ov.region})" for ov, _ in claims)
            raise ParameterConflictError(
                f"多个叠加层同时设定 / several overlays set {name} on {day} for {region}: {origins}"
            )
        if claims:
            ov, chosen = claims[0]
            overlay: str | None = ov.region
        else:
            found = param.value_on(day)
            if found is None:
                raise NoValueInForceError(
                    f"参数 {name} 在 {day} 无有效值 / {name} has no value in force on {day}"
                )
            chosen, overlay = found, None
        resolved = ResolvedParameter(
            name=name,
            value=chosen.value,
            unit=param.unit,
            label_zh=param.label_zh,
            label_en=param.label_en,
            period=chosen.period,
            status=chosen.status,
            source=chosen.source,
            overlay=overlay,
            note=chosen.note,
            type=param.type,
            choices=param.choices,
            alternatives=chosen.alternatives,
        )
        self._cache[key] = resolved
        return resolved

    def in_force(self, *, on: DateLike, region: str | None = None) -> list[ResolvedParameter]:
        """Every parameter with a value in force on ``on`` for ``region``."""
        out = []
        for name in self._baseline:
            try:
                out.append(self.resolve(name, on=on, region=region))
            except NoValueInForceError:
                continue
        return out


def _most_specific(
    claims: list[tuple[Overlay, DatedValue]],
) -> list[tuple[Overlay, DatedValue]]:
    """The claims of the most specific region (a prefecture's overlay over its province's);
    two overlays of that one region claiming the date remain a conflict."""
    if len(claims) < 2:
        return claims
    longest = max(len(ov.region) for ov, _ in claims)
    return [(ov, v) for ov, v in claims if len(ov.region) == longest]


@cache
def _bundled() -> ParameterSet:
    base: dict[str, Parameter] = {}
    for path in list_data("data", "parameters"):
        if path.name.endswith(".toml"):
            parsed = _parse_baseline(path.read_text(encoding="utf-8"), f"parameters/{path.name}")
            clash = set(parsed) & set(base)
            if clash:
                raise ParameterConflictError(f"parameters defined in two files: {sorted(clash)}")
            base.update(parsed)
    overlays = [
        _parse_overlay(p.read_text(encoding="utf-8"), f"parameters/overlays/{p.name}", base)
        for p in list_data("data", "parameters", "overlays")
        if p.name.endswith(".toml")
    ]
    return ParameterSet(base, overlays)
