"""Real browser: Playwright drives Debian's chromium against the app on a free local port.

Opens every page, changes a filter, checks the URL carries it, and saves screenshots to
artifacts/screenshots/ (the README's Overview picture comes from here).
"""

from __future__ import annotations

import os
import re
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
    yield from _serve(tmp_path_factory.mktemp("browser-data"))


def _serve(data: Path, extra: list[str] | None = None) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "SOURCEBIAS_DATA": str(data)}
    seeds = [] if "--no-seeds" in (extra or []) else ["--seeds"]  # a chosen store: opt in
    command = ["serve", "--port", str(port), "--data", str(data), *seeds, *(extra or [])]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", *command],
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
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a busy machine; the test is over either way
            proc.kill()
            proc.wait()


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
    assert config["client"]["showErrorDetails"] == "none"  # no traceback reaches the UI


def test_the_upload_limit_is_the_ingest_limit() -> None:
    """The upload box and the Corpus page state one limit: the file size ingest accepts."""
    import tomllib

    from corpus.loaders import DEFAULT_MAX_BYTES

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == DEFAULT_MAX_BYTES // 1_000_000


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
            # the chart and its buttons come after the first paint on a busy machine
            page.get_by_role("button", name="PNG", exact=True).first.wait_for(timeout=60_000)
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


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a store holding tests.hostile's corpus alone (a user's store never gets the
    seeds)."""
    from corpus.actors_config import load_actors
    from pipeline.run import ingest_and_compute
    from store import Store
    from tests import hostile

    folder = tmp_path_factory.mktemp("hostile-browser")
    corpus, actors = hostile.build(folder)
    data = folder / "data"
    ingest_and_compute([corpus], Store(data), load_actors(actors))
    yield from _serve(data, ["--actors", str(actors)])


NOTHING_FROM_CORPUS = """() => {
  const main = document.querySelector('[data-testid="stApp"]');
  const found = [];
  if (window.__pwned !== undefined) found.push('a script from the corpus ran');
  for (const sel of ['#pwn-source', '#pwn-actor', 'img[src*="127.0.0.1:9"]',
                     'a[href*="127.0.0.1:9"]', '.katex', 'script:not([src])']) {
    for (const el of main.querySelectorAll(sel)) found.push(sel + ': ' + el.outerHTML.slice(0, 99));
  }
  for (const el of main.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (/HEADING|Injected heading/.test(el.innerText)) found.push('heading: ' + el.innerText);
  }
  for (const el of main.querySelectorAll('strong, em')) {
    if (/^(Daily|after|Mr)$/.test(el.innerText.trim())) found.push('emphasis: ' + el.innerText);
  }
  if (document.body.innerText.includes('\\u202e')) found.push('a raw right-to-left override');
  return found;
}"""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_cells(csv_bytes: bytes) -> list[str]:
    """Cells a spreadsheet would run: text starting with a formula character (numbers such
    as -0.5 are fine)."""
    import csv
    import io

    bad = []
    for row in csv.reader(io.StringIO(csv_bytes.decode("utf-8"))):
        for cell in row:
            if cell.startswith(FORMULA_START):
                try:
                    float(cell)
                except ValueError:
                    bad.append(cell)
    return bad


def test_hostile_corpus_is_inert_on_every_page(hostile_server: str, browser) -> None:
    """Markdown images, links, headings, LaTeX, HTML and scripts in every corpus field render
    as text on every page; no request leaves for another host or port (the corpus points
    at 127.0.0.1:9); every CSV the pages offer has its formula cells neutralised."""
    from urllib.parse import urlencode

    from tests import hostile

    params = urlencode(
        [
            ("source", hostile.SOURCE_A),
            ("source", hostile.SOURCE_B.replace("\r", "")),
            ("ev_actor", "zorblax"),
            ("ev_source", hostile.SOURCE_A),
        ]
    )
    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    errors: list[str] = []
    external: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: external.append(r.url) if outside(hostile_server, r.url) else None)
    csvs = 0
    for page_file in registered_pages():
        page.goto(f"{hostile_server}/{url_path(page_file)}?{params}")
        wait_ready(page)
        name = Path(page_file).stem
        page.screenshot(path=str(SHOTS / f"hostile-{name}.png"), full_page=True)
        assert not page.locator('[data-testid="stException"]').count(), page_file
        assert page.evaluate(NOTHING_FROM_CORPUS) == [], page_file
        buttons = page.get_by_role("button", name=re.compile(r"^(table)?CSV"))
        for i in range(buttons.count()):
            with page.expect_download() as download:
                buttons.nth(i).click()
            content = Path(download.value.path()).read_bytes()
            assert formula_cells(content) == [], f"{page_file}: CSV {i}"
            csvs += 1
    assert csvs >= 5, f"only {csvs} CSV downloads found"
    assert not errors, errors
    assert not external, sorted(set(external))


def test_upload_runs_in_the_background_while_others_read(server: str, browser, tmp_path) -> None:
    """An upload is ingested outside the server's script run: meanwhile another session
    opens the Overview without an error, and once it is done the Corpus page shows the new
    documents without a reload."""
    from tests.conftest import SEEDS

    base = (SEEDS / "003_67286731495c820e.txt").read_text(encoding="utf-8")
    files = []
    for i in range(40):
        path = tmp_path / f"upload-{i:02d}.txt"
        path.write_text(
            "\n\n".join(f"Copy {i}, part {j}.\n{base}" for j in range(30)), encoding="utf-8"
        )
        files.append(str(path))
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server}/corpus")
    wait_ready(page)
    before = page.get_by_text(re.compile(r"^[\d,]+ documents in ")).inner_text()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files)
    page.get_by_label("Source (manifest)").fill("Background upload")
    page.get_by_role("button", name="Ingest").click()
    progress = page.get_by_text("Ingesting in the background")
    progress.wait_for(timeout=60_000)

    reader = browser.new_page(viewport=VIEWPORT)
    reader.goto(server)
    wait_ready(reader)
    assert reader.get_by_text("could not be opened").count() == 0
    assert reader.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    still_running = progress.count() > 0

    page.get_by_text(re.compile(r"^Run \d+: 40 added")).wait_for(timeout=300_000)
    wait_ready(page)
    after = page.get_by_text(re.compile(r"^[\d,]+ documents in ")).inner_text()
    assert before != after and after.startswith(f"{int(before.split()[0]) + 40} documents")
    page.screenshot(path=str(SHOTS / "corpus-after-upload.png"), full_page=True)
    assert still_running, "the upload finished before the other session read: test proved nothing"


@pytest.fixture(scope="module")
def validate_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(tmp_path_factory.mktemp("validate-data"))


def test_labelling_by_keyboard_and_the_validation_in_an_exported_footer(
    validate_server: str, browser
) -> None:
    """An analyst labels with the keys 1-4, sees the model's reading only afterwards, undoes
    with U; the accuracy tab counts the labels and an exported chart's footer carries it."""
    page = browser.new_page(viewport={"width": 1440, "height": 1400})
    page.goto(f"{validate_server}/validate")
    wait_ready(page)
    page.get_by_role("textbox", name="Your name (labeller)").fill("ana")
    page.keyboard.press("Enter")
    wait_ready(page)
    assert page.get_by_text("the model said").count() == 0  # blind
    page.mouse.click(1300, 150)  # focus leaves the name field: keys now label
    for key in ("1", "2", "3", "1"):
        page.keyboard.press(key)
        wait_ready(page)
    assert page.get_by_text("4 of 50 labelled by you").count() == 1
    assert page.get_by_text("the model said").count() == 1
    page.screenshot(path=str(SHOTS / "validate-label.png"))
    page.keyboard.press("U")
    wait_ready(page)
    assert page.get_by_text("3 of 50 labelled by you").count() == 1
    page.get_by_role("tab", name="Accuracy on this corpus").click()
    wait_ready(page)
    page.screenshot(path=str(SHOTS / "validate-accuracy.png"), full_page=True)
    assert page.get_by_text("Tone toward actors, per source group").count() == 1

    overview = browser.new_page(viewport=VIEWPORT)
    overview.goto(validate_server)
    wait_ready(overview)
    button = overview.get_by_role("button", name="SVG", exact=True).first
    button.wait_for(timeout=60_000)
    with overview.expect_download(timeout=120_000) as download:
        button.click()
    svg = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Tone model: shipped" in svg
    assert re.search(r"tone validated on 3 mentions: \d\.\d\d accuracy", svg), svg[-2000:]
    png = overview.get_by_role("button", name="PNG", exact=True).first
    with overview.expect_download(timeout=120_000) as download:
        png.click()
    shutil.copy(download.value.path(), SHOTS / "exported-chart-with-validation.png")
