"""Benchmark of registry spreadsheets (issue 11): read, lint and write back a national export.

    python benchmarks/bench_tabular.py            # 50,000 members, as .xlsx and as GBK CSV
    python benchmarks/bench_tabular.py --quick    # 2,000 members

A registry export in the national layout (one row per member, household fields repeated,
coded values, numbers as text, plus columns jingzhun does not model) is generated into a
temporary folder, as .xlsx and as GBK CSV. Each file is then read into household records
(:func:`jingzhun.io.sheet_households.read_households`), linted
(:func:`jingzhun.engine.registry_lint.lint_sheet`), written back (.xlsx, or CSV in UTF-8 with
a BOM) and read again; the cells of the two readings must be identical, unmodelled columns
included. Target (issue 11): each file ≤ 30 s end to end.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

from stdnum.cn import ric

HEADERS = (
    "行政县",
    "乡镇",
    "行政村",
    "自然村",
    "户编号",
    "行政区划代码",
    "人数",
    "贫困户属性",
    "脱贫属性",
    "脱贫年度",
    "主要致贫原因",
    "危房户",
    "饮水安全",
    "人均纯收入",
    "人编号",
    "姓名",
    "证件号码",
    "性别",
    "出生日期",
    "与户主关系",
    "民族",
    "文化程度",
    "在校生状况",
    "健康状况",
    "劳动技能",
    "务工状况",
    "务工时间",
    "参加大病医疗",
    "联系电话",
)
CAUSES = ("因病", "因残", "因学", "缺资金", "缺技术", "缺劳动力", "交通条件落后")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def _id_number(rng: random.Random, birth: str, sex: str) -> str:
    body = f"522729{birth.replace('-', '')}{rng.randrange(10, 99)}"
    body += str(rng.choice((1, 3, 5, 7, 9) if sex == "男" else (0, 2, 4, 6, 8)))
    return body + ric.calc_check_digit(body + "0")


def _member(rng: random.Random, n: int, head_year: int) -> tuple[str, str, str, str, str]:
    """(relation, sex, birth date, school, labour) of member ``n`` of a household."""
    if n == 0:
        sex, year, rel = "男", head_year, "户主"
    elif n == 1:
        sex, year, rel = "女", head_year + rng.randrange(-3, 4), "配偶"  # the head is male
    else:
        sex = rng.choice(("男", "女"))
        year = min(head_year + rng.randrange(22, 35), 2016)
        rel = "之子" if sex == "男" else "之女"
    birth = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    age = 2017 - year
    school = "小学" if 7 <= age <= 12 else "初中" if 13 <= age <= 15 else "非在校生"
    labour = "无劳动力" if age < 16 else "普通劳动力" if age < 60 else "弱劳动力或半劳动力"
    return rel, sex, birth, school, labour


def generate(members: int, seed: int = 11) -> list[list[str]]:
    """Rows of a national export of about ``members`` members."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    h = 0
    while len(rows) < members:
        h += 1
        size = min(rng.randrange(1, 6), members - len(rows))
        hid = f"5227291010{h:06d}"
        head_year = rng.randrange(1940, 1990)
        cause = rng.choice(CAUSES)
        income = f"{rng.randrange(1500, 9000)}.{rng.randrange(0, 100):02d}"
        house = [
            "长顺县", "广顺镇", f"第{h % 40 + 1}村", f"{h % 7 + 1}组", hid,
            f"522729101{h % 40 + 1:03d}", str(size), rng.choice(("一般贫困户", "低保贫困户")),
            rng.choice(("未脱贫", "已脱贫")), rng.choice(("", "2016", "2017")), cause,
            rng.choice(("是", "否")), rng.choice(("是", "否")), income,
        ]  # fmt: skip
        for n in range(size):
            rel, sex, birth, school, labour = _member(rng, n, head_year)
            name = rng.choice(SURNAMES) + rng.choice(SURNAMES)
            rows.append(
                [
                    *house, f"{hid}{n + 1:02d}", name, _id_number(rng, birth, sex), sex, birth,
                    rel, rng.choice(("汉族", "布依族", "苗族")),
                    rng.choice(("小学", "初中", "文盲")),
                    school, rng.choice(("健康", "长期慢性病", "残疾")), labour,
                    rng.choice(("乡（镇）内务工", "县外省内务工", "")), str(rng.randrange(0, 13)),
                    rng.choice(("是", "否")), f"138{rng.randrange(10**7, 10**8)}" if n == 0 else "",
                ]
            )  # fmt: skip
    return rows


def write_inputs(rows: list[list[str]], folder: Path) -> tuple[Path, Path]:
    import openpyxl

    xlsx, gbk = folder / "export.xlsx", folder / "export-gbk.csv"
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet("贫困人口明细")
    ws.append(list(HEADERS))
    for r in rows:
        ws.append(r)
    book.save(str(xlsx))
    with open(gbk, "w", encoding="gbk", newline="") as f:
        csv.writer(f).writerows([HEADERS, *rows])
    return xlsx, gbk


def run(path: Path, out: Path) -> dict[str, float | int | bool]:
    from jingzhun.engine.registry_lint import lint_sheet
    from jingzhun.io.sheet_households import read_households, write_households

    t0 = time.perf_counter()
    sheet = read_households(path)
    t1 = time.perf_counter()
    report = lint_sheet(sheet, on="2017-12-31")
    t2 = time.perf_counter()
    write_households(sheet.households, sheet.sheet.headers, out, sheet.layout)
    t3 = time.perf_counter()
    again = read_households(out)
    same = again.sheet.headers == sheet.sheet.headers and again.sheet.rows == sheet.sheet.rows
    return {
        "rows": len(sheet.sheet.rows),
        "households": len(sheet.households),
        "read_errors": len(sheet.errors),
        "findings": len(report.findings),
        "read_s": round(t1 - t0, 2),
        "lint_s": round(t2 - t1, 2),
        "write_s": round(t3 - t2, 2),
        "total_s": round(t3 - t0, 2),
        "reread_s": round(time.perf_counter() - t3, 2),
        "identical_cells": same,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    members = 2_000 if args.quick else 50_000
    rows = generate(members)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        xlsx, gbk = write_inputs(rows, folder)
        for path, out in ((xlsx, folder / "back.xlsx"), (gbk, folder / "back.csv")):
            result = run(path, out)
            print(f"{path.name}: {result}")
            ok = ok and bool(result["identical_cells"]) and float(result["total_s"]) <= 30
    print("PASS" if ok else "FAIL", f"({members} members; target: identical cells, ≤ 30 s each)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
