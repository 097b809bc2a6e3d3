"""Validation of a county registry's parts against ``county-registry.schema.json``.

The schema's ``$defs`` name the parts (``county``, ``household_file``, ``village_record``,
``project``, ``fund``); each part is checked on its own, so that one bad record is named
and the others load. Household and village records are also checked against their own
schemas (by :func:`jingzhun.io.records.iter_records`): this module only checks the fields
the county registry adds to them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, Final

import fastjsonschema
import jsonschema

from jingzhun.core.resources import load_json
from jingzhun.io.quick_schema import compile_check
from jingzhun.io.records import excerpt

SCHEMA: Final = "county-registry.schema.json"


def schema() -> Mapping[str, Any]:
    """The county registry's JSON Schema (a packaged file)."""
    loaded: Mapping[str, Any] = load_json("schemas", SCHEMA)
    return loaded


def part_schema(part: str) -> dict[str, Any]:
    """The schema of one part: its definition, with the shared ``$defs`` it refers to."""
    whole = schema()
    return {**whole["$defs"][part], "$defs": whole["$defs"]}


def _strict_pattern(
    validator: Any, pattern: str, instance: Any, _schema: Mapping[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """``$`` is the end of the string (not before a final newline), as in fastjsonschema."""
    anchored = pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern
    if validator.is_type(instance, "string") and not re.search(anchored, instance):
        yield jsonschema.ValidationError(f"{excerpt(instance)} does not match {pattern!r}")


@cache
def _full(part: str) -> jsonschema.protocols.Validator:
    sub = part_schema(part)
    sub["$schema"] = schema()["$schema"]
    cls = jsonschema.validators.validator_for(sub)
    strict = jsonschema.validators.extend(cls, {"pattern": _strict_pattern})  # type: ignore[no-untyped-call]
    validator: jsonschema.protocols.Validator = strict(sub)
    return validator


@cache
def _fast(part: str) -> Callable[[Any], Any]:
    sub = part_schema(part)
    sub["$schema"] = "http://json-schema.org/draft-07/schema#"
    check: Callable[[Any], Any] = fastjsonschema.compile(sub)
    return check


@cache
def _quick(part: str) -> Callable[[Any], bool]:
    """A quicker yes of the compiled check (see :mod:`jingzhun.io.quick_schema`)."""
    return compile_check(part_schema(part))


def _message(err: jsonschema.ValidationError, show_personal: bool) -> str:
    """The validator's message with the offending value replaced by a short excerpt."""
    shown = excerpt(err.instance, show_personal)
    if err.validator == "type":
        return f"{shown} is not of type {err.validator_value!r}"
    if err.validator == "oneOf" and isinstance(err.schema, dict) and "description" in err.schema:
        return f"{err.schema['description']} (got {shown})"
    if err.validator in ("additionalProperties", "required", "pattern"):
        return err.message  # names keys, never values (pattern: already an excerpt)
    return err.message.replace(repr(err.instance), shown)


def _pointer(parts: Iterator[Any] | list[Any]) -> str:
    items = [str(p).replace("~", "~0").replace("/", "~1") for p in parts]
    return "/" + "/".join(items) if items else "/"


def part_errors(part: str, raw: Any, *, show_personal: bool = False) -> list[tuple[str, str]]:
    """``(path, message)`` of every schema error of ``raw`` as the part ``part`` (paths are
    relative to ``raw``); empty when it is valid."""
    if _quick(part)(raw):
        return []
    try:
        _fast(part)(raw)
    except fastjsonschema.JsonSchemaException as fast_error:
        found = sorted(_full(part).iter_errors(raw), key=lambda e: [str(p) for p in e.path])
        if not found:  # the two libraries disagree: keep the compiled check's verdict
            return [("/", f"{fast_error}".replace("data.", "", 1))]
        return [(_pointer(list(e.absolute_path)), _message(e, show_personal)) for e in found]
    return []
