"""Every checkable clause of the assessment and procedure-timing topics is implemented by a
rule or explained in data/clause_status/assessment.json (issue 10), never both."""

from __future__ import annotations

import pytest

import jingzhun as jz

MINE = ("assessment", "procedure-timing")
LEFT_TO_OTHERS = {"RESP2016-art29"}  # the responsibility family's date in force


def _checkable() -> list[str]:
    return [c.id for c in jz.clauses() if c.topic in MINE and c.checkable == "yes"]


def test_the_topics_have_their_checkable_clauses() -> None:
    assert len(_checkable()) == 31


@pytest.mark.parametrize("clause_id", sorted(set(_checkable()) - LEFT_TO_OTHERS))
def test_clause_is_implemented_or_explained(clause_id: str) -> None:
    implemented = {c for r in jz.catalogue() for c in r.clauses}
    status = jz.clause_status()
    assert (clause_id in implemented) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40


def test_the_assessment_family_implements_its_clauses() -> None:
    """ASSESS2016-art5, ASSESS2016-art6, ASSESS2016-art7, THREEYEAR2018-8.3-b,
    THREEYEAR2018-8.3-c, THREEYEAR2018-7.2-b are rules of the assessment family."""
    family = {c for r in jz.catalogue() if r.family == "assessment" for c in r.clauses}
    assert {
        "ASSESS2016-art5",
        "ASSESS2016-art6",
        "ASSESS2016-art7",
        "THREEYEAR2018-8.3-b",
        "THREEYEAR2018-8.3-c",
        "THREEYEAR2018-7.2-b",
    } <= family
