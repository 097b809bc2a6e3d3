"""Exit standards — 《关于建立贫困退出机制的意见》三、（一）–（三） (EXIT2016-3.1-a … 3.3-f),
the 2015 decision (DECISION2015-4-g) and the three-year guidance 七、（二）
(THREEYEAR2018-7.2-b/c/d); retention (摘帽不摘政策).

The household, village and county verdicts are case files in ``cases/``; what stays here checks
what a case cannot: the reading a decision names, the bound helpers, validators and the
retention rule (whose subject has no record format)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jingzhun import (
    County,
    CountyExitCase,
    ExitedSubject,
    Guarantees,
    Household,
    IncomeStatement,
    Outcome,
    RateFigure,
    household_exit,
    rate_within,
    retained_support,
    support_after_exit,
    within,
)


def hh(
    per_capita: str,
    *,
    year: int = 2017,
    county: str = "522701",
    stable: bool | None = True,
    guarantees: Guarantees | None = None,
    **extra: Any,
) -> Household:
    return Household(
        household_id="H",
        county_code=county,
        declared_size=1,
        income=IncomeStatement(wages=per_capita),
        income_year=year,
        guarantees=guarantees if guarantees is not None else Guarantees.all_met(),
        stable_income_source=stable,
        **extra,
    )


# --- household ----------------------------------------------------------------------------


def test_household_exit_default_stability_reading_needs_a_stable_source() -> None:
    """稳定 read as stable_income_source (default); the decision names the reading."""
    d = household_exit(hh("5000", year=2016, stable=None), on="2016-12-31")
    assert d.outcome is Outcome.UNDETERMINED
    r = d.reason("HX_STABILITY_NOT_RECORDED")
    assert r.parameters[0].value == "stable_income_source"


# --- county -------------------------------------------------------------------------------


def test_rate_and_bound_helpers() -> None:
    assert within(Decimal("0.02"), Decimal("0.02"), "at_or_below")
    assert not within(Decimal("0.02"), Decimal("0.02"), "below")
    assert rate_within(RateFigure(below="0.02"), Decimal("0.02"), "below") is True
    assert rate_within(RateFigure(below="0.03"), Decimal("0.02"), "below") is None
    assert rate_within(RateFigure(at_least="0.985"), Decimal("0.9"), "above") is True
    assert rate_within(RateFigure(at_least="0.9"), Decimal("0.9"), "above") is None
    assert rate_within(RateFigure(at_least="0.025"), Decimal("0.02"), "below") is False
    with pytest.raises(ValueError, match="unknown bound"):
        within(Decimal(1), Decimal(1), "roughly")
    with pytest.raises(ValueError, match="exceeds"):
        RateFigure(numerator=3, denominator=2)


def test_inconsistent_county_counts_rejected() -> None:
    with pytest.raises(ValueError, match="counted"):
        CountyExitCase(
            county=County(county_code="360881", key_county=True),
            rural_population=100,
            remaining_poor=90,
            missed_population=20,
        )


# --- retention ----------------------------------------------------------------------------


def test_buffer_period_keeps_policies_during_the_campaign() -> None:
    """EXIT2016-2.4-a; THREEYEAR2018-7.2-e; BOOK2017-ch5-1.6-a (摘帽不摘政策)."""
    d = retained_support("village", exited_on="2017-12-31", on="2019-06-30")
    assert d.outcome is Outcome.MET
    assert d.codes == ("RT_POLICIES_UNCHANGED",)


def test_2015_decision_retention_for_key_counties_and_households() -> None:
    """DECISION2015-4-h (key counties) and DECISION2015-4-e (households) before April 2016."""
    assert retained_support("county", exited_on="2016-01-10", on="2016-02-01").codes == (
        "RT_KEY_COUNTY_POLICIES_UNCHANGED",
    )
    # A bare household exit date before 2016-04-28: no standard decides it (issue 7 item 12).
    assert retained_support("household", exited_on="2016-01-10", on="2016-02-01").codes == (
        "RT_EXIT_NOT_DECIDABLE",
    )
    # With the exit decision it rests on (the pre-2016 income reading), met: policies kept.
    exit_d = household_exit(hh("3000", year=2015), on="2016-01-10")
    assert exit_d.outcome is Outcome.MET
    case = ExitedSubject(level="household", exited_on="2016-01-10", exit_decision=exit_d)
    assert support_after_exit(case, on="2016-02-01").codes == ("RT_HOUSEHOLD_KEEPS_POLICIES",)
    assert (
        retained_support("village", exited_on="2016-01-10", on="2016-02-01").outcome
        is Outcome.UNDETERMINED
    )


def test_transition_period_2021_to_2025() -> None:
    d = retained_support("county", exited_on="2019-04-30", on="2025-12-31")
    assert d.codes == ("RT_TRANSITION_FOUR_KEEPS",)
    after = retained_support("county", exited_on="2019-04-30", on="2026-01-01")
    assert after.outcome is Outcome.NOT_MET


def test_retention_before_exit_is_undetermined() -> None:
    d = retained_support("household", exited_on="2019-01-01", on="2018-12-31")
    assert d.codes == ("RT_NOT_YET_EXITED",)


def test_published_bounds_print_as_plain_percentages() -> None:
    assert RateFigure(at_least="0.90").describe() == "90%以上"
    assert RateFigure(below="0.1").describe() == "低于10%"
