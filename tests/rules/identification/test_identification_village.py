"""Village identification — 《精准扶贫精准脱贫》第五章末段 (BOOK2017-ch5-end-c): 贫困发生率高于全省
贫困发生率一倍以上、农民人均纯收入低于全省平均水平60%、没有集体经济收入.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from jingzhun import Outcome, ReferenceArea, Village, identify_village, poverty_incidence

# Province: incidence 10%, average income 5000 → limits 20% and 3000 yuan.
PROVINCE = ReferenceArea(
    code="52",
    level="province",
    poverty_incidence="0.10",
    average_per_capita_income="5000",
    year=2013,
)


def village(
    poor: int = 300,
    rural: int = 1000,
    income: str = "2500",
    collective: str | None = "0",
    county: str = "522701",
) -> Village:
    return Village(
        village_id="V1",
        county_code=county,
        rural_population=rural,
        poor_population=poor,
        per_capita_net_income=income,
        income_year=2013,
        collective_income=collective,
    )


def test_village_incidence_exactly_twice_the_province_qualifies() -> None:
    """一倍以上: 以上 includes exactly 2× (20.00% against 10%)."""
    d = identify_village(village(poor=200), reference=PROVINCE, on="2014-06-30")
    assert d.outcome is Outcome.MET
    assert d.codes[0] == "VID_INCIDENCE_HIGH"


def test_village_incidence_one_person_below_twice_does_not_qualify() -> None:
    d = identify_village(village(poor=199), reference=PROVINCE, on="2014-06-30")
    assert d.outcome is Outcome.NOT_MET
    assert d.codes[0] == "VID_INCIDENCE_NOT_HIGH"


def test_village_incidence_comparison_is_exact_not_rounded() -> None:
    """200/1001 = 19.98…% is below 20% even though it prints close to it."""
    d = identify_village(village(poor=200, rural=1001), reference=PROVINCE, on="2014-06-30")
    assert d.codes[0] == "VID_INCIDENCE_NOT_HIGH"


def test_village_income_exactly_60_percent_does_not_qualify() -> None:
    """低于…60%: 低于 excludes the number — 3000.00 of 5000 is not below."""
    d = identify_village(village(income="3000"), reference=PROVINCE, on="2014-06-30")
    assert d.outcome is Outcome.NOT_MET
    assert "VID_INCOME_NOT_LOW" in d.codes


def test_village_income_one_fen_below_60_percent_qualifies() -> None:
    d = identify_village(village(income="2999.99"), reference=PROVINCE, on="2014-06-30")
    assert d.outcome is Outcome.MET


def test_village_with_collective_income_does_not_qualify() -> None:
    d = identify_village(village(collective="1"), reference=PROVINCE, on="2014-06-30")
    assert d.outcome is Outcome.NOT_MET
    assert "VID_HAS_COLLECTIVE_INCOME" in d.codes


def test_village_missing_collective_income_is_undetermined() -> None:
    d = identify_village(village(collective=None), reference=PROVINCE, on="2014-06-30")
    assert d.outcome is Outcome.UNDETERMINED


def test_xinjiang_overlay_drops_the_no_collective_income_condition() -> None:
    """新疆 used only 一高一低 (乌什县 page): overlay 65 drops require_no_collective_income."""
    xj = ReferenceArea(
        code="65",
        level="province",
        poverty_incidence="0.10",
        average_per_capita_income="5000",
        year=2013,
    )
    d = identify_village(
        village(collective="50000", county="652927"), reference=xj, on="2014-06-30"
    )
    assert d.outcome is Outcome.MET
    note = d.reason("VID_COLLECTIVE_INCOME_NOT_REQUIRED")
    assert note.parameters[0].overlay == "65"


def test_village_reference_level_must_match_parameter() -> None:
    county_ref = ReferenceArea(
        code="522701",
        level="county",
        poverty_incidence="0.10",
        average_per_capita_income="5000",
        year=2013,
    )
    d = identify_village(village(), reference=county_ref, on="2014-06-30")
    assert d.outcome is Outcome.UNDETERMINED
    assert "VID_REFERENCE_LEVEL_MISMATCH" in d.codes


def test_village_reference_must_contain_the_village() -> None:
    other = ReferenceArea(
        code="53",
        level="province",
        poverty_incidence="0.10",
        average_per_capita_income="5000",
        year=2013,
    )
    d = identify_village(village(), reference=other, on="2014-06-30")
    assert "VID_REFERENCE_DOES_NOT_CONTAIN_VILLAGE" in d.codes


def test_poverty_incidence_is_exact() -> None:
    assert poverty_incidence(1, 3) == Decimal(1) / Decimal(3)
    with pytest.raises(ValueError, match="positive"):
        poverty_incidence(0, 0)


def test_village_poor_exceeding_population_is_rejected() -> None:
    with pytest.raises(ValueError, match="exceeds"):
        village(poor=2000, rural=1000)


def test_reference_incidence_must_be_a_fraction() -> None:
    with pytest.raises(ValueError, match="fraction"):
        ReferenceArea(
            code="52",
            level="province",
            poverty_incidence="12.5",
            average_per_capita_income="5000",
            year=2013,
        )


@pytest.mark.parametrize(
    ("ref_code", "county", "inside"),
    [
        ("500000", "510101", False),
        ("500000", "500101", True),
        ("130110", "130111", False),
        ("130110", "130110", True),
        ("5227", "522701", True),
        ("522700", "522701", True),
    ],
)
def test_reference_containment_uses_the_division_hierarchy(
    ref_code: str, county: str, inside: bool
) -> None:
    level = "county" if len(ref_code) == 6 and not ref_code.endswith("00") else "province"
    ref = ReferenceArea(
        code=ref_code,
        level=level,
        poverty_incidence="0.10",
        average_per_capita_income="5000",
        year=2013,
    )
    d = identify_village(village(county=county), reference=ref, on="2014-06-30")
    assert ("VID_REFERENCE_DOES_NOT_CONTAIN_VILLAGE" not in d.codes) is inside
