"""Shared by the exit rules: regional thresholds and reported rates against counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.regions import province


def regional_threshold(
    ps: ParameterSet, base: str, region: str, day: dt.date
) -> tuple[ResolvedParameter, bool]:
    west = province(region).is_west
    return ps.resolve(f"{base}_west" if west else base, on=day, region=region), west


def contradicts(reported: Decimal, computed: Decimal) -> bool:
    """Whether a reported rate disagrees with the computed one beyond its own rounding.

    A rate written with decimals is taken to be rounded at its last digit; ``0`` or ``1``
    without decimals is taken as exact.
    """
    exponent = reported.as_tuple().exponent
    assert isinstance(exponent, int)
    tolerance = Decimal(1).scaleb(exponent) / 2 if exponent < 0 else Decimal(0)
    return abs(reported - computed) > tolerance
