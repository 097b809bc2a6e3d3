"""Differential tests: the columnar kernels against the scalar rules, row for row.

For generated batches of households (boundaries at the line × size and the widened line, one
fen either side; missing income, size and guarantees; every guarantee mode and stability
reading through overlays; west and non-west counties; decision dates either side of each
dated wording), the outcome and the code set of every row equal the rule's Decision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from columnar_cases import DATES, batches, param_sets  # noqa: E402
from jingzhun.core.parameters import ParameterSet  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.layout_cast import to_layout  # noqa: E402
from jingzhun.io.converters import household_from_dict  # noqa: E402
from jingzhun.io.frames import households_to_frame  # noqa: E402
from jingzhun.rules.exit import household_exit  # noqa: E402
from jingzhun.rules.identification import identify_household  # noqa: E402

RULES = (
    (columnar.identify, identify_household),
    (columnar.exit_households, household_exit),
)


def disagreements(
    records: list[dict[str, Any]], on: dt.date, ps: ParameterSet
) -> list[tuple[str, str, Any, Any]]:
    households = [household_from_dict(r) for r in records]
    frame = to_layout(households_to_frame(households, "polars"))
    found = []
    for kernel, rule in RULES:
        out = kernel(frame, on=on, params=ps)
        assert out["id"].to_list() == [h.household_id for h in households]
        for h, row in zip(households, out.iter_rows(named=True), strict=True):
            d = rule(h, on=on, params=ps)
            if (row["outcome"], set(row["codes"])) != (d.outcome.value, set(d.codes)):
                found.append((rule.__name__, h.household_id, row, (d.outcome.value, d.codes)))
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches(), on=st.sampled_from(DATES), which=st.integers(0, 3))
def test_kernels_equal_the_rules_on_generated_batches(
    batch: list[dict[str, Any]], on: dt.date, which: int
) -> None:
    name, ps = param_sets()[which]
    assert disagreements(batch, on, ps) == [], name


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=batches(min_size=30, max_size=40))
def test_every_date_and_parameter_set_on_a_batch(batch: list[dict[str, Any]]) -> None:
    """A batch through every date and every parameter set (each dated wording is met)."""
    for name, ps in param_sets():
        for on in DATES:
            assert disagreements(batch, on, ps) == [], (name, on)
