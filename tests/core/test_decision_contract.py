"""Decision schema v3: provenance, the compact form with its references, v1/v2/v3 reading."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import attrs
import jsonschema
import pytest

from builders import household, with_overlay
from jingzhun import Decision, identify_household
from jingzhun.core import provenance as provenance_module
from jingzhun.core.citations import Citation, cite
from jingzhun.core.decisions import COMPACT_SCHEMA_ID, SCHEMA_ID
from jingzhun.core.errors import InputError, JingzhunError
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.provenance import Provenance, fingerprint, library_version
from jingzhun.core.references import References, citation_id, parameter_id
from jingzhun.core.resources import load_json
from jingzhun.io.kinds import has_record_kind, record_kind
from jingzhun.io.records import iter_records
from jingzhun.rules import catalogue, rule
from rule_cases import load_cases

_FINGERPRINT = re.compile(r"^sha256:[0-9a-f]{64}$")


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_json("schemas", name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _decide(data: Mapping[str, Any]) -> Decision:
    spec = rule(data["rule"])
    kind = record_kind(spec.subject)
    context = data.get("context", {}).get("reference")
    loaded = next(
        iter_records(
            [(1, None, data["record"])],
            schema=kind.schema,
            id_field=kind.id_field,
            convert=lambda raw: kind.convert(raw, context),
            show_personal=True,
        )
    )
    assert loaded.record is not None, loaded.errors
    params = ParameterSet.bundled()
    if "overlay" in data:
        params = params.with_overlay_text(data["overlay"], origin="case")
    return spec.apply(loaded.record, on=data["on"], params=params, options=data.get("options"))


@cache
def case_decisions() -> tuple[tuple[str, Decision], ...]:
    """``(case id, decision)`` of every rule case whose rule reads records."""
    return tuple(
        (case.id, _decide(case.data))
        for case in load_cases()
        if not case.problems and has_record_kind(rule(case.data["rule"]).subject)
    )


def _all(decision: Decision) -> Iterator[Decision]:
    yield decision
    for part in decision.basis:
        yield from _all(part)


# --- provenance --------------------------------------------------------------------------


def test_every_rule_case_decision_carries_provenance() -> None:
    decisions = case_decisions()
    assert {d.rule for _, d in decisions} >= {"identification.household", "exit.village"}
    bundled = ParameterSet.bundled().provenance
    for name, decision in decisions:
        for d in _all(decision):
            assert d.provenance is not None, f"{name}: {d.rule} has no provenance"
            assert d.provenance.library == "jingzhun"
            assert d.provenance.version == library_version()
            assert _FINGERPRINT.match(d.provenance.parameters)
    with_bundled = [d for _, d in decisions if d.provenance == bundled]
    assert len(with_bundled) > len(decisions) / 2  # the others have a case's own overlay


def test_params_none_means_the_bundled_set_and_its_provenance() -> None:
    d = identify_household(household(per_capita="2000"), on="2016-03-31")
    assert d.provenance is ParameterSet.bundled().provenance
    assert d.provenance.overlays == tuple(o.origin for o in ParameterSet.bundled().overlays)
    assert d.to_dict()["provenance"]["parameters"] == d.provenance.parameters


def test_spec_function_still_names_the_implementing_function() -> None:
    spec = rule("identification.household")
    assert spec.function == "jingzhun.rules.identification.household.identify_household"
    assert getattr(spec.rule, "__name__", None) == "identify_household"
    for s in catalogue():
        assert not s.function.endswith(".rule"), s.function


def test_fingerprint_is_computed_once_and_changes_with_any_overlay_value() -> None:
    bundled = ParameterSet.bundled()
    assert bundled.provenance is bundled.provenance
    again = fingerprint(bundled._baseline.values(), bundled.overlays)
    assert again == bundled.provenance.parameters
    a = with_overlay("52", "2014-01-01", identification__guarantee_mode="income_only")
    b = with_overlay("52", "2015-01-01", identification__guarantee_mode="income_only")
    c = with_overlay(
        "52", "2014-01-01", identification__guarantee_mode="income_or_unmet_within_margin"
    )
    prints = {p.provenance.parameters for p in (bundled, a, b, c)}
    assert len(prints) == 4
    assert a.provenance.overlays[-1] not in bundled.provenance.overlays
    d = identify_household(household(per_capita="2000"), on="2016-03-31", params=a)
    assert d.provenance == a.provenance


def test_library_version_falls_back_without_package_metadata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    library_version.cache_clear()
    monkeypatch.setattr(metadata, "version", missing)
    try:
        assert library_version() == "0+unknown"
    finally:
        monkeypatch.undo()
        library_version.cache_clear()
    assert library_version() == provenance_module.library_version()
    assert library_version() != "0+unknown"


def test_basis_leaves_out_provenance_equal_to_its_parent() -> None:
    from jingzhun import RegistryEntry, RegistryStatus, adjust_household

    entry = RegistryEntry(
        household=household(per_capita="5000", year=2017, stable_income_source=True),
        status=RegistryStatus.POOR,
    )
    d = adjust_household(entry, on="2017-12-31")
    (part,) = d.basis
    assert part.provenance == d.provenance is not None
    as_dict = d.to_dict()
    assert "provenance" in as_dict and "provenance" not in as_dict["basis"][0]
    assert Decision.from_dict(as_dict) == d
    # a basis without provenance under a parent with one: written as null, read back as None
    odd = attrs.evolve(d, basis=(attrs.evolve(part, provenance=None),))
    assert odd.to_dict()["basis"][0]["provenance"] is None
    assert Decision.from_json(odd.to_json()) == odd
    # a basis with another provenance keeps its own
    other = Provenance(version="9", parameters="sha256:" + "0" * 64, overlays=("x",))
    odd = attrs.evolve(d, basis=(attrs.evolve(part, provenance=other),))
    assert odd.to_dict()["basis"][0]["provenance"]["version"] == "9"
    assert Decision.from_json(odd.to_json()) == odd
    assert odd.to_json() == json.dumps(odd.to_dict(), ensure_ascii=False)


# --- full form v3 and older versions ------------------------------------------------------


def test_every_case_decision_validates_and_round_trips_v3() -> None:
    v = validator("decision.schema.json")
    for name, d in case_decisions():
        data = d.to_dict()
        assert data["schema"] == SCHEMA_ID and data["schema_version"] == 3
        errors = list(v.iter_errors(data))
        assert not errors, f"{name}: {errors[0].message}"
        assert d.to_json() == json.dumps(data, ensure_ascii=False), name
        assert Decision.from_json(d.to_json()) == d, name


def _downgrade(data: dict[str, Any], version: int) -> dict[str, Any]:
    out = {k: v for k, v in data.items() if k != "provenance"}
    out.update(schema=f"urn:jingzhun:schema:decision:{version}", schema_version=version)
    if version == 1:
        del out["basis"]
    else:
        out["basis"] = [_downgrade(b, version) for b in data["basis"]]
    return out


def _without_provenance(d: Decision) -> Decision:
    basis = tuple(_without_provenance(b) for b in d.basis)
    return attrs.evolve(d, provenance=None, basis=basis)


def test_version_2_documents_read_and_validate_against_the_v2_schema() -> None:
    v2 = validator("decision-v2.schema.json")
    for name, d in case_decisions()[:60]:
        old = _downgrade(d.to_dict(), 2)
        errors = list(v2.iter_errors(old))
        assert not errors, f"{name}: {errors[0].message}"
        assert Decision.from_dict(old) == _without_provenance(d), name


def test_version_1_documents_read() -> None:
    for name, d in case_decisions()[:60]:
        if d.basis or any(p.alternatives for r in d.reasons for p in r.parameters):
            continue
        old = _downgrade(d.to_dict(), 1)
        assert Decision.from_dict(old) == _without_provenance(d), name


@pytest.mark.parametrize("version", [0, 4, 99, None, "3"])
def test_unsupported_versions_are_input_errors(version: object) -> None:
    data = identify_household(household(per_capita="2000"), on="2016-03-31").to_dict()
    data["schema_version"] = version
    with pytest.raises(InputError, match="schema_version") as caught:
        Decision.from_dict(data)
    assert isinstance(caught.value, JingzhunError)


# --- compact form ------------------------------------------------------------------------


def test_every_case_decision_round_trips_through_the_compact_form() -> None:
    compact_v = validator("decision-compact.schema.json")
    refs = References()
    documents = []
    for name, d in case_decisions():
        refs.add(d)
        data = d.to_dict(compact=True)
        assert data["schema"] == COMPACT_SCHEMA_ID
        errors = list(compact_v.iter_errors(data))
        assert not errors, f"{name}: {errors[0].message}"
        assert d.to_json(compact=True) == json.dumps(data, ensure_ascii=False), name
        documents.append((name, d, d.to_json(compact=True)))
    table = refs.to_dict()
    errors = list(validator("references.schema.json").iter_errors(table))
    assert not errors, errors[0].message
    # the tables travel as JSON, separately from the decisions
    read = References.from_dict(json.loads(json.dumps(table, ensure_ascii=False)))
    assert read == refs
    for name, d, text in documents:
        assert Decision.from_json(text, references=read) == d, name


def test_compact_form_refers_by_id_and_is_smaller() -> None:
    full = compact = 0
    for _, d in case_decisions():
        full += len(d.to_json())
        compact += len(d.to_json(compact=True))
    assert compact < full * 0.6
    d = identify_household(household(per_capita="2000"), on="2016-03-31")
    reason = d.to_dict(compact=True)["reasons"][0]
    assert reason["citations"] == [citation_id(c) for c in d.reasons[0].citations]
    for entry, use in zip(reason["parameters"], d.reasons[0].parameters, strict=True):
        assert entry == {
            "name": use.name,
            "value": use.value,
            "unit": use.unit,
            "ref": parameter_id(use),
        }


def test_ids_are_stable_and_content_derived() -> None:
    c = cite("EXIT2016-3.2-b")
    assert citation_id(c) == "EXIT2016-3.2-b"
    changed = attrs.evolve(c, quote="something else")
    assert re.fullmatch(r"c:[0-9a-f]{12}", citation_id(changed))
    web = Citation(title="统计公报", quote="2952元", url="https://example.org/x")
    assert citation_id(web) == citation_id(Citation(**attrs.asdict(web)))
    use = ParameterSet.bundled().resolve("poverty_line.nominal", on="2016-06-30").use()
    assert re.fullmatch(r"p:[0-9a-f]{12}", parameter_id(use))
    # recorded: the id of a bundled value changes only if its content does
    refs = References()
    assert refs.add_parameter(use) == parameter_id(use)
    assert refs.parameters[parameter_id(use)]["source"] == citation_id(use.source)


def test_compact_reading_needs_its_references() -> None:
    d = identify_household(household(per_capita="2000"), on="2016-03-31")
    data = d.to_dict(compact=True)
    with pytest.raises(InputError, match="references"):
        Decision.from_dict(data)
    with pytest.raises(InputError, match=r"no (parameter|citation)"):
        Decision.from_dict(data, references=References())
    with pytest.raises(InputError, match="references schema"):
        References.from_dict({"citations": {}, "parameters": {}})
    # a full document reads with or without references
    assert Decision.from_dict(d.to_dict(), references=References()) == d


def test_adjust_registry_decisions_carry_provenance_as_the_rule_does() -> None:
    """``adjust_entry`` returns the rule's decision without calling the rule: stamped too."""
    from jingzhun import RegistryEntry, RegistryStatus, adjust_household, adjust_registry

    entry = RegistryEntry(
        household=household(per_capita="5000", year=2017, stable_income_source=True),
        status=RegistryStatus.POOR,
    )
    result = adjust_registry([entry], year=2017)
    (made,) = result.adjustments
    assert made.decision.provenance == ParameterSet.bundled().provenance
    assert made.decision == adjust_household(entry, on="2017-12-31")
