"""资金使用精准: money follows a project, reaches registered households, reconciles, is publicly
noticed, and no county matching is asked of the state's public-welfare projects in poor areas.

《精准扶贫精准脱贫》第五章 一、（二）: 项目跟着规划走，资金跟着项目走，监督跟着资金走.
《关于创新机制扎实推进农村扶贫开发工作的意见》一、（四）: 项目资金要到村到户，切实使资金直接用于扶贫
对象 … 坚持和完善资金项目公告公示制度.
《中共中央 国务院关于打赢脱贫攻坚战的决定》五、（十八）: 严格落实国家在贫困地区安排的公益性建设项目
取消县级和西部连片特困地区地市级配套资金的政策.

A fund record is judged by the requirements in force on its own day; records dated after the
audit day are not yet on the books.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
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
from jingzhun.domain.county_registry import CountyRegistry
from jingzhun.domain.registry import RegistryStatus
from jingzhun.domain.support import FundFlow, FundRecord, Notice, Project
from jingzhun.rules.common.params import param_set
from jingzhun.rules.precision.requirements import in_force

PRECISION: Final = SixPrecision.FUNDS

NOTICE: Final = "precision.funds.notice_required"
NO_MATCHING: Final = "precision.funds.no_county_matching"

SPEC = RuleSpec(
    id=PRECISION.rule_id,
    title_zh="资金使用精准（资金跟着项目走、到户到人、账实相符、公告公示、不要求县级配套）",
    title_en="Precise use of funds (follows a project, reaches the poor, reconciles, noticed)",
    question_zh="扶贫资金是否跟着项目走、直接用于扶贫对象、拨付不超下达、公告公示且未要求县级配套",
    question_en="Does every fund follow a project, reach registered households, reconcile, "
    "get noticed, and need no county matching?",
    subject=CountyRegistry,
    parameters=(NOTICE, NO_MATCHING),
    clauses=(
        "BOOK2017-ch5-1.2-b",
        "MECH2014-1.4-a",
        "MECH2014-1.4-e",
        "DECISION2015-18-e",
        "BOOK2017-ch5-1.3-a",
        "RESP2016-art19",
        "DECISION2015-18-c",
        "OLDAREAS2016-4.2-c",
    ),
)

_FOLLOWS_PROJECT = (cite("BOOK2017-ch5-1.2-b"), cite("BOOK2017-ch4-3.3-c"))
_TO_THE_POOR = (cite("MECH2014-1.4-a"), cite("BOOK2017-ch4-3.3-c"))
_NOTICE_CITES = (
    cite("MECH2014-1.4-e"),
    cite("DECISION2015-18-e"),
    cite("BOOK2017-ch5-1.3-a"),
    cite("RESP2016-art19"),
)
_MATCHING_CITES = (cite("DECISION2015-18-c"), cite("OLDAREAS2016-4.2-c"))

PF_SUMMARY = SPEC.code(
    "PF_SUMMARY",
    zh="资金记录{records}条、对账项目{projects}个，共{checked}项，无问题{passing}项",
    en="{records} fund records and {projects} projects reconciled: {checked} checked, "
    "{passing} without a finding",
    citations=(cite("RESP2016-art19"),),
)
PF_NO_PROJECT = SPEC.code(
    "PF_NO_PROJECT",
    zh="资金未对应任何项目（资金跟着项目走）",
    en="the fund record names no project",
    citations=_FOLLOWS_PROJECT,
)
PF_UNKNOWN_PROJECT = SPEC.code(
    "PF_UNKNOWN_PROJECT",
    zh="资金对应的项目{project_id}不在项目信息中",
    en="the fund record names project {project_id}, which the registry does not hold",
    citations=_FOLLOWS_PROJECT,
)
PF_RECIPIENT_NOT_REGISTERED = SPEC.code(
    "PF_RECIPIENT_NOT_REGISTERED",
    zh="资金拨付给非建档立卡户{household_id}（拨付当日状态：{status_zh}）",
    en="paid to household {household_id}, not registered on the day ({status_en})",
    citations=_TO_THE_POOR,
)
PF_UNKNOWN_RECIPIENT = SPEC.code(
    "PF_UNKNOWN_RECIPIENT",
    zh="资金拨付对象不在建档立卡信息中：{ids}",
    en="paid to recipients the registry does not hold: {ids}",
    citations=_TO_THE_POOR,
)
PF_NO_NOTICE = SPEC.code(
    "PF_NO_NOTICE",
    zh="拨付资金及其项目均未公告公示",
    en="neither the disbursement nor its project was publicly noticed",
    citations=_NOTICE_CITES,
)
PF_COUNTY_MATCHING = SPEC.code(
    "PF_COUNTY_MATCHING",
    zh="公益性建设项目{project_id}要求县级配套资金（{since}起取消）",
    en="county matching funds for public-welfare project {project_id} (abolished from {since})",
    citations=_MATCHING_CITES,
)
PF_OVERSPENT = SPEC.code(
    "PF_OVERSPENT",
    zh="项目拨付{disbursed}元，超过下达{allocated}元（超出{excess}元）",
    en="the project paid out {disbursed} yuan, more than the {allocated} yuan allocated "
    "(by {excess})",
    citations=(cite("BOOK2017-ch5-1.2-b"), cite("BOOK2017-ch5-1.3-a")),
)

_NOT_REGISTERED: Final = (RegistryStatus.NOT_REGISTERED, RegistryStatus.REMOVED)


@attrs.frozen(kw_only=True)
class _Context:
    registry: CountyRegistry
    params: ParameterSet
    audit_day: dt.date

    @property
    def region(self) -> str:
        return self.registry.county_code

    @property
    def poor_area(self) -> bool:
        """贫困地区: a key county or a county of a contiguous poor area."""
        county = self.registry.county
        return county.key_county or county.contiguous_area_county


def _fund_finding(
    code: ReasonCode,
    fund: FundRecord,
    severity: Severity,
    *,
    responsible: Responsible = Responsible.COUNTY,
    used: tuple[ResolvedParameter, ...] = (),
    **fields: Any,
) -> Reason:
    return finding(
        code,
        entity=EntityKind.FUND,
        entity_id=fund.fund_id,
        severity=severity,
        responsible=responsible,
        facts=(
            evidence("flow", fund.flow),
            evidence("amount", fund.amount, "yuan"),
            evidence("on", fund.on),
        ),
        parameters=tuple(p.use() for p in used),
        **fields,
    )


def _project(fund: FundRecord, ctx: _Context) -> Iterator[Reason]:
    """资金跟着项目走: a fund names a project the registry holds."""
    if fund.project_id is None:
        yield _fund_finding(PF_NO_PROJECT, fund, Severity.MODERATE)
    elif fund.project_id not in ctx.registry.project_index:
        yield _fund_finding(PF_UNKNOWN_PROJECT, fund, Severity.MODERATE, project_id=fund.project_id)


def _recipient(fund: FundRecord, ctx: _Context) -> Iterator[Reason]:
    """资金直接用于扶贫对象: money paid to a household reaches a registered one (poor, relapsed
    or exited — support continues after exit) on the day it is paid."""
    unknown = []
    household = fund.recipient_household
    if household is not None:
        file = ctx.registry.household_index.get(household)
        if file is None:
            unknown.append(household)
        else:
            status = file.status_on(fund.on)
            if status is None or status in _NOT_REGISTERED:
                shown = status or RegistryStatus.NOT_REGISTERED
                yield _fund_finding(
                    PF_RECIPIENT_NOT_REGISTERED,
                    fund,
                    Severity.SERIOUS,
                    household_id=household,
                    status_zh=shown.zh,
                    status_en=shown.en,
                )
    village = fund.recipient_village
    if village is not None and village not in ctx.registry.village_index:
        unknown.append(village)
    if unknown:
        yield _fund_finding(PF_UNKNOWN_RECIPIENT, fund, Severity.MODERATE, ids="、".join(unknown))


def _noticed(notice: Notice | None, day: dt.date) -> bool:
    return notice is not None and notice.first_day <= day


def _notice(fund: FundRecord, project: Project | None, ctx: _Context) -> Iterator[Reason]:
    """资金项目公告公示: a disbursement, or its project, was publicly noticed by the audit day."""
    if _noticed(fund.notice, ctx.audit_day):
        return
    if project is not None and _noticed(project.notice, ctx.audit_day):
        return
    required = in_force(ctx.params, NOTICE, fund.on, ctx.region)
    if required is not None:
        yield _fund_finding(PF_NO_NOTICE, fund, Severity.MODERATE, used=(required,))


def _matching(fund: FundRecord, project: Project | None, ctx: _Context) -> Iterator[Reason]:
    """取消县级配套资金: no county matching for the state's public-welfare projects in poor
    areas."""
    if not (fund.county_matching and project is not None and project.public_welfare):
        return
    if not ctx.poor_area:
        return
    required = in_force(ctx.params, NO_MATCHING, fund.on, ctx.region)
    if required is not None:
        yield _fund_finding(
            PF_COUNTY_MATCHING,
            fund,
            Severity.SERIOUS,
            responsible=Responsible.PROVINCE,
            used=(required,),
            project_id=project.project_id,
            since=required.period.start.isoformat(),
        )


def _record(fund: FundRecord, ctx: _Context) -> list[Reason]:
    project = ctx.registry.project_index.get(fund.project_id or "")
    found = [*_project(fund, ctx), *_matching(fund, project, ctx)]
    if fund.flow is FundFlow.DISBURSEMENT:
        found += [*_recipient(fund, ctx), *_notice(fund, project, ctx)]
    return found


def _reconcile(funds: list[FundRecord], ctx: _Context) -> Iterator[tuple[str, Reason | None]]:
    """Per known project: disbursements never exceed allocations (exact, in yuan)."""
    allocated: dict[str, Decimal] = {}
    disbursed: dict[str, Decimal] = {}
    for fund in funds:
        pid = fund.project_id
        if pid is None or pid not in ctx.registry.project_index:
            continue
        into = allocated if fund.flow is FundFlow.ALLOCATION else disbursed
        allocated.setdefault(pid, Decimal(0))
        into[pid] = into.get(pid, Decimal(0)) + fund.amount
    for pid, given in allocated.items():
        paid = disbursed.get(pid, Decimal(0))
        if paid <= given:
            yield pid, None
            continue
        yield (
            pid,
            finding(
                PF_OVERSPENT,
                entity=EntityKind.PROJECT,
                entity_id=pid,
                severity=Severity.SERIOUS,
                responsible=Responsible.COUNTY,
                facts=(evidence("allocated", given, "yuan"), evidence("disbursed", paid, "yuan")),
                allocated=given,
                disbursed=paid,
                excess=paid - given,
            ),
        )


@SPEC.implementation
def audit_funds(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each fund record dated on or before ``on`` without a (known) project, paid to a household
    not registered, not noticed, or asking county matching; each project paid beyond its
    allocations."""
    day = as_date(on)
    ctx = _Context(registry=registry, params=param_set(params), audit_day=day)
    funds = [f for f in registry.funds if f.on <= day]
    found: list[Reason] = []
    passing = 0
    for fund in funds:
        gaps = _record(fund, ctx)
        passing += not gaps
        found.extend(gaps)
    projects = 0
    for _pid, overspent in _reconcile(funds, ctx):
        projects += 1
        passing += overspent is None
        found.extend([overspent] if overspent is not None else [])
    summary = Summary(checked=len(funds) + projects, passing=passing)
    head = PF_SUMMARY(
        Effect.NOTE,
        evidence=summary.facts(),
        records=len(funds),
        projects=projects,
        checked=summary.checked,
        passing=passing,
    )
    outcome = audit_outcome(found, summary)
    return SPEC.decide(registry.county_code, day, (head, *found), outcome=outcome)
