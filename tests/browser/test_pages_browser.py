"""The dashboard in a real browser.

The real CLI builds a demo warehouse, adds an account (password on standard input) and serves
the dashboard on a free loopback port; Debian's chromium, driven by Playwright, signs in through
the real sign-in form, opens every page from the sidebar, checks that it renders without an
exception and with the right heading, and saves a full-page screenshot to
tests/artifacts/screens/<page>.png.
Every request the pages make is recorded: any request to a host other than loopback fails the
test, and is aborted before it leaves the machine.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from embargo import audit, watches

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"{CHROMIUM} is missing: `scripts/setup.sh --dev` installs it (as root)",
    ),
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is missing: run `scripts/setup.sh --dev`"
)

REPO = Path(__file__).resolve().parents[2]
SCREENS = REPO / "tests" / "artifacts" / "screens"

# screenshot name -> (url path, page title shown as the page's h1)
PAGES = {
    "overview": ("/", "Overview"),
    "embargo-regimes": ("/embargo-regimes", "Embargo regimes"),
    "transfers": ("/transfers", "Transfers"),
    "flows": ("/flows", "Flows"),
    "screening": ("/screening", "Screening"),
    "hotspots": ("/hotspots", "Hotspots"),
    "trends": ("/trends", "Trends"),
    "tracing": ("/tracing", "Tracing"),
    "item-search": ("/item-search", "Item search"),
    "findings": ("/findings", "Findings"),
    "sources": ("/sources", "Sources"),
    "links": ("/links", "Links to listed parties"),
    "parties": ("/parties", "Parties"),
    "upload": ("/upload", "Upload"),
    "audit": ("/audit", "Audit"),
    "actors": ("/actors", "Actors"),
    "country-profile": ("/country-profile?country=SOM", "Country profile"),
    "embargo-changes": ("/embargo-changes", "Embargo changes"),
    "glossary": ("/glossary", "Glossary"),
    "whats-new": ("/whats-new", "What's new"),
}
# The same pages for an account that reads French (`embargo users set NAME --language fr`).
PAGES_FR = {
    "overview": ("/", "Vue d’ensemble"),
    "embargo-regimes": ("/embargo-regimes", "Régimes d’embargo"),
    "transfers": ("/transfers", "Transferts"),
    "flows": ("/flows", "Flux"),
    "screening": ("/screening", "Contrôle"),
    "hotspots": ("/hotspots", "Points chauds"),
    "trends": ("/trends", "Tendances"),
    "tracing": ("/tracing", "Traçage"),
    "item-search": ("/item-search", "Recherche d’articles"),
    "findings": ("/findings", "Conclusions"),
    "sources": ("/sources", "Sources"),
    "links": ("/links", "Liens aux parties inscrites"),
    "parties": ("/parties", "Parties"),
    "upload": ("/upload", "Téléversement"),
    "audit": ("/audit", "Journal d’audit"),
    "country-profile": ("/country-profile?country=SOM", "Profil de pays"),
    "embargo-changes": ("/embargo-changes", "Modifications des embargos"),
    "glossary": ("/glossary", "Glossaire"),
    "whats-new": ("/whats-new", "Quoi de neuf"),
}
# The account the browser signs in with: an administrator, so every page is in the sidebar.
USER_NAME = "browser-admin"
FRENCH_USER_NAME = "browser-admin-fr"
PASSWORD = "browser test password"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-proxy-server",
]
SERVER_START_SECONDS = 60
TIMEOUT_MS = 30_000
LOCAL_SCHEMES = {"data", "blob", "about"}
MAIN_HEADING = '[data-testid="stMain"] h1'
VIEWPORT = {"width": 1400, "height": 1000}
MAX_SCREENSHOT_HEIGHT = 12_000
# Streamlit scrolls inside <main data-testid="stMain">, not the document, so a full-page
# screenshot needs a viewport tall enough to hold the whole of stMain.
PAGE_HEIGHT_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const extra = main ? Math.max(0, main.scrollHeight - main.clientHeight) : 0;
    return Math.max(window.innerHeight + extra, document.documentElement.scrollHeight);
}"""

# The served warehouse file, set by the server fixture, so a test can read its audit trail.
SERVED: dict[str, Path] = {}

