"""The household column layout: records ⇄ Arrow without loss (sample county and generated
records, households and registry entries), the published description, and refusals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jingzhun.demo.sample import sample_households
from jingzhun.io.loaders import load_households_text, load_registry_text

pa = pytest.importorskip("pyarrow", reason="pyarrow (the columnar extra) not installed")
pytest.importorskip("polars", reason="polars (the columnar extra) not installed")

from jingzhun.io.columns import (  # noqa: E402
    ColumnarInputError,
    households_schema,
    records_to_table,
    schema_description_text,
    table_to_records,
)

SCHEMAS = Path(__file__).resolve().parents[2] / "src" / "jingzhun" / "schemas"


def _text(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, default=str)


def _same(records: list[dict[str, Any]]) -> None:
    back = table_to_records(records_to_table(records))
    for load in (load_households_text, load_registry_text):
        before, after = load(_text(records)), load(_text(back))
        assert before.ok, before.errors[:3]
        assert after.ok, after.errors[:3]
        assert after.records == before.records


def test_published_description_is_generated_from_the_arrow_schema() -> None:
    published = (SCHEMAS / "columns-households.json").read_text(encoding="utf-8")
    assert published == schema_description_text()
    names = [c["name"] for c in json.loads(published)["columns"]]
    assert names == households_schema().names


def test_sample_county_round_trips_to_equal_households_and_registry_entries() -> None:
    _same(sample_households())


def test_money_comes_back_with_two_decimals_equal_as_decimal() -> None:
    rec = {"household_id": "h1", "county_code": "610999", "declared_size": 2}
    back = table_to_records(records_to_table([{**rec, "income": {"wages": 2657}}]))
    assert back[0]["income"] == {"wages": "2657.00"}
    assert Decimal(back[0]["income"]["wages"]) == 2657


def test_an_empty_income_object_stays_an_income_statement_of_zero() -> None:
    rec = {"household_id": "h1", "county_code": "610999", "declared_size": 2, "income": {}}
    _same([rec])
    back = load_households_text(_text(table_to_records(records_to_table([rec]))))
    assert back.records[0].income is not None and back.records[0].income.net == 0


def test_money_with_three_decimals_is_refused_naming_row_id_and_column() -> None:
    good = {"household_id": "h1", "county_code": "610999", "declared_size": 2}
    bad = {**good, "household_id": "h2", "income": {"transfers": 1.005}}
    with pytest.raises(ColumnarInputError) as caught:
        records_to_table([good, bad])
    (problem,) = caught.value.problems
    assert (problem.row, problem.record_id, problem.column) == (2, "h2", "income.transfers")
    assert "1.005" in str(caught.value)


def test_what_the_layout_cannot_hold_is_refused_not_dropped() -> None:
    rec = {"household_id": "h1", "county_code": "610999", "declared_size": 2}
    with pytest.raises(ColumnarInputError) as caught:
        records_to_table(
            [
                {**rec, "extra": 1},
                {**rec, "household_id": "h2", "members": [{"member_id": "m", "nick": "x"}]},
                {**rec, "household_id": "h3", "identified_on": "2016-02-30"},
                {**rec, "household_id": None},
            ]
        )
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(1, "/"), (2, "members[0]"), (3, "identified_on"), (4, "household_id")}


flags = st.sampled_from([True, False, None])
labels = st.sampled_from(["户主", "配偶", "子女"])
amounts = st.one_of(
    st.integers(0, 10**6),
    st.decimals(0, 10**6, places=2).map(str),
    st.decimals(0, 10**5, places=1).map(float),
)
days = st.dates(min_value=__import__("datetime").date(1930, 1, 1)).map(lambda d: d.isoformat())
member = st.fixed_dictionaries(
    {"member_id": st.text(min_size=1, max_size=5)},
    optional={
        "relation": labels,
        "name": st.text(max_size=4),
        "birth_date": days,
        "disabled": st.booleans(),
        "sex": st.sampled_from(["男", "女"]),
    },
)
record = st.fixed_dictionaries(
    {"county_code": st.just("610999"), "declared_size": st.integers(1, 9)},
    optional={
        "village_id": st.text(max_size=4),
        "income": st.fixed_dictionaries(
            {}, optional=dict.fromkeys(("wages", "transfers", "business_costs"), amounts)
        ),
        "reported_per_capita_income": st.decimals(-9999, 9999, places=2).map(str),
        "income_year": st.integers(2013, 2020),
        "guarantees": st.fixed_dictionaries({}, optional={"food": flags, "housing_safety": flags}),
        "members": st.lists(member, max_size=3, unique_by=lambda m: m["member_id"]),
        "measures": st.lists(st.text(max_size=3), max_size=3),
        "assets": st.fixed_dictionaries(
            {},
            optional={
                "town_property": st.booleans(),
                "vehicles": st.lists(
                    st.fixed_dictionaries(
                        {"kind": st.just("car")}, optional={"purchase_price": amounts}
                    ),
                    max_size=2,
                ),
            },
        ),
        "stable_income_source": st.booleans(),
        "local_indicators": st.dictionaries(
            st.text(min_size=1, max_size=3), st.booleans(), max_size=3
        ),
        "income_history": st.lists(
            st.fixed_dictionaries({"year": st.integers(2013, 2020), "per_capita": amounts}),
            max_size=2,
        ),
        "registry_status": st.sampled_from(["poor", "exited"]),
        "history": st.lists(
            st.fixed_dictionaries(
                {
                    "on": st.just("2016-12-31"),
                    "status": st.just("poor"),
                    "action": st.just("identified"),
                }
            ),
            max_size=1,
        ),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(record, min_size=1, max_size=6))
def test_generated_records_round_trip_to_equal_households(records: list[dict[str, Any]]) -> None:
    for i, r in enumerate(records):
        r["household_id"] = f"h{i}"
    loaded = load_registry_text(_text(records))
    if not loaded.ok:  # a record the loaders refuse is not the converter's business
        records = [records[p - 1] for p in loaded.positions]
    if records:
        _same(records)
