"""资金使用精准 (precision.funds): money follows a project (BOOK2017-ch5-1.2-b), reaches
registered households (MECH2014-1.4-a), reconciles, is noticed (MECH2014-1.4-e,
DECISION2015-18-e, BOOK2017-ch5-1.3-a, RESP2016-art19), and no county matching is asked of
public-welfare projects in poor areas (DECISION2015-18-c, OLDAREAS2016-4.2-c)."""

from __future__ import annotations

from typing import Any

import pytest

import jingzhun as jz
from jingzhun.domain.audit import EntityKind, Responsible, Severity, Summary, findings_of
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.support import FundRecord, Notice, Project
from jingzhun.rules.precision.funds import audit_funds

COUNTY = jz.County(county_code="610999", key_county=True)
AUDIT_DAY = "2017-12-31"
NOTICE = Notice(first_day="2017-01-05", last_day="2017-01-12", place="村公示栏")


def household(hid: str, status: str = "poor", **extra: Any) -> HouseholdFile:
    person = jz.Household(
        household_id=hid, county_code="610999", members=(jz.Member(member_id=f"{hid}-1"),)
    )
    return HouseholdFile(entry=jz.RegistryEntry(household=person, status=status, **extra))


HOUSEHOLDS = (
    household("H1"),
    household("H2", "not_registered"),
    household("H3", "removed"),
    household("H4", "exited"),
    household(
        "H5",
        history=[jz.StatusChange(on="2017-06-01", status="poor", action="识别")],
    ),
)
VILLAGE = VillageRecord(
    village=jz.Village(
        village_id="V1", county_code="610999", rural_population=100, poor_population=10
    ),
    poor=True,
)
PROJECTS = (
    Project(project_id="P1", kind="industry", notice=NOTICE),
    Project(project_id="P2", kind="infrastructure", public_welfare=True, notice=NOTICE),
    Project(project_id="P3", kind="training"),
    Project(project_id="BIG", kind="industry", notice=NOTICE),
)


def fund(fid: str, flow: str = "disbursement", amount: str = "100", **extra: Any) -> FundRecord:
    fields: dict[str, Any] = {"source": "central", "on": "2017-02-01", "project_id": "BIG"}
    fields.update(extra)
    return FundRecord(fund_id=fid, flow=flow, amount=amount, **fields)


def audit(*funds: FundRecord, on: str = AUDIT_DAY, county: jz.County = COUNTY) -> jz.Decision:
    registry = CountyRegistry(
        county=county, households=HOUSEHOLDS, villages=(VILLAGE,), projects=PROJECTS, funds=funds
    )
    return audit_funds(registry, on=on)


def codes(decision: jz.Decision) -> list[tuple[str, str]]:
    return [(x.entity_id, x.code) for x in findings_of(decision)]


BUDGET = fund("B0", "allocation", "100000", on="2017-01-01")


def test_clean_registry_has_no_findings() -> None:
    decision = audit(
        fund("A1", "allocation", "1000", project_id="P1", on="2017-01-01"),
        fund("D1", amount="600", project_id="P1", recipient_household="H1"),
        fund("D2", amount="400", project_id="P1", recipient_household="H4"),
        fund("D3", amount="50", project_id="P1", recipient_village="V1"),
        fund("A2", "allocation", "50", project_id="P1", on="2017-01-01"),
    )
    assert decision.outcome is jz.Outcome.MET
    assert findings_of(decision) == ()
    assert Summary.of(decision) == Summary(checked=6, passing=6)  # 5 records + 1 project
    assert decision.reasons[0].code == "PF_SUMMARY"


def test_each_planted_defect_is_found_once() -> None:
    """BOOK2017-ch5-1.2-b (project), MECH2014-1.4-a (recipient), MECH2014-1.4-e (notice),
    DECISION2015-18-c (county matching), and the reconciliation of each project."""
    decision = audit(
        BUDGET,
        fund("NOPROJ", "allocation", project_id=None),
        fund("UNKPROJ", "allocation", project_id="P9"),
        fund("NOTREG", recipient_household="H2"),
        fund("REMOVED", recipient_household="H3"),
        fund("LATE", recipient_household="H5"),
        fund("UNKREC", recipient_household="H9", recipient_village="V9"),
        fund("A3", "allocation", "500", project_id="P3", on="2017-01-01"),
        fund("NONOTICE", project_id="P3", recipient_household="H1"),
        fund("MATCH", "allocation", project_id="P2", source="county", county_matching=True),
        fund("A1", "allocation", "100", project_id="P1", on="2017-01-01"),
        fund("OVER", amount="100.01", project_id="P1", recipient_household="H1"),
    )
    expected = {
        ("NOPROJ", "PF_NO_PROJECT", Severity.MODERATE, Responsible.COUNTY),
        ("UNKPROJ", "PF_UNKNOWN_PROJECT", Severity.MODERATE, Responsible.COUNTY),
        ("NOTREG", "PF_RECIPIENT_NOT_REGISTERED", Severity.SERIOUS, Responsible.COUNTY),
        ("REMOVED", "PF_RECIPIENT_NOT_REGISTERED", Severity.SERIOUS, Responsible.COUNTY),
        ("LATE", "PF_RECIPIENT_NOT_REGISTERED", Severity.SERIOUS, Responsible.COUNTY),
        ("UNKREC", "PF_UNKNOWN_RECIPIENT", Severity.MODERATE, Responsible.COUNTY),
        ("NONOTICE", "PF_NO_NOTICE", Severity.MODERATE, Responsible.COUNTY),
        ("MATCH", "PF_COUNTY_MATCHING", Severity.SERIOUS, Responsible.PROVINCE),
        ("P1", "PF_OVERSPENT", Severity.SERIOUS, Responsible.COUNTY),
    }
    found = findings_of(decision)
    assert len(found) == len(expected)
    assert {(x.entity_id, x.code, x.severity, x.responsible) for x in found} == expected
    kinds = {x.code: x.entity for x in found}
    assert kinds["PF_OVERSPENT"] is EntityKind.PROJECT
    assert kinds["PF_NO_PROJECT"] is EntityKind.FUND
    assert decision.outcome is jz.Outcome.NOT_MET
    # 12 records (8 with a finding) and 4 projects reconciled (P1 overspent)
    assert Summary.of(decision) == Summary(checked=16, passing=7)


