"""Provincial effectiveness assessment (省级党委和政府扶贫开发工作成效考核) and assessment plans.

Plain data, checked on construction: the four content areas of 《考核办法》第五条 and their
indicators (:class:`AssessmentCase`), the five steps of 第六条 with their dates
(:class:`AssessmentCalendar`), and a plan of assessments of counties by provinces and cities
(:class:`AssessmentPlan`). Rates are fractions in [0, 1]; ``None`` is unknown, never zero.
A case for a province outside the 22 central-western provinces (第二条) is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.bounds import fraction
from jingzhun.core.dates import as_date
from jingzhun.core.labels import Labelled
from jingzhun.core.money import to_decimal
from jingzhun.core.regions import central_western_22, normalize_code
from jingzhun.core.structuring import Structured


class Area(Labelled):
    """The four content areas of 《考核办法》第五条."""

    REDUCTION = ("reduction", "减贫成效", "poverty reduction")
    IDENTIFICATION = ("identification", "精准识别", "precise identification")
    SUPPORT = ("support", "精准帮扶", "precise support")
    FUNDS = ("funds", "扶贫资金", "poverty-alleviation funds")


class Grade(Labelled):
    """The comprehensive evaluation (综合评价), best first. 较好 is optional: the national
    results use only 好 / 一般 / 较差 (facts §8b); a profile may add a 较好 cut-off."""

    GOOD = ("good", "好", "good")
    RELATIVELY_GOOD = ("relatively_good", "较好", "relatively good")
    FAIR = ("fair", "一般", "fair")
    POOR = ("poor", "较差", "poor")

    @property
    def rank(self) -> int:
        """0 for 好 … 3 for 较差 (a larger rank is a worse grade)."""
        return list(Grade).index(self)


class Problem(Labelled):
    """The six problem types of 《考核办法》第七条, （一）–（六）."""

    PLAN_NOT_MET = ("plan_not_met", "未完成年度减贫计划任务", "yearly reduction plan not met", "1")
    FUNDS_VIOLATION = ("funds_violation", "违反扶贫资金管理使用规定", "breach of fund rules", "2")
    COUNTY_CONSTRAINT = (
        "county_constraint",
        "违反贫困县约束规定，发生禁止作为事项",
        "breach of the poor-county constraints",
        "3",
    )
    FAKE_EXIT = ("fake_exit", "违反贫困退出规定，弄虚作假、搞“数字脱贫”", "falsified exits", "4")
    LOW_ACCURACY = (
        "low_accuracy",
        "贫困人口识别和退出准确率、帮扶工作群众满意度较低",
        "low accuracy or satisfaction",
        "5",
    )
    DISCIPLINE = (
        "discipline",
        "纪检、监察、审计和社会监督发现违纪违规问题",
        "violations found by discipline, supervision, audit or the public",
        "6",
    )


class Step(Labelled):
    """The five ordered steps of 《考核办法》第六条."""

    SUMMARY = ("summary", "省级总结", "provincial summary", "1")
    THIRD_PARTY = ("third_party", "第三方评估", "third-party evaluation", "2")
    DATA = ("data", "数据汇总", "data consolidation", "3")
    EVALUATION = ("evaluation", "综合评价", "comprehensive evaluation", "4")
    FEEDBACK = ("feedback", "沟通反馈", "feedback", "5")


class Source(Labelled):
    """Where an accuracy or satisfaction figure comes from."""

    THIRD_PARTY = ("third_party", "第三方评估", "third-party evaluation")
    DAILY = ("daily_supervision", "日常督查", "daily supervision")
    ANNUAL = ("annual_verification", "年度核查", "annual verification")


class Level(Labelled):
    """Who runs an assessment or an evaluation in a plan."""

    PROVINCE = ("province", "省级", "province")
    CITY = ("city", "市级", "city")
    COUNTY = ("county", "县级", "county")
    TOWNSHIP = ("township", "乡级", "township")


class EventKind(Labelled):
    """An entry of an assessment plan."""

    COUNTY_ASSESSMENT = ("county_assessment", "对县的考核", "assessment of a county")
    THIRD_PARTY = ("third_party_evaluation", "第三方评估", "third-party evaluation")


def _step(value: object) -> Step:
    return Step.of_any(value)


def _kind(value: object) -> EventKind:
    return EventKind.of_any(value)


def _level(value: object) -> Level:
    return Level.of_any(value)


def _steps(value: Iterable[StepRecord | Mapping[str, Any]]) -> tuple[StepRecord, ...]:
    """Step records, each given as itself or as its fields."""
    return tuple(v if isinstance(v, StepRecord) else StepRecord(**v) for v in value)


def _events(value: Iterable[PlanEvent]) -> tuple[PlanEvent, ...]:
    return tuple(value)


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(value)


def _region(value: object) -> str:
    return normalize_code(str(value))


PROVINCES_22: Final = frozenset(p.code for p in central_western_22())


def _province(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"province must be a code string, got {type(value).__name__}")
    code = normalize_code(value)[:2]
    if code not in PROVINCES_22:
        raise ValueError(
            f"province {value!r} is not one of the 22 central-western provinces the "
            "assessment applies to (《考核办法》第二条)"
        )
    return code


def _whole_year(value: object) -> None:
    if type(value) is not int:
        raise TypeError(f"year must be a whole number, got {value!r}")


def _opt_decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, float | bool):
        raise TypeError(f"expected a decimal string or an integer, got {value!r}")
    number = to_decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if type(value) is not int:
        raise TypeError(f"{attribute.name} must be a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{attribute.name} must not be negative (got {value})")


def _growth(_inst: object, attribute: attrs.Attribute[Any], value: Decimal | None) -> None:
    if value is not None and value <= -1:
        raise ValueError(f"{attribute.name} is a growth fraction above -1 (0.1 for 10%)")


def _sources(value: object) -> dict[Source, Decimal]:
    """A figure by source: a mapping of source codes to rates, or one rate (third-party)."""
    if value is None:
        return {}
    raw = value if isinstance(value, dict) else {Source.THIRD_PARTY.value: value}
    out: dict[Source, Decimal] = {}
    for key, rate in raw.items():
        source = Source.of_any(key)
        if rate is None:
            continue
        number = _opt_decimal(rate)
        assert number is not None
        if not 0 <= number <= 1:
            raise ValueError(f"{source.value}: a rate is a fraction in [0, 1], got {rate}")
        out[source] = number
    return out


@attrs.frozen(kw_only=True)
class Reduction(Structured):
    """减贫成效 (第五条（一）): registered poor people and poor counties planned and achieved
    for the year, and rural income growth in poor areas against the national average."""

    planned_reduction: int | None = attrs.field(default=None, validator=_count)
    actual_reduction: int | None = attrs.field(default=None, validator=_count)
    planned_county_exits: int | None = attrs.field(default=None, validator=_count)
    actual_county_exits: int | None = attrs.field(default=None, validator=_count)
    income_growth: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_growth
    )
    national_income_growth: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=_growth
    )


@attrs.frozen(kw_only=True)
class Findings(Structured):
    """Facts for the 第七条 problem types （二）（三）（四）（六）: counts of findings
    (``None`` = not known), and whether the problems are serious (情节严重、造成不良影响)."""

    funds_violations: int | None = attrs.field(default=None, validator=_count)
    county_constraint_violations: int | None = attrs.field(default=None, validator=_count)
    falsified_exits: int | None = attrs.field(default=None, validator=_count)
    discipline_findings: int | None = attrs.field(default=None, validator=_count)
    serious: bool | None = None


@attrs.frozen(kw_only=True)
class AssessmentCase(Structured):
    """One province's assessment for one year: the indicators of the four areas.

    ``identification_accuracy``, ``exit_accuracy`` and ``satisfaction`` are by source
    (第三方评估, 日常督查, 年度核查); one rate given alone is the third-party figure.
    ``funds_score`` is the result of the 财政专项扶贫资金绩效考评 as a fraction of full marks.
    """

    province: str = attrs.field(converter=_province)
    year: int = attrs.field(validator=lambda _i, _a, v: _whole_year(v))
    reduction: Reduction = attrs.field(factory=Reduction)
    identification_accuracy: dict[Source, Decimal] = attrs.field(factory=dict, converter=_sources)
    exit_accuracy: dict[Source, Decimal] = attrs.field(factory=dict, converter=_sources)
    satisfaction: dict[Source, Decimal] = attrs.field(factory=dict, converter=_sources)
    funds_score: Decimal | None = attrs.field(
        default=None, converter=_opt_decimal, validator=fraction
    )
    findings: Findings = attrs.field(factory=Findings)

    @property
    def case_id(self) -> str:
        return f"{self.province}/{self.year}"


@attrs.frozen(kw_only=True)
class StepRecord(Structured):
    """One step of 第六条 as carried out: when it started and when it was completed."""

    step: Step = attrs.field(converter=_step)
    started_on: dt.date = attrs.field(converter=as_date)
    completed_on: dt.date = attrs.field(converter=as_date)

    def __attrs_post_init__(self) -> None:
        if self.completed_on < self.started_on:
            raise ValueError(
                f"{self.step.value}: completed_on {self.completed_on} is before "
                f"started_on {self.started_on} (dates out of order)"
            )


@attrs.frozen(kw_only=True)
class AssessmentCalendar(Structured):
    """The record of one year's assessment: its steps with dates, in the order given."""

    year: int = attrs.field(validator=lambda _i, _a, v: _whole_year(v))
    steps: tuple[StepRecord, ...] = attrs.field(converter=_steps)

    @property
    def case_id(self) -> str:
        return f"calendar/{self.year}"


@attrs.frozen(kw_only=True)
class Indicator(Structured):
    """An indicator a county assessment uses: whether it goes beyond 两不愁三保障 and
    whether it is used as a binding (硬性) indicator."""

    name: str
    beyond_standard: bool
    binding: bool


@attrs.frozen(kw_only=True)
class PlanEvent(Structured):
    """One assessment of a county, or one third-party evaluation, in a plan."""

    event_id: str
    kind: EventKind = attrs.field(converter=_kind)
    level: Level = attrs.field(converter=_level)
    start: dt.date = attrs.field(converter=as_date)
    end: dt.date = attrs.field(converter=as_date)
    county: str | None = None
    approved_by_province: bool | None = None
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"{self.event_id}: end {self.end} is before start {self.start} (dates out of order)"
            )


@attrs.frozen(kw_only=True)
class AssessmentPlan(Structured):
    """A province's (or a city's) plan of assessments for a year: its events. ``region`` is
    the planning province or city (a division code): an overlay of that region may set its
    own limits, and a decision using one says so."""

    plan_id: str
    region: str = attrs.field(converter=_region)
    year: int = attrs.field(validator=lambda _i, _a, v: _whole_year(v))
    events: tuple[PlanEvent, ...] = attrs.field(converter=_events)
