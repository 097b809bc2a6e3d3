"""Differential tests of the ``exit.village`` kernel and the village aggregation.

Generated villages with poor counts exactly at 2 % and 3 % of their rural population and one
person either side, a rural population of 0, reported incidences agreeing with the counts at
their precision or not, comprehensive factors, recorded exit steps (left to the rule), west,
non-west and 比照西部 counties, overlays moving the threshold and its wording, dates before
and after the 2016 opinion: the outcome and code set of every village equal the rule's.
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
from jingzhun.domain.model import (  # noqa: E402
    GUARANTEE_FIELDS,
    ProcedureStep,
    Village,
)
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.io.converters import household_from_dict  # noqa: E402
from jingzhun.rules.exit.village import village_exit  # noqa: E402

COUNTIES = ("522701", "410102", "422801", "433101", "110101", "650102")
"""West (黔南), non-west (郑州, with overlays), 比照西部 (恩施, 湘西), 北京, 新疆."""

DATES = tuple(
    dt.date.fromisoformat(d) for d in ("2016-04-27", "2016-04-28", "2017-12-31", "2020-12-31")
)

OVERLAY_RATE = overlay(
    "4228",
    {"exit.village.incidence_threshold": [("2016-04-28", None, "0.03")]},
)
"""恩施 given the western 3 % (比照西部地区)."""

OVERLAY_WORDING = overlay(
    "41",
    {
        "exit.village.incidence_threshold": [("2017-01-01", None, "0.025")],
        "exit.village.incidence_bound": [("2016-04-28", None, "below")],
    },
)
"""河南: 低于 (the threshold itself fails) from the opinion, 2.5 % from 2017."""


@cache
def param_sets() -> tuple[ParameterSet, ...]:
    base = ParameterSet.bundled()
    both = base.with_overlay_text(OVERLAY_RATE, origin="rate").with_overlay_text(
        OVERLAY_WORDING, origin="wording"
    )
    return base, both


@st.composite
def villages(draw: st.DrawFn, index: int) -> dict[str, Any]:
    rural = draw(st.sampled_from((0, 1, 33, 50, 99, 100, 101, 200, 300, 1000, 1234, 40000)))
    share = draw(st.sampled_from((Decimal("0.02"), Decimal("0.025"), Decimal("0.03"))))
    poor = int(rural * share) + draw(st.integers(-1, 1))
    if draw(st.booleans()):
        poor = draw(st.integers(0, max(rural, 0)))
    poor = min(max(poor, 0), rural)
    record: dict[str, Any] = {
        "village_id": f"V{index}",
        "county_code": draw(st.sampled_from(COUNTIES)),
        "rural_population": rural,
        "poor_population": poor,
        "reported_incidence": None,
        "exit_factors": None,
        "exit_steps": None,
    }
    if rural and draw(st.booleans()):
        exact = Decimal(poor) / Decimal(rural)
        off = draw(st.sampled_from((Decimal(0), Decimal("0.0001"), Decimal("0.0006"))))
        record["reported_incidence"] = min((exact + off).quantize(Decimal("0.0001")), Decimal(1))
    if draw(st.integers(0, 4)) == 0:
        record["exit_factors"] = [{"name": "road", "value": "通硬化路"}]
    if draw(st.integers(0, 5)) == 0:
        record["exit_steps"] = [
            {
                "step": "exit_review",
                "first_day": dt.date(2017, 11, 1),
                "last_day": dt.date(2017, 11, 2),
                "objections": None,
                "objections_resolved": None,
            }
        ]
    return record


@st.composite
def village_batches(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 15))
    return [draw(villages(i)) for i in range(n)]


def frame_of(records: list[dict[str, Any]]) -> Any:
    return pl.DataFrame(
        records,
        schema={
            "village_id": pl.String,
            "county_code": pl.String,
            "rural_population": pl.Int64,
            "poor_population": pl.Int64,
            "reported_incidence": pl.Decimal(10, 4),
            "exit_factors": pl.List(pl.Struct({"name": pl.String, "value": pl.String})),
            "exit_steps": pl.List(
                pl.Struct(
                    {
                        "step": pl.String,
                        "first_day": pl.Date,
                        "last_day": pl.Date,
                        "objections": pl.Int32,
                        "objections_resolved": pl.Int32,
                    }
                )
            ),
        },
    )


def village_of(r: dict[str, Any]) -> Village:
    steps = [
        ProcedureStep(**{k: v for k, v in s.items() if v is not None})
        for s in r["exit_steps"] or ()
    ]
    return Village(
        village_id=r["village_id"],
        county_code=r["county_code"],
        rural_population=r["rural_population"],
        poor_population=r["poor_population"],
        reported_incidence=r["reported_incidence"],
        exit_factors={f["name"]: f["value"] for f in r["exit_factors"] or ()},
        exit_steps=steps,
    )


def disagreements(records: list[dict[str, Any]], on: dt.date, ps: ParameterSet) -> list[Any]:
    frame = frame_of(records)
    out = columnar.decide("exit.village", frame, on=on, params=ps)
    assert out["id"].to_list() == [r["village_id"] for r in records]
    found = []
    # the rows as the frame holds them (the reported rate at the column's scale)
    for r, row in zip(frame.iter_rows(named=True), out.iter_rows(named=True), strict=True):
        d = village_exit(village_of(r), on=on, params=ps)
        if (row["outcome"], set(row["codes"])) != (d.outcome.value, set(d.codes)):
            found.append((r, row, d.outcome.value, d.codes))
    return found


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=village_batches(), on=st.sampled_from(DATES), which=st.integers(0, 1))
def test_village_kernel_equals_the_rule(
    batch: list[dict[str, Any]], on: dt.date, which: int
) -> None:
    assert disagreements(batch, on, param_sets()[which]) == []


@pytest.mark.parametrize("ps_index", [0, 1])
@pytest.mark.parametrize("county", COUNTIES)
def test_exactly_at_the_threshold_and_one_person_either_side(ps_index: int, county: str) -> None:
    records: list[dict[str, Any]] = []
    for rural in (100, 200, 1000, 1234, 40000):
        for share in (Decimal("0.02"), Decimal("0.025"), Decimal("0.03")):
            at = rural * share
            for poor in {int(at) - 1, int(at), int(at) + 1}:
                records.append(
                    {
                        "village_id": f"V{len(records)}",
                        "county_code": county,
                        "rural_population": rural,
                        "poor_population": poor,
                        "reported_incidence": None,
                        "exit_factors": None,
                        "exit_steps": None,
                    }
                )
    for on in DATES:
        assert disagreements(records, on, param_sets()[ps_index]) == []


def test_inclusive_wording_passes_exactly_two_percent() -> None:
    frame = frame_of(
        [
            {
                "village_id": v,
                "county_code": "110101",
                "rural_population": 100,
                "poor_population": p,
                "reported_incidence": None,
                "exit_factors": None,
                "exit_steps": None,
            }
            for v, p in (("at", 2), ("above", 3))
        ]
    )
    out = columnar.decide("exit.village", frame, on="2017-12-31")
    assert out["outcome"].to_list() == ["met", "not_met"]
    assert set(out["engine"].to_list()) == {"columnar"}


def test_exit_steps_go_to_the_rule_and_refused_counts_name_the_village() -> None:
    base = {
        "county_code": "110101",
        "rural_population": 100,
        "reported_incidence": None,
        "exit_factors": None,
    }
    steps = [
        {
            "step": "exit_review",
            "first_day": dt.date(2017, 11, 1),
            "last_day": dt.date(2017, 11, 2),
            "objections": None,
            "objections_resolved": None,
        }
    ]
    frame = frame_of([{**base, "village_id": "S", "poor_population": 1, "exit_steps": steps}])
    out = columnar.decide("exit.village", frame, on="2017-12-31")
    assert out["engine"].to_list() == ["scalar"]
    bad = frame_of([{**base, "village_id": "BAD", "poor_population": 101, "exit_steps": None}])
    with pytest.raises(InputError, match="BAD"):
        columnar.decide("exit.village", bad, on="2017-12-31")


def _households(n_poor: int, n_rich: int, village: str, county: str) -> list[Any]:
    out = []
    for i in range(n_poor + n_rich):
        poor = i < n_poor
        out.append(
            household_from_dict(
                {
                    "household_id": f"{village}-{i}",
                    "county_code": county,
                    "village_id": village,
                    "declared_size": 2,
                    "income_year": 2017,
                    "reported_per_capita_income": "1000" if poor else "9000",
                    "guarantees": dict.fromkeys(
                        GUARANTEE_FIELDS,
                        True,
                    ),
                }
            )
        )
    return out


def test_villages_from_households_bottom_up() -> None:
    from jingzhun.engine.columnar.layout_cast import to_layout
    from jingzhun.io.frames import households_to_frame

    households = _households(1, 49, "A", "110101") + _households(2, 48, "B", "522701")
    frame = to_layout(households_to_frame(households, "polars"))
    out = columnar.villages(frame, on="2017-12-31")
    rows = {r["id"]: r for r in out.iter_rows(named=True)}
    assert (rows["A"]["poor_population"], rows["A"]["rural_population"]) == (2, 100)
    assert rows["A"]["outcome"] == "met"  # 2 % 以下 includes 2 %
    assert (rows["B"]["poor_population"], rows["B"]["rural_population"]) == (4, 100)
    assert rows["B"]["outcome"] == "not_met"  # 4 % in the west
    for r in out.iter_rows(named=True):
        v = Village(
            village_id=r["id"],
            county_code=r["county_code"],
            rural_population=r["rural_population"],
            poor_population=r["poor_population"],
        )
        d = village_exit(v, on="2017-12-31")
        assert (r["outcome"], set(r["codes"])) == (d.outcome.value, set(d.codes))


def test_villages_with_a_village_table() -> None:
    from jingzhun.engine.columnar.layout_cast import to_layout
    from jingzhun.io.frames import households_to_frame

    households = _households(1, 9, "A", "110101")
    frame = to_layout(households_to_frame(households, "polars"))
    table = pl.DataFrame(
        {
            "village_id": ["A", "Z"],
            "county_code": ["110101", "110101"],
            "rural_population": [100, 50],
            "poor_population": [99, 7],
        }
    )
    out = columnar.villages(frame, on="2017-12-31", villages=table)
    assert out["poor_population"].to_list() == [2, 0]
    assert out["rural_population"].to_list() == [100, 50]
    assert out["outcome"].to_list() == ["met", "met"]
    with pytest.raises(InputError, match="A"):
        columnar.villages(
            frame, on="2017-12-31", villages=table.filter(pl.col("village_id") == "Z")
        )


def test_each_parameter_is_resolved_once_per_county_and_declared_by_the_rule() -> None:
    from jingzhun.rules.exit.village import SPEC

    calls: list[tuple[str, str | None]] = []

    class Counting(ParameterSet):
        def resolve(self, name: str, *, on: Any, region: str | None = None) -> Any:
            calls.append((name, region))
            return super().resolve(name, on=on, region=region)

    base = ParameterSet.bundled()
    ps = Counting(base._baseline, base.overlays)
    records = [
        {
            "village_id": f"V{i}",
            "county_code": COUNTIES[i % len(COUNTIES)],
            "rural_population": 100,
            "poor_population": i % 5,
            "reported_incidence": None,
            "exit_factors": None,
            "exit_steps": None,
        }
        for i in range(300)
    ]
    columnar.decide("exit.village", frame_of(records), on=dt.date(2018, 12, 31), params=ps)
    assert {n for n, _r in calls} <= set(SPEC.parameters)
    assert len(calls) == len(set(calls))
