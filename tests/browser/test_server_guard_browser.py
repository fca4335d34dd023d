"""Streamlit's own HTTP endpoints on a real server (`embargo serve`), driven by Debian chromium:
a prepared download is served only to the signed-in browser session that prepared it and is
recorded when served; no file is taken from a session that has not signed in with the upload
role, and uploads stay within their quotas; the pages cannot be framed; the metrics endpoint is
closed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from test_pages_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DIRECT,
    REPO,
    SERVER_START_SECONDS,
    TIMEOUT_MS,
    healthy,
    log_tail,
    sync_api,
)

from embargo import accounts, audit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing"),
]

PASSWORD = "guarded server password"
# Quotas small enough to reach with small files: 30 kB per session, 50 kB for the server.
SESSION_QUOTA_MB = "0.03"
SERVER_QUOTA_MB = "0.05"


@pytest.fixture(scope="module")
def served(demo_warehouse, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The demo warehouse served by `embargo serve`, with a viewer and two analysts."""
    tmp = tmp_path_factory.mktemp("guarded")
    db = tmp / "w.duckdb"
    db.write_bytes(demo_warehouse.read_bytes())
    store = tmp / "w.access.sqlite"
    for name, role in (("vera", "viewer"), ("ana", "analyst"), ("alf", "analyst")):
        accounts.add_user(name, role, "strictly_confidential", PASSWORD, store)
    settings = {
        "EMBARGO_UPLOAD_SESSION_MB": SESSION_QUOTA_MB,
        "EMBARGO_UPLOAD_SERVER_MB": SERVER_QUOTA_MB,
    }
    with serving(db, settings, tmp / "serve.log") as base_url:
        yield base_url, store


