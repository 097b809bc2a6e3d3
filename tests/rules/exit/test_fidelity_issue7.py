"""Issue 7 (fidelity), items 6, 7, 10 and 12 of the exit rules.

- item 6: the income year an exit without ``income_year`` reads (EXIT2016-3.1-b; the
  31 December node BOOK2017-ch5-end-d);
- item 7: the 2014–2015 household exits (EXIT2016-3.1-b has no earlier national standard);
- item 10: the village exit procedure's 审核审查 (EXIT2016-2.3-b) and proposal steps
  (EXIT2016-3.2-c);
- item 12: retention wording per level and the dates of 四个不摘 (EXIT2016-2.4-a,
  DECISION2015-4-e).
"""

from __future__ import annotations

from typing import Any

import pytest

from jingzhun import (
    ExitedSubject,
    Guarantees,
    Household,
    IncomeStatement,
    Outcome,
    ProcedureStep,
    Village,
    household_exit,
    retained_support,
    support_after_exit,
    village_exit,
)


def hh(
    per_capita: str, *, year: int | None = None, stable: bool | None = True, **extra: Any
) -> Household:
    return Household(
        household_id="H",
        county_code="522701",
        declared_size=1,
        income=IncomeStatement(wages=per_capita),
        income_year=year,
        guarantees=Guarantees.all_met(),
        stable_income_source=stable,
        **extra,
    )


# --- item 6: which income year an exit without income_year reads --------------------------


@pytest.mark.parametrize(
    ("day", "year", "outcome"),
    [
        ("2020-10-31", 2019, Outcome.MET),  # 3500 > 3218 (2019 line)
        ("2020-11-01", 2020, Outcome.NOT_MET),  # 3500 ≤ 4000 (2020 line)
        ("2020-11-02", 2020, Outcome.NOT_MET),
        ("2020-12-31", 2020, Outcome.NOT_MET),
        ("2021-01-01", 2020, Outcome.NOT_MET),
    ],
)
def test_exit_income_year_from_november_is_the_current_year_exit2016_3_1_b(
    day: str, year: int, outcome: Outcome
) -> None:
    """EXIT2016-3.1-b: from 1 November the exit year's own income is read (2020: 收入达到
    4000块钱左右); before it the year before. The decision says which year and why."""
    d = household_exit(hh("3500"), on=day)
    assert d.outcome is outcome
    note = d.reason("HX_INCOME_YEAR_DEFAULTED")
    assert ("exit.household.current_income_year_from_month", 11) in {
        (p.name, p.value) for p in note.parameters
    }
    assert f"{year}年" in note.message_zh
    assert d.reasons[0].evidence[1].value == year


def test_exit_income_year_given_is_not_defaulted_exit2016_3_1_b() -> None:
    """EXIT2016-3.1-b: a given income_year is read as given, with no defaulting note."""
    d = household_exit(hh("3500", year=2019), on="2020-11-15")
    assert d.outcome is Outcome.MET
    assert "HX_INCOME_YEAR_DEFAULTED" not in d.codes


# --- item 7: the 2014–2015 household exits -------------------------------------------------


@pytest.mark.parametrize(
    ("day", "income", "year", "outcome"),
    [
        ("2014-12-31", "2800.01", 2014, Outcome.MET),  # the 2014 line is 2800
        ("2014-12-31", "2800", 2014, Outcome.NOT_MET),
        ("2014-12-31", "2799.99", 2014, Outcome.NOT_MET),
        ("2015-12-31", "2855.01", 2015, Outcome.MET),  # the 2015 line is 2855
        ("2015-12-31", "2855", 2015, Outcome.NOT_MET),
        ("2016-04-27", "2855.01", 2015, Outcome.MET),
    ],
)
def test_pre_2016_exit_reading_income_above_the_line_exit2016_3_1_b(
    day: str, income: str, year: int, outcome: Outcome
) -> None:
    """Before EXIT2016-3.1-b (2016-04-28) exits are read as income above that year's line
    (status unconfirmed), so that the 2014 and 2015 exits can be replayed."""
    d = household_exit(hh(income, year=year), on=day)
    assert d.outcome is outcome
    note = d.reason("HX_PRE_2016_INCOME_READING")
    assert note.parameters[0].status == "unconfirmed"
    assert "HX_GUARANTEES_MET" not in d.codes


