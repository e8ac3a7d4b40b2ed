"""Real browser: Playwright drives Debian's chromium against the app on a free local port.

Opens every page, changes a filter, checks the URL carries it, and saves screenshots to
artifacts/screenshots/ (the README's Overview picture comes from here).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_app import registered_pages

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
SHOTS = REPO / "artifacts" / "screenshots"
VIEWPORT = {"width": 1440, "height": 2600}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("CI"),
        reason="Debian chromium not installed (apt-get install chromium); CI installs it",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    data = tmp_path_factory.mktemp("browser-data")
    env = {**os.environ, "SOURCEBIAS_DATA": str(data)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sourcebias.cli", "serve", "--port", str(port), "--data", str(data)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "server did not come up"
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


IDLE = """() => {
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  const busy = status && /running|stop/i.test(status.innerText);
  const skeletons = document.querySelectorAll('[data-testid="stSkeleton"]').length;
  return document.querySelector('[data-testid="stApp"]') && !busy && skeletons === 0;
}"""


def wait_ready(page, settle: int = 4) -> None:
    """Wait until the app has been idle (no running status, no skeletons) for several checks.

    A single check can fall in the gap before a run visibly starts, so idleness must hold
    `settle` times in a row, half a second apart.
    """
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    calm = 0
    for _ in range(240):
        calm = calm + 1 if page.evaluate(IDLE) else 0
        if calm >= settle:
            break
        page.wait_for_timeout(500)
    assert calm >= settle, "the app never became idle"
    page.wait_for_timeout(500)


def url_path(page_file: str) -> str:
    stem = Path(page_file).stem
    return "" if stem == "overview" else stem


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a LISTEN socket on `port`, read from the kernel's tables."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_server_listens_on_loopback_only(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    addresses = listening_addresses(port)
    assert addresses, "no listening socket found"
    assert addresses <= {"0100007F", "00000000000000000000000001000000"}, addresses


def test_config_binds_loopback_and_disables_usage_stats() -> None:
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["browser"]["gatherUsageStats"] is False


def outside(server: str, url: str) -> bool:
    """A request that would leave the analyst's machine (inline data and blobs stay)."""
    return not url.startswith((server, "data:", "blob:", "about:"))


def test_every_page_in_a_real_browser(server: str, browser) -> None:
    """Each page renders without an exception and without asking any other host for anything
    (analysts of sensitive material must not leak what they open); the normal view shows
    export buttons."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    external: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: external.append(r.url) if outside(server, r.url) else None)
    for page_file in registered_pages():
        page.goto(f"{server}/{url_path(page_file)}")
        wait_ready(page)
        page.screenshot(path=str(SHOTS / f"{Path(page_file).stem}.png"), full_page=True)
        exceptions = page.locator('[data-testid="stException"]')
        assert not exceptions.count(), f"{page_file}: {exceptions.first.inner_text()}"
        if Path(page_file).stem == "overview":
            assert page.get_by_role("button", name="PNG", exact=True).count() >= 1
    assert not errors, errors
    assert not external, sorted(set(external))


def test_filter_change_is_carried_in_the_url(server: str, browser) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/actors")
    wait_ready(page)
    type_filter = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    type_filter.click()
    page.get_by_role("option", name="wire", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('type=wire')", timeout=30_000)
    wait_ready(page)
    assert "type=wire" in page.url
    shared = page.url
    fresh = browser.new_page(viewport=VIEWPORT)
    fresh.goto(shared)
    wait_ready(fresh)
    assert fresh.locator('[data-testid="stSidebar"]').get_by_text("wire").count() >= 1
    fresh.screenshot(path=str(SHOTS / "actors-wire-deeplink.png"), full_page=True)


def test_briefing_view_hides_controls(server: str, browser) -> None:
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/?type=partisan&type=wire&briefing=1")
    wait_ready(page)
    assert page.get_by_role("button", name="PNG", exact=True).count() == 0
    page.screenshot(path=str(SHOTS / "overview-briefing.png"), full_page=True)
    if os.environ.get("SOURCEBIAS_UPDATE_README_SHOT"):
        shutil.copy(SHOTS / "overview-briefing.png", REPO / "docs" / "overview.png")
