"""A quick yes/no check of a record against a JSON Schema, for the common case: a valid record.

The loaders check every record with a compiled fastjsonschema validator and, for a record it
rejects, list the errors with jsonschema. Most records are valid; for them this check answers
``True`` sooner: it prepares no error message and raises no exception. It reads each keyword as
fastjsonschema's draft-7 validator does (a ``$ref`` overrides its siblings; a ``$`` in a
pattern is the end of the string; ``integer`` admits a float with no fraction; ``array`` a
tuple). A schema with any other keyword is not compiled: its check always answers ``False``;
so does a check that raises. A record it does not pass is validated exactly as before, so the
check makes loading faster and never changes what is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

Check = Callable[[Any], bool]

_NOTES: Final = frozenset({"$schema", "$id", "$defs", "title", "description", "$comment"})
_OBJECT: Final = frozenset({"properties", "required", "additionalProperties"})
_ARRAY: Final = frozenset({"items", "minItems", "maxItems"})
_STRING: Final = frozenset({"minLength", "maxLength", "pattern"})
_NUMBER: Final = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_COMBINED: Final = frozenset({"type", "enum", "oneOf", "anyOf"})
_KNOWN: Final = _NOTES | _OBJECT | _ARRAY | _STRING | _NUMBER | _COMBINED
_PYTHON: Final[Mapping[str, tuple[type, ...]]] = {
    "null": (type(None),),
    "boolean": (bool,),
    "number": (int, float, Decimal),
    "integer": (int,),
    "string": (str,),
    "array": (list, tuple),
    "object": (dict,),
}
_DOLLAR: Final = re.compile(r"(?<!\\)\$")  # as fastjsonschema reads a pattern's ``$``


class UnsupportedError(Exception):
    """The schema uses a keyword (or a form of one) the quick check does not read."""


def _never(_value: Any) -> bool:
    return False


def _always(_value: Any) -> bool:
    return True


def compile_check(schema: Mapping[str, Any]) -> Check:
    """The quick check of ``schema``: ``True`` only for a value fastjsonschema accepts."""
    try:
        check = _Compiler(schema).node(schema)
    except UnsupportedError:
        return _never

    def quick(value: Any) -> bool:
        try:
            return check(value)
        except Exception:  # whatever went wrong, the full validation decides
            return False

    return quick


def _number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _type(types: list[str]) -> Check:
    try:
        python = tuple(t for name in types for t in _PYTHON[name])
    except (KeyError, TypeError):
        raise UnsupportedError(f"type {types!r}") from None
    integral = "integer" in types
    numeric = ("number" in types or integral) and "boolean" not in types

    def check(value: Any) -> bool:
        if isinstance(value, python) or (
            integral and isinstance(value, float) and value.is_integer()
        ):
            return not (numeric and isinstance(value, bool))
        return False

    return check


def _string(schema: Mapping[str, Any], typed: bool) -> Check:
    low = schema.get("minLength", 0)
    high = schema.get("maxLength")
    pattern = schema.get("pattern")
    search = None if pattern is None else re.compile(_DOLLAR.sub(r"\\Z", pattern)).search

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return not typed
        size = len(value)
        if size < low or (high is not None and size > high):
            return False
        return search is None or search(value) is not None

    return check


def _bounds(schema: Mapping[str, Any]) -> Check:
    if ("minimum" in schema and "exclusiveMinimum" in schema) or (
        "maximum" in schema and "exclusiveMaximum" in schema
    ):
        raise UnsupportedError("both an inclusive and an exclusive bound")
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")

    def check(value: Any) -> bool:
        if not _number(value):
            return True
        return not (
            (low is not None and value < low)
            or (high is not None and value > high)
            or (above is not None and value <= above)
            or (below is not None and value >= below)
        )

    return check


def _both(first: Check, second: Check) -> Check:
    return lambda value: first(value) and second(value)


def _all(checks: list[Check]) -> Check:
    if len(checks) < 3:
        return checks[0] if len(checks) == 1 else _both(*checks) if checks else _always
    return lambda value: all(check(value) for check in checks)


class _Compiler:
    """Compiles the nodes of one schema document (``$ref`` resolved inside it)."""

    def __init__(self, root: Mapping[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def node(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, Mapping):
            raise UnsupportedError("a schema that is not an object")
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        unknown = set(schema) - _KNOWN
        if unknown:
            raise UnsupportedError(f"keywords {sorted(unknown)}")
        checks: list[Check] = []
        types = schema.get("type")
        kinds: list[Any] = list(types) if isinstance(types, list) else [types]
        typed = False  # the type is checked by the string, object or array check
        if _STRING & schema.keys():
            typed = kinds == ["string"]
            checks.append(_string(schema, typed))
        if _NUMBER & schema.keys():
            checks.append(_bounds(schema))
        if _OBJECT & schema.keys():
            typed = kinds == ["object"]
            checks.append(self.object(schema, typed))
        if _ARRAY & schema.keys():
            typed = kinds == ["array"]
            checks.append(self.array(schema, typed))
        if types is not None and not (typed and len(checks) == 1):
            checks.insert(0, _type(kinds))
        checks += self.combined(schema)
        return _all(checks)

    def combined(self, schema: Mapping[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "enum" in schema:
            choices = tuple(schema["enum"])
            checks.append(lambda value: value in choices)
        if "oneOf" in schema:
            one = [self.node(s) for s in schema["oneOf"]]
            if len(one) == 2:  # exactly one of two
                checks.append(lambda value: one[0](value) != one[1](value))
            else:
                checks.append(lambda value: sum(1 for c in one if c(value)) == 1)
        if "anyOf" in schema:
            some = [self.node(s) for s in schema["anyOf"]]
            checks.append(lambda value: any(c(value) for c in some))
        return checks

    def ref(self, ref: Any) -> Check:
        if ref not in self.refs:
            if not isinstance(ref, str) or not ref.startswith("#"):
                raise UnsupportedError(f"$ref {ref!r}")
            slot: list[Check] = []
            self.refs[ref] = lambda value: slot[0](value)  # a recursive reference
            slot.append(self.node(self.resolve(ref)))
            self.refs[ref] = slot[0]
        return self.refs[ref]

    def resolve(self, ref: str) -> Any:
        target: Any = self.root
        for part in ref[1:].split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or key not in target:
                raise UnsupportedError(f"$ref {ref!r}")
            target = target[key]
        return target

    def object(self, schema: Mapping[str, Any], typed: bool) -> Check:
        props = {k: self.node(v) for k, v in schema.get("properties", {}).items()}
        required = tuple(schema.get("required", ()))
        extra = schema.get("additionalProperties", True)
        other = None if extra is True else self.node(extra)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return not typed
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                sub = props.get(key, other)
                if sub is not None and not sub(item):
                    return False
            return True

        return check

    def array(self, schema: Mapping[str, Any], typed: bool) -> Check:
        items = schema.get("items", True)
        if not isinstance(items, Mapping | bool):
            raise UnsupportedError("items as a list")
        each = self.node(items)
        low, high = schema.get("minItems", 0), schema.get("maxItems")

        def check(value: Any) -> bool:
            if not isinstance(value, list | tuple):
                return not typed
            if len(value) < low or (high is not None and len(value) > high):
                return False
            return all(each(item) for item in value)

        return check
