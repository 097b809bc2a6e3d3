"""Proportions estimated from samples: Wilson score intervals with a finite-population
correction and a design effect, and sample sizes (no policy: the rules pick the thresholds).

The sampling unit is a *unit* ``(y, x)``: ``x`` people (or households) of which ``y`` have
the property — a household of a simple random sample, or a village of a sample clustered by
village (its households added up). The estimate is the ratio ``p̂ = Σy / Σx`` (exact, a
:class:`~fractions.Fraction`); with every ``x = 1`` it is the plain sample proportion.

The interval (Wilson 1927; with the design effect and the finite-population correction
through the effective sample size, Kish 1965 §8.2, Korn & Graubard 1998)::

    m     = Σx                                  people (or households) sampled
    fpc   = (N − m) / (N − 1)                   Cochran 1977 eq. (3.4); 1 without N
    deff  = Σ(y − p̂·x)² / (m · p̂(1 − p̂))        ratio-estimator variance over the binomial
                                                 one (Cochran 1977 eq. (6.9), divisor n),
                                                 at least 1; 1 when p̂ is 0 or 1
    n_eff = m / (deff · fpc)                     effective sample size
    Wilson at p̂ with n = n_eff and z = Φ⁻¹((1 + confidence) / 2):
        (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)

``m = N`` (a census) gives ``fpc = 0``: the interval is the estimate itself. The bounds are
computed in floating point and reported as fractions rounded *outward* to 10⁻⁹ after a guard
of 10⁻¹² (far above the float error of the formula), so a reported interval always contains
the mathematical one and a verdict compares the reported bounds exactly.

References: E. B. Wilson, "Probable inference, the law of succession, and statistical
inference", JASA 22 (1927) 209–212; W. G. Cochran, *Sampling Techniques*, 3rd ed., Wiley
1977; L. Kish, *Survey Sampling*, Wiley 1965; E. L. Korn and B. I. Graubard, "Confidence
intervals for proportions with small expected number of positive counts estimated from
survey data", Survey Methodology 24 (1998) 193–201.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist
from typing import Final, TypeAlias

import attrs

from jingzhun.core.errors import InvalidArgumentError

Number: TypeAlias = Decimal | Fraction | float | int | str
"""A number the functions accept (a string is read exactly, as a decimal)."""

GUARD: Final = 1e-12
"""Subtracted from a lower and added to an upper float bound before rounding outward."""

GRID: Final = 10**9
"""Reported bounds are multiples of 1/GRID."""

MAX_PLANNED: Final = 10**9
"""The largest sample size the planner searches (without a population size)."""


def _fraction(value: Number) -> Fraction:
    """``value`` exactly (a float as the binary fraction it is)."""
    return Fraction(value)


def z_value(confidence: Number) -> float:
    """The two-sided normal quantile Φ⁻¹((1 + confidence) / 2); confidence in (0, 1)."""
    c = _fraction(confidence)
    if not 0 < c < 1:
        raise InvalidArgumentError(f"confidence must be strictly between 0 and 1, got {float(c)}")
    return NormalDist().inv_cdf((1 + float(c)) / 2)


def fpc(sampled: int, population: int | None) -> Fraction:
    """The finite-population correction ``(N − n) / (N − 1)``; 1 without a population size.

    A sample larger than its population is an error; a census gives 0."""
    if sampled < 1:
        raise InvalidArgumentError(f"the sample must hold at least one unit (got {sampled})")
    if population is None:
        return Fraction(1)
    if sampled > population:
        raise InvalidArgumentError(
            f"the sample ({sampled}) is larger than its population ({population})"
        )
    if sampled == population:
        return Fraction(0)
    return Fraction(population - sampled, population - 1)


def ratio_design_effect(units: Sequence[tuple[int, int]]) -> Fraction | None:
    """``Σ(y − p̂x)² / (m·p̂(1 − p̂))`` from the unit totals, exactly; None when it cannot be
    estimated (fewer than two units, or ``p̂`` is 0 or 1). Not floored (see :func:`estimate`)."""
    if len(units) < 2:
        return None
    y_sum = sum(y for y, _ in units)
    m = sum(x for _, x in units)
    if m == 0 or y_sum in (0, m):
        return None
    p = Fraction(y_sum, m)
    # Σ(y − p x)² = Σy² − 2pΣxy + p²Σx², exact in integers and one fraction
    syy = sum(y * y for y, _ in units)
    sxy = sum(x * y for y, x in units)
    sxx = sum(x * x for _, x in units)
    residual = syy - 2 * p * sxy + p * p * sxx
    return residual / (m * p * (1 - p))


def kish_design_effect(mean_cluster_size: Number, icc: Number) -> Fraction:
    """Kish's ``deff = 1 + (m̄ − 1)·ICC`` for planning a sample clustered by village."""
    m, rho = _fraction(mean_cluster_size), _fraction(icc)
    if m < 1:
        raise InvalidArgumentError(f"the mean cluster size must be at least 1 (got {float(m)})")
    if not 0 <= rho <= 1:
        raise InvalidArgumentError(
            f"the intra-cluster correlation must be in [0, 1] (got {float(rho)})"
        )
    return 1 + (m - 1) * rho


