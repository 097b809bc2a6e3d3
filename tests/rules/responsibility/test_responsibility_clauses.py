"""Every checkable (``yes``) clause of the responsibility topic is implemented by a rule or
explained in data/clause_status/responsibility.json, never both (issue 10 §4)."""

from __future__ import annotations

import pytest

import jingzhun as jz
from jingzhun.core.resources import load_json


def _checkable() -> list[str]:
    return [c.id for c in jz.clauses() if c.topic == "responsibility" and c.checkable == "yes"]


def _implemented() -> set[str]:
    return {c for r in jz.catalogue() for c in r.clauses}


def test_the_topic_has_its_checkable_clauses() -> None:
    assert len(_checkable()) == 22


@pytest.mark.parametrize("clause_id", _checkable())
def test_responsibility_clause_is_implemented_or_explained(clause_id: str) -> None:
    status = jz.clause_status()
    assert (clause_id in _implemented()) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40


def test_the_family_implements_its_clauses() -> None:
    """THREEYEAR2018-8.1-b, THREEYEAR2018-8.1-c, THREEYEAR2018-8.1-d, THREEYEAR2018-8.1-e,
    RESP2016-art12-b and RESP2016-art21 are rules of the responsibility family; RESP2016-art29
    (the measures take effect on 2016-10-11) dates the last two."""
    family = {c for r in jz.catalogue() if r.family == "responsibility" for c in r.clauses}
    assert family == {
        "THREEYEAR2018-8.1-b",
        "THREEYEAR2018-8.1-c",
        "THREEYEAR2018-8.1-d",
        "THREEYEAR2018-8.1-e",
        "RESP2016-art12-b",
        "RESP2016-art21",
        "RESP2016-art29",
    }


def test_implemented_cadres_clauses_left_the_cadres_file() -> None:
    """RESP2016-art12-b and RESP2016-art21 are implemented here, so no longer explained."""
    cadres = load_json("data", "clause_status", "cadres.json")["clauses"]
    assert "RESP2016-art12-b" not in cadres
    assert "RESP2016-art21" not in cadres
