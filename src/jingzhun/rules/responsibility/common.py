"""Blocks the responsibility rules share: what is in force, calendar periods, labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from jingzhun.core.dates import as_date
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter


def in_force(
    ps: ParameterSet, name: str, day: dt.date, region: str | None = None
) -> ResolvedParameter | None:
    """The value of ``name`` in force on ``day``, or None before the text that sets it."""
    try:
        return ps.resolve(name, on=day, region=region)
    except NoValueInForceError:
        return None


def period_start(day: dt.date, months: int) -> dt.date:
    """The first day of the calendar period of ``months`` months that contains ``day``.

    Periods are counted from 1 January: ``months=3`` gives the calendar quarters (1–3, 4–6,
    7–9, 10–12), ``months=1`` the calendar months. ``months`` should divide 12.
    """
    index = (day.month - 1) // months * months
    return as_date(dt.date(day.year, index + 1, 1))


def next_start(start: dt.date, months: int) -> dt.date:
    """The first day after the period of ``months`` months that begins on ``start``."""
    return as_date(start).add(months=months)


def ended_periods(
    ps: ParameterSet,
    months_name: str,
    first: dt.date,
    until: dt.date,
    region: str | None,
    *,
    size: int | None = None,
) -> Iterator[tuple[dt.date, dt.date, ResolvedParameter]]:
    """The calendar periods ``[start, end)`` that lie wholly within ``[first, until)`` and in
    which the requirement (the parameter ``months_name``) was in force on the first day, with
    that parameter. A period that began before ``first`` or ends after ``until`` is not
    judged (the log does not cover it whole). The period's length in months is the
    parameter's value, or ``size`` when given (the parameter then only dates the
    requirement)."""
    day: dt.date = as_date(first)
    while day < until:
        months = in_force(ps, months_name, day, region)
        if months is None:
            day = next_start(period_start(day, 1), 1)
            continue
        length = size if size is not None else months.integer()
        start = period_start(day, length)
        end = next_start(start, length)
        at_start = in_force(ps, months_name, start, region)
        if at_start is not None and start >= first and end <= until:
            yield start, end, at_start
        day = end
