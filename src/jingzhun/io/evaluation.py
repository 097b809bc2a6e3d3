"""Reading a third-party evaluation sample file: one JSON object, every error named.

The file holds ``county`` (as in a county registry), ``design`` (``kind`` simple_random or
clustered, ``villages_sampled``, the population sizes ``exited_population``,
``non_registered_population``, ``registered_population`` (people) and ``households``, an
optional ``design_effect``), ``households`` (each with ``household_id``, ``village_id``,
``status``, ``members``, ``should_be_registered``, ``correctly_exited``, ``approval``,
``satisfaction``), and optionally ``survey_start``, ``survey_end``, ``evaluator``, ``note``
and ``exit`` (the county exit record's other fields: incidence, villages, steps…).

Every problem is a :class:`~jingzhun.io.records.RecordError` (``index`` counts households
from 1; ``path`` is the JSON Pointer). Any error means no case (``case`` None): an
evaluation is not made from part of its sample.
"""

from __future__ import annotations

import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from jingzhun.core.errors import InputError, UnknownRegionError
from jingzhun.domain.evaluation import (
    EvaluationCase,
    SampledHousehold,
    SamplingDesign,
    evaluation_problems,
)
from jingzhun.domain.model import County, CountyExitCase
from jingzhun.io.converters import county_case_from_dict
from jingzhun.io.formats import JsonSyntaxError, parse_json, problems, read_text
from jingzhun.io.records import RecordError

MAX_BYTES: Final = 256 * 2**20
TOP_KEYS: Final = frozenset(
    {"county", "design", "households", "survey_start", "survey_end", "evaluator", "note", "exit"}
)
HOUSEHOLD_KEYS: Final = frozenset(
    {
        "household_id",
        "village_id",
        "status",
        "members",
        "should_be_registered",
        "correctly_exited",
        "approval",
        "satisfaction",
    }
)
DESIGN_KEYS: Final = frozenset(attrs.fields_dict(SamplingDesign))
COUNTY_KEYS: Final = frozenset({"county_code", "name", "key_county", "contiguous_area_county"})


@attrs.frozen(kw_only=True)
class EvaluationLoad:
    """An evaluation sample as loaded: the case (None on any error) and the errors."""

    source: str
    case: EvaluationCase | None
    errors: tuple[RecordError, ...]
    exit_case: CountyExitCase | None = None

    @property
    def ok(self) -> bool:
        return self.case is not None and not self.errors

    def summary(self, limit: int = 50) -> str:
        head = f"{self.source}: {len(self.errors)} 处错误 / {len(self.errors)} error(s)"
        lines = [head, *(f"  {e}" for e in self.errors[:limit])]
        if len(self.errors) > limit:
            lines.append(f"  … {len(self.errors) - limit} more")
        return "\n".join(lines)

    def raise_for_errors(self) -> None:
        if not self.ok:
            raise InputError(self.summary(), self.errors)


def _err(path: str, message: str, index: int | None = None, rid: str | None = None) -> RecordError:
    return RecordError(index=index, record_id=rid, path=path, message=message)


def _refused(source: str, errors: list[RecordError]) -> EvaluationLoad:
    return EvaluationLoad(source=source, case=None, errors=tuple(errors))


def _unknown(raw: Mapping[str, Any], allowed: frozenset[str], where: str) -> list[RecordError]:
    return [_err(f"{where}/{k}", "未知字段 / unknown key") for k in raw if k not in allowed]


def _build(
    fn: Callable[[], Any], path: str, index: int | None = None, rid: str | None = None
) -> Any:
    """``fn()``, or a RecordError naming the field the message starts with."""
    try:
        return fn()
    except (ValueError, TypeError, UnknownRegionError) as exc:
        text = str(exc)
        field = text.split(":", 1)[0]
        sub = (
            f"/{field.split('.')[-1]}" if field.replace("_", "").replace(".", "").isalpha() else ""
        )
        return _err(f"{path}{sub}", text, index, rid)


def _county(raw: Any) -> County | RecordError:
    if not isinstance(raw, dict):
        return _err("/county", "应为对象 / expected an object with county_code")
    if "county_code" not in raw:
        return _err("/county/county_code", "缺少县代码 / county_code is required")
    extra = _unknown(raw, COUNTY_KEYS, "/county")
    if extra:
        return extra[0]
    result: County | RecordError = _build(lambda: County(**raw), "/county")
    return result


def _household(index: int, raw: Any) -> SampledHousehold | list[RecordError]:
    if not isinstance(raw, dict):
        return [_err(f"/households/{index - 1}", "应为对象 / expected an object", index)]
    rid = raw.get("household_id") if isinstance(raw.get("household_id"), str) else None
    where = f"/households/{index - 1}"
    found = [
        attrs.evolve(e, index=index, record_id=rid) for e in _unknown(raw, HOUSEHOLD_KEYS, where)
    ]
    for key in ("household_id", "village_id", "status"):
        if key not in raw:
            found.append(_err(f"{where}/{key}", "缺少必填字段 / required", index, rid))
    if found:
        return found
    built = _build(lambda: SampledHousehold(**raw), where, index, rid)
    return [built] if isinstance(built, RecordError) else built


