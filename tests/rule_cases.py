"""Rule case files (``tests/rules/<family>/cases/*.yaml``): reading and checking them.

A case file is a YAML list of cases; each case is a record, a date and the decision the rule
must reach (see ``tests/rules/README.md``). The shape is checked by
``tests/rules/case.schema.json``; the catalogue checks what a schema cannot: the rule id,
the clause id and the reason codes. Every problem names the file and the case.

The YAML is read with a safe loader that keeps dates as strings (the records' schemas want
``"2016-03-31"``, not a date object), reads only ``true``/``false`` as booleans, so that
the key ``on:`` stays a key (YAML 1.1 would read it as ``True``), and reads numbers with a
fraction as exact decimals, as the command line reads JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import yaml

import jingzhun as jz
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.errors import UnknownClauseError
from jingzhun.rules import catalogue

RULES = Path(__file__).parent / "rules"
SCHEMA = RULES / "case.schema.json"
FAMILIES = ("identification", "exit", "dynamic", "consistency", "classification")

_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class CaseLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without timestamps and with only true/false as booleans."""


CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CaseLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A YAML float as the exact ``Decimal`` of its text (as the CLI reads JSON numbers)."""
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return loader.construct_yaml_float(node)


CaseLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=CaseLoader)


@attrs.frozen(kw_only=True)
class Case:
    """One case of one file; ``problems`` lists what is wrong with the case itself."""

    path: Path
    index: int
    name: str
    data: Mapping[str, Any]
    problems: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.path.stem}::{self.name}"

    @property
    def where(self) -> str:
        root = RULES.parent.parent
        shown = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{shown} case #{self.index} ({self.name!r})"


def case_files() -> list[Path]:
    """Every case file, family by family, file by file."""
    return [p for family in FAMILIES for p in sorted((RULES / family / "cases").glob("*.yaml"))]


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _schema_problems(raw: Any, item: str) -> list[str]:
    found = sorted(_validator().iter_errors(raw), key=lambda e: list(map(str, e.path)))
    return [f"{item}{'/'.join(map(str, e.absolute_path)) or '/'}: {e.message}" for e in found]


def _rule_problems(raw: Mapping[str, Any]) -> list[str]:
    """What only the catalogue can tell: unknown rule, clause or reason code."""
    specs = {spec.id: spec for spec in catalogue()}
    problems: list[str] = []
    try:
        jz.clause(raw["clause"])
    except UnknownClauseError:
        problems.append(f"clause {raw['clause']!r} is not in the clause inventory")
    spec = specs.get(raw["rule"])
    if spec is None:
        return [*problems, f"unknown rule {raw['rule']!r}; known: {', '.join(sorted(specs))}"]
    expect = raw["expect"]
    problems += _code_problems(spec, expect, "expect")
    options = {o.name for o in spec.options}
    problems += [
        f"rule {spec.id} takes no option {name!r}"
        for name in raw.get("options", {})
        if name not in options
    ]
    for i, item in enumerate(expect.get("basis", ())):
        composed = specs.get(item["rule"])
        if item["rule"] not in spec.composes or composed is None:
            problems.append(
                f"expect/basis/{i}: rule {spec.id} composes only {', '.join(spec.composes)}"
                f", not {item['rule']!r}"
            )
            continue
        problems += _code_problems(composed, item, f"expect/basis/{i}")
    return problems


def _code_problems(spec: RuleSpec, expect: Mapping[str, Any], where: str) -> list[str]:
    known = {rc.code for rc in spec.reason_codes}
    named = [
        *expect.get("codes", ()),
        *expect.get("codes_include", ()),
        *expect.get("codes_exclude", ()),
        *expect.get("evidence", {}),
    ]
    return [
        f"{where}: rule {spec.id} has no reason code {code!r}"
        for code in named
        if code not in known
    ]


def _file_cases(path: Path) -> Iterator[Case]:
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        yield Case(path=path, index=0, name="<file>", data={}, problems=(f"not YAML: {exc}",))
        return
    if not isinstance(raw, list) or not raw:
        yield Case(
            path=path, index=0, name="<file>", data={}, problems=("a case file is a list of cases",)
        )
        return
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        name = name if isinstance(name, str) and name else f"#{index}"
        problems = _schema_problems(item, "")
        if not problems:
            problems = _rule_problems(item)
        if name in seen:
            problems.append(f"another case of this file is also named {name!r}")
        seen.add(name)
        data = item if isinstance(item, dict) else {}
        yield Case(path=path, index=index, name=name, data=data, problems=tuple(problems))


def load_cases(paths: list[Path] | None = None) -> list[Case]:
    """Every case of the given files (default: all case files), checked."""
    return [
        case for path in (case_files() if paths is None else paths) for case in _file_cases(path)
    ]


def case_clauses() -> set[str]:
    """The clauses pinned by the case files (their ``clause:`` fields)."""
    out: set[str] = set()
    for path in case_files():
        raw = load_yaml(path.read_text(encoding="utf-8"))
        for item in raw if isinstance(raw, list) else ():
            if isinstance(item, dict) and isinstance(item.get("clause"), str):
                out.add(item["clause"])
    return out
