"""``jingzhun duties``: the duty table (responsibility.duties) on a day, as text or JSON;
RESP2016-art14 is the county's principal responsibility, THREEYEAR2018-8.1-c its monthly
meeting (from 2018-06-15)."""

from __future__ import annotations

import json

import pytest

from jingzhun.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_county_duties_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "duties", "--on", "2019-06-30", "--level", "county")
    assert (code, err) == (0, "")
    assert "县级党委和政府 | RESP2016-art14 |" in out
    assert "THREEYEAR2018-8.1-c" in out
    assert out.endswith("8 duties on 2019-06-30\n")


def test_duties_are_dated_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "duties", "--on", "2018-06-14", "--level", "county", "--json")
    rows = json.loads(out)
    assert code == 0
    assert [r["clauses"] for r in rows][:2] == [["DECISION2015-29-e"], ["RESP2016-art14"]]
    assert not any("THREEYEAR2018-8.1-c" in r["clauses"] for r in rows)


@pytest.mark.parametrize(
    "argv",
    [
        ("duties", "--on", "2019-13-01"),
        ("duties", "--on", "2019-06-30", "--level", "nation"),
        ("duties", "--on", "2019-06-30", "--region", "xx"),
    ],
)
def test_bad_arguments_are_status_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err
