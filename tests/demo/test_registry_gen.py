"""The generated registry of the benchmark: the sizes asked for, deterministic, loadable."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal

from jingzhun.demo.registry_gen import generate_registry
from jingzhun.io.county_registry import load_county_registry_text

SIZES = {"households": 2_000, "villages": 12, "projects": 40, "funds": 900}


def test_sizes_determinism_and_reconciled_projects() -> None:
    data = generate_registry(**SIZES)
    assert {k: len(data[k]) for k in SIZES} == SIZES
    assert json.dumps(data) == json.dumps(generate_registry(**SIZES))
    assert json.dumps(data) != json.dumps(generate_registry(**SIZES, seed=1))
    flows: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for f in data["funds"]:
        flows[f["project_id"]][f["flow"]] += Decimal(f["amount"])
    assert all(v["allocation"] == v["disbursement"] for v in flows.values())
    statuses = {h["registry_status"] for h in data["households"]}
    assert statuses == {"poor", "exited", "not_registered"}


def test_the_generated_registry_loads_without_errors() -> None:
    result = load_county_registry_text(json.dumps(generate_registry(**SIZES)))
    assert result.ok, result.summary()
    assert result.registry is not None and len(result.registry.households) == 2_000
