"""The six-precisions audit rendered as text, JSON (validated against its schema) and one
self-contained HTML page (no external resource, hostile ids escaped)."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import jsonschema
import referencing

from audit_sample import sample_registry, stand_in_report
from jingzhun.core.decisions import Effect
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.resources import load_json
from jingzhun.domain.audit import EntityKind, Finding, Responsible, Severity
from jingzhun.reports.audit_common import findings_per_village, percent, villages_of
from jingzhun.reports.audit_html import render_html
from jingzhun.reports.audit_json import SCHEMA_ID, audit_to_dict, render_json
from jingzhun.reports.audit_text import render_text

HOSTILE = '<script>alert("x")</script>&'


def _validator() -> jsonschema.protocols.Validator:
    audit = load_json("schemas", "audit-report-v1.schema.json")
    decision = load_json("schemas", "decision.schema.json")
    registry: referencing.Registry = referencing.Registry().with_resources(
        [(s["$id"], referencing.Resource.from_contents(s)) for s in (dict(audit), dict(decision))]
    )
    cls = jsonschema.validators.validator_for(audit)
    cls.check_schema(audit)
    return cls(audit, registry=registry)


def test_text_lists_each_precision_with_summary_counts_and_grouped_findings() -> None:
    text = render_text(stand_in_report())
    assert text.startswith("六个精准审计 / six precisions audit\n县 county: 610999")
    assert "1. 扶持对象精准 precise beneficiaries (precision.beneficiaries)" in text
    assert "   核查 checked: 7   通过 passing: 5   通过率 share: 71.4%" in text
    assert "   [严重 serious] MH_NO_HELPER ×1 — 责任 responsible: 县级党委和政府" in text
    assert "       出处 source: DECISION2015-24-a 六、（二十四）; MECH2014-1.3-c 一、（三）" in text
    assert "     - 户 household H2: 贫困户无帮扶责任人" in text
    assert "   核查 checked: 0   通过 passing: 0   通过率 share: —" in text
    assert text.endswith(
        "合计 total: 6 项发现 findings   严重 serious 3  一般 moderate 2  提示 advisory 1\n"
        "结论 outcomes: 符合 met: 1  不符合 not met: 4  无法判定 undetermined: 1\n"
    )


def test_text_truncates_long_lists_with_a_more_line_and_shows_all_on_request() -> None:
    report = stand_in_report()
    short = render_text(report, limit=1)
    assert "   … 1 more（全部 all: --all）" in short  # 措施到户精准 has two findings
    assert "H3" not in short.split("4. 措施到户精准")[1].split("5. ")[0]
    full = render_text(report, limit=None)
    assert "more（" not in full and "     - 户 household H3: 贫困户无脱贫计划" in full


def test_text_escapes_control_characters_in_ids() -> None:
    text = render_text(stand_in_report(hostile="H\x1b[31m9"))
    assert "\x1b" not in text and "H\\x1b[31m9" in text


def test_share_is_rounded_for_display_only() -> None:
    assert percent(Decimal(2) / Decimal(3)) == "66.7%"
    assert percent(Decimal("0.0005"), 1) == "0.1%"  # half up
    assert percent(None) == "—"


def test_json_is_versioned_and_valid_against_its_schema() -> None:
    report = stand_in_report()
    data = json.loads(render_json(report))
    _validator().validate(data)
    assert data["schema"] == SCHEMA_ID == "urn:jingzhun:schema:audit:1"
    assert (data["county_code"], data["on"]) == ("610999", "2017-12-31")
    assert [p["precision"] for p in data["precisions"]] == [
        "beneficiaries",
        "projects",
        "funds",
        "measures_to_household",
        "village_dispatch",
        "exit_outcomes",
    ]
    mh = data["precisions"][3]
    assert mh["summary"] == {"checked": 7, "passing": 5}
    assert mh["findings_by_severity"] == {"serious": 1, "moderate": 1, "advisory": 0}
    assert mh["decision"] == report.results[3].decision.to_dict()
    assert data["findings_by_severity"] == {"serious": 3, "moderate": 2, "advisory": 1}
    assert data["outcomes"] == {"met": 1, "not_met": 4, "undetermined": 1}
    assert audit_to_dict(report) == data


def test_json_schema_refuses_a_wrong_document() -> None:
    data = audit_to_dict(stand_in_report())
    data["precisions"][0]["summary"] = {"checked": -1, "passing": 0}
    errors = list(_validator().iter_errors(data))
    assert errors


def test_html_is_self_contained_with_six_cards_and_escapes_everything() -> None:
    registry = sample_registry()
    threshold = ParameterSet.bundled().resolve(
        "exit.village.incidence_threshold_west", on="2017-12-31", region="610999"
    )
    page = render_html(stand_in_report(hostile=HOSTILE), registry=registry, threshold=threshold)
    assert page.startswith("<!DOCTYPE html>")
    assert len(re.findall(r'<article class="card ', page)) == 6
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", page, re.I)
    assert "http" not in page and "<script" not in page and "<link" not in page
    assert "@import" not in page and "url(" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in page
    assert "退出标准 threshold" in page and "3.0%" in page
    for title in (
        "扶持对象精准",
        "项目安排精准",
        "资金使用精准",
        "措施到户精准",
        "因村派人精准",
        "脱贫成效精准",
    ):
        assert f"<h3>{title}<span" in page


def test_html_without_registry_has_no_village_charts() -> None:
    page = render_html(stand_in_report())
    assert "各村发现数" not in page and "各精准发现数" in page and "发现清单" in page


def _finding(kind: EntityKind, ident: str) -> Finding:
    return Finding(
        code="X",
        entity=kind,
        entity_id=ident,
        severity=Severity.SERIOUS,
        responsible=Responsible.VILLAGE,
        effect=Effect.OPPOSES,
        message_zh="",
        message_en="",
        evidence=(),
        citations=(),
    )


def test_findings_are_attributed_to_villages_through_the_registry() -> None:
    registry = sample_registry()
    assert villages_of(_finding(EntityKind.HOUSEHOLD, "H3"), registry) == ("V2",)
    assert villages_of(_finding(EntityKind.VILLAGE, "V9"), registry) == ("V9",)
    assert villages_of(_finding(EntityKind.POSTING, "P1"), registry) == ("V1",)
    assert villages_of(_finding(EntityKind.POSTING, "V3/P7"), registry) == ("V3",)
    assert villages_of(_finding(EntityKind.PROJECT, "PJ1"), registry) == ("V2",)
    assert villages_of(_finding(EntityKind.FUND, "F1"), registry) == ("V2",)
    assert villages_of(_finding(EntityKind.COUNTY, "610999"), registry) == ()
    assert villages_of(_finding(EntityKind.HOUSEHOLD, "nobody"), registry) == ()
    counts = findings_per_village(stand_in_report().findings, registry)
    assert counts == {"V1": 1, "V2": 4, "V3": 1}
    hostile = findings_per_village(stand_in_report(hostile="H?").findings, registry)
    assert hostile == {"V1": 1, "V2": 4, "V3": 0, "—": 1}
