"""``jingzhun plan`` (classification.plan): a proposal per household and the plan on file checked.

Clauses: DECISION2015-4-d 根据致贫原因和脱贫需求，对贫困人口实行分类扶持;
BOOK2017-ch6-5.1-a 应保尽保.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import jingzhun as jz
from jingzhun.cli import main
from jingzhun.core.resources import load_json
from jingzhun.domain.classification import PlanCase, PlanVerdict
from jingzhun.domain.support import HouseholdPlan
from jingzhun.io.kinds import record_kind
from jingzhun.rules import commands
from jingzhun.rules.classification.plan import household_plan, plan_details

RECORDS: list[dict[str, Any]] = [
    {
        "household_id": "H1",
        "county_code": "610999",
        "main_cause": "因病",
        "members": [{"member_id": "M1", "labour": "ordinary"}],
        "plan": {"measures": ["tourism"]},
    },
    {
        "household_id": "H2",
        "county_code": "610999",
        "main_cause": "缺资金",
        "members": [{"member_id": "M1", "labour": "ordinary"}],
        "plan": {"measures": ["小额信贷"], "drawn_up_on": "2016-03-01"},
        "living_area": "深山区",
    },
    {
        "household_id": "H3",
        "county_code": "610999",
        "main_cause": "illness",
        "members": [{"member_id": "M1", "labour": "lost"}],
    },
]


def test_plan_is_a_catalogue_command_over_plan_cases() -> None:
    spec = commands()[("plan",)]
    assert spec.id == "classification.plan"
    assert record_kind(spec.subject).schema == "plan_case.schema.json"


def test_planted_plan_addressing_no_cause_is_flagged() -> None:
    """DECISION2015-4-d: the proposal by cause; a plan on file that fits no cause is flagged."""
    cases = [record_kind(PlanCase).convert(r, None) for r in RECORDS]
    verdicts = [plan_details(c, household_plan(c, on="2017-06-30"))["plan"] for c in cases]
    assert verdicts == ["addresses_no_cause", "fits", "not_judged"]


def test_clean_plans_are_not_flagged() -> None:
    household = jz.Household(
        household_id="H1",
        county_code="610999",
        main_cause="illness",
        members=[jz.Member(member_id="M1", labour="ordinary")],
    )
    d = household_plan(
        PlanCase(household=household, plan=HouseholdPlan(measures=("medical",))), on="2017-06-30"
    )
    assert d.outcome is jz.Outcome.MET
    assert d.codes == ("PLAN_PROPOSED", "PLAN_FITS")
    assert [b.rule for b in d.basis] == [
        "classification.pathway",
        "classification.plan_check",
        "classification.dibao_coverage",
    ]


def test_dibao_gap_fails_the_plan() -> None:
    """BOOK2017-ch6-5.1-a 坚持应保尽保."""
    case = record_kind(PlanCase).convert(RECORDS[2], None)
    d = household_plan(case, on="2017-06-30")
    assert "PLAN_DIBAO_NOT_COVERED" in d.codes
    assert d.outcome is jz.Outcome.NOT_MET
    assert plan_details(case, d)["measures"] == ["dibao", "destitute", "medical"]


def test_a_record_the_pathway_cannot_read_says_so() -> None:
    case = PlanCase(household=jz.Household(household_id="H", county_code="610999", declared_size=2))
    d = household_plan(case, on="2017-06-30")
    assert d.codes == ("PLAN_NOT_PROPOSED", "PLAN_NOT_JUDGED")
    assert d.outcome is jz.Outcome.UNDETERMINED


def test_plan_command_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "households.json"
    path.write_text(json.dumps({"households": RECORDS}, ensure_ascii=False), encoding="utf-8")
    code = main(["plan", str(path), "--on", "2017-06-30", "--format", "jsonl"])
    out = capsys.readouterr().out
    rows = [json.loads(line)["details"] for line in out.splitlines()]
    assert code == 0
    assert [r["plan"] for r in rows] == ["addresses_no_cause", "fits", "not_judged"]
    assert rows[1]["pathways"] == ["production_employment", "relocation"]
    assert rows[1]["measures"] == ["training", "relocation", "microcredit"]
    assert "BOOK2017-ch10-1.2-j" in rows[1]["clauses"]
    assert "BOOK2017-ch6-2.1-d" in rows[1]["clauses"]


def test_plan_command_table_tally(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "households.json"
    path.write_text(json.dumps(RECORDS, ensure_ascii=False), encoding="utf-8")
    assert main(["plan", str(path), "--on", "2017-06-30"]) == 0
    out = capsys.readouterr().out
    for label in PlanVerdict:
        assert f"{label.zh} {label.en}: 1" in out


def test_bad_plan_fields_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = {
        "household_id": "H9",
        "county_code": "610999",
        "declared_size": 1,
        "plan": {"measures": ["nonsense"], "target_year": 1900},
        "living_area": "moon",
    }
    path = tmp_path / "households.json"
    path.write_text(json.dumps([bad]), encoding="utf-8")
    assert main(["plan", str(path), "--on", "2017-06-30"]) == 2
    err = capsys.readouterr().err
    assert "/plan/target_year" in err
    bad["plan"] = {"measures": ["nonsense"]}
    path.write_text(json.dumps([bad]), encoding="utf-8")
    assert main(["plan", str(path), "--on", "2017-06-30"]) == 2
    err = capsys.readouterr().err
    assert "/living_area" in err and "/plan/measures/0" in err


def test_plan_case_schema_is_the_household_schema_plus_two_fields() -> None:
    """No drift: every household field and definition is accepted as in household.schema."""
    household = load_json("schemas", "household.schema.json")
    plan = load_json("schemas", "plan_case.schema.json")
    assert set(plan["properties"]) - set(household["properties"]) == {"plan", "living_area"}
    for key, value in household["properties"].items():
        assert plan["properties"][key] == value, key
    for key in ("$defs", "required", "anyOf", "additionalProperties", "type"):
        assert plan[key] == household[key], key
