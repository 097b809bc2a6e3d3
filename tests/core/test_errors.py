"""One error model: every error jingzhun raises on purpose is a JingzhunError subclass with a
stable, unique code and a JSON-ready ``to_dict``; user-triggerable lookups keep their
builtin base; the command line and the service show the code."""

from __future__ import annotations

import importlib
import inspect
import json
import pickle
import pkgutil
import re
from pathlib import Path

import pytest

import jingzhun
from jingzhun.cli import main
from jingzhun.core import errors as jze
from jingzhun.core.dates import as_date
from jingzhun.core.parameters import ParameterSet
from jingzhun.core.statistics import z_value
from jingzhun.domain.vocabulary import LabourCapacity
from jingzhun.engine.output import OutputError
from jingzhun.io.kinds import record_kind
from jingzhun.io.loaders import load_households_text
from jingzhun.io.records import RecordError
from jingzhun.rules import rule

CODE = re.compile(r"JZ-[A-Z0-9]+(-[A-Z0-9]+)*")

INTERNAL: frozenset[str] = frozenset(
    {
        "jingzhun.cli._DiscardError",  # carries an exit status inside the CLI
        "jingzhun.engine.signals.Terminated",  # SIGTERM, a BaseException like KeyboardInterrupt
        "jingzhun.io.formats.JsonSyntaxError",  # becomes a RecordError
        "jingzhun.io.quick_schema.UnsupportedError",  # falls back to jsonschema
        "jingzhun.io.registry_build.BuildError",  # becomes a RecordError
    }
)
"""Exception classes that never leave the package (each is caught and turned into a
JingzhunError or a RecordError); every other exception class must be a JingzhunError."""


def _modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(jingzhun.__path__, "jingzhun."):
        try:
            importlib.import_module(info.name)
        except ImportError:  # an optional extra (fastapi, openpyxl…) not installed
            continue
        names.append(info.name)
    return names


def _subclasses(cls: type[jze.JingzhunError]) -> set[type[jze.JingzhunError]]:
    out: set[type[jze.JingzhunError]] = set()
    for sub in cls.__subclasses__():
        out |= {sub, *_subclasses(sub)}
    return out


def _package_errors() -> list[type[jze.JingzhunError]]:
    _modules()
    found = [c for c in _subclasses(jze.JingzhunError) if c.__module__.startswith("jingzhun.")]
    return sorted(found, key=lambda c: c.code)


def test_every_error_class_has_its_own_unique_code() -> None:
    classes: list[type[jze.JingzhunError]] = [jze.JingzhunError, *_package_errors()]
    assert len(classes) >= 15
    codes = [c.code for c in classes]
    for cls in classes:
        assert "code" in vars(cls), f"{cls.__qualname__} inherits its code"
        assert CODE.fullmatch(cls.code), cls.code
        assert cls.__doc__, f"{cls.__qualname__} has no docstring"
    assert len(set(codes)) == len(codes), sorted(codes)


def test_every_exception_class_in_the_package_is_a_jingzhun_error() -> None:
    strays = []
    for name in _modules():
        for _, cls in inspect.getmembers(importlib.import_module(name), inspect.isclass):
            if cls.__module__ != name or not issubclass(cls, BaseException):
                continue
            if not issubclass(cls, jze.JingzhunError):
                strays.append(f"{name}.{cls.__qualname__}")
    assert sorted(set(strays)) == sorted(INTERNAL)


def test_to_dict_is_json_ready() -> None:
    for error in (
        jze.UnknownRegionError("未知行政区划 / unknown region '99'"),
        OutputError("out.json", "no space"),
        jze.InputError("bad", [("/on", "not a date")]),
        jze.UnsupportedSchemaVersionError("unsupported decision schema_version 9"),
    ):
        data = error.to_dict()
        assert data["code"] == error.code and data["message"] == str(error)
        assert json.loads(json.dumps(data)) == data


def test_input_error_errors_are_always_a_tuple_of_record_errors() -> None:
    assert jze.InputError("a missing file").errors == ()
    error = jze.InputError(
        "two problems",
        [
            ("/on", "not a date"),
            RecordError(index=2, record_id="H2", path="/size", message="negative"),
        ],
    )
    assert all(isinstance(e, RecordError) for e in error.errors)
    assert [(e.index, e.path) for e in error.errors] == [(None, "/on"), (2, "/size")]
    assert error.to_dict() == {
        "code": "JZ-INPUT",
        "message": "two problems",
        "errors": [e.to_dict() for e in error.errors],
    }
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is jze.InputError and again.errors == error.errors
    assert str(again) == str(error)


def test_a_loader_raising_names_every_record_error() -> None:
    bad = '[{"household_id": "H1"}, {"household_id": "H2", "size": -1}]'
    result = load_households_text(bad)
    with pytest.raises(jze.InputError) as caught:
        result.raise_for_errors()
    assert caught.value.errors == result.errors and caught.value.errors
    assert {e.index for e in caught.value.errors} == {1, 2}


@pytest.mark.parametrize(
    ("call", "cls", "base"),
    [
        (lambda: rule("no.such.rule"), jze.UnknownRuleError, KeyError),
        (lambda: record_kind(int), jze.UnknownRecordKindError, LookupError),
        (lambda: as_date("2016-02-30"), jze.InvalidDateError, ValueError),
        (lambda: as_date("31/12/2016"), jze.InvalidDateError, ValueError),
        (lambda: LabourCapacity.parse("超人"), jze.UnknownCodeError, ValueError),
        (lambda: LabourCapacity.of("superman"), jze.UnknownCodeError, ValueError),
        (lambda: z_value(2), jze.InvalidArgumentError, ValueError),
        (
            lambda: rule("identification.household").apply(
                None, on="2016-12-31", options={"x": True}
            ),
            jze.UnknownOptionError,
            ValueError,
        ),
        (
            lambda: ParameterSet.bundled().resolve("no_such_parameter", on="2016-12-31"),
            jze.UnknownParameterError,
            LookupError,
        ),
    ],
)
def test_user_triggerable_lookups_are_jingzhun_errors_with_their_builtin_base(
    call: object, cls: type[jze.JingzhunError], base: type[Exception]
) -> None:
    assert callable(call)
    with pytest.raises(cls) as caught:
        call()
    assert isinstance(caught.value, base) and isinstance(caught.value, jze.JingzhunError)
    assert str(caught.value) == caught.value.args[0]  # a KeyError's message is not quoted


def test_the_command_line_prints_the_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main(["identify", "households", str(missing), "--on", "2016-12-31"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jingzhun: [JZ-INPUT] ") and str(missing) in err
    assert main(["identify", "households", str(missing), "--on", "2016-02-30"]) == 2
    assert "\njingzhun: [JZ-INPUT] 命令行参数错误" in capsys.readouterr().err  # after the usage


def test_the_schema_command_names_an_unknown_schema_with_its_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "no-such-schema"]) == 2
    assert capsys.readouterr().err.startswith("jingzhun: [JZ-UNKNOWN-SCHEMA] ")


def test_the_docs_list_every_code() -> None:
    page = (Path(__file__).resolve().parents[2] / "docs" / "records.md").read_text("utf-8")
    classes: list[type[jze.JingzhunError]] = [jze.JingzhunError, *_package_errors()]
    for cls in classes:
        assert f"| `{cls.code}` | `{cls.__name__}`" in page, cls.code
