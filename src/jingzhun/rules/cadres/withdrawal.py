"""No team or first secretary is withdrawn before the village has stably exited.

《中共中央 国务院关于打赢脱贫攻坚战的决定》八、（三十）: 加大驻村干部考核力度，不稳定脱贫不撤队伍.
《精准扶贫精准脱贫》第五章 一、（六）: 要落实驻村工作队和第一书记的帮扶责任，不脱贫不脱钩.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.county_registry import VillageRecord
from jingzhun.domain.support import Posting
from jingzhun.rules.cadres.common import (
    GROUP_LABELS,
    GROUPS,
    STABLE_EXIT_MONTHS,
    in_force,
    is_poor_village,
    needs_support_on,
    of_group,
    posting_facts,
    stable_from,
    village_facts,
)
from jingzhun.rules.common.params import param_set

WITHDRAWAL: Final = "cadres.withdrawal"

SPEC = RuleSpec(
    id=WITHDRAWAL,
    title_zh="不稳定脱贫不撤队伍（驻村工作队、第一书记）",
    title_en="No team or first secretary withdrawn before the village stably exits",
    question_zh="驻村工作队或第一书记是否在贫困村稳定脱贫前撤离",
    question_en="Was a team or first secretary withdrawn before the village stably exited?",
    subject=VillageRecord,
    parameters=(STABLE_EXIT_MONTHS, "cadres.team_required", "cadres.first_secretary_required"),
    clauses=("DECISION2015-30-b", "BOOK2017-ch5-1.6-c"),
)

_STAY = (cite("DECISION2015-30-b"), cite("BOOK2017-ch5-1.6-c"))

_REQUIRED: Final = {
    "team": "cadres.team_required",
    "first_secretary": "cadres.first_secretary_required",
}

CW_NOT_POOR_VILLAGE = SPEC.code(
    "CW_NOT_POOR_VILLAGE",
    zh="非贫困村：无撤离限制",
    en="not a poor village: no restriction on withdrawal",
)
CW_NONE_WITHDRAWN = SPEC.code(
    "CW_NONE_WITHDRAWN",
    zh="截至{on}，{ended}个已结束的派驻均未在稳定脱贫前撤离（或当日有人接替）",
    en="by {on}, none of the {ended} ended postings left before the stable exit "
    "(or was replaced on the day)",
    citations=_STAY,
)
CW_WITHDRAWN_EARLY = SPEC.code(
    "CW_WITHDRAWN_EARLY",
    zh="{what}{person}于{end}撤离，贫困村尚未稳定脱贫（{until}），且当日无人接替{next}",
    en="{what_en} {person} left on {end} before the village stably exited ({until_en}), "
    "and no one took over that day{next_en}",
    citations=_STAY,
)


def _replacement(group: tuple[Posting, ...], gone: Posting, day: dt.date) -> Posting | None:
    """The next posting of the group to start after ``gone`` left, on or before ``day``."""
    assert gone.end is not None
    later = [p for p in group if p is not gone and gone.end <= p.start <= day]
    return min(later, key=lambda p: p.start, default=None)


def _early(record: VillageRecord, day: dt.date, ps: ParameterSet) -> Iterator[Reason | Posting]:
    """Each early withdrawal as a reason; each other ended posting as itself (counted)."""
    for group_name, roles in GROUPS:
        group = of_group(record.postings, roles)
        what, what_en = GROUP_LABELS[group_name]
        for post in group:
            if post.end is None or post.end > day:
                continue
            left = as_date(post.end)
            required = in_force(ps, _REQUIRED[group_name], left, record)
            stable, months = stable_from(ps, record, left)
            still_needed = required is not None and required.flag()
            if not (still_needed and needs_support_on(record, left, stable)) or any(
                p.active_on(left) for p in group if p is not post
            ):
                yield post
                continue
            nxt = _replacement(group, post, day)
            yield CW_WITHDRAWN_EARLY(
                Effect.OPPOSES,
                evidence=(
                    *posting_facts(record, post),
                    evidence("exited_on", record.exited_on),
                    evidence("stable_from", stable),
                    evidence("next_start", nxt.start if nxt else None),
                ),
                parameters=tuple(x.use() for x in (months, required) if x is not None),
                what=what,
                what_en=what_en,
                person=post.person_id,
                end=left,
                until=f"{stable}起视为稳定脱贫" if stable else "未退出",
                until_en=f"stable from {stable}" if stable else "not exited",
                next=f"，{nxt.start}才有接替" if nxt else "",
                next_en=f"; the next one started on {nxt.start}" if nxt else "",
            )


@SPEC.implementation
def village_withdrawal(
    record: VillageRecord, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each team or first-secretary posting that ended on or before ``on`` while the village
    still needed it (identified, not yet stably exited: its exit date plus
    ``cadres.stable_exit_months``), with no other posting of the same kind in place on the
    day it ended. The end day is the first day away (half-open): leaving on the stable-exit
    day itself is not early; leaving the day before is."""
    day = as_date(on)
    ps = param_set(params)
    if not is_poor_village(record):
        reason = CW_NOT_POOR_VILLAGE(Effect.NOTE, evidence=village_facts(record))
        return SPEC.decide(record.village_id, day, (reason,), outcome=Outcome.MET)
    found = list(_early(record, day, ps))
    early = [x for x in found if isinstance(x, Reason)]
    if early:
        return SPEC.decide(record.village_id, day, early)
    months = in_force(ps, STABLE_EXIT_MONTHS, day, record)
    none = CW_NONE_WITHDRAWN(
        Effect.SUPPORTS,
        evidence=village_facts(record),
        parameters=(months.use(),) if months else (),
        on=day,
        ended=len(found),
    )
    return SPEC.decide(record.village_id, day, (none,))
