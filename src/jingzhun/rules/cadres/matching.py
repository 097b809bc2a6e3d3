"""The posted cadres match the village's needs (因村派人: 帮扶干部和贫困村合理匹配).

《精准扶贫精准脱贫》第五章 一、（五）: 对矛盾纠纷集中、上访问题多的村，注重选派熟悉法律、
群众工作经验丰富的干部；对富民产业不明确，群众种养知识贫乏的村，注重选派熟悉产业发展的技术干部；
对村党组织软弱涣散、凝聚力不强的村，注重选派熟悉党务的干部.
注重 (give weight to) is advice, not a bar: the audit reports a mismatch as advisory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.county_registry import VillageRecord
from jingzhun.domain.support import CadreBackground, VillageNeed
from jingzhun.rules.cadres.common import (
    STABLE_EXIT_MONTHS,
    in_force,
    needs_support_on,
    stable_from,
)
from jingzhun.rules.common.params import param_set

MATCHING: Final = "cadres.matching"
TABLE: Final = "cadres.background_for_need"

SPEC = RuleSpec(
    id=MATCHING,
    title_zh="选派干部与贫困村需求匹配（因村派人）",
    title_en="Posted cadres match the village's needs",
    question_zh="在岗驻村干部的专长是否对应贫困村记录的需求",
    question_en="Do the posted cadres' backgrounds answer the village's recorded needs?",
    subject=VillageRecord,
    parameters=(TABLE, STABLE_EXIT_MONTHS),
    clauses=("BOOK2017-ch5-1.5-a",),
)

_MATCH = cite("BOOK2017-ch5-1.5-a")

CM_NOT_REQUIRED = SPEC.code(
    "CM_NOT_REQUIRED",
    zh="{on}该村不需要驻村力量（非贫困村、未识别或已稳定脱贫）",
    en="the village needs no posted cadres on {on} (not poor, not yet identified, or stably "
    "exited)",
)
CM_NO_TABLE = SPEC.code(
    "CM_NO_TABLE_IN_FORCE",
    zh="{on}尚无需求与专长的对应要求",
    en="no needs-to-backgrounds table was in force on {on}",
    citations=(_MATCH,),
)
CM_NO_NEEDS = SPEC.code(
    "CM_NO_NEEDS_RECORDED",
    zh="村规划未记录需求，无法判断选派是否对应",
    en="the village plan records no needs: whether the cadres match cannot be judged",
    citations=(_MATCH,),
)
CM_NO_POSTING = SPEC.code(
    "CM_NO_POSTING_TO_MATCH",
    zh="{on}无在岗驻村干部，无从匹配（见驻村工作队、第一书记的配备）",
    en="no cadre is posted on {on}: nothing to match (see the presence of team and secretary)",
)
CM_MATCHED = SPEC.code(
    "CM_NEED_MATCHED",
    zh="需求“{need}”：在岗干部{person}熟悉{background}",
    en="need '{need_en}': {person} in post has the {background_en} background",
    citations=(_MATCH,),
)
CM_UNMATCHED = SPEC.code(
    "CM_NEED_UNMATCHED",
    zh="需求“{need}”：在岗干部无{wanted}专长（注重选派）",
    en="need '{need_en}': no cadre in post has a {wanted_en} background (to be given weight)",
    citations=(_MATCH,),
)
CM_NEED_NOT_IN_TABLE = SPEC.code(
    "CM_NEED_NOT_IN_TABLE",
    zh="需求“{need}”不在对应表中",
    en="need '{need_en}' has no row in the table",
    citations=(_MATCH,),
)


def _table(table: ResolvedParameter) -> Mapping[VillageNeed, frozenset[CadreBackground]]:
    return {
        VillageNeed.of(row["need"]): frozenset(CadreBackground.of(b) for b in row["backgrounds"])
        for row in table.rows()
    }


def _judge_needs(
    record: VillageRecord, day: dt.date, table: ResolvedParameter, needs: tuple[VillageNeed, ...]
) -> list[Reason]:
    wanted_by_need = _table(table)
    active = [p for p in record.postings if p.active_on(day)]
    if not active:
        return [CM_NO_POSTING(Effect.NOTE, on=day)]
    uses = (table.use(),)
    reasons: list[Reason] = []
    for need in dict.fromkeys(needs):
        labels: dict[str, Any] = {"need": need.zh, "need_en": need.en}
        wanted = wanted_by_need.get(need)
        if wanted is None:
            reasons.append(CM_NEED_NOT_IN_TABLE(Effect.NOTE, parameters=uses, **labels))
            continue
        fit = [p for p in active if p.background in wanted]
        names = "、".join(b.zh for b in sorted(wanted, key=lambda b: b.value))
        names_en = ", ".join(b.en for b in sorted(wanted, key=lambda b: b.value))
        facts = (
            evidence("need", need),
            evidence("wanted", frozenset(wanted)),
            evidence(
                "posted_backgrounds", tuple(f"{p.person_id}:{p.background.value}" for p in active)
            ),
        )
        if fit:
            reasons.append(
                CM_MATCHED(
                    Effect.SUPPORTS,
                    evidence=facts,
                    parameters=uses,
                    person=fit[0].person_id,
                    background=fit[0].background.zh,
                    background_en=fit[0].background.en,
                    **labels,
                )
            )
        else:
            reasons.append(
                CM_UNMATCHED(
                    Effect.OPPOSES,
                    evidence=facts,
                    parameters=uses,
                    wanted=names,
                    wanted_en=names_en,
                    **labels,
                )
            )
    return reasons


@SPEC.implementation
def village_matching(
    record: VillageRecord, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """For each need the village plan records (一村一策), whether a cadre posted on ``on`` has
    a background the table ``cadres.background_for_need`` gives for it. No recorded need →
    undetermined; a village that needs no posted cadres → met with a note."""
    day = as_date(on)
    ps = param_set(params)
    stable, _ = stable_from(ps, record, day)
    if not needs_support_on(record, day, stable):
        reason = CM_NOT_REQUIRED(Effect.NOTE, on=day)
        return SPEC.decide(record.village_id, day, (reason,), outcome=Outcome.MET)
    table = in_force(ps, TABLE, day, record)
    if table is None:
        reason = CM_NO_TABLE(Effect.NOTE, on=day)
        return SPEC.decide(record.village_id, day, (reason,), outcome=Outcome.MET)
    needs = record.plan.needs if record.plan is not None else ()
    if not needs:
        return SPEC.decide(record.village_id, day, (CM_NO_NEEDS(Effect.BLOCKS),))
    reasons = _judge_needs(record, day, table, needs)
    outcome = Outcome.MET if all(r.effect is Effect.NOTE for r in reasons) else None
    return SPEC.decide(record.village_id, day, reasons, outcome=outcome)
