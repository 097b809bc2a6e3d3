"""Issue 8, class 7: the batch's worker processes — same rows as in-process, never left over."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from jingzhun.demo.sample import generate_households
from jingzhun.engine import batch
from jingzhun.engine.batch import (
    CHUNK,
    SMALL_FILE_CHUNKS,
    Item,
    Job,
    default_jobs,
    read_items,
    run,
)
from jingzhun.io.kinds import record_kind


@pytest.fixture(scope="module")
def households(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "h.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for h in generate_households(CHUNK * 5 + 7):
            f.write(json.dumps(h) + "\n")
    return path


def _items(path: Path) -> Iterator[Item]:
    job = _job()
    items, errors, _ = read_items(path, record_kind(job.spec.subject))
    assert errors == []
    return items


def _job() -> Job:
    return Job(rule="identification.household", on="2016-12-31", fmt="jsonl")


def test_ctrl_c_workers_give_the_in_process_rows_in_order(households: Path) -> None:
    one = [(r.index, r.text) for r in run(_job(), _items(households), jobs=1)]
    three = [(r.index, r.text) for r in run(_job(), _items(households), jobs=3)]
    assert one == three
    assert [i for i, _ in one] == list(range(1, CHUNK * 5 + 8))
    assert multiprocessing.active_children() == []


def test_ctrl_c_workers_terminated_when_the_caller_stops(households: Path) -> None:
    rows = run(_job(), _items(households), jobs=2)
    next(rows)
    assert len(multiprocessing.active_children()) == 2
    rows.close()  # what an exception (KeyboardInterrupt) in the consumer does
    assert multiprocessing.active_children() == []


def test_ctrl_c_worker_error_reaches_the_parent(
    households: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(job: Job, items: list[Item]) -> list[batch.Row]:
        raise MemoryError

    monkeypatch.setattr(batch, "process_chunk", broken)  # inherited by the forked workers
    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched function reaches workers only when forked")
    with pytest.raises(MemoryError):
        list(run(_job(), _items(households), jobs=2))
    assert multiprocessing.active_children() == []


def test_jobs_default_is_in_process_on_two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    for cpus, expected in [(1, 1), (2, 1), (3, 3), (4, 4), (32, 8)]:
        monkeypatch.setattr(batch, "available_cpus", lambda n=cpus: n)
        assert default_jobs() == expected


def test_jobs_default_decides_a_small_file_in_process(households: Path) -> None:
    """The sample-county size (up to SMALL_FILE_CHUNKS chunks) starts no worker."""
    assert CHUNK * 5 + 7 <= CHUNK * SMALL_FILE_CHUNKS
    rows = run(_job(), _items(households), jobs=2, small_in_process=True)
    next(rows)
    assert multiprocessing.active_children() == []
    assert len(list(rows)) == CHUNK * 5 + 7 - 1


def test_jobs_default_uses_workers_for_a_larger_file(households: Path) -> None:
    items = iter(list(_items(households)) * 2)  # 11 chunks, ids repeated (flagged, still rows)
    rows = run(_job(), items, jobs=2, small_in_process=True)
    next(rows)
    assert len(multiprocessing.active_children()) == 2
    assert sum(1 for _ in rows) == 2 * (CHUNK * 5 + 7) - 1
    assert multiprocessing.active_children() == []


def test_ctrl_c_a_killed_worker_is_a_worker_error(households: Path) -> None:
    """A worker that dies (e.g. killed by the kernel for memory) is a one-line error."""
    rows = run(_job(), _items(households), jobs=2)
    next(rows)
    victim = multiprocessing.active_children()[0].pid
    assert victim is not None and victim > 0
    os.kill(victim, signal.SIGKILL)
    with pytest.raises(batch.WorkerError, match="exited unexpectedly"):
        list(rows)
    assert multiprocessing.active_children() == []
