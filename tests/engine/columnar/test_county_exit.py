"""``columnar.counties``: county counts from the households, each county decided by
``county_exit`` itself (``engine = "scalar"``), equal to the rule on the same case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from jingzhun.core.bounds import RateFigure  # noqa: E402
from jingzhun.core.errors import InputError  # noqa: E402
from jingzhun.domain.model import (  # noqa: E402
    GUARANTEE_FIELDS,
    County,
    CountyExitCase,
)
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.layout_cast import to_layout  # noqa: E402
from jingzhun.io.converters import household_from_dict  # noqa: E402
from jingzhun.io.frames import households_to_frame  # noqa: E402
from jingzhun.rules.exit.county import county_exit  # noqa: E402

GUARANTEES = dict.fromkeys(
    GUARANTEE_FIELDS,
    True,
)


def _frame(spec: dict[str, tuple[int, int]]) -> Any:
    records = []
    for county, (poor, rich) in spec.items():
        for i in range(poor + rich):
            records.append(
                {
                    "household_id": f"{county}-{i}",
                    "county_code": county,
                    "village_id": f"{county}-V",
                    "declared_size": 2,
                    "income_year": 2017,
                    "reported_per_capita_income": "1000" if i < poor else "9000",
                    "guarantees": GUARANTEES,
                }
            )
    households = [household_from_dict(r) for r in records]
    return to_layout(households_to_frame(households, "polars"))


def test_counties_count_from_the_households_and_equal_the_rule() -> None:
    frame = _frame({"520381": (1, 49), "360881": (3, 47)})
    table = pl.DataFrame(
        {
            "county_code": ["520381", "360881", "110101"],
            "key_county": [True, True, False],
            "rural_population": [None, 200, 10],
            "approval": pl.Series([Decimal("0.95"), None, None], dtype=pl.Decimal(6, 4)),
            "missed_rate": [{"below": Decimal("0.02")}, None, None],
        }
    )
    out = columnar.counties(frame, on="2017-12-31", counties=table)
    assert out["id"].to_list() == ["520381", "360881", "110101"]
    assert out["remaining_poor"].to_list() == [2, 6, 0]
    assert out["rural_population"].to_list() == [100, 200, 10]
    assert set(out["engine"].to_list()) == {"scalar"}
    cases = [
        CountyExitCase(
            county=County(county_code="520381", key_county=True),
            rural_population=100,
            remaining_poor=2,
            approval=RateFigure(value=Decimal("0.9500")),
            missed_rate=RateFigure(below=Decimal("0.02")),
        ),
        CountyExitCase(
            county=County(county_code="360881", key_county=True),
            rural_population=200,
            remaining_poor=6,
        ),
        CountyExitCase(county=County(county_code="110101"), rural_population=10, remaining_poor=0),
    ]
    for case, row in zip(cases, out.iter_rows(named=True), strict=True):
        d = county_exit(case, on="2017-12-31")
        assert (row["outcome"], set(row["codes"])) == (d.outcome.value, set(d.codes))


def test_a_county_missing_from_the_table_is_named() -> None:
    frame = _frame({"520381": (1, 1)})
    with pytest.raises(InputError, match="520381"):
        columnar.counties(frame, on="2017-12-31", counties=pl.DataFrame({"county_code": ["1"]}))
