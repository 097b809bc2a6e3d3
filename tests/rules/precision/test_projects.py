"""项目安排精准 (precision.projects): the county project library (RESP2016-art19,
THREEYEAR2018-5.1-c), the plan (BOOK2017-ch5-1.2-b), targets (BOOK2017-ch5-1.4-c,
BOOK2017-ch4-3.3-c) and the cause match (DECISION2015-4-d; the book's four pairs
BOOK2017-ch10-1.2-g, BOOK2017-ch10-1.2-h, BOOK2017-ch10-1.2-i, BOOK2017-ch10-1.2-j); the county
answers for projects (MECH2014-1.4-d, BOOK2017-ch5-1.3-c)."""

from __future__ import annotations

from typing import Any

import pytest

import jingzhun as jz
from jingzhun.domain.audit import EntityKind, Responsible, Severity, Summary, findings_of
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.support import Project
from jingzhun.rules.classification.common import CAUSE_MEASURES
from jingzhun.rules.precision.projects import audit_projects

COUNTY = jz.County(county_code="610999")
AUDIT_DAY = "2017-12-31"


def household(hid: str, *causes: str) -> HouseholdFile:
    main, *others = causes or (None,)
    person = jz.Household(
        household_id=hid,
        county_code="610999",
        village_id="V1",
        main_cause=main,
        other_causes=tuple(others),
        members=(jz.Member(member_id=f"{hid}-1"),),
    )
    return HouseholdFile(entry=jz.RegistryEntry(household=person, status="poor"))


def project(pid: str, kind: str = "industry", **extra: Any) -> Project:
    fields: dict[str, Any] = {
        "in_library": True,
        "plan_ref": "县脱贫攻坚规划",
        "target_households": ("H1",),
        "approved_on": "2017-03-01",
    }
    fields.update(extra)
    return Project(project_id=pid, kind=kind, **fields)


HOUSEHOLDS = (
    household("H1", "lack_of_capital", "lack_of_land"),
    household("H2", "schooling"),
    household("H3"),
    household("H4", "other"),
)
VILLAGE = VillageRecord(
    village=jz.Village(
        village_id="V1", county_code="610999", rural_population=100, poor_population=10
    ),
    poor=True,
)


def audit(*projects: Project, on: str = AUDIT_DAY) -> jz.Decision:
    registry = CountyRegistry(
        county=COUNTY, households=HOUSEHOLDS, villages=(VILLAGE,), projects=projects
    )
    return audit_projects(registry, on=on)


def codes(decision: jz.Decision) -> list[tuple[str, str]]:
    return [(x.entity_id, x.code) for x in findings_of(decision)]


def test_clean_registry_has_no_findings() -> None:
    decision = audit(
        project("P1", "industry"),
        project("P2", "infrastructure", target_households=(), target_villages=("V1",)),
        project("P3", "education", target_households=("H2",)),
        project("P4", "microcredit", target_households=("H1", "H2")),
    )
    assert decision.outcome is jz.Outcome.MET
    assert findings_of(decision) == ()
    assert Summary.of(decision) == Summary(checked=4, passing=4)
    assert decision.reasons[0].code == "PP_SUMMARY"


