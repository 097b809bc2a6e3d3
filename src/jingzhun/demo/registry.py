"""The sample county's registry (样例县建档立卡信息) for the six-precisions audit.

Built deterministically from the sample county (:mod:`jingzhun.demo.sample`): its 1,520
households and 8 villages, with what a county registry adds — registration, plans and
measures for the registered poor, postings and plans for the poor villages, about 40
projects and about 400 fund records. The audit day is :data:`AUDIT_DAY`.

Who is registered poor is what identification decides (``identification.household`` on
2017-06-30, on the 2016 incomes); the three poor villages (V01 青山村, V02 石门村, V06 松坪村)
are those village identification admits on the 2013 figures. Each poor household gets one
measure per recorded cause (:data:`FITTING`, the demo's reading of the classification
table), delivered by a project in the county project library whose targets it is among;
every project's allocations equal its disbursements; every fund record has a notice.

With ``defects=True`` a small set of realistic defects is planted, one or more of every
kind the six audits look for; :data:`PLANTED` lists them. The clean version still carries
the sample's record noise (about 2% of household cards with a record-consistency problem:
a declared size that disagrees with the members, a cause the members do not bear out, an
ID number with a wrong check digit), which none of the six audits reads; and V01's first
first secretary served exactly two years (2015-08-01 to 2017-08-01), at the boundary.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from functools import cache
from typing import Any, Final

from jingzhun.core.decisions import Outcome
from jingzhun.demo.registry_defects import PLANTED, PlantedDefect, plant
from jingzhun.demo.sample import COUNTY_CODE, COUNTY_NAME, sample_households, sample_registry
from jingzhun.demo.sample import sample_villages as _sample_villages
from jingzhun.domain.support import MeasureKind
from jingzhun.io.loaders import load_households_text
from jingzhun.rules.identification.household import identify_household

__all__ = ["AUDIT_DAY", "FITTING", "PLANTED", "PlantedDefect", "sample_county_registry"]

SEED: Final = 20_171_231
AUDIT_DAY: Final = "2017-12-31"
REGISTERED_ON: Final = "2017-06-30"
EXITED_REGISTERED_ON: Final = "2014-10-01"
POOR_VILLAGES: Final = {"V01": "industry", "V02": "weak_organisation", "V06": "disputes"}
BACKGROUND_FOR: Final = {"industry": "technical", "weak_organisation": "party_affairs"} | {
    "disputes": "law"
}
# One measure kind per recorded cause; the cause 'other' has none (none is judged).
FITTING: Final = {
    "schooling": "education",
    "illness": "medical",
    "lack_of_skills": "training",
    "lack_of_capital": "microcredit",
    "disability": "disability_subsidy",
    "disaster": "housing",
    "lack_of_land": "industry",
    "lack_of_water": "drinking_water",
    "lack_of_labour": "public_welfare_job",
    "poor_transport": "infrastructure",
    "lack_of_motivation": "employment",
}
# Kinds run county-wide (one programme); the others are projects of each village.
COUNTY_WIDE: Final = frozenset({"education", "medical", "training", "microcredit"}) | {
    "disability_subsidy",
    "employment",
    "housing",
}
PUBLIC_WELFARE: Final = frozenset({"drinking_water", "infrastructure"})
_EXIT_STEPS: Final = (
    ("democratic_appraisal", "2016-11-01", None),
    ("verification", "2016-11-10", None),
    ("household_consent", "2016-11-15", None),
    ("village_notice", "2016-11-20", "2016-11-29"),
    ("announcement", "2016-12-05", None),
    ("deregistration", "2016-12-31", None),
)
LINE_2016: Final = 2952  # the national line of income year 2016 (poverty_line.nominal)
LINE_2013: Final = 2736  # and of income year 2013, when the exited households were identified


def causes_of(record: dict[str, Any]) -> list[str]:
    return [record["main_cause"], *record.get("other_causes", [])]


def kinds_for(record: dict[str, Any]) -> list[str]:
    """The measure kinds answering the household's causes, in cause order."""
    kinds = [FITTING[c] for c in causes_of(record) if c in FITTING]
    return list(dict.fromkeys(kinds)) or ["industry"]


def per_capita(income: dict[str, str], size: int) -> int:
    parts = ("wages", "business", "property_income", "transfers")
    net = sum(int(income.get(k, "0")) for k in parts) - int(income.get("business_costs", "0"))
    return net // max(size, 1)


