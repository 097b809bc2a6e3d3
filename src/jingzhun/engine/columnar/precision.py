"""The row-wise six-precision checks over the household layout (issue 12, scope 1).

Two checks of the scalar audit are a household's own, decided on the household's own day:

- **错评** (``precision.beneficiaries``, ``_when_identified``): a household registered on the
  audit day (poor, relapsed or exited) whose identification, re-decided on its
  identification day (``identified_on``; else ``registered_on``; else the first ``poor``
  entry of its ``history``) on the income it rested on (the year before:
  ``beneficiaries.as_identified``), is not met (``PB_WRONGLY_IDENTIFIED``) or cannot be
  decided (``PB_UNDETERMINED``); no identification day: ``PB_NO_IDENTIFICATION_DAY``.
- **exit outcomes** (``precision.exit_outcomes``, ``_household_exits``): a household exited
  on the audit day or with exits recorded on or before it, each exit re-decided on its day on
  the exit's income year (``exit_outcomes.as_exited``): ``PE_WRONG_EXIT``,
  ``PE_PROCEDURE_NOT_RECORDED``, ``PE_EXIT_UNDETERMINED`` (``PE_PROCEDURE_DEFECT`` needs the
  recorded steps: the rule); no exit day: ``PE_EXIT_DAY_MISSING``.

The re-decisions are the identification and exit kernels, run by :func:`columnar.decide` once
per decision day over the rows of that day (their parameters resolved once per region and
day, their own scalar fallback); the exit's income year is
``exit.household.default_income_year`` resolved once per (county, exit day). Rows left to the
scalar checks themselves (``engine = "scalar"``): histories with a missing field, an unknown
status or out of date order, an unknown ``registry_status``, exits of households with
recorded exit steps (the procedure's verdict needs each reason's effect), a county whose
income year cannot be resolved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Final

import polars as pl

from jingzhun.core.dates import DateLike, as_date
from jingzhun.core.errors import InputError, NoValueInForceError
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.county_registry import HouseholdFile
from jingzhun.domain.registry import RegistryStatus
from jingzhun.engine.columnar.fallback import layout_record
from jingzhun.io.converters import registry_entry_from_dict
from jingzhun.rules.common.params import param_set
from jingzhun.rules.exit.household import HX_PROCEDURE_NOT_RECORDED, default_income_year
from jingzhun.rules.precision import beneficiaries as pb
from jingzhun.rules.precision import exit_outcomes as pe

_STATUSES: Final = tuple(s.value for s in RegistryStatus)
_REGISTERED: Final = ("poor", "relapsed", "exited")
_IDENT_CODES: Final = {
    "not_met": pb.PB_WRONGLY_IDENTIFIED.code,
    "undetermined": pb.PB_UNDETERMINED.code,
}


def _exit_code(outcome: str, codes: list[str]) -> str | None:
    """``exit_outcomes._verdict`` for an exit without recorded steps (no procedure code can
    oppose): not met is the standard's, undetermined, met without a procedure on record."""
    if outcome == "not_met":
        return pe.PE_WRONG_EXIT.code
    if outcome == "undetermined":
        return pe.PE_EXIT_UNDETERMINED.code
    return pe.PE_PROCEDURE_NOT_RECORDED.code if HX_PROCEDURE_NOT_RECORDED.code in codes else None


def _list(frame: pl.DataFrame, name: str) -> bool:
    return name in frame.columns and isinstance(frame.schema[name], pl.List)


