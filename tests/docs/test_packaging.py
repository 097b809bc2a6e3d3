"""Packaging metadata agrees with itself: LICENSE, CITATION.cff, pyproject.toml, the package."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

import jingzhun

ROOT = Path(__file__).parent.parent.parent


def _pyproject() -> dict[str, Any]:
    project: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return project


def test_license_file_is_the_apache_license_pyproject_names() -> None:
    project = _pyproject()
    assert project["license"] == "Apache-2.0"
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text("utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_citation_cff_has_the_required_keys_and_the_package_version() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "version", "license", "type"):
        assert cff[key], key
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    assert cff["version"] == _pyproject()["version"] == jingzhun.__version__
    assert cff["license"] == _pyproject()["license"]


def test_no_invented_urls() -> None:
    """There is no public repository or documentation site yet: no URL is made up for one.
    When there is, add it to pyproject ``[project.urls]`` and CITATION.cff together."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    urls = _pyproject().get("urls", {})
    assert "repository-code" not in cff and "url" not in cff
    assert not urls


def test_docs_extra_is_pinned_for_the_ci() -> None:
    docs_extra = _pyproject()["optional-dependencies"]["docs"]
    pinned = {
        line.split("==")[0].lower()
        for line in (ROOT / "requirements/dev.txt").read_text("utf-8").splitlines()
        if "==" in line
    }
    for requirement in docs_extra:
        name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower()
        assert name in pinned, requirement
