"""Types are checked at the model boundary; each error names the field (issue 8, class 3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jingzhun.core.bounds import RateFigure
from jingzhun.domain.cases import ExitedSubject, QuotaCase
from jingzhun.domain.model import (
    Assets,
    County,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    ProcedureStep,
    Village,
)
from jingzhun.domain.registry import RegistryStatus, StatusChange
from jingzhun.domain.vocabulary import Relation

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
