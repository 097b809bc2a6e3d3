"""The kernel contract, and the packing of a row's discrete facts into one decision key.

A kernel takes a frame in the household layout, the decision date and the parameters, and
returns a frame of the same height with ``outcome`` (``met``/``not_met``/``undetermined``),
``codes`` (the set of reason codes of the rule's Decision, in the rule's order) and
``engine``: ``"columnar"`` for a row it decided, ``"scalar"`` for a row it leaves to the
rule itself (outcome null and codes empty there; :mod:`jingzhun.engine.columnar.fallback`
fills them). Kernels compute a handful of small integer facts per row in polars, pack them
into one key, and decide each distinct key once in Python (a few dozen per run) by the same
branches as the rule; the decisions are gathered back onto the rows.
"""

from __future__ import annotations

import datetime as dt
import threading
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, NamedTuple, Protocol, cast

import numpy as np
import polars as pl

from jingzhun.core.decisions import Effect, Outcome, Reason, combine
from jingzhun.core.parameters import ParameterSet

ENGINES: Final = ("columnar", "scalar")
OUTCOMES: Final = tuple(o.value for o in Outcome)
OUTCOME_TYPE: Final = pl.Enum(list(OUTCOMES))
ENGINE_TYPE: Final = pl.Enum(list(ENGINES))
_FILTERS: Final = threading.Lock()

Field = tuple[str, pl.Expr, int]
"""A fact of the key: its name, its expression (a small non-negative integer), its bits."""


class Kernel(Protocol):
    def __call__(self, frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame: ...


Verdict = tuple[Outcome, list[tuple[str, Effect]]]
"""A decided key: the outcome and the reasons (code, effect) in the rule's order."""


def pack(fields: Sequence[Field]) -> pl.Expr:
    """One integer key from small non-negative integer facts (Int32 when the fields fit in
    30 bits, else Int64): one horizontal sum of the shifted facts."""
    bits = sum(width for _n, _e, width in fields)
    dtype = pl.Int32 if bits <= 30 else pl.Int64
    parts: list[pl.Expr] = [pl.lit(0, dtype=dtype)]
    shift = 0
    for _name, expr, width in fields:
        part = expr.cast(dtype).fill_null(0)
        parts.append(part * pl.lit(1 << shift, dtype=dtype) if shift else part)
        shift += width
    return pl.sum_horizontal(parts)


def unpack(key: int, fields: Sequence[Field]) -> dict[str, int]:
    out: dict[str, int] = {}
    shift = 0
    for name, _expr, width in fields:
        out[name] = (key >> shift) & ((1 << width) - 1)
        shift += width
    return out


def codes_column(
    index: np.ndarray[Any, Any], table: Sequence[Sequence[int]], codes: Sequence[str]
) -> pl.Series:
    """``list<enum>`` column: row i holds ``table[index[i]]`` (indices into ``codes``); an
    Arrow take of the small list table (a polars gather of a list column is several times
    slower), then the indices read as the Enum's physical values."""
    import pyarrow as pa

    small = pa.array([list(t) for t in table], type=pa.large_list(pa.uint32()))
    physical = pl.from_arrow(small.take(pa.array(index)))
    assert isinstance(physical, pl.Series)
    # an integer as an Enum's physical index: the fast way (the lock: warning filters are
    # process-wide, and household_year runs two kernels at once)
    with _FILTERS, warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return physical.list.eval(pl.element().cast(pl.Enum(list(codes)))).alias("codes")


def decided(
    keys: pl.Series,
    route: pl.Series,
    fields: Sequence[Field],
    decide: Callable[[Mapping[str, int]], Verdict],
    codes: Sequence[str],
) -> pl.DataFrame:
    """The kernel output: each distinct key of the rows not routed decided once, gathered
    onto the rows; routed rows get ``engine = "scalar"``, a null outcome, no codes."""
    key = keys.to_numpy()
    routed = route.to_numpy()
    some_routed = bool(routed.any())
    bits = sum(width for _n, _e, width in fields)
    counted = key[~routed] if some_routed else key
    distinct = np.flatnonzero(np.bincount(counted, minlength=1 << bits)).tolist()
    position = {c: i for i, c in enumerate(codes)}
    outcomes: list[str | None] = []
    table: list[list[int]] = []
    for k in distinct:
        outcome, reasons = decide(unpack(int(k), fields))
        outcomes.append(outcome.value)
        table.append([position[c] for c in dict.fromkeys(code for code, _e in reasons)])
    outcomes.append(None)
    table.append([])
    lookup = np.full((1 << bits) + 1, len(distinct), dtype=np.int64)
    lookup[distinct] = np.arange(len(distinct))
    index = np.where(routed, len(distinct), lookup[key]) if some_routed else lookup[key]
    engine = pl.Series("engine", ["columnar", "scalar"], dtype=ENGINE_TYPE)
    return pl.DataFrame(
        [
            pl.Series("outcome", outcomes, dtype=OUTCOME_TYPE).gather(pl.Series(index)),
            codes_column(index, table, codes),
            engine.gather(pl.Series(routed.astype(np.int64)))
            if some_routed
            else pl.repeat("columnar", len(key), dtype=ENGINE_TYPE, eager=True).alias("engine"),
        ]
    )


class _Effected(NamedTuple):
    code: str
    effect: Effect


def combined(reasons: list[tuple[str, Effect]]) -> Verdict:
    """The usual outcome of some reasons (:func:`jingzhun.core.decisions.combine` itself)."""
    return combine(cast("list[Reason]", [_Effected(c, e) for c, e in reasons])), reasons


def spec_codes(spec: Any) -> list[str]:
    """The reason codes a rule declares, in declaration order."""
    return [c.code for c in spec.reason_codes]
