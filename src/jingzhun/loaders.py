"""Reading household and village records: validate, convert, report every error.

A file is JSON (an array of records, or an object with a ``households`` / ``villages``
array) or JSON Lines (``.jsonl``, one record per line). Every record is validated against
the project's JSON Schema and converted to domain objects; every problem is reported with
the record's position, its id and the JSON path. No record is dropped silently: each one
is either in ``LoadResult.records`` or named by at least one error.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs
import fastjsonschema
import jsonschema

from jingzhun._resources import load_json
from jingzhun.dates import as_date
from jingzhun.dynamic import RegistryEntry, RegistryStatus, StatusChange
from jingzhun.errors import InputError, UnknownRegionError
from jingzhun.model import (
    AnnualIncome,
    Assets,
    County,
    CountyExitCase,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    ProcedureStep,
    RateFigure,
    ReferenceArea,
    Vehicle,
    Village,
)
from jingzhun.regions import normalize_code
from jingzhun.vocabulary import (
    HealthStatus,
    HouseholdType,
    Labelled,
    LabourCapacity,
    PovertyCause,
    Relation,
    SchoolStatus,
    Sex,
    VehicleKind,
)

T = TypeVar("T")
E = TypeVar("E", bound=Labelled)


@attrs.frozen(kw_only=True)
class RecordError:
    """One problem with one input record (``index`` counts records from 1)."""

    index: int | None
    record_id: str | None
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"记录 #{self.index}" if self.index is not None else "文件 file"
        if self.record_id:
            where += f" ({self.record_id})"
        if self.line is not None:
            where += f" 第{self.line}行 line {self.line}"
        return f"{where} {self.path or '/'}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class LoadResult(Generic[T]):
    """The records that loaded (in input order, with their 1-based positions) and the errors."""

    source: str
    total: int
    records: tuple[T, ...]
    positions: tuple[int, ...]
    errors: tuple[RecordError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_for_errors(self) -> None:
        if self.errors:
            raise InputError(summarize(self))


def summarize(result: LoadResult[Any], limit: int = 50) -> str:
    bad = len({e.index for e in result.errors})
    head = (
        f"{result.source}: {len(result.errors)} 处错误，涉及 {bad} 条记录（共 {result.total} 条）/ "
        f"{len(result.errors)} error(s) in {bad} of {result.total} record(s)"
    )
    lines = [head, *(f"  {e}" for e in result.errors[:limit])]
    if len(result.errors) > limit:
        lines.append(f"  … {len(result.errors) - limit} more")
    return "\n".join(lines)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_json("schemas", name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@cache
def _fast_check(name: str) -> Callable[[Any], Any]:
    """A compiled validity check (fastjsonschema) of the same schema, for the common case.

    Only its yes/no is used: records it rejects are re-validated by ``jsonschema``, which
    lists every error. The schemas use only keywords both libraries read the same way.
    """
    schema = dict(load_json("schemas", name))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    check: Callable[[Any], Any] = fastjsonschema.compile(schema)
    return check


def _message(err: jsonschema.ValidationError) -> str:
    if err.validator == "anyOf" and not err.absolute_path and isinstance(err.validator_value, list):
        options = [" + ".join(alt.get("required", [])) for alt in err.validator_value]
        return f"缺少必需字段 / needs one of: {', '.join(options)}"
    if (
        err.validator in ("oneOf", "anyOf")
        and isinstance(err.schema, dict)
        and "description" in err.schema
    ):
        return f"{err.schema['description']} (got {err.instance!r})"
    return err.message


def _schema_errors(name: str, raw: Any) -> list[jsonschema.ValidationError]:
    try:
        _fast_check(name)(raw)
    except fastjsonschema.JsonSchemaException as fast_error:
        found = sorted(_validator(name).iter_errors(raw), key=lambda e: list(map(str, e.path)))
        if found:
            return found
        return [jsonschema.ValidationError(str(fast_error))]
    return []


def _pointer(parts: Sequence[object]) -> str:
    return "/" + "/".join(str(p) for p in parts) if parts else "/"


class _Conversion:
    """Collects conversion errors of one record with their JSON paths."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def enum(self, cls: type[E], raw: Any, path: str) -> E | None:
        try:
            return cls.parse(str(raw))
        except ValueError as exc:
            self.errors.append((path, str(exc)))
            return None

    def call(self, fn: Callable[[], T], path: str) -> T | None:
        try:
            return fn()
        except (ValueError, TypeError, UnknownRegionError) as exc:
            self.errors.append((path, str(exc)))
            return None


