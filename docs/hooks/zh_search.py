"""MkDocs hook: make the built search index findable in Chinese.

The site's search (MkDocs' lunr search, ``lang: [en, zh]``) splits text into words only at
the separator characters configured in ``mkdocs.yml``; Chinese is written without spaces, so
a whole sentence would be one "word" and a query such as 两不愁三保障 would match nothing.
After the build this hook rewrites ``search/search_index.json``: every run of Chinese
characters in a title or text is cut into words (jieba, accurate mode, no HMM guessing,
with jingzhun's policy vocabulary added so that terms such as 两不愁三保障 or 贫困发生率 stay
whole) and the words are joined by ZERO WIDTH SPACE (U+200B), which the search separator
includes and which is invisible in result summaries. Nothing on the pages changes.

A query matches whole words: 贫困发生率 finds the pages that use the term; a query that is
only part of a word, or a phrase, finds it with lunr's trailing wildcard (``贫困*``).
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from pathlib import Path
from typing import Any

ZWSP = "\u200b"
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")

# Policy terms that must stay one word. Jieba's dictionary cuts some of them apart.
VOCABULARY = (
    "两不愁三保障",
    "两不愁",
    "三保障",
    "贫困发生率",
    "综合贫困发生率",
    "建档立卡",
    "建档立卡贫困户",
    "精准扶贫",
    "精准脱贫",
    "六个精准",
    "五个一批",
    "贫困户",
    "贫困村",
    "贫困县",
    "贫困人口",
    "人均纯收入",
    "国家扶贫标准",
    "扶贫标准",
    "驻村工作队",
    "第一书记",
    "第三方评估",
    "错退率",
    "漏评率",
    "群众认可度",
    "致贫原因",
    "脱贫攻坚",
    "扶持对象精准",
    "项目安排精准",
    "资金使用精准",
    "措施到户精准",
    "因村派人精准",
    "脱贫成效精准",
    "贫困退出",
    "动态管理",
)


@cache
def _segmenter() -> Any:
    import jieba  # type: ignore[import-untyped]  # only the docs build needs it

    jieba.setLogLevel(logging.WARNING)
    for word in VOCABULARY:
        jieba.add_word(word, freq=100000)
    return jieba


def segment(text: str) -> str:
    """The text with each run of Chinese characters cut into words joined by U+200B."""

    def cut(m: re.Match[str]) -> str:
        words = _segmenter().cut(m.group(0), HMM=False)
        return ZWSP.join(w for w in words if w)

    return _CJK_RUN.sub(cut, text)


def segment_index(path: Path) -> None:
    """Rewrite a built ``search_index.json`` in place with its Chinese text segmented."""
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"] = segment(doc["title"])
        doc["text"] = segment(doc["text"])
    path.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")


def on_post_build(config: Any, **kwargs: Any) -> None:
    """MkDocs event: runs after the search plugin has written its index."""
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if path.exists():
        segment_index(path)
