"""Village incidence and village exit from a household population (bottom-up).

The exit order is bottom-up (《精准扶贫精准脱贫》第十章 二、（一）; ``village_exit``'s
docstring): a village's incidence is its people still poor after the households' own exits
of the year, over its rural population. Per household row (the household layout):

* **with a** ``registry_status`` **column holding a status** (a registry, as ``jingzhun
  adjust`` reads it; a null status in it is ``poor``, as the loader reads an absent one):
  the household is still poor when its status after the yearly adjustment at the node
  ``on`` (31 December) is ``poor`` or ``relapsed`` — what the walkthrough does
  (``jingzhun demo``: the adjusted registry's entries in poverty, summed by village);
* **without one** (no such column, or every status null: a household population): the
  household is still poor when ``identification.household`` is met on ``on`` and
  ``exit.household`` is not met on ``on`` (identified, and not exiting this year).

A household's people are its size as the rules count it (``Household.size``: the members
listed, else ``declared_size``). ``poor_population`` of a village is the sum of the sizes of
its households still poor. ``rural_population`` is the village table's when ``villages`` is
given (the village layout of :mod:`jingzhun.engine.columnar.exit_village`; its
``poor_population`` is replaced by the households' count), else **the sum of the household
sizes of the village in the frame** — the frame is then taken to hold the whole rural
population of each village. Households without a ``village_id`` belong to no village and are
not counted. Then ``exit.village`` is decided for every village by its kernel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import polars as pl

from jingzhun.core.errors import InputError
from jingzhun.core.parameters import ParameterSet


def household_sizes(frame: pl.DataFrame) -> pl.Expr:
    """``Household.size`` of each row: the members listed, else the declared size (else 0)."""
    declared = (
        pl.col("declared_size").cast(pl.Int64).fill_null(0)
        if "declared_size" in frame.columns
        else pl.lit(0, pl.Int64)
    )
    if "members" not in frame.columns or not isinstance(frame.schema["members"], pl.List):
        return declared
    listed = pl.col("members").list.len().fill_null(0).cast(pl.Int64)
    return pl.when(listed > 0).then(listed).otherwise(declared)


def still_poor(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.Series:
    """Whether each household is still poor after the year's exits (see the module docstring)."""
    from jingzhun.engine.columnar import decide

    if "registry_status" in frame.columns and frame["registry_status"].null_count() < frame.height:
        from jingzhun.engine.columnar.adjustment import IN_POVERTY, statuses_after

        after = statuses_after(frame, on, ps)
        return after.is_in(list(IN_POVERTY)).alias("_poor")
    identified = decide("identification.household", frame, on=on, params=ps)["outcome"] == "met"
    rows = identified.arg_true()
    poor = identified.clone()
    if len(rows):  # exit decided only where it matters: the identified households
        exits = decide("exit.household", frame[rows], on=on, params=ps)["outcome"]
        poor = poor.scatter(rows, exits != "met")
    return poor.alias("_poor")


def village_counts(
    frame: pl.DataFrame, poor: pl.Series, counties: np.ndarray[Any, Any] | None = None
) -> pl.DataFrame:
    """Per village of the frame: ``village_id``, ``county_code``, ``poor_population`` and
    ``rural_population`` (the sum of household sizes); a village whose households name more
    than one county is an error naming it. ``counties``: each row's index among the frame's
    distinct county codes (-1: null) when already known
    (:attr:`jingzhun.engine.columnar.groups.Regions.position`)."""
    if "village_id" not in frame.columns:
        raise InputError("缺少village_id列 / the households have no village_id column")
    if counties is None:
        counts = _counts_grouped(frame, poor)
    else:
        counts = _counts_by_position(frame, poor, counties)
    mixed = counts.filter(pl.col("_counties") > 1)["village_id"]
    if len(mixed):
        raise InputError(
            "村的户属于不同的县 / households of one village name several counties: "
            + ", ".join(mixed.head(20).to_list())
        )
    return counts.drop("_counties")


