"""evaluation.county and evaluation.county_exit: the rates, both verdicts, each threshold at,
just below and just above in each dated wording, and the pipeline into exit.county.

Clauses: ASSESS2016-art6.2 (第三方评估 by sample survey), BOOK2017-ch10-4.2-b (识别准确率、
退出准确率、满意度), EXIT2016-3.3-b (the county exit limits the evaluation judges)."""

from __future__ import annotations

from typing import Any

import pytest

from jingzhun.core.bounds import RateFigure
from jingzhun.core.decisions import Effect, Outcome
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.evaluation import (
    CountyExitEvaluation,
    EvaluationCase,
    SampledHousehold,
    SamplingDesign,
)
from jingzhun.domain.model import County, CountyExitCase
from jingzhun.rules.evaluation import (
    county_exit_case,
    evaluation_county,
    evaluation_county_exit,
    exit_rates,
)

COUNTY = County(county_code="610999", key_county=True)  # 陕西: western


def _case(
    *,
    exited: int = 0,
    wrong: int = 0,
    approve: int = 0,
    surveyed: int = 0,
    census: bool = True,
    extra: dict[str, Any] | None = None,
) -> EvaluationCase:
    """``exited`` one-person exited households of which ``wrong`` wrongly exited, then
    non-registered ones (none missed, a census of them: at least 100); the first ``surveyed``
    households answer approval, the first ``approve`` of them 认可."""
    nonreg = surveyed - exited if surveyed > exited else 100

    def answer(i: int) -> str | None:
        return None if i >= surveyed else "认可" if i < approve else "不认可"

    hs = [
        SampledHousehold(
            household_id=f"E{i}",
            village_id="V1",
            status="exited",
            correctly_exited=i >= wrong,
            approval=answer(i),
        )
        for i in range(exited)
    ]
    hs += [
        SampledHousehold(
            household_id=f"N{i}",
            village_id="V1",
            status="not_registered",
            should_be_registered=False,
            approval=answer(exited + i),
        )
        for i in range(nonreg)
    ]
    design = SamplingDesign(
        kind="simple_random",
        exited_population=exited if census else exited * 50,
        non_registered_population=nonreg,
        households=len(hs) if census else len(hs) * 50,
        **(extra or {}),
    )
    return EvaluationCase(county=COUNTY, design=design, households=hs)


AT_OR_BELOW = """
schema_version = 1
region = "61"
[[parameter]]
name = "exit.county.rates_bound"
  [[parameter.values]]
  from = 2016-04-28
  value = "at_or_below"
  status = "local"
  source = { title = "test", quote = "高于2%的不得退出" }
"""
AT_OR_ABOVE = AT_OR_BELOW.replace("rates_bound", "approval_bound").replace(
    "at_or_below", "at_or_above"
)

DATES = ("2017-06-30", "2018-02-28")  # the two dated values (before and from 国开办发〔2017〕56号)


@pytest.mark.parametrize("on", DATES)
@pytest.mark.parametrize(
    ("exited", "wrong", "below", "at_or_below"),
    [
        (100, 2, Outcome.NOT_MET, Outcome.MET),  # exactly 2%
        (51, 1, Outcome.MET, Outcome.MET),  # 1.96%
        (149, 3, Outcome.NOT_MET, Outcome.NOT_MET),  # 2.01%
    ],
)
def test_wrong_exit_boundaries_exit2016_3_3_b(
    on: str, exited: int, wrong: int, below: Outcome, at_or_below: Outcome
) -> None:
    """EXIT2016-3.3-b (国开办发〔2017〕56号 错退率必须低于2%): a census sample at 2% fails under
    低于, passes under the alternative 高于2%的不得退出; just below and above as expected."""
    case = _case(exited=exited, wrong=wrong, approve=exited, surveyed=exited)
    d = evaluation_county(case, on=on)
    assert d.outcome is below
    if below is not at_or_below:
        assert "EV_OTHER_WORDING_DIFFERS" in d.codes
    ps = ParameterSet.bundled().with_overlay_text(AT_OR_BELOW)
    assert evaluation_county(case, on=on, params=ps).outcome is at_or_below


