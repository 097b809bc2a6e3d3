"""The yearly dynamic adjustment (动态调整) of a registry at the 31 December node."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any, Final

import attrs
import pendulum

from jingzhun.core.catalogue import RuleSpec, stamp_provenance
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Evidence, Outcome, Reason, ReasonCode
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.domain.registry import RegistryEntry, RegistryStatus, StatusChange
from jingzhun.rules.exit.household import household_exit
from jingzhun.rules.identification.exclusions import exclusion_reasons
from jingzhun.rules.identification.household import identify_household

RULE: Final = "dynamic.adjustment"


class Action(Labelled):
    """What the yearly adjustment does to an entry."""

    EXIT = ("exit", "标注脱贫", "marked as exited")
    RELAPSE = ("relapse", "返贫纳入", "re-admitted as relapsed")
    REMOVE = ("remove", "剔除识别不准", "removed as wrongly identified")
    ADD = ("add", "补录遗漏", "added as missed")
    KEEP = ("keep", "保持", "no change")


@attrs.frozen(kw_only=True)
class Adjustment:
    """The result for one entry: before, after, the action and the decision behind it."""

    before: RegistryEntry
    after: RegistryEntry
    action: Action
    decision: Decision


@attrs.frozen(kw_only=True)
class AdjustmentResult:
    """Every input entry, adjusted, in input order."""

    year: int
    on: dt.date
    adjustments: tuple[Adjustment, ...]

    @property
    def entries(self) -> tuple[RegistryEntry, ...]:
        return tuple(a.after for a in self.adjustments)

    def counts(self) -> dict[Action, int]:
        found = Counter(a.action for a in self.adjustments)
        return {action: found.get(action, 0) for action in Action}


SPEC = RuleSpec(
    id=RULE,
    title_zh="年度动态调整（12月31日节点；脱贫即出、返贫即入；剔除与补录）",
    title_en="Yearly dynamic adjustment (31 December node; exits, re-entries, removals, additions)",
    question_zh="年度动态调整是否改变其建档立卡状态",
    question_en="Does the yearly adjustment change the household's registry status?",
    subject=RegistryEntry,
    clauses=(
        "BOOK2017-ch5-end-d",
        "THREEYEAR2018-7.1-a",
        "THREEYEAR2018-7.1-b",
        "EXIT2016-2.1-a",
        "BOOK2017-ch5-1.1-g",
        "BOOK2017-ch5-1.1-h",
        "BOOK2017-ch5-end-f",
        "BOOK2017-ch10-1.2-a",
        "BOOK2017-ch10-2.2-b",
        "BOOK2017-ch10-2.3",
        "BOOK2017-ch5-end-e",
    ),
    command=("adjust",),
    dated_by="year_node",
    composes=("identification.household", "exit.household"),
    details=lambda entry, decision: adjustment_details(entry, decision),
    tally=lambda decision: action_of(decision),
    tally_labels=Action,
)

_NODE = cite("BOOK2017-ch5-end-d")


_IN_OUT = cite("THREEYEAR2018-7.1-a")


_REMOVE_ADD = cite("THREEYEAR2018-7.1-b")


_PROMPT = cite("EXIT2016-2.1-a")


ADJ_EXIT = SPEC.code(
    "ADJ_EXIT",
    zh="达到退出标准，标注脱贫（脱贫即出）",
    en="meets the exit standard: marked as exited",
    citations=(_IN_OUT, _PROMPT, _NODE),
)


ADJ_RELAPSE = SPEC.code(
    "ADJ_RELAPSE",
    zh="已脱贫户重新符合识别标准，作为返贫人口纳入（返贫即入）",
    en="an exited household meets the identification standard again: re-admitted as relapsed",
    citations=(_IN_OUT, cite("BOOK2017-ch10-2.3"), cite("BOOK2017-ch5-1.1-h")),
)


ADJ_REMOVE = SPEC.code(
    "ADJ_REMOVE",
    zh="属于不予识别情形，剔除识别不准人口",
    en="falls under an exclusion rule: removed as wrongly identified",
    citations=(_REMOVE_ADD, cite("BOOK2017-ch5-end-f")),
)


ADJ_REMOVE_NOT_ELIGIBLE = SPEC.code(
    "ADJ_REMOVE_NOT_ELIGIBLE",
    zh="{identified}识别时所依据的{year}年收入不低于当年扶贫标准，从未符合识别标准：剔除识别不准人口，"
    "不计为脱贫",
    en="the {year} income the identification on {identified} rests on was not below that "
    "year's line: never eligible, removed as wrongly identified rather than counted as exited",
    citations=(_REMOVE_ADD, cite("BOOK2017-ch5-end-e")),
)


ADJ_ADD = SPEC.code(
    "ADJ_ADD",
    zh="符合识别标准但未建档立卡，补录遗漏贫困人口",
    en="meets the identification standard but is not registered: added as missed",
    citations=(_REMOVE_ADD, cite("BOOK2017-ch5-end-f")),
)


ADJ_KEEP = SPEC.code(
    "ADJ_KEEP",
    zh="状态不变（{status}）：{why}",
    en="no change ({status_en}): {why_en}",
    citations=(_NODE, cite("BOOK2017-ch10-1.2-a"), cite("BOOK2017-ch5-1.1-g")),
)


ADJ_UNDETERMINED = SPEC.code(
    "ADJ_UNDETERMINED",
    zh="依据不足，状态暂不变（{status}）",
    en="not enough to decide: status kept ({status_en})",
    citations=(_NODE,),
)


ADJ_HISTORY_AFTER_NODE = SPEC.code(
    "ADJ_HISTORY_AFTER_NODE",
    zh="登记历史已有{last}的变动，晚于调整节点{node}：不能按此节点调整，状态不变（{status}）",
    en="the registry history already records a change on {last}, after the node {node}: "
    "not adjusted at this node, status kept ({status_en})",
    citations=(_NODE,),
)


ADJ_INCOME_YEAR = SPEC.code(
    "ADJ_INCOME_YEAR_DIFFERS",
    zh="收入年度为{income_year}年，不是调整年度{year}年",
    en="the income is of {income_year}, not of the adjustment year {year}",
    citations=(_NODE,),
)


def adjustment_date(year: int) -> pendulum.Date:
    """The node of a yearly adjustment: 31 December (以每年12月31日为节点)."""
    return pendulum.date(year, 12, 31)


@SPEC.implementation
def adjust_household(
    entry: RegistryEntry, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """The yearly adjustment of one registry entry at the 31 December node ``on``.

    The decision names the action (evidence ``action``) and keeps the identification or
    exit decision it rests on whole in ``basis``.
    """
    day = as_date(on)
    if (day.month, day.day) != (12, 31):
        raise ValueError(f"调整节点应为12月31日 / the adjustment node is 31 December, not {day}")
    return _adjust(entry, day, params).decision


def adjust_entry(
    entry: RegistryEntry, *, year: int, params: ParameterSet | None = None
) -> Adjustment:
    """Adjust one registry entry at the 31 December node of ``year``."""
    made = _adjust(entry, adjustment_date(year), params)
    stamp_provenance(made.decision, params)
    return made


def _adjust(entry: RegistryEntry, on: pendulum.Date, params: ParameterSet | None) -> Adjustment:
    if entry.history and entry.history[-1].on > on:
        return _after_node(entry, on)
    year = on.year
    h = entry.household
    if h.income_year is None:
        h = attrs.evolve(h, income_year=year)
    notes: list[Reason] = []
    if h.income_year != year:
        notes.append(ADJ_INCOME_YEAR(Effect.NOTE, income_year=h.income_year, year=year))
    if entry.status.in_poverty:
        return _adjust_registered(entry, h, on, notes, params)
    ident = identify_household(h, on=on, params=params)
    if ident.outcome is not Outcome.MET:
        why = ("不符合识别标准", "does not meet the identification standard")
        return _keep(entry, on, ident, notes, *why)
    if entry.status is RegistryStatus.EXITED:
        return _change(
            entry, on, Action.RELAPSE, RegistryStatus.RELAPSED, ADJ_RELAPSE, ident, notes
        )
    return _change(entry, on, Action.ADD, RegistryStatus.POOR, ADJ_ADD, ident, notes)


def _adjust_registered(
    entry: RegistryEntry,
    h: Household,
    on: pendulum.Date,
    notes: list[Reason],
    params: ParameterSet | None,
) -> Adjustment:
    """A registered (poor or relapsed) household: removed if excluded, exits if it may."""
    if exclusion_reasons(h, on=on, params=params):
        ident = identify_household(h, on=on, params=params)
        return _change(entry, on, Action.REMOVE, RegistryStatus.REMOVED, ADJ_REMOVE, ident, notes)
    never = _never_eligible(entry, h, params)
    if never is not None:
        ident, fields = never
        return _change(
            entry,
            on,
            Action.REMOVE,
            RegistryStatus.REMOVED,
            ADJ_REMOVE_NOT_ELIGIBLE,
            ident,
            notes,
            **fields,
        )
    exit_decision = household_exit(h, on=on, params=params)
    if exit_decision.outcome is Outcome.MET:
        return _change(
            entry, on, Action.EXIT, RegistryStatus.EXITED, ADJ_EXIT, exit_decision, notes
        )
    why = ("未达到退出标准", "does not meet the exit standard")
    return _keep(entry, on, exit_decision, notes, *why)


def _identification_day(entry: RegistryEntry, h: Household) -> dt.date | None:
    """When the household was identified: ``identified_on``, else its first ``poor`` entry."""
    if h.identified_on is not None:
        return h.identified_on
    return next((c.on for c in entry.history if c.status is RegistryStatus.POOR), None)


def _never_eligible(
    entry: RegistryEntry, h: Household, params: ParameterSet | None
) -> tuple[Decision, dict[str, Any]] | None:
    """The identification re-decided on the income it rested on, when that shows the household
    was never below the line (剔除识别不准人口, 《精准扶贫精准脱贫》第五章末段: 回头看).

    The identification read the year before its date (identified on 2014-10-01: the 2013
    income); that year's per-capita income is taken from ``income_history``. Without the day
    or that year's figure nothing is re-decided."""
    day = _identification_day(entry, h)
    if day is None:
        return None
    year = day.year - 1
    income = next((a.per_capita for a in h.income_history if a.year == year), None)
    if income is None:
        return None
    then = attrs.evolve(h, income=None, reported_per_capita_income=income, income_year=year)
    ident = identify_household(then, on=day, params=params)
    if not any(
        r.code == "ID_INCOME_NOT_BELOW_LINE" and r.effect is Effect.OPPOSES for r in ident.reasons
    ):
        return None
    return ident, {"identified": day, "year": year}


