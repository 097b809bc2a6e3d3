"""Benchmark of the six-precisions audit (issue 9): load a generated county registry, audit it.

    python benchmarks/bench_audit.py            # 100,000 households, 300 villages,
                                                # 2,000 projects, 50,000 fund records
    python benchmarks/bench_audit.py --quick    # a small smoke run

The registry is generated (:func:`jingzhun.demo.registry_gen.generate_registry`) and written
to a temporary JSON file; a child process then loads it (file → ``CountyRegistry``) and runs
each precision's rule, so that its peak RSS is the audit's alone. Each precision is timed on
its own; a precision whose module does not exist yet is named as missing, and the whole
``audit_six_precisions`` is timed only when all six exist.
Targets (issue 9): ≤ 30 s and ≤ 2 GiB for the full audit of the full-size registry.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AUDIT_DAY = "2017-12-31"


def child(path: Path) -> None:
    """Load ``path`` and audit it; print one JSON line of timings."""
    from jingzhun.domain.audit import SixPrecision, findings_of
    from jingzhun.io.county_registry import load_county_registry
    from jingzhun.rules.precision.audit import audit_six_precisions, precision_rule

    start = time.perf_counter()
    loaded = load_county_registry(path)
    report: dict[str, object] = {"load_s": time.perf_counter() - start}
    report["load_errors"] = len(loaded.errors)
    report["records"] = loaded.total
    report["rss_after_load_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    registry = loaded.registry
    if registry is None:
        raise SystemExit(loaded.summary())
    timings: dict[str, object] = {}
    missing = []
    for precision in SixPrecision:
        try:
            rule = precision_rule(precision)
        except ModuleNotFoundError:
            missing.append(precision.value)
            continue
        start = time.perf_counter()
        decision = rule.apply(registry, on=AUDIT_DAY)
        timings[precision.value] = {
            "seconds": round(time.perf_counter() - start, 3),
            "findings": len(findings_of(decision)),
        }
    report["precisions"] = timings
    report["missing"] = missing
    if not missing:
        start = time.perf_counter()
        audit_six_precisions(registry, on=AUDIT_DAY)
        report["audit_s"] = time.perf_counter() - start
    report["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(report))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    from jingzhun.demo.registry_gen import generate_registry

    scale = 0.01 if args.quick else args.households / 100_000
    sizes = {
        "households": max(int(100_000 * scale), 10),
        "villages": max(int(300 * scale), 3),
        "projects": max(int(2_000 * scale), 2),
        "funds": max(int(50_000 * scale), 10),
    }
    start = time.perf_counter()
    data = generate_registry(**sizes)
    generated = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "registry.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        size = path.stat().st_size / 2**20
        del data
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, "--child", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        total = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"the audit failed: {proc.stderr[-3000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    print(
        f"registry: {sizes['households']:,} households, {sizes['villages']:,} villages, "
        f"{sizes['projects']:,} projects, {sizes['funds']:,} fund records "
        f"({size:.0f} MiB of JSON; generated in {generated:.1f} s)"
    )
    print(
        f"load (file → CountyRegistry): {report['load_s']:.1f} s, {report['load_errors']} "
        f"record error(s), peak RSS after load {report['rss_after_load_mib']:.0f} MiB"
    )
    for name, timing in report["precisions"].items():
        print(f"  {name}: {timing['seconds']:.2f} s, {timing['findings']:,} finding(s)")
    if report["missing"]:
        print(f"  not yet written (skipped): {', '.join(report['missing'])}")
    else:
        print(f"audit_six_precisions: {report['audit_s']:.1f} s")
    print(f"child process: {total:.1f} s in all, peak RSS {report['peak_rss_mib']:.0f} MiB")


if __name__ == "__main__":
    main()
