"""The command lines the README prints run as printed (in a fresh folder, in order)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith(".venv/bin/jingzhun ")]


def test_readme_commands_run_as_printed(tmp_path: Path) -> None:
    commands = readme_commands()
    assert len(commands) >= 5
    for line in commands:
        args = line.split()[1:]
        done = subprocess.run(
            [sys.executable, "-m", "jingzhun", *args],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (line, done.stderr[-2000:])
