"""Sample logs for the responsibility rules (tests/core/test_rule_declarations.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jingzhun.domain.responsibility import (
    AssistancePairing,
    CountyLeadership,
    LeaderTerm,
    MeetingLog,
    Visit,
    VisitLog,
    WorkingDaysLog,
)

ON = "2019-12-31"


def responsibility_cases(subject: type) -> Iterator[tuple[Any, str]]:
    """A few logs of ``subject`` (one of the log types), with the day to judge them on."""
    if subject is MeetingLog:
        for body in ("province", "county"):
            yield (
                MeetingLog(body_id="640422", body=body, subject_to_duty=True, start="2018-01-01"),
                ON,
            )
    elif subject is WorkingDaysLog:
        yield (
            WorkingDaysLog(
                county_code="640422",
                poor_county=True,
                person_id="S",
                role="head",
                start="2018-01-01",
                months={"2019-01": 4, "2019-02": 5},
            ),
            ON,
        )
        yield (
            WorkingDaysLog(
                county_code="640422",
                poor_county=True,
                person_id="S",
                role="head",
                start="2019-01-01",
            ),
            "2019-01-15",
        )
    elif subject is VisitLog:
        for end in (None, "2019-07-01"):
            yield (
                VisitLog(
                    secretary_id="S",
                    level="county",
                    targets=["V1", "V2"],
                    start="2019-01-01",
                    end=end,
                    visits=[Visit(target_id="V1", on="2019-02-01")],
                ),
                ON,
            )
    elif subject is CountyLeadership:
        terms = [
            LeaderTerm(person_id="A", role="secretary", start="2015-01-01", end="2018-01-01"),
            LeaderTerm(
                person_id="B", role="head", start="2015-01-01", end="2018-01-01", reason="retired"
            ),
        ]
        yield CountyLeadership(county_code="640422", poor_county=True, terms=terms), ON
    elif subject is AssistancePairing:
        for end in (None, "2016-01-01", "2018-01-01"):
            yield AssistancePairing(unit="U", target_id="640422", start="2015-01-01", end=end), ON
    else:
        raise AssertionError(f"add sample cases for {subject.__name__}")