def test_exit_before_2014_has_no_reading_exit2016_3_1_b() -> None:
    """EXIT2016-3.1-b: before the 2014 registry there is no reading at all."""
    d = household_exit(hh("5000", year=2012), on="2013-12-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert d.codes == ("HX_NO_STANDARD_IN_FORCE",)


def test_the_strict_pre_2016_reading_is_the_shown_alternative_exit2016_3_1_b() -> None:
    """EXIT2016-3.1-b: the pre-2016 value shows the strict reading (no national standard) as
    its alternative; an overlay choosing it makes a 2015 exit undetermined again."""
    from builders import with_overlay

    d = household_exit(hh("5000", year=2015), on="2015-12-31")
    (use,) = d.reason("HX_PRE_2016_INCOME_READING").parameters
    assert [a.value for a in use.alternatives] == ["no_national_standard"]
    strict = with_overlay("52", "2014-01-01", exit__household__standard="no_national_standard")
    d = household_exit(hh("5000", year=2015), on="2015-12-31", params=strict)
    assert (d.outcome, d.codes) == (Outcome.UNDETERMINED, ("HX_NO_STANDARD_IN_FORCE",))


def test_2016_standard_from_2016_04_28_exit2016_3_1_b() -> None:
    """EXIT2016-3.1-b: from 2016-04-28 the opinion's standard (stability, guarantees)."""
    d = household_exit(hh("2855.01", year=2015), on="2016-04-28")
    assert "HX_PRE_2016_INCOME_READING" not in d.codes
    assert "HX_GUARANTEES_MET" in d.codes


# --- item 10: village procedure --------------------------------------------------------------

S = ProcedureStep
VILLAGE_STEPS = (
    S(step="village_proposal", first_day="2017-10-20"),
    S(step="exit_review", first_day="2017-10-25"),
    S(step="township_notice", first_day="2017-11-01", last_day="2017-11-06"),
    S(step="announcement", first_day="2017-11-10"),
)


def village(steps: tuple[ProcedureStep, ...]) -> Village:
    return Village(
        village_id="V1",
        county_code="370102",
        rural_population=1000,
        poor_population=10,
        exit_steps=steps,
    )


def test_village_procedure_has_proposal_and_review_exit2016_2_3_b() -> None:
    """EXIT2016-2.3-b: 贫困村、贫困县退出必须进行审核审查; EXIT2016-3.2-c: 在乡镇内公示无异议后，
    公告退出. The four steps pass."""
    d = village_exit(village(VILLAGE_STEPS), on="2017-12-31")
    assert d.outcome is Outcome.MET
    assert d.codes.count("PROC_STEP_PRESENT") == 4


def test_village_procedure_without_review_fails_exit2016_2_3_b() -> None:
    """EXIT2016-2.3-b: a village exit without 审核审查 is not met."""
    steps = tuple(s for s in VILLAGE_STEPS if s.step != "exit_review")
    d = village_exit(village(steps), on="2017-12-31")
    assert d.outcome is Outcome.NOT_MET
    assert any("审核审查" in r.message_zh for r in d.reasons if r.code == "PROC_STEP_MISSING")


# --- item 12: retention ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "code"),
    [
        ("2019-04-15", "RT_POLICIES_UNCHANGED"),
        ("2019-04-16", "RT_FOUR_KEEPS"),
        ("2019-04-17", "RT_FOUR_KEEPS"),
        ("2020-12-31", "RT_FOUR_KEEPS"),
        ("2021-01-01", "RT_TRANSITION_FOUR_KEEPS"),
    ],
)
def test_four_keeps_date_from_2019_04_16_exit2016_2_4_a(day: str, code: str) -> None:
    """EXIT2016-2.4-a (缓冲期) until 2019-04-15; 四个不摘 from 习近平's 2019-04-16 speech in
    重庆; the 2021–2025 transition from 2021-01-01."""
    d = retained_support("county", exited_on="2019-04-01", on=day)
    assert d.outcome is Outcome.MET
    assert d.codes == (code,)


@pytest.mark.parametrize(
    ("level", "code", "word"),
    [
        ("county", "RT_TRANSITION_FOUR_KEEPS", "摘帽不摘"),
        ("village", "RT_TRANSITION_VILLAGE", "出列"),
        ("household", "RT_TRANSITION_HOUSEHOLD", "脱贫不脱政策"),
    ],
)
def test_transition_wording_per_level_exit2016_2_4_a(level: str, code: str, word: str) -> None:
    """EXIT2016-2.4-a: 摘帽 is said of counties; villages 出列 and households 脱贫不脱政策."""
    d = retained_support(level, exited_on="2019-06-01", on="2021-06-01")
    assert d.codes == (code,)
    assert word in d.reasons[0].message_zh
    if level != "county":
        assert "摘帽" not in d.reasons[0].message_zh


@pytest.mark.parametrize(
    ("exited", "outcome"),
    [
        ("2016-01-10", Outcome.UNDETERMINED),
        ("2016-04-27", Outcome.UNDETERMINED),
        ("2016-04-28", Outcome.MET),
        ("2016-04-29", Outcome.MET),
    ],
)
def test_household_exit_before_the_standard_is_undetermined_decision2015_4_e(
    exited: str, outcome: Outcome
) -> None:
    """DECISION2015-4-e keeps policies for 已经脱贫的农户, but an exit before the national
    household exit standard (EXIT2016-3.1-b, 2016-04-28) cannot be decided by the exit rules."""
    d = retained_support("household", exited_on=exited, on="2016-06-01")
    assert d.outcome is outcome
    if outcome is Outcome.UNDETERMINED:
        assert d.codes == ("RT_EXIT_NOT_DECIDABLE",)


def test_undetermined_exit_keeps_no_support_exit2016_2_4_a() -> None:
    """EXIT2016-2.4-a: support follows an exit; an undetermined exit decision gives none."""
    exit_d = household_exit(hh("5000", year=2017, stable=None), on="2017-12-31")
    assert exit_d.outcome is Outcome.UNDETERMINED
    case = ExitedSubject(level="household", exited_on="2017-12-31", exit_decision=exit_d)
    d = support_after_exit(case, on="2018-06-01")
    assert d.outcome is Outcome.UNDETERMINED
    assert d.codes == ("RT_EXIT_NOT_DECIDED",)
    assert d.basis == (exit_d,)
