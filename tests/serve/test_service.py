"""``jingzhun serve`` in-process (FastAPI's TestClient): every endpoint, decisions equal to the
library's, every bad request a 4xx with the loaders' record errors, never a 5xx."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [serve] extra (FastAPI) is not installed")
pytest.importorskip("httpx", reason="httpx (FastAPI's TestClient) is not installed")

import jsonschema

with warnings.catch_warnings():  # starlette's notice about httpx2, at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import jingzhun as jz
from jingzhun.cli import main
from jingzhun.core.resources import load_json
from jingzhun.demo.sample import sample_households, sample_villages
from jingzhun.io.converters import household_from_dict
from jingzhun.serve import create_app
from jingzhun.serve.app import served_rules
from jingzhun.serve.payloads import schema_names

DAY = "2016-03-31"
ERROR_KEYS = {"index", "record_id", "path", "message", "line"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


def _errors(response: Any) -> list[dict[str, Any]]:
    body = response.json()
    assert set(body) == {"code", "message", "errors"} and body["errors"], body
    assert re.fullmatch(r"JZ-[A-Z0-9-]+", body["code"]), body
    for error in body["errors"]:
        assert set(error) == ERROR_KEYS
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def _validate_decision(decision: Any) -> None:
    schema = load_json("schemas", "decision.schema.json")
    jsonschema.validate(decision, schema)


def test_health(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {"status": "ok", "version": jz.__version__, "rules": len(served_rules())}


def test_rules_is_the_cli_catalogue(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--json"]) == 0
    assert client.get("/rules").json() == json.loads(capsys.readouterr().out)


def test_parameters_are_the_cli_parameters(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["params", "--on", "2018-06-30", "--region", "52", "--json"]) == 0
    served = client.get("/parameters", params={"on": "2018-06-30", "region": "52"}).json()
    assert served == json.loads(capsys.readouterr().out)
    by_province = client.get("/parameters", params={"on": "2018-06-30", "province": "贵州"})
    assert by_province.json() == served


def test_schemas(client: TestClient) -> None:
    assert client.get("/schemas").json() == {"schemas": schema_names()}
    for name in ("household", "household.schema.json"):
        assert client.get(f"/schemas/{name}").json() == load_json(
            "schemas", "household.schema.json"
        )
    missing = client.get("/schemas/..%2Fdata%2Fclauses")
    assert missing.status_code == 404
    _errors(missing)


def test_openapi_names_the_record_schemas_and_every_ref_resolves(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    components = document["components"]["schemas"]
    for spec in served_rules():
        operation = document["paths"][f"/rules/{spec.id}"]["post"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        request = components[ref.rsplit("/", 1)[1]]
        assert request["properties"]["record"]["$ref"].endswith("Record")
    text = json.dumps(document)
    for ref in {json.loads(m) for m in _refs(text)}:
        assert ref.startswith("#/components/schemas/"), ref
        assert ref.rsplit("/", 1)[1] in components, ref
    assert components["HouseholdRecord_member"]["type"] == "object"


def _refs(text: str) -> list[str]:
    return re.findall(r'"\$ref": ("[^"]*")', text)


def test_a_household_decision_is_the_library_decision(client: TestClient) -> None:
    raw = sample_households()[0]
    response = client.post("/rules/identification.household", json={"on": DAY, "record": raw})
    assert response.status_code == 200, response.text
    expected = jz.identify_household(household_from_dict(raw), on=DAY)
    assert response.json() == json.loads(expected.to_json())
    _validate_decision(response.json())


def test_records_are_decided_in_order(client: TestClient) -> None:
    raws = sample_households()[:25]
    response = client.post("/rules/identification.household", json={"on": DAY, "records": raws})
    assert response.status_code == 200, response.text
    decisions = response.json()["decisions"]
    assert [d["subject"] for d in decisions] == [r["household_id"] for r in raws]
    one = client.post("/rules/identification.household", json={"on": DAY, "record": raws[3]})
    assert decisions[3] == one.json()


def test_villages_with_the_top_level_reference(client: TestClient) -> None:
    sample = sample_villages()
    body = {"on": DAY, "records": sample["villages"], "reference": sample["reference"]}
    response = client.post("/rules/identification.village", json=body)
    assert response.status_code == 200, response.text
    for decision in response.json()["decisions"]:
        _validate_decision(decision)
    without = client.post(
        "/rules/identification.village", json={"on": DAY, "record": sample["villages"][0]}
    )
    assert without.status_code == 422
    assert _errors(without)[0]["path"] == "/reference"


def test_a_rule_dated_by_year_takes_the_year(client: TestClient) -> None:
    from jingzhun.demo.sample import sample_registry

    raw = sample_registry([])[0]
    ok = client.post("/rules/dynamic.adjustment", json={"year": 2017, "record": raw})
    assert ok.status_code == 200, ok.text
    assert ok.json()["on"] == "2017-12-31"
    bad = client.post("/rules/dynamic.adjustment", json={"on": DAY, "record": raw})
    assert bad.status_code == 422
    assert {e["path"] for e in _errors(bad)} == {"/on", "/year"}


def test_options(client: TestClient) -> None:
    raw = sample_households()[0]
    path = "/rules/consistency.household"
    ok = client.post(path, json={"on": DAY, "record": raw, "options": {"require_card": True}})
    assert ok.status_code == 200, ok.text
    bad = client.post(path, json={"on": DAY, "record": raw, "options": {"require_card": 1}})
    assert [e["path"] for e in _errors(bad)] == ["/options/require_card"]


HOUSEHOLD = "/rules/identification.household"


@pytest.mark.parametrize(
    ("body", "status", "path"),
    [
        (b"{", 400, "/"),
        (b"\xff\xfe", 400, "/"),
        (b"[]", 422, "/"),
        (b'{"on": "2016-03-31", "on": "2016-04-01", "record": {}}', 422, "/on"),
        (b'{"on": NaN, "record": {}}', 400, "/"),
        (b'{"on": "2016-02-30", "record": {}}', 422, "/on"),
        (b'{"on": 20160331, "record": {}}', 422, "/on"),
        (b'{"on": "2016-03-31"}', 422, "/"),
        (b'{"on": "2016-03-31", "record": {}, "records": []}', 422, "/"),
        (b'{"on": "2016-03-31", "records": {}}', 422, "/records"),
        (b'{"on": "2016-03-31", "record": {}, "extra": 1}', 422, "/extra"),
        (b'{"on": "2016-03-31", "record": {}, "options": []}', 422, "/options"),
        (b'{"on": "2016-03-31", "record": "h1"}', 422, "/"),
    ],
)
def test_bad_requests_are_4xx_with_record_errors(
    client: TestClient, body: bytes, status: int, path: str
) -> None:
    response = client.post(HOUSEHOLD, content=body)
    assert response.status_code == status, response.text
    assert path in {e["path"] for e in _errors(response)}


def test_wrong_types_in_a_record_name_the_field(client: TestClient) -> None:
    raw = dict(sample_households()[0], declared_size="two")
    response = client.post(HOUSEHOLD, json={"on": DAY, "record": raw})
    assert response.status_code == 422
    [error] = _errors(response)
    assert error["index"] == 1 and error["record_id"] == raw["household_id"]
    assert error["path"] == "/declared_size"


def test_duplicate_ids_in_records(client: TestClient) -> None:
    raw = sample_households()[0]
    response = client.post(HOUSEHOLD, json={"on": DAY, "records": [raw, raw]})
    assert response.status_code == 422
    assert [(e["index"], e["path"]) for e in _errors(response)] == [(2, "/household_id")]


def test_personal_data_is_masked_in_errors(client: TestClient) -> None:
    raw = sample_households()[0]
    member = dict(raw["members"][0], id_number="11010119900307999X", name=["张三"])
    bad = dict(raw, members=[member, *raw["members"][1:]])
    response = client.post(HOUSEHOLD, json={"on": DAY, "record": bad})
    assert response.status_code == 422
    assert "张三" not in response.text and "11010119900307999X" not in response.text


def test_too_large_is_413(client: TestClient) -> None:
    response = client.post(HOUSEHOLD, content=b" " * (2**20 + 1))
    assert response.status_code == 413
    _errors(response)
    small = TestClient(create_app(max_body=100))
    assert small.post(HOUSEHOLD, content=b" " * 101).status_code == 413


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("POST", "/rules/no.such.rule", 404),
        ("POST", "/rules/identification.county", 404),  # a rule without a record kind
        ("GET", HOUSEHOLD, 405),
        ("GET", "/parameters", 422),
        ("GET", "/parameters?on=2018-02-30", 422),
        ("GET", "/parameters?on=2018-01-01&region=99", 422),
        ("GET", "/parameters?on=2018-01-01&province=Atlantis", 422),
    ],
)
def test_bad_paths_and_queries(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path)
    assert response.status_code == status, response.text
    _errors(response)


def test_the_cli_command_without_the_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(__import__("sys").modules, "uvicorn", None)
    assert main(["serve", "--port", "8123"]) == 2
    assert "pip install 'jingzhun[serve]'" in capsys.readouterr().err


def test_the_cli_command_refuses_a_bad_port(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "port" in capsys.readouterr().err