def _money(raw: Any) -> Decimal | None:
    return None if raw is None else Decimal(str(raw))


def _steps(conv: _Conversion, raw: Any, path: str) -> tuple[ProcedureStep, ...]:
    out = []
    for i, step in enumerate(raw or ()):
        made = conv.call(functools.partial(ProcedureStep, **step), f"{path}/{i}")
        if made is not None:
            out.append(made)
    return tuple(out)


def _rate(conv: _Conversion, raw: Any, path: str) -> RateFigure | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raw = {"value": raw}
    kwargs: dict[str, Any] = {
        k: (_money(v) if k in ("value", "below", "at_least") else v) for k, v in raw.items()
    }
    return conv.call(functools.partial(RateFigure, **kwargs), path)


def household_from_dict(raw: Mapping[str, Any]) -> Household:
    """Convert one schema-valid household record; raises :class:`InputError` listing all errors."""
    conv = _Conversion()
    members = []
    for i, m in enumerate(raw.get("members", ())):
        p = f"/members/{i}"
        kwargs: dict[str, Any] = {
            k: m[k]
            for k in (
                "member_id",
                "name",
                "id_number",
                "birth_date",
                "disabled",
                "public_payroll",
                "village_cadre",
            )
            if k in m
        }
        for key, cls in (
            ("relation", Relation),
            ("sex", Sex),
            ("labour", LabourCapacity),
            ("health", HealthStatus),
            ("school", SchoolStatus),
        ):
            if key in m:
                kwargs[key] = conv.enum(cls, m[key], f"{p}/{key}")
        member = conv.call(
            functools.partial(Member, **kwargs), f"{p}/birth_date" if "birth_date" in m else p
        )
        if member is not None:
            members.append(member)
    income = None
    if "income" in raw:
        income = conv.call(
            lambda: IncomeStatement(**{k: _money(v) for k, v in raw["income"].items()}), "/income"
        )
    vehicles = []
    assets_raw = raw.get("assets", {})
    for i, car in enumerate(assets_raw.get("vehicles", ())):
        kind = conv.enum(VehicleKind, car["kind"], f"/assets/vehicles/{i}/kind")
        if kind is not None:
            vehicles.append(Vehicle(kind=kind, purchase_price=_money(car.get("purchase_price"))))
    main = (
        conv.enum(PovertyCause, raw["main_cause"], "/main_cause") if "main_cause" in raw else None
    )
    others = [
        conv.enum(PovertyCause, c, f"/other_causes/{i}")
        for i, c in enumerate(raw.get("other_causes", ()))
    ]
    htype = (
        conv.enum(HouseholdType, raw["household_type"], "/household_type")
        if "household_type" in raw
        else HouseholdType.GENERAL
    )
    conv.call(lambda: normalize_code(raw["county_code"]), "/county_code")
    exit_steps = _steps(conv, raw.get("exit_steps"), "/exit_steps")
    history = tuple(
        conv.call(
            functools.partial(AnnualIncome, year=a["year"], per_capita=_money(a["per_capita"])),
            f"/income_history/{i}",
        )
        for i, a in enumerate(raw.get("income_history", ()))
    )
    identified_on = conv.call(
        lambda: as_date(raw["identified_on"]) if "identified_on" in raw else None, "/identified_on"
    )
    if conv.errors:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    result = conv.call(
        lambda: Household(
            household_id=raw["household_id"],
            county_code=raw["county_code"],
            village_id=raw.get("village_id"),
            members=tuple(members),
            declared_size=raw.get("declared_size"),
            income=income,
            reported_per_capita_income=_money(raw.get("reported_per_capita_income")),
            income_year=raw.get("income_year"),
            guarantees=Guarantees(**raw.get("guarantees", {})),
            main_cause=main,
            other_causes=tuple(c for c in others if c is not None),
            household_type=htype or HouseholdType.GENERAL,
            assets=Assets(
                vehicles=tuple(vehicles), **{k: v for k, v in assets_raw.items() if k != "vehicles"}
            ),
            helper=raw.get("helper"),
            measures=tuple(raw.get("measures", ())),
            exit_target_year=raw.get("exit_target_year"),
            identified_on=identified_on,
            stable_income_source=raw.get("stable_income_source"),
            income_history=tuple(a for a in history if a is not None),
            local_indicators=raw.get("local_indicators", {}),
            exit_steps=exit_steps,
        ),
        "/county_code",
    )
    if result is None:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    return result


