"""Signing in survives a page reload within the session's lifetime, on a real server (`embargo
serve`) driven by Debian chromium: the browser's cookie is HttpOnly, SameSite=Strict and has no
expiry (the browser drops it when it closes), and is replaced at sign-in and at sign-out, so the
cookie of before the sign-in is not signed in; a reload, or a shared link with its query
parameters opened in the same browser, stays signed in and is recorded; signing in at a link
keeps its address; another browser is not signed in; a restart of the server keeps the browser
signed in (the access store keeps the sign-in, as the hash of the cookie only); signing out, or
the session's inactivity limit, ends it for the reload too."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_pages_browser import CHROMIUM, CHROMIUM_ARGS, sync_api
from test_server_guard_browser import PASSWORD, Tab, serving

from embargo import accounts, audit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing"),
]

# A short session lifetime, so the test can outlive it.
SESSION_MINUTES = 0.5


@pytest.fixture(scope="module")
def served(demo_warehouse, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("reload")
    db = tmp / "w.duckdb"
    db.write_bytes(demo_warehouse.read_bytes())
    store = tmp / "w.access.sqlite"
    accounts.add_user("vera", "viewer", "strictly_confidential", PASSWORD, store)
    settings = {"EMBARGO_SESSION_MINUTES": str(SESSION_MINUTES)}
    with serving(db, settings, tmp / "serve.log") as base_url:
        yield base_url, store


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def signed_in(tab: Tab) -> bool:
    """The page shows the app's pages, not the sign-in form."""
    return tab.page.locator('[data-testid="stForm"]').count() == 0


def browser_cookie(tab: Tab) -> dict:
    [cookie] = [c for c in tab.context.cookies() if c["name"] == "embargo_browser"]
    return cookie


def remembered(store: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(store) as con:
        return con.execute(
            "SELECT token_hash, user_name FROM remembered_sign_ins ORDER BY signed_in_at"
        ).fetchall()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_reload_and_shared_link_stay_signed_in_other_browser_does_not(served, browser):
    base_url, store = served
    tab = Tab(browser, base_url)
    tab.open()
    assert not signed_in(tab)
    before = browser_cookie(tab)["value"]
    tab.sign_in("vera")
    cookie = browser_cookie(tab)
    # a new cookie at sign-in; the store keeps only its hash
    assert cookie["value"] != before
    assert (sha256(cookie["value"]), "vera") in remembered(store)
    assert all(cookie["value"] not in row for row in remembered(store))
    assert (cookie["httpOnly"], cookie["sameSite"], cookie["expires"], cookie["secure"]) == (
        True,
        "Strict",
        -1,  # no expiry: a session cookie, dropped when the browser closes
        False,  # served over plain HTTP here; Secure over HTTPS
    )
    first_session = tab.session_id
    tab.page.reload(wait_until="domcontentloaded")
    tab.settle()
    assert signed_in(tab)
    assert tab.session_id != first_session  # a new Streamlit session, already signed in
    tab.page.locator('[data-testid="stMain"] h1', has_text="Overview").wait_for()
    # a shared link with its query parameters, opened in the same browser
    tab.open("/country-profile?country=CAF")
    assert signed_in(tab)
    tab.page.locator('[data-testid="stMain"] h1', has_text="Country profile").wait_for()
    resumed = audit.read(store, actions=("sign_in_resumed",))
    assert [row.user_name for row in resumed] == ["vera", "vera"]
    other = Tab(browser, base_url)
    other.open()
    assert not signed_in(other)
    other.context.close()
    # the cookie the browser had before signing in is not signed in
    fixed = Tab(browser, base_url)
    fixed.context.add_cookies([{**cookie, "value": before}])
    fixed.open()
    assert browser_cookie(fixed)["value"] == before
    assert not signed_in(fixed)
    fixed.context.close()
    tab.context.close()


def test_signing_in_at_a_link_keeps_its_address(served, browser):
    base_url, _ = served
    tab = Tab(browser, base_url)
    tab.open("/item-search?serial=56-1234")
    assert not signed_in(tab)
    tab.sign_in("vera", title="Item search")
    assert tab.page.url == f"{base_url}/item-search?serial=56-1234"
    searched = tab.page.get_by_label("Serial number, marking, lot number or headstamp")
    assert searched.input_value() == "56-1234"
    tab.context.close()


def test_a_server_restart_keeps_the_browser_signed_in(demo_warehouse, tmp_path, browser):
    db = tmp_path / "w.duckdb"
    db.write_bytes(demo_warehouse.read_bytes())
    store = tmp_path / "w.access.sqlite"
    accounts.add_user("rita", "viewer", "public", PASSWORD, store)
    with serving(db, {}, tmp_path / "first.log") as base_url:
        tab = Tab(browser, base_url)
        tab.open("/country-profile?country=CAF")
        tab.sign_in("rita", title="Country profile")
    # cookies belong to the host, whatever the port: the new server gets the same cookie
    with serving(db, {}, tmp_path / "second.log") as base_url:
        tab.base_url = base_url
        tab.open("/country-profile?country=CAF")
        assert signed_in(tab)
        tab.page.locator('[data-testid="stMain"] h1', has_text="Country profile").wait_for()
        assert [row.user_name for row in audit.read(store, actions=("sign_in_resumed",))] == [
            "rita"
        ]
        signed_in_token = browser_cookie(tab)["value"]
        tab.page.get_by_role("button", name="Sign out").click()
        tab.settle()
        deadline = time.monotonic() + 20
        while browser_cookie(tab)["value"] == signed_in_token and time.monotonic() < deadline:
            tab.page.wait_for_timeout(200)
        # signing out replaces the cookie, and the old one no longer signs in
        assert browser_cookie(tab)["value"] != signed_in_token
        assert remembered(store) == []
        tab.context.close()


def test_sign_out_and_the_inactivity_limit_end_it_for_a_reload(served, browser):
    base_url, _ = served
    tab = Tab(browser, base_url)
    tab.open()
    tab.sign_in("vera")
    tab.page.get_by_role("button", name="Sign out").click()
    tab.settle()
    tab.page.reload(wait_until="domcontentloaded")
    tab.settle()
    assert not signed_in(tab)
    tab.sign_in("vera")
    time.sleep(SESSION_MINUTES * 60 + 3)
    tab.page.reload(wait_until="domcontentloaded")
    tab.settle()
    assert not signed_in(tab)
    tab.context.close()
