"""Household identification — 《精准扶贫精准脱贫》第五章末段 (BOOK2017-ch5-end-b):
对贫困人口按照收入低于国家扶贫标准，综合考虑“不愁吃、不愁穿，义务教育、基本医疗和住房安全有保障”情况进行识别.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from builders import head, household, with_overlay
from jingzhun import (
    Assets,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    Outcome,
    ParameterError,
    ParameterSet,
    Vehicle,
    as_date,
    identify_household,
)
from jingzhun.domain.vocabulary import VehicleKind

# Income year → the nominal line (facts.md §1b), each year boundary-tested below.
LINES = {2013: "2736", 2014: "2800", 2015: "2855", 2016: "2952"}


@pytest.mark.parametrize(("year", "line"), LINES.items())
def test_household_income_exactly_at_line_is_not_below(year: int, line: str) -> None:
    """BOOK2017-ch5-end-b: 收入低于国家扶贫标准 — 低于 excludes the number itself."""
    d = identify_household(household(per_capita=line, year=year), on=f"{year + 1}-03-31")
    assert d.outcome is Outcome.NOT_MET
    assert d.codes[0] == "ID_INCOME_NOT_BELOW_LINE"


@pytest.mark.parametrize(("year", "line"), LINES.items())
def test_household_income_one_fen_below_line_is_identified(year: int, line: str) -> None:
    """BOOK2017-ch5-end-b: one fen below the line is 低于."""
    below = f"{int(line) - 1}.99"
    d = identify_household(household(per_capita=below, year=year), on=f"{year + 1}-03-31")
    assert d.outcome is Outcome.MET
    assert d.codes[0] == "ID_INCOME_BELOW_LINE"


@pytest.mark.parametrize(("year", "line"), LINES.items())
def test_household_income_one_fen_above_line_is_not_identified(year: int, line: str) -> None:
    d = identify_household(household(per_capita=f"{line}.01", year=year), on=f"{year + 1}-03-31")
    assert d.outcome is Outcome.NOT_MET


def test_household_per_capita_income_is_rounded_to_the_fen_before_comparing() -> None:
    """Net income 8567.99 for 3 persons is 2855.996… → 2856.00 yuan, not below 2855."""
    h = Household(
        household_id="H",
        county_code="522701",
        declared_size=3,
        income=IncomeStatement(wages="8567.99"),
        income_year=2015,
        guarantees=Guarantees.all_met(),
    )
    assert h.per_capita_net_income() == Decimal("2856.00")
    assert identify_household(h, on="2016-03-31").outcome is Outcome.NOT_MET


def test_household_income_formula_subtracts_business_costs() -> None:
    """家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出; ÷ 家庭人口数."""
    h = Household(
        household_id="H",
        county_code="522701",
        declared_size=2,
        income_year=2015,
        income=IncomeStatement(
            wages="3000",
            business="2000",
            property_income="100",
            transfers="600",
            business_costs="1000",
        ),
    )
    assert h.per_capita_net_income() == Decimal("2350.00")
    d = identify_household(h, on="2016-01-15")
    ev = {e.name: e.value for e in d.reasons[0].evidence}
    assert ev["income.net"] == "4700"
    assert ev["per_capita_net_income"] == "2350.00"


def test_household_default_income_year_is_the_year_before_the_decision() -> None:
    h = Household(
        household_id="H",
        county_code="522701",
        declared_size=1,
        income=IncomeStatement(wages="2854.99"),
    )
    d = identify_household(h, on="2016-12-31")
    assert d.reason("ID_INCOME_BELOW_LINE").parameters[0].value == "2855"


def test_household_line_in_force_is_cited_with_its_source() -> None:
    d = identify_household(household(per_capita="2000", year=2014), on="2015-03-01")
    use = d.reasons[0].parameters[0]
    assert (use.name, use.value, use.valid_from, use.valid_until) == (
        "poverty_line.nominal",
        "2800",
        "2014-01-01",
        "2015-01-01",
    )
    assert use.status == "confirmed"
    assert "2800" in use.source.quote
    assert d.reasons[0].citations[0].clause_id == "BOOK2017-ch5-end-b"


def test_household_unconfirmed_line_year_is_flagged_in_the_decision() -> None:
    """facts.md §1b: the 2017 nominal line (2952) is unconfirmed and must be marked."""
    d = identify_household(household(per_capita="2000", year=2017), on="2018-03-01")
    assert d.outcome is Outcome.MET
    note = d.reason("ID_LINE_NOT_CONFIRMED")
    assert "unconfirmed" in note.message_en
    assert d.reasons[0].parameters[0].status == "unconfirmed"


def test_household_year_without_a_line_is_undetermined() -> None:
    d = identify_household(household(per_capita="2000", year=2009), on="2014-03-01")
    assert d.outcome is Outcome.UNDETERMINED
    assert "ID_NO_LINE_FOR_YEAR" in d.codes


def test_household_income_year_after_decision_date_is_undetermined() -> None:
    d = identify_household(household(per_capita="2000", year=2018), on="2017-12-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert d.codes[0] == "ID_INCOME_YEAR_IN_FUTURE"


def test_household_identification_before_2014_is_undetermined() -> None:
    """BOOK2017-ch5-end-a: 2014年开始，在全国开展建档立卡工作 — no identification before it."""
    d = identify_household(household(per_capita="2000", year=2012), on="2013-12-31")
    assert d.codes == ("ID_BEFORE_NATIONAL_REGISTRY",)
    assert d.outcome is Outcome.UNDETERMINED
    assert (
        identify_household(household(per_capita="2000", year=2013), on="2014-01-01").outcome
        is Outcome.MET
    )


# --- 综合考虑两不愁三保障: the guarantee_mode parameter -------------------------------------

UNSAFE_HOUSE = Guarantees(
    food=True,
    clothing=True,
    compulsory_education=True,
    basic_medical_care=True,
    housing_safety=False,
)


def _mode(mode: str, margin: str = "0.10") -> ParameterSet:
    return with_overlay(
        "52",
        "2014-01-01",
        identification__guarantee_mode=mode,
        identification__guarantee_margin=margin,
    )


def test_default_mode_unmet_guarantee_identifies_household_above_line() -> None:
    """Default reading (income_or_unmet_guarantee): an unsafe house qualifies at any income."""
    d = identify_household(household(per_capita="5000", guarantees=UNSAFE_HOUSE), on="2016-03-31")
    assert d.outcome is Outcome.MET
    assert "ID_GUARANTEE_UNMET" in d.codes
    mode = d.reason("ID_GUARANTEE_UNMET").parameters[0]
    assert (mode.name, mode.value) == ("identification.guarantee_mode", "income_or_unmet_guarantee")


def test_income_only_mode_ignores_unmet_guarantee() -> None:
    d = identify_household(
        household(per_capita="5000", guarantees=UNSAFE_HOUSE),
        on="2016-03-31",
        params=_mode("income_only"),
    )
    assert d.outcome is Outcome.NOT_MET
    assert "ID_GUARANTEES_NOT_USED" in d.codes


def test_margin_mode_unmet_guarantee_within_margin_identifies() -> None:
    """Line 2855 × 1.10 = 3140.50: 3140.49 is within the margin."""
    d = identify_household(
        household(per_capita="3140.49", guarantees=UNSAFE_HOUSE),
        on="2016-03-31",
        params=_mode("income_or_unmet_within_margin"),
    )
    assert d.outcome is Outcome.MET


def test_margin_mode_unmet_guarantee_exactly_at_widened_limit_is_not_identified() -> None:
    d = identify_household(
        household(per_capita="3140.50", guarantees=UNSAFE_HOUSE),
        on="2016-03-31",
        params=_mode("income_or_unmet_within_margin"),
    )
    assert d.outcome is Outcome.NOT_MET
    assert "ID_GUARANTEE_UNMET_INCOME_TOO_HIGH" in d.codes


def test_unknown_guarantees_above_line_are_undetermined() -> None:
    d = identify_household(household(per_capita="5000", guarantees=Guarantees()), on="2016-03-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert "ID_GUARANTEE_UNKNOWN" in d.codes


def test_unknown_guarantees_below_line_still_identified() -> None:
    d = identify_household(household(per_capita="1000", guarantees=Guarantees()), on="2016-03-31")
    assert d.outcome is Outcome.MET


def test_unknown_mode_value_is_an_error() -> None:
    """An unknown guarantee_mode is refused when the overlay loads, before any household."""
    with pytest.raises(ParameterError, match=r"guarantee_mode value from 2014-01-01: .*'whatever'"):
        _mode("whatever")


def test_drinking_water_counts_from_2019_only() -> None:
    """Safe drinking water joins the guarantees from 2019 (parameter marked unconfirmed)."""
    dry = Guarantees(
        food=True,
        clothing=True,
        compulsory_education=True,
        basic_medical_care=True,
        housing_safety=True,
        drinking_water=False,
    )
    before = identify_household(
        household(per_capita="5000", year=2017, guarantees=dry), on="2018-06-30"
    )
    after = identify_household(
        household(per_capita="5000", year=2018, guarantees=dry), on="2019-06-30"
    )
    assert before.outcome is Outcome.NOT_MET
    assert after.outcome is Outcome.MET


# --- local exclusion lists (几不评) ------------------------------------------------------------


def test_ankang_red_line_excludes_household_with_private_car() -> None:
    """安康“九条红线”: 家庭有私家车、大型农用车、工程机械 (overlay 6109, from 2017-05-03)."""
    car = Assets(vehicles=(Vehicle(kind=VehicleKind.PRIVATE_CAR, purchase_price="20000"),))
    d = identify_household(
        household(per_capita="1500", year=2016, county="610921", assets=car), on="2017-06-30"
    )
    assert d.outcome is Outcome.NOT_MET
    r = d.reason("ID_EXCLUDED_BY_LOCAL_LIST")
    assert "AK-2" in r.message_zh
    assert r.parameters[0].overlay == "6109"


def test_ankang_list_not_in_force_before_its_date() -> None:
    car = Assets(vehicles=(Vehicle(kind=VehicleKind.PRIVATE_CAR),))
    d = identify_household(
        household(per_capita="1500", year=2016, county="610921", assets=car), on="2017-05-02"
    )
    assert d.outcome is Outcome.MET


def test_ankang_list_does_not_apply_outside_ankang() -> None:
    car = Assets(vehicles=(Vehicle(kind=VehicleKind.PRIVATE_CAR),))
    d = identify_household(
        household(per_capita="1500", year=2016, county="610102", assets=car), on="2017-06-30"
    )
    assert d.outcome is Outcome.MET


def test_ankang_disability_mobility_vehicle_is_not_excluded() -> None:
    aid = Assets(vehicles=(Vehicle(kind=VehicleKind.MOBILITY_AID),))
    d = identify_household(
        household(per_capita="1500", year=2016, county="610921", assets=aid), on="2017-06-30"
    )
    assert d.outcome is Outcome.MET


@pytest.mark.parametrize(
    ("price", "excluded"), [("30000", True), ("29999.99", False), ("30000.01", True)]
)
def test_yuxi_vehicle_of_30000_yuan_or_more_excludes(price: str, excluded: bool) -> None:
    """玉溪 错评剔除: 拥有购买价格3万元以上机动车的 — 以上 includes 30000 itself."""
    car = Assets(vehicles=(Vehicle(kind=VehicleKind.MOTORCYCLE, purchase_price=price),))
    d = identify_household(
        household(per_capita="1500", year=2016, county="530402", assets=car), on="2017-06-30"
    )
    assert (d.outcome is Outcome.NOT_MET) is excluded


def test_yuxi_public_servant_relative_excludes() -> None:
    d = identify_household(
        household(
            per_capita="1500",
            year=2016,
            county="530402",
            assets=Assets(public_servant_relative=True),
        ),
        on="2017-06-30",
    )
    assert "ID_EXCLUDED_BY_LOCAL_LIST" in d.codes


def test_village_cadre_member_excluded_in_ankang() -> None:
    cadre = Member(member_id="M2", village_cadre=True)
    d = identify_household(
        household(per_capita="1500", year=2016, county="610921", members=(head(), cadre)),
        on="2017-06-30",
    )
    assert d.outcome is Outcome.NOT_MET


def test_no_national_exclusion_list() -> None:
    """No national 几不评 list exists (facts.md §4c): elsewhere a car does not exclude."""
    car = Assets(vehicles=(Vehicle(kind=VehicleKind.PRIVATE_CAR),), town_property=True)
    d = identify_household(
        household(per_capita="1500", year=2016, county="110101", assets=car), on="2017-06-30"
    )
    assert d.outcome is Outcome.MET


def test_two_assurances_three_guarantees_are_the_five_items_before_2019() -> None:
    """BOOK2017-ch1-3-a: “两不愁”…不愁吃、不愁穿；“三保障”…义务教育、基本医疗、住房安全有保障."""
    from jingzhun.rules.identification.guarantees import considered_guarantees

    items = considered_guarantees(as_date("2016-06-30"))
    assert [g.zh for g in items] == [
        "不愁吃",
        "不愁穿",
        "义务教育有保障",
        "基本医疗有保障",
        "住房安全有保障",
    ]
    d = identify_household(household(per_capita="5000", guarantees=UNSAFE_HOUSE), on="2016-03-31")
    assert "BOOK2017-ch1-3-a" in {c.clause_id for c in d.reason("ID_GUARANTEE_UNMET").citations}


def test_margin_mode_unknown_guarantees_far_above_limit_is_not_identified() -> None:
    """No unrecorded guarantee could qualify an income above the widened limit."""
    d = identify_household(
        household(per_capita="9000", guarantees=Guarantees()),
        on="2016-03-31",
        params=_mode("income_or_unmet_within_margin"),
    )
    assert d.outcome is Outcome.NOT_MET


def test_income_of_the_current_year_before_year_end_is_noted_as_estimate() -> None:
    d = identify_household(household(per_capita="2000", year=2016), on="2016-06-30")
    assert "ID_INCOME_YEAR_INCOMPLETE" in d.codes
    year_end = identify_household(household(per_capita="2000", year=2016), on="2016-12-31")
    assert "ID_INCOME_YEAR_INCOMPLETE" not in year_end.codes
