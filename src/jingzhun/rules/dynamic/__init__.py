"""Dynamic management (动态管理): the yearly adjustment and the 低保 review interval.

A composite family: it composes the identification and exit rules (still pure) and is
imported by nothing in ``rules`` but itself.
"""

from jingzhun.rules.dynamic.adjustment import (
    Action,
    Adjustment,
    AdjustmentResult,
    adjust_entry,
    adjust_household,
    adjust_registry,
    adjustment_date,
)
from jingzhun.rules.dynamic.dibao import dibao_review, dibao_review_due

__all__ = [
    "Action",
    "Adjustment",
    "AdjustmentResult",
    "adjust_entry",
    "adjust_household",
    "adjust_registry",
    "adjustment_date",
    "dibao_review",
    "dibao_review_due",
]
