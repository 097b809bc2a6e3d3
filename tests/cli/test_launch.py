"""Issue 8, class 7: Ctrl-C and SIGTERM during start-up exit cleanly too.

The console script (``jingzhun = "jingzhun.__main__:main"``) and ``python -m jingzhun`` make
SIGTERM raise before the command line's modules load, and catch ``KeyboardInterrupt`` around
the import, so a signal in the first fraction of a second exits 130 / 143 with one line, as
during a run. That needs ``import jingzhun`` to be cheap: the package's public names load on
first use (:pep:`562`), and stay exactly the documented API.
"""

from __future__ import annotations

import ast
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import jingzhun

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

INIT = Path(jingzhun.__file__)
SCRIPT = Path(sys.executable).with_name("jingzhun")
ENTRIES = {
    "console-script": [str(SCRIPT)],
    "python-m": [sys.executable, "-m", "jingzhun"],
}
HOUSEHOLD = {
    "household_id": "H1",
    "county_code": "522701",
    "declared_size": 1,
    "income_year": 2015,
    "income": {"wages": "2000"},
}
MESSAGES = {
    signal.SIGINT: "jingzhun: 已中断 / interrupted",
    signal.SIGTERM: "jingzhun: 已终止 / terminated",
}


def _interpreter_start() -> float:
    """How long the interpreter takes to start and import ``re`` (as the console script
    does before any jingzhun code runs): the slowest of three runs. A signal before then is
    Python's own business; the delays below count from it."""
    times = []
    for _ in range(3):
        start = time.monotonic()
        subprocess.run([sys.executable, "-c", "import re"], check=True)
        times.append(time.monotonic() - start)
    return max(times)


@pytest.fixture(scope="module")
def start_up() -> float:
    return _interpreter_start()


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "h.json"
    path.write_text(json.dumps([HOUSEHOLD]), encoding="utf-8")
    return path


@pytest.mark.skipif(not SCRIPT.exists(), reason="the console script is not installed")
@pytest.mark.parametrize("entry", sorted(ENTRIES))
@pytest.mark.parametrize(
    ("sig", "delay"),
    [
        (signal.SIGINT, 0.05),
        (signal.SIGINT, 0.1),
        (signal.SIGINT, 0.2),
        (signal.SIGTERM, 0.05),
        (signal.SIGTERM, 0.2),
    ],
    ids=lambda v: getattr(v, "name", f"{v}s"),
)
def test_signal_during_start_up_exits_cleanly(
    entry: str, sig: signal.Signals, delay: float, start_up: float, records: Path
) -> None:
    """Pins: SIGINT or SIGTERM ``delay`` seconds after the interpreter has started (while
    the command line's modules are still being imported) exits 130 / 143 with one line and no
    traceback — or 0 if the command had already finished."""
    argv = ["identify", "households", str(records), "--on", "2016-12-31"]
    proc = subprocess.Popen(
        [*ENTRIES[entry], *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(start_up + delay)
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"hung after {sig.name}")
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    expected = 130 if sig == signal.SIGINT else 143
    if proc.returncode == -sig and sig == signal.SIGTERM:
        # on a loaded machine the signal can arrive before Python has started at all: the
        # default action ends the process silently, which is just as clean
        assert err == ""
        return
    assert proc.returncode in (expected, 0), err
    if proc.returncode == expected:
        assert err.strip().splitlines() == [MESSAGES[sig]]


def test_console_script_goes_through_the_launcher() -> None:
    """Pins: the ``jingzhun`` console script's entry point is ``jingzhun.__main__:main``."""
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "jingzhun"]
    assert script.value == "jingzhun.__main__:main"


def test_importing_the_package_loads_nothing_else() -> None:
    """Pins: ``import jingzhun`` imports no other jingzhun module (the public names load on
    first use), which keeps the window before the launcher's handlers short."""
    code = "import jingzhun, sys; print(sorted(m for m in sys.modules if 'jingzhun' in m))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "['jingzhun']"


def _type_checking_names() -> dict[str, str]:
    """``{name: module}`` of the imports in the ``if TYPE_CHECKING:`` block of ``__init__``."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    (block,) = [
        n
        for n in tree.body
        if isinstance(n, ast.If) and isinstance(n.test, ast.Name) and n.test.id == "TYPE_CHECKING"
    ]
    return {
        alias.name: node.module or ""
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_lazy_names_are_the_public_api() -> None:
    """Pins: the names type checkers see (the ``TYPE_CHECKING`` imports), the names loaded
    on first use and ``__all__`` agree, and every public name resolves to the object its
    module defines."""
    import importlib

    seen = _type_checking_names()
    lazy = {name: module for module, names in jingzhun._EXPORTS.items() for name in names}
    assert seen == lazy
    assert set(jingzhun.__all__) == set(lazy) | {"__version__", "catalogue"}
    for name, module in lazy.items():
        assert getattr(jingzhun, name) is getattr(importlib.import_module(module), name)
    assert set(jingzhun.__all__) <= set(dir(jingzhun))
    with pytest.raises(AttributeError, match="no attribute 'not_a_name'"):
        _ = jingzhun.not_a_name  # type: ignore[attr-defined]
