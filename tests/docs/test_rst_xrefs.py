"""The API reference's griffe extension (``docs/hooks/rst_xrefs.py``): every reST role in the
package's docstrings becomes an optional autorefs reference to the object's full path, resolved
from the scope of the docstring's object; no role is left for mkdocstrings to print as text."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

griffe = pytest.importorskip("griffe", reason="griffe (mkdocstrings) not installed")

ROOT = Path(__file__).parent.parent.parent


def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rst_xrefs", ROOT / "docs/hooks/rst_xrefs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def package() -> Any:
    hook = _hook()
    return griffe.load(
        "jingzhun",
        search_paths=[str(ROOT / "src")],
        extensions=griffe.load_extensions(hook.RestRoles()),
        resolve_aliases=False,
    )


def _docstrings(obj: Any) -> Any:
    if obj.docstring is not None:
        yield obj, obj.docstring.value
    for member in obj.members.values():
        if not member.is_alias:
            yield from _docstrings(member)


def test_no_role_is_left(package: Any) -> None:
    role = _hook().ROLE
    left = [(o.path, m[0]) for o, text in _docstrings(package) for m in role.finditer(text)]
    assert left == []


def test_short_names_resolve_in_their_scope(package: Any) -> None:
    refs = {
        m[1]
        for _o, text in _docstrings(package)
        for m in re.finditer(r'<autoref identifier="([^"]+)" optional>', text)
    }
    assert "jingzhun.rules.precision.audit.audit_six_precisions" in refs
    assert "jingzhun.core.decisions.Decision" in refs
    missing = []
    for ref in sorted(r for r in refs if r.startswith("jingzhun.")):
        try:
            package.modules_collection.get_member(ref)
        except (KeyError, ValueError, AttributeError):
            missing.append(ref)
    assert missing == []
    outside = {r for r in refs if not r.startswith("jingzhun.")}
    assert outside <= {"multiprocessing.pool.Pool", "fractions.Fraction", "decimal.Decimal",
                       "pendulum.Date", "referencing.Registry"}  # fmt: skip


def test_titles_and_special_forms(package: Any) -> None:
    hook = _hook()
    decisions = package["core"]["decisions"]
    text = hook.rewrite(
        ":class:`Decision`, :meth:`~Decision.to_dict`, :func:`!nothing`, :pep:`8`, "
        ":class:`the model <Decision>`",
        decisions,
        package.modules_collection,
    )
    ref = '<autoref identifier="jingzhun.core.decisions.Decision" optional>'
    assert text == (
        f"{ref}<code>Decision</code></autoref>, "
        '<autoref identifier="jingzhun.core.decisions.Decision.to_dict" optional>'
        "<code>to_dict()</code></autoref>, <code>nothing()</code>, "
        "[PEP 8](https://peps.python.org/pep-0008/), "
        f"{ref}<code>the model</code></autoref>"
    )
