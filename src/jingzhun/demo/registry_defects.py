"""The defects planted in the sample county's registry, one or more of every kind the six
audits look for (:data:`PLANTED`), and the function that plants them.

Each defect is realistic — the kind of slip an inspection (督查巡查、第三方评估) finds — and
touches only what it names: a household given a high income keeps its plan and measures, a
fund paid to the wrong household keeps its amount (so its project still reconciles).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import attrs

from jingzhun.domain.audit import EntityKind, SixPrecision

_P = SixPrecision
_E = EntityKind


@attrs.frozen(kw_only=True)
class PlantedDefect:
    """One planted defect: the precision whose audit should find it, and where."""

    precision: SixPrecision
    entity: EntityKind
    entity_id: str
    what: str


def _d(precision: SixPrecision, entity: EntityKind, entity_id: str, what: str) -> PlantedDefect:
    return PlantedDefect(precision=precision, entity=entity, entity_id=entity_id, what=what)


PLANTED: Final[tuple[PlantedDefect, ...]] = (
    _d(
        _P.BENEFICIARIES,
        _E.HOUSEHOLD,
        "610999V030001",
        "registered poor with a 2016 income three times the line (错评)",
    ),
    _d(
        _P.BENEFICIARIES,
        _E.HOUSEHOLD,
        "610999V040003",
        "not registered, income far below the line, every guarantee met, no exclusion (漏评)",
    ),
    _d(_P.PROJECTS, _E.PROJECT, "P016", "project outside the county project library"),
    _d(_P.PROJECTS, _E.PROJECT, "P019", "project with no plan reference"),
    _d(_P.PROJECTS, _E.PROJECT, "P040", "project with no target village or household"),
    _d(
        _P.PROJECTS,
        _E.PROJECT,
        "P041",
        "tourism project for households whose causes tourism does not answer",
    ),
    _d(_P.FUNDS, _E.FUND, "F900", "disbursement with no project"),
    _d(_P.FUNDS, _E.FUND, "F901", "disbursement to a project that does not exist (P099)"),
    _d(
        _P.FUNDS,
        _E.FUND,
        "F030-20",
        "micro-credit disbursement to a household that is not registered (610999V040004)",
    ),
    _d(_P.FUNDS, _E.PROJECT, "P017", "disbursements exceed the project's allocations by 9000"),
    _d(
        _P.FUNDS,
        _E.FUND,
        "F031-05",
        "disbursement without a public notice, its project P031 not noticed either",
    ),
    _d(
        _P.FUNDS,
        _E.FUND,
        "F022-90",
        "county matching funds required for a public-welfare infrastructure project",
    ),
    _d(
        _P.MEASURES_TO_HOUSEHOLD,
        _E.HOUSEHOLD,
        "610999V050004",
        "poor household without a paired helper",
    ),
    _d(
        _P.MEASURES_TO_HOUSEHOLD,
        _E.HOUSEHOLD,
        "610999V050011",
        "poor household without an exit plan",
    ),
    _d(
        _P.MEASURES_TO_HOUSEHOLD,
        _E.HOUSEHOLD,
        "610999V070008",
        "poor household that received no measure",
    ),
    _d(
        _P.MEASURES_TO_HOUSEHOLD,
        _E.HOUSEHOLD,
        "610999V070022",
        "its recorded cause (lack of capital) answered by no measure (photovoltaic only)",
    ),
    _d(_P.VILLAGE_DISPATCH, _E.VILLAGE, "V06", "poor village without a first secretary"),
    _d(
        _P.VILLAGE_DISPATCH,
        _E.POSTING,
        "V02/V02-TL1/team_leader/2015-08-01",
        "team leader withdrawn on 2017-09-30 with the whole team, before the village exited",
    ),
    _d(
        _P.VILLAGE_DISPATCH,
        _E.VILLAGE,
        "V02",
        "poor village without a resident team on the audit day (the team was withdrawn)",
    ),
    _d(
        _P.VILLAGE_DISPATCH,
        _E.POSTING,
        "V01/V01-TM3/team_member/2016-06-01",
        "team member recalled on 2017-11-20 after less than two years (replaced the same day)",
    ),
    _d(
        _P.VILLAGE_DISPATCH,
        _E.VILLAGE,
        "V01",
        "village whose need is industry has no cadre "
        "with a technical background (all party affairs)",
    ),
    _d(
        _P.EXIT_OUTCOMES,
        _E.HOUSEHOLD,
        "610999V010080",
        "exited with unsafe housing (三保障 not met)",
    ),
    _d(
        _P.EXIT_OUTCOMES,
        _E.HOUSEHOLD,
        "610999V010126",
        "exited without household consent and without the village notice",
    ),
    _d(
        _P.EXIT_OUTCOMES,
        _E.HOUSEHOLD,
        "610999V010171",
        "exited in 2016, 2017 income far below the line, not re-entered (返贫未纳入)",
    ),
)

LINE: Final = 2952


def _household(data: dict[str, Any], hid: str, status: str) -> dict[str, Any]:
    found: dict[str, Any] = next(h for h in data["households"] if h["household_id"] == hid)
    if found["registry_status"] != status:  # the sample changed: choose again
        raise AssertionError(f"{hid} is {found['registry_status']}, not {status}")
    return found


def _by(data: dict[str, Any], section: str, key: str, value: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data[section] if r[key] == value)
    return found


def _income(per_capita: int, size: int) -> dict[str, str]:
    total = per_capita * size
    wages = total * 6 // 10
    return {
        "wages": str(wages),
        "business": str(total - wages),
        "property_income": "0",
        "transfers": "0",
        "business_costs": "0",
    }


def _beneficiaries(data: dict[str, Any]) -> None:
    rich = _household(data, "610999V030001", "poor")
    rich["income"] = _income(3 * LINE, rich["declared_size"])
    missed = _household(data, "610999V040003", "not_registered")
    missed["income"] = _income(LINE // 2, missed["declared_size"])
    missed["guarantees"] = dict.fromkeys(missed["guarantees"], True)
    missed.pop("assets", None)
    for m in missed["members"]:
        m["village_cadre"] = m["public_payroll"] = False


def _projects(data: dict[str, Any]) -> None:
    _by(data, "projects", "project_id", "P016")["in_library"] = False
    del _by(data, "projects", "project_id", "P019")["plan_ref"]
    base = {"in_library": True, "approved_on": "2017-08-01", "public_welfare": False}
    notice = {"first_day": "2017-07-18", "last_day": "2017-07-27", "place": "县政府门户网站"}
    tourists = [
        h["household_id"]
        for h in data["households"]
        if h["village_id"] == "V06" and h["registry_status"] == "poor"
    ][10:16]
    data["projects"] += [
        base
        | {"project_id": "P040", "kind": "industry", "name": "2017年产业发展项目（未定对象）"}
        | {"plan_ref": "610999-项目库-2017-040", "notice": notice},
        base
        | {"project_id": "P041", "kind": "tourism", "name": "2017年松坪村乡村旅游项目"}
        | {"plan_ref": "610999-项目库-2017-041", "notice": notice}
        | {"target_villages": ["V06"], "target_households": tourists},
    ]
    for pid, amount in (("P040", "80000.00"), ("P041", "120000.00")):
        data["funds"].append(_fund(f"F{pid[1:]}-01", "allocation", amount, project_id=pid))


def _fund(fid: str, flow: str, amount: str, **more: Any) -> dict[str, Any]:
    notice = {"first_day": "2017-10-09", "last_day": "2017-10-18", "place": "村务公开栏"}
    return {
        "fund_id": fid,
        "flow": flow,
        "source": "county" if flow == "allocation" else "integrated",
        "amount": amount,
        "on": "2017-10-09",
        "notice": notice,
    } | more


def _funds(data: dict[str, Any]) -> None:
    _household(data, "610999V040004", "not_registered")
    wrong = _by(data, "funds", "fund_id", "F030-20")
    wrong["recipient_household"] = "610999V040004"
    del _by(data, "funds", "fund_id", "F031-05")["notice"]
    del _by(data, "projects", "project_id", "P031")["notice"]
    over = _by(data, "projects", "project_id", "P017")["target_households"][0]
    data["funds"] += [
        _fund("F900", "disbursement", "2000.00", recipient_household="610999V020004"),
        _fund("F901", "disbursement", "3000.00", recipient_household="610999V020005")
        | {"project_id": "P099"},
        _fund("F017-90", "disbursement", "9000.00", recipient_household=over, project_id="P017"),
        _fund("F022-90", "allocation", "50000.00", project_id="P022", county_matching=True),
    ]


def _measures(data: dict[str, Any]) -> None:
    del _household(data, "610999V050004", "poor")["helper"]
    del _household(data, "610999V050011", "poor")["plan"]
    bare = _household(data, "610999V070008", "poor")
    bare.pop("measures_received", None)
    bare.pop("measures", None)
    stray = _household(data, "610999V070022", "poor")
    stray["measures_received"] = [{"kind": "photovoltaic", "on": "2017-10-01"}]
    stray["measures"] = ["光伏扶贫"]


def _postings(data: dict[str, Any]) -> None:
    v06 = _by(data, "villages", "village_id", "V06")
    v06["postings"] = [p for p in v06["postings"] if p["role"] != "first_secretary"]
    for p in _by(data, "villages", "village_id", "V02")["postings"]:
        if p["role"] != "first_secretary":
            p["end"] = "2017-09-30"
    v01 = _by(data, "villages", "village_id", "V01")
    member = {"role": "team_member", "unit": "县农业局"}
    v01["postings"] += [
        member | {"person_id": "V01-TM3", "start": "2016-06-01", "end": "2017-11-20"},
        member | {"person_id": "V01-TM4", "start": "2017-11-20"},
    ]
    for p in v01["postings"]:
        p["background"] = "party_affairs"


def _exits(data: dict[str, Any]) -> None:
    _household(data, "610999V010080", "exited")["guarantees"]["housing_safety"] = False
    skipped = _household(data, "610999V010126", "exited")
    dropped = ("household_consent", "village_notice")
    skipped["exit_steps"] = [s for s in skipped["exit_steps"] if s["step"] not in dropped]
    fallen = _household(data, "610999V010171", "exited")
    fallen["income"] = _income(LINE * 6 // 10, fallen["declared_size"])


_PLANTERS: Final[tuple[Callable[[dict[str, Any]], None], ...]] = (
    _beneficiaries,
    _projects,
    _funds,
    _measures,
    _postings,
    _exits,
)


def plant(data: dict[str, Any]) -> None:
    """Plant every defect of :data:`PLANTED` in the clean registry ``data`` (in place)."""
    for planter in _PLANTERS:
        planter(data)
