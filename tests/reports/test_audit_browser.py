"""The audit's HTML page in a real browser (headless Chromium driven by Playwright): it opens
from a file with no console error and no failed request, and shows the six summary cards.

Needs Debian's ``chromium`` (installed here once with apt-get when missing and allowed: root,
apt-get present, ``JINGZHUN_NO_BROWSER_INSTALL`` unset) and the ``playwright`` package
(requirements/dev.txt); skips with the reason otherwise. Playwright never downloads a browser
here: it drives ``/usr/bin/chromium``. With ``JINGZHUN_SCREENSHOT=PATH`` the page is also
saved as a PNG (``python docs/screenshot_audit.py`` writes docs/images/audit-report.png).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit_sample import demo_report
from jingzhun.core.parameters import ParameterSet
from jingzhun.domain.audit import SixPrecision
from jingzhun.reports.audit_html import render_html

CHROMIUM = Path("/usr/bin/chromium")
PACKAGES = ("chromium", "fonts-wqy-microhei")
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _apt(*args: str) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        done = subprocess.run(
            ["apt-get", *args], env=env, capture_output=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _install_chromium() -> str | None:
    """Install Chromium once if allowed; the reason to skip when it is not there."""
    if CHROMIUM.exists():
        return None
    if os.environ.get("JINGZHUN_NO_BROWSER_INSTALL"):
        return "no /usr/bin/chromium and JINGZHUN_NO_BROWSER_INSTALL is set"
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return "no /usr/bin/chromium, and apt-get as root is not available to install it"
    install = ("install", "-y", "--no-install-recommends", *PACKAGES)
    if not _apt(*install) and not (_apt("update") and _apt(*install)):
        return "apt-get could not install chromium"
    return None if CHROMIUM.exists() else "chromium installed, but /usr/bin/chromium is missing"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the playwright package is not installed"
    )
    reason = _install_chromium()
    if reason is not None:
        print(f"skipping the browser check: {reason}")
        pytest.skip(reason)
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=list(FLAGS))
        try:
            yield launched
        finally:
            launched.close()


def test_the_page_opens_clean_and_shows_six_cards(browser: Any, tmp_path: Path) -> None:
    report, registry = demo_report()
    threshold = ParameterSet.bundled().resolve(
        "exit.village.incidence_threshold_west", on=report.on, region=report.county_code
    )
    page_file = tmp_path / "audit.html"
    page_file.write_text(
        render_html(report, registry=registry, threshold=threshold), encoding="utf-8"
    )
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    assert problems == []
    assert requests == [page_file.as_uri()]  # nothing but the page itself
    cards = page.locator("article.card")
    assert cards.count() == 6
    for i, precision in enumerate(SixPrecision):
        card = cards.nth(i)
        assert card.is_visible()
        assert card.locator("h3").inner_text().startswith(precision.zh)
        assert precision.en in card.locator("h3").inner_text()
    assert page.locator("svg.chart").count() == 3
    shot = os.environ.get("JINGZHUN_SCREENSHOT")
    if shot:
        page.screenshot(path=shot, full_page=True)
    page.close()
