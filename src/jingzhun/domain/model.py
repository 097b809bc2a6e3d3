"""Domain objects: members, households, villages, counties and identification files.

All are frozen attrs classes. Validators reject impossible values (a negative size, age
or income component; more than two other causes); checks that need a decision date or
compare fields (a birth date after the decision date, a size that disagrees with the
members listed) are consistency rules in :mod:`jingzhun.rules.consistency`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.bounds import Bound, RateFigure, fraction, within
from jingzhun.core.money import to_fen
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
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


def _non_negative(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value < 0:  # type: ignore[operator]
        raise ValueError(f"{attribute.name} must not be negative (got {value})")


@attrs.frozen(kw_only=True)
class Member(Structured):
    """A household member (家庭成员). ``name`` and ``id_number`` are personal data."""

    member_id: str = attrs.field(validator=f.text)
    relation: Relation = attrs.field(default=Relation.OTHER, converter=f.relation, validator=f.ok)
    name: str | None = attrs.field(default=None, repr=False, validator=f.opt_text)
    id_number: str | None = attrs.field(default=None, repr=False, validator=f.opt_text)
    sex: Sex | None = attrs.field(default=None, converter=f.sex, validator=f.ok)
    birth_date: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    labour: LabourCapacity | None = attrs.field(default=None, converter=f.labour, validator=f.ok)
    health: HealthStatus = attrs.field(
        default=HealthStatus.HEALTHY, converter=f.health, validator=f.ok
    )
    disabled: bool = attrs.field(default=False, validator=f.flag)
    school: SchoolStatus = attrs.field(
        default=SchoolStatus.NOT_ENROLLED,
        converter=f.school,
        validator=f.ok,
    )
    public_payroll: bool = attrs.field(default=False, validator=f.flag)
    village_cadre: bool = attrs.field(default=False, validator=f.flag)

    def age_on(self, on: dt.date) -> int | None:
        """Age in completed years on ``on`` (None if the birth date is unknown)."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


@attrs.frozen(kw_only=True)
class IncomeStatement(Structured):
    """A household's yearly income, by the components of 家庭年人均纯收入 (yuan).

    家庭纯收入 = 工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出.
    """

    wages: Decimal = attrs.field(
        default=Decimal(0), converter=f.amount, validator=[f.ok, _non_negative]
    )
    business: Decimal = attrs.field(
        default=Decimal(0), converter=f.amount, validator=[f.ok, _non_negative]
    )
    property_income: Decimal = attrs.field(
        default=Decimal(0),
        converter=f.amount,
        validator=[f.ok, _non_negative],
    )
    transfers: Decimal = attrs.field(
        default=Decimal(0), converter=f.amount, validator=[f.ok, _non_negative]
    )
    business_costs: Decimal = attrs.field(
        default=Decimal(0),
        converter=f.amount,
        validator=[f.ok, _non_negative],
    )

    @property
    def net(self) -> Decimal:
        """家庭纯收入 (net household income)."""
        return (
            self.wages + self.business + self.property_income + self.transfers - self.business_costs
        )


_GUARANTEE_FIELD: dict[Guarantee, str] = {g: g.value for g in Guarantee}


@attrs.frozen(kw_only=True)
class Guarantees(Structured):
    """两不愁三保障 facts of a household: True met, False not met, None not recorded."""

    food: bool | None = attrs.field(default=None, validator=f.opt_flag)
    clothing: bool | None = attrs.field(default=None, validator=f.opt_flag)
    compulsory_education: bool | None = attrs.field(default=None, validator=f.opt_flag)
    basic_medical_care: bool | None = attrs.field(default=None, validator=f.opt_flag)
    housing_safety: bool | None = attrs.field(default=None, validator=f.opt_flag)
    drinking_water: bool | None = attrs.field(default=None, validator=f.opt_flag)

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


GUARANTEE_FIELDS: Final = tuple(a.name for a in attrs.fields(Guarantees))
"""The six guarantee fields (两不愁三保障 with drinking water), as records and columns name them."""


@attrs.frozen(kw_only=True)
class Vehicle(Structured):
    kind: VehicleKind = attrs.field(converter=f.vehicle_kind, validator=f.ok)
    purchase_price: Decimal | None = attrs.field(
        default=None,
        converter=f.opt_amount,
        validator=[f.ok, _non_negative],
    )


@attrs.frozen(kw_only=True)
class Assets(Structured):
    """Facts that local exclusion lists (几不评) test."""

    vehicles: tuple[Vehicle, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(Vehicle)
    )
    town_property: bool = attrs.field(default=False, validator=f.flag)
    registered_business: bool = attrs.field(default=False, validator=f.flag)
    public_servant_relative: bool = attrs.field(default=False, validator=f.flag)


