"""Every checkable clause of the funds topic is implemented by precision.funds or
precision.projects, or explained in data/clause_status/funds.json (issue 9)."""

from __future__ import annotations

import pytest

import jingzhun as jz

FUNDS_RULES = ("precision.funds", "precision.projects")


def implemented() -> set[str]:
    return {c for r in jz.catalogue() if r.id in FUNDS_RULES for c in r.clauses}


def checkable_funds() -> list[str]:
    return [c.id for c in jz.clauses() if c.topic == "funds" and c.checkable == "yes"]


@pytest.mark.parametrize("clause_id", checkable_funds())
def test_funds_clause_is_implemented_or_explained(clause_id: str) -> None:
    status = jz.clause_status()
    assert (clause_id in implemented()) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40


def test_the_rules_implement_the_clauses_they_claim() -> None:
    """DECISION2015-18-c and OLDAREAS2016-4.2-c (no county matching), RESP2016-art19 and
    THREEYEAR2018-5.1-c (project library, notices), MECH2014-1.4-d (the county implements)."""
    assert {
        "DECISION2015-18-c",
        "OLDAREAS2016-4.2-c",
        "RESP2016-art19",
        "THREEYEAR2018-5.1-c",
        "MECH2014-1.4-d",
        "BOOK2017-ch5-1.3-c",
    } <= implemented()
