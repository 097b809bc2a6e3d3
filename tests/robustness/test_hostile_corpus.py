"""Hostile input through every loader, every rule and every record command (issue 8).

As python-stdnum runs junk through every module, every record kind of
:data:`jingzhun.io.kinds.KINDS` is fed the corpus of :mod:`hostile` — a new rule or family
inherits the guarantee by declaring its subject. Asserted: no exception other than the
documented ones (:class:`~jingzhun.JingzhunError` from loaders; rules never raise on a
converted record), every record accounted for (decided + named in errors = input count), no
planted name or ID number in any output, exit codes 0/1/2 as documented.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jingzhun import JingzhunError, cli
from jingzhun.io.kinds import KINDS, RecordKind, record_kind
from jingzhun.io.loaders import (
    load_county_cases_text,
    load_households_text,
    load_plan_cases_text,
    load_registry_text,
    load_villages_text,
)
from jingzhun.io.records import LoadResult, iter_records
from jingzhun.rules import catalogue, commands
from robustness import hostile

ON = "2017-06-30"

LOADERS: dict[str, Callable[..., LoadResult[Any]]] = {
    "Household": load_households_text,
    "RegistryEntry": load_registry_text,
    "VillageCase": load_villages_text,
    "Village": load_villages_text,
    "CountyExitCase": load_county_cases_text,
    "PlanCase": load_plan_cases_text,
}


def corpus(kind: RecordKind, sample: int | None = None) -> list[Any]:
    return list(hostile.records(kind, sample=sample))


def no_personal_data(text: str, *, stray: bool = False) -> None:
    """Fail (with a short excerpt, never a diff of the whole output) if planted data shows;
    ``stray`` also checks the ID- and name-shaped junk put into other fields."""
    planted = [(hostile.PLANTED_ID, "a full ID number"), (hostile.PLANTED_NAME, "a name")]
    if stray:
        planted += [(hostile.STRAY_ID, "an ID-shaped value"), (hostile.STRAY_NAME, "a name")]
    for value, what in planted:
        at = text.find(value)
        if at >= 0:
            pytest.fail(f"{what} leaked: …{text[max(0, at - 200) : at + 40]!r}…")


def accounted(result: LoadResult[Any], count: int) -> None:
    """Every record decided or named; a file refused whole (not valid JSON as a whole, e.g. a
    NaN or a lone surrogate in one record of an array) is named by a file-level error."""
    if result.total == 0 and any(e.index is None for e in result.errors):
        return
    named = {e.index for e in result.errors if e.index is not None}
    totals = (result.total, len(result.records) + len(named))
    if totals != (count, count) or named & set(result.positions):
        pytest.fail(f"{count} records in, {totals} accounted for")


def _load(kind: RecordKind, jsonl: bool) -> tuple[LoadResult[Any] | None, int]:
    items = corpus(kind)
    text = hostile.as_jsonl(items) if jsonl else hostile.as_json(items, kind.key)
    try:
        return LOADERS[kind.subject.__name__](text, jsonl=jsonl), len(items)
    except JingzhunError:
        return None, len(items)  # documented: the whole text refused


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.subject.__name__)
@pytest.mark.parametrize("jsonl", [False, True], ids=["json", "jsonl"])
def test_every_loader_accounts_for_every_record(kind: RecordKind, jsonl: bool) -> None:
    result, count = _load(kind, jsonl)
    if result is not None:
        accounted(result, count)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.subject.__name__)
def test_loader_messages_do_not_echo_personal_data(kind: RecordKind) -> None:
    result, _count = _load(kind, False)
    assert result is not None
    text = json.dumps([e.to_dict() for e in result.errors], ensure_ascii=False)
    no_personal_data(text, stray=True)


# Rules that already survive the whole corpus on this branch (the others wait for money.py).
SURVIVING = ("exit.village", "exit.county")


def _rule_cases() -> list[Any]:
    return [
        pytest.param(
            spec,
            id=spec.id,
        )
        for spec in catalogue()
        if any(k.subject is spec.subject for k in KINDS)
    ]


@pytest.mark.parametrize("spec", _rule_cases())
def test_every_rule_decides_every_converted_record(spec: Any) -> None:
    """Rules never raise on a record that converted: they decide it or say undetermined."""
    kind = record_kind(spec.subject)
    items = [(i, None, raw) for i, raw in enumerate(corpus(kind), start=1)]
    on = "2017-12-31" if spec.dated_by == "year_node" else ON
    decided = 0
    for loaded in iter_records(
        items, schema=kind.schema, id_field=kind.id_field, convert=lambda r: kind.convert(r, None)
    ):
        if loaded.record is None:
            assert loaded.errors
            continue
        decision = spec.apply(loaded.record, on=on)
        no_personal_data(decision.to_json())
        decided += 1
    assert decided > 0


def _argv(path: Path, command: tuple[str, ...], spec: Any, fmt: str = "json") -> list[str]:
    dated = ["--year", "2017"] if spec.dated_by == "year_node" else ["--on", ON]
    return [*command, str(path), *dated, "--skip-invalid", "--format", fmt, "--jobs", "1"]


def _finite(item: Any) -> bool:
    """Whether ``item`` is plain JSON (no ``NaN`` / ``Infinity``, which refuse a JSON document
    as a whole: see :func:`test_every_record_command_refuses_a_document_with_nan_whole`)."""
    try:
        json.dumps(item, allow_nan=False)
    except ValueError:
        return False
    return True


def _corpus_file(kind: RecordKind, form: str, folder: Path) -> tuple[Path, int]:
    """The sampled corpus as a file: ``jsonl`` (every record, one per line) or ``json`` (one
    document, without the records holding NaN or Infinity); the file and its record count."""
    items = corpus(kind, sample=400)
    if form == "jsonl":
        path, text = folder / "hostile.jsonl", hostile.as_jsonl(items)
    else:
        items = [item for item in items if _finite(item)]
        path, text = folder / "hostile.json", hostile.as_json(items, kind.key)
    path.write_text(text, encoding="utf-8")
    return path, len(items)


COMMANDS = [pytest.param(c, id="-".join(c)) for c in sorted(commands())]


@pytest.mark.parametrize("form", ["json", "jsonl"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_record_command_accounts_for_every_record(
    command: tuple[str, ...], form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pins, for every record command and both input forms: exit 1 with --skip-invalid, no
    exception, every record decided or named in an error (decided + named = input), no
    planted name or ID number on standard output or standard error."""
    spec = commands()[command]
    path, count = _corpus_file(record_kind(spec.subject), form, tmp_path)
    code = cli.main(_argv(path, command, spec))
    out, err = capsys.readouterr()
    no_personal_data(out + err)
    assert code == 1, err[-2000:]  # some records invalid, the rest decided (--skip-invalid)
    data = json.loads(out)
    named = {e["index"] for e in data["errors"] if e["index"] is not None}
    decided = {d["position"] for d in data["rows"]}
    assert not named & decided
    assert len(decided) + len(named) == count


