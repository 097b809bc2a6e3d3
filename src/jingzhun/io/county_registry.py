"""Reading a county registry (县级建档立卡信息): one JSON object, every record decided or named.

The file holds the county and four sections — ``households``, ``villages``, ``projects`` and
``funds`` (see ``county-registry.schema.json`` and the page *The county registry*). A
household is a registry-entry record (as :func:`jingzhun.io.loaders.load_registry_text`
reads it) with ``registered_on``, ``plan`` and ``measures_received``; a village is a village
record (as :func:`jingzhun.io.loaders.load_villages_text` reads it) with ``poor``,
``identified_on``, ``exited_on``, ``plan`` and ``postings``: the same schemas and converters
read them.

Every record either is in :attr:`RegistryLoad.registry` or is named by at least one
:class:`~jingzhun.io.records.RecordError` (``index`` counts from 1 within its section;
``path`` is the JSON Pointer in the file, ``/households/4/plan/measures/0``, so it starts with
the section). A repeated id, a wrong type, a date out of order inside a record are record
errors; a problem with the file as a whole (not JSON, not an object, no valid ``county``, a
section that is not an array, an unknown top-level key) is a file-level error
(``index`` None) and leaves ``registry`` None. References between records (a fund's
project, a posting's village) are not checked: a dangling one is an audit finding.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.errors import InputError, UnknownRegionError
from jingzhun.domain.county_registry import CountyRegistry
from jingzhun.domain.model import County
from jingzhun.io.converters import registry_entry_from_dict, village_from_dict
from jingzhun.io.formats import JsonSyntaxError, gc_paused, parse_json, problems, read_text
from jingzhun.io.records import RecordError, iter_records
from jingzhun.io.registry_build import (
    BuildError,
    build_fund,
    build_household,
    build_project,
    build_village,
    county_of,
    masked,
)
from jingzhun.io.registry_schema import part_errors, schema

SECTIONS: Final = ("households", "villages", "projects", "funds")
MAX_BYTES: Final = 2 * 2**30  # a larger file is refused before it is read


@attrs.frozen(kw_only=True)
class _Section:
    """How one section's records are read."""

    name: str
    id_field: str
    part: str  # the part of county-registry.schema.json that checks the registry's fields
    extras: tuple[str, ...] = ()  # fields the registry adds to a household or village record
    base_schema: str | None = None  # the record schema the other fields follow
    base_convert: Callable[[Mapping[str, Any]], Any] | None = None
    build: Callable[[Any, Mapping[str, Any], bool], Any] = build_project


_SPECS: Final = {
    "households": _Section(
        name="households",
        id_field="household_id",
        part="household_file",
        extras=("registered_on", "plan", "measures_received"),
        base_schema="household.schema.json",
        base_convert=registry_entry_from_dict,
        build=build_household,
    ),
    "villages": _Section(
        name="villages",
        id_field="village_id",
        part="village_record",
        extras=("poor", "identified_on", "exited_on", "plan", "postings"),
        base_schema="village.schema.json",
        base_convert=lambda raw: village_from_dict(raw, None).village,
        build=build_village,
    ),
    "projects": _Section(name="projects", id_field="project_id", part="project"),
    "funds": _Section(name="funds", id_field="fund_id", part="fund", build=build_fund),
}


@attrs.frozen(kw_only=True)
class RegistryLoad:
    """A county registry as loaded: the registry of every valid record, and the errors.

    ``registry`` is None only when the file as a whole could not be read; ``total`` counts
    the records of the four sections.
    """

    source: str
    registry: CountyRegistry | None
    errors: tuple[RecordError, ...]
    total: int

    @property
    def ok(self) -> bool:
        return not self.errors and self.registry is not None

    def errors_in(self, section: str) -> tuple[RecordError, ...]:
        """The record errors of one section (``households``, ``villages`` …)."""
        prefix = f"/{section}/"
        return tuple(e for e in self.errors if e.index is not None and e.path.startswith(prefix))

    def summary(self, limit: int = 50) -> str:
        bad = len({(e.path.split("/")[1], e.index) for e in self.errors if e.index is not None})
        head = (
            f"{self.source}: {len(self.errors)} 处错误，涉及 {bad} 条记录（共 {self.total} 条）/ "
            f"{len(self.errors)} error(s) in {bad} of {self.total} record(s)"
        )
        lines = [head, *(f"  {e}" for e in self.errors[:limit])]
        if len(self.errors) > limit:
            lines.append(f"  … {len(self.errors) - limit} more")
        return "\n".join(lines)

    def raise_for_errors(self) -> None:
        if self.errors or self.registry is None:
            raise InputError(self.summary(), self.errors)


