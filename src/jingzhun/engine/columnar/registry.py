"""The kernels, keyed by rule id: what batch, the CLI and Spark are driven from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import attrs

from jingzhun.core.catalogue import RuleSpec
from jingzhun.core.decisions import Decision
from jingzhun.engine.columnar.contract import Kernel


@attrs.frozen(kw_only=True)
class KernelEntry:
    """A rule's kernel: its id, spec, scalar rule (the reference), the subject id column."""

    rule_id: str
    spec: RuleSpec
    kernel: Kernel
    rule: Callable[..., Decision]
    id_column: str
    layout: str
    fallback: Callable[..., tuple[list[str], list[list[str]]]] | None = None
    """The rows' scalar decisions (``None``: households rebuilt as records)."""


def _household_kernels() -> tuple[KernelEntry, ...]:
    from jingzhun.engine.columnar import exit_household, identification
    from jingzhun.rules.exit import household as exit_rule
    from jingzhun.rules.identification import household as id_rule

    return (
        KernelEntry(
            rule_id=id_rule.HOUSEHOLD_RULE,
            spec=id_rule.SPEC,
            kernel=identification.kernel,
            rule=id_rule.identify_household,
            id_column="household_id",
            layout="household",
        ),
        KernelEntry(
            rule_id=exit_rule.HOUSEHOLD_EXIT,
            spec=exit_rule.SPEC,
            kernel=exit_household.kernel,
            rule=exit_rule.household_exit,
            id_column="household_id",
            layout="household",
        ),
    )


def _village_kernels() -> tuple[KernelEntry, ...]:
    from jingzhun.engine.columnar import exit_village, identification_village
    from jingzhun.rules.exit import village as village_rule
    from jingzhun.rules.identification import village as id_village_rule

    return (
        KernelEntry(
            rule_id=id_village_rule.VILLAGE_RULE,
            spec=id_village_rule.SPEC,
            kernel=identification_village.kernel,
            rule=id_village_rule.identify_village_case,
            id_column="village_id",
            layout="village",
            fallback=identification_village.decide_rows,
        ),
        KernelEntry(
            rule_id=village_rule.VILLAGE_EXIT,
            spec=village_rule.SPEC,
            kernel=exit_village.kernel,
            rule=village_rule.village_exit,
            id_column="village_id",
            layout="village",
            fallback=exit_village.decide_rows,
        ),
    )


def _registry_kernels() -> tuple[KernelEntry, ...]:
    from jingzhun.engine.columnar import adjustment
    from jingzhun.rules.dynamic import adjustment as adjustment_rule

    return (
        KernelEntry(
            rule_id=adjustment_rule.RULE,
            spec=adjustment_rule.SPEC,
            kernel=adjustment.kernel,
            rule=adjustment_rule.adjust_household,
            id_column="household_id",
            layout="household",
            fallback=adjustment.decide_rows,
        ),
    )


KERNELS: Final = {
    k.rule_id: k for k in (*_household_kernels(), *_village_kernels(), *_registry_kernels())
}
"""Rule id → its kernel entry."""
