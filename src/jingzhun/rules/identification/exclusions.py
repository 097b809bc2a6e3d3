"""Local exclusion lists (几不评 / 红线): overlays that keep a household from identification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Effect,
    Evidence,
    Reason,
    ReasonCode,
)
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.model import Household
from jingzhun.domain.vocabulary import ExclusionCriterion, VehicleKind
from jingzhun.rules.common.params import param_set

EXCLUDED = ReasonCode(
    code="ID_EXCLUDED_BY_LOCAL_LIST",
    zh="属于本地不予识别情形 {item}：{text}",
    en="falls under local exclusion {item}: {text_en}",
)


@attrs.frozen(kw_only=True)
class ExclusionItem:
    """One item of a local exclusion list (几不评), read from parameter data."""

    id: str
    criteria: tuple[ExclusionCriterion, ...]
    zh: str
    en: str
    vehicle_kinds: frozenset[VehicleKind] | None = None
    min_vehicle_price: Decimal | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> ExclusionItem:
        kinds = row.get("vehicle_kinds")
        price = row.get("min_vehicle_price")
        return cls(
            id=row["id"],
            criteria=tuple(ExclusionCriterion.of(c) for c in row["criteria"]),
            zh=row["zh"],
            en=row["en"],
            vehicle_kinds=frozenset(VehicleKind.of(k) for k in kinds) if kinds else None,
            min_vehicle_price=Decimal(price) if price is not None else None,
        )

    def matches(self, household: Household) -> list[Evidence]:
        """The facts of ``household`` that this item catches (empty if none)."""
        found: list[Evidence] = []
        for criterion in self.criteria:
            if criterion is ExclusionCriterion.TOWN_PROPERTY and household.assets.town_property:
                found.append(Evidence(name="assets.town_property", value=True))
            elif (
                criterion is ExclusionCriterion.REGISTERED_BUSINESS
                and household.assets.registered_business
            ):
                found.append(Evidence(name="assets.registered_business", value=True))
            elif (
                criterion is ExclusionCriterion.PUBLIC_SERVANT_RELATIVE
                and household.assets.public_servant_relative
            ):
                found.append(Evidence(name="assets.public_servant_relative", value=True))
            elif criterion is ExclusionCriterion.PUBLIC_PAYROLL_MEMBER:
                found += [
                    Evidence(name=f"members[{m.member_id}].public_payroll", value=True)
                    for m in household.members
                    if m.public_payroll
                ]
            elif criterion is ExclusionCriterion.VILLAGE_CADRE_MEMBER:
                found += [
                    Evidence(name=f"members[{m.member_id}].village_cadre", value=True)
                    for m in household.members
                    if m.village_cadre
                ]
            elif criterion is ExclusionCriterion.VEHICLE:
                for i, car in enumerate(household.assets.vehicles):
                    if self.vehicle_kinds is not None and car.kind not in self.vehicle_kinds:
                        continue
                    if self.min_vehicle_price is not None and (
                        car.purchase_price is None or car.purchase_price < self.min_vehicle_price
                    ):
                        continue  # 3万元以上 includes 30000 exactly
                    found.append(
                        Evidence(
                            name=f"assets.vehicles[{i}]",
                            value=f"{car.kind.value} {car.purchase_price or ''}".strip(),
                        )
                    )
        return found


# Parsed exclusion lists, keyed by the identity of the parameter value they come from (the
# value is kept alive in the entry, so the key cannot be reused while it is cached).
_EXCLUSION_CACHE: dict[int, tuple[object, tuple[ExclusionItem, ...]]] = {}


def _exclusion_list(resolved: ResolvedParameter) -> tuple[ExclusionItem, ...]:
    rows = resolved.rows()
    hit = _EXCLUSION_CACHE.get(id(rows))
    if hit is not None and hit[0] is rows:
        return hit[1]
    items = tuple(ExclusionItem.from_row(r) for r in rows)
    if len(_EXCLUSION_CACHE) > 256:
        _EXCLUSION_CACHE.clear()
    _EXCLUSION_CACHE[id(rows)] = (rows, items)
    return items


def exclusion_reasons(
    household: Household, *, on: DateLike, params: ParameterSet | None = None
) -> list[Reason]:
    """The local exclusion items (几不评) a household falls under on ``on`` (opposing reasons)."""
    return matching_exclusions(household, as_date(on), param_set(params))


def matching_exclusions(household: Household, day: dt.date, ps: ParameterSet) -> list[Reason]:
    a = household.assets
    if not (
        a.vehicles
        or a.town_property
        or a.registered_business
        or a.public_servant_relative
        or any(m.public_payroll or m.village_cadre for m in household.members)
    ):
        return []  # none of the facts any exclusion criterion tests
    try:
        resolved = ps.resolve("identification.exclusion_list", on=day, region=household.county_code)
    except NoValueInForceError:  # before any list is in force (the registry opened in 2014)
        return []
    out: list[Reason] = []
    for item in _exclusion_list(resolved):
        facts = item.matches(household)
        if facts:
            out.append(
                EXCLUDED(
                    Effect.OPPOSES,
                    evidence=facts,
                    parameters=(resolved.use(),),
                    citations=(resolved.source,),
                    item=item.id,
                    text=item.zh,
                    text_en=item.en,
                )
            )
    return out
