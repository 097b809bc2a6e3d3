"""``jingzhun evaluate`` (a third-party evaluation sample) and ``jingzhun sample-size``.

``evaluate`` loads the sample file whole (every error named; any error: nothing evaluated,
status 2), decides ``evaluation.county`` on the day and, when the file has an ``exit``
object, the pipeline ``evaluation.county_exit`` (the county exit decision on the sample's
rates). ``--confidence`` sets ``evaluation.confidence`` for this run (an overlay, named in the
decision). ``sample-size`` plans a sample: to show a rate below (or above) a threshold, or to
reach a margin of error.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from jingzhun.cli import EXIT_BAD_INPUT, EXIT_OK, _date, _overlays
from jingzhun.core.decisions import Decision
from jingzhun.core.errors import InvalidArgumentError
from jingzhun.core.statistics import (
    kish_design_effect,
    sample_size_for_margin,
    sample_size_to_show,
)
from jingzhun.domain.evaluation import CountyExitEvaluation
from jingzhun.engine.output import atomic_file, check_target
from jingzhun.engine.overlays import with_overlays
from jingzhun.io.evaluation import load_evaluation
from jingzhun.reports import explain
from jingzhun.rules.evaluation import evaluation_county, evaluation_county_exit

FORMATS = ("text", "json")

CONFIDENCE_OVERLAY = """schema_version = 1
region = "{region}"

[[parameter]]
name = "evaluation.confidence"

  [[parameter.values]]
  from = 2016-02-09
  value = "{value}"
  status = "local"
  source = {{ title = "jingzhun evaluate --confidence", quote = "命令行指定的置信水平 {value}" }}
"""


def _fraction(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value


def _rate(text: str) -> Decimal:
    value = _fraction(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(
            f"a rate is a fraction in [0, 1] (0.02 for 2%), got {text}"
        )
    return value


def _confidence(text: str) -> Decimal:
    value = _fraction(text)
    if not Decimal("0.5") <= value <= Decimal("0.999"):
        raise argparse.ArgumentTypeError(f"the confidence must be in [0.5, 0.999], got {text}")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def add_evaluate_commands(sub: Any) -> None:
    """The ``evaluate`` and ``sample-size`` subcommands."""
    p = sub.add_parser("evaluate", help="third-party evaluation (第三方评估) of a county sample")
    p.add_argument("file", help="an evaluation sample (.json: county, design, households)")
    p.add_argument("--on", type=_date, required=True, help="decision date, YYYY-MM-DD")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument("--confidence", type=_confidence, help="confidence level (default 0.95)")
    p.add_argument("--out", metavar="FILE", help="write to FILE (complete or not at all)")
    p.add_argument("--overlay", action="append", metavar="TOML", help="a parameter overlay")
    p.set_defaults(func=cmd_evaluate)
    s = sub.add_parser("sample-size", help="plan an evaluation sample (样本量)")
    s.add_argument("--expected-rate", type=_rate, required=True)
    target = s.add_mutually_exclusive_group(required=True)
    target.add_argument("--threshold", type=_rate, help="show the rate below/above this")
    target.add_argument("--margin", type=_rate, help="reach this half-width of the interval")
    s.add_argument("--confidence", type=_confidence, default=Decimal("0.95"))
    s.add_argument("--population", type=_count, help="population size (finite correction)")
    s.add_argument("--design-effect", type=_fraction, help="design effect (clustered samples)")
    s.add_argument("--cluster-size", type=_fraction, help="mean households per village (Kish)")
    s.add_argument("--icc", type=_rate, help="intra-village correlation (Kish)")
    s.add_argument("--format", choices=FORMATS, default="text")
    s.set_defaults(func=cmd_sample_size)


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Load, evaluate, write; status 2 with every error named when the sample is bad."""
    if args.out:
        check_target(Path(args.out))
    params = with_overlays(_overlays(args))
    loaded = load_evaluation(args.file)
    if not loaded.ok or loaded.case is None:
        print(f"输入有误 / invalid input: {loaded.summary(limit=200)}", file=sys.stderr)
        print("未作评估 / nothing evaluated", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.confidence is not None:
        text = CONFIDENCE_OVERLAY.format(
            value=args.confidence, region=loaded.case.county.county_code
        )
        params = params.with_overlay_text(text, origin="--confidence")
    decisions: list[Decision] = [evaluation_county(loaded.case, on=args.on, params=params)]
    if loaded.exit_case is not None:
        pipeline = CountyExitEvaluation(evaluation=loaded.case, exit_case=loaded.exit_case)
        decisions.append(evaluation_county_exit(pipeline, on=args.on, params=params))
    if args.format == "json":
        text = json.dumps([d.to_dict() for d in decisions], ensure_ascii=False, indent=2) + "\n"
    else:
        text = "\n\n".join(explain(d) for d in decisions) + "\n"
    if args.out:
        with atomic_file(Path(args.out)) as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _design_effect(args: argparse.Namespace) -> Fraction:
    given = args.design_effect
    if given is not None and (args.cluster_size is not None or args.icc is not None):
        raise InvalidArgumentError("give --design-effect or --cluster-size with --icc, not both")
    if (args.cluster_size is None) != (args.icc is None):
        raise InvalidArgumentError("--cluster-size and --icc go together (Kish: 1 + (m − 1)·ICC)")
    if args.cluster_size is not None:
        return kish_design_effect(args.cluster_size, args.icc)
    deff = Fraction(given) if given is not None else Fraction(1)
    if deff < 1:
        raise InvalidArgumentError(f"a design effect is at least 1 (got {given})")
    return deff


def cmd_sample_size(args: argparse.Namespace) -> int:
    """The smallest sample for the target; status 2 when no sample reaches it."""
    deff = _design_effect(args)
    common: dict[str, Any] = {
        "confidence": args.confidence,
        "population": args.population,
        "design_effect": deff,
    }
    if args.threshold is not None:
        n = sample_size_to_show(args.expected_rate, args.threshold, **common)
        side = "低于" if args.expected_rate < args.threshold else "高于"
        side_en = "below" if side == "低于" else "above"
        goal = f"样本率为{args.expected_rate}时区间整体{side}{args.threshold}"
        goal_en = (
            f"a sample at {args.expected_rate} has its interval wholly {side_en} {args.threshold}"
        )
    else:
        n = sample_size_for_margin(args.expected_rate, args.margin, **common)
        goal = f"区间半宽不超过{args.margin}"
        goal_en = f"the interval's half-width is at most {args.margin}"
    result = {
        "sample_size": n,
        "expected_rate": str(args.expected_rate),
        "threshold": None if args.threshold is None else str(args.threshold),
        "margin": None if args.margin is None else str(args.margin),
        "confidence": str(args.confidence),
        "population": args.population,
        "design_effect": str(Decimal(deff.numerator) / Decimal(deff.denominator)),
    }
    if args.format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(
            f"样本量 / sample size: {n}\n  {goal}（置信水平{args.confidence}，"
            f"设计效应{result['design_effect']}）\n  {goal_en} "
            f"(confidence {args.confidence}, design effect {result['design_effect']})\n"
        )
    return EXIT_OK
