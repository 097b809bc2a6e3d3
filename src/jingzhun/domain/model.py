"""Domain objects: members, households, villages, counties and identification files.

All are frozen attrs classes. Validators reject impossible values (a negative size, age
or income component; more than two other causes); checks that need a decision date or
compare fields (a birth date after the decision date, a size that disagrees with the
members listed) are consistency rules in :mod:`jingzhun.rules.consistency`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from attrs import validators as v

from jingzhun.core.bounds import Bound, RateFigure, within
from jingzhun.core.dates import as_date
from jingzhun.core.money import to_decimal, to_fen
from jingzhun.core.regions import normalize_code
from jingzhun.domain.vocabulary import (
    Guarantee,
    HealthStatus,
    HouseholdType,
    LabourCapacity,
    PovertyCause,
    ProcedureLevel,
    ReferenceLevel,
    Relation,
    SchoolStatus,
    Sex,
    VehicleKind,
)


def _procedure_level(value: object) -> ProcedureLevel:
    return ProcedureLevel.of_any(value)


def _reference_level(value: object) -> ReferenceLevel:
    return ReferenceLevel.of_any(value)


def _non_negative(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value < 0:  # type: ignore[operator]
        raise ValueError(f"{attribute.name} must not be negative (got {value})")


def _amount(value: object) -> Decimal:
    return to_decimal(value)


def _opt_amount(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value)


def _opt_date(value: object) -> dt.date | None:
    return None if value is None else as_date(value)  # type: ignore[arg-type]


def _code(value: object) -> str:
    return normalize_code(str(value))


def _nonempty(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value or not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _members(value: Iterable[Member]) -> tuple[Member, ...]:
    return tuple(value)


def _vehicles(value: Iterable[Vehicle]) -> tuple[Vehicle, ...]:
    return tuple(value)


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _steps(value: Iterable[ProcedureStep]) -> tuple[ProcedureStep, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Member:
    """A household member (家庭成员). ``name`` and ``id_number`` are personal data."""

    member_id: str = attrs.field(validator=_nonempty)
    relation: Relation = Relation.OTHER
    name: str | None = attrs.field(default=None, repr=False)
    id_number: str | None = attrs.field(default=None, repr=False)
    sex: Sex | None = None
    birth_date: dt.date | None = attrs.field(default=None, converter=_opt_date)
    labour: LabourCapacity | None = None
    health: HealthStatus = HealthStatus.HEALTHY
    disabled: bool = False
    school: SchoolStatus = SchoolStatus.NOT_ENROLLED
    public_payroll: bool = False
    village_cadre: bool = False

    def age_on(self, on: dt.date) -> int | None:
        """Age in completed years on ``on`` (None if the birth date is unknown)."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


@attrs.frozen(kw_only=True)
class IncomeStatement:
    """A household's yearly income, by the components of 家庭年人均纯收入 (yuan).

    家庭纯收入 = 工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出.
    """

    wages: Decimal = attrs.field(default=Decimal(0), converter=_amount, validator=_non_negative)
    business: Decimal = attrs.field(default=Decimal(0), converter=_amount, validator=_non_negative)
    property_income: Decimal = attrs.field(
        default=Decimal(0), converter=_amount, validator=_non_negative
    )
    transfers: Decimal = attrs.field(default=Decimal(0), converter=_amount, validator=_non_negative)
    business_costs: Decimal = attrs.field(
        default=Decimal(0), converter=_amount, validator=_non_negative
    )

    @property
    def net(self) -> Decimal:
        """家庭纯收入 (net household income)."""
        return (
            self.wages + self.business + self.property_income + self.transfers - self.business_costs
        )


_GUARANTEE_FIELD: dict[Guarantee, str] = {g: g.value for g in Guarantee}


@attrs.frozen(kw_only=True)
class Guarantees:
    """两不愁三保障 facts of a household: True met, False not met, None not recorded."""

    food: bool | None = None
    clothing: bool | None = None
    compulsory_education: bool | None = None
    basic_medical_care: bool | None = None
    housing_safety: bool | None = None
    drinking_water: bool | None = None

    def get(self, guarantee: Guarantee) -> bool | None:
        value: bool | None = getattr(self, _GUARANTEE_FIELD[guarantee])
        return value

    @classmethod
    def all_met(cls) -> Guarantees:
        return cls(
            food=True,
            clothing=True,
            compulsory_education=True,
            basic_medical_care=True,
            housing_safety=True,
            drinking_water=True,
        )


@attrs.frozen(kw_only=True)
class Vehicle:
    kind: VehicleKind
    purchase_price: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )


