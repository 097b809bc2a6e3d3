"""Dynamic management — BOOK2017-ch5-end-d (31 December node), THREEYEAR2018-7.1-a
(脱贫即出、返贫即入), THREEYEAR2018-7.1-b (剔除/纳入), EXIT2016-2.1-a, BOOK2017-ch5-1.1-g,
BOOK2017-ch5-1.1-h, BOOK2017-ch5-end-f, BOOK2017-ch10-1.2-a, BOOK2017-ch10-2.2-b,
BOOK2017-ch10-2.3, and the 低保 review interval BOOK2017-ch6-5.2-c.

The verdicts of the yearly adjustment are case files (``cases/adjustment.yaml``); what stays
here checks the registry API, a property over many registries, and the 低保 review (whose
subject has no record format)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jingzhun import (
    Action,
    Guarantees,
    Household,
    IncomeStatement,
    Outcome,
    RegistryEntry,
    RegistryStatus,
    StatusChange,
    adjust_registry,
    dibao_review_due,
)


def entry(
    hid: str,
    income: str,
    status: RegistryStatus,
    *,
    stable: bool = True,
    county: str = "522701",
    year: int | None = 2017,
    **extra: Any,
) -> RegistryEntry:
    h = Household(
        household_id=hid,
        county_code=county,
        declared_size=1,
        income=IncomeStatement(wages=income),
        income_year=year,
        guarantees=Guarantees.all_met(),
        stable_income_source=stable,
        **extra,
    )
    return RegistryEntry(
        household=h,
        status=status,
        history=(StatusChange(on="2014-10-01", status=RegistryStatus.POOR, action="identified"),)
        if status is not RegistryStatus.NOT_REGISTERED
        else (),
    )


def test_adjustment_node_is_31_december() -> None:
    result = adjust_registry([entry("A", "5000", RegistryStatus.POOR)], year=2017)
    assert result.on.isoformat() == "2017-12-31"


def test_adjustment_result_carries_the_new_entry_with_its_history() -> None:
    """The verdicts are case files (cases/adjustment.yaml); the result's entries are API:
    a change appends to the history (返贫 keeps the earlier history), no change keeps the entry."""
    result = adjust_registry(
        [
            entry("A", "5000", RegistryStatus.POOR),
            entry("B", "1500", RegistryStatus.EXITED),
            entry("C", "2000", RegistryStatus.POOR),
        ],
        year=2017,
    )
    exited, relapsed, kept = result.adjustments
    assert (exited.action, exited.after.status) == (Action.EXIT, RegistryStatus.EXITED)
    assert exited.after.history[-1].action == "exit"
    assert exited.after.history[-1].on.isoformat() == "2017-12-31"
    assert (relapsed.action, relapsed.after.status) == (Action.RELAPSE, RegistryStatus.RELAPSED)
    assert len(relapsed.after.history) == 2
    assert kept.action is Action.KEEP
    assert kept.after == kept.before
    assert result.counts()[Action.EXIT] == 1


def test_input_registry_is_not_mutated_and_duplicates_are_refused() -> None:
    entries = [entry("A", "5000", RegistryStatus.POOR)]
    before = list(entries)
    adjust_registry(entries, year=2017)
    assert entries == before
    with pytest.raises(ValueError, match="duplicate"):
        adjust_registry([entry("A", "1", RegistryStatus.POOR)] * 2, year=2017)


def test_history_must_be_in_date_order() -> None:
    with pytest.raises(ValueError, match="date order"):
        RegistryEntry(
            household=Household(household_id="A", county_code="522701", declared_size=1),
            status=RegistryStatus.EXITED,
            history=(
                StatusChange(on="2018-01-01", status=RegistryStatus.EXITED, action="exit"),
                StatusChange(on="2016-01-01", status=RegistryStatus.POOR, action="identified"),
            ),
        )


statuses = st.sampled_from(list(RegistryStatus))
incomes = st.decimals(min_value=0, max_value=8000, places=2)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(incomes, statuses, st.booleans()), min_size=0, max_size=25))
def test_adjustment_conserves_households(rows: list[tuple[Decimal, RegistryStatus, bool]]) -> None:
    """Count in = count out, ids equal and in order; every status change is in the history."""
    entries = [
        entry(f"H{i}", str(inc), status, stable=stable)
        for i, (inc, status, stable) in enumerate(rows)
    ]
    result = adjust_registry(entries, year=2017)
    assert [e.household.household_id for e in result.entries] == [
        e.household.household_id for e in entries
    ]
    assert sum(result.counts().values()) == len(entries)
    for a in result.adjustments:
        assert (a.after.status != a.before.status) == (a.action is not Action.KEEP)
        assert a.after.history[: len(a.before.history)] == a.before.history


@pytest.mark.parametrize(
    ("kind", "last", "on", "due"),
    [
        ("three_without", "2016-03-15", "2017-03-15", True),
        ("three_without", "2016-03-15", "2017-03-14", False),
        ("stable_income", "2016-03-15", "2016-09-15", True),
        ("stable_income", "2016-03-15", "2016-09-14", False),
    ],
)
def test_dibao_review_interval(kind: str, last: str, on: str, due: bool) -> None:
    """BOOK2017-ch6-5.2-c: 三无人员可每年核查一次；收入变化不大的家庭可每半年核查一次."""
    d = dibao_review_due(kind, last_review=last, on=on)
    assert (d.outcome is Outcome.MET) is due


def test_dibao_half_year_from_31_august_ends_on_28_february() -> None:
    """《民法典》第二百零二条: 没有对应日的，月末日为期间的最后一日."""
    assert (
        dibao_review_due("stable_income", last_review="2016-08-31", on="2017-02-28").outcome
        is Outcome.MET
    )
    assert (
        dibao_review_due("stable_income", last_review="2016-08-31", on="2017-02-27").outcome
        is Outcome.NOT_MET
    )
