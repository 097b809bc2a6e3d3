"""Enums whose members carry a Chinese label, an English gloss and a form code.

The codes (``.value``) are stable English identifiers; ``.zh`` is the label printed on
the national forms, ``.en`` an English gloss. ``parse`` accepts any of the three and,
where the national form numbers its options, the form code.
"""

from __future__ import annotations

import enum
from typing import Self

from jingzhun.core.errors import UnknownCodeError

# Further spellings per enum class name, registered by the vocabularies (add_aliases).
_ALIASES: dict[str, dict[str, str]] = {}


_LOOKUP: dict[type, dict[str, enum.Enum]] = {}


class Labelled(enum.Enum):
    """An enum whose members carry a Chinese label, an English gloss and a form code."""

    zh: str
    en: str
    form_code: str | None

    def __new__(cls, value: str, zh: str, en: str, form_code: str | None = None) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.zh = zh
        member.en = en
        member.form_code = form_code
        return member

    def __str__(self) -> str:
        return self.zh

    @classmethod
    def of(cls, value: str) -> Self:
        """The member whose code is ``value`` (if none,
        :class:`~jingzhun.core.errors.UnknownCodeError`, a ``ValueError``)."""
        member = cls._value2member_map_.get(value)
        if member is None:
            raise UnknownCodeError(f"{value!r} is not a {cls.__name__} code")
        return member  # type: ignore[return-value]

    @classmethod
    def of_any(cls, value: object) -> Self:
        """A member given itself or its code (for converters of attrs fields)."""
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            return cls.of(value)
        raise TypeError(f"expected a {cls.__name__} or its code, got {type(value).__name__}")

    @classmethod
    def parse(cls, text: str) -> Self:
        """Look a member up by its code, Chinese label, English gloss or form code."""
        table = _LOOKUP.get(cls)
        if table is None:
            table = {}
            for member in reversed(list(cls)):  # earlier members win on a clash
                for key in (member.name, member.form_code, member.en, member.zh, member.value):
                    if key is not None:
                        table[key] = member
            for key, code in _ALIASES.get(cls.__name__, {}).items():
                table.setdefault(key, cls.of(code))
            _LOOKUP[cls] = table
        found = table.get(text)
        if found is not None:
            return found  # type: ignore[return-value]
        choices = "、".join(f"{m.value}({m.zh})" for m in cls)
        raise UnknownCodeError(f"unknown {cls.__name__} {text!r}; expected one of: {choices}")


def add_aliases(enum_name: str, aliases: dict[str, str]) -> None:
    """Let ``parse`` of the enum named ``enum_name`` also accept these spellings (→ codes)."""
    _ALIASES.setdefault(enum_name, {}).update(aliases)
    _LOOKUP.clear()
