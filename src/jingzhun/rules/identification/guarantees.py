"""How identification takes 两不愁三保障 into account (``identification.guarantee_mode``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from jingzhun.core.citations import cite
from jingzhun.core.decisions import (
    Effect,
    Reason,
    ReasonCode,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.domain.vocabulary import Guarantee
from jingzhun.rules.common.guarantees import GUARANTEE_ORDER, guarantee_facts
from jingzhun.rules.common.params import param_set

GUARANTEE_MODES: Final = (
    "income_only",
    "income_or_unmet_guarantee",
    "income_or_unmet_within_margin",
)


_HOUSEHOLD_STANDARD = cite("BOOK2017-ch5-end-b")


_GUARANTEE_DEFINITION = cite("BOOK2017-ch1-3-a")


GUARANTEE_UNMET = ReasonCode(
    code="ID_GUARANTEE_UNMET",
    zh="“两不愁三保障”未实现：{items}",
    en="unmet 'two assurances, three guarantees': {items}",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)


GUARANTEE_UNMET_OUTSIDE_MARGIN = ReasonCode(
    code="ID_GUARANTEE_UNMET_INCOME_TOO_HIGH",
    zh="“两不愁三保障”未实现（{items}），但人均纯收入{income}元不低于宽限标准{limit}元",
    en="unmet guarantees ({items}) but per-capita income {income} yuan is not below the "
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
    en="not recorded: {items}",
    citations=(_HOUSEHOLD_STANDARD, _GUARANTEE_DEFINITION),
)


GUARANTEES_NOT_USED = ReasonCode(
    code="ID_GUARANTEES_NOT_USED",
    zh="按“仅收入”口径，“两不愁三保障”情况只作记录（未实现：{items}）",
    en="under the income-only reading the guarantees are recorded, not used (unmet: {items})",
    citations=(_HOUSEHOLD_STANDARD,),
)


def considered_guarantees(
    on: dt.date, *, region: str | None = None, params: ParameterSet | None = None
) -> tuple[Guarantee, ...]:
    """The guarantees identification considers on ``on`` (drinking water from 2019)."""
    water = param_set(params).resolve("guarantees.drinking_water_counts", on=on, region=region)
    if water.value:
        return GUARANTEE_ORDER
    return GUARANTEE_ORDER[:-1]


def _items(gs: Iterable[Guarantee]) -> str:
    return "、".join(g.zh for g in gs)


def guarantee_reasons(
    household: Household,
    day: dt.date,
    ps: ParameterSet,
    below: bool | None,
    income: Decimal | None,
    line: Decimal | None,
) -> list[Reason]:
    region = household.county_code
    mode_p = ps.resolve("identification.guarantee_mode", on=day, region=region)
    mode = mode_p.value
    if mode not in GUARANTEE_MODES:
        raise ValueError(f"identification.guarantee_mode {mode!r} is not one of {GUARANTEE_MODES}")
    water_p = ps.resolve("guarantees.drinking_water_counts", on=day, region=region)
    ev, unmet, unknown = guarantee_facts(household.guarantees, bool(water_p.value))
    used = (mode_p.use(), water_p.use())

    if mode == "income_only":
        return [
            GUARANTEES_NOT_USED(
                Effect.NOTE, evidence=ev, parameters=used, items=_items(unmet) or "无 / none"
            )
        ]
    if unmet:
        if mode == "income_or_unmet_guarantee" or below:
            return [
                GUARANTEE_UNMET(
                    Effect.SUPPORTS if below is not True else Effect.NOTE,
                    evidence=ev,
                    parameters=used,
                    items=_items(unmet),
                )
            ]
        margin_p = ps.resolve("identification.guarantee_margin", on=day, region=region)
        assert isinstance(margin_p.value, Decimal)
        if income is None or line is None:
            return [GUARANTEE_UNMET(Effect.NOTE, evidence=ev, parameters=used, items=_items(unmet))]
        limit = line * (1 + margin_p.value)
        if income < limit:
            return [
                GUARANTEE_UNMET(
                    Effect.SUPPORTS,
                    evidence=ev,
                    parameters=(*used, margin_p.use()),
                    items=_items(unmet),
                )
            ]
        return [
            GUARANTEE_UNMET_OUTSIDE_MARGIN(
                Effect.NOTE,
                evidence=ev,
                parameters=(*used, margin_p.use()),
                items=_items(unmet),
                income=income,
                limit=limit,
            )
        ]
    if below is True:
        return (
            [GUARANTEES_MET(Effect.NOTE, evidence=ev, parameters=used)]
            if not unknown
            else [
                GUARANTEE_UNKNOWN(Effect.NOTE, evidence=ev, parameters=used, items=_items(unknown))
            ]
        )
    if unknown and mode == "income_or_unmet_within_margin" and income is not None and line:
        margin_p = ps.resolve("identification.guarantee_margin", on=day, region=region)
        assert isinstance(margin_p.value, Decimal)
        if income >= line * (1 + margin_p.value):  # no guarantee could qualify it
            return [
                GUARANTEE_UNKNOWN(
                    Effect.NOTE,
                    evidence=ev,
                    parameters=(*used, margin_p.use()),
                    items=_items(unknown),
                )
            ]
    if unknown:
        return [
            GUARANTEE_UNKNOWN(Effect.BLOCKS, evidence=ev, parameters=used, items=_items(unknown))
        ]
    return [GUARANTEES_MET(Effect.NOTE, evidence=ev, parameters=used)]
