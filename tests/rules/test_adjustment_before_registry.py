"""The yearly adjustment at a node before the national registry opened (2014)."""

from __future__ import annotations

import jingzhun as jz
from jingzhun.domain.model import Assets


def test_a_registered_entry_with_an_asset_fact_before_2014_is_not_a_crash() -> None:
    """BOOK2017-ch5-end-a: before 2014 no exclusion list (几不评) is in force, so none
    applies; the adjustment is decided (undetermined or kept), it does not fail."""
    household = jz.Household(
        household_id="A1",
        county_code="522701",
        declared_size=3,
        income=jz.IncomeStatement(wages="3000"),
        assets=Assets(town_property=True),
    )
    entry = jz.RegistryEntry(household=household, status=jz.RegistryStatus.POOR)
    made = jz.adjust_entry(entry, year=2013)
    assert made.decision.rule == "dynamic.adjustment"
    assert "ADJ_REMOVE" not in made.decision.codes
