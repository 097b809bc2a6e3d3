"""Record consistency checks of a household, like those registry systems run (peers.md §5)."""

from jingzhun.rules.consistency.household_record import check_household_record

__all__ = ["check_household_record"]
