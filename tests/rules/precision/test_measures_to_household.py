"""措施到户精准 (BOOK2017-ch5-1-b; DECISION2015-24-a; MECH2014-1.3-c): a helper, a plan and
measures for every registered poor household; measures that answer the recorded causes
(BOOK2017-ch10-1.2-g/-h/-i/-j and the classification table)."""

from __future__ import annotations

import pytest

import jingzhun as jz
from jingzhun.domain.audit import Severity, Summary, findings_of
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile
from jingzhun.domain.support import HouseholdPlan, MeasureReceived
from jingzhun.rules.precision.measures_to_household import audit_measures_to_household

COUNTY = jz.County(county_code="610999")


def file(
    hid: str,
    *,
    status: str = "poor",
    helper: str | None = "干部1",
    plan: bool = True,
    measures: tuple[str, ...] = ("industry",),
    causes: tuple[str, ...] = ("lack_of_land",),  # industry (the default measure) answers it
    card: tuple[str, ...] = (),
) -> HouseholdFile:
    household = jz.Household(
        household_id=hid,
        county_code="610999",
        helper=helper,
        members=(jz.Member(member_id=f"{hid}-1"),),
        main_cause=causes[0] if causes else None,
        other_causes=causes[1:],
        measures=card,
    )
    return HouseholdFile(
        entry=jz.RegistryEntry(household=household, status=status),
        plan=HouseholdPlan(measures=measures) if plan else None,
        measures=tuple(MeasureReceived(kind=k) for k in measures),
    )


def audit(*files: HouseholdFile) -> jz.Decision:
    registry = CountyRegistry(county=COUNTY, households=files)
    return audit_measures_to_household(registry, on="2017-12-31")


def test_clean_registry_has_no_findings() -> None:
    decision = audit(
        file("H1"), file("H2", status="relapsed"), file("H3", status="exited", helper=None)
    )
    assert decision.outcome is jz.Outcome.MET
    assert findings_of(decision) == ()
    assert Summary.of(decision) == Summary(checked=2, passing=2)


def test_each_planted_gap_is_found_once() -> None:
    """BOOK2017-ch5-1-b (plan, measures) and DECISION2015-24-a / MECH2014-1.3-c (helper)."""
    decision = audit(
        file("H1"),
        file("H2", helper=None),
        file("H3", plan=False),
        file("H4", measures=()),
    )
    found = {(x.entity_id, x.code) for x in findings_of(decision)}
    assert found == {("H2", "MH_NO_HELPER"), ("H3", "MH_NO_PLAN"), ("H4", "MH_NO_MEASURES")}
    assert decision.outcome is jz.Outcome.NOT_MET
    assert Summary.of(decision) == Summary(checked=4, passing=1)
    severities = {x.code: x.severity for x in findings_of(decision)}
    assert severities["MH_NO_PLAN"] is Severity.MODERATE


def test_status_is_read_on_the_audit_day() -> None:
    """A household that exited after the audit day was still poor on it."""
    entry = file("H1", helper=None).entry
    moved = jz.RegistryEntry(
        household=entry.household,
        status="exited",
        history=[
            jz.StatusChange(on="2015-10-01", status="poor", action="识别"),
            jz.StatusChange(on="2018-10-01", status="exited", action="退出"),
        ],
    )
    decision = audit(HouseholdFile(entry=moved, plan=HouseholdPlan()))
    assert [x.code for x in findings_of(decision)] == ["MH_NO_HELPER", "MH_NO_MEASURES"]


def test_a_cause_without_a_fitting_measure_is_found() -> None:
    """BOOK2017-ch10-1.2-h 对于因病致贫的则予以一定的医疗补贴: an ill household given only
    industry support; BOOK2017-ch10-1.2-g 因学 → education answered."""
    decision = audit(
        file("H1", causes=("illness",), measures=("industry",)),
        file("H2", causes=("schooling",), measures=("education",)),
    )
    (found,) = findings_of(decision)
    assert (found.entity_id, found.code) == ("H1", "MH_CAUSE_UNADDRESSED")
    assert found.severity is Severity.MODERATE
    assert found.responsible.value == "village"
    facts = {e.name: e.value for e in found.evidence}
    assert facts["fitting"] == "medical" and facts["received"] == "industry"
    assert facts["clauses"] == "BOOK2017-ch10-1.2-h"
    assert Summary.of(decision) == Summary(checked=2, passing=1)


def test_each_unanswered_cause_is_one_finding() -> None:
    """BOOK2017-ch10-1.2-i 缺技术 → training; BOOK2017-ch10-1.2-j 缺资金 → credit."""
    decision = audit(file("H1", causes=("lack_of_skills", "lack_of_capital"), measures=("dibao",)))
    causes = [{e.name: e.value for e in x.evidence}["cause"] for x in findings_of(decision)]
    assert causes == ["lack_of_skills", "lack_of_capital"]


def test_a_measure_on_the_card_answers_a_cause() -> None:
    decision = audit(file("H1", causes=("lack_of_capital",), measures=(), card=("小额信贷",)))
    assert findings_of(decision) == ()


def test_a_cause_the_table_does_not_know_is_said_not_failed() -> None:
    decision = audit(file("H1", causes=("marriage",), measures=("industry",)))
    assert findings_of(decision) == ()
    assert "MH_CAUSE_NOT_JUDGED" in decision.codes
    assert decision.outcome is jz.Outcome.MET


def test_no_measures_is_one_finding_not_one_per_cause() -> None:
    decision = audit(file("H1", causes=("illness", "schooling"), measures=()))
    assert [x.code for x in findings_of(decision)] == ["MH_NO_MEASURES"]


def village(vid: str, *, plan: bool, exited_on: str | None = None) -> jz.VillageRecord:
    return jz.VillageRecord(
        village=jz.Village(
            village_id=vid, county_code="610999", rural_population=100, poor_population=10
        ),
        poor=True,
        exited_on=exited_on,
        plan=jz.VillagePlan() if plan else None,
    )


@pytest.mark.parametrize(
    ("exited_on", "found"),
    [("2017-12-30", False), ("2017-12-31", False), ("2018-01-01", True), (None, True)],
)
def test_poor_village_without_a_whole_village_plan(exited_on: str | None, found: bool) -> None:
    """BOOK2017-ch5-1.4-b (因村施策、一村一策，逐村制定…整村脱贫工作打算): a poor village not yet
    exited on the audit day (an exit date is the first day out) needs its plan."""
    registry = CountyRegistry(
        county=COUNTY,
        households=(file("H1"),),
        villages=(village("V1", plan=True), village("V2", plan=False, exited_on=exited_on)),
    )
    decision = audit_measures_to_household(registry, on="2017-12-31")
    codes = {(x.entity_id, x.code) for x in findings_of(decision)}
    assert codes == ({("V2", "MH_VILLAGE_NO_PLAN")} if found else set())
    checked = 3 if found else 2
    assert Summary.of(decision) == Summary(checked=checked, passing=2)


def test_a_household_with_measures_but_no_recorded_cause_is_not_passed() -> None:
    """Unknown is not met (BOOK2017-ch5-1-b, 一套帮扶措施 against the recorded causes): with no
    cause on file the cause check cannot pass — undetermined, never 符合."""
    decision = audit(file("H1", causes=()))
    assert [x.code for x in findings_of(decision)] == ["MH_NO_CAUSE_RECORDED"]
    assert decision.outcome is jz.Outcome.UNDETERMINED
    assert Summary.of(decision) == Summary(checked=1, passing=0)
