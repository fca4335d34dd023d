"""Item search and Hotspots "as known on" a past day in a real browser, in English and French: a
warehouse where a seizure event was loaded, then moved to another country with its rifle's serial
corrected by a later file, then joined by another entity's sighting of the corrected rifle
(tests/support/seizure_history.py), served by `embargo serve`; Debian's chromium signs in, sets
the sidebar's "As known on" day between the first and the second load, and the pages show the
first version (the old serial found, the corrected one not; no double report yet), then, with the
day cleared, what the warehouse knows now. Screens are saved to tests/artifacts/screens/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from support.seizure_history import seizure_history_warehouse
from test_pages_browser import (
    CHROMIUM,
    FRENCH_USER_NAME,
    PASSWORD,
    USER_NAME,
    Visit,
    browser,  # noqa: F401 (a fixture)
)
from test_server_guard_browser import serving

from embargo import accounts

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing"),
]

# the day between the first load (2026-01-10) and the file that moved the event (2026-02-10)
DAY_TYPED = "2026/01/20"


@pytest.fixture(scope="module")
def served(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("known_on_browser")
    # the accounts' store beside the warehouse file, where `embargo serve` looks for it
    store = folder / "w.access.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_ACCESS_DB", str(store))
        patch.setenv("EMBARGO_AUTH_MODE", "local")
        db = seizure_history_warehouse(warehouse, folder)
    assert db == folder / "w.duckdb"
    accounts.add_user(USER_NAME, "admin", "strictly_confidential", PASSWORD, store)
    accounts.add_user(FRENCH_USER_NAME, "admin", "strictly_confidential", PASSWORD, store)
    accounts.set_language(FRENCH_USER_NAME, "fr", store)
    with serving(db, {}, folder / "serve.log") as base_url:
        yield base_url


@pytest.fixture
def visit(browser, served: str) -> Iterator[Visit]:  # noqa: F811
    session = Visit(browser, served)
    yield session
    session.context.close()


def set_known_on(visit: Visit, typed: str | None) -> None:
    """Types the day into the sidebar's date field (or clears it) as a person would."""
    field = visit.page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    field.click()
    field.fill(typed or "")
    field.press("Enter")
    visit.page.locator('[data-testid="stSidebar"]').click(position={"x": 5, "y": 5})
    visit.settle()


def search(visit: Visit, text: str) -> None:
    field = visit.page.locator('[data-testid="stMain"] [data-testid="stTextInput"] input').first
    field.fill(text)
    field.press("Enter")
    visit.settle()


def main_text(visit: Visit) -> str:
    return visit.page.locator('[data-testid="stMain"]').inner_text()


WORDS = {
    "en": {"item_search": "Item search", "hotspots": "Hotspots"},
    "fr": {"item_search": "Recherche d’articles", "hotspots": "Points chauds"},
}


@pytest.mark.parametrize(("language", "user"), [("en", USER_NAME), ("fr", FRENCH_USER_NAME)])
def test_item_search_and_hotspots_as_known_on_a_past_day(
    visit: Visit, language: str, user: str
) -> None:
    words = WORDS[language]
    prefix = "" if language == "en" else "fr-"
    visit.context.set_default_timeout(90_000)
    visit.sign_in("/item-search", title=words["item_search"], user=user)
    set_known_on(visit, DAY_TYPED)
    sidebar = visit.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "2026-01-20" in sidebar

    # as known on 2026-01-20: the first version only
    search(visit, "AK-12")
    visit.assert_no_error()
    text = main_text(visit)
    if language == "en":
        assert "Sightings (1)" in text
        assert "Sightings as the warehouse knew them on 20 January 2026" in text
    else:
        assert "(1)" in text
        assert "20 janvier 2026" in text
    visit.screenshot(f"{prefix}item-search-known-on")
    search(visit, "AK12354")  # the corrected serial was not known yet
    if language == "en":
        assert "No documented item matches." in main_text(visit)
        assert "Sightings (0)" in main_text(visit)
    else:
        assert "(0)" in main_text(visit)

    visit.go("/hotspots", words["hotspots"])
    visit.assert_no_error()
    # the map's one cell is Bangui's: the event had not been moved to Juba yet
    town = "Juba" if language == "en" else "Djouba"
    html = visit.page.content()
    assert "Bangui" in html
    assert town not in html
    visit.screenshot(f"{prefix}hotspots-known-on")

    # as the warehouse knows them now: the event is in Juba
    set_known_on(visit, None)
    visit.assert_no_error()
    assert town in visit.page.content()
    visit.screenshot(f"{prefix}hotspots-now")
    visit.go("/item-search", words["item_search"])
    search(visit, "AK-12")
    text = main_text(visit)
    assert "(2)" in text
    visit.screenshot(f"{prefix}item-search-now")
    visit.assert_stayed_local()
