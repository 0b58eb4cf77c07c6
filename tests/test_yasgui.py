"""The YASGUI query page in a real headless Chromium that can reach nothing but the endpoint: a named query run from
the page shows its rows (with links to the entity pages), a parameter changes them, a CONSTRUCT shows its triples."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import urllib.request

import pytest

from servers import CrampkgServer

pytestmark = pytest.mark.slow  # headless Chromium against a real endpoint

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package 'chromium'; .ci/run installs it)")


@pytest.fixture(scope="module")
def server():
    running = CrampkgServer(timeout=10.0)
    yield running
    running.stop()


def page_dom(server: CrampkgServer, query_string: str) -> str:
    """The page's DOM once its scripts ran, in a Chromium whose every host name but 127.0.0.1 fails to resolve."""
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=127.0.0.1:9",
             "--proxy-bypass-list=127.0.0.1", "--virtual-time-budget=15000", "--dump-dom",
             f"{server.url}/?{query_string}"],
            capture_output=True, text=True, timeout=120)
    return done.stdout


def result_rows(dom: str) -> list[str]:
    body = re.search(r"<tbody>(.*?)</tbody>", dom, re.S)
    return re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S) if body else []


def test_the_page_loads_only_the_endpoints_own_files(server):
    with urllib.request.urlopen(f"{server.url}/", timeout=30) as response:
        page = response.read().decode("utf-8")
    loaded = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert "/static/yasgui.min.js" in loaded and "/static/yasgui.min.css" in loaded
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
    for name in ("yasgui.min.js", "yasgui.min.css", "LICENSE-yasgui.txt"):
        with urllib.request.urlopen(f"{server.url}/static/{name}", timeout=30) as response:
            assert response.status == 200 and len(response.read()) > 1000


@needs_chromium
def test_a_named_query_run_from_the_page_shows_its_rows_with_entity_links(server):
    dom = page_dom(server, "run=imaging-methods")
    rows = result_rows(dom)
    assert len(rows) == 3, dom[-3000:]
    assert "Showing 1 to 3 of 3 entries" in dom
    assert {"res:roentgen", "res:ct", "res:mrt"} <= set(re.findall(r"res:[a-z]+", " ".join(rows)))
    assert 'href="/resource/roentgen"' in dom
    assert '"Röntgen"' in dom


@needs_chromium
def test_a_parameter_given_to_the_page_changes_the_rows(server):
    dom = page_dom(server, "run=imaging-methods&lang=en")
    rows = " ".join(result_rows(dom))
    assert '"X-ray"' in rows and '"Röntgen"' not in rows, dom[-3000:]


@needs_chromium
def test_a_construct_run_from_the_page_shows_its_triples(server):
    from rdflib import Graph

    request = urllib.request.Request(f"{server.url}/queries/causal-network", headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=60) as response:
        expected = len(Graph().parse(data=response.read(), format="turtle"))
    dom = page_dom(server, "run=causal-network")
    assert f"Showing 1 to 50 of {expected} entries" in dom, dom[-3000:]
    assert re.search(r'dt-column-title">subject<.*dt-column-title">predicate<.*dt-column-title">object<', dom, re.S)
    assert len(result_rows(dom)) == 50
