"""Words on screen: every page rendered in French against the demo warehouse shows its French
title, labels every table column from the catalogue and shows none of the stored values a person
should never read (vocabulary codes, embargo ids, column names, "None", midnight timestamps);
the French catalogue translates every message; the label catalogue and the language of accounts,
country names, dates and numbers, CSV downloads and a briefing pack in French."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import polars as pl
import pypdf
import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from dashboard import queries
from dashboard.briefing import briefing_pack
from embargo import accounts
from embargo.classification import Classification
from embargo.config import DASHBOARD_APP
from embargo.i18n import (
    catalogue_path,
    country_label,
    find_country,
    format_date,
    format_number,
    set_language,
    using,
)
from embargo.i18n.labels import labelled_frame, value_label, vocabularies

# Each page's French title, and values it shows that must appear only as words.
PAGES = {
    "screens/overview.py": ("Vue d’ensemble", ["listed_parties", "non_state_actors"]),
    "screens/embargo_regimes.py": ("Régimes d’embargo", []),
    "screens/country_profile.py": ("Profil de pays", ["demo_transfers", "un-somalia-1992"]),
    "screens/transfers.py": ("Transferts", ["exporter_only", "demo_transfers", "non_state"]),
    "screens/flows.py": ("Flux", []),
    "screens/screening.py": (
        "Contrôle",
        ["violation_indicator", "exemption_check", "outside_window", "un-iraq-1990"],
    ),
    "screens/hotspots.py": ("Points chauds", ["item_lines"]),
    "screens/trends.py": ("Tendances", ["un-somalia-1992", "item_lines", "reporting_entity"]),
    "screens/tracing.py": ("Traçage", ["no_response", "demo_traces"]),
    "screens/item_search.py": ("Recherche d’articles", ["serial (exact)", "serial (prefix)"]),
    "screens/parties.py": ("Parties", ["seized_from", "could_explain", "listed_name"]),
    "screens/seizure_event.py": ("Événement de saisie", ["seizure_context", "date_precision"]),
    "screens/findings.py": (
        "Conclusions",
        ["alleged_violation", "partly_verified", "strictly_confidential", "un-car-2013"],
    ),
    "screens/sources.py": ("Sources", ["un_security_council_embargoes"]),
    "screens/actors.py": ("Acteurs", ["non_state"]),
    "screens/upload.py": ("Téléversement", []),
    "screens/audit.py": ("Journal d’audit", ["page_view"]),
    "screens/glossary.py": ("Glossaire", []),
    "screens/whats_new.py": ("Quoi de neuf", ["serial", "watch_kind"]),
}
# Words of every page: a snake_case name in a label, heading or caption is an internal name.
# (File names, e.g. synthetic_findings.csv, are names people see on their disks.)
SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b(?!\.[a-z]{2,7}\b)")
EMBARGO_ID = re.compile(r"\bun-[a-z-]+-\d{4}(?:-[a-z]{3})?\b")
# The Sources page's column descriptions name tables and columns as a DuckDB client sees them.
NAMES_SHOWN_AS_NAMES = {"screens/sources.py"}


@pytest.fixture(autouse=True)
def english_afterwards():
    """Widgets format their options in the test's thread too (when a value is set): a test in
    French sets the language there, and every test ends in English."""
    yield
    set_language("en")


def page_in_french(demo_warehouse, monkeypatch, page: str) -> AppTest:
    set_language("fr")
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    at.session_state["access_language"] = "fr"
    at.run()
    if page != "screens/overview.py":
        at.switch_page(page)
        at.run()
    if page == "screens/item_search.py":
        at.text_input(key="item_search_text").set_value("SYN").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def words(at: AppTest) -> list[str]:
    """Every label, heading, caption and message on the page (not the table cells)."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        texts += [element.value for element in at.get(kind)]
    for kind in ("error", "success"):
        texts += [element.value for element in at.get(kind)]
    texts += [metric.label for metric in at.metric]
    for kind in ("selectbox", "multiselect", "radio", "date_input", "slider", "text_input"):
        for widget in at.get(kind):
            texts.append(widget.label)
            texts += [str(option) for option in getattr(widget, "options", [])]
    return texts


def column_labels(at: AppTest) -> list[tuple[str, str]]:
    """(column, label) of every table column shown."""
    pairs = []
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        for column in table.value.columns:
            label = (config.get(column) or {}).get("label")
            pairs.append((column, label))
    return pairs


