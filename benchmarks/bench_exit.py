"""Benchmarks of exit and the yearly adjustment (issue 3).

    python benchmarks/bench_exit.py            # full run (100,000-household registry)
    python benchmarks/bench_exit.py --quick    # small smoke run

Measures household exit per decision (median µs, full explanation) and ``jingzhun adjust``
end to end on a generated registry (seconds, peak memory of the child process).
Targets: ≤ 20 s and ≤ 1 GiB for 100,000 households.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jingzhun import household_exit, load_households_text
from jingzhun.demo.sample import generate_households, sample_registry


def per_decision(repeats: int) -> float:
    registry = sample_registry([])  # every record carries 2017 income and exit facts
    households = load_households_text(
        json.dumps(
            [
                {k: v for k, v in r.items() if k not in ("registry_status", "history")}
                for r in registry
            ]
        )
    ).records
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for h in households:
            household_exit(h, on="2017-12-31")
        timings.append((time.perf_counter() - start) / len(households) * 1e6)
    return statistics.median(timings)


def write_registry(path: Path, count: int) -> None:
    statuses = ("poor", "poor", "exited", "not_registered")
    with path.open("w", encoding="utf-8") as f:
        for i, rec in enumerate(generate_households(count)):
            rec["registry_status"] = statuses[i % len(statuses)]
            rec["income_year"] = 2017
            rec["stable_income_source"] = i % 3 != 0
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    count = 1_000 if args.quick else args.count
    print(
        f"household exit, full explanation: median {per_decision(3 if args.quick else 15):.1f}"
        " µs/decision over the 1,520 sample households"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "registry.jsonl"
        write_registry(path, count)
        start = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "jingzhun",
                "adjust",
                str(path),
                "--year",
                "2017",
                "--format",
                "jsonl",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if proc.returncode != 0:
            raise SystemExit(f"jingzhun adjust failed: {proc.stderr[-2000:]}")
        print(
            f"jingzhun adjust --year 2017 ({count:,} households, JSON Lines): "
            f"{seconds:.1f} s, peak RSS {peak:.0f} MiB"
        )


if __name__ == "__main__":
    main()
