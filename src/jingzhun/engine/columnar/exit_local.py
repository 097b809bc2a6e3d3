"""Local household exit indicators (``exit.household.local_indicators``, overlays such as
龙州's 八有一超) for the ``exit.household`` kernel: per row, whether a listed indicator is
recorded unmet or not recorded, against the list of the row's region."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import polars as pl

from jingzhun.core.parameters import ParameterSet
from jingzhun.engine.columnar.groups import Regions


def local_indicator_flags(
    df: pl.DataFrame, rows: pl.DataFrame, regions: Regions, ps: ParameterSet, on: dt.date
) -> list[pl.Series]:
    """``_local_unmet``, ``_local_unknown`` (bool) and ``_local_binding`` (0/1) per row; all
    false where the row's region lists no indicator (or the 2016 standard is not in force)."""
    n = rows.height
    unmet, unknown = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    at = np.flatnonzero(((rows["_standard"] == 2) & (rows["_local"] > 0)).to_numpy())
    listed: dict[str, list[str]] = {}
    binding: dict[str, int] = {}
    for i in np.unique(regions.index[at]).tolist():
        county = regions.codes[i]
        found = ps.resolve("exit.household.local_indicators", on=on, region=county).rows()
        listed[county] = [r["code"] for r in found]
        flag = ps.resolve("exit.household.extra_indicators_binding", on=on, region=county)
        binding[county] = int(flag.flag())
    if len(at):
        _flags(df, regions, at, listed, unmet, unknown)
    return [
        pl.Series("_local_unmet", unmet),
        pl.Series("_local_unknown", unknown),
        regions.column("_local_binding", binding.get),
    ]


def _flags(
    df: pl.DataFrame,
    regions: Regions,
    at: np.ndarray[Any, Any],
    listed: dict[str, list[str]],
    unmet: np.ndarray[Any, Any],
    unknown: np.ndarray[Any, Any],
) -> None:
    codes = [(regions.codes.index(c), code) for c, items in listed.items() for code in items]
    table = pl.DataFrame(
        {"_ri": [r for r, _ in codes], "_code": [c for _, c in codes]},
        schema={"_ri": pl.Int64, "_code": pl.String},
    )
    needed = pl.DataFrame({"_row": at, "_ri": regions.index[at]}).join(table, on="_ri")
    have = (
        pl.DataFrame({"_row": at, "i": df["local_indicators"].gather(pl.Series(at))})
        .explode("i", empty_as_null=False)
        .drop_nulls("i")
        .unnest("i")
        .drop_nulls("met")
        .unique(subset=["_row", "name"], keep="last", maintain_order=True)
    )
    joined = needed.join(have, left_on=["_row", "_code"], right_on=["_row", "name"], how="left")
    row = joined["_row"].to_numpy()
    unmet[row[joined["met"].eq_missing(False).to_numpy()]] = True
    unknown[row[joined["met"].is_null().to_numpy()]] = True
