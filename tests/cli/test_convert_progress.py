"""``jingzhun convert``: a progress bar on a terminal, none in a pipe (issue 12 scope 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("tqdm", reason="the progress extra (tqdm) is not installed")

from jingzhun.demo.sample import sample_households

CMD = [sys.executable, "-m", "jingzhun", "convert"]


def _run(args: list[str], *, terminal: bool) -> tuple[int, bytes]:
    """Run convert with standard error on a pseudo-terminal (or a pipe); its status, stderr."""
    if not terminal:
        done = subprocess.run([*CMD, *args], capture_output=True, timeout=120, check=False)
        return done.returncode, done.stderr
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen([*CMD, *args], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    proc.communicate(timeout=120)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's other end is closed
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    return proc.returncode, err


def test_convert_shows_a_bar_on_a_terminal_only(tmp_path: Path) -> None:
    source = tmp_path / "households.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in sample_households()]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = _run([str(source), str(tmp_path / "a.parquet")], terminal=True)
    assert code == 0
    assert "转换 converted".encode() in err
    code, err = _run([str(source), str(tmp_path / "b.parquet")], terminal=False)
    assert (code, err) == (0, b"")
    args = [str(source), str(tmp_path / "c.parquet"), "--no-progress"]
    code, err = _run(args, terminal=True)
    assert (code, err) == (0, b"")
