"""Lint a registry sheet: the record consistency rule on every household, plus the checks
only the sheet can show (relationship against sex, bad cells), each finding with its code,
severity and row reference (sheet, row, column), and a count per check.

The household checks are those of ``consistency.household`` (run, not repeated here); the
relationship check reads the sex a layout's relation value implies (之子 → male, 之母 →
female), which the household model does not keep. When the sheet has the 帮扶措施 (support
measures) column (layout ``national-v2``), the measures are checked against the recorded causes
with the table ``classification.cause_measures`` (the one 措施到户精准 uses; registry checkers'
"risk type → required measure" rules, peers.md §5.3): a household with causes but no measure is
:data:`NO_MEASURES`, a cause no listed measure answers is :data:`MEASURES_CAUSE` (warnings; a
cause without a row in the table is not judged). A sheet without the column is not checked.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs

from jingzhun.core.dates import as_date
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.model import Household
from jingzhun.domain.support import MeasureKind
from jingzhun.domain.vocabulary import PovertyCause
from jingzhun.io.layouts import Layout
from jingzhun.io.records import RecordError
from jingzhun.io.sheet_households import SheetHousehold, SheetResult
from jingzhun.io.tabular import column_letter
from jingzhun.rules.classification.common import Fit, codes, resolve_cause_table
from jingzhun.rules.common.params import param_set
from jingzhun.rules.consistency.household_record import check_household_record

BAD_CELL: Final = "LINT_BAD_CELL"
RELATION_SEX: Final = "LINT_RELATION_SEX"
NO_MEASURES: Final = "LINT_NO_MEASURES"
MEASURES_CAUSE: Final = "LINT_MEASURES_CAUSE"

ERRORS: Final = frozenset(
    {
        BAD_CELL,
        RELATION_SEX,
        "REC_ID_NUMBER_INVALID",
        "REC_ID_BIRTH_DATE_MISMATCH",
        "REC_HEAD_COUNT",
        "REC_HEAD_SPOUSE_SAME_SEX",
        "REC_BIRTH_AFTER_DECISION_DATE",
        "REC_SIZE_MISMATCH",
    }
)
"""Checks whose findings are errors; every other finding is a warning."""

# The field a reason code points at, to name its column.
_FIELD: Final = {
    "REC_SIZE_MISMATCH": "declared_size",
    "REC_ID_NUMBER_INVALID": "members.id_number",
    "REC_ID_BIRTH_DATE_MISMATCH": "members.birth_date",
    "REC_BIRTH_AFTER_DECISION_DATE": "members.birth_date",
    "REC_AGE_IMPLAUSIBLE": "members.birth_date",
    "REC_HEAD_COUNT": "members.relation",
    "REC_HEAD_SPOUSE_SAME_SEX": "members.sex",
    "REC_SCHOOL_STAGE_AGE": "members.school",
    "REC_ELDER_WITH_FULL_LABOUR": "members.labour",
    "REC_CHILD_WITH_LABOUR_CAPACITY": "members.labour",
    "REC_DROPOUT_BUT_EDUCATION_GUARANTEED": "members.school",
    "REC_DISABILITY_CAUSE_WITHOUT_DISABLED_MEMBER": "main_cause",
    "REC_ILLNESS_CAUSE_WITHOUT_ILL_MEMBER": "main_cause",
    "REC_SCHOOLING_CAUSE_WITHOUT_STUDENT": "main_cause",
    "REC_LABOUR_CAUSE_BUT_ALL_CAN_WORK": "main_cause",
    "REC_OTHER_CAUSE_REPEATS_MAIN": "other_causes",
    "REC_PER_CAPITA_INCOME_DISAGREES": "reported_per_capita_income",
    "REC_PER_CAPITA_INCOME_IMPLAUSIBLE": "reported_per_capita_income",
}
_MEMBER = re.compile(r"members\[(.+?)\]")
_CELL = re.compile(r"column ([A-Z]+) \((.+?)\)")


@attrs.frozen(kw_only=True)
class Finding:
    """One problem: its check code, severity, place and bilingual message."""

    code: str
    severity: str
    sheet: str
    row: int | None
    column: str | None
    household_id: str | None
    message_zh: str
    message_en: str
    letter: str | None = None  # the column's letter (A, B, …)

    @property
    def place(self) -> str:
        text = f"sheet {self.sheet!r} row {self.row}"
        if self.letter:
            text += f" column {self.letter}"
        return text + (f" ({self.column})" if self.column else "")

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class LintReport:
    source: str
    on: str
    households: int
    rows: int
    findings: tuple[Finding, ...]

    def summary(self) -> dict[str, int]:
        """Findings per check, in the order of their first appearance."""
        return dict(Counter(f.code for f in self.findings))

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def _severity(code: str) -> str:
    return "error" if code in ERRORS else "warning"


def _column(layout: Layout, field: str | None, headers: tuple[str, ...]) -> str | None:
    if field is None:
        return None
    for col in layout.columns:
        if col.field == field and col.header in headers:
            return col.header
    return None


def _bad_cells(result: SheetResult, errors: tuple[RecordError, ...]) -> Iterator[Finding]:
    for e in errors:
        m = _CELL.search(e.path)
        yield Finding(
            code=BAD_CELL, severity="error", sheet=result.sheet.name, row=e.line,
            column=m[2] if m else None, letter=m[1] if m else None, household_id=e.record_id,
            message_zh=e.message, message_en=e.message,
        )  # fmt: skip


def _row_of(h: SheetHousehold, member_id: str | None) -> int:
    for n, m in enumerate(h.record.get("members", ())):
        if member_id is not None and m.get("member_id") == member_id and n < len(h.rows):
            return h.rows[n]
    return h.rows[0]


def _rule_findings(
    result: SheetResult, h: SheetHousehold, on: str, params: ParameterSet | None
) -> Iterator[Finding]:
    if h.household is None:
        return
    decision = check_household_record(h.household, on=on, params=params, provincial_checks=True)
    for r in decision.reasons:
        if r.code == "REC_CONSISTENT":
            continue
        ids = [m[1] for e in r.evidence if (m := _MEMBER.match(e.name))]
        yield Finding(
            code=r.code, severity=_severity(r.code), sheet=result.sheet.name,
            row=_row_of(h, ids[-1] if ids else None),
            column=_column(result.layout, _FIELD.get(r.code), result.sheet.headers),
            household_id=h.household.household_id,
            message_zh=r.message_zh, message_en=r.message_en,
        )  # fmt: skip


def _relation_sex(result: SheetResult, h: SheetHousehold) -> Iterator[Finding]:
    """A relation that implies a sex (之子, 之母 …) against the member's recorded sex."""
    layout, headers = result.layout, result.sheet.headers
    rel_col = next((c for c in layout.columns if c.field == "members.relation"), None)
    if rel_col is None or rel_col.header not in headers:
        return
    j = headers.index(rel_col.header)
    for n, member in enumerate(h.record.get("members", ())):
        text = h.cells[n][j].strip() if n < len(h.cells) else ""
        entry = layout.tables[rel_col.table or ""].get(text)
        sex = member.get("sex")
        if entry is None or entry.sex is None or sex is None or sex == entry.sex:
            continue
        yield Finding(
            code=RELATION_SEX, severity="error", sheet=result.sheet.name, row=h.rows[n],
            column=_column(layout, "members.sex", headers), household_id=h.record.get(
                "household_id"),
            message_zh=f"成员{member.get('member_id')}与户主关系为“{text}”，性别应为"
            f"{'男' if entry.sex == 'male' else '女'}",
            message_en=f"member {member.get('member_id')} is {entry.sex} by relation "
            f"{text!r} but recorded {sex}",
        )  # fmt: skip


