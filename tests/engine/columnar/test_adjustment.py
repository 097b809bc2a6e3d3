"""Differential tests of the ``dynamic.adjustment`` kernel against ``adjust_household``.

Generated registry entries (the columnar differential households with every registry status
or none, histories before and after the node, identification days and income histories that
send a row to the rule) at 31 December nodes before the registry opened, before and after
the 2016 exit opinion, with and without overlays: the outcome and the code set of every
entry equal the rule's; the status after the adjustment equals the rule's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from columnar_cases import household_records, param_sets  # noqa: E402
from jingzhun.core.errors import InputError  # noqa: E402
from jingzhun.core.parameters import ParameterSet  # noqa: E402
from jingzhun.domain.model import GUARANTEE_FIELDS  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.adjustment import statuses_after  # noqa: E402
from jingzhun.engine.columnar.layout_cast import to_layout  # noqa: E402
from jingzhun.io.converters import household_from_dict, registry_entry_from_dict  # noqa: E402
from jingzhun.io.frames import households_to_frame  # noqa: E402
from jingzhun.rules.dynamic.adjustment import adjust_entry  # noqa: E402

NODES = tuple(dt.date(y, 12, 31) for y in (2013, 2015, 2016, 2017, 2018, 2020))
STATUSES = ("poor", "exited", "relapsed", "removed", "not_registered", None)


@st.composite
def entries(draw: st.DrawFn, index: int) -> dict[str, Any]:
    record = draw(household_records(index))
    status = draw(st.sampled_from(STATUSES))
    if status is not None:
        record["registry_status"] = status
    if draw(st.booleans()):
        days = sorted(
            draw(st.lists(st.dates(dt.date(2014, 1, 1), dt.date(2021, 12, 31)), max_size=3))
        )
        record["history"] = [
            {"on": d.isoformat(), "status": draw(st.sampled_from(STATUSES[:5])), "action": "x"}
            for d in days
        ]
    return record


@st.composite
def registries(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 12))
    return [draw(entries(i)) for i in range(n)]


def frame_of(records: list[dict[str, Any]]) -> Any:
    households = [household_from_dict(r) for r in records]
    frame = to_layout(households_to_frame(households, "polars"))
    history_type = frame.schema["history"]
    history = [
        [
            {"on": dt.date.fromisoformat(c["on"]), "status": c["status"], "action": c["action"]}
            for c in r["history"]
        ]
        if "history" in r
        else None
        for r in records
    ]
    return frame.with_columns(
        pl.Series("registry_status", [r.get("registry_status") for r in records], pl.String),
        pl.Series("history", history, dtype=history_type),
    )


def disagreements(records: list[dict[str, Any]], on: dt.date, ps: ParameterSet) -> list[Any]:
    frame = frame_of(records)
    expected = [adjust_entry(registry_entry_from_dict(r), year=on.year, params=ps) for r in records]
    out = columnar.adjust(frame, on=on, params=ps)
    after = statuses_after(frame, on, ps).to_list()
    found = []
    for r, row, status, a in zip(records, out.iter_rows(named=True), after, expected, strict=True):
        d = a.decision
        if (row["outcome"], set(row["codes"]), status) != (
            d.outcome.value,
            set(d.codes),
            a.after.status.value,
        ):
            found.append((r, row, status, d.outcome.value, d.codes, a.after.status.value))
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=registries(), on=st.sampled_from(NODES), which=st.integers(0, 3))
def test_adjustment_kernel_equals_the_rule(
    batch: list[dict[str, Any]], on: dt.date, which: int
) -> None:
    name, ps = param_sets()[which]
    assert disagreements(batch, on, ps) == [], name


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=registries())
def test_every_node_and_parameter_set_on_a_registry(batch: list[dict[str, Any]]) -> None:
    for name, ps in param_sets():
        for on in NODES:
            assert disagreements(batch, on, ps) == [], (name, on)


def test_common_paths_are_columnar_and_the_rest_goes_to_the_rule() -> None:
    base = {"county_code": "110101", "declared_size": 2, "income_year": 2017}
    records = [
        {
            **base,
            "household_id": "poor-exits",
            "reported_per_capita_income": "9000",
            "stable_income_source": True,
            "guarantees": dict.fromkeys(
                GUARANTEE_FIELDS,
                True,
            ),
        },
        {
            **base,
            "household_id": "not-registered-add",
            "reported_per_capita_income": "1000",
            "registry_status": "not_registered",
        },
        {
            **base,
            "household_id": "after-node",
            "registry_status": "poor",
            "history": [{"on": "2018-03-01", "status": "poor", "action": "add"}],
        },
        {
            **base,
            "household_id": "maybe-never",
            "identified_on": "2016-10-01",
            "income_history": [{"year": 2015, "per_capita": "5000"}],
        },
    ]
    frame = frame_of(records)
    out = columnar.adjust(frame, on="2017-12-31")
    assert out["engine"].to_list() == ["columnar", "columnar", "columnar", "scalar"]
    assert statuses_after(frame, dt.date(2017, 12, 31), ParameterSet.bundled()).to_list() == [
        "exited",
        "poor",
        "poor",
        "removed",
    ]
    assert disagreements(records, dt.date(2017, 12, 31), ParameterSet.bundled()) == []


def test_the_node_is_31_december_and_refused_histories_name_the_row() -> None:
    base = {"household_id": "H1", "county_code": "110101", "declared_size": 2}
    frame = frame_of([base])
    with pytest.raises(ValueError, match="31"):
        columnar.adjust(frame, on="2017-06-30")
    unsorted = frame_of(
        [
            {
                **base,
                "history": [
                    {"on": "2017-01-01", "status": "poor", "action": "add"},
                    {"on": "2016-01-01", "status": "poor", "action": "add"},
                ],
            }
        ]
    )
    with pytest.raises(InputError, match="H1"):
        columnar.adjust(unsorted, on="2017-12-31")


def test_villages_of_a_registry_count_the_entries_in_poverty_after_the_adjustment() -> None:
    guarantees = dict.fromkeys(
        (
            "food",
            "clothing",
            "compulsory_education",
            "basic_medical_care",
            "housing_safety",
            "drinking_water",
        ),
        True,
    )
    base = {
        "county_code": "110101",
        "village_id": "V",
        "declared_size": 2,
        "income_year": 2017,
        "guarantees": guarantees,
        "stable_income_source": True,
    }
    records = [
        {**base, "household_id": "exits", "reported_per_capita_income": "9000"},
        {**base, "household_id": "stays", "reported_per_capita_income": "1000"},
        {
            **base,
            "household_id": "added",
            "reported_per_capita_income": "1000",
            "registry_status": "not_registered",
        },
        *(
            {
                **base,
                "household_id": f"rich{i}",
                "reported_per_capita_income": "9000",
                "registry_status": "exited",
            }
            for i in range(47)
        ),
    ]
    out = columnar.villages(frame_of(records), on="2017-12-31")
    assert out.select("poor_population", "rural_population").row(0) == (4, 100)
    assert out["outcome"].to_list() == ["not_met"]


def test_the_adjustment_resolves_only_the_composed_rules_parameters() -> None:
    from jingzhun.rules.exit.household import SPEC as EXIT
    from jingzhun.rules.identification.household import SPEC as IDENT

    calls: list[str] = []

    class Counting(ParameterSet):
        def resolve(self, name: str, *, on: Any, region: str | None = None) -> Any:
            calls.append(name)
            return super().resolve(name, on=on, region=region)

    base = ParameterSet.bundled()
    ps = Counting(base._baseline, base.overlays)
    records = [
        {
            "household_id": f"H{i}",
            "county_code": "522701",
            "declared_size": 2,
            "reported_per_capita_income": str(1000 * i),
            "registry_status": "poor",
        }
        for i in range(20)
    ]
    columnar.adjust(frame_of(records), on="2017-12-31", params=ps)
    assert set(calls) <= set(IDENT.parameters) | set(EXIT.parameters)
