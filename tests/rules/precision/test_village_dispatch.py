"""因村派人精准 (precision.village_dispatch): the cadres rules over a county's villages.

Planted defects: a village without a team (MECH2014-1.3-b) or a first secretary
(DECISION2015-30-a), a team withdrawn before the village stably exited (DECISION2015-30-b),
a posting short of two years (BOOK2017-ch7-end), a need no posted background answers
(BOOK2017-ch5-1.5-a, advisory), a poor household's village with no record; responsibility per
the management mechanism of BOOK2017-ch7-1-a (县为主体…派出单位协同)."""

from __future__ import annotations

import jingzhun as jz
from jingzhun.domain.audit import (
    EntityKind,
    Responsible,
    Severity,
    SixPrecision,
    Summary,
    findings_of,
)
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.rules.precision.audit import precision_rule
from jingzhun.rules.precision.village_dispatch import SPEC, audit_village_dispatch
from village_builders import COUNTY, post, staffed, village

DAY = "2018-12-31"


def household(hid: str, vid: str, status: str = "poor") -> HouseholdFile:
    h = jz.Household(
        household_id=hid,
        county_code=COUNTY,
        village_id=vid,
        members=(jz.Member(member_id=f"{hid}-1"),),
    )
    return HouseholdFile(entry=jz.RegistryEntry(household=h, status=status))


def audit(*villages: VillageRecord, households: tuple[HouseholdFile, ...] = ()) -> jz.Decision:
    registry = CountyRegistry(
        county=jz.County(county_code=COUNTY), villages=villages, households=households
    )
    return audit_village_dispatch(registry, on=DAY)


def clean() -> tuple[VillageRecord, ...]:
    return (
        village("V1", postings=staffed(), needs=["industry"], exited_on=None),
        village("V2", exited_on="2018-03-01", postings=staffed(end="2018-03-01")),
        village("V3", poor=False, identified_on=None),
    )


def test_a_clean_registry_has_no_findings() -> None:
    decision = audit(*clean(), households=(household("H1", "V1"),))
    assert decision.outcome is jz.Outcome.MET
    assert findings_of(decision) == ()
    assert Summary.of(decision) == Summary(checked=2, passing=2)
    head = decision.reasons[0]
    assert head.code == "VD_SUMMARY"
    assert {p.name: p.value for p in head.parameters} == {
        "cadres.stable_exit_months": 0,
        "cadres.minimum_term_years": 2,
    }


def test_each_planted_defect_is_found_once() -> None:
    secretary, leader = staffed()
    planted = (
        village("NT", postings=[secretary]),
        village("NS", postings=[leader]),
        village(
            "WD",
            postings=[
                secretary,
                post("T1", "team_leader", "2016-01-01", end="2018-03-01"),
                post("T2", "team_leader", "2018-05-01"),
            ],
        ),
        village(
            "ST",
            postings=[
                secretary,
                post("T1", "team_leader", "2017-01-01", end="2018-06-30"),
                post("T2", "team_leader", "2018-06-30"),
            ],
        ),
        village("MM", postings=staffed(), needs=["disputes"]),
    )
    decision = audit(*clean(), *planted, households=(household("H9", "GHOST"),))
    found = {
        (x.code, x.entity, x.entity_id, x.severity, x.responsible) for x in findings_of(decision)
    }
    village_kind, posting_kind = EntityKind.VILLAGE, EntityKind.POSTING
    county, unit = Responsible.COUNTY, Responsible.DISPATCHING_UNIT
    assert found == {
        ("CP_NO_TEAM", village_kind, "NT", Severity.SERIOUS, county),
        ("CP_NO_FIRST_SECRETARY", village_kind, "NS", Severity.SERIOUS, county),
        (
            "CW_WITHDRAWN_EARLY",
            posting_kind,
            "WD/T1/team_leader/2016-01-01",
            Severity.SERIOUS,
            unit,
        ),
        ("CT_SHORT_TERM", posting_kind, "ST/T1/team_leader/2017-01-01", Severity.MODERATE, unit),
        ("CM_NEED_UNMATCHED", village_kind, "MM", Severity.ADVISORY, county),
        ("VD_VILLAGE_NOT_RECORDED", village_kind, "GHOST", Severity.MODERATE, county),
    }
    assert len(findings_of(decision)) == len(found)
    assert decision.outcome is jz.Outcome.NOT_MET
    # 2 clean poor villages + 5 planted + GHOST; MM's finding is advisory, so it passes
    assert Summary.of(decision) == Summary(checked=8, passing=3)


def test_an_advisory_mismatch_alone_does_not_fail() -> None:
    decision = audit(village("MM", postings=staffed(), needs=["disputes"]))
    assert decision.outcome is jz.Outcome.MET
    (only,) = findings_of(decision)
    assert only.effect is jz.Effect.NOTE and only.severity is Severity.ADVISORY


def test_unknown_villages_are_undetermined_never_met() -> None:
    """A poor household's village without a record: whether it has a team is unknown."""
    decision = audit(households=(household("H1", "GHOST"), household("H2", "GHOST")))
    assert decision.outcome is jz.Outcome.UNDETERMINED
    (ghost,) = findings_of(decision)
    assert ghost.effect is jz.Effect.BLOCKS and "2" in ghost.message_zh
    nothing = audit(village("V3", poor=False, identified_on=None))
    assert nothing.outcome is jz.Outcome.UNDETERMINED
    assert Summary.of(nothing) == Summary(checked=0, passing=0)
    exited = audit(households=(household("H1", "GHOST", status="exited"),))
    assert findings_of(exited) == ()


def test_a_withdrawal_with_no_replacement_is_two_findings() -> None:
    """The village lacks its team today (county) and the posting left early (its unit)."""
    secretary, _ = staffed()
    record = village("WD", postings=[secretary, post("T1", end="2018-03-01")])
    codes = sorted(x.code for x in findings_of(audit(record)))
    assert codes == ["CP_NO_TEAM", "CW_WITHDRAWN_EARLY"]


def test_the_audit_is_the_precision_rule_of_the_six() -> None:
    spec = precision_rule(SixPrecision.VILLAGE_DISPATCH)
    assert spec is SPEC and spec.id == "precision.village_dispatch"
    assert set(spec.composes) == {
        "cadres.presence",
        "cadres.withdrawal",
        "cadres.term",
        "cadres.matching",
    }
