"""Reading plan cases (``jingzhun plan``): a household record with its plan and area.

A plan case is a household record (``household.schema.json``) that may also carry ``plan``
(the plan on file: ``drawn_up_on``, ``measures`` as MeasureKind codes or labels,
``target_year``) and ``living_area`` (a LivingArea code or label); its schema is
``plan_case.schema.json``. Every error is named with its JSON path, the household's own
errors included.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jingzhun.core.errors import InputError
from jingzhun.domain.classification import LivingArea, PlanCase
from jingzhun.domain.support import HouseholdPlan, MeasureKind
from jingzhun.io.converters import household_from_dict

_OWN = ("plan", "living_area")


def _plan(raw: Mapping[str, Any] | None, errors: list[tuple[str, str]]) -> HouseholdPlan | None:
    if raw is None:
        return None
    kinds = []
    for i, text in enumerate(raw.get("measures", ())):
        try:
            kinds.append(MeasureKind.parse(str(text)))
        except ValueError as exc:
            errors.append((f"/plan/measures/{i}", str(exc)))
    if errors:
        return None
    try:
        return HouseholdPlan(
            drawn_up_on=raw.get("drawn_up_on"),
            measures=tuple(kinds),
            target_year=raw.get("target_year"),
        )
    except (TypeError, ValueError) as exc:
        errors.append(("/plan", str(exc)))
        return None


def plan_case_from_dict(raw: Mapping[str, Any]) -> PlanCase:
    """Convert one schema-valid plan case; raises :class:`InputError` listing all errors."""
    errors: list[tuple[str, str]] = []
    try:
        household = household_from_dict({k: v for k, v in raw.items() if k not in _OWN})
    except InputError as exc:
        errors.extend([(e.path, e.message) for e in exc.errors] or [("/", str(exc))])
        household = None
    plan = _plan(raw.get("plan"), errors)
    area = None
    if raw.get("living_area") is not None:
        try:
            area = LivingArea.parse(str(raw["living_area"]))
        except ValueError as exc:
            errors.append(("/living_area", str(exc)))
    if errors or household is None:
        raise InputError("; ".join(f"{p}: {m}" for p, m in errors), errors)
    return PlanCase(household=household, plan=plan, living_area=area)