def _file_error(source: str, path: str, message: str, line: int | None = None) -> RegistryLoad:
    error = RecordError(index=None, record_id=None, path=path, message=message, line=line)
    return RegistryLoad(source=source, registry=None, errors=(error,), total=0)


def _top_errors(data: Any, suspect: bool) -> list[tuple[str, str]]:
    """Problems of the file as a whole: not an object, keys, the county, the sections' types."""
    if not isinstance(data, dict):
        return [("/", "应为一个对象 / expected one JSON object with 'county' and the sections")]
    found: list[tuple[str, str]] = []
    if suspect:
        shallow = {k: v for k, v in data.items() if k not in SECTIONS}
        found += problems(shallow)
        found += [(f"/{k}", m) for k, m in _duplicate_keys(data) if k in SECTIONS]
    allowed = schema()["properties"]
    found += [(f"/{k}", "未知字段 / unknown key") for k in data if k not in allowed]
    if "county" not in data:
        found.append(("/county", "缺少县信息 / the registry needs a 'county' object"))
    else:
        found += [("/county" + p.rstrip("/"), m) for p, m in part_errors("county", data["county"])]
    if "note" in data and not isinstance(data["note"], str):
        found.append(("/note", "应为文字 / must be a string"))
    for name in SECTIONS:
        if name in data and not isinstance(data[name], list):
            found.append((f"/{name}", "应为记录数组 / expected an array of records"))
    return found


