"""Identification walkthrough: a household, a village, a quota and a local overlay.

Run: python examples/identification_walkthrough.py  (CI runs it; it reads no files.)
"""

from __future__ import annotations

import jingzhun as jz
from jingzhun.reports import explain

ON = "2016-03-31"

# 1. A household of three in 贵州 with 2015 income below the line of 2855 yuan.
household = jz.Household(
    household_id="GZ-0001",
    county_code="522701",
    members=(
        jz.Member(member_id="1", relation=jz.Relation.HEAD, labour=jz.LabourCapacity.ORDINARY),
        jz.Member(
            member_id="2", relation=jz.Relation.SPOUSE, health=jz.HealthStatus.SERIOUS_ILLNESS
        ),
        jz.Member(member_id="3", relation=jz.Relation.CHILD, school=jz.SchoolStatus.PRIMARY),
    ),
    income=jz.IncomeStatement(wages="5200", business="2100", transfers="900", business_costs="600"),
    income_year=2015,
    guarantees=jz.Guarantees.all_met(),
    main_cause=jz.PovertyCause.ILLNESS,
)
decision = jz.identify_household(household, on=ON)
print(explain(decision))
assert decision.outcome is jz.Outcome.MET
assert jz.Decision.from_json(decision.to_json()) == decision

# 2. The same household a fen above the line: not 低于.
richer = jz.Household(
    household_id="GZ-0002",
    county_code="522701",
    declared_size=1,
    income=jz.IncomeStatement(wages="2855.01"),
    income_year=2015,
    guarantees=jz.Guarantees.all_met(),
)
print("\n", jz.identify_household(richer, on=ON).reasons[0].message_en)

# 3. A village against its province (一高一低一无).
village = jz.Village(
    village_id="V1",
    county_code="522701",
    rural_population=1200,
    poor_population=360,
    per_capita_net_income="2900",
    income_year=2013,
    collective_income="0",
)
reference = jz.ReferenceArea(
    code="52",
    level="province",
    poverty_incidence="0.15",
    average_per_capita_income="5400",
    year=2013,
)
print(
    "\n"
    + explain(jz.identify_village(village, reference=reference, on="2014-06-30"), citations=False)
)

# 4. Quota control: 4 persons for these two households, neediest first.
selection = jz.select_within_quota([household, richer], quota=4, on=ON)
print("\nselected:", selection.selected, "used", selection.used, "of", selection.quota)

# 5. A county overlay: a 7-day notice period instead of the default 5.
overlay = """
schema_version = 1
region = "522701"
[[parameter]]
name = "identification.notice_period_days"
  [[parameter.values]]
  from = 2015-01-01
  value = 7
  status = "local"
  source = { title = "某县建档立卡实施细则（示例）", quote = "公示期为七天" }
"""
params = jz.ParameterSet.bundled().with_overlay_text(overlay, origin="example overlay")
notice = params.resolve("identification.notice_period_days", on=ON, region="522701")
print(
    f"\nnotice period in 522701: {notice.value} days (overlay {notice.overlay}); "
    f"elsewhere: {params.resolve('identification.notice_period_days', on=ON).value} days"
)
