"""responsibility.working_days: THREEYEAR2018-8.1-d (贫困县党政正职每个月至少要有5个工作日用于
扶贫). 至少 is inclusive: 5 meet it, 4 do not, 6 do. Days are taken as recorded."""

from __future__ import annotations

import pytest

from jingzhun.core.decisions import Outcome
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.responsibility import WorkingDaysLog
from jingzhun.rules.responsibility import working_days


def _log(months: dict[str, int], *, poor: bool | None = True, **kw: str) -> WorkingDaysLog:
    return WorkingDaysLog(
        county_code="640422",
        poor_county=poor,
        person_id="S-1",
        role="secretary",
        start=kw.get("start", "2019-01-01"),
        end=kw.get("end"),
        months=months,
    )


@pytest.mark.parametrize(
    ("days", "outcome"), [(4, Outcome.NOT_MET), (5, Outcome.MET), (6, Outcome.MET)]
)
def test_five_days_boundary(days: int, outcome: Outcome) -> None:
    """THREEYEAR2018-8.1-d: 至少5个工作日 — 4 fall short, 5 and 6 meet it."""
    d = working_days(_log({"2019-01": days}), on="2019-01-31")
    assert d.outcome is outcome


def test_unrecorded_month_is_undetermined() -> None:
    """THREEYEAR2018-8.1-d: unknown is not met — February has no record."""
    d = working_days(_log({"2019-01": 5}), on="2019-02-28")
    assert d.outcome is Outcome.UNDETERMINED
    assert [r.code for r in d.reasons] == ["DW_MONTH_UNRECORDED"]


def test_month_not_ended_or_partly_in_post_is_not_judged() -> None:
    """THREEYEAR2018-8.1-d: January ends on 01-31; a leader from 01-10 is judged from
    February."""
    assert working_days(_log({}), on="2019-01-30").outcome is Outcome.UNDETERMINED
    d = working_days(_log({"2019-02": 5}, start="2019-01-10"), on="2019-02-28")
    assert [r.code for r in d.reasons] == ["DW_EVERY_MONTH"]


def test_before_the_guidance_nothing_is_required() -> None:
    """THREEYEAR2018-8.1-d dates from 2018-06-15: June 2018 is not judged, July is."""
    d = working_days(_log({}, start="2018-06-01"), on="2018-06-14")
    assert [r.code for r in d.reasons] == ["DW_NOT_IN_FORCE"]
    d = working_days(_log({}, start="2018-06-01"), on="2018-06-30")
    assert [r.code for r in d.reasons] == ["DW_NO_WHOLE_MONTH"]
    d = working_days(_log({"2018-07": 3}, start="2018-06-01"), on="2018-07-31")
    assert [r.code for r in d.reasons] == ["DW_TOO_FEW_DAYS"]


def test_not_a_poor_county() -> None:
    """THREEYEAR2018-8.1-d binds poor counties; unknown status is undetermined."""
    assert working_days(_log({}, poor=False), on="2019-12-31").outcome is Outcome.MET
    assert working_days(_log({}, poor=None), on="2019-12-31").outcome is Outcome.UNDETERMINED


def test_the_minimum_is_a_parameter() -> None:
    """THREEYEAR2018-8.1-d: an overlay may set a province's stricter minimum."""
    overlay = """
schema_version = 1
region = "64"
title = "test"
[[parameter]]
name = "responsibility.leader_working_days"
  [[parameter.values]]
  from = 2018-06-15
  value = 6
  status = "local"
  source = { title = "test overlay", quote = "每月不少于6个工作日", status = "local" }
"""
    ps = ParameterSet.bundled().with_overlay_text(overlay)
    assert working_days(_log({"2019-01": 5}), on="2019-01-31", params=ps).outcome is (
        Outcome.NOT_MET
    )


def test_bad_months_are_refused() -> None:
    with pytest.raises(ValueError, match="months"):
        _log({"2019-1": 5})
    with pytest.raises(ValueError, match="months"):
        _log({"2019-01": -1})
