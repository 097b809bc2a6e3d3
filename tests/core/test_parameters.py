"""Dated parameters and overlays: periods, sources, statuses; conflicting overlays are errors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jingzhun import (
    NoValueInForceError,
    ParameterConflictError,
    ParameterError,
    ParameterSet,
    UnknownParameterError,
)

NATIONAL_LINES = {
    2010: "2300",
    2011: "2536",
    2012: "2625",
    2013: "2736",
    2014: "2800",
    2015: "2855",
    2016: "2952",
    2017: "2952",
    2018: "2995",
    2019: "3218",
    2020: "4000",
}
STATUS = {2017: "unconfirmed", 2018: "unconfirmed", 2019: "partial"}


@pytest.mark.parametrize(("year", "value"), NATIONAL_LINES.items())
def test_poverty_line_series_by_year(params: ParameterSet, year: int, value: str) -> None:
    """BOOK2017-ch1-2: 2300 yuan at 2010 prices, re-priced yearly (facts.md §1b)."""
    for day in (f"{year}-01-01", f"{year}-12-31"):
        p = params.resolve("poverty_line.nominal", on=day)
        assert p.value == Decimal(value)
        assert p.status == STATUS.get(year, "confirmed")
        assert p.source.quote


def test_poverty_line_base_is_2300_at_2010_prices(params: ParameterSet) -> None:
    p = params.resolve("poverty_line.base_2010", on="2016-01-01")
    assert p.value == Decimal(2300)
    assert p.source.clause_id == "BOOK2017-ch1-2"
    assert p.source.locator == "第一章 二、"


def test_no_line_before_2010(params: ParameterSet) -> None:
    with pytest.raises(NoValueInForceError):
        params.resolve("poverty_line.nominal", on="2009-12-31")


def test_periods_are_half_open(params: ParameterSet) -> None:
    p = params.resolve("poverty_line.nominal", on="2015-12-31")
    assert p.period.end is not None and p.period.end.isoformat() == "2016-01-01"
    assert params.resolve("poverty_line.nominal", on="2016-01-01").value == Decimal(2952)


def test_exit_thresholds_for_later_capabilities(params: ParameterSet) -> None:
    """EXIT2016-3.2-b / 3.3-b: 降至2％以下（西部地区降至3％以下）."""
    assert params.resolve("exit.village.incidence_threshold", on="2017-01-01").value == Decimal(
        "0.02"
    )
    assert params.resolve("exit.county.incidence_threshold_west", on="2017-01-01").value == Decimal(
        "0.03"
    )
    with pytest.raises(NoValueInForceError):
        params.resolve("exit.village.incidence_threshold", on="2016-04-27")


def test_overlay_applies_to_its_region_and_below_only(params: ParameterSet) -> None:
    key = "village_identification.require_no_collective_income"
    assert params.resolve(key, on="2015-01-01", region="65").value is False
    assert params.resolve(key, on="2015-01-01", region="652927").value is False
    assert params.resolve(key, on="2015-01-01", region="652927").overlay == "65"
    assert params.resolve(key, on="2015-01-01", region="522701").value is True
    assert params.resolve(key, on="2015-01-01").overlay is None


def test_in_force_lists_every_parameter_with_a_value(params: ParameterSet) -> None:
    names = {p.name for p in params.in_force(on="2016-06-30", region="52")}
    assert "poverty_line.nominal" in names
    assert "exit.village.incidence_threshold" in names
    assert names <= set(params.names())


OVERLAY = """
schema_version = 1
region = "{region}"
[[parameter]]
name = "identification.notice_period_days"
  [[parameter.values]]
  from = {start}
  value = {days}
  status = "local"
  source = {{ title = "test", quote = "test" }}