def test_each_planted_defect_is_found_once() -> None:
    """RESP2016-art19 (library), BOOK2017-ch5-1.2-b (plan), BOOK2017-ch5-1.4-c (targets),
    DECISION2015-4-d (cause match)."""
    decision = audit(
        project("OK"),
        project("LIB", in_library=False),
        project("LIBQ", in_library=None),
        project("PLAN", plan_ref=None),
        project("NONE", target_households=()),
        project("DANG", target_households=("H9",), target_villages=("V9",)),
        project("MIS", "medical"),
        project("UND", target_households=("H3",)),
        project("UNDK", "other"),
        project("UNMAP", target_households=("H4",)),
        project("NODATE", in_library=False, approved_on=None),
    )
    expected = {
        ("LIB", "PP_NOT_IN_LIBRARY", Severity.MODERATE, jz.Effect.OPPOSES),
        ("LIBQ", "PP_LIBRARY_UNKNOWN", Severity.MODERATE, jz.Effect.BLOCKS),
        ("PLAN", "PP_NO_PLAN_REF", Severity.MODERATE, jz.Effect.OPPOSES),
        ("NONE", "PP_NO_TARGET", Severity.SERIOUS, jz.Effect.OPPOSES),
        ("DANG", "PP_UNKNOWN_TARGET", Severity.MODERATE, jz.Effect.OPPOSES),
        ("MIS", "PP_CAUSE_MISMATCH", Severity.MODERATE, jz.Effect.OPPOSES),
        ("UND", "PP_CAUSE_UNDETERMINED", Severity.MODERATE, jz.Effect.BLOCKS),
        ("UNDK", "PP_CAUSE_UNDETERMINED", Severity.MODERATE, jz.Effect.BLOCKS),
        ("UNMAP", "PP_CAUSE_UNDETERMINED", Severity.MODERATE, jz.Effect.BLOCKS),
        ("NODATE", "PP_APPROVAL_UNDATED", Severity.MODERATE, jz.Effect.BLOCKS),
    }
    found = findings_of(decision)
    assert len(found) == len(expected)
    assert {(x.entity_id, x.code, x.severity, x.effect) for x in found} == expected
    assert all(x.entity is EntityKind.PROJECT for x in found)
    assert all(x.responsible is Responsible.COUNTY for x in found)
    assert decision.outcome is jz.Outcome.NOT_MET
    assert Summary.of(decision) == Summary(checked=11, passing=1)


def test_messages_name_what_is_wrong() -> None:
    decision = audit(
        project("DANG", target_households=("H9",), target_villages=("V9",)),
        project("MIS", "medical"),
        project("UND", target_households=("H3",)),
    )
    messages = {x.entity_id: x.message_en for x in findings_of(decision)}
    assert messages["DANG"] == "the project targets ids the registry does not hold: V9、H9"
    assert messages["MIS"] == (
        "a medical support project addresses none of its households' causes (lack of capital, "
        "lack of land)"
    )
    assert messages["UND"].endswith("households H3 record no cause")


def test_unknown_data_is_not_passing() -> None:
    """Unknown is not met: an unrecorded library flag leaves the audit undetermined."""
    decision = audit(project("P1", in_library=None))
    assert decision.outcome is jz.Outcome.UNDETERMINED
    assert Summary.of(decision) == Summary(checked=1, passing=0)
    assert audit().outcome is jz.Outcome.UNDETERMINED  # nothing to check


@pytest.mark.parametrize(
    ("approved", "found"),
    [("2016-10-10", False), ("2016-10-11", True), ("2016-10-12", True)],
)
def test_library_required_from_the_responsibility_measures(approved: str, found: bool) -> None:
    """RESP2016-art19 (2016-10-11): 县级政府应当建立扶贫项目库 — judged on the approval day."""
    decision = audit(project("P1", in_library=False, approved_on=approved))
    assert codes(decision) == ([("P1", "PP_NOT_IN_LIBRARY")] if found else [])


@pytest.mark.parametrize(
    ("approved", "found"),
    [("2015-11-28", False), ("2015-11-29", True), ("2015-11-30", True)],
)
def test_plan_required_from_the_2015_decision(approved: str, found: bool) -> None:
    """DECISION2015-18-b / BOOK2017-ch5-1.2-b: 项目跟着规划走, from 2015-11-29."""
    decision = audit(project("P1", plan_ref=None, approved_on=approved), on="2016-06-30")
    assert codes(decision) == ([("P1", "PP_NO_PLAN_REF")] if found else [])