def cells(at: AppTest) -> list[str]:
    """The text cells of every table (dates and numbers are shown by their column's type)."""
    found = []
    for table in at.dataframe:
        for column in table.value.columns:
            values = table.value[column]
            if values.dtype == object or str(values.dtype).startswith("str"):
                found += [str(value) for value in values.tolist()]
    return found


@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_french_shows_words_not_stored_values(demo_warehouse, monkeypatch, page):
    at = page_in_french(demo_warehouse, monkeypatch, page)
    title, forbidden = PAGES[page]
    assert [t.value for t in at.title] == [title]
    texts = words(at)
    shown = cells(at)
    labels = column_labels(at)
    for column, label in labels:
        assert label, f"column {column} of {page} has no label"
        assert not SNAKE_CASE.search(label), (page, column, label)
    if page not in NAMES_SHOWN_AS_NAMES:
        for text in texts:
            assert not SNAKE_CASE.search(text), (page, text)
    for text in texts:
        assert not EMBARGO_ID.search(text), (page, text)
    for value in forbidden:
        assert all(value not in text for text in texts), (page, value)
        assert value not in shown, (page, value)
    assert "None" not in shown and "nan" not in shown, page
    assert not any(value.endswith("00:00:00") for value in shown), page
    vocabulary_codes = {
        value for values in vocabularies().values() for value in values if "_" in value
    }
    assert not vocabulary_codes & set(shown), (page, vocabulary_codes & set(shown))
    assert not any(EMBARGO_ID.fullmatch(value) for value in shown), page
    # The sidebar speaks French too.
    sidebar = " ".join(caption.value for caption in at.sidebar.caption)
    assert "Connecté en tant que l’opérateur local" in sidebar


def test_screening_in_french_labels_verdicts_embargoes_and_numbers(demo_warehouse, monkeypatch):
    at = page_in_french(demo_warehouse, monkeypatch, "screens/screening.py")
    at.multiselect(key="screening_embargoes").set_value(["un-somalia-1992"]).run()
    at.multiselect(key="screening_verdicts").set_value(["violation_indicator"]).run()
    summary = at.dataframe[0].value
    assert list(summary["embargo_id"]) == ["Somalie 1992 (S/RES/733 (1992))"]
    assert list(summary["verdict"]) == ["Indice de violation"]
    assert list(summary["reason_kind"]) == ["Interdit toute l’année, aucune voie de dérogation"]
    # the last section lists deliveries to listed parties
    # 31 register lines, 23 distinct deliveries
    assert at.subheader[-2].value == "Livraisons contrôlées (23)"
    at.toggle(key="prepare_screening_csv").set_value(True).run()
    at.toggle(key="download_screening_deliveries").set_value(True).run()
    assert at.toggle(key="download_screening_deliveries").label == (
        "Télécharger ce tableau (CSV, XLSX)"
    )
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX"]


def test_overview_in_french_formats_dates_and_numbers(demo_warehouse, monkeypatch):
    at = page_in_french(demo_warehouse, monkeypatch, "screens/overview.py")
    at.date_input[0].set_value(dt.date(2026, 11, 1)).run()
    assert {m.label: m.value for m in at.metric} == {
        "Embargos en vigueur": "15",
        "Pays couverts": "13",
        "Régimes visant des parties inscrites": "4",
        "Épisodes depuis 1963": "41",
        "Modifications enregistrées": "199",
    }
    assert at.subheader[0].value == "Embargos en vigueur le 1 novembre 2026"
    in_force = at.dataframe[0].value
    assert in_force["target_kind"].iloc[0] == "État"
    assert set(in_force["target_kind"]) == {
        "État",
        "Acteurs non étatiques",
        "Parties inscrites sur la liste",
    }


def test_the_country_list_finds_french_names_and_aliases(demo_warehouse, monkeypatch):
    at = page_in_french(demo_warehouse, monkeypatch, "screens/country_profile.py")
    labels = set(at.selectbox(key="profile_country").options)
    assert "République centrafricaine · Central African Republic · Centrafrique · RCA (CAF)" in (
        labels
    )
    assert "Soudan du Sud · South Sudan · Sud-Soudan (SSD)" in labels
    at.selectbox(key="profile_country").set_value("CAF").run()
    assert at.query_params["country"] == "CAF"
    assert at.metric[0].label == "Embargos sur les armes de l’ONU enregistrés"
    periods = next(t.value for t in at.dataframe if "period" in t.value.columns)
    assert set(periods["period"]) == {"Avant", "Pendant"}


