"""Builders shared by the tests. Tests never read ../shared: all data is the package's own."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jingzhun import Guarantees, Household, IncomeStatement, Member
from jingzhun.vocabulary import LabourCapacity, Relation


def household(
    *,
    per_capita: str | Decimal | None = None,
    size: int = 1,
    year: int = 2015,
    county: str = "522701",
    guarantees: Guarantees | None = None,
    hid: str = "H1",
    **extra: Any,
) -> Household:
    """A household whose net income is ``per_capita × size`` exactly (wages only)."""
    income = None
    if per_capita is not None:
        income = IncomeStatement(wages=Decimal(per_capita) * size)
    return Household(
        household_id=hid,
        county_code=county,
        declared_size=size,
        income=income,
        income_year=year,
        guarantees=guarantees if guarantees is not None else Guarantees.all_met(),
        **extra,
    )


def head(member_id: str = "M1", **extra: Any) -> Member:
    return Member(
        member_id=member_id,
        relation=Relation.HEAD,
        labour=extra.pop("labour", LabourCapacity.ORDINARY),
        **extra,
    )
