"""Exact money and rates: yuan as :class:`~decimal.Decimal`, rates as Decimal fractions."""

from __future__ import annotations

from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

FEN = Decimal("0.01")


def to_decimal(value: object) -> Decimal:
    """Read a money or rate value exactly. Floats are refused: they are not exact."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    elif isinstance(value, float):
        raise TypeError(f"pass amounts as str or Decimal, not float ({value!r})")
    else:
        raise TypeError(f"not an amount: {value!r}")
    if not result.is_finite():
        raise ValueError(f"not a finite amount: {value!r}")
    return result


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen (0.01 yuan), half up, as registry forms record yuan amounts.

    Exact for any finite amount, however large (the working precision grows with it).
    """
    digits = max(amount.adjusted(), 0) + 4 if amount.is_finite() else 28
    context = Context(prec=max(28, digits), Emax=MAX_EMAX, Emin=MIN_EMIN)
    return amount.quantize(FEN, rounding=ROUND_HALF_UP, context=context)


def percent(rate: Decimal, places: int = 2) -> str:
    """``Decimal('0.0195')`` → ``'1.95%'``."""
    q = Decimal(1).scaleb(-places)
    return f"{(rate * 100).quantize(q, rounding=ROUND_HALF_UP)}%"
