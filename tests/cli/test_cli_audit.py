"""``jingzhun audit``: text, JSON and HTML of a county registry's six-precisions audit; status
0 for a finished audit whatever its outcomes, 2 for bad input with every error named and
nothing written.

Until all six precision rules are on the branch, the audit itself is the stand-in report of
``audit_sample`` (monkeypatched); the command is the same either way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit_sample import write_registry
from jingzhun.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_on_stdout_status_0_despite_not_met(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_registry(tmp_path / "registry.json")
    code, out, err = run(capsys, "audit", str(path), "--on", "2017-12-31")
    assert (code, err) == (0, "")
    assert out.startswith("六个精准审计 / six precisions audit\n县 county: 610999")
    assert "结论 outcomes: 符合 met: 0  不符合 not met: 2  无法判定 undetermined: 4" in out


def test_json_to_out_and_html_written_atomically(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_registry(tmp_path / "registry.json")
    out_file, html = tmp_path / "audit.json", tmp_path / "audit.html"
    code, out, err = run(
        capsys,
        "audit",
        str(path),
        "--on",
        "2017-12-31",
        "--format",
        "json",
        "--out",
        str(out_file),
        "--html",
        str(html),
    )
    assert (code, out, err) == (0, "", "")
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert data["schema"] == "urn:jingzhun:schema:audit:1"
    page = html.read_text(encoding="utf-8")
    assert page.count('<article class="card ') == 6
    # 610999 is in 陕西 (west): the western village exit threshold, 3%
    assert "exit.village.incidence_threshold_west = 0.03" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "audit.html",
        "audit.json",
        "registry.json",
    ]


def test_every_bad_record_is_named_and_nothing_is_audited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_registry(
        tmp_path / "registry.json",
        villages=[
            {
                "village_id": "V1",
                "county_code": "610999",
                "rural_population": 10,
                "poor_population": 20,
                "poor": True,
            },
        ],
        projects=[{"project_id": "PJ1", "kind": "no-such-kind"}],
    )
    html = tmp_path / "audit.html"
    code, out, err = run(capsys, "audit", str(path), "--on", "2017-12-31", "--html", str(html))
    assert (code, out) == (2, "")
    assert "2 error(s) in 2 of" in err
    assert "(V1) /villages/0/poor_population" in err
    assert "(PJ1) /projects/0" in err
    assert err.rstrip().endswith("未作审计 / nothing audited")
    assert "Traceback" not in err and not html.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "找不到文件 / file not found"),
        ("{", "文件不是有效的JSON / the file is not valid JSON"),
        ("[]", "expected one JSON object with 'county'"),
    ],
)
def test_file_level_problems_are_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "registry.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "audit", str(path), "--on", "2017-12-31")
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_unwritable_html_target_is_refused_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_registry(tmp_path / "registry.json")
    code, out, err = run(
        capsys, "audit", str(path), "--on", "2017-12-31", "--html", str(tmp_path / "no" / "a.html")
    )
    assert (code, out) == (2, "")
    assert "文件夹不存在 / no such folder" in err


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_registry(tmp_path / "registry.json")
    code, _out, err = run(capsys, "audit", str(path), "--on", "2017-13-01")
    assert code == 2 and "usage error" in err


def test_all_lists_every_finding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_registry(tmp_path / "registry.json")
    code, out, _err = run(capsys, "audit", str(path), "--on", "2017-12-31", "--all")
    assert code == 0 and "more（" not in out
