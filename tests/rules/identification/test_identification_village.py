"""Village identification — 《精准扶贫精准脱贫》第五章末段 (BOOK2017-ch5-end-c): 贫困发生率高于全省
贫困发生率一倍以上、农民人均纯收入低于全省平均水平60%、没有集体经济收入.

The threshold verdicts are case files in ``cases/village.yaml``; what stays here checks the
overlay a decision names, the division hierarchy (prefecture codes a record's reference cannot
carry) and the validators.
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
