"""Case types: what a rule decides on when one domain object is not enough.

Every rule has one call shape, ``rule(case, *, on, params=None) -> Decision``; a rule that
needs more than a household, village or county takes one of these.
"""

from __future__ import annotations

import datetime as dt

import attrs

from jingzhun.core.decisions import Decision
from jingzhun.core.structuring import Structured
from jingzhun.domain import fields as f
from jingzhun.domain.model import County, Household, ReferenceArea, Village
from jingzhun.domain.vocabulary import DibaoKind, ExitLevel, QuotaUnit


@attrs.frozen(kw_only=True)
class VillageCase(Structured):
    """A village with the reference area it is compared with (village identification)."""

    village: Village = attrs.field(validator=f.instance(Village))
    reference: ReferenceArea | None = attrs.field(
        validator=f.instance(ReferenceArea, optional=True)
    )


@attrs.frozen(kw_only=True)
class CountyList(Structured):
    """A list of counties to hold against the published poor-county counts."""

    counties: tuple[County, ...] = attrs.field(converter=f.sequence, validator=f.of(County))


@attrs.frozen(kw_only=True)
class QuotaCase(Structured):
    """Candidate households and the quota (规模) they are admitted within."""

    households: tuple[Household, ...] = attrs.field(converter=f.sequence, validator=f.of(Household))
    quota: int = attrs.field(validator=f.count)
    unit: QuotaUnit = attrs.field(default=QuotaUnit.PERSONS, converter=f.quota_unit, validator=f.ok)


@attrs.frozen(kw_only=True)
class ExitedSubject(Structured):
    """A household, village or county that exited on ``exited_on`` (support kept after exit).

    ``exit_decision``, when given, is the exit rule's decision the exit rests on: support is
    kept only after an exit that was met."""

    level: ExitLevel = attrs.field(converter=f.exit_level, validator=f.ok)
    exited_on: dt.date = attrs.field(converter=f.day, validator=f.ok)
    region: str | None = attrs.field(default=None, converter=f.opt_code, validator=f.ok)
    exit_decision: Decision | None = attrs.field(
        default=None, validator=f.instance(Decision, optional=True)
    )


@attrs.frozen(kw_only=True)
class DibaoReview(Structured):
    """A 低保 household's kind and the date of its last review (periodic review interval)."""

    kind: DibaoKind = attrs.field(converter=f.dibao_kind, validator=f.ok)
    last_review: dt.date = attrs.field(converter=f.day, validator=f.ok)
