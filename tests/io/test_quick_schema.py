"""The quick schema check says yes only to what the compiled fastjsonschema validator accepts."""

from __future__ import annotations

import copy
import random
from decimal import Decimal
from typing import Any

import fastjsonschema
import pytest

from jingzhun.core.resources import load_json
from jingzhun.demo.registry_gen import generate_registry
from jingzhun.io.quick_schema import compile_check
from jingzhun.io.registry_schema import part_schema

PALETTE: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    1,
    2.0,
    1.5,
    Decimal("1.005"),
    Decimal("-0.01"),
    Decimal("1E+13"),
    10**12,
    1977,
    2101,
    "",
    " ",
    "x",
    "2016-01-01",
    "2016-01-01\n",
    "610999",
    "1234.00",
    "1234.001",
    "因病",
    [],
    [1],
    ["x"],
    {},
    {"x": 1},
    (1,),
    float("nan"),
)


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += _paths(v, (*at, i))
    return found


def _mutated(record: Any, rng: random.Random) -> Any:
    out = copy.deepcopy(record)
    for _ in range(rng.choice((1, 1, 2))):
        path = rng.choice(_paths(out))
        if not path:
            return copy.deepcopy(rng.choice(PALETTE))
        parent = out
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and rng.random() < 0.2:
            del parent[path[-1]]
        elif isinstance(parent, dict) and rng.random() < 0.1:
            parent["unknown_key"] = copy.deepcopy(rng.choice(PALETTE))
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(PALETTE))
    return out


def _checks(schema: dict[str, Any]) -> tuple[Any, Any]:
    schema = {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    return compile_check(schema), fastjsonschema.compile(schema)


REGISTRY = generate_registry(households=40, villages=5, projects=5, funds=20)
CASES = [
    ("household.schema.json", None, "households"),
    ("village.schema.json", None, "villages"),
    (None, "project", "projects"),
    (None, "fund", "funds"),
    (None, "household_file", "households"),
    (None, "village_record", "villages"),
]


@pytest.mark.parametrize(("name", "part", "section"), CASES)
def test_quick_yes_only_when_the_compiled_validator_accepts(
    name: str | None, part: str | None, section: str
) -> None:
    schema = dict(load_json("schemas", name)) if name else part_schema(part or "")
    quick, fast = _checks(schema)
    rng = random.Random(7)
    records = REGISTRY[section]
    agreed = 0
    for n in range(1500):
        record = records[n % len(records)]
        if part in ("household_file", "village_record"):
            keep = ("registered_on", "plan", "measures_received", "poor", "identified_on")
            record = {k: v for k, v in record.items() if k in (*keep, "exited_on", "postings")}
        raw = record if n < len(records) else _mutated(record, rng)
        try:
            fast(raw)
            accepted = True
        except fastjsonschema.JsonSchemaException:
            accepted = False
        except Exception:  # fastjsonschema raising on an odd value (NaN)
            accepted = False
        said = quick(raw)
        assert not said or accepted, raw
        agreed += said == accepted
    assert agreed == 1500  # the quick check reads these schemas exactly
