"""The classification tables are data: typed like the vocabularies, every row sourced, and
every checkable clause of the classification topic implemented or explained."""

from __future__ import annotations

import pytest

import jingzhun as jz
from jingzhun import ParameterSet
from jingzhun.core.parameters import ResolvedParameter
from jingzhun.domain.classification import LivingArea, Pathway
from jingzhun.domain.support import MeasureKind
from jingzhun.domain.vocabulary import LabourCapacity, PovertyCause

TABLES = (
    "classification.pathway_measures",
    "classification.cause_measures",
    "classification.ten_projects",
    "classification.relocation_areas",
)
CONFIRMED_CAUSES = {
    "schooling": ("education", "BOOK2017-ch10-1.2-g"),
    "illness": ("medical", "BOOK2017-ch10-1.2-h"),
    "lack_of_skills": ("training", "BOOK2017-ch10-1.2-i"),
    "lack_of_capital": ("microcredit", "BOOK2017-ch10-1.2-j"),
}


def resolved(params: ParameterSet, name: str) -> ResolvedParameter:
    return params.resolve(name, on="2017-06-30")


def test_choices_are_the_vocabularies(params: ParameterSet) -> None:
    """The codes copied into the TOML are exactly the enums' codes."""
    measures = {m.value for m in MeasureKind}
    declared = {
        name: params.parameter(name).spec.row
        for name in (*TABLES, "classification.safety_net_labour")
    }
    columns = {n: {c.name: c.spec for c in row or ()} for n, row in declared.items()}
    for name in (
        "classification.pathway_measures",
        "classification.cause_measures",
        "classification.ten_projects",
    ):
        assert set(columns[name]["measures"].choices or ()) == measures, name
    assert set(columns["classification.cause_measures"]["cause"].choices or ()) == {
        c.value for c in PovertyCause
    }
    assert set(columns["classification.pathway_measures"]["pathway"].choices or ()) == {
        p.value for p in Pathway
    }
    assert set(columns["classification.relocation_areas"]["area"].choices or ()) == {
        a.value for a in LivingArea
    }
    assert set(columns["classification.safety_net_labour"]["labour"].choices or ()) == {
        x.value for x in LabourCapacity
    }


@pytest.mark.parametrize("name", TABLES)
def test_every_row_names_real_clauses(params: ParameterSet, name: str) -> None:
    for row in resolved(params, name).rows():
        assert row["clauses"], row
        for clause_id in row["clauses"]:
            jz.clause(clause_id)


def test_confirmed_only_where_the_text_says_so(params: ParameterSet) -> None:
    """BOOK2017-ch10-1.2-g/-h/-i/-j are the only confirmed cause rows."""
    rows = resolved(params, "classification.cause_measures").rows()
    confirmed = {
        r["cause"]: (r["measures"][0], r["clauses"][0]) for r in rows if r["status"] == "confirmed"
    }
    assert confirmed == CONFIRMED_CAUSES
    assert all(len(r["measures"]) == 1 for r in rows if r["status"] == "confirmed")


def test_every_pathway_has_a_row(params: ParameterSet) -> None:
    rows = resolved(params, "classification.pathway_measures").rows()
    assert {r["pathway"] for r in rows} == {p.value for p in Pathway}


def test_the_ten_projects_are_ten(params: ParameterSet) -> None:
    """BOOK2017-ch4-3.4 names ten projects."""
    rows = resolved(params, "classification.ten_projects").rows()
    assert len(rows) == 10
    assert len({r["zh"] for r in rows}) == 10


def test_each_relocation_area_is_listed_once(params: ParameterSet) -> None:
    """BOOK2017-ch6-2.1-a (candidates) and BOOK2017-ch6-2.1-b (not candidates)."""
    rows = resolved(params, "classification.relocation_areas").rows()
    assert sorted(r["area"] for r in rows) == sorted(a.value for a in LivingArea)
    yes = {r["area"] for r in rows if r["relocation"]}
    assert yes == {
        "deep_mountain",
        "rocky_mountain",
        "desert",
        "alpine",
        "endemic_disease",
        "geological_hazard",
    }


def checkable() -> list[str]:
    return [c.id for c in jz.clauses() if c.topic == "classification" and c.checkable == "yes"]


def test_the_classification_topic_has_39_checkable_clauses() -> None:
    assert len(checkable()) == 39


@pytest.mark.parametrize("clause_id", checkable())
def test_classification_clause_is_implemented_or_explained(clause_id: str) -> None:
    implemented = {c for r in jz.catalogue() for c in r.clauses}
    status = jz.clause_status()
    assert (clause_id in implemented) != (clause_id in status), clause_id
    if clause_id in status:
        assert len(status[clause_id]["why"]) > 40