def wilson_bounds(p: Fraction, n: float, z: float) -> tuple[float, float]:
    """The Wilson score interval at ``p`` for an (effective) sample size ``n`` (floats)."""
    if n <= 0:
        raise InvalidArgumentError("the effective sample size must be positive")
    if math.isinf(n):
        return float(p), float(p)
    pf, z2 = float(p), z * z
    denom = 1 + z2 / n
    centre = (pf + z2 / (2 * n)) / denom
    half = z * math.sqrt(pf * (1 - pf) / n + z2 / (4 * n * n)) / denom
    lo, hi = centre - half, centre + half
    if p == 0:
        lo = 0.0
    if p == 1:
        hi = 1.0
    return lo, hi


def outward(lo: float, hi: float) -> tuple[Fraction, Fraction]:
    """Float bounds as fractions on the 10⁻⁹ grid, rounded outward after the guard, in [0, 1]."""
    lower = Fraction(max(0, math.floor((lo - GUARD) * GRID)), GRID) if lo > 0 else Fraction(0)
    upper = Fraction(min(GRID, math.ceil((hi + GUARD) * GRID)), GRID) if hi < 1 else Fraction(1)
    return lower, upper


@attrs.frozen(kw_only=True)
class Estimate:
    """A proportion with its interval and how the interval was made.

    ``design_effect_from`` is ``"estimated"`` (from the unit totals), ``"given"`` (by the
    caller), or ``"none"`` (1: every unit is one person, or it could not be estimated);
    ``effective_n`` is None for a census (``fpc = 0``)."""

    successes: int
    total: int
    units: int
    estimate: Fraction
    lower: Fraction
    upper: Fraction
    confidence: Fraction
    design_effect: Fraction
    design_effect_from: str
    fpc: Fraction
    population: int | None
    effective_n: float | None

    @property
    def census(self) -> bool:
        return self.fpc == 0


def _design_effect(
    units: Sequence[tuple[int, int]], given: Fraction | None
) -> tuple[Fraction, str]:
    if given is not None:
        if given < 1:
            raise InvalidArgumentError(f"a design effect is at least 1 (got {float(given)})")
        return given, "given"
    if all(x == 1 for _, x in units):
        return Fraction(1), "none"
    found = ratio_design_effect(units)
    if found is None:
        return Fraction(1), "none"
    return max(Fraction(1), found), "estimated"


