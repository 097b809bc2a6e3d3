"""National scale (issue 12): columnar vs OpenFisca-core, 10 M households from Parquet, and
the scalar path, in one run, one table.

    pip install -r requirements/bench.txt          # OpenFisca-core (benchmark only)
    python benchmarks/bench_columnar_scale.py      # the full run (about 3 minutes here)
    python benchmarks/bench_columnar_scale.py --households 100000 --parquet-households 1000000

(a) The same rules on the same population (``population.py``: 1,000,000 households, ~3.5 M
    people, 3,030 villages), from in-memory arrays, end to end. OpenFisca: build the
    simulation and compute identification, household exit, village poor people and village
    exit (``openfisca_peer.py``). jingzhun: build its frame from the arrays, ``identify``,
    ``exit_households``, then village incidence and exit by an aggregation written HERE
    (marked below; the village kernel is not used). The line and the village thresholds are
    read from jingzhun's parameters. The verdicts are compared: OpenFisca's ``identified``
    with jingzhun's income test (code ``ID_INCOME_BELOW_LINE``), ``exits`` with
    ``HX_INCOME_ABOVE_LINE`` and ``HX_GUARANTEES_MET``, and every village's exit.
(b) ``jingzhun batch identify`` and ``batch exit`` on 10 M households from a Parquet file
    (generated once into a temporary folder, in chunks), each in a child process:
    households/s and peak memory (the child's own ``ru_maxrss``, from ``os.wait4``).
(c) The scalar rules on 100,000 households (records converted and decided in Python).
Targets: (a) ≥ 5× faster than OpenFisca; (b) ≤ 60 s and ≤ 8 GiB for 10 M households.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
from population import COMPONENTS, GUARANTEES, generate, net_income_fen, to_polars

from jingzhun.core.parameters import ParameterSet
from jingzhun.engine import columnar

ID_ON, EXIT_ON = "2016-12-31", "2017-12-31"
Row = tuple[str, str, str]


def _threshold(ps: ParameterSet, name: str, county: str) -> tuple[int, int]:
    rate = Fraction(ps.resolve(name, on=EXIT_ON, region=county).decimal())
    return rate.numerator, rate.denominator


def _best(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
    return best, out


def _money(fen: np.ndarray[Any, Any]) -> pl.Series:
    """Fen as ``decimal(14, 2)`` yuan without arithmetic: Arrow's decimal128 is the unscaled
    integer in 16 bytes (low word, then the sign-extended high word)."""
    import pyarrow as pa

    words = np.empty((len(fen), 2), dtype=np.int64)
    words[:, 0] = fen
    words[:, 1] = fen >> 63
    array = pa.Array.from_buffers(pa.decimal128(14, 2), len(fen), [None, pa.py_buffer(words)])
    out = pl.from_arrow(array)
    assert isinstance(out, pl.Series)
    return out


def frame_from_arrays(pop: dict[str, Any]) -> pl.DataFrame:
    """The columns the rules read, in the household layout (equal to ``population.to_polars``,
    checked in :func:`part_a`, without its decimal arithmetic)."""
    import pyarrow as pa

    n = len(pop["declared_size"])
    cols: dict[str, Any] = {
        "household_id": "H" + pl.Series(np.arange(n)).cast(pl.String),
        "county_code": pl.Series(pop["county_codes"]).gather(pop["county_index"]),
        "village_id": "V" + pl.Series(pop["village_of_household"]).cast(pl.String),
        "declared_size": pl.Series(pop["declared_size"]),
        "income_year": pl.Series(pop["income_year"]),
    }
    for name in COMPONENTS:
        cols[f"income.{name}"] = _money(pop[name])
    for name in GUARANTEES:
        value, known = pop[name]
        cols[f"guarantees.{name}"] = pl.from_arrow(pa.array(value, mask=~known))
    return pl.DataFrame(cols)


def guarantees_met(pop: dict[str, Any], ps: ParameterSet, county: str) -> np.ndarray[Any, Any]:
    """The guarantees the exit rule counts on EXIT_ON, all recorded as met (unknown is not
    met); safe drinking water only where ``guarantees.drinking_water_counts`` says so."""
    water = ps.resolve("guarantees.drinking_water_counts", on=EXIT_ON, region=county).flag()
    met = np.ones(len(pop["declared_size"]), dtype=bool)
    for name in GUARANTEES:
        if name != "drinking_water" or water:
            value, known = pop[name]
            met &= value & known
    return met


def jingzhun_end_to_end(pop: dict[str, Any], ps: ParameterSet, west: Any, other: Any) -> Any:
    frame = frame_from_arrays(pop)
    ident = columnar.identify(frame, on=ID_ON, params=ps)
    exits = columnar.exit_households(frame, on=EXIT_ON, params=ps)

    # --- benchmark aggregation (NOT the village kernel): village incidence and exit -------
    def has(table: pl.DataFrame, code: str) -> pl.Series:  # compared as the enum, no strings
        kind = table.schema["codes"]
        assert isinstance(kind, pl.List)
        return table["codes"].list.contains(pl.lit(code, dtype=kind.inner))

    below = has(ident, "ID_INCOME_BELOW_LINE")
    leaves = has(exits, "HX_INCOME_ABOVE_LINE") & has(exits, "HX_GUARANTEES_MET")
    size = frame["declared_size"].cast(pl.Int64)
    villages = len(pop["village_west"])
    village = pop["village_of_household"]
    poor = np.bincount(village, (size * (below & ~leaves)).to_numpy(), villages)
    people = np.bincount(village, size.to_numpy(), villages)
    num = np.where(pop["village_west"], west[0], other[0])
    den = np.where(pop["village_west"], west[1], other[1])
    village_exit = poor.astype(np.int64) * den < num * people.astype(np.int64)
    # ---------------------------------------------------------------------------------------
    return below.to_numpy(), leaves.to_numpy(), village_exit, ident, exits


def part_a(households: int, repeats: int, rows: list[Row]) -> None:
    ps = ParameterSet.bundled()
    pop = generate(households)
    sample = generate(1000, seed=1)
    assert frame_from_arrays(sample).equals(to_polars(sample))
    people = int(pop["declared_size"].sum())
    county = str(pop["county_codes"][0])
    west = _threshold(ps, "exit.village.incidence_threshold_west", county)
    other = _threshold(ps, "exit.village.incidence_threshold", county)
    t_jz, (below, leaves, vexit, ident, exits) = _best(
        lambda: jingzhun_end_to_end(pop, ps, west, other), repeats
    )
    scalar = int((ident["engine"] == "scalar").sum() + (exits["engine"] == "scalar").sum())
    size = f"{households:,} households, {people:,} people, {len(pop['village_west']):,} villages"
    rows.append(("a", f"jingzhun columnar end to end ({size})", f"{t_jz:.2f} s"))
    rows.append(("a", "rows left to the scalar rules (identify + exit)", f"{scalar:,}"))
    try:
        import openfisca_peer
    except ImportError:
        rows.append(("a", "OpenFisca-core", "skipped: pip install -r requirements/bench.txt"))
        return
    from jingzhun.rules.common.income import line_of_year

    line = line_of_year(ps, 2016, county)
    assert line is not None
    tbs = openfisca_peer.system(west=west, other=other)

    def openfisca() -> dict[str, Any]:
        return openfisca_peer.run(
            tbs,
            year="2016",
            sizes=pop["declared_size"],
            village_of_household=pop["village_of_household"],
            village_west=pop["village_west"],
            net_income_fen=net_income_fen(pop),
            guarantees_met=guarantees_met(pop, ps, county),
            line_fen=int(line.decimal() * 100),
        )

    t_of, of = _best(openfisca, repeats)
    rows.append(("a", "OpenFisca-core end to end (build simulation + compute)", f"{t_of:.2f} s"))
    rows.append(("a", "speed-up, jingzhun over OpenFisca (target ≥ 5×)", f"{t_of / t_jz:.1f}×"))
    differ = [
        int((of["identified"] != below).sum()),
        int((of["exits"] != leaves).sum()),
        int((of["village_exits"] != vexit).sum()),
    ]
    rows.append(
        ("a", "disagreements: identified / exits / village exits", " / ".join(map(str, differ)))
    )


def _write_registry(path: Path, households: int, chunk: int) -> None:
    import pyarrow.parquet as pq

    from jingzhun.io.columns import households_schema

    schema = households_schema()
    writer = None
    for i, start in enumerate(range(0, households, chunk)):
        pop = generate(min(chunk, households - start), seed=2017 + i)
        frame = to_polars(pop).with_columns(
            pl.format("{}-{}", pl.lit(i), pl.col("household_id")).alias("household_id")
        )
        table = frame.to_arrow()
        table = table.cast(pq_schema := _subset(schema, table.column_names))
        if writer is None:
            writer = pq.ParquetWriter(str(path), pq_schema, compression="zstd")
        writer.write_table(table)
    assert writer is not None
    writer.close()


def _subset(schema: Any, names: list[str]) -> Any:
    import pyarrow as pa

    return pa.schema([schema.field(n) for n in names])


def _child(argv: list[str]) -> tuple[float, int, str]:
    """Run ``python -m jingzhun ARGV``: wall seconds, peak RSS (bytes), its output."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jingzhun", *argv], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"jingzhun {' '.join(argv)} failed ({proc.returncode}): {out}")
    return time.perf_counter() - start, usage.ru_maxrss * 1024, out.strip()


