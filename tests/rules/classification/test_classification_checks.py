"""classification.plan_check, classification.dibao_coverage and classification.two_lines.

Clauses: MECH2014-1.2-d, BOOK2017-ch5-2.1-e, BOOK2017-ch10-5.2 (plans by cause);
BOOK2017-ch6-5, BOOK2017-ch6-5.1-a, BOOK2017-ch6-5.1-b, DECISION2015-11-c (应保尽保);
BOOK2017-ch6-5.3-a (分类重点救助, 70岁以上); DECISION2015-11-b, BOOK2017-ch6-5.2-a (两线合一).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import jingzhun as jz
from jingzhun.domain.audit import Responsible, Severity, findings_of
from jingzhun.domain.classification import DibaoStandard, PlanCase
from jingzhun.domain.support import HouseholdPlan
from jingzhun.rules.classification.dibao_coverage import dibao_coverage
from jingzhun.rules.classification.plan_check import plan_check
from jingzhun.rules.classification.two_lines import two_lines


def household(*labours: str | None, **kw: Any) -> jz.Household:
    members = [jz.Member(member_id=f"M{i}", labour=x) for i, x in enumerate(labours)]
    return jz.Household(household_id="H1", county_code="610999", members=members, **kw)


def plan_case(plan: tuple[str, ...] | None, **kw: Any) -> PlanCase:
    p = None if plan is None else HouseholdPlan(measures=plan)
    return PlanCase(household=household("ordinary", **kw), plan=p)


# --- plan_check ------------------------------------------------------------------------


def test_a_plan_that_addresses_a_cause_fits() -> None:
    """MECH2014-1.2-d 深入分析致贫原因，逐村逐户制定帮扶措施."""
    d = plan_check(plan_case(("microcredit",), main_cause="lack_of_capital"), on="2017-06-30")
    assert d.outcome is jz.Outcome.MET
    assert d.codes == ("PC_CAUSE_ADDRESSED",)


def test_a_planted_plan_addressing_no_cause_is_flagged() -> None:
    """BOOK2017-ch10-5.2 因贫困原因施策 … 对症下药."""
    c = plan_case(("tourism",), main_cause="illness", other_causes=["schooling"])
    d = plan_check(c, on="2017-06-30")
    assert d.outcome is jz.Outcome.NOT_MET
    assert d.codes[0] == "PC_PLAN_ADDRESSES_NO_CAUSE"
    assert d.codes.count("PC_CAUSE_UNADDRESSED") == 2


def test_one_cause_addressed_is_enough_the_other_is_noted() -> None:
    c = plan_case(("medical",), main_cause="illness", other_causes=["schooling"])
    d = plan_check(c, on="2017-06-30")
    assert d.outcome is jz.Outcome.MET
    assert "PC_CAUSE_UNADDRESSED" in d.codes


def test_no_plan_is_not_judged_as_fine() -> None:
    """BOOK2017-ch5-2.1-e 逐户落实帮扶责任人、帮扶项目和帮扶资金: no plan → 无法判定."""
    d = plan_check(plan_case(None, main_cause="illness"), on="2017-06-30")
    assert d.outcome is jz.Outcome.UNDETERMINED
    assert d.codes == ("PC_NO_PLAN",)


@pytest.mark.parametrize(("causes"), [{}, {"main_cause": "marriage"}])
def test_no_known_cause_is_not_judged(causes: dict[str, str]) -> None:
    d = plan_check(plan_case(("industry",), **causes), on="2017-06-30")
    assert d.outcome is jz.Outcome.UNDETERMINED
    assert "PC_NO_CAUSE" in d.codes


# --- dibao_coverage ---------------------------------------------------------------------


def test_a_household_that_lost_its_labour_and_has_no_dibao_is_a_finding() -> None:
    """BOOK2017-ch6-5 丧失劳动能力 … 全部纳入农村低保; BOOK2017-ch6-5.1-a 应保尽保;
    BOOK2017-ch6-5.1-b; DECISION2015-11-c."""
    h = jz.Household(
        household_id="H1",
        county_code="610999",
        members=[jz.Member(member_id="M1", labour="lost", health="serious_illness")],
    )
    d = dibao_coverage(h, on="2017-06-30")
    assert d.outcome is jz.Outcome.NOT_MET
    (f,) = findings_of(d)
    assert f.code == "DC_NOT_COVERED"
    assert f.severity is Severity.MODERATE and f.responsible is Responsible.COUNTY
    assert ("categories", "M1:serious_illness") in [(e.name, e.value) for e in f.evidence]


@pytest.mark.parametrize(
    "cover", [{"household_type": "dibao"}, {"household_type": "wubao"}, {"measures": ["低保兜底"]}]
)
def test_dibao_cover_is_read_from_type_or_card(cover: dict[str, Any]) -> None:
    d = dibao_coverage(household("lost", "none", **cover), on="2017-06-30")
    assert d.outcome is jz.Outcome.MET
    assert d.codes[0] == "DC_COVERED"


def test_a_member_who_can_work_means_not_required() -> None:
    d = dibao_coverage(household("lost", "weak"), on="2017-06-30")
    assert d.outcome is jz.Outcome.MET and d.codes == ("DC_NOT_REQUIRED",)


def test_unknown_labour_is_undetermined() -> None:
    d = dibao_coverage(household("lost", None), on="2017-06-30")
    assert d.outcome is jz.Outcome.UNDETERMINED and d.codes == ("DC_LABOUR_UNKNOWN",)


@pytest.mark.parametrize(
    ("birth", "listed"),
    [("1947-06-30", True), ("1947-07-01", False), ("1947-06-29", True), ("1946-06-30", True)],
)
def test_key_assistance_from_age_70_inclusive(birth: str, listed: bool) -> None:
    """BOOK2017-ch6-5.3-a 70岁以上老年人: 70 on the day itself (以上 includes it); 69 the
    day before the birthday is not; 71 is."""
    m = jz.Member(member_id="M1", labour="lost", birth_date=birth)
    h = jz.Household(household_id="H1", county_code="610999", members=[m], household_type="dibao")
    d = dibao_coverage(h, on="2017-06-30")
    assert ("DC_KEY_ASSISTANCE" in d.codes) is listed


def test_key_assistance_lists_the_other_categories() -> None:
    """BOOK2017-ch6-5.3-a 患有重大疾病人员、学龄前儿童和在校学生; 重残 grade unrecorded."""
    members = [
        jz.Member(member_id="A", health="serious_illness"),
        jz.Member(member_id="B", school="preschool"),
        jz.Member(member_id="C", school="primary"),
        jz.Member(member_id="D", disabled=True),
    ]
    h = jz.Household(
        household_id="H1", county_code="610999", members=members, household_type="dibao"
    )
    d = dibao_coverage(h, on="2017-06-30")
    key = next(r for r in d.reasons if r.code == "DC_KEY_ASSISTANCE")
    assert key.evidence[0].value == "A:serious_illness,B:preschool,C:student"
    assert "DC_DISABILITY_GRADE_NOT_RECORDED" in d.codes


# --- two_lines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("standard", "outcome"),
    [("4000", "met"), ("3999.99", "not_met"), ("4000.01", "met")],
)
def test_two_lines_at_the_2020_line(standard: str, outcome: str) -> None:
    """BOOK2017-ch6-5.2-a 两线合一: 达到 includes equality (the 2020 line is 4000 yuan)."""
    d = two_lines(DibaoStandard(region="52", year=2020, standard=standard), on="2021-01-01")
    assert d.outcome.value == outcome
    if outcome == "not_met":
        assert d.codes == ("TL_BELOW_AFTER_DEADLINE",)


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (2019, "TL_BELOW_BEFORE_DEADLINE"),
        (2020, "TL_BELOW_AFTER_DEADLINE"),
    ],
)
def test_two_lines_deadline_year(year: int, code: str) -> None:
    """DECISION2015-11-b 低保标准较低的地区要逐步达到国家扶贫标准; the deadline is 十三五末."""
    d = two_lines(DibaoStandard(region="52", year=year, standard="1000"), on="2021-06-30")
    assert d.codes == (code,)
    assert d.outcome is jz.Outcome.NOT_MET


def test_no_line_for_the_year_is_undetermined() -> None:
    d = two_lines(DibaoStandard(region="52", year=2021, standard="5000"), on="2021-06-30")
    assert d.codes == ("TL_NO_LINE",) and d.outcome is jz.Outcome.UNDETERMINED


def test_two_lines_compares_with_the_year_of_the_standard() -> None:
    d = two_lines(DibaoStandard(region="52", year=2016, standard="2952"), on="2017-06-30")
    assert d.outcome is jz.Outcome.MET
    line = next(e for e in d.reasons[0].evidence if e.name == "line")
    assert Decimal(str(line.value)) == Decimal("2952")


def test_a_negative_standard_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        DibaoStandard(region="52", year=2016, standard="-1")
