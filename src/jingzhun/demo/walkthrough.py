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
from jingzhun.engine.output import OutputError, atomic_file
from jingzhun.io.loaders import load_households_text, load_registry_text, load_villages_text
from jingzhun.reports import explain, flat_reasons, outcome_summary
from jingzhun.rules.consistency.household_record import check_household_record
from jingzhun.rules.dynamic.adjustment import Action, AdjustmentResult, adjust_registry
from jingzhun.rules.exit.county import county_exit
from jingzhun.rules.exit.retention import retained_support
from jingzhun.rules.exit.village import village_exit
from jingzhun.rules.identification.household import identify_household
from jingzhun.rules.identification.quota import select_within_quota
from jingzhun.rules.identification.village import identify_village


def _sample_households() -> tuple[Household, ...]:
    loaded = load_households_text(
        json.dumps({"households": sample_households()}, ensure_ascii=False),
        source="sample households",
    )
    loaded.raise_for_errors()
    return loaded.records


def _county_heading(households: Sequence[Household], on: str) -> None:
    print(f"{COUNTY_NAME}（{COUNTY_CODE}，陕西省安康市，西部；虚构）/ the fictional sample county")
    print(
        f"户数 households: {len(households)}   人数 persons: {sum(h.size for h in households)}"
        f"   判定日期 on: {on}\n"
    )


def _record_consistency(households: Sequence[Household], on: str) -> None:
    """Step 1: the record consistency checks, with the count of each problem found."""
    checks = [check_household_record(h, on=on) for h in households]
    bad = [d for d in checks if d.outcome is not Outcome.MET]
    codes = Counter(r.code for d in bad for r in d.reasons)
    print(f"1. 记录一致性 record consistency: {len(checks) - len(bad)} 一致, {len(bad)} 有问题")
    for code, n in codes.most_common():
        print(f"     {code}: {n}")


def _household_identification(households: Sequence[Household], on: str) -> list[Decision]:
    """Step 2: household identification, its reasons counted, two decisions explained."""
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
    return ident


def _quota(households: Sequence[Household], ident: Sequence[Decision], on: str) -> None:
    """Step 3: selection within a quota of 90% of the eligible persons (规模控制)."""
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


def _sample_villages() -> tuple[VillageCase, ...]:
    villages = load_villages_text(
        json.dumps(sample_villages(), ensure_ascii=False), source="sample villages"
    )
    villages.raise_for_errors()
    return villages.records


def _village_identification(villages: Sequence[VillageCase]) -> None:
    """Step 4: poor-village identification (一高一低一无) on the 2013 figures."""
    print(
        "\n4. 贫困村识别 village identification "
        "(一高一低一无; 2013 figures, illustrative reference):"
    )
    for case in villages:
        assert case.reference is not None
        d = identify_village(case.village, reference=case.reference, on="2014-06-30")
        print(
            f"   {case.village.village_id} {case.village.name}: {d.outcome.zh:<4} "
            + "; ".join(r.message_zh for r in d.reasons)
        )


def _write_decisions(ident: Sequence[Decision], out_dir: str) -> None:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out), exc.strerror or type(exc).__name__) from None
    with atomic_file(out / "identification.jsonl") as f:  # complete, or not written
        for d in ident:
            f.write(d.to_json() + "\n")
    print(f"\n决定已写入 decisions written to {out / 'identification.jsonl'}")


def walkthrough(on: str, out_dir: str | None = None) -> None:
    """Print the sample county end to end (identification, adjustment, exit), via the loaders.

    With ``out_dir``, every identification decision is also written there as JSON Lines.
    """
    households = _sample_households()
    _county_heading(households, on)
    _record_consistency(households, on)
    ident = _household_identification(households, on)
    _quota(households, ident, on)
    villages = _sample_villages()
    _village_identification(villages)
    _demo_exit(on, households, ident, villages)
    _six_precisions()
    _evaluation()
    if out_dir:
        _write_decisions(ident, out_dir)


def _yearly_adjustment(
    households: Sequence[Household], ident: Sequence[Decision]
) -> AdjustmentResult:
    """Step 5: the 2017 adjustment of the registry (node 2017-12-31), an example per action."""
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
    return result


