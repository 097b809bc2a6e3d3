"""Reading a parameter file: TOML text to a schema-checked document, and value sources.

Every failure is a :class:`~jingzhun.core.errors.ParameterError` naming the file: a TOML
syntax error, nesting too deep to read, or a schema error (with the parameter's name and the
value's from-date in place of the bare JSON path). A UTF-8 byte order mark is accepted.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import attrs
import jsonschema

from jingzhun.core.citations import Citation, cite
from jingzhun.core.decisions import Alternative
from jingzhun.core.errors import ParameterError
from jingzhun.core.parameter_types import ValueSpec, rows_json
from jingzhun.core.resources import load_json, load_toml_text


def value_source(raw: Mapping[str, Any], status: str) -> Citation:
    """The citation of a value: a clause id (optionally amended) or a public source."""
    if "clause" in raw:
        base = cite(raw["clause"])
        extra = {k: v for k, v in raw.items() if k != "clause"}
        return attrs.evolve(base, **extra) if extra else base
    return Citation(
        title=raw["title"],
        quote=raw["quote"],
        issuer=raw.get("issuer"),
        date=raw.get("date"),
        number=raw.get("number"),
        locator=raw.get("locator"),
        url=raw.get("url"),
        status=raw.get("status", status),
    )


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = load_json("schemas", "parameters.schema.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _jsonable(obj: Any) -> Any:
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_jsonable(v) for v in obj]
    return obj


def _schema_path(data: Mapping[str, Any], path: list[Any]) -> str:
    """A JSON path of a parameter file, with the parameter's name and the value's from-date."""
    if len(path) < 2 or path[0] != "parameter" or not isinstance(path[1], int):
        return "/".join(map(str, path)) or "(root)"
    row = data["parameter"][path[1]]
    head = str(row.get("name", f"parameter #{path[1] + 1}")) if isinstance(row, dict) else ""
    rest = path[2:]
    if len(rest) >= 2 and rest[0] == "values" and isinstance(rest[1], int):
        value = row["values"][rest[1]]
        start = value.get("from") if isinstance(value, dict) else None
        head += f" value from {start}" if start else f" value #{rest[1] + 1}"
        rest = rest[2:]
    return head + (": " + "/".join(map(str, rest)) if rest else "")


def check_schema(doc: dict[str, Any], origin: str) -> dict[str, Any]:
    data: dict[str, Any] = _jsonable(doc)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"  {_schema_path(data, list(e.absolute_path))}: {e.message}" for e in errors]
        raise ParameterError(
            f"参数文件不符合模式 / invalid parameter file {origin}:\n" + "\n".join(lines)
        )
    return data


def load_parameter_file(text: str, origin: str) -> dict[str, Any]:
    """Parse and schema-check a parameter file; every failure names ``origin``."""
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-8 byte order mark, as some editors write
    try:
        return check_schema(load_toml_text(text), origin)
    except tomllib.TOMLDecodeError as exc:
        raise ParameterError(f"TOML 语法错误 / TOML syntax error in {origin}: {exc}") from None
    except RecursionError:
        raise ParameterError(
            f"嵌套过深，无法读取 / {origin}: nested too deeply to be read"
        ) from None


def value_alternatives(
    spec: ValueSpec, rows: Iterable[Mapping[str, Any]], where: str
) -> tuple[Alternative, ...]:
    """Other readings of a value, each checked against the parameter's declared type."""
    out = []
    for i, row in enumerate(rows, start=1):
        value: Any = spec.check(row["value"], f"{where}, alternative {i}")
        if isinstance(value, tuple):
            value = rows_json(value)
        out.append(
            Alternative(
                value=value,
                status=row["status"],
                source=value_source(row["source"], row["status"]),
                note=row.get("note"),
            )
        )
    return tuple(out)
