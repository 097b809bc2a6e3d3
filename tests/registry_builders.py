"""Records of a small county registry (the loader's and the audits' tests build on them)."""

from __future__ import annotations

from typing import Any


def household(hid: str = "H1", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "household_id": hid,
        "county_code": "610999",
        "village_id": "V1",
        "declared_size": 2,
        "income_year": 2016,
        "income": {"wages": "2000"},
        "main_cause": "illness",
        "helper": "帮扶干部001",
        "registry_status": "poor",
        "history": [{"on": "2017-06-30", "status": "poor", "action": "identified"}],
        "registered_on": "2017-06-30",
        "plan": {"drawn_up_on": "2017-07-10", "measures": ["医疗救助"], "target_year": 2018},
        "measures_received": [{"kind": "medical", "on": "2017-09-01", "project_id": "P1"}],
    }
    return base | extra


def village(vid: str = "V1", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "village_id": vid,
        "county_code": "610999",
        "rural_population": 900,
        "poor_population": 250,
        "poor": True,
        "identified_on": "2014-06-30",
        "plan": {"drawn_up_on": "2015-09-01", "needs": ["industry"]},
        "postings": [
            {
                "person_id": "C1",
                "role": "第一书记",
                "start": "2015-08-01",
                "background": "technical",
                "unit": "县农业局",
            }
        ],
    }
    return base | extra


def project(pid: str = "P1", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "project_id": pid,
        "kind": "医疗救助",
        "name": "2017年医疗救助项目",
        "in_library": True,
        "plan_ref": "610999-项目库-2017-001",
        "public_welfare": False,
        "target_villages": ["V1"],
        "target_households": ["H1"],
        "approved_on": "2017-07-15",
        "notice": {"first_day": "2017-07-01", "last_day": "2017-07-10", "place": "县政府网站"},
    }
    return base | extra


def fund(fid: str = "F1", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "fund_id": fid,
        "flow": "allocation",
        "source": "central",
        "amount": "5000.00",
        "on": "2017-08-01",
        "project_id": "P1",
        "notice": {"first_day": "2017-08-01", "last_day": "2017-08-10"},
    }
    return base | extra


def registry(**sections: list[Any]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "county": {"county_code": "610999", "name": "样例县", "key_county": True},
        "households": [household()],
        "villages": [village()],
        "projects": [project()],
        "funds": [fund()],
    }
    return data | sections
