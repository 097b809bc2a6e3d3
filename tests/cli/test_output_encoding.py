"""Issue 8, class 13: output never fails on text UTF-8 cannot encode (a lone surrogate).

The loaders refuse lone surrogates in records, so none should reach a decision; should one
reach the output all the same (a rule's text, a file name), it is written as its backslash
escape — in JSON output the JSON escape of the same string — never a crash.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jingzhun import cli
from jingzhun.engine.batch import Row
from jingzhun.engine.output import atomic_file

LONE = "\ud800"
HOUSEHOLD = {
    "household_id": "H1",
    "county_code": "522701",
    "declared_size": 1,
    "income_year": 2015,
    "income": {"wages": "2000"},
}


def test_atomic_file_escapes_a_lone_surrogate(tmp_path: Path) -> None:
    """Pins: a file written through ``atomic_file`` holds ``\\ud800`` for a lone surrogate."""
    out = tmp_path / "out.json"
    with atomic_file(out) as handle:
        handle.write(json.dumps({"id": f"a{LONE}b"}, ensure_ascii=False))
    assert out.read_bytes() == b'{"id": "a\\ud800b"}'
    assert json.loads(out.read_text(encoding="utf-8")) == {"id": f"a{LONE}b"}


@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "out"])
def test_record_command_output_escapes_a_lone_surrogate(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    to_file: bool,
) -> None:
    """Pins: a decision text holding a lone surrogate is written escaped (exit 0), to
    standard output and to ``--out``; the JSON reads back to the same string."""
    row = {"position": 1, "decision": {"subject": f"H{LONE}"}, "details": {}}
    text = json.dumps(row, ensure_ascii=False)

    def fake_run(*args: Any, **kwargs: Any) -> Iterator[Row]:
        yield Row(index=1, line=None, record_id="H1", errors=(), outcome="met", text=text)

    monkeypatch.setattr(cli, "run", fake_run)
    records = tmp_path / "h.json"
    records.write_text(json.dumps([HOUSEHOLD]), encoding="utf-8")
    out = tmp_path / "out.json"
    argv = ["identify", "households", str(records), "--on", "2016-12-31", "--format", "json"]
    code = cli.main([*argv, "--out", str(out)] if to_file else argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    written = out.read_text(encoding="utf-8") if to_file else captured.out
    assert "\\ud800" in written and LONE not in written
    assert json.loads(written)["rows"][0]["decision"]["subject"] == f"H{LONE}"
