"""cadres.term: 要求驻村干部一般要任满两年 (BOOK2017-ch7-end), day-exact on half-open terms."""

from __future__ import annotations

import jingzhun as jz
from builders import with_overlay
from jingzhun.rules.cadres.term import posting_terms
from village_builders import post, village

DAY = "2019-12-31"


def _term(start: str, end: str | None, **kw: object) -> jz.Decision:
    record = village(postings=[post("T1", "team_leader", start, end)])
    return posting_terms(record, on=DAY, **kw)  # type: ignore[arg-type]


def test_ending_on_the_second_anniversary_is_a_full_term() -> None:
    """BOOK2017-ch7-end 任满两年: [2017-03-01, 2019-03-01) is two full years."""
    decision = _term("2017-03-01", "2019-03-01")
    assert decision.outcome is jz.Outcome.MET and decision.codes == ("CT_TERMS_SERVED",)


def test_one_day_less_is_short_one_day_more_is_full() -> None:
    short = _term("2017-03-01", "2019-02-28")
    assert short.outcome is jz.Outcome.NOT_MET and short.codes == ("CT_SHORT_TERM",)
    facts = {e.name: e.value for e in short.reasons[0].evidence}
    assert facts["full_on"] == "2019-03-01" and facts["served_days"] == 729
    assert short.reasons[0].parameters[0].value == 2
    assert _term("2017-03-01", "2019-03-02").outcome is jz.Outcome.MET


def test_a_29_february_start_is_full_on_28_february() -> None:
    assert _term("2016-02-29", "2018-02-28").outcome is jz.Outcome.MET
    assert _term("2016-02-29", "2018-02-27").outcome is jz.Outcome.NOT_MET


def test_a_posting_still_running_is_not_short() -> None:
    running = _term("2019-01-01", None)
    assert running.codes == ("CT_NO_ENDED_POSTING",) and running.outcome is jz.Outcome.MET
    assert _term("2019-01-01", "2020-01-01").outcome is jz.Outcome.MET


def test_the_term_is_in_principle_and_an_overlay_may_change_it() -> None:
    """一般 (in principle): a province requiring three years flags a two-year posting."""
    three = with_overlay("610999", "2017-11-01", cadres__minimum_term_years=3)
    decision = _term("2017-03-01", "2019-03-01", params=three)
    assert decision.codes == ("CT_SHORT_TERM",)
    assert decision.reasons[0].parameters[0].overlay is not None


def test_no_term_before_the_requirement_and_none_after_the_stable_exit() -> None:
    before = _term("2016-01-01", "2016-06-01")
    assert before.codes == ("CT_TERMS_SERVED", "CT_NO_TERM_IN_FORCE")
    assert before.outcome is jz.Outcome.MET
    exited = village(
        exited_on="2018-06-01", postings=[post("T1", start="2017-03-01", end="2018-06-01")]
    )
    decision = posting_terms(exited, on=DAY)
    assert decision.codes == ("CT_TERMS_SERVED", "CT_ENDED_AFTER_EXIT")
    assert decision.outcome is jz.Outcome.MET
    cut = village(
        exited_on="2018-06-01", postings=[post("T1", start="2017-03-01", end="2018-05-31")]
    )
    assert posting_terms(cut, on=DAY).codes == ("CT_SHORT_TERM",)
