"""One decision request, read as strictly as a record file, with no web framework.

A request body is one JSON object: ``{"on": "YYYY-MM-DD", "record": {...}}`` (a rule dated by
year takes ``"year": 2018`` instead of ``"on"``), or ``"records": [...]`` for several records
decided in one call (all or nothing, as the command line without ``--skip-invalid``), with the
rule's yes/no ``"options"`` and, for village rules, a default ``"reference"`` area. The body
is parsed by :func:`jingzhun.io.formats.parse_json` (duplicate keys, ``NaN``, lone surrogates
refused) and each record is validated and converted by the loaders' own
:func:`~jingzhun.io.records.iter_records` against its JSON Schema. Every problem is a
:class:`~jingzhun.io.records.RecordError`: ``index`` is the record's position (1 for
``record``), ``None`` for the envelope (``/on``, ``/options/...``); personal data is masked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.dates import as_date
from jingzhun.core.errors import InputError, JingzhunError
from jingzhun.core.parameters import ParameterSet
from jingzhun.io.formats import JsonSyntaxError, parse_json, problems
from jingzhun.io.kinds import RecordKind, record_kind
from jingzhun.io.records import RecordError, excerpt, iter_records

MAX_RECORDS: Final = 1000
"""At most this many records in one ``records`` array."""


class RejectedRequestError(JingzhunError):
    """A request refused: the HTTP status and every error found.

    ``code`` is ``JZ-REQUEST`` for a request that is not JSON, too large or does not follow
    the request schema, ``JZ-INPUT`` for records that do not load, and the library error's
    own code when the rule could not decide (``JZ-NO-VALUE-IN-FORCE``, …).
    """

    code = "JZ-REQUEST"

    def __init__(self, status: int, errors: list[RecordError], code: str | None = None) -> None:
        super().__init__(status, errors)
        self.status = status
        self.errors = errors
        if code is not None:
            self.code = code  # type: ignore[misc]

    def __str__(self) -> str:
        n = len(self.errors)
        return f"{n} 处错误 / {n} error(s)"

    def fields(self) -> dict[str, Any]:
        return {"errors": [e.to_dict() for e in self.errors]}

    def body(self) -> dict[str, Any]:
        """The response body: ``{"code", "message", "errors"}`` (the ``errors`` schema)."""
        return self.to_dict()


def envelope_error(path: str, message: str) -> RecordError:
    """An error of the request itself (not of one record)."""
    return RecordError(index=None, record_id=None, path=path, message=message)


def parse_body(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object (400 if it is not JSON, 422 if not an object)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"请求体不是UTF-8 / the body is not UTF-8 (byte {exc.start})"
        raise RejectedRequestError(400, [envelope_error("/", message)]) from None
    try:
        value, suspect = parse_json(text)
    except JsonSyntaxError as exc:
        message = f"请求体不是有效的JSON / the body is not valid JSON: {exc.where(lines=True)}"
        raise RejectedRequestError(400, [envelope_error("/", message)]) from None
    if not isinstance(value, dict):
        message = f"应为JSON对象 / expected a JSON object, got {excerpt(value)}"
        raise RejectedRequestError(422, [envelope_error("/", message)])
    found = problems(value) if suspect else []
    if found:
        raise RejectedRequestError(422, [envelope_error(p, m) for p, m in found])
    return value


@attrs.frozen(kw_only=True)
class DecisionRequest:
    """A request read and checked: the date, the options, the records converted."""

    on: str
    options: Mapping[str, bool]
    records: tuple[Any, ...]
    single: bool


def envelope_keys(spec: RuleSpec) -> tuple[str, ...]:
    """The keys a request to ``spec`` may hold."""
    date_key = "year" if spec.dated_by == "year_node" else "on"
    reference = ("reference",) if record_kind(spec.subject).reads_reference else ()
    return (date_key, "record", "records", "options", *reference)


def read_request(spec: RuleSpec, body: Mapping[str, Any], show_personal: bool) -> DecisionRequest:
    """Check the envelope and load every record; :class:`RejectedRequestError` (422) with every
    error found if anything is wrong."""
    kind = record_kind(spec.subject)
    errors = [
        envelope_error(f"/{k}", f"未知字段 / unknown field {k!r}")
        for k in body
        if k not in envelope_keys(spec)
    ]
    on = _date(spec, body, errors)
    options = _options(spec, body.get("options", {}), errors)
    raws, single = _raw_records(body, errors)
    context = body.get("reference")
    if context is not None and not isinstance(context, dict):
        errors.append(envelope_error("/reference", "应为对象 / expected an object"))
        context = None
    records = _load(kind, raws, context, show_personal)
    if isinstance(records, list):
        errors += records
    if errors or not isinstance(records, tuple):
        records_only = all(e.index is not None for e in errors)
        raise RejectedRequestError(422, errors, InputError.code if records_only else None)
    assert on is not None
    return DecisionRequest(on=on, options=options, records=records, single=single)


def _date(spec: RuleSpec, body: Mapping[str, Any], errors: list[RecordError]) -> str | None:
    if spec.dated_by == "year_node":
        year = body.get("year")
        if isinstance(year, int) and not isinstance(year, bool) and 1949 <= year <= 2100:
            return f"{year:04d}-12-31"
        message = f"应为年份（整数）/ expected a year (an integer), got {excerpt(year)}"
        errors.append(envelope_error("/year", message if "year" in body else "缺少 / missing"))
        return None
    value = body.get("on")
    if isinstance(value, str):
        try:
            return as_date(value).isoformat()
        except (ValueError, JingzhunError):
            pass
    message = f"应为日期 YYYY-MM-DD / expected a date YYYY-MM-DD, got {excerpt(value)}"
    errors.append(envelope_error("/on", message if "on" in body else "缺少 / missing"))
    return None


def _options(spec: RuleSpec, value: Any, errors: list[RecordError]) -> dict[str, bool]:
    if not isinstance(value, dict):
        errors.append(envelope_error("/options", "应为对象 / expected an object"))
        return {}
    names = {o.name for o in spec.options}
    out: dict[str, bool] = {}
    for key, flag in value.items():
        if key not in names:
            known = ", ".join(sorted(names)) or "none"
            errors.append(
                envelope_error(f"/options/{key}", f"未知选项 / unknown option (options: {known})")
            )
        elif not isinstance(flag, bool):
            errors.append(envelope_error(f"/options/{key}", "应为 true/false / expected a boolean"))
        else:
            out[key] = flag
    return out


def _raw_records(body: Mapping[str, Any], errors: list[RecordError]) -> tuple[list[Any], bool]:
    if ("record" in body) == ("records" in body):
        message = "应给出 record 或 records 之一 / give exactly one of 'record' and 'records'"
        errors.append(envelope_error("/", message))
        return [], True
    if "record" in body:
        return [body["record"]], True
    raws = body["records"]
    if not isinstance(raws, list) or not 1 <= len(raws) <= MAX_RECORDS:
        message = (
            f"应为1至{MAX_RECORDS}条记录的数组 / expected an array of 1 to {MAX_RECORDS} records"
        )
        errors.append(envelope_error("/records", message))
        return [], False
    return raws, False


def _load(
    kind: RecordKind, raws: list[Any], context: Mapping[str, Any] | None, show_personal: bool
) -> tuple[Any, ...] | list[RecordError]:
    """The converted records, or every error of every record."""
    loaded = iter_records(
        ((i, None, raw) for i, raw in enumerate(raws, start=1)),
        schema=kind.schema,
        id_field=kind.id_field,
        convert=lambda raw: kind.convert(raw, context),
        show_personal=show_personal,
    )
    records: list[Any] = []
    errors: list[RecordError] = []
    for item in loaded:
        errors.extend(item.errors)
        records.append(item.record)
    return errors if errors else tuple(records)


def decide(spec: RuleSpec, request: DecisionRequest, params: ParameterSet) -> list[str]:
    """The decisions as JSON text (:meth:`Decision.to_json`), in record order; a rule that
    cannot decide on the date (no parameter in force) is a 422 naming the date."""
    out: list[str] = []
    for record in request.records:
        try:
            decision = spec.apply(record, on=request.on, params=params, options=request.options)
        except (JingzhunError, LookupError, ValueError) as exc:
            path = "/year" if spec.dated_by == "year_node" else "/on"
            code = exc.code if isinstance(exc, JingzhunError) else None
            raise RejectedRequestError(422, [envelope_error(path, str(exc))], code) from None
        out.append(decision.to_json())
    return out
