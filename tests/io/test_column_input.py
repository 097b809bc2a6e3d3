"""Reading household columns (Parquet, Arrow IPC, CSV) in chunks: every bad column and row
named (1-based, counted over the whole file), nothing dropped; and ``jingzhun convert``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jingzhun.cli import main
from jingzhun.demo.sample import sample_households
from jingzhun.io.loaders import load_households, load_households_text

pa = pytest.importorskip("pyarrow", reason="pyarrow (the columnar extra) not installed")
pytest.importorskip("polars", reason="polars (the columnar extra) not installed")
pq = pytest.importorskip("pyarrow.parquet")

from jingzhun.io.columns import (  # noqa: E402
    ColumnarInputError,
    read_households,
    records_to_table,
    table_to_records,
)


def _table(n: int = 50) -> Any:
    return records_to_table(sample_households()[:n])


def _loose_type(kind: Any) -> Any:
    if pa.types.is_list(kind):
        return pa.list_(_loose_type(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([f.with_type(_loose_type(f.type)).with_nullable(True) for f in kind])
    return kind


def _loose(table: Any) -> Any:
    """The table as another tool may write it: every column and field nullable."""
    fields = [f.with_type(_loose_type(f.type)).with_nullable(True) for f in table.schema]
    return table.cast(pa.schema(fields))


def _read(path: Path, batch_rows: int = 16) -> Any:
    return pa.Table.from_batches(list(read_households(path, batch_rows=batch_rows)))


def _problems(path: Path, batch_rows: int = 16) -> set[tuple[int | None, str]]:
    with pytest.raises(ColumnarInputError) as caught:
        _read(path, batch_rows)
    return {(p.row, p.column) for p in caught.value.problems}


def test_parquet_and_ipc_read_back_in_chunks_unchanged(tmp_path: Path) -> None:
    table = _table()
    pq.write_table(table, tmp_path / "h.parquet")
    with pa.ipc.new_file(str(tmp_path / "h.arrow"), table.schema) as w:
        w.write(table)
    for name in ("h.parquet", "h.arrow"):
        assert _read(tmp_path / name).equals(table)


def test_compatible_types_are_cast_and_missing_optional_columns_are_null(tmp_path: Path) -> None:
    table = _table().drop_columns(["members", "history"])
    table = table.set_column(3, "declared_size", table.column("declared_size").cast(pa.int64()))
    pq.write_table(table, tmp_path / "h.parquet")
    back = _read(tmp_path / "h.parquet")
    assert back.column("declared_size").type == pa.int32()
    assert back.column("members").null_count == back.num_rows


def test_integer_money_missing_and_unknown_columns_are_named(tmp_path: Path) -> None:
    table = _table().drop_columns(["county_code"])
    table = table.append_column("colour", pa.array(["red"] * table.num_rows))
    i = table.schema.get_field_index("income.wages")
    table = table.set_column(i, "income.wages", pa.array([265700] * table.num_rows, pa.int64()))
    pq.write_table(table, tmp_path / "h.parquet")
    with pytest.raises(ColumnarInputError) as caught:
        read_households(tmp_path / "h.parquet")
    found = {p.column: p for p in caught.value.problems}
    assert set(found) == {"county_code", "colour", "income.wages"}
    assert all(p.row is None for p in found.values())
    assert "fen or yuan" in found["income.wages"].message


def test_nulls_and_duplicate_ids_across_chunks_are_named_by_global_row(tmp_path: Path) -> None:
    records = sample_households()[:40]
    records[35] = {**records[35], "household_id": records[3]["household_id"]}
    table = _loose(records_to_table(records))
    county = table.column("county_code").to_pylist()
    county[20] = None
    members = table.column("members").to_pylist()
    members[30][0]["member_id"] = None
    table = table.set_column(1, table.schema.field(1), pa.array(county))
    j = table.schema.get_field_index("members")
    table = table.set_column(
        j, table.schema.field(j), pa.array(members, table.schema.field(j).type)
    )
    pq.write_table(table, tmp_path / "h.parquet")
    with pytest.raises(ColumnarInputError) as caught:
        _read(tmp_path / "h.parquet", batch_rows=16)
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {(21, "county_code"), (31, "members.member_id")}  # rows 17-32: one chunk
    county[20], members[30][0]["member_id"] = "610999", "m"
    table = table.set_column(1, table.schema.field(1), pa.array(county))
    table = table.set_column(
        j, table.schema.field(j), pa.array(members, table.schema.field(j).type)
    )
    pq.write_table(table, tmp_path / "h.parquet")
    with pytest.raises(ColumnarInputError) as caught:
        _read(tmp_path / "h.parquet", batch_rows=16)
    (dup,) = caught.value.problems
    assert (dup.row, dup.record_id) == (36, records[3]["household_id"])
    assert "first at row 4" in dup.message


def _csv(path: Path, rows: list[dict[str, Any]]) -> None:
    import csv

    names = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, names)
        writer.writeheader()
        writer.writerows(rows)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("income", "guarantees", "assets"):
            for k, v in value.items():
                out[f"{key}.{k}"] = json.dumps(v, ensure_ascii=False) if k == "vehicles" else v
        elif isinstance(value, list | dict):
            out[key] = json.dumps(value, ensure_ascii=False)
        else:
            out[key] = value
    return out


def test_csv_dotted_columns_and_json_lists_read_to_equal_households(tmp_path: Path) -> None:
    records = sample_households()[:30]
    _csv(tmp_path / "h.csv", [_flat(r) for r in records])
    back = table_to_records(_read(tmp_path / "h.csv"))
    before = load_households_text(json.dumps(records, ensure_ascii=False))
    after = load_households_text(json.dumps(back, ensure_ascii=False))
    assert after.ok and after.records == before.records


def test_csv_bad_cells_are_named(tmp_path: Path) -> None:
    rows = [_flat(r) for r in sample_households()[:3]]
    rows[1]["income.wages"] = "12.345"
    rows[2]["members"] = "[{"
    _csv(tmp_path / "h.csv", rows)
    assert _problems(tmp_path / "h.csv") == {(2, "income.wages"), (3, "members")}


def test_convert_round_trip_json_parquet_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "h.json"
    src.write_text(
        json.dumps({"households": sample_households()}, ensure_ascii=False), encoding="utf-8"
    )
    for a, b in (
        ("h.json", "h.parquet"),
        ("h.parquet", "h.jsonl"),
        ("h.jsonl", "h.arrow"),
        ("h.arrow", "h2.json"),
    ):
        assert main(["convert", str(tmp_path / a), str(tmp_path / b)]) == 0
    first = load_households(src)
    for name in ("h.jsonl", "h2.json"):
        again = load_households(tmp_path / name)
        assert again.ok and again.records == first.records
    assert "1520 households" in capsys.readouterr().out


def test_convert_bad_input_exits_2_naming_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rec = {"household_id": "a", "county_code": "610999", "declared_size": 1}
    lines = [rec, {**rec, "income": {"wages": 1.005}}, rec]
    (tmp_path / "h.jsonl").write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    assert main(["convert", str(tmp_path / "h.jsonl"), str(tmp_path / "h.parquet")]) == 2
    err = capsys.readouterr().err
    assert "row 2 (a) income.wages" in err and "1.005" in err
    assert not (tmp_path / "h.parquet").exists()
    lines[1] = rec
    (tmp_path / "h.jsonl").write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    assert main(["convert", str(tmp_path / "h.jsonl"), str(tmp_path / "h.parquet")]) == 2
    assert "row 2 (a) household_id" in capsys.readouterr().err
