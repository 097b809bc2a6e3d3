"""Audit findings: what an audit rule found, where, how serious, and who answers for it.

An audit rule (the six precisions) is a rule like any other: it returns a
:class:`~jingzhun.core.decisions.Decision` whose reasons are its findings. A finding is a
reason that also names its entity, severity and responsible level, carried as evidence
(``entity``, ``entity_id``, ``severity``, ``responsible``) so decisions keep one JSON shape.
:class:`Finding` is the typed view of such a reason; :func:`finding` makes one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.citations import Citation, cite
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
    ReasonCode,
    evidence,
)
from jingzhun.core.labels import Labelled


class SixPrecision(Labelled):
    """六个精准 (《中共中央 国务院关于打赢脱贫攻坚战的决定》三、（四）), in the decision's order."""

    BENEFICIARIES = ("beneficiaries", "扶持对象精准", "precise beneficiaries")
    PROJECTS = ("projects", "项目安排精准", "precise project arrangement")
    FUNDS = ("funds", "资金使用精准", "precise use of funds")
    MEASURES_TO_HOUSEHOLD = ("measures_to_household", "措施到户精准", "precise household measures")
    VILLAGE_DISPATCH = ("village_dispatch", "因村派人精准", "precise dispatch of personnel")
    EXIT_OUTCOMES = ("exit_outcomes", "脱贫成效精准", "precise exit outcomes")

    @property
    def rule_id(self) -> str:
        return f"precision.{self.value}"


class Severity(Labelled):
    """How serious a finding is; ``advisory`` findings never fail a precision."""

    SERIOUS = ("serious", "严重", "serious")
    MODERATE = ("moderate", "一般", "moderate")
    ADVISORY = ("advisory", "提示", "advisory")


class Responsible(Labelled):
    """The level that answers for a finding (《脱贫攻坚责任制实施办法》 第二章–第四章)."""

    PROVINCE = ("province", "省级党委和政府", "provincial Party committee and government")
    PREFECTURE = ("prefecture", "市级党委和政府", "prefecture Party committee and government")
    COUNTY = ("county", "县级党委和政府", "county Party committee and government")
    TOWNSHIP = ("township", "乡镇党委和政府", "township Party committee and government")
    VILLAGE = ("village", "村两委和驻村工作队", "village committees and resident team")
    DISPATCHING_UNIT = ("dispatching_unit", "派出单位", "dispatching unit")

    @property
    def articles(self) -> tuple[str, ...]:
        """The clause(s) that make this level answerable, cited by every finding of the level
        (see :data:`RESPONSIBLE_ARTICLES`)."""
        return RESPONSIBLE_ARTICLES[self][0]

    @property
    def level_clauses(self) -> frozenset[str]:
        """Every clause that assigns a duty to this level: a finding already citing one of
        them names its responsible article and gets no other."""
        return frozenset(RESPONSIBLE_ARTICLES[self][0]) | RESPONSIBLE_ARTICLES[self][1]

    def citations(self) -> tuple[Citation, ...]:
        """The citations of :attr:`articles`."""
        return tuple(cite(x) for x in self.articles)


RESPONSIBLE_ARTICLES: Final[Mapping[Responsible, tuple[tuple[str, ...], frozenset[str]]]] = {
    # 第九条 省级党委和政府对本地区脱贫攻坚工作负总责, with 第十–十二条 and 决定 八、（二十九）.
    Responsible.PROVINCE: (
        ("RESP2016-art9-a",),
        frozenset(
            {
                "RESP2016-art9-b",
                "RESP2016-art9-c",
                "RESP2016-art10",
                "RESP2016-art11",
                "RESP2016-art12-a",
                "RESP2016-art12-b",
                "DECISION2015-29-c",
            }
        ),
    ),
    # 第十三条 市级党委和政府…督促、检查和监督.
    Responsible.PREFECTURE: (("RESP2016-art13",), frozenset({"DECISION2015-29-d"})),
    # 第十四条 县级党委和政府承担脱贫攻坚主体责任, with 第十五–十九条 (the county's duties).
    Responsible.COUNTY: (
        ("RESP2016-art14",),
        frozenset(
            {
                "RESP2016-art15",
                "RESP2016-art16",
                "RESP2016-art19",
                "DECISION2015-29-e",
            }
        ),
    ),
    # Townships and villages have no article of their own: they carry out 精准扶贫精准脱贫 under
    # the county's guidance (第十六条, 乡、村落实…的指导意见并监督实施) and do the registration
    # and exit work (第十五条, 指导乡、村组织实施…建档立卡和退出工作) — jingzhun's reading.
    Responsible.TOWNSHIP: (("RESP2016-art16",), frozenset({"RESP2016-art15"})),
    Responsible.VILLAGE: (("RESP2016-art16",), frozenset({"RESP2016-art15"})),
    # 三年行动 八、（四） 派出单位要严格落实项目、资金、责任捆绑要求; 第二十一条 for the
    # designated-assistance units (不脱贫不脱钩).
    Responsible.DISPATCHING_UNIT: (
        ("THREEYEAR2018-8.4-g",),
        frozenset({"RESP2016-art21", "BOOK2017-ch10-6.1-a"}),
    ),
}
"""Each responsible level: (the article(s) its findings cite, other clauses of the level)."""


class EntityKind(Labelled):
    """What a finding is about."""

    COUNTY = ("county", "县", "county")
    VILLAGE = ("village", "村", "village")
    HOUSEHOLD = ("household", "户", "household")
    PROJECT = ("project", "项目", "project")
    FUND = ("fund", "资金", "fund record")
    POSTING = ("posting", "派驻", "posting")


