"""Issue 8, class 8: a result that cannot be written is exit 2 with one readable line.

``--out`` is written to a temporary file beside it and renamed into place on success, so a
failed run leaves no partial file and an existing file is replaced only on success.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jingzhun import cli
from jingzhun.cli import main

HOUSEHOLD = {
    "household_id": "H1",
    "county_code": "522701",
    "declared_size": 1,
    "income_year": 2015,
    "income": {"wages": "2000"},
}
CANNOT_WRITE = "jingzhun: [JZ-OUTPUT] 无法写入 / cannot write "


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "h.json"
    path.write_text(json.dumps([HOUSEHOLD, {**HOUSEHOLD, "household_id": "H2"}]))
    return path


def _identify(records: Path, *extra: str) -> int:
    return main(["identify", "households", str(records), "--on", "2016-12-31", *extra])


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("missing/out.jsonl", "no such folder"),
        ("a-file/out.jsonl", "is not a directory"),
        ("a-folder", "is a directory"),
    ],
)
def test_write_errors_out_unusable_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records: Path, where: str, reason: str
) -> None:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder").mkdir()
    assert _identify(records, "--jobs", "1", "--out", str(tmp_path / where)) == 2
    line = _one_line(capsys.readouterr().err)
    assert line.startswith(CANNOT_WRITE + str(tmp_path / where)) and line.endswith(reason)


def test_write_errors_out_not_a_regular_file_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _identify(records, "--jobs", "1", "--out", str(fifo)) == 2
    assert _one_line(capsys.readouterr().err).endswith("not a regular file")
    assert fifo.exists() and not fifo.is_file()  # never renamed over


def test_write_errors_out_unwritable_folder_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records: Path
) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: a read-only folder is still writable")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert _identify(records, "--jobs", "1", "--out", str(folder / "o.jsonl")) == 2
    finally:
        folder.chmod(0o755)
    assert _one_line(capsys.readouterr().err).startswith(CANNOT_WRITE)
    assert list(folder.iterdir()) == []


def test_write_errors_out_replaced_only_on_success(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records: Path
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    out.chmod(0o640)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{**HOUSEHOLD, "declared_size": "one"}]))
    assert _identify(bad, "--format", "jsonl", "--jobs", "1", "--out", str(out)) == 2
    assert out.read_text() == "previous\n"
    assert _identify(records, "--format", "jsonl", "--jobs", "1", "--out", str(out)) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["decision"]["subject"] for r in rows] == ["H1", "H2"]
    assert out.stat().st_mode & 0o777 == 0o640  # the existing file's permissions are kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "h.json", "out.jsonl"]
    assert capsys.readouterr().out == ""  # everything went to the file


def test_write_errors_out_holds_what_stdout_would(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, records: Path
) -> None:
    for fmt in ("table", "json", "jsonl"):
        assert _identify(records, "--format", fmt, "--jobs", "1") == 0
        shown = capsys.readouterr().out
        assert _identify(records, "--format", fmt, "--out", str(tmp_path / fmt)) == 0
        assert (tmp_path / fmt).read_text(encoding="utf-8") == shown


def _dev_full() -> Path:
    full = Path("/dev/full")
    if not full.exists():
        print("skipped: /dev/full does not exist on this system")
        pytest.skip("no /dev/full")
    return full


@pytest.mark.parametrize(
    "argv",
    [
        ["identify", "households", "{records}", "--on", "2016-12-31", "--jobs", "1"],
        ["rules", "--json"],
        ["params", "--on", "2017-01-01"],
    ],
)
def test_write_errors_stdout_full_is_exit_2(records: Path, argv: list[str]) -> None:
    with _dev_full().open("w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "jingzhun", *(a.format(records=records) for a in argv)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert proc.returncode == 2, proc.stderr
    line = _one_line(proc.stderr)
    assert line == CANNOT_WRITE + "标准输出 standard output: No space left on device"


def test_write_errors_broken_pipe_is_quiet(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "jingzhun", "rules", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)  # like `| head -c 100`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""


@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (MemoryError(), "jingzhun: 内存不足 / out of memory"),
        (
            OSError(errno.EIO, "Input/output error", "h.json"),
            "jingzhun: h.json: Input/output error",
        ),
    ],
)
def test_write_errors_memory_and_os_errors_are_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    records: Path,
    exc: BaseException,
    message: str,
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr(cli, "read_input", boom)
    assert _identify(records) == 2
    assert _one_line(capsys.readouterr().err) == message
