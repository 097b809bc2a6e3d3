"""Each rule is declared once, by its RuleSpec, and the declaration is held to the code.

One call shape (``rule(case, *, on, params=None) -> Decision``), codes created through the
spec (a rule cannot emit an undeclared code), declared parameters that exist and are the
only ones a rule reads, a record kind for every rule offered on the command line.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

import jingzhun as jz
from builders import household
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.decisions import Effect
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.demo.evaluation import sample_evaluation
from jingzhun.demo.sample import sample_households, sample_registry, sample_villages
from jingzhun.domain.classification import DibaoStandard, PlanCase
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.evaluation import CountyExitEvaluation, EvaluationCase
from jingzhun.domain.support import HouseholdPlan
from jingzhun.io.evaluation import load_evaluation_data
from jingzhun.io.kinds import has_record_kind
from jingzhun.io.loaders import load_registry_text
from jingzhun.rules import catalogue, commands, rule
from responsibility_builders import responsibility_cases
from village_builders import village_cases

SPECS = catalogue()


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_rule_has_the_one_call_shape(spec: RuleSpec) -> None:
    params = list(inspect.signature(spec.rule).parameters.values())
    assert params[0].kind in (params[0].POSITIONAL_ONLY, params[0].POSITIONAL_OR_KEYWORD)
    rest = {p.name: p for p in params[1:]}
    assert rest["on"].kind is inspect.Parameter.KEYWORD_ONLY
    assert rest["params"].kind is inspect.Parameter.KEYWORD_ONLY and rest["params"].default is None
    extra = set(rest) - {"on", "params"}
    assert extra <= {o.name for o in spec.options} | {"region"}, extra
    assert all(rest[name].default is not inspect.Parameter.empty for name in extra)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_declared_parameters_exist_and_clauses_resolve(spec: RuleSpec) -> None:
    names = set(ParameterSet.bundled().names())
    assert set(spec.parameters) <= names, set(spec.parameters) - names
    assert spec.question_zh and spec.question_en and spec.title_zh and spec.title_en
    assert spec.reason_codes, spec.id


def test_every_command_rule_has_a_record_kind() -> None:
    for path, spec in commands().items():
        assert has_record_kind(spec.subject), (path, spec.id)


def test_a_rule_cannot_emit_an_undeclared_code() -> None:
    spec = rule("identification.county")
    foreign = rule("exit.county").reason_codes[0]
    with pytest.raises(ValueError, match="undeclared reason code"):
        spec.decide("X", jz.as_date("2016-01-01"), (foreign(Effect.NOTE),))


def test_a_rule_is_declared_once() -> None:
    spec = rule("identification.county")
    with pytest.raises(ValueError, match="two implementations"):
        spec.implementation(spec.rule)
    with pytest.raises(ValueError, match="declared twice"):
        spec.code(spec.reason_codes[0].code, zh="x", en="x")


class Recording:
    """A parameter set that notes every parameter a rule reads."""

    def __init__(self) -> None:
        self.base = ParameterSet.bundled()
        self.read: set[str] = set()

    def resolve(self, name: str, **kwargs: Any) -> ResolvedParameter:
        self.read.add(name)
        return self.base.resolve(name, **kwargs)


def _assessment_cases(subject: type) -> Iterator[tuple[Any, str]]:
    from jingzhun.domain import assessment as a

    if subject is a.AssessmentCase:
        for year in (2015, 2017, 2019):
            for rate in ("0.5", "0.99"):
                yield a.AssessmentCase(province="52", year=year, satisfaction=rate), f"{year}-12-31"
    elif subject is a.AssessmentCalendar:
        step = {"step": "summary", "started_on": "2016-11-01", "completed_on": "2017-03-05"}
        yield a.AssessmentCalendar(year=2016, steps=[step]), "2017-02-28"
    else:
        events = [
            a.PlanEvent(
                event_id=f"e{n}",
                kind="third_party_evaluation",
                level="city",
                start="2019-01-01",
                end="2019-01-02",
                county="1",
            )
            for n in (1, 2)
        ]
        yield a.AssessmentPlan(plan_id="P", region="52", year=2019, events=events), "2019-12-31"


def _cases(spec: RuleSpec) -> Iterator[tuple[Any, str]]:
    from jingzhun.io.kinds import record_kind

    if spec.subject is jz.Household:
        for raw in sample_households()[:300]:
            yield record_kind(jz.Household).convert(raw, None), "2017-12-31"
    elif spec.subject is jz.RegistryEntry:
        text = json.dumps({"households": sample_registry([])[:300]}, ensure_ascii=False)
        for entry in load_registry_text(text).records:
            yield entry, "2017-12-31"
    elif spec.subject in (jz.VillageCase, jz.Village):
        raw = sample_villages()
        for v in raw["villages"]:
            yield record_kind(spec.subject).convert(v, raw.get("reference")), "2017-12-31"
    elif spec.subject is jz.QuotaCase:
        yield jz.QuotaCase(households=[household(per_capita="2000")], quota=1), "2016-03-31"
    elif spec.subject is jz.County:
        yield jz.County(county_code="522701", key_county=True), "2016-01-01"
    elif spec.subject is jz.CountyList:
        yield jz.CountyList(counties=[jz.County(county_code="522701")]), "2016-01-01"
    elif spec.subject is jz.CountyExitCase:
        county = jz.County(county_code="520000", key_county=True)
        for on in ("2016-06-30", "2018-08-31"):
            yield jz.CountyExitCase(county=county, rural_population=100, remaining_poor=1), on
    elif spec.subject is jz.ProcedureFile:
        step = jz.ProcedureStep(step="application", first_day="2014-05-01")
        for level in ("household", "village"):
            yield jz.ProcedureFile(subject_id="H1", level=level, steps=[step]), "2014-12-31"
    elif spec.subject is jz.ExitedSubject:
        yield jz.ExitedSubject(level="county", exited_on="2017-12-31"), "2018-06-30"
    elif spec.subject is jz.DibaoReview:
        yield jz.DibaoReview(kind="stable_income", last_review="2017-01-31"), "2017-08-01"
    elif spec.subject is CountyRegistry:
        text = json.dumps({"households": sample_registry([])[:300]}, ensure_ascii=False)
        files = [HouseholdFile(entry=e) for e in load_registry_text(text).records]
        registry = CountyRegistry(county=jz.County(county_code="610999"), households=files)
        yield registry, "2017-12-31"
    elif spec.subject is VillageRecord:
        for record in village_cases():
            yield record, "2018-12-31"
    elif spec.subject is PlanCase:
        areas = ("deep_mountain", "plain", None)
        for i, raw in enumerate(sample_households()[:300]):
            case = record_kind(PlanCase).convert(raw, None)
            plan = HouseholdPlan(measures=("industry",)) if i % 2 else None
            yield (
                PlanCase(household=case.household, plan=plan, living_area=areas[i % 3]),
                ("2017-12-31"),
            )
    elif spec.subject is DibaoStandard:
        for year in (2017, 2020):
            yield DibaoStandard(region="52", year=year, standard="3000"), "2021-01-01"
    elif spec.subject.__module__ == "jingzhun.domain.responsibility":
        yield from responsibility_cases(spec.subject)
    elif spec.subject in (EvaluationCase, CountyExitEvaluation):
        evaluation = load_evaluation_data(sample_evaluation(120)).case
        assert evaluation is not None
        for on in ("2016-03-01", "2017-06-30", "2018-02-28"):
            if spec.subject is EvaluationCase:
                yield evaluation, on
            else:
                yield CountyExitEvaluation(evaluation=evaluation), on
    elif spec.subject.__module__ == "jingzhun.domain.assessment":
        yield from _assessment_cases(spec.subject)
    else:
        raise AssertionError(f"add sample cases for {spec.subject.__name__}")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_a_rule_reads_only_its_declared_parameters(spec: RuleSpec) -> None:
    recording = Recording()
    for case, on in _cases(spec):
        spec.apply(case, on=on, params=recording)
    allowed = set(spec.parameters).union(*(rule(c).parameters for c in spec.composes))
    assert recording.read <= allowed, recording.read - allowed


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_english_text_has_no_untranslated_chinese(spec: RuleSpec) -> None:
    """Bilingual: a rule's English title, question and message templates are English; a
    Chinese term may stand only in parentheses, as a gloss of the English before it.
    (Values put into the templates are issue 11's, with ``--lang``.)"""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for text in (spec.title_en, spec.question_en, *(rc.en for rc in spec.reason_codes)):
        outside = re.sub(r"\([^)]*\)", "", text)
        assert not cjk.search(outside), text
