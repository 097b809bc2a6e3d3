"""Legal drafting bounds and rates known only by a bound.

以下 / 以上 / 以内 / 不低于 include the number; 超过 / 低于 / 高于 / 不满 exclude it. A published
rate is often only a bound (低于2%, 98.5%以上): :func:`rate_within` decides on it when the
bound alone settles the question.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.money import to_decimal


def _non_negative(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and value < 0:  # type: ignore[operator]
        raise ValueError(f"{attribute.name} must not be negative (got {value})")


def _opt_amount(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value)


BOUNDS: Final = ("at_or_below", "below", "above", "at_or_above")


def within(value: Decimal, threshold: Decimal, bound: str) -> bool:
    """Compare by legal drafting convention: 以下/不低于 include the number; 低于/高于 do not."""
    if bound == "at_or_below":
        return value <= threshold
    if bound == "below":
        return value < threshold
    if bound == "above":
        return value > threshold
    if bound == "at_or_above":
        return value >= threshold
    raise ValueError(f"unknown bound {bound!r}; expected one of {BOUNDS}")


def rate_within(rate: RateFigure, threshold: Decimal, bound: str) -> bool | None:
    """Whether a rate passes; with only a published bound, None when the bound cannot tell."""
    exact = rate.exact
    if exact is not None:
        return within(exact, threshold, bound)
    upper_type = bound in ("at_or_below", "below")
    if rate.below is not None:  # the rate is < rate.below
        if upper_type and rate.below <= threshold:
            return True
        if not upper_type and rate.below <= threshold:
            return False
    if rate.at_least is not None:  # the rate is >= rate.at_least
        if upper_type and (
            rate.at_least > threshold or (bound == "below" and rate.at_least >= threshold)
        ):
            return False
        if not upper_type and (
            rate.at_least > threshold or (bound == "at_or_above" and rate.at_least >= threshold)
        ):
            return True
    return None


@attrs.frozen(kw_only=True)
class RateFigure:
    """A rate as known: exact counts, an exact published value, or a published bound.

    Published county results often give only 低于2% (``below``) or 98.5%以上
    (``at_least``); a rule decides on such a bound when the bound alone settles it.
    """

    numerator: int | None = attrs.field(default=None, validator=_non_negative)
    denominator: int | None = attrs.field(default=None, validator=_non_negative)
    value: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )
    below: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )
    at_least: Decimal | None = attrs.field(
        default=None, converter=_opt_amount, validator=_non_negative
    )
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.numerator is None) != (self.denominator is None):
            raise ValueError("give both numerator and denominator, or neither")
        if self.denominator == 0:
            raise ValueError("a rate's denominator must be positive")
        if (
            self.numerator is not None
            and self.denominator is not None
            and self.numerator > self.denominator
        ):
            raise ValueError(f"numerator {self.numerator} exceeds denominator {self.denominator}")
        if not self.known:
            raise ValueError("a rate figure needs counts, a value or a published bound")

    @property
    def known(self) -> bool:
        return any(x is not None for x in (self.numerator, self.value, self.below, self.at_least))

    @property
    def exact(self) -> Decimal | None:
        """The exact rate, from the counts or the published value."""
        if self.numerator is not None and self.denominator is not None:
            return Decimal(self.numerator) / Decimal(self.denominator)
        return self.value

    def describe(self) -> str:
        exact = self.exact
        if exact is not None:
            return f"{(exact * 100).quantize(Decimal('0.01'))}%"
        if self.below is not None:
            return f"低于{(self.below * 100).normalize():f}%"
        assert self.at_least is not None
        return f"{(self.at_least * 100).normalize():f}%以上"
