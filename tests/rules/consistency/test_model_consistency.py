"""Domain validators and record consistency checks (BOOK2017-ch5-1.4-e, BOOK2017-ch10-1.2-d)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from stdnum.cn import ric

from builders import head, household
from jingzhun import (
    Assets,
    Household,
    IncomeStatement,
    Member,
    Outcome,
    Vehicle,
    check_household_record,
)
from jingzhun.domain.vocabulary import (
    HealthStatus,
    LabourCapacity,
    PovertyCause,
    Relation,
    SchoolStatus,
    VehicleKind,
)


def valid_id(birth: str = "19700101") -> str:
    body = f"612422{birth}001"
    return body + ric.calc_check_digit(body + "0")


def test_negative_income_component_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        IncomeStatement(wages="-1")


def test_float_income_refused() -> None:
    with pytest.raises(TypeError, match="float"):
        IncomeStatement(wages=100.5)


def test_negative_size_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        Household(household_id="H", county_code="522701", declared_size=-1)


def test_more_than_two_other_causes_rejected() -> None:
    """《贫困户登记表》A3b: 其他致贫原因最多只允许选择2项."""
    with pytest.raises(ValueError, match="at most two"):
        household(
            per_capita="1",
            other_causes=(PovertyCause.ILLNESS, PovertyCause.DISASTER, PovertyCause.LACK_OF_WATER),
        )


def test_household_needs_members_or_size() -> None:
    with pytest.raises(ValueError, match="members or its declared size"):
        Household(household_id="H", county_code="522701")


def test_unknown_region_in_household_rejected() -> None:
    from jingzhun import UnknownRegionError

    with pytest.raises(UnknownRegionError):
        Household(household_id="H", county_code="990101", declared_size=1)


def test_negative_vehicle_price_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        Vehicle(kind=VehicleKind.PRIVATE_CAR, purchase_price="-1")


def test_personal_data_not_in_repr() -> None:
    m = Member(member_id="M1", name="张三丰", id_number=valid_id())
    assert "张三丰" not in repr(m)
    assert valid_id() not in repr(m)


def test_consistent_record() -> None:
    h = household(
        per_capita="2000",
        members=(head(id_number=valid_id(), birth_date="1970-01-01"),),
        main_cause=PovertyCause.LACK_OF_CAPITAL,
    )
    d = check_household_record(h, on="2016-01-01")
    assert d.outcome is Outcome.MET
    assert d.codes == ("REC_CONSISTENT",)


def test_size_mismatch() -> None:
    h = Household(household_id="H", county_code="522701", declared_size=3, members=(head(),))
    assert "REC_SIZE_MISMATCH" in check_household_record(h, on="2016-01-01").codes


def test_id_checksum_invalid() -> None:
    bad = valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1")
    h = household(per_capita="2000", members=(head(id_number=bad),))
    d = check_household_record(h, on="2016-01-01")
    r = d.reason("REC_ID_NUMBER_INVALID")
    assert bad not in r.message_zh and bad not in str(r.evidence)


def test_id_birth_date_disagrees_with_member() -> None:
    h = household(
        per_capita="2000", members=(head(id_number=valid_id("19700101"), birth_date="1971-01-01"),)
    )
    assert "REC_ID_BIRTH_DATE_MISMATCH" in check_household_record(h, on="2016-01-01").codes


def test_birth_after_decision_date() -> None:
    h = household(per_capita="2000", members=(head(birth_date="2017-01-01"),))
    assert "REC_BIRTH_AFTER_DECISION_DATE" in check_household_record(h, on="2016-01-01").codes


def test_disability_cause_needs_disabled_member() -> None:
    h = household(per_capita="2000", members=(head(),), main_cause=PovertyCause.DISABILITY)
    assert (
        "REC_DISABILITY_CAUSE_WITHOUT_DISABLED_MEMBER"
        in check_household_record(h, on="2016-01-01").codes
    )
    ok = household(
        per_capita="2000", members=(head(disabled=True),), main_cause=PovertyCause.DISABILITY
    )
    assert check_household_record(ok, on="2016-01-01").outcome is Outcome.MET


def test_illness_and_schooling_causes_need_members() -> None:
    h = household(
        per_capita="2000",
        members=(head(),),
        main_cause=PovertyCause.ILLNESS,
        other_causes=(PovertyCause.SCHOOLING,),
    )
    codes = check_household_record(h, on="2016-01-01").codes
    assert "REC_ILLNESS_CAUSE_WITHOUT_ILL_MEMBER" in codes
    assert "REC_SCHOOLING_CAUSE_WITHOUT_STUDENT" in codes
    ok = household(
        per_capita="2000",
        main_cause=PovertyCause.ILLNESS,
        members=(head(health=HealthStatus.CHRONIC_ILLNESS),),
    )
    assert check_household_record(ok, on="2016-01-01").outcome is Outcome.MET


@pytest.mark.parametrize(("birth", "flagged"), [("2000-01-02", True), ("2000-01-01", False)])
def test_child_under_16_has_no_labour_capacity(birth: str, flagged: bool) -> None:
    """Under 16 on the decision date (2016-01-01) must be 无劳动力; 16 exactly may work."""
    child = Member(
        member_id="M2", relation=Relation.CHILD, birth_date=birth, labour=LabourCapacity.ORDINARY
    )
    h = household(per_capita="2000", members=(head(), child))
    assert (
        "REC_CHILD_WITH_LABOUR_CAPACITY" in check_household_record(h, on="2016-01-01").codes
    ) is flagged


def test_other_cause_repeats_main() -> None:
    h = household(
        per_capita="2000", main_cause=PovertyCause.DISASTER, other_causes=(PovertyCause.DISASTER,)
    )
    assert "REC_OTHER_CAUSE_REPEATS_MAIN" in check_household_record(h, on="2016-01-01").codes


def test_dropout_contradicts_education_guarantee() -> None:
    kid = Member(member_id="M2", relation=Relation.CHILD, school=SchoolStatus.DROPPED_OUT)
    h = household(per_capita="2000", members=(head(), kid))
    assert (
        "REC_DROPOUT_BUT_EDUCATION_GUARANTEED" in check_household_record(h, on="2016-01-01").codes
    )


def test_reported_per_capita_income_must_match_components() -> None:
    h = household(per_capita="2000", reported_per_capita_income="2100")
    assert "REC_PER_CAPITA_INCOME_DISAGREES" in check_household_record(h, on="2016-01-01").codes
    ok = household(per_capita="2000", reported_per_capita_income="2000.01")
    assert (
        "REC_PER_CAPITA_INCOME_DISAGREES" not in check_household_record(ok, on="2016-01-01").codes
    )


@pytest.mark.parametrize(
    ("income", "flagged"), [("0", True), ("0.01", False), ("100000", False), ("100000.01", True)]
)
def test_implausible_per_capita_income(income: str, flagged: bool) -> None:
    """Data-quality rule: 人均纯收入小于等于0或超过10万 (超过 excludes 100000 itself)."""
    h = household(per_capita=income)
    assert (
        "REC_PER_CAPITA_INCOME_IMPLAUSIBLE" in check_household_record(h, on="2016-01-01").codes
    ) is flagged


def test_precision_card_fields_required_on_request() -> None:
    """BOOK2017-ch5-1.4-e: 基本情况、收入水平、贫困原因、扶持措施、帮扶人员、脱贫时限."""
    h = household(per_capita="2000", members=(head(),))
    assert check_household_record(h, on="2016-01-01").outcome is Outcome.MET
    d = check_household_record(h, on="2016-01-01", require_card=True)
    assert "REC_CARD_INCOMPLETE" in d.codes
    assert "帮扶人员" in d.reason("REC_CARD_INCOMPLETE").message_zh
    full = household(
        per_capita="2000",
        members=(head(),),
        main_cause=PovertyCause.DISASTER,
        helper="干部A",
        measures=("产业扶持",),
        exit_target_year=2018,
    )
    assert check_household_record(full, on="2016-01-01", require_card=True).outcome is Outcome.MET


def test_assets_default_empty() -> None:
    assert Assets().vehicles == ()
    assert household(per_capita="1").per_capita_net_income() == Decimal("1.00")