def test_messages() -> None:
    decision = audit(
        fund("A1", "allocation", "100", project_id="P1", on="2017-01-01"),
        fund("OVER", amount="100.01", project_id="P1", recipient_household="H2"),
    )
    messages = {x.code: x.message_en for x in findings_of(decision)}
    assert messages["PF_OVERSPENT"] == (
        "the project paid out 100.01 yuan, more than the 100 yuan allocated (by 0.01)"
    )
    assert messages["PF_RECIPIENT_NOT_REGISTERED"] == (
        "paid to household H2, not registered on the day (not registered)"
    )


@pytest.mark.parametrize(("paid", "over"), [("99.99", False), ("100.00", False), ("100.01", True)])
def test_reconciliation_is_exact(paid: str, over: bool) -> None:
    """Disbursements exactly equal to allocations reconcile; one fen above does not."""
    decision = audit(
        fund("A1", "allocation", "60.00", project_id="P1", on="2017-01-01"),
        fund("A2", "allocation", "40", project_id="P1", on="2017-01-01"),
        fund("D1", amount=paid, project_id="P1", recipient_household="H1"),
    )
    assert codes(decision) == ([("P1", "PF_OVERSPENT")] if over else [])


def test_money_paid_without_any_allocation_is_overspent() -> None:
    decision = audit(fund("D1", project_id="P1", recipient_household="H1"))
    assert codes(decision) == [("P1", "PF_OVERSPENT")]


def test_records_after_the_audit_day_are_not_on_the_books() -> None:
    decision = audit(
        fund("A1", "allocation", "100", project_id="P1", on="2017-01-01"),
        fund("D1", project_id="P1", recipient_household="H1"),
        fund("D2", project_id="P1", recipient_household="H2", on="2018-01-01"),
    )
    assert decision.outcome is jz.Outcome.MET
    assert Summary.of(decision) == Summary(checked=3, passing=3)


def test_nothing_to_check_is_not_passing() -> None:
    """Unknown is not met: an empty fund ledger is undetermined, never 符合."""
    assert audit().outcome is jz.Outcome.UNDETERMINED


@pytest.mark.parametrize(
    ("paid_on", "found"),
    [("2014-01-24", False), ("2014-01-25", True), ("2014-01-26", True)],
)
def test_notice_required_from_the_2014_opinion(paid_on: str, found: bool) -> None:
    """MECH2014-1.4-e (2014-01-25): 坚持和完善资金项目公告公示制度, judged on the payment day."""
    decision = audit(
        fund("A1", "allocation", project_id="P3", on="2014-01-01"),
        fund("D1", project_id="P3", recipient_household="H1", on=paid_on),
    )
    assert codes(decision) == ([("D1", "PF_NO_NOTICE")] if found else [])


def test_a_disbursements_own_notice_counts_and_must_be_up_by_the_audit_day() -> None:
    own = Notice(first_day="2017-02-02")
    records = (
        fund("A1", "allocation", project_id="P3", on="2017-01-01"),
        fund("D1", project_id="P3", recipient_household="H1", notice=own),
    )
    assert audit(*records).outcome is jz.Outcome.MET
    assert codes(audit(*records, on="2017-02-01")) == [("D1", "PF_NO_NOTICE")]


@pytest.mark.parametrize(
    ("on", "found"),
    [("2015-11-28", False), ("2015-11-29", True), ("2015-11-30", True)],
)
def test_county_matching_abolished_from_the_2015_decision(on: str, found: bool) -> None:
    """DECISION2015-18-c (2015-11-29): 公益性建设项目取消县级…配套资金; OLDAREAS2016-4.2-c."""
    decision = audit(
        fund("M1", "allocation", project_id="P2", county_matching=True, on=on), on="2016-06-30"
    )
    assert codes(decision) == ([("M1", "PF_COUNTY_MATCHING")] if found else [])


def test_county_matching_is_checked_only_in_poor_areas_and_public_welfare_projects() -> None:
    matching = fund("M1", "allocation", project_id="P2", county_matching=True)
    assert audit(matching, county=jz.County(county_code="610999")).outcome is jz.Outcome.MET
    contiguous = jz.County(county_code="610999", contiguous_area_county=True)
    assert codes(audit(matching, county=contiguous)) == [("M1", "PF_COUNTY_MATCHING")]
    other = fund("M2", "allocation", project_id="P1", county_matching=True)
    assert audit(other).outcome is jz.Outcome.MET


def test_status_is_read_on_the_payment_day() -> None:
    """H5 was registered on 2017-06-01: paid before, it was not registered; after, it was."""
    before = audit(BUDGET, fund("D1", recipient_household="H5", on="2017-05-31"))
    after = audit(BUDGET, fund("D1", recipient_household="H5", on="2017-06-01"))
    assert codes(before) == [("D1", "PF_RECIPIENT_NOT_REGISTERED")]
    assert codes(after) == []
