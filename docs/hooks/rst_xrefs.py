"""A griffe extension for the API reference: reST cross-references in docstrings become links.

The docstrings name other objects the Sphinx way (``:class:`Decision```, ``:func:`~a.b.f```,
``:meth:`Decision.to_dict```, ``:data:``, ``:attr:``, ``:mod:``, ``:exc:``, ``:obj:``), which
mkdocstrings shows as plain text. Once griffe has loaded the package, every docstring's roles
are rewritten to *optional* mkdocs-autorefs references: the name is resolved in the scope of
the object that carries the docstring (so short names work as they do in Sphinx), and the
reference links to the object's page anchor when the API reference renders it, or stays
plain code (no warning, the build stays strict) when it does not. ``:pep:`8``` links to the
PEP. The docstrings themselves are not changed in the source.

Configured in ``mkdocs.yml`` as a mkdocstrings handler extension
(``extensions: [docs/hooks/rst_xrefs.py]``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import griffe

ROLE = re.compile(r":(?:py:)?(class|func|meth|data|attr|mod|exc|obj|const|pep):`([^`]+)`")
"""A reST role with its target (``~`` shortens the title to the last name; ``!`` no link)."""

_SEEN = "_jingzhun_rst_xrefs"


def _canonical(collection: Any, path: str) -> str:
    """The path where an object is defined (an import alias followed to its target)."""
    try:
        obj = collection.get_member(path)
    except (KeyError, ValueError):  # not in the loaded packages: keep the path as written
        return path
    try:
        return str(obj.canonical_path)
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return path


def _target(obj: griffe.Object, name: str, collection: Any) -> str:
    """The full path of ``name`` as seen from ``obj`` (Sphinx's lookup, roughly)."""
    scope: griffe.Object = obj
    if name.startswith("."):
        name = name.lstrip(".")
        scope = obj if obj.is_class or obj.is_module else (obj.parent or obj)
    head, _, rest = name.partition(".")
    candidates = [scope, *_parents(scope)]
    for place in candidates:
        try:
            base = place.resolve(head)
        except griffe.NameResolutionError:
            continue
        return _canonical(collection, f"{base}.{rest}" if rest else base)
    return _canonical(collection, name)


def _parents(obj: griffe.Object) -> Iterator[griffe.Object]:
    parent = obj.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def rewrite(text: str, obj: griffe.Object, collection: Any) -> str:
    """``text`` with every reST role replaced by an optional autorefs reference."""

    def one(match: re.Match[str]) -> str:
        role, target = match[1], match[2].strip()
        if role == "pep":
            number = int(re.sub(r"\D", "", target) or 0)
            return f"[PEP {number}](https://peps.python.org/pep-{number:04d}/)"
        explicit = re.fullmatch(r"(.+?)\s*<(.+)>", target)
        if explicit:
            title, target = explicit[1], explicit[2]
        target = re.sub(r"\s+", "", target)  # a target wrapped over two lines
        no_link = target.startswith("!")
        target = target.lstrip("!")
        short = target.startswith("~")
        target = target.lstrip("~")
        if not explicit:
            title = target.rsplit(".", 1)[-1] if short else target.lstrip(".")
        if role in ("func", "meth"):
            title += "()"
        code = f"<code>{html.escape(title)}</code>"
        if no_link:
            return code
        identifier = html.escape(_target(obj, target, collection), quote=True)
        return f'<autoref identifier="{identifier}" optional>{code}</autoref>'

    return ROLE.sub(one, text)


def _objects(obj: griffe.Object) -> Iterator[griffe.Object]:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)  # type: ignore[arg-type]


class RestRoles(griffe.Extension):
    """Rewrite reST roles in every docstring of a loaded package (see the module docstring)."""

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **_: Any) -> None:
        for obj in _objects(pkg):
            doc = obj.docstring
            if doc is None or getattr(doc, _SEEN, False) or ":" not in doc.value:
                continue
            doc.value = rewrite(doc.value, obj, loader.modules_collection)
            setattr(doc, _SEEN, True)
