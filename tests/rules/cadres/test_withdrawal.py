"""cadres.withdrawal: 不稳定脱贫不撤队伍 (DECISION2015-30-b); 不脱贫不脱钩 (BOOK2017-ch5-1.6-c).

"Stably exited" is the village's exit date plus cadres.stable_exit_months (default 0)."""

from __future__ import annotations

import jingzhun as jz
from builders import with_overlay
from jingzhun.rules.cadres.withdrawal import village_withdrawal
from village_builders import post, staffed, village

DAY = "2018-12-31"
EXIT = "2018-03-01"


def _left_on(end: str, **kw: object) -> jz.Decision:
    """A village that exited on EXIT whose team and secretary both left on ``end``."""
    record = village(exited_on=EXIT, postings=staffed(end=end))
    return village_withdrawal(record, on=DAY, **kw)  # type: ignore[arg-type]


def test_leaving_on_the_exit_day_is_not_early() -> None:
    """DECISION2015-30-b: the end day is the first day away, so leaving on the exit date
    leaves the village staffed until it exits."""
    decision = _left_on(EXIT)
    assert decision.outcome is jz.Outcome.MET and decision.codes == ("CW_NONE_WITHDRAWN",)
    assert decision.reasons[0].parameters[0].value == 0
    assert _left_on("2018-03-02").outcome is jz.Outcome.MET


def test_leaving_the_day_before_the_exit_is_early() -> None:
    """BOOK2017-ch5-1.6-c 不脱贫不脱钩: one finding per group (team, first secretary)."""
    decision = _left_on("2018-02-28")
    assert decision.outcome is jz.Outcome.NOT_MET
    assert decision.codes == ("CW_WITHDRAWN_EARLY", "CW_WITHDRAWN_EARLY")
    people = {e.value for r in decision.reasons for e in r.evidence if e.name == "person_id"}
    assert people == {"S1", "T1"}


def test_the_stability_months_move_the_boundary() -> None:
    """An overlay keeping teams 6 months after exit: stable from 2018-09-01."""
    six = with_overlay("610999", "2015-11-29", cadres__stable_exit_months=6)
    assert _left_on("2018-08-31", params=six).outcome is jz.Outcome.NOT_MET
    assert _left_on("2018-09-01", params=six).outcome is jz.Outcome.MET
    early = _left_on("2018-08-31", params=six).reasons[0]
    assert {e.name: e.value for e in early.evidence}["stable_from"] == "2018-09-01"


def test_a_replacement_on_the_same_day_is_not_a_withdrawal() -> None:
    """Rotation (可分期分批) is allowed: a team member leaves as another arrives."""
    postings = [
        post("S1", "first_secretary", "2016-01-01"),
        post("T1", "team_leader", "2016-01-01", end="2017-06-01"),
        post("T2", "team_leader", "2017-06-01"),
    ]
    assert village_withdrawal(village(postings=postings), on=DAY).outcome is jz.Outcome.MET


def test_a_gap_before_the_replacement_is_early_and_names_it() -> None:
    postings = [
        post("S1", "first_secretary", "2016-01-01"),
        post("T1", "team_leader", "2016-01-01", end="2017-06-01"),
        post("T2", "team_leader", "2017-09-01"),
    ]
    decision = village_withdrawal(village(postings=postings), on=DAY)
    assert decision.codes == ("CW_WITHDRAWN_EARLY",)
    assert "2017-09-01" in decision.reasons[0].message_zh


def test_an_end_after_the_audit_day_is_not_yet_a_withdrawal() -> None:
    record = village(postings=staffed(end="2019-01-01"))
    assert village_withdrawal(record, on=DAY).outcome is jz.Outcome.MET


def test_a_non_poor_village_and_postings_before_identification() -> None:
    plain = village(poor=False, identified_on=None, postings=staffed(end="2017-01-01"))
    assert village_withdrawal(plain, on=DAY).codes == ("CW_NOT_POOR_VILLAGE",)
    before = village(identified_on="2017-06-01", postings=staffed(end="2017-01-01"))
    assert village_withdrawal(before, on=DAY).outcome is jz.Outcome.MET
