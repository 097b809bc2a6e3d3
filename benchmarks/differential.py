"""Differential run: the columnar kernels against the scalar rules on generated rows.

    python benchmarks/differential.py                      # ≥ 1,000,000 rows per rule
    python benchmarks/differential.py --households 20000   # a quick run

Generates a population with every kind of row (``columnar_population.population`` with
variety: exclusion facts and local indicators the kernels leave to the rules), then for each
decision date × parameter set (two overlays, from ``tests/columnar_cases.py``) decides every
row with ``columnar.identify`` / ``columnar.exit_households`` and with the scalar rules, and
prints the number of rows compared and of disagreements (outcome or code set) per rule.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from columnar_population import population

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from columnar_cases import param_sets
from jingzhun.engine import columnar
from jingzhun.engine.columnar.fallback import layout_record
from jingzhun.io.converters import household_from_dict
from jingzhun.rules.exit import household_exit
from jingzhun.rules.identification import identify_household

DATES = ("2015-12-31", "2016-12-31", "2017-12-31", "2018-06-30", "2019-11-30", "2020-12-31")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--dates", type=int, default=len(DATES))
    args = parser.parse_args()
    start = time.perf_counter()
    frame = population(args.households, seed=7, variety=True)
    households = [household_from_dict(layout_record(r)) for r in frame.iter_rows(named=True)]
    print(f"{len(households):,} households built in {time.perf_counter() - start:.1f} s")
    sets = [s for s in param_sets() if s[0] in ("A", "B")]
    rules = (
        ("identification.household", columnar.identify, identify_household),
        ("exit.household", columnar.exit_households, household_exit),
    )
    counts = {name: [0, 0, 0] for name, _k, _r in rules}  # rows, disagreements, scalar rows
    seconds = {name: [0.0, 0.0] for name, _k, _r in rules}  # columnar, rules
    for set_name, ps in sets:
        for on in DATES[: args.dates]:
            for name, kernel, rule in rules:
                t = time.perf_counter()
                out = kernel(frame, on=on, params=ps)
                t_columnar = time.perf_counter() - t
                t = time.perf_counter()
                bad = 0
                for h, o, c in zip(households, out["outcome"], out["codes"], strict=True):
                    d = rule(h, on=on, params=ps)
                    if o != d.outcome.value or set(c) != set(d.codes):
                        bad += 1
                        if bad <= 3:
                            print("DISAGREE", name, set_name, on, h.household_id, o, list(c),
                                  d.outcome.value, d.codes)  # fmt: skip
                row = counts[name]
                row[0] += len(households)
                row[1] += bad
                row[2] += int((out["engine"] == "scalar").sum())
                seconds[name][0] += t_columnar
                seconds[name][1] += time.perf_counter() - t
            print(f"  {set_name} {on} done", flush=True)
    head = ("rule", "rows", "disagree", "scalar", "columnar s", "rules s")
    print(f"{head[0]:<28}{head[1]:>12}{head[2]:>10}{head[3]:>10}{head[4]:>12}{head[5]:>10}")
    for name, (rows, bad, scalar) in counts.items():
        tc, ts = seconds[name]
        print(f"{name:<28}{rows:>12,}{bad:>10,}{scalar:>10,}{tc:>12.1f}{ts:>10.1f}")
    dates, names = ", ".join(DATES[: args.dates]), ", ".join(n for n, _ in sets)
    total = time.perf_counter() - start
    print(f"decision dates: {dates}; parameter sets: {names}; total {total:.0f} s")


if __name__ == "__main__":
    main()
