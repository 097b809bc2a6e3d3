"""Household identification — 《精准扶贫精准脱贫》第五章末段 (BOOK2017-ch5-end-b):
对贫困人口按照收入低于国家扶贫标准，综合考虑“不愁吃、不愁穿，义务教育、基本医疗和住房安全有保障”情况进行识别.

The verdicts (each line at, just below and just above, the guarantee readings, the local
exclusion lists) are case files in ``cases/``; what stays here checks what a case cannot:
the parameters and citations a decision names, and errors.
"""

from __future__ import annotations

import pytest

from builders import household, with_overlay
from jingzhun import (
    Assets,
    Guarantees,
    Outcome,
    ParameterError,
    Vehicle,
    as_date,
    identify_household,
)
from jingzhun.domain.vocabulary import VehicleKind


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


# --- 综合考虑两不愁三保障: the guarantee_mode parameter -------------------------------------

UNSAFE_HOUSE = Guarantees(
    food=True,
    clothing=True,
    compulsory_education=True,
    basic_medical_care=True,
    housing_safety=False,
)


def test_default_mode_unmet_guarantee_qualifies_only_within_the_margin() -> None:
    """BOOK2017-ch5-end-b, national default (income_or_unmet_within_margin, issue 7 item 1):
    an unsafe house qualifies a household above the line only within the margin (2015:
    2855 × 1.10 = 3140.50), and the decision names the margin with its status."""
    d = identify_household(household(per_capita="3000", guarantees=UNSAFE_HOUSE), on="2016-03-31")
    assert d.outcome is Outcome.MET
    uses = {p.name: p for p in d.reason("ID_GUARANTEE_UNMET").parameters}
    assert uses["identification.guarantee_mode"].value == "income_or_unmet_within_margin"
    assert uses["identification.guarantee_mode"].overlay is None
    assert uses["identification.guarantee_margin"].status == "unconfirmed"
    d = identify_household(household(per_capita="5000", guarantees=UNSAFE_HOUSE), on="2016-03-31")
    assert d.outcome is Outcome.NOT_MET
    assert "ID_GUARANTEE_UNMET_INCOME_TOO_HIGH" in d.codes


def test_mandatory_inclusion_reading_is_an_alternative_not_a_region_value() -> None:
    """BOOK2017-ch5-end-b: the local 四种情形 reading (income_or_unmet_guarantee) names no
    place in its source: it is an alternative of the national value, and no bundled overlay
    sets it."""
    from jingzhun import ParameterSet

    ps = ParameterSet.bundled()
    national = ps.resolve("identification.guarantee_mode", on=as_date("2016-06-30"))
    alternatives = {a.value: a for a in national.alternatives}
    assert alternatives["income_or_unmet_guarantee"].status == "local"
    assert "四种情形" in alternatives["income_or_unmet_guarantee"].source.title
    for region in ("52", "522701", "41", "64", "65", "6109", "5304", "451423"):
        mode = ps.resolve("identification.guarantee_mode", on=as_date("2016-06-30"), region=region)
        assert mode.value == "income_or_unmet_within_margin"


def test_unknown_mode_value_is_an_error() -> None:
    """An unknown guarantee_mode is refused when the overlay loads, before any household."""
    with pytest.raises(ParameterError, match=r"guarantee_mode value from 2014-01-01: .*'whatever'"):
        with_overlay("52", "2014-01-01", identification__guarantee_mode="whatever")


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
    d = identify_household(household(per_capita="3000", guarantees=UNSAFE_HOUSE), on="2016-03-31")
    assert "BOOK2017-ch1-3-a" in {c.clause_id for c in d.reason("ID_GUARANTEE_UNMET").citations}


# --- local exclusion lists (几不评) ------------------------------------------------------------


def test_ankang_red_line_names_the_item_and_the_overlay() -> None:
    """安康“九条红线”: 家庭有私家车、大型农用车、工程机械 (overlay 6109, from 2017-05-03)."""
    car = Assets(vehicles=(Vehicle(kind=VehicleKind.PRIVATE_CAR, purchase_price="20000"),))
    d = identify_household(
        household(per_capita="1500", year=2016, county="610921", assets=car), on="2017-06-30"
    )
    assert d.outcome is Outcome.NOT_MET
    r = d.reason("ID_EXCLUDED_BY_LOCAL_LIST")
    assert "AK-2" in r.message_zh
    assert r.parameters[0].overlay == "6109"