@contextmanager
def serving(db: Path, settings: dict[str, str], log: Path) -> Iterator[str]:
    """`embargo serve` of the warehouse file `db` on a free loopback port, with the accounts of
    the access store beside it and the settings given; yields its base URL once it answers."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("EMBARGO_DB", "EMBARGO_ACCESS_DB", "EMBARGO_AUTH_MODE")
    }
    env |= settings
    with socket_port() as port:
        base_url = f"http://127.0.0.1:{port}"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "embargo.cli", "serve", "--db", str(db), "--port", str(port)],
            cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not healthy(base_url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"embargo serve did not start:\n{log_tail(log)}")
            time.sleep(0.25)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=20)


def socket_port():
    import contextlib
    import socket

    @contextlib.contextmanager
    def port():
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            number = sock.getsockname()[1]
        yield number

    return port()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Tab:
    """A browser context with one page, which notes its Streamlit session id."""

    def __init__(self, browser, base_url: str) -> None:
        self.base_url = base_url
        self.context = browser.new_context()
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.session_id = ""
        self.page.on("websocket", lambda socket: socket.on("framereceived", self.frame))

    def frame(self, payload) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.HasField("new_session"):
                self.session_id = message.new_session.initialize.session_id

    def open(self, path: str = "/") -> None:
        self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        self.settle()

    def settle(self) -> None:
        page = self.page
        page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]')
        page.wait_for_timeout(300)
        page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')

    def sign_in(self, user_name: str, title: str = "Overview") -> None:
        form = self.page.locator('[data-testid="stForm"]')
        form.get_by_label("User name").fill(user_name)
        form.get_by_label("Password", exact=True).fill(PASSWORD)
        form.get_by_role("button", name="Sign in").click()
        self.page.locator('[data-testid="stMain"] h1', has_text=title).wait_for()
        self.settle()

    def upload(self, size: int, file_id: str) -> int:
        """PUT a file to Streamlit's upload endpoint for this session, as its uploader does
        (with the XSRF cookie and header); the status of the answer."""
        xsrf = next(c["value"] for c in self.context.cookies() if c["name"] == "_streamlit_xsrf")
        response = self.context.request.put(
            f"{self.base_url}/_stcore/upload_file/{self.session_id}/{file_id}",
            headers={"X-Xsrftoken": xsrf},
            multipart={"file": {"name": "x.csv", "mimeType": "text/csv", "buffer": b"a" * size}},
        )
        return response.status

    def close(self) -> None:
        self.context.close()


def anonymous_get(url: str) -> int:
    try:
        with DIRECT.open(urllib.request.Request(url), timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_pages_cannot_be_framed_and_metrics_are_closed(served):
    base_url, _ = served
    with DIRECT.open(base_url + "/", timeout=30) as response:
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'none'"
    # The Leaflet maps' component is framed by the page itself: by the same origin only.
    # (Streamlit serves it once a page has drawn a map; the headers are the same on its 404.)
    component = base_url + "/component/streamlit_folium.st_folium/index.html"
    try:
        with DIRECT.open(component, timeout=30) as response:
            headers = response.headers
    except urllib.error.HTTPError as error:
        headers = error.headers
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert anonymous_get(base_url + "/_stcore/metrics") == 404


def test_streamlit_fonts_are_served_before_sign_in(served):
    """The icon font and the text fonts under /static/media/ are Streamlit's own files, not
    prepared media: refused, every icon of the navigation shows as its name."""
    base_url, _ = served
    fonts = sorted((Path(streamlit.__file__).parent / "static/static/media").glob("*.woff2"))
    icons = [font for font in fonts if font.name.startswith("MaterialSymbols")]
    assert len(icons) == 1
    for font in [icons[0], fonts[0]]:
        assert anonymous_get(f"{base_url}/static/media/{font.name}") == 200
    assert anonymous_get(f"{base_url}/media/{'0' * 56}.csv") in (403, 404)


def test_no_upload_from_a_session_not_signed_in_with_the_upload_role(served, browser):
    base_url, _ = served
    tab = Tab(browser, base_url)
    try:
        tab.open()
        assert tab.session_id, "the page's session id was seen on its websocket"
        assert tab.upload(1000, "anonymous-1") == 403, "before signing in"
        tab.sign_in("vera")
        assert tab.upload(1000, "viewer-1") == 403, "signed in without the upload role"
    finally:
        tab.close()


def test_uploads_stay_within_the_session_and_server_quotas(served, browser):
    base_url, _ = served
    first, second = Tab(browser, base_url), Tab(browser, base_url)
    try:
        first.open()
        first.sign_in("ana")
        assert first.upload(20_000, "ana-1") in (200, 204)
        assert first.upload(20_000, "ana-2") == 413, "over the 30 kB of one session"
        second.open()
        second.sign_in("alf")
        assert second.upload(25_000, "alf-1") in (200, 204)
        assert second.upload(10_000, "alf-2") == 413, "over the 50 kB of the server"
    finally:
        first.close()
        second.close()
    # The quotas free up when the sessions sign out or end; not asserted here (inactivity).


def test_a_download_is_served_only_to_its_session_and_recorded_when_served(served, browser):
    base_url, store = served
    tab = Tab(browser, base_url)
    try:
        tab.open("/screening")
        tab.sign_in("ana", title="Screening")
        tab.page.get_by_text("Prepare the full screening for download").click()
        tab.settle()
        tab.page.get_by_text("Download this table (CSV, XLSX)").first.click()
        tab.settle()
        # Two buttons drawn (CSV and XLSX), whose files the page's script checks: no download.
        time.sleep(2)
        assert [r for r in audit.read(store) if r.action == "download"] == []
        with tab.page.expect_download() as download:
            tab.page.locator('[data-testid="stDownloadButton"] button').first.click()
        assert download.value.suggested_filename == "transfer_screening.csv"
        data = Path(download.value.path()).read_bytes()
        url = download.value.url
        assert "/media/" in url
        rows = wait_for_downloads(store, 1)
        assert (rows[0].user_name, rows[0].target) == ("ana", download.value.suggested_filename)
        assert rows[0].detail["sha256"] == hashlib.sha256(data).hexdigest()
        assert rows[0].detail["page"] == "Screening"
        # The link alone, without the browser's session: refused, and not recorded.
        assert anonymous_get(url) == 403
        other = Tab(browser, base_url)
        try:
            other.open()
            other.sign_in("alf")
            response = other.context.request.get(url)
            # refused, or gone: the file is made at the click and dropped once served
            assert response.status in (403, 404), "another signed-in session"
            assert response.body() != data
        finally:
            other.close()
        # Another click makes the file again (the same bytes), served and recorded again.
        with tab.page.expect_download() as again:
            tab.page.locator('[data-testid="stDownloadButton"] button').first.click()
        assert Path(again.value.path()).read_bytes() == data
        rows = wait_for_downloads(store, 2)
        assert {row.detail["sha256"] for row in rows} == {hashlib.sha256(data).hexdigest()}
    finally:
        tab.close()


def wait_for_downloads(store: Path, count: int) -> list:
    deadline = time.monotonic() + 30
    while len(rows := [r for r in audit.read(store) if r.action == "download"]) < count:
        assert time.monotonic() < deadline, f"{len(rows)} download rows, not {count}"
        time.sleep(0.2)
    time.sleep(1)  # and no more come
    rows = [r for r in audit.read(store) if r.action == "download"]
    assert len(rows) == count
    return rows
