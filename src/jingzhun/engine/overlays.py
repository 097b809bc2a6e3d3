"""Parameter overlay files given on the command line (``--overlay``): read bounded, applied.

An overlay file is read as record files are (:func:`jingzhun.io.formats.check_readable`): a
regular file only — a folder, a pipe or a device (``/dev/zero``) is refused before anything
is read — and at most :data:`OVERLAY_LIMIT` bytes, so no input hangs or exhausts memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from jingzhun.core.errors import InputError
from jingzhun.core.parameters import ParameterSet
from jingzhun.io.formats import check_readable

OVERLAY_LIMIT: Final = 4 * 2**20
"""The largest overlay file read, in bytes (the bundled ones are a few kilobytes)."""


def read_overlay(path: str) -> str:
    """An overlay file's text: a regular file of at most :data:`OVERLAY_LIMIT` bytes of
    UTF-8, else :class:`~jingzhun.InputError` naming the file (exit status 2)."""
    try:
        check_readable(Path(path))  # the record files' check: regular and readable
        with open(path, "rb") as handle:
            data = handle.read(OVERLAY_LIMIT + 1)
    except InputError as exc:
        raise InputError(f"叠加层 / overlay: {exc}") from None
    except OSError as exc:
        raise InputError(f"无法读取叠加层 / cannot read overlay {path}: {exc.strerror}") from None
    if len(data) > OVERLAY_LIMIT:
        raise InputError(
            f"叠加层过大 / overlay {path} is too large (over {OVERLAY_LIMIT // 2**20} MiB)"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"叠加层不是UTF-8编码 / overlay {path} is not UTF-8 text") from None


def with_overlays(overlays: Sequence[tuple[str, str]]) -> ParameterSet:
    """The bundled parameters with each ``(origin, text)`` overlay applied, in order."""
    ps = ParameterSet.bundled()
    for origin, text in overlays:
        ps = ps.with_overlay_text(text, origin=origin)
    return ps
