"""Reading a county registry file (TEMPORARY stand-in, branch ``report``).

This module is replaced at merge by the county-registry loader of issue 9 (same name, same
signature: ``load_county_registry(path, *, show_personal=False) -> RegistryLoad``); it exists
only so that ``jingzhun audit`` and its tests run on this branch. It reads the same file
shape (``schemas/county-registry.schema.json`` on the loader's branch): one JSON object with
``county``, ``households`` (household records with ``registry_status``, ``history``,
``registered_on``, ``plan``, ``measures_received``), ``villages`` (village records with
``poor``, ``identified_on``, ``exited_on``, ``plan``, ``postings``), ``projects`` and
``funds``. It does not validate against a schema: constructor errors become record errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.errors import InputError
from jingzhun.domain.county_registry import CountyRegistry, HouseholdFile, VillageRecord
from jingzhun.domain.model import County
from jingzhun.domain.support import (
    FundRecord,
    HouseholdPlan,
    MeasureReceived,
    Notice,
    Posting,
    Project,
    VillagePlan,
)
from jingzhun.io.converters import registry_entry_from_dict, village_from_dict
from jingzhun.io.formats import JsonSyntaxError, parse_json, read_text
from jingzhun.io.records import RecordError

_HOUSEHOLD_EXTRA: Final = ("registered_on", "plan", "measures_received")
_VILLAGE_EXTRA: Final = ("poor", "identified_on", "exited_on", "plan", "postings")


@attrs.frozen(kw_only=True)
class RegistryLoad:
    """The registry (None when anything failed), every error, and the number of records."""

    registry: CountyRegistry | None
    errors: tuple[RecordError, ...]
    total: int

    @property
    def ok(self) -> bool:
        return not self.errors and self.registry is not None


def _household(raw: Mapping[str, Any]) -> HouseholdFile:
    entry = registry_entry_from_dict({k: v for k, v in raw.items() if k not in _HOUSEHOLD_EXTRA})
    plan = raw.get("plan")
    return HouseholdFile(
        entry=entry,
        registered_on=raw.get("registered_on"),
        plan=None if plan is None else HouseholdPlan(**plan),
        measures=[MeasureReceived(**m) for m in raw.get("measures_received", ())],
    )


def _village(raw: Mapping[str, Any]) -> VillageRecord:
    case = village_from_dict({k: v for k, v in raw.items() if k not in _VILLAGE_EXTRA})
    plan = raw.get("plan")
    return VillageRecord(
        village=case.village,
        poor=raw["poor"],
        identified_on=raw.get("identified_on"),
        exited_on=raw.get("exited_on"),
        plan=None if plan is None else VillagePlan(**plan),
        postings=[Posting(**p) for p in raw.get("postings", ())],
    )


def _with_notice(cls: Callable[..., Any]) -> Callable[[Mapping[str, Any]], Any]:
    def make(raw: Mapping[str, Any]) -> Any:
        notice = raw.get("notice")
        fields = {k: v for k, v in raw.items() if k != "notice"}
        return cls(**fields, notice=None if notice is None else Notice(**notice))

    return make


_PARTS: Final[dict[str, tuple[str, Callable[[Mapping[str, Any]], Any]]]] = {
    "households": ("household_id", _household),
    "villages": ("village_id", _village),
    "projects": ("project_id", _with_notice(Project)),
    "funds": ("fund_id", _with_notice(FundRecord)),
}


def _message(exc: Exception) -> str:
    if isinstance(exc, InputError) and len(exc.args) > 1:
        return "; ".join(f"{p}: {m}" for p, m in exc.args[1])
    return str(exc) or type(exc).__name__


def _part(data: Mapping[str, Any], key: str, errors: list[RecordError]) -> list[Any]:
    id_field, convert = _PARTS[key]
    made = []
    for i, raw in enumerate(data.get(key) or (), start=1):
        rid = raw.get(id_field) if isinstance(raw, dict) else None
        try:
            if not isinstance(raw, dict):
                raise TypeError("应为对象 / expected an object")
            made.append(convert(raw))
        except (InputError, TypeError, ValueError, KeyError) as exc:
            errors.append(
                RecordError(
                    index=i,
                    record_id=rid if isinstance(rid, str) else None,
                    path=f"/{key}/{i - 1}",
                    message=_message(exc),
                )
            )
    return made


def _file_error(path: str, message: str) -> RegistryLoad:
    error = RecordError(index=None, record_id=None, path=path, message=message)
    return RegistryLoad(registry=None, errors=(error,), total=0)


def load_county_registry(path: str | Path, *, show_personal: bool = False) -> RegistryLoad:
    """Read and convert one county registry file; every problem is a record error."""
    text, _jsonl = read_text(Path(path))
    try:
        data, _suspect = parse_json(text)
    except JsonSyntaxError as exc:
        return _file_error("/", f"文件不是有效的JSON / the file is not valid JSON: {exc}")
    if not isinstance(data, dict) or not isinstance(data.get("county"), dict):
        return _file_error("/county", "应为含 county 的对象 / expected an object with a county")
    errors: list[RecordError] = []
    parts = {key: _part(data, key, errors) for key in _PARTS}
    total = sum(len(data.get(key) or ()) for key in _PARTS)
    try:
        registry = CountyRegistry(county=County(**data["county"]), **parts)
    except (TypeError, ValueError) as exc:
        errors.append(RecordError(index=None, record_id=None, path="/", message=_message(exc)))
        return RegistryLoad(registry=None, errors=tuple(errors), total=total)
    if errors:
        return RegistryLoad(registry=None, errors=tuple(errors), total=total)
    return RegistryLoad(registry=registry, errors=(), total=total)
