"""The six-precisions clauses assigned to the 扶持对象精准 and 脱贫成效精准 audits are each
implemented by a rule or explained in data/clause_status (issue 9)."""

from __future__ import annotations

import pytest

import jingzhun as jz
from jingzhun.domain.audit import SixPrecision

BENEFICIARIES = (
    "DECISION2015-4-a",  # the six precisions named (collectively; listed here)
    "BOOK2017-ch4-3.3-b",  # 扶持对象精准…解决“扶持谁”的问题
    "MECH2014-1.2-b",  # 县为单位、规模控制、分级负责、精准识别、动态管理
    "THREEYEAR2018-7.1-b",  # 剔除不合条件的人口，及时纳入…遗漏在外的贫困人口
)
EXIT_OUTCOMES = (
    "BOOK2017-ch4-3.3-f",  # 脱贫成效精准…解决“如何退”的问题
    "EXIT2016-3.1-b",
    "EXIT2016-3.1-c",
    "EXIT2016-3.2-b",
    "EXIT2016-3.2-c",
    "THREEYEAR2018-7.2-a",
    "THREEYEAR2018-7.1-a",
    "EXIT2016-2.1-a",
    "BOOK2017-ch5-1.1-h",
    "BOOK2017-ch10-2.3",
)
EXPLAINED = ("BOOK2017-ch4-3.3-a", "BOOK2017-ch5-1-a")


def clauses_of(rule_id: str) -> tuple[str, ...]:
    return next(r.clauses for r in jz.catalogue() if r.id == rule_id)


@pytest.mark.parametrize("clause_id", BENEFICIARIES)
def test_beneficiaries_implements(clause_id: str) -> None:
    assert clause_id in clauses_of("precision.beneficiaries")


@pytest.mark.parametrize("clause_id", EXIT_OUTCOMES)
def test_exit_outcomes_implements(clause_id: str) -> None:
    assert clause_id in clauses_of("precision.exit_outcomes")


@pytest.mark.parametrize("clause_id", EXPLAINED)
def test_enumerations_are_explained(clause_id: str) -> None:
    """BOOK2017-ch4-3.3-a, BOOK2017-ch5-1-a: the enumeration, implemented by SixPrecision."""
    why = jz.clause_status()[clause_id]["why"]
    assert len(why) > 40 and "SixPrecision" in why
    assert [p.value for p in SixPrecision][0::5] == ["beneficiaries", "exit_outcomes"]


def test_every_assigned_clause_is_a_real_clause() -> None:
    for clause_id in (*BENEFICIARIES, *EXIT_OUTCOMES, *EXPLAINED):
        assert jz.clause(clause_id).topic in {
            "six-precisions",
            "identification",
            "exit",
            "dynamic-management",
        }
