"""Exit walkthrough: a household, a village, a county, support kept, the yearly adjustment.

Run: python examples/exit_walkthrough.py  (CI runs it; it reads no files.)
"""

from __future__ import annotations

import jingzhun as jz
from jingzhun.reports import explain

# 1. A household whose 2017 income is a fen above the line (2952, marked unconfirmed).
household = jz.Household(
    household_id="GZ-0001",
    county_code="522701",
    declared_size=3,
    income=jz.IncomeStatement(wages="6000", business="2856.03"),
    income_year=2017,
    guarantees=jz.Guarantees.all_met(),
    stable_income_source=True,
    identified_on="2015-10-20",
)
decision = jz.household_exit(household, on="2017-12-31")
print(explain(decision, citations=False))
assert decision.outcome is jz.Outcome.MET

# 2. A western village at exactly 3.00%: 以下 includes the threshold.
village = jz.Village(
    village_id="V1", county_code="522701", rural_population=1200, poor_population=36
)
print("\n", jz.village_exit(village, on="2017-12-31").reasons[0].message_zh)

# 3. A county with published figures only (西吉县, 2020): bounds settle the metrics.
case = jz.CountyExitCase(
    county=jz.County(county_code="640422", key_county=True),
    incidence=jz.RateFigure(value="0"),
    wrong_exit_rate=jz.RateFigure(below="0.02"),
    missed_rate=jz.RateFigure(below="0.02"),
    approval=jz.RateFigure(value="0.989"),
)
county = jz.county_exit(case, on="2020-11-16")
print("\n西吉县:", county.outcome.zh, [r.code for r in county.reasons])

# 4. Support kept after exit.
for on in ("2020-12-01", "2023-06-30"):
    kept = jz.retained_support("county", exited_on="2020-11-16", on=on)
    print(on, kept.reasons[0].message_zh)

# 5. The yearly adjustment: every household comes out, none is changed in place.
entries = [
    jz.RegistryEntry(household=household, status=jz.RegistryStatus.POOR),
    jz.RegistryEntry(
        household=jz.Household(
            household_id="GZ-0002",
            county_code="522701",
            declared_size=1,
            income=jz.IncomeStatement(wages="2100"),
            income_year=2017,
            guarantees=jz.Guarantees.all_met(),
        ),
        status=jz.RegistryStatus.EXITED,
    ),
]
result = jz.adjust_registry(entries, year=2017)
for a in result.adjustments:
    print(
        a.after.household.household_id,
        a.before.status.zh,
        "→",
        a.after.status.zh,
        f"({a.action.zh})",
    )
assert len(result.entries) == len(entries)