@attrs.frozen(kw_only=True)
class VillageCase:
    """A village record with the reference area it is compared with."""

    village: Village
    reference: ReferenceArea | None


def village_from_dict(
    raw: Mapping[str, Any], default_reference: Mapping[str, Any] | None = None
) -> VillageCase:
    conv = _Conversion()
    exit_steps = _steps(conv, raw.get("exit_steps"), "/exit_steps")
    village = conv.call(
        lambda: Village(
            village_id=raw["village_id"],
            county_code=raw["county_code"],
            name=raw.get("name"),
            rural_population=raw["rural_population"],
            poor_population=raw["poor_population"],
            per_capita_net_income=_money(raw.get("per_capita_net_income")),
            income_year=raw.get("income_year"),
            collective_income=_money(raw.get("collective_income")),
            reported_incidence=_money(raw.get("reported_incidence")),
            exit_factors=raw.get("exit_factors", {}),
            exit_steps=exit_steps,
        ),
        "/",
    )
    ref_raw = raw.get("reference", default_reference)
    reference = None
    if ref_raw is not None:
        reference = conv.call(
            lambda: ReferenceArea(
                code=ref_raw["code"],
                level=ref_raw["level"],
                poverty_incidence=Decimal(str(ref_raw["poverty_incidence"])),
                average_per_capita_income=Decimal(str(ref_raw["average_per_capita_income"])),
                year=ref_raw["year"],
            ),
            "/reference",
        )
    if village is None or conv.errors:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    return VillageCase(village=village, reference=reference)


def county_case_from_dict(raw: Mapping[str, Any]) -> CountyExitCase:
    """Convert one schema-valid county exit record."""
    conv = _Conversion()
    county = conv.call(
        lambda: County(
            county_code=raw["county_code"],
            name=raw.get("name"),
            key_county=raw.get("key_county", False),
            contiguous_area_county=raw.get("contiguous_area_county", False),
        ),
        "/county_code",
    )
    rates: dict[str, Any] = {
        name: _rate(conv, raw.get(name), f"/{name}")
        for name in ("incidence", "wrong_exit_rate", "missed_rate", "approval")
    }
    steps = _steps(conv, raw.get("steps"), "/steps")
    if conv.errors or county is None:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    counts: dict[str, Any] = {
        k: raw.get(k)
        for k in (
            "rural_population",
            "remaining_poor",
            "missed_population",
            "wrongly_exited_population",
            "poor_villages",
            "poor_villages_exited",
        )
    }
    case = conv.call(
        functools.partial(CountyExitCase, county=county, steps=steps, **rates, **counts), "/"
    )
    if case is None:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    return case


