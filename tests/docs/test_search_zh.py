"""Chinese search: the built site's search index finds Chinese policy terms.

The site is built once per session (``mkdocs build --strict`` into a temporary folder) and
its ``search/search_index.json`` is queried the way the site's lunr search tokenizes it
with ``lang: [en, zh]``: text lower-cased and split at the configured ``separator`` (which
includes U+200B, inserted between Chinese words by ``docs/hooks/zh_search.py``), each token
trimmed of characters that are neither ``\\w`` nor CJK (lunr's multi-language trimmer). A
query term matches a document when it equals one of its tokens (lunr without wildcards).
The test does not run lunr's JavaScript; it checks the index the browser loads and the
configuration it loads it with.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent.parent
_TRIM = re.compile(r"^[^\w\u4e00-\u9fa5]+|[^\w\u4e00-\u9fa5]+$")


@pytest.fixture(scope="session")
def search_index(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
    )
    index: dict[str, Any] = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    return index


def tokens(text: str, separator: str) -> set[str]:
    """The terms lunr indexes for a text: lower-cased, split, trimmed."""
    out = (_TRIM.sub("", t) for t in re.split(separator, text.lower()))
    return {t for t in out if t}


def search(index: dict[str, Any], query: str) -> list[str]:
    """Locations of the documents (pages and sections) that contain every query term."""
    separator = index["config"]["separator"]
    terms = tokens(query, separator)
    return [
        doc["location"]
        for doc in index["docs"]
        if terms <= tokens(doc["title"], separator) | tokens(doc["text"], separator)
    ]


def test_search_is_configured_for_chinese(search_index: dict[str, Any]) -> None:
    config = search_index["config"]
    assert config["lang"] == ["en", "zh"]
    assert re.fullmatch(config["separator"], "\u200b")
    assert re.fullmatch(config["separator"], "，")
    assert config["min_search_length"] <= 2


@pytest.mark.parametrize(
    ("query", "defining_section"),
    [("两不愁三保障", "concepts/#glossary"), ("贫困发生率", "concepts/#glossary")],
)
def test_chinese_term_finds_the_page_that_defines_it(
    search_index: dict[str, Any], query: str, defining_section: str
) -> None:
    hits = search(search_index, query)
    assert defining_section in hits
    assert len(hits) >= 3  # and the rule pages that use it


def test_english_search_still_works(search_index: dict[str, Any]) -> None:
    assert "concepts/#glossary" in search(search_index, "glossary")


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("zh_search", ROOT / "docs/hooks/zh_search.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_segment_keeps_policy_terms_whole_and_leaves_other_text() -> None:
    segment = _hook().segment
    text = "贫困村退出以贫困发生率为主要衡量标准，稳定实现两不愁三保障 (exit)."
    out = segment(text)
    words = re.split(r"[\s\u200b，]+", out)
    assert "贫困发生率" in words and "两不愁三保障" in words
    assert out.replace("\u200b", "") == text
    assert segment("no Chinese here") == "no Chinese here"
