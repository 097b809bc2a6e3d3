"""Small builders for village records and postings (the cadres and village-dispatch tests)."""

from __future__ import annotations

from collections.abc import Iterable

import jingzhun as jz
from jingzhun.domain.county_registry import VillageRecord
from jingzhun.domain.support import Posting, VillagePlan

COUNTY = "610999"


def post(
    person: str,
    role: str = "team_leader",
    start: str = "2016-01-01",
    end: str | None = None,
    background: str = "other",
) -> Posting:
    return Posting(
        person_id=person, role=role, start=start, end=end, background=background, unit="县农业局"
    )


def staffed(start: str = "2016-01-01", end: str | None = None) -> tuple[Posting, Posting]:
    """A first secretary and a team leader, both posted from ``start``."""
    return (
        post("S1", "first_secretary", start, end, "party_affairs"),
        post("T1", "team_leader", start, end, "technical"),
    )


def village(
    vid: str = "V1",
    *,
    poor: bool = True,
    identified_on: str | None = "2014-10-01",
    exited_on: str | None = None,
    postings: Iterable[Posting] = (),
    needs: Iterable[str] | None = None,
) -> VillageRecord:
    return VillageRecord(
        village=jz.Village(
            village_id=vid, county_code=COUNTY, rural_population=500, poor_population=40
        ),
        poor=poor,
        identified_on=identified_on,
        exited_on=exited_on,
        postings=tuple(postings),
        plan=None if needs is None else VillagePlan(needs=tuple(needs)),
    )


def village_cases() -> tuple[VillageRecord, ...]:
    """Villages reaching every branch of the cadres rules (declared-parameter tests)."""
    return (
        village("V1", postings=staffed(), needs=["industry", "disputes"]),
        village("V2", exited_on="2018-03-01", postings=staffed(end="2018-02-01")),
        village("V3", postings=(post("T1", start="2017-01-01", end="2018-06-01"),)),
        village("V4", poor=False, identified_on=None),
    )