def registry_entry_from_dict(raw: Mapping[str, Any]) -> RegistryEntry:
    """A household record with its registry status and history (for the yearly adjustment)."""
    household = household_from_dict(raw)
    conv = _Conversion()
    status = conv.enum(RegistryStatus, raw.get("registry_status", "poor"), "/registry_status")
    changes = []
    for i, c in enumerate(raw.get("history", ())):
        st = conv.enum(RegistryStatus, c["status"], f"/history/{i}/status")
        if st is None:
            continue
        change = conv.call(
            functools.partial(StatusChange, on=c["on"], status=st, action=c["action"]),
            f"/history/{i}/on",
        )
        if change is not None:
            changes.append(change)
    if conv.errors or status is None:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    entry = conv.call(
        lambda: RegistryEntry(household=household, status=status, history=tuple(changes)),
        "/history",
    )
    if entry is None:
        raise InputError("; ".join(f"{p}: {m}" for p, m in conv.errors), conv.errors)
    return entry


def _split(
    text: str, source: str, key: str, jsonl: bool
) -> tuple[list[tuple[int, int | None, Any]], list[RecordError], dict[str, Any]]:
    """Split a file's text into raw records ``(index, line, value)``; non-JSON becomes errors."""
    errors: list[RecordError] = []
    meta: dict[str, Any] = {}
    items: list[tuple[int, int | None, Any]] = []
    if jsonl:
        index = 0
        for lineno, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                index += 1
                value = parse_json_line(index, lineno, line)
                if isinstance(value, RecordError):
                    errors.append(value)
                else:
                    items.append((index, lineno, value))
        return items, errors, meta
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        errors.append(
            RecordError(
                index=None,
                record_id=None,
                path="/",
                line=exc.lineno,
                message=f"文件不是有效的JSON / the file is not valid JSON: "
                f"{exc.msg} (line {exc.lineno}, column {exc.colno})",
            )
        )
        return items, errors, meta
    if isinstance(data, dict):
        meta = {k: v for k, v in data.items() if k != key}
        data = data.get(key)
    if not isinstance(data, list):
        errors.append(
            RecordError(
                index=None,
                record_id=None,
                path=f"/{key}",
                message=f"应为记录数组 / expected an array of records "
                f"(or an object with a '{key}' array)",
            )
        )
        return items, errors, meta
    return [(i, None, rec) for i, rec in enumerate(data, start=1)], errors, meta


@attrs.frozen(kw_only=True)
class Loaded(Generic[T]):
    """One input record as it went through the loader: the object, or its errors."""

    index: int | None
    record: T | None
    errors: tuple[RecordError, ...]


def duplicate_error(
    index: int, rid: str, line: int | None, id_field: str, first: int
) -> RecordError:
    return RecordError(
        index=index,
        record_id=rid,
        line=line,
        path=f"/{id_field}",
        message=f"编号重复，与记录 #{first} 相同 / duplicate id, same as record #{first}",
    )


def _personal(path: str) -> bool:
    return path.endswith(("/name", "/id_number"))


