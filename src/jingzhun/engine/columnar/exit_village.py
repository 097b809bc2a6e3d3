"""Kernel of ``exit.village`` (rules/exit/village.py, rules/exit/common.py), branch for branch.

A frame in the village layout: one row per village, ``village_id``, ``county_code``,
``rural_population``, ``poor_population`` (integers), and optionally ``reported_incidence``
(a decimal column: its scale is the written precision the rule's rounding tolerance reads;
a string column is left to the rule), ``exit_factors`` (list<struct<name, value>>),
``exit_steps`` (list<struct<step, first_day, last_day, objections, objections_resolved>>)
and ``name``.

Vectorised: the standard in force or not; the regional threshold (west or not) and its
wording (以下/低于/…: every :class:`~jingzhun.core.bounds.Bound`), compared exactly in
integers (``poor × den`` against ``num × rural``); a rural population of 0; a reported
incidence contradicting the counts beyond its own rounding (exactly, in integers); a
threshold set by an overlay (原则上); the 比照西部 note; comprehensive factors recorded; no
procedure recorded. Left to the rule: recorded exit steps (dates against the notice
period), a reported incidence given as text, counts the loaders refuse (poor above rural,
negative), an invalid county code, thresholds or counts too large for exact int64
arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import polars as pl

from jingzhun.core.bounds import Bound
from jingzhun.core.decisions import Effect
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet
from jingzhun.engine.columnar.contract import Verdict, combined, decided, pack, spec_codes
from jingzhun.engine.columnar.groups import Regions
from jingzhun.rules.exit import village as rule
from jingzhun.rules.exit.common import COMPARE_WEST, compare_west_note, regional_threshold

_BOUNDS: Final = (Bound.AT_OR_BELOW, Bound.BELOW, Bound.ABOVE, Bound.AT_OR_ABOVE)
_LIMIT: Final = 1 << 31
"""Counts, numerators and denominators below this multiply exactly in int64."""

FIELDS: Final = (
    ("standard", pl.col("_standard") > 0, 1),
    ("zero", pl.col("_rural") == 0, 1),
    ("contradicts", pl.col("_contradicts"), 1),
    ("ok", pl.col("_ok"), 1),
    ("overlay", pl.col("_overlay") > 0, 1),
    ("west_note", pl.col("_west_note") > 0, 1),
    ("factors", pl.col("_factors"), 1),
)

VILLAGE_COLUMNS: Final = {
    "village_id": pl.String,
    "county_code": pl.String,
    "name": pl.String,
    "rural_population": pl.Int64,
    "poor_population": pl.Int64,
}
"""The village layout's scalar columns (``reported_incidence``, ``exit_factors`` and
``exit_steps`` are optional; see the module docstring)."""


def _fraction(value: Decimal) -> tuple[int, int]:
    """A threshold as an exact ``(numerator, 10**k)``."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    num = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if exponent >= 0:
        return num * 10**exponent, 1
    return num, 10**-exponent


def _regions(regions: Regions, on: dt.date, ps: ParameterSet) -> list[pl.Series]:
    """The rule's parameters of each village's county (resolved once per county)."""
    standard: dict[str, int] = {}
    num: dict[str, int] = {}
    den: dict[str, int] = {}
    bound: dict[str, int] = {}
    overlay: dict[str, int] = {}
    west_note: dict[str, int] = {}
    for c in regions.codes:
        try:
            threshold, _west = regional_threshold(ps, "exit.village.incidence_threshold", c, on)
            wording = ps.resolve("exit.village.incidence_bound", on=on, region=c)
        except NoValueInForceError:
            standard[c] = 0
            continue
        standard[c] = 1
        num[c], den[c] = _fraction(threshold.decimal())
        bound[c] = _BOUNDS.index(wording.choice(Bound))
        overlay[c] = int(threshold.overlay is not None)
        note = compare_west_note(threshold, c, ("", ""), county=False)
        west_note[c] = int(note is not None)
    return [
        regions.valid(),
        regions.column("_standard", standard.get),
        regions.column("_num", num.get),
        regions.column("_den", den.get, missing=1),
        regions.column("_bound", bound.get),
        regions.column("_overlay", overlay.get),
        regions.column("_west_note", west_note.get),
    ]


