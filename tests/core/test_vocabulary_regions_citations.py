"""Regions (GB/T 2260, NBS zones, the 22 provinces), clause registry, vocabularies, dates."""

from __future__ import annotations

import datetime as dt

import pytest

import jingzhun as jz
from jingzhun.core.dates import Period, days_counted
from jingzhun.core.regions import compare_west_prefectures, is_compare_west, region_chain
from jingzhun.domain.vocabulary import LabourCapacity, PovertyCause


def test_31_provinces_with_codes() -> None:
    provs = jz.provinces()
    assert len(provs) == 31
    assert jz.province("52").name == "贵州省"
    assert jz.province("贵州").code == "52"
    assert jz.province("Guizhou").code == "52"
    assert jz.province("522701").code == "52"


def test_twelve_western_provinces() -> None:
    """facts.md §5c: 西部大开发 covers 12 provinces (国家统计局 2011 zones agree)."""
    west = {p.short_name for p in jz.provinces() if p.is_west}
    assert west == {
        "重庆",
        "四川",
        "贵州",
        "云南",
        "西藏",
        "陕西",
        "甘肃",
        "青海",
        "宁夏",
        "新疆",
        "内蒙古",
        "广西",
    }


def test_22_central_western_provinces() -> None:
    """ASSESS2016-art2: 本办法适用于中西部22个省（自治区、直辖市）."""
    names = {p.short_name for p in jz.central_western_22()}
    assert len(names) == 22
    assert {"河北", "海南", "吉林", "黑龙江"} <= names
    assert "广东" not in names


def test_compare_west_prefectures_are_data_and_follow_their_province() -> None:
    codes = {p.code for p in compare_west_prefectures()}
    assert {"422800", "433100"} <= codes
    assert is_compare_west("422801")
    assert not jz.province("42").is_west  # 恩施 follows 湖北 unless an overlay says otherwise


@pytest.mark.parametrize("bad", ["99", "9901", "12345", "abc", "", "5227011"])
def test_unknown_or_malformed_region_is_a_clear_error(bad: str) -> None:
    with pytest.raises(jz.UnknownRegionError):
        jz.province(bad)


def test_unknown_province_name() -> None:
    with pytest.raises(jz.UnknownRegionError, match="unknown province"):
        jz.province("火星")


def test_region_chain() -> None:
    assert region_chain("522701") == ("52", "5227", "522701")


def test_clause_registry_has_the_inventory() -> None:
    assert len(jz.clauses()) == 430
    c = jz.cite("EXIT2016-3.2-b")
    assert c.title == "关于建立贫困退出机制的意见"
    assert c.locator == "三、（二）"
    assert "2％以下" in c.quote
    assert c.issuer == "中共中央办公厅、国务院办公厅"
    with pytest.raises(jz.UnknownClauseError):
        jz.clause("NOPE-1")


def test_book_citations_are_marked_secondary() -> None:
    assert jz.cite("BOOK2017-ch5-end-b").status == "secondary"
    assert jz.cite("EXIT2016-3.1-b").status == "confirmed"


def test_poverty_cause_form_order_and_labels() -> None:
    """facts.md §3a: the 2014 form's order, codes 01–11, 其它 last."""
    assert [c.zh for c in PovertyCause][:3] == ["因病", "因残", "因学"]
    assert PovertyCause.ILLNESS.form_code == "01"
    assert PovertyCause.parse("缺劳动力") is PovertyCause.LACK_OF_LABOUR
    assert PovertyCause.parse("08") is PovertyCause.LACK_OF_LABOUR
    assert PovertyCause.parse("其他") is PovertyCause.OTHER
    with pytest.raises(ValueError, match="unknown PovertyCause"):
        PovertyCause.parse("因懒")
    assert str(PovertyCause.DISABILITY) == "因残"
    assert LabourCapacity.parse("半劳动力") is LabourCapacity.WEAK


def test_days_counted_without_the_first_day() -> None:
    """民法典第二百零一条: 开始的当日不计入."""
    assert days_counted(dt.date(2016, 3, 1), dt.date(2016, 3, 6)) == 5
    assert days_counted(dt.date(2016, 2, 27), dt.date(2016, 3, 1)) == 3  # leap year


def test_period_is_half_open() -> None:
    p = Period("2016-01-01", "2017-01-01")
    assert jz.as_date("2016-12-31") in p
    assert jz.as_date("2017-01-01") not in p
    with pytest.raises(ValueError, match="empty period"):
        Period("2016-01-01", "2016-01-01")


@pytest.mark.parametrize("bad", ["2016-13-01", "2016-02-30", "yesterday", "2016/01/01"])
def test_bad_dates_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="date"):
        jz.as_date(bad)


def test_datetime_is_not_a_rule_date() -> None:
    with pytest.raises(TypeError):
        jz.as_date(dt.datetime(2016, 1, 1))
