"""A third-party evaluation sample (第三方评估): the households surveyed and how they were drawn.

The questionnaire's closed vocabularies (认可度, 满意度) and the registry statuses are enums
with Chinese labels; an answer outside them is an error naming the allowed ones. The
population sizes are counts of *people* (the 三率 are 人口 rates: 抽样错退人口数 /
抽样脱贫人口数; 调查核实的漏评人口数 / 抽查村未建档立卡的农村人口数) except
``households``, the households the approval survey was drawn from (群众认可度 counts 户).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.labels import Labelled
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
from jingzhun.domain.model import County, CountyExitCase
from jingzhun.domain.registry import RegistryStatus


class Approval(Labelled):
    """群众认可度: does the household approve of the poverty-exit result? (认可户 count)."""

    APPROVE = ("approve", "认可", "approves")
    DISAPPROVE = ("disapprove", "不认可", "does not approve")
    UNSURE = ("unsure", "说不清", "cannot say")


class Satisfaction(Labelled):
    """因村因户帮扶群众满意度: satisfaction with the assistance (满意 and 基本满意 count)."""

    SATISFIED = ("satisfied", "满意", "satisfied")
    FAIRLY_SATISFIED = ("fairly_satisfied", "基本满意", "fairly satisfied")
    DISSATISFIED = ("dissatisfied", "不满意", "dissatisfied")
    UNSURE = ("unsure", "说不清", "cannot say")

    @property
    def satisfied(self) -> bool:
        return self in (Satisfaction.SATISFIED, Satisfaction.FAIRLY_SATISFIED)


class SampleKind(Labelled):
    """How the households were drawn."""

    SIMPLE = ("simple_random", "简单随机抽样（户）", "simple random sample of households")
    CLUSTERED = ("clustered", "按村整群抽样", "sample clustered by village")


def _enum(cls: type[Labelled], value: object) -> Any:
    if value is None or isinstance(value, cls):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a {cls.__name__} code or label, got {type(value).__name__}")
    return cls.parse(value)


SAMPLED_STATUSES: Final = (
    RegistryStatus.POOR,
    RegistryStatus.EXITED,
    RegistryStatus.NOT_REGISTERED,
)
"""The registry statuses a sampled household may have on the survey day (a relapsed
household is registered poor again: give ``poor``; a removed one is not registered)."""


def _status(value: object) -> Any:
    status = _enum(RegistryStatus, value)
    if status is not None and status not in SAMPLED_STATUSES:
        allowed = "、".join(f"{s.value}({s.zh})" for s in SAMPLED_STATUSES)
        raise ValueError(f"status {status.value!r} is not a sampled status; expected {allowed}")
    return status


def _approval(value: object) -> Any:
    return _enum(Approval, value)


def _satisfaction(value: object) -> Any:
    return _enum(Satisfaction, value)


def _kind(value: object) -> Any:
    return _enum(SampleKind, value)


def _opt_bool(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and type(value) is not bool:
        raise TypeError(f"{attribute.name} must be true, false or null")


def _positive(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or value < 1:
        raise ValueError(f"{attribute.name} must be a whole number of at least 1 (got {value!r})")


def _opt_positive(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _positive(inst, attribute, value)


def _opt_deff(value: object) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise TypeError(f"design_effect must be a number string or an integer, got {value!r}")
    d = Decimal(value)
    if not d.is_finite() or d < 1:
        raise ValueError(f"design_effect must be at least 1 (got {value})")
    return d


@attrs.frozen(kw_only=True)
class SampledHousehold(Structured):
    """One surveyed household and the evaluator's findings (None: not asked or not found).

    ``should_be_registered``: whether the household meets the identification standard
    (for a registered one: identified correctly; for a non-registered one: True = 漏评).
    ``correctly_exited``: for an exited household, False = 错退 (income not stably above
    the line, or 两不愁三保障 not stably met)."""

    household_id: str = attrs.field(validator=f.text)
    village_id: str = attrs.field(validator=f.text)
    status: RegistryStatus = attrs.field(converter=_status)
    members: int = attrs.field(default=1, validator=_positive)
    should_be_registered: bool | None = attrs.field(default=None, validator=_opt_bool)
    correctly_exited: bool | None = attrs.field(default=None, validator=_opt_bool)
    approval: Approval | None = attrs.field(default=None, converter=_approval)
    satisfaction: Satisfaction | None = attrs.field(default=None, converter=_satisfaction)

    def __attrs_post_init__(self) -> None:
        if self.status is None:
            raise ValueError("status is required")
        if self.correctly_exited is not None and self.status is not RegistryStatus.EXITED:
            raise ValueError(
                f"correctly_exited: 仅适用于已脱贫户 / only an exited household has an exit "
                f"finding (status {self.status.value})"
            )


@attrs.frozen(kw_only=True)
class SamplingDesign(Structured):
    """How the sample was drawn, and the populations it was drawn from (people; see module)."""

    kind: SampleKind = attrs.field(converter=_kind)
    villages_sampled: int | None = attrs.field(default=None, validator=_opt_positive)
    exited_population: int | None = attrs.field(default=None, validator=_opt_positive)
    non_registered_population: int | None = attrs.field(default=None, validator=_opt_positive)
    registered_population: int | None = attrs.field(default=None, validator=_opt_positive)
    households: int | None = attrs.field(default=None, validator=_opt_positive)
    design_effect: Decimal | None = attrs.field(default=None, converter=_opt_deff)

    def __attrs_post_init__(self) -> None:
        if self.kind is SampleKind.CLUSTERED and self.villages_sampled is None:
            raise ValueError(
                "villages_sampled: 整群抽样须给出抽查村数 / a clustered sample "
                "needs the number of villages sampled"
            )


@attrs.frozen(kw_only=True)
class EvaluationCase(Structured):
    """A county's third-party evaluation sample: the county, the design, the households."""

    county: County = attrs.field(validator=f.instance(County))
    design: SamplingDesign = attrs.field(validator=f.instance(SamplingDesign))
    households: tuple[SampledHousehold, ...] = attrs.field(
        converter=f.sequence, validator=f.of(SampledHousehold)
    )
    survey_start: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    survey_end: dt.date | None = attrs.field(default=None, converter=f.opt_day, validator=f.ok)
    evaluator: str | None = attrs.field(default=None, validator=f.opt_text)

    def __attrs_post_init__(self) -> None:
        problems = evaluation_problems(
            self.design, self.households, self.survey_start, self.survey_end
        )
        if problems:
            raise ValueError("; ".join(problems))

    def people(self, *statuses: RegistryStatus) -> int:
        """People in the sampled households of these statuses."""
        return _people(self.households, *statuses)

    @property
    def villages(self) -> tuple[str, ...]:
        return tuple(sorted({h.village_id for h in self.households}))


