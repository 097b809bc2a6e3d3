"""分类施策: the pathways (五个一批) and the measures that fit a household, each with its clause.

《中共中央 国务院关于打赢脱贫攻坚战的决定》三、（四）: 使建档立卡贫困人口中有5000万人左右通过
产业扶持、转移就业、易地搬迁、教育支持、医疗救助等措施实现脱贫，其余完全或部分丧失劳动能力的
贫困人口实行社保政策兜底脱贫 … 根据致贫原因和脱贫需求，对贫困人口实行分类扶持.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, Final

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.classification import Pathway, PlanCase
from jingzhun.domain.model import Household
from jingzhun.domain.vocabulary import HealthStatus, HouseholdType, LabourCapacity, PovertyCause
from jingzhun.rules.classification.common import (
    CAUSE_MEASURES,
    PATHWAY_MEASURES,
    SAFETY_NET_LABOUR,
    Fit,
    cause_table,
    codes,
    labour_standing,
    lost_labour,
    pathway_table,
    with_parameters,
)
from jingzhun.rules.common.params import param_set

RULE: Final = "classification.pathway"
RELOCATION_AREAS: Final = "classification.relocation_areas"
TEN_PROJECTS: Final = "classification.ten_projects"

SPEC = RuleSpec(
    id=RULE,
    title_zh="分类施策：脱贫路径（五个一批）与对症帮扶措施",
    title_en="Classified support: pathways (the five batches) and the measures that fit each cause",
    question_zh="该户适合哪些脱贫路径和帮扶措施",
    question_en="Which pathways and support measures fit the household?",
    subject=PlanCase,
    parameters=(
        CAUSE_MEASURES,
        PATHWAY_MEASURES,
        SAFETY_NET_LABOUR,
        RELOCATION_AREAS,
        TEN_PROJECTS,
    ),
    clauses=(
        "DECISION2015-4-b",
        "DECISION2015-11-a",
        "OLDAREAS2016-3.7-d",
        "BOOK2017-ch5-3.1",
        "BOOK2017-ch6-5",
        "BOOK2017-ch4-3.2",
        "BOOK2017-ch4-3.4",
        "DECISION2015-6-a",
        "BOOK2017-ch6-0",
        "DECISION2015-9",
        "DECISION2015-10-b",
        "BOOK2017-ch6-5.3-b",
        "DECISION2015-16-a",
        "BOOK2017-ch6-2.1-a",
        "BOOK2017-ch6-2.1-b",
        "BOOK2017-ch6-2.1-d",
        "BOOK2017-ch5-1.4-d",
        "BOOK2017-ch10-1.2-e",
        "BOOK2017-ch10-1.2-g",
        "BOOK2017-ch10-1.2-h",
        "BOOK2017-ch10-1.2-i",
        "BOOK2017-ch10-1.2-j",
    ),
)

PW_PATHWAY = SPEC.code(
    "PW_PATHWAY",
    zh="路径：{pathway_zh}（{why_zh}）",
    en="pathway: {pathway_en} ({why_en})",
)
PW_CAUSE = SPEC.code(
    "PW_CAUSE_MEASURES",
    zh="致贫原因“{cause_zh}”：对症措施 {measures_zh}",
    en="cause '{cause_en}': fitting measures {measures}",
)
PW_CAUSE_UNKNOWN = SPEC.code(
    "PW_CAUSE_NO_FIT",
    zh="致贫原因“{cause_zh}”在分类表中无对症措施，未据此提出措施",
    en="cause '{cause_en}' has no row in the classification table: no measure proposed for it",
)
PW_NO_CAUSE = SPEC.code(
    "PW_NO_CAUSE",
    zh="未记录致贫原因，无法按致贫原因提出措施",
    en="no poverty cause recorded: no measure can be proposed by cause",
    citations=(cite("BOOK2017-ch10-1.2-e"),),
)
PW_HOUSING = SPEC.code(
    "PW_HOUSING",
    zh="住房不安全：危房改造（建档立卡贫困户优先）",
    en="housing not safe: dilapidated-housing renovation (registered households first)",
    citations=(cite("DECISION2015-16-a"),),
)
PW_SKILLS = SPEC.code(
    "PW_SKILLS_TRAINING",
    zh="有劳动能力成员{able}人，均非技能劳动力：技能培训（至少掌握一门致富技能）",
    en="{able} member(s) able to work, none a skilled labourer: skills training "
    "(at least one skill per labourer)",
    citations=(cite("DECISION2015-6-a"),),
)
PW_LABOUR_UNKNOWN = SPEC.code(
    "PW_LABOUR_UNKNOWN",
    zh="{unknown}人劳动能力未记录且无已知劳动力成员，无法判定是否社保兜底",
    en="labour capacity of {unknown} member(s) not recorded and no member known able to work: "
    "safety net or production cannot be decided",
    citations=(cite("DECISION2015-4-b"),),
)
PW_NO_AREA = SPEC.code(
    "PW_RELOCATION_NOT_JUDGED",
    zh="记录未载明居住地区类型，未判断易地搬迁",
    en="the record does not say what kind of area the household lives in: relocation not judged",
    citations=(cite("BOOK2017-ch6-2.1-a"),),
)
PW_AREA_EXCLUDED = SPEC.code(
    "PW_RELOCATION_EXCLUDED",
    zh="居住地区（{area_zh}）不属于易地扶贫搬迁对象地区",
    en="the household's area ({area_en}) is not one whose poor are relocation candidates",
    citations=(cite("BOOK2017-ch6-2.1-b"),),
)

_REASONS_ZH: Final = {
    "able": "有劳动能力成员{n}人",
    "lost": "全部成员完全或部分丧失劳动能力",
    "student": "有在校生或义务教育阶段辍学",
    "schooling": "致贫原因含因学",
    "education_unmet": "义务教育无保障",
    "ill": "有患病成员",
    "illness": "致贫原因含因病",
    "medical_unmet": "基本医疗无保障",
    "dibao": "低保或特困供养户全部纳入医疗救助范围",
    "area": "居住于{area}，须尊重群众意愿",
}
_REASONS_EN: Final = {
    "able": "{n} member(s) able to work",
    "lost": "every member fully or partly lost labour capacity",
    "student": "a member in school or dropped out of compulsory education",
    "schooling": "schooling among the causes",
    "education_unmet": "compulsory education not guaranteed",
    "ill": "a member with an illness",
    "illness": "illness among the causes",
    "medical_unmet": "basic medical care not guaranteed",
    "dibao": "dibao and destitute households are all covered by medical assistance",
    "area": "lives in {area}; only with the household's consent",
}

_EXTRA_CLAUSES: Final[dict[str, tuple[str, ...]]] = {
    "lost": ("DECISION2015-4-b", "DECISION2015-11-a", "BOOK2017-ch5-3.1", "BOOK2017-ch6-5"),
    "able": ("DECISION2015-4-b",),
    "dibao": ("BOOK2017-ch6-5.3-b",),
    "area": ("BOOK2017-ch6-2.1-a", "BOOK2017-ch6-2.1-d"),
}


def _pathway(pathway: Pathway, fit: Fit, why: str, **values: object) -> Reason:
    clauses = (*fit.clauses, *_EXTRA_CLAUSES.get(why, ()))
    unique = tuple(dict.fromkeys(clauses))
    # A pathway of several kinds of measure (production and employment) offers a menu to
    # choose from by cause; a pathway of one or two kinds proposes them.
    menu = "options" if pathway is Pathway.PRODUCTION_EMPLOYMENT else "measures"
    return PW_PATHWAY(
        Effect.SUPPORTS,
        evidence=(
            evidence("pathway", pathway),
            evidence(menu, codes(fit.measures)),
            evidence("row_status", fit.status),
            evidence("clauses", ",".join(unique)),
        ),
        citations=tuple(cite(c) for c in unique),
        pathway_zh=pathway.zh,
        pathway_en=pathway.en,
        why_zh=_REASONS_ZH[why].format(**values),
        why_en=_REASONS_EN[why].format(**values),
    )


def _education_why(household: Household) -> str | None:
    if any(m.school.is_student or m.school.value == "dropped_out" for m in household.members):
        return "student"
    if PovertyCause.SCHOOLING in household.causes:
        return "schooling"
    if household.guarantees.compulsory_education is False:
        return "education_unmet"
    return None


def _health_why(household: Household) -> str | None:
    if any(m.health is not HealthStatus.HEALTHY for m in household.members):
        return "ill"
    if PovertyCause.ILLNESS in household.causes:
        return "illness"
    if household.guarantees.basic_medical_care is False:
        return "medical_unmet"
    if household.household_type is not HouseholdType.GENERAL:
        return "dibao"
    return None


def _labour_pathways(
    household: Household, table: dict[Pathway, Fit], lost: frozenset[LabourCapacity]
) -> Iterator[Reason]:
    able, _gone, unknown = labour_standing(household, lost)
    if able:
        yield _pathway(
            Pathway.PRODUCTION_EMPLOYMENT, table[Pathway.PRODUCTION_EMPLOYMENT], "able", n=able
        )
        if not any(m.labour is LabourCapacity.SKILLED for m in household.members):
            ev = (evidence("measures", "training"), evidence("able", able))
            yield PW_SKILLS(Effect.SUPPORTS, evidence=ev, able=able)
    elif unknown:
        yield PW_LABOUR_UNKNOWN(
            Effect.BLOCKS, evidence=(evidence("unknown", unknown),), unknown=unknown
        )
    else:
        yield _pathway(Pathway.SAFETY_NET, table[Pathway.SAFETY_NET], "lost")


def _relocation(
    case: PlanCase, table: dict[Pathway, Fit], areas: dict[str, bool]
) -> Iterator[Reason]:
    area = case.living_area
    if area is None:
        yield PW_NO_AREA(Effect.NOTE)
    elif areas.get(area.value, False):
        yield _pathway(Pathway.RELOCATION, table[Pathway.RELOCATION], "area", area=area.zh)
    else:
        ev = (evidence("living_area", area),)
        yield PW_AREA_EXCLUDED(Effect.NOTE, evidence=ev, area_zh=area.zh, area_en=area.en)


def _projects(rows: tuple[Mapping[str, Any], ...]) -> dict[str, tuple[str, ...]]:
    """Measure code → the ten projects (十大工程) that deliver it."""
    out: dict[str, list[str]] = {}
    for row in rows:
        for m in row["measures"]:
            out.setdefault(str(m), []).append(str(row["project"]))
    return {k: tuple(v) for k, v in out.items()}


def _cause_reasons(
    household: Household, fits: dict[PovertyCause, Fit], projects: dict[str, tuple[str, ...]]
) -> Iterator[Reason]:
    if not household.causes:
        yield PW_NO_CAUSE(Effect.NOTE)
    for cause in household.causes:
        fit = fits.get(cause)
        if fit is None:
            ev = (evidence("cause", cause),)
            yield PW_CAUSE_UNKNOWN(Effect.NOTE, evidence=ev, cause_zh=cause.zh, cause_en=cause.en)
            continue
        yield PW_CAUSE(
            Effect.SUPPORTS,
            evidence=(
                evidence("cause", cause),
                evidence("measures", codes(fit.measures)),
                evidence("row_status", fit.status),
                evidence("clauses", ",".join(fit.clauses)),
                evidence(
                    "projects", codes(p for m in fit.measures for p in projects.get(m.value, ()))
                ),
            ),
            citations=fit.citations,
            cause_zh=cause.zh,
            cause_en=cause.en,
            measures=codes(fit.measures),
            measures_zh="、".join(m.zh for m in fit.measures),
        )


@SPEC.implementation
def household_pathway(
    case: PlanCase, *, on: DateLike, params: ParameterSet | None = None
) -> Decision:
    """The pathways and fitting measures of a household on ``on``.

    Production and employment when a member can work; the safety net when every member fully
    or partly lost labour capacity (决定三、（四）、（十一）); education, health and relocation from
    the members, the causes, the guarantees and the recorded area; per recorded cause the
    measures of the classification table, each with its clause.
    """
    day = as_date(on)
    household = case.household
    ps = param_set(params)
    region = household.county_code
    pathways_p = ps.resolve(PATHWAY_MEASURES, on=day, region=region)
    causes_p = ps.resolve(CAUSE_MEASURES, on=day, region=region)
    labour_p = ps.resolve(SAFETY_NET_LABOUR, on=day, region=region)
    table = pathway_table(pathways_p)
    reasons = list(_labour_pathways(household, table, lost_labour(labour_p)))
    reasons += _support_pathways(household, table)
    reasons += _relocation(case, table, _areas(ps, day, region))
    if household.guarantees.housing_safety is False:
        reasons.append(PW_HOUSING(Effect.SUPPORTS, evidence=(evidence("measures", "housing"),)))
    projects_p = ps.resolve(TEN_PROJECTS, on=day, region=region)
    reasons += _cause_reasons(household, cause_table(causes_p), _projects(projects_p.rows()))
    uses = (pathways_p.use(), causes_p.use(), labour_p.use(), projects_p.use())
    reasons[0] = with_parameters(reasons[0], *uses)
    outcome = _outcome(reasons)
    return SPEC.decide(household.household_id, day, reasons, outcome=outcome)


def _support_pathways(household: Household, table: dict[Pathway, Fit]) -> list[Reason]:
    out = []
    education = _education_why(household)
    if education is not None:
        out.append(_pathway(Pathway.EDUCATION, table[Pathway.EDUCATION], education))
    health = _health_why(household)
    if health is not None:
        out.append(_pathway(Pathway.HEALTH, table[Pathway.HEALTH], health))
    return out


def _areas(ps: ParameterSet, day: dt.date, region: str | None) -> dict[str, bool]:
    rows = ps.resolve(RELOCATION_AREAS, on=day, region=region).rows()
    return {str(r["area"]): bool(r["relocation"]) for r in rows}


def _outcome(reasons: list[Reason]) -> Outcome:
    """无法判定 when the labour question is open; else 符合 when a pathway is proposed."""
    effects = {r.effect for r in reasons}
    if Effect.BLOCKS in effects:
        return Outcome.UNDETERMINED
    return Outcome.MET if Effect.SUPPORTS in effects else Outcome.UNDETERMINED


def proposal(decision: Decision) -> tuple[tuple[Pathway, ...], tuple[str, ...]]:
    """The pathways and the measure codes a pathway decision proposes (in order, each once)."""
    pathways: list[Pathway] = []
    measures: list[str] = []
    for reason in decision.reasons:
        if reason.effect is not Effect.SUPPORTS:
            continue
        for e in reason.evidence:
            if e.name == "pathway" and isinstance(e.value, str):
                pathways.append(Pathway.of(e.value))
            elif e.name == "measures" and isinstance(e.value, str) and e.value:
                measures.extend(m for m in e.value.split(",") if m not in measures)
    return tuple(dict.fromkeys(pathways)), tuple(measures)
