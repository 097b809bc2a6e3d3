"""The walkthrough ``jingzhun demo`` prints: the sample county from records to exit."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import attrs

from jingzhun.core.decisions import Decision, Outcome
from jingzhun.demo.sample import (
    COUNTY_CODE,
    COUNTY_NAME,
    sample_households,
    sample_registry,
    sample_villages,
)
from jingzhun.domain.cases import VillageCase
from jingzhun.domain.model import County, CountyExitCase, Household
from jingzhun.io.loaders import load_households_text, load_registry_text, load_villages_text
from jingzhun.reports import explain, flat_reasons, outcome_summary
from jingzhun.rules.consistency.household_record import check_household_record
from jingzhun.rules.dynamic.adjustment import Action, adjust_registry
from jingzhun.rules.exit.county import county_exit
from jingzhun.rules.exit.retention import retained_support
from jingzhun.rules.exit.village import village_exit
from jingzhun.rules.identification.household import identify_household
from jingzhun.rules.identification.quota import select_within_quota
from jingzhun.rules.identification.village import identify_village


def walkthrough(on: str, out_dir: str | None = None) -> None:
    """Print the sample county end to end (identification, adjustment, exit), via the loaders.

    With ``out_dir``, every identification decision is also written there as JSON Lines.
    """
    loaded = load_households_text(
        json.dumps({"households": sample_households()}, ensure_ascii=False),
        source="sample households",
    )
    loaded.raise_for_errors()
    households: tuple[Household, ...] = loaded.records
    print(f"{COUNTY_NAME}（{COUNTY_CODE}，陕西省安康市，西部；虚构）/ the fictional sample county")
    print(
        f"户数 households: {len(households)}   人数 persons: {sum(h.size for h in households)}"
        f"   判定日期 on: {on}\n"
    )

    checks = [check_household_record(h, on=on) for h in households]
    bad = [d for d in checks if d.outcome is not Outcome.MET]
    codes = Counter(r.code for d in bad for r in d.reasons)
    print(f"1. 记录一致性 record consistency: {len(checks) - len(bad)} 一致, {len(bad)} 有问题")
    for code, n in codes.most_common():
        print(f"     {code}: {n}")

    ident = [identify_household(h, on=on) for h in households]
    print(f"\n2. 贫困户识别 household identification: {outcome_summary(ident)}")
    reason_counts = Counter(r.code for d in ident for r in d.reasons)
    for code, n in reason_counts.most_common():
        print(f"     {code}: {n}")
    excluded = next((d for d in ident if "ID_EXCLUDED_BY_LOCAL_LIST" in d.codes), None)
    example = next(d for d in ident if d.outcome is Outcome.MET and "ID_GUARANTEE_UNMET" in d.codes)
    print("\n   示例 example (full explanation):")
    print("   " + explain(example).replace("\n", "\n   "))
    if excluded is not None:
        print("\n   示例 example of a local exclusion (安康九条红线):")
        print("   " + explain(excluded, citations=True).replace("\n", "\n   "))

    eligible_persons = sum(
        h.size for h, d in zip(households, ident, strict=True) if d.outcome is Outcome.MET
    )
    quota = int(eligible_persons * 0.9)
    selection = select_within_quota(households, quota=quota, on=on)
    print(
        f"\n3. 规模控制 quota: 规模 {quota} 人 (90% of eligible persons); 纳入 "
        f"{len(selection.selected)} 户 {selection.used} 人; 未纳入 {len(selection.left_out)} 户"
    )
    first_out = next(
        (d for d in selection.decisions if d.codes and d.codes[0] == "QUOTA_EXHAUSTED"), None
    )
    if first_out is not None:
        print(f"   e.g. {first_out.subject}: {first_out.reasons[0].message_zh}")

    villages = load_villages_text(
        json.dumps(sample_villages(), ensure_ascii=False), source="sample villages"
    )
    villages.raise_for_errors()
    print(
        "\n4. 贫困村识别 village identification "
        "(一高一低一无; 2013 figures, illustrative reference):"
    )
    for case in villages.records:
        assert case.reference is not None
        d = identify_village(case.village, reference=case.reference, on="2014-06-30")
        print(
            f"   {case.village.village_id} {case.village.name}: {d.outcome.zh:<4} "
            + "; ".join(r.message_zh for r in d.reasons)
        )
    _demo_exit(on, households, ident, villages.records)
    if out_dir:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        with (out / "identification.jsonl").open("w", encoding="utf-8") as f:
            for d in ident:
                f.write(d.to_json() + "\n")
        print(f"\n决定已写入 decisions written to {out / 'identification.jsonl'}")


def _demo_exit(
    on: str,
    households: Sequence[Household],
    ident: Sequence[Decision],
    villages: Sequence[VillageCase],
) -> None:
    """The exit step of the demo: the 2017 adjustment, then village and county exit."""
    identified = [
        h.household_id for h, d in zip(households, ident, strict=True) if d.outcome is Outcome.MET
    ]
    registry = load_registry_text(
        json.dumps({"households": sample_registry(identified)}, ensure_ascii=False),
        source="sample registry",
    )
    registry.raise_for_errors()
    result = adjust_registry(registry.records, year=2017)
    print("\n5. 2017年度动态调整 yearly adjustment (node 2017-12-31):")
    print("   " + "  ".join(f"{a.zh} {a.en}: {n}" for a, n in result.counts().items()))
    for action in (Action.EXIT, Action.RELAPSE, Action.REMOVE, Action.ADD):
        example = next((a for a in result.adjustments if a.action is action), None)
        if example is not None:
            print(
                f"   e.g. {action.zh}: {example.after.household.household_id} — "
                + "; ".join(r.message_zh for r in list(flat_reasons(example.decision))[:3])
            )
    poor_by_village: Counter[str] = Counter()
    for e in result.entries:
        if e.status.in_poverty and e.household.village_id:
            poor_by_village[e.household.village_id] += e.household.size
    print("\n6. 贫困村退出 village exit on 2017-12-31 (incidence from the adjusted registry):")
    rural = 0
    for case in villages:
        v = attrs.evolve(case.village, poor_population=poor_by_village[case.village.village_id])
        rural += v.rural_population
        d = village_exit(v, on="2017-12-31")
        print(f"   {v.village_id} {v.name}: {d.outcome.zh:<4} {d.reasons[0].message_zh}")
    case_ = CountyExitCase(
        county=County(county_code=COUNTY_CODE, name=COUNTY_NAME, key_county=True),
        rural_population=rural,
        remaining_poor=sum(poor_by_village.values()),
    )
    print(
        "\n7. 贫困县退出 county exit on 2017-12-31 (no special-assessment figures in the sample):"
    )
    print(
        "   "
        + explain(county_exit(case_, on="2017-12-31"), citations=False, evidence=False).replace(
            "\n", "\n   "
        )
    )
    print("\n8. 退出后政策保持 support kept after exit:")
    for level, when in (("household", "2018-06-30"), ("county", "2022-06-30")):
        d = retained_support(level, exited_on="2017-12-31", on=when)
        print(f"   {level} exited 2017-12-31, on {when}: {d.reasons[0].message_zh}")
