"""Record errors and the validation of raw records against the shipped JSON Schemas.

No record is dropped silently: each one is either loaded or named by at least one
error with its position, id, line and JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Generic, TypeVar

import attrs
import fastjsonschema
import jsonschema

from jingzhun.core.errors import (
    ID_LIMIT as ID_LIMIT,
)
from jingzhun.core.errors import (
    MESSAGE_LIMIT as MESSAGE_LIMIT,
)
from jingzhun.core.errors import (
    InputError,
)
from jingzhun.core.errors import RecordError as RecordError
from jingzhun.core.errors import printable as printable
from jingzhun.core.resources import load_json
from jingzhun.io.quick_schema import compile_check

T = TypeVar("T")


def excerpt(value: Any, show_personal: bool = False) -> str:
    """A short description of an offending value, never the value in full.

    Containers are described by their type and size; without ``show_personal`` a string
    shows only its length (and itself if it is a short number such as ``"4200.505"``).
    """
    if isinstance(value, dict):
        return f"an object with {len(value)} key(s)"
    if isinstance(value, list):
        return f"an array of {len(value)} item(s)"
    if isinstance(value, str):
        if show_personal:
            return repr(printable(value, 40))
        if len(value) <= 12 and re.fullmatch(r"[-+0-9.eE%, ]*", value):
            return repr(value)
        return f"a string of {len(value)} character(s)"
    shown = str(value)
    return shown if len(shown) <= 24 else f"{shown[:12]}… ({len(shown)} characters)"


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
            raise InputError(summarize(self), self.errors)


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


def _anchored(pattern: str) -> str:
    """JSON Schema's ``$`` is the end of the string; Python's also matches before a final
    newline (``"4200\\n"``), so it is read as ``\\Z``, as fastjsonschema does."""
    return (
        pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern
    )


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "string") and not re.search(_anchored(pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_json("schemas", name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    strict = jsonschema.validators.extend(cls, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    validator: jsonschema.protocols.Validator = strict(schema)
    return validator


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


@cache
def _quick_check(name: str) -> Callable[[Any], bool]:
    """A quicker yes of the compiled check (see :mod:`jingzhun.io.quick_schema`)."""
    schema = dict(load_json("schemas", name))
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    return compile_check(schema)


def _message(err: jsonschema.ValidationError, show_personal: bool) -> str:
    """The validator's message, with the offending value replaced by a short excerpt."""
    if err.validator == "anyOf" and not err.absolute_path and isinstance(err.validator_value, list):
        options = [" + ".join(alt.get("required", [])) for alt in err.validator_value]
        return f"缺少必需字段 / needs one of: {', '.join(options)}"
    shown = excerpt(err.instance, show_personal)
    if (
        err.validator in ("oneOf", "anyOf")
        and isinstance(err.schema, dict)
        and "description" in err.schema
    ):
        return f"{err.schema['description']} (got {shown})"
    if err.validator == "type":
        return f"{shown} is not of type {err.validator_value!r}"
    if err.validator in ("additionalProperties", "required", "maxItems", "minItems"):
        if err.validator == "maxItems":
            return f"{shown}: at most {err.validator_value} item(s) allowed"
        return err.message  # names keys, never values
    return err.message.replace(repr(err.instance), shown)


def _schema_errors(name: str, raw: Any, show_personal: bool) -> list[tuple[str, str, str]]:
    """``(path, validator, message)`` of every schema error of one record."""
    if _quick_check(name)(raw):
        return []
    try:
        _fast_check(name)(raw)
    except fastjsonschema.JsonSchemaException as fast_error:
        found = sorted(_validator(name).iter_errors(raw), key=lambda e: list(map(str, e.path)))
        if found:
            return [
                (_pointer(list(e.absolute_path)), str(e.validator), _message(e, show_personal))
                for e in found
            ]
        parts = getattr(fast_error, "path", None) or ["data"]
        return [(_pointer(parts[1:]), "schema", f"{fast_error}".replace("data.", "", 1))]
    return []


def _pointer(parts: Sequence[object]) -> str:
    return "/" + "/".join(str(p) for p in parts) if parts else "/"


@attrs.frozen(kw_only=True)
class Rejected:
    """A raw record already refused before validation, with every one of its problems
    (a JSON Lines line with duplicate keys or lone surrogates: see
    :func:`jingzhun.io.formats.parse_json_line`). :func:`iter_records` passes it on as errors."""

    errors: tuple[RecordError, ...]


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

    With ``dedupe=False`` duplicate ids are left to the caller (see :mod:`jingzhun.engine.batch`).
    """
    seen: dict[str, int] = {}
    for index, line, raw in items:
        if isinstance(raw, Rejected):
            yield Loaded(index=index, record=None, errors=raw.errors)
            continue
        rid = raw.get(id_field) if isinstance(raw, dict) else None
        rid = rid if isinstance(rid, str) else None
        errors: list[RecordError] = []
        record: T | None = None
        try:
            found = _schema_errors(schema, raw, show_personal)
            if not found:
                record = convert(raw)
        except InputError as exc:
            details = exc.errors or (
                RecordError(index=None, record_id=None, path="/", message=str(exc)),
            )
            found = [(e.path, "convert", e.message) for e in details]
        except RecursionError:
            found = [("/", "depth", "嵌套过深 / nested too deeply")]
        for path, validator, message in found:
            if _personal(path) and not show_personal:
                message = f"{validator} 校验失败（个人信息已隐去）/ failed (personal data masked)"
            errors.append(
                RecordError(index=index, record_id=rid, line=line, path=path, message=message)
            )
        if rid is not None and dedupe:
            if rid in seen:
                errors.append(duplicate_error(index, rid, line, id_field, seen[rid]))
            else:
                seen[rid] = index
        if errors:
            record = None
        yield Loaded(index=index, record=record, errors=tuple(sorted(errors, key=lambda e: e.path)))
