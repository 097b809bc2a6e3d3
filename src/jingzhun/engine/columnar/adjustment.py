"""Kernel of ``dynamic.adjustment`` (rules/dynamic/adjustment.py): the yearly adjustment of
registry entries at the 31 December node, over the household layout's registry columns
(``registry_status``: null reads as ``poor``, as the loader reads an absent status;
``history``: list<struct<on, status, action>>).

The adjustment composes the identification and the exit of the same rows: both are decided
by their own kernels (with their own scalar fallback) on the rows with the income year
defaulted to the node's year, as the rule does; the adjustment then takes, per row, the
action from (status, a change recorded after the node, a local exclusion among the
identification's codes, the identification outcome, the exit outcome, the income year
differing from the node's year).

Vectorised: keep / exit / relapse / add / remove (a local exclusion), undetermined, a
history already past the node, the income-year note. Left to the rule: registered rows that
could be re-decided as never eligible (an identification day — ``identified_on`` or a
``poor`` history entry — and an ``income_history``: 剔除识别不准 on the income the
identification rested on), registered rows on a node before the registry opened (the
identification then reads no exclusions), unknown statuses, histories out of date order or
with missing fields (the loader says what is wrong).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import polars as pl

from jingzhun.core.decisions import Effect, Outcome
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.registry import RegistryStatus
from jingzhun.engine.columnar.contract import Verdict, decided, pack, spec_codes
from jingzhun.rules.dynamic import adjustment as rule
from jingzhun.rules.identification.exclusions import EXCLUDED
from jingzhun.rules.identification.household import BEFORE_REGISTRY

STATUSES: Final = tuple(s.value for s in RegistryStatus)
IN_POVERTY: Final = tuple(s.value for s in RegistryStatus if s.in_poverty)
_OUTCOMES: Final = ("met", "not_met", "undetermined")
_OUTCOME_OF: Final = {
    "met": Outcome.MET,
    "not_met": Outcome.NOT_MET,
    "undetermined": Outcome.UNDETERMINED,
}

FIELDS: Final = (
    ("after_node", pl.col("_after_node"), 1),
    ("status", pl.col("_status"), 3),
    ("excluded", pl.col("_excluded"), 1),
    ("ident", pl.col("_ident"), 2),
    ("exit", pl.col("_exit"), 2),
    ("note", pl.col("_note"), 1),
)

_AFTER: Final = {
    rule.ADJ_EXIT.code: RegistryStatus.EXITED.value,
    rule.ADJ_RELAPSE.code: RegistryStatus.RELAPSED.value,
    rule.ADJ_REMOVE.code: RegistryStatus.REMOVED.value,
    rule.ADJ_REMOVE_NOT_ELIGIBLE.code: RegistryStatus.REMOVED.value,
    rule.ADJ_ADD.code: RegistryStatus.POOR.value,
}
"""The status after an adjustment whose first code is the key (else unchanged)."""


def _node(on: dt.date) -> dt.date:
    if (on.month, on.day) != (12, 31):
        raise ValueError(f"调整节点应为12月31日 / the adjustment node is 31 December, not {on}")
    return on


def _outcome_index(outcome: pl.Series) -> pl.Series:
    return outcome.cast(pl.String).replace_strict(
        {o: i for i, o in enumerate(_OUTCOMES)}, default=3, return_dtype=pl.Int64
    )


def _history_facts(frame: pl.DataFrame, on: dt.date) -> pl.DataFrame:
    """``_after_node`` (the last change after the node), ``_history_bad`` (a change with a
    missing field or out of date order), ``_history_any``."""
    if "history" not in frame.columns or not isinstance(frame.schema["history"], pl.List):
        n = frame.height
        return pl.DataFrame(
            {
                "_after_node": [False] * n,
                "_history_bad": [False] * n,
                "_history_any": [False] * n,
            }
        )
    days = pl.col("history").list.eval(pl.element().struct.field("on"))
    fields = pl.col("history").list.eval(
        pl.element().struct.field("on").is_null()
        | pl.element().struct.field("status").is_null()
        | pl.element().struct.field("action").is_null()
        | ~pl.element().struct.field("status").is_in(list(STATUSES))
    )
    return frame.select(
        (days.list.last() > on).fill_null(False).alias("_after_node"),
        (
            fields.list.any().fill_null(False)
            | days.list.eval(pl.element().diff() < pl.duration(days=0)).list.any().fill_null(False)
        ).alias("_history_bad"),
        (pl.col("history").list.len().fill_null(0) > 0).alias("_history_any"),
    )


def _never_eligible_inputs(frame: pl.DataFrame, history: pl.DataFrame) -> pl.Series:
    """Whether a row has what ``_never_eligible`` re-decides on: an identification day
    (``identified_on`` or a history entry) and an ``income_history`` (then: the rule)."""
    false = pl.Series([False] * frame.height)
    identified_day = (
        frame["identified_on"].is_not_null() if "identified_on" in frame.columns else false
    )
    incomes = (
        frame["income_history"].list.len().fill_null(0) > 0
        if "income_history" in frame.columns and isinstance(frame.schema["income_history"], pl.List)
        else false
    )
    return (identified_day | history["_history_any"]) & incomes


def kernel(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.DataFrame:
    """The yearly adjustment of each row (see the module docstring for what goes to the rule)."""
    from jingzhun.engine.columnar import decide

    node = _node(on)
    year = node.year
    income_year = frame["income_year"] if "income_year" in frame.columns else None
    filled = frame.with_columns(
        pl.col("income_year").fill_null(year).cast(frame.schema["income_year"])
        if income_year is not None
        else pl.lit(year, pl.Int16).alias("income_year")
    )
    status = (
        frame["registry_status"].cast(pl.String).fill_null(RegistryStatus.POOR.value)
        if "registry_status" in frame.columns
        else pl.Series("registry_status", [RegistryStatus.POOR.value] * frame.height)
    )
    known = status.is_in(list(STATUSES))
    registered = status.is_in(list(IN_POVERTY))
    history = _history_facts(frame, node)
    after_node = history["_after_node"] & ~history["_history_bad"]

    ident = decide("identification.household", filled, on=node, params=ps)
    exit_rows = (registered & ~after_node).arg_true()
    exit_outcome = pl.Series("_exit", [3] * frame.height, dtype=pl.Int64)
    if len(exit_rows):
        sub = decide("exit.household", filled[exit_rows], on=node, params=ps)
        exit_outcome = exit_outcome.scatter(exit_rows, _outcome_index(sub["outcome"]))

    codes = ident["codes"].cast(pl.List(pl.String))
    excluded = codes.list.contains(EXCLUDED.code)
    maybe_never = registered & ~excluded & _never_eligible_inputs(frame, history)
    before_registry = codes.list.contains(BEFORE_REGISTRY.code)
    route = (
        ~known
        | history["_history_bad"]
        | (~after_node & registered & (before_registry | maybe_never))
    )
    note = (
        (income_year.is_not_null() & (income_year.cast(pl.Int64) != year))
        if income_year is not None
        else pl.Series([False] * frame.height)
    )
    facts = pl.DataFrame(
        [
            after_node.alias("_after_node"),
            status.replace_strict(
                {s: i for i, s in enumerate(STATUSES)}, default=0, return_dtype=pl.Int64
            ).alias("_status"),
            excluded.fill_null(False).alias("_excluded"),
            _outcome_index(ident["outcome"]).alias("_ident"),
            exit_outcome.alias("_exit"),
            note.fill_null(False).alias("_note"),
        ]
    )
    out = facts.select(pack(FIELDS).alias("_k"))
    return decided(out["_k"], route.fill_null(True), FIELDS, decide_key, spec_codes(rule.SPEC))


def decide_key(f: Mapping[str, int]) -> Verdict:
    """The decision of one combination of facts, as ``adjust_household`` takes it."""
    if f["after_node"]:
        return Outcome.UNDETERMINED, [(rule.ADJ_HISTORY_AFTER_NODE.code, Effect.BLOCKS)]
    notes = [(rule.ADJ_INCOME_YEAR.code, Effect.NOTE)] if f["note"] else []
    status = RegistryStatus.of(STATUSES[f["status"]])
    if status.in_poverty:
        if f["excluded"]:
            return Outcome.MET, [(rule.ADJ_REMOVE.code, Effect.SUPPORTS), *notes]
        basis = _OUTCOMES[f["exit"]] if f["exit"] < 3 else "undetermined"
        if basis == "met":
            return Outcome.MET, [(rule.ADJ_EXIT.code, Effect.SUPPORTS), *notes]
        return _keep(basis, notes)
    basis = _OUTCOMES[f["ident"]] if f["ident"] < 3 else "undetermined"
    if basis == "met":
        code = rule.ADJ_RELAPSE if status is RegistryStatus.EXITED else rule.ADJ_ADD
        return Outcome.MET, [(code.code, Effect.SUPPORTS), *notes]
    return _keep(basis, notes)


def _keep(basis: str, notes: list[Any]) -> Verdict:
    if basis == "undetermined":
        return Outcome.UNDETERMINED, [(rule.ADJ_UNDETERMINED.code, Effect.BLOCKS), *notes]
    return Outcome.NOT_MET, [(rule.ADJ_KEEP.code, Effect.OPPOSES), *notes]


def decide_rows(
    frame: pl.DataFrame, rows: list[int], rule_: Any, on: dt.date, ps: ParameterSet
) -> tuple[list[str], list[list[str]]]:
    """The rule's outcome and code set for each of ``rows`` (registry entries rebuilt from the
    columns and validated as the loaders do; a record they refuse is an error naming it)."""
    from jingzhun.engine.columnar import fallback
    from jingzhun.io.converters import registry_entry_from_dict

    return fallback.decide_rows(
        frame,
        rows,
        rule_,
        on,
        ps,
        convert=registry_entry_from_dict,
        refused="无法读取的建档立卡记录 / registry entries the rules refuse",
    )


def statuses_after(frame: pl.DataFrame, on: dt.date, ps: ParameterSet) -> pl.Series:
    """Each entry's registry status after the adjustment at ``on`` (its decision's first code
    names the change; a kept entry keeps its status)."""
    from jingzhun.engine.columnar import decide

    out = decide(rule.RULE, frame, on=on, params=ps)
    before = (
        frame["registry_status"].cast(pl.String).fill_null(RegistryStatus.POOR.value)
        if "registry_status" in frame.columns
        else pl.Series([RegistryStatus.POOR.value] * frame.height)
    )
    first = out["codes"].list.first().cast(pl.String)
    changed = first.replace_strict(_AFTER, default=None, return_dtype=pl.String)
    return pl.select(pl.coalesce(changed, before)).to_series().alias("status_after")
