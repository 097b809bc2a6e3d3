"""Exit (退出) of poor households, villages and counties; support kept after exit.

Pure functions of domain objects and an explicit date ``on``. Thresholds, their wording
(以下 / 低于 / 高于 / 不低于), the procedures in their dated versions and the retention regime
are parameters, so the decision shows which wording and version applied.
"""

from jingzhun.rules.exit.county import county_exit
from jingzhun.rules.exit.household import default_income_year, household_exit
from jingzhun.rules.exit.retention import retained_support, support_after_exit
from jingzhun.rules.exit.village import village_exit

__all__ = [
    "county_exit",
    "default_income_year",
    "household_exit",
    "retained_support",
    "support_after_exit",
    "village_exit",
]