@pytest.mark.parametrize("on", DATES)
@pytest.mark.parametrize(
    ("approve", "surveyed", "above", "at_or_above"),
    [
        (90, 100, Outcome.NOT_MET, Outcome.MET),  # exactly 90%
        (899, 1000, Outcome.NOT_MET, Outcome.NOT_MET),  # 89.9%
        (901, 1000, Outcome.MET, Outcome.MET),  # 90.1%
    ],
)
def test_approval_boundaries_exit2016_3_3_b(
    on: str, approve: int, surveyed: int, above: Outcome, at_or_above: Outcome
) -> None:
    """EXIT2016-3.3-b (群众认可度必须高于90%): exactly 90% fails under 高于 and passes under
    不低于 (宁夏's wording, an alternative)."""
    case = _case(exited=10, wrong=0, approve=approve, surveyed=surveyed)
    assert evaluation_county(case, on=on).outcome is above
    ps = ParameterSet.bundled().with_overlay_text(AT_OR_ABOVE)
    assert evaluation_county(case, on=on, params=ps).outcome is at_or_above


def test_passes_on_the_estimate_only_asses2016_art6_2() -> None:
    """ASSESS2016-art6.2 (抽样调查): 1 wrong of 80 sampled from 4,000 is 1.25% < 2%, but the
    95% interval reaches past 2%: 无法判定, EV_PASSES_ON_ESTIMATE_ONLY."""
    case = _case(exited=80, wrong=1, approve=80, surveyed=80, census=False)
    d = evaluation_county(case, on="2018-02-28")
    r = d.reason("EV_PASSES_ON_ESTIMATE_ONLY")
    assert r.effect is Effect.BLOCKS
    assert "1.25%" in r.message_zh and "跨越界限" in r.message_zh
    assert d.outcome is Outcome.UNDETERMINED


def test_shown_at_confidence_and_fails_on_estimate() -> None:
    """ASSESS2016-art6.2: 0 of 1,000 wrongly exited is shown below 2%; 3 of 100 (3%) fails on
    the estimate with an interval that crosses 2% (EV_FAILS_ON_ESTIMATE, 不符合)."""
    good = evaluation_county(
        _case(exited=1000, approve=1000, surveyed=1000, census=False), on="2018-02-28"
    )
    assert good.reason("EV_SHOWN_MET").effect is Effect.SUPPORTS
    bad = evaluation_county(
        _case(exited=100, wrong=3, approve=100, surveyed=100, census=False), on="2018-02-28"
    )
    assert "EV_FAILS_ON_ESTIMATE" in bad.codes and bad.outcome is Outcome.NOT_MET


def test_missing_findings_and_no_sample_are_undetermined() -> None:
    """Unknown is not met: an exited household without a finding leaves 错退率 undetermined; a
    sample without non-registered households cannot estimate 漏评率."""
    hs = [
        SampledHousehold(
            household_id="A",
            village_id="V",
            status="exited",
            correctly_exited=True,
            approval="认可",
        ),
        SampledHousehold(household_id="B", village_id="V", status="exited", approval="认可"),
    ]
    case = EvaluationCase(county=COUNTY, design=SamplingDesign(kind="simple_random"), households=hs)
    d = evaluation_county(case, on="2018-02-28")
    assert "EV_FINDINGS_MISSING" in d.codes and "EV_NO_SAMPLE" in d.codes
    assert d.outcome is Outcome.UNDETERMINED
    assert exit_rates(case)["wrong_exit_rate"] is None


