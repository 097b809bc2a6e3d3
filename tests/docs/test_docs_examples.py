"""Every ```python block of the docs pages and the README runs (each page in one namespace)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import jingzhun as jz
from jingzhun.core import catalogue as rule_catalogue

ROOT = Path(__file__).parent.parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


@pytest.fixture
def catalogue_unchanged() -> Iterator[None]:
    """A page may register an example rule (extending.md); the catalogue is restored after it,
    so other tests see only the package's rules and the page can run again."""
    before = {spec.id for spec in jz.catalogue()}  # discovery runs once per process
    yield
    for spec in rule_catalogue.registered_rules():
        if spec.id not in before:
            rule_catalogue.unregister(spec.id)


@pytest.mark.usefixtures("catalogue_unchanged")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_run(page: Path, tmp_path: Path) -> None:
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__docs__"}
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for i, code in enumerate(blocks):
            exec(compile(code, f"{page.name}[block {i + 1}]", "exec"), namespace)
    finally:
        os.chdir(cwd)


def test_docs_have_examples() -> None:
    assert sum(len(BLOCK.findall(p.read_text(encoding="utf-8"))) for p in PAGES) >= 5
