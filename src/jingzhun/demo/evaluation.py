"""A third-party evaluation sample drawn from the sample county, deterministically.

The households and their registry status are the demo registry's
(:func:`jingzhun.demo.registry.sample_county_registry`); the evaluator's findings and the
answers are synthetic, drawn with a fixed seed: about 2% of exited households wrongly exited,
about 1% of non-registered households missed, about 95% approving.
"""

from __future__ import annotations

import random
from typing import Any, Final

from jingzhun.demo.registry import sample_county_registry

SEED: Final = 20180228


def _findings(rng: random.Random, status: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if status == "exited":
        out["correctly_exited"] = rng.random() >= 0.02
        out["should_be_registered"] = True
    elif status == "poor":
        out["should_be_registered"] = rng.random() >= 0.01
    else:
        out["should_be_registered"] = rng.random() < 0.01
    roll = rng.random()
    out["approval"] = "认可" if roll < 0.95 else "不认可" if roll < 0.98 else "说不清"
    roll = rng.random()
    out["satisfaction"] = (
        "满意"
        if roll < 0.80
        else "基本满意"
        if roll < 0.93
        else "不满意"
        if roll < 0.97
        else "说不清"
    )
    return out


def sample_evaluation(households: int = 400, *, seed: int = SEED) -> dict[str, Any]:
    """An evaluation sample file (as ``jingzhun evaluate`` reads it): a simple random sample
    of ``households`` households of the sample county, every exited household included."""
    registry = sample_county_registry(defects=False)
    rng = random.Random(seed)
    everyone = registry["households"]
    exited = [h for h in everyone if h.get("registry_status") == "exited"]
    others = [h for h in everyone if h.get("registry_status") != "exited"]
    drawn = exited + rng.sample(others, max(0, households - len(exited)))
    drawn.sort(key=lambda h: h["household_id"])

    def people(status: str) -> int:
        return sum(len(h["members"]) for h in everyone if h.get("registry_status") == status)

    return {
        "county": registry["county"],
        "evaluator": "示例评估机构 (example evaluator)",
        "survey_start": "2018-01-08",
        "survey_end": "2018-01-26",
        "design": {
            "kind": "simple_random",
            "exited_population": people("exited"),
            "non_registered_population": people("not_registered"),
            "registered_population": people("poor") + people("exited"),
            "households": len(everyone),
        },
        "households": [
            {
                "household_id": h["household_id"],
                "village_id": h["village_id"],
                "status": h["registry_status"],
                "members": len(h["members"]),
                **_findings(rng, h["registry_status"]),
            }
            for h in drawn
        ],
    }
