"""The county registry file (issue 9 §1): every record in the registry or named by an error.

Errors name the section (the path's first part), the record's 1-based index within it, its
id and the JSON path; a problem with the file as a whole leaves ``registry`` None.
"""

from __future__ import annotations

import copy
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jingzhun.core.errors import InputError
from jingzhun.core.resources import load_json
from jingzhun.domain.support import FundFlow, MeasureKind
from jingzhun.io.county_registry import (
    SECTIONS,
    RegistryLoad,
    load_county_registry,
    load_county_registry_text,
)
from jingzhun.io.records import RecordError
from registry_builders import fund, household, project, registry, village

NAME = "欧阳秘密"


def load(data: Any) -> RegistryLoad:
    return load_county_registry_text(json.dumps(data, ensure_ascii=False))


def accounted(result: RegistryLoad, data: dict[str, Any]) -> None:
    """Every record of every section is in the registry or named by an error, not both."""
    assert result.registry is not None
    for name in SECTIONS:
        named = {e.index for e in result.errors_in(name)}
        kept = len(getattr(result.registry, name))
        assert kept + len(named) == len(data.get(name, [])), name
    assert result.total == sum(len(data.get(n, [])) for n in SECTIONS)


def only_error(result: RegistryLoad) -> RecordError:
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    return result.errors[0]


def test_a_small_registry_loads_whole() -> None:
    result = load(registry())
    assert result.ok and result.total == 4 and result.errors == ()
    reg = result.registry
    assert reg is not None and reg.county_code == "610999" and reg.county.key_county
    file = reg.household_index["H1"]
    assert file.registered_on is not None and file.registered_on.isoformat() == "2017-06-30"
    assert file.plan is not None and file.plan.measures == (MeasureKind.MEDICAL,)
    assert file.measures[0].project_id == "P1"
    assert reg.village_index["V1"].postings[0].role.value == "first_secretary"
    assert reg.project_index["P1"].notice is not None
    assert reg.funds[0].flow is FundFlow.ALLOCATION and reg.funds[0].amount == Decimal("5000.00")


def test_sections_may_be_left_out() -> None:
    result = load({"county": {"county_code": "610999"}})
    assert result.ok and result.registry is not None and result.registry.households == ()


def test_dangling_references_are_not_load_errors() -> None:
    """A fund to an unknown project, a project for unknown villages and households, a measure
    from an unknown project: the audits report them (issue 9 §1)."""
    data = registry(
        funds=[fund(project_id="P404", recipient_household="H404", recipient_village="V404")],
        projects=[project(target_villages=["V404"], target_households=["H404"])],
        households=[household(measures_received=[{"kind": "medical", "project_id": "P404"}])],
    )
    assert load(data).ok


@pytest.mark.parametrize(
    ("section", "record", "path"),
    [
        ("households", household(plan=[]), "/households/0/plan"),
        ("households", household(registered_on=20170630), "/households/0/registered_on"),
        ("households", household(measures_received={"kind": "medical"}), "/households/0/"),
        ("households", household(declared_size="2"), "/households/0/declared_size"),
        ("villages", village(poor="yes"), "/villages/0/poor"),
        ("villages", village(postings={"person_id": "C1"}), "/villages/0/postings"),
        ("villages", village(rural_population=-1), "/villages/0/rural_population"),
        ("projects", project(target_villages="V1"), "/projects/0/target_villages"),
        ("projects", project(public_welfare=None), "/projects/0/public_welfare"),
        ("projects", project(notice=["2017-07-01"]), "/projects/0/notice"),
        ("funds", fund(amount=True), "/funds/0/amount"),
        ("funds", fund(amount="-5"), "/funds/0/amount"),
        ("funds", fund(amount=Decimal("12.345")), "/funds/0/amount"),
        ("funds", fund(county_matching="no"), "/funds/0/county_matching"),
    ],
)
def test_wrong_types_are_named_record_by_record(section: str, record: Any, path: str) -> None:
    data = registry(**{section: [record]})
    text = json.dumps(data, default=str).replace('"12.345"', "12.345")
    result = load_county_registry_text(text)
    assert result.registry is not None and len(getattr(result.registry, section)) == 0
    assert result.errors and all(e.path.startswith(path) for e in result.errors)
    assert {e.index for e in result.errors} == {1}
    accounted(result, data)


