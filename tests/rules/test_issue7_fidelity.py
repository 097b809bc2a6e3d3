"""Issue 7 (fidelity corrections), items 1, 5 and 13: identification and the income line.

Item 1 — BOOK2017-ch5-end-b, 《精准扶贫精准脱贫》第五章末段: 对贫困人口按照收入低于国家扶贫标准，
综合考虑“两不愁三保障”情况进行识别. Income below the line is the criterion; the guarantees are
a consideration, so the national default may not identify a household whatever its income,
and never identifies one whose income is unknown.

Item 5 — BOOK2017-ch5-end-b (低于) and EXIT2016-3.1-b (超过): the per-capita income is
compared exactly (net against line × size), not after rounding to the fen.

Item 13 — BOOK2017-ch5-end-a (2014年开始，在全国开展建档立卡工作) with BOOK2017-ch5-end-c:
a village before 2014 is undetermined, as a household is.
"""

from __future__ import annotations

from builders import household
from jingzhun import (
    Guarantees,
    Household,
    IncomeStatement,
    Outcome,
    ParameterSet,
    ReferenceArea,
    Village,
    household_exit,
    identify_household,
    identify_village,
)

DROPOUT = Guarantees(
    food=True,
    clothing=True,
    compulsory_education=False,
    basic_medical_care=True,
    housing_safety=True,
)


def _three_persons(net: str, *, year: int = 2016, **extra: object) -> Household:
    return Household(
        household_id="H3",
        county_code="522701",
        declared_size=3,
        income_year=year,
        income=IncomeStatement(wages=net),
        guarantees=Guarantees.all_met(),
        **extra,  # type: ignore[arg-type]
    )


def test_book2017_ch5_end_b_rich_household_with_a_dropout_is_not_identified() -> None:
    """BOOK2017-ch5-end-b: 50,000 yuan per head is far above the line; a dropout child does
    not make the household poor under the national default."""
    d = identify_household(household(per_capita="50000", guarantees=DROPOUT), on="2016-03-31")
    assert d.outcome is Outcome.NOT_MET
    assert "ID_GUARANTEE_UNMET_INCOME_TOO_HIGH" in d.codes


def test_book2017_ch5_end_b_unknown_income_is_never_met() -> None:
    """BOOK2017-ch5-end-b: no income figures and an unmet guarantee: 无法判定, not 符合."""
    d = identify_household(household(per_capita=None, guarantees=DROPOUT), on="2016-03-31")
    assert d.outcome is Outcome.UNDETERMINED
    assert "ID_INCOME_MISSING" in d.codes


def test_book2017_ch5_end_b_national_default_is_the_bounded_reading() -> None:
    """BOOK2017-ch5-end-b: the national value is income_or_unmet_within_margin, the other
    readings are recorded as its alternatives."""
    d = identify_household(household(per_capita="3000", guarantees=DROPOUT), on="2016-03-31")
    mode = d.reason("ID_GUARANTEE_UNMET").parameters[0]
    assert (mode.name, mode.value) == (
        "identification.guarantee_mode",
        "income_or_unmet_within_margin",
    )
    assert {a.value for a in mode.alternatives} == {"income_only", "income_or_unmet_guarantee"}
    margin = d.reason("ID_GUARANTEE_UNMET").parameters[-1]
    assert (margin.name, margin.status) == ("identification.guarantee_margin", "unconfirmed")


# --- item 5: exact comparison with the line -----------------------------------------------


def test_book2017_ch5_end_b_8855_99_for_three_persons_is_below_2952() -> None:
    """BOOK2017-ch5-end-b: 8855.99 / 3 = 2951.9967 is 低于 the 2016 line of 2952, although it
    shows as 2952.00."""
    d = identify_household(_three_persons("8855.99"), on="2017-03-31")
    assert d.outcome is Outcome.MET
    r = d.reason("ID_INCOME_BELOW_LINE")
    assert {e.name: e.value for e in r.evidence}["per_capita_net_income"] == "2952.00"


def test_exit2016_3_1_b_8856_01_for_three_persons_exceeds_2952() -> None:
    """EXIT2016-3.1-b: 8856.01 / 3 = 2952.0033 超过 the 2016 line, although it shows as
    2952.00."""
    h = _three_persons("8856.01", stable_income_source=True)
    d = household_exit(h, on="2016-12-31")
    assert "HX_INCOME_ABOVE_LINE" in d.codes


# --- item 13: village identification before 2014 ------------------------------------------

PROVINCE = ReferenceArea(
    code="52",
    level="province",
    poverty_incidence="0.10",
    average_per_capita_income="5000",
    year=2012,
)


def test_book2017_ch5_end_a_village_before_2014_is_undetermined() -> None:
    """BOOK2017-ch5-end-a / BOOK2017-ch5-end-c: before 2014 the standard is not in force."""
    v = Village(
        village_id="V1",
        county_code="522701",
        rural_population=1000,
        poor_population=300,
        per_capita_net_income="2000",
        income_year=2012,
        collective_income="0",
    )
    d = identify_village(v, reference=PROVINCE, on="2013-06-30", params=ParameterSet.bundled())
    assert d.outcome is Outcome.UNDETERMINED
    assert d.codes == ("ID_BEFORE_NATIONAL_REGISTRY",)
