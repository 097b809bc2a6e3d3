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
import queue
import signal
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping
from itertools import chain, islice
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.decisions import Decision
from jingzhun.core.errors import JingzhunError
from jingzhun.core.labels import Labelled
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.references import References
from jingzhun.engine.overlays import with_overlays
from jingzhun.engine.signals import HELD, signals_held
from jingzhun.io.decision_rows import csv_text, decision_cells
from jingzhun.io.formats import (
    default_reference,
    is_jsonl,
    jsonl_lines,
    parse_json_line,
    read_text,
    split_records,
)
from jingzhun.io.kinds import RecordKind, record_kind
from jingzhun.io.records import (
    RecordError,
    duplicate_error,
    iter_records,
)
from jingzhun.io.tables import table_row
from jingzhun.rules import rule

CHUNK: Final = 400
FORMATS: Final = ("table", "json", "jsonl", "csv", "xlsx")
"""``xlsx`` rows are rendered as CSV lines; the command line turns them into a workbook."""

ROW_SCHEMA: Final = "urn:jingzhun:schema:decision-row:1"
"""A ``json``/``jsonl`` row: ``{"schema", "position", "decision", "details"}`` — the decision's
own JSON unchanged (its schema is the decision schema), the record's 1-based position in the
input, and the rule's extra fields (``{}`` when the rule has none)."""
BATCH_SCHEMA: Final = "urn:jingzhun:schema:decision-batch:1"
"""The ``json`` document: ``{"schema", "rows": [row, …], "errors": [record error, …]}``."""


@attrs.frozen(kw_only=True)
class Job:
    """What to do with every record of a file: which rule, on which date, how to render."""

    rule: str
    on: str
    fmt: str = attrs.field(validator=attrs.validators.in_(FORMATS))
    show_personal: bool = False
    options: tuple[tuple[str, bool], ...] = ()
    overlays: tuple[tuple[str, str], ...] = ()
    context: Mapping[str, Any] | None = None
    lang: str | None = None  # the table's language: None (bilingual headings), "zh", "en"
    compact: bool = False  # json/jsonl: decisions in the compact form, references written once

    @property
    def spec(self) -> RuleSpec:
        return rule(self.rule)

    @property
    def kind(self) -> RecordKind:
        return record_kind(self.spec.subject)


@attrs.frozen(kw_only=True)
class Row:
    """One record's result: its errors, or its decision's verdict and rendered text."""

    index: int
    line: int | None
    record_id: str | None
    errors: tuple[RecordError, ...]
    outcome: str | None = None
    text: str | None = None
    references: Mapping[str, Any] | None = None  # the chunk's tables (compact output only)


Item = tuple[int, int | None, Any, bool]  # index, line, raw value or raw text, is_text


_PARAMS: dict[int, tuple[Job, ParameterSet]] = {}


def _params(job: Job) -> ParameterSet:
    hit = _PARAMS.get(id(job))
    if hit is not None and hit[0] is job:
        return hit[1]
    ps = with_overlays(job.overlays)
    _PARAMS.clear()
    _PARAMS[id(job)] = (job, ps)
    return ps


def verdict(spec: RuleSpec, decision: Decision) -> Labelled:
    """What a row counts as in the summary: the rule's tally (e.g. an action), or the outcome."""
    if spec.tally is not None:
        label: Labelled = spec.tally(decision)
        return label
    return decision.outcome


def _render(job: Job, index: int, decision: Decision, extra: Mapping[str, Any]) -> str:
    if job.fmt == "table":
        label = verdict(job.spec, decision)
        shown = None if label is decision.outcome else label.en if job.lang == "en" else label.zh
        return table_row(index, decision, shown, job.lang)
    if job.fmt in ("csv", "xlsx"):
        return csv_text(decision_cells(decision, index, show_personal=job.show_personal))
    details = json.dumps(extra, ensure_ascii=False) if extra else "{}"
    return (
        f'{{"schema": "{ROW_SCHEMA}", "position": {index}, '
        f'"decision": {decision.to_json(compact=job.compact)}, "details": {details}}}'
    )