def _counts_by_position(
    frame: pl.DataFrame, poor: pl.Series, counties: np.ndarray[Any, Any]
) -> pl.DataFrame:
    """:func:`_counts_grouped` with each row's county as an integer position (-1: null), so
    a village's counties differ exactly when their least and greatest positions do (integer
    aggregations, no distinct count of strings)."""
    size = frame.select(household_sizes(frame)).to_series()
    counted = pl.select(pl.when(poor.fill_null(False)).then(size).otherwise(0)).to_series()
    return (
        pl.DataFrame(
            {
                "village_id": frame["village_id"],
                "county_code": frame["county_code"],
                "_c": counties,
                "_size": size,
                "_poor": counted,
            }
        )
        .lazy()
        .filter(pl.col("village_id").is_not_null())
        .group_by("village_id", maintain_order=True)
        .agg(
            pl.col("county_code").first(),
            ((pl.col("_c").min() != pl.col("_c").max()).cast(pl.Int64) + 1).alias("_counties"),
            pl.col("_poor").sum().alias("poor_population"),
            pl.col("_size").sum().alias("rural_population"),
        )
        .collect()
    )


def _counts_grouped(frame: pl.DataFrame, poor: pl.Series) -> pl.DataFrame:
    """Per village: its first county, its number of counties, the people still poor, all
    its people (a polars group-by, villages in the order they first appear)."""
    return (
        frame.lazy()
        .select(
            pl.col("village_id"),
            pl.col("county_code"),
            household_sizes(frame).alias("_size"),
            pl.lit(poor).alias("_poor"),
        )
        .filter(pl.col("village_id").is_not_null())
        .group_by("village_id", maintain_order=True)
        .agg(
            pl.col("county_code").first(),
            pl.col("county_code").n_unique().alias("_counties"),
            pl.col("_size").filter(pl.col("_poor")).sum().alias("poor_population"),
            pl.col("_size").sum().alias("rural_population"),
        )
        .collect()
    )


def with_table(counts: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """The village table with ``poor_population`` from the households' counts (0 for a village
    without households); a village of the households missing from the table is an error."""
    if "village_id" not in table.columns:
        raise InputError("村表缺少village_id列 / the village table has no village_id column")
    unknown = counts.join(table.select("village_id"), on="village_id", how="anti")["village_id"]
    if len(unknown):
        raise InputError(
            "户所在的村不在村表中 / villages of the households missing from the village table: "
            + ", ".join(unknown.head(20).to_list())
        )
    poor = counts.select("village_id", pl.col("poor_population").alias("_counted"))
    return (
        table.join(poor, on="village_id", how="left", maintain_order="left")
        .with_columns(pl.col("_counted").fill_null(0).cast(pl.Int64).alias("poor_population"))
        .drop("_counted")
    )


def villages(
    households: Any,
    *,
    on: dt.date,
    params: ParameterSet,
    villages: Any = None,
    poor: pl.Series | None = None,
    counties: np.ndarray[Any, Any] | None = None,
) -> pl.DataFrame:
    """The decision table of ``exit.village`` per village (``id``, ``outcome``, ``codes``,
    ``engine``) with ``county_code``, ``poor_population`` and ``rural_population``;
    ``poor`` (one boolean per household) when the households' verdicts are already known;
    ``counties`` as :func:`village_counts` takes it."""
    from jingzhun.engine.columnar import _frame, decide

    frame = _frame(households)
    if poor is not None and len(poor) != frame.height:
        raise InputError(f"poor: {len(poor)} values for {frame.height} households")
    counts = village_counts(
        frame, still_poor(frame, on, params) if poor is None else poor, counties
    )
    table = counts if villages is None else with_table(counts, _frame(villages))
    out = decide("exit.village", table, on=on, params=params)
    return out.with_columns(
        table["county_code"],
        table["poor_population"].cast(pl.Int64),
        table["rural_population"].cast(pl.Int64),
    )