def _registry_facts(frame: pl.DataFrame, day: dt.date) -> pl.DataFrame:
    """Per row: ``_bad`` (left to the scalar checks), ``_status_on`` (the status on ``day``,
    ``HouseholdFile.status_on``), ``_first_poor`` (the first ``poor`` entry's day) and
    ``_exit_days`` (the exits recorded on or before ``day``)."""
    status = (
        pl.col("registry_status").fill_null("poor")
        if "registry_status" in frame.columns
        else pl.lit("poor")
    )
    if not _list(frame, "history"):
        return frame.select(
            (~status.is_in(list(_STATUSES))).alias("_bad"),
            status.alias("_status_on"),
            pl.lit(None, pl.Date).alias("_first_poor"),
            pl.lit([], pl.List(pl.Date)).alias("_exit_days"),
        )
    on = pl.element().struct.field("on")
    state = pl.element().struct.field("status")
    bad_field = pl.col("history").list.eval(
        on.is_null()
        | state.is_null()
        | pl.element().struct.field("action").is_null()
        | ~state.is_in(list(_STATUSES))
    )
    days = pl.col("history").list.eval(on)
    empty = pl.col("history").list.len().fill_null(0) == 0
    last = pl.col("history").list.eval(state.filter(on <= day)).list.last()
    return frame.select(
        (
            ~status.is_in(list(_STATUSES))
            | bad_field.list.any().fill_null(False)
            | days.list.eval(pl.element().diff() < pl.duration(days=0)).list.any().fill_null(False)
        ).alias("_bad"),
        pl.when(empty).then(status).otherwise(last).alias("_status_on"),
        pl.col("history").list.eval(on.filter(state == "poor")).list.first().alias("_first_poor"),
        pl.col("history")
        .list.eval(on.filter((state == "exited") & (on <= day)))
        .fill_null([])
        .alias("_exit_days"),
    )


def _as_of_year(frame: pl.DataFrame, years: pl.Series, *, clear_guarantees: bool) -> pl.DataFrame:
    """``as_of_income_year`` of each row at its year (``years``, aligned): the row itself when
    its income is of that year or undated; else that year's ``income_history`` figure as the
    reported per-capita income, without the income statement (and without the guarantees when
    ``clear_guarantees``: ``beneficiaries.as_identified``)."""
    years = years.cast(pl.Int16)
    own = frame["income_year"] if "income_year" in frame.columns else pl.repeat(None, frame.height)
    keep = pl.lit((own.is_null() | (own == years)).fill_null(False))
    past = pl.Series("past", [None] * frame.height, frame.schema.get("reported_per_capita_income"))
    if _list(frame, "income_history"):
        found = (
            pl.DataFrame({"_r": range(frame.height), "_y": years, "h": frame["income_history"]})
            .explode("h", empty_as_null=True)
            .filter(pl.col("h").struct.field("year") == pl.col("_y"))
            .group_by("_r", maintain_order=True)
            .agg(pl.col("h").struct.field("per_capita").first().alias("v"))
        )
        if found.height:
            past = past.cast(found["v"].dtype).scatter(found["_r"], found["v"])
    reported = (
        pl.col("reported_per_capita_income")
        if "reported_per_capita_income" in frame.columns
        else pl.lit(None, past.dtype)
    )
    changed = [
        pl.when(keep).then(pl.col(c)).otherwise(None).alias(c)
        for c in frame.columns
        if c.startswith("income.") or (clear_guarantees and c.startswith("guarantees."))
    ]
    return frame.with_columns(
        *changed,
        pl.when(keep)
        .then(reported)
        .otherwise(pl.lit(past))
        .cast(past.dtype)
        .alias("reported_per_capita_income"),
        pl.when(keep)
        .then(pl.lit(own))
        .otherwise(pl.lit(years))
        .cast(pl.Int16)
        .alias("income_year"),
    )


