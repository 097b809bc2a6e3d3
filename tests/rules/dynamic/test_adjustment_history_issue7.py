"""Issue 7 item 7: replaying the 2014 and 2015 adjustments (BOOK2017-ch5-end-d: 以每年12月31日
为节点 … 标注脱贫人口), and removing (剔除, THREEYEAR2018-7.1-b / BOOK2017-ch5-end-e) a registered
household whose identification-year income was never below that year's line."""

from __future__ import annotations

from typing import Any

import pytest

from jingzhun import (
    Action,
    AnnualIncome,
    Guarantees,
    Household,
    IncomeStatement,
    RegistryEntry,
    RegistryStatus,
    StatusChange,
    adjust_registry,
)


def poor(hid: str, income: str, **extra: Any) -> RegistryEntry:
    h = Household(
        household_id=hid,
        county_code="522701",
        declared_size=1,
        income=IncomeStatement(wages=income),
        guarantees=Guarantees.all_met(),
        stable_income_source=True,
        **extra,
    )
    identified = StatusChange(on="2014-10-01", status=RegistryStatus.POOR, action="identified")
    return RegistryEntry(household=h, status=RegistryStatus.POOR, history=(identified,))


@pytest.mark.parametrize(
    ("year", "income", "action"),
    [
        (2014, "2800.01", Action.EXIT),  # the 2014 line is 2800
        (2014, "2800", Action.KEEP),
        (2014, "2799.99", Action.KEEP),
        (2015, "2855.01", Action.EXIT),  # the 2015 line is 2855
        (2015, "2855", Action.KEEP),
        (2015, "2854.99", Action.KEEP),
    ],
)
def test_2014_2015_adjustments_mark_exits_book2017_ch5_end_d(
    year: int, income: str, action: Action
) -> None:
    """BOOK2017-ch5-end-d: the 2014 (1232万) and 2015 (1442万) exits can be replayed: income
    above that year's line (the pre-2016 reading, unconfirmed) marks the exit."""
    result = adjust_registry([poor("A", income)], year=year)
    assert result.adjustments[0].action is action


@pytest.mark.parametrize(
    ("income_2013", "action", "code"),
    [
        ("2736", Action.REMOVE, "ADJ_REMOVE_NOT_ELIGIBLE"),  # 2013 line
        ("2736.01", Action.REMOVE, "ADJ_REMOVE_NOT_ELIGIBLE"),
        ("2735.99", Action.EXIT, "ADJ_EXIT"),
    ],
)
def test_never_eligible_household_is_removed_not_exited_threeyear2018_7_1_b(
    income_2013: str, action: Action, code: str
) -> None:
    """THREEYEAR2018-7.1-b (剔除不合条件的人口): identified on 2014-10-01 with a 2013 income
    (income_history) not below the 2013 line of 2736: removed as wrongly identified, not
    counted as 脱贫."""
    history = (AnnualIncome(year=2013, per_capita=income_2013),)
    result = adjust_registry([poor("A", "3000", income_history=history)], year=2015)
    a = result.adjustments[0]
    assert a.action is action
    assert a.decision.reasons[0].code == code
    if action is Action.REMOVE:
        assert a.after.status is RegistryStatus.REMOVED
        assert a.decision.basis[0].rule == "identification.household"


def test_removal_needs_the_identification_year_income_threeyear2018_7_1_b() -> None:
    """THREEYEAR2018-7.1-b: without the identification year in income_history nothing is
    removed; the household exits on its own merits (2017 standard)."""
    result = adjust_registry([poor("A", "5000")], year=2017)
    assert result.adjustments[0].action is Action.EXIT


@pytest.mark.parametrize(("node_year", "blocked"), [(2014, True), (2015, False)])
def test_a_node_before_the_last_history_change_is_not_adjusted(
    node_year: int, blocked: bool
) -> None:
    """BOOK2017-ch5-end-d (以每年12月31日为节点): adjustments go forward in time. A registry whose
    history already has a change on 2015-06-30 is not adjusted at the 2014 node (undetermined,
    status kept, ``ADJ_HISTORY_AFTER_NODE``) — formerly a crash on the out-of-order history."""
    entry = poor("H1", "9000")
    later = StatusChange(on="2015-06-30", status=RegistryStatus.POOR, action="re-checked")
    entry = RegistryEntry(
        household=entry.household, status=entry.status, history=(*entry.history, later)
    )
    result = adjust_registry([entry], year=node_year)
    (adjustment,) = result.adjustments
    codes = adjustment.decision.codes
    assert ("ADJ_HISTORY_AFTER_NODE" in codes) is blocked
    if blocked:
        assert adjustment.action is Action.KEEP and adjustment.after == entry
        assert adjustment.decision.outcome.value == "undetermined"
