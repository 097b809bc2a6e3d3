"""A poor county's Party secretary and head give at least 5 working days a month to poverty work.

《关于打赢脱贫攻坚战三年行动的指导意见》八、（一）: 贫困县党政正职每个月至少要有5个工作日用于扶贫.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.responsibility import WorkingDaysLog
from jingzhun.rules.common.params import param_set
from jingzhun.rules.responsibility.common import ended_periods, in_force

WORKING_DAYS: Final = "responsibility.working_days"
MINIMUM_DAYS: Final = "responsibility.leader_working_days"

SPEC = RuleSpec(
    id=WORKING_DAYS,
    title_zh="贫困县党政正职每月至少5个工作日用于扶贫",
    title_en="A poor county's secretary and head give at least 5 working days a month",
    question_zh="党政正职在任的每个完整月份是否至少有规定的工作日用于扶贫",
    question_en="Did the leader give the minimum working days in every whole month?",
    subject=WorkingDaysLog,
    parameters=(MINIMUM_DAYS,),
    clauses=("THREEYEAR2018-8.1-d",),
)

_CLAUSE = cite("THREEYEAR2018-8.1-d")

DW_EVERY_MONTH = SPEC.code(
    "DW_EVERY_MONTH",
    zh="{person}（{role}）在{months}个完整月份中每月至少{minimum}个工作日用于扶贫",
    en="{person} ({role_en}) gave at least {minimum} working days in each of {months} whole months",
    citations=(_CLAUSE,),
)
DW_TOO_FEW_DAYS = SPEC.code(
    "DW_TOO_FEW_DAYS",
    zh="{person}（{role}）{month}只有{days}个工作日用于扶贫，少于{minimum}个",
    en="{person} ({role_en}) gave {days} working days in {month}, fewer than {minimum}",
    citations=(_CLAUSE,),
)
DW_MONTH_UNRECORDED = SPEC.code(
    "DW_MONTH_UNRECORDED",
    zh="{person}（{role}）{month}的扶贫工作日未记录",
    en="{person} ({role_en}): no working days recorded for {month}",
    citations=(_CLAUSE,),
)
DW_NOT_POOR_COUNTY = SPEC.code(
    "DW_NOT_POOR_COUNTY",
    zh="{county}不是贫困县，不受此要求约束",
    en="{county} is not a poor county: the requirement does not apply",
)
DW_COUNTY_UNKNOWN = SPEC.code(
    "DW_COUNTY_UNKNOWN",
    zh="未记录{county}是否为贫困县",
    en="the log does not say whether {county} is a poor county",
    citations=(_CLAUSE,),
)
DW_NOT_IN_FORCE = SPEC.code(
    "DW_NOT_IN_FORCE",
    zh="截至{on}尚无工作日要求",
    en="no working-day requirement was in force by {on}",
)
DW_NO_WHOLE_MONTH = SPEC.code(
    "DW_NO_WHOLE_MONTH",
    zh="截至{on}在任期间没有已结束的完整月份",
    en="no whole month in post had ended by {on}",
)


def _month_reason(log: WorkingDaysLog, month: dt.date, ps: ParameterSet) -> Reason | None:
    minimum = in_force(ps, MINIMUM_DAYS, month, log.county_code)
    assert minimum is not None
    labels: dict[str, Any] = {"person": log.person_id, "role": log.role.zh, "role_en": log.role.en}
    label = f"{month.year}-{month.month:02d}"
    days = log.months.get(month)
    if days is None:
        return DW_MONTH_UNRECORDED(
            Effect.BLOCKS, evidence=(evidence("month", label),), month=label, **labels
        )
    if days >= minimum.integer():
        return None
    return DW_TOO_FEW_DAYS(
        Effect.OPPOSES,
        evidence=(evidence("month", label), evidence("days", days, "days")),
        parameters=(minimum.use(),),
        month=label,
        days=days,
        minimum=minimum.integer(),
        **labels,
    )


@SPEC.implementation
def working_days(
    log: WorkingDaysLog, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each calendar month wholly within the leader's time in post, ended by ``on`` and begun
    when the requirement was in force: the recorded working days must be at least
    ``responsibility.leader_working_days`` (至少: 5 meet it, 4 do not). A month with no
    record is undetermined. The days are taken as recorded (no holiday calendar)."""
    day = as_date(on)
    ps = param_set(params)
    subject = f"{log.county_code}/{log.person_id}"
    if log.poor_county is None:
        reason = DW_COUNTY_UNKNOWN(Effect.BLOCKS, county=log.county_code)
        return SPEC.decide(subject, day, (reason,))
    if not log.poor_county:
        reason = DW_NOT_POOR_COUNTY(Effect.NOTE, county=log.county_code)
        return SPEC.decide(subject, day, (reason,), outcome=Outcome.MET)
    until: dt.date = day.add(days=1)
    if log.end is not None and log.end < until:
        until = log.end
    months = [
        s for s, _, _ in ended_periods(ps, MINIMUM_DAYS, log.start, until, log.county_code, size=1)
    ]
    if not months:
        if in_force(ps, MINIMUM_DAYS, day, log.county_code) is None:
            reason = DW_NOT_IN_FORCE(Effect.NOTE, on=day)
            return SPEC.decide(subject, day, (reason,), outcome=Outcome.MET)
        return SPEC.decide(subject, day, (DW_NO_WHOLE_MONTH(Effect.BLOCKS, on=day),))
    reasons = [r for r in (_month_reason(log, m, ps) for m in months) if r is not None]
    if not reasons:
        minimum = in_force(ps, MINIMUM_DAYS, months[-1], log.county_code)
        assert minimum is not None
        reasons.append(
            DW_EVERY_MONTH(
                Effect.SUPPORTS,
                parameters=(minimum.use(),),
                person=log.person_id,
                role=log.role.zh,
                role_en=log.role.en,
                months=len(months),
                minimum=minimum.integer(),
            )
        )
    return SPEC.decide(subject, day, reasons)
