"""National scale (issue 12): columnar vs OpenFisca-core, 10 M households from Parquet, and
the scalar path, in one run, one table.

    pip install -r requirements/bench.txt          # OpenFisca-core (benchmark only)
    python benchmarks/bench_columnar_scale.py      # the full run (about 3 minutes here)
    python benchmarks/bench_columnar_scale.py --households 100000 --parquet-households 1000000

(a) The same rules on the same population (``population.py``: 1,000,000 households, ~3.6 M
    people, 3,030 villages), from in-memory arrays, end to end, on the yearly node
    2017-12-31. OpenFisca (``openfisca_peer.py``): build the simulation and compute the
    identification, household exit and village exit outcomes, three-valued like the rules
    (the guarantee margin, the counted guarantees, the stable income source; unrecorded
    facts undetermined), and the village poor people. jingzhun: build its frame from the
    arrays, ``household_year`` (``identify``, ``exit_households`` and ``villages`` with the
    households' verdicts, the per-row facts computed once).
    Every value the peer uses is read from jingzhun's parameters. The outcomes of every
    household and village are compared: they must not differ.
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
from population import COMPONENTS, GUARANTEES, generate, net_income_fen, states, to_polars

from jingzhun.core.parameters import ParameterSet
from jingzhun.engine import columnar

ON, YEAR = "2017-12-31", 2017  # the yearly node; the population's income year
ID_ON, EXIT_ON = ON, ON
Row = tuple[str, str, str]


def _threshold(ps: ParameterSet, name: str, county: str) -> tuple[int, int]:
    rate = Fraction(ps.resolve(name, on=ON, region=county).decimal())
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


def _flag(pop: dict[str, Any], name: str) -> pl.Series:
    import pyarrow as pa

    value, known = pop[name]
    out = pl.from_arrow(pa.array(value, mask=~known))
    assert isinstance(out, pl.Series)
    return out


def _numbered(prefix: str, n: int) -> pl.Series:
    """``prefix`` followed by 0, 1, …, n - 1 in decimal (``prefix + str(i)``), written into
    an Arrow string buffer directly: the rows of each number of digits are contiguous, so
    each such block is a (rows × width) byte matrix filled a digit column at a time."""
    import pyarrow as pa

    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    offsets = np.zeros(n + 1, dtype=np.int64)
    blocks = []
    low = 0
    for digits in range(1, 20):
        high = min(n, 10**digits)
        if low >= high:
            break
        number = np.arange(low, high, dtype=np.int64)
        block = np.empty((high - low, len(head) + digits), dtype=np.uint8)
        block[:, : len(head)] = head
        for d in range(digits):
            block[:, len(head) + digits - 1 - d] = 48 + number % 10
            number //= 10
        offsets[low + 1 : high + 1] = block.shape[1]
        blocks.append(block.ravel())
        low = high
    np.cumsum(offsets, out=offsets)
    data = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.uint8)
    array = pa.Array.from_buffers(
        pa.large_string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    )
    out = pl.from_arrow(array)
    assert isinstance(out, pl.Series)
    return out


def frame_from_arrays(pop: dict[str, Any]) -> pl.DataFrame:
    """The columns the rules read, in the household layout (equal to ``population.to_polars``,
    checked in :func:`part_a`, without its decimal arithmetic or integer-to-string casts:
    the village ids are made once per village and gathered)."""
    from concurrent.futures import ThreadPoolExecutor

    n = len(pop["declared_size"])
    pool = ThreadPoolExecutor(2)  # the household ids and the money (numpy and Arrow,
    ids = pool.submit(_numbered, "H", n)  # without the GIL) meanwhile
    money = {name: pool.submit(_money, pop[name]) for name in COMPONENTS}
    cols: dict[str, Any] = {
        "household_id": None,
        "county_code": pl.Series(pop["county_codes"]).gather(pop["county_index"]),
        "village_id": _numbered("V", len(pop["village_west"])).gather(pop["village_of_household"]),
        "declared_size": pl.Series(pop["declared_size"]),
        "income_year": pl.Series(pop["income_year"]),
    }
    for name in COMPONENTS:
        cols[f"income.{name}"] = None
    for name in GUARANTEES:
        cols[f"guarantees.{name}"] = _flag(pop, name)
    cols["stable_income_source"] = _flag(pop, "stable_income_source")
    cols["household_id"] = ids.result()
    for name, column in money.items():
        cols[f"income.{name}"] = column.result()
    pool.shutdown()
    return pl.DataFrame(cols)


def jingzhun_end_to_end(pop: dict[str, Any], ps: ParameterSet) -> Any:
    """Identification, household exit, village incidence and village exit on ``ON``."""
    return columnar.household_year(frame_from_arrays(pop), on=ON, params=ps)


def peer_values(ps: ParameterSet, county: str) -> Any:
    """The values the OpenFisca formulas use, resolved from jingzhun's own parameters."""
    from openfisca_peer import Values

    from jingzhun.rules.common.income import line_of_year

    line = line_of_year(ps, YEAR, county)
    assert line is not None
    margin = Fraction(ps.resolve("identification.guarantee_margin", on=ON, region=county).decimal())
    water = ps.resolve("guarantees.drinking_water_counts", on=ON, region=county).flag()
    return Values(
        line_fen=int(line.decimal() * 100),
        margin=(margin.numerator, margin.denominator),
        water_counts=water,
        west=_threshold(ps, "exit.village.incidence_threshold_west", county),
        other=_threshold(ps, "exit.village.incidence_threshold", county),
    )


