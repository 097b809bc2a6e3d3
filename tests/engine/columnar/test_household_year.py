"""``columnar.household_year``: identification, household exit and villages in one pass are
the same tables as ``identify``, ``exit_households`` and ``villages`` called one by one."""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from jingzhun.core.errors import InputError  # noqa: E402
from jingzhun.demo.sample import sample_households  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.io.columns import records_to_table  # noqa: E402


@pytest.mark.parametrize("on", ["2016-12-31", "2017-12-31", "2018-06-30"])
def test_household_year_equals_the_three_calls(on: str) -> None:
    frame = pl.from_arrow(records_to_table(sample_households()))
    ident, exits, villages = columnar.household_year(frame, on=on)
    assert ident.equals(columnar.identify(frame, on=on))
    assert exits.equals(columnar.exit_households(frame, on=on))
    poor = (ident["outcome"] == "met") & (exits["outcome"] != "met")
    assert villages.equals(columnar.villages(frame, on=on, poor=poor))
    assert villages.equals(columnar.villages(frame, on=on))


def test_a_village_in_two_counties_is_named() -> None:
    frame = pl.from_arrow(records_to_table(sample_households()))
    first = frame.row(0, named=True)
    other = "522701" if first["county_code"] != "522701" else "110101"
    same = (frame["village_id"] == first["village_id"]).arg_true()
    assert len(same) > 1
    changed = frame.with_columns(
        pl.when(pl.int_range(pl.len()) == same[-1])
        .then(pl.lit(other))
        .otherwise(pl.col("county_code"))
        .alias("county_code")
    )
    with pytest.raises(InputError, match=first["village_id"]):
        columnar.household_year(changed, on="2017-12-31")
    with pytest.raises(InputError, match=first["village_id"]):
        columnar.villages(changed, on="2017-12-31")
