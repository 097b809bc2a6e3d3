"""The poor-county list against the published counts (592 + 680, 832 deduplicated)."""

from __future__ import annotations

from collections.abc import Sequence

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
)
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.cases import CountyList
from jingzhun.domain.model import County
from jingzhun.rules.common.params import param_set

SPEC = RuleSpec(
    id="identification.county_list",
    title_zh="贫困县名单与公布数核对（592+680，去重832）",
    title_en="Poor-county list against the published counts",
    question_zh="贫困县名单是否与公布数一致",
    question_en="Does the list match the published poor-county counts?",
    subject=CountyList,
    parameters=(
        "poor_county.key_county_count",
        "poor_county.contiguous_area_county_count",
        "poor_county.total_count",
    ),
    clauses=("BOOK2017-ch4-1.2",),
)

COUNTY_LIST_COUNT = SPEC.code(
    "CID_LIST_COUNT",
    zh="{what}：名单{found}个，公布数{expected}个",
    en="{what_en}: {found} in the list, {expected} published",
    citations=(cite("BOOK2017-ch4-1.2"),),
)


COUNTY_LIST_NO_COUNT = SPEC.code(
    "CID_LIST_NO_PUBLISHED_COUNT",
    zh="{on}尚无公布的{what}数（公布数自2015年底起）",
    en="no published count of {what_en} on {on} (published as of end-2015)",
    citations=(cite("BOOK2017-ch4-1.2"),),
)


def check_poor_county_list(
    counties: Sequence[County], *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """:func:`check_county_list` for a sequence of counties."""
    return check_county_list(CountyList(counties=counties), on=on, params=params)


@SPEC.implementation
def check_county_list(
    case: CountyList, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a list of counties matches the published poor-county universe.

    《精准扶贫精准脱贫》第四章 一、（二）: 592个国家扶贫开发工作重点县 … 680个连片特困地区县。
    剔除其中重合部分，共有832个县区. A complete national list must reproduce all three counts.
    """
    day = as_date(on)
    ps = param_set(params)
    counties = case.counties
    counts = (
        (
            "poor_county.key_county_count",
            sum(c.key_county for c in counties),
            "重点县",
            "key counties",
        ),
        (
            "poor_county.contiguous_area_county_count",
            sum(c.contiguous_area_county for c in counties),
            "片区县",
            "contiguous-area counties",
        ),
        (
            "poor_county.total_count",
            sum(c.key_county or c.contiguous_area_county for c in counties),
            "贫困县（去重）",
            "poor counties (deduplicated)",
        ),
    )
    reasons = []
    for name, found, what, what_en in counts:
        try:
            p = ps.resolve(name, on=day)
        except NoValueInForceError:
            reasons.append(COUNTY_LIST_NO_COUNT(Effect.BLOCKS, what=what, what_en=what_en, on=day))
            continue
        reasons.append(
            COUNTY_LIST_COUNT(
                Effect.SUPPORTS if found == p.integer() else Effect.OPPOSES,
                evidence=(Evidence(name=name.split(".")[1], value=found),),
                parameters=(p.use(),),
                what=what,
                what_en=what_en,
                found=found,
                expected=p.integer(),
            )
        )
    return SPEC.decide(f"{len(counties)} counties", day, reasons)
