"""Masking personal data (names, ID numbers) for outputs, errors and logs."""

from __future__ import annotations


def mask_name(name: str) -> str:
    """``'张三丰'`` → ``'张**'``: keep the family name only."""
    return name[:1] + "*" * (len(name) - 1) if name else name


def mask_id_number(number: str) -> str:
    """Keep the region part and the last four characters of an ID number.

    >>> mask_id_number("612422197001010011")
    '612422********0011'
    """
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
