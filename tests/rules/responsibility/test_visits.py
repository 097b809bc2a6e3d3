"""responsibility.visits: THREEYEAR2018-8.1-e (五级书记遍访贫困对象): each target of the
secretary's level visited at least once in the round; the round's period is the log's (the
text sets none)."""

from __future__ import annotations

import pytest

from jingzhun.core.decisions import Outcome
from jingzhun.domain.responsibility import SecretaryLevel, Visit, VisitLog
from jingzhun.rules.responsibility import visits


def _log(*visited: tuple[str, str], end: str | None = "2020-01-01", **kw: object) -> VisitLog:
    return VisitLog(
        secretary_id="county-secretary",
        level=kw.get("level", "county"),
        targets=kw.get("targets", ["V1", "V2", "V3"]),
        start="2019-01-01",
        end=end,
        visits=[Visit(target_id=t, on=d) for t, d in visited],
    )


def test_every_poor_village_visited() -> None:
    """THREEYEAR2018-8.1-e: 县委书记遍访贫困村 — all three visited."""
    log = _log(("V1", "2019-02-01"), ("V2", "2019-03-01"), ("V3", "2019-12-31"))
    d = visits(log, on="2019-12-31")
    assert d.outcome is Outcome.MET and [r.code for r in d.reasons] == ["DV_ALL_VISITED"]


def test_a_village_missed_when_the_round_is_over() -> None:
    """THREEYEAR2018-8.1-e: the round's last day is 2019-12-31; V3 was never visited."""
    log = _log(("V1", "2019-02-01"), ("V2", "2019-03-01"))
    d = visits(log, on="2019-12-31")
    assert d.outcome is Outcome.NOT_MET
    assert d.reasons[0].code == "DV_NOT_VISITED" and "V3" in d.reasons[0].message_zh


def test_round_still_open_is_undetermined() -> None:
    """THREEYEAR2018-8.1-e: on 2019-12-30 V3 may still be visited."""
    log = _log(("V1", "2019-02-01"), ("V2", "2019-03-01"))
    assert visits(log, on="2019-12-30").outcome is Outcome.UNDETERMINED
    assert visits(_log(end=None), on="2025-01-01").outcome is Outcome.UNDETERMINED


def test_visits_outside_the_round_or_after_on_do_not_count() -> None:
    """THREEYEAR2018-8.1-e: a visit on 2018-12-31 (before the round) or on 2020-01-01 (its
    exclusive end) is not in it."""
    log = _log(("V1", "2018-12-31"), ("V2", "2019-03-01"), ("V3", "2020-01-01"))
    d = visits(log, on="2020-06-30")
    assert d.outcome is Outcome.NOT_MET
    assert d.reasons[0].evidence[0].value == "V1、V3"


def test_before_the_guidance_and_without_targets() -> None:
    """THREEYEAR2018-8.1-e dates from 2018-06-15; a secretary with no target meets it."""
    assert [r.code for r in visits(_log(), on="2018-06-14").reasons] == ["DV_NOT_IN_FORCE"]
    assert [r.code for r in visits(_log(targets=[]), on="2019-12-31").reasons] == ["DV_NO_TARGETS"]


@pytest.mark.parametrize(
    ("level", "target"),
    [
        ("province", "贫困县"),
        ("prefecture", "脱贫攻坚任务重的乡镇"),
        ("county", "贫困村"),
        ("township", "贫困户"),
        ("village", "贫困户"),
    ],
)
def test_each_level_visits_its_targets(level: str, target: str) -> None:
    """THREEYEAR2018-8.1-e names whom each of the five secretaries visits."""
    assert SecretaryLevel.of(level).targets[0] == target
