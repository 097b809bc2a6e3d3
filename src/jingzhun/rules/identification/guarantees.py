"""How identification takes 两不愁三保障 into account (``identification.guarantee_mode``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Final, NamedTuple

from jingzhun.core.bounds import Bound
from jingzhun.core.citations import cite
from jingzhun.core.decisions import (
    Effect,
    Evidence,
    ParameterUse,
    Reason,
    ReasonCode,
)
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import Household
from jingzhun.domain.vocabulary import Guarantee
from jingzhun.rules.common.guarantees import GUARANTEE_ORDER, guarantee_facts
from jingzhun.rules.common.params import param_set


class GuaranteeMode(Labelled):
    """How identification takes 两不愁三保障 into account (综合考虑), per dated parameter."""

    INCOME_ONLY = ("income_only", "仅收入", "income only; the guarantees are recorded")
    INCOME_OR_UNMET_GUARANTEE = (
        "income_or_unmet_guarantee",
        "收入低于标准，或任一保障未实现",
        "income below the line, or any unmet guarantee",
    )
    INCOME_OR_UNMET_WITHIN_MARGIN = (
        "income_or_unmet_within_margin",
        "收入低于标准，或收入在宽限内且保障未实现",
        "income below the line, or an unmet guarantee with income within a margin above it",
    )


GUARANTEE_MODES: Final = tuple(m.value for m in GuaranteeMode)


_HOUSEHOLD_STANDARD = cite("BOOK2017-ch5-end-b")


_GUARANTEE_DEFINITION = cite("BOOK2017-ch1-3-a")


GUARANTEE_UNMET = ReasonCode(
    code="ID_GUARANTEE_UNMET",
    zh="“两不愁三保障”未实现：{items}",
    en="unmet 'two assurances, three guarantees': {items_en}",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)


GUARANTEE_UNMET_OUTSIDE_MARGIN = ReasonCode(
    code="ID_GUARANTEE_UNMET_INCOME_TOO_HIGH",
    zh="“两不愁三保障”未实现（{items}），但人均纯收入{income}元不低于宽限标准{limit}元",
    en="unmet guarantees ({items_en}) but per-capita income {income} yuan is not below the "
    "widened limit of {limit} yuan",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)


GUARANTEES_MET = ReasonCode(
    code="ID_GUARANTEES_MET",
    zh="“两不愁三保障”均已实现",
    en="every guarantee considered is met",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)


GUARANTEE_UNKNOWN = ReasonCode(
    code="ID_GUARANTEE_UNKNOWN",
    zh="以下保障情况未登记：{items}",
    en="not recorded: {items_en}",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)


GUARANTEES_NOT_USED = ReasonCode(
    code="ID_GUARANTEES_NOT_USED",
    zh="按“仅收入”口径，“两不愁三保障”情况只作记录（未实现：{items}）",
    en="under the income-only reading the guarantees are recorded, not used (unmet: {items_en})",
    citations=(_HOUSEHOLD_STANDARD,),
)


def considered_guarantees(
    on: dt.date, *, region: str | None = None, params: ParameterSet | None = None
) -> tuple[Guarantee, ...]:
    """The guarantees identification considers on ``on`` (drinking water from 2019)."""
    water = param_set(params).resolve("guarantees.drinking_water_counts", on=on, region=region)
    if water.flag():
        return GUARANTEE_ORDER
    return GUARANTEE_ORDER[:-1]


def _items(gs: Iterable[Guarantee]) -> dict[str, Any]:
    """The ``items`` (Chinese) and ``items_en`` (English) fields naming some guarantees."""
    listed = tuple(gs)
    return {"items": "、".join(g.zh for g in listed), "items_en": ", ".join(g.en for g in listed)}


class _Facts(NamedTuple):
    """The household's 两不愁三保障 as evidence, what is unmet and unrecorded, the parameters."""

    evidence: tuple[Evidence, ...]
    unmet: tuple[Guarantee, ...]
    unknown: tuple[Guarantee, ...]
    used: tuple[ParameterUse, ...]


def _recorded_not_used(f: _Facts) -> list[Reason]:
    """``income_only``: the guarantees are recorded, never decisive."""
    items = _items(f.unmet) if f.unmet else {"items": "无 / none", "items_en": "none"}
    return [GUARANTEES_NOT_USED(Effect.NOTE, evidence=f.evidence, parameters=f.used, **items)]


