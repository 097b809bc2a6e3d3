"""Typed parameters: every value is checked when its file loads, and errors name the place.

Each bad value class fails at load with a ParameterError naming the file (origin), the
parameter, the value's from-date (and row) and the key — never later, at the first record a
rule reads. The typed accessors give rules the declared type or refuse, naming the parameter.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from decimal import Decimal

import pytest

from jingzhun import ParameterError, ParameterSet
from jingzhun.core.bounds import BOUNDS
from jingzhun.core.resources import data_path
from jingzhun.domain.vocabulary import ExclusionCriterion, VehicleKind
from jingzhun.rules.exit.household import ExitStandard
from jingzhun.rules.exit.stability import STABILITY_MODES
from jingzhun.rules.identification.guarantees import GUARANTEE_MODES

ANKANG = "parameters/overlays/6109.toml"
YUXI = "parameters/overlays/5304.toml"


def bundled_overlay(name: str) -> str:
    return data_path("data", "parameters", "overlays", name).read_text(encoding="utf-8")


def toml(value: object) -> str:
    """``value`` as a TOML inline value (tables inline, strings and scalars as JSON writes them)."""
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def overlay(name: str, value: object, *, start: str = "2016-04-28", region: str = "52") -> str:
    """An overlay setting one value of ``name`` for ``region`` from ``start``."""
    return f"""
schema_version = 1
region = "{region}"
[[parameter]]
name = "{name}"
  [[parameter.values]]
  from = {start}
  value = {toml(value)}
  status = "local"
  source = {{ title = "test", quote = "test" }}
"""


def refused(params: ParameterSet, text: str, origin: str, *parts: str) -> str:
    """Load ``text`` as an overlay; it must fail naming ``origin`` and every one of ``parts``."""
    with pytest.raises(ParameterError) as info:
        params.with_overlay_text(text, origin=origin)
    message = str(info.value)
    for part in (origin, *parts):
        assert part in message, (part, message)
    return message


# --- table rows ---------------------------------------------------------------------------


def test_misspelt_row_key_is_refused(params: ParameterSet) -> None:
    """安康 九条红线 (overlay 6109): a row key ``critera`` is not a declared column."""
    text = bundled_overlay("6109.toml").replace('id = "AK-2", criteria', 'id = "AK-2", critera')
    message = refused(
        params,
        text,
        ANKANG,
        "identification.exclusion_list value from 2017-05-03, row 2",
        "unknown key 'critera'",
    )
    assert message.startswith(
        f"{ANKANG}: identification.exclusion_list value from 2017-05-03, row 2: "
    )


def test_row_without_id_is_refused(params: ParameterSet) -> None:
    """An exclusion item needs its ``id`` (the decision names the item it applies)."""
    text = bundled_overlay("6109.toml").replace('{ id = "AK-1", ', "{ ")
    refused(
        params,
        text,
        ANKANG,
        "identification.exclusion_list value from 2017-05-03, row 1",
        "missing required key 'id'",
    )


def test_vehicle_price_that_is_not_money_is_refused(params: ParameterSet) -> None:
    """玉溪 错评剔除十原则 (overlay 5304): 3万元以上机动车 — the price must be money."""
    text = bundled_overlay("5304.toml").replace(
        'min_vehicle_price = "30000"', 'min_vehicle_price = "abc"'
    )
    refused(
        params,
        text,
        YUXI,
        "identification.exclusion_list value from 2017-01-01, row 3, min_vehicle_price",
        "'abc'",
    )


def test_unknown_exclusion_criterion_in_a_row_list_is_refused(params: ParameterSet) -> None:
    """Criteria are ExclusionCriterion codes, declared as the column's choices."""
    text = bundled_overlay("6109.toml").replace('["town_property"]', '["town_property", "yacht"]')
    refused(
        params,
        text,
        ANKANG,
        "identification.exclusion_list value from 2017-05-03, row 1, criteria[1]",
        "'yacht' is not one of",
    )


