"""Generated households and parameter overlays for the columnar differential tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Any

from hypothesis import strategies as st

from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import GUARANTEE_FIELDS

LINES = (2300, 2800, 2855, 2952, 2995, 3218, 4000)
MARGINS = (Decimal("1"), Decimal("1.10"), Decimal("1.15"), Decimal("1.333"))

COUNTIES = (
    "520102",  # 贵州 (west): overlay A
    "522701",  # 黔南 (west): overlay A through the province
    "410102",  # 河南 (non-west): overlay B
    "410202",  # 河南, outside 4101: overlay B only at the province
    "530402",  # 玉溪: bundled exclusion list from 2017
    "610902",  # 安康: bundled exclusion list from 2017-05-03
    "451423",  # 龙州: bundled local exit indicators
    "110101",  # 北京: no overlay
    "422801",  # 恩施 (比照西部)
    "650102",  # 新疆
)

DATES = tuple(
    dt.date.fromisoformat(d)
    for d in (
        "2013-06-30",
        "2014-01-01",
        "2015-12-31",
        "2016-04-27",
        "2016-04-28",
        "2016-12-31",
        "2017-05-02",
        "2017-06-30",
        "2017-12-31",
        "2018-06-14",
        "2018-06-15",
        "2018-12-31",
        "2019-01-01",
        "2019-10-31",
        "2019-11-01",
        "2019-12-31",
        "2020-11-30",
        "2020-12-31",
        "2021-06-30",
        "2022-01-01",
    )
)
"""Before and after each dated wording the two rules read."""


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        rows = ", ".join(
            "{ " + ", ".join(f"{k} = {_value(x)}" for k, x in row.items()) + " }" for row in v
        )
        return f"[{rows}]"
    if isinstance(v, tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return f'"{v}"'


def overlay(region: str, values: dict[str, list[tuple[str, str | None, Any]]]) -> str:
    """An overlay file's text: for each parameter, (from, until, value) periods."""
    out = [f'schema_version = 1\nregion = "{region}"\ntitle = "test {region}"\n']
    for name, periods in values.items():
        out.append(f'[[parameter]]\nname = "{name}"\n')
        for start, until, value in periods:
            out.append(
                "  [[parameter.values]]\n"
                f"  from = {start}\n"
                + (f"  until = {until}\n" if until else "")
                + f"  value = {_value(value)}\n"
                '  status = "local"\n'
                '  source = { title = "test", quote = "test" }\n'
            )
    return "\n".join(out)


OVERLAY_A = overlay(
    "52",
    {
        "identification.guarantee_mode": [
            ("2014-01-01", "2018-01-01", "income_or_unmet_guarantee"),
            ("2018-01-01", None, "income_only"),
        ],
        "identification.guarantee_margin": [("2014-01-01", None, "0.15")],
        "guarantees.drinking_water_counts": [("2014-01-01", None, True)],
        "exit.household.stability_mode": [("2016-04-28", None, "current_year")],
        "exit.household.current_income_year_from_month": [("2014-01-01", None, 12)],
    },
)
"""贵州 (west): the two other guarantee readings in turn, water counted from the start,
stability as the current year, the current year read in December only."""

OVERLAY_B = overlay(
    "41",
    {
        "identification.guarantee_margin": [("2014-01-01", None, "0.333")],
        "exit.household.standard": [("2014-01-01", "2016-04-28", "no_national_standard")],
        "exit.household.stability_mode": [
            ("2016-04-28", "2019-01-01", "years_above_line"),
            ("2019-01-01", None, "stable_income_source"),
        ],
        "poverty_line.nominal": [("2021-01-01", "2023-01-01", "4100")],
    },
)
"""河南 (non-west): a margin of 0.333 (a widened line of a third of a fen), no national exit
standard before 2016, years above the line then a stable source, a line for 2021–2022."""

OVERLAY_B_CITY = overlay(
    "4101",
    {
        "identification.exclusion_list": [
            (
                "2016-01-01",
                None,
                [
                    {
                        "id": "T-1",
                        "criteria": ("town_property", "vehicle"),
                        "zh": "测试",
                        "en": "test",
                    }
                ],
            )
        ],
        "exit.household.local_indicators": [
            ("2016-04-28", None, [{"code": "road", "zh": "通路", "en": "road"}])
        ],
    },
)
"""郑州 (4101): an exclusion list and a local exit indicator (both left to the rules)."""


