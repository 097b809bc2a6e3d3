"""Reading household, village, county and registry records: validate, convert, report.

A file is JSON (an array of records, or an object with a ``households`` / ``villages``
array) or JSON Lines (``.jsonl``, one record per line). Every record is validated against
the project's JSON Schema and converted to domain objects; every problem is reported with
the record's position, its id and the JSON path. No record is dropped silently: each one
is either in ``LoadResult.records`` or named by at least one error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from jingzhun.domain.cases import VillageCase
from jingzhun.domain.classification import PlanCase
from jingzhun.domain.model import (
    CountyExitCase,
    Household,
)
from jingzhun.domain.registry import RegistryEntry
from jingzhun.io.converters import (
    county_case_from_dict,
    household_from_dict,
    registry_entry_from_dict,
    village_from_dict,
)
from jingzhun.io.formats import (
    check_readable,
    default_reference,
    is_jsonl,
    jsonl_lines,
    parse_json_line,
    read_text,
    split_records,
)
from jingzhun.io.plan_cases import plan_case_from_dict
from jingzhun.io.records import Loaded, LoadResult, RecordError, iter_records

T = TypeVar("T")


def _load(
    text: str,
    *,
    source: str,
    key: str,
    schema: str,
    jsonl: bool,
    id_field: str,
    convert: Callable[[Mapping[str, Any]], T],
    show_personal: bool = False,
) -> LoadResult[T]:
    items, errors, _meta = split_records(text, source, key, jsonl)
    records: list[T] = []
    positions: list[int] = []
    total = len(items) + sum(1 for e in errors if e.index is not None)
    for loaded in iter_records(
        items, schema=schema, id_field=id_field, convert=convert, show_personal=show_personal
    ):
        if loaded.record is not None and loaded.index is not None:
            records.append(loaded.record)
            positions.append(loaded.index)
        errors += loaded.errors
    errors.sort(key=lambda e: (e.index or 0, e.path))
    return LoadResult(
        source=source,
        total=total,
        records=tuple(records),
        positions=tuple(positions),
        errors=tuple(errors),
    )


def load_households_text(
    text: str, *, source: str = "<text>", jsonl: bool = False, show_personal: bool = False
) -> LoadResult[Household]:
    """Load household records from JSON (or JSON Lines) text."""
    return _load(
        text,
        source=source,
        key="households",
        schema="household.schema.json",
        jsonl=jsonl,
        id_field="household_id",
        convert=household_from_dict,
        show_personal=show_personal,
    )


def load_registry_text(
    text: str, *, source: str = "<text>", jsonl: bool = False, show_personal: bool = False
) -> LoadResult[RegistryEntry]:
    """Load registry entries: household records with ``registry_status`` and ``history``."""
    return _load(
        text,
        source=source,
        key="households",
        schema="household.schema.json",
        jsonl=jsonl,
        id_field="household_id",
        convert=registry_entry_from_dict,
        show_personal=show_personal,
    )


def load_county_cases_text(
    text: str, *, source: str = "<text>", jsonl: bool = False
) -> LoadResult[CountyExitCase]:
    """Load county exit cases (``{"counties": [...]}``, an array, or JSON Lines)."""
    return _load(
        text,
        source=source,
        key="counties",
        schema="county_exit.schema.json",
        jsonl=jsonl,
        id_field="county_code",
        convert=county_case_from_dict,
    )


def load_plan_cases_text(
    text: str, *, source: str = "<text>", jsonl: bool = False, show_personal: bool = False
) -> LoadResult[PlanCase]:
    """Load plan cases (household records with ``plan`` and ``living_area``; ``jingzhun plan``)."""
    return _load(
        text,
        source=source,
        key="households",
        schema="plan_case.schema.json",
        jsonl=jsonl,
        id_field="household_id",
        convert=plan_case_from_dict,
        show_personal=show_personal,
    )


def load_villages_text(
    text: str, *, source: str = "<text>", jsonl: bool = False, show_personal: bool = False
) -> LoadResult[VillageCase]:
    """Load village records; a top-level ``reference`` applies to villages without their own."""
    default = None if jsonl else default_reference(text)
    return _load(
        text,
        source=source,
        key="villages",
        schema="village.schema.json",
        jsonl=jsonl,
        id_field="village_id",
        convert=lambda raw: village_from_dict(raw, default),
        show_personal=show_personal,
    )


def load_households(path: str | Path, *, show_personal: bool = False) -> LoadResult[Household]:
    """Load a household file (``.json`` or ``.jsonl``)."""
    p = Path(path)
    text, jsonl = read_text(p)
    return load_households_text(text, source=str(p), jsonl=jsonl, show_personal=show_personal)


def load_villages(path: str | Path, *, show_personal: bool = False) -> LoadResult[VillageCase]:
    """Load a village file (``.json`` or ``.jsonl``)."""
    p = Path(path)
    text, jsonl = read_text(p)
    return load_villages_text(text, source=str(p), jsonl=jsonl, show_personal=show_personal)


def stream_households(
    path: str | Path, *, show_personal: bool = False
) -> tuple[Iterator[Loaded[Household]], list[RecordError]]:
    """Stream a household file record by record (JSON Lines files are never held whole).

    Returns the record stream and the file-level errors found before streaming began.
    """
    return _stream(
        Path(path),
        key="households",
        schema="household.schema.json",
        id_field="household_id",
        convert=household_from_dict,
        show_personal=show_personal,
    )


def stream_villages(
    path: str | Path, *, show_personal: bool = False
) -> tuple[Iterator[Loaded[VillageCase]], list[RecordError]]:
    p = Path(path)
    default = None if is_jsonl(p) else default_reference(read_text(p)[0])
    return _stream(
        p,
        key="villages",
        schema="village.schema.json",
        id_field="village_id",
        convert=lambda raw: village_from_dict(raw, default),
        show_personal=show_personal,
    )


def _stream(
    path: Path,
    *,
    key: str,
    schema: str,
    id_field: str,
    convert: Callable[[Mapping[str, Any]], T],
    show_personal: bool,
) -> tuple[Iterator[Loaded[T]], list[RecordError]]:
    if not is_jsonl(path):
        text, _ = read_text(path)
        items, errors, _meta = split_records(text, str(path), key, jsonl=False)
        return iter_records(
            items, schema=schema, id_field=id_field, convert=convert, show_personal=show_personal
        ), errors
    check_readable(path)  # a missing file fails now, not on the first read of the stream
    parsed: Iterator[tuple[int, int | None, Any]] = (
        (index, lineno, parse_json_line(index, lineno, text))
        for index, lineno, text in jsonl_lines(path)
    )
    return _validate_stream(
        parsed, schema=schema, id_field=id_field, convert=convert, show_personal=show_personal
    ), []


def _validate_stream(
    items: Iterable[tuple[int, int | None, Any]],
    *,
    schema: str,
    id_field: str,
    convert: Callable[[Mapping[str, Any]], T],
    show_personal: bool,
) -> Iterator[Loaded[T]]:
    """Like :func:`iter_records`, passing on lines that were not JSON as record errors."""
    pending: list[RecordError] = []

    def only_json() -> Iterator[tuple[int, int | None, Any]]:
        for item in items:
            if isinstance(item[2], RecordError):
                pending.append(item[2])
            else:
                yield item

    for loaded in iter_records(
        only_json(), schema=schema, id_field=id_field, convert=convert, show_personal=show_personal
    ):
        while pending and (pending[0].index or 0) < (loaded.index or 0):
            bad = pending.pop(0)
            yield Loaded(index=bad.index, record=None, errors=(bad,))
        yield loaded
    for bad in pending:
        yield Loaded(index=bad.index, record=None, errors=(bad,))
