"""Issue 8, class 8: an ``--overlay`` file is read as input files are — bounded.

A folder, a pipe (FIFO), a device (``/dev/zero``) or a file over ``OVERLAY_LIMIT`` bytes
is refused before it is read (no hang, no memory exhausted): exit 2, one readable line on
standard error, no traceback. Pipes and devices run in a subprocess with a timeout, so a
regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jingzhun import cli
from jingzhun.engine.overlays import OVERLAY_LIMIT

HOUSEHOLD = {
    "household_id": "H1",
    "county_code": "522701",
    "declared_size": 1,
    "income_year": 2015,
    "income": {"wages": "2000"},
}


def _argvs(tmp_path: Path, overlay: str) -> list[list[str]]:
    """A record command and ``params``, each with ``--overlay overlay``."""
    records = tmp_path / "h.json"
    records.write_text(json.dumps([HOUSEHOLD]), encoding="utf-8")
    return [
        ["identify", "households", str(records), "--on", "2016-12-31", "--overlay", overlay],
        ["params", "--on", "2016-12-31", "--overlay", overlay],
    ]


def _one_line(err: str) -> str:
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("jingzhun: "), err
    return lines[0]


def test_overlay_that_is_a_folder_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Pins: a folder given as ``--overlay`` is refused naming it: exit 2, one line."""
    folder = tmp_path / "overlay.toml"
    folder.mkdir()
    for argv in _argvs(tmp_path, str(folder)):
        assert cli.main(argv) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "is a directory" in _one_line(captured.err)


def test_overlay_over_the_limit_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Pins: an overlay file over ``OVERLAY_LIMIT`` bytes is refused (read no further than
    the limit): exit 2, one line naming the file; a file at the limit is read."""
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (OVERLAY_LIMIT + 1))
    for argv in _argvs(tmp_path, str(big)):
        assert cli.main(argv) == 2
        line = _one_line(capsys.readouterr().err)
        assert "too large" in line and str(big) in line
    big.write_bytes(b"#" * OVERLAY_LIMIT)  # at the limit: read, then refused as TOML
    assert cli.main(_argvs(tmp_path, str(big))[1]) == 2  # that is no overlay (no schema)
    err = capsys.readouterr().err
    assert "too large" not in err and "invalid parameter file" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_overlay_that_is_a_fifo_or_device_is_exit_2(tmp_path: Path) -> None:
    """Pins: a FIFO (nobody writes to it) or ``/dev/zero`` as ``--overlay`` is refused
    before it is read: exit 2 at once, one line, no traceback (not a hang)."""
    fifo = tmp_path / "overlay.fifo"
    os.mkfifo(fifo)
    sources = [str(fifo)] + (["/dev/zero"] if Path("/dev/zero").exists() else [])
    for source in sources:
        for argv in _argvs(tmp_path, source):
            proc = subprocess.run(
                [sys.executable, "-m", "jingzhun", *argv],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert proc.returncode == 2, proc.stderr
            assert "not a regular file" in _one_line(proc.stderr)
            assert proc.stdout == ""
