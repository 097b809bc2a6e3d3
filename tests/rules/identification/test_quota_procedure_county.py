"""Quota control (MECH2014-1.2-b: 规模控制), the identification procedure
(BOOK2017-ch5-1.1-c, BOOK2017-ch5-1.1-a, BOOK2017-ch5-1.1-e) and poor counties
(EXIT2016-3.3-a, BOOK2017-ch4-1.2)."""

from __future__ import annotations

import pytest

from builders import household
from jingzhun import (
    County,
    Guarantees,
    Outcome,
    ProcedureFile,
    ProcedureStep,
    check_identification_procedure,
    check_poor_county_list,
    identify_poor_county,
    select_within_quota,
)
from jingzhun.domain.vocabulary import QuotaUnit


def candidates() -> list:  # type: ignore[type-arg]
    return [
        household(hid="A", per_capita="2000", size=3),
        household(hid="B", per_capita="1500", size=2),
        household(
            hid="C",
            per_capita="2000",
            size=1,
            guarantees=Guarantees(
                food=True,
                clothing=True,
                compulsory_education=True,
                basic_medical_care=True,
                housing_safety=False,
            ),
        ),
        household(hid="D", per_capita="4000", size=2),
        household(hid="E", per_capita="2500", size=2),
    ]


def test_quota_selects_neediest_first_with_stable_tie_break() -> None:
    """B (1500) first; A and C tie on income, C has an unmet guarantee so ranks before A."""
    sel = select_within_quota(candidates(), quota=6, on="2016-03-31")
    assert sel.selected == ("B", "C", "A")
    assert sel.used == 6
    assert [d.subject for d in sel.decisions] == ["A", "B", "C", "D", "E"]  # input order


def test_quota_is_strictly_in_order_of_need() -> None:
    """Quota 5: B(2)+C(1)=3; A(3) does not fit, and E(2) — less needy — is not admitted after it."""
    sel = select_within_quota(candidates(), quota=5, on="2016-03-31")
    assert sel.selected == ("B", "C")
    a = next(d for d in sel.decisions if d.subject == "A")
    assert a.codes[0] == "QUOTA_EXHAUSTED"
    assert "超过规模5人" in a.reasons[0].message_zh
    e = next(d for d in sel.decisions if d.subject == "E")
    assert e.codes[0] == "QUOTA_EXHAUSTED"


def test_quota_leaves_out_ineligible_with_reason() -> None:
    sel = select_within_quota(candidates(), quota=100, on="2016-03-31")
    d = next(d for d in sel.decisions if d.subject == "D")
    assert d.outcome is Outcome.NOT_MET
    assert d.codes == ("QUOTA_NOT_ELIGIBLE",)
    (ident,) = d.basis  # the identification decision it rests on, whole
    assert ident.rule == "identification.household"
    assert ident.codes[0] == "ID_INCOME_NOT_BELOW_LINE"


def test_quota_in_households() -> None:
    sel = select_within_quota(candidates(), quota=2, unit=QuotaUnit.HOUSEHOLDS, on="2016-03-31")
    assert sel.selected == ("B", "C")


def test_quota_result_independent_of_input_order() -> None:
    a = select_within_quota(candidates(), quota=6, on="2016-03-31")
    b = select_within_quota(list(reversed(candidates())), quota=6, on="2016-03-31")
    assert set(a.selected) == set(b.selected)


def test_negative_quota_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        select_within_quota(candidates(), quota=-1, on="2016-03-31")


def steps(**override: tuple[str, str | None, int, int]) -> ProcedureFile:
    base = {
        "application": ("2015-09-01", None, 0, 0),
        "democratic_appraisal": ("2015-09-10", None, 0, 0),
        "first_notice": ("2015-09-12", "2015-09-17", 0, 0),
        "township_review": ("2015-09-20", None, 0, 0),
        "second_notice": ("2015-09-25", "2015-09-30", 1, 1),
        "county_approval": ("2015-10-08", None, 0, 0),
        "announcement": ("2015-10-10", None, 0, 0),
        "data_entry": ("2015-10-20", None, 0, 0),
    }
    base.update(override)
    return ProcedureFile(
        subject_id="H1",
        level="household",
        steps=[
            ProcedureStep(step=k, first_day=a, last_day=b, objections=o, objections_resolved=r)
            for k, (a, b, o, r) in base.items()
            if a
        ],
    )


def test_procedure_two_notices_one_announcement_complete() -> None:
    """BOOK2017-ch5-1.1-c: 申请、评议、公示公告、核验、填报信息; notices of 5 days each."""
    d = check_identification_procedure(steps(), on="2015-12-31")
    assert d.outcome is Outcome.MET
    assert d.codes.count("PROC_STEP_PRESENT") == 8


