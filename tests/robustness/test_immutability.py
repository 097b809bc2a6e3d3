"""Nothing returned by the API can change a later result (issue 8, class 2)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import jingzhun
from builders import household
from jingzhun import ParameterSet, identify_household
from jingzhun.rules import catalogue


def _scribble(obj: Any) -> None:
    """Edit every dict and list reachable from ``obj`` in place."""
    if isinstance(obj, dict):
        for key in list(obj):
            _scribble(obj[key])
            obj[key] = "scribbled"
        obj["extra"] = "scribbled"
    elif isinstance(obj, list):
        for item in obj:
            _scribble(item)
        obj.append("scribbled")


def test_editing_a_decision_dict_does_not_change_later_decisions() -> None:
    first = identify_household(household(), on="2017-06-30")
    expected = copy.deepcopy(first.to_dict())
    json_before = first.to_json()
    _scribble(first.to_dict())
    for reason in first.reasons:
        for use in reason.parameters:
            _scribble(use.to_dict())
        for citation in reason.citations:
            _scribble(citation.to_dict())
    again = identify_household(household(), on="2017-06-30")
    assert again.to_dict() == expected
    assert first.to_json() == json_before


def test_clause_status_is_a_fresh_copy() -> None:
    expected = copy.deepcopy(jingzhun.clause_status())
    _scribble(jingzhun.clause_status())
    assert jingzhun.clause_status() == expected


def test_bundled_overlays_and_table_rows_are_read_only(params: ParameterSet) -> None:
    overlay = next(ov for ov in params.overlays if ov.region == "6109")
    with pytest.raises(TypeError):
        overlay.values["identification.exclusion_list"] = ()  # type: ignore[index]
    resolved = params.resolve("identification.exclusion_list", on="2018-01-01", region="610902")
    rows = resolved.rows()
    assert rows
    with pytest.raises(TypeError):
        rows[0]["id"] = "changed"  # type: ignore[index]
    assert isinstance(rows[0]["criteria"], tuple)
    assert not hasattr(params.overlays[0].values, "clear")


def test_catalogue_specs_hand_out_tuples_and_fresh_dicts() -> None:
    spec = catalogue()[0]
    codes = spec.reason_codes
    assert isinstance(codes, tuple) and isinstance(spec.parameters, tuple)
    before = spec.to_dict()
    _scribble(spec.to_dict())
    assert spec.to_dict() == before
    assert catalogue()[0].reason_codes == codes
