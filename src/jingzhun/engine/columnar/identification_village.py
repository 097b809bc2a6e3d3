"""Kernel of ``identification.village`` (rules/identification/village.py, 一高一低一无).

A frame in the village layout (:mod:`jingzhun.engine.columnar.exit_village`) with the
identification figures: ``per_capita_net_income`` and ``collective_income`` (decimal yuan),
``income_year``, and the reference area as dotted columns ``reference.code``,
``reference.level`` (``province``/``county``), ``reference.poverty_incidence`` (decimal),
``reference.average_per_capita_income`` (decimal yuan), ``reference.year`` — all null: no
reference.

Vectorised: the registry not yet open; no reference; the reference's level against the
level in force and whether it contains the village's county (per distinct pair); 一高
(``poor ≥ multiple × reference incidence × rural``, 一倍以上 inclusive) and 一低 (``income <
ratio × reference average``, 低于 exclusive) compared exactly in 128-bit integers at the
columns' scales; 一无 required or not, the amount missing, zero or not. Left to the rule: a
reference with some fields missing, counts the loaders refuse, an invalid county code, a
parameter not in force for the county, decimals too fine for exact 128-bit arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import numpy as np
import polars as pl

from jingzhun.core.decisions import Effect
from jingzhun.core.errors import NoValueInForceError, UnknownRegionError
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.regions import canonical_code, region_chain
from jingzhun.domain.vocabulary import ReferenceLevel
from jingzhun.engine.columnar.contract import Verdict, combined, decided, pack, spec_codes
from jingzhun.engine.columnar.exit_village import complete, decide_villages
from jingzhun.engine.columnar.groups import Regions
from jingzhun.rules.identification import village as rule
from jingzhun.rules.identification.household import BEFORE_REGISTRY

REFERENCE: Final = (
    "reference.code",
    "reference.level",
    "reference.poverty_incidence",
    "reference.average_per_capita_income",
    "reference.year",
)
_MAX_SCALE: Final = 9

FIELDS: Final = (
    ("open", pl.col("_open") > 0, 1),
    ("reference", pl.col("_reference"), 1),
    ("level_ok", pl.col("_level_ok"), 1),
    ("inside", pl.col("_inside"), 1),
    ("zero", pl.col("_rural") == 0, 1),
    ("high", pl.col("_high"), 1),
    ("income", pl.col("_income_known"), 1),
    ("low", pl.col("_low"), 1),
    ("required", pl.col("_required") > 0, 1),
    ("collective", pl.col("_collective"), 2),
)


def _fraction(value: Decimal) -> tuple[int, int]:
    """A parameter value as an exact ``(integer, scale)``: value = integer / 10**scale."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    num = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if exponent >= 0:
        return num * 10**exponent, 0
    return num, -exponent


def _regions(
    regions: Regions, on: dt.date, ps: ParameterSet
) -> tuple[list[pl.Series], dict[str, str]]:
    """Per county: registry open, the parameters as integers and scales, 一无 required; the
    reference level in force (by county)."""
    values: dict[str, dict[str, int]] = {}
    levels: dict[str, str] = {}
    for c in regions.codes:
        try:
            opened = ps.resolve("identification.registry_open", on=on, region=c).flag()
            if not opened:
                values[c] = {"open": 0, "ok": 1}
                continue
            m, m_scale = _fraction(
                ps.resolve("village_identification.incidence_multiple", on=on, region=c).decimal()
            )
            r, r_scale = _fraction(
                ps.resolve("village_identification.income_ratio", on=on, region=c).decimal()
            )
            required = ps.resolve(
                "village_identification.require_no_collective_income", on=on, region=c
            ).flag()
            level = ps.resolve("village_identification.reference_level", on=on, region=c)
        except NoValueInForceError:
            values[c] = {"open": 0, "ok": 0}
            continue
        levels[c] = level.choice(ReferenceLevel).value
        values[c] = {
            "open": 1,
            "ok": int(m_scale <= _MAX_SCALE and r_scale <= _MAX_SCALE),
            "m": m,
            "m_scale": m_scale,
            "r": r,
            "r_scale": r_scale,
            "required": int(required),
        }

    def column(name: str, key: str, missing: int = 0) -> pl.Series:
        return regions.column(name, lambda c: values[c].get(key), missing)

    return [
        regions.valid(),
        column("_open", "open"),
        column("_params_ok", "ok"),
        column("_m", "m"),
        column("_m_scale", "m_scale"),
        column("_r", "r"),
        column("_r_scale", "r_scale"),
        column("_required", "required"),
    ], levels


def _decimal(frame: pl.DataFrame, column: str) -> tuple[pl.Expr, int, bool]:
    """A decimal column as (Int128 integer, scale, exact); an all-null column is exact."""
    dtype = frame.schema[column]
    if dtype == pl.Null:
        return pl.lit(None, pl.Int128), 0, True
    if isinstance(dtype, pl.Decimal) and (dtype.scale or 0) <= _MAX_SCALE:
        return pl.col(column).to_physical().cast(pl.Int128), dtype.scale or 0, True
    return pl.lit(None, pl.Int128), 0, False


