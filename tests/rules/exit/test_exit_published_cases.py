"""Published county exit results (facts.md §6) reproduced by the rules.

The verdicts are case files (``cases/county_published.yaml``, each with its source); what stays
here checks the wording of a decision, which a case cannot.
"""

from __future__ import annotations

from jingzhun import County, CountyExitCase, RateFigure, county_exit


def test_chishui_is_judged_by_the_western_standard() -> None:
    """赤水 1.95% passes the western 3% but is close to the non-western 2%: under 低于 (2017
    wording) 1.95% < 2% still passes; the west/non-west split is by province (贵州 = west)."""
    d = county_exit(
        CountyExitCase(
            county=County(county_code="520381", key_county=True),
            incidence=RateFigure(value="0.0195"),
        ),
        on="2017-10-31",
    )
    assert "西部地区标准" in next(r.message_zh for r in d.reasons if r.code == "CX_METRIC_MET")
