"""A designated-assistance unit stays paired with its target until the target exits.

《脱贫攻坚责任制实施办法》第二十一条: 各定点扶贫单位应当紧盯建档立卡贫困人口…切实做到扶真贫、
真扶贫，不脱贫不脱钩.
"""

from __future__ import annotations

from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.responsibility import AssistancePairing
from jingzhun.rules.common.params import param_set
from jingzhun.rules.responsibility.common import in_force

UNIT_PAIRING: Final = "responsibility.unit_pairing"
KEPT: Final = "responsibility.units_kept"

SPEC = RuleSpec(
    id=UNIT_PAIRING,
    title_zh="定点扶贫单位不脱贫不脱钩",
    title_en="A designated-assistance unit does not withdraw before its target exits",
    question_zh="定点扶贫单位是否在帮扶对象脱贫前脱钩",
    question_en="Did the unit end its pairing before the target exited?",
    subject=AssistancePairing,
    parameters=(KEPT,),
    clauses=("RESP2016-art21", "RESP2016-art29"),
)

_CLAUSE = cite("RESP2016-art21")

DU_PAIRED = SPEC.code(
    "DU_PAIRED",
    zh="{unit}截至{on}仍在帮扶{target}",
    en="{unit} is still paired with {target} on {on}",
    citations=(_CLAUSE,),
)
DU_ENDED_AFTER_EXIT = SPEC.code(
    "DU_ENDED_AFTER_EXIT",
    zh="{unit}于{end}结束帮扶，{target}已于{exited}脱贫",
    en="{unit} ended the pairing on {end}; {target} had exited on {exited}",
    citations=(_CLAUSE,),
)
DU_WITHDRAWN = SPEC.code(
    "DU_WITHDRAWN",
    zh="{unit}于{end}结束帮扶，{target}{exit_state}：脱贫前脱钩",
    en="{unit} ended the pairing on {end} while {target} {exit_state_en}: withdrawn before exit",
    citations=(_CLAUSE,),
)
DU_ENDED_BEFORE_RULE = SPEC.code(
    "DU_ENDED_BEFORE_RULE",
    zh="{unit}于{end}结束帮扶，当时尚无不脱贫不脱钩要求",
    en="{unit} ended the pairing on {end}, before the no-withdrawal rule",
)


@SPEC.implementation
def unit_pairing(
    pairing: AssistancePairing, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """A pairing still running on ``on`` is met; one that ended on or after the target's exit
    (exit day included) is met; one that ended before it (or with the target not exited by
    ``on``) is not met, when ``responsibility.units_kept`` was in force on the end day."""
    day = as_date(on)
    ps = param_set(params)
    subject = f"{pairing.unit}/{pairing.target_id}"
    labels: dict[str, Any] = {"unit": pairing.unit, "target": pairing.target_id}
    end = pairing.end
    if end is None or end > day:
        return SPEC.decide(subject, day, (DU_PAIRED(Effect.SUPPORTS, on=day, **labels),))
    exited = pairing.target_exited_on
    exited = exited if exited is not None and exited <= day else None
    facts = (evidence("end", end), evidence("target_exited_on", exited))
    if exited is not None and end >= exited:
        reason = DU_ENDED_AFTER_EXIT(
            Effect.SUPPORTS, evidence=facts, end=end, exited=exited, **labels
        )
        return SPEC.decide(subject, day, (reason,))
    kept = in_force(ps, KEPT, end)
    if kept is None or not kept.flag():
        reason = DU_ENDED_BEFORE_RULE(Effect.NOTE, evidence=facts, end=end, **labels)
        return SPEC.decide(subject, day, (reason,), outcome=Outcome.MET)
    state = (
        ("尚未脱贫", "had not exited")
        if exited is None
        else (
            f"于{exited}才脱贫",
            f"exited only on {exited}",
        )
    )
    reason = DU_WITHDRAWN(
        Effect.OPPOSES,
        evidence=facts,
        parameters=(kept.use(),),
        end=end,
        exit_state=state[0],
        exit_state_en=state[1],
        **labels,
    )
    return SPEC.decide(subject, day, (reason,))
