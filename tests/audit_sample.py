"""A small county registry and a six-precisions report over it, for the report tests.

``measures_to_household`` is the real rule's decision; the other five precisions are
stand-in decisions with planted findings (:func:`stand_in_report`), so the renderers are
tested independently of the rules. :func:`sample_report` runs the real audit (the browser
check; the docs screenshot uses the demo county registry).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jingzhun as jz
from jingzhun.core.decisions import Decision, Effect, Reason, ReasonCode
from jingzhun.domain.audit import (
    AuditReport,
    EntityKind,
    PrecisionResult,
    Responsible,
    Severity,
    SixPrecision,
    Summary,
    audit_outcome,
    finding,
)
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.support import (
    FundRecord,
    HouseholdPlan,
    MeasureReceived,
    Posting,
    Project,
    VillagePlan,
)
from jingzhun.rules.precision.measures_to_household import audit_measures_to_household

COUNTY = "610999"
ON = dt.date(2017, 12, 31)
VILLAGES = (("V1", True, 1000, 40), ("V2", True, 500, 10), ("V3", False, 800, 8))
HOUSEHOLDS = (
    ("H1", "V1", "干部1", True),
    ("H2", "V1", None, True),
    ("H3", "V2", "干部2", False),
    ("H4", "V2", "干部2", True),
    ("H5", "V3", "干部3", True),
)


def _file(hid: str, village: str, helper: str | None, plan: bool) -> HouseholdFile:
    household = jz.Household(
        household_id=hid,
        county_code=COUNTY,
        village_id=village,
        helper=helper,
        main_cause="lack_of_land",
        members=(jz.Member(member_id=f"{hid}-1"),),
    )
    return HouseholdFile(
        entry=jz.RegistryEntry(household=household, status="poor"),
        plan=HouseholdPlan(measures=("industry",)) if plan else None,
        measures=(MeasureReceived(kind="industry", project_id="PJ1"),),
    )


def _village(vid: str, poor: bool, rural: int, poor_pop: int) -> VillageRecord:
    village = jz.Village(
        village_id=vid, county_code=COUNTY, rural_population=rural, poor_population=poor_pop
    )
    postings = (Posting(person_id="P1", role="first_secretary", start="2016-01-01"),)
    return VillageRecord(
        village=village,
        poor=poor,
        plan=VillagePlan(drawn_up_on="2016-03-01"),
        postings=postings if vid == "V1" else (),
    )


def sample_registry() -> CountyRegistry:
    return CountyRegistry(
        county=jz.County(county_code=COUNTY, name="样例县"),
        households=[_file(*h) for h in HOUSEHOLDS],
        villages=[_village(*v) for v in VILLAGES],
        projects=[Project(project_id="PJ1", kind="industry", target_villages=("V2",))],
        funds=[
            FundRecord(
                fund_id="F1",
                flow="disbursement",
                source="central",
                amount="3000",
                on="2017-05-01",
                project_id="PJ1",
                recipient_household="H3",
            )
        ],
    )


def _stand_in(
    precision: SixPrecision, summary: Summary, found: tuple[Reason, ...], on: dt.date = ON
) -> Decision:
    head = ReasonCode(
        code="SAMPLE_SUMMARY",
        zh="核查{checked}项，通过{passing}项",
        en="{checked} checked, {passing} passing",
    )(Effect.NOTE, evidence=summary.facts(), checked=summary.checked, passing=summary.passing)
    return Decision(
        rule=precision.rule_id,
        subject=COUNTY,
        on=on,
        outcome=audit_outcome(found, summary),
        question_zh=f"{precision.zh}？",
        question_en=f"{precision.en}?",
        reasons=(head, *found),
    )


def _code(code: str, zh: str, en: str) -> ReasonCode:
    return ReasonCode(code=code, zh=zh, en=en, citations=(jz.cite("DECISION2015-4-a"),))


MISSED = _code("SAMPLE_MISSED", "疑似漏评：{why}", "possibly missed: {why}")
LATE = _code("SAMPLE_LATE", "项目未公告", "project not announced")
UNPAID = _code("SAMPLE_UNPAID", "资金未拨付到户", "fund not paid to the household")
NO_TEAM = _code("SAMPLE_NO_TEAM", "贫困村无驻村工作队", "poor village has no resident team")
FORMAL = _code("SAMPLE_FORMAL", "退出程序材料不全", "exit file incomplete")


def _found(code: ReasonCode, kind: EntityKind, ident: str, sev: Severity, **kw: Any) -> Reason:
    return finding(
        code, entity=kind, entity_id=ident, severity=sev, responsible=Responsible.VILLAGE, **kw
    )


def stand_in_report(registry: CountyRegistry | None = None, *, hostile: str = "H5") -> AuditReport:
    """Six precisions: five stand-ins and the real 措施到户精准 decision."""
    registry = registry or sample_registry()
    p = SixPrecision
    decisions = {
        p.BENEFICIARIES: _stand_in(
            p.BENEFICIARIES,
            Summary(checked=5, passing=4),
            (_found(MISSED, EntityKind.HOUSEHOLD, hostile, Severity.SERIOUS, why="收入<2855"),),
        ),
        p.PROJECTS: _stand_in(
            p.PROJECTS,
            Summary(checked=1, passing=1),
            (_found(LATE, EntityKind.PROJECT, "PJ1", Severity.ADVISORY),),
        ),
        p.FUNDS: _stand_in(
            p.FUNDS,
            Summary(checked=1, passing=0),
            (_found(UNPAID, EntityKind.FUND, "F1", Severity.MODERATE),),
        ),
        p.MEASURES_TO_HOUSEHOLD: audit_measures_to_household(registry, on=ON),
        p.VILLAGE_DISPATCH: _stand_in(
            p.VILLAGE_DISPATCH,
            Summary(checked=2, passing=1),
            (_found(NO_TEAM, EntityKind.VILLAGE, "V2", Severity.SERIOUS),),
        ),
        p.EXIT_OUTCOMES: _stand_in(
            p.EXIT_OUTCOMES,
            Summary(checked=0, passing=0),
            (),
        ),
    }
    results = tuple(PrecisionResult(precision=x, decision=decisions[x]) for x in SixPrecision)
    return AuditReport(county_code=COUNTY, on=ON, results=results)


def sample_report() -> tuple[AuditReport, CountyRegistry]:
    """The real six-precisions audit of :func:`sample_registry`."""
    from jingzhun.rules.precision.audit import audit_six_precisions

    registry = sample_registry()
    return audit_six_precisions(registry, on=ON), registry


def registry_json(**changes: Any) -> dict[str, Any]:
    """The sample registry as a county registry file (``jingzhun audit``'s input)."""
    data: dict[str, Any] = {
        "county": {"county_code": COUNTY, "name": "样例县"},
        "households": [
            {
                "household_id": hid,
                "county_code": COUNTY,
                "village_id": village,
                **({"helper": helper} if helper else {}),
                "main_cause": "lack_of_land",
                "members": [{"member_id": f"{hid}-1"}],
                "registry_status": "poor",
                **({"plan": {"measures": ["industry"]}} if plan else {}),
                "measures_received": [{"kind": "industry", "project_id": "PJ1"}],
            }
            for hid, village, helper, plan in HOUSEHOLDS
        ],
        "villages": [
            {
                "village_id": vid,
                "county_code": COUNTY,
                "rural_population": rural,
                "poor_population": poor_pop,
                "poor": poor,
                "plan": {"drawn_up_on": "2016-03-01"},
            }
            for vid, poor, rural, poor_pop in VILLAGES
        ],
        "projects": [{"project_id": "PJ1", "kind": "industry", "target_villages": ["V2"]}],
        "funds": [],
    }
    data.update(changes)
    return data


def write_registry(path: Path, **changes: Any) -> Path:
    path.write_text(json.dumps(registry_json(**changes), ensure_ascii=False), encoding="utf-8")
    return path


def demo_report() -> tuple[AuditReport, CountyRegistry]:
    """The six-precisions audit of the demo county registry (1,520 households, 24 planted
    defects), loaded from its file form as a user's registry is."""
    from jingzhun.demo.registry import AUDIT_DAY, sample_county_registry
    from jingzhun.io.county_registry import load_county_registry_text
    from jingzhun.rules.precision.audit import audit_six_precisions

    loaded = load_county_registry_text(json.dumps(sample_county_registry(), ensure_ascii=False))
    loaded.raise_for_errors()
    assert loaded.registry is not None
    return audit_six_precisions(loaded.registry, on=AUDIT_DAY), loaded.registry