def _design(raw: Any) -> SamplingDesign | RecordError:
    if not isinstance(raw, dict):
        return _err("/design", "应为对象 / expected an object with kind and the population sizes")
    extra = _unknown(raw, DESIGN_KEYS, "/design")
    if extra:
        return extra[0]
    if "kind" not in raw:
        return _err("/design/kind", "缺少抽样方式 / kind is required (simple_random, clustered)")
    result: SamplingDesign | RecordError = _build(lambda: SamplingDesign(**raw), "/design")
    return result


def _exit(raw: Any, county: Mapping[str, Any]) -> CountyExitCase | RecordError:
    if not isinstance(raw, dict):
        return _err("/exit", "应为对象 / expected the county exit record's fields")
    try:
        return county_case_from_dict({**raw, **county})
    except (InputError, ValueError, TypeError, KeyError) as exc:
        return _err("/exit", f"县退出数据有误 / the exit fields are invalid: {exc}")


def load_evaluation_data(data: Any, *, source: str = "<data>") -> EvaluationLoad:
    """The evaluation sample of parsed JSON ``data``."""
    if not isinstance(data, dict):
        return _refused(source, [_err("/", "应为一个对象 / expected one JSON object")])
    errors = [_err(p, m) for p, m in problems(data)]
    errors += _unknown(data, TOP_KEYS, "")
    for key in ("county", "design", "households"):
        if key not in data:
            errors.append(_err(f"/{key}", "缺少必填部分 / required"))
    if errors:
        return _refused(source, errors)
    county, design = _county(data["county"]), _design(data["design"])
    errors += [x for x in (county, design) if isinstance(x, RecordError)]
    raw_households = data["households"]
    if not isinstance(raw_households, list):
        return _refused(source, [*errors, _err("/households", "应为数组 / expected an array")])
    households: list[SampledHousehold] = []
    for index, raw in enumerate(raw_households, start=1):
        got = _household(index, raw)
        if isinstance(got, list):
            errors += got
        else:
            households.append(got)
    exit_case = None
    if "exit" in data and not isinstance(county, RecordError):
        got_exit = _exit(data["exit"], data["county"])
        if isinstance(got_exit, RecordError):
            errors.append(got_exit)
        else:
            exit_case = got_exit
    if errors or isinstance(county, RecordError) or isinstance(design, RecordError):
        return _refused(source, errors)
    return _case(data, county, design, tuple(households), exit_case, source)


def _case(
    data: Mapping[str, Any],
    county: County,
    design: SamplingDesign,
    households: tuple[SampledHousehold, ...],
    exit_case: CountyExitCase | None,
    source: str,
) -> EvaluationLoad:
    dates = {k: data.get(k) for k in ("survey_start", "survey_end", "evaluator")}
    probe = _build(lambda: EvaluationCase(county=county, design=design, households=(), **dates), "")
    if isinstance(probe, RecordError):
        return _refused(source, [probe])
    found = evaluation_problems(design, households, probe.survey_start, probe.survey_end)
    if found:
        return _refused(
            source, [_err("/" + m.split(":", 1)[0].replace(".", "/"), m) for m in found]
        )
    if not households:
        return _refused(source, [_err("/households", "样本为空 / the sample holds no household")])
    case = EvaluationCase(county=county, design=design, households=households, **dates)
    return EvaluationLoad(source=source, case=case, errors=(), exit_case=exit_case)


def load_evaluation_text(text: str, *, source: str = "<text>") -> EvaluationLoad:
    """Load an evaluation sample from JSON text (a leading byte-order mark is ignored)."""
    try:
        data, _suspect = parse_json(text.removeprefix("\ufeff"))
    except JsonSyntaxError as exc:
        message = f"文件不是有效的JSON / the file is not valid JSON: {exc.where(lines=True)}"
        return _refused(
            source,
            [RecordError(index=None, record_id=None, path="/", message=message, line=exc.line)],
        )
    return load_evaluation_data(data, source=source)


def load_evaluation(path: str | Path) -> EvaluationLoad:
    """Load an evaluation sample file (one JSON object; a regular file, UTF-8)."""
    p = Path(path)
    try:
        mode = p.stat()
        if stat.S_ISREG(mode.st_mode) and mode.st_size > MAX_BYTES:
            return _refused(str(p), [_err("/", f"文件过大 / file larger than {MAX_BYTES} bytes")])
        text, _jsonl = read_text(p)
    except InputError as exc:
        return _refused(str(p), [_err("/", str(exc))])
    except FileNotFoundError:
        return _refused(str(p), [_err("/", f"找不到文件 / file not found: {p}")])
    except OSError as exc:
        return _refused(str(p), [_err("/", f"无法读取 / cannot read: {exc.strerror}")])
    return load_evaluation_text(text, source=str(p))
