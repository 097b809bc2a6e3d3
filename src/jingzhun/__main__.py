"""The ``jingzhun`` console script and ``python -m jingzhun``: signals handled from the start.

The console script's entry point is :func:`main` here, not :func:`jingzhun.cli.main`: it
makes SIGTERM raise before the command line's modules are imported (a fraction of a second
that Ctrl-C can land in), so Ctrl-C or SIGTERM at any moment exits 130 or 143 with one line
on standard error, as during a run, never with a traceback. It works because ``import
jingzhun`` is cheap (the package's names load on first use); only the interpreter's own
start-up, before this module runs, is out of reach.
"""

from __future__ import annotations

import os
import signal
import sys
from contextlib import suppress
from typing import NoReturn

from jingzhun.engine.signals import (
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
    INTERRUPTED,
    TERMINATED,
    Terminated,
    raise_terminated,
    say,
)


def main() -> int:
    """Run the command line in a process of its own; its exit status.

    Once the command has ended (its output complete), SIGINT and SIGTERM are ignored for
    the few moments until the process exits.
    """
    signal.signal(signal.SIGTERM, raise_terminated)
    try:
        from jingzhun.cli import main as run

        code = run()
        _ignore_signals()
    except KeyboardInterrupt:
        _ignore_signals()
        say(INTERRUPTED)
        return EXIT_INTERRUPTED
    except Terminated:
        _ignore_signals()
        say(TERMINATED)
        return EXIT_TERMINATED
    return code


def _ignore_signals() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)


def _exit(code: int) -> NoReturn:
    """Exit ``python -m jingzhun`` with ``code``.

    After a ``KeyboardInterrupt`` that was caught, CPython's ``-m`` path may still end the
    process by SIGINT (status -2, not 130) once this module returns; an interrupted run
    therefore leaves at once, its output streams flushed (workers are already stopped).
    """
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED):
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    _exit(main())
