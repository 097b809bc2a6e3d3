"""A poor county's Party secretary and head are not transferred before the county exits.

《脱贫攻坚责任制实施办法》第十二条: 省级党委和政府…保持贫困县党政正职稳定，做到不脱贫不调整、
不摘帽不调离.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.responsibility import CountyLeadership, LeaderTerm, LeavingReason
from jingzhun.rules.common.params import param_set
from jingzhun.rules.responsibility.common import in_force

LEADER_TENURE: Final = "responsibility.leader_tenure"
KEPT: Final = "responsibility.county_heads_kept"

SPEC = RuleSpec(
    id=LEADER_TENURE,
    title_zh="贫困县党政正职不摘帽不调离",
    title_en="A poor county's secretary and head stay until the county exits",
    question_zh="贫困县摘帽前是否有党政正职被调离或调整",
    question_en="Was a Party secretary or head of the poor county transferred before it exited?",
    subject=CountyLeadership,
    parameters=(KEPT,),
    clauses=("RESP2016-art12-b", "RESP2016-art29"),
)

_CLAUSE = cite("RESP2016-art12-b")

DT_KEPT = SPEC.code(
    "DT_KEPT",
    zh="截至{on}没有党政正职在摘帽前被调离（已离任{ended}人次）",
    en="by {on}, no secretary or head was transferred before exit ({ended} terms ended)",
    citations=(_CLAUSE,),
)
DT_TRANSFERRED = SPEC.code(
    "DT_TRANSFERRED",
    zh="{person}（{role}）于{end}调离，{county}{exit_state}",
    en="{person} ({role_en}) was transferred on {end}; {county} {exit_state_en}",
    citations=(_CLAUSE,),
)
DT_REASON_UNKNOWN = SPEC.code(
    "DT_REASON_UNKNOWN",
    zh="{person}（{role}）于{end}摘帽前离任，离任原因未记录",
    en="{person} ({role_en}) left on {end}, before exit, for an unrecorded reason",
    citations=(_CLAUSE,),
)
DT_LEFT_NOT_TRANSFERRED = SPEC.code(
    "DT_LEFT_NOT_TRANSFERRED",
    zh="{person}（{role}）于{end}摘帽前离任（{why}），不属调离",
    en="{person} ({role_en}) left on {end}, before exit ({why_en}): not a transfer",
)
DT_NOT_POOR_COUNTY = SPEC.code(
    "DT_NOT_POOR_COUNTY",
    zh="{county}不是贫困县，不受此要求约束",
    en="{county} is not a poor county: the requirement does not apply",
)
DT_COUNTY_UNKNOWN = SPEC.code(
    "DT_COUNTY_UNKNOWN",
    zh="未记录{county}是否为贫困县",
    en="the record does not say whether {county} is a poor county",
    citations=(_CLAUSE,),
)


def _exit_state(exited: dt.date | None) -> tuple[str, str]:
    if exited is None:
        return "尚未摘帽", "had not exited"
    return f"于{exited}才摘帽", f"exited only on {exited}"


def _judge(
    county: CountyLeadership, term: LeaderTerm, exited: dt.date | None, ps: ParameterSet
) -> Reason | None:
    """None when the term ended on or after the exit, or before the rule; else a reason."""
    assert term.end is not None
    if exited is not None and term.end >= exited:
        return None
    kept = in_force(ps, KEPT, term.end, county.county_code)
    if kept is None or not kept.flag():
        return None
    facts = (
        evidence("person_id", term.person_id),
        evidence("role", term.role),
        evidence("end", term.end),
        evidence("exited_on", exited),
    )
    labels: dict[str, Any] = {
        "person": term.person_id,
        "role": term.role.zh,
        "role_en": term.role.en,
    }
    if term.reason is None:
        return DT_REASON_UNKNOWN(Effect.BLOCKS, evidence=facts, end=term.end, **labels)
    if term.reason is not LeavingReason.TRANSFERRED:
        return DT_LEFT_NOT_TRANSFERRED(
            Effect.NOTE,
            evidence=facts,
            end=term.end,
            why=term.reason.zh,
            why_en=term.reason.en,
            **labels,
        )
    state, state_en = _exit_state(exited)
    return DT_TRANSFERRED(
        Effect.OPPOSES,
        evidence=facts,
        parameters=(kept.use(),),
        end=term.end,
        county=county.county_code,
        exit_state=state,
        exit_state_en=state_en,
        **labels,
    )


@SPEC.implementation
def leader_tenure(
    county: CountyLeadership, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each term that ended on or before ``on`` and before the county's exit (摘帽; an exit
    after ``on`` is not yet known): a transfer (调离、调整) is not met; a removal, retirement or
    death is noted; an unrecorded reason is undetermined. Leaving on the exit day itself is
    after the exit. Terms that ended before 2016-10-11 (``responsibility.county_heads_kept``)
    are not judged."""
    day = as_date(on)
    ps = param_set(params)
    code = county.county_code
    if county.poor_county is None:
        return SPEC.decide(code, day, (DT_COUNTY_UNKNOWN(Effect.BLOCKS, county=code),))
    if not county.poor_county:
        reason = DT_NOT_POOR_COUNTY(Effect.NOTE, county=code)
        return SPEC.decide(code, day, (reason,), outcome=Outcome.MET)
    exited = county.exited_on if county.exited_on and county.exited_on <= day else None
    ended = [t for t in county.terms if t.end is not None and t.end <= day]
    reasons = [r for r in (_judge(county, t, exited, ps) for t in ended) if r is not None]
    if not any(r.effect in (Effect.OPPOSES, Effect.BLOCKS) for r in reasons):
        reasons.insert(0, DT_KEPT(Effect.SUPPORTS, on=day, ended=len(ended)))
    return SPEC.decide(code, day, reasons)
