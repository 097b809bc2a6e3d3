"""classification.pathway: the 五个一批 pathways and the measures that fit each recorded cause.

Clauses: DECISION2015-4-b, DECISION2015-11-a, OLDAREAS2016-3.7-d, BOOK2017-ch5-3.1, BOOK2017-ch6-5
(safety net); BOOK2017-ch4-3.2, BOOK2017-ch6-0 (the five batches); DECISION2015-6-a (skills);
DECISION2015-9 (education); DECISION2015-10-b, BOOK2017-ch6-5.3-b (health); DECISION2015-16-a
(housing); BOOK2017-ch6-2.1-a, BOOK2017-ch6-2.1-b, BOOK2017-ch6-2.1-d (relocation);
BOOK2017-ch5-1.4-d, BOOK2017-ch10-1.2-e (by cause); BOOK2017-ch10-1.2-g/-h/-i/-j (the four
confirmed rows); BOOK2017-ch4-3.4 (the ten projects).
"""

from __future__ import annotations

from typing import Any

import pytest

import jingzhun as jz
from jingzhun.core.decisions import Decision
from jingzhun.domain.classification import Pathway, PlanCase
from jingzhun.rules.classification.pathway import household_pathway, proposal


def member(i: int, **kw: Any) -> jz.Member:
    return jz.Member(member_id=f"M{i}", **kw)


def case(*members: jz.Member, area: str | None = None, **kw: Any) -> PlanCase:
    household = jz.Household(household_id="H1", county_code="610999", members=members, **kw)
    return PlanCase(household=household, living_area=area)


def decide(c: PlanCase, on: str = "2017-06-30") -> Decision:
    return household_pathway(c, on=on)


def evidence(decision: Decision, code: str) -> list[dict[str, Any]]:
    return [{e.name: e.value for e in r.evidence} for r in decision.reasons if r.code == code]


def test_an_able_household_goes_production_and_employment() -> None:
    """DECISION2015-4-b: 产业扶持、转移就业 for those who can work."""
    d = decide(case(member(1, labour="skilled"), member(2, labour="lost")))
    pathways, _ = proposal(d)
    assert pathways == (Pathway.PRODUCTION_EMPLOYMENT,)
    assert d.outcome is jz.Outcome.MET


@pytest.mark.parametrize("labours", [("lost",), ("none", "lost"), ("weak",), ("weak", "none")])
def test_all_lost_or_partly_lost_go_to_the_safety_net(labours: tuple[str, ...]) -> None:
    """DECISION2015-4-b 其余完全或部分丧失劳动能力的贫困人口实行社保政策兜底; DECISION2015-11-a;
    OLDAREAS2016-3.7-d; BOOK2017-ch5-3.1; BOOK2017-ch6-5."""
    d = decide(case(*(member(i, labour=x) for i, x in enumerate(labours))))
    pathways, measures = proposal(d)
    assert Pathway.SAFETY_NET in pathways
    assert Pathway.PRODUCTION_EMPLOYMENT not in pathways
    assert "dibao" in measures
    (row,) = evidence(d, "PW_PATHWAY")
    assert "DECISION2015-11-a" in row["clauses"] and "BOOK2017-ch6-5" in row["clauses"]


def test_unknown_labour_is_not_guessed() -> None:
    """Unknown is not met: with no member known able, the labour question stays open."""
    d = decide(case(member(1), member(2, labour="lost")))
    assert "PW_LABOUR_UNKNOWN" in d.codes
    assert d.outcome is jz.Outcome.UNDETERMINED
    sized = jz.Household(household_id="H2", county_code="610999", declared_size=3)
    assert decide(PlanCase(household=sized)).outcome is jz.Outcome.UNDETERMINED


def test_unskilled_labourers_are_proposed_training() -> None:
    """DECISION2015-6-a 确保贫困家庭劳动力至少掌握一门致富技能."""
    d = decide(case(member(1, labour="ordinary")))
    assert "PW_SKILLS_TRAINING" in d.codes
    assert "training" in proposal(d)[1]
    assert "PW_SKILLS_TRAINING" not in decide(case(member(1, labour="skilled"))).codes


def test_students_and_ill_members_add_education_and_health() -> None:
    """DECISION2015-9 (education), DECISION2015-10-b (health)."""
    d = decide(
        case(
            member(1, labour="ordinary", health="serious_illness"),
            member(2, school="senior_secondary"),
        )
    )
    pathways, _ = proposal(d)
    assert Pathway.EDUCATION in pathways and Pathway.HEALTH in pathways