def process_chunk(job: Job, items: list[Item]) -> list[Row]:
    """Parse, validate, convert, decide and render one chunk (duplicates are not checked)."""
    spec, kind, ps = job.spec, job.kind, _params(job)
    options = dict(job.options)
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
        schema=kind.schema,
        id_field=kind.id_field,
        convert=lambda raw: kind.convert(raw, job.context),
        show_personal=job.show_personal,
        dedupe=False,
    )
    lines = {index: line for index, line, _raw in parsed}
    compact = job.compact and job.fmt in ("json", "jsonl")
    refs: References | None = References() if compact else None
    tables: dict[str, Any] | None = {} if compact else None
    ids = {
        index: raw.get(kind.id_field) if isinstance(raw, dict) else None
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
        decision = spec.apply(item.record, on=job.on, params=ps, options=options)
        extra = spec.details(item.record, decision) if spec.details is not None else {}
        if refs is not None:
            refs.add(decision)
        rows.append(
            Row(
                index=item.index,
                line=line,
                record_id=rid,
                errors=(),
                outcome=verdict(spec, decision).value,
                text=_render(job, item.index, decision, extra),
                references=tables,
            )
        )
    if refs is not None and tables is not None:
        tables.update(refs.to_dict())  # one dict shared by the chunk's rows: pickled once
    rows.sort(key=lambda r: r.index)
    return rows


def read_items(
    path: Path, kind: RecordKind, *, jsonl: bool | None = None
) -> tuple[Iterator[Item], list[RecordError], Mapping[str, Any] | None]:
    """The raw records of a file, its file-level errors and its file-level context (a
    village file's top-level ``reference``); JSON Lines (by the suffix, or ``jsonl``) stay
    unparsed text."""
    if is_jsonl(path) if jsonl is None else jsonl:
        lines = ((i, n, text, True) for i, n, text in jsonl_lines(path))
        return lines, [], None
    text, _ = read_text(path)
    items, errors, _meta = split_records(text, str(path), kind.key, jsonl=False)
    context = default_reference(text) if kind.reads_reference else None
    return ((i, line, raw, False) for i, line, raw in items), errors, context


def _chunks(items: Iterator[Item]) -> Iterator[list[Item]]:
    while chunk := list(islice(items, CHUNK)):
        yield chunk


def default_jobs() -> int:
    """The default ``--jobs``: in-process on 1 or 2 CPUs, else one worker per CPU, at most 8;
    a small file is decided in-process anyway (:data:`SMALL_FILE_CHUNKS`).

    On 2 CPUs the parent and two workers share two cores: the sample county took 0.67 s
    in-process and 0.78 s with ``--jobs 2`` (medians of 9), and 50,000 households gained
    nothing reliable (15.5–26 s either way on a loaded machine)."""
    cpus = available_cpus()
    return 1 if cpus <= 2 else min(cpus, 8)


SMALL_FILE_CHUNKS: Final = 8
"""With the default ``--jobs``, a file of at most this many chunks (3,200 records) is decided
in-process: starting workers costs more than they save there."""


def available_cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def run(
    job: Job, items: Iterator[Item], *, jobs: int = 1, small_in_process: bool = False
) -> Generator[Row, None, None]:
    """Rows for every record, in input order, with duplicate ids flagged across the file.

    With ``jobs > 1`` the chunks are decided by worker processes that ignore SIGINT; when
    the caller stops early (an exception such as ``KeyboardInterrupt``, or closing the
    generator), every worker is terminated and joined before the exception goes on. With
    ``small_in_process``, a file of at most :data:`SMALL_FILE_CHUNKS` chunks is decided
    in-process whatever ``jobs`` says.
    """
    id_field = job.kind.id_field
    seen: dict[str, int] = {}
    chunks = _chunks(items)
    if jobs > 1 and small_in_process:
        head = list(islice(chunks, SMALL_FILE_CHUNKS + 1))
        jobs = 1 if len(head) <= SMALL_FILE_CHUNKS else jobs
        chunks = chain(head, chunks)
    if jobs <= 1:
        batches: Iterator[list[Row]] = (process_chunk(job, c) for c in chunks)
        yield from _dedupe(batches, seen, id_field)
        return
    workers = _Workers()
    try:
        workers.start(job, jobs)
        yield from _dedupe(workers.map(chunks), seen, id_field)
    finally:
        workers.stop()


def _worker_main(
    job: Job, tasks: Any, results: Connection, parent: int, inherited: list[Connection]
) -> None:
    """A worker process: decide chunks until the ``None`` sentinel; the parent handles SIGINT.

    It closes the parent's ends of the result pipes it inherited, so that if the parent dies
    (even by SIGKILL) a reply fails instead of blocking, and it stops waiting for tasks once
    its parent is gone: no worker outlives the command."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)
    for conn in inherited:
        conn.close()
    while (chunk := _next_task(tasks, parent)) is not None:
        try:
            reply: tuple[bool, Any] = (True, process_chunk(job, chunk))
        except Exception as exc:  # re-raised in the parent
            reply = (False, exc)
        if not _reply(results, reply):
            return


def _next_task(tasks: Any, parent: int) -> list[Item] | None:
    """The next chunk, or None at the sentinel or once the parent is gone — checked after every
    wait and before every chunk, so chunks still queued for a killed parent are not worked."""
    while True:
        try:
            chunk: list[Item] | None = tasks.get(timeout=1.0)
        except queue.Empty:
            chunk, waited = None, True
        else:
            waited = False
        if os.getppid() != parent:
            return None
        if not waited:
            return chunk


def _reply(results: Connection, reply: tuple[bool, Any]) -> bool:
    """Send a reply; False if the parent is gone."""
    try:
        results.send(reply)
    except OSError:
        return False
    except Exception:  # an exception that does not pickle
        try:
            results.send((False, RuntimeError(repr(reply[1]))))
        except OSError:
            return False
    return True


class WorkerError(JingzhunError):
    """A worker process died (killed, out of memory) before returning its chunk."""

    code = "JZ-WORKER"


class _Workers:
    """Worker processes fed round-robin, at most two chunks ahead each, read back in order.

    Not :class:`multiprocessing.pool.Pool`: its ``terminate`` can deadlock when a worker
    waits for a task while holding the queue's lock, which is how interrupted runs hung.
    """

    def __init__(self) -> None:
        self.tasks: list[Any] = []
        self.results: list[Connection] = []
        self.procs: list[Any] = []

    def start(self, job: Job, jobs: int) -> None:
        ctx: Any = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        )
        for _ in range(jobs):
            tasks = ctx.Queue()
            tasks.cancel_join_thread()  # never wait on a feeder thread at exit
            reader, writer = ctx.Pipe(duplex=False)
            self.tasks.append(tasks)
            self.results.append(reader)
            args = (job, tasks, writer, os.getpid(), list(self.results))
            proc = ctx.Process(target=_worker_main, args=args, daemon=True)
            self.procs.append(proc)
            with signals_held():  # the child starts with them blocked, then ignores SIGINT
                proc.start()
            writer.close()

    def map(self, chunks: Iterator[list[Item]]) -> Iterator[list[Row]]:
        n = len(self.procs)
        pending: deque[int] = deque()
        sent = 0
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * n:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                    break
                self.tasks[sent % n].put(chunk)
                pending.append(sent % n)
                sent += 1
            if not pending:
                return
            yield self._receive(pending.popleft())

    def _receive(self, w: int) -> list[Row]:
        conn, proc = self.results[w], self.procs[w]
        wait([conn, proc.sentinel])
        try:
            ok, value = conn.recv()
        except (EOFError, OSError):  # nothing, or a message cut short
            proc.join(1)
            raise WorkerError(
                f"工作进程意外退出 / a worker process exited unexpectedly "
                f"(status {proc.exitcode}); try --jobs 1"
            ) from None
        if not ok:
            raise value
        rows: list[Row] = value
        return rows

    def stop(self) -> None:
        """Terminate and join every worker (signals held off meanwhile); idempotent."""
        with signals_held():
            for proc in self.procs:
                if proc.is_alive():
                    proc.terminate()
            for proc in self.procs:
                proc.join(2)
                if proc.is_alive():
                    proc.kill()
                    proc.join()
            for tasks, conn in zip(self.tasks, self.results, strict=True):
                tasks.close()
                conn.close()
            self.procs, self.tasks, self.results = [], [], []


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
