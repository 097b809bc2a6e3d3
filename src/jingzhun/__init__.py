"""jingzhun (精准): China's targeted poverty-alleviation policy as executable, cited rules.

>>> import jingzhun as jz
>>> h = jz.Household(household_id="H1", county_code="522701", declared_size=2,
...                  income=jz.IncomeStatement(wages="4000", transfers="1400"), income_year=2015)
>>> d = jz.identify_household(h, on="2016-03-31")
>>> d.outcome.zh, d.codes[0]
('符合', 'ID_INCOME_BELOW_LINE')
"""

from __future__ import annotations

__version__ = "0.1.0.dev0"

from jingzhun.catalogue import RuleSpec, clause_status
from jingzhun.citations import (
    Citation,
    Clause,
    Document,
    cite,
    clause,
    clauses,
    document,
    documents,
)
from jingzhun.consistency import check_household_record
from jingzhun.dates import Period, as_date, days_counted
from jingzhun.decisions import Decision, Effect, Evidence, Outcome, ParameterUse, Reason, ReasonCode
from jingzhun.errors import (
    InputError,
    JingzhunError,
    NoValueInForceError,
    ParameterConflictError,
    ParameterError,
    UnknownClauseError,
    UnknownParameterError,
    UnknownRegionError,
)
from jingzhun.identification import (
    QuotaSelection,
    check_identification_procedure,
    check_poor_county_list,
    identify_household,
    identify_poor_county,
    identify_village,
    poverty_incidence,
    select_within_quota,
)
from jingzhun.loaders import (
    LoadResult,
    RecordError,
    VillageCase,
    load_households,
    load_households_text,
    load_villages,
    load_villages_text,
    stream_households,
    stream_villages,
)
from jingzhun.model import (
    Assets,
    County,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    ProcedureFile,
    ProcedureStep,
    ReferenceArea,
    Vehicle,
    Village,
)
from jingzhun.parameters import ParameterSet, ResolvedParameter
from jingzhun.regions import Province, Zone, central_western_22, province, provinces
from jingzhun.vocabulary import (
    ExclusionCriterion,
    Guarantee,
    HealthStatus,
    HouseholdType,
    LabourCapacity,
    PovertyCause,
    QuotaUnit,
    Relation,
    SchoolStatus,
    Sex,
    VehicleKind,
)


def rules() -> tuple[RuleSpec, ...]:
    """Every rule jingzhun implements, with its clause ids and reason codes."""
    from jingzhun.catalogue import registered_rules

    return registered_rules()


__all__ = [
    "Assets",
    "Citation",
    "Clause",
    "County",
    "Decision",
    "Document",
    "Effect",
    "Evidence",
    "ExclusionCriterion",
    "Guarantee",
    "Guarantees",
    "HealthStatus",
    "Household",
    "HouseholdType",
    "IncomeStatement",
    "InputError",
    "JingzhunError",
    "LabourCapacity",
    "LoadResult",
    "Member",
    "NoValueInForceError",
    "Outcome",
    "ParameterConflictError",
    "ParameterError",
    "ParameterSet",
    "ParameterUse",
    "Period",
    "PovertyCause",
    "ProcedureFile",
    "ProcedureStep",
    "Province",
    "QuotaSelection",
    "QuotaUnit",
    "Reason",
    "ReasonCode",
    "RecordError",
    "ReferenceArea",
    "Relation",
    "ResolvedParameter",
    "RuleSpec",
    "SchoolStatus",
    "Sex",
    "UnknownClauseError",
    "UnknownParameterError",
    "UnknownRegionError",
    "Vehicle",
    "VehicleKind",
    "Village",
    "VillageCase",
    "Zone",
    "__version__",
    "as_date",
    "central_western_22",
    "check_household_record",
    "check_identification_procedure",
    "check_poor_county_list",
    "cite",
    "clause",
    "clause_status",
    "clauses",
    "days_counted",
    "document",
    "documents",
    "identify_household",
    "identify_poor_county",
    "identify_village",
    "load_households",
    "load_households_text",
    "load_villages",
    "load_villages_text",
    "poverty_incidence",
    "province",
    "provinces",
    "rules",
    "select_within_quota",
    "stream_households",
    "stream_villages",
]
