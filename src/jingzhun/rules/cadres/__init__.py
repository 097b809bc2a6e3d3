"""Village teams and first secretaries (驻村帮扶，因村派人): one rule per check of a village.

Pure functions of a :class:`~jingzhun.domain.county_registry.VillageRecord` and a date ``on``.
The requirements' dates, the stable-exit reading (``cadres.stable_exit_months``), the minimum
term and the needs-to-backgrounds table are parameters (``data/parameters/cadres.toml``).
"""

from jingzhun.rules.cadres.matching import village_matching
from jingzhun.rules.cadres.presence import village_presence
from jingzhun.rules.cadres.term import posting_terms
from jingzhun.rules.cadres.withdrawal import village_withdrawal

__all__ = ["posting_terms", "village_matching", "village_presence", "village_withdrawal"]
