"""Options every record command shares beyond its rule: ``-`` for standard input,
``--input-format``, ``--lang`` and the progress bar on a terminal (``--no-progress``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final, TypeVar

from jingzhun.engine.batch import Item, read_items
from jingzhun.engine.signals import signals_held
from jingzhun.engine.stdin import STDIN, STDIN_NAME, read_stdin, stdin_items
from jingzhun.io.kinds import RecordKind
from jingzhun.io.records import RecordError

T = TypeVar("T")

LANGS: Final = ("zh", "en")


def add_manner_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--input-format",
        choices=("json", "jsonl"),
        help="how to read FILE (default: by its suffix; for '-', detected)",
    )
    p.add_argument(
        "--lang",
        choices=LANGS,
        help="language of the table output (default: Chinese reasons, bilingual headings)",
    )
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown only when standard error is a terminal)",
    )


def read_input(
    args: argparse.Namespace, kind: RecordKind
) -> tuple[Iterator[Item], list[RecordError], Mapping[str, Any] | None, str]:
    """The raw records of ``args.file`` (``-``: standard input, read once), its file-level
    errors, its context and the name to report it by."""
    fmt = getattr(args, "input_format", None)
    if args.file == STDIN:
        text = read_stdin(sys.stdin.buffer)
        return (*stdin_items(text, kind, fmt), STDIN_NAME)
    jsonl = None if fmt is None else fmt == "jsonl"
    return (*read_items(Path(args.file), kind, jsonl=jsonl), args.file)


def wants_progress(args: argparse.Namespace) -> bool:
    """A bar only on a terminal, never in a pipe or a file, and not with ``--no-progress``."""
    if getattr(args, "no_progress", False):
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 0


@contextmanager
def _bar(show: bool, **options: Any) -> Iterator[Any]:
    """A tqdm bar on standard error (None when not ``show`` or tqdm, the ``progress`` extra,
    is not installed), removed when the block ends or is stopped."""
    if not show:
        yield None
        return
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a courtesy: without tqdm, none
        yield None
        return
    tqdm.monitor_interval = 0  # no monitor thread: signals stay the main thread's
    size = {} if _columns() else {"ncols": 80, "nrows": 24}  # a terminal of unknown size
    bar = None
    try:
        with signals_held():  # an interrupt while the bar is first drawn finds it to clear
            bar = tqdm(file=sys.stderr, leave=False, **size, **options)
        yield bar
    finally:
        if bar is not None:
            bar.close()


@contextmanager
def progress(rows: Iterator[T], show: bool) -> Iterator[Iterator[T]]:
    """``rows``, counted on a progress bar on standard error when ``show`` and tqdm (the
    ``progress`` extra) is installed; the bar is removed when the run ends or is stopped."""
    with _bar(show, iterable=rows, desc="判定 decided", unit=" records") as bar:
        yield rows if bar is None else iter(bar)


@contextmanager
def counting_bar(
    total: int | None, show: bool, *, desc: str
) -> Iterator[Callable[[int], None] | None]:
    """A households bar on standard error for work done in chunks: yields ``advance(n)`` (or
    None when ``show`` is false or tqdm is not installed); removed when the block ends."""
    with _bar(show, total=total, desc=desc, unit=" households") as bar:
        yield None if bar is None else bar.update