_META = ("entity", "entity_id", "severity", "responsible")


def finding(
    code: ReasonCode,
    *,
    entity: EntityKind,
    entity_id: str,
    severity: Severity,
    responsible: Responsible,
    effect: Effect = Effect.OPPOSES,
    facts: Iterable[Evidence] = (),
    citations: Iterable[Citation] | None = None,
    **fields: Any,
) -> Reason:
    """A finding as a reason: ``code`` filled with ``fields``, the meta as leading evidence.

    An advisory finding is a note: it never fails the precision it belongs to. The finding
    names its responsible level's article (:attr:`Responsible.articles`, 《脱贫攻坚责任制实施
    办法》): it is appended to the citations (the code's, or ``citations``) unless they
    already cite a clause of that level.
    """
    if severity is Severity.ADVISORY and effect is Effect.OPPOSES:
        effect = Effect.NOTE
    meta = (
        evidence("entity", entity),
        evidence("entity_id", entity_id),
        evidence("severity", severity),
        evidence("responsible", responsible),
    )
    cited = with_responsible(code.citations if citations is None else citations, responsible)
    return code(effect, evidence=(*meta, *facts), citations=cited, **fields)


def with_responsible(
    citations: Iterable[Citation], responsible: Responsible
) -> tuple[Citation, ...]:
    """``citations`` with the responsible level's article appended, unless one of them is
    already a clause of that level (:attr:`Responsible.level_clauses`)."""
    cited = tuple(citations)
    if any(c.clause_id in responsible.level_clauses for c in cited):
        return cited
    return (*cited, *responsible.citations())


@attrs.frozen(kw_only=True)
class Finding:
    """The typed view of a finding reason (see :func:`finding`)."""

    code: str
    entity: EntityKind
    entity_id: str
    severity: Severity
    responsible: Responsible
    effect: Effect
    message_zh: str
    message_en: str
    evidence: tuple[Evidence, ...]
    citations: tuple[Citation, ...]

    @classmethod
    def of(cls, reason: Reason) -> Finding | None:
        """The finding a reason carries, or None for a reason that is not one."""
        meta = {e.name: e.value for e in reason.evidence if e.name in _META}
        if set(meta) != set(_META):
            return None
        return cls(
            code=reason.code,
            entity=EntityKind.of(str(meta["entity"])),
            entity_id=str(meta["entity_id"]),
            severity=Severity.of(str(meta["severity"])),
            responsible=Responsible.of(str(meta["responsible"])),
            effect=reason.effect,
            message_zh=reason.message_zh,
            message_en=reason.message_en,
            evidence=tuple(e for e in reason.evidence if e.name not in _META),
            citations=reason.citations,
        )


@attrs.frozen(kw_only=True)
class Summary:
    """How many entities a check looked at and how many passed it."""

    checked: int
    passing: int

    @property
    def share(self) -> Decimal | None:
        """The passing share (exact), or None when nothing was checked."""
        return None if self.checked == 0 else Decimal(self.passing) / Decimal(self.checked)

    def facts(self) -> tuple[Evidence, ...]:
        return (evidence("checked", self.checked), evidence("passing", self.passing))

    @classmethod
    def of(cls, decision: Decision) -> Summary | None:
        """The summary a decision's summary reason carries (evidence ``checked``/``passing``)."""
        for reason in decision.reasons:
            facts = {e.name: e.value for e in reason.evidence}
            checked, passing = facts.get("checked"), facts.get("passing")
            if isinstance(checked, int) and isinstance(passing, int) and "entity" not in facts:
                return cls(checked=checked, passing=passing)
        return None


def audit_outcome(reasons: Iterable[Reason], summary: Summary) -> Outcome:
    """An audit's outcome: 不符合 on any opposing finding; else 无法判定 on any blocking one or
    when nothing could be checked; else 符合 (advisory notes never fail an audit)."""
    effects = {r.effect for r in reasons}
    if Effect.OPPOSES in effects:
        return Outcome.NOT_MET
    if Effect.BLOCKS in effects or summary.checked == 0:
        return Outcome.UNDETERMINED
    return Outcome.MET


def findings_of(decision: Decision) -> tuple[Finding, ...]:
    """Every finding of an audit decision (its basis included), in order."""
    found = (Finding.of(r) for r in decision.flat_reasons())
    return tuple(x for x in found if x is not None)


@attrs.frozen(kw_only=True)
class PrecisionResult:
    """One precision's audit: its decision, findings and summary."""

    precision: SixPrecision
    decision: Decision

    @property
    def findings(self) -> tuple[Finding, ...]:
        return findings_of(self.decision)

    @property
    def summary(self) -> Summary | None:
        return Summary.of(self.decision)


@attrs.frozen(kw_only=True)
class AuditReport:
    """The six precisions audited for one county registry on one day."""

    county_code: str
    on: Any
    results: tuple[PrecisionResult, ...]

    def precision(self, name: str | SixPrecision) -> PrecisionResult:
        """The result of one precision, by its code (``"measures_to_household"``) or member."""
        wanted = SixPrecision.of_any(name)
        for result in self.results:
            if result.precision is wanted:
                return result
        raise KeyError(f"the report has no {wanted.value} audit")

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(x for r in self.results for x in r.findings)

    def counts_by_severity(self) -> dict[Severity, int]:
        counts = dict.fromkeys(Severity, 0)
        for x in self.findings:
            counts[x.severity] += 1
        return counts