def test_dibao_households_are_in_medical_assistance() -> None:
    """BOOK2017-ch6-5.3-b 将低保家庭全部纳入医疗救助范围."""
    d = decide(case(member(1, labour="ordinary"), household_type="dibao"))
    assert Pathway.HEALTH in proposal(d)[0]
    (row,) = [r for r in evidence(d, "PW_PATHWAY") if r["pathway"] == "health"]
    assert "BOOK2017-ch6-5.3-b" in row["clauses"]


def test_unsafe_housing_gets_renovation() -> None:
    """DECISION2015-16-a 加快推进贫困地区农村危房改造 … 把建档立卡贫困户放在优先位置."""
    d = decide(case(member(1, labour="ordinary"), guarantees=jz.Guarantees(housing_safety=False)))
    assert "PW_HOUSING" in d.codes and "housing" in proposal(d)[1]
    unknown = decide(case(member(1, labour="ordinary")))
    assert "PW_HOUSING" not in unknown.codes


@pytest.mark.parametrize(
    "area", ["deep_mountain", "石山区", "desert", "alpine", "geological_hazard"]
)
def test_relocation_only_from_a_listed_area(area: str) -> None:
    """BOOK2017-ch6-2.1-a (the areas); BOOK2017-ch6-2.1-d (a proposal: 必须尊重群众意愿)."""
    d = decide(case(member(1, labour="ordinary"), area=area))
    assert Pathway.RELOCATION in proposal(d)[0]
    (row,) = [r for r in evidence(d, "PW_PATHWAY") if r["pathway"] == "relocation"]
    assert "BOOK2017-ch6-2.1-d" in row["clauses"]


@pytest.mark.parametrize("area", ["plain", "flood_storage", "disaster_reconstruction", "other"])
def test_no_relocation_from_an_excluded_area(area: str) -> None:
    """BOOK2017-ch6-2.1-b 平原地区、行蓄洪区、重大自然灾害恢复重建区 … 不作为易地扶贫搬迁对象."""
    d = decide(case(member(1, labour="ordinary"), area=area))
    assert Pathway.RELOCATION not in proposal(d)[0]
    assert "PW_RELOCATION_EXCLUDED" in d.codes


def test_no_area_recorded_means_relocation_not_judged() -> None:
    d = decide(case(member(1, labour="ordinary")))
    assert "PW_RELOCATION_NOT_JUDGED" in d.codes
    assert Pathway.RELOCATION not in proposal(d)[0]


@pytest.mark.parametrize(
    ("cause", "measure", "clause"),
    [
        ("schooling", "education", "BOOK2017-ch10-1.2-g"),
        ("illness", "medical", "BOOK2017-ch10-1.2-h"),
        ("lack_of_skills", "training", "BOOK2017-ch10-1.2-i"),
        ("lack_of_capital", "microcredit", "BOOK2017-ch10-1.2-j"),
    ],
)
def test_the_four_confirmed_cause_rows(cause: str, measure: str, clause: str) -> None:
    """BOOK2017-ch10-1.2-e: causes are told apart; each confirmed row with its clause."""
    d = decide(case(member(1, labour="ordinary"), main_cause=cause))
    (row,) = evidence(d, "PW_CAUSE_MEASURES")
    assert row["measures"] == measure
    assert row["clauses"] == clause
    assert row["row_status"] == "confirmed"


def test_measures_name_the_ten_projects() -> None:
    """BOOK2017-ch4-3.4: 扶贫小额信贷工程 delivers micro-credit."""
    d = decide(case(member(1, labour="ordinary"), main_cause="lack_of_capital"))
    (row,) = evidence(d, "PW_CAUSE_MEASURES")
    assert row["projects"] == "microcredit"


def test_interpretation_rows_say_so() -> None:
    """BOOK2017-ch5-1.4-d 针对 … 缺劳力等致贫因素: a row read from the 五个一批 sections."""
    d = decide(case(member(1, labour="ordinary"), main_cause="lack_of_labour"))
    (row,) = evidence(d, "PW_CAUSE_MEASURES")
    assert row["row_status"] == "interpretation"


def test_causes_outside_the_table_are_said_not_guessed() -> None:
    d = decide(case(member(1, labour="ordinary"), main_cause="marriage", other_causes=["other"]))
    assert d.codes.count("PW_CAUSE_NO_FIT") == 2
    assert "PW_CAUSE_MEASURES" not in d.codes
    assert "PW_NO_CAUSE" in decide(case(member(1, labour="ordinary"))).codes


def test_the_five_batches_are_five() -> None:
    """BOOK2017-ch4-3.2 and BOOK2017-ch6-0 name five batches; health is the decision's （十）."""
    assert sum(p.five_batches for p in Pathway) == 5
    assert not Pathway.HEALTH.five_batches
