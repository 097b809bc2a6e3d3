"""Issue 8, the io classes: hostile record files through the loaders and the command line.

Each input must end as decided records plus record (or file) errors that name the record,
its line and the field — never a traceback, never a silent choice, never personal data.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jingzhun.cli import main
from jingzhun.core.dates import as_date
from jingzhun.core.money import to_fen
from jingzhun.io.loaders import (
    load_county_cases_text,
    load_households,
    load_households_text,
    load_villages_text,
    stream_households,
)

ID_NUMBER = "522701197203150018"
NAME = "王建国"


def rec(hid: str = "H1", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "household_id": hid,
        "county_code": "522701",
        "declared_size": 1,
        "income_year": 2015,
        "income": {"wages": "2000"},
    }
    return base | extra


def member(**extra: Any) -> dict[str, Any]:
    return {"member_id": "M1", "name": NAME, "id_number": ID_NUMBER} | extra


def jsonl(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def cli(
    capsys: pytest.CaptureFixture[str], path: Path, *extra: str
) -> tuple[int, dict[str, Any] | None, str]:
    argv = ["identify", "households", str(path), "--on", "2016-12-31", "--jobs", "1"]
    code = main([*argv, "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert ID_NUMBER not in out + err and NAME not in out + err
    return code, (json.loads(out) if out else None), err


def accounted(
    capsys: pytest.CaptureFixture[str], path: Path, total: int, bad: set[int]
) -> dict[str, Any]:
    """Through the CLI with --skip-invalid: every record decided or named in the errors."""
    code, doc, _err = cli(capsys, path, "--skip-invalid")
    assert code == (1 if bad else 0)
    assert doc is not None
    decided = {d["position"] for d in doc["rows"]}
    named = {e["index"] for e in doc["errors"]}
    assert named == bad and decided | named == set(range(1, total + 1)) and not decided & named
    strict, _doc, _err = cli(capsys, path)
    assert strict == (2 if bad else 0)
    return doc


# 1. duplicate keys -----------------------------------------------------------------


def test_duplicate_keys_are_a_record_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = json.dumps(rec("H1"))
    wages = (
        '{"household_id": "H2", "county_code": "522701", "declared_size": 1, '
        '"income": {"wages": "1", "wages": "90000"}}'
    )
    hid = (
        '{"household_id": "H3", "household_id": "H4", "county_code": "522701", "declared_size": 1}'
    )
    text = jsonl(good, wages, hid)
    result = load_households_text(text, jsonl=True)
    assert [h.household_id for h in result.records] == ["H1"]
    errors = {(e.index, e.path) for e in result.errors}
    assert errors == {(2, "/income/wages"), (3, "/household_id")}
    assert all("duplicate key" in e.message for e in result.errors)
    assert result.errors[0].record_id == "H2" and result.errors[1].record_id is None
    f = tmp_path / "dup.jsonl"
    f.write_text(text, encoding="utf-8")
    accounted(capsys, f, 3, {2, 3})
    array = tmp_path / "dup.json"
    array.write_text(f"[{good}, {wages}, {hid}]", encoding="utf-8")
    accounted(capsys, array, 3, {2, 3})


def test_duplicate_keys_in_the_wrapper_are_a_file_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    a, d = json.dumps(rec("A")), json.dumps(rec("D"))
    text = f'{{"households": [{a}, {a.replace("A", "B")}], "households": [{d}]}}'
    result = load_households_text(text)
    assert result.records == () and len(result.errors) == 1
    assert result.errors[0].index is None and result.errors[0].path == "/households"
    f = tmp_path / "wrapper.json"
    f.write_text(text, encoding="utf-8")
    code, doc, err = cli(capsys, f)
    assert code == 2 and "duplicate key 'households'" in err and doc is None
    code, doc, err = cli(capsys, f, "--skip-invalid")
    assert code == 2 and doc is None and "duplicate key" in err  # file-level: always exit 2


def test_duplicate_keys_in_villages_and_counties() -> None:
    village = '[{"village_id": "V1", "village_id": "V2", "county_code": "522701"}]'
    assert load_villages_text(village).errors[0].path == "/village_id"
    county = '{"counties": [{"county_code": "522701", "name": "a", "name": "b"}]}'
    assert load_county_cases_text(county).errors[0].path == "/name"


def test_a_jsonl_line_reports_every_problem_like_a_json_array(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A JSON Lines line with two duplicate keys and a lone surrogate is named by three
    errors, each with its path — the same errors as the record in a JSON array — through
    ``load_*_text(jsonl=True)``, ``load_households``, ``stream_households`` and the CLI
    (both worker counts)."""
    line = (
        '{"household_id": "H2", "county_code": "522701", "declared_size": 1, '
        '"income": {"wages": "1", "wages": "2"}, "helper": "\\ud800", "declared_size": 2}'
    )
    want = [(2, "/declared_size"), (2, "/helper"), (2, "/income/wages")]
    text = jsonl(json.dumps(rec("H1")), line, json.dumps(rec("H3")))
    f = tmp_path / "many.jsonl"
    f.write_text(text, encoding="utf-8")
    array = tmp_path / "many.json"
    array.write_text(f"[{json.dumps(rec('H1'))}, {line}, {json.dumps(rec('H3'))}]")
    for result in (load_households_text(text, jsonl=True), load_households(f)):
        assert [(e.index, e.path) for e in result.errors] == want
        assert {e.line for e in result.errors} == {2}
        assert {e.record_id for e in result.errors} == {"H2"}
    assert [(e.index, e.path) for e in load_households(array).errors] == want
    stream, _ = stream_households(f)
    assert [[e.path for e in loaded.errors] for loaded in stream] == [[], [p for _, p in want], []]
    for path in (f, array):
        doc = accounted(capsys, path, 3, {2})
        assert [(e["index"], e["path"]) for e in doc["errors"]] == want
        _code, workers, _err = cli(capsys, path, "--skip-invalid", "--jobs", "2")
        assert workers is not None
        assert [(e["index"], e["path"]) for e in workers["errors"]] == want


