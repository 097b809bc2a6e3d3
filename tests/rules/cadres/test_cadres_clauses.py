"""Every checkable (``yes``) clause of the cadres-and-teams topic is implemented by a rule or
explained in data/clause_status/cadres.json with a specific why (issue 9 acceptance)."""

from __future__ import annotations

import pytest

import jingzhun as jz


def _checkable() -> list[str]:
    return [c.id for c in jz.clauses() if c.topic == "cadres-and-teams" and c.checkable == "yes"]


def _implemented() -> set[str]:
    return {c for r in jz.catalogue() for c in r.clauses}


def test_the_topic_has_its_checkable_clauses() -> None:
    assert len(_checkable()) == 21


@pytest.mark.parametrize("clause_id", _checkable())
def test_cadres_clause_is_implemented_or_explained(clause_id: str) -> None:
    status = jz.clause_status()
    assert (clause_id in _implemented()) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40


def test_the_cadres_family_implements_its_clauses() -> None:
    """MECH2014-1.3-b, DECISION2015-30-b, BOOK2017-ch5-1.6-c, BOOK2017-ch7-end,
    BOOK2017-ch5-1.5-a are rules of the cadres family."""
    family = {c for r in jz.catalogue() if r.family == "cadres" for c in r.clauses}
    assert {
        "MECH2014-1.3-b",
        "DECISION2015-30-b",
        "BOOK2017-ch5-1.6-c",
        "BOOK2017-ch7-end",
        "BOOK2017-ch5-1.5-a",
    } <= family