# No proxy for our own health checks: the server is on loopback.
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def is_loopback(url: str) -> bool:
    """True for data:, blob:, about: URLs and for URLs whose host is a loopback address."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = parts.hostname
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def at_address(path: str) -> Callable[[str], bool]:
    """A test of the browser's address: true once it shows the page at `path` with the
    parameters `path` names. A page may add parameters of its own as it runs (Findings keeps the
    finding shown in the address), so the address is not compared whole: a whole-address pattern
    missed the page whenever the page's run had added its parameter before the test looked, and
    the test then waited for a change of address that never came."""
    expected = urlsplit(path)
    parameters = parse_qsl(expected.query)

    def shows(url: str) -> bool:
        parts = urlsplit(url)
        held = parse_qsl(parts.query)
        return parts.path == expected.path and all(item in held for item in parameters)

    return shows


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def log_tail(log: Path, lines: int = 40) -> str:
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def healthy(base_url: str) -> bool:
    try:
        with DIRECT.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().decode().strip() == "ok"
    except OSError:
        return False


def save_watches(store: Path) -> None:
    """Both accounts watch the serials starting SCB, a lot and the synthetic sightings within
    30 km of Bangui, so What's new shows what the demo load brought."""
    for user in (USER_NAME, FRENCH_USER_NAME):
        for kind, values in (
            ("serial", {"subject": "SCB*"}),
            ("lot", {"subject": "71-75-383"}),
            ("place", {"latitude": 4.39, "longitude": 18.56, "radius_km": 30.0,
                       "label": "Bangui (30 km)"}),
        ):  # fmt: skip
            watches.save_watch(watches.new_watch(user, kind, **values), store)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Builds a demo warehouse with the CLI, serves it on a free port and yields the base URL."""
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "w.duckdb"
    build = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "build", "--demo", "--db", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert build.returncode == 0, f"embargo build failed:\n{build.stdout}\n{build.stderr}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("EMBARGO_DB", "EMBARGO_ACCESS_DB", "EMBARGO_AUTH_MODE")
    }
    add_user = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "users", "add", USER_NAME, "--role", "admin",
         "--clearance", "strictly_confidential", "--db", str(db)],
        cwd=REPO,
        env=env,
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert add_user.returncode == 0, add_user.stderr
    for command in (
        ["users", "add", FRENCH_USER_NAME, "--role", "admin", "--clearance",
         "strictly_confidential"],
        ["users", "set", FRENCH_USER_NAME, "--language", "fr"],
    ):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-m", "embargo.cli", *command, "--db", str(db)],
            cwd=REPO,
            env=env,
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
    save_watches(db.with_name(f"{db.stem}.access.sqlite"))
    SERVED["warehouse"] = db

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = tmp / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "embargo.cli", "serve", "--db", str(db), "--port", str(port)],
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not healthy(base_url):
            if process.poll() is not None:
                pytest.fail(f"embargo serve exited with {process.returncode}:\n{log_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"no health answer in {SERVER_START_SECONDS} s:\n{log_tail(log)}")
            time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Visit:
    """A fresh browser context that records (and aborts) every request leaving loopback."""

    def __init__(self, browser, base_url: str) -> None:
        self.base_url = base_url
        self.outside: list[str] = []
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.on("request", lambda request: self.record(request.url))
        self.context.route("**/*", self.guard)
        self.page = self.context.new_page()
        self.page.on("websocket", lambda socket_: self.record(socket_.url))
        # Scripts that fail in the page or its frames (a map's script stopped by a place name once
        # showed an empty frame where the map should be, with no exception on the page).
        self.script_errors: list[str] = []
        self.page.on("pageerror", self.record_script_error)
        # Playwright's error names no frame: Chromium's protocol tells the frame each script ran
        # in (a component's frame, whose own stack may name no address).
        self.frame_urls: dict[str, str] = {}
        self.frame_of_context: dict[int, str] = {}
        self.thrown: list[tuple[str, str]] = []
        protocol = self.context.new_cdp_session(self.page)
        protocol.on("Page.frameNavigated", self.record_frame)
        protocol.on("Page.navigatedWithinDocument", self.record_frame)
        protocol.on("Runtime.executionContextCreated", self.record_context)
        protocol.on("Runtime.exceptionThrown", self.record_thrown)
        protocol.send("Page.enable")
        protocol.send("Runtime.enable")

    def record_frame(self, event: dict) -> None:
        frame = event.get("frame", event)
        self.frame_urls[frame.get("id", frame.get("frameId"))] = frame["url"]

    def record_context(self, event: dict) -> None:
        context = event["context"]
        self.frame_of_context[context["id"]] = context.get("auxData", {}).get("frameId", "")

    def record_thrown(self, event: dict) -> None:
        details = event["exceptionDetails"]
        text = (details.get("exception") or {}).get("description") or details.get("text", "")
        frame = self.frame_of_context.get(details.get("executionContextId"), "")
        self.thrown.append((text, self.frame_urls.get(frame, f"frame {frame or 'not known'}")))

    def record_script_error(self, error) -> None:
        """Keeps the error's text with the page's address and its stack."""
        self.script_errors.append(
            f"{error.name}: {error.message}\n  page: {self.page.url}\n"
            f"  stack: {(error.stack or '').strip()}"
        )

    def described_script_errors(self) -> str:
        """Each script error, its page and the frame whose script threw it."""
        described = []
        for error in self.script_errors:
            text = error.split("\n", 1)[0]
            frames = [frame for thrown, frame in self.thrown if thrown.startswith(text)]
            frame = frames[0] if frames else "not known"
            described.append(f"{error}\n  frame: {frame}")
        return "\n".join(described)

    def record(self, url: str) -> None:
        if not is_loopback(url) and url not in self.outside:
            self.outside.append(url)

    def guard(self, route) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            self.record(url)
            route.abort("blockedbyclient")

    def open(self, path: str) -> None:
        self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        self.settle()

    def settle(self) -> None:
        """Waits until Streamlit is connected, has finished running the script and the network
        is idle, then lets the last elements paint."""
        page = self.page
        page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
        page.wait_for_timeout(300)  # a rerun may start just after the connection
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
        # Elements still being drawn show as skeletons after the script has finished; give them
        # a while, but do not fail on a skeleton that stays (one in a tab not shown, say).
        with contextlib.suppress(sync_api.TimeoutError):
            page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=15_000)
        # A Leaflet map's component frame, mounted again by a rerun, may keep the network from
        # ever looking idle to the browser: wait a while for it, not for ever.
        with contextlib.suppress(sync_api.TimeoutError):
            page.wait_for_load_state("networkidle", timeout=20_000)
        page.wait_for_timeout(500)

    def sign_in(self, path: str = "/", title: str = "Overview", user: str = USER_NAME) -> None:
        """Opens the address, signs in through the real form as a person would, and waits for
        the page asked for."""
        self.open(path)
        assert self.heading() == "Sign in", "no page before signing in"
        self.submit_sign_in(title, user)

    def submit_sign_in(self, title: str, user: str = USER_NAME) -> None:
        form = self.page.locator('[data-testid="stForm"]')
        form.get_by_label("User name").fill(user)
        form.get_by_label("Password", exact=True).fill(PASSWORD)
        form.get_by_role("button", name="Sign in").click()
        sync_api.expect(self.page.locator(MAIN_HEADING).first).to_have_text(
            title, timeout=TIMEOUT_MS
        )
        self.settle()

    def go(self, path: str, title: str) -> None:
        """Opens a page from the sidebar: the browser session, and so the sign-in, is kept
        (loading a URL afresh starts a new session, which must sign in again)."""
        if path != "/":
            nav = self.page.locator('[data-testid="stSidebarNav"]')
            nav.get_by_role("link", name=title, exact=True).click()
            self.page.wait_for_url(at_address(path))
        sync_api.expect(self.page.locator(MAIN_HEADING).first).to_have_text(
            title, timeout=TIMEOUT_MS
        )
        self.settle()

    def screenshot(self, name: str) -> None:
        """Saves the whole page, grown to its full height, to tests/artifacts/screens/."""
        height = min(int(self.page.evaluate(PAGE_HEIGHT_JS)), MAX_SCREENSHOT_HEIGHT)
        if height > VIEWPORT["height"]:
            self.page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
            self.page.wait_for_load_state("networkidle")
            self.page.wait_for_timeout(500)
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
        self.page.set_viewport_size(VIEWPORT)

    def heading(self) -> str:
        return self.page.locator(MAIN_HEADING).first.inner_text().strip()

    def assert_no_error(self) -> None:
        exceptions = self.page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        assert "Traceback" not in self.page.locator("body").inner_text()
        assert self.script_errors == [], "scripts failed:\n" + self.described_script_errors()

    def assert_stayed_local(self) -> None:
        assert self.outside == [], "requests beyond loopback:\n" + "\n".join(self.outside)


def test_a_page_that_adds_its_own_parameter_is_at_its_address() -> None:
    base = "http://127.0.0.1:8501"
    findings = at_address("/findings")
    assert findings(f"{base}/findings") is True
    assert findings(f"{base}/findings?finding=F-0001") is True
    assert findings(f"{base}/") is False
    assert findings(f"{base}/item-search?finding=F-0001") is False
    profile = at_address("/country-profile?country=LBY")
    assert profile(f"{base}/country-profile?country=LBY") is True
    assert profile(f"{base}/country-profile?period=12m&country=LBY") is True
    assert profile(f"{base}/country-profile?country=SOM") is False
    assert profile(f"{base}/country-profile") is False


@pytest.fixture
def visit(browser, server: str) -> Iterator[Visit]:
    session = Visit(browser, server)
    yield session
    session.context.close()


def test_sign_in_page_first(visit: Visit) -> None:
    visit.open("/transfers")
    assert visit.heading() == "Sign in", "no page before signing in"
    visit.screenshot("sign-in")
    visit.assert_no_error()
    visit.submit_sign_in("Transfers")  # the page asked for opens once signed in
    visit.assert_no_error()
    visit.assert_stayed_local()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_offline(visit: Visit, name: str) -> None:
    path, title = PAGES[name]
    visit.sign_in()
    visit.go(path, title)
    visit.screenshot(name)
    visit.assert_no_error()
    assert visit.heading() == title
    visit.assert_stayed_local()


@pytest.mark.parametrize("name", list(PAGES_FR))
def test_page_in_french_for_an_account_that_reads_french(visit: Visit, name: str) -> None:
    path, title = PAGES_FR[name]
    visit.context.set_default_timeout(3 * TIMEOUT_MS)
    visit.sign_in(title="Vue d’ensemble", user=FRENCH_USER_NAME)
    visit.go(path, title)
    visit.screenshot(f"fr-{name}")
    visit.assert_no_error()
    assert visit.heading() == title
    visit.assert_stayed_local()


def test_the_language_switch_changes_the_session_not_the_account(visit: Visit) -> None:
    visit.sign_in()
    visit.page.locator('[data-testid="stSidebar"]').get_by_text("Français").click()
    sync_api.expect(visit.page.locator(MAIN_HEADING).first).to_have_text(
        "Vue d’ensemble", timeout=TIMEOUT_MS
    )
    visit.settle()
    visit.assert_no_error()
    visit.assert_stayed_local()


def test_sidebar_navigation(visit: Visit) -> None:
    visit.sign_in()
    assert visit.heading() == "Overview"
    nav = visit.page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name="Embargo regimes", exact=True).click()
    visit.page.wait_for_url(at_address("/embargo-regimes"))
    visit.settle()
    sync_api.expect(visit.page.locator(MAIN_HEADING).first).to_have_text(
        "Embargo regimes", timeout=TIMEOUT_MS
    )
    visit.assert_no_error()
    assert visit.heading() == "Embargo regimes"
    visit.assert_stayed_local()


def test_country_profile_map_click_opens_the_clicked_country(visit: Visit) -> None:
    # The profile runs some twenty queries and draws several charts: on a busy machine a run
    # may take longer than a light page's.
    visit.context.set_default_timeout(3 * TIMEOUT_MS)
    visit.sign_in("/country-profile?country=SOM", "Country profile")
    visit.page.get_by_text("Choose on the map").click()
    visit.settle()
    # Where Libya (17°E 27°N) is drawn, asked of the picker map itself (a MapLibre map inside
    # plotly's figure), so the click does not depend on the figure's title or captions.
    x, y = visit.page.evaluate(
        """() => {
            const figure = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
            const subplot = figure._fullLayout.map._subplot;
            const point = subplot.map.project([17.0, 27.0]);
            const frame = subplot.map.getContainer().getBoundingClientRect();
            return [frame.left + point.x, frame.top + point.y];
        }"""
    )
    visit.page.mouse.click(x, y)
    visit.page.wait_for_url(at_address("/country-profile?country=LBY"))
    visit.settle()
    chosen = visit.page.locator('[data-testid="stSelectbox"] input').first.input_value()
    assert chosen == "Libya (LBY)"
    visit.assert_no_error()
    visit.assert_stayed_local()


def test_briefing_pack_download_leaves_its_sha256_in_the_audit_trail(visit: Visit) -> None:
    visit.context.set_default_timeout(3 * TIMEOUT_MS)
    visit.sign_in("/country-profile?country=SOM", "Country profile")
    visit.page.get_by_role("button", name="Prepare the briefing pack").click()
    visit.settle()
    with visit.page.expect_download() as download:
        visit.page.locator('[data-testid="stDownloadButton"] button').click()
    pack = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.startswith("briefing-SOM-")
    assert pack.startswith(b"%PDF")
    store = SERVED["warehouse"].with_name(f"{SERVED['warehouse'].stem}.access.sqlite")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not (rows := [row for row in audit.read(store) if row.action == "download"]):
        assert time.monotonic() < deadline, "no download row in the audit trail"
        time.sleep(0.5)
    assert (rows[0].user_name, rows[0].target) == (USER_NAME, download.value.suggested_filename)
    assert rows[0].detail["sha256"] == audit.sha256_of(pack)
    assert rows[0].detail["page"] == "Country profile"
    visit.assert_no_error()
    visit.assert_stayed_local()


@pytest.mark.parametrize(
    ("user", "title", "country", "town"),
    [
        (USER_NAME, "Country profile", "Central African Republic", "Ndele"),
        (FRENCH_USER_NAME, "Profil de pays", "République centrafricaine", "Ndélé"),
    ],
    ids=["en", "fr"],
)
def test_country_profile_map_shows_admin1_areas_and_towns(
    visit: Visit, user: str, title: str, country: str, town: str
) -> None:
    from embargo import geo_layers

    visit.context.set_default_timeout(3 * TIMEOUT_MS)
    visit.open("/country-profile?country=CAF")
    visit.submit_sign_in(title, user)
    component = visit.page.locator('iframe[title="streamlit_folium.st_folium"]').first
    component.scroll_into_view_if_needed()
    sync_api.expect(component).to_be_visible()
    frame = component.content_frame
    sync_api.expect(frame.locator(".embargo-town").first).to_be_attached()
    # Every populated place of the layer is on the map; at the zoom that fits the country only
    # the prominent ones are labelled, Bangui among them.
    places = geo_layers.populated_places(["CAF"])["features"]
    assert frame.locator(".leaflet-tooltip.embargo-town").count() == len(places) == 21
    sync_api.expect(
        frame.locator(".leaflet-tooltip.embargo-town", has_text="Bangui")
    ).to_be_visible()
    # Zoomed in on the country's middle, every town is named, in the reader's language.
    frame.locator(".leaflet-container").evaluate(
        "el => { for (const k in window) { const v = window[k];"
        " if (v instanceof window.L.Map) { v.setView([6.5, 20.5], 7, {animate: false}); } } }"
    )
    sync_api.expect(frame.locator(".leaflet-tooltip.embargo-town", has_text=town)).to_be_visible()
    # Hovering an admin-1 area names it and its country.
    (ouaka,) = [
        f
        for f in geo_layers.admin1_areas(["CAF"])["features"]
        if f["properties"]["name"] == "Ouaka"
    ]
    point = frame.locator(".leaflet-container").evaluate(
        "(el, at) => { for (const k in window) { const v = window[k];"
        " if (v instanceof window.L.Map) { const p = v.latLngToContainerPoint(at);"
        " return [p.x, p.y]; } } }",
        [ouaka["properties"]["label_lat"], ouaka["properties"]["label_lon"]],
    )
    box = component.bounding_box()
    visit.page.mouse.move(box["x"] + point[0] - 5, box["y"] + point[1])
    visit.page.mouse.move(box["x"] + point[0], box["y"] + point[1])
    sync_api.expect(frame.locator(".leaflet-tooltip", has_text=f"Ouaka, {country}")).to_be_visible()
    SCREENS.mkdir(parents=True, exist_ok=True)
    component.screenshot(
        path=str(SCREENS / f"car-places-map-{'fr' if user != USER_NAME else 'en'}.png")
    )
    visit.assert_no_error()
    visit.assert_stayed_local()