def _people(households: tuple[SampledHousehold, ...], *statuses: RegistryStatus) -> int:
    return sum(h.members for h in households if h.status in statuses)


def evaluation_problems(
    design: SamplingDesign,
    households: tuple[SampledHousehold, ...],
    survey_start: dt.date | None = None,
    survey_end: dt.date | None = None,
) -> list[str]:
    """What makes a sample impossible: dates out of order, a repeated id, a sample larger
    than its population, more villages than were sampled."""
    out: list[str] = []
    if survey_start and survey_end and survey_end < survey_start:
        out.append(
            f"survey_end: 调查结束日期早于开始日期 / {survey_end} is before the survey "
            f"start {survey_start}"
        )
    seen: set[str] = set()
    for h in households:
        if h.household_id in seen:
            out.append(f"households: 户编号重复 / household {h.household_id} is listed twice")
        seen.add(h.household_id)
    d, hs, status = design, households, RegistryStatus
    checks = (
        ("exited_population", d.exited_population, _people(hs, status.EXITED), "人"),
        (
            "non_registered_population",
            d.non_registered_population,
            _people(hs, status.NOT_REGISTERED),
            "人",
        ),
        (
            "registered_population",
            d.registered_population,
            _people(hs, status.EXITED, status.POOR),
            "人",
        ),
        ("households", d.households, len(hs), "户"),
    )
    for name, population, sampled, unit in checks:
        if population is not None and sampled > population:
            out.append(
                f"design.{name}: 样本大于总体 / the sample ({sampled}{unit}) is larger than its "
                f"population ({population}{unit})"
            )
    villages = len({h.village_id for h in hs})
    if d.villages_sampled is not None and villages > d.villages_sampled:
        out.append(
            f"design.villages_sampled: 样本涉及{villages}个村，多于抽查村数 / the "
            f"households come from {villages} villages, more than the "
            f"{d.villages_sampled} sampled"
        )
    return out


@attrs.frozen(kw_only=True)
class CountyExitEvaluation(Structured):
    """An evaluation sample and what else the county exit decision reads (incidence, villages,
    procedure): the evaluation supplies 错退率、漏评率、群众认可度, so ``exit_case`` must not."""

    evaluation: EvaluationCase = attrs.field(validator=f.instance(EvaluationCase))
    exit_case: CountyExitCase | None = attrs.field(
        default=None, validator=f.instance(CountyExitCase, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        other = self.exit_case
        if other is None:
            return
        if other.county.county_code != self.evaluation.county.county_code:
            raise ValueError(
                f"exit_case: 县代码不一致 / the exit case is of county {other.county.county_code}, "
                f"the evaluation of {self.evaluation.county.county_code}"
            )
        given = [n for n in ("wrong_exit_rate", "missed_rate", "approval") if getattr(other, n)]
        if given:
            raise ValueError(
                f"exit_case: {', '.join(given)} 由评估样本给出，不应另填 / come from the "
                "evaluation sample and must not be given in the exit case too"
            )
