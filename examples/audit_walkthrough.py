"""Six precisions walkthrough: build a small registry, audit it, read the findings, render.

Run: python examples/audit_walkthrough.py  (CI runs it; it writes only to a temporary folder.)
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jingzhun as jz
from jingzhun.demo.registry import AUDIT_DAY, PLANTED, sample_county_registry
from jingzhun.reports.audit_html import render_html
from jingzhun.reports.audit_text import render_text

# 1. A registry in Python: one poor household with no helper, plan or measure.
household = jz.Household(
    household_id="H1", county_code="610999", members=(jz.Member(member_id="H1-1"),)
)
registry = jz.CountyRegistry(
    county=jz.County(county_code="610999"),
    households=[jz.HouseholdFile(entry=jz.RegistryEntry(household=household, status="poor"))],
)
decision = jz.audit_measures_to_household(registry, on="2017-12-31")
for finding in jz.PrecisionResult(
    precision=jz.SixPrecision.MEASURES_TO_HOUSEHOLD, decision=decision
).findings:
    print(finding.entity_id, finding.code, finding.severity.en, finding.responsible.en)

# 2. The sample county's registry file, loaded as a user's would be (every error named).
text = json.dumps(sample_county_registry(), ensure_ascii=False)
loaded = jz.load_county_registry_text(text, source="sample county registry")
loaded.raise_for_errors()
assert loaded.registry is not None
report = jz.audit_six_precisions(loaded.registry, on=AUDIT_DAY)

# 3. Every planted defect is among the findings, under its precision.
found = {(r.precision.value, f.entity_id) for r in report.results for f in r.findings}
missing = [d for d in PLANTED if (d.precision.value, d.entity_id) not in found]
print(f"{len(PLANTED)} planted defects, {len(missing)} not found")

# 4. Text for people (first lines), and the one-page HTML report.
print("\n".join(render_text(report).splitlines()[:12]))
with tempfile.TemporaryDirectory() as folder:
    page = Path(folder) / "audit.html"
    page.write_text(render_html(report, registry=loaded.registry), encoding="utf-8")
    print(f"HTML report: {page.stat().st_size:,} bytes, self-contained")
