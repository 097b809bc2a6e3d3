"""Per-capita net income against the poverty line of its year (identification and exit).

Identification asks whether the income is 低于 (below) the line; exit whether it 超过
(exceeds) it. Both compare the income year's per-capita net income with that year's
nominal line, and both say when the line's source is weak.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache

import attrs
import pendulum

from jingzhun.core.bounds import Bound
from jingzhun.core.decisions import Effect, Evidence, Reason, ReasonCode
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import Household


@attrs.frozen(kw_only=True)
class LineCodes:
    """The reason codes a family uses for the comparison (each family has its own)."""

    passes: ReasonCode
    fails: ReasonCode
    missing: ReasonCode
    no_line: ReasonCode
    unconfirmed: ReasonCode


@attrs.frozen(kw_only=True)
class LineComparison:
    """The reasons of the comparison, whether the income passed (None: unknown), the line."""

    reasons: tuple[Reason, ...]
    passed: bool | None
    income: Decimal | None
    line: Decimal | None


@lru_cache(maxsize=256)
def _year_start(year: int) -> pendulum.Date:
    return pendulum.date(year, 1, 1)


def line_of_year(ps: ParameterSet, year: int, region: str | None) -> ResolvedParameter | None:
    """The national poverty line (``poverty_line.nominal``) in force for ``year``, if any."""
    try:
        return ps.resolve("poverty_line.nominal", on=_year_start(year), region=region)
    except NoValueInForceError:
        return None


def compare_with_line(
    household: Household,
    *,
    year: int,
    bound: Bound,
    codes: LineCodes,
    ps: ParameterSet,
    evidence: Callable[[Decimal], Sequence[Evidence]],
) -> LineComparison:
    """Compare the household's per-capita net income of ``year`` with that year's line.

    ``bound`` is the wording: ``below`` (低于, identification) or ``above`` (超过, exit);
    both exclude the line itself. The comparison is exact (net income against line × size,
    :meth:`Household.per_capita_within`); the income shown is rounded to the fen.
    """
    income = household.per_capita_net_income()
    if income is None:
        return LineComparison(
            reasons=(codes.missing(Effect.BLOCKS, year=year),), passed=None, income=None, line=None
        )
    line = line_of_year(ps, year, household.county_code)
    if line is None:
        reason = codes.no_line(
            Effect.BLOCKS, evidence=(Evidence(name="income_year", value=year),), year=year
        )
        return LineComparison(reasons=(reason,), passed=None, income=income, line=None)
    value = line.decimal()
    passed = household.per_capita_within(value, bound) is True
    code = codes.passes if passed else codes.fails
    reasons = [
        code(
            Effect.SUPPORTS if passed else Effect.OPPOSES,
            evidence=evidence(income),
            parameters=(line.use(),),
            year=year,
            income=income,
            line=value,
        )
    ]
    if line.status != "confirmed":
        reasons.append(
            codes.unconfirmed(
                Effect.NOTE,
                parameters=(line.use(),),
                citations=(line.source,),
                year=year,
                line=value,
                status=line.status,
            )
        )
    return LineComparison(reasons=tuple(reasons), passed=passed, income=income, line=value)


def as_of_income_year(household: Household, year: int) -> Household:
    """The household as a decision reading ``year``'s income sees it: the card itself when its
    income is of that year (or undated); else that year's per-capita figure from
    ``income_history``; else the card without income (so the income cannot be decided)."""
    if household.income_year in (None, year):
        return household
    past = next((a.per_capita for a in household.income_history if a.year == year), None)
    return attrs.evolve(household, income=None, reported_per_capita_income=past, income_year=year)
