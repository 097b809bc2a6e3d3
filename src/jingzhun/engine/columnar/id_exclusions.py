"""Local exclusion lists (几不评, ``identification.exclusion_list`` overlays) for the
``identification.household`` kernel: per row, whether an item of its region's list catches
it (rules/identification/exclusions.py, :meth:`ExclusionItem.matches`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import polars as pl

from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.fields import Invalid, vehicle_kind
from jingzhun.domain.vocabulary import ExclusionCriterion as C
from jingzhun.engine.columnar.groups import Regions, fen
from jingzhun.rules.identification.exclusions import ExclusionItem

_FLAGS = {
    C.TOWN_PROPERTY: pl.col("assets.town_property").fill_null(False),
    C.REGISTERED_BUSINESS: pl.col("assets.registered_business").fill_null(False),
    C.PUBLIC_SERVANT_RELATIVE: pl.col("assets.public_servant_relative").fill_null(False),
    C.PUBLIC_PAYROLL_MEMBER: pl.col("members")
    .list.eval(pl.element().struct.field("public_payroll").fill_null(False))
    .list.any()
    .fill_null(False),
    C.VILLAGE_CADRE_MEMBER: pl.col("members")
    .list.eval(pl.element().struct.field("village_cadre").fill_null(False))
    .list.any()
    .fill_null(False),
}


_COLUMNS = (
    "assets.town_property",
    "assets.registered_business",
    "assets.public_servant_relative",
    "assets.vehicles",
    "members",
)


def exclusion_flags(
    df: pl.DataFrame, at: np.ndarray[Any, Any], regions: Regions, ps: ParameterSet, on: dt.date
) -> tuple[pl.Series, pl.Series]:
    """``_excluded`` (an item of the row's list catches it) and ``_excl_route`` (a vehicle
    kind the loaders would refuse: the rule says why), for the rows ``at``."""
    excluded = np.zeros(df.height, dtype=bool)
    route = np.zeros(df.height, dtype=bool)
    facts = df.select(_COLUMNS)
    for i in np.unique(regions.index[at]).tolist():
        rows = at[regions.index[at] == i]
        resolved = ps.resolve("identification.exclusion_list", on=on, region=regions.codes[i])
        items = [ExclusionItem.from_row(r) for r in resolved.rows()]
        hit, bad = _matches(facts[pl.Series(rows)], items)
        excluded[rows[hit]] = True
        route[rows[bad]] = True
    return pl.Series("_excluded", excluded), pl.Series("_excl_route", route)


def _matches(
    part: pl.DataFrame, items: list[ExclusionItem]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Rows of ``part`` some item catches; rows with a vehicle kind that does not parse."""
    vehicles = (
        part.select(pl.int_range(pl.len()).alias("_r"), pl.col("assets.vehicles").alias("v"))
        .explode("v", empty_as_null=False)
        .drop_nulls("v")
        .unnest("v")
    )
    kinds = {k: vehicle_kind(k) for k in vehicles["kind"].drop_nulls().unique().to_list()}
    bad_kind = [k for k, v in kinds.items() if isinstance(v, Invalid)]
    bad = np.zeros(part.height, dtype=bool)
    bad[vehicles.filter(pl.col("kind").is_in(bad_kind) | pl.col("kind").is_null())["_r"]] = True
    code = pl.col("kind").replace_strict(
        {k: v.value for k, v in kinds.items() if not isinstance(v, Invalid)},
        default=None,
        return_dtype=pl.String,
    )
    price = pl.col("purchase_price").to_physical().cast(pl.Int64)
    hit = np.zeros(part.height, dtype=bool)
    for item in items:
        flags = [_FLAGS[c] for c in item.criteria if c in _FLAGS]
        if flags:
            hit |= part.select(pl.any_horizontal(flags)).to_series().to_numpy()
        if C.VEHICLE in item.criteria:
            cond = pl.lit(True)
            if item.vehicle_kinds is not None:
                cond = cond & code.is_in([k.value for k in item.vehicle_kinds])
            if item.min_vehicle_price is not None:
                cond = cond & price.is_not_null() & (price >= fen(item.min_vehicle_price))
            hit[vehicles.filter(cond)["_r"].to_numpy()] = True
    return hit, bad