def _pair_table(
    df: pl.DataFrame, regions: Regions, levels: dict[str, str]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """``(level_ok, inside, unknown code)`` per row, decided once per distinct (county,
    reference) pair."""
    pairs = df.select(pl.col("county_code"), pl.col("reference.code"), pl.col("reference.level"))
    distinct = pairs.unique().to_dicts()
    level_ok: dict[tuple[str, str, str], bool] = {}
    inside: dict[tuple[str, str, str], bool] = {}
    bad: set[tuple[str, str, str]] = set()
    for p in distinct:
        key = (p["county_code"], p["reference.code"], p["reference.level"])
        county, code, level = key
        level_ok[key] = county in levels and level == levels[county]
        inside[key] = False
        if code is None:
            continue
        try:
            canonical = canonical_code(code)
        except (ValueError, TypeError, UnknownRegionError):
            bad.add(key)  # an unknown code: the row goes to the rule (the loaders refuse it)
            continue
        if county in levels:
            inside[key] = canonical in region_chain(county)
    keys = list(level_ok)
    table = pl.DataFrame(
        {
            "county_code": [k[0] for k in keys],
            "reference.code": [k[1] for k in keys],
            "reference.level": [k[2] for k in keys],
            "_i": list(range(len(keys))),
        },
        schema={
            "county_code": pl.String,
            "reference.code": pl.String,
            "reference.level": pl.String,
            "_i": pl.Int64,
        },
    )
    at = pairs.join(
        table,
        on=["county_code", "reference.code", "reference.level"],
        how="left",
        nulls_equal=True,
        maintain_order="left",
    )["_i"].to_numpy()
    ok = np.array([level_ok[k] for k in keys] + [False])
    ins = np.array([inside[k] for k in keys] + [False])
    unknown = np.array([k in bad for k in keys] + [False])
    return ok[at], ins[at], unknown[at]


_EXTRA: Final[dict[str, pl.DataType]] = {
    "per_capita_net_income": pl.Decimal(14, 2),
    "collective_income": pl.Decimal(14, 2),
    "reference.code": pl.String(),
    "reference.level": pl.String(),
    "reference.poverty_incidence": pl.Decimal(10, 4),
    "reference.average_per_capita_income": pl.Decimal(14, 2),
    "reference.year": pl.Int16(),
}
"""The identification columns, null where absent."""


def _completed(frame: pl.DataFrame) -> pl.DataFrame:
    df = complete(frame)
    return df.with_columns(
        pl.lit(None, dtype=t).alias(c) for c, t in _EXTRA.items() if c not in df.columns
    ).with_columns(pl.col("reference.code", "reference.level").cast(pl.String))


def _comparisons(income_scale: int, inc_scale: int, avg_scale: int) -> list[pl.Expr]:
    """一高, 一低 and 一无 as integer facts (exact: both sides scaled to whole numbers)."""
    ten = pl.lit(10, pl.Int128)
    poor, rural = pl.col("_poor"), pl.col("_rural")
    # 一高: poor ≥ m/10^ms × i/10^is × rural  ⇔  poor × 10^(ms+is) ≥ m × i × rural
    high = (
        poor * ten.pow(pl.col("_m_scale") + inc_scale)
        >= pl.col("_m").cast(pl.Int128) * pl.col("_ref_inc") * rural
    )
    # 一低: income/10^s < r/10^rs × a/10^as  ⇔  income × 10^(rs+as) < r × a × 10^s
    low = pl.col("_income") * ten.pow(pl.col("_r_scale") + avg_scale) < pl.col("_r").cast(
        pl.Int128
    ) * pl.col("_average") * ten.pow(income_scale)
    amount = pl.col("_collective_amount")
    return [
        high.fill_null(False).alias("_high"),
        low.fill_null(False).alias("_low"),
        pl.col("_income").is_not_null().alias("_income_known"),
        pl.when(amount.is_null())
        .then(0)
        .when(amount == 0)
        .then(1)
        .otherwise(2)
        .alias("_collective"),
    ]


def _route(exact: bool) -> pl.Expr:
    """Rows left to the rule (see the module docstring)."""
    poor, rural = pl.col("_poor"), pl.col("_rural")
    return (
        ~pl.col("_region")
        | (pl.col("_params_ok") == 0)
        | pl.col("_partial")
        | poor.is_null()
        | rural.is_null()
        | (poor < 0).fill_null(False)
        | (poor > rural).fill_null(False)
        | (pl.col("_income") < 0).fill_null(False)
        | (pl.col("_collective_amount") < 0).fill_null(False)
        | pl.col("_reference") & (~pl.col("_ref_valid") | pl.col("_unknown_code"))
        | pl.lit(not exact)
    ).fill_null(True)


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """Village identification of each row (see the module docstring for what goes to the rule)."""
    df = _completed(frame)
    regions = Regions(df["county_code"])
    region_columns, levels = _regions(regions, on, ps)
    level_ok, inside, unknown = _pair_table(df, regions, levels)
    income, income_scale, income_exact = _decimal(df, "per_capita_net_income")
    collective, _cs, collective_exact = _decimal(df, "collective_income")
    ref_inc, inc_scale, ref_inc_exact = _decimal(df, "reference.poverty_incidence")
    average, avg_scale, average_exact = _decimal(df, "reference.average_per_capita_income")
    present = [pl.col(c).is_not_null() for c in REFERENCE]
    rows = (
        df.select(
            pl.col("poor_population").cast(pl.Int128).alias("_poor"),
            pl.col("rural_population").cast(pl.Int128).alias("_rural"),
            income.alias("_income"),
            collective.alias("_collective_amount"),
            ref_inc.alias("_ref_inc"),
            average.alias("_average"),
            pl.all_horizontal(present).alias("_reference"),
            (pl.any_horizontal(present) & ~pl.all_horizontal(present)).alias("_partial"),
            _reference_valid(inc_scale, ref_inc, average).alias("_ref_valid"),
        )
        .with_columns(
            *region_columns,
            pl.Series("_level_ok", level_ok),
            pl.Series("_inside", inside),
            pl.Series("_unknown_code", unknown),
        )
        .with_columns(_comparisons(income_scale, inc_scale, avg_scale))
    )
    exact = income_exact and collective_exact and ref_inc_exact and average_exact
    out = rows.select(pack(FIELDS).alias("_k"), _route(exact).alias("_route"))
    return decided(out["_k"], out["_route"], FIELDS, decide, spec_codes(rule.SPEC))


def _reference_valid(scale: int, incidence: pl.Expr, average: pl.Expr) -> pl.Expr:
    """A reference area the loaders accept (else the row goes to the rule, which says why)."""
    return (
        pl.col("reference.code").str.contains(r"^[0-9]{2}([0-9]{4})?$")
        & pl.col("reference.level").is_in([lv.value for lv in ReferenceLevel])
        & pl.col("reference.year").is_between(1978, 2100)
        & (incidence >= 0)
        & (incidence <= pl.lit(10, pl.Int128).pow(scale))
        & (average >= 0)
    ).fill_null(False)


def decide_rows(
    frame: pl.DataFrame, rows: list[int], rule_: Any, on: dt.date, ps: ParameterSet
) -> tuple[list[str], list[list[str]]]:
    """The rule on the rows' village cases (village and reference area)."""
    from jingzhun.io.converters import village_from_dict

    return decide_villages(frame, rows, rule_, on, ps, village_from_dict)


def decide(f: Mapping[str, int]) -> Verdict:
    """The decision of one combination of facts, as ``identify_village_case`` takes it."""
    from jingzhun.core.decisions import Outcome

    if not f["open"]:
        return Outcome.UNDETERMINED, [(BEFORE_REGISTRY.code, Effect.BLOCKS)]
    missing = rule.VILLAGE_DATA_MISSING.code
    if not f["reference"]:
        return combined([(missing, Effect.BLOCKS)])
    reasons: list[tuple[str, Effect]] = []
    if not f["level_ok"]:
        reasons.append((rule.VILLAGE_REFERENCE_MISMATCH.code, Effect.BLOCKS))
    if not f["inside"]:
        reasons.append((rule.VILLAGE_REFERENCE_OUTSIDE.code, Effect.BLOCKS))
    if f["zero"]:
        reasons.append((missing, Effect.BLOCKS))
    elif f["high"]:
        reasons.append((rule.VILLAGE_HIGH_INCIDENCE.code, Effect.SUPPORTS))
    else:
        reasons.append((rule.VILLAGE_LOW_INCIDENCE.code, Effect.OPPOSES))
    if not f["income"]:
        reasons.append((missing, Effect.BLOCKS))
    elif f["low"]:
        reasons.append((rule.VILLAGE_LOW_INCOME.code, Effect.SUPPORTS))
    else:
        reasons.append((rule.VILLAGE_INCOME_NOT_LOW.code, Effect.OPPOSES))
    if not f["required"]:
        reasons.append((rule.VILLAGE_COLLECTIVE_NOT_REQUIRED.code, Effect.NOTE))
    elif f["collective"] == 0:
        reasons.append((missing, Effect.BLOCKS))
    elif f["collective"] == 1:
        reasons.append((rule.VILLAGE_NO_COLLECTIVE.code, Effect.SUPPORTS))
    else:
        reasons.append((rule.VILLAGE_HAS_COLLECTIVE.code, Effect.OPPOSES))
    return combined(reasons)
