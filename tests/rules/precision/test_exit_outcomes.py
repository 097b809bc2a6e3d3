"""脱贫成效精准 (BOOK2017-ch4-3.3-f; EXIT2016-3.1-b/c; EXIT2016-3.2-b/c; THREEYEAR2018-7.2-a;
THREEYEAR2018-7.1-a; EXIT2016-2.1-a; BOOK2017-ch5-1.1-h; BOOK2017-ch10-2.3): recorded exits
met the standard and procedure; relapses are re-admitted."""

from __future__ import annotations

from typing import Any

import jingzhun as jz
from jingzhun.domain.audit import Finding, Severity, Summary, findings_of
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.model import AnnualIncome, ProcedureStep
from jingzhun.rules.precision.exit_outcomes import audit_exit_outcomes

S = ProcedureStep
COUNTY = jz.County(county_code="370102")  # 山东: not western, village threshold 2%
DAY = "2018-06-30"
STEPS = (
    S(step="democratic_appraisal", first_day="2017-11-01"),
    S(step="verification", first_day="2017-11-05"),
    S(step="household_consent", first_day="2017-11-08"),
    S(step="village_notice", first_day="2017-11-10", last_day="2017-11-16"),
    S(step="announcement", first_day="2017-11-20"),
    S(step="deregistration", first_day="2017-12-01"),
)
VILLAGE_STEPS = (
    S(step="village_proposal", first_day="2017-10-20"),
    S(step="exit_review", first_day="2017-10-25"),
    S(step="township_notice", first_day="2017-11-01", last_day="2017-11-06"),
    S(step="announcement", first_day="2017-11-10"),
)


def exited(
    hid: str,
    per_capita: str | None = "3500",
    *,
    year: int | None = 2017,
    exit_day: str | None = "2017-12-20",
    steps: tuple[ProcedureStep, ...] = STEPS,
    status: str = "exited",
    **extra: Any,
) -> HouseholdFile:
    """Identified 2014-10-01, exited on ``exit_day`` (None: no history at all)."""
    household = jz.Household(
        household_id=hid,
        county_code="370102",
        declared_size=1,
        reported_per_capita_income=per_capita,
        income_year=year,
        guarantees=jz.Guarantees.all_met(),
        identified_on="2014-10-01",
        stable_income_source=True,
        exit_steps=steps,
        **extra,
    )
    history = []
    if exit_day is not None:
        history = [
            jz.StatusChange(on="2014-10-01", status="poor", action="识别"),
            jz.StatusChange(on=exit_day, status="exited", action="标注脱贫"),
        ]
    return HouseholdFile(
        entry=jz.RegistryEntry(household=household, status=status, history=history),
        registered_on="2014-10-01",
    )


def village(
    vid: str,
    poor: int = 20,
    *,
    steps: tuple[ProcedureStep, ...] = VILLAGE_STEPS,
    exited_on: str | None = "2017-12-20",
) -> VillageRecord:
    """1000 rural residents; ``poor`` of them poor (20: exactly 2%)."""
    v = jz.Village(
        village_id=vid,
        county_code="370102",
        rural_population=1000,
        poor_population=poor,
        exit_steps=steps,
    )
    return VillageRecord(village=v, poor=exited_on is None, exited_on=exited_on)


def audit(
    *files: HouseholdFile, villages: tuple[VillageRecord, ...] = (), on: str = DAY
) -> jz.Decision:
    registry = CountyRegistry(county=COUNTY, households=files, villages=villages)
    return audit_exit_outcomes(registry, on=on)


def only(decision: jz.Decision) -> Finding:
    found = findings_of(decision)
    assert len(found) == 1, found
    return found[0]


def facts(x: Finding) -> dict[str, object]:
    return {e.name: e.value for e in x.evidence}


def poor(hid: str) -> HouseholdFile:
    return exited(hid, "2000", exit_day=None, status="poor")


def test_clean_registry_has_no_findings() -> None:
    """EXIT2016-3.1-b/c, EXIT2016-3.2-b/c: an exit meeting standard and procedure, a village at
    exactly 2%; a household still poor and a village not exited are not checked."""
    decision = audit(
        exited("H1"),
        poor("H2"),
        villages=(village("V1"), village("V2", 300, exited_on=None)),
    )
    assert decision.outcome is jz.Outcome.MET
    assert findings_of(decision) == ()
    assert Summary.of(decision) == Summary(checked=2, passing=2)
    assert decision.reasons[0].code == "PE_SUMMARY"


