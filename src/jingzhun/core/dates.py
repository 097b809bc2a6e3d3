"""Dates: parsing the explicit ``on=`` date, half-open periods, periods counted in days."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import attrs
import pendulum

from jingzhun.core.errors import InvalidDateError

DateLike = str | dt.date


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)  # ASCII digits only


@lru_cache(maxsize=4096)
def _parse(text: str) -> pendulum.Date:
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise InvalidDateError(f"日期格式错误 / not a date: {text!r} (expected YYYY-MM-DD)")
    try:
        return pendulum.date(*(int(g) for g in match.groups()))
    except ValueError as exc:
        raise InvalidDateError(f"日期无效 / not a valid date: {text!r} ({exc})") from None


def as_date(value: DateLike) -> pendulum.Date:
    """Turn ``'2016-12-31'`` or a ``date`` into a :class:`pendulum.Date`."""
    if isinstance(value, pendulum.Date):
        return value
    if isinstance(value, dt.datetime):
        raise TypeError("a rule date is a calendar date, not a datetime")
    if isinstance(value, dt.date):
        return pendulum.date(value.year, value.month, value.day)
    if isinstance(value, str):
        return _parse(value.strip())
    raise TypeError(f"expected a date or an ISO date string, got {type(value).__name__}")


@attrs.frozen
class Period:
    """A half-open period ``[start, end)`` of calendar days; ``end=None`` is open-ended."""

    start: pendulum.Date = attrs.field(converter=as_date)
    end: pendulum.Date | None = attrs.field(
        default=None, converter=attrs.converters.optional(as_date)
    )

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"empty period: {self.start} … {self.end}")

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, dt.date):
            return False
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        left_ok = self.end is None or other.start < self.end
        right_ok = other.end is None or self.start < other.end
        return left_ok and right_ok

    def __str__(self) -> str:
        return f"[{self.start.isoformat()}, {self.end.isoformat() if self.end else '…'})"


def year_period(year: int) -> Period:
    """The calendar (policy) year ``[year-01-01, year+1-01-01)``."""
    return Period(pendulum.date(year, 1, 1), pendulum.date(year + 1, 1, 1))


def days_counted(first_day: dt.date, last_day: dt.date) -> int:
    """Length of a period counted in days, the starting day not counted.

    《中华人民共和国民法典》第二百零一条: 按照年、月、日计算期间的，开始的当日不计入，
    自下一日开始计算 (the same rule as 《民法通则》第一百五十四条 before 2021). A notice
    posted on 1 March and taken down at the end of 6 March ran 5 days.
    """
    return (as_date(last_day) - as_date(first_day)).days
