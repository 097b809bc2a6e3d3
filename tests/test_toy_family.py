"""Adding a family touches only its own package, its data file and its tests.

A toy family (one rule, one reason code, one parameter) is written into a copy of the
installed package — ``rules/toy/`` and ``data/parameters/toy.toml``, nothing else — and the
copy's catalogue, parameters and command line pick it up.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jingzhun

TOY_RULE = '''
"""A toy rule: a household is large when it has at least ``toy.large_size`` members."""

from __future__ import annotations

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.rules.common.params import param_set

SPEC = RuleSpec(
    id="toy.large_household",
    title_zh="大户",
    title_en="Large household",
    question_zh="是否为大户",
    question_en="Is the household large?",
    subject=Household,
    parameters=("toy.large_size",),
    clauses=("BOOK2017-ch5-end-b",),
    command=("toy", "households"),
)
LARGE = SPEC.code("TOY_LARGE", zh="{size}人，不少于{limit}人", en="{size}, at least {limit}")
SMALL = SPEC.code("TOY_SMALL", zh="{size}人，少于{limit}人", en="{size}, fewer than {limit}")


@SPEC.implementation
def large_household(
    household: Household, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    day = as_date(on)
    limit = param_set(params).resolve("toy.large_size", on=day).value
    assert isinstance(limit, int)
    large = household.size >= limit
    code = LARGE if large else SMALL
    reason = code(Effect.SUPPORTS if large else Effect.OPPOSES, size=household.size, limit=limit)
    return SPEC.decide(household.household_id, day, (reason,))
'''

TOY_DATA = """
schema_version = 1
scope = "national"

[[parameter]]
name = "toy.large_size"
label_zh = "大户人数"
label_en = "size of a large household"
unit = "persons"
type = "integer"

  [[parameter.values]]
  from = 2014-01-01
  status = "unconfirmed"
  value = 5
  [parameter.values.source]
  title = "toy"
  quote = "toy"
"""


def test_a_toy_family_needs_no_edit_outside_its_package_and_data(tmp_path: Path) -> None:
    package = Path(jingzhun.__file__).parent
    copy = tmp_path / "jingzhun"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "rules" / "toy").mkdir()
    (copy / "rules" / "toy" / "__init__.py").write_text('"""Toy family."""\n', encoding="utf-8")
    (copy / "rules" / "toy" / "large_household.py").write_text(TOY_RULE, encoding="utf-8")
    (copy / "data" / "parameters" / "toy.toml").write_text(TOY_DATA, encoding="utf-8")
    records = tmp_path / "h.json"
    records.write_text(
        json.dumps(
            [
                {"household_id": "A", "county_code": "522701", "declared_size": 6},
                {"household_id": "B", "county_code": "522701", "declared_size": 2},
            ]
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "jingzhun", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    rules = json.loads(run("rules", "--json"))["rules"]
    toy = next(r for r in rules if r["id"] == "toy.large_household")
    assert toy["function"].startswith("jingzhun.rules.toy.")
    assert [c["code"] for c in toy["reason_codes"]] == ["TOY_LARGE", "TOY_SMALL"]
    assert "toy.large_size" in run("params", "--on", "2016-06-30")
    out = run("toy", "households", str(records), "--on", "2016-06-30", "--format", "jsonl")
    decided = [json.loads(line)["decision"] for line in out.splitlines()]
    assert [(d["subject"], d["outcome"]) for d in decided] == [("A", "met"), ("B", "not_met")]