def _by_day(
    rule_id: str, frame: pl.DataFrame, days: pl.Series, ps: ParameterSet
) -> tuple[list[str], list[list[str]], list[bool]]:
    """The rule decided on each row's own day: one ``columnar.decide`` per distinct day."""
    from jingzhun.engine.columnar import decide

    outcomes: list[str] = [""] * frame.height
    codes: list[list[str]] = [[] for _ in range(frame.height)]
    scalar: list[bool] = [False] * frame.height
    for (day,), part in frame.with_columns(
        days.alias("_day"), pl.int_range(pl.len()).alias("_r")
    ).group_by("_day", maintain_order=True):
        assert isinstance(day, dt.date)
        rows = part["_r"].to_list()
        out = decide(rule_id, part.drop("_day", "_r"), on=day, params=ps)
        for r, o, c, e in zip(
            rows,
            out["outcome"].cast(pl.String).to_list(),
            out["codes"].cast(pl.List(pl.String)).to_list(),
            out["engine"].cast(pl.String).to_list(),
            strict=True,
        ):
            outcomes[r], codes[r], scalar[r] = o, c, e == "scalar"
    return outcomes, codes, scalar


def _scalar_file(frame: pl.DataFrame, row: int, registered_on: dt.date | None) -> HouseholdFile:
    """A row as the county registry's household file (the loader's checks naming the row)."""
    record = layout_record(frame.row(row, named=True))
    try:
        entry = registry_entry_from_dict(record)
    except InputError as exc:
        raise InputError(
            f"第{row + 1}行 row {row + 1} ({record.get('household_id')}): {exc}"
        ) from exc
    return HouseholdFile(entry=entry, registered_on=registered_on)


@dataclasses.dataclass
class _Rows:
    """The population and what is found per row, filled by the two checks in turn."""

    base: pl.DataFrame
    registered_on: pl.Series
    facts: pl.DataFrame
    day: dt.date
    ps: ParameterSet
    bad: list[bool]
    beneficiary: list[str | None]
    exits: list[list[str]]
    scalar: list[bool]


def precision_rows(
    households: Any, *, on: DateLike, params: ParameterSet | None = None
) -> pl.DataFrame:
    """The row-wise six-precision findings of every household on the audit day ``on``.

    ``households``: the household layout with its registry columns (``registry_status``,
    ``history``, ``identified_on``, ``income_history`` …) and optionally ``registered_on``
    (a date: the county registry's day of entry, not a column of the layout). One row per
    household: ``id``; ``beneficiaries``, the 错评 check's finding code or null;
    ``exit_outcomes``, the exit check's finding codes (one per recorded exit that fails, in
    history order; ``PE_EXIT_DAY_MISSING`` alone), empty when none; ``engine``."""
    from jingzhun.engine.columnar import _frame

    frame, day, ps = _frame(households), as_date(on), param_set(params)
    absent = [c for c in ("household_id", "county_code") if c not in frame.columns]
    if absent:
        raise InputError(f"缺少必需的列 / required columns missing: {', '.join(absent)}")
    n = frame.height
    registered_on = (
        frame["registered_on"].cast(pl.Date)
        if "registered_on" in frame.columns
        else pl.Series([None] * n, dtype=pl.Date)
    )
    base = frame.drop("registered_on") if "registered_on" in frame.columns else frame
    facts = _registry_facts(base, day)
    bad = facts["_bad"].to_list()
    rows = _Rows(
        base=base,
        registered_on=registered_on,
        facts=facts,
        day=day,
        ps=ps,
        bad=bad,
        beneficiary=[None] * n,
        exits=[[] for _ in range(n)],
        scalar=list(bad),
    )
    _identifications(rows)
    _exits(rows)
    _by_the_rules(rows)
    return pl.DataFrame(
        {
            "id": base["household_id"],
            "beneficiaries": pl.Series(rows.beneficiary, dtype=pl.String),
            "exit_outcomes": pl.Series(rows.exits, dtype=pl.List(pl.String)),
            "engine": pl.Series(
                ["scalar" if s else "columnar" for s in rows.scalar],
                dtype=pl.Enum(["columnar", "scalar"]),
            ),
        }
    )


