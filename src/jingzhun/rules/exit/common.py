"""Shared by the exit rules: regional thresholds, their labels, the 比照西部 note, and reported
rates against counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache
from typing import Final

from jingzhun.core.citations import Citation
from jingzhun.core.decisions import Effect, Reason, ReasonCode
from jingzhun.core.money import percent
from jingzhun.core.parameter_files import value_source
from jingzhun.core.parameters import ParameterSet, ResolvedParameter
from jingzhun.core.regions import compare_west_prefectures, normalize_code, province
from jingzhun.core.resources import load_json

COMPARE_WEST = ReasonCode(
    code="EXIT_COMPARE_WEST_PREFECTURE",
    zh="{prefecture}属比照西部地区政策的地区（来源{status}）；其贫困{level}退出适用2%还是西部地区3%"
    "的标准，文件未明确，有争议；本判定适用{label}标准{threshold}",
    en="{prefecture_en} is covered by western-region policy (比照西部, source {status}); whether "
    "its {level_en} exit takes 2% or the western 3% is not settled by the texts; this decision "
    "applies the {label_en} threshold of {threshold}",
)

EXIT_COMMON_CODES: Final = (COMPARE_WEST,)


def regional_threshold(
    ps: ParameterSet, base: str, region: str, day: dt.date
) -> tuple[ResolvedParameter, bool]:
    west = province(region).is_west
    return ps.resolve(f"{base}_west" if west else base, on=day, region=region), west


def threshold_label(
    ps: ParameterSet, base: str, threshold: ResolvedParameter, region: str, west: bool
) -> tuple[str, str]:
    """Whose standard the threshold applied is (zh, en): 西部地区, 中东部, or — when an overlay
    set it — 比照西部地区 (a 比照西部 prefecture given the western value) or the overlay's own."""
    if west:
        return "西部地区", "western"
    if threshold.overlay is None:
        return "中东部", "non-western"
    west_value = ps.resolve(f"{base}_west", on=threshold.period.start, region=region).value
    if _compare_west_prefecture(region) is not None and threshold.value == west_value:
        return "比照西部地区", "as-western (比照西部)"
    return f"地方（叠加层{threshold.overlay}）", f"local (overlay {threshold.overlay})"


def compare_west_note(
    threshold: ResolvedParameter, region: str, label: tuple[str, str], *, county: bool
) -> Reason | None:
    """In a 比照西部 prefecture (恩施, 湘西, 延边): say so, and that the threshold is contested."""
    prefecture = _compare_west_prefecture(region)
    if prefecture is None:
        return None
    source = _compare_west_source()
    return COMPARE_WEST(
        Effect.NOTE,
        parameters=(threshold.use(),),
        citations=(threshold.source, source),
        prefecture=prefecture[0],
        prefecture_en=prefecture[1],
        status=source.status,
        level="县" if county else "村",
        level_en="county" if county else "village",
        label=label[0],
        label_en=label[1],
        threshold=percent(threshold.decimal(), 0),
    )


def _compare_west_prefecture(region: str) -> tuple[str, str] | None:
    code = normalize_code(region)[:4] + "00"
    for p in compare_west_prefectures():
        if p.code == code:
            return p.name, p.name_en
    return None


@cache
def _compare_west_source() -> Citation:
    raw = load_json("data", "regions.json")["sources"]["compare_west"]
    return value_source(raw, raw.get("status", "partial"))


def contradicts(reported: Decimal, computed: Decimal) -> bool:
    """Whether a reported rate disagrees with the computed one beyond its own rounding.

    A rate written with decimals is taken to be rounded at its last digit; ``0`` or ``1``
    without decimals is taken as exact.
    """
    return abs(reported - computed) > _tolerance(reported)


def falls_short(reported: Decimal, lower_bound: Decimal) -> bool:
    """Whether a reported rate is below a computed lower bound beyond its own rounding."""
    return lower_bound - reported > _tolerance(reported)


def _tolerance(reported: Decimal) -> Decimal:
    exponent = reported.as_tuple().exponent
    assert isinstance(exponent, int)
    return Decimal(1).scaleb(exponent) / 2 if exponent < 0 else Decimal(0)