def estimate(
    units: Iterable[tuple[int, int]],
    *,
    confidence: Number,
    population: int | None = None,
    design_effect: Number | None = None,
) -> Estimate:
    """The ratio ``Σy/Σx`` of the ``(y, x)`` units with its Wilson interval (see the module)."""
    units = [(int(y), int(x)) for y, x in units]
    for y, x in units:
        if x < 1 or not 0 <= y <= x:
            raise InvalidArgumentError(f"a unit needs 0 ≤ y ≤ x and x ≥ 1 (got y={y}, x={x})")
    if not units:
        raise InvalidArgumentError("the sample holds no unit")
    z = z_value(confidence)
    y_sum, m = sum(y for y, _ in units), sum(x for _, x in units)
    p = Fraction(y_sum, m)
    correction = fpc(m, population)
    deff, source = _design_effect(
        units, None if design_effect is None else _fraction(design_effect)
    )
    if correction == 0:
        lower = upper = p
        n_eff: float | None = None
    else:
        n_eff = float(m / (deff * correction))
        lower, upper = outward(*wilson_bounds(p, n_eff, z))
        lower, upper = min(lower, p), max(upper, p)
    conf = _fraction(confidence)
    return Estimate(
        successes=y_sum,
        total=m,
        units=len(units),
        estimate=p,
        lower=lower,
        upper=upper,
        confidence=conf,
        design_effect=deff,
        design_effect_from=source,
        fpc=correction,
        population=population,
        effective_n=n_eff,
    )


# ---------------------------------------------------------------- planning


def _check_rate(name: str, value: Fraction) -> None:
    if not 0 <= value <= 1:
        raise InvalidArgumentError(
            f"{name} is a fraction in [0, 1] (0.02 for 2%), got {float(value)}"
        )


def _effective(n: int, population: int | None, deff: Fraction) -> float:
    correction = fpc(n, population)
    return math.inf if correction == 0 else float(n / (deff * correction))


def sample_size_for_margin(
    expected: Number,
    margin: Number,
    *,
    confidence: Number,
    population: int | None = None,
    design_effect: Number = 1,
) -> int:
    """The smallest sample whose Wilson half-width at ``expected`` is at most ``margin``.

    Half-width: half the interval's length at ``p̂ = expected`` for the effective size of
    the sample (design effect and finite-population correction as in :func:`estimate`)."""
    p, e, deff = _fraction(expected), _fraction(margin), _fraction(design_effect)
    _check_rate("the expected rate", p)
    if not 0 < e < 1:
        raise InvalidArgumentError(f"the margin must be strictly between 0 and 1, got {float(e)}")
    if deff < 1:
        raise InvalidArgumentError(f"a design effect is at least 1 (got {float(deff)})")
    z = z_value(confidence)

    def ok(n: int) -> bool:
        lo, hi = wilson_bounds(p, _effective(n, population, deff), z)
        return (hi - lo) / 2 <= float(e)

    return _smallest(ok, population)


def sample_size_to_show(
    expected: Number,
    threshold: Number,
    *,
    confidence: Number,
    population: int | None = None,
    design_effect: Number = 1,
) -> int:
    """The smallest sample at which a sample showing exactly ``expected`` has its interval
    wholly on the same side of ``threshold`` (below it when ``expected < threshold``, above
    it otherwise), strictly. About half the samples of a county whose true rate is
    ``expected`` come out worse than that: plan with margin to spare."""
    p, t, deff = _fraction(expected), _fraction(threshold), _fraction(design_effect)
    _check_rate("the expected rate", p)
    _check_rate("the threshold", t)
    if p == t:
        raise InvalidArgumentError(
            "the expected rate equals the threshold: no sample can show either side"
        )
    if deff < 1:
        raise InvalidArgumentError(f"a design effect is at least 1 (got {float(deff)})")
    z = z_value(confidence)

    def ok(n: int) -> bool:
        lo, hi = wilson_bounds(p, _effective(n, population, deff), z)
        low, high = outward(lo, hi)
        return high < t if p < t else low > t

    return _smallest(ok, population)


def _smallest(ok: Callable[[int], bool], population: int | None) -> int:
    """The smallest n in [1, population or MAX_PLANNED] with ``ok(n)`` (monotone), by bisection."""
    top = population if population is not None else MAX_PLANNED
    if not ok(top):
        raise InvalidArgumentError(
            f"no sample of at most {top} reaches the target"
            + ("" if population is not None else " (give the population size)")
        )
    lo, hi = 1, top
    while lo < hi:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo
