"""Blocks the six-precisions audits share: who is poor on a day, what a household received."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile
from jingzhun.domain.support import MeasureKind


def poor_on(registry: CountyRegistry, day: dt.date) -> Iterator[HouseholdFile]:
    """The households registered as poor (未脱贫 or 返贫) on ``day``, in registry order."""
    for file in registry.households:
        status = file.status_on(day)
        if status is not None and status.in_poverty:
            yield file


def measure_kinds(file: HouseholdFile) -> frozenset[MeasureKind]:
    """The kinds of measure a household received: its measure records, and the measures
    named on its card (``Household.measures``) that read as a known kind."""
    kinds = {m.kind for m in file.measures}
    for text in file.entry.household.measures:
        try:
            kinds.add(MeasureKind.parse(text))
        except ValueError:
            kinds.add(MeasureKind.OTHER)
    return frozenset(kinds)