def part_b(households: int, rows: list[Row], keep: str | None) -> None:
    folder = Path(keep or tempfile.mkdtemp(prefix="jingzhun-scale-"))
    registry = folder / f"registry-{households}.parquet"
    if not registry.exists():
        start = time.perf_counter()
        _write_registry(registry, households, 1_000_000)
        made = time.perf_counter() - start
        rows.append(
            (
                "b",
                f"generated {registry.name} ({registry.stat().st_size >> 20} MiB)",
                f"{made:.1f} s",
            )
        )
    for name, on in (("identify", ID_ON), ("exit", EXIT_ON)):
        out = folder / f"{name}.parquet"
        seconds, rss, _line = _child(["batch", name, str(registry), "--on", on, "--out", str(out)])
        rows.append(
            (
                "b",
                f"batch {name}: {households:,} households from Parquet to Parquet",
                f"{seconds:.1f} s, {households / seconds:,.0f} households/s, "
                f"peak {rss / 2**30:.2f} GiB",
            )
        )
    if keep is None:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


def part_c(households: int, rows: list[Row]) -> None:
    from jingzhun.engine.columnar.fallback import layout_record
    from jingzhun.engine.columnar.layout_cast import to_layout
    from jingzhun.io.converters import household_from_dict
    from jingzhun.rules.exit import household_exit
    from jingzhun.rules.identification import identify_household

    ps = ParameterSet.bundled()
    frame = to_layout(to_polars(generate(households, seed=5)))
    records = [layout_record(r) for r in frame.iter_rows(named=True)]
    start = time.perf_counter()
    people = [household_from_dict(r) for r in records]
    built = time.perf_counter() - start
    for h in people:
        identify_household(h, on=ID_ON, params=ps)
        household_exit(h, on=EXIT_ON, params=ps)
    total = time.perf_counter() - start
    rows.append(
        (
            "c",
            f"scalar rules, {households:,} households (records → model {built:.1f} s, "
            "then identify + exit)",
            f"{total:.1f} s, {households / total:,.0f} households/s",
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000, help="(a)")
    parser.add_argument("--parquet-households", type=int, default=10_000_000, help="(b)")
    parser.add_argument("--scalar-households", type=int, default=100_000, help="(c)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--keep", help="folder for (b)'s Parquet files (kept, reused)")
    args = parser.parse_args()
    rows: list[Row] = []
    part_a(args.households, args.repeats, rows)
    part_b(args.parquet_households, rows, args.keep)
    part_c(args.scalar_households, rows)
    width = max(len(r[1]) for r in rows)
    print(f"{'':2} {'measure':<{width}}  result")
    for part, what, result in rows:
        print(f"{part:2} {what:<{width}}  {result}")


if __name__ == "__main__":
    main()