def test_unknown_vehicle_kind_is_refused(params: ParameterSet) -> None:
    text = bundled_overlay("6109.toml").replace('"engineering_machinery"]', '"spaceship"]')
    refused(params, text, ANKANG, "row 2, vehicle_kinds[2]", "'spaceship'")


def test_procedure_row_with_a_wrong_type_is_refused(params: ParameterSet) -> None:
    """EXIT2016-3.2-c: a procedure is rows of {step, notice, optional}."""
    rows = [{"step": "township_notice", "notice": "yes"}, {"step": "announcement"}]
    refused(
        params,
        overlay("exit.village.procedure", rows),
        "procedure.toml",
        "exit.village.procedure value from 2016-04-28, row 1, notice",
        "true or false",
    )


def test_row_that_is_not_a_table_is_refused(params: ParameterSet) -> None:
    refused(
        params,
        overlay("exit.household.local_indicators", ["road"]),
        "ind.toml",
        "exit.household.local_indicators value from 2016-04-28",
        "array of tables",
    )


def test_bundled_tables_follow_their_declared_rows(params: ParameterSet) -> None:
    """Every table parameter declares its row shape, and the bundled rows follow it."""
    tables = [params.parameter(n) for n in params.names() if params.parameter(n).type == "table"]
    assert len(tables) >= 12  # 7 of identification and exit, 5 of classification
    for p in tables:
        assert p.row, p.name
        required = {c.name for c in p.row if c.required}
        for v in p.values:
            for row in v.value:  # type: ignore[union-attr]
                assert required <= set(row), p.name


# --- scalar values ------------------------------------------------------------------------


def test_unknown_mode_is_refused(params: ParameterSet) -> None:
    """exit.household.stability_mode is a choice; an unknown reading fails at load."""
    message = refused(
        params,
        overlay("exit.household.stability_mode", "always"),
        "mode.toml",
        "exit.household.stability_mode value from 2016-04-28",
        "'always' is not one of: stable_income_source, years_above_line, current_year",
    )
    assert "不在可选值中" in message


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_money_that_is_not_finite_is_refused(params: ParameterSet, text: str) -> None:
    """BOOK2017-ch1-2: the poverty line is an amount of yuan, never NaN or infinite."""
    refused(
        params,
        overlay("poverty_line.nominal", text, start="2016-01-01"),
        "line.toml",
        "poverty_line.nominal value from 2016-01-01",
        "not a finite number",
    )


def test_infinite_rate_is_refused(params: ParameterSet) -> None:
    refused(
        params,
        overlay("exit.county.poor_villages_exited_min", "Infinity"),
        "henan.toml",
        "exit.county.poor_villages_exited_min value from 2016-04-28",
        "not a finite number",
    )


def test_negative_money_is_refused(params: ParameterSet) -> None:
    """Money is at least 0 unless a parameter declares otherwise."""
    refused(
        params,
        overlay("poverty_line.nominal", "-1", start="2016-01-01"),
        "line.toml",
        "poverty_line.nominal value from 2016-01-01",
        "-1 is below the minimum 0",
    )


def test_rate_threshold_of_3_is_refused(params: ParameterSet) -> None:
    """EXIT2016-3.2-b: 降至2％以下 — a rate lies in 0..1; 3 (meaning 3%) is refused."""
    refused(
        params,
        overlay("exit.village.incidence_threshold", "3"),
        "west.toml",
        "exit.village.incidence_threshold value from 2016-04-28",
        "3 is above the maximum 1",
    )


def test_negative_days_are_refused(params: ParameterSet) -> None:
    """A notice period (公示期) is a number of days, never negative."""
    refused(
        params,
        overlay("identification.notice_period_days", -5, start="2015-01-01"),
        "notice.toml",
        "identification.notice_period_days value from 2015-01-01",
        "-5 is below the minimum 0",
    )


def test_declared_minimum_applies(params: ParameterSet) -> None:
    """exit.household.stable_years declares minimum = 1: zero consecutive years is refused."""
    assert params.parameter("exit.household.stable_years").minimum == 1
    refused(
        params,
        overlay("exit.household.stable_years", 0),
        "years.toml",
        "exit.household.stable_years value from 2016-04-28",
        "below the minimum 1",
    )


