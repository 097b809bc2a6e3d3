"""Write docs/images/audit-report.png: the audit page of the report tests' sample county, in
headless Chromium (the browser check of tests/reports/test_audit_browser.py, with
``JINGZHUN_SCREENSHOT`` set). Run: ``.venv/bin/python docs/screenshot_audit.py``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "images" / "audit-report.png"


def main() -> int:
    env = {**os.environ, "JINGZHUN_SCREENSHOT": str(TARGET)}
    test = "tests/reports/test_audit_browser.py"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test],
        cwd=ROOT,
        env=env,
        check=False,
    )
    if done.returncode == 0 and TARGET.exists():
        print(f"wrote {TARGET.relative_to(ROOT)}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
