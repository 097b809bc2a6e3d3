"""Every checkable identification clause is implemented by a rule named by a test, or listed
with the reason it is not machine-checkable (issue acceptance; data/clause_status.json)."""

from __future__ import annotations

from pathlib import Path

import pytest

import jingzhun as jz
from rule_cases import case_clauses

TESTS = Path(__file__).parent.parent


def checkable(topic: str) -> list[str]:
    return [c.id for c in jz.clauses() if c.topic == topic and c.checkable == "yes"]


def implemented() -> set[str]:
    return {c for r in jz.catalogue() for c in r.clauses}


@pytest.mark.parametrize("clause_id", checkable("identification"))
def test_identification_clause_is_implemented_or_explained(clause_id: str) -> None:
    status = jz.clause_status()
    assert clause_id in implemented() or clause_id in status, clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40


def test_every_implemented_clause_is_named_by_a_test() -> None:
    """Named in a Python test, or pinned by a rule case (its ``clause:`` field)."""
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in TESTS.rglob("test_*.py")
        if p.name != "test_catalogue.py"
    )
    pinned = case_clauses()
    missing = sorted(c for c in implemented() if c not in text and c not in pinned)
    assert not missing, missing


def test_each_reason_code_has_one_meaning() -> None:
    """A code may be shared by rules (the procedure codes) but always as the same template."""
    by_code: dict[str, set[int]] = {}
    for r in jz.catalogue():
        for rc in r.reason_codes:
            by_code.setdefault(rc.code, set()).add(id(rc))
    assert all(len(ids) == 1 for ids in by_code.values())


def test_clause_status_names_real_clauses() -> None:
    for clause_id in jz.clause_status():
        jz.clause(clause_id)


def test_every_reason_code_is_documented() -> None:
    """On a written page of its family (any page of docs/ but the generated reference)."""
    docs = TESTS.parent / "docs"
    page = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted(docs.rglob("*.md"))
        if "reference" not in p.relative_to(docs).parts
    )
    missing = [rc.code for r in jz.catalogue() for rc in r.reason_codes if rc.code not in page]
    assert not missing, missing


@pytest.mark.parametrize("clause_id", checkable("exit") + checkable("dynamic-management"))
def test_exit_and_dynamic_clause_is_implemented_or_explained(clause_id: str) -> None:
    status = jz.clause_status()
    assert clause_id in implemented() or clause_id in status, clause_id


@pytest.mark.parametrize(
    "clause_id",
    checkable("six-precisions") + checkable("classification") + checkable("cadres-and-teams"),
)
def test_issue9_clause_is_implemented_or_explained(clause_id: str) -> None:
    """The six precisions, classified support and village teams: every ``checkable: yes``
    clause is listed by a rule (``jingzhun rules --json``) or explained in
    ``data/clause_status/`` — never both."""
    status = jz.clause_status()
    assert (clause_id in implemented()) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40


@pytest.mark.parametrize(
    "clause_id",
    checkable("assessment")
    + checkable("third-party-evaluation")
    + checkable("responsibility")
    + checkable("procedure-timing"),
)
def test_issue10_clause_is_implemented_or_explained(clause_id: str) -> None:
    """Assessment, third-party evaluation, responsibility and procedure timing: every
    ``checkable: yes`` clause is listed by a rule or explained in ``data/clause_status/`` —
    never both."""
    status = jz.clause_status()
    assert (clause_id in implemented()) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40
