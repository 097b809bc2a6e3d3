"""Legal drafting bounds and rates known only by a bound.

以下 / 以上 / 以内 / 不低于 include the number; 超过 / 低于 / 高于 / 不满 exclude it. A published
rate is often only a bound (低于2%, 98.5%以上): :func:`rate_within` decides on it when the
bound alone settles the question.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.labels import Labelled
from jingzhun.core.money import to_decimal
from jingzhun.core.structuring import Structured


@attrs.frozen
class Unreadable:
    """A rate a converter could not read, with the error (raised by :func:`fraction`)."""

    value: object
    error: Exception


def fraction(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A rate is a fraction in [0, 1] (0.02 for 2%), never a percentage."""
    if isinstance(value, Unreadable):
        raise type(value.error)(f"{attribute.name}: {value.error}")
    if value is None:
        return
    if value < 0:  # type: ignore[operator]
        raise ValueError(f"{attribute.name} must not be negative (got {value})")
    if value > 1:  # type: ignore[operator]
        raise ValueError(f"{attribute.name} is a fraction (0.085 for 8.5%), not a percentage")


def _count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise TypeError(
            f"{attribute.name} must be a whole number, got {type(value).__name__} {value!r}"
        )
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative (got {value})")


def _opt_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string or null, got {type(value).__name__}")


def _rate(value: object) -> Any:
    if value is None:
        return None
    try:
        return to_decimal(value)
    except (TypeError, ValueError) as exc:
        return Unreadable(value, exc)


class Bound(Labelled):
    """How a threshold is worded, and so whether it includes the number itself.

    以下 / 不低于 include it; 低于 / 高于 (and 超过) exclude it. ``.zh`` is the wording with
    its reading, ``limit_zh`` the wording of a limit (``"{}以下"``).
    """

    AT_OR_BELOW = ("at_or_below", "以下（含本数）", "at or below")
    BELOW = ("below", "低于（不含本数）", "below")
    ABOVE = ("above", "高于（不含本数）", "above")
    AT_OR_ABOVE = ("at_or_above", "不低于（含本数）", "at or above")

    @property
    def limit_zh(self) -> str:
        """The wording of a limit, a ``str.format`` template for the threshold."""
        return _LIMIT_ZH[self.value]

    @property
    def is_upper(self) -> bool:
        """Whether the bound caps the value (以下, 低于) rather than floors it."""
        return self in (Bound.AT_OR_BELOW, Bound.BELOW)

    @property
    def inclusive(self) -> bool:
        return self in (Bound.AT_OR_BELOW, Bound.AT_OR_ABOVE)


_LIMIT_ZH: Final = {
    "at_or_below": "{}以下",
    "below": "低于{}",
    "above": "高于{}",
    "at_or_above": "不低于{}",
}

BOUNDS: Final = tuple(b.value for b in Bound)


def as_bound(bound: Bound | str) -> Bound:
    """A :class:`Bound` from itself or its code (``ValueError`` naming the codes if unknown)."""
    if isinstance(bound, Bound):
        return bound
    try:
        return Bound.of(bound)
    except ValueError:
        raise ValueError(f"unknown bound {bound!r}; expected one of {BOUNDS}") from None


def within(value: Decimal, threshold: Decimal, bound: Bound | str) -> bool:
    """Compare by legal drafting convention: 以下/不低于 include the number; 低于/高于 do not."""
    b = as_bound(bound)
    if b is Bound.AT_OR_BELOW:
        return value <= threshold
    if b is Bound.BELOW:
        return value < threshold
    if b is Bound.ABOVE:
        return value > threshold
    return value >= threshold


def rate_within(rate: RateFigure, threshold: Decimal, bound: Bound | str) -> bool | None:
    """Whether a rate passes; with only a published bound, None when the bound cannot tell."""
    b = as_bound(bound)
    exact = rate.exact
    if exact is not None:
        return within(exact, threshold, b)
    if rate.below is not None and rate.below <= threshold:  # the rate is < rate.below
        return b.is_upper
    if rate.at_least is not None:  # the rate is >= rate.at_least
        beyond = rate.at_least > threshold or (not b.inclusive and rate.at_least >= threshold)
        if b.is_upper and beyond:
            return False
        at_floor = rate.at_least > threshold or (b.inclusive and rate.at_least >= threshold)
        if not b.is_upper and at_floor:
            return True
    return None


@attrs.frozen(kw_only=True)
class RateFigure(Structured):
    """A rate as known: exact counts, an exact published value, or a published bound.

    Published county results often give only 低于2% (``below``) or 98.5%以上
    (``at_least``); a rule decides on such a bound when the bound alone settles it.
    """

    numerator: int | None = attrs.field(default=None, validator=_count)
    denominator: int | None = attrs.field(default=None, validator=_count)
    value: Decimal | None = attrs.field(default=None, converter=_rate, validator=fraction)
    below: Decimal | None = attrs.field(default=None, converter=_rate, validator=fraction)
    at_least: Decimal | None = attrs.field(default=None, converter=_rate, validator=fraction)
    source: str | None = attrs.field(default=None, validator=_opt_text)

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
        """The figure as published, in Chinese: ``1.95%``, ``低于2%``, ``98.5%以上``."""
        exact = self.exact
        if exact is not None:
            return f"{(exact * 100).quantize(Decimal('0.01'))}%"
        if self.below is not None:
            return f"低于{(self.below * 100).normalize():f}%"
        assert self.at_least is not None
        return f"{(self.at_least * 100).normalize():f}%以上"

    def describe_en(self) -> str:
        """The figure in English: ``1.95%``, ``below 2%``, ``at least 98.5%``."""
        exact = self.exact
        if exact is not None:
            return f"{(exact * 100).quantize(Decimal('0.01'))}%"
        if self.below is not None:
            return f"below {(self.below * 100).normalize():f}%"
        assert self.at_least is not None
        return f"at least {(self.at_least * 100).normalize():f}%"
