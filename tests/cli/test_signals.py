"""Issue 8, class 7: Ctrl-C and SIGTERM end a running batch cleanly.

Exit 130 (SIGINT) or 143 (SIGTERM) within seconds, one line on standard error and no
traceback, no worker process left, and no partial ``--out`` file. Each worker count is
interrupted several times (a bounded number) to catch the hangs of the old pool.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from jingzhun.demo.sample import generate_households

HOUSEHOLDS = 50_000
RUNS = 5
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~50,000 households as JSON Lines: 5,000 generated ones, repeated with new ids."""
    path = tmp_path_factory.mktemp("big") / "households.jsonl"
    base = list(generate_households(HOUSEHOLDS // 10))
    with path.open("w", encoding="utf-8") as f:
        for copy in range(10):
            for h in base:
                f.write(json.dumps({**h, "household_id": f"{h['household_id']}c{copy}"}) + "\n")
    return path


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (psutil if present, else ``/proc/*/stat``)."""
    try:
        import psutil  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        kids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                kids.add(int(stat.parent.name))
        return kids
    try:
        return {p.pid for p in psutil.Process(pid).children()}
    except psutil.NoSuchProcess:
        return set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _started(proc: subprocess.Popen[Any], out: Path, jobs: int) -> set[int]:
    """Wait until the batch runs (its temporary output file exists, its workers too), then
    ~1 s in all; the worker pids. Waiting for the run, not a fixed time, keeps the signal
    out of Python's start-up (imports), which a slow machine could stretch past 1 s."""
    start = time.monotonic()
    while time.monotonic() - start < 20:
        kids = _children(proc.pid)
        running = any(out.parent.glob(f".{out.name}.*.part")) and len(kids) == (jobs > 1) * jobs
        if running or proc.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(max(0.2, 1.0 - (time.monotonic() - start)))
    return _children(proc.pid)


def _interrupt(big: Path, out: Path, jobs: int, sig: signal.Signals) -> tuple[int, str, float]:
    """Start a batch, send ``sig`` after ~1 s; its exit status, stderr and time to exit."""
    argv = ["identify", "households", str(big), "--on", "2016-12-31", "--format", "jsonl"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "jingzhun", *argv, "--jobs", str(jobs), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    kids = _started(proc, out, jobs)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    assert len(kids) == (jobs if jobs > 1 else 0), kids
    proc.send_signal(sig)
    start = time.monotonic()
    try:
        _, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"hung after {sig.name} with --jobs {jobs}")
    elapsed = time.monotonic() - start
    leftover = {k for k in kids if _alive(k)}
    for k in leftover:
        os.kill(k, signal.SIGKILL)
    assert not leftover, f"worker processes left behind: {leftover}"
    return proc.returncode, err, elapsed


@pytest.mark.parametrize("run", range(RUNS))
@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_exits_130_without_traceback(
    big_file: Path, tmp_path: Path, jobs: int, run: int
) -> None:
    out = tmp_path / "out.jsonl"
    code, err, elapsed = _interrupt(big_file, out, jobs, signal.SIGINT)
    assert code == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines() == ["jingzhun: 已中断 / interrupted"]
    assert elapsed < 5
    assert list(tmp_path.iterdir()) == []  # neither OUT nor its temporary file


def test_sigterm_exits_143_without_traceback(big_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    code, err, _ = _interrupt(big_file, out, 2, signal.SIGTERM)
    assert code == 143, err
    assert err.strip().splitlines() == ["jingzhun: 已终止 / terminated"]
    assert out.read_text(encoding="utf-8") == "previous\n"  # replaced only on success
    assert list(tmp_path.iterdir()) == [out]


def test_ctrl_c_workers_outlive_no_killed_parent(big_file: Path, tmp_path: Path) -> None:
    """Even SIGKILL of the command (no clean-up possible) leaves no worker for long."""
    argv = ["identify", "households", str(big_file), "--on", "2016-12-31", "--format", "jsonl"]
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "jingzhun", *argv, "--jobs", "2", "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    kids = _started(proc, out, 2)
    assert len(kids) == 2, kids
    proc.kill()
    proc.wait(timeout=5)
    deadline = time.monotonic() + 5
    while any(_alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.1)
    leftover = {k for k in kids if _alive(k)}
    for k in leftover:
        os.kill(k, signal.SIGKILL)
    assert not leftover, f"worker processes left behind: {leftover}"
