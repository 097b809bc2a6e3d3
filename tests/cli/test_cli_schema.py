"""``jingzhun schema``: the shipped JSON Schemas (issue 11 §5, the contract people rely on)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jingzhun.cli import main

SCHEMAS = Path(__file__).resolve().parents[2] / "src" / "jingzhun" / "schemas"


def test_without_a_name_every_shipped_schema_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    names = capsys.readouterr().out.split()
    shipped = sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json"))
    assert sorted(names) == shipped and "decision" in names


@pytest.mark.parametrize("name", ["decision", "household.schema.json"])
def test_a_schema_is_printed_as_shipped(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", name]) == 0
    short = name.removesuffix(".schema.json")
    shipped = json.loads((SCHEMAS / f"{short}.schema.json").read_text(encoding="utf-8"))
    assert json.loads(capsys.readouterr().out) == shipped


def test_an_unknown_name_is_status_2_with_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "nope"]) == 2
    err = capsys.readouterr().err
    assert "no schema 'nope'" in err and "decision" in err and "Traceback" not in err
