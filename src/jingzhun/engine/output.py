"""Writing results: complete or not at all.

A file is written to a temporary file in the same folder and renamed into place only when
it is complete, so an interrupted or failed run leaves no partial file and an existing file
is replaced only on success. Standard output is copied from a spool with SIGINT and SIGTERM
held off, so an interruption during the copy takes effect after it.

Text that UTF-8 cannot encode (a lone surrogate, ``\\ud800``) is written as its backslash
escape (:data:`ENCODING_ERRORS`) — in JSON output that is the JSON escape of the same string —
so output never fails on it.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Final

from jingzhun.core.errors import JingzhunError
from jingzhun.engine.signals import signals_held
from jingzhun.io.records import RecordError

WRITE_ERRNOS: Final = frozenset(
    {errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EIO, errno.EROFS, errno.EBADF}
)
"""Errors of a write that has no file name: standard output is full or gone."""


class OutputError(JingzhunError):
    """A result that could not be written (exit status 2)."""

    code = "JZ-OUTPUT"

    def __init__(self, target: str, reason: str) -> None:
        super().__init__(f"无法写入 / cannot write {target}: {reason}")
        self.target = target
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.target, self.reason))

    def fields(self) -> dict[str, Any]:
        return {"target": self.target, "reason": self.reason}


STDOUT: Final = "标准输出 standard output"

ENCODING_ERRORS: Final = "backslashreplace"
"""How output files and spools write what UTF-8 cannot encode: ``\\ud800``, never a crash."""


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_target(path: Path) -> None:
    """Refuse, before any work, a destination that cannot be written."""
    if path.is_dir():
        raise OutputError(str(path), "是目录 / is a directory")
    if path.exists() and not path.is_file():  # a device or a pipe is never renamed over
        raise OutputError(str(path), "不是普通文件 / not a regular file")
    folder = path.parent
    if not folder.exists():
        raise OutputError(str(path), "文件夹不存在 / no such folder")
    if not folder.is_dir():
        raise OutputError(str(path), f"{folder} 不是目录 / is not a directory")


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[str]]:
    """A temporary file beside ``path``, renamed to ``path`` if the block ends normally
    (and removed otherwise); an existing ``path`` keeps its permissions."""
    check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(str(path), _reason(exc)) from None
    handle = os.fdopen(fd, "w", encoding="utf-8", errors=ENCODING_ERRORS)
    try:
        yield handle
        with signals_held():
            _commit(handle, Path(tmp), path)
    finally:
        handle.close()
        Path(tmp).unlink(missing_ok=True)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that wants a file name (a workbook),
    renamed to ``path`` if the block ends normally (and removed otherwise)."""
    check_target(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(str(path), _reason(exc)) from None
    try:
        yield Path(tmp)
        with signals_held():
            try:
                os.chmod(tmp, _mode(path))
                os.replace(tmp, path)
            except OSError as exc:
                raise OutputError(str(path), _reason(exc)) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _commit(handle: IO[str], tmp: Path, path: Path) -> None:
    try:
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        os.chmod(tmp, _mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(str(path), _reason(exc)) from None


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def copy_to_stdout(spool: IO[str]) -> None:
    """Copy a spool (from its start) to standard output and flush it, signals held off.

    A write error becomes :class:`OutputError`; ``BrokenPipeError`` passes through."""
    spool.seek(0)
    with signals_held():
        try:
            for chunk in iter(lambda: spool.read(2**20), ""):
                sys.stdout.write(chunk)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            silence_stdout()
            raise OutputError(STDOUT, _reason(exc)) from None


def silence_stdout() -> None:
    """Point standard output at the null device, so that nothing more is written (nor
    fails to be) when the interpreter flushes it at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass


def print_errors(errors: Sequence[RecordError], out: IO[str], total: int) -> None:
    """The record errors, counted, at most 200 of them."""
    bad = len({e.index for e in errors})
    print(
        f"输入有误 / invalid input: {len(errors)} 处错误，涉及 {bad} 条记录（共 {total} 条）"
        f" / {len(errors)} error(s) in {bad} of {total} record(s)",
        file=out,
    )
    for e in errors[:200]:
        print(f"  {e}", file=out)
    if len(errors) > 200:
        print(f"  … {len(errors) - 200} more (all of them: --skip-invalid --format json)", file=out)


def print_file_errors(file: str, errors: Sequence[RecordError]) -> None:
    """A file-level problem: no records could be read, so nothing is decided."""
    print(
        f"输入有误 / invalid input: {file}: 文件层面的问题 / a file-level problem",
        file=sys.stderr,
    )
    for e in errors[:200]:
        print(f"  {e}", file=sys.stderr)
    print(
        "未作判定：无法读出记录，--skip-invalid 不适用 / nothing decided: no records could be "
        "read, so --skip-invalid does not apply",
        file=sys.stderr,
    )
