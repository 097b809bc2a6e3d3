"""Dedicated meetings on poverty alleviation: provinces quarterly, poor counties monthly.

《关于打赢脱贫攻坚战三年行动的指导意见》八、（一）: 脱贫攻坚任务重的省（自治区、直辖市）党委和政府
每季度至少专题研究一次脱贫攻坚工作，贫困县党委和政府每月至少专题研究一次脱贫攻坚工作.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.responsibility import MeetingBody, MeetingLog
from jingzhun.rules.common.params import param_set
from jingzhun.rules.responsibility.common import ended_periods, in_force

MEETINGS: Final = "responsibility.meetings"
_NAMES: Final = {
    MeetingBody.PROVINCE: (
        "responsibility.province_meeting_months",
        "responsibility.province_meetings_minimum",
        "THREEYEAR2018-8.1-b",
        ("脱贫攻坚任务重的省", "a province with heavy tasks"),
    ),
    MeetingBody.COUNTY: (
        "responsibility.county_meeting_months",
        "responsibility.county_meetings_minimum",
        "THREEYEAR2018-8.1-c",
        ("贫困县", "a poor county"),
    ),
}

SPEC = RuleSpec(
    id=MEETINGS,
    title_zh="省每季度、贫困县每月至少专题研究一次脱贫攻坚工作",
    title_en="Dedicated meetings: heavy-task provinces quarterly, poor counties monthly",
    question_zh="每个已结束的季度（省）或月份（贫困县）是否至少专题研究一次脱贫攻坚工作",
    question_en="Did every ended quarter (province) or month (county) have a dedicated meeting?",
    subject=MeetingLog,
    parameters=tuple(n for names in _NAMES.values() for n in names[:2]),
    clauses=("THREEYEAR2018-8.1-b", "THREEYEAR2018-8.1-c"),
)

DM_EVERY_PERIOD = SPEC.code(
    "DM_EVERY_PERIOD",
    zh="{first}至{last}的{periods}个周期均至少专题研究{minimum}次",
    en="each of the {periods} periods from {first} to {last} had at least {minimum} meeting(s)",
)
DM_TOO_FEW = SPEC.code(
    "DM_TOO_FEW",
    zh="{start}至{last}只专题研究{held}次，少于{minimum}次",
    en="{held} dedicated meeting(s) from {start} to {last}, fewer than {minimum}",
)
DM_NOT_SUBJECT = SPEC.code(
    "DM_NOT_SUBJECT",
    zh="{body}不是{kind}，不受此要求约束",
    en="{body} is not {kind_en}: the requirement does not apply",
)
DM_SUBJECT_UNKNOWN = SPEC.code(
    "DM_SUBJECT_UNKNOWN",
    zh="未记录{body}是否为{kind}",
    en="the log does not say whether {body} is {kind_en}",
)
DM_NOT_IN_FORCE = SPEC.code(
    "DM_NOT_IN_FORCE",
    zh="截至{on}尚无专题研究频次要求",
    en="no meeting frequency was in force by {on}",
)
DM_NO_ENDED_PERIOD = SPEC.code(
    "DM_NO_ENDED_PERIOD",
    zh="记录期内截至{on}没有完整结束的周期可判定",
    en="no whole period of the log had ended by {on}",
)


def _periods(log: MeetingLog, day: dt.date, ps: ParameterSet) -> list[Reason]:
    months_name, minimum_name, clause, _ = _NAMES[log.body]
    until: dt.date = as_date(day).add(days=1)
    if log.end is not None and log.end < until:
        until = log.end
    failures: list[Reason] = []
    judged: list[tuple[dt.date, dt.date]] = []
    minimum_seen = 1
    for start, end, months in ended_periods(ps, months_name, log.start, until, log.body_id):
        minimum = in_force(ps, minimum_name, start, log.body_id)
        assert minimum is not None
        minimum_seen = minimum.integer()
        held = sum(1 for m in log.meetings if start <= m < end)
        last = as_date(end).subtract(days=1)
        judged.append((start, last))
        if held < minimum_seen:
            failures.append(
                DM_TOO_FEW(
                    Effect.OPPOSES,
                    evidence=(evidence("period_start", start), evidence("period_end", end)),
                    parameters=(months.use(), minimum.use()),
                    citations=(cite(clause),),
                    start=start,
                    last=last,
                    held=held,
                    minimum=minimum_seen,
                )
            )
    if failures or not judged:
        return failures
    return [
        DM_EVERY_PERIOD(
            Effect.SUPPORTS,
            evidence=(evidence("periods", len(judged)),),
            citations=(cite(clause),),
            periods=len(judged),
            first=judged[0][0],
            last=judged[-1][1],
            minimum=minimum_seen,
        )
    ]


@SPEC.implementation
def meetings(log: MeetingLog, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """Each calendar period (quarter for a province, month for a poor county) that lies wholly
    in the log, ended by ``on`` and began when the requirement was in force, must hold at
    least the minimum of dedicated meetings (至少: inclusive). A meeting counts in the period
    that contains its date."""
    day = as_date(on)
    ps = param_set(params)
    months_name, _, clause, (kind, kind_en) = _NAMES[log.body]
    labels: dict[str, Any] = {"body": log.body_id, "kind": kind, "kind_en": kind_en}
    if log.subject_to_duty is None:
        reason = DM_SUBJECT_UNKNOWN(Effect.BLOCKS, citations=(cite(clause),), **labels)
        return SPEC.decide(log.body_id, day, (reason,))
    if not log.subject_to_duty:
        reason = DM_NOT_SUBJECT(Effect.NOTE, citations=(cite(clause),), **labels)
        return SPEC.decide(log.body_id, day, (reason,), outcome=Outcome.MET)
    reasons = _periods(log, day, ps)
    if reasons:
        return SPEC.decide(log.body_id, day, reasons)
    if in_force(ps, months_name, day, log.body_id) is None:
        reason = DM_NOT_IN_FORCE(Effect.NOTE, on=day)
        return SPEC.decide(log.body_id, day, (reason,), outcome=Outcome.MET)
    reason = DM_NO_ENDED_PERIOD(Effect.BLOCKS, on=day)
    return SPEC.decide(log.body_id, day, (reason,))
