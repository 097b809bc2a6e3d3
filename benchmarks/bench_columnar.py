"""The columnar kernels on a generated population in memory (issue 12).

    python benchmarks/bench_columnar.py                 # 1,000,000 households
    python benchmarks/bench_columnar.py --households 100000

Times ``columnar.identify`` and ``columnar.exit_households`` on the benchmark population
(income, size 1–7, guarantees, ~3,000 villages in ~100 counties; see
``columnar_population.py``), best of a few runs, and the share of rows left to the scalar
rules. Target (issue 12): identification + household exit well under 0.5 s for 1 M.
"""

from __future__ import annotations

import argparse
import time

from columnar_population import population

from jingzhun.core.parameters import ParameterSet
from jingzhun.engine import columnar


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--on", action="append", default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    frame = population(args.households, variety=False)
    made = time.perf_counter() - start
    people = int(frame["members"].list.len().sum()) + int(frame["declared_size"].sum() or 0)
    print(
        f"{frame.height:,} households, {people:,} people, "
        f"{frame['village_id'].n_unique():,} villages, {frame['county_code'].n_unique()} "
        f"counties (generated in {made:.1f} s)"
    )
    ps = ParameterSet.bundled()
    print(f"{'on':<12}{'identify s':>12}{'exit s':>10}{'total s':>10}{'scalar rows':>13}")
    for on in args.on or ["2016-12-31", "2017-12-31", "2019-12-31"]:
        best: dict[str, float] = {}
        scalar = 0
        for name, run in (("identify", columnar.identify), ("exit", columnar.exit_households)):
            for _ in range(args.repeats):
                t = time.perf_counter()
                out = run(frame, on=on, params=ps)
                best[name] = min(best.get(name, 1e9), time.perf_counter() - t)
            scalar += int((out["engine"] == "scalar").sum())
        total = best["identify"] + best["exit"]
        print(f"{on:<12}{best['identify']:>12.3f}{best['exit']:>10.3f}{total:>10.3f}{scalar:>13,}")


if __name__ == "__main__":
    main()