def test_country_names_and_aliases_in_both_languages():
    assert find_country("Centrafrique") == "CAF"
    assert find_country("RCA") == "CAF"
    assert find_country("rca") == "CAF"
    assert find_country("Soudan du Sud") == "SSD"
    assert find_country("soudan du sud") == "SSD"
    assert find_country("South Sudan") == "SSD"
    assert find_country("Côte d’Ivoire") == "CIV"
    assert find_country("Libye") == "LBY"
    assert find_country("SOM") == "SOM"
    assert find_country("Atlantis") is None
    with using("fr"):
        assert country_label("SSD") == "Soudan du Sud · South Sudan · Sud-Soudan (SSD)"
        assert country_label("SUN") == "Union soviétique · Soviet Union (SUN)"
    assert country_label("CAF") == "Central African Republic (CAF)"


def test_dates_and_numbers_follow_the_language():
    day = dt.date(2023, 7, 27)
    assert format_date(day) == "27 July 2023"
    assert format_number(12345.5, 1) == "12,345.5"
    with using("fr"):
        assert format_date(day) == "27 juillet 2023"
        assert format_date(dt.datetime(2023, 7, 27, 0, 0)) == "27 juillet 2023"
        assert format_number(12345.5, 1) == "12\u202f345,5"
    assert format_date(None) == "—"


def test_the_french_catalogue_translates_every_message():
    with catalogue_path("fr").open("rb") as po:
        catalogue = read_po(po, locale="fr")
    messages = [message for message in catalogue if message.id]
    assert len(messages) > 800
    untranslated = [message.id for message in messages if not message.string]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    for message in messages:
        wanted = sorted(re.findall(r"\{[a-z_]*\}", message.id))
        assert sorted(re.findall(r"\{[a-z_]*\}", message.string)) == wanted, message.id


def test_the_catalogue_names_every_vocabulary_value_in_words():
    assert value_label("verdict", "violation_indicator") == "Violation indicator"
    assert value_label("actor_type", "non_state") == "Non-state actor"
    assert value_label("verdict", None) == "—"
    with using("fr"):
        assert value_label("verdict", "violation_indicator") == "Indice de violation"
        assert value_label("classification", "strictly_confidential") == (
            "Strictement confidentiel"
        )
    for vocabulary, values in vocabularies().items():
        for value, label in values.items():
            assert label and "_" not in label, (vocabulary, value)


def test_a_download_in_french_has_labelled_headers_and_values():
    frame = pl.DataFrame(
        {
            "embargo_id": ["un-somalia-1992"],
            "recipient_iso3": ["SOM"],
            "recipient_actor_type": ["non_state"],
            "verdict": ["violation_indicator"],
            "end_date": [None],
            "document_date": [dt.datetime(2024, 5, 1)],
        },
        schema_overrides={"end_date": pl.Date},
    )
    names = {"un-somalia-1992": "Somalie 1992 (S/RES/733 (1992))"}
    with using("fr"):
        text = labelled_frame(frame, names).write_csv()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        [
            "Embargo",
            "Destinataire",
            "Type de destinataire",
            "Verdict",
            "Fin",
            "Date du document",
        ],
        [
            "Somalie 1992 (S/RES/733 (1992))",
            "Somalie",
            "Acteur non étatique",
            "Indice de violation",
            "sans date de fin",
            "2024-05-01",
        ],
    ]


def test_the_language_of_an_account(tmp_path):
    store = tmp_path / "access.sqlite"
    accounts.add_user("amina", "analyst", "restricted", "a long enough password", store)
    assert accounts.get_language("amina", store) == "en"
    accounts.set_language("amina", "fr", store)
    assert accounts.get_language("amina", store) == "fr"
    with pytest.raises(accounts.AccountError, match="unknown language 'de'"):
        accounts.set_language("amina", "de", store)
    with pytest.raises(accounts.AccountError, match="no user 'nobody'"):
        accounts.set_language("nobody", "fr", store)