def test_each_planted_defect_is_found_once() -> None:
    """THREEYEAR2018-7.2-a (严格执行贫困退出标准和程序) and THREEYEAR2018-7.1-a
    (脱贫即出、返贫即入): each kind of finding once, with its code, entity, severity and
    responsible level."""
    no_verification = tuple(s for s in STEPS if s.step != "verification")
    no_review = tuple(s for s in VILLAGE_STEPS if s.step != "exit_review")
    relapsed_card = [AnnualIncome(year=2017, per_capita="3500")]
    decision = audit(
        exited("OK"),
        exited("WRONG", "2952"),
        exited("STEPS", steps=no_verification),
        exited("NOSTEPS", steps=()),
        exited("UNKNOWN", None, year=None),
        exited("NODAY", exit_day=None),
        exited("RELAPSED", "2500", year=2018, income_history=relapsed_card),
        exited("UNSURE", None, year=2018, income_history=relapsed_card),
        villages=(
            village("V_OK"),
            village("V_WRONG", 21),
            village("V_STEPS", steps=no_review),
            village("V_NOSTEPS", steps=()),
        ),
    )
    found = {(x.entity_id, x.code, x.severity, x.responsible.value) for x in findings_of(decision)}
    assert found == {
        ("WRONG", "PE_WRONG_EXIT", Severity.SERIOUS, "village"),
        ("STEPS", "PE_PROCEDURE_DEFECT", Severity.MODERATE, "village"),
        ("NOSTEPS", "PE_PROCEDURE_NOT_RECORDED", Severity.MODERATE, "village"),
        ("UNKNOWN", "PE_EXIT_UNDETERMINED", Severity.ADVISORY, "village"),
        ("NODAY", "PE_EXIT_DAY_MISSING", Severity.ADVISORY, "village"),
        ("RELAPSED", "PE_RELAPSE_NOT_READMITTED", Severity.SERIOUS, "county"),
        ("UNSURE", "PE_RELAPSE_UNDETERMINED", Severity.ADVISORY, "county"),
        ("V_WRONG", "PE_VILLAGE_WRONG_EXIT", Severity.SERIOUS, "township"),
        ("V_STEPS", "PE_VILLAGE_PROCEDURE_DEFECT", Severity.MODERATE, "township"),
        ("V_NOSTEPS", "PE_VILLAGE_PROCEDURE_NOT_RECORDED", Severity.MODERATE, "township"),
    }
    assert len(findings_of(decision)) == 10
    assert decision.outcome is jz.Outcome.NOT_MET
    assert Summary.of(decision) == Summary(checked=12, passing=2)


def test_wrong_exit_evidence_is_compact() -> None:
    """EXIT2016-3.1-b: the finding carries the exit's outcome, income, line and failed codes."""
    decision = audit(exited("WRONG", "2952"))
    x = only(decision)
    assert facts(x) == {
        "exit_day": "2017-12-20",
        "exit.outcome": "not_met",
        "per_capita_net_income": "2952",
        "income_year": 2017,
        "poverty_line": "2952",
        "exit.codes": "HX_INCOME_NOT_ABOVE_LINE",
    }
    assert x.message_zh == "贫困户于2017-12-20退出，但未达到退出标准：疑似错退"
    assert decision.basis == ()


def test_exit_boundary_2016_opinion_excludes_the_line() -> None:
    """EXIT2016-3.1-b: 稳定超过国家扶贫标准 — 超过 excludes the number: exactly the 2017 line
    (2952) is a wrong exit, a fen above is not."""
    assert only(audit(exited("H", "2952"))).code == "PE_WRONG_EXIT"
    assert audit(exited("H", "2952.01")).outcome is jz.Outcome.MET


def test_exit_boundary_before_the_2016_opinion_excludes_the_line() -> None:
    """Before 2016-04-28 the exit is read as income above the year's line (the 2015 line is
    2855): exactly at it is a wrong exit, a fen above is not; no procedure is required then."""
    x = only(audit(exited("H", "2855", year=2015, exit_day="2015-12-20", steps=())))
    assert (x.code, facts(x)["poverty_line"]) == ("PE_WRONG_EXIT", "2855")
    assert (
        audit(exited("H", "2855.01", year=2015, exit_day="2015-12-20", steps=())).outcome
        is jz.Outcome.MET
    )


