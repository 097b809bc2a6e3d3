"""Differential tests of the ``identification.village`` kernel (一高一低一无).

Generated villages with the poor count at exactly ``multiple × reference incidence`` of the
rural population and one person either side, the income at exactly ``ratio × reference
average`` and one fen either side, collective income none, zero or some, references of the
right or wrong level, containing the county or not, missing; dates before the registry and
after; an overlay changing the multiple, the level and dropping 一无: outcome and code set
equal the rule's.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from columnar_cases import overlay  # noqa: E402
from jingzhun.core.errors import InputError  # noqa: E402
from jingzhun.core.parameters import ParameterSet  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.exit_village import village_record  # noqa: E402
from jingzhun.io.converters import village_from_dict  # noqa: E402
from jingzhun.rules.identification.village import identify_village_case  # noqa: E402

COUNTIES = ("522701", "410102", "110101")
DATES = tuple(dt.date.fromisoformat(d) for d in ("2013-12-31", "2014-06-30", "2016-12-31"))

OVERLAY = overlay(
    "41",
    {
        "village_identification.incidence_multiple": [("2014-01-01", None, "1.5")],
        "village_identification.reference_level": [("2016-01-01", None, "county")],
        "village_identification.require_no_collective_income": [("2014-01-01", None, False)],
    },
)

SCHEMA = {
    "village_id": pl.String,
    "county_code": pl.String,
    "rural_population": pl.Int64,
    "poor_population": pl.Int64,
    "per_capita_net_income": pl.Decimal(14, 2),
    "collective_income": pl.Decimal(14, 2),
    "reference.code": pl.String,
    "reference.level": pl.String,
    "reference.poverty_incidence": pl.Decimal(10, 4),
    "reference.average_per_capita_income": pl.Decimal(14, 2),
    "reference.year": pl.Int16,
}


@cache
def param_sets() -> tuple[ParameterSet, ...]:
    base = ParameterSet.bundled()
    return base, base.with_overlay_text(OVERLAY, origin="village-id")


@st.composite
def villages(draw: st.DrawFn, index: int) -> dict[str, Any]:
    county = draw(st.sampled_from(COUNTIES))
    rural = draw(st.sampled_from((0, 1, 97, 100, 1000, 1234)))
    incidence = draw(st.sampled_from((Decimal("0.1"), Decimal("0.0733"), Decimal("0.25"))))
    multiple = draw(st.sampled_from((Decimal(2), Decimal("1.5"))))
    at = multiple * incidence * rural
    poor = min(max(int(at) + draw(st.integers(-1, 1)), 0), rural)
    average = draw(st.sampled_from((Decimal("5000.00"), Decimal("4321.15"), Decimal("8000.55"))))
    limit = (Decimal("0.6") * average).quantize(Decimal("0.01"))
    income = limit + Decimal(draw(st.integers(-1, 1))) / 100
    record: dict[str, Any] = {
        "village_id": f"V{index}",
        "county_code": county,
        "rural_population": rural,
        "poor_population": poor,
        "per_capita_net_income": draw(st.sampled_from((income, income, None))),
        "collective_income": draw(st.sampled_from((None, Decimal(0), Decimal("12.50")))),
    }
    reference = draw(st.sampled_from(("province", "county", "other", "unknown", None)))
    if reference is not None:
        code = {"province": county[:2], "county": county, "other": "13", "unknown": "99"}[reference]
        record.update(
            {
                "reference.code": code,
                "reference.level": "county" if reference == "county" else "province",
                "reference.poverty_incidence": incidence,
                "reference.average_per_capita_income": average,
                "reference.year": 2013,
            }
        )
    return record


@st.composite
def village_batches(draw: st.DrawFn) -> list[dict[str, Any]]:
    return [draw(villages(i)) for i in range(draw(st.integers(1, 15)))]


def disagreements(records: list[dict[str, Any]], on: dt.date, ps: ParameterSet) -> list[Any]:
    frame = pl.DataFrame(records, schema=SCHEMA)
    try:
        cases = [village_from_dict(village_record(r)) for r in frame.iter_rows(named=True)]
    except InputError:  # a record the loaders refuse: the engine refuses it too
        with pytest.raises(InputError):
            columnar.decide("identification.village", frame, on=on, params=ps)
        return []
    out = columnar.decide("identification.village", frame, on=on, params=ps)
    found = []
    for r, case, row in zip(
        frame.iter_rows(named=True), cases, out.iter_rows(named=True), strict=True
    ):
        d = identify_village_case(case, on=on, params=ps)
        if (row["outcome"], set(row["codes"])) != (d.outcome.value, set(d.codes)):
            found.append((r, row, d.outcome.value, d.codes))
    return found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=village_batches(), on=st.sampled_from(DATES), which=st.integers(0, 1))
def test_village_identification_kernel_equals_the_rule(
    batch: list[dict[str, Any]], on: dt.date, which: int
) -> None:
    assert disagreements(batch, on, param_sets()[which]) == []


def test_boundaries_are_columnar() -> None:
    records = [
        {
            "village_id": f"V{poor}-{income}",
            "county_code": "522701",
            "rural_population": 1000,
            "poor_population": poor,
            "per_capita_net_income": Decimal(income),
            "collective_income": Decimal(0),
            "reference.code": "52",
            "reference.level": "province",
            "reference.poverty_incidence": Decimal("0.1"),
            "reference.average_per_capita_income": Decimal("5000"),
            "reference.year": 2013,
        }
        for poor in (199, 200, 201)
        for income in ("2999.99", "3000.00", "3000.01")
    ]
    frame = pl.DataFrame(records, schema=SCHEMA)
    out = columnar.decide("identification.village", frame, on="2016-12-31")
    assert set(out["engine"].to_list()) == {"columnar"}
    # 一倍以上 includes 2× (200 of 1000 at 10 %); 低于60% excludes 3000.00 of 5000
    met = [r["id"] for r in out.iter_rows(named=True) if r["outcome"] == "met"]
    assert met == ["V200-2999.99", "V201-2999.99"]
    assert disagreements(records, dt.date(2016, 12, 31), param_sets()[0]) == []
