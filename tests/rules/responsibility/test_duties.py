"""The duty table (responsibility.duties) and the articles findings cite for their
responsible level: RESP2016-art3 (中央统筹、省负总责、市县抓落实), RESP2016-art9-a (省负总责),
RESP2016-art13 (市), RESP2016-art14 (县 主体责任), RESP2016-art16 (乡、村),
THREEYEAR2018-8.4-g (派出单位)."""

from __future__ import annotations

import pytest

import jingzhun as jz
from audit_sample import demo_report
from jingzhun.core.decisions import Effect, ReasonCode
from jingzhun.domain.audit import EntityKind, Finding, Responsible, Severity, finding
from jingzhun.domain.responsibility import DutyLevel, citations_for, duties_of


def test_duties_of_the_county_after_the_guidance() -> None:
    """RESP2016-art14 and THREEYEAR2018-8.1-c/d/e are county duties on 2019-01-01."""
    clauses = {c for d in duties_of("county", on="2019-01-01") for c in d.clauses}
    assert {
        "RESP2016-art14",
        "THREEYEAR2018-8.1-c",
        "THREEYEAR2018-8.1-d",
        "THREEYEAR2018-8.1-e",
    } <= clauses


def test_duties_are_dated() -> None:
    """DECISION2015-29-e applies from 2015-11-29, RESP2016-art14 from 2016-10-11."""
    before = {c for d in duties_of(DutyLevel.COUNTY, on="2016-10-10") for c in d.clauses}
    assert before == {"DECISION2015-29-e"}
    after = {c for d in duties_of(DutyLevel.COUNTY, on="2016-10-11") for c in d.clauses}
    assert "RESP2016-art14" in after


def test_every_duty_cites_known_clauses() -> None:
    known = {c.id for c in jz.clauses()}
    for duty in duties_of(on="2020-12-31"):
        assert set(duty.clauses) <= known, duty
        assert duty.status in ("confirmed", "interpretation")


@pytest.mark.parametrize("responsible", list(Responsible))
def test_each_responsible_level_has_its_article(responsible: Responsible) -> None:
    """Each level's article is a duty of that level in the table."""
    cited = [c.clause_id for c in citations_for(responsible)]
    assert cited
    table = {c for d in duties_of(responsible, on="2020-12-31") for c in d.clauses}
    assert set(cited) <= table


_CODE = ReasonCode(code="XX_TEST", zh="测试", en="test")


def _finding(responsible: Responsible, citations: tuple[str, ...] | None) -> Finding:
    cites = None if citations is None else tuple(jz.cite(c) for c in citations)
    reason = finding(
        _CODE,
        entity=EntityKind.VILLAGE,
        entity_id="V1",
        severity=Severity.MODERATE,
        responsible=responsible,
        effect=Effect.OPPOSES,
        citations=cites,
    )
    found = Finding.of(reason)
    assert found is not None
    return found


def test_a_finding_names_its_responsible_article() -> None:
    """RESP2016-art14: a county finding that cites another clause also cites 第十四条."""
    found = _finding(Responsible.COUNTY, ("BOOK2017-ch5-1.4-b",))
    assert [c.clause_id for c in found.citations] == ["BOOK2017-ch5-1.4-b", "RESP2016-art14"]


def test_a_finding_already_citing_its_level_gets_nothing_more() -> None:
    """RESP2016-art19 is a county duty: a finding citing it names the county already."""
    found = _finding(Responsible.COUNTY, ("RESP2016-art19",))
    assert [c.clause_id for c in found.citations] == ["RESP2016-art19"]


def test_dispatching_unit_and_province() -> None:
    """THREEYEAR2018-8.4-g (派出单位) and RESP2016-art9-a (省负总责)."""
    assert _finding(Responsible.DISPATCHING_UNIT, None).citations[-1].clause_id == (
        "THREEYEAR2018-8.4-g"
    )
    assert _finding(Responsible.PROVINCE, ()).citations[0].clause_id == "RESP2016-art9-a"


def test_every_six_precisions_finding_names_its_level() -> None:
    """RESP2016-art3: every finding of the demo county's audit (24 planted defects) cites a
    clause of its responsible level."""
    report, _ = demo_report()
    assert report.findings
    for found in report.findings:
        ids = {c.clause_id for c in found.citations}
        assert ids & found.responsible.level_clauses, found.code