@cache
def _identified() -> frozenset[str]:
    """The households identification admits on 2017-06-30 (on their 2016 incomes)."""
    loaded = load_households_text(json.dumps(sample_households(), ensure_ascii=False))
    loaded.raise_for_errors()
    return frozenset(
        h.household_id
        for h in loaded.records
        if identify_household(h, on="2017-06-30").outcome is Outcome.MET
    )


def poor_record(rec: dict[str, Any]) -> dict[str, Any]:
    kinds = kinds_for(rec)
    out = rec | {
        "registry_status": "poor",
        "history": [{"on": REGISTERED_ON, "status": "poor", "action": "identified"}],
        "registered_on": REGISTERED_ON,
        "measures": [MeasureKind.of(k).zh for k in kinds],
        "plan": {"drawn_up_on": "2017-07-10", "measures": kinds},
    }
    out["plan"]["target_year"] = max(rec["exit_target_year"], 2018)
    out["exit_target_year"] = out["plan"]["target_year"]
    return out


def exited_record(rec: dict[str, Any], later: dict[str, Any]) -> dict[str, Any]:
    """A household registered in 2014 that exited at the end of 2016, above the line since."""
    out = {k: v for k, v in rec.items() if k not in ("measures", "exit_target_year")}
    size = rec["declared_size"]
    income = dict(later["income"])
    floor = int(LINE_2016 * 1.2) * size
    if per_capita(income, size) * size < floor:
        shortfall = floor - per_capita(income, size) * size
        income["wages"] = str(int(income["wages"]) + shortfall)
    then = max(per_capita(rec["income"], size), int(LINE_2016 * 1.1))
    out |= {
        "registry_status": "exited",
        "history": later["history"],
        "registered_on": EXITED_REGISTERED_ON,
        "income": income,
        "income_year": 2017,
        "income_history": [
            {"year": 2013, "per_capita": str(int(LINE_2013 * 0.8))},
            {"year": 2016, "per_capita": str(then)},
        ],
        "guarantees": dict.fromkeys(rec["guarantees"], True),
        "stable_income_source": True,
        "exit_steps": [
            {"step": s, "first_day": a} | ({"last_day": b} if b else {}) for s, a, b in _EXIT_STEPS
        ],
    }
    return out


def _households() -> list[dict[str, Any]]:
    identified = _identified()
    later = {r["household_id"]: r for r in sample_registry(identified)}
    out = []
    for rec in sample_households():
        hid = rec["household_id"]
        status = later[hid]["registry_status"]
        if hid in identified:
            out.append(poor_record(rec))
        elif status == "exited":
            out.append(exited_record(rec, later[hid]))
        else:
            drop = ("helper", "measures", "exit_target_year")
            out.append({k: v for k, v in rec.items() if k not in drop})
            out[-1]["registry_status"] = "not_registered"
    return out


def _postings(rng: random.Random, vid: str, need: str) -> list[dict[str, Any]]:
    """A first secretary and a team of a leader and one or two members, all serving still."""
    background = BACKGROUND_FOR[need]
    units = ("县农业局", "县委组织部", "县司法局", "县扶贫局", "市发改委", "县交通局")
    people: list[dict[str, Any]] = [
        {"person_id": f"{vid}-FS1", "role": "first_secretary", "start": "2015-08-01"},
        {"person_id": f"{vid}-TL1", "role": "team_leader", "start": "2015-08-01"},
    ]
    people += [
        {"person_id": f"{vid}-TM{n}", "role": "team_member", "start": "2015-08-01"}
        for n in range(1, rng.choice((2, 3)))
    ]
    if vid == "V01":  # a rotation at exactly two years
        people[0]["end"] = "2017-08-01"
        people.append({"person_id": f"{vid}-FS2", "role": "first_secretary", "start": "2017-08-01"})
    for p in people:
        p["background"] = background
        p["unit"] = rng.choice(units)
    return people


def _villages(rng: random.Random) -> list[dict[str, Any]]:
    out = []
    for v in _sample_villages()["villages"]:
        vid = v["village_id"]
        need = POOR_VILLAGES.get(vid)
        record = dict(v) | {"poor": need is not None}
        if need is not None:
            record |= {
                "identified_on": "2014-06-30",
                "plan": {"drawn_up_on": "2015-09-01", "needs": [need]},
                "postings": _postings(rng, vid, need),
            }
        out.append(record)
    return out


def _day(start: str, days: int) -> str:
    return (dt.date.fromisoformat(start) + dt.timedelta(days=days)).isoformat()