def test_wrong_scalar_types_are_refused(params: ParameterSet) -> None:
    refused(params, overlay("identification.notice_period_days", "5"), "a.toml", "whole number")
    refused(params, overlay("guarantees.drinking_water_counts", 1), "b.toml", "true or false")
    refused(params, overlay("identification.guarantee_margin", 0.1), "c.toml", "not floats")


def test_date_values_are_checked(params: ParameterSet) -> None:
    refused(
        params,
        overlay("exit.county.campaign_deadline", "2020-13-01"),
        "deadline.toml",
        "exit.county.campaign_deadline value from 2016-04-28",
        "not a valid date",
    )
    refused(params, overlay("exit.county.campaign_deadline", "end of 2020"), "d.toml", "ISO date")


def test_schema_errors_name_the_parameter_and_the_value(params: ParameterSet) -> None:
    text = overlay("identification.notice_period_days", 7, start="2015-01-01").replace(
        'status = "local"', 'status = "maybe"'
    )
    refused(
        params,
        text,
        "status.toml",
        "identification.notice_period_days value from 2015-01-01: status",
        "'maybe'",
    )


def test_overlay_cannot_redeclare_a_parameter(params: ParameterSet) -> None:
    text = overlay("identification.guarantee_mode", "anything").replace(
        '[[parameter]]\nname = "identification.guarantee_mode"',
        '[[parameter]]\nname = "identification.guarantee_mode"\ntype = "text"',
    )
    refused(params, text, "retype.toml", "identification.guarantee_mode", "type")


# --- reading the file ---------------------------------------------------------------------


def test_byte_order_mark_is_accepted(params: ParameterSet) -> None:
    text = "\ufeff" + overlay("identification.notice_period_days", 7, start="2015-01-01")
    ps = params.with_overlay_text(text, origin="bom.toml")
    assert ps.resolve("identification.notice_period_days", on="2016-01-01", region="52").value == 7


def test_toml_syntax_error_names_the_file(params: ParameterSet) -> None:
    text = overlay("identification.notice_period_days", 7).replace("value = 7", "value = = 7")
    message = refused(params, text, "parameters/overlays/broken.toml", "TOML syntax error")
    assert "line" in message


def test_too_deep_nesting_names_the_file(params: ParameterSet) -> None:
    text = overlay("identification.notice_period_days", 7).replace(
        "value = 7", "value = " + "[" * 2000 + "]" * 2000
    )
    refused(params, text, "deep.toml", "nested too deeply")


def test_from_texts_checks_baseline_and_overlays_alike() -> None:
    baseline = """\ufeff
schema_version = 1
scope = "national"
[[parameter]]
name = "a.mode"
label_zh = "x"
label_en = "x"
type = "choice"
choices = ["one", "two"]
  [[parameter.values]]
  from = 2010-01-01
  value = "one"
  status = "confirmed"
  source = { title = "t", quote = "q" }
"""
    ps = ParameterSet.from_texts(baseline)
    assert ps.resolve("a.mode", on="2011-01-01").text() == "one"
    with pytest.raises(ParameterError, match=r"^x\.toml: a\.mode value from 2012-01-01: .*'three'"):
        ParameterSet.from_texts(
            baseline, [("x.toml", overlay("a.mode", "three", start="2012-01-01"))]
        )
    with pytest.raises(ParameterError, match=r"<baseline>: a\.mode value from 2010-01-01"):
        ParameterSet.from_texts(baseline.replace('value = "one"', 'value = "zero"'))


BASELINE = """
schema_version = 1
scope = "national"
[[parameter]]
name = "a.b"
label_zh = "x"
label_en = "x"
{declaration}
  [[parameter.values]]
  from = 2010-01-01
  value = {value}
  status = "confirmed"
  source = {{ title = "t", quote = "q" }}
"""