def iter_records(
    items: Iterable[tuple[int, int | None, Any]],
    *,
    schema: str,
    id_field: str,
    convert: Callable[[Mapping[str, Any]], T],
    show_personal: bool = False,
    dedupe: bool = True,
) -> Iterator[Loaded[T]]:
    """Validate and convert raw records one by one (streaming; only the ids are remembered).

    With ``dedupe=False`` duplicate ids are left to the caller (see :mod:`jingzhun.batch`).
    """
    seen: dict[str, int] = {}
    for index, line, raw in items:
        rid = raw.get(id_field) if isinstance(raw, dict) else None
        rid = rid if isinstance(rid, str) else None
        errors: list[RecordError] = []
        for err in _schema_errors(schema, raw):
            path = _pointer(list(err.absolute_path))
            message = _message(err)
            if _personal(path) and not show_personal:
                message = (
                    f"{err.validator} 校验失败（个人信息已隐去）/ failed (personal data masked)"
                )
            errors.append(
                RecordError(index=index, record_id=rid, line=line, path=path, message=message)
            )
        if rid is not None and dedupe:
            if rid in seen:
                errors.append(duplicate_error(index, rid, line, id_field, seen[rid]))
            else:
                seen[rid] = index
        record: T | None = None
        if not errors:
            try:
                record = convert(raw)
            except InputError as exc:
                details = exc.args[1] if len(exc.args) > 1 else [("/", str(exc))]
                errors += [
                    RecordError(index=index, record_id=rid, line=line, path=p, message=m)
                    for p, m in details
                ]
        yield Loaded(index=index, record=record, errors=tuple(sorted(errors, key=lambda e: e.path)))


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
    items, errors, _meta = _split(text, source, key, jsonl)
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


def _default_reference(text: str) -> dict[str, Any] | None:
    try:
        head = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError:
        return None
    if isinstance(head, dict) and isinstance(head.get("reference"), dict):
        ref: dict[str, Any] = head["reference"]
        return ref
    return None


def load_villages_text(
    text: str, *, source: str = "<text>", jsonl: bool = False, show_personal: bool = False
) -> LoadResult[VillageCase]:
    """Load village records; a top-level ``reference`` applies to villages without their own."""
    default = None if jsonl else _default_reference(text)
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


def _read(path: Path) -> tuple[str, bool]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"找不到文件 / file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"这是目录 / is a directory: {path}") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: 文件不是UTF-8编码 / not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None
    return text, _is_jsonl(path)


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson")


def load_households(path: str | Path, *, show_personal: bool = False) -> LoadResult[Household]:
    """Load a household file (``.json`` or ``.jsonl``)."""
    p = Path(path)
    text, jsonl = _read(p)
    return load_households_text(text, source=str(p), jsonl=jsonl, show_personal=show_personal)


def load_villages(path: str | Path, *, show_personal: bool = False) -> LoadResult[VillageCase]:
    """Load a village file (``.json`` or ``.jsonl``)."""
    p = Path(path)
    text, jsonl = _read(p)
    return load_villages_text(text, source=str(p), jsonl=jsonl, show_personal=show_personal)


def parse_json_line(index: int, lineno: int | None, text: str) -> Any:
    """One JSON Lines record, or a :class:`RecordError` if the line is not JSON."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        return RecordError(
            index=index,
            record_id=None,
            path="/",
            line=lineno,
            message=f"不是有效的JSON / not valid JSON: {exc.msg} (column {exc.colno})",
        )


def jsonl_lines(path: Path) -> Iterator[tuple[int, int, str]]:
    """The non-blank lines of a JSON Lines file, read lazily: ``(index, line number, text)``."""
    _read_check(path)
    index = 0
    lineno = 0
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for lineno, text in enumerate(handle, start=1):
                if text.strip():
                    index += 1
                    yield index, lineno, text
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: 第{lineno + 1}行不是UTF-8编码 / line {lineno + 1} is not "
            f"UTF-8 text ({exc.reason})"
        ) from None


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
    default = None if _is_jsonl(p) else _default_reference(_read(p)[0])
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
    if not _is_jsonl(path):
        text, _ = _read(path)
        items, errors, _meta = _split(text, str(path), key, jsonl=False)
        return iter_records(
            items, schema=schema, id_field=id_field, convert=convert, show_personal=show_personal
        ), errors
    _read_check(path)  # a missing file fails now, not on the first read of the stream
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


def _read_check(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except FileNotFoundError:
        raise InputError(f"找不到文件 / file not found: {path}") from None
    except IsADirectoryError:
        raise InputError(f"这是目录 / is a directory: {path}") from None
    except OSError as exc:
        raise InputError(f"{path}: 无法读取 / cannot read: {exc.strerror}") from None
