"""Identification (识别) of poor households, villages and counties; quotas; the procedure.

Every rule has the one shape ``rule(case, *, on, params=None) -> Decision``; the older
functions that take several arguments (``identify_village``, ``check_poor_county_list``,
``select_within_quota``) are thin wrappers over them.
"""

from jingzhun.rules.identification.county import identify_poor_county
from jingzhun.rules.identification.county_list import check_county_list, check_poor_county_list
from jingzhun.rules.identification.exclusions import exclusion_reasons
from jingzhun.rules.identification.guarantees import considered_guarantees
from jingzhun.rules.identification.household import identify_household
from jingzhun.rules.identification.procedure import check_identification_procedure
from jingzhun.rules.identification.quota import (
    QuotaSelection,
    admit_within_quota,
    select_within_quota,
)
from jingzhun.rules.identification.village import (
    identify_village,
    identify_village_case,
    poverty_incidence,
)

__all__ = [
    "QuotaSelection",
    "admit_within_quota",
    "check_county_list",
    "check_identification_procedure",
    "check_poor_county_list",
    "considered_guarantees",
    "exclusion_reasons",
    "identify_household",
    "identify_poor_county",
    "identify_village",
    "identify_village_case",
    "poverty_incidence",
    "select_within_quota",
]
