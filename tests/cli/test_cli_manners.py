"""CLI manners: ``-`` reads standard input; a progress bar on a terminal, never in a pipe."""

from __future__ import annotations

import io
import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jingzhun.core.errors import InputError
from jingzhun.demo.sample import generate_households
from jingzhun.engine.stdin import detect_jsonl, read_stdin, stdin_items
from jingzhun.io.kinds import record_kind
from jingzhun.io.tables import display_width, pad
from jingzhun.rules import rule

ON = "2017-06-30"
CMD = [sys.executable, "-m", "jingzhun", "identify", "households"]


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    folder = tmp_path_factory.mktemp("sample")
    subprocess.run(
        [sys.executable, "-m", "jingzhun", "sample", "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    data = json.loads((folder / "households.json").read_text(encoding="utf-8"))
    rows: list[dict[str, object]] = data["households"] if isinstance(data, dict) else data
    return rows[:60]


def _pipe(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CMD, *args], input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=60
    )


def _as_file(tmp_path: Path, rows: list[dict[str, object]]) -> str:
    path = tmp_path / "households.json"
    path.write_text(json.dumps({"households": rows}, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [*CMD, str(path), "--on", ON, "--format", "jsonl"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize(
    ("shape", "extra"),
    [
        ("array", []),
        ("wrapper", []),
        ("lines", []),
        ("lines", ["--jobs", "2"]),
        ("lines", ["--input-format", "jsonl"]),
        ("wrapper", ["--input-format", "json"]),
    ],
)
def test_stdin_gives_what_the_file_gives(
    tmp_path: Path, records: list[dict[str, object]], shape: str, extra: list[str]
) -> None:
    text = {
        "array": json.dumps(records, ensure_ascii=False, indent=1),
        "wrapper": json.dumps({"households": records}, ensure_ascii=False, indent=1),
        "lines": "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
    }[shape]
    out = _pipe(["-", "--on", ON, "--format", "jsonl", *extra], text)
    assert out.returncode == 0, out.stderr
    assert out.stdout == _as_file(tmp_path, records)
    assert out.stderr == ""  # a pipe: no progress bar


def test_stdin_errors_name_stdin_and_the_line(records: list[dict[str, object]]) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records[:3]]
    lines[1] = "{not json"
    out = _pipe(["-", "--on", ON, "--input-format", "jsonl"], "\n".join(lines))
    assert out.returncode == 2
    assert "line 2" in out.stderr
    assert "Traceback" not in out.stderr
    bad = _pipe(["-", "--on", ON], '{"households": [')
    assert bad.returncode == 2
    assert "<stdin>" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_stdin_is_bounded_and_utf8() -> None:
    assert read_stdin(io.BytesIO(b"\xef\xbb\xbf[]"), limit=10) == "[]"
    with pytest.raises(InputError, match="too large"):
        read_stdin(io.BytesIO(b"x" * 11), limit=10)
    with pytest.raises(InputError, match="not UTF-8"):
        read_stdin(io.BytesIO(b"[\n\xff]"))


def test_format_detection() -> None:
    assert not detect_jsonl('  [{"household_id": "a"}]', "households")
    assert not detect_jsonl('{"households": []}', "households")
    assert not detect_jsonl('{\n "households": []\n}', "households")
    assert detect_jsonl('{"household_id": "a"}\n{"household_id": "b"}', "households")
    assert detect_jsonl("", "households")
    kind = record_kind(rule("identification.household").subject)
    items, errors, _ = stdin_items('{"a": 1}\n\n{"a": 2}\n', kind)
    assert [(i, n) for i, n, _raw, _text in items] == [(1, 1), (2, 3)]
    assert errors == []


def _under_pty(args: list[str], stdin: str) -> tuple[int, bytes, bytes]:
    """Run with standard error on a pseudo-terminal, standard output on a pipe."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*CMD, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(slave)
    out, _ = proc.communicate(stdin.encode("utf-8"), timeout=60)
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
    return proc.returncode, out, err


def test_progress_bar_on_a_terminal_only(records: list[dict[str, object]]) -> None:
    pytest.importorskip("tqdm", reason="the progress extra (tqdm) is not installed")
    text = json.dumps(records, ensure_ascii=False)
    code, out, err = _under_pty(["-", "--on", ON, "--format", "jsonl"], text)
    assert code == 0
    assert b"decided" in err
    assert b"records" in err
    assert b"decided" not in out
    assert len(out.decode("utf-8").splitlines()) == len(records)  # stdout untouched
    code, _out, err = _under_pty(["-", "--on", ON, "--no-progress"], text)
    assert code == 0
    assert err == b""


_CJK = re.compile(r"[\u3400-\u9fff]")


def test_lang_en_is_english_and_zh_is_chinese(records: list[dict[str, object]]) -> None:
    text = json.dumps(records, ensure_ascii=False)
    english = _pipe(["-", "--on", ON, "--lang", "en"], text)
    assert english.returncode == 0, english.stderr
    lines = english.stdout.splitlines()
    assert lines[0].split() == ["#", "subject", "outcome", "reasons"]
    assert lines[-1].startswith("total: 60  met: ")
    assert not [line for line in lines if _CJK.search(re.sub(r"\([^)]*\)", "", line))]
    chinese = _pipe(["-", "--on", ON, "--lang", "zh"], text)
    lines = chinese.stdout.splitlines()
    assert lines[0].split() == ["#", "编号", "结论", "理由"]
    assert lines[-1].startswith("合计: 60  符合: ")
    assert not re.search(r"[A-Za-z]{4,}", re.sub(r"\d{6}V\d+", "", "".join(lines[1:-1])))


def test_table_columns_align_by_display_width(records: list[dict[str, object]]) -> None:
    out = _pipe(["-", "--on", ON], json.dumps(records, ensure_ascii=False))
    lines = out.stdout.splitlines()
    header, rows = lines[0], lines[1:-2]
    column = display_width(header[: header.index("理由")])
    assert {display_width(r.split()[2]) for r in rows} >= {4, 6}  # 符合, 不符合
    for row in rows:
        label_end = row.index(row.split()[2]) + len(row.split()[2])
        reasons = len(row) - len(row[label_end:].lstrip())
        assert display_width(row[:reasons]) == column, row


def test_display_width_and_pad() -> None:
    assert display_width("符合 met") == 8
    assert pad("符合", 6) == "符合  "
    assert pad("abc", 2) == "abc"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and terminals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_with_the_progress_bar_shown(tmp_path: Path, jobs: str) -> None:
    """The bar is removed and the run ends as without it: status 130, one line, no output."""
    pytest.importorskip("tqdm", reason="the progress extra (tqdm) is not installed")
    pty = pytest.importorskip("pty")
    path = tmp_path / "households.jsonl"
    base = list(generate_households(2_000))
    with path.open("w", encoding="utf-8") as f:
        for copy in range(15):
            for h in base:
                f.write(json.dumps({**h, "household_id": f"{h['household_id']}c{copy}"}) + "\n")
    master, slave = pty.openpty()
    argv = [str(path), "--on", ON, "--format", "jsonl", "--jobs", jobs]
    proc = subprocess.Popen([*CMD, *argv], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    err = b""
    deadline = time.monotonic() + 30
    while b"records/s]" not in err and time.monotonic() < deadline:  # a rate: records decided
        if select.select([master], [], [], 0.1)[0]:
            err += os.read(master, 65536)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=10)
    while select.select([master], [], [], 0.2)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    assert proc.returncode == 130
    assert out == b""
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert text.rstrip().endswith("jingzhun: 已中断 / interrupted")
    last = text.rstrip().split("\r")[-1].split("\n")[-1]
    assert last == "jingzhun: 已中断 / interrupted"  # the bar was cleared first
