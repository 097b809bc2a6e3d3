"""The sample county registry (issue 9 §4): deterministic, clean where it says so, and with
every planted defect where :data:`PLANTED` says — checked against each audit that exists."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from jingzhun.demo.registry import (
    AUDIT_DAY,
    FITTING,
    PLANTED,
    PlantedDefect,
    causes_of,
    sample_county_registry,
)
from jingzhun.domain.audit import SixPrecision, findings_of
from jingzhun.domain.county_registry import CountyRegistry
from jingzhun.io.county_registry import load_county_registry_text


@cache
def loaded(defects: bool) -> CountyRegistry:
    result = load_county_registry_text(json.dumps(sample_county_registry(defects=defects)))
    result.raise_for_errors()
    assert result.registry is not None
    return result.registry


def test_deterministic_and_a_fresh_copy_each_time() -> None:
    first, second = sample_county_registry(), sample_county_registry()
    assert first == second and first is not second
    first["households"].clear()
    assert sample_county_registry()["households"]


def test_shape_of_the_sample() -> None:
    data = sample_county_registry(defects=False)
    assert len(data["households"]) == 1520 and len(data["villages"]) == 8
    assert 35 <= len(data["projects"]) <= 45 and 380 <= len(data["funds"]) <= 450
    statuses = {h["registry_status"] for h in data["households"]}
    assert statuses == {"poor", "exited", "not_registered"}
    poor_villages = [v["village_id"] for v in data["villages"] if v["poor"]]
    assert poor_villages == ["V01", "V02", "V06"]


def poor(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [h for h in data["households"] if h["registry_status"] == "poor"]


def test_clean_households_have_helper_plan_and_a_measure_per_cause() -> None:
    for h in poor(sample_county_registry(defects=False)):
        assert h["helper"] and h["plan"]["measures"]
        received = {m["kind"] for m in h["measures_received"]}
        assert {FITTING[c] for c in causes_of(h) if c in FITTING} <= received
        assert received <= {*FITTING.values(), "industry"}


def test_clean_projects_and_funds_reconcile_and_are_noticed() -> None:
    data = sample_county_registry(defects=False)
    projects = {p["project_id"]: p for p in data["projects"]}
    assert all(
        p["in_library"] and p["plan_ref"] and p["target_households"] for p in projects.values()
    )
    totals: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    registered = {h["household_id"] for h in poor(data)}
    for f in data["funds"]:
        assert f["project_id"] in projects and "notice" in f and not f.get("county_matching")
        totals[f["project_id"]][f["flow"]] += Decimal(f["amount"])
        if "recipient_household" in f:
            assert f["recipient_household"] in registered
    for pid, flows in totals.items():
        assert flows["allocation"] == flows["disbursement"] > 0, pid


def test_every_planted_defect_names_a_record_of_the_defective_registry() -> None:
    reg = loaded(True)
    ids = {
        "household": set(reg.household_index),
        "village": set(reg.village_index),
        "project": set(reg.project_index),
        "fund": {f.fund_id for f in reg.funds},
        "posting": {
            f"{v.village_id}/{p.person_id}/{p.role.value}/{p.start}"
            for v in reg.villages
            for p in v.postings
        },
    }
    for defect in PLANTED:
        assert defect.entity_id in ids[defect.entity.value], defect
    assert {d.precision for d in PLANTED} == set(SixPrecision)


def found(precision: SixPrecision, defects: bool) -> set[tuple[str, str]]:
    from jingzhun.rules.precision.audit import precision_rule

    decision = precision_rule(precision).apply(loaded(defects), on=AUDIT_DAY)
    return {(f.entity.value, f.entity_id) for f in findings_of(decision)}


@pytest.mark.parametrize("precision", list(SixPrecision), ids=lambda p: p.value)
def test_the_clean_registry_gives_no_finding(precision: SixPrecision) -> None:
    assert found(precision, defects=False) == set()


@pytest.mark.parametrize("defect", PLANTED, ids=lambda d: f"{d.precision.value}-{d.entity_id}")
def test_every_planted_defect_is_found(defect: PlantedDefect) -> None:
    hits = found(defect.precision, defects=True)
    assert (defect.entity.value, defect.entity_id) in hits, defect.what
