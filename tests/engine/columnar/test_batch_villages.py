"""``jingzhun batch villages``: village incidence and exit (EXIT2016-3.2-b, 贫困发生率降至2％以下)
over a whole household file, bottom-up, chunk by chunk, equal to the scalar rules."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

pl = pytest.importorskip("polars")
pq = pytest.importorskip("pyarrow.parquet")

import jingzhun as jz  # noqa: E402
from jingzhun.cli import main  # noqa: E402
from jingzhun.demo.sample import sample_households  # noqa: E402
from jingzhun.io.columns import records_to_table  # noqa: E402

ON = "2017-12-31"


def test_batch_villages_in_chunks_equals_the_scalar_rules(tmp_path: Path) -> None:
    """EXIT2016-3.2-b: each village's poor people (identified, not exited on the node) over its
    people, decided by ``exit.village``; five chunks give what the scalar rules give."""
    records = sample_households()
    source = tmp_path / "households.parquet"
    pq.write_table(records_to_table(records), source)
    out = tmp_path / "villages.parquet"
    argv = ["batch", "villages", str(source), "--on", ON, "--out", str(out)]
    assert main([*argv, "--batch-rows", "300", "--no-progress"]) == 0
    table = pl.read_parquet(out)
    households = jz.load_households_text(json.dumps(records)).records
    poor: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for h in households:
        assert h.village_id is not None
        people[h.village_id] += h.size
        identified = jz.identify_household(h, on=ON).outcome is jz.Outcome.MET
        if identified and jz.household_exit(h, on=ON).outcome is not jz.Outcome.MET:
            poor[h.village_id] += h.size
    assert sorted(table["id"].to_list()) == sorted(people)
    for row in table.iter_rows(named=True):
        village = jz.Village(
            village_id=row["id"],
            county_code=households[0].county_code,
            rural_population=people[row["id"]],
            poor_population=poor[row["id"]],
        )
        expected = jz.village_exit(village, on=ON)
        assert (row["outcome"], set(row["codes"])) == (expected.outcome.value, set(expected.codes))
