"""两线合一: the rural 低保 standard reaches the national poverty line by the end of 十三五.

《中共中央 国务院关于打赢脱贫攻坚战的决定》三、（十一）: 低保标准较低的地区要逐步达到国家扶贫标准.
《精准扶贫精准脱贫》第六章 五、（二）: 到“十三五”末，实现农村低保保障标准与扶贫标准“两线合一”。
在地区农村低保标准低于脱贫标准的情况下 … 逐年提高农村低保标准.

jingzhun bundles no series of provincial 低保 standards: the caller gives a region's standard
for a year (:class:`~jingzhun.domain.classification.DibaoStandard`).
"""

from __future__ import annotations

from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, evidence
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.classification import DibaoStandard
from jingzhun.rules.common.params import param_set

RULE: Final = "classification.two_lines"
LINE: Final = "poverty_line.nominal"
DEADLINE: Final = "classification.two_lines.deadline_year"

SPEC = RuleSpec(
    id=RULE,
    title_zh="两线合一：农村低保标准达到国家扶贫标准",
    title_en="Two lines in one: the rural dibao standard reaches the national poverty line",
    question_zh="该地区当年农村低保标准是否达到国家扶贫标准",
    question_en="Does the region's rural dibao (minimum living guarantee) standard of a year "
    "reach that year's poverty line?",
    subject=DibaoStandard,
    parameters=(LINE, DEADLINE),
    clauses=("DECISION2015-11-b", "BOOK2017-ch6-5.2-a"),
)

TL_REACHES = SPEC.code(
    "TL_REACHES",
    zh="{year}年农村低保标准{standard}元，达到当年扶贫标准{line}元",
    en="the {year} rural dibao standard of {standard} yuan reaches that year's line of {line} yuan",
)
TL_BELOW_DUE = SPEC.code(
    "TL_BELOW_AFTER_DEADLINE",
    zh="{year}年农村低保标准{standard}元，低于当年扶贫标准{line}元；两线合一期限为{deadline}年末",
    en="the {year} rural dibao standard of {standard} yuan is below that year's line of {line} "
    "yuan; the two lines were due to meet by the end of {deadline}",
)
TL_BELOW_EARLY = SPEC.code(
    "TL_BELOW_BEFORE_DEADLINE",
    zh="{year}年农村低保标准{standard}元，低于当年扶贫标准{line}元；期限（{deadline}年末）未到，"
    "应逐年提高",
    en="the {year} rural dibao standard of {standard} yuan is below that year's line of {line} "
    "yuan; the deadline (end of {deadline}) has not come: it should rise year by year",
)
TL_NO_LINE = SPEC.code(
    "TL_NO_LINE",
    zh="{year}年无国家扶贫标准，无法判定",
    en="no national poverty line is in force for {year}: cannot be judged",
)


@SPEC.implementation
def two_lines(case: DibaoStandard, *, on: DateLike, params: ParameterSet | None = None) -> Decision:
    """Compare the standard with the poverty line of its year (达到: equal reaches it).

    Below the line, the reason says whether the year is on or after the deadline year
    (不符合 either way: the question is whether the standard reaches the line)."""
    day = as_date(on)
    ps = param_set(params)
    try:
        line_p = ps.resolve(LINE, on=case.year_end)
    except NoValueInForceError:
        facts = (evidence("region", case.region), evidence("year", case.year))
        blocked = TL_NO_LINE(Effect.BLOCKS, evidence=facts, year=case.year)
        return SPEC.decide(f"{case.region}/{case.year}", day, (blocked,))
    deadline_p = ps.resolve(DEADLINE, on=day)
    line, deadline = line_p.decimal(), deadline_p.integer()
    values: dict[str, Any] = {
        "year": case.year,
        "standard": case.standard,
        "line": line,
        "deadline": deadline,
    }
    ev = (
        evidence("region", case.region),
        evidence("year", case.year),
        evidence("standard", case.standard, "yuan"),
        evidence("line", line, "yuan"),
    )
    uses = (line_p.use(), deadline_p.use())
    if case.standard >= line:
        reason = TL_REACHES(Effect.SUPPORTS, evidence=ev, parameters=uses, **values)
    elif case.year >= deadline:
        reason = TL_BELOW_DUE(Effect.OPPOSES, evidence=ev, parameters=uses, **values)
    else:
        reason = TL_BELOW_EARLY(Effect.OPPOSES, evidence=ev, parameters=uses, **values)
    return SPEC.decide(f"{case.region}/{case.year}", day, (reason,))
