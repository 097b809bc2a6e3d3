"""DataFrame views: decisions as a frame; households to a frame and back, with polars and
pandas (skipped, with the reason, when the ``frames`` extra is not installed)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import jingzhun as jz
from jingzhun.demo.sample import sample_households
from jingzhun.domain.model import Household
from jingzhun.io.frames import decisions_to_frame, households_from_frame, households_to_frame

KINDS = ("polars", "pandas")


def _households(n: int = 200) -> tuple[Household, ...]:
    loaded = jz.load_households_text(json.dumps(sample_households()[:n], ensure_ascii=False))
    assert loaded.ok
    return loaded.records


def _need(kind: str) -> Any:
    return pytest.importorskip(kind, reason=f"{kind} (the frames extra) not installed")


@pytest.mark.parametrize("kind", KINDS)
def test_households_round_trip(kind: str) -> None:
    _need(kind)
    hs = _households()
    df = households_to_frame(hs, kind)  # type: ignore[arg-type]
    assert len(df) == len(hs)
    assert "income.wages" in df.columns and "members" in df.columns
    back = households_from_frame(df)
    assert back.ok, back.errors[:3]
    assert back.records == hs


@pytest.mark.parametrize("kind", KINDS)
def test_a_bad_row_is_named(kind: str) -> None:
    mod = _need(kind)
    rows = [
        {"household_id": "H1", "county_code": "522701", "declared_size": 2},
        {"household_id": "H2", "county_code": "52270", "declared_size": 1},
        {"household_id": "H3", "county_code": "522701", "income.wages": "-5"},
    ]
    df = mod.DataFrame(rows)
    result = households_from_frame(df)
    assert [h.household_id for h in result.records] == ["H1"]
    assert result.positions == (1,)
    named = {(e.index, e.record_id, e.path) for e in result.errors}
    assert (2, "H2", "/county_code") in named
    assert (3, "H3", "/income/wages") in named


@pytest.mark.parametrize("kind", KINDS)
def test_decisions_as_a_frame(kind: str) -> None:
    _need(kind)
    hs = _households(30)
    ds = [jz.identify_household(h, on="2017-06-30") for h in hs]
    df = decisions_to_frame(ds, kind)  # type: ignore[arg-type]
    assert len(df) == 30
    assert list(df["outcome"]) == [d.outcome.value for d in ds]
    assert list(df["subject"]) == [h.household_id for h in hs]
    assert any(c.startswith("evidence.") for c in df.columns)


def test_arrow_view() -> None:
    _need("polars")
    pytest.importorskip("pyarrow", reason="pyarrow (the frames extra) not installed")
    ds = [jz.identify_household(h, on="2017-06-30") for h in _households(5)]
    table = decisions_to_frame(ds).to_arrow()
    assert table.num_rows == 5 and "outcome" in table.column_names


def test_an_all_zero_income_statement_survives_a_frame() -> None:
    """A statement of zero income is income below the line (识别: 收入低于国家扶贫标准), not
    missing income: the frame keeps it (found by the columnar differential tests)."""
    pl = pytest.importorskip("polars")
    h = jz.Household(
        household_id="Z1", county_code="522701", declared_size=2, income=jz.IncomeStatement()
    )
    frame = households_to_frame([h], "polars")
    assert isinstance(frame, pl.DataFrame)
    back = households_from_frame(frame).records
    assert list(back) == [h]
    assert jz.identify_household(back[0], on="2016-12-31").codes[0] == "ID_INCOME_BELOW_LINE"
