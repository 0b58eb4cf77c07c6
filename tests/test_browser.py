"""The query page in a real headless Chromium: it runs a named query and shows its rows."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile

import pytest

from servers import CrampkgServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package 'chromium'; .ci/run installs it)"),
              pytest.mark.slow]  # headless Chromium against a real endpoint


def test_query_page_runs_a_named_query_and_shows_its_rows():
    server = CrampkgServer(timeout=5.0)
    try:
        with tempfile.TemporaryDirectory() as profile:
            done = subprocess.run(
                [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                 "--virtual-time-budget=10000", "--dump-dom", f"{server.url}/?run=imaging-methods"],
                capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    dom = done.stdout
    rows = re.findall(r'<tr class="row">(.*?)</tr>', dom)
    assert len(rows) == 3, dom[-2000:]
    assert any("resource/roentgen" in row for row in rows)
    assert "3 rows" in dom
