"""The county exit procedure (贫困县退出程序) of ``exit.county``: which dated version applies,
and the steps checked against it. Declares no rule; ``county.py`` declares these codes."""

from __future__ import annotations

import datetime as dt
from typing import Final

from jingzhun.core.citations import cite
from jingzhun.core.decisions import Effect, Evidence, Reason, ReasonCode
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import CountyExitCase
from jingzhun.rules.common.procedure import check_steps

CX_PROCEDURE_NOT_RECORDED = ReasonCode(
    code="CX_PROCEDURE_NOT_RECORDED",
    zh="未提供退出程序记录，只判断退出标准",
    en="no procedure recorded: only the exit standard was decided",
)

CX_PROCEDURE_VERSION = ReasonCode(
    code="CX_PROCEDURE_VERSION",
    zh="退出程序按{start}起施行的版本判断（首个步骤{first}时施行的版本）",
    en="the procedure is judged by the version in force from {start} (the one in force at "
    "the first step, {first})",
)

COUNTY_PROCEDURE_CODES: Final = (CX_PROCEDURE_NOT_RECORDED, CX_PROCEDURE_VERSION)

_STEP_CITATIONS: Final = {
    "national_assessment": (cite("EXIT2016-3.3-d"),),
    "provincial_government_approval": (cite("EXIT2016-3.3-f"),),
    "provincial_assessment": (cite("THREEYEAR2018-7.2-c"),),
    "central_spot_check": (cite("THREEYEAR2018-7.2-d"),),
}


def county_procedure(case: CountyExitCase, day: dt.date, ps: ParameterSet) -> list[Reason]:
    """The steps against the version in force when the file began (its first step).

    A step is valid under the procedure in force when it was taken: a county whose file
    began under the 2016 version (national assessment) is not judged by the 2018 version
    (provincial assessment) because it was decided after 2018-06-15. A first step dated
    after ``on`` does not choose a later version (it is reported as after the decision).
    """
    first = min((s.first_day for s in case.steps), default=None)
    version_day = day if first is None else min(first, day)
    proc = _version(ps, case.county.county_code, version_day, day)
    if proc is None:
        return []
    if first is None:
        return [
            CX_PROCEDURE_NOT_RECORDED(
                Effect.NOTE, parameters=(proc.use(),), citations=(proc.source,)
            )
        ]
    note = CX_PROCEDURE_VERSION(
        Effect.NOTE,
        evidence=(Evidence(name="first_step_day", value=first),),
        parameters=(proc.use(),),
        citations=(proc.source,),
        start=proc.period.start,
        first=first,
    )
    return [
        note,
        *check_steps(
            case.steps,
            proc,
            ps.resolve("exit.notice_period_days", on=version_day, region=case.county.county_code),
            on=day,
            citations=(proc.source,),
            step_citations=_STEP_CITATIONS,
        ),
    ]


def _version(
    ps: ParameterSet, region: str, version_day: dt.date, day: dt.date
) -> ResolvedParameter | None:
    """The version in force on the first step; else (no procedure yet) the one on ``on``."""
    for when in (version_day, day):
        try:
            return ps.resolve("exit.county.procedure", on=when, region=region)
        except NoValueInForceError:
            continue
    return None
