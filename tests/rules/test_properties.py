"""Properties of household identification (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jingzhun import (
    Decision,
    Guarantees,
    Household,
    IncomeStatement,
    Outcome,
    Village,
    household_exit,
    identify_household,
    village_exit,
)
from jingzhun.domain.vocabulary import Guarantee

FLAGS = st.sampled_from([True, False, None])
guarantees = st.builds(
    Guarantees,
    food=FLAGS,
    clothing=FLAGS,
    compulsory_education=FLAGS,
    basic_medical_care=FLAGS,
    housing_safety=FLAGS,
    drinking_water=FLAGS,
)
money = st.decimals(min_value=0, max_value=30000, places=2, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2013, max_value=2020)
counties = st.sampled_from(["522701", "610921", "530402", "650102", "110101"])


def make(wages: Decimal, size: int, year: int, g: Guarantees, county: str) -> Household:
    return Household(
        household_id="P",
        county_code=county,
        declared_size=size,
        income=IncomeStatement(wages=wages),
        income_year=year,
        guarantees=g,
    )


@settings(max_examples=300, deadline=None)
@given(money, money, st.integers(1, 8), years, guarantees, counties)
def test_more_income_never_makes_an_ineligible_household_eligible(
    a: Decimal, b: Decimal, size: int, year: int, g: Guarantees, county: str
) -> None:
    low, high = sorted((a, b))
    on = f"{year + 1}-06-30"
    before = identify_household(make(low, size, year, g, county), on=on)
    after = identify_household(make(high, size, year, g, county), on=on)
    if before.outcome is Outcome.NOT_MET:
        assert after.outcome is Outcome.NOT_MET


@settings(max_examples=300, deadline=None)
@given(money, st.integers(1, 8), years, guarantees, counties, st.sampled_from(list(Guarantee)))
def test_an_unmet_guarantee_never_makes_an_eligible_household_ineligible(
    wages: Decimal, size: int, year: int, g: Guarantees, county: str, which: Guarantee
) -> None:
    on = f"{year + 1}-06-30"
    before = identify_household(make(wages, size, year, g, county), on=on)
    worse = Guarantees(**{**{x.value: g.get(x) for x in Guarantee}, which.value: False})
    after = identify_household(make(wages, size, year, worse, county), on=on)
    if before.outcome is Outcome.MET:
        assert after.outcome is Outcome.MET


@settings(max_examples=200, deadline=None)
@given(money, st.integers(1, 8), years, guarantees, counties)
def test_decisions_are_deterministic_and_round_trip(
    wages: Decimal, size: int, year: int, g: Guarantees, county: str
) -> None:
    h = make(wages, size, year, g, county)
    a = identify_household(h, on=f"{year + 1}-06-30")
    b = identify_household(h, on=f"{year + 1}-06-30")
    assert a == b
    assert a.to_json() == b.to_json()
    assert Decision.from_json(a.to_json()) == a


# --- exit (issue 3) -----------------------------------------------------------------------


def exiting(
    wages: Decimal, year: int, g: Guarantees, county: str, stable: bool | None
) -> Household:
    return Household(
        household_id="P",
        county_code=county,
        declared_size=1,
        income=IncomeStatement(wages=wages),
        income_year=year,
        guarantees=g,
        stable_income_source=stable,
    )


exit_years = st.integers(min_value=2016, max_value=2020)
stables = st.sampled_from([True, False, None])


@settings(max_examples=300, deadline=None)
@given(money, money, exit_years, guarantees, counties, stables)
def test_more_income_never_blocks_an_allowed_household_exit(
    a: Decimal, b: Decimal, year: int, g: Guarantees, county: str, stable: bool | None
) -> None:
    low, high = sorted((a, b))
    on = f"{year}-12-31"
    if household_exit(exiting(low, year, g, county, stable), on=on).outcome is Outcome.MET:
        assert household_exit(exiting(high, year, g, county, stable), on=on).outcome is Outcome.MET


@settings(max_examples=300, deadline=None)
@given(money, exit_years, guarantees, counties, stables, st.sampled_from(list(Guarantee)))
def test_meeting_one_more_guarantee_never_blocks_an_allowed_exit(
    wages: Decimal, year: int, g: Guarantees, county: str, stable: bool | None, which: Guarantee
) -> None:
    on = f"{year}-12-31"
    better = Guarantees(**{**{x.value: g.get(x) for x in Guarantee}, which.value: True})
    if household_exit(exiting(wages, year, g, county, stable), on=on).outcome is Outcome.MET:
        assert (
            household_exit(exiting(wages, year, better, county, stable), on=on).outcome
            is Outcome.MET
        )


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5000), st.integers(0, 5000), st.integers(0, 5000), counties, exit_years)
def test_lower_incidence_never_blocks_an_allowed_village_exit(
    rural: int, a: int, b: int, county: str, year: int
) -> None:
    low, high = sorted((min(a, rural), min(b, rural)))
    on = f"{year}-12-31"

    def decide(poor: int) -> Outcome:
        return village_exit(
            Village(
                village_id="V", county_code=county, rural_population=rural, poor_population=poor
            ),
            on=on,
        ).outcome

    if decide(high) is Outcome.MET:
        assert decide(low) is Outcome.MET
