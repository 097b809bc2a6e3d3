"""The service's error bodies carry the stable error code of jingzhun.core.errors."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [serve] extra (FastAPI) is not installed")
pytest.importorskip("httpx", reason="httpx (FastAPI's TestClient) is not installed")

with warnings.catch_warnings():  # starlette's notice about httpx2, at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from jingzhun.demo.sample import sample_households
from jingzhun.serve import create_app

HOUSEHOLD = "/rules/identification.household"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app()) as c:
        yield c


def _code(response: Any, status: int) -> str:
    assert response.status_code == status
    body = response.json()
    assert body["message"] and body["errors"]
    code: str = body["code"]
    return code


def test_a_body_that_is_not_json_is_a_bad_request(client: TestClient) -> None:
    assert _code(client.post(HOUSEHOLD, content=b"{"), 400) == "JZ-REQUEST"


def test_records_that_do_not_load_are_bad_input(client: TestClient) -> None:
    raw = dict(sample_households()[0], declared_size="two")
    assert _code(client.post(HOUSEHOLD, json={"on": "2016-03-31", "record": raw}), 422) == (
        "JZ-INPUT"
    )


def test_an_envelope_error_makes_it_a_bad_request(client: TestClient) -> None:
    raw = dict(sample_households()[0], declared_size="two")
    body = {"on": "2016-02-30", "record": raw}
    assert _code(client.post(HOUSEHOLD, json=body), 422) == "JZ-REQUEST"


def test_a_rule_that_cannot_decide_gives_the_library_code(client: TestClient) -> None:
    body = {"on": "1990-01-01", "record": sample_households()[0]}
    response = client.post("/rules/consistency.household", json=body)
    assert _code(response, 422) == "JZ-NO-VALUE-IN-FORCE"


def test_lookups_give_their_own_code(client: TestClient) -> None:
    assert _code(client.get("/schemas/nope"), 404) == "JZ-UNKNOWN-SCHEMA"
    assert _code(client.get("/parameters?on=2016-12-31&region=99"), 422) == "JZ-UNKNOWN-REGION"