@pytest.mark.parametrize(
    ("declaration", "value", "problem"),
    [
        ('type = "choice"', '"x"', "declares its choices"),
        ('type = "text"\nchoices = ["x"]', '"x"', "choices need type 'choice'"),
        ('type = "table"', "[]", "declares its row"),
        ('type = "text"\nminimum = 0', '"x"', "minimum is for numeric types"),
        ('type = "rate"\nmaximum = 2', '"0.5"', "maximum 2 lies outside the range of 'rate'"),
        ('type = "money"\nminimum = "5"\nmaximum = "1"', '"3"', "minimum 5 is above maximum 1"),
        ('type = "table"\nrow = { k = { type = "list" } }', "[]", "declares items"),
        ('type = "table"\nrow = { k = { type = "choice" } }', "[]", "row column k"),
    ],
)
def test_bad_declarations_are_refused(declaration: str, value: str, problem: str) -> None:
    text = BASELINE.format(declaration=declaration, value=value)
    with pytest.raises(ParameterError, match=re.escape(problem)) as info:
        ParameterSet.from_texts(text)
    assert "<baseline>: a.b" in str(info.value)


def test_declared_numeric_range_is_inclusive() -> None:
    text = BASELINE.format(
        declaration='type = "money"\nminimum = "5"\nmaximum = "10"', value='"10"'
    )
    assert ParameterSet.from_texts(text).resolve("a.b", on="2010-01-01").decimal() == 10
    with pytest.raises(ParameterError, match=re.escape("10.5 is above the maximum 10")):
        ParameterSet.from_texts(text.replace('value = "10"', 'value = "10.5"'))


# --- typed accessors ----------------------------------------------------------------------


class Stability(enum.Enum):
    STABLE_INCOME_SOURCE = "stable_income_source"
    YEARS_ABOVE_LINE = "years_above_line"
    CURRENT_YEAR = "current_year"


class Regime(enum.Enum):
    CAMPAIGN = "campaign"


def test_accessors_return_the_declared_type(params: ParameterSet) -> None:
    on = "2017-01-01"
    assert params.resolve("poverty_line.nominal", on=on).decimal() == Decimal(2952)
    assert params.resolve("exit.county.incidence_threshold", on=on).decimal() == Decimal("0.02")
    assert params.resolve("identification.notice_period_days", on=on).integer() == 5
    assert params.resolve("poor_county.total_count", on=on).integer() == 832
    assert params.resolve("identification.registry_open", on=on).flag() is True
    assert (
        params.resolve("exit.county.approval_bound", on="2018-01-01", region="64").text()
        == "at_or_above"
    )
    stability = params.resolve("exit.household.stability_mode", on=on)
    assert stability.choice(Stability) is Stability.STABLE_INCOME_SOURCE
    assert stability.text() == "stable_income_source"
    deadline = params.resolve("exit.county.campaign_deadline", on=on).day()
    assert isinstance(deadline, dt.date) and deadline == dt.date(2020, 12, 31)
    steps = params.resolve("exit.village.procedure", on=on).rows()
    assert [r["step"] for r in steps] == [
        "village_proposal",
        "exit_review",
        "township_notice",
        "announcement",
    ]


@pytest.mark.parametrize(
    ("name", "accessor"),
    [
        ("poverty_line.nominal", "integer"),
        ("identification.notice_period_days", "decimal"),
        ("identification.registry_open", "integer"),
        ("exit.county.incidence_threshold", "flag"),
        ("exit.county.campaign_deadline", "text"),
        ("identification.exclusion_list", "day"),
        ("exit.household.stability_mode", "rows"),
    ],
)
def test_accessor_of_the_wrong_type_names_the_parameter(
    params: ParameterSet, name: str, accessor: str
) -> None:
    p = params.resolve(name, on="2017-01-01")
    with pytest.raises(ParameterError, match=re.escape(f"parameter {name} is declared")):
        getattr(p, accessor)()


def test_choice_accessor_refuses_text_and_values_outside_the_enum(params: ParameterSet) -> None:
    with pytest.raises(ParameterError, match="is declared 'boolean'"):
        params.resolve("identification.registry_open", on="2017-01-01").choice(Stability)
    regime = params.resolve("retention.regime", on="2021-06-30")
    with pytest.raises(ParameterError, match=r"retention\.regime: 'transition' is not a value of"):
        regime.choice(Regime)


