"""Support kept after exit (缓冲期; 四个不摘 for counties from 2019-04-16; the 2021–2025
transition). 摘帽 is said of counties only: households 脱贫, villages 出列."""

from __future__ import annotations

import datetime as dt
from typing import Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import (
    Decision,
    Effect,
    Evidence,
    Outcome,
    ParameterUse,
    Reason,
)
from jingzhun.core.errors import NoValueInForceError
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.domain.cases import ExitedSubject
from jingzhun.domain.vocabulary import ExitLevel
from jingzhun.rules.common.params import param_set

RETENTION: Final = "exit.retention"


class RetentionRegime(Labelled):
    """Which retention arrangement is in force (parameter ``retention.regime``)."""

    CAMPAIGN_COUNTIES = (
        "campaign_counties",
        "重点县退出后政策不变",
        "key counties keep the national policies after exit",
    )
    CAMPAIGN = ("campaign", "攻坚期内政策不变（缓冲期）", "policies unchanged during the campaign")
    CAMPAIGN_FOUR_KEEPS = (
        "campaign_four_keeps",
        "攻坚期内政策不变；贫困县摘帽后四个不摘",
        "policies unchanged during the campaign; four things kept after a county's delisting",
    )
    TRANSITION = ("transition", "过渡期（2021–2025年）", "2021–2025 transition")


SPEC = RuleSpec(
    id=RETENTION,
    title_zh="退出后政策保持（缓冲期、摘帽不摘政策、过渡期四个不摘）",
    title_en="Support kept after exit (buffer period, transition)",
    question_zh="已退出的贫困户、村、县是否继续享受扶贫政策",
    question_en="Does the exited household, village or county keep its support?",
    subject=ExitedSubject,
    parameters=("retention.regime", "exit.household.standard", "exit.village.incidence_bound"),
    clauses=(
        "EXIT2016-2.4-a",
        "DECISION2015-4-h",
        "THREEYEAR2018-7.2-e",
        "BOOK2017-ch5-1.6-a",
        "DECISION2015-4-e",
    ),
)


RT_CAMPAIGN = SPEC.code(
    "RT_POLICIES_UNCHANGED",
    zh="退出后在攻坚期内国家原有扶贫政策保持不变，支持力度不减（缓冲期）",
    en="after exit, national poverty policies stay unchanged and support undiminished during "
    "the campaign (buffer period)",
    citations=(cite("EXIT2016-2.4-a"), cite("THREEYEAR2018-7.2-e"), cite("BOOK2017-ch5-1.6-a")),
)


RT_CAMPAIGN_COUNTIES = SPEC.code(
    "RT_KEY_COUNTY_POLICIES_UNCHANGED",
    zh="重点县退出后，在攻坚期内国家原有扶贫政策保持不变",
    en="after a key county exits, national policies stay unchanged during the campaign",
    citations=(cite("DECISION2015-4-h"),),
)


RT_CAMPAIGN_HOUSEHOLDS = SPEC.code(
    "RT_HOUSEHOLD_KEEPS_POLICIES",
    zh="已经脱贫的农户在一定时期内继续享受扶贫相关政策",
    en="a household out of poverty keeps poverty-alleviation policies for a period",
    citations=(cite("DECISION2015-4-e"),),
)


RT_FOUR_KEEPS = SPEC.code(
    "RT_FOUR_KEEPS",
    zh="贫困县摘帽后，攻坚期内政策保持不变，做到摘帽不摘责任、摘帽不摘政策、摘帽不摘帮扶、摘帽不摘监管",
    en="after a poor county's delisting its policies stay unchanged during the campaign: "
    "responsibility, policies, assistance and supervision all continue",
    citations=(cite("EXIT2016-2.4-a"),),
)


RT_TRANSITION = SPEC.code(
    "RT_TRANSITION_FOUR_KEEPS",
    zh="过渡期（2021–2025年）：摘帽不摘责任、不摘政策、不摘帮扶、不摘监管",
    en="transition period (2021–2025): responsibility, policies, assistance and supervision "
    "all continue after delisting",
)


RT_TRANSITION_VILLAGE = SPEC.code(
    "RT_TRANSITION_VILLAGE",
    zh="过渡期（2021–2025年）：已出列的贫困村保持现有帮扶政策总体稳定",
    en="transition period (2021–2025): a village that has left the list keeps its current "
    "support broadly unchanged",
)


RT_TRANSITION_HOUSEHOLD = SPEC.code(
    "RT_TRANSITION_HOUSEHOLD",
    zh="过渡期（2021–2025年）：脱贫户脱贫不脱政策，保持现有帮扶政策总体稳定",
    en="transition period (2021–2025): a household out of poverty keeps its policies, current "
    "support broadly unchanged",
)


RT_EXIT_NOT_DECIDABLE = SPEC.code(
    "RT_EXIT_NOT_DECIDABLE",
    zh="{level}退出日期{exited}时尚无全国统一的{level}退出标准（2016-04-28起），"
    "退出规则不能判定该退出，退出后的政策保持无法判定",
    en="no national {level_en} exit standard on the exit date {exited} (it dates from "
    "2016-04-28): the exit rules cannot decide that exit, so neither can the support kept",
    citations=(cite("EXIT2016-2.4-a"),),
)


RT_EXIT_NOT_DECIDED = SPEC.code(
    "RT_EXIT_NOT_DECIDED",
    zh="退出判定（{rule}）的结论为“{outcome}”，不能据此保留退出后的政策",
    en="the exit decision ({rule}) is '{outcome_en}': no support is kept on it",
    citations=(cite("EXIT2016-2.4-a"),),
)


RT_NONE = SPEC.code(
    "RT_NO_RETENTION_REGIME",
    zh="{on}没有在册的退出后政策保持安排",
    en="no retention regime recorded on {on}",
)


