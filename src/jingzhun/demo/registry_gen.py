"""A generated county registry of any size, shaped like the sample's, for benchmarks.

    generate_registry(households=100_000, villages=300, projects=2_000, funds=50_000)

Households are drawn from a pool of sample-shaped records (:func:`jingzhun.demo.sample.
generate_households`) given new ids and villages, so 100,000 take a few seconds. Who is
registered poor is decided by the income alone (per-capita income below the 2016 line), not by
the identification rule: the generated registry carries the realistic noise an audit finds
(an excluded household registered, a guarantee unmet above the line …). About two in five
villages are poor, with a first secretary and a team; each project is one (kind, village) of
the poor households' measures; each project's allocations equal its disbursements.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any, Final

from jingzhun.demo.registry import (
    BACKGROUND_FOR,
    LINE_2016,
    exited_record,
    fund_record,
    kinds_for,
    per_capita,
    poor_record,
    project_record,
)
from jingzhun.demo.sample import COUNTY_CODE, COUNTY_NAME, generate_households

SEED: Final = 20_180_101
POOL: Final = 4_000
_NEEDS: Final = tuple(BACKGROUND_FOR)


def _exit_history() -> list[dict[str, str]]:
    return [
        {"on": "2014-10-01", "status": "poor", "action": "identified"},
        {"on": "2016-12-31", "status": "exited", "action": "exit"},
    ]


def _prepared(template: dict[str, Any], n: int) -> dict[str, Any]:
    """The pool's ``template`` with its registry fields (status, plan …), ready to copy."""
    if per_capita(template["income"], template["declared_size"]) < LINE_2016:
        return poor_record(template)
    if n % 16 == 0:
        later = {"income": template["income"], "history": _exit_history()}
        return exited_record(template, later)
    drop = ("helper", "measures", "exit_target_year")
    kept = {k: v for k, v in template.items() if k not in drop}
    return kept | {"registry_status": "not_registered"}


def _household(prepared: dict[str, Any], n: int, vid: str) -> dict[str, Any]:
    """A prepared record as household number ``n`` of village ``vid`` (its members, shared
    with the pool's record, keep their member ids)."""
    return prepared | {"household_id": f"{COUNTY_CODE}{vid}{n:07d}", "village_id": vid}


def _villages(rng: random.Random, count: int) -> list[dict[str, Any]]:
    out = []
    for n in range(count):
        vid = f"G{n:04d}"
        rural = rng.randint(600, 2400)
        record: dict[str, Any] = {
            "village_id": vid,
            "county_code": COUNTY_CODE,
            "name": f"第{n + 1}村",
            "rural_population": rural,
            "poor_population": rural // rng.randint(3, 12),
            "poor": n % 5 < 2,
        }
        if record["poor"]:
            need = _NEEDS[n % len(_NEEDS)]
            background = BACKGROUND_FOR[need]
            roles = ("first_secretary", "team_leader", "team_member", "team_member")
            record |= {
                "identified_on": "2014-06-30",
                "plan": {"drawn_up_on": "2015-09-01", "needs": [need]},
                "postings": [
                    {"person_id": f"{vid}-{k}", "role": role, "start": "2015-08-01"}
                    | {"background": background, "unit": "县直单位"}
                    for k, role in enumerate(roles[: rng.choice((3, 4))])
                ],
            }
        out.append(record)
    return out


def _projects(
    households: list[dict[str, Any]], count: int, rng: random.Random
) -> list[dict[str, Any]]:
    """``count`` projects, each one (kind, village) of the poor households' measures; the
    households' measures name them (a measure of a kind with no project names none)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for rec in households:
        if rec["registry_status"] == "poor":
            for kind in kinds_for(rec):
                groups[(kind, rec["village_id"])].append(rec)
    chosen = sorted(rng.sample(sorted(groups), k=min(count, len(groups))))
    projects = []
    for n, key in enumerate(chosen, start=1):
        pid = f"P{n:05d}"
        projects.append(project_record(pid, key[0], groups[key], n))
        projects[-1]["public_welfare"] = False
        for rec in groups[key]:
            received = {"kind": key[0], "on": "2017-10-01", "project_id": pid}
            rec.setdefault("measures_received", []).append(received)
    return projects


def _funds(projects: list[dict[str, Any]], count: int, rng: random.Random) -> list[dict[str, Any]]:
    """``count`` fund records: per project two allocations, the rest disbursements to its
    targets in turn; the allocations add up to the disbursements."""
    out: list[dict[str, Any]] = []
    share, extra = divmod(count, max(len(projects), 1))
    for n, project in enumerate(projects):
        pid, targets = project["project_id"], project["target_households"]
        paid = [
            fund_record(
                f"F{pid[1:]}-{i:03d}",
                "disbursement",
                "integrated",
                rng.randrange(500, 8000, 100),
                "2017-11-01",
                recipient_household=targets[i % len(targets)],
                project_id=pid,
            )
            for i in range(max(share + (n < extra) - 2, 0))
        ]
        total = sum(int(f["amount"][:-3]) for f in paid)
        out += [
            fund_record(f"F{pid[1:]}-A1", "allocation", "central", total // 2, "2017-09-01")
            | {"project_id": pid},
            fund_record(
                f"F{pid[1:]}-A2", "allocation", "provincial", total - total // 2, "2017-09-05"
            )
            | {"project_id": pid},
            *paid,
        ]
    return out[:count]


def generate_registry(
    *,
    households: int = 100_000,
    villages: int = 300,
    projects: int = 2_000,
    funds: int = 50_000,
    seed: int = SEED,
) -> dict[str, Any]:
    """A county registry of the given size as a JSON-ready dict (deterministic for a seed)."""
    rng = random.Random(seed)
    pool = [
        _prepared(t, n) for n, t in enumerate(generate_households(min(households, POOL), seed=seed))
    ]
    village_records = _villages(rng, villages)
    vids = [v["village_id"] for v in village_records]
    homes = [_household(pool[n % len(pool)], n, vids[n % len(vids)]) for n in range(households)]
    project_records = _projects(homes, projects, rng)
    return {
        "note": "生成数据 / generated registry for benchmarks (jingzhun.demo.registry_gen)",
        "county": {"county_code": COUNTY_CODE, "name": COUNTY_NAME, "key_county": True},
        "households": homes,
        "villages": village_records,
        "projects": project_records,
        "funds": _funds(project_records, funds, rng),
    }
