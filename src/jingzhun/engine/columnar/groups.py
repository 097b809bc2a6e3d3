"""Group parameter resolution: each parameter resolved once per region, joined onto the rows.

The rules resolve a parameter for a household's county (``ps.resolve(name, on=, region=)``);
here the same call is made once per distinct county (or per distinct (county, year) for the
line of an income year), from the same :class:`~jingzhun.core.parameters.ParameterSet` with
its overlays — never a second copy of a threshold — and the values become a small frame
joined onto the rows by ``county_code``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import polars as pl

from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.regions import normalize_code

Column = tuple[Any, Callable[[str], Any]]
"""A region column: its polars type and how to compute its value for one county."""


def valid_region(code: str | None) -> bool:
    """Whether ``code`` is a division code the rules accept (else the row goes to the rules)."""
    if code is None:
        return False
    try:
        return normalize_code(code) == code
    except ValueError:
        return False


def region_frame(counties: Sequence[str], columns: Mapping[str, Column]) -> pl.DataFrame:
    """One row per county: ``county_code`` and each column computed for it."""
    data: dict[str, list[Any]] = {"county_code": list(counties)}
    for name, (_dtype, compute) in columns.items():
        data[name] = [compute(c) for c in counties]
    schema = {"county_code": pl.String, **{n: t for n, (t, _f) in columns.items()}}
    return pl.DataFrame(data, schema=schema)


def resolve_or_none(
    ps: ParameterSet, name: str, on: dt.date, region: str
) -> ResolvedParameter | None:
    """``ps.resolve`` for one region, ``None`` when no value is in force."""
    try:
        return ps.resolve(name, on=on, region=region)
    except NoValueInForceError:
        return None


def fen(value: Decimal) -> int:
    """A yuan amount as integer fen (exact: an amount with more decimals is refused)."""
    scaled = value * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} yuan is not a whole number of fen")
    return int(scaled)


def line_frame(ps: ParameterSet, pairs: pl.DataFrame) -> pl.DataFrame:
    """The national line of each distinct (county_code, year): ``line_fen`` (null: no line in
    force on 1 January of that year) and ``line_confirmed`` (its source status)."""
    from jingzhun.rules.common.income import line_of_year

    counties = pairs["county_code"].to_list()
    years = pairs["year"].to_list()
    fens: list[int | None] = []
    confirmed: list[bool | None] = []
    for county, year in zip(counties, years, strict=True):
        line = line_of_year(ps, int(year), county) if 1 <= year <= 9999 else None
        fens.append(None if line is None else fen(line.decimal()))
        confirmed.append(None if line is None else line.status == "confirmed")
    return pl.DataFrame(
        {"county_code": counties, "year": years, "line_fen": fens, "line_confirmed": confirmed},
        schema={
            "county_code": pl.String,
            "year": pl.Int32,
            "line_fen": pl.Int64,
            "line_confirmed": pl.Boolean,
        },
    )
