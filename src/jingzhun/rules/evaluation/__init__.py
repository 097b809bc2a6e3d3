"""Third-party evaluation from a sample (第三方评估): rates with confidence intervals.

A composite family: ``evaluation.county_exit`` composes the exit family's ``exit.county``.
The statistics are :mod:`jingzhun.core.statistics`; the limits are the county exit
parameters ``exit.county.*``; the confidence level is ``evaluation.confidence``.
"""

from jingzhun.rules.evaluation.county import evaluation_county
from jingzhun.rules.evaluation.county_exit import (
    county_exit_case,
    evaluation_county_exit,
    exit_rates,
)

__all__ = ["county_exit_case", "evaluation_county", "evaluation_county_exit", "exit_rates"]
