"""Benchmarks of the third-party evaluation (issue 10).

    python benchmarks/bench_evaluation.py            # 10,000-household sample
    python benchmarks/bench_evaluation.py --quick    # small smoke run

Measures ``evaluation.county`` on a synthetic sample of 10,000 households (simple random and
clustered by 100 villages; median seconds of 5 runs) and the sample-size planner (median µs).
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import time
from collections.abc import Callable
from fractions import Fraction

from jingzhun.core.statistics import sample_size_to_show
from jingzhun.domain.evaluation import EvaluationCase, SampledHousehold, SamplingDesign
from jingzhun.domain.model import County
from jingzhun.rules.evaluation import evaluation_county


def synthetic(n: int, kind: str, seed: int = 7) -> EvaluationCase:
    rng = random.Random(seed)
    statuses = ("exited", "poor", "not_registered")
    hs = []
    for i in range(n):
        status = statuses[i % 3]
        hs.append(
            SampledHousehold(
                household_id=f"H{i:06d}",
                village_id=f"V{i % 100:03d}",
                status=status,
                members=rng.randint(1, 6),
                should_be_registered=(rng.random() < 0.01) if status == "not_registered" else True,
                correctly_exited=(rng.random() >= 0.01) if status == "exited" else None,
                approval="认可" if rng.random() < 0.96 else "不认可",
                satisfaction="满意" if rng.random() < 0.9 else "不满意",
            )
        )
    design = SamplingDesign(
        kind=kind,
        villages_sampled=100 if kind == "clustered" else None,
        exited_population=200_000,
        non_registered_population=400_000,
        registered_population=500_000,
        households=300_000,
    )
    return EvaluationCase(
        county=County(county_code="610999", key_county=True), design=design, households=hs
    )


def median_seconds(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    n = 500 if args.quick else 10_000
    for kind in ("simple_random", "clustered"):
        case = synthetic(n, kind)
        t = median_seconds(functools.partial(evaluation_county, case, on="2018-02-28"), 5)
        print(f"evaluation.county, {n} households, {kind}: {t:.3f} s (median of 5)")
    t = median_seconds(
        lambda: sample_size_to_show(
            "0.01", "0.02", confidence="0.95", population=12000, design_effect=Fraction(3, 2)
        ),
        50,
    )
    print(f"sample-size planning (to show 1% below 2%, N=12000, deff 1.5): {t * 1e6:.0f} µs")


if __name__ == "__main__":
    main()
