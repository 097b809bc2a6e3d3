"""What the three audit renderers share: display rounding, grouping, village attribution.

Nothing here judges: outcomes, summaries and findings come from the audit's decisions; the
renderers only count, group and round for display (the exact figures stay in the JSON).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import attrs

from jingzhun.core.citations import Citation
from jingzhun.domain.audit import EntityKind, Finding, PrecisionResult, Severity, Summary
from jingzhun.domain.county_registry import CountyRegistry

COUNTY_LEVEL: Final = "—"
"""The pseudo-village of findings that belong to no village (county, or an unknown id)."""


def percent(value: Decimal | None, places: int = 1) -> str:
    """A fraction as a percentage for display (half up): ``Decimal("0.975")`` → ``97.5%``."""
    if value is None:
        return "—"
    step = Decimal(1).scaleb(-places)
    return f"{(value * 100).quantize(step, rounding=ROUND_HALF_UP)}%"


def share_text(summary: Summary | None) -> tuple[str, str, str]:
    """(checked, passing, share) for display; dashes when the decision carries no summary."""
    if summary is None:
        return "—", "—", "—"
    return str(summary.checked), str(summary.passing), percent(summary.share)


def severity_counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Findings counted by severity, every severity present (in the vocabulary's order)."""
    counts = Counter(x.severity for x in findings)
    return {s: counts.get(s, 0) for s in Severity}


def clause_refs(citations: Iterable[Citation]) -> str:
    """The clauses a finding rests on, short: ``DECISION2015-24-a 六、（二十四）``."""
    refs = []
    for c in citations:
        if c.clause_id:
            refs.append(f"{c.clause_id} {c.locator or ''}".strip())
        else:
            refs.append(c.short())
    return "; ".join(dict.fromkeys(refs))


@attrs.frozen(kw_only=True)
class Group:
    """Findings of one precision with the same code, severity and responsible level."""

    code: str
    severity: Severity
    findings: tuple[Finding, ...]

    @property
    def first(self) -> Finding:
        return self.findings[0]


def grouped(result: PrecisionResult) -> tuple[Group, ...]:
    """The precision's findings grouped by (code, severity, responsible), in first-seen order,
    serious groups first."""
    groups: dict[tuple[str, Severity, str], list[Finding]] = {}
    for x in result.findings:
        groups.setdefault((x.code, x.severity, x.responsible.value), []).append(x)
    order = {s: i for i, s in enumerate(Severity)}
    made = [Group(code=k[0], severity=k[1], findings=tuple(v)) for k, v in groups.items()]
    return tuple(sorted(made, key=lambda g: order[g.severity]))


def villages_of(finding: Finding, registry: CountyRegistry) -> tuple[str, ...]:
    """The villages a finding concerns, read from the registry by the finding's entity.

    A village finding is its village; a household's is its village; a posting's is the
    village it is posted to (the id is the village's, or ``village/person``, or a person
    posted to one village only); a project's are its target villages, or its target
    households' villages; a fund's is its recipient village, its recipient household's
    village, or its project's villages. Anything else (the county, an unknown id): none.
    """
    kind, ident = finding.entity, finding.entity_id
    if kind is EntityKind.VILLAGE:
        return (ident,)
    if kind is EntityKind.HOUSEHOLD:
        return _household_village(registry, ident)
    if kind is EntityKind.POSTING:
        return _posting_villages(registry, ident)
    if kind is EntityKind.PROJECT:
        return _project_villages(registry, ident)
    if kind is EntityKind.FUND:
        return _fund_villages(registry, ident)
    return ()


def _household_village(registry: CountyRegistry, hid: str | None) -> tuple[str, ...]:
    file = registry.household_index.get(hid or "")
    return (file.village_id,) if file is not None and file.village_id else ()


def _posting_villages(registry: CountyRegistry, ident: str) -> tuple[str, ...]:
    if ident in registry.village_index:
        return (ident,)
    head = ident.split("/", 1)[0]
    if head in registry.village_index:
        return (head,)
    found = tuple(
        v.village_id for v in registry.villages if any(p.person_id == ident for p in v.postings)
    )
    return found if len(found) == 1 else ()


def _project_villages(registry: CountyRegistry, pid: str | None) -> tuple[str, ...]:
    project = registry.project_index.get(pid or "")
    if project is None:
        return ()
    if project.target_villages:
        return tuple(dict.fromkeys(project.target_villages))
    found = (v for h in project.target_households for v in _household_village(registry, h))
    return tuple(dict.fromkeys(found))


def _fund_villages(registry: CountyRegistry, fid: str) -> tuple[str, ...]:
    fund = next((x for x in registry.funds if x.fund_id == fid), None)
    if fund is None:
        return ()
    if fund.recipient_village:
        return (fund.recipient_village,)
    if fund.recipient_household:
        return _household_village(registry, fund.recipient_household)
    return _project_villages(registry, fund.project_id)


def findings_per_village(
    findings: Iterable[Finding], registry: CountyRegistry
) -> Mapping[str, int]:
    """Findings counted per village (a finding about several villages counts in each; one
    about none counts under :data:`COUNTY_LEVEL`); the registry's villages first, in order."""
    counts: Counter[str] = Counter()
    for x in findings:
        for village in villages_of(x, registry) or (COUNTY_LEVEL,):
            counts[village] += 1
    ordered = {v.village_id: counts.get(v.village_id, 0) for v in registry.villages}
    for village, n in sorted(counts.items()):
        ordered.setdefault(village, n)
    return ordered


def incidence(poor: int, rural: int) -> Decimal | None:
    """Poverty incidence (poor / rural population, exact), None with no rural population."""
    return None if rural == 0 else Decimal(poor) / Decimal(rural)
