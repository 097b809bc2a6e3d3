"""Record errors and the validation of raw records against the shipped JSON Schemas.

No record is dropped silently: each one is either loaded or named by at least one
error with its position, id, line and JSON path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any, Generic, TypeVar

import attrs
import fastjsonschema
import jsonschema

from jingzhun.core.errors import InputError
from jingzhun.core.resources import load_json

T = TypeVar("T")


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
