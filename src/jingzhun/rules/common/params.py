"""The parameter set a rule reads: the caller's, or the bundled one."""

from __future__ import annotations

from jingzhun.core.parameters import ParameterSet


def param_set(params: ParameterSet | None) -> ParameterSet:
    """``params`` if given, else the parameters shipped with jingzhun."""
    return params if params is not None else ParameterSet.bundled()
