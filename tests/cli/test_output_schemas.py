"""Every command-line output format validates against a schema ``jingzhun schema`` publishes.

Record commands (every one the catalogue offers) × ``json`` and ``jsonl`` over a spread of
the sample county's records: each ``jsonl`` line is a ``decision-row``, each ``json``
document a ``decision-batch`` (with record errors too); the CSV header is the published
column list of ``decision-table`` and every CSV row validates it. The whole-file commands
with JSON output validate theirs (audit, evaluate, assess, check-plan, duties, lint,
sample-size, rules, params), and every published schema is itself a valid 2020-12 schema
whose references by ``$id`` resolve.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import jingzhun as jz
from jingzhun.cli import main
from jingzhun.demo.sample import sample_registry
from jingzhun.engine.batch import BATCH_SCHEMA, ROW_SCHEMA
from jingzhun.rules import commands
from jingzhun.serve.payloads import schema_document, schema_names, schema_registry

STEP = 25
"""Every 25th sample record (61 households, every village): varied outcomes, a fast test."""

COUNTIES: list[dict[str, Any]] = [
    {
        "county_code": "640422",
        "name": "西吉县",
        "key_county": True,
        "incidence": "0",
        "wrong_exit_rate": {"below": "0.02"},
        "missed_rate": {"below": "0.02"},
        "approval": "0.989",
    },
    {
        "county_code": "610999",
        "name": "样例县",
        "key_county": True,
        "rural_population": 52000,
        "remaining_poor": 1300,
        "wrong_exit_rate": "0.01",
        "missed_rate": "0.025",
        "approval": "0.92",
        "poor_villages": 10,
        "poor_villages_exited": 9,
    },
    {"county_code": "370102", "name": "not a poor county"},
]


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    schema = schema_document(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=schema_registry(), format_checker=cls.FORMAT_CHECKER)


def check(name: str, instance: Any) -> None:
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample county's files, a spread of households, the registry and some counties."""
    d = tmp_path_factory.mktemp("sample")
    assert main(["sample", "--out", str(d)]) == 0
    households = json.loads((d / "households.json").read_text(encoding="utf-8"))["households"]
    spread = households[::STEP]
    (d / "h.json").write_text(json.dumps({"households": spread}, ensure_ascii=False), "utf-8")
    loaded = jz.load_households_text(json.dumps({"households": spread}, ensure_ascii=False))
    met = [
        h.household_id
        for h in loaded.records
        if jz.identify_household(h, on="2017-06-30").outcome is jz.Outcome.MET
    ]
    registry = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sample_registry(met)[:12])
    (d / "r.jsonl").write_text(registry, encoding="utf-8")
    (d / "c.json").write_text(json.dumps({"counties": COUNTIES}, ensure_ascii=False), "utf-8")
    return {
        "households": d / "h.json",
        "registry": d / "r.jsonl",
        "villages": d / "villages.json",
        "counties": d / "c.json",
        "county-registry": d / "county-registry.json",
        "evaluation": d / "evaluation-sample.json",
        "assessment": d / "province-assessment.json",
        "plan": d / "assessment-plan.json",
    }


INPUTS: dict[str, tuple[str, list[str]]] = {
    "adjust": ("registry", ["--year", "2017"]),
    "check households": ("households", ["--on", "2017-06-30"]),
    "exit counties": ("counties", ["--on", "2017-03-31"]),
    "exit households": ("registry", ["--on", "2017-12-31"]),
    "exit villages": ("villages", ["--on", "2017-12-31"]),
    "identify households": ("households", ["--on", "2016-12-31"]),
    "identify villages": ("villages", ["--on", "2014-06-30"]),
    "plan": ("households", ["--on", "2017-06-30"]),
}
"""The input file and date of every record command (a test checks none is missing)."""