@attrs.frozen(kw_only=True)
class Assets:
    """Facts that local exclusion lists (几不评) test."""

    vehicles: tuple[Vehicle, ...] = attrs.field(default=(), converter=_vehicles)
    town_property: bool = False
    registered_business: bool = False
    public_servant_relative: bool = False


def _opt_year(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and not 1978 <= value <= 2100:
        raise ValueError(f"{attribute.name} is not a plausible year: {value}")


@attrs.frozen(kw_only=True)
class AnnualIncome:
    """A past year's per-capita net income (for the years_above_line reading of 稳定)."""

    year: int = attrs.field(validator=_opt_year)
    per_capita: Decimal = attrs.field(converter=_amount)


def _incomes(value: Iterable[AnnualIncome]) -> tuple[AnnualIncome, ...]:
    return tuple(sorted(value, key=lambda a: a.year))


def _indicators(
    value: Mapping[str, bool] | Iterable[tuple[str, bool]],
) -> tuple[tuple[str, bool], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), bool(v)) for k, v in items))


def _factors(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), str(v)) for k, v in items))


def _causes(value: Iterable[PovertyCause]) -> tuple[PovertyCause, ...]:
    return tuple(value)


def _max_two(_inst: object, _attr: attrs.Attribute[Any], value: tuple[PovertyCause, ...]) -> None:
    if len(value) > 2:
        raise ValueError(f"at most two other causes (其他致贫原因最多2项), got {len(value)}")


@attrs.frozen(kw_only=True)
class Household:
    """A rural household (户), the unit of identification and of exit.

    ``members`` lists the registered members; ``declared_size`` is 家庭人口数 as recorded.
    Either may be missing, not both. ``income`` holds the components; where only the
    registry's 人均纯收入 is known, give ``reported_per_capita_income``.
    """

    household_id: str = attrs.field(validator=_nonempty)
    county_code: str = attrs.field(converter=_code)
    village_id: str | None = None
    members: tuple[Member, ...] = attrs.field(default=(), converter=_members)
    declared_size: int | None = attrs.field(default=None, validator=_non_negative)
    income: IncomeStatement | None = None
    reported_per_capita_income: Decimal | None = attrs.field(default=None, converter=_opt_amount)
    income_year: int | None = attrs.field(default=None, validator=_opt_year)
    guarantees: Guarantees = Guarantees()
    main_cause: PovertyCause | None = None
    other_causes: tuple[PovertyCause, ...] = attrs.field(
        default=(), converter=_causes, validator=_max_two
    )
    household_type: HouseholdType = HouseholdType.GENERAL
    assets: Assets = Assets()
    helper: str | None = attrs.field(default=None, repr=False)
    measures: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    exit_target_year: int | None = attrs.field(default=None, validator=_opt_year)
    identified_on: dt.date | None = attrs.field(default=None, converter=_opt_date)
    stable_income_source: bool | None = None
    income_history: tuple[AnnualIncome, ...] = attrs.field(default=(), converter=_incomes)
    local_indicators: tuple[tuple[str, bool], ...] = attrs.field(default=(), converter=_indicators)
    exit_steps: tuple[ProcedureStep, ...] = attrs.field(default=(), converter=_steps)

    def __attrs_post_init__(self) -> None:
        if not self.members and self.declared_size is None:
            raise ValueError("a household needs its members or its declared size")
        if self.declared_size == 0 and not self.members:
            raise ValueError("a household has at least one member")

    @property
    def size(self) -> int:
        """家庭人口数: the registered members listed, else the declared size."""
        return len(self.members) if self.members else int(self.declared_size or 0)

    @property
    def causes(self) -> tuple[PovertyCause, ...]:
        return ((self.main_cause,) if self.main_cause else ()) + self.other_causes

    def per_capita_net_income(self) -> Decimal | None:
        """家庭年人均纯收入 rounded to the fen, from the components (else the reported figure).

        For display: compare with a threshold through :meth:`per_capita_within`, which does
        not round (8855.99 yuan for 3 persons shows as 2952.00 but is below 2952).
        """
        if self.income is not None:
            return to_fen(self.income.net / self.size)
        return self.reported_per_capita_income

    def per_capita_within(self, threshold: Decimal, bound: Bound) -> bool | None:
        """Whether the per-capita net income is ``bound`` ``threshold``, compared exactly.

        From the components, the net income is compared with ``threshold × size`` (no
        division, no rounding); the reported figure is compared as recorded. ``None`` when
        the income is unknown.
        """
        if self.income is not None:
            return within(self.income.net, threshold * self.size, bound)
        if self.reported_per_capita_income is not None:
            return within(self.reported_per_capita_income, threshold, bound)
        return None


