"""Plain JSON-ready dictionaries from the input models and back (``to_dict`` / ``from_dict``).

A policy-free `cattrs <https://catt.rs>`_ converter turns a frozen attrs object into
nested ``dict`` / ``list`` / ``str`` / ``int`` / ``bool`` / ``None`` values and back:

- ``Decimal`` as a string (``"4200.50"``: no binary float ever touches money); reading,
  a string, an integer or a JSON number (read through its shortest decimal spelling);
- dates as ISO ``YYYY-MM-DD`` strings;
- :class:`~jingzhun.core.labels.Labelled` enums by their code (``"illness"``, not ``因病``);
- tuples and frozensets as lists (a frozenset sorted), pairs ``((key, value), ...)`` as
  a JSON object;
- fields equal to their default are left out, unknown keys are refused;
- a decision (:class:`~jingzhun.core.decisions.Decision`) by its own versioned dict.

Reading is strict: a string is not a number, a number is not a string, ``1`` is not
``True``. Every problem is reported at once as an
:class:`~jingzhun.core.errors.InputError` whose message names each JSON path
(``/members/0/sex: ...``); its ``errors`` lists them as
:class:`~jingzhun.core.errors.RecordError` (path and message), and :func:`problems` returns
them as ``(path, message)`` pairs without raising.

The converter is built on first use (cattrs is imported then, not by ``import jingzhun``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs

from jingzhun.core.errors import InputError
from jingzhun.core.labels import Labelled

if TYPE_CHECKING:
    import cattrs

T = TypeVar("T")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PROBLEMS_SHOWN = 20


class Structured:
    """Mixin of the input models: ``to_dict()`` and ``cls.from_dict(data)``."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """This object as JSON-ready values (see :mod:`jingzhun.core.structuring`)."""
        return unstructure(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The object ``data`` describes (``InputError`` naming every bad path)."""
        return structure(data, cls)


def unstructure(obj: object) -> dict[str, Any]:
    """``obj`` (an attrs object) as a JSON-ready dict."""
    out: dict[str, Any] = converter().unstructure(obj)
    return out


def structure(data: object, cls: type[T]) -> T:
    """A ``cls`` from ``data``; an :class:`InputError` listing every problem with its path."""
    found = problems(data, cls)
    if isinstance(found, list):
        name = getattr(cls, "__name__", str(cls))
        head = f"{name}.from_dict: {len(found)} 处错误 / {len(found)} error(s)"
        lines = [f"  {path}: {message}" for path, message in found[:_PROBLEMS_SHOWN]]
        if len(found) > _PROBLEMS_SHOWN:
            lines.append(f"  … {len(found) - _PROBLEMS_SHOWN} more")
        raise InputError("\n".join([head, *lines]), found)
    return found


def problems(data: object, cls: type[T]) -> T | list[tuple[str, str]]:
    """The ``cls`` built from ``data``, or its problems as ``(JSON path, message)`` pairs."""
    import cattrs

    try:
        return converter().structure(data, cls)
    except cattrs.BaseValidationError as exc:
        return sorted(_walk(exc, ""))
    except (ValueError, TypeError, KeyError) as exc:
        return [("/", _message(exc))]


# --- error paths ----------------------------------------------------------------------------


def _pointer(part: object) -> str:
    return "/" + str(part).replace("~", "~0").replace("/", "~1")


def _message(exc: BaseException) -> str:
    import cattrs

    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return "unknown key(s): " + ", ".join(sorted(map(str, exc.extra_fields)))
    if isinstance(exc, KeyError):
        return "required, missing"
    return str(exc) or type(exc).__name__


def _walk(exc: BaseException, path: str) -> list[tuple[str, str]]:
    import cattrs
    from cattrs.errors import AttributeValidationNote, IterableValidationNote

    if not isinstance(exc, cattrs.BaseValidationError):
        return [(path or "/", _message(exc))]
    out: list[tuple[str, str]] = []
    for inner in exc.exceptions:
        sub = path
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                sub = path + _pointer(note.name)
            elif isinstance(note, IterableValidationNote):
                sub = path + _pointer(note.index)
        out.extend(_walk(inner, sub))
    return out


# --- hooks ----------------------------------------------------------------------------------


def _kind(value: object) -> str:
    return "null" if value is None else type(value).__name__


