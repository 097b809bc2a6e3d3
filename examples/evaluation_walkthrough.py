"""Third-party evaluation walkthrough: a drawn sample, its rates with intervals, the verdicts,
the pipeline into county exit, and the sample-size planner. Reads no files."""

from __future__ import annotations

from fractions import Fraction

from jingzhun.core.bounds import RateFigure
from jingzhun.core.statistics import sample_size_to_show
from jingzhun.demo.evaluation import sample_evaluation
from jingzhun.domain.evaluation import CountyExitEvaluation
from jingzhun.domain.model import CountyExitCase
from jingzhun.io.evaluation import load_evaluation_data
from jingzhun.rules.evaluation import evaluation_county, evaluation_county_exit


def main() -> None:
    loaded = load_evaluation_data(sample_evaluation(400), source="demo sample")
    loaded.raise_for_errors()
    case = loaded.case
    assert case is not None
    decision = evaluation_county(case, on="2018-02-28")
    print(f"{decision.rule}: {decision.outcome.zh}")
    for reason in decision.reasons:
        print(f"  {reason.code}: {reason.message_zh}")
    exit_case = CountyExitCase(county=case.county, incidence=RateFigure(value="0.012"))
    both = evaluation_county_exit(
        CountyExitEvaluation(evaluation=case, exit_case=exit_case), on="2018-02-28"
    )
    print(f"{both.rule}: {both.outcome.zh}")
    for basis in both.basis:
        print(f"  {basis.rule}: {basis.outcome.zh}")
    n = sample_size_to_show(Fraction(1, 100), Fraction(2, 100), confidence="0.95", population=12000)
    print(f"sample size to show 1% below 2% (N = 12,000): {n}")


if __name__ == "__main__":
    main()