def _facts(
    entry: RegistryEntry, status: RegistryStatus, action: Action, basis: Decision
) -> tuple[Evidence, ...]:
    return (
        Evidence(name="status_before", value=entry.status),
        Evidence(name="status_after", value=status),
        Evidence(name="action", value=action),
        Evidence(name="basis_rule", value=basis.rule),
    )


def _change(
    entry: RegistryEntry,
    on: pendulum.Date,
    action: Action,
    status: RegistryStatus,
    code: ReasonCode,
    basis: Decision,
    notes: list[Reason],
    **fields: Any,
) -> Adjustment:
    after = RegistryEntry(
        household=entry.household,
        status=status,
        history=(*entry.history, StatusChange(on=on, status=status, action=action.value)),
    )
    reason = code(Effect.SUPPORTS, evidence=_facts(entry, status, action, basis), **fields)
    reasons = (reason, *notes)
    decision = SPEC.decide(
        entry.household.household_id, on, reasons, outcome=Outcome.MET, basis=(basis,)
    )
    return Adjustment(before=entry, after=after, action=action, decision=decision)


def _keep(
    entry: RegistryEntry,
    on: pendulum.Date,
    basis: Decision,
    notes: list[Reason],
    why: str,
    why_en: str,
) -> Adjustment:
    status = entry.status
    undetermined = basis.outcome is Outcome.UNDETERMINED
    fields: dict[str, Any] = {"status": status.zh, "status_en": status.en}
    evidence = _facts(entry, status, Action.KEEP, basis)
    reason = (
        ADJ_UNDETERMINED(Effect.BLOCKS, evidence=evidence, **fields)
        if undetermined
        else ADJ_KEEP(Effect.OPPOSES, evidence=evidence, why=why, why_en=why_en, **fields)
    )
    decision = SPEC.decide(
        entry.household.household_id,
        on,
        (reason, *notes),
        outcome=Outcome.UNDETERMINED if undetermined else Outcome.NOT_MET,
        basis=(basis,),
    )
    return Adjustment(before=entry, after=entry, action=Action.KEEP, decision=decision)


