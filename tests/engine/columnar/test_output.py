"""Decision tables on disk (issue 12): ``jingzhun batch``, the run document, ``explain``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from columnar_cases import OVERLAY_B, OVERLAY_B_CITY  # noqa: E402
from jingzhun.cli import main  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.engine.columnar.output import (  # noqa: E402
    dimension_tables,
    read_document,
)
from jingzhun.engine.overlays import with_overlays  # noqa: E402
from jingzhun.io.columns import records_to_table  # noqa: E402

GUARANTEES = ("food", "clothing", "compulsory_education", "basic_medical_care",
              "housing_safety", "drinking_water")  # fmt: skip
RECORDS: list[dict[str, Any]] = [
    {"household_id": "A", "county_code": "520102", "declared_size": 3,
     "income": {"wages": "8855.99"}, "income_year": 2016, "guarantees": {"food": True}},
    {"household_id": "B", "county_code": "410102", "declared_size": 2,
     "reported_per_capita_income": "2952.00", "assets": {"town_property": True},
     "exit_steps": [{"step": "household_review", "first_day": "2017-10-01"}]},
    {"household_id": "C", "county_code": "110101", "members": [{"member_id": "m"}]},
    {"household_id": "D", "county_code": "410102", "declared_size": 1, "income_year": 2016,
     "income": {"wages": "2951.99"}, "guarantees": dict.fromkeys(GUARANTEES, True)},
]  # fmt: skip


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.parquet"
    pq.write_table(records_to_table(RECORDS), path)
    return path


@pytest.fixture
def overlays(tmp_path: Path) -> list[str]:
    (tmp_path / "b.toml").write_text(OVERLAY_B, encoding="utf-8")
    (tmp_path / "b-city.toml").write_text(OVERLAY_B_CITY, encoding="utf-8")
    return ["--overlay", str(tmp_path / "b.toml"), "--overlay", str(tmp_path / "b-city.toml")]


@pytest.mark.parametrize("suffix", [".parquet", ".arrow", ".csv"])
def test_batch_writes_the_table_the_engine_computes(
    registry: Path, overlays: list[str], tmp_path: Path, suffix: str, capsys: Any
) -> None:
    out = tmp_path / f"decisions{suffix}"
    argv = ["batch", "exit", str(registry), "--on", "2017-12-31", "--out", str(out)]
    assert main([*argv, *overlays, "--batch-rows", "3"]) == 0
    assert "4 rows of exit.household" in capsys.readouterr().out
    ps = with_overlays([(o, Path(o).read_text(encoding="utf-8")) for o in overlays[1::2]])
    frame = pl.from_arrow(records_to_table(RECORDS))
    expected = columnar.exit_households(frame, on="2017-12-31", params=ps)
    if suffix == ".csv":
        got = pl.read_csv(out)
        assert got["codes"].to_list() == [";".join(c) for c in expected["codes"].to_list()]
    else:
        got = pl.read_parquet(out) if suffix == ".parquet" else pl.read_ipc(out)
        assert got.equals(expected)
    assert got["engine"].to_list() == ["columnar", "scalar", "columnar", "columnar"]
    assert (suffix == ".parquet") != (tmp_path / f"decisions{suffix}.jingzhun.json").exists()


def test_the_run_document_is_written_once_with_ids(
    registry: Path, overlays: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "d.parquet"
    argv = ["batch", "identify", str(registry), "--on", "2017-12-31", "--out", str(out)]
    assert main([*argv, *overlays]) == 0
    doc = read_document(out)
    run = doc["run"]
    assert (run["rule"], run["on"], run["rows"]) == ("identification.household", "2017-12-31", 4)
    assert [o["origin"] for o in run["overlays"]] == overlays[1::2]
    assert run["engine"] == {"columnar": 4}  # recorded exit steps matter to exit only
    names = {p["name"] for p in doc["parameters"]}
    assert {"poverty_line.nominal", "identification.guarantee_margin"} <= names
    margin = [p for p in doc["parameters"] if p["name"] == "identification.guarantee_margin"]
    assert {m["value"] for m in margin if "410102" in m["regions"]} == {"0.333"}
    citations = {c["id"] for c in doc["citations"]}
    assert all(p["source"] in citations for p in doc["parameters"])
    assert all(p["id"].startswith("p:") for p in doc["parameters"])
    tables = dimension_tables(doc)
    assert tables["parameters"].num_rows == len(doc["parameters"])
    # the ids of compact decisions (jingzhun.core.references): a clause's citation by its id
    assert "BOOK2017-ch5-end-b" in {c["id"] for c in doc["citations"]}


def test_explain_prints_the_rules_decision_of_one_row(
    registry: Path, overlays: list[str], tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "d.parquet"
    argv = ["batch", "identify", str(registry), "--on", "2017-12-31", "--out", str(out)]
    assert main([*argv, *overlays]) == 0
    capsys.readouterr()
    assert main(["explain", str(out), "--id", "B", "--households", str(registry)]) == 0
    decision = json.loads(capsys.readouterr().out)
    assert decision["subject"] == "B"
    assert "ID_EXCLUDED_BY_LOCAL_LIST" in [r["code"] for r in decision["reasons"]]
    assert main(["explain", str(out), "--id", "Z", "--households", str(registry)]) == 2
    assert "no row with id 'Z'" in capsys.readouterr().err


def test_bad_input_is_named_and_nothing_is_written(tmp_path: Path, capsys: Any) -> None:
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"household_id": ["A", "A"], "county_code": ["520102", None]}), bad)
    out = tmp_path / "d.parquet"
    assert main(["batch", "exit", str(bad), "--on", "2017-12-31", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "county_code" in err and "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob(".d.parquet.*"))
    assert main(["batch", "exit", str(bad), "--on", "2017-12-31", "--out", "x.txt"]) == 2


def test_a_duplicate_id_chunks_apart_is_named_with_its_first_row(tmp_path: Path) -> None:
    from jingzhun.io.columns import ColumnarInputError, read_households

    ids = [f"H{i}" for i in range(9)] + ["H1", "H8"]
    path = tmp_path / "dupes.parquet"
    pq.write_table(pa.table({"household_id": ids, "county_code": ["520102"] * len(ids)}), path)
    with pytest.raises(ColumnarInputError) as caught:
        list(read_households(path, batch_rows=2))
    text = str(caught.value)
    assert "row 10 (H1)" in text and "first at row 2" in text


def test_unknown_names_are_refused_before_any_work() -> None:
    from jingzhun.core.errors import InputError
    from jingzhun.engine.columnar.spark import output_schema, spark_mapper

    assert output_schema("exit") == "id string, outcome string, codes array<string>, engine string"
    with pytest.raises(InputError, match="no columnar kernel"):
        spark_mapper("nope", on="2016-12-31")


def test_the_spark_mapper_without_spark_equals_the_engine() -> None:
    """What a Spark worker runs, on record batches with Spark's spelling of dotted names."""
    from jingzhun.engine.columnar.spark import spark_mapper

    table = records_to_table(RECORDS)
    renamed = table.rename_columns([c.replace(".", "__") for c in table.column_names])
    out = pa.Table.from_batches(
        list(spark_mapper("identify", on="2016-12-31")(iter(renamed.to_batches(max_chunksize=2))))
    )
    assert out.schema.field("codes").type == pa.list_(pa.string())
    expected = columnar.identify(table, on="2016-12-31")
    assert out.column("id").to_pylist() == expected["id"].to_list()
    assert out.column("codes").to_pylist() == [list(c) for c in expected["codes"].to_list()]
