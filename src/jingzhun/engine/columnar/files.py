"""A whole file of households decided chunk by chunk: what ``jingzhun batch`` runs.

The input is read with :func:`jingzhun.io.columns.read_households` (validated record
batches: memory holds one chunk), each chunk decided by the rule's kernel (rows it leaves
go through the scalar rule, ``engine = "scalar"``) and appended to the output
(:class:`~jingzhun.engine.columnar.output.DecisionWriter`); the run document (date,
overlays, parameter uses, citations, counts) is written once at the end. A problem in any
chunk stops the run and nothing is written.

Short names (``identify``, ``exit``, ``adjust``, ``villages``) map to rule ids in
:data:`~jingzhun.engine.columnar.names.SHORT_NAMES`; a name works where its rule has a
kernel in :data:`~jingzhun.engine.columnar.registry.KERNELS`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.errors import InputError
from jingzhun.core.parameters import ParameterSet
from jingzhun.engine.columnar.names import SHORT_NAMES
from jingzhun.engine.columnar.registry import KERNELS, KernelEntry


def kernel_entry(name: str) -> KernelEntry:
    """The kernel of a short name or rule id (:class:`InputError` if it has none)."""
    rule_id = SHORT_NAMES.get(name, name)
    if rule_id not in KERNELS:
        known = ", ".join(sorted(available()))
        raise InputError(f"{name}: 没有列式内核 / no columnar kernel (available: {known})")
    return KERNELS[rule_id]


def available() -> dict[str, str]:
    """Short name (or rule id, if it has none) → rule id, for every kernel."""
    named = {s: r for s, r in SHORT_NAMES.items() if r in KERNELS}
    named.update({r: r for r in KERNELS if r not in named.values()})
    return named


@attrs.frozen(kw_only=True)
class Summary:
    rule_id: str
    rows: int
    outcomes: dict[str, int]
    engines: dict[str, int]
    seconds: float

    def line(self, out: Path) -> str:
        outcomes = " · ".join(f"{k} {v:,}" for k, v in self.outcomes.items())
        engines = " · ".join(f"{k} {v:,}" for k, v in self.engines.items())
        rate = self.rows / self.seconds if self.seconds else 0.0
        return (
            f"wrote {out}: {self.rows:,} rows of {self.rule_id} ({outcomes}; engine: "
            f"{engines}) in {self.seconds:.1f} s ({rate:,.0f} rows/s)"
        )


def decide_file(
    name: str,
    source: str | Path,
    out: str | Path,
    *,
    on: DateLike,
    overlays: Sequence[tuple[str, str]] = (),
    batch_rows: int = 262_144,
    advance: Callable[[int], None] | None = None,
) -> Summary:
    """Decide every household of ``source`` (Parquet, Arrow IPC, CSV) and write ``out``."""
    import polars as pl

    from jingzhun.engine.columnar import decide
    from jingzhun.engine.columnar.output import DecisionWriter, Dimensions, run_document
    from jingzhun.engine.overlays import with_overlays
    from jingzhun.io.columns import read_households

    start = time.perf_counter()
    on = as_date(on)
    entry = kernel_entry(name)
    if entry.layout not in ("household", "village") or (
        entry.layout == "village" and entry.rule_id != "exit.village"
    ):
        raise InputError(
            f"{entry.rule_id}: 其内核的输入不是户表 / its kernel reads a {entry.layout} "
            "table, not households (not yet offered over a registry file)"
        )
    ps = with_overlays(overlays)
    writer = DecisionWriter(Path(out), entry.rule_id)
    dims = Dimensions(entry.rule_id, on, ps)
    counts: dict[str, Counter[str]] = {"outcomes": Counter(), "engine": Counter()}
    chunks: Iterator[Any] = (
        pl.from_arrow(b) for b in read_households(source, batch_rows=batch_rows)
    )
    if entry.layout == "village":
        chunks = iter([village_table(chunks, on, ps, advance)])
        advance = None
    try:
        for frame in chunks:
            assert isinstance(frame, pl.DataFrame)
            table = decide(entry.rule_id, frame, on=on, params=ps)
            writer.write(table)
            dims.add(frame)
            _tally(counts, table)
            if advance is not None:
                advance(table.height)
        document = run_document(entry.rule_id, on, overlays, dims, counts)
        writer.close(document)
    except BaseException:
        writer.abort()
        raise
    return Summary(
        rule_id=entry.rule_id,
        rows=writer.rows,
        outcomes=dict(sorted(counts["outcomes"].items())),
        engines=dict(sorted(counts["engine"].items())),
        seconds=time.perf_counter() - start,
    )


def village_table(
    chunks: Iterator[Any], on: dt.date, ps: ParameterSet, advance: Callable[[int], None] | None
) -> Any:
    """The villages of a household file, bottom-up (``batch villages``): per chunk the people
    still poor after the year's household exits and the rural population (the sum of
    household sizes), summed over the whole file; a village named with two counties is an
    error naming it."""
    import polars as pl

    from jingzhun.engine.columnar.incidence import still_poor, village_counts

    parts = []
    for frame in chunks:
        parts.append(village_counts(frame, still_poor(frame, on, ps)))
        if advance is not None:
            advance(frame.height)
    if not parts:
        raise InputError("没有户 / the file has no households")
    summed = (
        pl.concat(parts)
        .group_by("village_id", maintain_order=True)
        .agg(
            pl.col("county_code").first(),
            pl.col("county_code").n_unique().alias("_counties"),
            pl.col("poor_population").sum(),
            pl.col("rural_population").sum(),
        )
    )
    mixed = summed.filter(pl.col("_counties") > 1)["village_id"]
    if len(mixed):
        raise InputError(
            "村的户属于不同的县 / households of one village name several counties: "
            + ", ".join(mixed.head(20).to_list())
        )
    return summed.drop("_counties")


def _tally(counts: dict[str, Counter[str]], table: Any) -> None:
    """Add a chunk's rows per outcome and per engine to ``counts``."""
    for column, key in (("outcome", "outcomes"), ("engine", "engine")):
        for value, n in table[column].value_counts().iter_rows():
            counts[key][value] += n
