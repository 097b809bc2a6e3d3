"""cadres.presence: a poor village has a resident team (MECH2014-1.3-b, MECH2014-1.3-a) and a
first secretary (DECISION2015-30-a, BOOK2017-ch4-3.3-e) on the day, until it stably exits."""

from __future__ import annotations

import jingzhun as jz
from builders import with_overlay
from jingzhun.rules.cadres.presence import village_presence
from village_builders import post, staffed, village

DAY = "2017-12-31"


def test_a_staffed_poor_village_is_met() -> None:
    """MECH2014-1.3-b 确保每个贫困村都有驻村工作队; DECISION2015-30-a 精准选配第一书记."""
    decision = village_presence(village(postings=staffed()), on=DAY)
    assert decision.outcome is jz.Outcome.MET
    assert decision.codes == ("CP_TEAM_PRESENT", "CP_FIRST_SECRETARY_PRESENT")


def test_a_missing_team_or_secretary_is_not_met() -> None:
    """BOOK2017-ch4-3.3-e: 向贫困村选派第一书记和驻村工作队; MECH2014-1.3-a: the team system."""
    secretary, leader = staffed()
    no_team = village_presence(village(postings=[secretary]), on=DAY)
    assert no_team.outcome is jz.Outcome.NOT_MET and "CP_NO_TEAM" in no_team.codes
    no_secretary = village_presence(village(postings=[leader]), on=DAY)
    assert no_secretary.codes == ("CP_TEAM_PRESENT", "CP_NO_FIRST_SECRETARY")
    nobody = village_presence(village(), on=DAY)
    assert nobody.codes == ("CP_NO_TEAM", "CP_NO_FIRST_SECRETARY")


def test_a_team_member_counts_as_a_team() -> None:
    postings = [post("S1", "first_secretary"), post("M1", "team_member")]
    assert village_presence(village(postings=postings), on=DAY).outcome is jz.Outcome.MET


def test_terms_are_half_open_on_the_audit_day() -> None:
    """A posting ending on the audit day is gone that day; one ending the day after is there."""
    gone = village_presence(village(postings=staffed(end="2017-12-31")), on=DAY)
    assert gone.codes == ("CP_NO_TEAM", "CP_NO_FIRST_SECRETARY")
    there = village_presence(village(postings=staffed(end="2018-01-01")), on=DAY)
    assert there.outcome is jz.Outcome.MET
    later = village_presence(village(postings=staffed(start="2018-01-01")), on=DAY)
    assert later.outcome is jz.Outcome.NOT_MET


def test_villages_that_need_no_team() -> None:
    plain = village_presence(village(poor=False, identified_on=None), on=DAY)
    assert plain.codes == ("CP_NOT_POOR_VILLAGE",) and plain.outcome is jz.Outcome.MET
    later = village_presence(village(identified_on="2018-03-01"), on=DAY)
    assert later.codes == ("CP_NOT_YET_IDENTIFIED",)


def test_an_exited_village_needs_its_team_until_the_stable_exit() -> None:
    """DECISION2015-30-b 不稳定脱贫不撤队伍 with cadres.stable_exit_months (default 0: the
    exit date; an overlay may keep teams longer)."""
    exited = village(poor=False, exited_on="2017-12-31")
    on_exit = village_presence(exited, on="2017-12-31")
    assert on_exit.codes == ("CP_STABLY_EXITED",)
    assert on_exit.reasons[0].parameters[0].value == 0
    before = village_presence(exited, on="2017-12-30")
    assert before.codes == ("CP_NO_TEAM", "CP_NO_FIRST_SECRETARY")
    six = with_overlay("610999", "2015-11-29", cadres__stable_exit_months=6)
    # 2017-12-31 plus six months is 2018-06-30 (the month's last day)
    kept = village_presence(exited, on="2018-06-29", params=six)
    assert kept.codes == ("CP_NO_TEAM", "CP_NO_FIRST_SECRETARY")
    assert village_presence(exited, on="2018-06-30", params=six).codes == ("CP_STABLY_EXITED",)


def test_requirements_apply_from_their_texts() -> None:
    """No first secretary is asked for before the 2015 decision (DECISION2015-30-a)."""
    team = staffed(start="2015-01-01")[1:]
    decision = village_presence(village(postings=team), on="2015-06-30")
    assert decision.codes == ("CP_TEAM_PRESENT", "CP_NOT_REQUIRED_YET")
    assert decision.outcome is jz.Outcome.MET
    early = village_presence(village(identified_on=None), on="2013-06-30")
    assert early.codes == ("CP_NOT_REQUIRED_YET", "CP_NOT_REQUIRED_YET")
    assert early.outcome is jz.Outcome.MET
