"""Responsibility (脱贫攻坚责任制): who answers for what, and the logs that show duties done.

《脱贫攻坚责任制实施办法》 (中办 国办, effective 2016-10-11) 第三条: 中央统筹、省负总责、市县抓
落实. The duties of each level are data (``responsibility.duties`` in
``data/parameters/responsibility.toml``), read by :func:`duties_of`; the article a finding of
the six-precisions audit cites for its responsible level is :attr:`Responsible.articles`
(``domain/audit.py``), here as :func:`citations_for`.

The log types are the subjects of the rules of ``rules/responsibility/``: dedicated meetings
(:class:`MeetingLog`), a county leader's working days (:class:`WorkingDaysLog`), visits
(:class:`VisitLog`), a poor county's leadership (:class:`CountyLeadership`) and a
designated-assistance pairing (:class:`AssistancePairing`). Every log covers a half-open
period ``[start, end)``: what it does not record inside it did not happen; outside it, it is
unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from jingzhun.core.citations import Citation
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
from jingzhun.domain.audit import Responsible

DUTIES = "responsibility.duties"


class DutyLevel(Labelled):
    """Who a duty belongs to (《脱贫攻坚责任制实施办法》第二章–第五章; 三年行动 八、)."""

    CENTRAL = ("central", "党中央、国务院", "Party Central Committee and State Council")
    LEADING_GROUP = ("leading_group", "国务院扶贫开发领导小组", "State Council leading group")
    CENTRAL_ORGANS = ("central_organs", "有关中央和国家机关", "central Party and state organs")
    SUPERVISION = (
        "supervision",
        "中央纪委、最高人民检察院、审计署",
        "discipline commission, procuratorate, audit office",
    )
    PROVINCE = ("province", "省级党委和政府", "provincial Party committee and government")
    PREFECTURE = ("prefecture", "市级党委和政府", "prefecture Party committee and government")
    COUNTY = ("county", "县级党委和政府", "county Party committee and government")
    TOWNSHIP = ("township", "乡镇党委和政府", "township Party committee and government")
    VILLAGE = ("village", "村党组织和村委会", "village Party branch and committee")
    ASSISTING_UNIT = ("assisting_unit", "定点扶贫单位、派出单位", "assisting or dispatching unit")
    ARMY = ("army", "军队和武警部队", "army and armed police")
    PARTIES = ("parties", "各民主党派", "democratic parties")


_FROM_RESPONSIBLE: Mapping[Responsible, DutyLevel] = {
    Responsible.PROVINCE: DutyLevel.PROVINCE,
    Responsible.PREFECTURE: DutyLevel.PREFECTURE,
    Responsible.COUNTY: DutyLevel.COUNTY,
    Responsible.TOWNSHIP: DutyLevel.TOWNSHIP,
    Responsible.VILLAGE: DutyLevel.VILLAGE,
    Responsible.DISPATCHING_UNIT: DutyLevel.ASSISTING_UNIT,
}


def duty_level(responsible: Responsible) -> DutyLevel:
    """The duty-table level of a finding's responsible level."""
    return _FROM_RESPONSIBLE[responsible]


@attrs.frozen(kw_only=True)
class Duty:
    """One row of the duty table: a level's duty, its clauses and since when it applies."""

    level: DutyLevel
    duty_zh: str
    duty_en: str
    clauses: tuple[str, ...]
    since: dt.date
    status: str

    @classmethod
    def of_row(cls, row: Mapping[str, Any]) -> Duty:
        return cls(
            level=DutyLevel.of(str(row["level"])),
            duty_zh=str(row["duty_zh"]),
            duty_en=str(row["duty_en"]),
            clauses=tuple(row["clauses"]),
            since=as_date(row["since"]),
            status=str(row["status"]),
        )


def duties_of(
    level: DutyLevel | Responsible | str | None = None,
    *,
    on: DateLike,
    params: ParameterSet | None = None,
    region: str | None = None,
) -> tuple[Duty, ...]:
    """The duties of ``level`` (every level when None) that apply on ``on``, in table order.

    ``level`` is a :class:`DutyLevel`, its code, or a finding's :class:`Responsible`.
    """
    day = as_date(on)
    ps = params if params is not None else ParameterSet.bundled()
    rows = ps.resolve(DUTIES, on=day, region=region).rows()
    wanted: DutyLevel | None
    if isinstance(level, Responsible):
        wanted = duty_level(level)
    elif level is None:
        wanted = None
    else:
        wanted = DutyLevel.parse(level) if isinstance(level, str) else level
    duties = (Duty.of_row(r) for r in rows)
    return tuple(d for d in duties if (wanted is None or d.level is wanted) and d.since <= day)


