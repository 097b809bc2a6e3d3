"""The command-line outputs over the whole sample county are byte-identical to the recorded ones.

Kept from the reshaping of 0.2 (core / domain / rules / io / engine): a move of code must not
change one byte of any output. A deliberate change of behaviour re-records the fingerprints
(``python scripts/golden_outputs.py --update``) and says why in the CHANGELOG.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).parent.parent.parent / "scripts" / "golden_outputs.py"


def test_outputs_are_byte_identical_to_the_recorded_ones(capsys: object) -> None:
    spec = importlib.util.spec_from_file_location("golden_outputs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["golden_outputs"] = module
    spec.loader.exec_module(module)
    assert module.main([]) == 0
