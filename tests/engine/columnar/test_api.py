"""The columnar API: inputs, output table, parameter resolution per region, the fallback."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

from columnar_cases import OVERLAY_B, OVERLAY_B_CITY  # noqa: E402
from jingzhun.core.errors import InputError  # noqa: E402
from jingzhun.core.parameters import ParameterSet  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.layout_cast import LAYOUT, to_layout  # noqa: E402
from jingzhun.engine.columnar.registry import KERNELS  # noqa: E402
from jingzhun.io.converters import household_from_dict  # noqa: E402
from jingzhun.io.frames import households_to_frame  # noqa: E402


def _frame(records: list[dict[str, Any]]) -> Any:
    return to_layout(households_to_frame([household_from_dict(r) for r in records], "polars"))


RECORDS: list[dict[str, Any]] = [
    {"household_id": "A", "county_code": "520102", "declared_size": 3,
     "income": {"wages": "8855.99"}, "income_year": 2016, "guarantees": {"food": True}},
    {"household_id": "B", "county_code": "410102", "declared_size": 2,
     "reported_per_capita_income": "2952.00", "assets": {"town_property": True}},
    {"household_id": "C", "county_code": "110101", "members": [{"member_id": "m"}]},
]  # fmt: skip


def test_output_table_has_the_id_outcome_codes_and_engine_columns() -> None:
    out = columnar.identify(_frame(RECORDS), on="2016-12-31")
    assert out.columns == ["id", "outcome", "codes", "engine"]
    assert out.schema == columnar.output_schema("identification.household")
    assert out["id"].to_list() == ["A", "B", "C"]
    assert out.row(0)[1:3] == ("met", ["ID_INCOME_BELOW_LINE", "ID_GUARANTEE_UNKNOWN"])


def test_an_arrow_table_is_accepted_and_gives_the_same_table() -> None:
    frame = _frame(RECORDS)
    out = columnar.exit_households(frame.to_arrow(), on="2017-12-31")
    assert out.equals(columnar.exit_households(frame, on="2017-12-31"))


def test_other_inputs_are_refused() -> None:
    with pytest.raises(InputError, match="polars DataFrame or a pyarrow Table"):
        columnar.identify([{"household_id": "A"}], on="2016-12-31")


def test_an_exclusion_list_in_force_is_decided_in_the_kernel() -> None:
    ps = ParameterSet.bundled().with_overlay_text(OVERLAY_B, origin="b")
    ps = ps.with_overlay_text(OVERLAY_B_CITY, origin="b-city")
    out = columnar.identify(_frame(RECORDS), on="2017-12-31", params=ps)
    assert out["engine"].to_list() == ["columnar"] * 3
    assert out.row(1)[1:3] == (
        "not_met",
        ["ID_INCOME_NOT_BELOW_LINE", "ID_GUARANTEE_UNKNOWN", "ID_EXCLUDED_BY_LOCAL_LIST"],
    )


def test_rows_the_kernel_leaves_are_decided_by_the_rule_and_marked() -> None:
    """Recorded exit steps go through the rule (the procedure is not vectorised)."""
    steps = [{"step": "household_application", "first_day": "2017-10-01"}]
    records = [RECORDS[0], {**RECORDS[1], "exit_steps": steps}, RECORDS[2]]
    out = columnar.exit_households(_frame(records), on="2017-12-31")
    assert out["engine"].to_list() == ["columnar", "scalar", "columnar"]
    h = household_from_dict(records[1])
    from jingzhun.rules.exit import household_exit

    d = household_exit(h, on="2017-12-31")
    assert out.row(1)[1:3] == (d.outcome.value, list(dict.fromkeys(d.codes)))


def test_a_row_the_rules_refuse_is_an_error_naming_it() -> None:
    frame = _frame(RECORDS).with_columns(
        pl.when(pl.col("household_id") == "C").then(None).otherwise(pl.col("declared_size"))
        .alias("declared_size"),
        pl.when(pl.col("household_id") == "C").then(None).otherwise(pl.col("members"))
        .alias("members"),
    )  # fmt: skip
    with pytest.raises(InputError, match=r"#3 \(C\)"):
        columnar.identify(frame, on="2016-12-31")


def test_each_parameter_is_resolved_once_per_region_and_declared_by_the_rule() -> None:
    calls: list[tuple[str, str | None]] = []

    class Counting(ParameterSet):
        def resolve(self, name: str, *, on: Any, region: str | None = None) -> Any:
            calls.append((name, region))
            return super().resolve(name, on=on, region=region)

    base = ParameterSet.bundled()
    ps = Counting(base._baseline, base.overlays)
    frame = pl.concat([_frame(RECORDS)] * 50)
    for rule_id, entry in KERNELS.items():
        if entry.layout != "household" or entry.spec.composes:
            continue  # villages and composed rules: tests/engine/columnar/test_village_exit.py,
            # test_adjustment.py
        calls.clear()
        columnar.decide(rule_id, frame, on=dt.date(2018, 12, 31), params=ps)
        names = {n for n, _r in calls}
        assert names <= set(KERNELS[rule_id].spec.parameters), rule_id
        per_region = [(n, r) for n, r in calls if n != "poverty_line.nominal"]
        assert len(per_region) == len(set(per_region)), rule_id


def test_missing_columns_are_taken_as_null() -> None:
    frame = pl.DataFrame(
        {"household_id": ["X"], "county_code": ["520102"], "declared_size": [2]},
        schema={"household_id": pl.String, "county_code": pl.String, "declared_size": pl.Int32},
    )
    out = columnar.identify(frame, on="2016-12-31")
    assert out.row(0)[1:] == (
        "undetermined",
        ["ID_INCOME_MISSING", "ID_GUARANTEE_UNKNOWN"],
        "columnar",
    )


def test_the_layout_cast_gives_the_layout_types() -> None:
    assert _frame(RECORDS).schema == pl.Schema(LAYOUT)


def test_an_income_statement_of_zeros_is_income_not_missing() -> None:
    """``income.transfers = 0`` is a statement (net 0), as the rule reads ``income: {}``."""
    from decimal import Decimal

    from jingzhun.rules.identification import identify_household

    frame = pl.DataFrame(
        {"household_id": ["Z"], "county_code": ["520102"], "declared_size": [2]}
    ).with_columns(pl.lit(Decimal("0")).cast(pl.Decimal(14, 2)).alias("income.transfers"))
    out = columnar.identify(frame, on="2016-12-31")
    h = household_from_dict(
        {"household_id": "Z", "county_code": "520102", "declared_size": 2, "income": {}}
    )
    d = identify_household(h, on="2016-12-31")
    assert out.row(0)[1:3] == (d.outcome.value, list(d.codes))


@pytest.mark.parametrize("dtype", [pl.Float64, pl.Decimal(14, 3)])
def test_money_that_could_round_is_refused_naming_the_column(dtype: Any) -> None:
    frame = _frame(RECORDS).with_columns(pl.col("income.wages").cast(dtype))
    with pytest.raises(InputError, match=r"income\.wages"):
        columnar.identify(frame, on="2016-12-31")


def test_required_columns_missing_are_named() -> None:
    frame = pl.DataFrame({"household_id": ["X"], "declared_size": [2]})
    with pytest.raises(InputError, match="county_code"):
        columnar.exit_households(frame, on="2017-12-31")


def test_a_malformed_or_unknown_county_code_is_named_by_row() -> None:
    """A county code the rules refuse (malformed, or no such division) goes to the scalar
    path, whose loader names the row, the id and the field; never a bare lookup error."""
    from jingzhun.core.errors import InputError
    from jingzhun.io.columns import records_to_table

    records = [
        {"household_id": "B", "county_code": "4", "declared_size": 2,
         "reported_per_capita_income": "2000.00"},
        {"household_id": "C", "county_code": "999999", "declared_size": 2,
         "reported_per_capita_income": "2000.00"},
    ]  # fmt: skip
    frame = pl.from_arrow(records_to_table(records))
    with pytest.raises(InputError) as caught:
        columnar.identify(frame, on="2017-12-31")
    text = str(caught.value)
    assert "#1 (B) /county_code" in text and "#2 (C) /county_code" in text
