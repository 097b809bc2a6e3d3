"""Every ```python block of the docs pages and the README runs (each page in one namespace),
and what it prints is the ```text block that follows it (doctest-style), so a docs example
cannot lie.

In the expected text, a line that is just ``…`` stands for any number of lines, and a line
ending in ``…`` for any line that begins with what precedes it. A block that prints but
shows no output says so with a ``# output not shown`` comment.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import jingzhun as jz
from jingzhun.core import catalogue as rule_catalogue

ROOT = Path(__file__).parent.parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
NOT_SHOWN = "# output not shown"


def blocks(text: str) -> Iterator[tuple[str, str | None]]:
    """Each python block with the text block right after it (None if there is none)."""
    fences = list(FENCE.finditer(text))
    for i, m in enumerate(fences):
        if m.group(1) != "python":
            continue
        nxt = fences[i + 1] if i + 1 < len(fences) else None
        adjacent = nxt is not None and not text[m.end() : nxt.start()].strip()
        shown = nxt.group(2) if adjacent and nxt is not None and nxt.group(1) == "text" else None
        yield m.group(2), shown


def matches(expected: str, actual: str) -> bool:
    """Line by line; ``…`` alone skips lines, a trailing ``…`` matches a line's beginning."""
    want = expected.rstrip("\n").splitlines()
    got = [line.rstrip() for line in actual.rstrip("\n").splitlines()]
    return _match([w.rstrip() for w in want], got)


def _match(want: list[str], got: list[str]) -> bool:
    if not want:
        return not got
    head = want[0]
    if head.strip() == "…":
        return any(_match(want[1:], got[i:]) for i in range(len(got) + 1))
    if not got:
        return False
    ok = got[0].startswith(head[:-1]) if head.endswith("…") else got[0] == head
    return ok and _match(want[1:], got[1:])


@pytest.fixture
def catalogue_unchanged() -> Iterator[None]:
    """A page may register an example rule (extending.md); it leaves the catalogue after the
    page, so other tests see only the package's rules and the page can run again."""
    before = {spec.id for spec in jz.catalogue()}  # discovery runs once per process
    yield
    for spec in rule_catalogue.registered_rules():
        if spec.id not in before:
            rule_catalogue.unregister(spec.id)


@pytest.mark.usefixtures("catalogue_unchanged")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run_and_print_what_the_page_shows(page: Path, tmp_path: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for i, (code, shown) in enumerate(blocks(page.read_text(encoding="utf-8")), start=1):
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                exec(compile(code, f"{page.name}[block {i}]", "exec"), namespace)
            printed = out.getvalue()
            if shown is None:
                assert not printed or NOT_SHOWN in code, (
                    f"{page.name} python block {i} prints but no ```text block follows it:\n"
                    + printed[:2000]
                )
                continue
            assert matches(shown, printed), (
                f"{page.name} python block {i}: the page shows\n{shown}\nbut it prints\n{printed}"
            )
    finally:
        os.chdir(cwd)


def test_docs_have_examples() -> None:
    count = sum(len(list(blocks(p.read_text(encoding="utf-8")))) for p in PAGES)
    assert count >= 5


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ("a\nb\n", "a\nb\n", True),
        ("a\n…\nd\n", "a\nb\nc\nd\n", True),
        ("a\nb…\n", "a\nbanana\n", True),
        ("a\nb\n", "a\nc\n", False),
        ("a\n", "a\nb\n", False),
    ],
)
def test_expected_output_matching(expected: str, actual: str, ok: bool) -> None:
    assert matches(expected, actual) is ok
