"""A county's registry (建档立卡信息): what the six-precisions audit reads.

Households with their registry status and history, the paired helper (帮扶责任人), the plan
and the measures received (一户一本台账、一个脱贫计划、一套帮扶措施); villages with their
exit status, plan (一村一策) and postings (第一书记、驻村工作队); projects; funds. Households
in the data that are not registered (status ``not_registered``) are kept: the audit looks
for missed households (漏评) among them.

References between records (a fund's project, a posting's village) are not checked here: a
dangling reference is an audit finding, not a load error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any

import attrs

from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
from jingzhun.domain.model import County, Village
from jingzhun.domain.registry import RegistryEntry, RegistryStatus
from jingzhun.domain.support import (
    FundRecord,
    HouseholdPlan,
    MeasureReceived,
    Posting,
    Project,
    VillagePlan,
)


@attrs.frozen(kw_only=True)
class HouseholdFile(Structured):
    """A household's registry entry with its plan and the measures it received."""

    entry: RegistryEntry = attrs.field(validator=f.instance(RegistryEntry))
    registered_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    plan: HouseholdPlan | None = attrs.field(
        default=None, validator=f.instance(HouseholdPlan, optional=True)
    )
    measures: tuple[MeasureReceived, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(MeasureReceived)
    )

    @property
    def household_id(self) -> str:
        return self.entry.household.household_id

    @property
    def village_id(self) -> str | None:
        return self.entry.household.village_id

    def status_on(self, day: dt.date) -> RegistryStatus | None:
        """The registry status on ``day``: the last history change on or before it; the
        current status when there is no history; None when the history starts later."""
        history = self.entry.history
        if not history:
            return self.entry.status
        last = None
        for change in history:
            if change.on > day:
                break
            last = change.status
        return last


@attrs.frozen(kw_only=True)
class VillageRecord(Structured):
    """A village as the registry holds it: poor or not, exit, plan, postings."""

    village: Village = attrs.field(validator=f.instance(Village))
    poor: bool = attrs.field(validator=f.flag)
    identified_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    exited_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    plan: VillagePlan | None = attrs.field(
        default=None, validator=f.instance(VillagePlan, optional=True)
    )
    postings: tuple[Posting, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(Posting)
    )

    @property
    def village_id(self) -> str:
        return self.village.village_id


def _unique(key: str) -> f.Validator:
    """Every item's ``key`` attribute is different (ids name one record)."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        f.ok(_inst, attribute, value)
        seen: set[str] = set()
        assert isinstance(value, tuple)
        for i, item in enumerate(value):
            ident = getattr(item, key)
            if ident in seen:
                raise ValueError(f"{attribute.name}[{i}]: {key} {ident!r} appears twice")
            seen.add(ident)

    return check


@attrs.frozen(kw_only=True)
class CountyRegistry(Structured):
    """One county's registry: households, villages, projects and funds."""

    county: County = attrs.field(validator=f.instance(County))
    households: tuple[HouseholdFile, ...] = attrs.field(
        default=(),
        converter=f.sequence,
        validator=[f.of(HouseholdFile), _unique("household_id")],
    )
    villages: tuple[VillageRecord, ...] = attrs.field(
        default=(), converter=f.sequence, validator=[f.of(VillageRecord), _unique("village_id")]
    )
    projects: tuple[Project, ...] = attrs.field(
        default=(), converter=f.sequence, validator=[f.of(Project), _unique("project_id")]
    )
    funds: tuple[FundRecord, ...] = attrs.field(
        default=(), converter=f.sequence, validator=[f.of(FundRecord), _unique("fund_id")]
    )

    @property
    def county_code(self) -> str:
        return self.county.county_code

    @cached_property
    def household_index(self) -> Mapping[str, HouseholdFile]:
        return MappingProxyType({h.household_id: h for h in self.households})

    @cached_property
    def village_index(self) -> Mapping[str, VillageRecord]:
        return MappingProxyType({v.village_id: v for v in self.villages})

    @cached_property
    def project_index(self) -> Mapping[str, Project]:
        return MappingProxyType({p.project_id: p for p in self.projects})
