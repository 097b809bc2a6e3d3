"""Deciding a whole file of records: streamed, in input order, on several processes.

The parent reads the file (JSON Lines are passed on as raw lines), worker processes parse,
validate, convert, decide and render each chunk, and the parent puts the rows back in
input order and checks duplicate ids across the whole file. With ``jobs=1`` the same code
runs in-process. This is the loader layer: it only composes the pure rules.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.decisions import Decision
from jingzhun.core.errors import InputError
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import VillageCase
from jingzhun.io.converters import (
    county_case_from_dict,
    household_from_dict,
    registry_entry_from_dict,
    village_from_dict,
)
from jingzhun.io.formats import (
    default_reference,
    is_jsonl,
    jsonl_lines,
    parse_json_line,
    read_text,
    split_records,
)
from jingzhun.io.records import RecordError, duplicate_error, iter_records
from jingzhun.reports import table_row
from jingzhun.rules.consistency.household_record import check_household_record
from jingzhun.rules.dynamic.adjustment import adjust_entry
from jingzhun.rules.exit.county import county_exit
from jingzhun.rules.exit.household import household_exit
from jingzhun.rules.exit.village import village_exit
from jingzhun.rules.identification.household import identify_household
from jingzhun.rules.identification.village import identify_village

KINDS: Final = (
    "identify_households",
    "identify_villages",
    "check_households",
    "exit_households",
    "exit_villages",
    "exit_counties",
    "adjust",
)
# kind → (JSON Schema, id field); the converter and the decision follow from the kind.
_SCHEMAS: Final = {
    "identify_households": ("household.schema.json", "household_id"),
    "check_households": ("household.schema.json", "household_id"),
    "exit_households": ("household.schema.json", "household_id"),
    "adjust": ("household.schema.json", "household_id"),
    "identify_villages": ("village.schema.json", "village_id"),
    "exit_villages": ("village.schema.json", "village_id"),
    "exit_counties": ("county_exit.schema.json", "county_code"),
}
CHUNK: Final = 400


@attrs.frozen(kw_only=True)
class Job:
    """What to do with every record of a file."""

    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    on: str
    fmt: str = attrs.field(validator=attrs.validators.in_(("table", "json", "jsonl")))
    show_personal: bool = False
    require_card: bool = False
    overlays: tuple[tuple[str, str], ...] = ()
    default_reference: Mapping[str, Any] | None = None
    year: int | None = None

    @property
    def schema(self) -> str:
        return _SCHEMAS[self.kind][0]

    @property
    def id_field(self) -> str:
        return _SCHEMAS[self.kind][1]


@attrs.frozen(kw_only=True)
class Row:
    """One record's result: its errors, or its decision's outcome and rendered text."""

    index: int
    line: int | None
    record_id: str | None
    errors: tuple[RecordError, ...]
    outcome: str | None = None
    text: str | None = None


Item = tuple[int, int | None, Any, bool]  # index, line, raw value or raw text, is_text


_PARAMS: dict[int, tuple[Job, ParameterSet]] = {}


def _params(job: Job) -> ParameterSet:
    hit = _PARAMS.get(id(job))
    if hit is not None and hit[0] is job:
        return hit[1]
    ps = ParameterSet.bundled()
    for origin, text in job.overlays:
        ps = ps.with_overlay_text(text, origin=origin)
    _PARAMS.clear()
    _PARAMS[id(job)] = (job, ps)
    return ps


def _render(job: Job, index: int, decision: Decision, extra: Mapping[str, Any]) -> str:
    if job.fmt == "table":
        return table_row(index, decision, extra.get("action_zh"))
    tail = "".join(
        f", {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in extra.items()
    )
    return f'{decision.to_json()[:-1]}, "position": {index}{tail}}}'


def _convert(job: Job) -> Callable[[Mapping[str, Any]], Any]:
    if job.kind in ("identify_villages", "exit_villages"):
        default = job.default_reference
        return lambda raw: village_from_dict(raw, default)
    if job.kind == "exit_counties":
        return county_case_from_dict
    if job.kind == "adjust":
        return registry_entry_from_dict
    return household_from_dict


def process_chunk(job: Job, items: list[Item]) -> list[Row]:
    """Parse, validate, convert, decide and render one chunk (duplicates are not checked)."""
    ps = _params(job)
    rows: list[Row] = []
    parsed: list[tuple[int, int | None, Any]] = []
    for index, line, raw, is_text in items:
        if is_text:
            raw = parse_json_line(index, line, raw)
            if isinstance(raw, RecordError):
                rows.append(Row(index=index, line=line, record_id=None, errors=(raw,)))
                continue
        parsed.append((index, line, raw))
    loaded = iter_records(
        parsed,
        schema=job.schema,
        id_field=job.id_field,
        convert=_convert(job),
        show_personal=job.show_personal,
        dedupe=False,
    )
    lines = {index: line for index, line, _raw in parsed}
    ids = {
        index: raw.get(job.id_field) if isinstance(raw, dict) else None
        for index, _line, raw in parsed
    }
    for item in loaded:
        assert item.index is not None
        rid = ids.get(item.index)
        rid = rid if isinstance(rid, str) else None
        line = lines.get(item.index)
        if item.errors or item.record is None:
            rows.append(Row(index=item.index, line=line, record_id=rid, errors=item.errors))
            continue
        decision, extra = _decide(job, ps, item.record)
        rows.append(
            Row(
                index=item.index,
                line=line,
                record_id=rid,
                errors=(),
                outcome=extra.get("action", decision.outcome.value),
                text=_render(job, item.index, decision, extra),
            )
        )
    rows.sort(key=lambda r: r.index)
    return rows


def _decide(job: Job, ps: ParameterSet, record: Any) -> tuple[Decision, dict[str, Any]]:
    if job.kind == "identify_households":
        return identify_household(record, on=job.on, params=ps), {}
    if job.kind == "check_households":
        return check_household_record(record, on=job.on, require_card=job.require_card), {}
    if job.kind == "exit_households":
        return household_exit(record, on=job.on, params=ps), {}
    if job.kind == "exit_counties":
        return county_exit(record, on=job.on, params=ps), {}
    if job.kind == "adjust":
        assert job.year is not None
        adj = adjust_entry(record, year=job.year, params=ps)
        return adj.decision, {
            "action": adj.action.value,
            "action_zh": adj.action.zh,
            "status_before": adj.before.status.value,
            "status_after": adj.after.status.value,
            "history": [
                {"on": c.on.isoformat(), "status": c.status.value, "action": c.action}
                for c in adj.after.history
            ],
        }
    assert isinstance(record, VillageCase)
    if job.kind == "exit_villages":
        return village_exit(record.village, on=job.on, params=ps), {}
    if record.reference is None:
        raise InputError(
            f"村 {record.village.village_id} 缺少参照区域 / no reference area: "
            "give a top-level 'reference' or one per village"
        )
    return identify_village(record.village, reference=record.reference, on=job.on, params=ps), {}


def read_items(path: Path, key: str) -> tuple[Iterator[Item], list[RecordError], Any]:
    """The raw records of a file and its file-level errors (JSON Lines stay unparsed text)."""
    if is_jsonl(path):
        lines = ((i, n, text, True) for i, n, text in jsonl_lines(path))
        return lines, [], None
    text, _ = read_text(path)
    items, errors, _meta = split_records(text, str(path), key, jsonl=False)
    reference = default_reference(text) if key == "villages" else None
    return ((i, line, raw, False) for i, line, raw in items), errors, reference


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    while chunk := list(islice(items, CHUNK)):
        yield chunk


_JOB: Job | None = None


def _init_worker(job: Job) -> None:
    global _JOB
    _JOB = job


def _work(items: list[Item]) -> list[Row]:
    assert _JOB is not None
    return process_chunk(_JOB, items)


def default_jobs() -> int:
    return max(
        1,
        min(
            len(os.sched_getaffinity(0))
            if hasattr(os, "sched_getaffinity")
            else (os.cpu_count() or 1),
            8,
        ),
    )


def run(job: Job, items: Iterator[Item], *, jobs: int = 1) -> Iterator[Row]:
    """Rows for every record, in input order, with duplicate ids flagged across the file."""
    id_field = job.id_field
    seen: dict[str, int] = {}
    if jobs <= 1:
        batches: Iterator[list[Row]] = (process_chunk(job, c) for c in _chunks(items))
        yield from _dedupe(batches, seen, id_field)
        return
    ctx = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    )
    with ctx.Pool(jobs, initializer=_init_worker, initargs=(job,)) as pool:
        yield from _dedupe(pool.imap(_work, _chunks(items)), seen, id_field)


def _dedupe(batches: Iterable[list[Row]], seen: dict[str, int], id_field: str) -> Iterator[Row]:
    for batch in batches:
        for row in batch:
            rid = row.record_id
            if rid is None:
                yield row
            elif rid in seen:
                dup = duplicate_error(row.index, rid, row.line, id_field, seen[rid])
                yield Row(
                    index=row.index,
                    line=row.line,
                    record_id=rid,
                    errors=tuple(sorted((*row.errors, dup), key=lambda e: e.path)),
                )
            else:
                seen[rid] = row.index
                yield row
