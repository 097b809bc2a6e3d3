"""Quota control (规模控制): identified households admitted neediest first."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from jingzhun.core.catalogue import RuleSpec, register
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    Reason,
    ReasonCode,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.domain.vocabulary import QuotaUnit
from jingzhun.rules.common.guarantees import GUARANTEE_ORDER
from jingzhun.rules.identification.household import identify_household

QUOTA_RULE: Final = "identification.quota"


_QUOTA = cite("MECH2014-1.2-b")


QUOTA_SELECTED = ReasonCode(
    code="QUOTA_SELECTED",
    zh="按需要程度排第{rank}位，累计{used}{unit}，未超过规模{quota}{unit}",
    en="ranked {rank} by need; {used} {unit_en} used of the quota of {quota}",
    citations=(_QUOTA,),
)


QUOTA_EXHAUSTED = ReasonCode(
    code="QUOTA_EXHAUSTED",
    zh="按需要程度排第{rank}位；纳入后累计{would}{unit}，超过规模{quota}{unit}"
    "（最后纳入：{last}，人均纯收入{last_income}元）",
    en="ranked {rank} by need; admitting it would use {would} {unit_en}, over the quota of "
    "{quota} (last admitted: {last}, income {last_income} yuan)",
    citations=(_QUOTA,),
)


QUOTA_NOT_ELIGIBLE = ReasonCode(
    code="QUOTA_NOT_ELIGIBLE",
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
    day = as_date(on)
    idents = [identify_household(h, on=day, params=params) for h in households]
    eligible = sorted(
        (i for i, d in enumerate(idents) if d.outcome is Outcome.MET),
        key=lambda i: need_key(households[i], idents[i]),
    )
    extra: dict[int, tuple[Outcome, Reason]] = {}
    used = 0
    full = False
    last: Household | None = None
    for rank, i in enumerate(eligible, start=1):
        h = households[i]
        size = h.size if unit is QuotaUnit.PERSONS else 1
        fields: dict[str, Any] = {"rank": rank, "quota": quota, "unit": unit.zh, "unit_en": unit.en}
        ev = (
            Evidence(name="rank", value=rank),
            Evidence(name="quota", value=quota),
            Evidence(name="per_capita_net_income", value=h.per_capita_net_income()),
        )
        if not full and used + size <= quota:
            used += size
            last = h
            extra[i] = (
                Outcome.MET,
                QUOTA_SELECTED(Effect.SUPPORTS, evidence=ev, used=used, **fields),
            )
        else:
            full = True
            extra[i] = (
                Outcome.NOT_MET,
                QUOTA_EXHAUSTED(
                    Effect.OPPOSES,
                    evidence=ev,
                    would=used + size,
                    last=last.household_id if last else "—",
                    last_income=last.per_capita_net_income() if last else "—",
                    **fields,
                ),
            )
    decisions = []
    for i, (h, ident) in enumerate(zip(households, idents, strict=True)):
        if i in extra:
            outcome, reason = extra[i]
        else:
            outcome = Outcome.NOT_MET
            reason = QUOTA_NOT_ELIGIBLE(
                Effect.OPPOSES, outcome=ident.outcome.zh, outcome_en=ident.outcome.en
            )
        decisions.append(
            Decision(
                rule=QUOTA_RULE,
                subject=h.household_id,
                on=day,
                outcome=outcome,
                question_zh="是否在识别规模内纳入",
                question_en="Is the household admitted within the quota?",
                reasons=(reason, *ident.reasons),
            )
        )
    return QuotaSelection(
        quota=quota,
        unit=unit,
        used=used,
        decisions=tuple(decisions),
        ranking=tuple(households[i].household_id for i in eligible),
    )


register(
    RuleSpec(
        id=QUOTA_RULE,
        function="jingzhun.select_within_quota",
        title_zh="规模控制（按需要程度排序）",
        title_en="Quota control (neediest first)",
        clauses=("MECH2014-1.2-b",),
        reason_codes=(QUOTA_SELECTED, QUOTA_EXHAUSTED, QUOTA_NOT_ELIGIBLE),
    )
)
