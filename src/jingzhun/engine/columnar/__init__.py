"""A columnar engine equal to the rules (issue 12): populations decided in polars.

Optional extra ``columnar`` (polars, pyarrow); nothing here is imported by ``import jingzhun``.

    from jingzhun.engine import columnar
    out = columnar.identify(frame_or_arrow_table, on="2016-12-31")   # id, outcome, codes, engine

Each rule with a kernel (:data:`jingzhun.engine.columnar.registry.KERNELS`) resolves its
declared parameters once per region from the same parameters and overlays as the rule,
decides the rows it vectorises, and sends the others through the scalar rule in the same
run (``engine = "scalar"``): the outcome and the code set of every row equal the rule's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

    import polars as pl

    from jingzhun.core.dates import DateLike
    from jingzhun.core.parameters import ParameterSet

__all__ = [
    "adjust",
    "counties",
    "decide",
    "exit_households",
    "household_year",
    "identify",
    "output_schema",
    "precision_rows",
    "villages",
]


def _frame(data: Any) -> pl.DataFrame:
    import polars as pl

    from jingzhun.core.errors import InputError

    if isinstance(data, pl.DataFrame):
        return data
    if type(data).__module__.startswith("pyarrow"):
        out = pl.from_arrow(data)
        assert isinstance(out, pl.DataFrame)
        return out
    raise InputError(f"expected a polars DataFrame or a pyarrow Table, not {type(data).__name__}")


def output_schema(rule_id: str) -> dict[str, Any]:
    """The polars schema of a decision table: ``id``, ``outcome``, ``codes``, ``engine``
    (outcome, codes and engine dictionary-encoded: ``pl.Enum`` of the rule's values)."""
    import polars as pl

    from jingzhun.core.decisions import Outcome
    from jingzhun.engine.columnar.contract import ENGINES
    from jingzhun.engine.columnar.registry import KERNELS

    codes = [c.code for c in KERNELS[rule_id].spec.reason_codes]
    return {
        "id": pl.String,
        "outcome": pl.Enum([o.value for o in Outcome]),
        "codes": pl.List(pl.Enum(codes)),
        "engine": pl.Enum(list(ENGINES)),
    }


def decide(
    rule_id: str, data: Any, *, on: DateLike, params: ParameterSet | None = None
) -> pl.DataFrame:
    """The decision table of ``rule_id`` over the rows of ``data`` (polars or pyarrow)."""
    from jingzhun.core.dates import as_date
    from jingzhun.core.errors import InputError
    from jingzhun.engine.columnar.registry import KERNELS
    from jingzhun.rules.common.params import param_set

    entry = KERNELS[rule_id]
    frame, day, ps = _frame(data), as_date(on), param_set(params)
    absent = [c for c in (entry.id_column, "county_code") if c not in frame.columns]
    if absent:
        raise InputError(f"缺少必需的列 / required columns missing: {', '.join(absent)}")
    return _table(rule_id, frame, entry.kernel(frame, day, ps), day, ps)


def _table(
    rule_id: str, frame: pl.DataFrame, out: pl.DataFrame, day: dt.date, ps: ParameterSet
) -> pl.DataFrame:
    """The decision table from a kernel's output: the rows it left to the rule decided by
    the rule (its fallback) in the same run."""
    import polars as pl

    from jingzhun.engine.columnar.fallback import decide_rows
    from jingzhun.engine.columnar.registry import KERNELS

    entry = KERNELS[rule_id]
    schema = output_schema(rule_id)
    scalar = (out["engine"] == "scalar").arg_true()
    if len(scalar):
        fallback = entry.fallback or decide_rows
        outcomes, codes = fallback(frame, scalar.to_list(), entry.rule, day, ps)
        outcome = out["outcome"].scatter(scalar, pl.Series(outcomes, dtype=schema["outcome"]))
        out = out.with_columns(outcome, _scalar_codes(out, scalar, codes, rule_id))
    return pl.DataFrame(
        [frame[entry.id_column].alias("id"), out["outcome"], out["codes"], out["engine"]]
    )


def _scalar_codes(
    out: pl.DataFrame, scalar: pl.Series, codes: list[list[str]], rule_id: str
) -> pl.Series:
    """The codes column with the rule's codes at the ``scalar`` positions (polars cannot
    scatter into a list column: the rows' lists are built from offsets instead)."""
    import numpy as np
    import polars as pl

    from jingzhun.engine.columnar.contract import codes_column, spec_codes
    from jingzhun.engine.columnar.registry import KERNELS

    names = spec_codes(KERNELS[rule_id].spec)
    position = {c: i for i, c in enumerate(names)}
    index = np.zeros(out.height, dtype=np.int64)
    index[scalar.to_numpy()] = np.arange(1, len(codes) + 1)
    table = [[], *([position[c] for c in row] for row in codes)]
    filled = codes_column(index, table, names)
    is_scalar = out["engine"] == "scalar"
    return pl.select(pl.when(is_scalar).then(filled).otherwise(out["codes"])).to_series()


def identify(data: Any, *, on: DateLike, params: ParameterSet | None = None) -> pl.DataFrame:
    """Household identification (``identification.household``) of every row."""
    return decide("identification.household", data, on=on, params=params)


def exit_households(data: Any, *, on: DateLike, params: ParameterSet | None = None) -> pl.DataFrame:
    """Household exit (``exit.household``) of every row."""
    return decide("exit.household", data, on=on, params=params)


def household_year(
    data: Any, *, on: DateLike, params: ParameterSet | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Identification, household exit and village incidence and exit of one population on
    one date, in one pass: the per-row facts both household rules read (regions, sizes,
    income in fen, guarantees) are computed once. Equal to ``identify(data, on=...)``,
    ``exit_households(data, on=...)`` and ``villages(data, on=..., poor=...)`` with the
    households identified and not exiting as ``poor`` (the village table as
    :func:`villages` gives it)."""
    from concurrent.futures import ThreadPoolExecutor

    from jingzhun.core.dates import as_date
    from jingzhun.core.errors import InputError
    from jingzhun.engine.columnar import exit_household, identification, incidence
    from jingzhun.engine.columnar.facts import Shared
    from jingzhun.rules.common.params import param_set

    frame, day, ps = _frame(data), as_date(on), param_set(params)
    absent = [c for c in ("household_id", "county_code") if c not in frame.columns]
    if absent:
        raise InputError(f"缺少必需的列 / required columns missing: {', '.join(absent)}")
    shared = Shared(frame)
    with ThreadPoolExecutor(1) as pool:  # the two kernels at once (polars and Arrow work
        later = pool.submit(exit_household.kernel_of, shared, day, ps)  # without the GIL)
        ident_out = identification.kernel_of(shared, day, ps)
        exit_out = later.result()
    ident = _table("identification.household", frame, ident_out, day, ps)
    exits = _table("exit.household", frame, exit_out, day, ps)
    poor = (ident["outcome"] == "met") & (exits["outcome"] != "met")
    return (
        ident,
        exits,
        incidence.villages(frame, on=day, params=ps, poor=poor, counties=shared.regions.position),
    )


def precision_rows(
    households: Any, *, on: DateLike, params: ParameterSet | None = None
) -> pl.DataFrame:
    """The row-wise six-precision checks (错评 when identified; each recorded household exit)
    of every household on the audit day ``on``: see
    :mod:`jingzhun.engine.columnar.precision`."""
    from jingzhun.engine.columnar import precision

    return precision.precision_rows(households, on=on, params=params)


def villages(
    households: Any,
    *,
    on: DateLike,
    params: ParameterSet | None = None,
    villages: Any = None,
    poor: pl.Series | None = None,
) -> pl.DataFrame:
    """Village incidence and exit (``exit.village``) from a household population, bottom-up:
    the people still poor after the year's household exits over the rural population (the
    village table's, else the sum of household sizes in the frame); see
    :mod:`jingzhun.engine.columnar.incidence`. ``poor`` (a boolean per household) gives the
    households still poor when they are already decided (``identify`` met and
    ``exit_households`` not met on the same date), so they are not decided again."""
    from jingzhun.core.dates import as_date
    from jingzhun.engine.columnar import incidence
    from jingzhun.rules.common.params import param_set

    return incidence.villages(
        households, on=as_date(on), params=param_set(params), villages=villages, poor=poor
    )


def adjust(data: Any, *, on: DateLike, params: ParameterSet | None = None) -> pl.DataFrame:
    """The yearly adjustment (``dynamic.adjustment``) of every registry entry at the node
    ``on`` (31 December); the status after it:
    :func:`jingzhun.engine.columnar.adjustment.statuses_after`."""
    return decide("dynamic.adjustment", data, on=on, params=params)


def counties(
    households: Any, *, on: DateLike, counties: Any, params: ParameterSet | None = None
) -> pl.DataFrame:
    """County exit (``exit.county``) of every county of ``counties`` (the county exit
    records as columns), with ``remaining_poor`` from the households (and the rural
    population where the table has none); decided by the rule itself (``engine = "scalar"``):
    see :mod:`jingzhun.engine.columnar.county_exit`."""
    from jingzhun.core.dates import as_date
    from jingzhun.engine.columnar import county_exit
    from jingzhun.rules.common.params import param_set

    return county_exit.counties(
        households, on=as_date(on), params=param_set(params), counties=counties
    )