def record_command(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], command: str, *extra: str
) -> tuple[int, str]:
    source, dated = INPUTS[command]
    code = main([*command.split(), str(files[source]), *dated, "--jobs", "1", *extra])
    out, _err = capsys.readouterr()
    return code, out


def test_every_record_command_has_an_input() -> None:
    assert set(INPUTS) == {" ".join(path) for path in commands()}


@pytest.mark.parametrize("command", sorted(INPUTS))
def test_jsonl_lines_are_decision_rows(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], command: str
) -> None:
    code, out = record_command(capsys, files, command, "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows
    for row in rows:
        check("decision-row", row)
    assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))


@pytest.mark.parametrize("command", sorted(INPUTS))
def test_json_documents_are_decision_batches(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], command: str
) -> None:
    code, out = record_command(capsys, files, command, "--format", "json")
    assert code == 0
    document = json.loads(out)
    check("decision-batch", document)
    assert document["schema"] == BATCH_SCHEMA and document["errors"] == []
    assert {r["schema"] for r in document["rows"]} == {ROW_SCHEMA}


def test_a_batch_with_record_errors_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, files: dict[str, Path]
) -> None:
    households = json.loads(files["households"].read_text(encoding="utf-8"))["households"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([households[0], {"household_id": 7}, households[1]]), "utf-8")
    argv = ["identify", "households", str(bad), "--on", "2016-12-31", "--format", "json"]
    assert main([*argv, "--skip-invalid"]) == 1
    document = json.loads(capsys.readouterr().out)
    check("decision-batch", document)
    assert [r["position"] for r in document["rows"]] == [1, 3]
    assert {e["index"] for e in document["errors"]} == {2}


