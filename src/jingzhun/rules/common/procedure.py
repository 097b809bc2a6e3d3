"""Checking dated procedures: steps present, in order, notices long enough, no open objection.

Shared by every rule family that has a procedure (identification 两公示一公告, household,
village and county exit). The expected steps are parameter data (a table of
``{step, notice, optional}`` rows), so dated versions of a procedure are dated values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from typing import Any, Final

from jingzhun.core.citations import Citation
from jingzhun.core.dates import days_counted
from jingzhun.core.decisions import Effect, Evidence, ParameterUse, Reason, ReasonCode
from jingzhun.core.parameters import ResolvedParameter
from jingzhun.domain.model import ProcedureStep

STEP_MISSING = ReasonCode(
    code="PROC_STEP_MISSING",
    zh="缺少程序步骤：{step}",
    en="missing step: {step_en}",
)
STEP_PRESENT = ReasonCode(
    code="PROC_STEP_PRESENT",
    zh="步骤“{step}”于{day}完成",
    en="step '{step_en}' done on {day}",
)
STEP_OUT_OF_ORDER = ReasonCode(
    code="PROC_STEP_OUT_OF_ORDER",
    zh="步骤“{step}”（{day}）早于前一步骤“{prev}”（{prev_day}）",
    en="step '{step_en}' ({day}) comes before the previous step '{prev_en}' ({prev_day})",
)
STEP_BEFORE_NOTICE_ENDED = ReasonCode(
    code="PROC_STEP_BEFORE_NOTICE_ENDED",
    zh="步骤“{step}”（{day}）在公示“{notice}”结束（{notice_end}）前进行",
    en="step '{step_en}' ({day}) happened before notice '{notice_en}' ended ({notice_end})",
)
NOTICE_TOO_SHORT = ReasonCode(
    code="PROC_NOTICE_TOO_SHORT",
    zh="公示“{step}”{first}至{last}共{days}天，少于{minimum}天",
    en="notice '{step_en}' from {first} to {last} ran {days} days, fewer than {minimum}",
)
NOTICE_NO_END = ReasonCode(
    code="PROC_NOTICE_END_MISSING",
    zh="公示“{step}”没有结束日期",
    en="notice '{step_en}' has no last day",
)
OBJECTION_UNRESOLVED = ReasonCode(
    code="PROC_OBJECTION_UNRESOLVED",
    zh="公示“{step}”有{open}件异议未处理",
    en="notice '{step_en}' has {open} unresolved objection(s)",
)
STEP_AFTER_DECISION = ReasonCode(
    code="PROC_STEP_AFTER_DECISION_DATE",
    zh="步骤“{step}”日期{day}晚于判定日期{on}",
    en="step '{step_en}' is dated {day}, after the decision date {on}",
)
STEP_UNKNOWN = ReasonCode(
    code="PROC_STEP_UNKNOWN",
    zh="未知或重复的步骤：{step}",
    en="unknown or repeated step: {step_en}",
)

PROCEDURE_CODES: Final = (
    STEP_MISSING,
    STEP_PRESENT,
    STEP_OUT_OF_ORDER,
    STEP_BEFORE_NOTICE_ENDED,
    NOTICE_TOO_SHORT,
    NOTICE_NO_END,
    OBJECTION_UNRESOLVED,
    STEP_AFTER_DECISION,
    STEP_UNKNOWN,
)

STEP_LABELS: Final[dict[str, tuple[str, str]]] = {
    "application": ("农户申请", "application"),
    "democratic_appraisal": ("民主评议", "democratic appraisal"),
    "first_notice": ("第一次公示", "first public notice"),
    "township_review": ("乡镇审核", "township review"),
    "second_notice": ("第二次公示", "second public notice"),
    "county_approval": ("县级审定", "county approval"),
    "announcement": ("公告", "announcement"),
    "data_entry": ("录入信息系统", "entry into the national information system"),
    "verification": ("村两委和驻村工作队核实", "verification by the village committees and team"),
    "household_consent": ("拟退出贫困户认可", "consent of the household"),
    "village_notice": ("村内公示", "notice in the village"),
    "deregistration": ("销号", "removal from the registry"),
    "township_notice": ("乡镇内公示", "notice in the township"),
    "village_proposal": ("提出贫困村退出", "proposal of the village's exit"),
    "exit_review": ("审核审查", "review and examination of the exit"),
    "county_application": ("县提出申请", "application by the county"),
    "prefecture_review": ("市（地）初审", "preliminary review by the prefecture"),
    "provincial_approval": ("省级审定", "approval by the province"),
    "filing": ("报国务院扶贫开发领导小组备案", "filing with the State Council leading group"),
    "county_proposal": ("县级扶贫开发领导小组提出退出", "proposal by the county leading group"),
    "city_review": ("市级扶贫开发领导小组初审", "preliminary review by the city leading group"),
    "provincial_verification": ("省级扶贫开发领导小组核查", "verification by the provincial group"),
    "public_notice": ("向社会公示", "public notice"),
    "provincial_report": (
        "省级扶贫开发领导小组审定并报告",
        "provincial approval and report to the State Council",
    ),
    "national_assessment": ("国务院扶贫开发领导小组专项评估检查", "national special assessment"),
    "provincial_assessment": (
        "省级统一组织专项评估检查",
        "special assessment organised by the province",
    ),
    "central_spot_check": ("中央抽查", "central spot check"),
    "provincial_government_approval": ("省级政府正式批准退出", "formal approval by the province"),
}


def label(step: str) -> str:
    return STEP_LABELS.get(step, (step, step))[0]


def label_en(step: str) -> str:
    """The English name of a step; a step the table does not know keeps its own name."""
    return STEP_LABELS.get(step, (step, step))[1]


def _names(**steps: str) -> dict[str, Any]:
    """Template fields of step names: ``x`` in Chinese and ``x_en`` in English."""
    out: dict[str, Any] = {}
    for field, step in steps.items():
        out[field] = label(step)
        out[f"{field}_en"] = label_en(step)
    return out


def _unknown_or_repeated(
    steps: Iterable[ProcedureStep], known: Container[str], citations: tuple[Citation, ...]
) -> tuple[dict[str, ProcedureStep], list[Reason]]:
    """The given steps by name; a step not in the procedure, or given twice, is a reason."""
    reasons: list[Reason] = []
    by_step: dict[str, ProcedureStep] = {}
    for given in steps:
        if given.step not in known or given.step in by_step:
            reasons.append(
                STEP_UNKNOWN(
                    Effect.OPPOSES, citations=citations, step=given.step, step_en=given.step
                )
            )
        else:
            by_step[given.step] = given
    return by_step, reasons


def _after_decision(
    s: ProcedureStep, ev: list[Evidence], cites: tuple[Citation, ...], on: dt.date
) -> Reason | None:
    """A step dated after the decision date cannot have happened yet."""
    if s.first_day <= on:
        return None
    return STEP_AFTER_DECISION(
        Effect.OPPOSES, evidence=ev, citations=cites, day=s.first_day, on=on, **_names(step=s.step)
    )


def _out_of_order(
    s: ProcedureStep,
    ev: list[Evidence],
    cites: tuple[Citation, ...],
    used: tuple[ParameterUse, ...],
    prev: ProcedureStep | None,
) -> Reason | None:
    """Each step comes on or after the step before it."""
    if prev is None or s.first_day >= prev.first_day:
        return None
    return STEP_OUT_OF_ORDER(
        Effect.OPPOSES,
        evidence=ev,
        parameters=used,
        citations=cites,
        day=s.first_day,
        prev_day=prev.first_day,
        **_names(step=s.step, prev=prev.step),
    )


def _before_notice_ended(
    s: ProcedureStep,
    ev: list[Evidence],
    cites: tuple[Citation, ...],
    prev_notice: ProcedureStep | None,
) -> Reason | None:
    """The step after a notice comes after its last day (公示无异议后)."""
    if prev_notice is None or prev_notice.last_day is None or s.first_day > prev_notice.last_day:
        return None
    return STEP_BEFORE_NOTICE_ENDED(
        Effect.OPPOSES,
        evidence=ev,
        citations=cites,
        day=s.first_day,
        notice_end=prev_notice.last_day,
        **_names(step=s.step, notice=prev_notice.step),
    )


def _notice_evidence(s: ProcedureStep) -> list[Evidence]:
    """The last day of a notice and its length in days, when it has a last day."""
    if s.last_day is None:
        return []
    return [
        Evidence(name=f"{s.step}.last_day", value=s.last_day),
        Evidence(name=f"{s.step}.days", value=days_counted(s.first_day, s.last_day), unit="days"),
    ]


def _notice_length(
    s: ProcedureStep,
    ev: list[Evidence],
    cites: tuple[Citation, ...],
    notice_days: ResolvedParameter,
) -> Reason | None:
    """A notice has a last day and runs at least the minimum, the day of posting not counted."""
    name = _names(step=s.step)
    if s.last_day is None:
        return NOTICE_NO_END(Effect.OPPOSES, evidence=ev, citations=cites, **name)
    days = days_counted(s.first_day, s.last_day)
    minimum = notice_days.integer()
    if days >= minimum:
        return None
    return NOTICE_TOO_SHORT(
        Effect.OPPOSES,
        evidence=ev,
        parameters=(notice_days.use(),),
        citations=cites,
        first=s.first_day,
        last=s.last_day,
        days=days,
        minimum=minimum,
        **name,
    )


def _unresolved_objections(s: ProcedureStep, cites: tuple[Citation, ...]) -> Reason | None:
    """Every objection raised during a notice is dealt with (公示无异议)."""
    if s.objections <= s.objections_resolved:
        return None
    return OBJECTION_UNRESOLVED(
        Effect.OPPOSES,
        evidence=(
            Evidence(name=f"{s.step}.objections", value=s.objections),
            Evidence(name=f"{s.step}.objections_resolved", value=s.objections_resolved),
        ),
        citations=cites,
        open=s.objections - s.objections_resolved,
        **_names(step=s.step),
    )


def _given_step(
    s: ProcedureStep,
    *,
    is_notice: bool,
    cites: tuple[Citation, ...],
    used: tuple[ParameterUse, ...],
    notice_days: ResolvedParameter,
    on: dt.date,
    prev: ProcedureStep | None,
    prev_notice: ProcedureStep | None,
) -> list[Reason]:
    """The reasons against one given step, or the one reason that it was done in time."""
    ev = [Evidence(name=f"{s.step}.first_day", value=s.first_day)]
    found = [
        _after_decision(s, ev, cites, on),
        _out_of_order(s, ev, cites, used, prev),
        _before_notice_ended(s, ev, cites, prev_notice),
    ]
    if is_notice:
        ev += _notice_evidence(s)
        found += [_notice_length(s, ev, cites, notice_days), _unresolved_objections(s, cites)]
    reasons = [r for r in found if r is not None]
    if reasons:
        return reasons
    return [
        STEP_PRESENT(
            Effect.SUPPORTS, evidence=ev, citations=cites, day=s.first_day, **_names(step=s.step)
        )
    ]


def check_steps(
    steps: Iterable[ProcedureStep],
    procedure: ResolvedParameter,
    notice_days: ResolvedParameter,
    *,
    on: dt.date,
    citations: tuple[Citation, ...],
    step_citations: Mapping[str, tuple[Citation, ...]] | None = None,
) -> list[Reason]:
    """The reasons for one procedure file against the expected steps in force on ``on``.

    Notice length is counted without the day of posting (《民法典》第二百零一条); the step
    after a notice must come after its last day (公示无异议后); an optional step is checked
    only when it is present.
    """
    rows = procedure.rows()
    expected = [(row["step"], bool(row.get("notice", False))) for row in rows]
    optional = {row["step"] for row in rows if row.get("optional")}
    used = (procedure.use(),)
    extra = step_citations or {}
    by_step, reasons = _unknown_or_repeated(steps, dict(expected), citations)
    prev: ProcedureStep | None = None
    prev_notice: ProcedureStep | None = None
    for step, is_notice in expected:
        cites = extra.get(step, citations)
        s = by_step.get(step)
        if s is None:
            if step not in optional:
                reasons.append(
                    STEP_MISSING(
                        Effect.OPPOSES, parameters=used, citations=cites, **_names(step=step)
                    )
                )
            continue
        reasons += _given_step(
            s,
            is_notice=is_notice,
            cites=cites,
            used=used,
            notice_days=notice_days,
            on=on,
            prev=prev,
            prev_notice=prev_notice,
        )
        prev_notice = s if is_notice else prev_notice
        prev = s
    return reasons