def project_record(pid: str, kind: str, targets: list[dict[str, Any]], n: int) -> dict[str, Any]:
    label = MeasureKind.of(kind).zh
    villages = sorted({t["village_id"] for t in targets})
    approved = _day("2017-07-15", n % 20)
    where = "全县" if len(villages) > 1 else villages[0]
    return {
        "project_id": pid,
        "kind": kind,
        "name": f"2017年{where}{label}项目",
        "in_library": True,
        "plan_ref": f"{COUNTY_CODE}-项目库-2017-{n:03d}",
        "public_welfare": kind in PUBLIC_WELFARE,
        "target_villages": villages,
        "target_households": [t["household_id"] for t in targets],
        "approved_on": approved,
        "notice": {"first_day": _day(approved, -14), "last_day": _day(approved, -5)},
    }


def _projects(households: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One project per (kind, village) of the poor households' measures; county-wide kinds
    one programme. Each poor household's measures name the project that delivered them."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for rec in households:
        if rec["registry_status"] == "poor":
            for kind in rec["plan"]["measures"]:
                where = "ALL" if kind in COUNTY_WIDE else rec["village_id"]
                groups[(kind, where)].append(rec)
    projects = []
    for n, ((kind, _where), targets) in enumerate(sorted(groups.items()), start=1):
        pid = f"P{n:03d}"
        projects.append(project_record(pid, kind, targets, n))
        notice_last = projects[-1]["approved_on"]
        for i, rec in enumerate(targets):
            rec.setdefault("measures_received", []).append(
                {"kind": kind, "on": _day(notice_last, 30 + i % 90), "project_id": pid}
            )
    return projects


_AMOUNTS: Final = {"microcredit": (20000, 50000), "housing": (10000, 25000)} | {
    "medical": (800, 6000),
    "education": (1000, 3000),
}


def fund_record(
    fid: str, flow: str, source: str, amount: int, on: str, **more: Any
) -> dict[str, Any]:
    place = "县政府门户网站" if flow == "allocation" else "村务公开栏"
    notice = {"first_day": on, "last_day": _day(on, 9), "place": place}
    record = {"fund_id": fid, "flow": flow, "source": source, "amount": f"{amount}.00", "on": on}
    return record | {k: v for k, v in more.items() if v is not None} | {"notice": notice}


def _project_funds(rng: random.Random, project: dict[str, Any], n: int) -> list[dict[str, Any]]:
    """Disbursements to (some of) the targets, and allocations adding up to exactly them."""
    pid, kind = project["project_id"], project["kind"]
    low, high = _AMOUNTS.get(kind, (1000, 8000))
    paid: list[dict[str, Any]] = []
    start = _day(project["approved_on"], 30)
    if project["public_welfare"]:
        for i, vid in enumerate(project["target_villages"]):
            amount = rng.randrange(100_000, 400_000, 1000)
            on = _day(start, 20 + i)
            paid.append(fund_record("", "disbursement", "", amount, on, recipient_village=vid))
    else:
        targets = project["target_households"]
        count = 24 if len(project["target_villages"]) > 1 else 12
        for i, hid in enumerate(sorted(rng.sample(targets, k=min(count, len(targets))))):
            amount = rng.randrange(low, high, 100)
            on = _day(start, 20 + 2 * i)
            paid.append(fund_record("", "disbursement", "", amount, on, recipient_household=hid))
    total = sum(int(f["amount"][:-3]) for f in paid)
    central = total * 6 // 10
    out = [
        fund_record("", "allocation", "central", central, start),
        fund_record("", "allocation", "integrated", total - central, _day(start, 5)),
        *paid,
    ]
    for i, f in enumerate(out, start=1):
        f["fund_id"] = f"F{n:03d}-{i:02d}"
        f["project_id"] = pid
        if f["flow"] == "disbursement":
            f["source"] = "integrated"
    return out


def _clean() -> dict[str, Any]:
    rng = random.Random(SEED)
    households = _households()
    villages = _villages(rng)
    projects = _projects(households)
    funds = [f for n, p in enumerate(projects, 1) for f in _project_funds(rng, p, n)]
    return {
        "note": "示例数据 / fictional sample county registry (jingzhun.demo.registry)",
        "county": {"county_code": COUNTY_CODE, "name": COUNTY_NAME, "key_county": True},
        "households": households,
        "villages": villages,
        "projects": projects,
        "funds": funds,
    }


@cache
def _built(defects: bool) -> str:
    data = _clean()
    if defects:
        plant(data)
    return json.dumps(data, ensure_ascii=False)


def sample_county_registry(*, defects: bool = True) -> dict[str, Any]:
    """The sample county's registry as a JSON-ready dict (a fresh copy on every call).

    With ``defects`` (the default) the defects of :data:`PLANTED` are planted in it.
    """
    result: dict[str, Any] = json.loads(_built(defects))
    return result