def test_a_signed_in_account_reads_the_dashboard_in_its_language(
    demo_warehouse, monkeypatch, tmp_path
):
    store = tmp_path / "access.sqlite"
    monkeypatch.setenv("EMBARGO_ACCESS_DB", str(store))
    monkeypatch.setenv("EMBARGO_AUTH_MODE", "accounts")
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    accounts.add_user("amina", "viewer", "public", "a long enough password", store)
    accounts.set_language("amina", "fr", store)
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    at.run()
    assert [t.value for t in at.title] == ["Sign in"]
    at.text_input(key="access_sign_in_name").set_value("amina")
    at.text_input(key="access_sign_in_password").set_value("a long enough password")
    at.button[0].click().run()
    assert [t.value for t in at.title] == ["Vue d’ensemble"]
    # Switched for the session only: the account keeps its language.
    at.radio(key="access_language").set_value("en").run()
    assert [t.value for t in at.title] == ["Overview"]
    assert accounts.get_language("amina", store) == "fr"


def test_a_briefing_pack_in_french(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    scope = queries.ProfileScope("CAF", 1950, 2100)
    with using("fr"):
        pdf = briefing_pack(
            Classification.STRICTLY_CONFIDENTIAL, scope, "pdf", dt.date(2026, 11, 1)
        )
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "République centrafricaine (CAF) : note d’information sur l’embargo sur les armes" in (
        first
    )
    assert "STRICTEMENT CONFIDENTIEL" in first
    assert "Date des données" in first
    assert "Contient des données de démonstration synthétiques" in first
    second = " ".join(reader.pages[1].extract_text().split())
    assert "Chiffres clés" in second
    assert "Embargos sur les armes de l’ONU enregistrés" in second


def test_item_search_in_french_says_what_each_sighting_matched(demo_warehouse, monkeypatch):
    with using("fr"):
        assert value_label("matched_on", "serial (prefix)") == "Numéro de série (début)"
        assert value_label("matched_on", "serial (exact)") == "Numéro de série (exact)"
        assert value_label("matched_on", "lot number") == "Numéro de lot"
    at = page_in_french(demo_warehouse, monkeypatch, "screens/item_search.py")
    at.text_input(key="item_search_text").set_value("56-12").run()
    assert not at.exception, [e.value for e in at.exception]
    sightings = at.dataframe[0].value
    assert sorted(set(sightings["matched_on"])) == ["Numéro de série (partie)"]
    assert "serial (part)" not in cells(at)


def test_listed_parties_name_their_regime_not_the_list_code(demo_warehouse, monkeypatch):
    at = page_in_french(demo_warehouse, monkeypatch, "screens/country_profile.py")
    at.selectbox(key="profile_country").set_value("CAF").run()
    assert not at.exception, [e.value for e in at.exception]
    [parties] = [d for d in at.dataframe if "party_page" in d.value.columns]
    assert "un_list_type" not in parties.value.columns
    assert parties.value["embargo_id"].tolist() == ["RCA : groupes armés 2024 (S/RES/2745 (2024))"]
    assert "CAR" not in cells(at)


def test_the_sources_page_in_french_gives_publisher_licence_and_coverage_in_french(
    demo_warehouse, monkeypatch
):
    at = page_in_french(demo_warehouse, monkeypatch, "screens/sources.py")
    registry = at.dataframe[0]
    config = json.loads(registry.proto.columns or "{}")
    assert [(config.get(c) or {}).get("label") for c in ("coverage", "citation")] == [
        "Couverture",
        "Comment citer",
    ]
    table = registry.value
    sipri = table[table["publisher"].str.endswith("(SIPRI)")].iloc[0]
    assert sipri["publisher"] == (
        "Institut international de recherche sur la paix de Stockholm (SIPRI)"
    )
    assert sipri["coverage"] == (
        "Transferts d’armes classiques majeures depuis 1950, tels que l’utilisateur les exporte "
        "de la base du SIPRI"
    )
    assert sipri["licence"].startswith("Libre pour la recherche et l’usage non commercial")
    shown = cells(at)
    for english in (
        "Stockholm International Peace Research Institute (SIPRI)",
        "Project's own invented data (MIT)",
        "Public domain",
    ):
        assert english not in shown, english
    assert "Domaine public" in shown
    assert "Registre des acteurs d’Embargo Monitor" in shown
    assert "Embargo Monitor actor registry" not in shown