"""


def test_province_overlay_changes_the_national_value(params: ParameterSet) -> None:
    ps = params.with_overlay_text(OVERLAY.format(region="52", start="2015-01-01", days=7))
    p = ps.resolve("identification.notice_period_days", on="2016-01-01", region="522701")
    assert (p.value, p.overlay) == (7, "52")
    assert (
        ps.resolve("identification.notice_period_days", on="2014-06-01", region="522701").value == 5
    )


def test_the_most_specific_region_wins(params: ParameterSet) -> None:
    """A province and a county overlay both setting one parameter for one date: the county's
    value applies inside the county, the province's elsewhere in the province (issue 7 item 8:
    a prefecture overlay takes precedence over its province's)."""
    ps = params.with_overlay_text(OVERLAY.format(region="52", start="2015-01-01", days=7))
    ps = ps.with_overlay_text(OVERLAY.format(region="522701", start="2015-06-01", days=10))
    inside = ps.resolve("identification.notice_period_days", on="2016-01-01", region="522701")
    assert (inside.value, inside.overlay) == (10, "522701")
    elsewhere = ps.resolve("identification.notice_period_days", on="2016-01-01", region="520102")
    assert (elsewhere.value, elsewhere.overlay) == (7, "52")


def test_two_overlays_of_one_region_claiming_a_value_are_an_error(params: ParameterSet) -> None:
    """Two overlays of the same region setting one parameter for one date: error, no pick."""
    ps = params.with_overlay_text(OVERLAY.format(region="52", start="2015-01-01", days=7))
    with pytest.raises(ParameterConflictError, match="both set"):
        ps.with_overlay_text(OVERLAY.format(region="52", start="2015-06-01", days=10))


def test_two_overlays_for_the_same_region_conflict_at_load(params: ParameterSet) -> None:
    ps = params.with_overlay_text(OVERLAY.format(region="52", start="2015-01-01", days=7))
    with pytest.raises(ParameterConflictError):
        ps.with_overlay_text(OVERLAY.format(region="52", start="2016-01-01", days=9))


def test_overlay_of_unknown_parameter_is_rejected(params: ParameterSet) -> None:
    bad = OVERLAY.format(region="52", start="2015-01-01", days=7).replace(
        "identification.notice_period_days", "identification.no_such_thing"
    )
    with pytest.raises(UnknownParameterError):
        params.with_overlay_text(bad)


def test_overlay_failing_the_schema_lists_the_problem(params: ParameterSet) -> None:
    bad = OVERLAY.format(region="52", start="2015-01-01", days=7).replace(
        'status = "local"', 'status = "maybe"'
    )
    with pytest.raises(ParameterError, match="status"):
        params.with_overlay_text(bad)


def test_money_parameter_refuses_floats(params: ParameterSet) -> None:
    text = """
schema_version = 1
scope = "national"
[[parameter]]
name = "poverty_line.test"
label_zh = "x"
label_en = "x"
type = "money"
  [[parameter.values]]
  from = 2010-01-01
  value = 2300.5
  status = "confirmed"
  source = { title = "t", quote = "q" }
"""
    with pytest.raises(ParameterError, match="float"):
        ParameterSet.from_texts(text)


def test_overlapping_values_in_one_file_are_an_error() -> None:
    text = """
schema_version = 1
scope = "national"
[[parameter]]
name = "a.b"
label_zh = "x"
label_en = "x"
type = "integer"
  [[parameter.values]]
  from = 2010-01-01
  until = 2012-01-01
  value = 1
  status = "confirmed"
  source = { title = "t", quote = "q" }
  [[parameter.values]]
  from = 2011-01-01
  value = 2
  status = "confirmed"
  source = { title = "t", quote = "q" }
"""
    with pytest.raises(ParameterConflictError, match="overlap"):
        ParameterSet.from_texts(text)


def test_every_bundled_value_has_a_source_and_a_status(params: ParameterSet) -> None:
    for name in params.names():
        for v in params.parameter(name).values:
            assert v.source.title and v.source.quote, name
            assert v.status in ("confirmed", "partial", "unconfirmed", "secondary", "local")
    for ov in params.overlays:
        for name, values in ov.values.items():
            assert all(v.source.quote for v in values), (ov.region, name)


def test_overlay_with_padded_region_code_applies(params: ParameterSet) -> None:
    ps = params.with_overlay_text(OVERLAY.format(region="520000", start="2015-01-01", days=7))
    assert (
        ps.resolve("identification.notice_period_days", on="2016-01-01", region="522701").value == 7
    )
