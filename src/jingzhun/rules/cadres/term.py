"""A posted cadre serves the full term (驻村干部一般要任满两年).

《精准扶贫精准脱贫》第七章（末段）: 按照因村派人原则，选派…干部驻村扶贫。
要求驻村干部一般要任满两年。对干得好的予以表彰宣传、提拔使用，对不符合要求、不胜任工作的及时召回撤换.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.county_registry import VillageRecord
from jingzhun.domain.support import Posting
from jingzhun.rules.cadres.common import STABLE_EXIT_MONTHS, in_force, posting_facts, stable_from
from jingzhun.rules.common.params import param_set

TERM: Final = "cadres.term"
MINIMUM_TERM: Final = "cadres.minimum_term_years"

SPEC = RuleSpec(
    id=TERM,
    title_zh="驻村干部一般要任满两年",
    title_en="Posted cadres serve, in principle, two full years",
    question_zh="已结束的派驻是否任满规定年限",
    question_en="Did each ended posting last the full term?",
    subject=VillageRecord,
    parameters=(MINIMUM_TERM, STABLE_EXIT_MONTHS),
    clauses=("BOOK2017-ch7-end",),
)

_TERM = cite("BOOK2017-ch7-end")

CT_TERMS_SERVED = SPEC.code(
    "CT_TERMS_SERVED",
    zh="截至{on}已结束的{ended}个派驻中没有任期不满的",
    en="by {on}, none of the {ended} ended postings was short of the term",
    citations=(_TERM,),
)
CT_NO_ENDED_POSTING = SPEC.code(
    "CT_NO_ENDED_POSTING",
    zh="截至{on}没有已结束的派驻（在岗的派驻不算任期不满）",
    en="no posting had ended by {on} (a posting still running is not short)",
)
CT_SHORT_TERM = SPEC.code(
    "CT_SHORT_TERM",
    zh="{person}（{role}）{start}到岗、{end}离岗，不满{years}年（满{years}年之日为{full_on}）",
    en="{person} ({role_en}) served from {start} to {end}, less than {years} years "
    "(the full term is reached on {full_on})",
    citations=(_TERM,),
)
CT_ENDED_AFTER_EXIT = SPEC.code(
    "CT_ENDED_AFTER_EXIT",
    zh="{person}（{role}）不满{years}年，但于贫困村稳定脱贫之日（{stable_from}）或其后离岗，不计为任期不满",
    en="{person} ({role_en}) served less than {years} years but left on the day the village stably "
    "exited ({stable_from}) or later: not counted as short",
    citations=(_TERM, cite("BOOK2017-ch5-1.6-c")),
)
CT_NO_TERM_IN_FORCE = SPEC.code(
    "CT_NO_TERM_IN_FORCE",
    zh="{person}于{end}离岗，当时尚无任期年限要求",
    en="{person} left on {end}, when no minimum term was in force",
    citations=(_TERM,),
)


def _judge(record: VillageRecord, post: Posting, ps: ParameterSet) -> Reason | None:
    """A reason for a posting that ended short (or is excused), None for a full term.

    任满 N 年: the half-open term [start, end) is full when ``end`` is on or after the
    anniversary ``start + N years`` — ending on the anniversary itself is a full term, the
    day before is not (不满). The requirement is the one in force on the day it ended."""
    assert post.end is not None
    end = as_date(post.end)
    minimum = in_force(ps, MINIMUM_TERM, end, record)
    if minimum is None:
        return CT_NO_TERM_IN_FORCE(
            Effect.NOTE, evidence=posting_facts(record, post), person=post.person_id, end=end
        )
    years = minimum.integer()
    full_on: dt.date = as_date(post.start).add(years=years)
    if end >= full_on:
        return None
    facts = (
        *posting_facts(record, post),
        evidence("served_days", (end - as_date(post.start)).days, "days"),
        evidence("full_on", full_on),
    )
    labels: dict[str, Any] = {
        "person": post.person_id,
        "role": post.role.zh,
        "role_en": post.role.en,
    }
    stable, months = stable_from(ps, record, end)
    if stable is not None and end >= stable:
        return CT_ENDED_AFTER_EXIT(
            Effect.NOTE,
            evidence=(*facts, evidence("stable_from", stable)),
            parameters=tuple(x.use() for x in (minimum, months) if x is not None),
            years=years,
            stable_from=stable,
            **labels,
        )
    return CT_SHORT_TERM(
        Effect.OPPOSES,
        evidence=facts,
        parameters=(minimum.use(),),
        years=years,
        start=post.start,
        end=end,
        full_on=full_on,
        **labels,
    )


@SPEC.implementation
def posting_terms(
    record: VillageRecord, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Each posting of the village that ended on or before ``on`` short of
    ``cadres.minimum_term_years`` (一般: in principle — an overlay may set another term).
    A posting still running on ``on`` is not short; one that ended after the village stably
    exited is excused with a note (its task was done)."""
    day = as_date(on)
    ps = param_set(params)
    ended = [p for p in record.postings if p.end is not None and p.end <= day]
    if not ended:
        reason = CT_NO_ENDED_POSTING(Effect.NOTE, on=day)
        return SPEC.decide(record.village_id, day, (reason,), outcome=Outcome.MET)
    reasons = [r for r in (_judge(record, p, ps) for p in ended) if r is not None]
    if not any(r.effect is Effect.OPPOSES for r in reasons):
        reasons.insert(0, CT_TERMS_SERVED(Effect.SUPPORTS, on=day, ended=len(ended)))
    return SPEC.decide(record.village_id, day, reasons)
