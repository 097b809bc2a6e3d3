"""Group parameter resolution: each parameter resolved once per region, gathered onto rows.

The rules resolve a parameter for a household's county (``ps.resolve(name, on=, region=)``);
here the same call is made once per distinct county (or per distinct (county, year) for the
line of an income year), from the same :class:`~jingzhun.core.parameters.ParameterSet` with
its overlays — never a second copy of a threshold. The values form a small per-region
table; each row takes its region's values by index (a gather, not a join).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import polars as pl

from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.regions import normalize_code

YEAR_BASE = 1900
YEAR_SPAN = 256
SMALL = 63
"""Region values up to this are gathered as bytes."""


def valid_region(code: str | None) -> bool:
    """Whether ``code`` is a division code the rules accept as written (else the row goes to
    the rule, which says what is wrong)."""
    if code is None:
        return False
    try:
        return normalize_code(code) == code
    except (ValueError, LookupError):  # a malformed code, or no such division
        return False


class Regions:
    """The distinct counties of a frame, and each row's index into them (-1: none/invalid)."""

    def __init__(self, county: pl.Series) -> None:
        distinct = county.drop_nulls().unique().to_list()
        self.codes: list[str] = [c for c in distinct if valid_region(c)]
        enum = pl.Enum(distinct) if distinct else pl.Enum(["-"])
        position = county.cast(enum).to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
        valid = set(self.codes)
        remap = np.array([self.codes.index(c) if c in valid else -1 for c in distinct] + [-1])
        self.index: np.ndarray[Any, Any] = remap[position]
        self.position: np.ndarray[Any, Any] = position
        """Each row's index into ``distinct`` (the distinct codes, valid or not; -1: null)."""
        self._lines: tuple[ParameterSet, Any, Any, tuple[pl.Series, pl.Series]] | None = None

    def column(
        self,
        name: str,
        compute: Callable[[str], int | None],
        missing: int = 0,
        *,
        narrow: bool = False,
    ) -> pl.Series:
        """A row column of one value per region (``missing`` where the row has no valid
        region, or the value is ``None``); a numpy gather by region index. Int64; with
        ``narrow``, Int8 when every value is in 0..:data:`SMALL` (a byte per row: the sum of
        two such columns cannot overflow, and a wider operand widens the arithmetic)."""
        values = [compute(c) for c in self.codes] + [missing]
        table = np.array([missing if v is None else int(v) for v in values], dtype=np.int64)
        if table.min() >= 0 and table.max() <= SMALL:  # gathered as bytes (faster)
            out = pl.Series(name, table.astype(np.int8)[self.index])
            return out if narrow else out.cast(pl.Int64)
        return pl.Series(name, table[self.index])

    def valid(self) -> pl.Series:
        """``_region``: whether the row's county is a valid division code."""
        return pl.Series("_region", self.index >= 0)

    def lines(
        self,
        ps: ParameterSet,
        year: np.ndarray[Any, Any],
        keep: np.ndarray[Any, Any],
        index: np.ndarray[Any, Any] | None = None,
    ) -> tuple[pl.Series, pl.Series]:
        """The national line of each row's income year for its region (rows where ``keep``):
        ``line_fen`` (null: none in force on 1 January of that year) and ``line_confirmed``.
        ``index``: the rows' region indices, if not this frame's rows."""
        if index is None:  # the frame's own rows: the last answer kept (kernels share it)
            last = self._lines
            if (
                last is not None
                and last[0] is ps
                and np.array_equal(last[1], year)
                and np.array_equal(last[2], keep)
            ):
                return last[3]
            got = self._lines_of(ps, year, keep, self.index)
            self._lines = (ps, year.copy(), keep.copy(), got)
            return got
        return self._lines_of(ps, year, keep, index)

    def _lines_of(
        self,
        ps: ParameterSet,
        year: np.ndarray[Any, Any],
        keep: np.ndarray[Any, Any],
        region: np.ndarray[Any, Any],
    ) -> tuple[pl.Series, pl.Series]:
        import pyarrow as pa

        from jingzhun.rules.common.income import line_of_year

        span = year.astype(np.int64) - YEAR_BASE
        ok = keep & (region >= 0) & (span.astype(np.uint64) < YEAR_SPAN)  # negative: huge
        none = len(self.codes) * YEAR_SPAN  # the last entry: no line (-1 fen)
        key = np.where(ok, region * YEAR_SPAN + span, none)
        fens = np.full(none + 1, -1, dtype=np.int64)
        confirmed = np.zeros(len(fens), dtype=bool)
        for k in np.flatnonzero(np.bincount(key, minlength=none + 1)[:none]).tolist():
            line = line_of_year(ps, YEAR_BASE + k % YEAR_SPAN, self.codes[k // YEAR_SPAN])
            if line is not None:
                fens[k] = fen(line.decimal())
                confirmed[k] = line.status == "confirmed"
        got = fens[key]
        fen_of_row = pl.from_arrow(pa.array(got, mask=got < 0))
        assert isinstance(fen_of_row, pl.Series)
        return (
            fen_of_row.alias("line_fen"),
            pl.Series("line_confirmed", confirmed[key]),
        )


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
