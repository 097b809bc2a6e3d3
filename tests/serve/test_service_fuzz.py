"""Property-based API tests of ``jingzhun serve`` against its own OpenAPI document
(schemathesis: valid and invalid requests generated from the document), and hypothesis-
generated bodies sent to every rule endpoint: never a 5xx; every 4xx carries record errors."""

from __future__ import annotations

import json
import re
import warnings
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the [serve] extra (FastAPI) is not installed")
pytest.importorskip("schemathesis", reason="schemathesis is not installed")

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

with warnings.catch_warnings():  # starlette's notice about httpx2, at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from jingzhun.serve import create_app
from jingzhun.serve.app import served_rules

APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
SCHEMA.config.generation.update(
    modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
    max_examples=15,
    deterministic=True,
)
SCHEMA.config.phases.update(phases=["examples", "fuzzing"])  # the coverage phase: minutes
ERROR_KEYS = {"index", "record_id", "path", "message", "line"}
CLIENT = TestClient(APP)


def _check(status: int, body: Any) -> None:
    assert status < 500, body
    if status >= 400:
        assert set(body) == {"code", "message", "errors"} and body["errors"], body
        assert re.fullmatch(r"JZ-[A-Z0-9-]+", body["code"]), body
        assert all(set(e) == ERROR_KEYS for e in body["errors"]), body


@SCHEMA.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_openapi_no_server_error(case: Any) -> None:
    response = case.call()
    _check(response.status_code, response.json())


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
KEYS = st.sampled_from(["on", "year", "record", "records", "options", "reference", "x"])
BODIES = st.dictionaries(KEYS, JSON, max_size=5) | JSON
PATHS = st.sampled_from([f"/rules/{spec.id}" for spec in served_rules()])


@given(path=PATHS, body=BODIES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_generated_bodies_never_a_server_error(path: str, body: Any) -> None:
    response = CLIENT.post(path, content=json.dumps(body).encode())
    _check(response.status_code, response.json())


@given(raw=st.binary(max_size=64))
@settings(max_examples=60, deadline=None)
def test_generated_bytes_never_a_server_error(raw: bytes) -> None:
    response = CLIENT.post("/rules/identification.household", content=raw)
    _check(response.status_code, response.json())
