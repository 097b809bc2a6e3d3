"""responsibility.unit_pairing: RESP2016-art21 (各定点扶贫单位…不脱贫不脱钩), from 2016-10-11."""

from __future__ import annotations

import pytest

from jingzhun.core.decisions import Outcome
from jingzhun.domain.responsibility import AssistancePairing
from jingzhun.rules.responsibility import unit_pairing


def _pairing(end: str | None, exited: str | None = "2019-04-30") -> AssistancePairing:
    return AssistancePairing(
        unit="某中央单位", target_id="640422", start="2015-06-01", end=end, target_exited_on=exited
    )


@pytest.mark.parametrize(
    ("end", "outcome", "code"),
    [
        ("2019-04-29", Outcome.NOT_MET, "DU_WITHDRAWN"),
        ("2019-04-30", Outcome.MET, "DU_ENDED_AFTER_EXIT"),
        (None, Outcome.MET, "DU_PAIRED"),
    ],
)
def test_no_withdrawal_before_exit(end: str | None, outcome: Outcome, code: str) -> None:
    """RESP2016-art21: 不脱贫不脱钩 — ending the day before the exit is a withdrawal; ending on
    the exit day is not."""
    d = unit_pairing(_pairing(end), on="2019-12-31")
    assert d.outcome is outcome and [r.code for r in d.reasons] == [code]


def test_target_not_exited_by_on() -> None:
    """RESP2016-art21: the target's exit after ``on`` is not yet known; a pairing ending in
    the future is still running."""
    assert unit_pairing(_pairing("2018-01-01"), on="2018-12-31").outcome is Outcome.NOT_MET
    assert unit_pairing(_pairing("2020-01-01"), on="2019-12-31").outcome is Outcome.MET


def test_ended_before_the_measures() -> None:
    """RESP2016-art21 applies from 2016-10-11 (RESP2016-art29, the measures take effect)."""
    d = unit_pairing(_pairing("2016-10-10", None), on="2019-12-31")
    assert [r.code for r in d.reasons] == ["DU_ENDED_BEFORE_RULE"]
    assert d.outcome is Outcome.MET