@pytest.mark.parametrize("section", SECTIONS)
def test_a_record_that_is_not_an_object_is_named(section: str) -> None:
    good = registry()[section][0]
    data = registry(**{section: [[good], "text", None, good]})
    result = load(data)
    assert {e.index for e in result.errors_in(section)} == {1, 2, 3}
    assert len(getattr(result.registry, section)) == 1
    accounted(result, data)


@pytest.mark.parametrize(
    ("section", "make", "field"),
    [
        ("households", household, "household_id"),
        ("villages", village, "village_id"),
        ("projects", project, "project_id"),
        ("funds", fund, "fund_id"),
    ],
)
def test_duplicate_ids_after_the_first_are_named(section: str, make: Any, field: str) -> None:
    data = registry(**{section: [make("X1"), make("X2"), make("X1"), make("X1")]})
    result = load(data)
    errors = result.errors_in(section)
    assert [(e.index, e.record_id) for e in errors] == [(3, "X1"), (4, "X1")]
    assert all(e.path == f"/{section}/{(e.index or 0) - 1}/{field}" for e in errors)
    assert "#1" in errors[0].message
    assert [getattr(r, field) for r in getattr(result.registry, section)] == ["X1", "X2"]
    accounted(result, data)


def test_duplicate_after_an_invalid_first_is_still_named() -> None:
    data = registry(projects=[project("X", kind=5), project("X")])
    result = load(data)
    assert [e.index for e in result.errors] == [1, 2]
    accounted(result, data)


@pytest.mark.parametrize(
    ("data", "path"),
    [
        (
            registry(
                villages=[village(postings=[village()["postings"][0] | {"end": "2015-07-31"}])]
            ),
            "/villages/0/postings/0/end",
        ),
        (
            registry(
                projects=[project(notice={"first_day": "2017-07-10", "last_day": "2017-07-01"})]
            ),
            "/projects/0/notice/last_day",
        ),
        (
            registry(funds=[fund(notice={"first_day": "2017-08-10", "last_day": "2017-08-09"})]),
            "/funds/0/notice/last_day",
        ),
        (
            registry(
                households=[
                    household(
                        history=[
                            {"on": "2016-12-31", "status": "exited", "action": "exit"},
                            {"on": "2014-10-01", "status": "poor", "action": "identified"},
                        ]
                    )
                ]
            ),
            "/households/0/history",
        ),
        (
            registry(villages=[village(exited_on="2014-01-01")]),
            "/villages/0/exited_on",
        ),
        (registry(funds=[fund(on="2017-02-30")]), "/funds/0/on"),
        (registry(households=[household(registered_on="2017-13-01")]), "/households/0/"),
    ],
)
def test_dates_out_of_order_or_impossible_are_named(data: dict[str, Any], path: str) -> None:
    result = load(data)
    error = only_error(result)
    assert error.index == 1 and error.path.startswith(path), str(error)
    accounted(result, data)


def test_unknown_vocabulary_is_named_with_the_choices() -> None:
    data = registry(projects=[project(kind="nope")], villages=[village(plan={"needs": ["x"]})])
    result = load(data)
    paths = sorted(e.path for e in result.errors)
    assert paths == ["/projects/0/kind", "/villages/0/plan/needs"]
    assert "industry" in next(e.message for e in result.errors if e.path == "/projects/0/kind")


def test_a_record_of_another_county_is_named() -> None:
    data = registry(households=[household(county_code="610998")], villages=[village()])
    result = load(data)
    error = only_error(result)
    assert error.path == "/households/0/county_code" and "610999" in error.message


def test_duplicate_keys_and_lone_surrogates_inside_a_record_name_only_it() -> None:
    good = json.dumps(registry(), ensure_ascii=False)
    text = good.replace('"kind": "医疗救助"', '"kind": "医疗救助", "kind": "training"', 1)
    text = text.replace('"unit": "县农业局"', '"unit": "\\ud800"')
    result = load_county_registry_text(text)
    assert sorted(e.path for e in result.errors) == [
        "/projects/0/kind",
        "/villages/0/postings/0/unit",
    ]
    assert result.registry is not None and len(result.registry.households) == 1