def _duplicate_keys(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    keys = getattr(data, "duplicates", ())
    return [(k, f"键重复 / duplicate key {k!r}") for k in keys]


def _county(data: Mapping[str, Any]) -> County | str:
    raw = data["county"]
    try:
        return County(
            county_code=raw["county_code"],
            name=raw.get("name"),
            key_county=raw.get("key_county", False),
            contiguous_area_county=raw.get("contiguous_area_county", False),
        )
    except (ValueError, TypeError, UnknownRegionError) as exc:
        return str(exc)


def load_county_registry_text(
    text: str, *, source: str = "<text>", show_personal: bool = False
) -> RegistryLoad:
    """Load a county registry from JSON text (a leading byte-order mark is ignored)."""
    with gc_paused():
        parsed = _parse(text, source)
        if isinstance(parsed, RegistryLoad):
            return parsed
        return _load_data(*parsed, source=source, show_personal=show_personal)


def _parse(text: str, source: str) -> tuple[Any, bool] | RegistryLoad:
    try:
        return parse_json(text.removeprefix("\ufeff"))
    except JsonSyntaxError as exc:
        message = f"文件不是有效的JSON / the file is not valid JSON: {exc.where(lines=True)}"
        return _file_error(source, "/", message, exc.line)


def _load_data(data: Any, suspect: bool, *, source: str, show_personal: bool) -> RegistryLoad:
    """The registry of parsed JSON ``data`` (whose records are released as they are read)."""
    top = _top_errors(data, suspect)
    if top:
        refused = tuple(
            RecordError(index=None, record_id=None, path=p, message=m) for p, m in sorted(top)
        )
        return RegistryLoad(source=source, registry=None, errors=refused, total=0)
    county = _county(data)
    if isinstance(county, str):
        return _file_error(source, "/county", county)
    loaded: dict[str, list[Any]] = {}
    errors: list[RecordError] = []
    total = 0
    for name in SECTIONS:
        items = data.get(name, [])
        total += len(items)
        records, found = _load_section(
            _SPECS[name], items, suspect, county.county_code, show_personal
        )
        loaded[name] = records
        errors += found
    registry = CountyRegistry(county=county, **loaded)
    return RegistryLoad(source=source, registry=registry, errors=tuple(errors), total=total)


def load_county_registry(path: str | Path, *, show_personal: bool = False) -> RegistryLoad:
    """Load a county registry file (one JSON object; UTF-8, a byte-order mark allowed).

    What is not a regular file (a directory, a pipe, a device), a file larger than
    :data:`MAX_BYTES` and a file that is not UTF-8 are file-level errors, never read whole.
    """
    p = Path(path)
    try:
        mode = p.stat()
        if stat.S_ISREG(mode.st_mode) and mode.st_size > MAX_BYTES:
            return _file_error(str(p), "/", f"文件过大 / file larger than {MAX_BYTES} bytes")
        text, _jsonl = read_text(p)
    except InputError as exc:
        return _file_error(str(p), "/", str(exc))
    except FileNotFoundError:
        return _file_error(str(p), "/", f"找不到文件 / file not found: {p}")
    except OSError as exc:
        return _file_error(str(p), "/", f"无法读取 / cannot read: {exc.strerror}")
    with gc_paused():
        parsed = _parse(text, str(p))
        del text  # the text is not needed once parsed: a large file's memory is freed early
        if isinstance(parsed, RegistryLoad):
            return parsed
        return _load_data(*parsed, source=str(p), show_personal=show_personal)


def _rid(raw: Any, id_field: str) -> str | None:
    if not isinstance(raw, dict) or id_field in getattr(raw, "duplicates", ()):
        return None
    rid = raw.get(id_field)
    return rid if isinstance(rid, str) else None


def _error(sec: _Section, index: int, raw: Any, path: str, message: str) -> RecordError:
    where = f"/{sec.name}/{index - 1}{'' if path == '/' else path}"
    return RecordError(index=index, record_id=_rid(raw, sec.id_field), path=where, message=message)


def _split(sec: _Section, raw: Any) -> tuple[Any, dict[str, Any]]:
    """The record's own fields and the fields the registry adds."""
    if not isinstance(raw, dict) or not sec.extras:
        return raw, {}
    base = {k: v for k, v in raw.items() if k not in sec.extras}
    return base, {k: raw[k] for k in sec.extras if k in raw}


def _bases(
    sec: _Section, items: Iterable[tuple[int, Any]], show_personal: bool
) -> Iterator[tuple[int, Any, Any, list[tuple[str, str]]]]:
    """``(index, raw, base, errors)``: the base object (a registry entry, a village, or the
    raw record itself) checked against its schema; duplicate ids named after the first.
    Records are read one at a time (only the ids seen are remembered)."""
    if sec.base_schema is None or sec.base_convert is None:
        seen: dict[str, int] = {}
        for index, raw in items:
            found = part_errors(sec.part, raw, show_personal=show_personal)
            rid = _rid(raw, sec.id_field)
            if rid is not None and rid in seen:
                found.append((f"/{sec.id_field}", _dup(seen[rid])))
            elif rid is not None:
                seen[rid] = index
            yield index, raw, raw, found
        return
    waiting: dict[int, tuple[Any, dict[str, Any]]] = {}

    def bases() -> Iterator[tuple[int, int | None, Any]]:
        for index, raw in items:
            base, extras = _split(sec, raw)
            waiting[index] = (raw, extras)
            yield index, None, base

    stream = iter_records(
        bases(),
        schema=sec.base_schema,
        id_field=sec.id_field,
        convert=sec.base_convert,
        show_personal=show_personal,
    )
    for loaded in stream:
        index = loaded.index or 0
        raw, extras = waiting.pop(index)
        found = [(e.path, e.message) for e in loaded.errors]
        if isinstance(raw, dict):
            found += part_errors(sec.part, extras, show_personal=show_personal)
        yield index, raw, loaded.record, found


def _dup(first: int) -> str:
    return f"编号重复，与记录 #{first} 相同 / duplicate id, same as record #{first}"


def _load_section(
    sec: _Section, items: list[Any], suspect: bool, county_code: str, show_personal: bool
) -> tuple[list[Any], list[RecordError]]:
    """The records of one section that load, and the errors naming the others. Each raw
    record is released from ``items`` once read (a large registry is not held twice)."""
    errors: list[RecordError] = []

    def clean() -> Iterator[tuple[int, Any]]:
        for index in range(1, len(items) + 1):
            raw, items[index - 1] = items[index - 1], None
            found = problems(raw) if suspect else []
            errors.extend(_error(sec, index, raw, p, m) for p, m in found)
            if not found:
                yield index, raw

    records: list[Any] = []
    for index, raw, base, found in _bases(sec, clean(), show_personal):
        record = None
        if not found:
            try:
                added = {k: raw[k] for k in sec.extras if k in raw} if sec.extras else raw
                record = sec.build(base, added, show_personal)
            except BuildError as exc:
                found = list(exc.details)
        if record is not None and county_of(record) not in (None, county_code):
            found = [("/county_code", _other_county(county_code))]
        if found:
            errors += [_error(sec, index, raw, p, masked(m, raw, show_personal)) for p, m in found]
        else:
            records.append(record)
    errors.sort(key=lambda e: (e.index or 0, e.path))
    return records, errors


def _other_county(code: str) -> str:
    return f"不属于本县 / the record is not of this registry's county ({code})"
