"""Row facts every household kernel reads: size, income in fen, guarantees, validity.

Exact: money is ``decimal(14, 2)`` yuan, read as its integer fen; the comparison of a
per-capita income with a line is ``net_fen < line_fen × size`` in integers, never floats.
"""

from __future__ import annotations

from typing import Final

import polars as pl

from jingzhun.core.errors import InputError
from jingzhun.engine.columnar.layout_cast import GUARANTEE_NAMES, INCOME_COMPONENTS, LAYOUT, MONEY

NEEDED: Final = (
    "household_id",
    "county_code",
    "declared_size",
    "income_year",
    *(f"income.{c}" for c in INCOME_COMPONENTS),
    "reported_per_capita_income",
    *(f"guarantees.{g}" for g in GUARANTEE_NAMES),
    "assets.vehicles",
    "assets.town_property",
    "assets.registered_business",
    "assets.public_servant_relative",
    "members",
    "identified_on",
    "stable_income_source",
    "income_history",
    "local_indicators",
    "exit_steps",
)
"""The layout columns the household kernels read (absent ones are taken as null)."""

INCOME_NONE: Final = 0
INCOME_COMPONENTS_KIND: Final = 1
INCOME_REPORTED: Final = 2


def complete(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with every column the kernels read (absent ones added as typed nulls)."""
    schema = frame.schema
    _check_money(schema)
    fixed = [
        pl.lit(None, dtype=LAYOUT[c]).alias(c)
        if c not in schema or schema[c] == pl.Null
        else pl.col(c).cast(LAYOUT[c])
        for c in NEEDED
        if c not in schema or schema[c] != LAYOUT[c]
    ]
    return frame.with_columns(fixed) if fixed else frame


def _check_money(schema: pl.Schema) -> None:
    """Money columns are decimals with two places (fen): anything else could round."""
    money = [c for c in NEEDED if LAYOUT[c] == MONEY and c in schema and schema[c] != pl.Null]
    bad = [f"{c} ({schema[c]})" for c in money if not _two_places(schema[c])]
    if bad:
        raise InputError(
            "金额列应为两位小数的decimal / money columns must be decimal with scale 2 "
            f"(yuan and fen, never rounded): {', '.join(bad)}"
        )


def _two_places(dtype: object) -> bool:
    return isinstance(dtype, pl.Decimal) and dtype.scale == 2


def _fen(name: str) -> pl.Expr:
    """A money column as Int64 fen (the decimal's scaled integer, no rounding)."""
    return pl.col(name).to_physical().cast(pl.Int64)  # decimal(14, 2): complete() casts


def fen_columns() -> list[pl.Expr]:
    """First stage: the money columns as fen (``_fen.<name>``) and the members counted."""
    names = [*(f"income.{c}" for c in INCOME_COMPONENTS), "reported_per_capita_income"]
    return [
        *(_fen(n).alias(f"_fen.{n}") for n in names),
        pl.col("members").list.len().fill_null(0).alias("_members"),
    ]


def row_facts() -> list[pl.Expr]:
    """Per-row columns (after :func:`fen_columns`): ``_size``, ``_income_kind``,
    ``_value_fen`` (net income for the components, the per-capita figure as reported),
    ``_invalid`` (a record the loaders refuse on the fields read here: the rules will say
    why)."""
    members = pl.col("_members")
    size = pl.when(members > 0).then(members).otherwise(pl.col("declared_size").cast(pl.Int64))
    parts = [pl.col(f"_fen.income.{c}") for c in INCOME_COMPONENTS]
    has_components = pl.any_horizontal([p.is_not_null() for p in parts])
    gross = pl.sum_horizontal(parts[:4])  # nulls count as 0
    net = gross - parts[4].fill_null(0)
    reported = pl.col("_fen.reported_per_capita_income")
    kind = (
        pl.when(has_components)
        .then(INCOME_COMPONENTS_KIND)
        .when(reported.is_not_null())
        .then(INCOME_REPORTED)
        .otherwise(INCOME_NONE)
    )
    negative = pl.min_horizontal(parts) < 0
    year = pl.col("income_year")
    invalid = (
        pl.col("household_id").is_null()
        | pl.col("household_id").str.contains(r"^\s*$")
        | size.is_null()
        | (size <= 0)
        | (pl.col("declared_size").fill_null(0) < 0)
        | negative.fill_null(False)
        | (year.is_not_null() & ((year < 1978) | (year > 2100)))
    )
    return [
        size.fill_null(1).alias("_size"),
        kind.cast(pl.Int64).alias("_income_kind"),
        pl.when(has_components).then(net).otherwise(reported).alias("_value_fen"),
        invalid.alias("_invalid"),
    ]


def guarantee_facts() -> list[pl.Expr]:
    """Per row: a guarantee of the five recorded false / not recorded (``_unmet5``,
    ``_unknown5``), and safe drinking water false / not recorded (``_water_unmet``,
    ``_water_unknown``): whether water is considered is the region's parameter."""
    five = [pl.col(f"guarantees.{g}") for g in GUARANTEE_NAMES[:5]]
    drink = pl.col("guarantees.drinking_water")
    return [
        pl.any_horizontal([g.eq_missing(False) for g in five]).alias("_unmet5"),
        pl.any_horizontal([g.is_null() for g in five]).alias("_unknown5"),
        drink.eq_missing(False).alias("_water_unmet"),
        drink.is_null().alias("_water_unknown"),
    ]


def considered(water: pl.Expr) -> list[pl.Expr]:
    """``_unmet``/``_unknown`` over the guarantees considered (water where ``water``)."""
    return [
        (pl.col("_unmet5") | (water & pl.col("_water_unmet"))).alias("_unmet"),
        (pl.col("_unknown5") | (water & pl.col("_water_unknown"))).alias("_unknown"),
    ]


def exclusion_candidate() -> pl.Expr:
    """Whether the household has a fact some local exclusion item tests (as the rule asks)."""
    members = pl.col("members")
    return (
        (pl.col("assets.vehicles").list.len().fill_null(0) > 0)
        | pl.col("assets.town_property").fill_null(False)
        | pl.col("assets.registered_business").fill_null(False)
        | pl.col("assets.public_servant_relative").fill_null(False)
        | members.list.eval(
            pl.element().struct.field("public_payroll").fill_null(False)
            | pl.element().struct.field("village_cadre").fill_null(False)
        )
        .list.any()
        .fill_null(False)
    )


def below(
    value: pl.Expr, size: pl.Expr, kind: pl.Expr, line_num: pl.Expr, den: int | pl.Expr = 1
) -> pl.Expr:
    """Exactly whether the per-capita income is below ``line_num / den`` fen: components as
    ``net × den < line_num × size``, a reported per-capita figure as ``value × den < line_num``."""
    per = pl.when(kind == INCOME_COMPONENTS_KIND).then(size).otherwise(1)
    return value * den < line_num * per


def above(value: pl.Expr, size: pl.Expr, kind: pl.Expr, line_num: pl.Expr) -> pl.Expr:
    """Exactly whether the per-capita income is above ``line_num`` fen (超过: not the line)."""
    per = pl.when(kind == INCOME_COMPONENTS_KIND).then(size).otherwise(1)
    return value > line_num * per


SHARED_COLUMNS: Final = (
    "_size",
    "_income_kind",
    "_value_fen",
    "_invalid",
    "_unmet5",
    "_unknown5",
    "_water_unmet",
    "_water_unknown",
)
"""The row facts both household kernels read (:func:`row_facts`, :func:`guarantee_facts`)."""


class Shared:
    """The per-row facts of one frame that identification and exit share, computed once:
    the completed frame, its regions, and :data:`SHARED_COLUMNS` (one lazy query)."""

    def __init__(self, frame: pl.DataFrame) -> None:
        from concurrent.futures import ThreadPoolExecutor

        from jingzhun.engine.columnar.groups import Regions

        self.frame = frame
        self.df = complete(frame)
        rows = self.df.lazy().with_columns(*fen_columns()).select(*row_facts(), *guarantee_facts())
        with ThreadPoolExecutor(1) as pool:  # the regions while polars computes the facts
            regions = pool.submit(Regions, self.df["county_code"])
            self.rows = rows.collect()
            self.regions = regions.result()

    def with_rows(self, *columns: str) -> pl.LazyFrame:
        """The shared facts and the frame's ``columns``, as one lazy frame to build on."""
        return pl.DataFrame([*self.df.select(columns), *self.rows]).lazy()
