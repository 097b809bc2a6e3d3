"""Schema-valid raw records → domain objects, every conversion error with its JSON path."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar

import attrs

from jingzhun.core.bounds import RateFigure
from jingzhun.core.dates import as_date
from jingzhun.core.errors import InputError, UnknownRegionError
from jingzhun.core.labels import Labelled
from jingzhun.core.regions import normalize_code
from jingzhun.domain.cases import VillageCase
from jingzhun.domain.model import (
    AnnualIncome,
    Assets,
    County,
    CountyExitCase,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    ProcedureStep,
    ReferenceArea,
    Vehicle,
    Village,
)
from jingzhun.domain.registry import RegistryEntry, RegistryStatus, StatusChange
from jingzhun.domain.vocabulary import (
    HealthStatus,
    HouseholdType,
    LabourCapacity,
    PovertyCause,
    Relation,
    SchoolStatus,
    Sex,
    VehicleKind,
)

T = TypeVar("T")


E = TypeVar("E", bound=Labelled)


class _Conversion:
    """Collects conversion errors of one record with their JSON paths."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def enum(self, cls: type[E], raw: Any, path: str) -> E | None:
        try:
            return cls.parse(str(raw))
        except ValueError as exc:
            self.errors.append((path, str(exc)))
            return None

    def call(self, fn: Callable[[], T], path: str, fields: type | None = None) -> T | None:
        """``fn()``, or ``None`` with its error recorded at ``path`` — or, if the message
        names a field of ``fields`` (an attrs class), at that field under ``path``."""
        try:
            return fn()
        except (ValueError, TypeError, ArithmeticError, UnknownRegionError) as exc:
            self.errors.append((_field_path(exc, path, fields), str(exc)))
            return None

    def money(self, raw: Any, path: str) -> Decimal | None:
        """An amount in yuan: finite, at most 12 integer digits and two decimals (as for
        decimal strings, the schema's pattern), else an error at ``path``."""
        if raw is None:
            return None
        try:
            value = Decimal(str(raw))
        except ArithmeticError:
            self.errors.append((path, "不是金额 / not an amount"))
            return None
        exponent = value.as_tuple().exponent
        if not value.is_finite() or abs(value) >= MONEY_LIMIT:
            self.errors.append(
                (path, "金额不合理 / implausible amount (at most 12 integer digits)")
            )
        elif isinstance(exponent, int) and exponent < -2:
            self.errors.append((path, "金额最多两位小数 / an amount has at most two decimals"))
        else:
            return value
        return None


MONEY_LIMIT: Final = Decimal(10) ** 12
EARLIEST_BIRTH: Final = dt.date(1880, 1, 1)


def _field_path(exc: Exception, path: str, fields: type | None) -> str:
    if fields is None or not attrs.has(fields):
        return path
    named = exc.args[1] if len(exc.args) > 1 else None
    names = [a.name for a in attrs.fields(fields)]
    if isinstance(named, attrs.Attribute) and named.name in names:
        return f"{path.rstrip('/')}/{named.name}"
    text = str(exc)
    hits = [
        (m.start(), n)
        for n in names
        if (m := re.search(rf"(?<![\w.]){re.escape(n)}(?!\w)", text)) is not None
    ]
    return f"{path.rstrip('/')}/{min(hits)[1]}" if hits else path  # the field named first


def _number(raw: Any) -> Decimal | None:
    """A rate or fraction, read exactly (the schema bounds it)."""
    return None if raw is None else Decimal(str(raw))


def _steps(conv: _Conversion, raw: Any, path: str) -> tuple[ProcedureStep, ...]:
    out = []
    for i, step in enumerate(raw or ()):
        made = conv.call(functools.partial(ProcedureStep, **step), f"{path}/{i}")
        if made is not None:
            out.append(made)
    return tuple(out)


def _rate(conv: _Conversion, raw: Any, path: str) -> RateFigure | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raw = {"value": raw}
    kwargs: dict[str, Any] = {
        k: (_number(v) if k in ("value", "below", "at_least") else v) for k, v in raw.items()
    }
    return conv.call(functools.partial(RateFigure, **kwargs), path, RateFigure)


_MEMBER_FIELDS: Final = (
    "member_id",
    "name",
    "id_number",
    "birth_date",
    "disabled",
    "public_payroll",
    "village_cadre",
)
_MEMBER_ENUMS: Final[tuple[tuple[str, type[Labelled]], ...]] = (
    ("relation", Relation),
    ("sex", Sex),
    ("labour", LabourCapacity),
    ("health", HealthStatus),
    ("school", SchoolStatus),
)