@attrs.frozen(kw_only=True)
class AnnualIncome(Structured):
    """A past year's per-capita net income (for the years_above_line reading of 稳定)."""

    year: int = attrs.field(validator=f.year)
    per_capita: Decimal = attrs.field(converter=f.amount, validator=f.ok)


_opt_rate = f.instance(RateFigure, optional=True)


def _steps_ok(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    f.of(ProcedureStep)(inst, attribute, value)  # ProcedureStep is defined below


def _incomes(value: object) -> Any:
    items = f.sequence(value)
    if isinstance(items, tuple) and all(isinstance(a, AnnualIncome) for a in items):
        return tuple(sorted(items, key=lambda a: a.year))
    return items


def _max_two(_inst: object, _attr: attrs.Attribute[Any], value: tuple[PovertyCause, ...]) -> None:
    if len(value) > 2:
        raise ValueError(
            f"other_causes: at most two other causes (其他致贫原因最多2项), got {len(value)}"
        )


@attrs.frozen(kw_only=True)
class Household(Structured):
    """A rural household (户), the unit of identification and of exit.

    ``members`` lists the registered members; ``declared_size`` is 家庭人口数 as recorded.
    Either may be missing, not both. ``income`` holds the components; where only the
    registry's 人均纯收入 is known, give ``reported_per_capita_income``.
    """

    household_id: str = attrs.field(validator=f.text)
    county_code: str = attrs.field(converter=f.code, validator=f.ok)
    village_id: str | None = attrs.field(default=None, validator=f.opt_text)
    members: tuple[Member, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(Member)
    )
    declared_size: int | None = attrs.field(default=None, validator=f.opt_count)
    income: IncomeStatement | None = attrs.field(
        default=None, validator=f.instance(IncomeStatement, optional=True)
    )
    reported_per_capita_income: Decimal | None = attrs.field(
        default=None, converter=f.opt_amount, validator=f.ok
    )
    income_year: int | None = attrs.field(default=None, validator=f.opt_year)
    guarantees: Guarantees = attrs.field(default=Guarantees(), validator=f.instance(Guarantees))
    main_cause: PovertyCause | None = attrs.field(default=None, converter=f.cause, validator=f.ok)
    other_causes: tuple[PovertyCause, ...] = attrs.field(
        default=(),
        converter=f.causes,
        validator=[f.ok, _max_two],
    )
    household_type: HouseholdType = attrs.field(
        default=HouseholdType.GENERAL,
        converter=f.household_type,
        validator=f.ok,
    )
    assets: Assets = attrs.field(default=Assets(), validator=f.instance(Assets))
    helper: str | None = attrs.field(default=None, repr=False, validator=f.opt_text)
    measures: tuple[str, ...] = attrs.field(default=(), converter=f.sequence, validator=f.of(str))
    exit_target_year: int | None = attrs.field(default=None, validator=f.opt_year)
    identified_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    stable_income_source: bool | None = attrs.field(default=None, validator=f.opt_flag)
    income_history: tuple[AnnualIncome, ...] = attrs.field(
        default=(), converter=_incomes, validator=f.of(AnnualIncome)
    )
    local_indicators: tuple[tuple[str, bool], ...] = attrs.field(
        default=(), converter=f.pairs, validator=f.pairs_of(bool)
    )
    exit_steps: tuple[ProcedureStep, ...] = attrs.field(
        default=(), converter=f.sequence, validator=_steps_ok
    )

    def __attrs_post_init__(self) -> None:
        if not self.members and self.declared_size is None:
            raise ValueError(
                "members: 户需有成员或家庭人口数 / "
                "a household needs its members or its declared size"
            )
        if self.declared_size == 0 and not self.members:
            raise ValueError(
                "declared_size: 户至少有1人 / a household has at least one member (got 0)"
            )

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
class Village(Structured):
    """An administrative village (行政村) with the figures its identification and exit use."""

    village_id: str = attrs.field(validator=f.text)
    county_code: str = attrs.field(converter=f.code, validator=f.ok)
    name: str | None = attrs.field(default=None, validator=f.opt_text)
    rural_population: int = attrs.field(validator=f.count)
    poor_population: int = attrs.field(validator=f.count)
    per_capita_net_income: Decimal | None = attrs.field(
        default=None,
        converter=f.opt_amount,
        validator=[f.ok, _non_negative],
    )
    income_year: int | None = attrs.field(default=None, validator=f.opt_year)
    collective_income: Decimal | None = attrs.field(
        default=None,
        converter=f.opt_amount,
        validator=[f.ok, _non_negative],
    )
    reported_incidence: Decimal | None = attrs.field(
        default=None,
        converter=f.opt_amount,
        validator=[f.ok, fraction],
    )
    exit_factors: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=f.pairs, validator=f.pairs_of(str)
    )
    exit_steps: tuple[ProcedureStep, ...] = attrs.field(
        default=(), converter=f.sequence, validator=_steps_ok
    )

    def __attrs_post_init__(self) -> None:
        if self.poor_population > self.rural_population:
            raise ValueError(
                f"poor_population: 贫困人口多于农村人口 / {self.poor_population} exceeds "
                f"the rural population ({self.rural_population})"
            )


