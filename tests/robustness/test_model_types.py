"""Types are checked at the model boundary; each error names the field (issue 8, class 3)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs
import pytest

from jingzhun.core import bounds
from jingzhun.core.bounds import RateFigure
from jingzhun.domain import cases, model, registry
from jingzhun.domain.cases import (
    CountyList,
    DibaoReview,
    ExitedSubject,
    QuotaCase,
    VillageCase,
)
from jingzhun.domain.model import (
    AnnualIncome,
    Assets,
    County,
    CountyExitCase,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    ProcedureFile,
    ProcedureStep,
    ReferenceArea,
    Vehicle,
    Village,
)
from jingzhun.domain.registry import RegistryEntry, RegistryStatus, StatusChange
from jingzhun.domain.vocabulary import DibaoKind, Relation

H: dict[str, Any] = {"household_id": "h", "county_code": "520102", "declared_size": 2}

CASES: list[tuple[str, Callable[[], object], str]] = [
    ("guarantee 'no'", lambda: Guarantees(food="no"), "food"),  # type: ignore[arg-type]
    ("guarantee 1", lambda: Guarantees(housing_safety=1), "housing_safety"),  # type: ignore[arg-type]
    ("rate '95'", lambda: RateFigure(value="95"), "value"),
    ("rate -0.1", lambda: RateFigure(below="-0.1"), "below"),
    ("rate float", lambda: RateFigure(at_least=0.9), "at_least"),
    ("size 2.7", lambda: Household(**{**H, "declared_size": 2.7}), "declared_size"),
    ("size True", lambda: Household(**{**H, "declared_size": True}), "declared_size"),
    ("size -1", lambda: Household(**{**H, "declared_size": -1}), "declared_size"),
    ("relation unknown", lambda: Member(member_id="m", relation="叔叔"), "relation"),
    ("relation int", lambda: Member(member_id="m", relation=1), "relation"),
    ("flag 'yes'", lambda: Member(member_id="m", disabled="yes"), "disabled"),  # type: ignore[arg-type]
    ("date int", lambda: Member(member_id="m", birth_date=19900101), "birth_date"),
    ("date invalid", lambda: ProcedureStep(step="s", first_day="2017-02-30"), "first_day"),
    (
        "objections float",
        lambda: ProcedureStep(step="s", first_day="2017-01-01", objections=1.0),  # type: ignore[arg-type]
        "objections",
    ),
    ("amount float", lambda: IncomeStatement(wages=1.5), "wages"),
    ("amount NaN", lambda: IncomeStatement(transfers="NaN"), "transfers"),
    ("county code int", lambda: Household(**{**H, "county_code": 520102}), "county_code"),
    ("measures str", lambda: Household(**{**H, "measures": "abc"}), "measures"),
    (
        "indicator 'no'",
        lambda: Household(**{**H, "local_indicators": {"x": "no"}}),
        "local_indicators",
    ),
    ("guarantees dict", lambda: Household(**{**H, "guarantees": {"food": True}}), "guarantees"),
    ("cause unknown", lambda: Household(**{**H, "other_causes": ["懒"]}), "other_causes"),
    (
        "population float",
        lambda: Village(
            village_id="v",
            county_code="520102",
            rural_population=10.0,  # type: ignore[arg-type]
            poor_population=1,
        ),
        "rural_population",
    ),
    (
        "incidence 2",
        lambda: Village(
            village_id="v",
            county_code="520102",
            rural_population=10,
            poor_population=1,
            reported_incidence="2",
        ),
        "reported_incidence",
    ),
    ("key county 'true'", lambda: County(county_code="520102", key_county="true"), "key_county"),  # type: ignore[arg-type]
    ("assets flag", lambda: Assets(town_property="否"), "town_property"),  # type: ignore[arg-type]
    ("quota bool", lambda: QuotaCase(households=(), quota=True), "quota"),
    ("exit level", lambda: ExitedSubject(level="town", exited_on="2018-01-01"), "level"),
    ("status", lambda: StatusChange(on="2018-01-01", status="gone", action="x"), "status"),
    # Checks across fields name the field they refuse.
    (
        "villages exited > villages",
        lambda: CountyExitCase(
            county=County(county_code="520102"), poor_villages=10, poor_villages_exited=11
        ),
        "poor_villages_exited",
    ),
    ("no members, no size", lambda: Household(household_id="h", county_code="520102"), "members"),
    ("members a string", lambda: Household(**{**H, "members": "M1"}), "members"),
    ("member a dict", lambda: Household(**{**H, "members": [{"member_id": "m"}]}), "members"),
    ("size 0, no members", lambda: Household(**{**H, "declared_size": 0}), "declared_size"),
    (
        "three other causes",
        lambda: Household(**{**H, "other_causes": ["因病", "因学", "因残"]}),
        "other_causes",
    ),
    (
        "poor > rural",
        lambda: Village(
            village_id="v", county_code="520102", rural_population=1, poor_population=2
        ),
        "poor_population",
    ),
    (
        "last day before first",
        lambda: ProcedureStep(step="s", first_day="2017-01-02", last_day="2017-01-01"),
        "last_day",
    ),
    (
        "resolved > raised",
        lambda: ProcedureStep(
            step="s", first_day="2017-01-01", objections=1, objections_resolved=2
        ),
        "objections_resolved",
    ),
    (
        "rural 0",
        lambda: CountyExitCase(county=County(county_code="520102"), rural_population=0),
        "rural_population",
    ),
    (
        "counted > rural",
        lambda: CountyExitCase(
            county=County(county_code="520102"), rural_population=10, remaining_poor=11
        ),
        "rural_population",
    ),
    (
        "history out of order",
        lambda: RegistryEntry(
            household=Household(**H),
            status="poor",
            history=[
                StatusChange(on="2018-01-01", status="poor", action="x"),
                StatusChange(on="2017-01-01", status="poor", action="x"),
            ],
        ),
        "history",
    ),
]


@pytest.mark.parametrize(("case", "make", "field"), CASES, ids=[c[0] for c in CASES])
def test_wrong_types_are_refused_naming_the_field(
    case: str, make: Callable[[], object], field: str
) -> None:
    with pytest.raises((TypeError, ValueError)) as info:
        make()
    assert field in str(info.value), (case, str(info.value))


def test_codes_and_labels_convert_strictly() -> None:
    assert Member(member_id="m", relation="户主").relation is Relation.HEAD
    assert Member(member_id="m", relation="head").relation is Relation.HEAD
    assert (
        StatusChange(on="2018-01-01", status="已脱贫", action="x").status is RegistryStatus.EXITED
    )
    assert Guarantees(food=None, clothing=False).clothing is False
    assert RateFigure(value="0.95").exact == RateFigure(numerator=95, denominator=100).exact


_HOUSEHOLD = Household(**H)
_REFERENCE: dict[str, Any] = {
    "code": "52",
    "level": "province",
    "poverty_incidence": "0.1",
    "average_per_capita_income": "5000",
    "year": 2015,
}
_VILLAGE: dict[str, Any] = {
    "village_id": "v",
    "county_code": "520102",
    "rural_population": 10,
    "poor_population": 1,
}
# A valid constructor call of every domain class (a new class must be added here).
VALID: dict[type, dict[str, Any]] = {
    Member: {"member_id": "m"},
    IncomeStatement: {},
    Guarantees: {},
    Vehicle: {"kind": "private_car"},
    Assets: {},
    AnnualIncome: {"year": 2015, "per_capita": "3000"},
    Household: H,
    Village: _VILLAGE,
    ReferenceArea: _REFERENCE,
    County: {"county_code": "520102"},
    ProcedureStep: {"step": "s", "first_day": "2017-01-01"},
    ProcedureFile: {"subject_id": "s", "level": "household", "steps": ()},
    CountyExitCase: {"county": County(county_code="520102")},
    VillageCase: {"village": Village(**_VILLAGE), "reference": ReferenceArea(**_REFERENCE)},
    CountyList: {"counties": ()},
    QuotaCase: {"households": (), "quota": 1},
    ExitedSubject: {"level": "household", "exited_on": "2018-01-01"},
    DibaoReview: {"kind": DibaoKind.STABLE_INCOME, "last_review": "2018-01-01"},
    StatusChange: {"on": "2018-01-01", "status": "poor", "action": "x"},
    RegistryEntry: {"household": _HOUSEHOLD, "status": "poor"},
    RateFigure: {"value": "0.5"},
}


def _classes(*modules: ModuleType) -> list[type]:
    return [
        cls
        for module in modules
        for cls in vars(module).values()
        if inspect.isclass(cls) and attrs.has(cls) and cls.__module__ == module.__name__
    ]


class _Wrong:
    """A value of no type any field accepts."""

    def __repr__(self) -> str:
        return "<wrong>"


FIELDS = [
    (cls, a.name)
    for cls in _classes(model, cases, registry, bounds)
    if cls is not bounds.Unreadable  # internal: a converter's note, not a constructor of the API
    for a in attrs.fields(cls)
]


def test_every_domain_class_has_a_valid_call() -> None:
    """The walk below reaches every attrs class of the domain modules and RateFigure."""
    assert {cls for cls, _name in FIELDS} == set(VALID)
    for cls, kwargs in VALID.items():
        cls(**kwargs)


@pytest.mark.parametrize(
    ("cls", "name"), FIELDS, ids=[f"{cls.__name__}.{name}" for cls, name in FIELDS]
)
def test_every_field_refuses_a_wrong_type_naming_itself(cls: type, name: str) -> None:
    """Each field of each domain constructor, given a value of no acceptable type, raises
    ``TypeError`` or ``ValueError`` whose message names the field."""
    with pytest.raises((TypeError, ValueError)) as info:
        cls(**{**VALID[cls], name: _Wrong()})
    assert name in str(info.value), str(info.value)
