"""Reading an assessment case, an assessment calendar or an assessment plan: one JSON object.

Whole-file loaders in the manner of :mod:`jingzhun.io.county_registry`: the file is read
bounded and strictly (duplicate keys, NaN, lone surrogates are refused), every problem is
named by its JSON Pointer, and any problem means nothing is returned
(:class:`~jingzhun.core.errors.InputError` listing them all, exit status 2 on the command
line). Unknown keys are errors (a misspelt indicator is not silently unknown).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Final, TypeVar

from jingzhun.core.errors import InputError, UnknownRegionError
from jingzhun.domain.assessment import (
    AssessmentCalendar,
    AssessmentCase,
    AssessmentPlan,
    Findings,
    Indicator,
    PlanEvent,
    Reduction,
    StepRecord,
)
from jingzhun.io.formats import JsonSyntaxError, parse_json, problems, read_text

T = TypeVar("T")

MAX_BYTES: Final = 16 * 2**20
CASE_KEYS: Final = (
    "province",
    "year",
    "reduction",
    "identification_accuracy",
    "exit_accuracy",
    "satisfaction",
    "funds_score",
    "findings",
)
REDUCTION_KEYS: Final = (
    "planned_reduction",
    "actual_reduction",
    "planned_county_exits",
    "actual_county_exits",
    "income_growth",
    "national_income_growth",
)
FINDINGS_KEYS: Final = (
    "funds_violations",
    "county_constraint_violations",
    "falsified_exits",
    "discipline_findings",
    "serious",
)
STEP_KEYS: Final = ("step", "started_on", "completed_on")
EVENT_KEYS: Final = (
    "event_id",
    "kind",
    "level",
    "start",
    "end",
    "county",
    "approved_by_province",
    "indicators",
)
INDICATOR_KEYS: Final = ("name", "beyond_standard", "binding")


class _Errors:
    """The problems found so far, each as ``path: message``."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.items: list[str] = []
        self.pairs: list[tuple[str, str]] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(f"{path or '/'}: {message}")
        self.pairs.append((path or "/", message))

    def build(self, path: str, make: Callable[[], T]) -> T | None:
        try:
            return make()
        except (TypeError, ValueError, KeyError, UnknownRegionError) as exc:
            self.add(path, str(exc).strip("'\""))
            return None

    def raise_any(self) -> None:
        if self.items:
            listed = "\n".join(f"  {e}" for e in self.items)
            raise InputError(f"输入有误 / invalid input: {self.source}\n{listed}", self.pairs)


def _object(value: Any, path: str, keys: tuple[str, ...], errors: _Errors) -> dict[str, Any]:
    if not isinstance(value, dict):
        errors.add(path, f"应为对象 / expected an object, got {type(value).__name__}")
        return {}
    for key in value:
        if key not in keys:
            errors.add(f"{path}/{key}", f"未知字段 / unknown key (known: {', '.join(keys)})")
    return {k: v for k, v in value.items() if k in keys}


def _read(path: str | Path) -> tuple[Any, _Errors]:
    file = Path(path)
    errors = _Errors(str(file))
    try:
        if file.is_file() and file.stat().st_size > MAX_BYTES:
            raise InputError(f"{file}: 文件过大 / file too large (over 16 MiB)")
    except OSError:
        pass
    text, _jsonl = read_text(file)
    try:
        data, suspect = parse_json(text)
    except JsonSyntaxError as exc:
        raise InputError(
            f"{file}: 不是有效的JSON / not valid JSON: {exc.where(lines=True)}"
        ) from None
    for where, message in problems(data) if suspect else []:
        errors.add(where, message)
    errors.raise_any()
    return data, errors


