"""Load test of ``jingzhun serve`` on loopback (issue 11).

    python benchmarks/bench_serve.py             # 8 s, 8 concurrent clients
    python benchmarks/bench_serve.py --quick     # 2 s smoke run
    python benchmarks/bench_serve.py --batch 20  # 20 households per request

Starts ``jingzhun serve`` as a child process on a free port, then keeps ``--clients``
concurrent keep-alive HTTP/1.1 connections (one asyncio loop, raw sockets: a cheap client,
so that the server is what is measured) posting sample households to
``POST /rules/identification.household`` for ``--seconds``; reports requests/s,
decisions/s and latency percentiles. Every response must be a 200 decision.
Target: ≥ 500 decisions/s with p99 < 100 ms on a 2-core machine (the client shares it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx

from jingzhun.demo.sample import sample_households

PATH = "/rules/identification.household"
DAY = "2016-03-31"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(port: int) -> subprocess.Popen[bytes]:
    """``jingzhun serve`` on ``port``, once ``/health`` answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "jingzhun", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("the server did not start in 30 s")


def bodies(batch: int) -> list[bytes]:
    households = sample_households()
    if batch == 1:
        return [json.dumps({"on": DAY, "record": h}).encode() for h in households]
    return [
        json.dumps({"on": DAY, "records": households[i : i + batch]}).encode()
        for i in range(0, len(households) - batch + 1, batch)
    ]


def request_bytes(path: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("ascii") + body


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, bytes]:
    """One request on a kept-alive connection: the status and the body."""
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:")
    )
    return status, await reader.readexactly(length)


async def _client(port: int, payloads: list[bytes], start: int, until: float) -> list[float]:
    """A keep-alive HTTP/1.1 client on a raw socket (cheap, so the server is what is timed)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    latencies: list[float] = []
    i = start
    try:
        while time.perf_counter() < until:
            t0 = time.perf_counter()
            status, body = await _exchange(reader, writer, payloads[i % len(payloads)])
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                raise RuntimeError(f"{status}: {body[:300]!r}")
            i += 1
    finally:
        writer.close()
    return latencies


async def load(port: int, seconds: float, clients: int, batch: int) -> dict[str, Any]:
    payloads = [request_bytes(PATH, b) for b in bodies(batch)]
    await _client(port, payloads, 0, time.perf_counter() + 0.5)  # warm up
    until = time.perf_counter() + seconds
    runs = await asyncio.gather(*(_client(port, payloads, k * 97, until) for k in range(clients)))
    latencies = sorted(x for run in runs for x in run)
    n = len(latencies)
    return {
        "seconds": seconds,
        "clients": clients,
        "records_per_request": batch,
        "requests": n,
        "requests_per_s": round(n / seconds, 1),
        "decisions_per_s": round(n * batch / seconds, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 2),
        "p99_ms": round(1000 * latencies[min(n - 1, int(n * 0.99))], 2),
        "max_ms": round(1000 * latencies[-1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 2 s smoke run")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--batch", type=int, default=1, help="records per request")
    args = parser.parse_args()
    seconds = 2.0 if args.quick else args.seconds
    port = free_port()
    server = start_server(port)
    try:
        result = asyncio.run(load(port, seconds, args.clients, args.batch))
    finally:
        server.terminate()
        server.wait(10)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