def test_personal_data_never_shows_in_errors() -> None:
    member = {"member_id": "M1", "name": 5, "id_number": "11010519491231002X"}
    data = registry(
        households=[household(members=[member], measures_received=[{"kind": NAME}])],
        projects=[project(kind=NAME)],
    )
    result = load(data)
    text = "\n".join(str(e) for e in result.errors)
    assert NAME not in text and "11010519491231002X" not in text
    shown = load_county_registry_text(json.dumps(data), show_personal=True)
    assert any(NAME in str(e) for e in shown.errors)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("not json", "/"),
        ("[]", "/"),
        ('{"households": []}', "/county"),
        ('{"county": []}', "/county"),
        ('{"county": {"county_code": "61"}}', "/county/county_code"),
        ('{"county": {"county_code": "610999"}, "funds": {}}', "/funds"),
        ('{"county": {"county_code": "610999"}, "funds": "F1"}', "/funds"),
        ('{"county": {"county_code": "610999"}, "extra": 1}', "/extra"),
        ('{"county": {"county_code": "610999"}, "note": 5}', "/note"),
        ('{"county": {"county_code": "610999"}, "funds": [], "funds": []}', "/funds"),
        ('{"county": {"county_code": "610999", "county_code": "610998"}}', "/county/county_code"),
        ('{"county": {"county_code": "610999"}, "funds": [NaN]}', "/"),
        ('{"county": {"county_code": "610999"}, "funds": [1' + "0" * 5000 + "]}", "/"),
    ],
)
def test_file_level_problems_leave_no_registry(text: str, path: str) -> None:
    result = load_county_registry_text(text)
    assert result.registry is None and not result.ok and result.total == 0
    assert result.errors and all(e.index is None for e in result.errors)
    assert path in [e.path for e in result.errors], [str(e) for e in result.errors]
    with pytest.raises(InputError):
        result.raise_for_errors()


def test_ten_thousand_deep_nesting_is_a_named_file_error() -> None:
    deep = "[" * 10_000 + "]" * 10_000
    result = load_county_registry_text(
        '{"county": {"county_code": "610999"}, "funds": ' + deep + "}"
    )
    assert result.registry is None and "nested too deeply" in result.errors[0].message


def test_deep_nesting_inside_one_record_names_that_record() -> None:
    value: Any = "x"
    for _ in range(500):
        value = [value]
    data = registry(projects=[project(name=value), project("P2")])
    result = load(data)
    assert [e.index for e in result.errors] == [1]
    accounted(result, data)


def test_errors_name_section_index_id_and_path() -> None:
    data = registry(funds=[fund(), fund("F2", flow="退回")])
    error = only_error(load(data))
    assert (error.index, error.record_id, error.path) == (2, "F2", "/funds/1/flow")
    assert str(error).startswith("记录 #2 (F2) /funds/1/flow")


def test_files_are_read_with_a_bom_and_refused_when_not_regular(tmp_path: Path) -> None:
    path = tmp_path / "registry.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(registry()).encode())
    result = load_county_registry(path)
    assert result.ok and result.source == str(path)
    refused = [tmp_path, tmp_path / "missing.json"]
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    refused.append(fifo)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"county": {"county_code": "610999", "name": "é"}}'.encode("latin-1"))
    refused.append(latin)
    for bad in refused:
        loaded = load_county_registry(bad)
        assert loaded.registry is None and loaded.errors[0].index is None, bad
        assert str(bad) in loaded.errors[0].message or str(bad) == loaded.source


def test_the_schema_shares_the_household_schemas_primitives() -> None:
    """money, date, label and year are the household schema's, not a copy that may drift."""
    ours = load_json("schemas", "county-registry.schema.json")["$defs"]
    theirs = load_json("schemas", "household.schema.json")["$defs"]
    for name in ("money", "date", "label", "year"):
        assert ours[name] == theirs[name], name


def test_the_sample_registry_loads_without_errors() -> None:
    from jingzhun.demo.registry import sample_county_registry

    data = sample_county_registry()
    result = load(data)
    assert result.ok, result.summary()
    accounted(result, data)
    broken = copy.deepcopy(data)
    broken["funds"][3]["amount"] = "-1"
    broken["households"][7]["plan"]["target_year"] = 1900
    again = load(broken)
    assert [(e.path, e.index) for e in again.errors] == [
        ("/households/7/plan/target_year", 8),
        ("/funds/3/amount", 4),
    ]
    accounted(again, broken)
