"""Kernel of ``exit.household`` (rules/exit/household.py, stability.py), branch for branch.

Vectorised: an exit before the identification date; the exit standard in force (none, the
pre-2016 income reading, the 2016 opinion); the income year given or defaulted (by
``exit.household.current_income_year_from_month``); income from the components or the
reported figure, or missing; the line of the income year and its source status; 超过
exactly in fen; the ``current_year`` and ``stable_income_source`` readings of 稳定;
guarantees with safe drinking water counted or not; no local indicators in force; no
procedure recorded. Left to the rule: the ``years_above_line`` reading (income history),
local indicator lists in force (overlays), recorded exit steps, records the loaders refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Final

import polars as pl

from jingzhun.core.decisions import Effect
from jingzhun.core.parameters import ParameterSet
from jingzhun.engine.columnar import facts as fx
from jingzhun.engine.columnar.contract import Verdict, attach, combined, decide_keys, pack
from jingzhun.engine.columnar.groups import line_frame, region_frame, resolve_or_none, valid_region
from jingzhun.rules.exit import household as rule
from jingzhun.rules.exit import stability as st
from jingzhun.rules.exit.household import ExitStandard
from jingzhun.rules.exit.stability import StabilityMode

_STANDARDS: Final = {
    None: 0,
    ExitStandard.NO_NATIONAL_STANDARD: 0,
    ExitStandard.INCOME_ABOVE_LINE: 1,
    ExitStandard.EXIT_OPINION_2016: 2,
}
_STABILITY: Final = {m: i for i, m in enumerate(StabilityMode)}
_STABILITY_OF: Final = {i: m for m, i in _STABILITY.items()}

FIELDS: Final = (
    ("before", pl.col("_before"), 1),
    ("standard", pl.col("_standard"), 2),
    ("defaulted", pl.col("income_year").is_null(), 1),
    ("kind", pl.col("_income_kind"), 2),
    ("line", pl.col("line_fen").is_not_null(), 1),
    ("above", pl.col("_above"), 1),
    ("confirmed", pl.col("line_confirmed"), 1),
    ("stability", pl.col("_stability"), 2),
    ("source", pl.col("_source"), 2),
    ("unmet", pl.col("_unmet"), 1),
    ("unknown", pl.col("_unknown"), 1),
)


def _regions(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    counties = [c for c in frame["county_code"].unique().to_list() if valid_region(c)]
    standard: dict[str, int] = {}
    for c in counties:
        found = resolve_or_none(ps, "exit.household.standard", on, c)
        standard[c] = _STANDARDS[None if found is None else found.choice(ExitStandard)]
    decided = [c for c in counties if standard[c]]
    month = {
        c: ps.resolve("exit.household.current_income_year_from_month", on=on, region=c).integer()
        for c in decided
    }
    opinion = [c for c in decided if standard[c] == 2]
    mode = {
        c: _STABILITY[
            ps.resolve("exit.household.stability_mode", on=on, region=c).choice(StabilityMode)
        ]
        for c in opinion
    }
    water = {
        c: ps.resolve("guarantees.drinking_water_counts", on=on, region=c).flag() for c in opinion
    }
    local = {
        c: bool(ps.resolve("exit.household.local_indicators", on=on, region=c).rows())
        for c in opinion
    }
    return region_frame(
        counties,
        {
            "_standard": (pl.Int64, lambda c: standard[c]),
            "_default_year": (
                pl.Int32,
                lambda c: (on.year if on.month >= month[c] else on.year - 1) if c in month else None,
            ),
            "_stability": (pl.Int64, lambda c: mode.get(c)),
            "_water": (pl.Boolean, lambda c: water.get(c)),
            "_local": (pl.Boolean, lambda c: local.get(c)),
        },
    )


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """Household exit of each row (see the module docstring for what goes to the rule)."""
    df = fx.complete(frame)
    df = df.with_columns(fx.row_facts()).join(
        _regions(df, on, ps), on="county_code", how="left", maintain_order="left"
    )
    year = pl.col("income_year").cast(pl.Int32).fill_null(pl.col("_default_year"))
    df = df.with_columns(year.alias("year"))
    pairs = (
        df.filter(pl.col("_standard").fill_null(0) > 0)
        .select("county_code", "year")
        .unique()
        .drop_nulls()
    )
    df = df.join(line_frame(ps, pairs), on=["county_code", "year"], how="left", maintain_order="left")
    source = pl.col("stable_income_source")
    df = df.with_columns(
        (pl.col("identified_on").is_not_null() & (pl.col("identified_on") > on)).alias("_before"),
        fx.above(pl.col("_value_fen"), pl.col("_size"), pl.col("_income_kind"), pl.col("line_fen"))
        .alias("_above"),
        pl.when(source.is_null()).then(0).when(source).then(1).otherwise(2).alias("_source"),
        *fx.guarantee_facts(pl.col("_water").fill_null(False)),
    )
    route = (
        pl.col("_invalid")
        | pl.col("_standard").is_null()
        | (pl.col("_standard") == 2)
        & (
            pl.col("_local").fill_null(False)
            | (pl.col("_stability") == _STABILITY[StabilityMode.YEARS_ABOVE_LINE])
            | (pl.col("exit_steps").list.len().fill_null(0) > 0)
        )
        | (pl.col("line_fen").is_not_null() & (pl.col("line_fen") <= 0))
    )
    df = df.with_columns(pack(FIELDS).alias("_k"), route.alias("_route"))
    keys = df.filter(~pl.col("_route"))["_k"]
    return attach(df, "_k", decide_keys(keys, FIELDS, decide), "_route")


def _income(f: Mapping[str, int]) -> list[tuple[str, Effect]]:
    if f["kind"] == fx.INCOME_NONE:
        return [(rule.HX_INCOME_MISSING.code, Effect.BLOCKS)]
    if not f["line"]:
        return [(rule.HX_NO_LINE.code, Effect.BLOCKS)]
    out = [
        (rule.HX_INCOME_ABOVE.code, Effect.SUPPORTS)
        if f["above"]
        else (rule.HX_INCOME_NOT_ABOVE.code, Effect.OPPOSES)
    ]
    if not f["confirmed"]:
        out.append((rule.HX_LINE_UNCONFIRMED.code, Effect.NOTE))
    return out


def _stability(f: Mapping[str, int]) -> list[tuple[str, Effect]]:
    mode = _STABILITY_OF[f["stability"]]
    if mode is StabilityMode.CURRENT_YEAR:
        return [(st.HX_CURRENT_YEAR_ONLY.code, Effect.NOTE)]
    if mode is not StabilityMode.STABLE_INCOME_SOURCE:
        raise AssertionError("years_above_line rows are decided by the rule")
    if f["source"] == 0:
        return [(st.HX_STABILITY_UNKNOWN.code, Effect.BLOCKS)]
    if f["source"] == 1:
        return [(st.HX_STABLE_SOURCE.code, Effect.SUPPORTS)]
    return [(st.HX_NO_STABLE_SOURCE.code, Effect.OPPOSES)]


def _guarantees(f: Mapping[str, int]) -> list[tuple[str, Effect]]:
    out = []
    if f["unmet"]:
        out.append((rule.HX_GUARANTEE_UNMET.code, Effect.OPPOSES))
    if f["unknown"]:
        out.append((rule.HX_GUARANTEE_UNKNOWN.code, Effect.BLOCKS))
    return out or [(rule.HX_GUARANTEES_MET.code, Effect.SUPPORTS)]


def decide(f: Mapping[str, int]) -> Verdict:
    """The decision of one combination of facts, as ``household_exit`` takes it."""
    reasons: list[tuple[str, Effect]] = []
    if f["before"]:
        reasons.append((rule.HX_BEFORE_IDENTIFICATION.code, Effect.BLOCKS))
    if f["standard"] == 0:
        return combined([*reasons, (rule.HX_NO_STANDARD.code, Effect.BLOCKS)])
    reasons += _income(f)
    if f["defaulted"]:
        reasons.append((rule.HX_INCOME_YEAR_DEFAULTED.code, Effect.NOTE))
    if f["standard"] == 1:
        return combined([*reasons, (rule.HX_PRE_2016_READING.code, Effect.NOTE)])
    reasons += _stability(f)
    reasons += _guarantees(f)
    reasons.append((rule.HX_PROCEDURE_NOT_RECORDED.code, Effect.NOTE))
    return combined(reasons)
