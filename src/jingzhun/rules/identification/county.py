"""Poor counties (贫困县): key counties and contiguous-area counties."""

from __future__ import annotations

from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Reason,
)
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import County

COUNTY_RULE: Final = "identification.county"

SPEC = RuleSpec(
    id=COUNTY_RULE,
    title_zh="贫困县认定",
    title_en="Poor county (key county or contiguous-area county)",
    question_zh="是否为贫困县",
    question_en="Is the county a poor county?",
    subject=County,
    clauses=("EXIT2016-3.3-a",),
)


_POOR_COUNTY = cite("EXIT2016-3.3-a")


COUNTY_KEY = SPEC.code(
    "CID_KEY_COUNTY",
    zh="国家扶贫开发工作重点县",
    en="a national key poverty county",
    citations=(_POOR_COUNTY,),
)


COUNTY_CONTIGUOUS = SPEC.code(
    "CID_CONTIGUOUS_AREA_COUNTY",
    zh="集中连片特困地区县",
    en="a county of a contiguous destitute area",
    citations=(_POOR_COUNTY,),
)


COUNTY_NEITHER = SPEC.code(
    "CID_NOT_POOR_COUNTY",
    zh="既非国家扶贫开发工作重点县，也非集中连片特困地区县",
    en="neither a key poverty county nor a contiguous-area county",
    citations=(_POOR_COUNTY,),
)


@SPEC.implementation
def identify_poor_county(
    county: County, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Whether a county is a poor county (贫困县).

    《关于建立贫困退出机制的意见》三、（三）: 贫困县包括国家扶贫开发工作重点县和集中连片特困地区县.
    """
    ev = (
        Evidence(name="key_county", value=county.key_county),
        Evidence(name="contiguous_area_county", value=county.contiguous_area_county),
    )
    reasons: list[Reason] = []
    if county.key_county:
        reasons.append(COUNTY_KEY(Effect.SUPPORTS, evidence=ev))
    if county.contiguous_area_county:
        reasons.append(COUNTY_CONTIGUOUS(Effect.SUPPORTS, evidence=ev))
    if not reasons:
        reasons.append(COUNTY_NEITHER(Effect.OPPOSES, evidence=ev))
    return SPEC.decide(county.county_code, as_date(on), reasons)
