"""The ``jingzhun`` command line. Bad input exits with status 2 and a readable message."""

from __future__ import annotations

import argparse
import csv
import importlib
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Final, TypeVar

from jingzhun import __version__
from jingzhun.cli.manners import add_manner_options, progress, read_input, wants_progress
from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.citations import clauses
from jingzhun.core.dates import as_date
from jingzhun.core.decisions import Outcome
from jingzhun.core.errors import InputError, JingzhunError
from jingzhun.core.regions import normalize_code, province
from jingzhun.demo.sample import DECISION_DATE
from jingzhun.demo.walkthrough import walkthrough
from jingzhun.engine.batch import (
    BATCH_SCHEMA,
    FORMATS,
    Item,
    Job,
    available_cpus,
    default_jobs,
    run,
)
from jingzhun.engine.output import (
    ENCODING_ERRORS,
    WRITE_ERRNOS,
    OutputError,
    atomic_file,
    atomic_path,
    check_target,
    copy_to_stdout,
    print_errors,
    print_file_errors,
    silence_stdout,
)
from jingzhun.engine.overlays import read_overlay, with_overlays
from jingzhun.engine.reference_stream import ReferenceStream
from jingzhun.engine.signals import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    INTERRUPTED,
    TERMINATED,
    Terminated,
    say,
    sigterm_raises,
)
from jingzhun.io.decision_rows import csv_text, decision_headers
from jingzhun.io.kinds import record_kind
from jingzhun.io.records import RecordError
from jingzhun.reports import table_header
from jingzhun.reports.exports import write_xlsx
from jingzhun.rules import catalogue, commands

T = TypeVar("T")

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:
        self.print_usage(sys.stderr)
        raise InputError(f"命令行参数错误 / usage error: {message}")


def _date(text: str) -> str:
    try:
        return as_date(text).isoformat()
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    limit = available_cpus() * 4
    if not 1 <= n <= limit:
        raise argparse.ArgumentTypeError(f"{n}: expected 1 to {limit} (4 × the CPUs available)")
    return n


