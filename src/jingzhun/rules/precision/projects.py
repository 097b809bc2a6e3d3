"""项目安排精准: every project in the county's project library, on a plan, aimed at villages or
households the registry knows, and of a kind that answers their causes of poverty.

《脱贫攻坚责任制实施办法》第十九条: 县级政府应当建立扶贫项目库 (2016-10-11).
《精准扶贫精准脱贫》第五章 一、（二）: 项目跟着规划走，资金跟着项目走，监督跟着资金走.
《精准扶贫精准脱贫》第四章 三、（三）: 搞清楚什么扶贫对象适合什么项目安排.
《中共中央 国务院关于打赢脱贫攻坚战的决定》三、（四）: 根据致贫原因和脱贫需求，
对贫困人口实行分类扶持.

Dated requirements (the library, the plan, the cause table) are judged on the project's
approval day; a project without one is judged on the audit day, and where that would find a
fault the finding is undetermined (``PP_APPROVAL_UNDATED``), since the requirement may not
have applied yet when the project was arranged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Reason, ReasonCode, evidence
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.audit import (
    EntityKind,
    Responsible,
    Severity,
    SixPrecision,
    Summary,
    audit_outcome,
    finding,
)
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile
from jingzhun.domain.support import MeasureKind, Project
from jingzhun.rules.classification.common import CAUSE_MEASURES, cause_table
from jingzhun.rules.common.params import param_set
from jingzhun.rules.precision.requirements import column, in_force, resolved

PRECISION: Final = SixPrecision.PROJECTS

LIBRARY: Final = "precision.projects.library_required"
PLAN: Final = "precision.projects.plan_required"
VILLAGE_KINDS: Final = "precision.projects.village_level_kinds"

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="项目安排精准（入库、依规划、到村到户、对应致贫原因）",
    title_en="Precise project arrangement (in the library, on a plan, targeted, cause-matched)",
    question_zh="每个扶贫项目是否入库、有规划依据、有明确的扶持对象并对应其致贫原因",
    question_en="Is every project in the library, on a plan, targeted and matched to the causes?",
    subject=CountyRegistry,
    parameters=(LIBRARY, PLAN, CAUSE_MEASURES, VILLAGE_KINDS),
    clauses=(
        "RESP2016-art19",
        "THREEYEAR2018-5.1-c",
        "BOOK2017-ch5-1.2-b",
        "BOOK2017-ch4-3.3-c",
        "BOOK2017-ch5-1.4-c",
        "DECISION2015-4-d",
        "BOOK2017-ch10-1.2-g",
        "BOOK2017-ch10-1.2-h",
        "BOOK2017-ch10-1.2-i",
        "BOOK2017-ch10-1.2-j",
        "MECH2014-1.4-d",
        "BOOK2017-ch5-1.3-c",
    ),
)

_LIBRARY_CITES = (cite("RESP2016-art19"), cite("THREEYEAR2018-5.1-c"))
_PLAN_CITES = (cite("BOOK2017-ch5-1.2-b"), cite("DECISION2015-18-b"))
_TARGET_CITES = (cite("BOOK2017-ch5-1.4-c"), cite("BOOK2017-ch4-3.3-c"))
_CAUSE_CITES = (cite("DECISION2015-4-d"), cite("BOOK2017-ch4-3.3-c"))
_COUNTY_CITES = (cite("MECH2014-1.4-d"), cite("BOOK2017-ch5-1.3-c"))

PP_SUMMARY = SPEC.code(
    "PP_SUMMARY",
    zh="扶贫项目{checked}个，安排精准{passing}个",
    en="{checked} projects; {passing} precisely arranged",
    citations=_COUNTY_CITES,
)
PP_NOT_IN_LIBRARY = SPEC.code(
    "PP_NOT_IN_LIBRARY",
    zh="项目未纳入县级扶贫项目库（{since}起须入库）",
    en="the project is not in the county project library (required from {since})",
    citations=_LIBRARY_CITES,
)
PP_LIBRARY_UNKNOWN = SPEC.code(
    "PP_LIBRARY_UNKNOWN",
    zh="未记录项目是否纳入县级扶贫项目库（{since}起须入库），无法判定",
    en="whether the project is in the county library is not recorded (required from {since})",
    citations=_LIBRARY_CITES,
)
PP_NO_PLAN_REF = SPEC.code(
    "PP_NO_PLAN_REF",
    zh="项目未注明所依据的扶贫规划（项目跟着规划走）",
    en="the project names no poverty-alleviation plan it implements",
    citations=_PLAN_CITES,
)
PP_NO_TARGET = SPEC.code(
    "PP_NO_TARGET",
    zh="项目无扶持对象（未指定受益村或受益户）",
    en="the project targets no village and no household",
    citations=_TARGET_CITES,
)
PP_UNKNOWN_TARGET = SPEC.code(
    "PP_UNKNOWN_TARGET",
    zh="项目的扶持对象不在建档立卡信息中：{ids}",
    en="the project targets ids the registry does not hold: {ids}",
    citations=(cite("BOOK2017-ch5-1.2-b"),),
)
PP_CAUSE_MISMATCH = SPEC.code(
    "PP_CAUSE_MISMATCH",
    zh="项目类型“{kind_zh}”不对应任何受益户的致贫原因（{causes_zh}）",
    en="a {kind_en} project addresses none of its households' causes ({causes_en})",
    citations=_CAUSE_CITES,
)
PP_CAUSE_UNDETERMINED = SPEC.code(
    "PP_CAUSE_UNDETERMINED",
    zh="无法判定项目是否对应受益户的致贫原因：{why_zh}",
    en="cannot tell whether the project answers its households' causes: {why_en}",
    citations=_CAUSE_CITES,
)
PP_APPROVAL_UNDATED = SPEC.code(
    "PP_APPROVAL_UNDATED",
    zh="项目无批准日期，无法判定当时是否已适用以下要求：{codes}",
    en="the project has no approval date, so whether these requirements applied is unknown: "
    "{codes}",
    citations=_LIBRARY_CITES,
)


@attrs.frozen(kw_only=True)
class _Context:
    registry: CountyRegistry
    params: ParameterSet
    audit_day: dt.date

    @property
    def region(self) -> str:
        return self.registry.county_code


def _project_finding(
    code: ReasonCode,
    project: Project,
    severity: Severity,
    *,
    effect: Effect = Effect.OPPOSES,
    used: tuple[ResolvedParameter, ...] = (),
    **fields: Any,
) -> Reason:
    return finding(
        code,
        entity=EntityKind.PROJECT,
        entity_id=project.project_id,
        severity=severity,
        responsible=Responsible.COUNTY,
        effect=effect,
        facts=(evidence("kind", project.kind),),
        parameters=tuple(p.use() for p in used),
        **fields,
    )


def _targets(project: Project, ctx: _Context) -> Iterator[Reason]:
    """规划到村、扶持到户: a project aims at villages or households the registry holds."""
    if not project.target_villages and not project.target_households:
        yield _project_finding(PP_NO_TARGET, project, Severity.SERIOUS)
        return
    unknown = [v for v in project.target_villages if v not in ctx.registry.village_index]
    unknown += [h for h in project.target_households if h not in ctx.registry.household_index]
    if unknown:
        yield _project_finding(
            PP_UNKNOWN_TARGET, project, Severity.MODERATE, ids="、".join(unknown)
        )


def _library(project: Project, day: dt.date, ctx: _Context) -> Iterator[Reason]:
    """县级政府应当建立扶贫项目库: from its day, a project is in the library."""
    if project.in_library is True:
        return
    required = in_force(ctx.params, LIBRARY, day, ctx.region)
    if required is None:
        return
    since = required.period.start.isoformat()
    if project.in_library is False:
        yield _project_finding(
            PP_NOT_IN_LIBRARY, project, Severity.MODERATE, used=(required,), since=since
        )
    else:
        yield _project_finding(
            PP_LIBRARY_UNKNOWN,
            project,
            Severity.MODERATE,
            effect=Effect.BLOCKS,
            used=(required,),
            since=since,
        )


def _plan(project: Project, day: dt.date, ctx: _Context) -> Iterator[Reason]:
    """项目跟着规划走: from its day, a project names the plan it implements."""
    if project.plan_ref:
        return
    required = in_force(ctx.params, PLAN, day, ctx.region)
    if required is not None:
        yield _project_finding(PP_NO_PLAN_REF, project, Severity.MODERATE, used=(required,))


def _cause_kinds(table: ResolvedParameter) -> dict[str, set[str]]:
    """The classification table (``classification.cause_measures``, one table for every
    family): the measure kinds that answer each cause."""
    return {c.value: {k.value for k in fit.measures} for c, fit in cause_table(table).items()}


def _households(project: Project, ctx: _Context) -> list[HouseholdFile]:
    index = ctx.registry.household_index
    return [index[h] for h in project.target_households if h in index]


def _causes(project: Project, day: dt.date, ctx: _Context) -> Iterator[Reason]:
    """分类扶持: a household project's kind answers a recorded cause of one of its households."""
    households = _households(project, ctx)
    table = resolved(ctx.params, CAUSE_MEASURES, day, ctx.region)
    exempt = resolved(ctx.params, VILLAGE_KINDS, day, ctx.region)
    if not households or table is None:
        return
    if exempt is not None and project.kind.value in set(column(exempt.rows(), "kind")):
        return
    by_cause = _cause_kinds(table)
    causes = [c for h in households for c in h.entry.household.causes]
    if any(project.kind.value in by_cause.get(c.value, ()) for c in causes):
        return
    used = (table,) if exempt is None else (table, exempt)
    why = _undetermined(project, households, by_cause)
    if why is not None:
        yield _project_finding(
            PP_CAUSE_UNDETERMINED,
            project,
            Severity.MODERATE,
            effect=Effect.BLOCKS,
            used=used,
            why_zh=why[0],
            why_en=why[1],
        )
        return
    unique = list(dict.fromkeys(causes))
    yield _project_finding(
        PP_CAUSE_MISMATCH,
        project,
        Severity.MODERATE,
        used=used,
        kind_zh=project.kind.zh,
        kind_en=project.kind.en,
        causes_zh="、".join(c.zh for c in unique),
        causes_en=", ".join(c.en for c in unique),
    )


