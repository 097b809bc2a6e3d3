"""The interval code of jingzhun.core.statistics against scipy, a coverage simulation, and the
planner. (Statistics carry no clause; the rules that use them are tested in
tests/rules/evaluation.)"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from scipy.stats import binomtest, norm  # type: ignore[import-untyped]

from jingzhun.core.statistics import (
    estimate,
    fpc,
    kish_design_effect,
    ratio_design_effect,
    sample_size_for_margin,
    sample_size_to_show,
    wilson_bounds,
    z_value,
)


def _units(k: int, n: int) -> list[tuple[int, int]]:
    return [(1, 1)] * k + [(0, 1)] * (n - k)


@pytest.mark.parametrize(
    ("k", "n", "conf"),
    [
        (0, 50, "0.95"),
        (50, 50, "0.95"),
        (0, 1, "0.95"),
        (1, 1, "0.9"),
        (3, 200, "0.95"),
        (1, 10, "0.99"),
        (180, 200, "0.95"),
        (19, 1000, "0.95"),
        (500, 1000, "0.8"),
    ],
)
def test_wilson_matches_scipy(k: int, n: int, conf: str) -> None:
    """Simple random sample, no population size: the scipy Wilson interval, to 1e-9 outward."""
    e = estimate(_units(k, n), confidence=conf)
    ci = binomtest(k, n).proportion_ci(float(conf), method="wilson")
    assert e.estimate == Fraction(k, n)
    assert ci.low - 2e-9 <= float(e.lower) <= ci.low + 1e-15
    assert ci.high - 1e-15 <= float(e.upper) <= ci.high + 2e-9
    if k == 0:
        assert e.lower == 0
    if k == n:
        assert e.upper == 1


def test_z_value_matches_scipy() -> None:
    for c in ("0.8", "0.9", "0.95", "0.99"):
        assert z_value(c) == pytest.approx(norm.ppf((1 + float(c)) / 2), abs=1e-12)
    with pytest.raises(ValueError, match="strictly between"):
        z_value("1")
    with pytest.raises(ValueError, match="strictly between"):
        z_value("0")


def test_fpc_census_and_oversized_sample() -> None:
    assert fpc(10, None) == 1
    assert fpc(100, 100) == 0
    assert fpc(50, 101) == Fraction(51, 100)
    with pytest.raises(ValueError, match="larger than its population"):
        fpc(101, 100)
    e = estimate(_units(2, 100), confidence="0.95", population=100)
    assert e.census and e.lower == e.upper == Fraction(2, 100)


def test_fpc_narrows_like_the_effective_size() -> None:
    """Wilson at n_eff = n (N − 1)/(N − n): the scipy interval of that effective size."""
    e = estimate(_units(10, 400), confidence="0.95", population=1000)
    n_eff = 400 * 999 / 600
    lo, hi = wilson_bounds(Fraction(10, 400), n_eff, z_value("0.95"))
    assert float(e.lower) == pytest.approx(lo, abs=2e-9)
    assert float(e.upper) == pytest.approx(hi, abs=2e-9)
    plain = estimate(_units(10, 400), confidence="0.95")
    assert plain.lower < e.lower and e.upper < plain.upper


def test_design_effect_from_cluster_totals() -> None:
    # plain units: exactly 1
    assert ratio_design_effect(_units(5, 100)) == 1
    # identical clusters of 10 all-or-nothing: deff = cluster size (ICC 1)
    clusters = [(10, 10)] * 3 + [(0, 10)] * 7
    assert ratio_design_effect(clusters) == 10
    assert ratio_design_effect([(0, 5), (0, 5)]) is None  # p̂ = 0
    assert kish_design_effect(10, "0.1") == Fraction(19, 10)
    e = estimate(clusters, confidence="0.95")
    assert e.design_effect == 10 and e.design_effect_from == "estimated"


def test_bad_units() -> None:
    with pytest.raises(ValueError, match="0 ≤ y ≤ x"):
        estimate([(2, 1)], confidence="0.95")
    with pytest.raises(ValueError, match="no unit"):
        estimate([], confidence="0.95")


def test_coverage_simulation() -> None:
    """A synthetic county of 12,000 exited people (3% wrongly exited), 2,000 seeded simple
    random samples of 600 without replacement: the stated 95% intervals (with the
    finite-population correction) cover the truth in 93–97% of the draws."""
    rng = random.Random(20180228)
    population, wrong = 12_000, 360
    truth = Fraction(wrong, population)
    covered = 0
    draws = 2000
    for _ in range(draws):
        k = sum(1 for i in rng.sample(range(population), 600) if i < wrong)
        e = estimate(_units(k, 600), confidence="0.95", population=population)
        covered += e.lower <= truth <= e.upper
    assert 0.93 <= covered / draws <= 0.97


def test_sample_size_planner() -> None:
    n = sample_size_to_show("0.01", "0.02", confidence="0.95", population=12000)
    assert n == 709
    _lo, hi = wilson_bounds(Fraction(1, 100), 709 * 11999 / (12000 - 709), z_value("0.95"))
    assert hi < 0.02
    _lo2, hi2 = wilson_bounds(Fraction(1, 100), 708 * 11999 / (12000 - 708), z_value("0.95"))
    assert hi2 >= 0.02 - 1e-9
    with_deff = sample_size_to_show(
        "0.01", "0.02", confidence="0.95", population=12000, design_effect=Fraction(3, 2)
    )
    assert with_deff > n
    above = sample_size_to_show("0.95", "0.90", confidence="0.95")
    assert above > 0
    margin = sample_size_for_margin("0.5", "0.05", confidence="0.95")
    assert 380 <= margin <= 390  # ≈ 1.96² / (4 · 0.05²) = 384
    with pytest.raises(ValueError, match="equals the threshold"):
        sample_size_to_show("0.02", "0.02", confidence="0.95")