@cache
def param_sets() -> tuple[tuple[str, ParameterSet], ...]:
    """The bundled parameters, with overlay A, with B (province and city), with both."""
    base = ParameterSet.bundled()
    with_a = base.with_overlay_text(OVERLAY_A, origin="test-A")

    def b(ps: ParameterSet) -> ParameterSet:
        return ps.with_overlay_text(OVERLAY_B, origin="test-B").with_overlay_text(
            OVERLAY_B_CITY, origin="test-B-4101"
        )

    return (("bundled", base), ("A", with_a), ("B", b(base)), ("A+B", b(with_a)))


def _money(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@st.composite
def incomes(draw: st.DrawFn, size: int) -> dict[str, Any]:
    """Income fields: components or a reported figure near a (widened) line, or none."""
    kind = draw(st.sampled_from(["components", "components", "reported", "none"]))
    line = draw(st.sampled_from(LINES)) * 100
    target = int(line * draw(st.sampled_from(MARGINS)))
    near = target + draw(st.integers(-2, 2))  # at the (widened) line, or a fen either side
    per = draw(st.integers(0, 900_000)) if draw(st.booleans()) else near
    if kind == "reported":
        return {"reported_per_capita_income": _money(max(per, 0))}
    if kind == "none":
        return {}
    net = max(per * size + draw(st.integers(-2, 2)), 0)
    costs = draw(st.integers(0, 50_000))
    wages = draw(st.integers(0, net + costs))
    parts = {"wages": wages, "business": net + costs - wages, "business_costs": costs}
    kept = {k: _money(v) for k, v in parts.items() if v or draw(st.booleans())}
    # An all-zero statement would be lost by households_to_frame (fields at their default are
    # left out, so ``income: {}`` has no column): test_api checks it on a layout frame.
    return {"income": kept or {"transfers": "0.01"}}


def _flag(draw: st.DrawFn) -> bool | None:
    return draw(st.sampled_from([True, True, True, False, None]))


VEHICLE_KINDS = ("private_car", "私家车", "motorcycle", "large_farm_vehicle", "工程机械", "other")
PRICES = (None, "29999.99", "30000", "30000.01", "500")


@st.composite
def assets(draw: st.DrawFn) -> dict[str, Any]:
    """Facts the exclusion lists test: property, business, relatives, vehicles near 3万."""
    out: dict[str, Any] = {}
    for flag in ("town_property", "registered_business", "public_servant_relative"):
        if draw(st.integers(0, 3)) == 0:
            out[flag] = True
    vehicles = []
    for _ in range(draw(st.integers(0, 2))):
        price = draw(st.sampled_from(PRICES))
        car = {"kind": draw(st.sampled_from(VEHICLE_KINDS))}
        vehicles.append(car if price is None else {**car, "purchase_price": price})
    if vehicles:
        out["vehicles"] = vehicles
    return out


@st.composite
def household_records(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """One household record (the JSON the loaders accept), shaped for the two rules."""
    size = draw(st.integers(1, 7))
    record: dict[str, Any] = {
        "household_id": f"H{index:05d}",
        "county_code": draw(st.sampled_from(COUNTIES)),
    }
    if draw(st.booleans()):
        cadre = draw(st.integers(0, 20)) == 0
        record["members"] = [
            {"member_id": f"m{i}", **({"village_cadre": True} if cadre and i == 0 else {})}
            for i in range(size)
        ]
    else:
        record["declared_size"] = size
    record.update(draw(incomes(size)))
    if draw(st.booleans()):
        record["income_year"] = draw(st.integers(2012, 2022))
    guarantees = {g: _flag(draw) for g in GUARANTEE_FIELDS}
    record["guarantees"] = {k: v for k, v in guarantees.items() if v is not None}
    source = _flag(draw)
    if source is not None:
        record["stable_income_source"] = source
    if draw(st.booleans()):
        record["identified_on"] = draw(
            st.dates(dt.date(2014, 1, 1), dt.date(2021, 12, 31))
        ).isoformat()
    if draw(st.integers(0, 4)) == 0:
        record["assets"] = draw(assets())
    if draw(st.integers(0, 19)) == 0 and "members" in record:
        record["members"][-1]["public_payroll"] = True
    if draw(st.integers(0, 19)) == 0:
        record["exit_steps"] = [{"step": "household_application", "first_day": "2016-10-01"}]
    if draw(st.integers(0, 9)) == 0:
        record["income_history"] = [
            {"year": y, "per_capita": _money(draw(st.integers(200_000, 500_000)))}
            for y in range(2014, 2021)
            if draw(st.booleans())
        ]
    if draw(st.integers(0, 9)) == 0:
        record["local_indicators"] = {"road": draw(st.booleans())}
    return record


@st.composite
def batches(draw: st.DrawFn, max_size: int = 12, min_size: int = 1) -> list[dict[str, Any]]:
    n = draw(st.integers(min_size, max_size))
    return [draw(household_records(i)) for i in range(n)]