def case_from_dict(raw: Any, errors: _Errors, year: int | None = None) -> AssessmentCase | None:
    """An :class:`AssessmentCase` from its JSON object (``year`` given on the command line
    must agree with the file's, or fills it in)."""
    data = _object(raw, "", CASE_KEYS, errors)
    if year is not None:
        if "year" in data and data["year"] != year:
            errors.add("/year", f"文件中的年度{data['year']!r}与--year {year}不一致 / differs")
        data["year"] = year
    for key in ("province", "year"):
        if key not in data:
            errors.add(f"/{key}", "缺少必填字段 / missing required key")
    red = _object(data.get("reduction", {}), "/reduction", REDUCTION_KEYS, errors)
    found = _object(data.get("findings", {}), "/findings", FINDINGS_KEYS, errors)
    reduction = errors.build("/reduction", lambda: Reduction(**red))
    findings = errors.build("/findings", lambda: Findings(**found))
    rest = {k: v for k, v in data.items() if k not in ("reduction", "findings")}
    if "province" in rest:
        errors.build("/province", lambda: AssessmentCase(province=rest["province"], year=2017))
    for key in ("identification_accuracy", "exit_accuracy", "satisfaction", "funds_score"):
        if key in rest:
            one = {key: rest[key]}
            errors.build(f"/{key}", partial(AssessmentCase, province="52", year=2017, **one))
    if errors.items or reduction is None or findings is None:
        return None
    return errors.build("", lambda: AssessmentCase(reduction=reduction, findings=findings, **rest))


def load_assessment_case(path: str | Path, *, year: int | None = None) -> AssessmentCase:
    """The assessment case in ``path``, or :class:`InputError` naming every problem."""
    raw, errors = _read(path)
    case = case_from_dict(raw, errors, year)
    errors.raise_any()
    assert case is not None
    return case


def _steps(raw: Any, errors: _Errors) -> list[StepRecord]:
    if not isinstance(raw, list):
        errors.add("/steps", "应为数组 / expected an array")
        return []
    out = []
    for i, item in enumerate(raw):
        data = _object(item, f"/steps/{i}", STEP_KEYS, errors)
        made = errors.build(f"/steps/{i}", partial(StepRecord, **data))
        if made is not None:
            out.append(made)
    return out


def _events(raw: Any, errors: _Errors) -> list[PlanEvent]:
    if not isinstance(raw, list):
        errors.add("/events", "应为数组 / expected an array")
        return []
    out = []
    for i, item in enumerate(raw):
        at = f"/events/{i}"
        data = _object(item, at, EVENT_KEYS, errors)
        indicators: list[Indicator] = []
        for j, ind in enumerate(data.pop("indicators", []) or []):
            fields = _object(ind, f"{at}/indicators/{j}", INDICATOR_KEYS, errors)
            made_ind = errors.build(f"{at}/indicators/{j}", partial(_indicator, fields))
            if made_ind is not None:
                indicators.append(made_ind)
        made = errors.build(at, partial(PlanEvent, indicators=tuple(indicators), **data))
        if made is not None:
            out.append(made)
    return out


def _indicator(fields: Mapping[str, Any]) -> Indicator:
    for key in ("beyond_standard", "binding"):
        if not isinstance(fields.get(key), bool):
            raise TypeError(f"{key} must be true or false")
    if not isinstance(fields.get("name"), str):
        raise TypeError("name must be a string")
    return Indicator(**fields)


def load_plan_file(path: str | Path) -> AssessmentPlan | AssessmentCalendar:
    """An assessment plan (``"kind": "assessment-plan"``: plan_id, region, year, events) or
    an assessment calendar (``"kind": "assessment-calendar"``: year, steps)."""
    raw, errors = _read(path)
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
        errors.add("/kind", f"应为 / expected one of {', '.join(KINDS)}")
        errors.raise_any()
    kind = raw["kind"]
    keys = KINDS[kind]
    data = _object(raw, "", ("kind", *keys), errors)
    data.pop("kind")
    for key in keys:
        if key not in data:
            errors.add(f"/{key}", "缺少必填字段 / missing required key")
    errors.raise_any()
    made: AssessmentPlan | AssessmentCalendar | None
    if kind == "assessment-calendar":
        steps = _steps(data["steps"], errors)
        made = errors.build("", lambda: AssessmentCalendar(year=data["year"], steps=steps))
    else:
        events = _events(data["events"], errors)
        made = errors.build("", lambda: _plan(data, events))
    errors.raise_any()
    assert made is not None
    return made


def _plan(data: Mapping[str, Any], events: list[PlanEvent]) -> AssessmentPlan:
    for key in ("plan_id", "region"):
        if not isinstance(data[key], str):
            raise TypeError(f"{key} must be a string")
    if type(data["year"]) is not int:
        raise TypeError("year must be a whole number")
    return AssessmentPlan(
        plan_id=data["plan_id"], region=data["region"], year=data["year"], events=events
    )


KINDS: Final = {
    "assessment-plan": ("plan_id", "region", "year", "events"),
    "assessment-calendar": ("year", "steps"),
}
