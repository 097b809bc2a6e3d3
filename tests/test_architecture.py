"""The layer contract of ``src/jingzhun``, read from the AST of every module.

Layers (a module may import jingzhun modules of the layers listed, and nothing else):

- ``core`` → core (the spine holds no policy);
- ``domain`` → core, domain;
- ``rules.common`` → core, domain, rules.common;
- a base rule family (``rules.identification``, ``rules.consistency``, ``rules.exit``, and
  any family not in :data:`COMPOSITE_FAMILIES`) → core, domain, rules.common, itself;
- a composite family (:data:`COMPOSITE_FAMILIES`) → the same, plus the base families;
  a base family never imports a composite one;
- ``io`` → core, domain, io;
- ``engine`` → core, domain, rules, io, engine;
- ``reports`` → core, domain, io, itself; ``demo`` and ``serve`` → anything but cli;
- ``cli``, ``__init__``, ``__main__`` → anything.

Imports are read at any depth (inside functions and ``TYPE_CHECKING`` blocks), relative
imports resolved. The checker works on a ``{module: {imported jingzhun modules}}`` map, so the
tests below also run it on synthetic maps and a temporary package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final, NamedTuple

import pytest

PACKAGE: Final = "jingzhun"
SRC: Final = Path(__file__).resolve().parent.parent / "src" / PACKAGE

COMPOSITE_FAMILIES: Final = frozenset({"rules.dynamic", "rules.evaluation", "rules.precision"})
"""Rule families that compose base families (the yearly adjustment; the six-precisions audit)."""

ENTRY_POINTS: Final = frozenset({"cli", "__init__", "__main__"})

MAX_MODULE_LINES: Final = 500
MAX_FUNCTION_LINES: Final = 60

AWAITING_OTHER_OWNERS: Final[Mapping[tuple[str, str], str]] = {}
"""Known wrong-way imports in files other engineers own; each entry must still occur."""

LONG_FUNCTIONS_OWNED_ELSEWHERE: Final[frozenset[tuple[str, str]]] = frozenset()
"""Functions over the limit that the rule-registration rewrite owns; split them after it
lands. An entry that is no longer too long must be removed (the table only shrinks)."""


class Violation(NamedTuple):
    """One wrong-way import: who imports what, and the layer rule it breaks."""

    importer: str
    imported: str
    rule: str

    def __str__(self) -> str:
        return f"{self.importer} imports {self.imported}: {self.rule}"


# ---------------------------------------------------------------- reading the imports


def module_name(path: Path, root: Path, package: str = PACKAGE) -> str:
    """``root/rules/exit/household.py`` → ``jingzhun.rules.exit.household``."""
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_modules(
    source: str, module: str, *, is_package: bool, known: Iterable[str], package: str = PACKAGE
) -> set[str]:
    """The jingzhun modules ``module`` imports anywhere in ``source``.

    ``from a import b`` counts as importing ``a.b`` when ``a.b`` is a module in ``known``.
    """
    modules = set(known)
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(node, module, is_package)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
    return {m for m in found if m == package or m.startswith(package + ".")}


def import_map(root: Path, package: str = PACKAGE) -> dict[str, set[str]]:
    """``{module: {imported jingzhun modules}}`` for every module under ``root``."""
    paths = sorted(root.rglob("*.py"))
    names = {p: module_name(p, root, package) for p in paths}
    known = set(names.values())
    return {
        names[p]: imported_modules(
            p.read_text(encoding="utf-8"),
            names[p],
            is_package=p.name == "__init__.py",
            known=known,
            package=package,
        )
        for p in paths
    }


# ---------------------------------------------------------------- the layer contract


def layer_of(module: str, package: str = PACKAGE) -> str:
    """The layer unit of a module: ``core``, ``rules.exit``, ``cli``, ``__init__`` …

    Each rule family is a unit of its own; ``rules`` alone is the ``jingzhun.rules`` package.
    """
    if module == package:
        return "__init__"
    parts = module.split(".")[1:]
    if parts[0] == "rules" and len(parts) > 1:
        return f"rules.{parts[1]}"
    return parts[0]


def _is_family(layer: str) -> bool:
    return layer.startswith("rules.") and layer != "rules.common"


def _base_families(layers: Iterable[str], composites: frozenset[str]) -> set[str]:
    return {x for x in layers if _is_family(x) and x not in composites}


def _allowed(layer: str, layers: set[str], composites: frozenset[str]) -> tuple[set[str], str]:
    """The layers ``layer`` may import, and the rule that says so."""
    spine = {"core", "domain"}
    fixed: dict[str, tuple[set[str], str]] = {
        "core": ({"core"}, "core imports nothing of jingzhun outside jingzhun.core"),
        "domain": (spine, "domain imports only core and domain"),
        "rules": (
            spine | {"rules", "rules.common"},
            "the rules package imports only core, domain and rules.common",
        ),
        "rules.common": (
            spine | {"rules.common"},
            "rules.common imports only core, domain and itself",
        ),
        "io": (spine | {"io"}, "io imports only core, domain and io"),
        "engine": (
            spine | {"io", "engine", "rules"} | {x for x in layers if x.startswith("rules.")},
            "engine imports only core, domain, rules, io and engine",
        ),
        "reports": (spine | {"io", "reports"}, "reports imports only core, domain, io and itself"),
        "demo": (layers - {"cli"}, "demo imports anything but cli"),
        "serve": (layers - {"cli"}, "serve imports anything but cli"),
    }
    if layer in fixed:
        return fixed[layer]
    if layer in ENTRY_POINTS:
        return layers, "entry points import anything"
    if layer in composites:
        allowed = spine | {"rules.common", layer} | _base_families(layers, composites)
        return allowed, (
            f"composite family {layer} imports only core, domain, rules.common, the base "
            "families and itself"
        )
    if _is_family(layer):
        return spine | {"rules.common", layer}, (
            f"base family {layer} imports only core, domain, rules.common and itself"
        )
    return set(), f"{layer} belongs to no layer: place it in the contract"


def layer_violations(
    imports: Mapping[str, Iterable[str]],
    composites: frozenset[str] = COMPOSITE_FAMILIES,
    package: str = PACKAGE,
) -> list[Violation]:
    """Every import that breaks the layer contract, sorted by importer and imported module."""
    layers = {layer_of(m, package) for m in imports} | {
        layer_of(i, package) for targets in imports.values() for i in targets
    }
    found: list[Violation] = []
    for importer in sorted(imports):
        layer = layer_of(importer, package)
        allowed, rule = _allowed(layer, layers, composites)
        for imported in sorted(imports[importer]):
            target = layer_of(imported, package)
            if target in allowed:
                continue
            if _is_family(layer) and layer not in composites and target in composites:
                rule_broken = f"a base family never imports a composite one ({target})"
            else:
                rule_broken = rule
            found.append(Violation(importer, imported, rule_broken))
    return found


def layer_graph(
    imports: Mapping[str, Iterable[str]], package: str = PACKAGE
) -> dict[str, set[str]]:
    """The import map folded onto layer units, without imports inside a unit."""
    graph: dict[str, set[str]] = {}
    for importer, targets in imports.items():
        source = layer_of(importer, package)
        graph.setdefault(source, set()).update(
            t for t in (layer_of(i, package) for i in targets) if t != source
        )
    return graph


def _shortest_cycle(graph: Mapping[str, set[str]], start: str) -> tuple[str, ...]:
    paths: list[tuple[str, ...]] = [(start,)]
    while paths:
        path = paths.pop(0)
        for nxt in sorted(graph.get(path[-1], set())):
            if nxt == start:
                return (*path, start)
            if nxt not in path:
                paths.append((*path, nxt))
    return ()


def _reachable(graph: Mapping[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph.get(todo.pop(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def import_cycles(graph: Mapping[str, set[str]]) -> list[tuple[str, ...]]:
    """One shortest cycle per group of units that reach each other, e.g. ``(a, b, a)``."""
    reach = {node: _reachable(graph, node) for node in graph}
    cycles: list[tuple[str, ...]] = []
    covered: set[str] = set()
    for node in sorted(graph):
        if node in covered or node not in reach[node]:
            continue
        covered |= {m for m in reach[node] if node in reach.get(m, set())}
        cycles.append(_shortest_cycle(graph, node))
    return cycles


def report(lines: Iterable[object]) -> str:
    """A failure message: one finding a line."""
    return "\n".join(str(line) for line in lines)


# ---------------------------------------------------------------- sizes


class TooLong(NamedTuple):
    module: str
    function: str
    lines: int

    def __str__(self) -> str:
        return f"{self.module}.{self.function}: {self.lines} lines"


def long_functions(
    root: Path, limit: int = MAX_FUNCTION_LINES, package: str = PACKAGE
) -> list[TooLong]:
    """Functions (methods and nested ones included) longer than ``limit`` lines."""
    found: list[TooLong] = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                size = node.end_lineno - node.lineno + 1
                if size > limit:
                    found.append(TooLong(module_name(path, root, package), node.name, size))
    return found


def long_modules(root: Path, limit: int = MAX_MODULE_LINES) -> list[str]:
    """Modules longer than ``limit`` lines, with their length."""
    found = []
    for path in sorted(root.rglob("*.py")):
        size = len(path.read_text(encoding="utf-8").splitlines())
        if size > limit:
            found.append(f"{module_name(path, root)}: {size} lines")
    return found


# ---------------------------------------------------------------- the contract, on src


@pytest.fixture(scope="module")
def src_imports() -> dict[str, set[str]]:
    return import_map(SRC)


def test_every_module_keeps_the_layer_contract(src_imports: dict[str, set[str]]) -> None:
    """Layers: core → core; domain → core; rules.common → core, domain; base families →
    common and themselves; composite families → base families; io → core, domain; engine →
    rules, io; reports → core, domain; demo → anything but cli."""
    found = layer_violations(src_imports)
    unexpected = [v for v in found if (v.importer, v.imported) not in AWAITING_OTHER_OWNERS]
    assert not unexpected, "wrong-way imports:\n" + report(unexpected)


def test_known_wrong_way_imports_still_occur(src_imports: dict[str, set[str]]) -> None:
    """Each entry of the waiting table names an import that still breaks the contract."""
    found = {(v.importer, v.imported) for v in layer_violations(src_imports)}
    stale = [f"{a} → {b}" for a, b in AWAITING_OTHER_OWNERS if (a, b) not in found]
    assert not stale, "fixed; remove from AWAITING_OTHER_OWNERS:\n" + report(stale)


def test_no_import_cycle_between_layer_units(src_imports: dict[str, set[str]]) -> None:
    """No two packages (layer units) import each other, directly or around a loop."""
    cycles = import_cycles(layer_graph(src_imports))
    assert not cycles, "import cycles:\n" + report(" → ".join(c) for c in cycles)


def test_the_layers_are_all_present(src_imports: dict[str, set[str]]) -> None:
    """The contract names real units: a rename of a layer must update this test."""
    units = {layer_of(m) for m in src_imports}
    expected = {"core", "domain", "rules", "rules.common", "io", "engine", "demo", "reports"}
    assert expected | ENTRY_POINTS | COMPOSITE_FAMILIES <= units
    assert {"rules.identification", "rules.consistency", "rules.exit"} <= units


def test_no_module_exceeds_500_lines() -> None:
    """Modules stay readable: at most 500 lines each."""
    found = long_modules(SRC)
    assert not found, "modules over 500 lines:\n" + report(found)


def test_no_function_exceeds_60_lines() -> None:
    """Functions stay small named checks: at most 60 lines (AST end_lineno - lineno + 1)."""
    found = long_functions(SRC)
    unexpected = [f for f in found if (f.module, f.function) not in LONG_FUNCTIONS_OWNED_ELSEWHERE]
    assert not unexpected, "functions over 60 lines:\n" + report(unexpected)
    still_long = {(f.module, f.function) for f in found}
    stale = sorted(LONG_FUNCTIONS_OWNED_ELSEWHERE - still_long)
    assert not stale, "short now; remove from LONG_FUNCTIONS_OWNED_ELSEWHERE:\n" + report(
        ".".join(s) for s in stale
    )


# ---------------------------------------------------------------- the checker, on synthetic trees

_WELL_LAYERED: Final[dict[str, set[str]]] = {
    "jingzhun": {"jingzhun.cli", "jingzhun.rules.exit.household"},
    "jingzhun.__main__": {"jingzhun.cli"},
    "jingzhun.cli": {"jingzhun.demo.walkthrough", "jingzhun.engine.batch"},
    "jingzhun.core.dates": set(),
    "jingzhun.core.decisions": {"jingzhun.core.dates"},
    "jingzhun.domain.model": {"jingzhun.core.dates"},
    "jingzhun.rules": set(),
    "jingzhun.rules.common.procedure": {"jingzhun.core.decisions", "jingzhun.domain.model"},
    "jingzhun.rules.identification.household": {"jingzhun.rules.common.procedure"},
    "jingzhun.rules.exit.household": {
        "jingzhun.rules.common.procedure",
        "jingzhun.rules.exit.common",
    },
    "jingzhun.rules.exit.common": {"jingzhun.core.decisions"},
    "jingzhun.rules.dynamic.adjustment": {
        "jingzhun.rules.exit.household",
        "jingzhun.rules.identification.household",
    },
    "jingzhun.io.loaders": {"jingzhun.domain.model", "jingzhun.io.records"},
    "jingzhun.io.records": set(),
    "jingzhun.engine.batch": {"jingzhun.io.loaders", "jingzhun.rules.dynamic.adjustment"},
    "jingzhun.reports": {"jingzhun.core.decisions"},
    "jingzhun.demo.walkthrough": {"jingzhun.reports", "jingzhun.engine.batch"},
}


def _with(extra: Mapping[str, set[str]]) -> dict[str, set[str]]:
    merged = {k: set(v) for k, v in _WELL_LAYERED.items()}
    for module, targets in extra.items():
        merged.setdefault(module, set()).update(targets)
    return merged


def test_checker_passes_a_well_layered_map() -> None:
    assert layer_violations(_WELL_LAYERED) == []
    assert import_cycles(layer_graph(_WELL_LAYERED)) == []


def test_checker_reports_exactly_the_wrong_way_imports() -> None:
    """Each wrong-way import is named with its importer, its target and the rule broken."""
    imports = _with(
        {
            "jingzhun.core.dates": {"jingzhun.rules.exit.household"},
            "jingzhun.io.loaders": {"jingzhun.rules.dynamic"},
            "jingzhun.rules.exit.household": {"jingzhun.rules.dynamic.adjustment"},
            "jingzhun.rules.identification.household": {"jingzhun.rules.exit.common"},
            "jingzhun.domain.model": {"jingzhun.io.records"},
            "jingzhun.reports": {"jingzhun.rules.common.procedure"},
            "jingzhun.demo.walkthrough": {"jingzhun.cli"},
            "jingzhun.rules.common.procedure": {"jingzhun.rules.identification.household"},
        }
    )
    assert layer_violations(imports) == [
        Violation(
            "jingzhun.core.dates",
            "jingzhun.rules.exit.household",
            "core imports nothing of jingzhun outside jingzhun.core",
        ),
        Violation("jingzhun.demo.walkthrough", "jingzhun.cli", "demo imports anything but cli"),
        Violation(
            "jingzhun.domain.model", "jingzhun.io.records", "domain imports only core and domain"
        ),
        Violation(
            "jingzhun.io.loaders", "jingzhun.rules.dynamic", "io imports only core, domain and io"
        ),
        Violation(
            "jingzhun.reports",
            "jingzhun.rules.common.procedure",
            "reports imports only core, domain, io and itself",
        ),
        Violation(
            "jingzhun.rules.common.procedure",
            "jingzhun.rules.identification.household",
            "rules.common imports only core, domain and itself",
        ),
        Violation(
            "jingzhun.rules.exit.household",
            "jingzhun.rules.dynamic.adjustment",
            "a base family never imports a composite one (rules.dynamic)",
        ),
        Violation(
            "jingzhun.rules.identification.household",
            "jingzhun.rules.exit.common",
            "base family rules.identification imports only core, domain, rules.common and itself",
        ),
    ]


def test_failure_message_lists_every_violation_one_a_line() -> None:
    imports = _with(
        {
            "jingzhun.core.dates": {"jingzhun.rules.exit.household"},
            "jingzhun.io.loaders": {"jingzhun.rules.dynamic"},
        }
    )
    assert report(layer_violations(imports)).splitlines() == [
        "jingzhun.core.dates imports jingzhun.rules.exit.household: "
        "core imports nothing of jingzhun outside jingzhun.core",
        "jingzhun.io.loaders imports jingzhun.rules.dynamic: io imports only core, domain and io",
    ]


def test_a_family_declared_composite_may_import_base_families_but_not_the_reverse() -> None:
    """A new composite family (here a hypothetical rules.survey) is declared in one table."""
    imports = _with(
        {
            "jingzhun.rules.survey.card": {"jingzhun.rules.exit.household"},
            "jingzhun.rules.consistency.record": {"jingzhun.rules.survey.card"},
        }
    )
    composites = COMPOSITE_FAMILIES | {"rules.survey"}
    assert layer_violations(imports, composites) == [
        Violation(
            "jingzhun.rules.consistency.record",
            "jingzhun.rules.survey.card",
            "a base family never imports a composite one (rules.survey)",
        )
    ]
    undeclared = layer_violations(imports)
    assert [(v.importer, v.imported) for v in undeclared] == [
        ("jingzhun.rules.consistency.record", "jingzhun.rules.survey.card"),
        ("jingzhun.rules.survey.card", "jingzhun.rules.exit.household"),
    ]


def test_composite_families_do_not_import_each_other() -> None:
    imports = _with({"jingzhun.rules.survey.card": {"jingzhun.rules.dynamic.adjustment"}})
    composites = COMPOSITE_FAMILIES | {"rules.survey"}
    assert [str(v) for v in layer_violations(imports, composites)] == [
        "jingzhun.rules.survey.card imports jingzhun.rules.dynamic.adjustment: composite "
        "family rules.survey imports only core, domain, rules.common, the base families "
        "and itself"
    ]


def test_a_module_outside_every_layer_is_reported() -> None:
    imports = _with({"jingzhun.misc": {"jingzhun.core.dates"}})
    assert layer_violations(imports) == [
        Violation(
            "jingzhun.misc",
            "jingzhun.core.dates",
            "misc belongs to no layer: place it in the contract",
        )
    ]


def test_checker_reports_a_cycle_between_units() -> None:
    imports = _with(
        {
            "jingzhun.io.records": {"jingzhun.engine.batch"},
            "jingzhun.domain.model": {"jingzhun.io.records"},
        }
    )
    assert import_cycles(layer_graph(imports)) == [("domain", "io", "domain")]


def test_import_map_reads_nested_type_checking_and_relative_imports(tmp_path: Path) -> None:
    """Imports inside functions and ``TYPE_CHECKING`` blocks count; relative ones resolve."""
    root = tmp_path / PACKAGE
    files = {
        "__init__.py": "from .cli import main\n",
        "cli.py": "def main() -> None:\n    from jingzhun.demo import walkthrough\n",
        "core/__init__.py": "",
        "core/dates.py": (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n"
            "    from ..rules.exit import household\n"
            "def f() -> None:\n"
            "    import jingzhun.io.loaders\n"
            "from . import money\n"
        ),
        "core/money.py": "import decimal\nfrom .dates import f\n",
        "demo/__init__.py": "from . import walkthrough\n",
        "demo/walkthrough.py": "from ..cli import main\n",
        "io/__init__.py": "",
        "io/loaders.py": "import jingzhun.rules.dynamic as dyn\nfrom jingzhun.core import dates\n",
        "rules/__init__.py": "",
        "rules/exit/__init__.py": "",
        "rules/exit/household.py": "from ..dynamic.adjustment import adjust_entry\n",
        "rules/dynamic/__init__.py": "",
        "rules/dynamic/adjustment.py": "from ...rules.exit.household import x\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    imports = import_map(root)
    assert imports["jingzhun.core.dates"] == {
        "jingzhun.rules.exit.household",
        "jingzhun.io.loaders",
        "jingzhun.core.money",
    }
    assert imports["jingzhun"] == {"jingzhun.cli"}
    assert imports["jingzhun.demo"] == {"jingzhun.demo.walkthrough"}
    assert imports["jingzhun.io.loaders"] == {"jingzhun.rules.dynamic", "jingzhun.core.dates"}
    assert imports["jingzhun.rules.dynamic.adjustment"] == {"jingzhun.rules.exit.household"}
    assert report(layer_violations(imports)).splitlines() == [
        "jingzhun.core.dates imports jingzhun.io.loaders: "
        "core imports nothing of jingzhun outside jingzhun.core",
        "jingzhun.core.dates imports jingzhun.rules.exit.household: "
        "core imports nothing of jingzhun outside jingzhun.core",
        "jingzhun.demo.walkthrough imports jingzhun.cli: demo imports anything but cli",
        "jingzhun.io.loaders imports jingzhun.rules.dynamic: io imports only core, domain and io",
        "jingzhun.rules.exit.household imports jingzhun.rules.dynamic.adjustment: "
        "a base family never imports a composite one (rules.dynamic)",
    ]
    assert import_cycles(layer_graph(imports)) == [
        ("cli", "demo", "cli"),
        ("core", "io", "core"),
        ("rules.dynamic", "rules.exit", "rules.dynamic"),
    ]


def test_sizes_are_measured_on_the_ast(tmp_path: Path) -> None:
    root = tmp_path / PACKAGE
    root.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    (root / "big.py").write_text(
        f"def long() -> None:\n{body}\n\ndef short() -> None:\n    pass\n" + "#\n" * 440,
        encoding="utf-8",
    )
    assert [str(f) for f in long_functions(root)] == ["jingzhun.big.long: 61 lines"]
    assert long_modules(root) == ["jingzhun.big: 504 lines"]


# ---------------------------------------------------------------- registry completeness
# (declared codes and parameters held to the code: tests/core/test_rule_declarations.py)


def _rule_modules() -> list[str]:
    names = []
    for path in sorted((SRC / "rules").rglob("*.py")):
        if "@SPEC.implementation" in path.read_text(encoding="utf-8"):
            names.append(module_name(path, SRC))
    return names


def test_every_rule_module_is_discovered() -> None:
    """Every module that implements a spec is in the catalogue, found by discovery alone."""
    import importlib

    from jingzhun.rules import catalogue

    found = {spec.id for spec in catalogue()}
    modules = _rule_modules()
    assert len(modules) >= 13
    for name in modules:
        spec = importlib.import_module(name).SPEC
        assert spec.id in found, name
        assert spec.rule.__module__ == name, (spec.id, spec.rule.__module__)


def test_every_rule_is_in_the_docs() -> None:
    """Each rule id is on a written docs page and in the generated rule reference."""
    from jingzhun.rules import catalogue

    docs = SRC.parent.parent / "docs"
    written = "\n".join(
        p.read_text(encoding="utf-8")
        for p in docs.rglob("*.md")
        if p.relative_to(docs).parts[0] not in ("index.md", "reference")
    )
    reference = (docs / "reference" / "rules.md").read_text(encoding="utf-8")
    missing = [s.id for s in catalogue() if s.id not in written or s.id not in reference]
    assert not missing, missing