def citations_for(responsible: Responsible) -> tuple[Citation, ...]:
    """The article(s) that make ``responsible`` answerable (cited by every finding)."""
    return responsible.citations()


# --- logs ---------------------------------------------------------------------------------


class MeetingBody(Labelled):
    """Whose dedicated meetings (专题研究脱贫攻坚工作) a log records (三年行动 八、（一）)."""

    PROVINCE = ("province", "省级党委和政府", "provincial Party committee and government")
    COUNTY = ("county", "县级党委和政府", "county Party committee and government")


class LeaderRole(Labelled):
    """A county's 党政正职: its Party secretary and its head (县长)."""

    SECRETARY = ("secretary", "县委书记", "county Party secretary")
    HEAD = ("head", "县长", "county head")


class SecretaryLevel(Labelled):
    """The five levels of 五级书记遍访 and whom each visits (三年行动 八、（一）)."""

    PROVINCE = ("province", "省（自治区、直辖市）党委书记", "provincial Party secretary")
    PREFECTURE = ("prefecture", "市（地、州、盟）党委书记", "prefecture Party secretary")
    COUNTY = ("county", "县（市、区、旗）党委书记", "county Party secretary")
    TOWNSHIP = ("township", "乡镇党委书记", "township Party secretary")
    VILLAGE = ("village", "村党组织书记", "village Party secretary")

    @property
    def targets(self) -> tuple[str, str]:
        """Whom this secretary visits, as the text names them (zh, en)."""
        return _TARGETS[self]


_TARGETS: Mapping[SecretaryLevel, tuple[str, str]] = {
    SecretaryLevel.PROVINCE: ("贫困县", "poor counties"),
    SecretaryLevel.PREFECTURE: ("脱贫攻坚任务重的乡镇", "townships with heavy tasks"),
    SecretaryLevel.COUNTY: ("贫困村", "poor villages"),
    SecretaryLevel.TOWNSHIP: ("贫困户", "poor households"),
    SecretaryLevel.VILLAGE: ("贫困户", "poor households"),
}


class LeavingReason(Labelled):
    """Why a county leader's term ended. Only a transfer (调离、调整, promotion included) is
    what 不摘帽不调离 forbids; removal for cause, retirement and death are not transfers."""

    TRANSFERRED = ("transferred", "调离或调整", "transferred or reassigned")
    REMOVED = ("removed", "免职或问责", "removed (accountability)")
    RETIRED = ("retired", "退休", "retired")
    DIED = ("died", "去世", "died")


def _meetingbody(value: object) -> Any:
    return f.enum_member(MeetingBody, value)


def _leaderrole(value: object) -> Any:
    return f.enum_member(LeaderRole, value)


def _secretarylevel(value: object) -> Any:
    return f.enum_member(SecretaryLevel, value)


def _leaving(value: object) -> Any:
    return None if value is None else f.enum_member(LeavingReason, value)


def _period_end(inst: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    f.ok(inst, attribute, value)
    if isinstance(value, dt.date) and value <= inst.start:
        raise ValueError(f"{attribute.name} ({value}) must be after start ({inst.start})")


def _dates(value: object) -> Any:
    items = f.sequence(value)
    if isinstance(items, f.Invalid):
        return items
    converted = tuple(f.day(x) for x in items)
    bad = [x for x in converted if isinstance(x, f.Invalid)]
    return bad[0] if bad else tuple(sorted(converted))


@attrs.frozen(kw_only=True)
class MeetingLog(Structured):
    """The dedicated meetings on poverty alleviation a province or county held in a period.

    ``body_id`` is the province's or county's division code (its overlays apply).
    ``subject_to_duty``: for a province, whether it is one with heavy tasks (脱贫攻坚任务重);
    for a county, whether it is a poor county (贫困县); None when unknown.
    """

    body_id: str = attrs.field(converter=f.code, validator=f.ok)
    body: MeetingBody = attrs.field(converter=_meetingbody, validator=f.ok)
    subject_to_duty: bool | None = attrs.field(default=None, validator=f.opt_flag)
    start: dt.date = attrs.field(converter=f.day, validator=f.ok)
    end: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=_period_end)
    meetings: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates, validator=f.ok)


