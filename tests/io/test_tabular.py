"""Registry spreadsheets in the national layout: reading (CSV in UTF-8, UTF-8 with BOM and GBK;
.xlsx), the errors of bad files (each naming sheet, row and column), and the cell-level round
trip, unmodelled columns included (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jingzhun.core.errors import InputError
from jingzhun.io.layouts import load_layout
from jingzhun.io.sheet_households import read_households, write_households
from jingzhun.io.tabular import column_letter, read_sheet

HEADER = (
    "户编号,行政区划代码,人数,贫困户属性,主要致贫原因,其他致贫原因,危房户,人均纯收入,"
    "人编号,姓名,性别,出生日期,与户主关系,在校生状况,健康状况,劳动技能,民族,联系电话"
)
ROWS = (
    "H1,522729101,2,一般贫困户,因病,缺资金,否,3200.50,P1,张三,男,1970-01-01,户主,非在校生,"
    "长期慢性病,普通劳动力,苗族,13800000000",
    "H1,522729101,2,一般贫困户,因病,缺资金,否,3200.50,P2,李四,女,1972-03-04,配偶,非在校生,"
    "残疾,弱劳动力或半劳动力,汉族,",
    "H2,522729102,1,低保贫困户,08,,是,2800,P3,王五,1,1950-05-06,户主,非在校生,健康,无劳动力,"
    "布依族,",
)
TEXT = "\n".join((HEADER, *ROWS)) + "\n"


def write(tmp_path: Path, text: str, encoding: str, name: str = "r.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_reads_each_encoding(tmp_path: Path, encoding: str) -> None:
    result = read_households(write(tmp_path, TEXT, encoding))
    assert result.errors == ()
    assert [h.record["household_id"] for h in result.households] == ["H1", "H2"]
    h1 = result.households[0]
    assert h1.record["county_code"] == "522729"
    assert h1.record["other_causes"] == ["lack_of_capital"]
    assert h1.record["guarantees"] == {"housing_safety": True}
    assert h1.record["members"][1] == {
        "member_id": "P2", "name": "李四", "sex": "female", "birth_date": "1972-03-04",
        "relation": "spouse", "school": "not_enrolled", "health": "healthy", "disabled": True,
        "labour": "weak",
    }  # fmt: skip
    assert h1.extra == {"民族": "苗族", "联系电话": "13800000000"}
    assert h1.member_extra == [{}, {"民族": "汉族", "联系电话": ""}]
    assert result.households[1].record["main_cause"] == "lack_of_labour"  # code 08
    assert all(h.household is not None for h in result.households)


def test_encoding_given(tmp_path: Path) -> None:
    result = read_households(write(tmp_path, TEXT, "gbk"), encoding="gb18030")
    assert result.errors == ()


def test_mixed_encodings_named(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes((HEADER + "\n" + ROWS[0] + "\n").encode() + ROWS[1].encode("gbk"))
    with pytest.raises(InputError, match=r"row 3 column D \(贫困户属性\): mixed encodings"):
        read_households(path)


def test_missing_required_column(tmp_path: Path) -> None:
    text = TEXT.replace("户编号", "户号", 1)
    with pytest.raises(InputError, match=r"sheet 'r' row 1: missing required column\(s\) 户编号"):
        read_households(write(tmp_path, text, "utf-8"))


def test_unknown_code_and_bad_number_named(tmp_path: Path) -> None:
    text = TEXT.replace("因病,缺资金,否,3200.50", "因穷,缺资金,否,3200.5x")
    result = read_households(write(tmp_path, text, "utf-8"))
    places = [e.path for e in result.errors]
    assert places == [
        "sheet 'r' row 2 column E (主要致贫原因)",
        "sheet 'r' row 2 column H (人均纯收入)",
    ]  # row 3 repeats the same cells: they are not reported twice
    assert "unknown code '因穷'" in result.errors[0].message


def test_household_fields_must_repeat(tmp_path: Path) -> None:
    text = TEXT.replace(
        "H1,522729101,2,一般贫困户,因病,缺资金,否,3200.50,P2",
        "H1,522729101,2,一般贫困户,因病,缺资金,否,3300,P2",
    )
    result = read_households(write(tmp_path, text, "utf-8"))
    assert [e.path for e in result.errors] == ["sheet 'r' row 3 column H (人均纯收入)"]


def test_schema_error_located(tmp_path: Path) -> None:
    text = TEXT.replace("522729102", "52272")
    result = read_households(write(tmp_path, text, "utf-8"))
    assert [e.path for e in result.errors] == ["sheet 'r' row 4 column B (行政区划代码)"]


def test_csv_round_trip_is_cell_identical(tmp_path: Path) -> None:
    source = write(tmp_path, TEXT, "gbk")
    result = read_households(source)
    out = tmp_path / "back.csv"
    write_households(result.households, result.sheet.headers, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    again = read_sheet(out)
    assert (again.headers, again.rows) == (result.sheet.headers, result.sheet.rows)


def test_a_changed_field_is_rendered_the_rest_kept(tmp_path: Path) -> None:
    text = TEXT.replace("2800,P3", "2800.0,P3").replace(",1,1950", ",1,1950")
    result = read_households(write(tmp_path, text, "utf-8"))
    h2 = result.households[1]
    h2.record["main_cause"] = "illness"
    h2.record["members"][0]["labour"] = "lost"
    out = tmp_path / "changed.csv"
    write_households(result.households, result.sheet.headers, out)
    rows = read_sheet(out).rows
    assert rows[:2] == result.sheet.rows[:2]
    changed = dict(zip(result.sheet.headers, rows[2], strict=True))
    assert changed["主要致贫原因"] == "因病" and changed["劳动技能"] == "丧失劳动力"
    assert changed["人均纯收入"] == "2800.0" and changed["性别"] == "1"  # kept as read
    assert changed["民族"] == "布依族"


def test_xlsx_round_trip_and_merged_cells(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) not installed")
    src = tmp_path / "r.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "明细"
    for line in TEXT.splitlines():
        ws.append(line.split(","))
    book.save(src)
    result = read_households(src)
    assert result.errors == ()
    out = tmp_path / "back.xlsx"
    write_households(result.households, result.sheet.headers, out, sheet="明细")
    again = read_sheet(out)
    assert (again.name, again.headers, again.rows) == (
        "明细",
        result.sheet.headers,
        result.sheet.rows,
    )
    ws.merge_cells("A2:A3")
    book.save(src)
    pytest.importorskip("python_calamine", reason="merged cells are seen through python-calamine")
    with pytest.raises(InputError, match=r"sheet '明细' row 2 column A: merged cells A2:A3"):
        read_households(src)


def test_layout_override(tmp_path: Path) -> None:
    bundled = load_layout()
    assert bundled.name == "national-v2" and bundled.column("证件号码") is not None
    own = tmp_path / "own.toml"
    own.write_text(
        'schema_version = 1\nname = "mine"\nhousehold_key = "户号"\nmember_key = "人号"\n'
        '[[column]]\nheader = "户号"\nfield = "household_id"\nlevel = "household"\n'
        'kind = "text"\nrequired = true\n'
        '[[column]]\nheader = "区划"\nfield = "county_code"\nlevel = "household"\n'
        'kind = "county"\n'
        '[[column]]\nheader = "人号"\nfield = "members.member_id"\nlevel = "member"\n'
        'kind = "text"\n',
        encoding="utf-8",
    )
    path = write(tmp_path, "户号,区划,人号,备注\nA,522729,1,x\n", "utf-8")
    result = read_households(path, layout=load_layout(own))
    assert result.errors == ()
    assert result.households[0].record == {
        "household_id": "A", "county_code": "522729", "members": [{"member_id": "1"}],
    }  # fmt: skip
    assert result.households[0].extra == {"备注": "x"}


def test_bad_layout_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'schema_version = 1\nname = "x"\nhousehold_key = "a"\nmember_key = "b"\n'
        '[[column]]\nheader = "a"\nfield = "household_id"\nlevel = "house"\n'
        'kind = "text"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"column #1 \(a\): unknown level 'house'"):
        load_layout(bad)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


def test_xlsx_without_calamine_reads_with_openpyxl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="openpyxl (the xlsx extra) not installed")
    src = tmp_path / "r.xlsx"
    book = openpyxl.Workbook()
    for line in TEXT.splitlines():
        book.active.append(line.split(","))
    book.save(src)
    monkeypatch.setitem(__import__("sys").modules, "python_calamine", None)
    result = read_households(src)
    assert result.errors == () and len(result.households) == 2
    assert result.sheet.rows == read_sheet(write(tmp_path, TEXT, "utf-8")).rows
