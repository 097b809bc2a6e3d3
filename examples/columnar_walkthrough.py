"""The columnar engine on the sample county: a year's identification, household exit and
village exit in one pass, equal to the scalar rules, then a batch run over Parquet and one
row explained by the rule itself.

    python examples/columnar_walkthrough.py        (needs the columnar extra: polars, pyarrow)
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

import jingzhun as jz
from jingzhun.demo.sample import sample_households
from jingzhun.engine import columnar
from jingzhun.engine.columnar.files import decide_file
from jingzhun.io.columns import records_to_table

ON = "2017-12-31"


def main() -> None:
    records = sample_households()
    table = records_to_table(records)  # the household column layout (Arrow)
    ident, exits, villages = columnar.household_year(table, on=ON)
    print("identification:", dict(Counter(ident["outcome"].cast(str).to_list())))
    print("household exit:", dict(Counter(exits["outcome"].cast(str).to_list())))
    print("village exit:  ", dict(Counter(villages["outcome"].cast(str).to_list())))

    households = jz.load_households_text(json.dumps(records)).records
    same = all(
        (row["outcome"], set(row["codes"])) == (d.outcome.value, set(d.codes))
        for row, d in zip(
            exits.iter_rows(named=True),
            (jz.household_exit(h, on=ON) for h in households),
            strict=True,
        )
    )
    print("household exits equal to the scalar rule:", same)

    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "households.parquet", Path(folder) / "exits.parquet"
        pq.write_table(table, source)
        summary = decide_file("exit", source, out, on=ON, batch_rows=500)
        print(summary.line(out.relative_to(folder)))
    first = households[0]
    decision = jz.household_exit(first, on=ON)  # the explanation of any row: the rule's own
    print(first.household_id, decision.outcome.zh, decision.codes)


if __name__ == "__main__":
    main()
