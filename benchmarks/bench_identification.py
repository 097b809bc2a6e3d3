"""Benchmarks of identification (performance claims live here, never in unit tests).

    python benchmarks/bench_identification.py            # full run (100,000 households)
    python benchmarks/bench_identification.py --quick    # small smoke run

Measures (1) household identification per decision, with the full explanation, as the
median over repeated runs of the sample county; (2) ``jingzhun identify households`` end to
end on a generated file (JSON Lines and JSON array), wall seconds and peak memory of the
child process. Targets (issue 2): ≤ 20 µs per decision; ≤ 15 s and ≤ 1 GiB for 100,000.
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

from jingzhun import identify_household, load_households_text
from jingzhun.demo.sample import generate_households, sample_households


def per_decision(repeats: int) -> tuple[float, float]:
    households = load_households_text(json.dumps(sample_households())).records
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for h in households:
            identify_household(h, on="2017-06-30")
        timings.append((time.perf_counter() - start) / len(households) * 1e6)
    return statistics.median(timings), min(timings)


def write_file(path: Path, count: int, jsonl: bool) -> None:
    with path.open("w", encoding="utf-8") as f:
        if jsonl:
            for rec in generate_households(count):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            f.write('{"households": [\n')
            for i, rec in enumerate(generate_households(count)):
                f.write(("," if i else "") + json.dumps(rec, ensure_ascii=False) + "\n")
            f.write("]}\n")


def end_to_end(path: Path, fmt: str) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "jingzhun",
            "identify",
            "households",
            str(path),
            "--on",
            "2017-06-30",
            "--format",
            fmt,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"jingzhun failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return seconds, max(peak_kib, before) / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="1,000 households, 3 repeats")
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args()
    count = 1_000 if args.quick else args.count
    median, best = per_decision(3 if args.quick else 15)
    print(
        f"household identification, full explanation: median {median:.1f} µs/decision "
        f"(best {best:.1f}) over the 1,520 sample households"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for jsonl, fmt in ((True, "jsonl"), (False, "json")):
            path = Path(tmp) / ("h.jsonl" if jsonl else "h.json")
            write_file(path, count, jsonl)
            size = path.stat().st_size / 2**20
            seconds, peak, _ = end_to_end(path, fmt)
            print(
                f"jingzhun identify households ({path.suffix}, {count:,} households, "
                f"{size:.0f} MiB in, --format {fmt}): {seconds:.1f} s, peak RSS {peak:.0f} MiB"
            )


if __name__ == "__main__":
    main()
