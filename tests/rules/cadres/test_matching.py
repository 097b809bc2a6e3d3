"""cadres.matching: BOOK2017-ch5-1.5-a (disputes → law, weak industry → technical, weak Party
organisation → Party affairs), from the table cadres.background_for_need."""

from __future__ import annotations

import jingzhun as jz
from jingzhun.rules.cadres.matching import village_matching
from village_builders import post, staffed, village

DAY = "2017-12-31"


def test_each_need_is_matched_by_a_posted_background() -> None:
    record = village(postings=staffed(), needs=["industry", "weak_organisation"])
    decision = village_matching(record, on=DAY)
    assert decision.outcome is jz.Outcome.MET
    assert decision.codes == ("CM_NEED_MATCHED", "CM_NEED_MATCHED")


def test_an_unmatched_need_is_not_met() -> None:
    record = village(postings=staffed(), needs=["disputes", "industry"])
    decision = village_matching(record, on=DAY)
    assert decision.outcome is jz.Outcome.NOT_MET
    assert decision.codes == ("CM_NEED_UNMATCHED", "CM_NEED_MATCHED")
    assert "政法" in decision.reasons[0].message_zh


def test_unknown_needs_are_undetermined_never_met() -> None:
    no_plan = village_matching(village(postings=staffed()), on=DAY)
    assert no_plan.outcome is jz.Outcome.UNDETERMINED
    assert village_matching(village(postings=staffed(), needs=[]), on=DAY).codes == (
        "CM_NO_NEEDS_RECORDED",
    )


def test_nothing_to_match_and_nothing_required() -> None:
    lawyer_gone = village(
        postings=[post("L1", background="law", end="2017-01-01")], needs=["disputes"]
    )
    assert village_matching(lawyer_gone, on=DAY).codes == ("CM_NO_POSTING_TO_MATCH",)
    plain = village(poor=False, identified_on=None, needs=["disputes"])
    assert village_matching(plain, on=DAY).codes == ("CM_NOT_REQUIRED",)
    early = village(postings=staffed(start="2015-01-01"), needs=["disputes"])
    assert village_matching(early, on="2016-06-30").codes == ("CM_NO_TABLE_IN_FORCE",)
