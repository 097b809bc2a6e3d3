"""The kernels inside Spark (issue 12): ``mapInArrow`` on a local Spark equals the local run.

Needs pyspark (``requirements/spark.txt``, installed by scripts/check.sh) and a Java runtime
(scripts/check.sh installs Debian's ``default-jre-headless`` where it can); without them the
test skips and prints why. One small job (a few hundred households, two partitions).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pq = pytest.importorskip("pyarrow.parquet")

from columnar_cases import OVERLAY_B, OVERLAY_B_CITY  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.spark import output_schema, spark_columns, spark_mapper  # noqa: E402
from jingzhun.engine.overlays import with_overlays  # noqa: E402
from jingzhun.io.columns import records_to_table  # noqa: E402

COUNTIES = ("520102", "522701", "410102", "410202", "530402", "110101")
GUARANTEES = ("food", "clothing", "compulsory_education", "basic_medical_care",
              "housing_safety", "drinking_water")  # fmt: skip


def _skip(reason: str) -> None:
    print(f"test_spark skipped: {reason}", file=sys.stderr)
    pytest.skip(reason)


def _registry(n: int) -> list[dict[str, Any]]:
    """Households around the line (one fen either side), every guarantee state, some
    income histories and exclusion candidates, over west and non-west counties."""
    out = []
    for i in range(n):
        size = 1 + i % 5
        line = (2952, 3218, 2300)[i % 3] * size * 100 + (i % 3) - 1
        known = {g: bool((i >> k) % 4) for k, g in enumerate(GUARANTEES) if (i + k) % 7}
        record: dict[str, Any] = {
            "household_id": f"H{i:05d}",
            "county_code": COUNTIES[i % len(COUNTIES)],
            "declared_size": size,
            "income_year": 2016 + i % 2,
            "income": {"wages": f"{line // 100}.{line % 100:02d}"},
            "guarantees": known,
        }
        if i % 11 == 0:  # an exclusion fact, and exit steps (exit.household: the scalar rule)
            record["assets"] = {"town_property": True}
            record["exit_steps"] = [{"step": "household_review", "first_day": "2017-10-01"}]
        if i % 13 == 0:
            record["income_history"] = [{"year": 2015, "per_capita": "3100.00"}]
        out.append(record)
    return out


@pytest.fixture(scope="module")
def spark() -> Any:
    if importlib.util.find_spec("pyspark") is None:
        _skip("pyspark is not installed (pip install -r requirements/spark.txt)")
    if shutil.which("java") is None and not Path(str(Path.home())).joinpath(".jdk").exists():
        _skip("no Java runtime (apt-get install default-jre-headless)")
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers: this interpreter
    session = (
        SparkSession.builder.master("local[2]")
        .appName("jingzhun-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "100")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_equals_the_local_columnar_run(spark: Any, tmp_path: Path) -> None:
    table = records_to_table(_registry(400))
    path = tmp_path / "registry.parquet"
    pq.write_table(table, path)
    overlays = (("b", OVERLAY_B), ("b-city", OVERLAY_B_CITY))
    on = "2017-12-31"
    df = spark_columns(spark.read.parquet(str(path))).repartition(2)
    mapper = spark_mapper("exit", on=on, overlays=overlays)
    got = df.mapInArrow(mapper, output_schema("exit"))
    result = pl.from_arrow(got.toArrow()).sort("id")
    local = columnar.exit_households(pl.from_arrow(table), on=on, params=with_overlays(overlays))
    expected = local.with_columns(
        pl.col("outcome").cast(pl.String),
        pl.col("codes").cast(pl.List(pl.String)),
        pl.col("engine").cast(pl.String),
    ).sort("id")
    assert result.height == 400
    assert result.equals(expected)
    assert set(expected["engine"]) == {"columnar", "scalar"}
