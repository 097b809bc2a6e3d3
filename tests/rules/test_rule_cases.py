"""The runner of the rule case files ``tests/rules/<family>/cases/*.yaml`` (one test per case,
id ``<file stem>::<case name>``; see ``tests/rules/README.md``).

Each record goes through the record schema and the converter of the rule's subject, as on
the command line, then the rule decides on the case's date with the case's overlay and
options, and the decision is compared with ``expect``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from jingzhun import ParameterSet
from jingzhun.core.decisions import Decision
from jingzhun.io.kinds import record_kind
from jingzhun.io.records import iter_records
from jingzhun.rules import rule
from rule_cases import Case, case_files, load_cases

CASES = load_cases()


def _codes_mismatches(decision: Decision, expect: Mapping[str, Any], where: str) -> list[str]:
    codes = list(decision.codes)
    out: list[str] = []
    if "codes" in expect and codes != list(expect["codes"]):
        out.append(f"{where}codes: expected {expect['codes']}, got {codes}")
    missing = [c for c in expect.get("codes_include", ()) if c not in codes]
    if missing:
        out.append(f"{where}codes_include: {missing} not among {codes}")
    present = [c for c in expect.get("codes_exclude", ()) if c in codes]
    if present:
        out.append(f"{where}codes_exclude: {present} present in {codes}")
    if decision.outcome.value != expect["outcome"]:
        out.append(f"{where}outcome: expected {expect['outcome']}, got {decision.outcome.value}")
    return out


def _evidence_mismatches(
    decision: Decision, expected: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    out: list[str] = []
    for code, values in expected.items():
        if code not in decision.codes:
            out.append(f"evidence: no reason {code} in {list(decision.codes)}")
            continue
        got = {e.name: e.value for e in decision.reason(code).evidence}
        for name, value in values.items():
            if name not in got:
                out.append(f"evidence {code}.{name}: not given (has {sorted(got)})")
            elif got[name] != value:
                out.append(f"evidence {code}.{name}: expected {value!r}, got {got[name]!r}")
    return out


def _basis_mismatches(decision: Decision, expected: Sequence[Mapping[str, Any]]) -> list[str]:
    got = [(d.rule, d.outcome.value) for d in decision.basis]
    if [d.rule for d in decision.basis] != [item["rule"] for item in expected]:
        return [f"basis: expected rules {[i['rule'] for i in expected]}, got {got}"]
    out: list[str] = []
    for i, (item, d) in enumerate(zip(expected, decision.basis, strict=True)):
        out += _codes_mismatches(d, item, f"basis/{i} ({d.rule}) ")
    return out


def _describe(decision: Decision) -> str:
    lines = [f"decision: {decision.outcome.value}"]
    for r in decision.reasons:
        evidence = ", ".join(f"{e.name}={e.value!r}" for e in r.evidence)
        lines.append(
            f"  {r.code} [{r.effect.value}] {r.message_en}" + (f" ({evidence})" if evidence else "")
        )
    for d in decision.basis:
        lines.append(f"  basis {d.rule}: {d.outcome.value} {list(d.codes)}")
    return "\n".join(lines)


def decide(case: Case) -> Decision:
    """Read the case's record as the command line would and let the rule decide on it."""
    data = case.data
    spec = rule(data["rule"])
    try:
        kind = record_kind(spec.subject)
    except LookupError:
        pytest.fail(
            f"{case.where}: rule {spec.id} decides on {spec.subject.__name__}, which has no "
            "record format; write a Python test instead",
            pytrace=False,
        )
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
    if loaded.errors or loaded.record is None:
        errors = "\n".join(f"  {e}" for e in loaded.errors)
        pytest.fail(
            f"{case.where}: the record is not valid ({kind.schema}):\n{errors}", pytrace=False
        )
    params = ParameterSet.bundled()
    if "overlay" in data:
        params = params.with_overlay_text(data["overlay"], origin=case.id)
    return spec.apply(loaded.record, on=data["on"], params=params, options=data.get("options"))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case) -> None:
    if case.problems:
        pytest.fail(f"{case.where}:\n" + "\n".join(f"  {p}" for p in case.problems), pytrace=False)
    decision = decide(case)
    expect = case.data["expect"]
    wrong = _codes_mismatches(decision, expect, "")
    wrong += _evidence_mismatches(decision, expect.get("evidence", {}))
    if "basis" in expect:
        wrong += _basis_mismatches(decision, expect["basis"])
    if wrong:
        pytest.fail(
            f"{case.where}:\n" + "\n".join(f"  {w}" for w in wrong) + "\n" + _describe(decision),
            pytrace=False,
        )


# --- the checks of the case files themselves ------------------------------------------------


def test_every_family_has_case_files() -> None:
    families = {p.parent.parent.name for p in case_files()}
    assert families == {"identification", "exit", "dynamic", "consistency", "classification"}


GOOD = """\
- name: fine
  clause: BOOK2017-ch5-end-b
  rule: identification.household
  on: 2016-03-31
  record: {household_id: H1, county_code: "522701", declared_size: 1, income_year: 2015}
  expect: {outcome: undetermined, codes_include: [ID_INCOME_MISSING]}
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return [p for case in load_cases([path]) for p in case.problems]


def test_a_good_case_has_no_problems(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD) == []
    (case,) = load_cases([tmp_path / "bad.yaml"])
    assert case.data["on"] == "2016-03-31"  # a string, and `on` stays a key


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("  expect:", "  colour: red\n  expect:"), "'colour' was unexpected"),
        (("  clause: BOOK2017-ch5-end-b\n", ""), "'clause' is a required property"),
        (
            ("BOOK2017-ch5-end-b", "BOOK2017-ch5-end-zz"),
            "'BOOK2017-ch5-end-zz' is not in the clause",
        ),
        (("identification.household", "identification.houshold"), "unknown rule 'identification.h"),
        (("ID_INCOME_MISSING", "ID_INCOME_MISING"), "has no reason code 'ID_INCOME_MISING'"),
        (("outcome: undetermined", "outcome: maybe"), "'maybe' is not one of"),
        (("on: 2016-03-31", "on: 31.03.2016"), "does not match"),
    ],
)
def test_a_bad_case_is_named_with_its_problem(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    (case,) = load_cases([path])
    assert case.where.endswith("bad.yaml case #1 ('fine')")
    assert any(problem in p for p in case.problems), case.problems


def test_duplicate_names_and_non_lists_are_problems(tmp_path: Path) -> None:
    assert any("also named 'fine'" in p for p in _problems(tmp_path, GOOD + GOOD))
    assert _problems(tmp_path, "name: fine\n") == ["a case file is a list of cases"]


def test_a_record_that_fails_its_schema_fails_the_case_with_the_record_errors(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GOOD.replace('county_code: "522701"', "county_code: 522701"), encoding="utf-8")
    (case,) = load_cases([path])
    assert case.problems == ()
    with pytest.raises(pytest.fail.Exception) as failed:
        decide(case)
    assert "household.schema.json" in str(failed.value)
    assert "/county_code: 522701 is not of type 'string'" in str(failed.value)