# --- the declared choices agree with the rules and the vocabulary ----------------------------


def test_declared_choices_match_the_rules(params: ParameterSet) -> None:
    assert params.parameter("exit.household.stability_mode").choices == STABILITY_MODES
    assert params.parameter("identification.guarantee_mode").choices == GUARANTEE_MODES
    bounds = [n for n in params.names() if n.endswith("_bound")]
    assert len(bounds) == 4
    for name in bounds:
        assert params.parameter(name).choices == BOUNDS, name
    assert params.parameter("retention.regime").choices == (
        "campaign_counties",
        "campaign",
        "campaign_four_keeps",
        "transition",
    )
    assert params.parameter("exit.household.standard").choices == tuple(
        m.value for m in ExitStandard
    )
    assert params.parameter("village_identification.reference_level").choices == (
        "province",
        "county",
    )
    assert not [
        n for n in params.names() if n.endswith("_mode") and params.parameter(n).type == "text"
    ]


def test_exclusion_row_choices_are_the_vocabulary_codes(params: ParameterSet) -> None:
    """The codes are copied into the data (core never imports domain); they must agree."""
    row = {c.name: c for c in params.parameter("identification.exclusion_list").row or ()}
    assert row["criteria"].spec.choices == tuple(m.value for m in ExclusionCriterion)
    assert row["vehicle_kinds"].spec.choices == tuple(m.value for m in VehicleKind)
    assert row["id"].required and not row["min_vehicle_price"].required


# --- legal constants moved into the data ----------------------------------------------------


def test_campaign_deadline_is_the_end_of_2020(params: ParameterSet) -> None:
    """DECISION2015-2-c: 到2020年…贫困县全部摘帽 (and EXIT2016-1: 在2020年以前有序退出)."""
    p = params.resolve("exit.county.campaign_deadline", on="2016-06-30")
    assert p.day() == dt.date(2020, 12, 31)
    assert p.source.clause_id == "DECISION2015-2-c"
    assert p.period.start == dt.date(2015, 11, 29)  # the decision's date
    assert p.use().value == "2020-12-31"
    with pytest.raises(ParameterError):
        params.resolve("exit.county.campaign_deadline", on="2015-11-28")


def test_working_age_minimum_is_16(params: ParameterSet) -> None:
    """REC_CHILD_WITH_LABOUR_CAPACITY: 未满16周岁 must be 无劳动力 (a partial source)."""
    p = params.resolve("consistency.working_age_min", on="2016-06-30")
    assert (p.integer(), p.unit, p.status) == (16, "years", "partial")
    assert "16" in p.source.quote and p.note


def test_income_plausibility_cap_is_100000(params: ParameterSet) -> None:
    """REC_PER_CAPITA_INCOME_IMPLAUSIBLE: 人均纯收入小于等于0（含空）或超过10万."""
    p = params.resolve("consistency.income_plausibility_max", on="2016-06-30")
    assert (p.decimal(), p.status) == (Decimal(100000), "partial")
    assert "10万" in p.source.quote


@pytest.mark.parametrize(("kind", "months"), [("three_without", 12), ("stable_income", 6)])
def test_dibao_review_intervals(params: ParameterSet, kind: str, months: int) -> None:
    """BOOK2017-ch6-5.2-c: 三无人员可每年核查一次；收入变化不大的家庭可每半年核查一次."""
    name = f"dibao.review_interval_months.{kind}"
    sourced = params.resolve(name, on="2018-01-01")
    assert (sourced.integer(), sourced.unit, sourced.status) == (months, "months", "secondary")
    assert sourced.source.clause_id == "BOOK2017-ch6-5.2-c"
    assumed = params.resolve(name, on="2016-09-15")  # before the book: marked as assumed
    assert assumed.integer() == months and assumed.status == "partial"
    assert assumed.note and "Assumed" in assumed.note
