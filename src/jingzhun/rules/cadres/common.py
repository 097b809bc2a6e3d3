"""Blocks the cadres rules share: which villages are poor villages, when a village has stably
exited, which postings are a team's and which a first secretary's, what is in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from jingzhun.core.dates import as_date
from jingzhun.core.decisions import Evidence, evidence
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.county_registry import VillageRecord
from jingzhun.domain.support import CadreRole, Posting

STABLE_EXIT_MONTHS: Final = "cadres.stable_exit_months"

TEAM_ROLES: Final = frozenset({CadreRole.TEAM_LEADER, CadreRole.TEAM_MEMBER})
SECRETARY_ROLES: Final = frozenset({CadreRole.FIRST_SECRETARY})
GROUPS: Final = (("team", TEAM_ROLES), ("first_secretary", SECRETARY_ROLES))
"""The two kinds of village posting the texts require: the resident team (驻村工作队, leader
and members) and the first secretary (第一书记). A first secretary is often also the team
leader; the registry records such a cadre as two postings."""

GROUP_LABELS: Final = {
    "team": ("驻村工作队", "resident team"),
    "first_secretary": ("第一书记", "first secretary"),
}


def region_of(record: VillageRecord) -> str:
    return record.village.county_code


def in_force(
    ps: ParameterSet, name: str, day: dt.date, record: VillageRecord
) -> ResolvedParameter | None:
    """The value of ``name`` in force on ``day`` for the village's county, or None before
    the text that sets it (no requirement yet)."""
    try:
        return ps.resolve(name, on=day, region=region_of(record))
    except NoValueInForceError:
        return None


def is_poor_village(record: VillageRecord) -> bool:
    """A registered poor village (贫困村), exited or not: flagged poor, or carrying an
    identification or exit date (only a poor village is identified or exits)."""
    return record.poor or record.identified_on is not None or record.exited_on is not None


def stable_exit_day(record: VillageRecord, months: int) -> dt.date | None:
    """The first day the village counts as stably exited: its exit date plus ``months``
    (``cadres.stable_exit_months``), or None when it has not exited."""
    if record.exited_on is None:
        return None
    return as_date(record.exited_on).add(months=months)


def needs_support_on(record: VillageRecord, day: dt.date, stable_from: dt.date | None) -> bool:
    """A poor village that on ``day`` is identified (or of unknown identification date)
    and not yet stably exited: it must have its team and first secretary."""
    if not is_poor_village(record):
        return False
    if record.identified_on is not None and day < record.identified_on:
        return False
    return stable_from is None or day < stable_from


def of_group(postings: Iterable[Posting], roles: frozenset[CadreRole]) -> tuple[Posting, ...]:
    return tuple(p for p in postings if p.role in roles)


def posting_id(record: VillageRecord, posting: Posting) -> str:
    """A posting's id in findings: village, person, role and start (a person may be posted
    to one village twice, or as team leader and first secretary at once)."""
    return f"{record.village_id}/{posting.person_id}/{posting.role.value}/{posting.start}"


def posting_facts(record: VillageRecord, posting: Posting) -> tuple[Evidence, ...]:
    return (
        evidence("village_id", record.village_id),
        evidence("person_id", posting.person_id),
        evidence("role", posting.role),
        evidence("start", posting.start),
        evidence("end", posting.end),
        evidence("unit", posting.unit),
    )


def village_facts(record: VillageRecord) -> tuple[Evidence, ...]:
    return (
        evidence("poor", record.poor),
        evidence("identified_on", record.identified_on),
        evidence("exited_on", record.exited_on),
    )


def stable_from(
    ps: ParameterSet, record: VillageRecord, day: dt.date
) -> tuple[dt.date | None, ResolvedParameter | None]:
    """The village's stable-exit day under the ``cadres.stable_exit_months`` in force on
    ``day``, and that parameter. Before 不稳定脱贫不撤队伍 (no value in force) a village needs
    its team until the exit date itself."""
    months = in_force(ps, STABLE_EXIT_MONTHS, day, record)
    return stable_exit_day(record, months.integer() if months else 0), months