def _outcome_codes(outcome: pl.Series) -> np.ndarray[Any, Any]:
    """jingzhun's outcomes as the peer's integers (0 met, 1 not met, 2 undetermined)."""
    return (
        outcome.cast(pl.String)
        .replace_strict({"met": 0, "not_met": 1, "undetermined": 2}, return_dtype=pl.Int8)
        .to_numpy()
    )


def part_a(households: int, repeats: int, rows: list[Row]) -> None:
    ps = ParameterSet.bundled()
    pop = generate(households)
    sample = generate(1000, seed=1)
    assert frame_from_arrays(sample).equals(to_polars(sample))
    people = int(pop["declared_size"].sum())
    t_jz, (ident, exits, villages) = _best(lambda: jingzhun_end_to_end(pop, ps), repeats)
    scalar = sum(int((t["engine"] == "scalar").sum()) for t in (ident, exits, villages))
    size = f"{households:,} households, {people:,} people, {len(pop['village_west']):,} villages"
    rows.append(("a", f"jingzhun columnar end to end ({size})", f"{t_jz:.2f} s"))
    rows.append(("a", "rows left to the scalar rules (households and villages)", f"{scalar:,}"))
    tally = [dict(t["outcome"].value_counts().iter_rows()) for t in (ident, exits, villages)]
    shown = " / ".join(", ".join(f"{k} {v:,}" for k, v in sorted(t.items())) for t in tally)
    rows.append(("a", "outcomes: identification / household exit / village exit", shown))
    try:
        import openfisca_peer
    except ImportError:
        rows.append(("a", "OpenFisca-core", "skipped: pip install -r requirements/bench.txt"))
        return
    county = str(pop["county_codes"][0])
    tbs = openfisca_peer.system(peer_values(ps, county))

    def openfisca() -> dict[str, Any]:
        return openfisca_peer.run(
            tbs,
            year=str(YEAR),
            sizes=pop["declared_size"],
            village_of_household=pop["village_of_household"],
            village_west=pop["village_west"],
            net_income_fen=net_income_fen(pop),
            guarantees={g: states(pop, g) for g in GUARANTEES},
            stable_income_source=states(pop, "stable_income_source"),
        )

    t_of, of = _best(openfisca, repeats)
    rows.append(("a", "OpenFisca-core end to end (build simulation + compute)", f"{t_of:.2f} s"))
    rows.append(("a", "speed-up, jingzhun over OpenFisca (target ≥ 5×)", f"{t_of / t_jz:.1f}×"))
    order = villages["id"].str.slice(1).cast(pl.Int64).to_numpy()
    village_outcomes = np.full(len(pop["village_west"]), -1, dtype=np.int8)
    village_outcomes[order] = _outcome_codes(villages["outcome"])
    differ = [
        int((of["identification"] != _outcome_codes(ident["outcome"])).sum()),
        int((of["household_exit"] != _outcome_codes(exits["outcome"])).sum()),
        int((of["village_exit"] != village_outcomes).sum()),
    ]
    rows.append(
        (
            "a",
            "outcomes that differ: identification / household exit / village exit",
            " / ".join(map(str, differ)),
        )
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
