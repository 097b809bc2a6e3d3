"""A corpus of hostile records, generated in code with a fixed seed (deterministic).

For every record kind of :data:`jingzhun.io.kinds.KINDS`, a valid base record has each of its
fields (and each field of a nested member, income, guarantees, step …) replaced in turn by
each hostile value: wrong types, nested objects and arrays, huge numbers, NaN and Infinity,
negative counts, empty strings, control characters, lone surrogates, very long strings. A
few whole-record cases follow (duplicate ids, deep nesting, a non-object record).

Every household record carries a planted member whose full name and ID number must never
appear in any output unless ``--show-personal-data`` is given.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any, Final

from jingzhun.core.resources import load_json
from jingzhun.demo.sample import sample_households, sample_registry, sample_villages
from jingzhun.io.kinds import KINDS, RecordKind

SEED: Final = 20_240_808

# Personal data planted in every household record (a valid-looking ID number, a rare name).
PLANTED_NAME: Final = "欧阳秘密"
PLANTED_ID: Final = "11010519491231002X"
# ID-shaped and name-shaped junk put into other fields: a schema message must not echo it.
STRAY_ID: Final = "110105194912310038"
STRAY_NAME: Final = "司马隐私"

HOSTILE: Final[tuple[Any, ...]] = (
    "",
    " ",
    "abc",
    "\x00\x07\x1b[31m",
    "\ud800",
    "x" * 20_000,
    "NaN",
    "Infinity",
    "-1",
    "1e400",
    "2017-02-30",
    "户主",
    STRAY_ID,
    STRAY_NAME,
    0,
    -1,
    10**30,
    -(10**30),
    2.7,
    float("nan"),
    float("inf"),
    True,
    False,
    None,
    [],
    [1, "a", None],
    {},
    {"nested": {"deeper": [1, 2, {"x": "y"}]}},
)

COUNTY: Final[dict[str, Any]] = {
    "county_code": "610999",
    "name": "样例县",
    "key_county": True,
    "rural_population": 52000,
    "remaining_poor": 1300,
    "wrong_exit_rate": "0.01",
    "missed_rate": {"below": "0.02"},
    "approval": "0.92",
    "poor_villages": 10,
    "poor_villages_exited": 9,
    "steps": [{"step": "county_application", "first_day": "2017-10-01"}],
}


def planted_member(hid: str) -> dict[str, Any]:
    return {
        "member_id": f"{hid}-99",
        "relation": "子女",
        "name": PLANTED_NAME,
        "id_number": PLANTED_ID,
        "sex": "女",
        "birth_date": "1949-12-31",
    }


def base_record(kind: RecordKind) -> dict[str, Any]:
    """A valid record of ``kind`` (households carry the planted member)."""
    if kind.key == "households":
        record = copy.deepcopy(sample_households()[0])
        if kind.subject.__name__ == "RegistryEntry":
            record = copy.deepcopy(sample_registry([record["household_id"]])[0])
        record.setdefault("members", []).append(planted_member(record["household_id"]))
        record.pop("declared_size", None)
        return record
    if kind.key == "villages":
        record = copy.deepcopy(sample_villages()["villages"][0])
        record["reference"] = copy.deepcopy(sample_villages()["reference"])
        return record
    return copy.deepcopy(COUNTY)


def _fields(kind: RecordKind, base: dict[str, Any]) -> list[tuple[str, ...]]:
    """Paths to replace: every top-level property of the schema, and every key of a nested
    object (or of the first item of a nested array of objects) in the base record."""
    props = list(load_json("schemas", kind.schema)["properties"])
    paths: list[tuple[str, ...]] = [(p,) for p in props]
    for key, value in base.items():
        inner = value[0] if isinstance(value, list) and value else value
        if isinstance(inner, dict):
            step = (key, "0") if isinstance(value, list) else (key,)
            paths += [(*step, k) for k in inner]
    return paths


def _set(record: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target: Any = record
    for part in path[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[path[-1]] = value


def records(kind: RecordKind, *, sample: int | None = None) -> Iterator[dict[str, Any] | Any]:
    """The hostile records of ``kind``: one per (field, hostile value), then whole-record
    cases. ``sample`` keeps a deterministic random subset of the field cases."""
    base = base_record(kind)
    planted = (STRAY_ID, STRAY_NAME)
    cases = [
        (p, v)
        for p in _fields(kind, base)
        for v in HOSTILE
        if not (p == (kind.id_field,) and v in planted)  # an id is shown on purpose
    ]
    if sample is not None:
        cases = random.Random(SEED).sample(cases, min(sample, len(cases)))
    for n, (path, value) in enumerate(cases):
        record = copy.deepcopy(base)
        _set(record, path, value)
        if path != (kind.id_field,):
            unique = f"61{n:04d}" if kind.key == "counties" else f"{base[kind.id_field]}-{n}"
            record[kind.id_field] = unique
        yield record
    yield copy.deepcopy(base)  # the same id again: a duplicate
    yield "not an object"
    yield [base]


def deep(depth: int) -> Any:
    """A value nested ``depth`` arrays deep."""
    value: Any = "x"
    for _ in range(depth):
        value = [value]
    return value


def as_json(items: list[Any], key: str) -> str:
    """The records as one JSON document (NaN and Infinity written as JSON extensions; lone
    surrogates as escapes, so that the text can be written as UTF-8)."""
    return json.dumps({key: items})


def as_jsonl(items: list[Any]) -> str:
    return "".join(json.dumps(item) + "\n" for item in items)


def kinds() -> tuple[RecordKind, ...]:
    return KINDS
