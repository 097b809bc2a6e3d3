"""responsibility.leader_tenure: RESP2016-art12-b (保持贫困县党政正职稳定，做到不脱贫不调整、
不摘帽不调离), from 2016-10-11."""

from __future__ import annotations

import pytest

from jingzhun.core.decisions import Outcome
from jingzhun.domain.responsibility import CountyLeadership, LeaderTerm
from jingzhun.rules.responsibility import leader_tenure


def _county(
    end: str, reason: str | None = "transferred", exited: str | None = "2019-04-30"
) -> CountyLeadership:
    return CountyLeadership(
        county_code="640422",
        poor_county=True,
        exited_on=exited,
        terms=[
            LeaderTerm(person_id="A", role="secretary", start="2015-01-01", end=end, reason=reason)
        ],
    )


@pytest.mark.parametrize(
    ("end", "outcome"),
    [("2019-04-29", Outcome.NOT_MET), ("2019-04-30", Outcome.MET), ("2019-05-01", Outcome.MET)],
)
def test_transfer_at_the_exit_boundary(end: str, outcome: Outcome) -> None:
    """RESP2016-art12-b: 不摘帽不调离 — leaving the day before 摘帽 is a breach; on the exit
    day or after it is not."""
    assert leader_tenure(_county(end), on="2019-12-31").outcome is outcome


def test_county_not_yet_exited() -> None:
    """RESP2016-art12-b: transferred while the county had not exited (its exit date after
    ``on`` is not yet known)."""
    d = leader_tenure(_county("2018-03-01"), on="2018-12-31")
    assert [r.code for r in d.reasons] == ["DT_TRANSFERRED"]
    assert "尚未摘帽" in d.reasons[0].message_zh


@pytest.mark.parametrize(
    ("reason", "outcome", "code"),
    [
        ("removed", Outcome.MET, "DT_LEFT_NOT_TRANSFERRED"),
        ("retired", Outcome.MET, "DT_LEFT_NOT_TRANSFERRED"),
        (None, Outcome.UNDETERMINED, "DT_REASON_UNKNOWN"),
    ],
)
def test_leaving_for_another_reason(reason: str | None, outcome: Outcome, code: str) -> None:
    """RESP2016-art12-b forbids transfers, not removal for cause or retirement; an
    unrecorded reason is undetermined."""
    d = leader_tenure(_county("2018-03-01", reason), on="2018-12-31")
    assert d.outcome is outcome and code in [r.code for r in d.reasons]


def test_before_the_measures() -> None:
    """RESP2016-art12-b applies from 2016-10-11 (RESP2016-art29: 本办法自2016年10月11日起施行): a
    transfer on 2016-10-10 is not judged."""
    d = leader_tenure(_county("2016-10-10"), on="2018-12-31")
    assert d.outcome is Outcome.MET
    assert leader_tenure(_county("2016-10-11"), on="2018-12-31").outcome is Outcome.NOT_MET


def test_not_or_unknown_poor_county() -> None:
    """RESP2016-art12-b binds poor counties only."""
    c = CountyLeadership(county_code="640422", poor_county=False)
    assert leader_tenure(c, on="2019-01-01").outcome is Outcome.MET
    c = CountyLeadership(county_code="640422")
    assert leader_tenure(c, on="2019-01-01").outcome is Outcome.UNDETERMINED


def test_bad_term_is_refused() -> None:
    with pytest.raises(ValueError, match="reason"):
        LeaderTerm(person_id="A", role="secretary", start="2015-01-01", reason="promoted?")