def _received(h: Household) -> frozenset[MeasureKind]:
    kinds = set()
    for text in h.measures:
        try:
            kinds.add(MeasureKind.parse(text))
        except ValueError:
            kinds.add(MeasureKind.OTHER)
    return frozenset(kinds)


def _measure_finding(
    result: SheetResult, h: SheetHousehold, code: str, zh: str, en: str
) -> Finding:
    return Finding(
        code=code, severity="warning", sheet=result.sheet.name, row=h.rows[0],
        column=_column(result.layout, "measures", result.sheet.headers),
        household_id=h.household.household_id if h.household else None,
        message_zh=zh, message_en=en,
    )  # fmt: skip


def _measures(
    result: SheetResult, h: SheetHousehold, fits: Mapping[PovertyCause, Fit]
) -> Iterator[Finding]:
    """The household's 帮扶措施 against its recorded causes (see the module docstring)."""
    household = h.household
    if household is None or not household.causes:
        return
    received = _received(household)
    if not received:
        yield _measure_finding(
            result, h, NO_MEASURES, "记录了致贫原因但未填写帮扶措施",
            "causes of poverty recorded but no support measure",
        )  # fmt: skip
        return
    got = codes(sorted(k.value for k in received))
    for cause in household.causes:
        fit = fits.get(cause)
        if fit is None or fit.fitted_by(received):
            continue
        yield _measure_finding(
            result, h, MEASURES_CAUSE,
            f"致贫原因“{cause.zh}”无对症帮扶措施（对症措施 {codes(fit.measures)}，已填措施 {got}）",
            f"no listed measure answers the cause '{cause.en}' (fitting: {codes(fit.measures)}; "
            f"listed: {got})",
        )  # fmt: skip


def _cause_tables(
    result: SheetResult, on: str, params: ParameterSet | None
) -> Callable[[str | None], Mapping[PovertyCause, Fit]] | None:
    """The cause table per county, or None when the sheet has no 帮扶措施 column."""
    if _column(result.layout, "measures", result.sheet.headers) is None:
        return None
    ps, day = param_set(params), as_date(on)

    @functools.cache
    def table(county: str | None) -> Mapping[PovertyCause, Fit]:
        return resolve_cause_table(ps, day, county)[1]

    return table


def lint_sheet(result: SheetResult, *, on: str, params: ParameterSet | None = None) -> LintReport:
    """Every finding of a read sheet, in row order."""
    findings = list(_bad_cells(result, result.errors))
    tables = _cause_tables(result, on, params)
    for h in result.households:
        findings.extend(_relation_sex(result, h))
        findings.extend(_rule_findings(result, h, on, params))
        if tables is not None and h.household is not None:
            findings.extend(_measures(result, h, tables(h.household.county_code)))
    headers = result.sheet.headers
    findings = [
        f
        if f.letter or f.column not in headers
        else attrs.evolve(f, letter=column_letter(headers.index(f.column)))
        for f in findings
    ]
    findings.sort(key=lambda f: (f.row or 0, f.code))
    return LintReport(
        source=result.source, on=on, households=len(result.households),
        rows=len(result.sheet.rows), findings=tuple(findings),
    )  # fmt: skip
