"""The whole audit: the six precisions' rules run over one registry, in the decision's order.

Each precision is the module of this family named by its code
(``jingzhun.rules.precision.measures_to_household``), whose ``SPEC`` is the rule.
"""

from __future__ import annotations

import importlib

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.audit import AuditReport, PrecisionResult, SixPrecision
from jingzhun.domain.county_registry import CountyRegistry
from jingzhun.rules.common.params import param_set


def precision_rule(precision: SixPrecision) -> RuleSpec:
    """The declared rule auditing one precision."""
    module = importlib.import_module(f"{__package__}.{precision.value}")
    spec: RuleSpec = module.SPEC
    return spec


def audit_six_precisions(
    registry: CountyRegistry, *, on: DateLike, params: ParameterSet | None = None
) -> AuditReport:
    """Audit ``registry`` on ``on`` for each of the six precisions (see each rule's page)."""
    day = as_date(on)
    ps = param_set(params)
    results = tuple(
        PrecisionResult(precision=p, decision=precision_rule(p).apply(registry, on=day, params=ps))
        for p in SixPrecision
    )
    return AuditReport(county_code=registry.county_code, on=day, results=results)
