"""Columnar village incidence and exit, and the yearly adjustment, on a generated population.

    python benchmarks/bench_villages.py [households]     # default 1,000,000

Prints one table: seconds per step and the share of rows left to the scalar rules.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import population


def _timed(label: str, rows: list[tuple[str, float, int, float]], fn: Any, n: int) -> Any:
    start = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - start
    scalar = float((out["engine"] == "scalar").mean()) if "engine" in out.columns else 0.0
    rows.append((label, seconds, n, scalar))
    return out


def main(households: int = 1_000_000) -> None:
    import polars as pl

    from jingzhun.engine import columnar
    from jingzhun.engine.columnar.adjustment import statuses_after
    from jingzhun.rules.common.params import param_set

    ps = param_set(None)
    pop = population.generate(households)
    frame = population.to_polars(pop)
    rng = np.random.default_rng(7)
    statuses = np.array(["poor", "exited", "not_registered", "relapsed"])[
        rng.choice(4, households, p=[0.3, 0.2, 0.45, 0.05])
    ]
    registry = frame.with_columns(pl.Series("registry_status", statuses))
    rows: list[tuple[str, float, int, float]] = []
    on = "2017-12-31"
    out = _timed(
        "villages (household population)",
        rows,
        lambda: columnar.villages(frame, on=on, params=ps),
        households,
    )
    table = out.select(
        pl.col("id").alias("village_id"), "county_code", "poor_population", "rural_population"
    )
    _timed(
        "exit.village kernel (village counts)",
        rows,
        lambda: columnar.decide("exit.village", table, on=on, params=ps),
        table.height,
    )
    from decimal import Decimal

    n = table.height
    with_reference = table.with_columns(
        pl.lit(Decimal("5000.00"), pl.Decimal(14, 2)).alias("per_capita_net_income"),
        pl.lit(Decimal("0"), pl.Decimal(14, 2)).alias("collective_income"),
        pl.col("county_code").str.slice(0, 2).alias("reference.code"),
        pl.lit("province").alias("reference.level"),
        pl.lit(Decimal("0.0720"), pl.Decimal(10, 4)).alias("reference.poverty_incidence"),
        pl.lit(Decimal("9000.00"), pl.Decimal(14, 2)).alias("reference.average_per_capita_income"),
        pl.lit(2013, pl.Int16).alias("reference.year"),
    )
    _timed(
        "identification.village kernel (village figures)",
        rows,
        lambda: columnar.decide("identification.village", with_reference, on=on, params=ps),
        n,
    )
    counties = pl.DataFrame({"county_code": population.counties()}).with_columns(
        pl.lit(True).alias("key_county")
    )
    _timed(
        "counties (households; exit.county scalar)",
        rows,
        lambda: columnar.counties(frame, on=on, params=ps, counties=counties),
        households,
    )
    _timed(
        "dynamic.adjustment (registry)",
        rows,
        lambda: columnar.adjust(registry, on=on, params=ps),
        households,
    )
    _timed(
        "status after the adjustment",
        rows,
        lambda: statuses_after(registry, columnar_date(on), ps).to_frame(),
        households,
    )
    _timed(
        "villages (registry, after the adjustment)",
        rows,
        lambda: columnar.villages(registry, on=on, params=ps),
        households,
    )
    print(f"{'step':<50} {'rows':>10} {'seconds':>8} {'rows/s':>12} {'scalar':>7}")
    for label, seconds, n, scalar in rows:
        print(f"{label:<50} {n:>10,} {seconds:>8.2f} {n / seconds:>12,.0f} {scalar:>7.2%}")


def columnar_date(on: str) -> Any:
    from jingzhun.core.dates import as_date

    return as_date(on)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
