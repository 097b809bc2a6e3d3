"""Provincial divisions (GB/T 2260), economic zones, and the sets the policy names.

>>> province("52").name
'贵州省'
>>> province("贵州").is_west
True
>>> province("522701").code
'52'
"""

from __future__ import annotations

from functools import cache

import attrs

from jingzhun.core.errors import UnknownRegionError
from jingzhun.core.labels import Labelled
from jingzhun.core.resources import load_json


class Zone(Labelled):
    """经济区域 per 国家统计局《东西中部和东北地区划分方法》(2011-06-13)."""

    EAST = ("east", "东部", "east")
    CENTRAL = ("central", "中部", "central")
    WEST = ("west", "西部", "west")
    NORTHEAST = ("northeast", "东北", "northeast")


@attrs.frozen(kw_only=True)
class Province:
    """A provincial-level division (省、自治区、直辖市)."""

    code: str
    name: str
    short_name: str
    name_en: str
    zone: Zone
    central_western_22: bool

    @property
    def is_west(self) -> bool:
        """西部地区: the 12 provinces of 西部大开发 (facts.md §5c)."""
        return self.zone is Zone.WEST


@attrs.frozen(kw_only=True)
class Prefecture:
    """A prefecture-level division recorded in the data (比照西部 prefectures)."""

    code: str
    name: str
    name_en: str
    province: str


@cache
def _tables() -> tuple[dict[str, Province], dict[str, Prefecture]]:
    raw = load_json("data", "regions.json")
    provinces = {
        row["code"]: Province(
            code=row["code"],
            name=row["name"],
            short_name=row["short_name"],
            name_en=row["name_en"],
            zone=Zone[row["zone"]],
            central_western_22=row["central_western_22"],
        )
        for row in raw["provinces"]
    }
    prefectures = {
        row["code"]: Prefecture(
            code=row["code"], name=row["name"], name_en=row["name_en"], province=row["province"]
        )
        for row in raw["compare_west_prefectures"]
    }
    return provinces, prefectures


def provinces() -> tuple[Province, ...]:
    """All 31 provincial-level divisions of the mainland, in code order."""
    return tuple(_tables()[0].values())


def normalize_code(code: str) -> str:
    """Check a division code's shape (2, 4 or 6 digits, or a longer village code) and return it.

    Raises :class:`UnknownRegionError` when its province part is not a known province.
    """
    text = str(code).strip()
    if not text.isdigit() or len(text) not in (2, 4, 6, 9, 12):
        raise UnknownRegionError(
            f"行政区划代码格式错误 / malformed division code {code!r}: "
            "expected 2, 4, 6, 9 or 12 digits"
        )
    if text[:2] not in _tables()[0]:
        raise UnknownRegionError(f"未知省级行政区 / unknown province code {text[:2]!r} in {code!r}")
    return text


def province(key: str) -> Province:
    """Look a province up by code (2 digits, or any longer division code) or by name."""
    table = _tables()[0]
    text = str(key).strip()
    if text.isdigit():
        return table[normalize_code(text)[:2]]
    for prov in table.values():
        if (
            text in (prov.name, prov.short_name, prov.name_en)
            or text.lower() == prov.name_en.lower()
        ):
            return prov
    raise UnknownRegionError(f"未知省级行政区 / unknown province {key!r}")


def compare_west_prefectures() -> tuple[Prefecture, ...]:
    """Prefectures covered by 比照西部 policy (恩施, 湘西, and in some lists 延边)."""
    return tuple(_tables()[1].values())


def is_compare_west(code: str) -> bool:
    """Whether a division lies in a 比照西部 prefecture."""
    text = normalize_code(code)
    return len(text) >= 4 and text[:4] + "00" in _tables()[1]


def central_western_22() -> tuple[Province, ...]:
    """The 22 central and western provinces of 《省级党委和政府扶贫开发工作成效考核办法》第二条."""
    return tuple(p for p in provinces() if p.central_western_22)


def canonical_code(code: str) -> str:
    """A division code without its padding: ``'520000'`` → ``'52'``, ``'522700'`` → ``'5227'``.

    GB/T 2260 pads provinces with ``0000`` and prefectures with ``00``; county codes and
    the 2- and 4-digit forms are returned unchanged.
    """
    text = normalize_code(code)
    if len(text) == 6 and text[2:] == "0000":
        return text[:2]
    if len(text) == 6 and text[4:] == "00":
        return text[:4]
    return text


def region_chain(code: str) -> tuple[str, ...]:
    """The ancestors of a division, from province down to itself: ``('52', '5227', '522701')``."""
    text = normalize_code(code)
    chain = [text[:2]]
    for length in (4, 6, 9, 12):
        if len(text) >= length:
            chain.append(text[:length])
    return tuple(chain)