def _member(conv: _Conversion, raw: Mapping[str, Any], path: str) -> Member | None:
    """One member; an invalid birth date is reported at ``birth_date``."""
    kwargs: dict[str, Any] = {k: raw[k] for k in _MEMBER_FIELDS if k in raw}
    for key, cls in _MEMBER_ENUMS:
        if key in raw:
            kwargs[key] = conv.enum(cls, raw[key], f"{path}/{key}")
    if "birth_date" in raw:
        born = conv.call(lambda: as_date(raw["birth_date"]), f"{path}/birth_date")
        if born is not None and born < EARLIEST_BIRTH:
            conv.errors.append((f"{path}/birth_date", _TOO_OLD))
        if born is None or born < EARLIEST_BIRTH:
            return None
    return conv.call(functools.partial(Member, **kwargs), path, Member)


_TOO_OLD: Final = "出生日期不合理 / implausible birth date: before 1880-01-01 (an age over 130)"


def _members(conv: _Conversion, raw: Mapping[str, Any]) -> tuple[Member, ...]:
    made = (_member(conv, m, f"/members/{i}") for i, m in enumerate(raw.get("members", ())))
    return tuple(m for m in made if m is not None)


def _income(conv: _Conversion, raw: Mapping[str, Any]) -> IncomeStatement | None:
    if "income" not in raw:
        return None
    before = len(conv.errors)
    amounts = {k: conv.money(v, f"/income/{k}") for k, v in raw["income"].items()}
    if len(conv.errors) > before:
        return None
    return conv.call(lambda: IncomeStatement(**amounts), "/income", IncomeStatement)


def _vehicles(conv: _Conversion, assets_raw: Mapping[str, Any]) -> tuple[Vehicle, ...]:
    vehicles = []
    for i, car in enumerate(assets_raw.get("vehicles", ())):
        kind = conv.enum(VehicleKind, car["kind"], f"/assets/vehicles/{i}/kind")
        if kind is not None:
            price = conv.money(car.get("purchase_price"), f"/assets/vehicles/{i}/purchase_price")
            vehicles.append(Vehicle(kind=kind, purchase_price=price))
    return tuple(vehicles)


def _assets(vehicles: tuple[Vehicle, ...], assets_raw: Mapping[str, Any]) -> Assets:
    return Assets(vehicles=vehicles, **{k: v for k, v in assets_raw.items() if k != "vehicles"})


def _causes(
    conv: _Conversion, raw: Mapping[str, Any]
) -> tuple[PovertyCause | None, tuple[PovertyCause, ...]]:
    """The main cause (致贫原因) and the other causes."""
    main = (
        conv.enum(PovertyCause, raw["main_cause"], "/main_cause") if "main_cause" in raw else None
    )
    others = [
        conv.enum(PovertyCause, c, f"/other_causes/{i}")
        for i, c in enumerate(raw.get("other_causes", ()))
    ]
    return main, tuple(c for c in others if c is not None)


def _household_type(conv: _Conversion, raw: Mapping[str, Any]) -> HouseholdType:
    if "household_type" not in raw:
        return HouseholdType.GENERAL
    htype = conv.enum(HouseholdType, raw["household_type"], "/household_type")
    return htype or HouseholdType.GENERAL


def _income_history(conv: _Conversion, raw: Mapping[str, Any]) -> tuple[AnnualIncome, ...]:
    history = tuple(
        conv.call(
            functools.partial(
                AnnualIncome,
                year=a["year"],
                per_capita=conv.money(a["per_capita"], f"/income_history/{i}/per_capita"),
            ),
            f"/income_history/{i}",
            AnnualIncome,
        )
        for i, a in enumerate(raw.get("income_history", ()))
    )
    return tuple(a for a in history if a is not None)


def _identified_on(conv: _Conversion, raw: Mapping[str, Any]) -> dt.date | None:
    return conv.call(
        lambda: as_date(raw["identified_on"]) if "identified_on" in raw else None, "/identified_on"
    )


def _failed(conv: _Conversion) -> InputError:
    return InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)


