"""Support (帮扶) vocabularies and the small records a county registry holds about it.

The vocabularies are closed lists with stable codes; Chinese labels follow the registry
systems' 帮扶措施 columns and the book's ten projects (《精准扶贫精准脱贫》第四章 三、（四）,
peers.md 帮扶措施). Which measure answers which cause, and which pathway a household goes,
is data (``data/classification.toml``), not these enums.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs

from jingzhun.core.labels import Labelled, add_aliases
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f


class MeasureKind(Labelled):
    """A kind of support measure or project (帮扶措施 / 项目类型)."""

    INDUSTRY = ("industry", "产业扶持", "industry support")
    EMPLOYMENT = ("employment", "转移就业", "employment transfer")
    PUBLIC_WELFARE_JOB = ("public_welfare_job", "公益性岗位", "public-welfare job")
    TRAINING = ("training", "技能培训", "skills training")
    MICROCREDIT = ("microcredit", "扶贫小额信贷", "micro-credit with interest subsidy")
    RELOCATION = ("relocation", "易地扶贫搬迁", "poverty relocation")
    ECOLOGICAL = ("ecological", "生态补偿", "ecological compensation")
    EDUCATION = ("education", "教育资助", "education support")
    MEDICAL = ("medical", "医疗救助", "medical support")
    HOUSING = ("housing", "危房改造", "dilapidated-housing renovation")
    DIBAO = ("dibao", "低保兜底", "minimum living guarantee")
    DESTITUTE = ("destitute", "特困供养", "support of the destitute")
    DISABILITY_SUBSIDY = ("disability_subsidy", "残疾人补贴", "disability subsidies")
    DRINKING_WATER = ("drinking_water", "饮水安全", "safe drinking water")
    INFRASTRUCTURE = ("infrastructure", "基础设施建设", "infrastructure")
    E_COMMERCE = ("e_commerce", "电商扶贫", "e-commerce")
    TOURISM = ("tourism", "乡村旅游扶贫", "rural tourism")
    PHOTOVOLTAIC = ("photovoltaic", "光伏扶贫", "photovoltaic")
    SOCIAL_ASSISTANCE = ("social_assistance", "社会帮扶", "social assistance")
    OTHER = ("other", "其他", "other")


add_aliases(
    "MeasureKind",
    {
        "产业帮扶": "industry",
        "就业帮扶": "employment",
        "劳动力培训": "training",
        "金融帮扶": "microcredit",
        "金融扶贫": "microcredit",
        "小额信贷": "microcredit",
        "搬迁": "relocation",
        "教育帮扶": "education",
        "健康帮扶": "medical",
        "住房安全保障": "housing",
        "综合保障": "dibao",
        "饮水安全保障": "drinking_water",
    },
)


class CadreRole(Labelled):
    """A posting's role in a village (因村派人)."""

    FIRST_SECRETARY = ("first_secretary", "第一书记", "first secretary")
    TEAM_LEADER = ("team_leader", "驻村工作队队长", "resident team leader")
    TEAM_MEMBER = ("team_member", "驻村工作队员", "resident team member")


class CadreBackground(Labelled):
    """What a posted cadre is good at (《精准扶贫精准脱贫》第五章 一、（五）)."""

    LAW = ("law", "政法", "law and petitions")
    TECHNICAL = ("technical", "经济技术", "economics and technology")
    PARTY_AFFAIRS = ("party_affairs", "党务", "Party affairs")
    OTHER = ("other", "其他", "other")


class VillageNeed(Labelled):
    """A village's main need, which the posted cadres should match (same clause)."""

    DISPUTES = ("disputes", "矛盾纠纷突出、信访问题多", "many disputes and petitions")
    INDUSTRY = ("industry", "产业基础薄弱、缺乏致富门路", "weak industry, no way to prosper")
    WEAK_ORGANISATION = ("weak_organisation", "班子软弱涣散", "weak village leadership")


class FundSource(Labelled):
    """Where a fund comes from."""

    CENTRAL = ("central", "中央财政专项扶贫资金", "central special poverty fund")
    PROVINCIAL = ("provincial", "省级财政扶贫资金", "provincial poverty fund")
    PREFECTURE = ("prefecture", "市级财政扶贫资金", "prefecture poverty fund")
    COUNTY = ("county", "县级财政扶贫资金", "county poverty fund")
    INTEGRATED = ("integrated", "统筹整合涉农资金", "integrated agricultural funds")
    SOCIAL = ("social", "社会帮扶资金", "social assistance funds")
    OTHER = ("other", "其他", "other")


class FundFlow(Labelled):
    """Whether a fund record is money assigned to a project or money paid out of it."""

    ALLOCATION = ("allocation", "下达", "allocation")
    DISBURSEMENT = ("disbursement", "拨付", "disbursement")


def _kind(value: object) -> Any:
    return f.enum_member(MeasureKind, value)


def _kinds(value: object) -> Any:
    items = f.sequence(value)
    return items if isinstance(items, f.Invalid) else tuple(_kind(v) for v in items)


