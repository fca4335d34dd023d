"""The Parties page, the supply chains and an item's chain in a real browser, in English and
French: a warehouse with an invented chain (tests/support/party_chain.py) served by `embargo
serve`, Debian's chromium signing in through the real form at the party's address
(`/parties?party=...`), each view drawn without an exception and without a request beyond
loopback, and saved to tests/artifacts/screens/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from support.party_chain import HOUTHIS, party_chain_warehouse
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

CHART = '[data-testid="stPlotlyChart"]'


@pytest.fixture(scope="module")
def served(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("parties_browser")
    store = folder / "parties.access.sqlite"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EMBARGO_ACCESS_DB", str(store))
        patch.setenv("EMBARGO_AUTH_MODE", "local")
        db = party_chain_warehouse(warehouse, folder)
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


def chart_count(visit: Visit) -> int:
    return visit.page.locator(CHART).count()


@pytest.mark.parametrize(
    ("language", "user", "tab", "item_search"),
    [
        ("en", USER_NAME, "Supply chains", "Item search"),
        ("fr", FRENCH_USER_NAME, "Chaînes d’approvisionnement", "Recherche d’articles"),
    ],
)
def test_a_party_its_chain_the_supply_chains_and_an_items_chain(
    visit: Visit, language: str, user: str, tab: str, item_search: str
) -> None:
    prefix = "" if language == "en" else "fr-"
    visit.context.set_default_timeout(90_000)
    visit.sign_in(f"/parties?party={quote(HOUTHIS, safe='')}", title="Parties", user=user)
    page = visit.page
    visit.assert_no_error()
    assert page.locator('[data-testid="stMain"] h2').first.inner_text().strip() == "THE HOUTHIS"
    # the party's own chain, and every party's in the other tab (Streamlit draws both tabs)
    assert chart_count(visit) == 2
    visit.screenshot(f"{prefix}parties-profile")
    page.get_by_role("tab", name=tab).click()
    visit.settle()
    visit.assert_no_error()
    visit.screenshot(f"{prefix}parties-supply-chains")
    visit.go("/item-search", item_search)
    field = page.locator('[data-testid="stTextInput"] input').first
    field.fill("HX-900")
    field.press("Enter")
    visit.settle()
    visit.assert_no_error()
    assert chart_count(visit) >= 1
    visit.screenshot(f"{prefix}item-search-chain")
    visit.assert_stayed_local()
