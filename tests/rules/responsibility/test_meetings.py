"""responsibility.meetings: THREEYEAR2018-8.1-b (任务重的省每季度至少专题研究一次) and
THREEYEAR2018-8.1-c (贫困县每月至少专题研究一次). Periods are calendar quarters and months;
one is judged when it lies wholly in the log, has ended by ``on`` and began on or after the
guidance (2018-06-15)."""

from __future__ import annotations

import pytest

from jingzhun.core.decisions import Outcome
from jingzhun.domain.responsibility import MeetingLog
from jingzhun.rules.responsibility import meetings


def _province(*days: str, start: str = "2018-01-01", duty: bool | None = True) -> MeetingLog:
    return MeetingLog(
        body_id="640000", body="province", subject_to_duty=duty, start=start, meetings=days
    )


def _county(*days: str, start: str = "2018-07-01") -> MeetingLog:
    return MeetingLog(
        body_id="640422", body="county", subject_to_duty=True, start=start, meetings=days
    )


def _codes(log: MeetingLog, on: str) -> tuple[Outcome, list[str]]:
    d = meetings(log, on=on)
    return d.outcome, [r.code for r in d.reasons]


def test_province_one_meeting_per_quarter_is_enough() -> None:
    """THREEYEAR2018-8.1-b: 至少一次 — exactly one in each quarter meets it."""
    log = _province("2018-09-30", "2018-10-01", "2019-03-31")
    assert _codes(log, "2019-03-31") == (Outcome.MET, ["DM_EVERY_PERIOD"])


def test_province_quarter_without_meeting_is_not_met() -> None:
    """THREEYEAR2018-8.1-b: Q4 2018 with none; meetings on its neighbours' edges do not
    count (2018-09-30 is Q3, 2019-01-01 is Q1)."""
    log = _province("2018-09-30", "2019-01-01")
    outcome, codes = _codes(log, "2019-03-31")
    assert outcome is Outcome.NOT_MET and codes == ["DM_TOO_FEW"]
    reason = meetings(log, on="2019-03-31").reasons[0]
    assert "2018-10-01至2018-12-31" in reason.message_zh


def test_quarter_not_over_is_not_judged() -> None:
    """THREEYEAR2018-8.1-b: Q3 2018 ends on 2018-09-30; on 2018-09-29 it is not judged."""
    log = _province()
    assert _codes(log, "2018-09-29") == (Outcome.UNDETERMINED, ["DM_NO_ENDED_PERIOD"])
    assert _codes(log, "2018-09-30") == (Outcome.NOT_MET, ["DM_TOO_FEW"])


def test_quarter_begun_before_the_guidance_is_not_judged() -> None:
    """THREEYEAR2018-8.1-b dates from 2018-06-15: before it nothing is required; Q2 2018
    (from 04-01) is never judged, so on 2018-06-30 nothing can be said yet."""
    log = _province()
    assert _codes(log, "2018-06-14") == (Outcome.MET, ["DM_NOT_IN_FORCE"])
    assert _codes(log, "2018-06-30") == (Outcome.UNDETERMINED, ["DM_NO_ENDED_PERIOD"])


def test_log_starting_mid_quarter_does_not_judge_that_quarter() -> None:
    """THREEYEAR2018-8.1-b: a log from 2018-08-01 does not cover Q3 whole."""
    log = _province(start="2018-08-01")
    assert _codes(log, "2018-09-30") == (Outcome.UNDETERMINED, ["DM_NO_ENDED_PERIOD"])


@pytest.mark.parametrize(
    ("duty", "outcome", "code"),
    [(None, Outcome.UNDETERMINED, "DM_SUBJECT_UNKNOWN"), (False, Outcome.MET, "DM_NOT_SUBJECT")],
)
def test_province_without_heavy_tasks(duty: bool | None, outcome: Outcome, code: str) -> None:
    """THREEYEAR2018-8.1-b binds provinces with heavy tasks only; unknown is not met."""
    assert _codes(_province(duty=duty), "2019-03-31") == (outcome, [code])


def test_poor_county_every_month() -> None:
    """THREEYEAR2018-8.1-c: one meeting in each calendar month (07-31 and 08-01 are two
    months; September has none)."""
    log = _county("2018-07-31", "2018-08-01")
    outcome, codes = _codes(log, "2018-09-30")
    assert outcome is Outcome.NOT_MET and codes == ["DM_TOO_FEW"]
    log = _county("2018-07-31", "2018-08-01", "2018-09-30")
    assert _codes(log, "2018-09-30") == (Outcome.MET, ["DM_EVERY_PERIOD"])


def test_county_july_2018_is_the_first_month() -> None:
    """THREEYEAR2018-8.1-c: June 2018 began before the guidance and is not judged."""
    log = _county(start="2018-06-01")
    d = meetings(log, on="2018-07-31")
    assert [r.code for r in d.reasons] == ["DM_TOO_FEW"]
    assert "2018-07-01" in d.reasons[0].message_zh


def test_log_end_bounds_the_periods() -> None:
    """THREEYEAR2018-8.1-c: a log ending 2018-08-15 covers July only."""
    log = MeetingLog(
        body_id="640422",
        body="county",
        subject_to_duty=True,
        start="2018-07-01",
        end="2018-08-15",
        meetings=["2018-07-02"],
    )
    assert _codes(log, "2018-12-31") == (Outcome.MET, ["DM_EVERY_PERIOD"])


def test_bad_log_is_refused() -> None:
    with pytest.raises(ValueError, match="end"):
        MeetingLog(body_id="640422", body="county", start="2019-01-01", end="2018-01-01")
    with pytest.raises(ValueError, match="body"):
        MeetingLog(body_id="640422", body="nation", start="2019-01-01")
