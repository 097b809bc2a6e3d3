"""Differential test of ``columnar.precision_rows`` against the scalar six-precisions audit.

The row-wise checks — 错评 (a registered household's identification re-decided on its
identification day) and each recorded household exit re-decided on its day — over the demo
county registry with its planted defects and over generated registries: every household gets
the finding codes the scalar checks give it, and the audits flag the same households with the
same codes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

pl = pytest.importorskip("polars")
pytest.importorskip("pyarrow")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from columnar_cases import household_records, param_sets  # noqa: E402
from jingzhun.core.parameters import ParameterSet  # noqa: E402
from jingzhun.domain.audit import EntityKind, Finding, findings_of  # noqa: E402
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile  # noqa: E402
from jingzhun.domain.registry import RegistryStatus  # noqa: E402
from jingzhun.engine import columnar  # noqa: E402
from jingzhun.io.columns import records_to_table  # noqa: E402
from jingzhun.io.converters import registry_entry_from_dict  # noqa: E402
from jingzhun.io.county_registry import load_county_registry_text  # noqa: E402
from jingzhun.rules.common.params import param_set  # noqa: E402
from jingzhun.rules.precision import beneficiaries as pb  # noqa: E402
from jingzhun.rules.precision import exit_outcomes as pe  # noqa: E402
from jingzhun.rules.precision.beneficiaries import audit_beneficiaries  # noqa: E402
from jingzhun.rules.precision.exit_outcomes import audit_exit_outcomes  # noqa: E402

_EXTRAS = ("registered_on", "plan", "measures_received")
ROW_CODES = {
    pb.PB_WRONGLY_IDENTIFIED.code,
    pb.PB_NO_IDENTIFICATION_DAY.code,
    pe.PE_WRONG_EXIT.code,
    pe.PE_PROCEDURE_DEFECT.code,
    pe.PE_PROCEDURE_NOT_RECORDED.code,
    pe.PE_EXIT_UNDETERMINED.code,
    pe.PE_EXIT_DAY_MISSING.code,
}
"""The codes only the two row-wise checks give (PB_UNDETERMINED is shared with the audit
day's check; it is compared through the checks themselves)."""


def table_of(records: list[dict[str, Any]]) -> Any:
    """County-registry household records as the layout, with ``registered_on``."""
    rows = [{k: v for k, v in r.items() if k not in _EXTRAS} for r in records]
    registered = [r.get("registered_on") for r in records]
    frame = pl.from_arrow(records_to_table(rows))
    return frame.with_columns(
        pl.Series("registered_on", registered, pl.String).str.to_date("%Y-%m-%d")
    )


def scalar_rows(
    files: tuple[HouseholdFile, ...], day: dt.date, ps: ParameterSet
) -> dict[str, tuple[str | None, list[str]]]:
    """The two checks per household, as the scalar audit runs them."""
    out = {}
    for f in files:
        status = f.status_on(day)
        when = list(pb._when_identified(f, ps)) if status in pb._REGISTERED else []
        gated = status is RegistryStatus.EXITED or pe.exit_days(f, day)
        exits = [r.code for r in pe._household_exits(f, day, ps)] if gated else []
        out[f.household_id] = (when[0].code if when else None, exits)
    return out


def columnar_rows(frame: Any, day: dt.date, ps: ParameterSet) -> dict[str, Any]:
    out = columnar.precision_rows(frame, on=day, params=ps)
    return {r["id"]: (r["beneficiaries"], r["exit_outcomes"]) for r in out.iter_rows(named=True)}


def audit_findings(registry: CountyRegistry, day: dt.date, ps: ParameterSet) -> set[Any]:
    found: list[Finding] = [
        *findings_of(audit_beneficiaries(registry, on=day, params=ps)),
        *findings_of(audit_exit_outcomes(registry, on=day, params=ps)),
    ]
    return {
        (f.entity_id, f.code)
        for f in found
        if f.entity is EntityKind.HOUSEHOLD and f.code in ROW_CODES
    }


def test_demo_county_registry() -> None:
    from jingzhun.demo.registry import AUDIT_DAY, sample_county_registry

    data = sample_county_registry()
    loaded = load_county_registry_text(json.dumps(data, ensure_ascii=False))
    loaded.raise_for_errors()
    registry = loaded.registry
    assert registry is not None
    day, ps = dt.date.fromisoformat(AUDIT_DAY), param_set(None)
    frame = table_of(data["households"])
    got = columnar_rows(frame, day, ps)
    assert got == scalar_rows(registry.households, day, ps)
    flagged = {(h, c) for h, (b, e) in got.items() for c in [b, *e] if c in ROW_CODES}
    assert flagged == audit_findings(registry, day, ps)
    assert any(c == pb.PB_WRONGLY_IDENTIFIED.code for c, _ in got.values())
    assert any(e for _, e in got.values())
    engines = columnar.precision_rows(frame, on=day)["engine"].value_counts()
    assert "columnar" in engines["engine"].cast(pl.String).to_list()


AUDIT_DAYS = tuple(dt.date.fromisoformat(d) for d in ("2015-12-31", "2017-06-30", "2020-12-31"))
STATUSES = ("poor", "exited", "relapsed", "removed", "not_registered", None)


@st.composite
def entries(draw: st.DrawFn, index: int) -> dict[str, Any]:
    """A household record with a registry status, a dated history (exits among it), an
    identification or entry day or none, and the incomes of past years."""
    record = draw(household_records(index))
    status = draw(st.sampled_from(STATUSES))
    if status is not None:
        record["registry_status"] = status
    if draw(st.booleans()):
        days = sorted(
            draw(st.lists(st.dates(dt.date(2013, 6, 1), dt.date(2021, 12, 31)), max_size=4))
        )
        states = st.sampled_from(("poor", "exited", "exited", "relapsed", "removed"))
        record["history"] = [
            {"on": d.isoformat(), "status": draw(states), "action": "x"} for d in days
        ]
    if draw(st.booleans()):
        record["registered_on"] = draw(st.dates(dt.date(2013, 6, 1), dt.date(2020, 12, 31)))
    if draw(st.booleans()):
        record["income_history"] = [
            {"year": y, "per_capita": f"{draw(st.integers(1500, 5000))}.00"}
            for y in range(2012, 2022)
            if draw(st.booleans())
        ]
    return record


def generated_rows(records: list[dict[str, Any]], day: dt.date, ps: ParameterSet) -> list[Any]:
    files = tuple(
        HouseholdFile(
            entry=registry_entry_from_dict({k: v for k, v in r.items() if k != "registered_on"}),
            registered_on=r.get("registered_on"),
        )
        for r in records
    )
    rows = [{k: v for k, v in r.items() if k != "registered_on"} for r in records]
    frame = pl.from_arrow(records_to_table(rows)).with_columns(
        pl.Series("registered_on", [r.get("registered_on") for r in records], pl.Date)
    )
    got, want = columnar_rows(frame, day, ps), scalar_rows(files, day, ps)
    return [(h, got[h], want[h]) for h in want if got[h] != want[h]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    batch=st.integers(1, 10).flatmap(lambda n: st.tuples(*(entries(i) for i in range(n)))),
    day=st.sampled_from(AUDIT_DAYS),
    which=st.integers(0, 3),
)
def test_generated_registries(batch: tuple[dict[str, Any], ...], day: dt.date, which: int) -> None:
    name, ps = param_sets()[which]
    assert generated_rows(list(batch), day, ps) == [], name
