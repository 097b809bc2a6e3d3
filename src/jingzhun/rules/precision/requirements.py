"""Dated requirements of the projects and funds audits: whether a requirement applied on the
day a step was taken ("a rule is judged by the rule in force when the step was taken").

A requirement is a ``boolean`` parameter whose values start on the day its source applies; no
value in force (before that day) or ``false`` means the step is not judged by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter


def in_force(
    ps: ParameterSet, name: str, day: dt.date, region: str | None
) -> ResolvedParameter | None:
    """The requirement ``name`` in force on ``day``, or None when it did not apply then."""
    found = resolved(ps, name, day, region)
    return found if found is not None and found.flag() else None


def resolved(
    ps: ParameterSet, name: str, day: dt.date, region: str | None
) -> ResolvedParameter | None:
    """The value of ``name`` on ``day``, or None when it has none in force."""
    try:
        return ps.resolve(name, on=day, region=region)
    except NoValueInForceError:
        return None


def column(rows: tuple[Mapping[str, object], ...], name: str) -> Iterator[str]:
    """The text cells of one column of a table parameter."""
    for row in rows:
        yield str(row[name])
