"""Exceptions raised by jingzhun. Every one carries a readable bilingual message.

One error model: every error jingzhun raises on purpose is a :class:`JingzhunError`
subclass with a stable class-level :attr:`~JingzhunError.code` (``"JZ-…"``, unique across the
package; a test walks every subclass) and a :meth:`~JingzhunError.to_dict` that is
JSON-ready (``{"code", "message", …fields}``). The command line prints the code at the start
of its one-line error; the HTTP service puts it in every error body. Errors that a user can
trigger with bad input keep their builtin base too (``UnknownRuleError`` is a ``KeyError``,
``InputError`` a ``ValueError``), so ``except LookupError`` / ``except ValueError`` keep
working.

:class:`RecordError` (one problem with one input record) lives here, beside
:class:`InputError` that carries them; :mod:`jingzhun.io.records` re-exports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, Final

import attrs

MESSAGE_LIMIT: Final = 400
ID_LIMIT: Final = 64


def printable(text: str, limit: int) -> str:
    """``text`` safe for a terminal and a UTF-8 file: control characters, lone surrogates and
    other unprintable characters escaped (``\\x1b``, ``\\ud800``), at most ``limit`` characters."""
    if text.isprintable() and len(text) <= limit:
        return text
    out = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        for ch in text[: limit + 1]
    )
    return out if len(out) <= limit and len(text) <= limit else out[: limit - 1] + "…"


def _id(value: str | None) -> str | None:
    return None if value is None else printable(value, ID_LIMIT)


def _text(value: str) -> str:
    return printable(value, MESSAGE_LIMIT)


@attrs.frozen(kw_only=True)
class RecordError:
    """One problem with one input record.

    - ``index``: the record's position, counted from 1 (``None`` for a problem of the file or
      request as a whole);
    - ``record_id``: the record's id when it has a readable one, else ``None``;
    - ``path``: a JSON Pointer into the record (``"/members/0/birth_date"``; ``""`` or ``"/"``
      for the record itself) or, in tables, the column;
    - ``message``: what is wrong, bilingual where the loaders write it;
    - ``line``: the line of a JSON Lines or CSV input, when known.

    The id and the message are kept printable and short (see :func:`printable`).
    """

    index: int | None
    record_id: str | None = attrs.field(converter=_id)
    path: str = attrs.field(converter=_text)
    message: str = attrs.field(converter=_text)
    line: int | None = None

    def __str__(self) -> str:
        where = f"记录 #{self.index}" if self.index is not None else "文件 file"
        if self.record_id:
            where += f" ({self.record_id})"
        if self.line is not None:
            where += f" 第{self.line}行 line {self.line}"
        return f"{where} {self.path or '/'}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """``{"index", "record_id", "path", "message", "line"}`` (JSON-ready)."""
        return attrs.asdict(self)


class JingzhunError(Exception):
    """Base class of every error jingzhun raises on purpose.

    ``code`` is stable: a program may branch on it (the message may be reworded).
    """

    code: ClassVar[str] = "JZ-ERROR"

    def __str__(self) -> str:
        # a KeyError subclass would otherwise print its message in quotes
        return str(self.args[0]) if len(self.args) == 1 else super().__str__()

    def fields(self) -> dict[str, Any]:
        """Extra JSON-ready fields of ``to_dict()`` (none here; subclasses add theirs)."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        """``{"code": …, "message": …}`` plus the subclass's fields, JSON-ready."""
        return {"code": self.code, "message": str(self), **self.fields()}


class UnknownRegionError(JingzhunError, LookupError):
    """A region code or name that is not a known division (未知行政区划)."""

    code = "JZ-UNKNOWN-REGION"


class UnknownClauseError(JingzhunError, LookupError):
    """A clause or document id that is not in the citation registry."""

    code = "JZ-UNKNOWN-CLAUSE"


class UnknownRuleError(JingzhunError, KeyError):
    """A rule id that is not in the catalogue (``jingzhun.rules.rule("…")``)."""

    code = "JZ-UNKNOWN-RULE"


class UnknownRecordKindError(JingzhunError, LookupError):
    """A subject type that no record kind reads (no loader, no JSON Schema)."""

    code = "JZ-UNKNOWN-RECORD-KIND"


class UnknownSchemaError(JingzhunError, LookupError):
    """A JSON Schema name that jingzhun does not ship (``jingzhun schema NAME``)."""

    code = "JZ-UNKNOWN-SCHEMA"


class UnknownCodeError(JingzhunError, ValueError):
    """A value that is not one of a code table's codes or labels (e.g. an unknown
    ``LabourCapacity``)."""

    code = "JZ-UNKNOWN-CODE"


class InvalidDateError(JingzhunError, ValueError):
    """A date string that is not a valid ``YYYY-MM-DD`` calendar date."""

    code = "JZ-DATE"


class UnknownOptionError(JingzhunError, ValueError):
    """An option a rule does not declare (``spec.apply(case, on=…, options={"fast": True})``)."""

    code = "JZ-UNKNOWN-OPTION"


class UnknownReasonError(JingzhunError, KeyError):
    """A reason code that a decision does not hold (``decision.reason("…")``)."""

    code = "JZ-UNKNOWN-REASON"


class InvalidArgumentError(JingzhunError, ValueError):
    """An argument out of its domain (a confidence of 1.2, a design effect below 1, …)."""

    code = "JZ-ARGUMENT"


class ParameterError(JingzhunError):
    """A parameter file that does not follow the schema, or a value that cannot be used."""

    code = "JZ-PARAMETER"


class UnknownParameterError(ParameterError, LookupError):
    """A parameter name that no parameter file defines."""

    code = "JZ-UNKNOWN-PARAMETER"


class NoValueInForceError(ParameterError, LookupError):
    """A parameter that has no value in force on the requested date."""

    code = "JZ-NO-VALUE-IN-FORCE"


class ParameterConflictError(ParameterError):
    """Two overlays (or two entries) claim a value for the same parameter and date."""

    code = "JZ-PARAMETER-CONFLICT"


class InputError(JingzhunError, ValueError):
    """Input that could not be read or validated.

    ``errors`` is always present: a tuple of :class:`RecordError` (index, record_id, path,
    message, line) naming each problem of each record, or an empty tuple when the problem is
    not record-level (a missing file, a bad overlay, a usage error). ``to_dict()`` lists
    them under ``"errors"``.
    """

    code = "JZ-INPUT"

    def __init__(self, message: str, errors: Iterable[RecordError | tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.errors: tuple[RecordError, ...] = tuple(
            e
            if isinstance(e, RecordError)
            else RecordError(index=None, record_id=None, path=e[0], message=e[1])
            for e in errors
        )

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across worker processes
        return (type(self), (str(self), self.errors))

    def fields(self) -> dict[str, Any]:
        return {"errors": [e.to_dict() for e in self.errors]}


class UnsupportedSchemaVersionError(InputError):
    """A document (a decision's JSON) written with a schema version this version of jingzhun
    does not read."""

    code = "JZ-SCHEMA-VERSION"