def _months(value: object) -> Any:
    if not isinstance(value, Mapping):
        return f.Invalid(value, TypeError(f"expected a mapping of month to days, got {value!r}"))
    out: dict[dt.date, int] = {}
    for key, days in value.items():
        month = f.day(f"{key}-01" if isinstance(key, str) and len(key) == 7 else key)
        if isinstance(month, f.Invalid) or month.day != 1:
            return f.Invalid(value, ValueError(f"month {key!r} is not YYYY-MM"))
        if type(days) is not int or days < 0:
            return f.Invalid(value, ValueError(f"days of {key} must be a whole number ≥ 0"))
        out[month] = days
    return dict(sorted(out.items()))


@attrs.frozen(kw_only=True)
class WorkingDaysLog(Structured):
    """A poor county leader's working days on poverty work, per calendar month, as recorded.

    ``months`` maps a month (``"2019-03"`` or its first day) to the days recorded; a month of
    the period with no entry is unknown. ``start``/``end``: the leader's time in post within
    the log (half-open).
    """

    county_code: str = attrs.field(converter=f.code, validator=f.ok)
    poor_county: bool | None = attrs.field(default=None, validator=f.opt_flag)
    person_id: str = attrs.field(validator=f.text)
    role: LeaderRole = attrs.field(converter=_leaderrole, validator=f.ok)
    start: dt.date = attrs.field(converter=f.day, validator=f.ok)
    end: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=_period_end)
    months: Mapping[dt.date, int] = attrs.field(factory=dict, converter=_months, validator=f.ok)


@attrs.frozen(kw_only=True)
class Visit(Structured):
    """A visit by a secretary to one target (a county, township, village or household id)."""

    target_id: str = attrs.field(validator=f.text)
    on: dt.date = attrs.field(converter=f.day, validator=f.ok)


@attrs.frozen(kw_only=True)
class VisitLog(Structured):
    """One secretary's visiting round (遍访): whom he must visit and whom he visited.

    ``targets`` are the ids of his level's targets (:attr:`SecretaryLevel.targets`), as the
    caller lists them (which townships have heavy tasks is not jingzhun's to say). ``end``:
    the last day of the round, exclusive (set by the provincial rules; the text sets none);
    None = the round is open.
    """

    secretary_id: str = attrs.field(validator=f.text)
    level: SecretaryLevel = attrs.field(converter=_secretarylevel, validator=f.ok)
    targets: tuple[str, ...] = attrs.field(converter=f.sequence, validator=f.of(str))
    start: dt.date = attrs.field(converter=f.day, validator=f.ok)
    end: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=_period_end)
    visits: tuple[Visit, ...] = attrs.field(default=(), converter=f.sequence, validator=f.of(Visit))


@attrs.frozen(kw_only=True)
class LeaderTerm(Structured):
    """A 党政正职's term in a county, half-open ``[start, end)``, and why it ended."""

    person_id: str = attrs.field(validator=f.text)
    role: LeaderRole = attrs.field(converter=_leaderrole, validator=f.ok)
    start: dt.date = attrs.field(converter=f.day, validator=f.ok)
    end: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=_period_end)
    reason: LeavingReason | None = attrs.field(
        default=None,
        converter=_leaving,
        validator=f.ok,
    )


@attrs.frozen(kw_only=True)
class CountyLeadership(Structured):
    """A county's Party secretaries and heads, and when it exited (摘帽; None: not yet)."""

    county_code: str = attrs.field(converter=f.code, validator=f.ok)
    poor_county: bool | None = attrs.field(default=None, validator=f.opt_flag)
    exited_on: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    terms: tuple[LeaderTerm, ...] = attrs.field(
        default=(), converter=f.sequence, validator=f.of(LeaderTerm)
    )


@attrs.frozen(kw_only=True)
class AssistancePairing(Structured):
    """A designated-assistance unit (定点扶贫单位) paired with a target (a poor county or
    village) over ``[start, end)``; ``target_exited_on`` is the target's exit (None: not yet)."""

    unit: str = attrs.field(validator=f.text)
    target_id: str = attrs.field(validator=f.text)
    start: dt.date = attrs.field(converter=f.day, validator=f.ok)
    end: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=_period_end)
    target_exited_on: dt.date | None = attrs.field(
        default=None, converter=f.opt_day, validator=f.ok
    )
