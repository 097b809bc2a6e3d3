"""The kernel contract, and the packing of a row's discrete facts into one decision key.

A kernel takes a frame in the household layout, the decision date and the parameters, and
returns a frame of the same height with ``outcome`` (``met``/``not_met``/``undetermined``),
``codes`` (the set of reason codes of the rule's Decision, in the rule's order) and
``engine``: ``"columnar"`` for a row it decided, ``"scalar"`` for a row it leaves to the
rule itself (outcome and codes null there; :mod:`jingzhun.engine.columnar.fallback` fills
them). Kernels compute a handful of small integer facts per row in polars, pack them into
one key, and decide each distinct key once in Python (a few dozen per run) by the same
branches as the rule; the decisions are joined back onto the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Final, NamedTuple, Protocol, cast

import polars as pl

from jingzhun.core.decisions import Effect, Outcome, Reason, combine
from jingzhun.core.parameters import ParameterSet

ENGINES: Final = ("columnar", "scalar")
OUTCOMES: Final = tuple(o.value for o in Outcome)


class Kernel(Protocol):
    def __call__(self, frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame: ...


Verdict = tuple[Outcome, list[tuple[str, Effect]]]
"""A decided key: the outcome and the reasons (code, effect) in the rule's order."""


def pack(fields: Sequence[tuple[str, pl.Expr, int]]) -> pl.Expr:
    """One Int64 key from small non-negative integer facts (name, expression, bit width)."""
    key: pl.Expr = pl.lit(0, dtype=pl.Int64)
    shift = 0
    for _name, expr, width in fields:
        key = key + expr.cast(pl.Int64).fill_null(0) * (1 << shift)
        shift += width
    return key


def unpack(key: int, fields: Sequence[tuple[str, pl.Expr, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    shift = 0
    for name, _expr, width in fields:
        out[name] = (key >> shift) & ((1 << width) - 1)
        shift += width
    return out


def decide_keys(
    keys: pl.Series,
    fields: Sequence[tuple[str, pl.Expr, int]],
    decide: Callable[[Mapping[str, int]], Verdict],
) -> pl.DataFrame:
    """Each distinct key decided once: ``_key``, ``outcome``, ``codes``."""
    distinct = keys.unique().to_list()
    outcomes: list[str] = []
    codes: list[list[str]] = []
    for key in distinct:
        outcome, reasons = decide(unpack(int(key), fields))
        outcomes.append(outcome.value)
        codes.append(list(dict.fromkeys(code for code, _effect in reasons)))
    return pl.DataFrame(
        {"_key": distinct, "outcome": outcomes, "codes": codes},
        schema={"_key": pl.Int64, "outcome": pl.String, "codes": pl.List(pl.String)},
    )


def attach(frame: pl.DataFrame, key: str, decided: pl.DataFrame, route: str) -> pl.DataFrame:
    """The kernel output: decisions joined by key; rows where ``route`` is true left to the rule."""
    joined = frame.select(pl.col(key).alias("_key"), pl.col(route)).join(
        decided, on="_key", how="left", maintain_order="left"
    )
    scalar = pl.col(route)
    return joined.select(
        pl.when(scalar).then(None).otherwise(pl.col("outcome")).alias("outcome"),
        pl.when(scalar).then(None).otherwise(pl.col("codes")).alias("codes"),
        pl.when(scalar).then(pl.lit("scalar")).otherwise(pl.lit("columnar")).alias("engine"),
    )


class _Effected(NamedTuple):
    code: str
    effect: Effect


def combined(reasons: list[tuple[str, Effect]]) -> Verdict:
    """The usual outcome of some reasons (:func:`jingzhun.core.decisions.combine` itself)."""
    return combine(cast("list[Reason]", [_Effected(c, e) for c, e in reasons])), reasons
