"""A language switch keeps every choice, in a real browser.

For every page of the navigation, Debian's chromium signs in as an administrator (every page in
the sidebar), sets each keyed control whose options are shown in the reader's language to a choice
other than its default, switches the sidebar's language to French, and checks that each control
still shows the same choice, in French words, and that the page's address still holds the
filters; then switches back to English and checks again; never an exception. The browser holds a
choice by its words, so without `dashboard/choices.py` a control kept showing the other
language's words and, at the next rerun, fell back to its default.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from test_pages_browser import (
    CHROMIUM,
    MAIN_HEADING,
    TIMEOUT_MS,
    Visit,
    browser,  # noqa: F401 (a fixture)
    server,  # noqa: F401 (a fixture)
    sync_api,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing"),
]


@dataclass(frozen=True)
class Choice:
    """A keyed control, the option to choose as English shows it, and the same option (and every
    option then chosen, for a multiselect) in English and in French."""

    key: str
    kind: str  # "radio", "selectbox", "multiselect" or "tabs"
    choose: str
    english: tuple[str, ...]
    french: tuple[str, ...]


def one(key: str, kind: str, english: str, french: str) -> Choice:
    return Choice(key, kind, english, (english,), (french,))


CAR = "Central African Republic (CAF)"
CAR_FR = "République centrafricaine · Central African Republic · Centrafrique · RCA (CAF)"


@dataclass(frozen=True)
class Page:
    path: str
    english: str
    french: str
    choices: tuple[Choice, ...] = ()
    # What the address holds once the choices are made, in both languages.
    address: tuple[str, ...] = ()


PAGES = {
    "overview": Page("/", "Overview", "Vue d’ensemble"),
    "embargo-regimes": Page(
        "/embargo-regimes",
        "Embargo regimes",
        "Régimes d’embargo",
        (
            one("regimes_view", "tabs", "Country on a date", "Pays à une date"),
            one("regimes_country", "selectbox", "Somalia (SOM)", "Somalie · Somalia (SOM)"),
        ),
    ),
    "country-profile": Page(
        "/country-profile?country=SOM",
        "Country profile",
        "Profil de pays",
        (
            one("profile_country", "selectbox", "Sudan (SDN)", "Soudan · Sudan (SDN)"),
            one("profile_pack_classification", "selectbox", "Restricted", "Diffusion restreinte"),
        ),
        ("country=SDN",),
    ),
    "embargo-changes": Page("/embargo-changes", "Embargo changes", "Modifications des embargos"),
    "transfers": Page(
        "/transfers",
        "Transfers",
        "Transferts",
        (
            one("transfers_measure", "radio", "Items delivered", "Articles livrés"),
            one(
                "transfers_categories",
                "multiselect",
                "II Armoured combat vehicles",
                "II Véhicules blindés de combat",
            ),
        ),
    ),
    "flows": Page(
        "/flows",
        "Flows",
        "Flux",
        (
            one("flows_measure", "radio", "Items delivered", "Articles livrés"),
            one("flows_view", "tabs", "Table", "Tableau"),
        ),
    ),
    "screening": Page(
        "/screening",
        "Screening",
        "Contrôle",
        (
            one(
                "screening_verdicts", "multiselect", "Exemption check", "Vérification de dérogation"
            ),
        ),
    ),
    "hotspots": Page(
        "/hotspots",
        "Hotspots",
        "Points chauds",
        (
            one("hotspots_preset", "radio", "Last 12 months", "12 derniers mois"),
            one("hotspots_country", "selectbox", CAR, CAR_FR),
            one("hotspots_measure", "radio", "Items", "Articles"),
            one("hotspots_map", "radio", "Countries", "Pays"),
        ),
        ("country=CAF", "period=12m"),
    ),
    "trends": Page(
        "/trends",
        "Trends",
        "Tendances",
        (
            one("trends_preset", "radio", "Last 6 months", "6 derniers mois"),
            one("trends_dimension", "radio", "Context", "Contexte"),
            one("trends_measure", "radio", "Items", "Articles"),
        ),
        ("period=6m",),
    ),
    "tracing": Page(
        "/tracing",
        "Tracing",
        "Traçage",
        (
            one("tracing_preset", "radio", "Last 12 months", "12 derniers mois"),
            one("tracing_country", "selectbox", CAR, CAR_FR),
        ),
        ("country=CAF", "period=12m"),
    ),
    "item-search": Page(
        "/item-search",
        "Item search",
        "Recherche d’articles",
        (
            one("item_search_preset", "radio", "Chosen dates", "Dates choisies"),
            one("item_search_country", "selectbox", CAR, CAR_FR),
        ),
        ("country=CAF", "period=dates"),
    ),
    "seizure-event": Page("/seizure-event", "Seizure event", "Événement de saisie"),
    "findings": Page(
        "/findings",
        "Findings",
        "Conclusions",
        (
            one("findings_types", "multiselect", "Diversion", "Détournement"),
            one("findings_map_view", "radio", "Leaflet", "Leaflet"),
        ),
    ),
    "whats-new": Page("/whats-new", "What's new", "Quoi de neuf"),
    "sources": Page(
        "/sources", "Sources", "Sources", (one("sources_view", "tabs", "Rejects", "Rejets"),)
    ),
    "parties": Page(
        "/parties",
        "Parties",
        "Parties",
        (one("parties_view", "tabs", "Supply chains", "Chaînes d’approvisionnement"),),
    ),
    "links": Page("/links", "Links to listed parties", "Liens aux parties inscrites"),
    "glossary": Page("/glossary", "Glossary", "Glossaire"),
    "upload": Page(
        "/upload",
        "Upload",
        "Téléversement",
        (one("upload_format", "selectbox", "Trace requests", "Demandes de traçage"),),
    ),
    # The Actors page's choices are in a form: the server holds them only once saved.
    "actors": Page("/actors", "Actors", "Acteurs"),
    "audit": Page(
        "/audit",
        "Audit",
        "Journal d’audit",
        (one("audit_actions", "multiselect", "Download", "Téléchargement"),),
    ),
}


@pytest.fixture
def visit(browser, server: str) -> Iterator[Visit]:  # noqa: F811
    session = Visit(browser, server)
    session.context.set_default_timeout(3 * TIMEOUT_MS)
    yield session
    session.context.close()


def control(visit: Visit, key: str):
    return visit.page.locator(f".st-key-{key}").first


def choose(visit: Visit, choice: Choice) -> None:
    box = control(visit, choice.key)
    if choice.kind == "radio":
        box.locator('[data-testid="stRadioOption"]').get_by_text(choice.choose, exact=True).click()
    elif choice.kind == "tabs":
        box.get_by_role("tab", name=choice.choose, exact=True).click()
    else:
        # Typed, then picked: long lists draw only the options in view.
        box.get_by_role("combobox").click()
        box.get_by_role("combobox").fill(choice.choose)
        visit.page.get_by_role("option", name=choice.choose, exact=True).click()
        if choice.kind == "multiselect":
            visit.page.keyboard.press("Escape")
    visit.settle()


def shown(visit: Visit, choice: Choice) -> tuple[str, ...]:
    """The choice the browser shows, in its words."""
    box = control(visit, choice.key)
    if choice.kind == "radio":
        selected = box.locator('[data-testid="stRadioOption"][data-selected="true"]')
        return tuple(text.strip() for text in selected.all_inner_texts())
    if choice.kind == "tabs":
        selected = box.locator('[role="tab"][aria-selected="true"]')
        return tuple(text.strip() for text in selected.all_inner_texts())
    if choice.kind == "selectbox":
        return (box.get_by_role("combobox").input_value(),)
    tags = box.locator('[data-testid="stMultiSelectTagsContainer"]').inner_text()
    return tuple(line.strip() for line in tags.splitlines() if line.strip())


def switch_language(visit: Visit, words: str, heading: str) -> None:
    visit.page.locator('[data-testid="stSidebar"]').get_by_text(words, exact=True).click()
    sync_api.expect(visit.page.locator(MAIN_HEADING).first).to_have_text(
        heading, timeout=3 * TIMEOUT_MS
    )
    visit.settle()


def rerun(visit: Visit) -> None:
    """A rerun with nothing changed (Streamlit's "r" key): the browser sends back the choices it
    holds, in its words."""
    visit.page.locator(MAIN_HEADING).first.click()
    visit.page.keyboard.press("r")
    visit.page.wait_for_timeout(500)
    visit.settle()


def assert_shown(visit: Visit, page: Page, language: str) -> None:
    visit.assert_no_error()
    assert {choice.key: shown(visit, choice) for choice in page.choices} == {
        choice.key: getattr(choice, language) for choice in page.choices
    }
    for held in page.address:
        assert held in visit.page.url, (held, visit.page.url)


@pytest.mark.parametrize("name", list(PAGES))
def test_a_language_switch_keeps_every_choice(visit: Visit, name: str) -> None:
    page = PAGES[name]
    visit.sign_in(page.path, page.english)
    for choice in page.choices:
        choose(visit, choice)
    assert_shown(visit, page, "english")
    switch_language(visit, "Français", page.french)
    assert_shown(visit, page, "french")
    rerun(visit)
    assert_shown(visit, page, "french")
    switch_language(visit, "English", page.english)
    assert_shown(visit, page, "english")
    rerun(visit)
    assert_shown(visit, page, "english")
    visit.assert_stayed_local()
