"""Every English message the rules write is English: no Chinese outside parentheses.

The template-level check (``test_rule_declarations``) cannot see the values put into the
templates; this one runs every rule with records over the sample county (households,
villages, the county registry's six precisions audit) and every rule case file, and scans
the ``message_en`` of every reason of every decision, composed decisions included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import pytest

from jingzhun.core.dates import as_date
from jingzhun.core.parameters import ParameterSet
from jingzhun.demo.registry import AUDIT_DAY, sample_county_registry
from jingzhun.demo.sample import DECISION_DATE, sample_households, sample_registry, sample_villages
from jingzhun.engine.batch import Item, Job, process_chunk
from jingzhun.io.county_registry import load_county_registry_text
from jingzhun.io.kinds import has_record_kind, record_kind
from jingzhun.io.records import iter_records
from jingzhun.reports.audit_json import audit_to_dict
from jingzhun.rules import catalogue, rule
from jingzhun.rules.precision.audit import audit_six_precisions
from rule_cases import load_cases

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_GLOSS = re.compile(r"[(（][^()（）]*[)）]")


def untranslated(text: str) -> bool:
    """Chinese outside parentheses (a Chinese term in parentheses is a gloss)."""
    return bool(_CJK.search(_GLOSS.sub("", text)))


def english_texts(value: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """``(where, text)`` of every ``message_en`` in a decision's dictionary, at any depth."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "message_en" and isinstance(item, str):
                yield where, item
            else:
                yield from english_texts(item, f"{where}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from english_texts(item, f"{where}/{i}")


def _sample_records() -> dict[str, list[Any]]:
    villages = sample_villages()
    return {
        "households": sample_households(),
        "villages": [{"reference": villages["reference"], **v} for v in villages["villages"]],
    }


def _row(text: str) -> dict[str, Any]:
    """A JSON Lines row as one dictionary: the decision with the rule's details."""
    row = json.loads(text)
    return {**row["decision"], **row["details"]}


@cache
def sample_decisions() -> tuple[tuple[str, dict[str, Any]], ...]:
    """``(rule id, decision dictionary)`` of every rule with records over the sample county."""
    records = _sample_records()
    out: list[tuple[str, dict[str, Any]]] = []
    for spec in catalogue():
        if not has_record_kind(spec.subject) or spec.dated_by != "on":
            continue
        raws = records.get(record_kind(spec.subject).key)
        if not raws:
            continue
        job = Job(rule=spec.id, on=DECISION_DATE, fmt="jsonl")
        items: list[Item] = [(i, None, raw, False) for i, raw in enumerate(raws, start=1)]
        out += [(spec.id, _row(r.text)) for r in process_chunk(job, items) if r.text]
    identified = [
        d["subject"]
        for rid, d in out
        if rid == "identification.household" and d["outcome"] == "met"
    ]
    job = Job(rule="dynamic.adjustment", on="2017-12-31", fmt="jsonl")
    entries = enumerate(sample_registry(identified), start=1)
    adjusted = process_chunk(job, [(i, None, raw, False) for i, raw in entries])
    out += [("dynamic.adjustment", _row(r.text)) for r in adjusted if r.text]
    assert len(adjusted) > 1000
    registry = load_county_registry_text(json.dumps(sample_county_registry()), source="sample")
    assert registry.registry is not None
    report = audit_six_precisions(
        registry.registry, on=as_date(AUDIT_DAY), params=ParameterSet.bundled()
    )
    out.append(("precision (six precisions audit)", audit_to_dict(report)))
    return tuple(out)


def _decide(data: Mapping[str, Any]) -> dict[str, Any]:
    """A case's decision, its record read as the command line reads it (as the case runner)."""
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
    decision = spec.apply(loaded.record, on=data["on"], params=params, options=data.get("options"))
    return decision.to_dict()


def case_decisions() -> Iterator[tuple[str, dict[str, Any]]]:
    for case in load_cases():
        if not case.problems and has_record_kind(rule(case.data["rule"]).subject):
            yield case.id, _decide(case.data)


def _offenders(decisions: Iterator[tuple[str, dict[str, Any]]]) -> list[str]:
    found: dict[str, str] = {}
    for name, decision in decisions:
        for where, text in english_texts(decision):
            if untranslated(text):
                found.setdefault(_CJK.sub("…", text), f"{name} {where}: {text}")
    return sorted(found.values())


def test_the_check_sees_chinese_outside_parentheses_only() -> None:
    assert untranslated("not met: 住房安全有保障")
    assert not untranslated("safe housing (住房安全有保障) not met")
    assert not untranslated("safe housing （住房安全） not met")


def test_sample_county_messages_are_english() -> None:
    decisions = sample_decisions()
    assert len(decisions) > 1000
    assert _offenders(iter(decisions)) == []


def test_rule_case_messages_are_english() -> None:
    assert _offenders(case_decisions()) == []


if __name__ == "__main__":  # pragma: no cover - a listing for whoever fixes the rules
    for line in _offenders(iter(sample_decisions())) + _offenders(case_decisions()):
        print(line)
    pytest.main([__file__, "-q"])
