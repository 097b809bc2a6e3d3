"""Kernel of ``identification.household`` (rules/identification/household.py, guarantees.py,
exclusions.py; rules/common/income.py), branch for branch.

Vectorised: registry_open; the income year (given, or the year before ``on``) and a year
after ``on``; income from the components or the reported per-capita figure, or missing;
the line of the income year (none in force; its source status); 低于 exactly in fen; the
income year not yet ended; every ``identification.guarantee_mode`` with its margin; safe
drinking water counted or not; local exclusion lists (overlays,
:mod:`jingzhun.engine.columnar.id_exclusions`). Left to the rule: records the loaders refuse
(on the fields read here, e.g. a vehicle kind that does not parse); a line of zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

import numpy as np
import polars as pl

from jingzhun.core.decisions import Effect, Outcome
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.engine.columnar import facts as fx
from jingzhun.engine.columnar.contract import Verdict, decided, pack, spec_codes
from jingzhun.engine.columnar.groups import Regions
from jingzhun.engine.columnar.id_exclusions import exclusion_flags
from jingzhun.rules.identification import household as rule
from jingzhun.rules.identification.exclusions import EXCLUDED
from jingzhun.rules.identification.guarantees import (
    GUARANTEE_UNKNOWN as UNKNOWN,
)
from jingzhun.rules.identification.guarantees import (
    GUARANTEE_UNMET as UNMET,
)
from jingzhun.rules.identification.guarantees import (
    GUARANTEE_UNMET_OUTSIDE_MARGIN as OUTSIDE,
)
from jingzhun.rules.identification.guarantees import (
    GUARANTEES_MET as MET,
)
from jingzhun.rules.identification.guarantees import (
    GUARANTEES_NOT_USED as NOT_USED,
)
from jingzhun.rules.identification.guarantees import GuaranteeMode

_MODES: Final = {m: i for i, m in enumerate(GuaranteeMode)}
_MODE_OF: Final = {i: m for m, i in _MODES.items()}

FIELDS: Final = (
    ("open", pl.col("_open"), 1),
    ("future", pl.col("_future"), 1),
    ("kind", pl.col("_income_kind"), 2),
    ("line", pl.col("line_fen").is_not_null(), 1),
    ("below", pl.col("_below"), 1),
    ("confirmed", pl.col("line_confirmed"), 1),
    ("incomplete", pl.col("_incomplete"), 1),
    ("mode", pl.col("_mode"), 2),
    ("unmet", pl.col("_unmet"), 1),
    ("unknown", pl.col("_unknown"), 1),
    ("within", pl.col("_within"), 1),
    ("excluded", pl.col("_excluded"), 1),
)


def _margin(ps: ParameterSet, on: dt.date, county: str) -> tuple[int, int]:
    """The margin as a fraction p/q (so the widened line is line × (q + p) / q exactly)."""
    m = ps.resolve("identification.guarantee_margin", on=on, region=county).decimal()
    p, q = Decimal(m).as_integer_ratio()
    return p, q


def _regions(regions: Regions, on: dt.date, ps: ParameterSet) -> list[pl.Series]:
    """The rule's parameters of each row's region (resolved once per region)."""

    def get(name: str, county: str) -> ResolvedParameter:
        return ps.resolve(name, on=on, region=county)

    open_ = {c: get("identification.registry_open", c).flag() for c in regions.codes}
    opened = [c for c in regions.codes if open_[c]]
    modes = {
        c: _MODES[get("identification.guarantee_mode", c).choice(GuaranteeMode)] for c in opened
    }
    margin = {c: _margin(ps, on, c) for c in opened if modes[c] == 2}
    water = {c: get("guarantees.drinking_water_counts", c).flag() for c in opened}
    listed = {c: bool(get("identification.exclusion_list", c).rows()) for c in opened}
    return [
        regions.valid(),
        regions.column("_open", open_.get, narrow=True),
        regions.column("_mode", modes.get, narrow=True),
        regions.column("_water", water.get, narrow=True),
        regions.column("_p", lambda c: margin.get(c, (0, 1))[0], narrow=True),
        regions.column("_q", lambda c: margin.get(c, (0, 1))[1], missing=1, narrow=True),
        regions.column("_listed", listed.get, narrow=True),
    ]


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """Identification of each row (see the module docstring for what goes to the rule)."""
    return kernel_of(fx.Shared(frame), on, ps)


def kernel_of(shared: fx.Shared, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """:func:`kernel` on the row facts already computed for the frame."""
    df, regions = shared.df, shared.regions
    per_region = _regions(regions, on, ps)
    year = df["income_year"].cast(pl.Int32).fill_null(on.year - 1).alias("year")
    keep = per_region[1].to_numpy() > 0  # registry open
    lines = regions.lines(ps, year.to_numpy(), keep)
    listed = np.flatnonzero(per_region[-1].to_numpy() > 0)
    if len(listed):  # only where an exclusion list is in force: which rows it could catch
        candidate = df.select(fx.exclusion_candidate()).to_series().to_numpy()[listed]
        excluded = exclusion_flags(df, listed[candidate], regions, ps, on)
    else:
        no = pl.repeat(False, df.height, eager=True)
        excluded = (no.alias(_EXCLUSION_FLAGS[0]), no.alias(_EXCLUSION_FLAGS[1]))
    line = pl.col("line_fen")
    size, kind, value = pl.col("_size"), pl.col("_income_kind"), pl.col("_value_fen")
    widened = line * (pl.col("_q") + pl.col("_p"))
    year_end = (on.month, on.day) == (12, 31)
    route = pl.col("_invalid") | ~pl.col("_region") | pl.col("_excl_route") | (line <= 0)
    out = (
        shared.with_rows()
        .with_columns(*per_region, year, *lines, *excluded)
        .with_columns(
            (pl.col("year") > on.year).alias("_future"),
            fx.below(value, size, kind, line).alias("_below"),
            fx.below(value, size, kind, widened, pl.col("_q")).alias("_within"),
            ((pl.col("year") == on.year) & (not year_end)).alias("_incomplete"),
            *fx.considered(pl.col("_water") > 0),
        )
        .select(pack(FIELDS).alias("_k"), route.fill_null(False).alias("_route"))
        .collect()
    )
    return decided(out["_k"], out["_route"], FIELDS, decide, spec_codes(rule.SPEC))


_EXCLUSION_FLAGS = ("_excluded", "_excl_route")


def _guarantee(f: Mapping[str, int], passed: bool | None, known: bool) -> list[tuple[str, Effect]]:
    """guarantee_reasons, per mode (``known``: the income and the line are both known)."""
    mode = _MODE_OF[f["mode"]]
    if mode is GuaranteeMode.INCOME_ONLY:
        return [(NOT_USED.code, Effect.NOTE)]
    if f["unmet"]:
        if mode is GuaranteeMode.INCOME_OR_UNMET_GUARANTEE or passed:
            return [(UNMET.code, Effect.SUPPORTS if passed is False else Effect.NOTE)]
        if not known:
            return [(UNMET.code, Effect.NOTE)]
        return [(UNMET.code, Effect.SUPPORTS)] if f["within"] else [(OUTSIDE.code, Effect.NOTE)]
    if (
        mode is GuaranteeMode.INCOME_OR_UNMET_WITHIN_MARGIN
        and passed is not True
        and f["unknown"]
        and known
        and not f["within"]
    ):
        return [(UNKNOWN.code, Effect.NOTE)]
    if not f["unknown"]:
        return [(MET.code, Effect.NOTE)]
    return [(UNKNOWN.code, Effect.NOTE if passed is True else Effect.BLOCKS)]


def _income(f: Mapping[str, int]) -> tuple[list[tuple[str, Effect]], bool | None, bool, bool]:
    """The income reasons, whether below (None: unknown), income known, line known."""
    if f["future"]:
        return [(rule.INCOME_YEAR_NOT_ENDED.code, Effect.BLOCKS)], None, False, False
    if f["kind"] == fx.INCOME_NONE:
        return [(rule.INCOME_MISSING.code, Effect.BLOCKS)], None, False, False
    note = [(rule.INCOME_YEAR_INCOMPLETE.code, Effect.NOTE)] if f["incomplete"] else []
    if not f["line"]:
        return [*note, (rule.NO_LINE_FOR_YEAR.code, Effect.BLOCKS)], None, True, False
    passed = bool(f["below"])
    out = [
        *note,
        (rule.INCOME_BELOW_LINE.code, Effect.SUPPORTS)
        if passed
        else (rule.INCOME_NOT_BELOW_LINE.code, Effect.OPPOSES),
    ]
    if not f["confirmed"]:
        out.append((rule.LINE_UNCONFIRMED.code, Effect.NOTE))
    return out, passed, True, True


def decide(f: Mapping[str, int]) -> Verdict:
    """The decision of one combination of facts, as ``identify_household`` takes it."""
    if not f["open"]:
        return Outcome.UNDETERMINED, [(rule.BEFORE_REGISTRY.code, Effect.BLOCKS)]
    income, passed, income_known, line_known = _income(f)
    guarantee = _guarantee(f, passed, income_known and line_known)
    reasons = [*income, *guarantee]
    if f["excluded"]:
        return Outcome.NOT_MET, [*reasons, (EXCLUDED.code, Effect.OPPOSES)]
    if passed is None:
        return Outcome.UNDETERMINED, reasons
    if passed or any(e is Effect.SUPPORTS for _c, e in guarantee):
        return Outcome.MET, reasons
    if any(e is Effect.BLOCKS for _c, e in reasons):
        return Outcome.UNDETERMINED, reasons
    return Outcome.NOT_MET, reasons