def _unmet(f: _Facts, below: bool | None) -> list[Reason]:
    """An unmet guarantee qualifies a household whose income is known and not below the line;
    below the line, or with the income unknown, it is only noted (unknown is not met)."""
    effect = Effect.SUPPORTS if below is False else Effect.NOTE
    return [GUARANTEE_UNMET(effect, evidence=f.evidence, parameters=f.used, **_items(f.unmet))]


def _none_unmet(f: _Facts, below: bool | None) -> list[Reason]:
    """Nothing recorded unmet: an unrecorded guarantee blocks, unless income is below the line."""
    if not f.unknown:
        return [GUARANTEES_MET(Effect.NOTE, evidence=f.evidence, parameters=f.used)]
    effect = Effect.NOTE if below is True else Effect.BLOCKS
    items = _items(f.unknown)
    return [GUARANTEE_UNKNOWN(effect, evidence=f.evidence, parameters=f.used, **items)]


def _income_or_unmet_guarantee(f: _Facts, below: bool | None) -> list[Reason]:
    """``income_or_unmet_guarantee``: income below the line, or any guarantee unmet."""
    return _unmet(f, below) if f.unmet else _none_unmet(f, below)


def _unmet_against_margin(
    f: _Facts,
    margin_p: ResolvedParameter,
    household: Household,
    income: Decimal | None,
    line: Decimal | None,
) -> list[Reason]:
    """An unmet guarantee qualifies only while income is below the widened line (exactly)."""
    ev, items = f.evidence, _items(f.unmet)
    if income is None or line is None:
        return [GUARANTEE_UNMET(Effect.NOTE, evidence=ev, parameters=f.used, **items)]
    used = (*f.used, margin_p.use())
    limit = line * (1 + margin_p.decimal())
    if household.per_capita_within(limit, Bound.BELOW):
        return [GUARANTEE_UNMET(Effect.SUPPORTS, evidence=ev, parameters=used, **items)]
    return [
        GUARANTEE_UNMET_OUTSIDE_MARGIN(
            Effect.NOTE, evidence=ev, parameters=used, income=income, limit=limit, **items
        )
    ]


def _income_or_unmet_within_margin(
    f: _Facts,
    household: Household,
    below: bool | None,
    income: Decimal | None,
    line: Decimal | None,
    margin: Callable[[], ResolvedParameter],
) -> list[Reason]:
    """``income_or_unmet_within_margin``: an unmet guarantee counts within a margin of the line.

    An unrecorded guarantee is only noted when the income is at or above the widened line:
    no guarantee could qualify the household then.
    """
    if f.unmet:
        if below:
            return _unmet(f, below)
        return _unmet_against_margin(f, margin(), household, income, line)
    if below is not True and f.unknown and income is not None and line:
        margin_p = margin()
        if household.per_capita_within(line * (1 + margin_p.decimal()), Bound.BELOW) is False:
            return [
                GUARANTEE_UNKNOWN(
                    Effect.NOTE,
                    evidence=f.evidence,
                    parameters=(*f.used, margin_p.use()),
                    **_items(f.unknown),
                )
            ]
    return _none_unmet(f, below)


def guarantee_reasons(
    household: Household,
    day: dt.date,
    ps: ParameterSet,
    below: bool | None,
    income: Decimal | None,
    line: Decimal | None,
) -> list[Reason]:
    """What 两不愁三保障 says about identification, read per ``identification.guarantee_mode``.

    ``below`` is whether income is below the line (``None`` if unknown).
    """
    region = household.county_code
    mode_p = ps.resolve("identification.guarantee_mode", on=day, region=region)
    mode = mode_p.choice(GuaranteeMode)
    water_p = ps.resolve("guarantees.drinking_water_counts", on=day, region=region)
    ev, unmet, unknown = guarantee_facts(household.guarantees, water_p.flag())
    facts = _Facts(ev, unmet, unknown, used=(mode_p.use(), water_p.use()))
    if mode is GuaranteeMode.INCOME_ONLY:
        return _recorded_not_used(facts)
    if mode is GuaranteeMode.INCOME_OR_UNMET_GUARANTEE:
        return _income_or_unmet_guarantee(facts, below)
    return _income_or_unmet_within_margin(
        facts,
        household,
        below,
        income,
        line,
        lambda: ps.resolve("identification.guarantee_margin", on=day, region=region),
    )
