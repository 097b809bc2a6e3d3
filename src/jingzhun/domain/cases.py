"""Case types: what a rule decides on when one domain object is not enough.

Every rule has one call shape, ``rule(case, *, on, params=None) -> Decision``; a rule that
needs more than a household, village or county takes one of these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from jingzhun.core.dates import as_date
from jingzhun.core.decisions import Decision
from jingzhun.core.regions import normalize_code
from jingzhun.domain.model import County, Household, ReferenceArea, Village
from jingzhun.domain.vocabulary import DibaoKind, ExitLevel, QuotaUnit


def _quota_unit(value: object) -> QuotaUnit:
    return QuotaUnit.of_any(value)


def _exit_level(value: object) -> ExitLevel:
    return ExitLevel.of_any(value)


def _dibao_kind(value: object) -> DibaoKind:
    return DibaoKind.of_any(value)


@attrs.frozen(kw_only=True)
class VillageCase:
    """A village with the reference area it is compared with (village identification)."""

    village: Village
    reference: ReferenceArea | None


def _counties(value: Iterable[County]) -> tuple[County, ...]:
    return tuple(value)


def _households(value: Iterable[Household]) -> tuple[Household, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CountyList:
    """A list of counties to hold against the published poor-county counts."""

    counties: tuple[County, ...] = attrs.field(converter=_counties)


@attrs.frozen(kw_only=True)
class QuotaCase:
    """Candidate households and the quota (规模) they are admitted within."""

    households: tuple[Household, ...] = attrs.field(converter=_households)
    quota: int = attrs.field(validator=attrs.validators.ge(0))
    unit: QuotaUnit = attrs.field(default=QuotaUnit.PERSONS, converter=_quota_unit)


@attrs.frozen(kw_only=True)
class ExitedSubject:
    """A household, village or county that exited on ``exited_on`` (support kept after exit).

    ``exit_decision``, when given, is the exit rule's decision the exit rests on: support is
    kept only after an exit that was met."""

    level: ExitLevel = attrs.field(converter=_exit_level)
    exited_on: dt.date = attrs.field(converter=as_date)
    region: str | None = attrs.field(
        default=None, converter=attrs.converters.optional(normalize_code)
    )
    exit_decision: Decision | None = None


@attrs.frozen(kw_only=True)
class DibaoReview:
    """A 低保 household's kind and the date of its last review (periodic review interval)."""

    kind: DibaoKind = attrs.field(converter=_dibao_kind)
    last_review: dt.date = attrs.field(converter=as_date)
