"""五级书记遍访贫困对象: each secretary visits every target of his level.

《关于打赢脱贫攻坚战三年行动的指导意见》八、（一）: 实施五级书记遍访贫困对象行动，省（自治区、
直辖市）党委书记遍访贫困县，市（地、州、盟）党委书记遍访脱贫攻坚任务重的乡镇，县（市、区、旗）
党委书记遍访贫困村，乡镇党委书记和村党组织书记遍访贫困户.

The text sets no period for a round: the log gives it (``start``, ``end``). 遍访 is read as
"every target visited at least once in the round" — jingzhun's reading.
"""

from __future__ import annotations

from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.responsibility import VisitLog
from jingzhun.rules.common.params import param_set
from jingzhun.rules.responsibility.common import in_force

VISITS: Final = "responsibility.visits"
REQUIRED: Final = "responsibility.visits_required"

SPEC = RuleSpec(
    id=VISITS,
    title_zh="五级书记遍访贫困对象",
    title_en="Secretaries at five levels visit every poor target",
    question_zh="书记是否在本轮内走访了本级全部贫困对象",
    question_en="Did the secretary visit every target of his level in the round?",
    subject=VisitLog,
    parameters=(REQUIRED,),
    clauses=("THREEYEAR2018-8.1-e",),
)

_CLAUSE = cite("THREEYEAR2018-8.1-e")

DV_ALL_VISITED = SPEC.code(
    "DV_ALL_VISITED",
    zh="{secretary}（{level}）已走访全部{count}个{targets}",
    en="{secretary} ({level_en}) visited all {count} {targets_en}",
    citations=(_CLAUSE,),
)
DV_NOT_VISITED = SPEC.code(
    "DV_NOT_VISITED",
    zh="{secretary}（{level}）本轮（截至{last}）未走访{missing}个{targets}：{ids}",
    en="{secretary} ({level_en}) did not visit {missing} {targets_en} in the round "
    "(to {last}): {ids}",
    citations=(_CLAUSE,),
)
DV_ROUND_OPEN = SPEC.code(
    "DV_ROUND_OPEN",
    zh="截至{on}尚有{missing}个{targets}未走访，本轮尚未结束",
    en="by {on}, {missing} {targets_en} not yet visited; the round is still open",
    citations=(_CLAUSE,),
)
DV_NO_TARGETS = SPEC.code(
    "DV_NO_TARGETS",
    zh="{secretary}（{level}）没有须走访的{targets}",
    en="{secretary} ({level_en}) has no {targets_en} to visit",
)
DV_NOT_IN_FORCE = SPEC.code(
    "DV_NOT_IN_FORCE",
    zh="{on}尚未实施五级书记遍访贫困对象行动",
    en="the five-level visiting campaign was not in force on {on}",
)


@SPEC.implementation
def visits(log: VisitLog, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """Every target visited at least once in the round ``[start, end)`` up to ``on``: met.
    A target not visited when the round is over (its last day, ``end`` less one day, is on or
    before ``on``) is not met; while the round is open, undetermined. Visits to ids that are
    not targets are ignored."""
    day = as_date(on)
    ps = param_set(params)
    level = log.level
    zh, en = level.targets
    labels: dict[str, Any] = {
        "secretary": log.secretary_id,
        "level": level.zh,
        "level_en": level.en,
    }
    required = in_force(ps, REQUIRED, day)
    if required is None or not required.flag():
        reason = DV_NOT_IN_FORCE(Effect.NOTE, on=day)
        return SPEC.decide(log.secretary_id, day, (reason,), outcome=Outcome.MET)
    if not log.targets:
        reason = DV_NO_TARGETS(Effect.NOTE, targets=zh, targets_en=en, **labels)
        return SPEC.decide(log.secretary_id, day, (reason,), outcome=Outcome.MET)
    seen = {
        v.target_id
        for v in log.visits
        if log.start <= v.on <= day and (log.end is None or v.on < log.end)
    }
    missing = [t for t in dict.fromkeys(log.targets) if t not in seen]
    count = len(set(log.targets))
    use = (required.use(),)
    if not missing:
        reason = DV_ALL_VISITED(
            Effect.SUPPORTS, parameters=use, count=count, targets=zh, targets_en=en, **labels
        )
        return SPEC.decide(log.secretary_id, day, (reason,))
    facts = (evidence("missing", tuple(missing)), evidence("targets", count))
    last_day = None if log.end is None else as_date(log.end).subtract(days=1)
    if last_day is not None and last_day <= day:
        reason = DV_NOT_VISITED(
            Effect.OPPOSES,
            evidence=facts,
            parameters=use,
            last=last_day,
            missing=len(missing),
            ids="、".join(missing),
            targets=zh,
            targets_en=en,
            **labels,
        )
        return SPEC.decide(log.secretary_id, day, (reason,))
    reason = DV_ROUND_OPEN(
        Effect.BLOCKS, evidence=facts, on=day, missing=len(missing), targets=zh, targets_en=en
    )
    return SPEC.decide(log.secretary_id, day, (reason,))
