"""The periodic review interval of 低保 households."""

from __future__ import annotations

from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import Citation, cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.cases import DibaoReview
from jingzhun.domain.vocabulary import DibaoKind
from jingzhun.rules.common.params import param_set

DIBAO_RULE: Final = "dynamic.dibao_review"

SPEC = RuleSpec(
    id=DIBAO_RULE,
    title_zh="低保家庭定期核查间隔（三无人员每年，收入稳定家庭每半年）",
    title_en="Periodic review interval of minimum-living-guarantee (低保) households",
    question_zh="是否到期应当核查低保家庭",
    question_en="Is the review of the minimum-living-guarantee (低保) household due?",
    subject=DibaoReview,
    parameters=(
        "dibao.review_interval_months.three_without",
        "dibao.review_interval_months.stable_income",
    ),
    clauses=("BOOK2017-ch6-5.2-c",),
)


_DIBAO = cite("BOOK2017-ch6-5.2-c")


_MONTHS = Citation(
    title="中华人民共和国民法典",
    issuer="全国人民代表大会",
    date="2020-05-28",
    locator="第二百零二条",
    quote="按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日。",
)


DIBAO_DUE = SPEC.code(
    "DIBAO_REVIEW_DUE",
    zh="上次核查{last}，{interval}个月的核查间隔于{due_on}届满，应当核查",
    en="last reviewed {last}: the {interval}-month interval ends on {due_on}; a review is due",
    citations=(_DIBAO, _MONTHS),
)


DIBAO_NOT_DUE = SPEC.code(
    "DIBAO_REVIEW_NOT_DUE",
    zh="上次核查{last}，{interval}个月的核查间隔至{due_on}届满，尚未到期",
    en="last reviewed {last}: the {interval}-month interval ends on {due_on}; not yet due",
    citations=(_DIBAO, _MONTHS),
)


def dibao_review_due(kind: str | DibaoKind, *, last_review: DateLike, on: DateLike) -> Decision:
    """:func:`dibao_review` for a kind (``three_without`` or ``stable_income``) and a date."""
    return dibao_review(DibaoReview(kind=kind, last_review=last_review), on=on)


@SPEC.implementation
def dibao_review(
    case: DibaoReview, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a 低保 household's periodic review is due.

    《精准扶贫精准脱贫》第六章 五、（二）: 对于…“三无人员”，可每年核查一次；对于短期内收入变化
    不大的家庭，可每半年核查一次. The interval counts whole months from the last review
    (可: at most this long between reviews).
    """
    day = as_date(on)
    last = case.last_review
    if last > day:
        raise ValueError(f"last review {last} is after {day}")
    interval_p = param_set(params).resolve(
        f"dibao.review_interval_months.{case.kind.value}", on=day
    )
    interval = interval_p.integer()
    # 《民法典》第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，
    # 月末日为期间的最后一日 (pendulum clamps 31 August + 6 months to 28 February).
    due_on = as_date(last).add(months=interval)
    due = day >= due_on
    ev = (
        Evidence(name="kind", value=case.kind),
        Evidence(name="last_review", value=last),
        Evidence(name="due_on", value=due_on),
    )
    reason = (DIBAO_DUE if due else DIBAO_NOT_DUE)(
        Effect.SUPPORTS if due else Effect.OPPOSES,
        evidence=ev,
        parameters=(interval_p.use(),),
        last=last,
        due_on=due_on,
        interval=interval,
    )
    return SPEC.decide(case.kind.value, day, (reason,))
