"""Provincial effectiveness assessment (省级党委和政府扶贫开发工作成效考核).

《省级党委和政府扶贫开发工作成效考核办法》（2016-02-09）第二条: 适用于中西部22个省…; 第四条:
从2016年到2020年，每年开展一次; 第五条: 减贫成效、精准识别、精准帮扶、扶贫资金; 第七条: six
problem types; 第八条: 通报, 奖励, 约谈主要负责人并限期整改, 情节严重的责任追究.

There are no national weights: the scoring model is a parameter set (see
:mod:`jingzhun.rules.assessment.common`), and every decision says which one it used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Final

from jingzhun.core.catalogue import RuleOption, RuleSpec
from jingzhun.core.citations import cite
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.decisions import Decision, Effect, Outcome, ParameterUse, Reason, evidence
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.assessment import Area, AssessmentCase, Grade, Problem
from jingzhun.rules.assessment.common import (
    MODEL_PARAMETERS,
    Model,
    area_indicators,
    area_score,
    grade_of,
    model,
    resolve,
    shown,
)
from jingzhun.rules.assessment.problems import CHECKS, Check, Limits
from jingzhun.rules.common.params import param_set

PROVINCE: Final = "assessment.province"

SPEC = RuleSpec(
    id=PROVINCE,
    title_zh="省级党委和政府扶贫开发工作成效考核（四个方面、第七条问题、第八条处理）",
    title_en="Provincial effectiveness assessment (four areas, the problems of art. 7, "
    "the consequences of art. 8)",
    question_zh="该省该年度的综合评价是否为“好”",
    question_en="Is the province's comprehensive evaluation for the year 'good'?",
    subject=AssessmentCase,
    parameters=(
        "assessment.first_year",
        "assessment.last_year",
        "assessment.form",
        *MODEL_PARAMETERS,
        "assessment.example.area_weights",
        "assessment.example.source_weights",
        "assessment.example.grade_cutoffs",
        "assessment.problem_caps",
        "assessment.low_accuracy_below",
        "assessment.low_satisfaction_below",
    ),
    clauses=(
        "ASSESS2016-art2",
        "ASSESS2016-art4-a",
        "ASSESS2016-art5",
        "ASSESS2016-art5.1",
        "ASSESS2016-art5.2",
        "ASSESS2016-art5.3",
        "ASSESS2016-art7",
        "ASSESS2016-art7.1",
        "ASSESS2016-art8-a",
        "ASSESS2016-art8-c",
        "ASSESS2016-art12",
        "BOOK2017-ch10-4.2-a",
        "DECISION2015-31-d",
        "EXIT2016-4.1-a",
    ),
    options=(
        RuleOption(
            name="example_profile",
            help="score with jingzhun's example profile (an interpretation: equal area "
            "weights, Henan's 40/30/30 source weights, 好 ≥ 0.90, 一般 ≥ 0.80)",
        ),
    ),
)

_ART4 = cite("ASSESS2016-art4-a")
_ART5 = cite("ASSESS2016-art5")
_ART7 = cite("ASSESS2016-art7")
_ART8C = cite("ASSESS2016-art8-c")
_AREA_CLAUSE: Final = {
    Area.REDUCTION: cite("ASSESS2016-art5.1"),
    Area.IDENTIFICATION: cite("ASSESS2016-art5.2"),
    Area.SUPPORT: cite("ASSESS2016-art5.3"),
    Area.FUNDS: cite("ASSESS2016-art5.4"),
}
_PROBLEM_CLAUSE: Final = {p: cite(f"ASSESS2016-art7.{p.form_code}") for p in Problem}

AS_OUT_OF_YEARS = SPEC.code(
    "AS_OUTSIDE_ASSESSMENT_YEARS",
    zh="{year}年不在考核年度{first}—{last}年之内，本办法不适用",
    en="{year} is outside the assessed years {first}–{last}: the measures do not apply",
    citations=(_ART4, cite("ASSESS2016-art12")),
)
AS_FORM = SPEC.code(
    "AS_FORM_OF_ASSESSMENT",
    zh="{year}年度考核形式：{form}",
    en="form of the {year} assessment: {form_en}",
    citations=(cite("ASSESS2016-art2"),),
)
AS_NO_NATIONAL_WEIGHTS = SPEC.code(
    "AS_NO_NATIONAL_WEIGHTS",
    zh="考核办法未规定各方面权重和等次分数线（全国无统一权重）；{model}",
    en="the measures set no weights or grade cut-offs (there are no national weights); {model_en}",
    citations=(_ART5,),
)
AS_AREA_SCORE = SPEC.code(
    "AS_AREA_SCORE",
    zh="{area}：{indicators}，得分{score}",
    en="{area_en}: {indicators}, score {score}",
)
AS_AREA_UNKNOWN = SPEC.code(
    "AS_AREA_UNDETERMINED",
    zh="{area}：缺少{missing}，该方面无法判定（不按零分计）",
    en="{area_en}: {missing} not given, the area is undetermined (not scored as zero)",
)
AS_SCORE = SPEC.code(
    "AS_WEIGHTED_SCORE",
    zh="综合得分{score}，按分数线为“{grade}”",
    en="weighted score {score}: '{grade_en}' by the cut-offs",
)
AS_PROBLEM = SPEC.code(
    "AS_ARTICLE7_PROBLEM",
    zh="第七条（{n}）{problem}：{detail}",
    en="art. 7 ({n}) {problem_en}: {detail_en}",
)
AS_PROBLEM_UNKNOWN = SPEC.code(
    "AS_ARTICLE7_UNKNOWN",
    zh="第七条（{n}）{problem}：{detail}，不能排除",
    en="art. 7 ({n}) {problem_en}: {detail_en}, cannot be excluded",
)
AS_CAPPED = SPEC.code(
    "AS_GRADE_CAPPED",
    zh="因第七条（{ns}）问题，综合评价最高为“{cap}”：由“{grade}”降为“{capped}”",
    en="the art. 7 ({ns}) problems cap the grade at '{cap_en}': '{grade_en}' becomes '{capped_en}'",
    citations=(_ART7, _ART8C),
)
AS_GRADE = SPEC.code(
    "AS_GRADE",
    zh="综合评价：{grade}",
    en="comprehensive evaluation: {grade_en}",
)
AS_AT_MOST = SPEC.code(
    "AS_GRADE_AT_MOST",
    zh="无法计算综合得分，但第七条（{ns}）问题使综合评价至多为“{cap}”",
    en="no score can be computed, but the art. 7 ({ns}) problems make the grade at best '{cap_en}'",
    citations=(_ART7, _ART8C),
)
AS_UNGRADED = SPEC.code(
    "AS_NOT_GRADED",
    zh="无法给出综合评价：{why}",
    en="no comprehensive evaluation: {why_en}",
)
AS_CIRCULATED = SPEC.code(
    "AS_RESULT_CIRCULATED",
    zh="考核结果由国务院扶贫开发领导小组予以通报",
    en="the result is circulated by the State Council leading group",
    citations=(cite("ASSESS2016-art8-a"),),
)
AS_REWARD = SPEC.code(
    "AS_REWARD",
    zh="完成年度计划、综合评价好：通报表扬，给予一定奖励",
    en="plan met and graded good: commended, with a reward",
    citations=(cite("ASSESS2016-art8-b"),),
)
AS_INTERVIEW_PRINCIPAL = SPEC.code(
    "AS_INTERVIEW_PRINCIPAL_LEADERS",
    zh="出现第七条所列问题：约谈省级党委、政府主要负责人，提出限期整改要求",
    en="art. 7 problems: the principal leaders of the provincial Party committee and government "
    "are interviewed and given a deadline to rectify",
)
AS_INTERVIEW_DEPUTY = SPEC.code(
    "AS_INTERVIEW_DEPUTY",
    zh="综合评价一般：约谈分管负责同志（2016年度考核的做法，非考核办法条文）",
    en="graded fair: the deputy in charge is interviewed (the practice of the 2016 results, not "
    "an article of the measures)",
)
AS_ACCOUNTABILITY = SPEC.code(
    "AS_ACCOUNTABILITY",
    zh="情节严重、造成不良影响：实行责任追究",
    en="serious, with bad effects: accountability is pursued",
    citations=(_ART8C,),
)


def _model_note(m: Model) -> tuple[str, str]:
    if m.example:
        return (
            "以下评分采用jingzhun示例方案（解释性，非全国标准：四方面等权，来源权重取河南省做法"
            "40/30/30）",
            "the scores below use jingzhun's example profile (an interpretation, not national: "
            "equal area weights, Henan's 40/30/30 source weights)",
        )
    overlays = sorted({p.overlay for p in m.used if p.overlay and p.rows()})
    if overlays:
        return (
            f"评分采用叠加层{'、'.join(overlays)}的方案",
            f"scored by overlay {', '.join(overlays)}",
        )
    return "不计算综合得分", "no weighted score is computed"


def _areas(case: AssessmentCase, m: Model) -> tuple[list[Reason], dict[Area, Fraction | None]]:
    reasons: list[Reason] = []
    scores: dict[Area, Fraction | None] = {}
    for area, indicators in area_indicators(case, m).items():
        score = area_score(indicators)
        scores[area] = score
        cite_area = (_AREA_CLAUSE[area],)
        facts = tuple(evidence(k, None if v is None else shown(v)) for k, v in indicators.items())
        if score is None:
            missing = "、".join(k for k, v in indicators.items() if v is None)
            blocks = m.complete and area in m.area_weights
            reasons.append(
                AS_AREA_UNKNOWN(
                    Effect.BLOCKS if blocks else Effect.NOTE,
                    evidence=facts,
                    citations=cite_area,
                    area=area.zh,
                    area_en=area.en,
                    missing=missing,
                )
            )
            continue
        listed = ", ".join(f"{k} {shown(v)}" for k, v in indicators.items() if v is not None)
        reasons.append(
            AS_AREA_SCORE(
                Effect.NOTE,
                evidence=facts,
                citations=cite_area,
                area=area.zh,
                area_en=area.en,
                indicators=listed,
                score=shown(score),
            )
        )
    return reasons, scores


def _weighted(m: Model, scores: dict[Area, Fraction | None]) -> Fraction | None:
    total = sum(m.area_weights.values(), Fraction(0))
    if not m.complete or total == 0:
        return None
    parts = [(w, scores[a]) for a, w in m.area_weights.items()]
    if any(s is None for _w, s in parts):
        return None
    return sum((w * s for w, s in parts if s is not None), Fraction(0)) / total


def _problems(
    case: AssessmentCase, ps: ParameterSet, day: dt.date, m: Model
) -> tuple[list[Reason], list[Check]]:
    acc = ps.resolve("assessment.low_accuracy_below", on=day, region=case.province)
    sat = ps.resolve("assessment.low_satisfaction_below", on=day, region=case.province)
    limits = Limits(
        accuracy_below=acc.decimal(),
        satisfaction_below=sat.decimal(),
        source_weights=dict(m.source_weights),
    )
    reasons: list[Reason] = []
    checks = [check(case, limits) for check in CHECKS]
    for c in checks:
        if c.found is False:
            continue
        code = AS_PROBLEM if c.found else AS_PROBLEM_UNKNOWN
        extra = (cite("DECISION2015-31-d"), cite("EXIT2016-4.1-a"))
        reasons.append(
            code(
                Effect.OPPOSES if c.found else Effect.NOTE,
                evidence=(evidence("problem", c.problem),),
                parameters=(acc.use(), sat.use()) if c.problem is Problem.LOW_ACCURACY else (),
                citations=(
                    _ART7,
                    _PROBLEM_CLAUSE[c.problem],
                    *(extra if c.problem is Problem.PLAN_NOT_MET else ()),
                ),
                n=c.problem.form_code,
                problem=c.problem.zh,
                problem_en=c.problem.en,
                detail=c.detail_zh,
                detail_en=c.detail_en,
            )
        )
    return reasons, checks


def _cap(
    ps: ParameterSet, day: dt.date, region: str, found: Sequence[Check]
) -> tuple[Grade | None, ParameterUse]:
    """The worst cap of the problems found (None when none is found or none is capped)."""
    p = ps.resolve("assessment.problem_caps", on=day, region=region)
    caps = {Problem.of(r["problem"]): Grade.of(r["cap"]) for r in p.rows()}
    grades = [caps[c.problem] for c in found if c.problem in caps]
    if not grades:
        return None, p.use()
    return max(grades, key=lambda g: g.rank), p.use()


def _consequences(
    grade: Grade | None, checks: Sequence[Check], serious: bool | None
) -> list[Reason]:
    out = [AS_CIRCULATED(Effect.NOTE)]
    found = [c for c in checks if c.found]
    plan_met = any(c.problem is Problem.PLAN_NOT_MET and c.found is False for c in checks)
    if grade is Grade.GOOD and plan_met:
        out.append(AS_REWARD(Effect.NOTE))
    if found:
        cites = [_ART8C]
        if any(c.problem is Problem.PLAN_NOT_MET for c in found):
            cites.append(cite("DECISION2015-31-d"))
        out.append(AS_INTERVIEW_PRINCIPAL(Effect.NOTE, citations=cites))
        if serious:
            out.append(AS_ACCOUNTABILITY(Effect.NOTE))
    elif grade is Grade.FAIR:
        out.append(AS_INTERVIEW_DEPUTY(Effect.NOTE))
    return out


def _grade_reasons(
    m: Model,
    score: Fraction | None,
    capping: tuple[Grade | None, ParameterUse],
    found: Sequence[Check],
    unknown: bool,
) -> tuple[list[Reason], Grade | None, Outcome]:
    """The grade: by score and cut-offs, capped by the 第七条 problems; the outcome 符合
    only for 好 with every problem excluded."""
    cap, cap_use = capping
    ns = "、".join(c.problem.form_code or "" for c in found)
    if score is None:
        if cap is not None:
            r = AS_AT_MOST(Effect.OPPOSES, parameters=(cap_use,), ns=ns, cap=cap.zh, cap_en=cap.en)
            return [r], None, Outcome.NOT_MET
        why = ("缺少评分方案（权重、分数线）", "no scoring model (weights, cut-offs)")
        if m.complete:
            why = ("有方面无法判定", "an area is undetermined")
        r = AS_UNGRADED(Effect.BLOCKS, why=why[0], why_en=why[1])
        return [r], None, Outcome.UNDETERMINED
    by_score = grade_of(score, m.cutoffs)
    used = tuple(p.use() for p in m.used)
    reasons = [
        AS_SCORE(
            Effect.NOTE,
            parameters=used,
            score=shown(score),
            grade_en=by_score.en,
            grade=by_score.zh,
        )
    ]
    grade = by_score
    if cap is not None and cap.rank > by_score.rank:
        grade = cap
        reasons.append(
            AS_CAPPED(
                Effect.NOTE,
                parameters=(cap_use,),
                ns=ns,
                cap=cap.zh,
                cap_en=cap.en,
                grade=by_score.zh,
                grade_en=by_score.en,
                capped=grade.zh,
                capped_en=grade.en,
            )
        )
    if grade is Grade.GOOD and unknown:
        reasons.append(
            AS_GRADE(
                Effect.BLOCKS,
                grade=grade.zh + "（第七条问题未能排除，待定）",
                grade_en=grade.en + " (pending: art. 7 problems not excluded)",
            )
        )
        return reasons, grade, Outcome.UNDETERMINED
    effect = Effect.SUPPORTS if grade is Grade.GOOD else Effect.OPPOSES
    reasons.append(AS_GRADE(effect, grade=grade.zh, grade_en=grade.en))
    return reasons, grade, Outcome.MET if grade is Grade.GOOD else Outcome.NOT_MET


@SPEC.implementation
def province_assessment(
    case: AssessmentCase,
    *,
    on: DateLike,
    params: ParameterSet | None = None,
    example_profile: bool = False,
) -> Decision:
    """The province's assessment for ``case.year``, decided on ``on`` (the year node, 31
    December: the work starts at year end). Areas, score (only with a scoring model), the
    第七条 problems and the grade cap they impose, and the 第八条 consequences."""
    day = as_date(on)
    ps = param_set(params)
    region = case.province
    first = resolve(ps, "assessment.first_year", day, region)
    last = resolve(ps, "assessment.last_year", day, region)
    if first is None or last is None or not first.integer() <= case.year <= last.integer():
        reason = AS_OUT_OF_YEARS(
            Effect.BLOCKS,
            parameters=tuple(p.use() for p in (first, last) if p is not None),
            year=case.year,
            first=first.integer() if first else 2016,
            last=last.integer() if last else 2020,
        )
        return SPEC.decide(case.case_id, day, (reason,), outcome=Outcome.UNDETERMINED)
    form = ps.resolve("assessment.form", on=day, region=region)
    merged = form.text() == "merged"
    reasons: list[Reason] = [
        AS_FORM(
            Effect.NOTE,
            parameters=(form.use(),),
            year=case.year,
            form="脱贫攻坚成效考核（三项考核整合）"
            if merged
            else "省级党委和政府扶贫开发工作成效考核",
            form_en="the merged 脱贫攻坚成效考核" if merged else "the provincial assessment",
        )
    ]
    m = model(ps, day, region, example=example_profile)
    note = _model_note(m)
    reasons.append(AS_NO_NATIONAL_WEIGHTS(Effect.NOTE, model=note[0], model_en=note[1]))
    area_reasons, scores = _areas(case, m)
    reasons += area_reasons
    problem_reasons, checks = _problems(case, ps, day, m)
    reasons += problem_reasons
    found = [c for c in checks if c.found]
    cap, cap_use = _cap(ps, day, region, found)
    unknown = any(c.found is None for c in checks)
    score = _weighted(m, scores)
    grade_reasons, grade, outcome = _grade_reasons(m, score, (cap, cap_use), found, unknown)
    reasons += grade_reasons
    reasons += _consequences(grade, checks, case.findings.serious)
    return SPEC.decide(case.case_id, day, reasons, outcome=outcome)