def test_the_adjustment_details_ride_in_details(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    _code, out = record_command(capsys, files, "adjust", "--format", "jsonl")
    row = json.loads(out.splitlines()[0])
    assert {"action", "status_before", "status_after", "history"} <= set(row["details"])
    assert not set(row["details"]) & set(row["decision"])


def test_rules_without_details_have_empty_details(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    _code, out = record_command(capsys, files, "identify households", "--format", "jsonl")
    assert all(json.loads(line)["details"] == {} for line in out.splitlines())


def csv_rows(text: str) -> Iterator[dict[str, str]]:
    assert text.startswith("\ufeff")
    yield from csv.DictReader(io.StringIO(text[1:]))


@pytest.mark.parametrize("command", ["identify households", "adjust", "exit villages"])
def test_csv_header_and_rows_follow_the_decision_table(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], command: str
) -> None:
    code, out = record_command(capsys, files, command, "--format", "csv")
    assert code == 0
    header = next(csv.reader(io.StringIO(out[1:])))
    published = schema_document("decision-table")["$defs"]["header"]["prefixItems"]
    assert header == [column["const"] for column in published]
    rows = list(csv_rows(out))
    assert rows
    for row in rows:
        check("decision-table", row)


def whole_file(capsys: pytest.CaptureFixture[str], *argv: str, ok: tuple[int, ...] = (0,)) -> Any:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code in ok, err
    return json.loads(out)


def test_audit_json_is_an_audit_report(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    path = str(files["county-registry"])
    report = whole_file(capsys, "audit", path, "--on", "2017-12-31", "--format", "json")
    check("audit-report-v1", report)


def test_evaluate_json_is_a_decision_list(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    path = str(files["evaluation"])
    check(
        "decision-list",
        whole_file(capsys, "evaluate", path, "--on", "2018-02-28", "--format", "json"),
    )


def test_assess_and_check_plan_json_are_decisions(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    path = str(files["assessment"])
    check("decision", whole_file(capsys, "assess", path, "--year", "2017", "--format", "json"))
    plan = whole_file(capsys, "check-plan", str(files["plan"]), "--format", "json", ok=(0, 2))
    check("decision", plan)


def test_duties_sample_size_rules_and_params_json(capsys: pytest.CaptureFixture[str]) -> None:
    check("duties", whole_file(capsys, "duties", "--on", "2018-06-30", "--json"))
    margin = ["sample-size", "--expected-rate", "0.02", "--margin", "0.01", "--format", "json"]
    check("sample-size", whole_file(capsys, *margin))
    threshold = ["sample-size", "--expected-rate", "0.01", "--threshold", "0.02"]
    check("sample-size", whole_file(capsys, *threshold, "--population", "5000", "--format", "json"))
    check("catalogue", whole_file(capsys, "rules", "--json"))
    for on, region in (("2015-06-30", []), ("2019-06-30", ["--region", "610902"])):
        check("parameters-in-force", whole_file(capsys, "params", "--on", on, "--json", *region))


def test_lint_json_is_a_lint_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    header = (
        "户编号,行政区划代码,人数,主要致贫原因,人均纯收入,人编号,性别,出生日期,与户主关系,"
        "在校生状况,劳动技能,证件号码"
    )
    head = "H1,522729101,2,缺资金,3000,P1,男,1970-01-01,户主,非在校生,普通劳动力,"
    child = "H1,522729101,2,缺资金,3000,P2,男,2005-02-03,之女,幼儿园,无劳动力,"
    path = tmp_path / "registry.csv"
    path.write_text("\n".join((header, head, child)) + "\n", encoding="utf-8")
    argv = ["lint", str(path), "--on", "2016-01-01", "--format", "json"]
    report = whole_file(capsys, *argv, ok=(1,))
    assert report["findings"]
    check("lint-report", report)


def test_every_published_schema_is_a_valid_2020_12_schema() -> None:
    names = schema_names()
    assert {"decision-row", "decision-batch", "decision-table", "decision-list"} <= set(names)
    ids = set()
    for name in names:
        schema = schema_document(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        jsonschema.Draft202012Validator.check_schema(schema)
        ids.add(schema["$id"])
    assert len(ids) == len(names)


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def test_references_by_id_resolve_and_follow_the_current_decision_schema() -> None:
    registry = schema_registry()
    current = schema_document("decision")["$id"]
    for name in ("decision-row", "decision-batch", "decision-list"):
        for ref in refs(schema_document(name)):
            if ref.startswith("urn:"):
                registry.resolver().lookup(ref)
                if ref.startswith("urn:jingzhun:schema:decision:"):
                    assert ref == current, f"{name} refers to {ref}, not {current}"


@pytest.mark.parametrize("command", ["identify households", "adjust", "exit villages"])
def test_compact_jsonl_has_references_before_use_and_reads_back_equal(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], command: str
) -> None:
    """Issue 11 §5: a compact form that refers to citations and parameter sources by id;
    each references line validates and comes before the first row that needs it."""
    code, full = record_command(capsys, files, command, "--format", "jsonl")
    assert code == 0
    code, out = record_command(capsys, files, command, "--format", "jsonl", "--compact")
    assert code == 0
    references = jz.References()
    decisions = []
    for line in out.splitlines():
        item = json.loads(line)
        if item["schema"] == "urn:jingzhun:schema:references:1":
            check("references", item)
            new = jz.References.from_dict(item)
            assert not set(new.citations) & set(references.citations)
            references.citations.update(new.citations)
            references.parameters.update(new.parameters)
            continue
        check("decision-row", item)
        decisions.append(jz.Decision.from_dict(item["decision"], references=references))
    expected = [jz.Decision.from_dict(json.loads(line)["decision"]) for line in full.splitlines()]
    assert decisions == expected
    assert len(out) < len(full)


def test_compact_json_document_carries_its_references(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out = record_command(
        capsys, files, "identify households", "--format", "json", "--compact"
    )
    assert code == 0
    document = json.loads(out)
    check("decision-batch", document)
    references = jz.References.from_dict(document["references"])
    for row in document["rows"]:
        jz.Decision.from_dict(row["decision"], references=references)  # every id resolves
