"""jingzhun (精准): China's targeted poverty-alleviation policy as executable, cited rules.

>>> import jingzhun as jz
>>> h = jz.Household(household_id="H1", county_code="522701", declared_size=2,
...                  income=jz.IncomeStatement(wages="4000", transfers="1400"), income_year=2015)
>>> d = jz.identify_household(h, on="2016-03-31")
>>> d.outcome.zh, d.codes[0]
('符合', 'ID_INCOME_BELOW_LINE')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0.dev0"

if TYPE_CHECKING:  # the names, for type checkers; at run time they load on first use
    from jingzhun.core.bounds import RateFigure, rate_within, within
    from jingzhun.core.catalogue import RuleOption, RuleSpec, clause_status
    from jingzhun.core.citations import (
        Citation,
        Clause,
        Document,
        cite,
        clause,
        clauses,
        document,
        documents,
    )
    from jingzhun.core.dates import Period, as_date, days_counted
    from jingzhun.core.decisions import (
        Decision,
        Effect,
        Evidence,
        Outcome,
        ParameterUse,
        Reason,
        ReasonCode,
    )
    from jingzhun.core.errors import (
        InputError,
        InvalidArgumentError,
        InvalidDateError,
        JingzhunError,
        NoValueInForceError,
        ParameterConflictError,
        ParameterError,
        UnknownClauseError,
        UnknownCodeError,
        UnknownOptionError,
        UnknownParameterError,
        UnknownReasonError,
        UnknownRecordKindError,
        UnknownRegionError,
        UnknownRuleError,
        UnknownSchemaError,
        UnsupportedSchemaVersionError,
    )
    from jingzhun.core.parameters import ParameterSet, ResolvedParameter
    from jingzhun.core.provenance import Provenance, library_version
    from jingzhun.core.references import References, citation_id, parameter_id
    from jingzhun.core.regions import Province, Zone, central_western_22, province, provinces
    from jingzhun.core.statistics import (
        Estimate,
        kish_design_effect,
        sample_size_for_margin,
        sample_size_to_show,
    )
    from jingzhun.domain.assessment import AssessmentCalendar, AssessmentCase, AssessmentPlan, Grade
    from jingzhun.domain.audit import (
        AuditReport,
        EntityKind,
        Finding,
        PrecisionResult,
        Responsible,
        Severity,
        SixPrecision,
        Summary,
    )
    from jingzhun.domain.cases import (
        CountyList,
        DibaoReview,
        ExitedSubject,
        QuotaCase,
        VillageCase,
    )
    from jingzhun.domain.classification import (
        DibaoStandard,
        LivingArea,
        Pathway,
        PlanCase,
        PlanVerdict,
    )
    from jingzhun.domain.county_registry import (
        CountyRegistry,
        HouseholdFile,
        VillageRecord,
    )
    from jingzhun.domain.evaluation import (
        Approval,
        CountyExitEvaluation,
        EvaluationCase,
        SampledHousehold,
        SampleKind,
        SamplingDesign,
        Satisfaction,
    )
    from jingzhun.domain.model import (
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
        ReferenceArea,
        Vehicle,
        Village,
    )
    from jingzhun.domain.registry import RegistryEntry, RegistryStatus, StatusChange
    from jingzhun.domain.responsibility import (
        AssistancePairing,
        CountyLeadership,
        Duty,
        DutyLevel,
        LeaderRole,
        LeaderTerm,
        LeavingReason,
        MeetingBody,
        MeetingLog,
        SecretaryLevel,
        Visit,
        VisitLog,
        WorkingDaysLog,
        citations_for,
        duties_of,
    )
    from jingzhun.domain.support import (
        CadreBackground,
        CadreRole,
        FundFlow,
        FundRecord,
        FundSource,
        HouseholdPlan,
        MeasureKind,
        MeasureReceived,
        Notice,
        Posting,
        Project,
        VillageNeed,
        VillagePlan,
    )
    from jingzhun.domain.vocabulary import (
        DibaoKind,
        ExclusionCriterion,
        ExitLevel,
        Guarantee,
        HealthStatus,
        HouseholdType,
        LabourCapacity,
        PovertyCause,
        ProcedureLevel,
        QuotaUnit,
        ReferenceLevel,
        Relation,
        SchoolStatus,
        Sex,
        VehicleKind,
    )
    from jingzhun.io.assessment import load_assessment_case, load_plan_file
    from jingzhun.io.county_registry import (
        RegistryLoad,
        load_county_registry,
        load_county_registry_text,
    )
    from jingzhun.io.evaluation import EvaluationLoad, load_evaluation, load_evaluation_text
    from jingzhun.io.frames import decisions_to_frame, households_from_frame, households_to_frame
    from jingzhun.io.loaders import (
        load_households,
        load_households_text,
        load_plan_cases_text,
        load_villages,
        load_villages_text,
        stream_households,
        stream_villages,
    )
    from jingzhun.io.records import LoadResult, RecordError
    from jingzhun.reports.exports import export_decisions, export_findings
    from jingzhun.rules.assessment.calendar import assessment_calendar
    from jingzhun.rules.assessment.plan import assessment_plan
    from jingzhun.rules.assessment.province import province_assessment
    from jingzhun.rules.cadres.matching import village_matching
    from jingzhun.rules.cadres.presence import village_presence
    from jingzhun.rules.cadres.term import posting_terms
    from jingzhun.rules.cadres.withdrawal import village_withdrawal
    from jingzhun.rules.classification.dibao_coverage import dibao_coverage
    from jingzhun.rules.classification.pathway import household_pathway
    from jingzhun.rules.classification.plan import household_plan
    from jingzhun.rules.classification.plan_check import plan_check
    from jingzhun.rules.classification.two_lines import two_lines
    from jingzhun.rules.consistency.household_record import check_household_record
    from jingzhun.rules.dynamic.adjustment import (
        Action,
        Adjustment,
        AdjustmentResult,
        adjust_entry,
        adjust_household,
        adjust_registry,
    )
    from jingzhun.rules.dynamic.dibao import dibao_review, dibao_review_due
    from jingzhun.rules.evaluation.county import evaluation_county
    from jingzhun.rules.evaluation.county_exit import (
        county_exit_case,
        evaluation_county_exit,
        exit_rates,
    )
    from jingzhun.rules.exit.county import county_exit
    from jingzhun.rules.exit.household import household_exit
    from jingzhun.rules.exit.retention import retained_support, support_after_exit
    from jingzhun.rules.exit.village import village_exit
    from jingzhun.rules.identification.county import identify_poor_county
    from jingzhun.rules.identification.county_list import check_county_list, check_poor_county_list
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
    from jingzhun.rules.precision.audit import (
        audit_six_precisions,
    )
    from jingzhun.rules.precision.beneficiaries import (
        audit_beneficiaries,
    )
    from jingzhun.rules.precision.exit_outcomes import (
        audit_exit_outcomes,
    )
    from jingzhun.rules.precision.funds import (
        audit_funds,
    )
    from jingzhun.rules.precision.measures_to_household import (
        audit_measures_to_household,
    )
    from jingzhun.rules.precision.projects import (
        audit_projects,
    )
    from jingzhun.rules.precision.village_dispatch import audit_village_dispatch
    from jingzhun.rules.responsibility.leader_tenure import leader_tenure
    from jingzhun.rules.responsibility.meetings import meetings
    from jingzhun.rules.responsibility.unit_pairing import unit_pairing
    from jingzhun.rules.responsibility.visits import visits
    from jingzhun.rules.responsibility.working_days import working_days

# fmt: off
_EXPORTS: dict[str, tuple[str, ...]] = {
    "jingzhun.io.frames": ("decisions_to_frame", "households_from_frame", "households_to_frame"),
    "jingzhun.reports.exports": ("export_decisions", "export_findings"),
    "jingzhun.domain.assessment": (
        "AssessmentCalendar", "AssessmentCase", "AssessmentPlan", "Grade"
    ),
    "jingzhun.io.assessment": ("load_assessment_case", "load_plan_file"),
    "jingzhun.rules.assessment.calendar": ("assessment_calendar",),
    "jingzhun.rules.assessment.plan": ("assessment_plan",),
    "jingzhun.rules.assessment.province": ("province_assessment",),
    "jingzhun.core.statistics": (
        "Estimate", "kish_design_effect", "sample_size_for_margin", "sample_size_to_show"
    ),
    "jingzhun.domain.evaluation": (
        "Approval", "CountyExitEvaluation", "EvaluationCase", "SampleKind", "SampledHousehold",
        "SamplingDesign", "Satisfaction"
    ),
    "jingzhun.io.evaluation": ("EvaluationLoad", "load_evaluation", "load_evaluation_text"),
    "jingzhun.rules.evaluation.county": ("evaluation_county",),
    "jingzhun.rules.evaluation.county_exit": (
        "county_exit_case", "evaluation_county_exit", "exit_rates"
    ),
    "jingzhun.core.bounds": ("RateFigure", "rate_within", "within"),
    "jingzhun.domain.responsibility": (
        "AssistancePairing", "CountyLeadership", "Duty", "DutyLevel", "LeaderRole", "LeaderTerm",
        "LeavingReason", "MeetingBody", "MeetingLog", "SecretaryLevel", "Visit", "VisitLog",
        "WorkingDaysLog", "citations_for", "duties_of"
    ),
    "jingzhun.rules.responsibility.leader_tenure": ("leader_tenure",),
    "jingzhun.rules.responsibility.meetings": ("meetings",),
    "jingzhun.rules.responsibility.unit_pairing": ("unit_pairing",),
    "jingzhun.rules.responsibility.visits": ("visits",),
    "jingzhun.rules.responsibility.working_days": ("working_days",),
    "jingzhun.domain.classification": (
        "DibaoStandard", "LivingArea", "Pathway", "PlanCase", "PlanVerdict"
    ),
    "jingzhun.rules.classification.pathway": ("household_pathway",),
    "jingzhun.rules.classification.plan": ("household_plan",),
    "jingzhun.rules.classification.plan_check": ("plan_check",),
    "jingzhun.rules.classification.dibao_coverage": ("dibao_coverage",),
    "jingzhun.rules.classification.two_lines": ("two_lines",),
    "jingzhun.rules.cadres.presence": ("village_presence",),
    "jingzhun.rules.cadres.withdrawal": ("village_withdrawal",),
    "jingzhun.rules.cadres.term": ("posting_terms",),
    "jingzhun.rules.cadres.matching": ("village_matching",),
    "jingzhun.rules.precision.village_dispatch": ("audit_village_dispatch",),
    "jingzhun.domain.audit": (
        "AuditReport", "EntityKind", "Finding", "PrecisionResult", "Responsible", "Severity",
        "SixPrecision", "Summary"
    ),
    "jingzhun.domain.county_registry": ("CountyRegistry", "HouseholdFile", "VillageRecord"),
    "jingzhun.domain.support": (
        "CadreBackground", "CadreRole", "FundFlow", "FundRecord", "FundSource", "HouseholdPlan",
        "MeasureKind", "MeasureReceived", "Notice", "Posting", "Project", "VillageNeed",
        "VillagePlan"
    ),
    "jingzhun.io.county_registry": (
        "RegistryLoad", "load_county_registry", "load_county_registry_text"
    ),
    "jingzhun.rules.precision.audit": ("audit_six_precisions",),
    "jingzhun.rules.precision.beneficiaries": ("audit_beneficiaries",),
    "jingzhun.rules.precision.exit_outcomes": ("audit_exit_outcomes",),
    "jingzhun.rules.precision.funds": ("audit_funds",),
    "jingzhun.rules.precision.measures_to_household": ("audit_measures_to_household",),
    "jingzhun.rules.precision.projects": ("audit_projects",),
    "jingzhun.core.catalogue": ("RuleOption", "RuleSpec", "clause_status"),
    "jingzhun.core.citations": (
        "Citation", "Clause", "Document", "cite", "clause", "clauses", "document", "documents"
    ),
    "jingzhun.core.dates": ("Period", "as_date", "days_counted"),
    "jingzhun.core.decisions": (
        "Decision", "Effect", "Evidence", "Outcome", "ParameterUse", "Reason", "ReasonCode"
    ),
    "jingzhun.core.errors": (
        "InputError", "InvalidArgumentError", "InvalidDateError", "JingzhunError",
        "NoValueInForceError", "ParameterConflictError", "ParameterError", "UnknownClauseError",
        "UnknownCodeError", "UnknownOptionError", "UnknownParameterError", "UnknownReasonError",
        "UnknownRecordKindError", "UnknownRegionError", "UnknownRuleError",
        "UnknownSchemaError", "UnsupportedSchemaVersionError"
    ),
    "jingzhun.core.parameters": ("ParameterSet", "ResolvedParameter"),
    "jingzhun.core.provenance": ("Provenance", "library_version"),
    "jingzhun.core.references": ("References", "citation_id", "parameter_id"),
    "jingzhun.core.regions": ("Province", "Zone", "central_western_22", "province", "provinces"),
    "jingzhun.domain.cases": (
        "CountyList", "DibaoReview", "ExitedSubject", "QuotaCase", "VillageCase"
    ),
    "jingzhun.domain.model": (
        "AnnualIncome", "Assets", "County", "CountyExitCase", "Guarantees", "Household",
        "IncomeStatement", "Member", "ProcedureFile", "ProcedureStep", "ReferenceArea", "Vehicle",
        "Village"
    ),
    "jingzhun.domain.registry": ("RegistryEntry", "RegistryStatus", "StatusChange"),
    "jingzhun.domain.vocabulary": (
        "DibaoKind", "ExclusionCriterion", "ExitLevel", "Guarantee", "HealthStatus",
        "HouseholdType", "LabourCapacity", "PovertyCause", "ProcedureLevel", "QuotaUnit",
        "ReferenceLevel", "Relation", "SchoolStatus", "Sex", "VehicleKind"
    ),
    "jingzhun.io.loaders": (
        "load_households", "load_households_text", "load_plan_cases_text", "load_villages",
        "load_villages_text", "stream_households", "stream_villages"
    ),
    "jingzhun.io.records": ("LoadResult", "RecordError"),
    "jingzhun.rules.consistency.household_record": ("check_household_record",),
    "jingzhun.rules.dynamic.adjustment": (
        "Action", "Adjustment", "AdjustmentResult", "adjust_entry", "adjust_household",
        "adjust_registry"
    ),
    "jingzhun.rules.dynamic.dibao": ("dibao_review", "dibao_review_due"),
    "jingzhun.rules.exit.county": ("county_exit",),
    "jingzhun.rules.exit.household": ("household_exit",),
    "jingzhun.rules.exit.retention": ("retained_support", "support_after_exit"),
    "jingzhun.rules.exit.village": ("village_exit",),
    "jingzhun.rules.identification.county": ("identify_poor_county",),
    "jingzhun.rules.identification.county_list": ("check_county_list", "check_poor_county_list"),
    "jingzhun.rules.identification.household": ("identify_household",),
    "jingzhun.rules.identification.procedure": ("check_identification_procedure",),
    "jingzhun.rules.identification.quota": (
        "QuotaSelection", "admit_within_quota", "select_within_quota"
    ),
    "jingzhun.rules.identification.village": (
        "identify_village", "identify_village_case", "poverty_incidence"
    ),
}
# fmt: on
"""The public names by the module that defines them (as the imports above)."""

_MODULE_OF: dict[str, str] = {name: mod for mod, names in _EXPORTS.items() for name in names}


if not TYPE_CHECKING:  # hidden from type checkers, which then still flag a misspelt name

    def __getattr__(name: str) -> Any:
        """A public name, imported on first use (:pep:`562`).

        ``import jingzhun`` stays cheap (no rule, parameter or schema is loaded), so the
        command line handles Ctrl-C and SIGTERM from its first moment (issue 8).
        """
        module = _MODULE_OF.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


def catalogue() -> tuple[RuleSpec, ...]:
    """Every rule jingzhun implements, with its clause ids and reason codes.

    (Named ``rules()`` before 0.2: that name is now the package :mod:`jingzhun.rules`.)
    """
    from jingzhun.rules import catalogue as discover

    return discover()


# fmt: off
__all__ = [
    "Action", "Adjustment", "AdjustmentResult", "AnnualIncome", "Approval", "AssessmentCalendar",
    "AssessmentCase", "AssessmentPlan", "Assets", "AssistancePairing", "AuditReport",
    "CadreBackground", "CadreRole", "Citation", "Clause", "County", "CountyExitCase",
    "CountyExitEvaluation", "CountyLeadership", "CountyList", "CountyRegistry", "Decision",
    "DibaoKind", "DibaoReview", "DibaoStandard", "Document", "Duty", "DutyLevel", "Effect",
    "EntityKind", "Estimate", "EvaluationCase", "EvaluationLoad", "Evidence", "ExclusionCriterion",
    "ExitLevel", "ExitedSubject", "Finding", "FundFlow", "FundRecord", "FundSource", "Grade",
    "Guarantee", "Guarantees", "HealthStatus", "Household", "HouseholdFile", "HouseholdPlan",
    "HouseholdType", "IncomeStatement", "InputError", "InvalidArgumentError", "InvalidDateError",
    "JingzhunError", "LabourCapacity", "LeaderRole", "LeaderTerm", "LeavingReason", "LivingArea",
    "LoadResult", "MeasureKind", "MeasureReceived", "MeetingBody", "MeetingLog", "Member",
    "NoValueInForceError", "Notice", "Outcome", "ParameterConflictError", "ParameterError",
    "ParameterSet", "ParameterUse", "Pathway", "Period", "PlanCase", "PlanVerdict", "Posting",
    "PovertyCause", "PrecisionResult", "ProcedureFile", "ProcedureLevel", "ProcedureStep",
    "Project", "Provenance", "Province", "QuotaCase", "QuotaSelection", "QuotaUnit", "RateFigure",
    "Reason", "ReasonCode", "RecordError", "ReferenceArea", "ReferenceLevel", "References",
    "RegistryEntry", "RegistryLoad", "RegistryStatus", "Relation", "ResolvedParameter",
    "Responsible", "RuleOption", "RuleSpec", "SampleKind", "SampledHousehold", "SamplingDesign",
    "Satisfaction", "SchoolStatus", "SecretaryLevel", "Severity", "Sex", "SixPrecision",
    "StatusChange", "Summary", "UnknownClauseError", "UnknownCodeError", "UnknownOptionError",
    "UnknownParameterError", "UnknownReasonError", "UnknownRecordKindError", "UnknownRegionError",
    "UnknownRuleError", "UnknownSchemaError", "UnsupportedSchemaVersionError", "Vehicle",
    "VehicleKind", "Village", "VillageCase", "VillageNeed", "VillagePlan", "VillageRecord",
    "Visit", "VisitLog", "WorkingDaysLog", "Zone", "__version__", "adjust_entry",
    "adjust_household", "adjust_registry", "admit_within_quota", "as_date", "assessment_calendar",
    "assessment_plan", "audit_beneficiaries", "audit_exit_outcomes", "audit_funds",
    "audit_measures_to_household", "audit_projects", "audit_six_precisions",
    "audit_village_dispatch", "catalogue", "central_western_22", "check_county_list",
    "check_household_record", "check_identification_procedure", "check_poor_county_list",
    "citation_id", "citations_for", "cite", "clause", "clause_status", "clauses", "county_exit",
    "county_exit_case", "days_counted", "decisions_to_frame", "dibao_coverage", "dibao_review",
    "dibao_review_due", "document", "documents", "duties_of", "evaluation_county",
    "evaluation_county_exit", "exit_rates", "export_decisions", "export_findings",
    "household_exit", "household_pathway", "household_plan", "households_from_frame",
    "households_to_frame", "identify_household", "identify_poor_county", "identify_village",
    "identify_village_case", "kish_design_effect", "leader_tenure", "library_version",
    "load_assessment_case", "load_county_registry", "load_county_registry_text", "load_evaluation",
    "load_evaluation_text", "load_households", "load_households_text", "load_plan_cases_text",
    "load_plan_file", "load_villages", "load_villages_text", "meetings", "parameter_id",
    "plan_check", "posting_terms", "poverty_incidence", "province", "province_assessment",
    "provinces", "rate_within", "retained_support", "sample_size_for_margin",
    "sample_size_to_show", "select_within_quota", "stream_households", "stream_villages",
    "support_after_exit", "two_lines", "unit_pairing", "village_exit", "village_matching",
    "village_presence", "village_withdrawal", "visits", "within", "working_days"
]
# fmt: on