def _overlays(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    """``(origin, text)`` of every ``--overlay``, each file read once."""
    return tuple((str(p), read_overlay(p)) for p in (getattr(args, "overlay", None) or ()))


def _job(args: argparse.Namespace, spec: RuleSpec, context: Any) -> Job:
    overlays = _overlays(args)
    with_overlays(overlays)  # a bad overlay is reported before any work starts
    on = f"{args.year:04d}-12-31" if spec.dated_by == "year_node" else args.on
    return Job(
        rule=spec.id,
        on=on,
        fmt=args.format,
        show_personal=args.show_personal_data,
        options=tuple((o.name, bool(getattr(args, o.name))) for o in spec.options),
        overlays=overlays,
        context=context,
        lang=getattr(args, "lang", None),
        compact=bool(getattr(args, "compact", False)),
    )


def cmd_records(args: argparse.Namespace) -> int:
    """Decide every valid record, in input order; report every invalid one.

    Without ``--skip-invalid`` nothing is output if any record is invalid (results are
    spooled and discarded). With it, the valid records are decided and the invalid ones
    are listed; the exit status is then 1. A file-level problem (not JSON, no array of
    records) decides nothing, whatever ``--skip-invalid`` says: status 2.
    """
    spec: RuleSpec = args.spec
    target = Path(args.out) if args.out else None
    if args.format == "xlsx" and target is None:
        raise InputError("--format xlsx 需要 --out / --format xlsx needs --out FILE.xlsx")
    if target is not None:
        check_target(target)  # before any work
    items, file_errors, context, name = read_input(args, record_kind(spec.subject))
    if any(e.index is None for e in file_errors):
        print_file_errors(name, [e for e in file_errors if e.index is None])
        return EXIT_BAD_INPUT
    job = _job(args, spec, context)
    try:
        return _decide_and_write(spec, job, items, file_errors, target, args)
    except _DiscardError as exc:
        return exc.code


def _decide_and_write(
    spec: RuleSpec,
    job: Job,
    items: Iterator[Item],
    known: Sequence[RecordError],
    target: Path | None,
    args: argparse.Namespace,
) -> int:
    with _spool(None if args.format == "xlsx" else target) as spool:
        refs = ReferenceStream()
        total, counts, errors = _decide_into(spool, job, items, args, refs)
        errors[:0] = known
        total += len({e.index for e in known})
        if errors and not args.skip_invalid:
            print_errors(errors, sys.stderr, total)
            print(
                "未作判定；加 --skip-invalid 可对有效记录作判定 / nothing decided; "
                "use --skip-invalid to decide the valid records",
                file=sys.stderr,
            )
            raise _DiscardError(EXIT_BAD_INPUT)
        _close_output(spool, args.format, errors, refs.document() if job.compact else None)
        if args.format == "table":
            spool.write(f"\n{_summary(spec, total, counts, getattr(args, 'lang', None))}\n")
        if args.format == "xlsx" and target is not None:
            _spool_to_xlsx(spool, target)
        elif target is None:
            copy_to_stdout(spool)
    if errors:
        print_errors(errors, sys.stderr, total)
        return EXIT_SKIPPED
    return EXIT_OK


class _DiscardError(Exception):
    """Leave a command without writing its output, with this exit status."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextmanager
def _spool(target: Path | None) -> Iterator[IO[str]]:
    """Where the output is gathered: a temporary file renamed to ``target`` on success, or
    a spool copied to standard output by the caller."""
    if target is not None:
        with atomic_file(target) as handle:
            yield handle
        return
    with tempfile.SpooledTemporaryFile(
        mode="w+", max_size=32 * 2**20, encoding="utf-8", errors=ENCODING_ERRORS
    ) as spool:
        yield spool


def _decide_into(
    spool: IO[str], job: Job, items: Iterator[Item], args: argparse.Namespace, refs: ReferenceStream
) -> tuple[int, Counter[str], list[RecordError]]:
    """Decide every record into ``spool``; the record count, verdict counts and errors."""
    errors: list[RecordError] = []
    counts: Counter[str] = Counter()
    total = 0
    _open_output(spool, args.format, getattr(args, "lang", None))
    first = True
    auto = args.jobs is None
    rows = run(job, items, jobs=default_jobs() if auto else args.jobs, small_in_process=auto)
    with progress(rows, wants_progress(args)) as shown:
        for row in shown:
            total += 1
            if row.errors:
                errors.extend(row.errors)
                continue
            if errors and not args.skip_invalid:
                continue  # keep validating; nothing more will be output
            assert row.text is not None and row.outcome is not None
            counts[row.outcome] += 1
            if args.format == "json":
                refs.news(row.references)
                spool.write(("" if first else ",\n") + row.text)
            else:
                spool.write(refs.line(row.references) + row.text + "\n")
            first = False
    return total, counts, errors


def _open_output(spool: IO[str], fmt: str, lang: str | None = None) -> None:
    if fmt == "table":
        spool.write(table_header(lang) + "\n")
    elif fmt in ("csv", "xlsx"):  # CSV in UTF-8 with a BOM, so Excel shows the Chinese
        spool.write(("\ufeff" if fmt == "csv" else "") + csv_text(decision_headers()) + "\n")
    elif fmt == "json":
        spool.write(f'{{"schema": "{BATCH_SCHEMA}", "rows": [')


def _close_output(
    spool: IO[str], fmt: str, errors: Sequence[RecordError], references: dict[str, Any] | None
) -> None:
    if fmt == "json":
        tail: dict[str, Any] = {"errors": [e.to_dict() for e in errors]}
        tail |= {"references": references} if references is not None else {}
        spool.write("],\n" + json.dumps(tail, ensure_ascii=False)[1:] + "\n")


def _spool_to_xlsx(spool: IO[str], target: Path) -> None:
    """The CSV rows gathered in ``spool`` as a workbook at ``target`` (complete or not at all)."""
    spool.seek(0)
    rows: list[list[Any]] = list(csv.reader(spool))
    for row in rows[1:]:
        row[0] = int(row[0])  # the position
    with atomic_path(target) as tmp:
        write_xlsx(tmp, rows[0], rows[1:], sheet="decisions")


def _summary(spec: RuleSpec, total: int, counts: Counter[str], lang: str | None) -> str:
    labels: Any = spec.tally_labels if spec.tally_labels is not None else Outcome
    words = {"zh": ("合计", lambda x: x.zh), "en": ("total", lambda x: x.en)}
    head, name = words.get(lang or "", ("合计 total", lambda x: f"{x.zh} {x.en}"))
    return f"{head}: {total}  " + "  ".join(f"{name(x)}: {counts.get(x.value, 0)}" for x in labels)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_rules(args: argparse.Namespace) -> int:
    rules = catalogue()
    if args.json:
        from jingzhun.serve.payloads import catalogue_document

        print(json.dumps(catalogue_document(), ensure_ascii=False, indent=1))
        return EXIT_OK
    for r in rules:
        print(f"{r.id}  —  {r.title_zh} / {r.title_en}")
        print(f"    函数 function: {r.function}")
        for c in r.clauses:
            cl = next(x for x in clauses() if x.id == c)
            print(f"    条款 clause: {c}  {cl.locator}  “{_clip(cl.quote, 60)}”")
        print(f"    理由代码 reason codes: {', '.join(rc.code for rc in r.reason_codes)}")
    print(f"\n{len(rules)} rules. Clauses not implemented, with why: jingzhun rules --json")
    return EXIT_OK


def cmd_params(args: argparse.Namespace) -> int:
    region = None
    if args.province or args.region:
        region = normalize_code(args.region) if args.region else province(args.province).code
    ps = with_overlays(_overlays(args))
    if args.json:
        from jingzhun.serve.payloads import parameters_document

        print(json.dumps(parameters_document(ps, args.on, region), ensure_ascii=False, indent=1))
        return EXIT_OK
    resolved = ps.in_force(on=args.on, region=region)
    where = f"，地区 region {region}" if region else "（全国 national）"
    print(f"{args.on} 有效的参数{where} / parameters in force on {args.on}")
    for r in resolved:
        value = r.use().value
        shown = value if not (isinstance(value, str) and len(value) > 70) else value[:67] + "…"
        print(f"\n{r.name} — {r.label_zh} / {r.label_en}")
        print(
            f"    值 value: {shown} {r.unit or ''}   状态 status: {r.status}   "
            f"期间 in force: {r.period}"
        )
        print(
            f"    来源 source: {r.source.short() if r.source.locator else r.source.title}"
            + (f"  {r.source.url}" if r.source.url else "")
        )
        print(
            "    叠加层 overlay: "
            + (
                f"{r.overlay}（改变了全国值 / changes the national value）"
                if r.overlay
                else "— (national)"
            )
        )
        if r.note:
            print(f"    说明 note: {r.note}")
        for alt in r.alternatives:
            where = alt.source.short() if alt.source.locator else alt.source.title
            print(f"    其他读法 alternative: {alt.value}   状态 status: {alt.status}   {where}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """The sample county end to end (identification, adjustment, exit), via the loaders."""
    walkthrough(args.on, args.out)
    return EXIT_OK


_WHOLE_FILE_COMMANDS: Final = (
    ("sample", "add_sample_command"),  # sample
    ("audit", "add_audit_command"),  # audit
    ("responsibility", "add_duties_command"),  # duties
    ("evaluate", "add_evaluate_commands"),  # evaluate, sample-size
    ("assess", "add_assessment_commands"),  # assess, check-plan
    ("serve", "add_serve_command"),  # serve (the [serve] extra)
    ("schema", "add_schema_command"),  # schema
    ("lint", "add_lint_command"),  # lint
    ("convert", "add_convert_command"),  # convert (the [columnar] extra)
    ("batch", "add_batch_command"),  # batch identify|exit|… (the [columnar] extra)
    ("explain", "add_explain_command"),  # explain a batch row (the [columnar] extra)
)
"""Commands over whole files (not record by record), each in its own module."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="jingzhun",
        description="精准扶贫精准脱贫 rules: identification, exit, the yearly adjustment, the six "
        "precisions audit, classified support, evaluation, assessment and responsibility, "
        "with every verdict explained and cited.",
    )
    parser.add_argument("--version", action="version", version=f"jingzhun {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    demo = sub.add_parser(
        "demo", help="the sample county end to end: identification to audit and evaluation"
    )
    demo.add_argument("--on", type=_date, default=DECISION_DATE, help="decision date")
    demo.add_argument("--out", help="also write every decision as JSON Lines into this folder")
    demo.set_defaults(func=cmd_demo)
    _add_record_commands(sub)
    _add_catalogue_commands(sub)
    return parser


