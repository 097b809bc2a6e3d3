"""Classified support (分类施策, 五个一批): the pathways, where a household lives, the case.

The pathways follow the 2015 decision 三、（五）–（十一） and the book's 五个一批 (《精准扶贫
精准脱贫》第四章 三、（二）: 发展生产脱贫一批、异地扶贫搬迁脱贫一批、生态补偿脱贫一批、发展教育
脱贫一批、社会保障兜底一批; 第六章 导语 names the same five 扶持生产和就业发展一批、易地搬迁
安置一批、生态保护脱贫一批、教育扶贫脱贫一批、低保政策兜底一批). The decision adds 医疗保险和
医疗救助脱贫 (三、（十）), kept as a sixth pathway that is not one of the five batches.

Which pathway and which measures fit a household is data (``data/parameters/
classification.toml``), not these enums.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from jingzhun.core.labels import Labelled
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
from jingzhun.domain.model import Household
from jingzhun.domain.support import HouseholdPlan


class Pathway(Labelled):
    """A pathway out of poverty (脱贫路径): the 五个一批 and the decision's health pathway."""

    PRODUCTION_EMPLOYMENT = (
        "production_employment",
        "发展生产和转移就业脱贫一批",
        "production and employment",
    )
    RELOCATION = ("relocation", "易地搬迁脱贫一批", "poverty relocation")
    ECOLOGICAL = ("ecological", "生态补偿脱贫一批", "ecological compensation")
    EDUCATION = ("education", "发展教育脱贫一批", "education")
    HEALTH = ("health", "医疗保险和医疗救助脱贫", "medical insurance and medical assistance")
    SAFETY_NET = ("safety_net", "社会保障兜底一批", "social-security safety net")

    @property
    def five_batches(self) -> bool:
        """One of the 五个一批 (the health pathway is the decision's 三、（十）, not a batch)."""
        return self is not Pathway.HEALTH


class LivingArea(Labelled):
    """Where a household lives, in the terms of the relocation criteria.

    《精准扶贫精准脱贫》第六章 二、（一）: 深山区、石山区、荒漠区、高寒区、地方病多发区 …
    优先安排位于地震活跃带及受泥石流、滑坡等地质灾害威胁的贫困人口; and the areas it excludes:
    平原地区、行蓄洪区、重大自然灾害恢复重建区. Which of them qualify is data
    (``classification.relocation_areas``).
    """

    DEEP_MOUNTAIN = ("deep_mountain", "深山区", "deep mountains")
    ROCKY_MOUNTAIN = ("rocky_mountain", "石山区", "rocky mountains")
    DESERT = ("desert", "荒漠区", "desert")
    ALPINE = ("alpine", "高寒区", "alpine cold area")
    ENDEMIC_DISEASE = ("endemic_disease", "地方病多发区", "endemic-disease area")
    GEOLOGICAL_HAZARD = (
        "geological_hazard",
        "地震活跃带及受泥石流、滑坡等地质灾害威胁",
        "seismic belt or geological-hazard threat",
    )
    PLAIN = ("plain", "平原地区", "plain")
    FLOOD_STORAGE = ("flood_storage", "行蓄洪区", "flood storage and detention area")
    DISASTER_RECONSTRUCTION = (
        "disaster_reconstruction",
        "重大自然灾害恢复重建区",
        "major-disaster reconstruction area",
    )
    OTHER = ("other", "其他地区", "other area")


def _area(value: object) -> Any:
    return None if value is None else f.enum_member(LivingArea, value)


@attrs.frozen(kw_only=True)
class PlanCase(Structured):
    """A household with its plan on file (一户一个脱贫计划) and, if recorded, where it lives.

    ``plan`` None: no plan on file (a plan is then not judged). ``living_area`` None: the
    record does not say, so relocation is not proposed from it.
    """

    household: Household = attrs.field(validator=f.instance(Household))
    plan: HouseholdPlan | None = attrs.field(
        default=None, validator=f.instance(HouseholdPlan, optional=True)
    )
    living_area: LivingArea | None = attrs.field(default=None, converter=_area, validator=f.ok)

    @property
    def household_id(self) -> str:
        return self.household.household_id


@attrs.frozen(kw_only=True)
class DibaoStandard(Structured):
    """A region's rural 低保 standard (农村低保标准) for a year, yuan per person per year.

    No series of provincial standards is bundled: the caller gives the figure (两线合一).
    """

    region: str = attrs.field(converter=f.code, validator=f.ok)
    year: int = attrs.field(validator=f.year)
    standard: Decimal = attrs.field(converter=f.amount, validator=f.ok)

    def __attrs_post_init__(self) -> None:
        if self.standard < 0:
            raise ValueError(f"standard must not be negative ({self.standard})")

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)


class PlanVerdict(Labelled):
    """What ``jingzhun plan`` says of a household's plan on file."""

    FITS = ("fits", "计划对症", "plan addresses a cause")
    ADDRESSES_NO_CAUSE = ("addresses_no_cause", "计划未针对致贫原因", "plan addresses no cause")
    NOT_JUDGED = ("not_judged", "计划无法判定", "plan not judged")