def test_reported_rates_book2017_ch10_4_2_b() -> None:
    """BOOK2017-ch10-4.2-b: 识别准确率、退出准确率、满意度 are reported with intervals (notes)."""
    d = evaluation_county(_case(exited=50, wrong=1, approve=50, surveyed=50), on="2018-02-28")
    notes = [r for r in d.reasons if r.code == "EV_RATE_REPORTED"]
    assert {r.evidence[0].name for r in notes} == {"exit_accuracy"}  # others: no finding
    assert notes[0].effect is Effect.NOTE


def test_no_standard_before_the_exit_limits() -> None:
    d = evaluation_county(_case(exited=50, approve=50, surveyed=50), on="2016-03-01")
    assert "EV_NO_STANDARD_IN_FORCE" in d.codes and d.outcome is Outcome.UNDETERMINED


def test_clustered_sample_uses_the_village_design_effect() -> None:
    """Clustered by village: wrong exits concentrated in one village widen the interval."""
    hs = [
        SampledHousehold(
            household_id=f"H{v}{i}",
            village_id=f"V{v}",
            status="exited",
            correctly_exited=not (v == 0 and i < 5),
            approval="认可",
        )
        for v in range(10)
        for i in range(30)
    ]
    hs += [
        SampledHousehold(
            household_id=f"N{i}",
            village_id="V1",
            status="not_registered",
            should_be_registered=False,
        )
        for i in range(100)
    ]
    design = SamplingDesign(
        kind="clustered",
        villages_sampled=10,
        exited_population=30000,
        non_registered_population=100,
    )
    d = evaluation_county(
        EvaluationCase(county=COUNTY, design=design, households=hs), on="2018-02-28"
    )
    r = d.reason("EV_PASSES_ON_ESTIMATE_ONLY")
    ev = {e.name: e.value for e in r.evidence}
    assert ev["wrong_exit_rate.design_effect_from"] == "estimated"
    assert float(str(ev["wrong_exit_rate.design_effect"])) > 2


def test_pipeline_into_county_exit_exit2016_3_3_b() -> None:
    """EXIT2016-3.3-b: the evaluation's rates become exit.county's RateFigures; the composed
    rule is 符合 only when both the exit decision and the evaluation are."""
    case = _case(exited=1000, approve=1000, surveyed=1000, census=False)
    exit_case = CountyExitCase(county=COUNTY, incidence=RateFigure(value="0.015"))
    built = county_exit_case(case, exit_case)
    assert built.wrong_exit_rate is not None and built.wrong_exit_rate.exact == 0
    assert built.incidence == exit_case.incidence
    d = evaluation_county_exit(
        CountyExitEvaluation(evaluation=case, exit_case=exit_case), on="2018-02-28"
    )
    assert [b.rule for b in d.basis] == ["exit.county", "evaluation.county"]
    assert d.basis[1].outcome is Outcome.MET, d.basis[1].codes
    assert d.outcome is d.basis[0].outcome or d.basis[0].outcome is not Outcome.MET
    with pytest.raises(ValueError, match="evaluation sample"):
        CountyExitEvaluation(
            evaluation=case,
            exit_case=CountyExitCase(county=COUNTY, approval=RateFigure(value="0.95")),
        )


@pytest.mark.parametrize(
    ("status", "ok"), [("poor", True), ("已脱贫", True), ("relapsed", False), ("removed", False)]
)
def test_a_sampled_household_has_one_of_the_three_survey_statuses(status: str, ok: bool) -> None:
    """One vocabulary: the registry's own statuses (``jingzhun.RegistryStatus``); a sample
    distinguishes registered poor, exited and not registered (ASSESS2016-art6.2's 第三方评估
    of 识别、退出精准度), so 返贫 / 已剔除 must be given as ``poor`` / ``not_registered``."""
    if ok:
        SampledHousehold(household_id="H1", village_id="V1", status=status)
    else:
        with pytest.raises(ValueError, match="not a sampled status"):
            SampledHousehold(household_id="H1", village_id="V1", status=status)
