"""Kernel of ``exit.household`` (rules/exit/household.py, stability.py), branch for branch.

Vectorised: an exit before the identification date; the exit standard in force (none, the
pre-2016 income reading, the 2016 opinion); the income year given or defaulted (by
``exit.household.current_income_year_from_month``); income from the components or the
reported figure, or missing; the line of the income year and its source status; 超过
exactly in fen; the ``current_year`` and ``stable_income_source`` readings of 稳定;
guarantees with safe drinking water counted or not; no local indicators in force; no
procedure recorded; the ``years_above_line`` reading (each earlier year's
``income_history`` figure above that year's line). Local indicator lists
in force (overlays) are vectorised too (:mod:`jingzhun.engine.columnar.exit_local`).
Left to the rule: recorded exit steps, records the loaders refuse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import polars as pl

from jingzhun.core.decisions import Effect
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.engine.columnar import facts as fx
from jingzhun.engine.columnar.contract import Verdict, combined, decided, pack, spec_codes
from jingzhun.engine.columnar.exit_local import local_indicator_flags
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
    ("history_unknown", pl.col("_history_unknown"), 1),
    ("history_not_above", pl.col("_history_not_above"), 1),
    ("local_unmet", pl.col("_local_unmet"), 1),
    ("local_unknown", pl.col("_local_unknown"), 1),
    ("local_binding", pl.col("_local_binding"), 1),
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
    years = {
        c: get("exit.household.stable_years", c).integer()
        for c in opinion
        if mode[c] == _STABILITY[StabilityMode.YEARS_ABOVE_LINE]
    }
    return [
        regions.valid(),
        regions.column("_standard", standard.get, narrow=True),
        regions.column("_default_year", default.get, narrow=True),
        regions.column("_stability", mode.get, narrow=True),
        regions.column("_water", water.get, narrow=True),
        regions.column("_local", local.get, narrow=True),
        regions.column("_stable_years", years.get, narrow=True),
    ]


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """Household exit of each row (see the module docstring for what goes to the rule)."""
    return kernel_of(fx.Shared(frame), on, ps)


def kernel_of(shared: fx.Shared, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """:func:`kernel` on the row facts already computed for the frame."""
    df, regions = shared.df, shared.regions
    rows = pl.DataFrame(_regions(regions, on, ps))
    rows = rows.with_columns(
        df["income_year"].cast(pl.Int64).fill_null(rows["_default_year"]).alias("year")
    )
    keep = rows["_standard"].to_numpy() > 0
    lines = regions.lines(ps, rows["year"].fill_null(0).to_numpy(), keep)
    extra = [*_history(df, rows, regions, ps), *local_indicator_flags(df, rows, regions, ps, on)]
    source = pl.col("stable_income_source")
    line = pl.col("line_fen")
    route = (
        pl.col("_invalid")
        | ~pl.col("_region")
        | (pl.col("_standard") == 2) & (pl.col("_steps") | pl.col("_history_invalid"))
        | (line <= 0)
    )
    out = (
        shared.with_rows("identified_on", "stable_income_source", "exit_steps", "income_year")
        .with_columns(*rows.get_columns(), *lines, *extra)
        .with_columns(
            (pl.col("identified_on").is_not_null() & (pl.col("identified_on") > on)).alias(
                "_before"
            ),
            pl.when(source.is_null()).then(0).when(source).then(1).otherwise(2).alias("_source"),
            (pl.col("exit_steps").list.len().fill_null(0) > 0).alias("_steps"),
        )
        .with_columns(
            fx.above(pl.col("_value_fen"), pl.col("_size"), pl.col("_income_kind"), line).alias(
                "_above"
            ),
            *fx.considered(pl.col("_water") > 0),
        )
        .select(pack(FIELDS).alias("_k"), route.fill_null(False).alias("_route"))
        .collect()
    )
    return decided(out["_k"], out["_route"], FIELDS, decide, spec_codes(rule.SPEC))


def _history(
    df: pl.DataFrame, rows: pl.DataFrame, regions: Regions, ps: ParameterSet
) -> list[pl.Series]:
    """The ``years_above_line`` reading: for each earlier year of the last
    ``exit.household.stable_years`` (the income year itself is compared above), whether its
    ``income_history`` figure or that year's line is missing (``_history_unknown``) or the
    figure is not above the line (``_history_not_above``); ``_history_invalid``: a history
    entry the loaders refuse (the rule says why)."""
    n = rows.height
    flags = {k: np.zeros(n, dtype=bool) for k in ("unknown", "not_above", "invalid")}
    years_mode = _STABILITY[StabilityMode.YEARS_ABOVE_LINE]
    mask = ((rows["_standard"] == 2) & (rows["_stability"] == years_mode)).to_numpy()
    at = np.flatnonzero(mask)
    if len(at):
        _history_flags(df, rows, regions, ps, at, flags)
    return [pl.Series(f"_history_{k}", v) for k, v in flags.items()]


def _history_flags(
    df: pl.DataFrame,
    rows: pl.DataFrame,
    regions: Regions,
    ps: ParameterSet,
    at: np.ndarray[Any, Any],
    flags: dict[str, np.ndarray[Any, Any]],
) -> None:
    take = pl.Series(at)
    sub = pl.DataFrame(
        {"_row": at, "_year": rows["year"].gather(take), "_k": rows["_stable_years"].gather(take)}
    )
    needed = (
        sub.with_columns(
            pl.int_ranges(pl.col("_year") - pl.col("_k") + 1, pl.col("_year")).alias("_y")
        )
        .explode("_y", empty_as_null=False)
        .drop_nulls("_y")
    )
    entries = (
        pl.DataFrame({"_row": at, "h": df["income_history"].gather(take)})
        .explode("h", empty_as_null=False)
        .drop_nulls("h")
        .unnest("h")
    )
    bad = entries.filter(
        pl.col("year").is_null()
        | pl.col("per_capita").is_null()
        | (pl.col("year") < 1978)
        | (pl.col("year") > 2100)
    )
    flags["invalid"][bad["_row"].to_numpy()] = True
    history = entries.select(
        "_row",
        pl.col("year").cast(pl.Int64).alias("_y"),
        pl.col("per_capita").to_physical().cast(pl.Int64).alias("_per"),
    ).unique(subset=["_row", "_y"], keep="last", maintain_order=True)  # the last entry counts
    joined = needed.join(history, on=["_row", "_y"], how="left")
    ri = regions.index[joined["_row"].to_numpy()]
    line, _confirmed = regions.lines(
        ps, joined["_y"].to_numpy(), np.ones(joined.height, dtype=bool), index=ri
    )
    per = joined["_per"]
    unknown = (per.is_null() | line.is_null()).to_numpy()
    not_above = (~unknown) & (per <= line).fill_null(False).to_numpy()
    rows_at = joined["_row"].to_numpy()
    flags["unknown"][rows_at[unknown]] = True
    flags["not_above"][rows_at[not_above]] = True


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
    if mode is StabilityMode.YEARS_ABOVE_LINE:
        out = []
        if f["history_unknown"]:
            out.append((st.HX_STABILITY_UNKNOWN.code, Effect.BLOCKS))
        if f["history_not_above"]:
            out.append((st.HX_YEAR_NOT_ABOVE.code, Effect.OPPOSES))
        return out or [(st.HX_YEARS_ABOVE.code, Effect.SUPPORTS)]
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
    if f["local_unmet"]:
        effect = Effect.OPPOSES if f["local_binding"] else Effect.NOTE
        reasons.append((rule.HX_LOCAL_UNMET.code, effect))
    if f["local_unknown"] and f["local_binding"]:
        reasons.append((rule.HX_LOCAL_UNKNOWN.code, Effect.BLOCKS))
    reasons.append((rule.HX_PROCEDURE_NOT_RECORDED.code, Effect.NOTE))
    return combined(reasons)