def complete(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with the optional village columns present (null where absent)."""
    missing = [
        pl.lit(None, dtype=t).alias(c) for c, t in VILLAGE_COLUMNS.items() if c not in frame.columns
    ]
    for c in ("reported_incidence", "exit_factors", "exit_steps"):
        if c not in frame.columns:
            missing.append(pl.lit(None).alias(c))
    return frame.with_columns(missing) if missing else frame


def _reported(frame: pl.DataFrame) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """``(value × 10**scale as Int64, scale, routed)`` of the reported incidence column: a
    decimal column is read exactly at its scale; a text or float column goes to the rule."""
    dtype = frame.schema["reported_incidence"]
    col = pl.col("reported_incidence")
    if isinstance(dtype, pl.Decimal) and (dtype.scale or 0) <= 9:
        scale = dtype.scale or 0
        return col.to_physical().cast(pl.Int64), pl.lit(scale, pl.Int64), pl.lit(False)
    if dtype == pl.Null:
        return pl.lit(None, pl.Int64), pl.lit(0, pl.Int64), pl.lit(False)
    return pl.lit(None, pl.Int64), pl.lit(0, pl.Int64), col.is_not_null()


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """Village exit of each row (see the module docstring for what goes to the rule)."""
    df = complete(frame)
    regions = Regions(df["county_code"])
    reported, scale, text = _reported(df)
    poor = pl.col("poor_population").cast(pl.Int64)
    rural = pl.col("rural_population").cast(pl.Int64)
    rows = (
        df.select(
            poor.alias("_poor"),
            rural.alias("_rural"),
            reported.alias("_rep"),
            scale.alias("_scale"),
            text.alias("_text"),
            _non_empty(df, "exit_steps").alias("_steps"),
            _non_empty(df, "exit_factors").alias("_factors"),
        )
        .with_columns(_regions(regions, on, ps))
        .with_columns(_comparisons())
    )
    route = (
        ~pl.col("_region")
        | pl.col("_steps").fill_null(False)
        | pl.col("_text")
        | pl.col("_poor").is_null()
        | pl.col("_rural").is_null()
        | (pl.col("_poor") < 0)
        | (pl.col("_poor") > pl.col("_rural"))
        | (pl.col("_rural") >= _LIMIT)
        | (pl.col("_num").abs() >= _LIMIT)
        | (pl.col("_den") >= _LIMIT)
    )
    out = rows.select(pack(FIELDS).alias("_k"), route.alias("_route"))
    return decided(out["_k"], out["_route"], FIELDS, decide, spec_codes(rule.SPEC))


def _non_empty(frame: pl.DataFrame, column: str) -> pl.Expr:
    """Whether a list column's cell has items (an all-null column: never)."""
    if isinstance(frame.schema[column], pl.List):
        return pl.col(column).list.len().fill_null(0) > 0
    return pl.lit(False)


def _comparisons() -> list[pl.Expr]:
    """``_ok``: the incidence within the threshold as worded; ``_contradicts``: a reported
    incidence off the counts beyond half a unit of its last written digit (exactly)."""
    poor, rural = pl.col("_poor"), pl.col("_rural")
    left, right = poor * pl.col("_den"), pl.col("_num") * rural
    bound = pl.col("_bound")
    ok = (
        pl.when(bound == 0)
        .then(left <= right)
        .when(bound == 1)
        .then(left < right)
        .when(bound == 2)
        .then(left > right)
        .otherwise(left >= right)
    )
    unit = pl.lit(10, pl.Int64).pow(pl.col("_scale"))
    gap = (pl.col("_rep") * rural - poor * unit).abs()
    contradicts = (
        pl.when(pl.col("_rep").is_null())
        .then(False)
        .when(pl.col("_scale") == 0)
        .then(gap > 0)
        .otherwise(gap * 2 > rural)
    )
    return [ok.fill_null(False).alias("_ok"), contradicts.fill_null(False).alias("_contradicts")]


def decide(f: Mapping[str, int]) -> Verdict:
    """The decision of one combination of facts, as ``village_exit`` takes it."""
    if not f["standard"]:
        return combined([(rule.VX_NO_STANDARD.code, Effect.BLOCKS)])
    reasons: list[tuple[str, Effect]] = []
    if f["zero"]:
        reasons.append((rule.VX_NO_POPULATION.code, Effect.BLOCKS))
    else:
        if f["contradicts"]:
            reasons.append((rule.VX_INCIDENCE_CONTRADICTS.code, Effect.BLOCKS))
        reasons.append(
            (rule.VX_INCIDENCE_OK.code, Effect.SUPPORTS)
            if f["ok"]
            else (rule.VX_INCIDENCE_HIGH.code, Effect.OPPOSES)
        )
    if f["overlay"]:
        reasons.append((rule.VX_OVERRIDE.code, Effect.NOTE))
    if f["west_note"]:
        reasons.append((COMPARE_WEST.code, Effect.NOTE))
    if f["factors"]:
        reasons.append((rule.VX_FACTORS.code, Effect.NOTE))
    reasons.append((rule.VX_PROCEDURE_NOT_RECORDED.code, Effect.NOTE))
    return combined(reasons)


def village_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """One village-layout row as the village JSON record (``reference.*`` columns nested)."""
    out: dict[str, Any] = {}
    for column, cell in row.items():
        if cell is None or column.startswith("_"):
            continue
        if column == "exit_factors":
            out[column] = {item["name"]: item["value"] for item in cell}
        elif column == "exit_steps":
            out[column] = [
                {
                    k: (v.isoformat() if isinstance(v, dt.date) else v)
                    for k, v in s.items()
                    if v is not None
                }
                for s in cell
                if s is not None
            ]
        elif column.startswith("reference."):
            out.setdefault("reference", {})[column.partition(".")[2]] = _plain(cell)
        else:
            out[column] = _plain(cell)
    return out


def _plain(cell: Any) -> Any:
    """A decimal as text (a whole number without decimals: the schema's form of 0 and 1)."""
    if isinstance(cell, Decimal):
        return format(cell, "f") if cell != cell.to_integral_value() else str(int(cell))
    return cell


def decide_rows(
    frame: pl.DataFrame, rows: list[int], rule_: Any, on: dt.date, ps: ParameterSet
) -> tuple[list[str], list[list[str]]]:
    """The rule's outcome and code set for each of ``rows`` (village records, validated as
    the loaders do: a record they refuse is an error naming its row and id)."""
    from jingzhun.io.converters import village_from_dict

    return decide_villages(frame, rows, rule_, on, ps, lambda raw: village_from_dict(raw).village)


def decide_villages(
    frame: pl.DataFrame,
    rows: list[int],
    rule_: Any,
    on: dt.date,
    ps: ParameterSet,
    convert: Any,
) -> tuple[list[str], list[list[str]]]:
    """``rule_`` on the ``convert``-ed village records of ``rows``."""
    from jingzhun.engine.columnar.fallback import decide_records, row_items

    if not rows:
        return [], []
    return decide_records(
        row_items(frame, rows, village_record),
        schema="village.schema.json",
        id_field="village_id",
        convert=convert,
        decide=lambda village: rule_(village, on=on, params=ps),
        refused="无法读取的村记录 / villages the rules refuse",
    )
