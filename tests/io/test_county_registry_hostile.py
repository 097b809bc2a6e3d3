"""The hostile-input corpus (issue 8) through the county registry loader (issue 9).

Every field the county registry adds — a household's registration, plan and measures, a
village's flags, plan and postings, every field of a project and of a fund, and of their
notices — is replaced in turn by each of :data:`robustness.hostile.HOSTILE`. Asserted: no
exception, every record in the registry or named (a file refused whole by a file-level
error), no planted name or ID number in any message.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from jingzhun.io.county_registry import SECTIONS, RegistryLoad, load_county_registry_text
from registry_builders import fund, household, project, registry, village
from robustness import hostile

BASES: dict[str, dict[str, Any]] = {
    "households": household(
        members=[hostile.planted_member("H1")],
        measures_received=[{"kind": "medical", "on": "2017-09-01", "project_id": "P1"}],
    ),
    "villages": village(),
    "projects": project(),
    "funds": fund(recipient_household="H1"),
}
ADDED = {
    "households": ("registered_on", "plan", "measures_received"),
    "villages": ("poor", "identified_on", "exited_on", "plan", "postings"),
}


def paths(section: str) -> list[tuple[str, ...]]:
    """The registry's own fields of a record, and every key of their nested objects."""
    base = BASES[section]
    out: list[tuple[str, ...]] = []
    for key in ADDED.get(section, tuple(base)):
        out.append((key,))
        value = base.get(key)
        inner = value[0] if isinstance(value, list) and value else value
        if isinstance(inner, dict):
            step = (key, "0") if isinstance(value, list) else (key,)
            out += [(*step, k) for k in inner]
    return out


def put(record: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target: Any = record
    for part in path[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[path[-1]] = value


def corpus(section: str) -> list[Any]:
    id_field = {"households": "household_id", "villages": "village_id"}.get(
        section, section[:-1] + "_id"
    )
    items: list[Any] = [copy.deepcopy(BASES[section])]
    for n, (path, value) in enumerate((p, v) for p in paths(section) for v in hostile.HOSTILE):
        record = copy.deepcopy(BASES[section])
        put(record, path, value)
        record[id_field] = f"{record[id_field]}-{n}"
        items.append(record)
    items += [copy.deepcopy(BASES[section]), "not an object", [BASES[section]], None]
    return items


def check(result: RegistryLoad, data: dict[str, Any]) -> None:
    text = "\n".join(str(e) for e in result.errors)
    assert hostile.PLANTED_NAME not in text and hostile.PLANTED_ID not in text
    if result.registry is None:
        assert result.total == 0 and all(e.index is None for e in result.errors)
        return
    for name in SECTIONS:
        named = {e.index for e in result.errors_in(name)}
        assert len(getattr(result.registry, name)) + len(named) == len(data[name]), name


@pytest.mark.parametrize("section", SECTIONS)
def test_hostile_values_in_every_field_are_named(section: str) -> None:
    items = corpus(section)
    data = registry(**{section: items})
    text = json.dumps(data)  # NaN and Infinity as the JSON extensions: the file is refused
    check(load_county_registry_text(text), data)
    finite = [i for i in items if "NaN" not in json.dumps(i) and "Infinity" not in json.dumps(i)]
    data = registry(**{section: finite})
    result = load_county_registry_text(json.dumps(data))
    assert result.registry is not None
    check(result, data)
    assert len(getattr(result.registry, section)) >= 1  # the untouched base record loads