def _decimal(value: object, _type: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise TypeError(f"expected a decimal string or a number, got {_kind(value)}")
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a decimal number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _date(value: object, _type: object) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise TypeError(f"expected a date YYYY-MM-DD, got {_kind(value)}")
    return dt.date.fromisoformat(value)


def _strict(kind: type) -> Callable[[object, object], Any]:
    def check(value: object, _type: object) -> Any:
        if type(value) is not kind:
            raise TypeError(f"expected {kind.__name__}, got {_kind(value)}")
        return value

    return check


def _labelled(cls: type[Labelled]) -> Callable[[object, object], Labelled]:
    def read(value: object, _type: object) -> Labelled:
        if not isinstance(value, str):
            raise TypeError(f"expected a {cls.__name__} code, got {_kind(value)}")
        return cls.of(value)

    return read


def _is_labelled(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, Labelled)


def _pair_value(t: object) -> object | None:
    """``V`` when ``t`` is ``tuple[tuple[str, V], ...]`` (pairs stored as a JSON object)."""
    if typing.get_origin(t) is not tuple:
        return None
    args = typing.get_args(t)
    if len(args) != 2 or args[1] is not Ellipsis or typing.get_origin(args[0]) is not tuple:
        return None
    inner = typing.get_args(args[0])
    return inner[1] if len(inner) == 2 and inner[0] is str else None


def _pairs_hooks(c: cattrs.Converter) -> None:
    def unstructure_factory(t: Any) -> Callable[[Any], Any]:
        value_hook = c.get_unstructure_hook(_pair_value(t))
        return lambda pairs: {k: value_hook(v) for k, v in pairs}

    def structure_factory(t: Any) -> Callable[[Any, Any], Any]:
        value_type = _pair_value(t)
        as_dict = dict[str, value_type]  # type: ignore[valid-type]

        def read(data: object, _t: object) -> tuple[tuple[str, Any], ...]:
            if not isinstance(data, Mapping):
                raise TypeError(f"expected an object of string keys, got {_kind(data)}")
            return tuple(sorted(c.structure(data, as_dict).items()))

        return read

    c.register_unstructure_hook_factory(lambda t: _pair_value(t) is not None, unstructure_factory)
    c.register_structure_hook_factory(lambda t: _pair_value(t) is not None, structure_factory)


def _objects_hooks(c: cattrs.Converter) -> None:
    """attrs classes read from a mapping only (not cattrs' AttributeError on ``.keys``)."""
    from cattrs.gen import make_dict_structure_fn

    def factory(t: Any) -> Callable[[Any, Any], Any]:
        read = make_dict_structure_fn(
            t, c, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

        def checked(data: object, _t: object) -> Any:
            if not isinstance(data, Mapping):
                raise TypeError(f"expected an object, got {_kind(data)}")
            return read(data, t)

        return checked

    c.register_structure_hook_factory(attrs.has, factory)


def _frozenset_of(t: object) -> bool:
    return typing.get_origin(t) is frozenset


def _frozenset_unstructure(c: cattrs.Converter, t: Any) -> Callable[[Any], list[Any]]:
    hook = c.get_unstructure_hook(typing.get_args(t)[0])
    return lambda items: sorted(hook(x) for x in items)


def _decision_hooks(c: cattrs.Converter) -> None:
    from jingzhun.core.decisions import Decision

    c.register_unstructure_hook(Decision, lambda d: d.to_dict())

    def read(value: object, _type: object) -> Decision:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a decision object, got {_kind(value)}")
        return Decision.from_dict(dict(value))

    c.register_structure_hook(Decision, read)


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter (built once; see the module documentation for its rules)."""
    import cattrs

    c = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    c.register_unstructure_hook(Decimal, str)
    c.register_structure_hook(Decimal, _decimal)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    c.register_structure_hook(dt.date, _date)
    for kind in (str, int, bool):
        c.register_structure_hook(kind, _strict(kind))
    c.register_unstructure_hook_func(_is_labelled, lambda member: member.value)
    c.register_structure_hook_factory(_is_labelled, lambda t: _labelled(t))
    c.register_unstructure_hook_factory(_frozenset_of, lambda t: _frozenset_unstructure(c, t))
    c.register_unstructure_hook_factory(_tuple_of, lambda t: _tuple_unstructure(c, t))
    _objects_hooks(c)
    _pairs_hooks(c)  # after the tuples: a later hook wins
    _decision_hooks(c)
    return c


def _tuple_of(t: object) -> bool:
    return typing.get_origin(t) is tuple


def _tuple_unstructure(c: cattrs.Converter, t: Any) -> Callable[[Any], list[Any]]:
    args = typing.get_args(t)
    if len(args) == 2 and args[1] is Ellipsis:
        hook = c.get_unstructure_hook(args[0])
        return lambda items: [hook(x) for x in items]
    hooks = [c.get_unstructure_hook(a) for a in args]
    if not hooks:
        return lambda items: [c.unstructure(x) for x in items]
    return lambda items: [h(x) for h, x in zip(hooks, items, strict=True)]
