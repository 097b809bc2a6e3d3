"""The household column layout (issue 12) as polars types, and a cast to it.

One row per household, the JSON record's fields as columns: an object becomes dotted
columns (``income.wages``, ``guarantees.food``), an array stays a list column. Money is
``decimal(14, 2)`` yuan; ``local_indicators`` is ``list<struct<name, met>>`` (polars has
no map type). :func:`to_layout` takes the frame :func:`jingzhun.io.frames.households_to_frame`
writes (money as text, days as ISO text, indicators as ``local_indicators.<code>`` columns)
and returns it in this layout; columns the frame lacks are added as nulls.
"""

from __future__ import annotations

from typing import Any, Final

import attrs
import polars as pl

from jingzhun.domain.model import GUARANTEE_FIELDS, IncomeStatement

MONEY: Final = pl.Decimal(14, 2)

INCOME_COMPONENTS: Final = tuple(a.name for a in attrs.fields(IncomeStatement))
GUARANTEE_NAMES: Final = GUARANTEE_FIELDS

MEMBER: Final = pl.Struct(
    {
        "member_id": pl.String,
        "relation": pl.String,
        "name": pl.String,
        "id_number": pl.String,
        "sex": pl.String,
        "birth_date": pl.Date,
        "labour": pl.String,
        "health": pl.String,
        "disabled": pl.Boolean,
        "school": pl.String,
        "public_payroll": pl.Boolean,
        "village_cadre": pl.Boolean,
    }
)
STEP: Final = pl.Struct(
    {
        "step": pl.String,
        "first_day": pl.Date,
        "last_day": pl.Date,
        "objections": pl.Int32,
        "objections_resolved": pl.Int32,
    }
)

LAYOUT: Final[dict[str, Any]] = {
    "household_id": pl.String,
    "county_code": pl.String,
    "village_id": pl.String,
    "declared_size": pl.Int32,
    "income_year": pl.Int16,
    **{f"income.{c}": MONEY for c in INCOME_COMPONENTS},
    "reported_per_capita_income": MONEY,
    **{f"guarantees.{g}": pl.Boolean for g in GUARANTEE_NAMES},
    "main_cause": pl.String,
    "other_causes": pl.List(pl.String),
    "household_type": pl.String,
    "assets.vehicles": pl.List(pl.Struct({"kind": pl.String, "purchase_price": MONEY})),
    "assets.town_property": pl.Boolean,
    "assets.registered_business": pl.Boolean,
    "assets.public_servant_relative": pl.Boolean,
    "members": pl.List(MEMBER),
    "helper": pl.String,
    "measures": pl.List(pl.String),
    "exit_target_year": pl.Int16,
    "identified_on": pl.Date,
    "stable_income_source": pl.Boolean,
    "income_history": pl.List(pl.Struct({"year": pl.Int16, "per_capita": MONEY})),
    "local_indicators": pl.List(pl.Struct({"name": pl.String, "met": pl.Boolean})),
    "exit_steps": pl.List(STEP),
    "registry_status": pl.String,
    "history": pl.List(pl.Struct({"on": pl.Date, "status": pl.String, "action": pl.String})),
}
"""Column name → polars type of the household layout."""


def _cast(name: str, dtype: Any, current: Any) -> pl.Expr:
    col = pl.col(name)
    if dtype == MONEY and current == pl.String:
        return col.str.to_decimal(scale=2).cast(MONEY)
    if dtype == pl.Date and current == pl.String:
        return col.str.to_date("%Y-%m-%d")
    if isinstance(dtype, pl.List) and isinstance(current, pl.List):
        inner = dtype.inner
        if isinstance(inner, pl.Struct) and isinstance(current.inner, pl.Struct):
            return col.list.eval(_struct_cast(pl.element(), inner, current.inner))
    return col.cast(dtype)


def _struct_cast(expr: pl.Expr, target: pl.Struct, current: pl.Struct) -> pl.Expr:
    have = {f.name: f.dtype for f in current.fields}
    fields = []
    for f in target.fields:
        if f.name not in have:
            fields.append(pl.lit(None, dtype=f.dtype).alias(f.name))
            continue
        part = expr.struct.field(f.name)
        if f.dtype == MONEY and have[f.name] == pl.String:
            part = part.str.to_decimal(scale=2)
        elif f.dtype == pl.Date and have[f.name] == pl.String:
            part = part.str.to_date("%Y-%m-%d")
        fields.append(part.cast(f.dtype).alias(f.name))
    return pl.struct(fields)


def _indicators(frame: pl.DataFrame) -> pl.Expr:
    """``local_indicators.<code>`` columns as one ``list<struct<name, met>>`` column."""
    names = [c.partition(".")[2] for c in frame.columns if c.startswith("local_indicators.")]
    if not names:
        return pl.lit(None, dtype=LAYOUT["local_indicators"]).alias("local_indicators")
    items = [
        pl.when(pl.col(f"local_indicators.{n}").is_not_null()).then(
            pl.struct(pl.lit(n).alias("name"), pl.col(f"local_indicators.{n}").alias("met"))
        )
        for n in names
    ]
    return pl.concat_list(items).list.drop_nulls().alias("local_indicators")


def to_layout(frame: pl.DataFrame) -> pl.DataFrame:
    """A households frame (as ``households_to_frame(..., 'polars')`` writes it) in the layout."""
    schema = frame.schema
    exprs: list[pl.Expr] = []
    for name, dtype in LAYOUT.items():
        if name == "local_indicators" and name not in schema:
            exprs.append(_indicators(frame))
        elif name in schema and schema[name] != pl.Null:
            exprs.append(_cast(name, dtype, schema[name]).alias(name))
        else:
            exprs.append(pl.lit(None, dtype=dtype).alias(name))
    return frame.select(exprs)