RT_NOT_EXITED = SPEC.code(
    "RT_NOT_YET_EXITED",
    zh="退出日期{exited}晚于判定日期{on}",
    en="the exit date {exited} is after the decision date {on}",
)


RT_NOT_COVERED = SPEC.code(
    "RT_LEVEL_NOT_COVERED",
    zh="{on}时的政策只规定重点县退出后的政策保持，未涉及{level}",
    en="on {on} retention was set only for key counties, not for a {level_en}",
    citations=(cite("DECISION2015-4-h"),),
)


def retained_support(
    level: str | ExitLevel,
    *,
    exited_on: DateLike,
    on: DateLike,
    region: str | None = None,
    params: ParameterSet | None = None,
) -> Decision:
    """:func:`support_after_exit` for a level (household, village, county) and its exit date."""
    case = ExitedSubject(level=level, exited_on=exited_on, region=region)
    return support_after_exit(case, on=on, params=params)


@SPEC.implementation
def support_after_exit(
    case: ExitedSubject, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """Which support an exited household, village or county keeps on ``on``, and why.

    《关于建立贫困退出机制的意见》二、: 贫困人口、贫困村、贫困县退出后，在一定时期内国家原有扶贫政策
    保持不变，支持力度不减，留出缓冲期. After 2020 the 2021–2025 transition (四个不摘) applies.
    """
    day = as_date(on)
    exited = case.exited_on
    ev = (Evidence(name="level", value=case.level), Evidence(name="exited_on", value=exited))
    ps = param_set(params)
    reasons: tuple[Reason, ...]
    if exited > day:
        reasons = (RT_NOT_EXITED(Effect.BLOCKS, evidence=ev, exited=exited, on=day),)
    elif (undecided := _exit_not_decided(case, ev, ps)) is not None:
        reasons = (undecided,)
    else:
        try:
            regime = ps.resolve("retention.regime", on=day, region=case.region)
        except NoValueInForceError:
            reasons = (RT_NONE(Effect.OPPOSES, evidence=ev, on=day),)
        else:
            reasons = (_regime_reason(case.level, regime, ev, day),)
    level = case.level
    return SPEC.decide(
        f"{level.value} exited {exited.isoformat()}",
        day,
        reasons,
        basis=() if case.exit_decision is None else (case.exit_decision,),
        question=(
            f"已退出{level.zh}是否继续享受扶贫政策",
            f"Does the exited {level.en} keep its support?",
        ),
    )


# The parameter that dates each level's national exit standard (the county's is left to the
# county exit rule: the 2015 decision already kept key counties' policies, DECISION2015-4-h).
_STANDARD_OF: Final = {
    ExitLevel.HOUSEHOLD: "exit.household.standard",
    ExitLevel.VILLAGE: "exit.village.incidence_bound",
}


def _exit_not_decided(
    case: ExitedSubject, ev: tuple[Evidence, ...], ps: ParameterSet
) -> Reason | None:
    """An exit the exit rules cannot decide (or did not find met) keeps no support."""
    given = case.exit_decision
    if given is not None:
        if given.outcome is Outcome.MET:
            return None
        effect = Effect.BLOCKS if given.outcome is Outcome.UNDETERMINED else Effect.OPPOSES
        return RT_EXIT_NOT_DECIDED(
            effect,
            evidence=ev,
            rule=given.rule,
            outcome=given.outcome.zh,
            outcome_en=given.outcome.en,
        )
    name = _STANDARD_OF.get(case.level)
    if name is None:
        return None
    try:
        standard = ps.resolve(name, on=case.exited_on, region=case.region)
    except NoValueInForceError:
        used: tuple[ParameterUse, ...] = ()
    else:
        if standard.status == "confirmed":
            return None
        used = (standard.use(),)
    return RT_EXIT_NOT_DECIDABLE(
        Effect.BLOCKS,
        evidence=ev,
        parameters=used,
        level=case.level.zh,
        level_en=case.level.en,
        exited=case.exited_on,
    )


def _regime_reason(
    level: ExitLevel, regime: ResolvedParameter, ev: tuple[Evidence, ...], day: dt.date
) -> Reason:
    """The retention regime in force: the campaign's buffer, or the 2021–2025 transition."""
    used = (regime.use(),)
    kind = regime.choice(RetentionRegime)
    if kind is RetentionRegime.TRANSITION:
        code = {
            ExitLevel.HOUSEHOLD: RT_TRANSITION_HOUSEHOLD,
            ExitLevel.VILLAGE: RT_TRANSITION_VILLAGE,
        }.get(level, RT_TRANSITION)
        return code(Effect.SUPPORTS, evidence=ev, parameters=used, citations=(regime.source,))
    if kind is RetentionRegime.CAMPAIGN_FOUR_KEEPS and level is ExitLevel.COUNTY:
        cites = (*RT_FOUR_KEEPS.citations, regime.source)
        return RT_FOUR_KEEPS(Effect.SUPPORTS, evidence=ev, parameters=used, citations=cites)
    if kind in (RetentionRegime.CAMPAIGN, RetentionRegime.CAMPAIGN_FOUR_KEEPS):
        return RT_CAMPAIGN(Effect.SUPPORTS, evidence=ev, parameters=used)
    if level is ExitLevel.COUNTY:
        return RT_CAMPAIGN_COUNTIES(Effect.SUPPORTS, evidence=ev, parameters=used)
    if level is ExitLevel.HOUSEHOLD:
        return RT_CAMPAIGN_HOUSEHOLDS(Effect.SUPPORTS, evidence=ev, parameters=used)
    return RT_NOT_COVERED(
        Effect.BLOCKS, evidence=ev, parameters=used, on=day, level=level.zh, level_en=level.en
    )
