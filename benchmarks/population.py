"""A generated national-scale population for the columnar benchmarks (numpy, seeded).

Households with a declared size of 1–7 (mean ≈ 3.5), the five income components in fen
(most households well above the line, a poor tail, some exactly at ``line × size`` and one
fen either side), the six guarantees (mostly met, some unmet, a few unknown), spread over
~3,000 villages in 100 counties of western and non-western provinces. The same arrays feed
jingzhun's columnar engine and the OpenFisca model, so both compute on one population.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from jingzhun.engine.columnar.layout_cast import GUARANTEE_NAMES, INCOME_COMPONENTS

# Ten provinces, five western (52 贵州, 53 云南, 62 甘肃, 45 广西, 51 四川) and five not.
PROVINCES = ("52", "53", "62", "45", "51", "41", "42", "43", "36", "34")
GUARANTEES = GUARANTEE_NAMES
COMPONENTS = INCOME_COMPONENTS


def counties(n: int = 100) -> np.ndarray:
    """``n`` county codes, ten per province (``PP`` + ``27`` + two digits)."""
    width = len(PROVINCES)
    return np.array([f"{PROVINCES[i % width]}27{i // width:02d}" for i in range(n)])


def generate(
    households: int, *, villages: int = 3030, line_fen: int = 295200, seed: int = 2017
) -> dict[str, Any]:
    """The population as numpy arrays (one entry per column, household order)."""
    rng = np.random.default_rng(seed)
    county_codes = counties()
    village_county = rng.integers(0, len(county_codes), villages)
    village = rng.integers(0, villages, households)
    size = rng.choice(np.arange(1, 8), households, p=[0.08, 0.17, 0.24, 0.23, 0.16, 0.08, 0.04])
    per_capita = rng.lognormal(np.log(9000_00), 0.6, households).astype(np.int64)
    per_capita[rng.random(households) < 0.02] = rng.integers(500_00, line_fen, 1)[0]
    net = per_capita * size
    edge = rng.random(households)
    at_line = line_fen * size
    net = np.where(edge < 0.01, at_line, net)
    net = np.where((edge >= 0.01) & (edge < 0.02), at_line - 1, net)
    net = np.where((edge >= 0.02) & (edge < 0.03), at_line + 1, net)
    costs = (net * rng.uniform(0, 0.2, households)).astype(np.int64)
    gross = net + costs
    wages = (gross * rng.uniform(0.3, 0.7, households)).astype(np.int64)
    business = (gross - wages) // 2
    transfers = (gross - wages - business) // 3
    property_income = gross - wages - business - transfers
    out: dict[str, Any] = {
        "county_index": village_county[village],
        "declared_size": size.astype(np.int32),
        "income_year": np.full(households, 2017, dtype=np.int16),
        "wages": wages,
        "business": business,
        "property_income": property_income,
        "transfers": transfers,
        "business_costs": costs,
    }
    draw = rng.random((households, len(GUARANTEES)))
    for i, name in enumerate(GUARANTEES):
        met = draw[:, i] >= 0.03
        known = draw[:, i] >= 0.005
        out[name] = np.where(known, met, False), known
    stable = rng.random(households)
    out["stable_income_source"] = stable >= 0.05, stable >= 0.01
    out["village_of_household"] = village
    out["village_west"] = np.isin(
        np.array([c[:2] for c in county_codes])[village_county], ("52", "53", "62", "45", "51")
    )
    out["village_county"] = county_codes[village_county]
    out["county_codes"] = county_codes
    return out


def net_income_fen(pop: dict[str, Any]) -> np.ndarray:
    """Net income in fen: the components less the business costs."""
    total: np.ndarray = (
        pop["wages"] + pop["business"] + pop["property_income"] + pop["transfers"]
    ) - pop["business_costs"]
    return total


def states(pop: dict[str, Any], name: str) -> np.ndarray:
    """A recorded yes/no fact as 1 (yes), 0 (no) or -1 (not recorded)."""
    value, known = pop[name]
    out: np.ndarray = np.where(known, value.astype(np.int8), np.int8(-1)).astype(np.int8)
    return out


def to_polars(pop: dict[str, Any]) -> Any:
    """The population in jingzhun's household column layout (dotted columns, money as
    decimal(14, 2) yuan, guarantees and the stable income source nullable booleans)."""
    import polars as pl

    n = len(pop["declared_size"])
    codes = pl.Series(pop["county_codes"])
    frame = pl.DataFrame(
        {
            "household_id": pl.Series(np.arange(n)).cast(pl.String),
            "county_code": codes.gather(pop["county_index"]),
            "village_id": pl.Series(pop["village_of_household"]).cast(pl.String),
            "declared_size": pop["declared_size"],
            "income_year": pop["income_year"],
        }
    ).with_columns(
        ("H" + pl.col("household_id")).alias("household_id"),
        ("V" + pl.col("village_id")).alias("village_id"),
    )
    money = [
        # fen → yuan exactly (dividing a scale-0 decimal would round to whole yuan)
        (pl.Series(f"income.{name}", pop[name]).cast(pl.Decimal(14, 2)) / 100).cast(
            pl.Decimal(14, 2)
        )
        for name in COMPONENTS
    ]
    flags = [
        pl.Series(f"guarantees.{name}", pop[name][0]).set(~pl.Series(pop[name][1]), None)
        for name in GUARANTEES
    ]
    stable = pl.Series("stable_income_source", pop["stable_income_source"][0]).set(
        ~pl.Series(pop["stable_income_source"][1]), None
    )
    return frame.with_columns(*money, *flags, stable)
