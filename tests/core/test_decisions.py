"""Decisions: equality by content, versioned JSON that validates against its schema, round trip."""

from __future__ import annotations

import json

import attrs
import jsonschema
import pytest

from builders import household, with_overlay
from jingzhun import Decision, Outcome, identify_household
from jingzhun.core.errors import InputError
from jingzhun.core.resources import load_json
from jingzhun.demo.sample import sample_households


def schema_validator() -> jsonschema.protocols.Validator:
    schema = load_json("schemas", "decision.schema.json")
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_decision_json_validates_against_its_schema() -> None:
    from jingzhun import load_households_text

    loaded = load_households_text(json.dumps(sample_households()[:200]))
    v = schema_validator()
    for h in loaded.records:
        errors = list(v.iter_errors(identify_household(h, on="2017-06-30").to_dict()))
        assert not errors, errors[0].message


def test_decision_round_trips_through_json() -> None:
    d = identify_household(household(per_capita="2000"), on="2016-03-31")
    again = Decision.from_json(d.to_json())
    assert again == d
    assert hash(json.dumps(again.to_dict(), sort_keys=True)) == hash(
        json.dumps(d.to_dict(), sort_keys=True)
    )


def test_equal_content_means_equal_decisions() -> None:
    a = identify_household(household(per_capita="2000"), on="2016-03-31")
    b = identify_household(household(per_capita="2000"), on="2016-03-31")
    assert a == b
    c = identify_household(household(per_capita="2001"), on="2016-03-31")
    assert a != c


def test_every_reason_has_code_messages_and_citation() -> None:
    d = identify_household(household(per_capita="2000"), on="2016-03-31")
    for r in d.reasons:
        assert r.code.isupper() and r.message_zh and r.message_en
        assert r.citations
    assert d.outcome is Outcome.MET


def test_unknown_schema_version_is_refused() -> None:
    d = identify_household(household(per_capita="2000"), on="2016-03-31").to_dict()
    d["schema_version"] = 99
    with pytest.raises(InputError, match="schema_version"):
        Decision.from_dict(d)


def test_fast_json_equals_plain_json_dump() -> None:
    from jingzhun import load_households_text

    for h in load_households_text(json.dumps(sample_households()[:300])).records:
        d = identify_household(h, on="2017-06-30")
        assert d.to_json() == json.dumps(d.to_dict(), ensure_ascii=False)
        assert json.loads(d.to_json(indent=1)) == d.to_dict()


def _adjustment() -> Decision:
    from jingzhun import RegistryEntry, RegistryStatus, adjust_household

    entry = RegistryEntry(
        household=household(per_capita="5000", year=2017, stable_income_source=True),
        status=RegistryStatus.POOR,
    )
    return adjust_household(entry, on="2017-12-31")


def test_composed_decision_keeps_its_basis_whole() -> None:
    """《精准扶贫精准脱贫》第五章末段 (BOOK2017-ch5-end-d): the yearly adjustment rests on the
    exit decision; schema v2 (and v3) keeps that decision whole in ``basis``, not copied reasons."""
    d = _adjustment()
    assert d.codes == ("ADJ_EXIT",)
    (exit_decision,) = d.basis
    assert exit_decision.rule == "exit.household" and exit_decision.outcome is Outcome.MET
    assert Decision.from_json(d.to_json()) == d
    assert d.to_json() == json.dumps(d.to_dict(), ensure_ascii=False)
    assert not list(schema_validator().iter_errors(d.to_dict()))


def test_schema_version_1_documents_still_read() -> None:
    # A v1 document has no alternative readings (added later): decide under an overlay value,
    # which carries none, so that the decision is expressible in v1.
    ps = with_overlay(
        "52", "2014-01-01", identification__guarantee_mode="income_or_unmet_within_margin"
    )
    d = identify_household(household(per_capita="2000"), on="2016-03-31", params=ps)
    v1 = {k: v for k, v in d.to_dict().items() if k not in ("basis", "provenance")}
    v1.update(schema="urn:jingzhun:schema:decision:1", schema_version=1)
    v1_schema = load_json("schemas", "decision-v1.schema.json")
    cls = jsonschema.validators.validator_for(v1_schema)
    assert not list(cls(v1_schema).iter_errors(v1))
    assert Decision.from_dict(v1) == attrs.evolve(d, provenance=None)
