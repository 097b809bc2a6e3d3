"""``jingzhun sample --out DIR``: the sample county's records, and its county registry."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from jingzhun.cli import EXIT_OK
from jingzhun.demo.assessment import sample_assessment_plan, sample_province_assessment
from jingzhun.demo.evaluation import sample_evaluation
from jingzhun.demo.registry import sample_county_registry
from jingzhun.demo.sample import sample_households, sample_villages
from jingzhun.engine.output import OutputError, atomic_file


def add_sample_command(sub: Any) -> None:
    """The ``sample`` subcommand."""
    sample = sub.add_parser("sample", help="write the sample county's records as JSON files")
    sample.add_argument("--out", required=True)
    sample.set_defaults(func=cmd_sample)


def cmd_sample(args: argparse.Namespace) -> int:
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), exc.strerror or type(exc).__name__) from None
    files = {
        "households.json": {"households": sample_households()},
        "villages.json": sample_villages(),
        "county-registry.json": sample_county_registry(),
        "evaluation-sample.json": sample_evaluation(400),
        "province-assessment.json": sample_province_assessment(),
        "assessment-plan.json": sample_assessment_plan(),
    }
    for name, data in files.items():
        with atomic_file(out / name) as handle:
            handle.write(json.dumps(data, ensure_ascii=False, indent=1))
    print("wrote " + ", ".join(str(out / name) for name in files))
    return EXIT_OK
