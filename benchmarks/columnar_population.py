"""A generated household population in the columnar layout, for the columnar benchmarks.

    population(1_000_000, seed=1)  # polars DataFrame in the household layout

Vectorised (numpy), so a million households take a second or two: ~100 counties (west and
non-west, including the overlay regions 451423, 5304xx, 6109xx and a 比照西部 prefecture),
~30 villages each; size 1–7 from members (most) or the declared size; income from the
components (most), the reported per-capita figure, or missing; some incomes exactly at a
line × size or one fen either side; guarantees met, unmet or unrecorded; income year given
or not; stable income source; identification dates; a few exit steps, local indicators and
exclusion facts (which the kernels leave to the rules).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl

from jingzhun.engine.columnar.layout_cast import GUARANTEE_NAMES, LAYOUT

_PREFIXES = (
    "5201", "5227", "4501", "4514", "6201", "5101", "5304", "6109", "6501", "4228",
    "4101", "4201", "1301", "3401", "3601", "4301", "2224", "1401", "3701", "4401",
)  # fmt: skip
LINES = (2800, 2855, 2952, 2952, 2995, 3218, 4000)  # 2014–2020, for boundary incomes


def counties(n: int = 100, *, local: bool = True) -> list[str]:
    """``n`` county codes; with ``local``, 龙州 (451423, local exit indicators) first."""
    out = ["451423"] if local else []
    i = 0
    while len(out) < n:
        code = f"{_PREFIXES[i % len(_PREFIXES)]}{31 + i // len(_PREFIXES):02d}"
        out.append(code)
        i += 1
    return out


def _fen_to_money(s: pl.Series) -> pl.Series:
    return (s.cast(pl.Decimal(20, 0)) / 100).cast(pl.Decimal(14, 2))


def _guarantee(rng: np.random.Generator, n: int) -> pl.Series:
    r = rng.random(n)
    values = np.where(r < 0.92, 1, np.where(r < 0.97, 0, 2))
    return pl.Series(values).replace_strict({1: True, 0: False, 2: None}, return_dtype=pl.Boolean)


def population(
    n: int, *, seed: int = 1, n_counties: int = 100, villages: int = 30, variety: bool = True
) -> pl.DataFrame:
    """``n`` generated households in the household layout. With ``variety``, also the facts
    the kernels leave to the rules (exclusion facts, 龙州's local indicators); without, the
    benchmark population: income, size, guarantees, region, dates."""
    rng = np.random.default_rng(seed)
    codes = counties(n_counties, local=variety)
    county_i = rng.integers(0, len(codes), n)
    village_i = rng.integers(0, villages, n)
    size = rng.integers(1, 8, n)
    with_members = rng.random(n) < 0.8
    kind = rng.choice(3, n, p=[0.8, 0.15, 0.05])  # components, reported, missing
    year_given = rng.random(n) < 0.5
    year = rng.integers(2013, 2022, n)
    per_capita_fen = rng.integers(100_000, 800_000, n)
    line_fen = np.array(LINES)[rng.integers(0, len(LINES), n)] * 100
    edge = rng.random(n)
    per_capita_fen = np.where(edge < 0.03, line_fen + rng.integers(-1, 2, n), per_capita_fen)
    net_fen = per_capita_fen * size + np.where(edge < 0.015, rng.integers(-1, 2, n), 0)
    costs = rng.integers(0, 100_000, n)
    wages = (net_fen + costs) * 6 // 10
    business = (net_fen + costs) - wages
    base = pl.DataFrame(
        {
            "household_id": pl.Series(np.arange(n)).cast(pl.String).str.zfill(9),
            "county_code": pl.Series(np.array(codes)[county_i]),
            "i_village": village_i,
            "size": size,
            "with_members": with_members,
            "kind": kind,
            "year": year,
            "year_given": year_given,
            "wages": wages,
            "business": business,
            "costs": costs,
            "per_capita": per_capita_fen,
        }
    )
    return _assemble(base, rng, variety)


def _assemble(base: pl.DataFrame, rng: np.random.Generator, variety: bool) -> pl.DataFrame:
    n = base.height
    member = pl.struct(pl.lit("m1").alias("member_id"))
    comp = pl.col("kind") == 0
    cols: dict[str, Any] = {
        "household_id": pl.col("household_id"),
        "county_code": pl.col("county_code"),
        "village_id": pl.col("county_code") + pl.lit("v") + pl.col("i_village").cast(pl.String),
        "declared_size": pl.when(pl.col("with_members")).then(None).otherwise(pl.col("size")),
        "income_year": pl.when(pl.col("year_given")).then(pl.col("year")),
        "income.wages": pl.when(comp).then(pl.col("wages")),
        "income.business": pl.when(comp).then(pl.col("business")),
        "income.business_costs": pl.when(comp).then(pl.col("costs")),
        "reported_per_capita_income": pl.when(pl.col("kind") == 1).then(pl.col("per_capita")),
        "members": pl.when(pl.col("with_members")).then(
            pl.concat_list([member] * 1).list.gather(
                pl.int_ranges(0, pl.col("size")).list.eval(pl.element() * 0)
            )
        ),
    }
    df = base.select(**cols)
    for c in (
        "income.wages",
        "income.business",
        "income.business_costs",
        "reported_per_capita_income",
    ):
        df = df.with_columns(_fen_to_money(df[c]).alias(c))
    df = df.with_columns(
        *[_guarantee(rng, n).alias(f"guarantees.{g}") for g in GUARANTEE_NAMES],
        pl.Series(rng.random(n) < (0.01 if variety else 0)).alias("assets.town_property"),
        pl.Series(np.where(rng.random(n) < 0.8, 1, np.where(rng.random(n) < 0.5, 0, 2)))
        .replace_strict({1: True, 0: False, 2: None}, return_dtype=pl.Boolean)
        .alias("stable_income_source"),
        pl.Series(np.datetime64("2014-10-01") + rng.integers(0, 1800, n).astype("timedelta64[D]"))
        .cast(pl.Date)
        .alias("identified_on"),
    )
    if variety:
        df = df.with_columns(_history(rng, n))
    missing = {c: t for c, t in LAYOUT.items() if c not in df.columns}
    df = df.with_columns(pl.lit(None, dtype=t).alias(c) for c, t in missing.items())
    return df.select(pl.col(c).cast(t) for c, t in LAYOUT.items())


def _history(rng: np.random.Generator, n: int) -> pl.Series:
    """``income_history`` for about a third of the rows: 2014–2020, some years missing, the
    figure near that year's line (at it, a fen either side, or well away)."""
    years = np.arange(2014, 2021)
    line = np.array(LINES) * 100
    near = line[None, :] + rng.integers(-1, 2, (n, len(years)))
    far = rng.integers(150_000, 600_000, (n, len(years)))
    fen = np.where(rng.random((n, len(years))) < 0.3, near, far)
    kept = (rng.random((n, len(years))) < 0.85) & (rng.random(n) < 0.35)[:, None]
    rows, cols = np.nonzero(kept)
    entries = pl.DataFrame(
        {
            "_row": rows,
            "year": years[cols].astype(np.int16),
            "per_capita": _fen_to_money(pl.Series(fen[rows, cols])),
        }
    )
    lists = entries.group_by("_row", maintain_order=True).agg(
        pl.struct("year", "per_capita").alias("income_history")
    )
    full = pl.DataFrame({"_row": np.arange(n)}).join(
        lists, on="_row", how="left", maintain_order="left"
    )
    return full["income_history"]
