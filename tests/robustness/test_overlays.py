"""Overlay values beyond any policy number, and unknown regions, are refused naming the file."""

from __future__ import annotations

import pytest

from jingzhun import ParameterError, ParameterSet


def overlay(value: str, *, region: str = '"52"') -> str:
    return f"""
schema_version = 1
region = {region}
[[parameter]]
name = "poverty_line.nominal"
  [[parameter.values]]
  from = 2016-01-01
  value = {value}
  status = "local"
  source = {{ title = "test", quote = "test" }}
"""


@pytest.mark.parametrize("value", ['"1e400"', '"1e999999999"', '"1e-20"'])
def test_numbers_out_of_range_are_refused(params: ParameterSet, value: str) -> None:
    with pytest.raises(ParameterError) as info:
        params.with_overlay_text(overlay(value), origin="huge.toml")
    message = str(info.value)
    for part in ("huge.toml", "poverty_line.nominal value from 2016-01-01", "out of range"):
        assert part in message, message


def test_unknown_region_names_the_file(params: ParameterSet) -> None:
    with pytest.raises(ParameterError) as info:
        params.with_overlay_text(overlay('"3000"', region='"99"'), origin="nowhere.toml")
    assert "nowhere.toml" in str(info.value) and "region" in str(info.value)