# 4. leaks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "record",
    [
        rec(members={"0": member()}),
        rec(members=[f"{NAME} {ID_NUMBER}"]),
        rec(members=[member(id_number=[ID_NUMBER])]),
        rec(helper=[NAME, ID_NUMBER]),
        [rec(members=[member()])],
    ],
)
def test_leaks_schema_messages_never_show_the_value(record: Any) -> None:
    result = load_households_text(json.dumps([record], ensure_ascii=False))
    text = "\n".join(str(e) for e in result.errors)
    assert result.errors and ID_NUMBER not in text and NAME not in text


def test_leaks_a_huge_value_is_cut_even_with_show_personal() -> None:
    huge = "9" * 5_000_000
    for show in (False, True):
        result = load_households_text(
            json.dumps([rec(declared_size=huge), rec("H2", helper={"x": huge})]),
            show_personal=show,
        )
        assert len(result.errors) == 2
        assert all(len(str(e)) < 600 for e in result.errors)


def test_leaks_a_jsonl_line_that_is_an_array(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "arr.jsonl"
    f.write_text(jsonl(json.dumps([NAME, ID_NUMBER], ensure_ascii=False)), encoding="utf-8")
    accounted(capsys, f, 1, {1})


# 5. huge amounts -------------------------------------------------------------------


def test_huge_amounts_are_record_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [
        json.dumps(rec("H1")),
        json.dumps(rec("H2", income={"wages": "1" + "0" * 26})),
        '{"household_id": "H3", "county_code": "522701", "declared_size": 1, '
        '"income": {"wages": 1e400}}',
        json.dumps(rec("H4", reported_per_capita_income="-" + "9" * 13)),
        '{"household_id": "H5", "county_code": "522701", "declared_size": 1, '
        '"income_history": [{"year": 2014, "per_capita": 1e30}]}',
        '{"household_id": "H6", "county_code": "522701", "declared_size": 1, '
        '"income": {"wages": NaN}}',
        json.dumps(rec("H7", income={"wages": "999999999999.99"})),
    ]
    result = load_households_text(jsonl(*lines), jsonl=True)
    assert [h.household_id for h in result.records] == ["H1", "H7"]
    assert {e.index for e in result.errors} == {2, 3, 4, 5, 6}
    f = tmp_path / "huge.jsonl"
    f.write_text(jsonl(*lines), encoding="utf-8")
    accounted(capsys, f, 7, {2, 3, 4, 5, 6})


def test_huge_amounts_to_fen_does_not_raise() -> None:
    assert to_fen(Decimal("1" + "0" * 30 + ".005")) == Decimal("1" + "0" * 30 + ".01")
    assert to_fen(Decimal("1E+400")).adjusted() == 400


# 6. depth and digits ---------------------------------------------------------------


def test_depth_and_digits_are_record_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    deep = '{"household_id": "H2", "helper": ' + "[" * 10_000 + "]" * 10_000 + "}"
    digits = '{"household_id": "H3", "county_code": "522701", "declared_size": ' + "7" * 5000 + "}"
    medium = (
        '{"household_id": "H4", "county_code": "522701", "declared_size": 1, '
        '"local_indicators": ' + '{"a": ' * 900 + "true" + "}" * 900 + "}"
    )
    lines = [json.dumps(rec("H1")), deep, digits, medium]
    result = load_households_text(jsonl(*lines), jsonl=True)
    assert [h.household_id for h in result.records] == ["H1"]
    assert {(e.index, e.line) for e in result.errors} == {(2, 2), (3, 3), (4, 4)}
    f = tmp_path / "deep.jsonl"
    f.write_text(jsonl(*lines), encoding="utf-8")
    accounted(capsys, f, 4, {2, 3, 4})
    whole = tmp_path / "deep.json"
    whole.write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    code, _doc, err = cli(capsys, whole)
    assert code == 2 and "nested too deeply" in err


# 11. one splitter ------------------------------------------------------------------


def test_splitter_keeps_u2028_and_u0085_inside_strings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    odd = json.dumps(rec("H\u2028X\x85Y", helper="a\u2028b"), ensure_ascii=False)
    text = json.dumps(rec("H0")) + "\r\n" + odd + "\n" + json.dumps(rec("H2")) + "\n"
    result = load_households_text(text, jsonl=True)
    assert result.ok and result.total == 3
    assert result.records[1].household_id == "H\u2028X\x85Y"
    f = tmp_path / "seps.jsonl"
    f.write_bytes(text.encode("utf-8"))
    streamed = [i.record.household_id for i in stream_households(f)[0] if i.record]
    assert streamed == [h.household_id for h in result.records]
    accounted(capsys, f, 3, set())


# 12. positions ---------------------------------------------------------------------


def test_positions_invalid_utf8_names_its_true_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = [
        json.dumps(rec(f"H{i}", helper="帮扶干部" * 40), ensure_ascii=False) for i in range(200)
    ]
    data = "\n".join(lines).encode("utf-8").split(b"\n")
    data[149] = data[149].replace("帮".encode(), b"\xff", 1)
    f = tmp_path / "bad.jsonl"
    f.write_bytes(b"\xef\xbb\xbf" + b"\n".join(data) + b"\n")
    code, _doc, err = cli(capsys, f)
    assert code == 2 and "line 150 " in err
    whole = tmp_path / "bad.json"
    whole.write_bytes(b"[\n" + b",\n".join(data) + b"\n]")
    with pytest.raises(Exception, match="line 151 "):
        load_households(whole)


def test_positions_each_error_names_its_field() -> None:
    result = load_households_text(
        json.dumps(
            [
                rec("H1", income={"wages": "4200\n"}),
                rec("H2", county_code="522701\n"),
                rec("H3", income_year=2015, exit_target_year=1900),
            ]
        )
    )
    paths = {(e.index, e.path) for e in result.errors}
    assert (1, "/income/wages") in paths and (2, "/county_code") in paths
    assert (3, "/exit_target_year") in paths
    assert all("data." not in e.message for e in result.errors)


def test_positions_checks_across_fields_name_the_field_they_refuse() -> None:
    """A model check across fields is reported at the field it names first (poor villages
    exited above the poor villages, a poor population above the rural one); a procedure
    step's error is put at the step and its message names the field (a notice ending before
    it began, more objections resolved than raised)."""
    counties = load_county_cases_text(
        json.dumps([{"county_code": "410226", "poor_villages": 10, "poor_villages_exited": 11}])
    )
    assert [e.path for e in counties.errors] == ["/poor_villages_exited"]
    steps = [
        {"step": "s", "first_day": "2017-01-02", "last_day": "2017-01-01"},
        {"step": "s", "first_day": "2017-01-02", "objections": 1, "objections_resolved": 2},
    ]
    households = load_households_text(json.dumps([rec("H1", exit_steps=steps)]))
    assert [(e.path, e.message.split(":")[0]) for e in households.errors] == [
        ("/exit_steps/0", "last_day"),
        ("/exit_steps/1", "objections_resolved"),
    ]
    village = {"village_id": "V1", "county_code": "522701", "rural_population": 1}
    villages = load_villages_text(json.dumps([village | {"poor_population": 2}]))
    assert [e.path for e in villages.errors] == ["/poor_population"]


# 13. smaller -----------------------------------------------------------------------


def test_smaller_three_decimal_numbers_are_rejected_like_strings() -> None:
    text = (
        '[{"household_id": "H1", "county_code": "522701", "declared_size": 1, '
        '"income": {"wages": 4000.125}}]'
    )
    result = load_households_text(text)
    assert [(e.path, "two decimals" in e.message) for e in result.errors] == [
        ("/income/wages", True)
    ]


def test_smaller_birth_dates_before_1880_are_rejected() -> None:
    result = load_households_text(
        json.dumps(
            [
                rec(members=[member(birth_date="1879-12-31")]),
                rec("H2", members=[member(birth_date="1880-01-01")]),
            ]
        )
    )
    assert [(e.index, e.path) for e in result.errors] == [(1, "/members/0/birth_date")]


def test_smaller_lone_surrogate_is_a_record_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = [
        json.dumps(rec("H1")),
        '{"household_id": "\\ud800x", "county_code": "522701"}',
        '{"household_id": "H3", "county_code": "522701", "declared_size": 1, "helper": "\\udfff"}',
        '{"household_id": "H4", "county_code": "522701", "declared_size": 1, '
        '"helper": "\\ud83d\\ude00"}',
    ]
    result = load_households_text(jsonl(*lines), jsonl=True)
    assert [h.household_id for h in result.records] == ["H1", "H4"]
    assert [(e.index, e.path) for e in result.errors] == [(2, "/household_id"), (3, "/helper")]
    assert "\\ud800" in str(result.errors[0])
    str(result.errors[0]).encode("utf-8")
    for suffix in ("jsonl", "json"):
        f = tmp_path / f"sur.{suffix}"
        f.write_text(jsonl(*lines) if suffix == "jsonl" else "[" + ",".join(lines) + "]")
        accounted(capsys, f, 4, {2, 3})


@pytest.mark.parametrize("text", ["２０１６-１２-３１", "٢٠١٦-١٢-٣١", "2016-12-3１", "2016-12-31x"])
def test_smaller_dates_are_ascii_only(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="not a date"):
        as_date(text)
    assert main(["identify", "households", "x.json", "--on", text]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_smaller_table_output_escapes_control_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    f = tmp_path / "ctl.json"
    f.write_text(json.dumps([rec("H\x1b[2J\x07\x9b1")]), encoding="utf-8")
    assert main(["identify", "households", str(f), "--on", "2016-12-31", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "H\\x1b[2J\\x07\\x9b1" in out


# non-regular files -----------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["json", "jsonl"])
def test_non_regular_files_are_refused(
    suffix: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / f"pipe.{suffix}"
    os.mkfifo(fifo)
    folder = tmp_path / f"dir.{suffix}"
    folder.mkdir()
    for path in (fifo, folder, Path("/dev/zero")):
        code = main(["identify", "households", str(path), "--on", "2016-12-31", "--jobs", "1"])
        err = capsys.readouterr().err
        assert code == 2 and str(path) in err and "Traceback" not in err