@attrs.frozen(kw_only=True)
class ReferenceArea(Structured):
    """The area a village is compared with (the province by default): its incidence and income."""

    code: str = attrs.field(converter=f.code, validator=f.ok)
    level: ReferenceLevel = attrs.field(converter=f.reference_level, validator=f.ok)
    poverty_incidence: Decimal = attrs.field(converter=f.amount, validator=[f.ok, fraction])
    average_per_capita_income: Decimal = attrs.field(
        converter=f.amount, validator=[f.ok, _non_negative]
    )
    year: int = attrs.field(validator=f.year)


@attrs.frozen(kw_only=True)
class County(Structured):
    """A county-level division and its poor-county status (贫困县)."""

    county_code: str = attrs.field(converter=f.code, validator=f.ok)
    name: str | None = attrs.field(default=None, validator=f.opt_text)
    key_county: bool = attrs.field(default=False, validator=f.flag)
    contiguous_area_county: bool = attrs.field(default=False, validator=f.flag)


@attrs.frozen(kw_only=True)
class ProcedureStep(Structured):
    """One dated step of an identification or exit file.

    ``first_day`` is the day the step happened or a notice was posted; for a notice,
    ``last_day`` is the last day it stayed up. Objections are counted as raised and resolved.
    """

    step: str = attrs.field(validator=f.text)
    first_day: dt.date = attrs.field(converter=f.day, validator=f.ok)
    last_day: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    objections: int = attrs.field(default=0, validator=f.count)
    objections_resolved: int = attrs.field(default=0, validator=f.count)

    def __attrs_post_init__(self) -> None:
        if self.last_day is not None and self.last_day < self.first_day:
            raise ValueError(
                f"last_day: 结束日期早于开始日期 / {self.last_day} is before the first day "
                f"{self.first_day} (step {self.step})"
            )
        if self.objections_resolved > self.objections:
            raise ValueError(
                f"objections_resolved: 处理的异议多于提出的 / more objections resolved than raised "
                f"({self.objections_resolved} > {self.objections}, step {self.step})"
            )


@attrs.frozen(kw_only=True)
class ProcedureFile(Structured):
    """The dated steps of one subject's identification (a household or a village)."""

    subject_id: str = attrs.field(validator=f.text)
    level: ProcedureLevel = attrs.field(converter=f.procedure_level, validator=f.ok)
    steps: tuple[ProcedureStep, ...] = attrs.field(
        converter=f.sequence, validator=f.of(ProcedureStep)
    )
    region: str | None = attrs.field(default=None, converter=f.opt_code, validator=f.ok)


@attrs.frozen(kw_only=True)
class CountyExitCase(Structured):
    """What a county's exit decision looks at: incidence inputs, 三率一度, villages, procedure."""

    county: County = attrs.field(validator=f.instance(County))
    rural_population: int | None = attrs.field(default=None, validator=f.opt_count)
    remaining_poor: int | None = attrs.field(default=None, validator=f.opt_count)
    missed_population: int | None = attrs.field(default=None, validator=f.opt_count)
    wrongly_exited_population: int | None = attrs.field(default=None, validator=f.opt_count)
    incidence: RateFigure | None = attrs.field(default=None, validator=_opt_rate)
    wrong_exit_rate: RateFigure | None = attrs.field(default=None, validator=_opt_rate)
    missed_rate: RateFigure | None = attrs.field(default=None, validator=_opt_rate)
    approval: RateFigure | None = attrs.field(default=None, validator=_opt_rate)
    poor_villages: int | None = attrs.field(default=None, validator=f.opt_count)
    poor_villages_exited: int | None = attrs.field(default=None, validator=f.opt_count)
    steps: tuple[ProcedureStep, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(ProcedureStep)
    )

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
                f"rural_population: 农村人口少于计入的贫困人口 / {self.rural_population} is "
                f"less than the {counted} poor people counted (remaining, missed, wrongly exited)"
            )
        if (
            self.poor_villages is not None
            and self.poor_villages_exited is not None
            and self.poor_villages_exited > self.poor_villages
        ):
            raise ValueError(
                f"poor_villages_exited: 退出的贫困村多于贫困村总数 / "
                f"{self.poor_villages_exited} is more than the {self.poor_villages} poor villages"
            )
