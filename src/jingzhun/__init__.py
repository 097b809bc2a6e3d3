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
from jingzhun.dynamic import (
    Action,
    Adjustment,
    AdjustmentResult,
    RegistryEntry,
    RegistryStatus,
    StatusChange,
    adjust_entry,
    adjust_registry,
    dibao_review_due,
)
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
from jingzhun.exit import (
    county_exit,
    household_exit,
    rate_within,
    retained_support,
    village_exit,
    within,
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
    AnnualIncome,
    Assets,
    County,
    CountyExitCase,
    Guarantees,
    Household,
    IncomeStatement,
    Member,
    ProcedureFile,
    ProcedureStep,
    RateFigure,
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
    "Action",
    "Adjustment",
    "AdjustmentResult",
    "AnnualIncome",
    "Assets",
    "Citation",
    "Clause",
    "County",
    "CountyExitCase",
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
    "RateFigure",
    "Reason",
    "ReasonCode",
    "RecordError",
    "ReferenceArea",
    "RegistryEntry",
    "RegistryStatus",
    "Relation",
    "ResolvedParameter",
    "RuleSpec",
    "SchoolStatus",
    "Sex",
    "StatusChange",
    "UnknownClauseError",
    "UnknownParameterError",
    "UnknownRegionError",
    "Vehicle",
    "VehicleKind",
    "Village",
    "VillageCase",
    "Zone",
    "__version__",
    "adjust_entry",
    "adjust_registry",
    "as_date",
    "central_western_22",
    "check_household_record",
    "check_identification_procedure",
    "check_poor_county_list",
    "cite",
    "clause",
    "clause_status",
    "clauses",
    "county_exit",
    "days_counted",
    "dibao_review_due",
    "document",
    "documents",
    "household_exit",
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
    "rate_within",
    "retained_support",
    "rules",
    "select_within_quota",
    "stream_households",
    "stream_villages",
    "village_exit",
    "within",
]
