"""Signals: SIGINT and SIGTERM end a run cleanly; workers leave them to the parent.

A run ends on SIGINT (Ctrl-C) with status 130 and on SIGTERM with 143, with one line on
standard error (:func:`say`) and no traceback — from the first moment of the console
script (:mod:`jingzhun.__main__`) to its last. This module imports nothing heavy, so the
launcher can use it before the command line's modules are loaded.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Final

HELD: Final = frozenset({signal.SIGINT, signal.SIGTERM})

EXIT_INTERRUPTED: Final = 130  # 128 + SIGINT
EXIT_TERMINATED: Final = 143  # 128 + SIGTERM
INTERRUPTED: Final = "已中断 / interrupted"
TERMINATED: Final = "已终止 / terminated"


def say(message: str) -> None:
    """``jingzhun: message`` on standard error (nothing if standard error is gone too)."""
    with suppress(OSError, ValueError):
        print(f"jingzhun: {message}", file=sys.stderr)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM off (delivered when the block ends)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like ``KeyboardInterrupt`` for SIGINT."""


def raise_terminated(signum: int, frame: object) -> None:
    """The SIGTERM handler: raise :class:`Terminated`."""
    raise Terminated


@contextmanager
def sigterm_raises() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` while the command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGTERM, raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)
