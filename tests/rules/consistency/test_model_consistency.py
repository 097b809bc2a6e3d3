"""Domain validators and record consistency checks (BOOK2017-ch5-1.4-e, BOOK2017-ch10-1.2-d).

The verdicts of the consistency checks are case files (``cases/household_record.yaml``); what
stays here checks the validators, that personal data stays out of reprs and reasons, and the
wording of the card check.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from stdnum.cn import ric

from builders import head, household, with_overlay
from jingzhun import (
    Assets,
    Household,
    IncomeStatement,
    Member,
    Vehicle,
    check_household_record,
)
from jingzhun.domain.vocabulary import (
    PovertyCause,
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


def test_id_checksum_invalid() -> None:
    bad = valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1")
    h = household(per_capita="2000", members=(head(id_number=bad),))
    d = check_household_record(h, on="2016-01-01")
    r = d.reason("REC_ID_NUMBER_INVALID")
    assert bad not in r.message_zh and bad not in str(r.evidence)


def test_incomplete_card_names_the_missing_fields() -> None:
    """BOOK2017-ch5-1.4-e: 基本情况、收入水平、贫困原因、扶持措施、帮扶人员、脱贫时限 (the verdicts
    with and without ``require_card`` are in cases/household_record.yaml)."""
    h = household(per_capita="2000", members=(head(),))
    d = check_household_record(h, on="2016-01-01", require_card=True)
    assert "帮扶人员" in d.reason("REC_CARD_INCOMPLETE").message_zh


def test_assets_default_empty() -> None:
    assert Assets().vehicles == ()
    assert household(per_capita="1").per_capita_net_income() == Decimal("1.00")


def test_implausible_age_reads_its_bound_from_the_parameters() -> None:
    """REC_AGE_IMPLAUSIBLE: the cap is ``consistency.age_plausibility_max`` (130, jingzhun's
    data-quality bound; 130 itself plausible), read per region and date, never a constant; the
    reason cites the parameter, gives the age as evidence and no name or ID number (the 130 /
    131 boundary verdicts are in cases/household_record.yaml)."""
    old = head(name="张三丰", id_number=valid_id("18850101"), birth_date="1885-01-01")
    h = household(per_capita="4000", members=(old,))
    r = check_household_record(h, on="2016-01-01").reason("REC_AGE_IMPLAUSIBLE")
    assert [(u.name, u.value, u.status) for u in r.parameters] == [
        ("consistency.age_plausibility_max", 130, "unconfirmed")
    ]
    assert [(e.name, e.value) for e in r.evidence] == [("members[M1].age", 131)]
    assert "131" in r.message_en and "130" in r.message_zh
    assert "张三丰" not in r.message_zh + r.message_en and "18850101" not in r.message_zh
    assert "REC_AGE_IMPLAUSIBLE" not in check_household_record(h, on="2015-12-31").codes
    lower = with_overlay("5227", "2014-01-01", consistency__age_plausibility_max=110)
    young = household(per_capita="4000", members=(head(birth_date="1905-01-01"),))
    assert (
        "REC_AGE_IMPLAUSIBLE" in check_household_record(young, on="2016-01-01", params=lower).codes
    )
    assert "REC_AGE_IMPLAUSIBLE" not in check_household_record(young, on="2016-01-01").codes
