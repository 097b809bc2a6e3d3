"""扶持对象精准 (DECISION2015-4-a; BOOK2017-ch4-3.3-b; MECH2014-1.2-b; THREEYEAR2018-7.1-b;
RESP2016-art15): registered households meet identification, and none who meet it are missed."""

from __future__ import annotations

from typing import Any

import jingzhun as jz
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.audit import Finding, Severity, Summary, findings_of
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile
from jingzhun.domain.model import AnnualIncome, Assets, IncomeStatement, Vehicle
from jingzhun.domain.vocabulary import VehicleKind
from jingzhun.rules.precision.beneficiaries import audit_beneficiaries, identification_day

COUNTY = jz.County(county_code="610999")
DAY = "2017-06-30"


def household(hid: str, per_capita: str | None, year: int | None, **extra: Any) -> jz.Household:
    extra.setdefault("county_code", "610999")
    return jz.Household(
        household_id=hid,
        declared_size=1,
        reported_per_capita_income=per_capita,
        income_year=year,
        guarantees=jz.Guarantees.all_met(),
        **extra,
    )


def registered(
    hid: str,
    per_capita: str | None = "2000",
    *,
    year: int | None = 2013,
    status: str = "poor",
    registered_on: str | None = "2014-10-01",
    history: tuple[jz.StatusChange, ...] = (),
    **extra: Any,
) -> HouseholdFile:
    """Registered on 2014-10-01: identification then reads the 2013 income (line 2736)."""
    return HouseholdFile(
        entry=jz.RegistryEntry(
            household=household(hid, per_capita, year, **extra), status=status, history=history
        ),
        registered_on=registered_on,
    )


def outside(hid: str, per_capita: str | None, *, year: int = 2016) -> HouseholdFile:
    """A household in the data, not registered (the 2016 line is 2952)."""
    return HouseholdFile(
        entry=jz.RegistryEntry(household=household(hid, per_capita, year), status="not_registered")
    )


def audit(*files: HouseholdFile, params: ParameterSet | None = None) -> jz.Decision:
    return audit_beneficiaries(
        CountyRegistry(county=COUNTY, households=files), on=DAY, params=params
    )


def only(decision: jz.Decision) -> Finding:
    found = findings_of(decision)
    assert len(found) == 1, found
    return found[0]


def facts(x: Finding) -> dict[str, object]:
    return {e.name: e.value for e in x.evidence}


def test_clean_registry_has_no_findings() -> None:
    """DECISION2015-4-a (扶持对象精准): registered poor, relapsed and exited households that met
    identification, a non-registered household exactly at the line; a removed one is skipped."""
    decision = audit(
        registered("H1"),
        registered("H2", status="relapsed"),
        registered("H3", status="exited"),
        outside("H4", "2952"),
        registered("H5", "5000", status="removed"),
    )
    assert decision.outcome is jz.Outcome.MET
    assert findings_of(decision) == ()
    assert Summary.of(decision) == Summary(checked=4, passing=4)
    assert decision.reasons[0].code == "PB_SUMMARY"
    assert "在册4户" not in decision.reasons[0].message_zh
    assert "在册3户、未建档立卡1户" in decision.reasons[0].message_zh


ANKANG_CAR = Assets(vehicles=(Vehicle(kind=VehicleKind.PRIVATE_CAR, purchase_price="20000"),))


def test_each_planted_defect_is_found_once() -> None:
    """BOOK2017-ch4-3.3-b (扶持谁) and THREEYEAR2018-7.1-b (剔除不合条件的人口，及时纳入遗漏在外的):
    each kind of finding once, with its code, household, severity and responsible level."""
    decision = audit(
        registered("OK"),
        registered("WRONG", "2736"),
        outside("MISSED", "2951.99"),
        registered("EXCLUDED", county_code="610921", assets=ANKANG_CAR),
        registered(
            "RISEN", "3000", year=2016, income_history=[AnnualIncome(year=2013, per_capita="2000")]
        ),
        registered("UNKNOWN", None, year=None),
        registered("NODAY", registered_on=None),
    )
    found = {(x.entity_id, x.code, x.severity, x.responsible.value) for x in findings_of(decision)}
    assert found == {
        ("WRONG", "PB_WRONGLY_IDENTIFIED", Severity.SERIOUS, "county"),
        ("MISSED", "PB_MISSED", Severity.SERIOUS, "county"),
        ("EXCLUDED", "PB_EXCLUDED_NOW", Severity.MODERATE, "county"),
        ("RISEN", "PB_NOT_BELOW_LINE_NOW", Severity.ADVISORY, "village"),
        ("UNKNOWN", "PB_UNDETERMINED", Severity.ADVISORY, "county"),
        ("NODAY", "PB_NO_IDENTIFICATION_DAY", Severity.ADVISORY, "county"),
    }
    assert len(findings_of(decision)) == 6
    assert decision.outcome is jz.Outcome.NOT_MET
    # RISEN is only advisory: it passes; WRONG, MISSED, EXCLUDED, UNKNOWN and NODAY do not.
    assert Summary.of(decision) == Summary(checked=7, passing=2)


def test_wrong_identification_evidence_is_compact() -> None:
    """The finding carries the identification's outcome, income, line and failed codes — not
    the decision (a registry holds 100k households)."""
    decision = audit(registered("WRONG", "2736"))
    x = only(decision)
    assert facts(x) == {
        "decided_on": "2014-10-01",
        "identification.outcome": "not_met",
        "per_capita_net_income": "2736",
        "income_year": 2013,
        "poverty_line": "2736",
        "identification.codes": "ID_INCOME_NOT_BELOW_LINE",
    }
    assert x.message_zh == "建档立卡户识别时（2014-10-01）不符合识别标准：疑似错评"
    assert decision.basis == ()