def _after_node(entry: RegistryEntry, on: pendulum.Date) -> Adjustment:
    """A node earlier than the entry's last change: adjustments go forward in time only."""
    status = entry.status
    reason = ADJ_HISTORY_AFTER_NODE(
        Effect.BLOCKS,
        evidence=(
            Evidence(name="status_before", value=status),
            Evidence(name="status_after", value=status),
            Evidence(name="action", value=Action.KEEP),
        ),
        last=entry.history[-1].on,
        node=on,
        status=status.zh,
        status_en=status.en,
    )
    decision = SPEC.decide(
        entry.household.household_id, on, (reason,), outcome=Outcome.UNDETERMINED
    )
    return Adjustment(before=entry, after=entry, action=Action.KEEP, decision=decision)


def action_of(decision: Decision) -> Action:
    """The action an adjustment decision took (its first reason's ``action`` evidence)."""
    for e in decision.reasons[0].evidence:
        if e.name == "action" and isinstance(e.value, str):
            return Action.of(e.value)
    raise ValueError(f"{decision.subject}: not an adjustment decision")


def adjustment_details(entry: RegistryEntry, decision: Decision) -> dict[str, Any]:
    """The fields batch output adds to an adjustment row: action, statuses, new history."""
    action = action_of(decision)
    after = entry.status
    history = list(entry.history)
    if action is not Action.KEEP:
        after = next(
            RegistryStatus.of(str(e.value))
            for e in decision.reasons[0].evidence
            if e.name == "status_after"
        )
        history.append(StatusChange(on=decision.on, status=after, action=action.value))
    return {
        "action": action.value,
        "action_zh": action.zh,
        "status_before": entry.status.value,
        "status_after": after.value,
        "history": [
            {"on": c.on.isoformat(), "status": c.status.value, "action": c.action} for c in history
        ],
    }


def adjust_registry(
    entries: Iterable[RegistryEntry], *, year: int, params: ParameterSet | None = None
) -> AdjustmentResult:
    """The yearly dynamic adjustment of a registry (《精准扶贫精准脱贫》第五章末段: 以每年12月31日
    为节点，各地对建档立卡贫困人口进行动态调整，标注脱贫人口，建卡返贫人口).

    Every input entry appears in the result, in input order, with its new status; the
    input is never changed; duplicate household ids are an error.
    """
    items = list(entries)
    seen: set[str] = set()
    for e in items:
        hid = e.household.household_id
        if hid in seen:
            raise ValueError(f"duplicate household id in the registry: {hid}")
        seen.add(hid)
    return AdjustmentResult(
        year=year,
        on=adjustment_date(year),
        adjustments=tuple(adjust_entry(e, year=year, params=params) for e in items),
    )
