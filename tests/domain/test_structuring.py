"""``to_dict`` / ``from_dict`` of every input model (core/structuring.py): round trips over the
sample data and built objects, JSON-ready output, the record schemas, and errors with paths."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jingzhun.domain
from jingzhun.core.bounds import RateFigure
from jingzhun.core.errors import InputError
from jingzhun.core.resources import load_json
from jingzhun.core.structuring import Structured, problems
from jingzhun.demo.assessment import sample_assessment_plan, sample_province_assessment
from jingzhun.demo.evaluation import sample_evaluation
from jingzhun.demo.registry import sample_county_registry
from jingzhun.demo.sample import sample_households, sample_registry, sample_villages
from jingzhun.domain.assessment import AssessmentCalendar, Indicator, StepRecord
from jingzhun.domain.cases import CountyList, DibaoReview, ExitedSubject, QuotaCase
from jingzhun.domain.classification import DibaoStandard, PlanCase
from jingzhun.domain.evaluation import CountyExitEvaluation
from jingzhun.domain.model import (
    County,
    CountyExitCase,
    Household,
    IncomeStatement,
    Member,
    ProcedureFile,
    ProcedureStep,
    Village,
)
from jingzhun.domain.responsibility import (
    AssistancePairing,
    CountyLeadership,
    MeetingLog,
    VisitLog,
    WorkingDaysLog,
)
from jingzhun.domain.support import HouseholdPlan
from jingzhun.io.assessment import load_assessment_case, load_plan_file
from jingzhun.io.county_registry import load_county_registry_text
from jingzhun.io.evaluation import load_evaluation_data
from jingzhun.io.loaders import load_households_text, load_registry_text, load_villages_text
from jingzhun.rules import catalogue
from responsibility_builders import responsibility_cases

# Frozen attrs classes of jingzhun.domain that are results, not inputs (no to_dict/from_dict).
OUTPUTS = {"Finding", "Summary", "PrecisionResult", "AuditReport", "Duty", "Invalid"}


def domain_classes() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(jingzhun.domain.__path__, "jingzhun.domain."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if attrs.has(obj) and obj.__module__ == info.name:
                found[obj.__qualname__] = obj
    return sorted(found.values(), key=lambda c: c.__name__)


INPUT_CLASSES = [c for c in domain_classes() if c.__name__ not in OUTPUTS] + [RateFigure]


def test_every_input_class_has_to_dict_and_from_dict() -> None:
    assert len(INPUT_CLASSES) >= 50
    missing = [c.__name__ for c in INPUT_CLASSES if not issubclass(c, Structured)]
    assert missing == []
    assert {c.__name__ for c in domain_classes()} >= OUTPUTS


# --- the sample objects ---------------------------------------------------------------------


def _write(tmp: Path, name: str, data: Any) -> Path:
    path = tmp / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _built() -> Iterator[Any]:
    """Objects of the classes the sample files do not hold."""
    head = Member(member_id="M1", relation="head", sex="female", birth_date="1960-02-29")
    household = Household(household_id="H1", county_code="520102", members=(head,))
    yield ProcedureFile(
        subject_id="H1",
        level="household",
        steps=(ProcedureStep(step="apply", first_day="2016-01-04", last_day="2016-01-10"),),
        region="520102",
    )
    exit_case = CountyExitCase(
        county=County(county_code="520102", name="南明区", key_county=True),
        rural_population=100_000,
        remaining_poor=1_500,
        incidence=RateFigure(numerator=1_500, denominator=100_000),
        approval=RateFigure(at_least=Decimal("0.9"), source="第三方评估"),
        steps=(ProcedureStep(step="county_apply", first_day="2018-05-02"),),
    )
    yield exit_case
    yield Indicator(name="人均纯收入", beyond_standard=False, binding=True)
    yield QuotaCase(households=(household,), quota=3)
    yield ExitedSubject(level="household", exited_on="2018-12-31", region="520102")
    spec = next(s for s in catalogue() if s.subject is Household)
    decision = spec.apply(household, on=dt.date(2018, 12, 31))
    yield ExitedSubject(level="household", exited_on="2018-12-31", exit_decision=decision)
    yield DibaoReview(kind="stable_income", last_review="2019-06-30")
    yield DibaoStandard(region="520102", year=2019, standard="4200.50")
    yield PlanCase(
        household=household,
        plan=HouseholdPlan(drawn_up_on="2016-03-01", measures=("industry",), target_year=2018),
        living_area="deep_mountain",
    )
    yield AssessmentCalendar(
        year=2017,
        steps=(StepRecord(step="summary", started_on="2018-01-02", completed_on="2018-01-20"),),
    )
    for subject in (
        MeetingLog,
        WorkingDaysLog,
        VisitLog,
        CountyLeadership,
        AssistancePairing,
    ):
        yield from (obj for obj, _on in responsibility_cases(subject))


def sample_objects(tmp: Path) -> list[Any]:
    households = sample_households()[::5]  # every fifth: all kinds, a few seconds at most
    out: list[Any] = list(load_households_text(json.dumps({"households": households})).records)
    registry = sample_registry([h["household_id"] for h in households[:40]])
    out += load_registry_text(json.dumps({"households": registry})).records
    villages = load_villages_text(json.dumps(sample_villages())).records
    out += villages
    out += [case.village for case in villages]
    county = load_county_registry_text(json.dumps(sample_county_registry())).registry
    out.append(county)
    evaluation = load_evaluation_data(sample_evaluation(120))
    out += [evaluation.case, evaluation.exit_case]
    if evaluation.case is not None:
        out.append(CountyExitEvaluation(evaluation=evaluation.case, exit_case=evaluation.exit_case))
        out.append(CountyList(counties=(evaluation.case.county,)))
    out.append(load_assessment_case(_write(tmp, "a.json", sample_province_assessment())))
    out.append(load_plan_file(_write(tmp, "p.json", sample_assessment_plan())))
    out += list(_built())
    return [o for o in out if o is not None]


@pytest.fixture(scope="module")
def objects(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    return sample_objects(tmp_path_factory.mktemp("structuring"))


def _classes_in(obj: object, seen: set[type]) -> None:
    kind = type(obj)
    if attrs.has(kind):
        seen.add(kind)
        for field in attrs.fields(kind):
            _classes_in(getattr(obj, field.name), seen)
    elif isinstance(obj, tuple | list | frozenset):
        for item in obj:
            _classes_in(item, seen)
    elif isinstance(obj, dict):
        for item in obj.values():
            _classes_in(item, seen)


def _json_ready(value: object) -> bool:
    if value is None or type(value) in (str, int, bool):
        return True
    if type(value) is list:
        return all(_json_ready(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _json_ready(v) for k, v in value.items())
    return False


def test_the_samples_cover_every_input_class(objects: list[Any]) -> None:
    seen: set[type] = set()
    for obj in objects:
        _classes_in(obj, seen)
    assert sorted(c.__name__ for c in set(INPUT_CLASSES) - seen) == []


def test_round_trip_over_the_samples(objects: list[Any]) -> None:
    for obj in objects:
        data = obj.to_dict()
        assert _json_ready(data), type(obj).__name__
        assert type(obj).from_dict(data) == obj
        assert type(obj).from_dict(json.loads(json.dumps(data))) == obj


def test_household_to_dict_is_a_household_record(objects: list[Any]) -> None:
    schema = load_json("schemas/household.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    households = [o for o in objects if type(o) is Household]
    records = [h.to_dict() for h in households]
    for record in records:
        validator.validate(record)
    loaded = load_households_text(json.dumps({"households": records}))
    assert loaded.errors == ()
    assert list(loaded.records) == households


def test_village_to_dict_is_a_village_record(objects: list[Any]) -> None:
    validator = jsonschema.Draft202012Validator(load_json("schemas/village.schema.json"))
    villages = [o for o in objects if type(o) is Village]
    for village in villages:
        validator.validate(village.to_dict())
    cases = [o for o in objects if type(o).__name__ == "VillageCase"]
    # The loader's flat record: the village's fields with its reference area beside them.
    records = [{**c.village.to_dict(), "reference": c.reference.to_dict()} for c in cases]
    for record in records:
        validator.validate(record)
    loaded = load_villages_text(json.dumps({"villages": records}))
    assert list(loaded.records) == cases


def test_to_dict_form() -> None:
    member = Member(member_id="M1", relation="head", sex="male", birth_date="1970-01-31")
    household = Household(
        household_id="H1",
        county_code="520102",
        members=(member,),
        income=IncomeStatement(wages="1000.50"),
        main_cause="illness",
        local_indicators={"b": True, "a": False},
    )
    assert household.to_dict() == {
        "household_id": "H1",
        "county_code": "520102",
        "members": [
            {"member_id": "M1", "relation": "head", "sex": "male", "birth_date": "1970-01-31"}
        ],
        "income": {"wages": "1000.50"},
        "main_cause": "illness",
        "local_indicators": {"a": False, "b": True},
    }


# --- built by hypothesis ----------------------------------------------------------------------

_money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
_text = st.text(min_size=1, max_size=8).filter(lambda s: s.strip() == s and s != "")
_day = st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2030, 12, 31))
_members = st.builds(
    Member,
    member_id=_text,
    relation=st.sampled_from(["head", "spouse", "child", "other"]),
    name=st.none() | _text,
    sex=st.none() | st.sampled_from(["male", "female"]),
    birth_date=st.none() | _day,
    disabled=st.booleans(),
)
_incomes = st.builds(IncomeStatement, wages=_money, business=_money, transfers=_money)
_households = st.builds(
    Household,
    household_id=_text,
    county_code=st.just("520102"),
    members=st.lists(_members, min_size=1, max_size=4).map(tuple),
    income=st.none() | _incomes,
    reported_per_capita_income=st.none() | _money,
    main_cause=st.none() | st.sampled_from(["illness", "disability", "marriage"]),
    measures=st.lists(_text, max_size=2).map(tuple),
    identified_on=st.none() | _day,
    local_indicators=st.dictionaries(_text, st.booleans(), max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(_households)
def test_round_trip_of_built_households(household: Household) -> None:
    data = household.to_dict()
    assert _json_ready(data)
    assert Household.from_dict(json.loads(json.dumps(data))) == household


@settings(max_examples=40, deadline=None)
@given(
    st.builds(
        RateFigure,
        numerator=st.integers(0, 10),
        denominator=st.integers(10, 20),
        source=st.none() | _text,
    )
    | st.builds(RateFigure, value=st.decimals(0, 1, places=4))
    | st.builds(RateFigure, below=st.decimals(0, 1, places=3), source=_text)
)
def test_round_trip_of_built_rates(rate: RateFigure) -> None:
    assert RateFigure.from_dict(json.loads(json.dumps(rate.to_dict()))) == rate


# --- errors -----------------------------------------------------------------------------------


def _paths(data: Any, cls: type) -> list[str]:
    found = problems(data, cls)
    assert isinstance(found, list), found
    return [path for path, _message in found]


def test_every_problem_is_named_by_its_path() -> None:
    data = {
        "household_id": 7,
        "county_code": "520102",
        "members": [{"member_id": "M1"}, {"member_id": "M2", "sex": "x", "disabled": 1}],
        "income": {"wages": "a lot"},
        "identified_on": "2016/01/04",
        "surprise": True,
    }
    with pytest.raises(InputError) as caught:
        Household.from_dict(data)
    message = str(caught.value)
    for path in (
        "/household_id",
        "/members/1/sex",
        "/members/1/disabled",
        "/income/wages",
        "/identified_on",
    ):
        assert f"  {path}: " in message
    assert "unknown key(s): surprise" in message
    assert [e.path for e in caught.value.errors] == sorted(
        [
            "/",
            "/household_id",
            "/identified_on",
            "/income/wages",
            "/members/1/disabled",
            "/members/1/sex",
        ]
    )


def test_missing_fields_and_cross_field_checks() -> None:
    assert _paths({"county_code": "520102", "declared_size": 2}, Household) == ["/household_id"]
    # a check across fields of a nested object is named by the object's path
    bad_step = {"step": "apply", "first_day": "2016-02-01", "last_day": "2016-01-01"}
    record = {"household_id": "H", "county_code": "520102", "declared_size": 1}
    found = problems({**record, "exit_steps": [bad_step]}, Household)
    assert isinstance(found, list)
    assert found[0][0] == "/exit_steps/0"
    assert "before the first day" in found[0][1]
    # and at the top level by "/"
    assert _paths({"household_id": "H", "county_code": "520102"}, Household) == ["/"]


@pytest.mark.parametrize(
    ("value", "ok"),
    [("4200.50", True), (4200, True), (4200.5, True), (True, False), ("x", False), ("NaN", False)],
)
def test_money_is_read_strictly(value: object, ok: bool) -> None:
    found = problems({"wages": value}, IncomeStatement)
    assert isinstance(found, IncomeStatement) is ok
    if ok:
        assert isinstance(found, IncomeStatement)
        assert found.wages == Decimal(str(value))


def test_vocabulary_is_read_by_code_only() -> None:
    assert Member.from_dict({"member_id": "M", "sex": "female"}).sex is not None
    assert _paths({"member_id": "M", "sex": "女"}, Member) == ["/sex"]
    assert _paths("not an object", Member) == ["/"]