def test_procedure_notice_of_exactly_five_days_is_enough() -> None:
    """Posted 12 Sep, last day 17 Sep: 5 days; the posting day is not counted (民法典第201条)."""
    d = check_identification_procedure(
        steps(first_notice=("2015-09-12", "2015-09-17", 0, 0)), on="2015-12-31"
    )
    assert "PROC_NOTICE_TOO_SHORT" not in d.codes


def test_procedure_notice_of_four_days_is_too_short() -> None:
    d = check_identification_procedure(
        steps(first_notice=("2015-09-12", "2015-09-16", 0, 0)), on="2015-12-31"
    )
    assert d.outcome is Outcome.NOT_MET
    assert "PROC_NOTICE_TOO_SHORT" in d.codes


def test_procedure_missing_second_notice() -> None:
    d = check_identification_procedure(steps(second_notice=("", None, 0, 0)), on="2015-12-31")
    assert d.outcome is Outcome.NOT_MET
    assert "PROC_STEP_MISSING" in d.codes


def test_procedure_missing_data_entry_cites_the_entry_clause() -> None:
    """BOOK2017-ch5-1.1-a: identified households must be entered into the national system."""
    d = check_identification_procedure(steps(data_entry=("", None, 0, 0)), on="2015-12-31")
    r = d.reason("PROC_STEP_MISSING")
    assert r.citations[0].clause_id == "BOOK2017-ch5-1.1-a"


def test_procedure_unresolved_objection_fails() -> None:
    d = check_identification_procedure(
        steps(second_notice=("2015-09-25", "2015-09-30", 2, 1)), on="2015-12-31"
    )
    assert "PROC_OBJECTION_UNRESOLVED" in d.codes


def test_procedure_steps_out_of_order() -> None:
    d = check_identification_procedure(
        steps(township_review=("2015-09-05", None, 0, 0)), on="2015-12-31"
    )
    assert "PROC_STEP_OUT_OF_ORDER" in d.codes


def test_procedure_next_step_before_notice_ended() -> None:
    """经公示无异议后报乡(镇)政府审核: the review cannot come on or before the notice's last day."""
    d = check_identification_procedure(
        steps(township_review=("2015-09-17", None, 0, 0)), on="2015-12-31"
    )
    assert "PROC_STEP_BEFORE_NOTICE_ENDED" in d.codes


def test_procedure_step_after_decision_date() -> None:
    d = check_identification_procedure(steps(), on="2015-10-15")
    assert "PROC_STEP_AFTER_DECISION_DATE" in d.codes


def test_village_procedure_notice_and_announcement() -> None:
    f = ProcedureFile(
        subject_id="V1",
        level="village",
        steps=[
            ProcedureStep(step="application", first_day="2014-05-01"),
            ProcedureStep(step="first_notice", first_day="2014-05-05", last_day="2014-05-10"),
            ProcedureStep(step="county_approval", first_day="2014-05-15"),
            ProcedureStep(step="announcement", first_day="2014-05-20"),
        ],
    )
    assert check_identification_procedure(f, on="2014-06-30").outcome is Outcome.MET


def test_procedure_step_with_more_resolved_than_raised_is_rejected() -> None:
    with pytest.raises(ValueError, match="more objections resolved"):
        ProcedureStep(
            step="first_notice", first_day="2015-01-01", objections=1, objections_resolved=2
        )


def test_poor_county_is_key_or_contiguous_area_county() -> None:
    """EXIT2016-3.3-a: 贫困县包括国家扶贫开发工作重点县和集中连片特困地区县."""
    assert (
        identify_poor_county(County(county_code="522701", key_county=True), on="2016-01-01").outcome
        is Outcome.MET
    )
    assert (
        identify_poor_county(
            County(county_code="522701", contiguous_area_county=True), on="2016-01-01"
        ).outcome
        is Outcome.MET
    )
    d = identify_poor_county(County(county_code="522701"), on="2016-01-01")
    assert d.outcome is Outcome.NOT_MET
    assert d.codes == ("CID_NOT_POOR_COUNTY",)


def test_poor_county_list_counts_592_680_832() -> None:
    """BOOK2017-ch4-1.2: 592 key counties + 680 contiguous-area counties = 832 after overlap."""
    both = [
        County(county_code=f"52{i:04d}", key_county=True, contiguous_area_county=True)
        for i in range(440)
    ]
    key_only = [County(county_code=f"53{i:04d}", key_county=True) for i in range(152)]
    area_only = [County(county_code=f"62{i:04d}", contiguous_area_county=True) for i in range(240)]
    d = check_poor_county_list(both + key_only + area_only, on="2016-01-01")
    assert d.outcome is Outcome.MET
    d2 = check_poor_county_list(both + key_only, on="2016-01-01")
    assert d2.outcome is Outcome.NOT_MET


def test_poor_county_list_before_counts_were_published_is_undetermined() -> None:
    d = check_poor_county_list([County(county_code="522701", key_county=True)], on="2015-06-30")
    assert d.outcome is Outcome.UNDETERMINED
    assert "CID_LIST_NO_PUBLISHED_COUNT" in d.codes