def household_from_dict(raw: Mapping[str, Any]) -> Household:
    """Convert one schema-valid household record; raises :class:`InputError` listing all errors."""
    conv = _Conversion()
    members = _members(conv, raw)
    income = _income(conv, raw)
    assets_raw = raw.get("assets", {})
    vehicles = _vehicles(conv, assets_raw)
    main, others = _causes(conv, raw)
    htype = _household_type(conv, raw)
    conv.call(lambda: normalize_code(raw["county_code"]), "/county_code")
    exit_steps = _steps(conv, raw.get("exit_steps"), "/exit_steps")
    history = _income_history(conv, raw)
    identified_on = _identified_on(conv, raw)
    reported = conv.money(raw.get("reported_per_capita_income"), "/reported_per_capita_income")
    if conv.errors:
        raise _failed(conv)
    result = conv.call(
        lambda: Household(
            household_id=raw["household_id"],
            county_code=raw["county_code"],
            village_id=raw.get("village_id"),
            members=members,
            declared_size=raw.get("declared_size"),
            income=income,
            reported_per_capita_income=reported,
            income_year=raw.get("income_year"),
            guarantees=Guarantees(**raw.get("guarantees", {})),
            main_cause=main,
            other_causes=others,
            household_type=htype,
            assets=_assets(vehicles, assets_raw),
            helper=raw.get("helper"),
            measures=tuple(raw.get("measures", ())),
            exit_target_year=raw.get("exit_target_year"),
            identified_on=identified_on,
            stable_income_source=raw.get("stable_income_source"),
            income_history=history,
            local_indicators=raw.get("local_indicators", {}),
            exit_steps=exit_steps,
        ),
        "/",
        Household,
    )
    if result is None:
        raise _failed(conv)
    return result


def village_from_dict(
    raw: Mapping[str, Any], default_reference: Mapping[str, Any] | None = None
) -> VillageCase:
    conv = _Conversion()
    exit_steps = _steps(conv, raw.get("exit_steps"), "/exit_steps")
    income = conv.money(raw.get("per_capita_net_income"), "/per_capita_net_income")
    collective = conv.money(raw.get("collective_income"), "/collective_income")
    if conv.errors:
        raise _failed(conv)
    village = conv.call(
        lambda: Village(
            village_id=raw["village_id"],
            county_code=raw["county_code"],
            name=raw.get("name"),
            rural_population=raw["rural_population"],
            poor_population=raw["poor_population"],
            per_capita_net_income=income,
            income_year=raw.get("income_year"),
            collective_income=collective,
            reported_incidence=_number(raw.get("reported_incidence")),
            exit_factors=raw.get("exit_factors", {}),
            exit_steps=exit_steps,
        ),
        "/",
        Village,
    )
    ref_raw = raw.get("reference", default_reference)
    reference = None
    if ref_raw is not None:
        average = conv.money(
            ref_raw["average_per_capita_income"], "/reference/average_per_capita_income"
        )
        reference = conv.call(
            lambda: ReferenceArea(
                code=ref_raw["code"],
                level=ref_raw["level"],
                poverty_incidence=Decimal(str(ref_raw["poverty_incidence"])),
                average_per_capita_income=average,
                year=ref_raw["year"],
            ),
            "/reference",
            ReferenceArea,
        )
    if village is None or conv.errors:
        raise _failed(conv)
    return VillageCase(village=village, reference=reference)


def county_case_from_dict(raw: Mapping[str, Any]) -> CountyExitCase:
    """Convert one schema-valid county exit record."""
    conv = _Conversion()
    county = conv.call(
        lambda: County(
            county_code=raw["county_code"],
            name=raw.get("name"),
            key_county=raw.get("key_county", False),
            contiguous_area_county=raw.get("contiguous_area_county", False),
        ),
        "/",
        County,
    )
    rates: dict[str, Any] = {
        name: _rate(conv, raw.get(name), f"/{name}")
        for name in ("incidence", "wrong_exit_rate", "missed_rate", "approval")
    }
    steps = _steps(conv, raw.get("steps"), "/steps")
    if conv.errors or county is None:
        raise _failed(conv)
    counts: dict[str, Any] = {
        k: raw.get(k)
        for k in (
            "rural_population",
            "remaining_poor",
            "missed_population",
            "wrongly_exited_population",
            "poor_villages",
            "poor_villages_exited",
        )
    }
    case = conv.call(
        functools.partial(CountyExitCase, county=county, steps=steps, **rates, **counts),
        "/",
        CountyExitCase,
    )
    if case is None:
        raise _failed(conv)
    return case


def registry_entry_from_dict(raw: Mapping[str, Any]) -> RegistryEntry:
    """A household record with its registry status and history (for the yearly adjustment)."""
    household = household_from_dict(raw)
    conv = _Conversion()
    status = conv.enum(RegistryStatus, raw.get("registry_status", "poor"), "/registry_status")
    changes = []
    for i, c in enumerate(raw.get("history", ())):
        st = conv.enum(RegistryStatus, c["status"], f"/history/{i}/status")
        if st is None:
            continue
        change = conv.call(
            functools.partial(StatusChange, on=c["on"], status=st, action=c["action"]),
            f"/history/{i}/on",
        )
        if change is not None:
            changes.append(change)
    if conv.errors or status is None:
        raise _failed(conv)
    entry = conv.call(
        lambda: RegistryEntry(household=household, status=status, history=tuple(changes)),
        "/history",
    )
    if entry is None:
        raise _failed(conv)
    return entry
