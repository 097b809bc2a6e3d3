"""Shared fixtures."""

from __future__ import annotations

import pytest

from jingzhun import ParameterSet


@pytest.fixture(scope="session")
def params() -> ParameterSet:
    return ParameterSet.bundled()