@pytest.mark.parametrize("command", COMMANDS)
def test_every_record_command_table_is_printable(
    command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pins: the table output of the hostile corpus holds no control character (other than
    the line break) and no lone surrogate, whatever the ids hold, and no personal data."""
    spec = commands()[command]
    path, _count = _corpus_file(record_kind(spec.subject), "jsonl", tmp_path)
    code = cli.main(_argv(path, command, spec, fmt="table"))
    out, err = capsys.readouterr()
    no_personal_data(out + err)
    assert code == 1, err[-2000:]
    bad = sorted({ch for ch in out if ch != "\n" and not ch.isprintable()})
    assert not bad, f"unprintable characters in the table: {bad[:10]!r}"
    out.encode("utf-8")  # no lone surrogate


@pytest.mark.parametrize("command", COMMANDS)
def test_every_record_command_refuses_a_document_with_nan_whole(
    command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pins: NaN or Infinity anywhere in a JSON document (not JSON) is a file-level problem
    named on standard error: exit 2 even with --skip-invalid, nothing on standard output."""
    spec = commands()[command]
    kind = record_kind(spec.subject)
    items = corpus(kind, sample=400)
    assert not all(_finite(item) for item in items)  # the corpus does hold NaN / Infinity
    path = tmp_path / "hostile.json"
    path.write_text(hostile.as_json(items, kind.key), encoding="utf-8")
    code = cli.main(_argv(path, command, spec))
    out, err = capsys.readouterr()
    no_personal_data(out + err)
    assert (code, out) == (2, "")
    assert "a file-level problem" in err and "is not a JSON number" in err


def test_record_command_through_workers_and_real_stdout(tmp_path: Path) -> None:
    """Pins, in a real process (UTF-8 standard output, two worker processes): exit 1, no
    traceback, output that is strict UTF-8 and accounts for every record."""
    spec = commands()[("identify", "households")]
    path, count = _corpus_file(record_kind(spec.subject), "jsonl", tmp_path)
    argv = [*_argv(path, ("identify", "households"), spec)[:-1], "2"]  # --jobs 2
    proc = subprocess.run(
        [sys.executable, "-m", "jingzhun", *argv], capture_output=True, timeout=120, check=False
    )
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1 and "Traceback" not in err, err[-2000:]
    data = json.loads(proc.stdout.decode("utf-8"))
    named = {e["index"] for e in data["errors"] if e["index"] is not None}
    assert len(data["rows"]) + len(named) == count


@pytest.mark.parametrize("command", [("identify", "households"), ("exit", "counties")])
def test_exit_codes_of_valid_and_unreadable_input(
    command: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """0 when every record is decided; 2 when nothing can be read (without --skip-invalid)."""
    spec = commands()[command]
    kind = record_kind(spec.subject)
    good = tmp_path / "good.json"
    good.write_text(hostile.as_json([hostile.base_record(kind)], kind.key), encoding="utf-8")
    assert cli.main(_argv(good, command, spec)) == 0
    bad = tmp_path / "bad.json"
    bad.write_text("{\x00 not json", encoding="utf-8")
    argv = [a for a in _argv(bad, command, spec) if a != "--skip-invalid"]
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    no_personal_data(out + err)


def test_the_corpus_is_deterministic() -> None:
    for kind in KINDS:
        assert hostile.as_json(corpus(kind, sample=50), "x") == hostile.as_json(
            corpus(kind, sample=50), "x"
        )
