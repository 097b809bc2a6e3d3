"""County incidence and county exit (``exit.county``) from a household population.

Scalar only: a county's exit reads its designation (key county, contiguous-area county), the
special assessment (三率一度: rates often published only as bounds, 低于2%), poor villages
exited and a dated procedure — there are ~3,000 counties, so every county is decided by the
rule itself (``engine = "scalar"``); only the counts are columnar.

The county table is the county exit record (``county_exit.schema.json``) as flat columns:
``county_code`` and any of ``name``, ``key_county``, ``contiguous_area_county``,
``rural_population``, ``missed_population``, ``wrongly_exited_population``, ``incidence``,
``wrong_exit_rate``, ``missed_rate``, ``approval`` (decimal, or a struct ``{value, below,
at_least, numerator, denominator}`` for a rate published as a bound), ``poor_villages``,
``poor_villages_exited``, ``steps``. From the households: ``remaining_poor`` is the people
still poor after the year's exits (as for villages: :mod:`jingzhun.engine.columnar.incidence`),
and ``rural_population`` — where the table has none — the sum of the household sizes of the
county in the frame. A county of the households
missing from the table is an error naming it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from jingzhun.core.errors import InputError
from jingzhun.core.parameters import ParameterSet


def _plain(value: Any) -> Any:
    """A cell as the loaders read JSON (decimals stay :class:`~decimal.Decimal`, as JSON
    numbers are parsed; days as ISO dates; nulls left out)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def county_counts(frame: pl.DataFrame, poor: pl.Series) -> pl.DataFrame:
    """Per county of the frame: ``remaining_poor`` and ``_rural`` (the sum of sizes)."""
    from jingzhun.engine.columnar.incidence import household_sizes

    return (
        frame.lazy()
        .select(
            pl.col("county_code"),
            household_sizes(frame).alias("_size"),
            pl.lit(poor).alias("_poor"),
        )
        .filter(pl.col("county_code").is_not_null())
        .group_by("county_code", maintain_order=True)
        .agg(
            pl.col("_size").filter(pl.col("_poor")).sum().alias("remaining_poor"),
            pl.col("_size").sum().alias("_rural"),
        )
        .collect()
    )


def counties(households: Any, *, on: dt.date, params: ParameterSet, counties: Any) -> pl.DataFrame:
    """The decision table of ``exit.county`` per county of ``counties`` (``id``, ``outcome``,
    ``codes``, ``engine``) with ``remaining_poor`` and ``rural_population``."""
    from jingzhun.engine.columnar import _frame
    from jingzhun.engine.columnar.contract import ENGINE_TYPE, OUTCOME_TYPE, spec_codes
    from jingzhun.engine.columnar.incidence import still_poor
    from jingzhun.rules.exit.county import SPEC

    frame = _frame(households)
    table = _frame(counties)
    counts = county_counts(frame, still_poor(frame, on, params))
    unknown = counts.join(table.select("county_code"), on="county_code", how="anti")
    if unknown.height:
        raise InputError(
            "户所在的县不在县表中 / counties of the households missing from the county table: "
            + ", ".join(unknown["county_code"].head(20).to_list())
        )
    joined = table.drop("remaining_poor", strict=False).join(
        counts, on="county_code", how="left", maintain_order="left"
    )
    rural = (
        pl.coalesce(pl.col("rural_population").cast(pl.Int64), pl.col("_rural"))
        if "rural_population" in joined.columns
        else pl.col("_rural")
    )
    joined = joined.with_columns(
        rural.alias("rural_population"),
        pl.col("remaining_poor").fill_null(0).cast(pl.Int64),
    ).drop("_rural")
    outcomes, codes = _decide(joined, on, params)
    return pl.DataFrame(
        [
            joined["county_code"].alias("id"),
            pl.Series("outcome", outcomes, dtype=OUTCOME_TYPE),
            pl.Series("codes", codes, dtype=pl.List(pl.Enum(spec_codes(SPEC)))),
            pl.Series("engine", ["scalar"] * joined.height, dtype=ENGINE_TYPE),
            joined["remaining_poor"],
            joined["rural_population"].cast(pl.Int64),
        ]
    )


def _decide(
    joined: pl.DataFrame, on: dt.date, params: ParameterSet
) -> tuple[list[str], list[list[str]]]:
    """``county_exit`` on each row's county exit record, validated as the loaders do."""
    from jingzhun.engine.columnar.fallback import decide_records
    from jingzhun.io.converters import county_case_from_dict
    from jingzhun.rules.exit.county import county_exit

    items = [
        (i + 1, None, {k: _plain(v) for k, v in row.items() if v is not None})
        for i, row in enumerate(joined.iter_rows(named=True))
    ]
    return decide_records(
        items,
        schema="county_exit.schema.json",
        id_field="county_code",
        convert=county_case_from_dict,
        decide=lambda case: county_exit(case, on=on, params=params),
        refused="无法读取的县记录 / counties the rules refuse",
    )
