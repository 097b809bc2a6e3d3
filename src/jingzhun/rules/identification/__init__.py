"""Identification (识别) of poor households, villages and counties; quotas; the procedure.

Pure functions: each takes domain objects and an explicit decision date ``on`` (and
optionally a :class:`~jingzhun.core.parameters.ParameterSet`) and returns a
:class:`~jingzhun.core.decisions.Decision`.
"""

from jingzhun.rules.identification.county import identify_poor_county
from jingzhun.rules.identification.county_list import check_poor_county_list
from jingzhun.rules.identification.exclusions import exclusion_reasons
from jingzhun.rules.identification.guarantees import considered_guarantees
from jingzhun.rules.identification.household import identify_household
from jingzhun.rules.identification.procedure import check_identification_procedure
from jingzhun.rules.identification.quota import QuotaSelection, select_within_quota
from jingzhun.rules.identification.village import identify_village, poverty_incidence

__all__ = [
    "QuotaSelection",
    "check_identification_procedure",
    "check_poor_county_list",
    "considered_guarantees",
    "exclusion_reasons",
    "identify_household",
    "identify_poor_county",
    "identify_village",
    "poverty_incidence",
    "select_within_quota",
]