@attrs.frozen(kw_only=True)
class Village:
    """An administrative village (行政村) with the figures its identification and exit use."""

    village_id: str = attrs.field(validator=_nonempty)
    county_code: str = attrs.field(converter=_code)
    name: str | None = None
    rural_population: int = attrs.field(validator=[v.instance_of(int), _non_negative])
    poor_population: int = attrs.field(validator=[v.instance_of(int), _non_negative])
    per_capita_net_income: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )
    income_year: int | None = attrs.field(default=None, validator=_opt_year)
    collective_income: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )
    reported_incidence: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )
    exit_factors: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_factors)
    exit_steps: tuple[ProcedureStep, ...] = attrs.field(default=(), converter=_steps)

    def __attrs_post_init__(self) -> None:
        if self.poor_population > self.rural_population:
            raise ValueError(
                f"poor population {self.poor_population} exceeds rural population "
                f"{self.rural_population}"
            )


@attrs.frozen(kw_only=True)
class ReferenceArea:
    """The area a village is compared with (the province by default): its incidence and income."""

    code: str = attrs.field(converter=_code)
    level: ReferenceLevel = attrs.field(converter=_reference_level)
    poverty_incidence: Decimal = attrs.field(converter=_amount, validator=_non_negative)
    average_per_capita_income: Decimal = attrs.field(converter=_amount, validator=_non_negative)
    year: int = attrs.field(validator=_opt_year)

    def __attrs_post_init__(self) -> None:
        if self.poverty_incidence > 1:
            raise ValueError("poverty_incidence is a fraction (0.085 for 8.5%), not a percentage")


@attrs.frozen(kw_only=True)
class County:
    """A county-level division and its poor-county status (贫困县)."""

    county_code: str = attrs.field(converter=_code)
    name: str | None = None
    key_county: bool = False
    contiguous_area_county: bool = False


@attrs.frozen(kw_only=True)
class ProcedureStep:
    """One dated step of an identification or exit file.

    ``first_day`` is the day the step happened or a notice was posted; for a notice,
    ``last_day`` is the last day it stayed up. Objections are counted as raised and resolved.
    """

    step: str = attrs.field(validator=_nonempty)
    first_day: dt.date = attrs.field(converter=as_date)
    last_day: dt.date | None = attrs.field(default=None, converter=_opt_date)
    objections: int = attrs.field(default=0, validator=_non_negative)
    objections_resolved: int = attrs.field(default=0, validator=_non_negative)

    def __attrs_post_init__(self) -> None:
        if self.last_day is not None and self.last_day < self.first_day:
            raise ValueError(f"step {self.step}: last day {self.last_day} before {self.first_day}")
        if self.objections_resolved > self.objections:
            raise ValueError(f"step {self.step}: more objections resolved than raised")


@attrs.frozen(kw_only=True)
class ProcedureFile:
    """The dated steps of one subject's identification (a household or a village)."""

    subject_id: str = attrs.field(validator=_nonempty)
    level: ProcedureLevel = attrs.field(converter=_procedure_level)
    steps: tuple[ProcedureStep, ...] = attrs.field(converter=_steps)
    region: str | None = attrs.field(default=None, converter=attrs.converters.optional(_code))


@attrs.frozen(kw_only=True)
class CountyExitCase:
    """What a county's exit decision looks at: incidence inputs, 三率一度, villages, procedure."""

    county: County
    rural_population: int | None = attrs.field(default=None, validator=_non_negative)
    remaining_poor: int | None = attrs.field(default=None, validator=_non_negative)
    missed_population: int | None = attrs.field(default=None, validator=_non_negative)
    wrongly_exited_population: int | None = attrs.field(default=None, validator=_non_negative)
    incidence: RateFigure | None = None
    wrong_exit_rate: RateFigure | None = None
    missed_rate: RateFigure | None = None
    approval: RateFigure | None = None
    poor_villages: int | None = attrs.field(default=None, validator=_non_negative)
    poor_villages_exited: int | None = attrs.field(default=None, validator=_non_negative)
    steps: tuple[ProcedureStep, ...] = attrs.field(default=(), converter=_steps)

    def __attrs_post_init__(self) -> None:
        if self.rural_population == 0:
            raise ValueError("rural_population must be positive")
        counted = (
            (self.remaining_poor or 0)
            + (self.missed_population or 0)
            + (self.wrongly_exited_population or 0)
        )
        if self.rural_population is not None and counted > self.rural_population:
            raise ValueError(
                f"{counted} poor people counted in a rural population of {self.rural_population}"
            )
        if (
            self.poor_villages is not None
            and self.poor_villages_exited is not None
            and self.poor_villages_exited > self.poor_villages
        ):
            raise ValueError("more poor villages exited than there are")