def _undetermined(
    project: Project, households: list[HouseholdFile], by_cause: dict[str, set[str]]
) -> tuple[str, str] | None:
    """Why the cause match cannot be told, or None when every input is known."""
    if project.kind is MeasureKind.OTHER:
        return "项目类型为“其他”", "the project's kind is 'other'"
    blank = [h.household_id for h in households if not h.entry.household.causes]
    if blank:
        ids = "、".join(blank)
        return f"受益户{ids}未记录致贫原因", f"households {ids} record no cause"
    unmapped = sorted(
        {c.zh for h in households for c in h.entry.household.causes if c.value not in by_cause}
    )
    if unmapped:
        names = "、".join(unmapped)
        return f"致贫原因{names}无对应项目类型", f"no project kind is listed for {names}"
    return None


def _dated(project: Project, ctx: _Context) -> Iterator[Reason]:
    """The dated checks, on the approval day; undated failures are undetermined."""
    day = project.approved_on or ctx.audit_day
    found = [*_library(project, day, ctx), *_plan(project, day, ctx), *_causes(project, day, ctx)]
    failing = [r for r in found if r.effect is Effect.OPPOSES]
    if project.approved_on is not None or not failing:
        yield from found
        return
    yield from (r for r in found if r.effect is not Effect.OPPOSES)
    yield _project_finding(
        PP_APPROVAL_UNDATED,
        project,
        Severity.MODERATE,
        effect=Effect.BLOCKS,
        codes="、".join(r.code for r in failing),
    )


def _arranged(registry: CountyRegistry, day: dt.date) -> Iterator[Project]:
    """The projects arranged by ``day`` (approved on or before it, or undated)."""
    for project in registry.projects:
        if project.approved_on is None or project.approved_on <= day:
            yield project


@SPEC.implementation
def audit_projects(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each project arranged by ``on`` that is not in the library, on no plan, without (known)
    targets, or of a kind that answers none of its households' causes."""
    day = as_date(on)
    ctx = _Context(registry=registry, params=param_set(params), audit_day=day)
    found: list[Reason] = []
    checked = passing = 0
    for project in _arranged(registry, day):
        gaps = [*_targets(project, ctx), *_dated(project, ctx)]
        checked += 1
        passing += not gaps
        found.extend(gaps)
    summary = Summary(checked=checked, passing=passing)
    head = PP_SUMMARY(Effect.NOTE, evidence=summary.facts(), checked=checked, passing=passing)
    outcome = audit_outcome(found, summary)
    return SPEC.decide(registry.county_code, day, (head, *found), outcome=outcome)
