"""The rule spec of the household record consistency checks and the citation they share."""

from __future__ import annotations

from typing import Final

from jingzhun.core.catalogue import RuleOption, RuleSpec
from jingzhun.core.citations import Citation
from jingzhun.domain.model import Household

RULE: Final = "consistency.household"

SPEC = RuleSpec(
    id=RULE,
    title_zh="户记录一致性核查（人口、身份证、致贫原因、年龄与劳动能力、收入、卡册）",
    title_en="Household record consistency (size, ID numbers, causes, ages, income, card)",
    question_zh="户记录是否内部一致",
    question_en="Is the household record consistent?",
    subject=Household,
    parameters=(
        "consistency.working_age_min",
        "consistency.age_plausibility_max",
        "consistency.income_plausibility_max",
        "consistency.senior_school_age_min",
        "consistency.primary_school_age_max",
        "consistency.elderly_age",
    ),
    clauses=("BOOK2017-ch5-1.4-e", "BOOK2017-ch10-1.2-d"),
    command=("check", "households"),
    options=(
        RuleOption(
            name="require_card",
            help="also require the precision-card fields (helper, measures, exit year)",
        ),
        RuleOption(
            name="provincial_checks",
            help="also run provincial checkers' checks: labour capacity at the elderly age, "
            "'lack of labour' while every member is full labour",
        ),
    ),
)

PEERS = Citation(
    title="全国扶贫开发信息系统数据质量核查规则（2014–2017，转引）",
    quote="主要致贫原因为“因残”，而贫困家庭无残疾人口；其他致贫原因与主要致贫原因重复；身份证号码不符合校验规则",
    status="partial",
)
