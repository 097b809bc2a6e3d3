"""Registry entries: a household with its registry status and history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from jingzhun.core.labels import Labelled
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
from jingzhun.domain.model import Household


class RegistryStatus(Labelled):
    """A household's standing in the registry (脱贫状态, plus the not-registered)."""

    POOR = ("poor", "未脱贫", "registered poor")
    EXITED = ("exited", "已脱贫", "exited")
    RELAPSED = ("relapsed", "返贫", "fell back into poverty")
    REMOVED = ("removed", "已剔除", "removed as wrongly identified")
    NOT_REGISTERED = ("not_registered", "未建档立卡", "not registered")

    @property
    def in_poverty(self) -> bool:
        return self in (RegistryStatus.POOR, RegistryStatus.RELAPSED)


def _status(value: object) -> Any:
    return f.enum_member(RegistryStatus, value)


@attrs.frozen(kw_only=True)
class StatusChange(Structured):
    """One entry of a household's registry history."""

    on: dt.date = attrs.field(converter=f.day, validator=f.ok)
    status: RegistryStatus = attrs.field(converter=_status, validator=f.ok)
    action: str = attrs.field(validator=f.text)


@attrs.frozen(kw_only=True)
class RegistryEntry(Structured):
    """A household with its registry status and history (kept whole through adjustments)."""

    household: Household = attrs.field(validator=f.instance(Household))
    status: RegistryStatus = attrs.field(converter=_status, validator=f.ok)
    history: tuple[StatusChange, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(StatusChange)
    )

    def __attrs_post_init__(self) -> None:
        days = [c.on for c in self.history]
        if days != sorted(days):
            raise ValueError(f"{self.household.household_id}: history is not in date order")