def _identifications(rows: _Rows) -> None:
    """错评: identification on the identification day, on the income of the year before."""
    base, n = rows.base, rows.base.height
    ident_day = pl.select(
        pl.coalesce(
            base["identified_on"] if "identified_on" in base.columns else pl.lit(None, pl.Date),
            rows.registered_on,
            rows.facts["_first_poor"],
        )
    ).to_series()
    status_on = rows.facts["_status_on"].to_list()
    ident_days = ident_day.to_list()
    checked = [not rows.bad[i] and status_on[i] in _REGISTERED for i in range(n)]
    for i in range(n):
        if checked[i] and ident_days[i] is None:
            rows.beneficiary[i] = pb.PB_NO_IDENTIFICATION_DAY.code
    which = [i for i in range(n) if checked[i] and ident_days[i] is not None]
    if which:
        days = ident_day[which]
        view = _as_of_year(base[which], days.dt.year() - 1, clear_guarantees=True)
        outcomes, _, fell = _by_day("identification.household", view, days, rows.ps)
        for i, o, s in zip(which, outcomes, fell, strict=True):
            rows.beneficiary[i] = _IDENT_CODES.get(o)
            rows.scalar[i] |= s


def _exits(rows: _Rows) -> None:
    """Each exit recorded on or before the audit day, on its own day and income year."""
    base, n, ps = rows.base, rows.base.height, rows.ps
    steps = (
        (base["exit_steps"].list.len().fill_null(0) > 0).to_list()
        if _list(base, "exit_steps")
        else [False] * n
    )
    status_on = rows.facts["_status_on"].to_list()
    exit_days = rows.facts["_exit_days"].to_list()
    counties = base["county_code"].to_list()
    years: dict[tuple[str, dt.date], int | None] = {}
    pairs: list[tuple[int, dt.date, int]] = []
    for i in range(n):
        if rows.bad[i] or not (status_on[i] == "exited" or exit_days[i]):
            continue
        if not exit_days[i]:
            rows.exits[i] = [pe.PE_EXIT_DAY_MISSING.code]
            continue
        found = [(d, _exit_year(years, counties[i], d, ps)) for d in exit_days[i]]
        if steps[i] or any(y is None for _, y in found):
            rows.scalar[i] = rows.bad[i] = True  # the exit check by the rule
            continue
        pairs += [(i, d, y) for d, y in found if y is not None]
    if pairs:
        which = [i for i, _, _ in pairs]
        days = pl.Series([d for _, d, _ in pairs], dtype=pl.Date)
        view = _as_of_year(base[which], pl.Series([y for *_, y in pairs]), clear_guarantees=False)
        outcomes, codes, fell = _by_day("exit.household", view, days, ps)
        for i, o, c, s in zip(which, outcomes, codes, fell, strict=True):
            code = _exit_code(o, c)
            if code is not None:
                rows.exits[i].append(code)
            rows.scalar[i] |= s


def _by_the_rules(rows: _Rows) -> None:
    """The rows left to the scalar checks: both checks, or only the exits (recorded steps)."""
    day, ps = rows.day, rows.ps
    for i in (i for i in range(rows.base.height) if rows.bad[i]):
        file = _scalar_file(rows.base, i, rows.registered_on[i])
        if not rows.facts["_bad"][i]:
            rows.exits[i] = [r.code for r in pe._household_exits(file, day, ps)]
            continue
        status = file.status_on(day)
        found = list(pb._when_identified(file, ps)) if status in pb._REGISTERED else []
        rows.beneficiary[i] = found[0].code if found else None
        gated = status is RegistryStatus.EXITED or pe.exit_days(file, day)
        rows.exits[i] = [r.code for r in pe._household_exits(file, day, ps)] if gated else []


def _exit_year(
    years: dict[tuple[str, dt.date], int | None], county: str, day: dt.date, ps: ParameterSet
) -> int | None:
    """``exit_outcomes.as_exited``'s income year, resolved once per (county, exit day); None
    when the county cannot be resolved (the row goes to the rule, which says why)."""
    key = (county, day)
    if key not in years:
        try:
            years[key] = default_income_year(day, params=ps, region=county)
        except NoValueInForceError:
            years[key] = day.year - 1
        except Exception:
            years[key] = None
    return years[key]