def _village_exit(villages: Sequence[VillageCase], poor_by_village: Counter[str]) -> int:
    """Step 6: village exit, incidence from the adjusted registry; the rural population."""
    print("\n6. 贫困村退出 village exit on 2017-12-31 (incidence from the adjusted registry):")
    rural = 0
    for case in villages:
        v = attrs.evolve(case.village, poor_population=poor_by_village[case.village.village_id])
        rural += v.rural_population
        d = village_exit(v, on="2017-12-31")
        print(f"   {v.village_id} {v.name}: {d.outcome.zh:<4} {d.reasons[0].message_zh}")
    return rural


def _county_exit(rural: int, remaining_poor: int) -> None:
    """Step 7: county exit, without special-assessment figures."""
    case_ = CountyExitCase(
        county=County(county_code=COUNTY_CODE, name=COUNTY_NAME, key_county=True),
        rural_population=rural,
        remaining_poor=remaining_poor,
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


def _retained_support() -> None:
    """Step 8: support kept after exit (缓冲期, 四个不摘)."""
    print("\n8. 退出后政策保持 support kept after exit:")
    for level, when in (("household", "2018-06-30"), ("county", "2022-06-30")):
        d = retained_support(level, exited_on="2017-12-31", on=when)
        print(f"   {level} exited 2017-12-31, on {when}: {d.reasons[0].message_zh}")


def _demo_exit(
    on: str,
    households: Sequence[Household],
    ident: Sequence[Decision],
    villages: Sequence[VillageCase],
) -> None:
    """The exit step of the demo: the 2017 adjustment, then village and county exit."""
    result = _yearly_adjustment(households, ident)
    poor_by_village: Counter[str] = Counter()
    for e in result.entries:
        if e.status.in_poverty and e.household.village_id:
            poor_by_village[e.household.village_id] += e.household.size
    rural = _village_exit(villages, poor_by_village)
    _county_exit(rural, sum(poor_by_village.values()))
    _retained_support()


def _six_precisions() -> None:
    """Step 9: the six precisions audit of the county registry, with its planted defects."""
    from jingzhun.demo.registry import AUDIT_DAY, PLANTED, sample_county_registry
    from jingzhun.io.county_registry import load_county_registry_text
    from jingzhun.rules.precision.audit import audit_six_precisions

    text = json.dumps(sample_county_registry(), ensure_ascii=False)
    loaded = load_county_registry_text(text, source="sample county registry")
    loaded.raise_for_errors()
    assert loaded.registry is not None
    report = audit_six_precisions(loaded.registry, on=AUDIT_DAY)
    planted = f"{len(PLANTED)} planted defects"
    print(f"\n9. 六个精准审计 six precisions audit on {AUDIT_DAY} ({planted}):")
    for result in report.results:
        summary = result.summary
        checked = f"{summary.passing}/{summary.checked}" if summary else "—"
        outcome = result.decision.outcome
        print(
            f"   {result.precision.zh:<8} {outcome.zh:<4} 通过 passing {checked:>9}  "
            f"发现 findings {len(result.findings):>3}  ({result.precision.en})"
        )
    counts = report.counts_by_severity()
    print("   合计 total: " + "  ".join(f"{s.zh} {s.en} {n}" for s, n in counts.items()))
    print("   (jingzhun audit FILE --on DATE [--html audit.html] prints every finding)")


def _evaluation() -> None:
    """Step 10: the county's third-party evaluation from a drawn sample, and its verdict."""
    from jingzhun.demo.evaluation import sample_evaluation
    from jingzhun.io.evaluation import load_evaluation_data
    from jingzhun.rules.evaluation.county import evaluation_county

    case = load_evaluation_data(sample_evaluation(400), source="sample evaluation").case
    assert case is not None
    decision = evaluation_county(case, on="2018-02-28")
    print("\n10. 第三方评估 third-party evaluation on 2018-02-28 (a sample of 400 households):")
    for reason in decision.reasons[1:4]:
        print(f"   {reason.message_zh}")
    print(f"   评估结论 verdict: {decision.outcome.zh} ({decision.outcome.en})")
    print("   (jingzhun evaluate FILE --on DATE; jingzhun sample-size plans a larger sample)")
