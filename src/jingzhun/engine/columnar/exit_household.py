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
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.engine.columnar import facts as fx
from jingzhun.engine.columnar.contract import Verdict, combined, decided, pack, spec_codes
from jingzhun.engine.columnar.groups import Regions, resolve_or_none
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


def _regions(regions: Regions, on: dt.date, ps: ParameterSet) -> list[pl.Series]:
    """The rule's parameters of each row's region (resolved once per region)."""

    def get(name: str, county: str) -> ResolvedParameter:
        return ps.resolve(name, on=on, region=county)

    standard: dict[str, int] = {}
    for c in regions.codes:
        found = resolve_or_none(ps, "exit.household.standard", on, c)
        standard[c] = _STANDARDS[None if found is None else found.choice(ExitStandard)]
    decided_ = [c for c in regions.codes if standard[c]]
    month = {c: get("exit.household.current_income_year_from_month", c).integer() for c in decided_}
    default = {c: on.year if on.month >= m else on.year - 1 for c, m in month.items()}
    opinion = [c for c in decided_ if standard[c] == 2]
    mode = {
        c: _STABILITY[get("exit.household.stability_mode", c).choice(StabilityMode)]
        for c in opinion
    }
    water = {c: get("guarantees.drinking_water_counts", c).flag() for c in opinion}
    local = {c: bool(get("exit.household.local_indicators", c).rows()) for c in opinion}
    return [
        regions.valid(),
        regions.column("_standard", standard.get),
        regions.column("_default_year", default.get),
        regions.column("_stability", mode.get),
        regions.column("_water", water.get),
        regions.column("_local", local.get),
    ]


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """Household exit of each row (see the module docstring for what goes to the rule)."""
    df = fx.complete(frame)
    regions = Regions(df["county_code"])
    source = pl.col("stable_income_source")
    rows = (
        df.lazy()
        .with_columns(fx.fen_columns())
        .select(
            *fx.row_facts(),
            *fx.guarantee_facts(),
            pl.col("income_year").cast(pl.Int32),
            (pl.col("identified_on").is_not_null() & (pl.col("identified_on") > on)).alias(
                "_before"
            ),
            pl.when(source.is_null()).then(0).when(source).then(1).otherwise(2).alias("_source"),
            (pl.col("exit_steps").list.len().fill_null(0) > 0).alias("_steps"),
        )
        .collect()
        .with_columns(_regions(regions, on, ps))
    )
    rows = rows.with_columns(
        pl.col("income_year").cast(pl.Int64).fill_null(pl.col("_default_year")).alias("year")
    )
    keep = rows["_standard"].to_numpy() > 0
    year = rows["year"].fill_null(0).to_numpy()
    rows = rows.with_columns(regions.lines(ps, year, keep))
    line = pl.col("line_fen")
    rows = rows.with_columns(
        fx.above(pl.col("_value_fen"), pl.col("_size"), pl.col("_income_kind"), line).alias(
            "_above"
        ),
        *fx.considered(pl.col("_water") > 0),
    )
    route = (
        pl.col("_invalid")
        | ~pl.col("_region")
        | (pl.col("_standard") == 2)
        & (
            (pl.col("_local") > 0)
            | (pl.col("_stability") == _STABILITY[StabilityMode.YEARS_ABOVE_LINE])
            | pl.col("_steps")
        )
        | (line.is_not_null() & (line <= 0))
    )
    out = rows.select(pack(FIELDS).alias("_k"), route.alias("_route"))
    return decided(out["_k"], out["_route"], FIELDS, decide, spec_codes(rule.SPEC))


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
