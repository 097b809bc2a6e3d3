"""``jingzhun serve`` on loopback: uvicorn in a thread on a free port, a few concurrent
clients for about a second; it must serve every request without an error. No timing is
asserted here: ``benchmarks/bench_serve.py`` measures requests/s and p99 latency."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("fastapi", reason="the [serve] extra (FastAPI) is not installed")
pytest.importorskip("uvicorn", reason="the [serve] extra (uvicorn) is not installed")

import httpx
import uvicorn

from jingzhun.demo.sample import sample_households
from jingzhun.serve import create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start in 20 s")
        time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(10)


def _client(url: str, bodies: list[bytes], until: float) -> list[int]:
    statuses = []
    with httpx.Client(base_url=url, timeout=10) as http:
        i = 0
        while time.monotonic() < until or i < 5:
            response = http.post("/rules/identification.household", content=bodies[i % 50])
            statuses.append(response.status_code)
            i += 1
    return statuses


def test_it_serves_concurrent_clients_without_errors(base: str) -> None:
    bodies = [json.dumps({"on": "2016-03-31", "record": h}).encode() for h in sample_households()]
    until = time.monotonic() + 1.0
    with ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda k: _client(base, bodies[k * 50 :], until), range(4)))
    statuses = [s for run in runs for s in run]
    assert len(statuses) >= 20 and set(statuses) == {200}
    assert httpx.get(f"{base}/health").json()["status"] == "ok"
    assert httpx.post(f"{base}/rules/identification.household", content=b"{").status_code == 400
