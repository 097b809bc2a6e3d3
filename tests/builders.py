"""Builders shared by the tests. Tests never read ../shared: all data is the package's own."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from jingzhun import Guarantees, Household, IncomeStatement, Member, ParameterSet
from jingzhun.domain.vocabulary import LabourCapacity, Relation


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


def with_overlay(region: str, start: str, **values: object) -> ParameterSet:
    """The bundled parameters plus a test overlay for ``region`` setting ``values`` from ``start``.

    Parameter names are given with ``__`` for ``.``:
    ``with_overlay("52", "2014-01-01", identification__guarantee_mode="income_only")``.
    """
    lines = ["schema_version = 1", f'region = "{region}"']
    for key, value in values.items():
        lines += [
            "[[parameter]]",
            f'name = "{key.replace("__", ".")}"',
            "  [[parameter.values]]",
            f"  from = {start}",
            f"  value = {json.dumps(value, ensure_ascii=False)}",
            '  status = "local"',
            '  source = { title = "test overlay", quote = "test" }',
        ]
    return ParameterSet.bundled().with_overlay_text("\n".join(lines) + "\n", origin="test")