def test_identification_boundary_at_registration_excludes_the_line() -> None:
    """BOOK2017-ch5-end-b: 收入低于国家扶贫标准 — 低于 excludes the number: exactly the 2013 line
    (2736) at registration is 错评; a fen below is not; from the components too (3 persons)."""
    assert only(audit(registered("H", "2736"))).code == "PB_WRONGLY_IDENTIFIED"
    assert audit(registered("H", "2735.99")).outcome is jz.Outcome.MET
    assert audit(registered("H", "2737")).outcome is jz.Outcome.NOT_MET
    three = jz.Household(
        household_id="H3",
        county_code="610999",
        declared_size=3,
        income=IncomeStatement(wages="8208"),
        income_year=2013,
        guarantees=jz.Guarantees.all_met(),
    )
    file = HouseholdFile(
        entry=jz.RegistryEntry(household=three, status="poor"), registered_on="2014-10-01"
    )
    assert only(audit(file)).code == "PB_WRONGLY_IDENTIFIED"


def test_missed_boundary_excludes_the_line() -> None:
    """THREEYEAR2018-7.1-b (及时纳入符合条件但遗漏在外的贫困人口): exactly at the 2016 line is not
    missed, a fen below is."""
    assert audit(outside("H", "2952")).outcome is jz.Outcome.MET
    x = only(audit(outside("H", "2951.99")))
    assert (x.code, facts(x)["poverty_line"]) == ("PB_MISSED", "2952")


def test_registration_reads_the_income_of_the_year_before_from_the_history() -> None:
    """The card holds today's income; identification on 2014-10-01 read 2013's: taken from the
    income history. The registry does not keep 2013's 两不愁三保障, so they are unrecorded:
    above the guarantee margin (2736 × 1.1) the household is 错评; at the line an unmet
    guarantee could have qualified it (undecidable); without 2013's figure, undecidable."""

    def with_history(per_capita: str) -> HouseholdFile:
        history = [AnnualIncome(year=2013, per_capita=per_capita)]
        return registered("H", "2500", year=2016, income_history=history)

    x = only(audit(with_history("3100")))
    assert (x.code, facts(x)["income_year"]) == ("PB_WRONGLY_IDENTIFIED", 2013)
    assert only(audit(with_history("2736"))).code == "PB_UNDETERMINED"
    assert audit(with_history("2735.99")).outcome is jz.Outcome.MET
    gap = audit(registered("H", "2500", year=2016))
    assert only(gap).code == "PB_UNDETERMINED"
    assert gap.outcome is jz.Outcome.UNDETERMINED


def test_missing_data_is_never_precise() -> None:
    """Unknown is not met: a household without income blocks the audit (one finding), and a
    non-registered one without income cannot be cleared of 漏评 either."""
    decision = audit(registered("H1"), registered("H2", None, year=None))
    assert decision.outcome is jz.Outcome.UNDETERMINED
    x = only(decision)
    assert (x.code, x.effect) == ("PB_UNDETERMINED", jz.Effect.BLOCKS)
    assert facts(x)["identification.codes"] == "ID_INCOME_MISSING"
    assert Summary.of(decision) == Summary(checked=2, passing=1)
    assert audit(outside("H3", None)).outcome is jz.Outcome.UNDETERMINED
    assert audit().outcome is jz.Outcome.UNDETERMINED


def test_identification_day_prefers_the_card_then_registration_then_history() -> None:
    """MECH2014-1.2-b (分级负责、精准识别): the identification re-decided is the one the card
    records; the registration day is the same round; the first poor entry is the last resort."""
    poor = jz.StatusChange(on="2015-03-01", status="poor", action="识别")
    assert str(identification_day(registered("H", identified_on="2014-09-01"))) == "2014-09-01"
    assert str(identification_day(registered("H"))) == "2014-10-01"
    assert str(identification_day(registered("H", registered_on=None, history=(poor,)))) == (
        "2015-03-01"
    )


def test_status_is_read_on_the_audit_day() -> None:
    """A household exited before the audit day is not checked today, only when identified."""
    history = (
        jz.StatusChange(on="2014-10-01", status="poor", action="识别"),
        jz.StatusChange(on="2016-12-20", status="exited", action="退出"),
    )
    risen = registered(
        "H",
        "3000",
        year=2016,
        status="exited",
        history=history,
        income_history=[AnnualIncome(year=2013, per_capita="2000")],
    )
    assert findings_of(audit(risen)) == ()


def test_local_exclusions_reach_the_audit_through_params() -> None:
    """RESP2016-art15 (the county checks 精准识别): the Ankang list (overlay 6109, from
    2017-05-03) applies on the audit day, not at the 2014 registration."""
    file = registered("H", county_code="610921", assets=ANKANG_CAR)
    x = only(audit(file, params=ParameterSet.bundled()))
    assert (x.code, facts(x)["identification.codes"]) == (
        "PB_EXCLUDED_NOW",
        "ID_EXCLUDED_BY_LOCAL_LIST",
    )
    before = audit_beneficiaries(CountyRegistry(county=COUNTY, households=(file,)), on="2017-05-02")
    assert findings_of(before) == ()
