"""Quota control (规模控制): identified households admitted neediest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.cases import QuotaCase
from jingzhun.domain.model import Household
from jingzhun.domain.vocabulary import QuotaUnit
from jingzhun.rules.common.guarantees import GUARANTEE_ORDER
from jingzhun.rules.identification.household import identify_household

QUOTA_RULE: Final = "identification.quota"

SPEC = RuleSpec(
    id=QUOTA_RULE,
    title_zh="规模控制（按需要程度排序）",
    title_en="Quota control (neediest first)",
    question_zh="规模控制：哪些识别出的农户在规模内纳入",
    question_en="Which identified households are admitted within the quota?",
    subject=QuotaCase,
    clauses=("MECH2014-1.2-b",),
    composes=("identification.household",),
)
_PER_HOUSEHOLD: Final = ("是否在识别规模内纳入", "Is the household admitted within the quota?")


_QUOTA = cite("MECH2014-1.2-b")


QUOTA_SELECTED = SPEC.code(
    "QUOTA_SELECTED",
    zh="按需要程度排第{rank}位，累计{used}{unit}，未超过规模{quota}{unit}",
    en="ranked {rank} by need; {used} {unit_en} used of the quota of {quota}",
    citations=(_QUOTA,),
)


QUOTA_EXHAUSTED = SPEC.code(
    "QUOTA_EXHAUSTED",
    zh="按需要程度排第{rank}位；纳入后累计{would}{unit}，超过规模{quota}{unit}"
    "（最后纳入：{last}，人均纯收入{last_income}元）",
    en="ranked {rank} by need; admitting it would use {would} {unit_en}, over the quota of "
    "{quota} (last admitted: {last}, income {last_income} yuan)",
    citations=(_QUOTA,),
)


QUOTA_NOT_ELIGIBLE = SPEC.code(
    "QUOTA_NOT_ELIGIBLE",
    zh="识别结论为“{outcome}”，不参与规模排序",
    en="identification outcome '{outcome_en}': not ranked for the quota",
    citations=(_QUOTA,),
)


@attrs.frozen(kw_only=True)
class QuotaSelection:
    """The result of :func:`select_within_quota`: one decision per candidate, in input order."""

    quota: int
    unit: QuotaUnit
    used: int
    ranking: tuple[str, ...]
    decisions: tuple[Decision, ...]

    @property
    def selected(self) -> tuple[str, ...]:
        """Admitted households, in order of need."""
        admitted = {d.subject for d in self.decisions if d.outcome is Outcome.MET}
        return tuple(h for h in self.ranking if h in admitted)

    @property
    def left_out(self) -> tuple[str, ...]:
        return tuple(d.subject for d in self.decisions if d.outcome is not Outcome.MET)


def need_key(household: Household, decision: Decision) -> tuple[Decimal, int, str]:
    """Order of need: lower per-capita income first, then more unmet guarantees, then id.

    The household id makes the order total and stable (the same input always gives the
    same selection, whatever its order).
    """
    income = household.per_capita_net_income()
    unmet = sum(1 for g in GUARANTEE_ORDER if household.guarantees.get(g) is False)
    return (income if income is not None else Decimal("Infinity"), -unmet, household.household_id)


QUOTA_USED = SPEC.code(
    "QUOTA_USED",
    zh="规模{quota}{unit}，纳入{admitted}户，累计{used}{unit}；未纳入{left}户",
    en="quota of {quota} {unit_en}: {admitted} households admitted using {used}; {left} left out",
    citations=(_QUOTA,),
)


def select_within_quota(
    households: Sequence[Household],
    *,
    quota: int,
    on: DateLike,
    unit: QuotaUnit = QuotaUnit.PERSONS,
    params: ParameterSet | None = None,
) -> QuotaSelection:
    """Select identified households within a quota (规模控制), neediest first.

    《关于创新机制扎实推进农村扶贫开发工作的意见》一、（二）: 按照县为单位、规模控制、分级负责、
    精准识别、动态管理的原则. Households are admitted whole, strictly in order of need:
    once one does not fit, no less needy household is admitted after it.
    """
    if quota < 0:
        raise ValueError("quota must not be negative")
    case = QuotaCase(households=households, quota=quota, unit=unit)
    return _select(case, as_date(on), params)


@SPEC.implementation
def admit_within_quota(
    case: QuotaCase, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """The quota selection as one decision; each household's decision is in its ``basis``."""
    day = as_date(on)
    sel = _select(case, day, params)
    admitted = len(sel.selected)
    reason = QUOTA_USED(
        Effect.SUPPORTS,
        evidence=(Evidence(name="quota", value=case.quota), Evidence(name="used", value=sel.used)),
        quota=case.quota,
        unit=case.unit.zh,
        unit_en=case.unit.en,
        admitted=admitted,
        used=sel.used,
        left=len(sel.decisions) - admitted,
    )
    return SPEC.decide(f"{len(case.households)} households", day, (reason,), basis=sel.decisions)


def _select(case: QuotaCase, day: dt.date, params: ParameterSet | None) -> QuotaSelection:
    idents = [identify_household(h, on=day, params=params) for h in case.households]
    eligible = sorted(
        (i for i, d in enumerate(idents) if d.outcome is Outcome.MET),
        key=lambda i: need_key(case.households[i], idents[i]),
    )
    admissions, used = _admissions(case, eligible)
    decisions = []
    for i, (h, ident) in enumerate(zip(case.households, idents, strict=True)):
        reason = admissions.get(i) or QUOTA_NOT_ELIGIBLE(
            Effect.OPPOSES, outcome=ident.outcome.zh, outcome_en=ident.outcome.en
        )
        decisions.append(
            SPEC.decide(h.household_id, day, (reason,), basis=(ident,), question=_PER_HOUSEHOLD)
        )
    return QuotaSelection(
        quota=case.quota,
        unit=case.unit,
        used=used,
        decisions=tuple(decisions),
        ranking=tuple(case.households[i].household_id for i in eligible),
    )


def _admissions(case: QuotaCase, eligible: list[int]) -> tuple[dict[int, Reason], int]:
    """Admit whole households in order of need until one does not fit; then none after it."""
    out: dict[int, Reason] = {}
    used = 0
    full = False
    last: Household | None = None
    for rank, i in enumerate(eligible, start=1):
        h = case.households[i]
        size = h.size if case.unit is QuotaUnit.PERSONS else 1
        fields: dict[str, Any] = {
            "rank": rank,
            "quota": case.quota,
            "unit": case.unit.zh,
            "unit_en": case.unit.en,
        }
        ev = (
            Evidence(name="rank", value=rank),
            Evidence(name="quota", value=case.quota),
            Evidence(name="per_capita_net_income", value=h.per_capita_net_income()),
        )
        if not full and used + size <= case.quota:
            used += size
            last = h
            out[i] = QUOTA_SELECTED(Effect.SUPPORTS, evidence=ev, used=used, **fields)
            continue
        full = True
        out[i] = QUOTA_EXHAUSTED(
            Effect.OPPOSES,
            evidence=ev,
            would=used + size,
            last=last.household_id if last else "—",
            last_income=last.per_capita_net_income() if last else "—",
            **fields,
        )
    return out, used