def test_village_boundary_2_percent_is_included() -> None:
    """EXIT2016-3.2-b: 贫困发生率降至2％以下 — 以下 includes the number: 20 of 1000 passes,
    21 of 1000 is a wrong exit."""
    assert audit(villages=(village("V", 20),)).outcome is jz.Outcome.MET
    x = only(audit(villages=(village("V", 21),)))
    assert (x.code, x.entity.value, facts(x)["threshold"]) == (
        "PE_VILLAGE_WRONG_EXIT",
        "village",
        "0.02",
    )


def test_village_procedure_findings_cite_the_township_notice() -> None:
    """EXIT2016-3.2-c: 在乡镇内公示无异议后，公告退出."""
    x = only(audit(villages=(village("V", steps=()),)))
    assert "EXIT2016-3.2-c" in {c.clause_id for c in x.citations}


def test_household_procedure_findings_cite_the_procedure() -> None:
    """EXIT2016-3.1-c: 民主评议…核实…认可…公示…公告退出…销号."""
    x = only(audit(exited("H", steps=())))
    assert "EXIT2016-3.1-c" in {c.clause_id for c in x.citations}


def test_missing_data_is_never_precise() -> None:
    """Unknown is not met: an exit without income, or without a day, blocks the audit."""
    decision = audit(exited("H1"), exited("H2", None, year=None))
    assert decision.outcome is jz.Outcome.UNDETERMINED
    x = only(decision)
    assert (x.code, x.effect, facts(x)["exit.codes"]) == (
        "PE_EXIT_UNDETERMINED",
        jz.Effect.BLOCKS,
        "HX_INCOME_MISSING",
    )
    assert audit(exited("H3", exit_day=None)).outcome is jz.Outcome.UNDETERMINED
    assert audit().outcome is jz.Outcome.UNDETERMINED


def test_exit_reads_the_exit_years_income_from_the_history() -> None:
    """An exit on 2017-12-20 read the 2017 income (November onwards: the current year): taken
    from the income history when the card has moved on; without it, undecidable."""
    later = exited(
        "H", "2000", year=2018, income_history=[AnnualIncome(year=2017, per_capita="2952")]
    )
    x = only(audit(later, on="2019-06-30"))
    assert (x.code, facts(x)["income_year"]) == ("PE_WRONG_EXIT", 2017)
    lost = only(audit(exited("H", "5000", year=2018), on="2019-06-30"))
    assert lost.code == "PE_EXIT_UNDETERMINED"


def test_relapse_not_readmitted_boundary() -> None:
    """THREEYEAR2018-7.1-a (返贫即入), EXIT2016-2.1-a (返贫人口要及时纳入), BOOK2017-ch5-1.1-h
    (返贫的农民及时“入库”), BOOK2017-ch10-2.3 (重新纳入到帮扶体系中): an exited household whose
    2018 income is below the 2018 line (2995) on 2019-06-30; exactly at it, no relapse."""
    history = [AnnualIncome(year=2017, per_capita="3500")]
    x = only(audit(exited("H", "2994.99", year=2018, income_history=history), on="2019-06-30"))
    assert (x.code, facts(x)["identification.codes"]) == (
        "PE_RELAPSE_NOT_READMITTED",
        "ID_INCOME_BELOW_LINE",
    )
    assert {c.clause_id for c in x.citations} >= {"THREEYEAR2018-7.1-a", "BOOK2017-ch10-2.3"}
    clean = audit(exited("H", "2995", year=2018, income_history=history), on="2019-06-30")
    assert clean.outcome is jz.Outcome.MET


def test_relapsed_households_are_readmitted_and_their_exit_still_checked() -> None:
    """A household recorded 返贫 (status relapsed) is re-admitted: only its earlier exit is
    checked, not its relapse."""
    file = exited("H", "2952")
    entry = file.entry
    back = jz.RegistryEntry(
        household=entry.household,
        status="relapsed",
        history=(
            *entry.history,
            jz.StatusChange(on="2018-03-01", status="relapsed", action="返贫"),
        ),
    )
    x = only(audit(HouseholdFile(entry=back, registered_on="2014-10-01")))
    assert x.code == "PE_WRONG_EXIT"


def test_summary_cites_how_to_exit() -> None:
    """BOOK2017-ch4-3.3-f (脱贫成效精准…解决“如何退”的问题): the summary cites it."""
    decision = audit(exited("H1"))
    assert "BOOK2017-ch4-3.3-f" in {c.clause_id for c in decision.reasons[0].citations}