@pytest.mark.parametrize(
    ("approved", "found"),
    [("2014-01-24", False), ("2014-01-25", True), ("2014-01-26", True)],
)
def test_cause_match_from_the_cause_table(approved: str, found: bool) -> None:
    """The one cause table (``classification.cause_measures``) applies from the 2014 opinion
    (MECH2014-1.2-d: 深入分析致贫原因，逐村逐户制定帮扶措施, published 2014-01-25); the 2015
    decision's 分类扶持 (DECISION2015-4-d) restates it."""
    decision = audit(project("P1", "medical", approved_on=approved), on="2014-06-30")
    assert codes(decision) == ([("P1", "PP_CAUSE_MISMATCH")] if found else [])


def test_undated_project_is_judged_on_the_audit_day() -> None:
    """Before any dated requirement applies, an undated project is not judged by it; after,
    a failure cannot be placed, so it is undetermined, never 不符合."""
    early = audit(project("P1", in_library=False, approved_on=None), on="2016-10-10")
    assert codes(early) == []
    late = audit(project("P1", in_library=False, plan_ref=None, approved_on=None))
    [only] = findings_of(late)
    assert only.code == "PP_APPROVAL_UNDATED"
    assert only.message_en.endswith("PP_NOT_IN_LIBRARY、PP_NO_PLAN_REF")
    assert late.outcome is jz.Outcome.UNDETERMINED
    clean = audit(project("P1", approved_on=None))
    assert clean.outcome is jz.Outcome.MET


def test_projects_approved_after_the_audit_day_are_not_checked() -> None:
    decision = audit(project("P1", in_library=False, approved_on="2018-01-01"))
    assert Summary.of(decision) == Summary(checked=0, passing=0)


@pytest.mark.parametrize(
    ("cause", "kind", "clause"),
    [
        ("schooling", "education", "BOOK2017-ch10-1.2-g"),
        ("illness", "medical", "BOOK2017-ch10-1.2-h"),
        ("lack_of_skills", "training", "BOOK2017-ch10-1.2-i"),
        ("lack_of_capital", "microcredit", "BOOK2017-ch10-1.2-j"),
    ],
)
def test_the_books_four_pairs_match_and_are_confirmed(cause: str, kind: str, clause: str) -> None:
    """The four cause → kind pairs the book states are confirmed rows of the one cause table
    (``classification.cause_measures``, shared with 措施到户精准 and ``jingzhun plan``)."""
    registry = CountyRegistry(
        county=COUNTY,
        households=(household("H1", cause),),
        projects=(project("P1", kind),),
    )
    assert audit_projects(registry, on=AUDIT_DAY).outcome is jz.Outcome.MET
    rows = jz.ParameterSet.bundled().resolve(CAUSE_MEASURES, on=AUDIT_DAY).rows()
    row = next(dict(r) for r in rows if r["cause"] == cause)
    assert (row["measures"], row["clauses"], row["status"]) == ((kind,), (clause,), "confirmed")


def test_only_the_books_pairs_are_confirmed() -> None:
    rows = jz.ParameterSet.bundled().resolve(CAUSE_MEASURES, on=AUDIT_DAY).rows()
    confirmed = {c for r in rows if r["status"] == "confirmed" for c in r["clauses"]}
    assert confirmed == {f"BOOK2017-ch10-1.2-{x}" for x in "ghij"}


def test_village_level_kinds_are_not_cause_matched() -> None:
    """An infrastructure project for a household whose cause it does not name still passes."""
    decision = audit(project("P1", "infrastructure", target_households=("H2",)))
    assert decision.outcome is jz.Outcome.MET


def test_findings_carry_the_parameter_and_clause() -> None:
    decision = audit(project("P1", in_library=False))
    reason = decision.reasons[1]
    assert [p.name for p in reason.parameters] == ["precision.projects.library_required"]
    assert [c.clause_id for c in reason.citations] == ["RESP2016-art19", "THREEYEAR2018-5.1-c"]
