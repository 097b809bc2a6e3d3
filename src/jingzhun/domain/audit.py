"""Audit findings: what an audit rule found, where, how serious, and who answers for it.

An audit rule (the six precisions) is a rule like any other: it returns a
:class:`~jingzhun.core.decisions.Decision` whose reasons are its findings. A finding is a
reason that also names its entity, severity and responsible level, carried as evidence
(``entity``, ``entity_id``, ``severity``, ``responsible``) so decisions keep one JSON shape.
:class:`Finding` is the typed view of such a reason; :func:`finding` makes one.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from jingzhun.core.citations import Citation
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

    An advisory finding is a note: it never fails the precision it belongs to.
    """
    if severity is Severity.ADVISORY and effect is Effect.OPPOSES:
        effect = Effect.NOTE
    meta = (
        evidence("entity", entity),
        evidence("entity_id", entity_id),
        evidence("severity", severity),
        evidence("responsible", responsible),
    )
    return code(effect, evidence=(*meta, *facts), citations=citations, **fields)


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
