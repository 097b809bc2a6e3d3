"""jingzhun evaluate and jingzhun sample-size; the sample loader's errors (every one named,
exit 2). Clause: ASSESS2016-art6.2 (the evaluation by 抽样调查)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jingzhun.cli import main
from jingzhun.demo.evaluation import sample_evaluation
from jingzhun.io.evaluation import load_evaluation_data, load_evaluation_text


def _sample() -> dict[str, Any]:
    return sample_evaluation(120)


def _write(tmp_path: Path, data: Any) -> str:
    p = tmp_path / "sample.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(p)


def test_evaluate_text_and_json_asses2016_art6_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ASSESS2016-art6.2: the demo sample evaluates; JSON output is the decision list."""
    path = _write(tmp_path, _sample())
    assert main(["evaluate", path, "--on", "2018-02-28"]) == 0
    assert "evaluation.county" in capsys.readouterr().out
    assert (
        main(["evaluate", path, "--on", "2018-02-28", "--format", "json", "--confidence", "0.9"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out[0]["rule"] == "evaluation.county"
    assert "90%" in out[0]["reasons"][0]["message_zh"]


def test_evaluate_with_exit_runs_the_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _sample() | {"exit": {"incidence": {"value": "0.012"}}}
    assert main(["evaluate", _write(tmp_path, data), "--on", "2018-02-28", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [d["rule"] for d in out] == ["evaluation.county", "evaluation.county_exit"]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (
            lambda d: d["design"].update(exited_population=3),
            "/design/exited_population",
            "larger than its population",
        ),
        (lambda d: d["households"][0].update(approval="很好"), "/households/0", "unknown Approval"),
        (
            lambda d: d["households"][0].update(satisfaction="ok"),
            "/households/0",
            "unknown Satisfaction",
        ),
        (lambda d: d.update(survey_end="2017-12-01"), "/survey_end", "before the survey"),
        (lambda d: d["households"][1].update(members=0), "/households/1", "at least 1"),
        (lambda d: d["households"][2].update(colour="red"), "/households/2/colour", "unknown key"),
        (lambda d: d["design"].update(kind="quota"), "/design", "unknown SampleKind"),
        (lambda d: d.update(exit={"incidence": {"value": "1.5"}}), "/exit", "fraction"),
        (lambda d: d["design"].update(design_effect="0.5"), "/design", "at least 1"),
        (lambda d: d.pop("design"), "/design", "required"),
    ],
)
def test_bad_samples_are_named(change: Any, path: str, words: str) -> None:
    data = _sample()
    change(data)
    loaded = load_evaluation_data(data)
    assert not loaded.ok and loaded.case is None
    assert any(e.path.startswith(path) and words in e.message for e in loaded.errors), [
        str(e) for e in loaded.errors
    ]


def test_every_household_error_is_named() -> None:
    data = _sample()
    data["households"][0]["approval"] = "x"
    data["households"][5]["status"] = "rich"
    loaded = load_evaluation_data(data)
    assert {e.index for e in loaded.errors} == {1, 6}


def test_not_json_and_cli_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not load_evaluation_text("{").ok
    data = _sample()
    data["design"]["households"] = 5
    assert main(["evaluate", _write(tmp_path, data), "--on", "2018-02-28"]) == 2
    err = capsys.readouterr().err
    assert "larger than its population" in err and "nothing evaluated" in err


def test_sample_size(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "sample-size",
        "--expected-rate",
        "0.01",
        "--threshold",
        "0.02",
        "--confidence",
        "0.95",
        "--population",
        "12000",
    ]
    assert main(args) == 0
    assert "709" in capsys.readouterr().out
    assert main([*args, "--design-effect", "1.5", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["sample_size"] == 1033
    assert main([*args[:-2], "--cluster-size", "20", "--icc", "0.05", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["design_effect"] == "1.95"
    assert main(["sample-size", "--expected-rate", "1.5", "--threshold", "0.02"]) == 2
    assert "fraction in [0, 1]" in capsys.readouterr().err
    assert main(["sample-size", "--expected-rate", "0.02", "--threshold", "0.02"]) == 2