def _add_record_commands(sub: Any) -> None:
    """One command per rule the catalogue offers over record files (``spec.command``)."""
    groups: dict[str, list[tuple[tuple[str, ...], RuleSpec]]] = {}
    for path, spec in sorted(commands().items()):
        groups.setdefault(path[0], []).append((path, spec))
    for verb, members in groups.items():
        if len(members) == 1 and len(members[0][0]) == 1:
            spec = members[0][1]
            _record_options(sub.add_parser(verb, help=_rule_help(spec)), spec)
            continue
        nouns = " | ".join(path[1] for path, _spec in members)
        group = sub.add_parser(verb, help=f"{verb} {nouns}")
        gsub = group.add_subparsers(dest="what", required=True, parser_class=_Parser)
        for path, spec in members:
            _record_options(gsub.add_parser(path[1], help=_rule_help(spec)), spec)


def _rule_help(spec: RuleSpec) -> str:
    return f"{spec.title_en} ({spec.id})".replace("%", "%%")  # argparse formats help with %


def _record_options(p: argparse.ArgumentParser, spec: RuleSpec) -> None:
    kind = record_kind(spec.subject)
    p.add_argument(
        "file",
        help=f"{kind.noun_en} ({kind.noun_zh}): .json (array, or an object with a "
        f"'{kind.key}' array) or .jsonl (one per line); - reads standard input",
    )
    if spec.dated_by == "year_node":
        p.add_argument("--year", type=int, required=True, help="the year (node: 31 December)")
    else:
        p.add_argument("--on", type=_date, required=True, help="decision date, YYYY-MM-DD")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--compact", action="store_true", help="json/jsonl: ids for citations and "
                   "parameter uses, their tables written once (docs/contract.md)")  # fmt: skip
    flags = (
        ("--skip-invalid", "decide the valid records even if some are invalid (exit status 1)"),
        ("--show-personal-data", "do not mask names and ID numbers in error messages"),
    )
    for flag, text in flags:
        p.add_argument(flag, action="store_true", help=text)
    p.add_argument(
        "--jobs",
        type=_jobs,
        help="worker processes (default: 1 on up to 2 CPUs, else the CPUs available, at "
        "most 8, in-process for up to 3,200 records; 1 = in-process)",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write the output to FILE (complete, or not at all; an existing FILE is "
        "replaced only on success)",
    )
    p.add_argument(
        "--overlay",
        action="append",
        metavar="TOML",
        help="an extra parameter overlay file (may be repeated)",
    )
    for option in spec.options:
        p.add_argument(f"--{option.name.replace('_', '-')}", action="store_true", help=option.help)
    add_manner_options(p)
    p.set_defaults(func=cmd_records, spec=spec)


def _add_catalogue_commands(sub: Any) -> None:
    rules = sub.add_parser("rules", help="the rule catalogue with clause ids and citations")
    rules.add_argument("--json", action="store_true")
    rules.set_defaults(func=cmd_rules)
    params = sub.add_parser("params", help="parameter values in force, with their sources")
    params.add_argument("--on", type=_date, required=True)
    params.add_argument("--province", help="province code or name (e.g. 52 or 贵州)")
    params.add_argument("--region", help="any division code (overlays of its ancestors apply)")
    params.add_argument("--json", action="store_true")
    params.add_argument("--overlay", action="append", metavar="TOML")
    params.set_defaults(func=cmd_params)
    for module, adder in _WHOLE_FILE_COMMANDS:  # they import this module's helpers: late
        getattr(importlib.import_module(f"jingzhun.cli.{module}"), adder)(sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0, 1, 2, 130 on SIGINT, 143 on SIGTERM)."""
    with sigterm_raises():
        try:
            return _main(argv)
        except KeyboardInterrupt:
            say(INTERRUPTED)
            return EXIT_INTERRUPTED
        except Terminated:
            say(TERMINATED)
            return EXIT_TERMINATED


def error_line(exc: Exception) -> str:
    """The error as the command line prints it: ``[JZ-CODE] message`` (a ``ValueError`` that
    is not a :class:`JingzhunError` is bad input too: ``JZ-INPUT``)."""
    code = exc.code if isinstance(exc, JingzhunError) else InputError.code
    return f"[{code}] {exc}"


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        code: int = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        silence_stdout()
        return EXIT_OK
    except (JingzhunError, ValueError) as exc:
        say(error_line(exc))
        return EXIT_BAD_INPUT
    except MemoryError:
        say("内存不足 / out of memory")
        return EXIT_BAD_INPUT
    except OSError as exc:
        if exc.filename is None and exc.errno in WRITE_ERRNOS:
            silence_stdout()
            say(error_line(OutputError("标准输出 standard output", exc.strerror or "")))
        else:
            where = f"{exc.filename}: " if exc.filename else ""
            say(f"{where}{exc.strerror or exc}")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