def _kinds_valid(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    f.ok(inst, attribute, value)
    assert isinstance(value, tuple)
    for i, item in enumerate(value):
        if isinstance(item, f.Invalid):
            raise type(item.error)(f"{attribute.name}[{i}]: {item.error}")


def _flow(value: object) -> Any:
    return f.enum_member(FundFlow, value)


def _source(value: object) -> Any:
    return f.enum_member(FundSource, value)


def _ids(value: object) -> Any:
    return f.sequence(value)


def _role(value: object) -> Any:
    return f.enum_member(CadreRole, value)


def _background(value: object) -> Any:
    return f.enum_member(CadreBackground, value)


def _need(value: object) -> Any:
    return f.enum_member(VillageNeed, value)


def _needs(value: object) -> Any:
    items = f.sequence(value)
    return items if isinstance(items, f.Invalid) else tuple(_need(v) for v in items)


def _after(start: str) -> f.Validator:
    """The date field is on or after the field ``start`` (when both are known)."""

    def check(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        first = getattr(inst, start)
        if isinstance(value, dt.date) and isinstance(first, dt.date) and value < first:
            raise ValueError(f"{attribute.name} ({value}) is before {start} ({first})")

    return check


@attrs.frozen(kw_only=True)
class Notice(Structured):
    """A public notice (公示/公告): first and last day, and where it was posted."""

    first_day: dt.date = attrs.field(converter=f.day, validator=f.ok)
    last_day: dt.date | None = attrs.field(
        default=None, converter=f.opt_day, validator=[f.ok, _after("first_day")]
    )
    place: str | None = attrs.field(default=None, validator=f.opt_text)


@attrs.frozen(kw_only=True)
class HouseholdPlan(Structured):
    """一户一个脱贫计划: when it was drawn up and the measures it plans."""

    drawn_up_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    measures: tuple[MeasureKind, ...] = attrs.field(
        default=(), converter=_kinds, validator=_kinds_valid
    )
    target_year: int | None = attrs.field(default=None, validator=f.opt_year)


@attrs.frozen(kw_only=True)
class MeasureReceived(Structured):
    """A support measure a household received (一套帮扶措施), with its project if any."""

    kind: MeasureKind = attrs.field(converter=_kind, validator=f.ok)
    on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    project_id: str | None = attrs.field(default=None, validator=f.opt_text)


@attrs.frozen(kw_only=True)
class Posting(Structured):
    """A cadre posted to a village: role, background, dispatching unit and term."""

    person_id: str = attrs.field(validator=f.text)
    role: CadreRole = attrs.field(converter=_role, validator=f.ok)
    start: dt.date = attrs.field(converter=f.day, validator=f.ok)
    end: dt.date | None = attrs.field(
        default=None, converter=f.opt_day, validator=[f.ok, _after("start")]
    )
    background: CadreBackground = attrs.field(
        default=CadreBackground.OTHER, converter=_background, validator=f.ok
    )
    unit: str | None = attrs.field(default=None, validator=f.opt_text)

    def active_on(self, day: dt.date) -> bool:
        """Posted on ``day`` (terms are half-open: the end day is the first day away)."""
        return self.start <= day and (self.end is None or day < self.end)


@attrs.frozen(kw_only=True)
class VillagePlan(Structured):
    """一村一策: the village's exit plan and the needs it records."""

    drawn_up_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    needs: tuple[VillageNeed, ...] = attrs.field(
        default=(), converter=_needs, validator=_kinds_valid
    )


@attrs.frozen(kw_only=True)
class Project(Structured):
    """A poverty-alleviation project: kind, targets, library and plan references, notice."""

    project_id: str = attrs.field(validator=f.text)
    kind: MeasureKind = attrs.field(converter=_kind, validator=f.ok)
    name: str | None = attrs.field(default=None, validator=f.opt_text)
    in_library: bool | None = attrs.field(default=None, validator=f.opt_flag)
    plan_ref: str | None = attrs.field(default=None, validator=f.opt_text)
    public_welfare: bool = attrs.field(default=False, validator=f.flag)
    target_villages: tuple[str, ...] = attrs.field(default=(), converter=_ids, validator=f.of(str))
    target_households: tuple[str, ...] = attrs.field(
        default=(), converter=_ids, validator=f.of(str)
    )
    approved_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    notice: Notice | None = attrs.field(default=None, validator=f.instance(Notice, optional=True))


@attrs.frozen(kw_only=True)
class FundRecord(Structured):
    """A fund allocated to a project or paid out of it (to a household or a village)."""

    fund_id: str = attrs.field(validator=f.text)
    flow: FundFlow = attrs.field(converter=_flow, validator=f.ok)
    source: FundSource = attrs.field(converter=_source, validator=f.ok)
    amount: Decimal = attrs.field(converter=f.amount, validator=f.ok)
    on: dt.date = attrs.field(converter=f.day, validator=f.ok)
    project_id: str | None = attrs.field(default=None, validator=f.opt_text)
    recipient_household: str | None = attrs.field(default=None, validator=f.opt_text)
    recipient_village: str | None = attrs.field(default=None, validator=f.opt_text)
    county_matching: bool = attrs.field(default=False, validator=f.flag)
    notice: Notice | None = attrs.field(default=None, validator=f.instance(Notice, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError(f"amount must not be negative ({self.amount})")
