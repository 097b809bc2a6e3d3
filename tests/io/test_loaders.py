"""Loading records: every error reported with record number, id and JSON path; nothing dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jingzhun import InputError, load_households, load_households_text, load_villages_text
from jingzhun.io.loaders import stream_households

DATA = Path(__file__).parent.parent / "data"


def test_mixed_file_reports_every_bad_record_and_keeps_the_good() -> None:
    """Ten kinds of bad record: wrong type, missing field, negative income, unknown region,
    duplicate id, malformed date, non-JSON, unknown label, unknown field, too many causes,
    and a personal field of the wrong type."""
    result = load_households(DATA / "mixed_households.jsonl")
    assert result.total == 13
    assert [h.household_id for h in result.records] == ["OK-1", "OK-2"]
    assert result.positions == (1, 13)
    by_index = {e.index: e for e in result.errors}
    bad_indices = set(range(2, 13))
    assert set(by_index) == bad_indices
    # every record is either loaded or named by an error
    assert set(result.positions) | bad_indices == set(range(1, 14))
    paths = {(e.index, e.path) for e in result.errors}
    assert (2, "/declared_size") in paths
    assert (3, "/") in paths  # missing household_id
    assert (4, "/income/wages") in paths
    assert (5, "/county_code") in paths
    assert (6, "/household_id") in paths
    assert (7, "/members/0/birth_date") in paths
    assert (8, "/") in paths and by_index[8].line == 8
    assert (9, "/main_cause") in paths
    assert (10, "/") in paths
    assert (11, "/other_causes") in paths
    assert (12, "/members/0/id_number") in paths
    assert "duplicate" in next(e.message for e in result.errors if e.index == 6)


def test_personal_data_is_masked_in_errors_unless_asked() -> None:
    masked = load_households(DATA / "mixed_households.jsonl")
    text = "\n".join(str(e) for e in masked.errors)
    assert "612422197001010011" not in text
    shown = load_households(DATA / "mixed_households.jsonl", show_personal=True)
    assert "612422197001010011" in "\n".join(str(e) for e in shown.errors)


def test_streaming_gives_the_same_records_and_errors() -> None:
    stream, file_errors = stream_households(DATA / "mixed_households.jsonl")
    items = list(stream)
    assert not file_errors
    assert [i.index for i in items] == list(range(1, 14))
    assert [i.record.household_id for i in items if i.record] == ["OK-1", "OK-2"]
    assert sum(len(i.errors) for i in items) == len(
        load_households(DATA / "mixed_households.jsonl").errors
    )


def test_json_array_and_object_forms() -> None:
    rec = {"household_id": "A", "county_code": "522701", "declared_size": 1}
    assert load_households_text(json.dumps([rec])).ok
    assert load_households_text(json.dumps({"households": [rec], "county": "x"})).ok


def test_file_that_is_not_json_is_one_clear_error() -> None:
    result = load_households_text('[{"household_id": "A",')
    assert not result.records
    assert result.errors[0].index is None
    assert "not valid JSON" in result.errors[0].message
    with pytest.raises(InputError, match="not valid JSON"):
        result.raise_for_errors()


def test_json_of_the_wrong_shape() -> None:
    result = load_households_text('{"rows": []}')
    assert "expected an array" in result.errors[0].message


def test_numbers_are_read_exactly() -> None:
    rec = {
        "household_id": "A",
        "county_code": "522701",
        "declared_size": 3,
        "income": {"wages": 8567.99},
    }
    h = load_households_text(json.dumps(rec).join("[]")).records[0]
    assert h.income is not None and str(h.income.wages) == "8567.99"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        load_households(tmp_path / "nope.json")


def test_non_utf8_file_is_an_input_error(tmp_path: Path) -> None:
    p = tmp_path / "gbk.json"
    p.write_bytes('[{"household_id": "户"}]'.encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        load_households(p)


def test_villages_with_shared_reference() -> None:
    text = json.dumps(
        {
            "reference": {
                "code": "52",
                "level": "province",
                "poverty_incidence": "0.1",
                "average_per_capita_income": "5000",
                "year": 2013,
            },
            "villages": [
                {
                    "village_id": "V1",
                    "county_code": "522701",
                    "rural_population": 100,
                    "poor_population": 30,
                },
                {
                    "village_id": "V2",
                    "county_code": "522701",
                    "rural_population": 10,
                    "poor_population": 30,
                },
            ],
        }
    )
    result = load_villages_text(text)
    assert [c.village.village_id for c in result.records] == ["V1"]
    assert result.records[0].reference is not None
    assert "exceeds" in result.errors[0].message


def test_record_without_members_or_size_gets_a_readable_message() -> None:
    result = load_households_text(json.dumps([{"household_id": "A", "county_code": "522701"}]))
    assert "members" in result.errors[0].message
    assert "declared_size" in result.errors[0].message


def test_unknown_region_reported_together_with_label_errors() -> None:
    rec = {"household_id": "A", "county_code": "990101", "declared_size": 1, "main_cause": "x"}
    paths = {e.path for e in load_households_text(json.dumps([rec])).errors}
    assert paths == {"/county_code", "/main_cause"}
