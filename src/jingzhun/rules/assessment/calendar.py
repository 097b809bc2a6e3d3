"""The assessment calendar of 《考核办法》第六条: five ordered steps, from year end to the end
of February of the next year.

第六条: 考核工作于每年年底开始实施，次年2月底前完成，按以下步骤进行：（一）省级总结（二）第三方评估
（三）数据汇总（四）综合评价（五）沟通反馈.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any, Final

import pendulum

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.assessment import AssessmentCalendar, Step
from jingzhun.rules.common.params import param_set

CALENDAR: Final = "assessment.calendar"

SPEC = RuleSpec(
    id=CALENDAR,
    title_zh="考核工作的五个步骤与时限（年底开始，次年2月底前完成）",
    title_en="The five steps of the assessment and its calendar (year end to end of February)",
    question_zh="考核步骤是否齐全、按序，并于次年2月底前完成",
    question_en="Were the five steps all done, in order, and finished by the end of February?",
    subject=AssessmentCalendar,
    parameters=("assessment.calendar.start_month", "assessment.calendar.deadline_inclusive"),
    clauses=(
        "ASSESS2016-art6",
        "ASSESS2016-art6.1",
        "ASSESS2016-art6.2",
        "ASSESS2016-art6.3",
        "ASSESS2016-art6.4-a",
        "ASSESS2016-art6.4-b",
        "ASSESS2016-art6.5",
    ),
)

_ART6 = cite("ASSESS2016-art6")
_STEP_CLAUSE: Final = {
    Step.SUMMARY: cite("ASSESS2016-art6.1"),
    Step.THIRD_PARTY: cite("ASSESS2016-art6.2"),
    Step.DATA: cite("ASSESS2016-art6.3"),
    Step.EVALUATION: cite("ASSESS2016-art6.4-a"),
    Step.FEEDBACK: cite("ASSESS2016-art6.5"),
}

AC_STEPS_OK = SPEC.code(
    "AC_STEPS_IN_ORDER_AND_TIME",
    zh="五个步骤齐全、按序，{start}开始，{end}完成（时限{deadline}）",
    en="all five steps, in order, from {start} to {end} (deadline {deadline})",
    citations=(_ART6,),
)
AC_MISSING = SPEC.code(
    "AC_STEP_MISSING",
    zh="缺少第{n}步“{step}”",
    en="step {n} ({step_en}) is missing",
)
AC_REPEATED = SPEC.code(
    "AC_STEP_REPEATED",
    zh="第{n}步“{step}”记录了{times}次",
    en="step {n} ({step_en}) is recorded {times} times",
    citations=(_ART6,),
)
AC_OUT_OF_ORDER = SPEC.code(
    "AC_STEP_OUT_OF_ORDER",
    zh="第{n}步“{step}”{started}开始，早于第{m}步“{before}”完成之日{completed}",
    en="step {n} ({step_en}) started on {started}, before step {m} ({before_en}) was completed "
    "on {completed}",
    citations=(_ART6,),
)
AC_TOO_EARLY = SPEC.code(
    "AC_STARTED_BEFORE_YEAR_END",
    zh="{started}开始，早于年底（{earliest}）",
    en="started on {started}, before the year end ({earliest})",
    citations=(_ART6,),
)
AC_LATE = SPEC.code(
    "AC_FINISHED_LATE",
    zh="{completed}完成，晚于次年2月底前的时限（{deadline}{inclusive}）",
    en="completed on {completed}, after the deadline of the end of February "
    "({deadline}{inclusive_en})",
    citations=(_ART6,),
)


def _deadline(year: int, inclusive: bool) -> dt.date:
    """The last day in time: the last day of February of ``year + 1`` (28 or 29), or the day
    before it when 前 is read strictly."""
    last = pendulum.date(year + 1, 3, 1).subtract(days=1)
    return last if inclusive else last.subtract(days=1)


def _order(cal: AssessmentCalendar) -> list[Reason]:
    out: list[Reason] = []
    by_step = {r.step: r for r in cal.steps}
    present = [s for s in Step if s in by_step]
    for step in Step:
        times = sum(1 for r in cal.steps if r.step is step)
        labels: dict[str, Any] = {"n": step.form_code, "step": step.zh, "step_en": step.en}
        if times == 0:
            out.append(AC_MISSING(Effect.OPPOSES, citations=(_ART6, _STEP_CLAUSE[step]), **labels))
        elif times > 1:
            out.append(AC_REPEATED(Effect.OPPOSES, times=times, **labels))
    for before, step in itertools.pairwise(present):
        a, b = by_step[before], by_step[step]
        if b.started_on < a.completed_on:
            out.append(
                AC_OUT_OF_ORDER(
                    Effect.OPPOSES,
                    evidence=(
                        evidence("started_on", b.started_on),
                        evidence("completed_on", a.completed_on),
                    ),
                    n=step.form_code,
                    step=step.zh,
                    step_en=step.en,
                    m=before.form_code,
                    before=before.zh,
                    before_en=before.en,
                    started=b.started_on,
                    completed=a.completed_on,
                )
            )
    return out


@SPEC.implementation
def assessment_calendar(
    cal: AssessmentCalendar, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """The steps of the year's assessment: all five, each started on or after the previous
    one was completed (a step may start the day the previous one ends), the first started
    in December of the year (年底), the last completed by the last day of February of the
    next year (inclusive by default: ``assessment.calendar.deadline_inclusive``)."""
    day = as_date(on)
    ps = param_set(params)
    month = ps.resolve("assessment.calendar.start_month", on=day)
    inclusive = ps.resolve("assessment.calendar.deadline_inclusive", on=day)
    reasons = _order(cal)
    earliest = pendulum.date(cal.year, month.integer(), 1)
    deadline = _deadline(cal.year, inclusive.flag())
    uses = (month.use(), inclusive.use())
    start = min((r.started_on for r in cal.steps), default=None)
    end = max((r.completed_on for r in cal.steps), default=None)
    if start is not None and start < earliest:
        reasons.append(
            AC_TOO_EARLY(Effect.OPPOSES, parameters=uses, started=start, earliest=earliest)
        )
    if end is not None and end > deadline:
        reasons.append(
            AC_LATE(
                Effect.OPPOSES,
                parameters=uses,
                completed=end,
                deadline=deadline,
                inclusive="，含当日" if inclusive.flag() else "",
                inclusive_en=", that day included" if inclusive.flag() else "",
            )
        )
    if not reasons and start is not None and end is not None:
        reasons.append(
            AC_STEPS_OK(Effect.SUPPORTS, parameters=uses, start=start, end=end, deadline=deadline)
        )
    return SPEC.decide(cal.case_id, day, reasons)
