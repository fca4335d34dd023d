"""The last English on French pages, gone: the actor registry's refusals (Actors page, the
Sources page's actors to confirm), Item search's reasons a transfer could explain an item, the
country a trace request was addressed to and the chain's nodes, and the sanctions list's regime
names on the Parties page; each through the real code (a real access store, real warehouses built
by the real ingest), with the exact words shown."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest
from test_seizure_analytics import db  # noqa: F401 (a fixture: seizures, deals and traces)

from dashboard.actor_refusals import refusal_words
from embargo import actors
from embargo.actors import Mapping, RegistryError
from embargo.config import DASHBOARD_APP
from embargo.i18n import set_language, using
from embargo.i18n.labels import label_values

NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
MILITIA = "Some Militia (Chad)*"


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


@pytest.fixture
def store(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    return path.with_name("w.access.sqlite")


def refused_words(store: Path, change, language: str) -> tuple[str, str]:
    """The reason and the page's words for it when `change` (given the store) is refused."""
    with pytest.raises(RegistryError) as refused:
        change(store)
    with using(language):
        return refused.value.reason, refusal_words(refused.value)


def add(name: str, mapping: Mapping):
    return lambda store: actors.add_entry(name, mapping, None, "omar", store, NOW)


# Every refusal of the registry, as the command line's tests give them, in the page's French.
REFUSALS = [
    (
        add("Darfur rebels (Sudan)*", Mapping("TCD", "non_state")),
        "committed_alias",
        "la table d’alias livrée rattache « Darfur rebels (Sudan)* » autrement "
        "(« Darfur rebels (Sudan)* » : Acteur non étatique (Soudan) ; demandé : Acteur non "
        "étatique (Tchad)). Pour le corriger, choisissez « Corriger un nom ».",
    ),
    (
        add("darfur  REBELS (sudan)*", Mapping("SDN", "non_state")),
        "committed_alias",
        "la table d’alias livrée rattache déjà « darfur REBELS (sudan)* » de la même façon "
        "(« Darfur rebels (Sudan)* » : Acteur non étatique (Soudan)).",
    ),
    (
        add("some militia (CHAD)*", Mapping("LBY", "non_state")),
        "registry_entry",
        "« some militia (CHAD)* » (Acteur non étatique (Libye)) est en conflit avec l’entrée du "
        "registre « Some Militia (Chad)* » : Acteur non étatique (Tchad), l'acteur « Some "
        "Militia » (ajoutée par vera le 2 novembre 2026). Pour la corriger, choisissez "
        "« Corriger un nom ».",
    ),
    (
        add("Militia of the South (Chad)*", Mapping("LBY", "non_state", "SOME MILITIA")),
        "actor_elsewhere",
        "« Militia of the South (Chad)* » (Acteur non étatique (Libye), l'acteur « SOME "
        "MILITIA ») est en conflit avec l’entrée du registre « Some Militia (Chad)* » : Acteur "
        "non étatique (Tchad), l'acteur « Some Militia » (ajoutée par vera le 2 novembre 2026) "
        ": un acteur n’a qu’un pays et qu’un type. Corrigez d’abord cette entrée (« Corriger "
        "un nom »).",
    ),
    (
        add("Soviet gear", Mapping("SUN", "state")),
        "former_state",
        "Union soviétique (SUN) est un ancien État : choisissez le type « État historique ».",
    ),
    (
        add("Soviet gear", Mapping("FRA", "historical")),
        "not_former_state",
        "France (FRA) n’est pas un ancien État : choisissez le type « État ».",
    ),
    (
        add("Chad army", Mapping("CHD", "state")),
        "unknown_country",
        "« CHD » n’est pas un code de pays de la table de référence ; vouliez-vous dire Tchad "
        "(TCD), Suisse (CHE), Chili (CHL) ?",
    ),
    (
        add("Rebels", Mapping(None, "non_state")),
        "country_needed",
        "Acteur non étatique : il faut un pays, celui où il opère.",
    ),
    (
        add("Army", Mapping(None, "state")),
        "country_needed",
        "État : il faut un pays, son code.",
    ),
    (
        add("Some Union**", Mapping("TCD", "organisation")),
        "no_country_for_kind",
        "Organisation internationale : pas de pays, laissez le pays vide (un acteur non "
        "étatique a le pays où il opère).",
    ),
    (
        add("Osprey", Mapping("SUN", "broker")),
        "broker_in_former_state",
        "Union soviétique (SUN) est un ancien État : un courtier est établi dans un État actuel.",
    ),
    (
        add("X", Mapping("TCD", "militia")),
        "unknown_type",
        "« militia » n’est pas un type d’acteur.",
    ),
    (add("  ", Mapping("TCD", "non_state")), "name_needed", "un nom est nécessaire."),
    (
        lambda store: actors.remove_entry("Some Milita (Chad)", "vera", store),
        "no_entry",
        "le registre n’a pas d’entrée « Some Milita (Chad) » ; vouliez-vous dire « Some Militia "
        "(Chad)* » ?",
    ),
    (
        lambda store: actors.set_entry(
            "Narnia Front", Mapping("TCD", "non_state"), None, "vera", store
        ),
        "no_entry",
        "le registre n’a pas d’entrée « Narnia Front » : ajoutez-la avec « Ajouter un nom ».",
    ),
    (
        lambda store: actors.remove_entry("Narnia Front", "vera", store),
        "no_entry",
        "le registre n’a pas d’entrée « Narnia Front ».",
    ),
    (
        lambda store: actors.remove_entry("Hezbollah (Lebanon)*", "vera", store),
        "committed_not_registry",
        "« Hezbollah (Lebanon)* » est dans la table d’alias livrée (Acteur non étatique "
        "(Liban)), pas dans le registre : corrigez-le avec « Corriger un nom ».",
    ),
]


@pytest.mark.parametrize(("change", "reason", "french"), REFUSALS)
def test_every_refusal_of_the_registry_reads_in_french(store: Path, change, reason, french):
    actors.add_entry(MILITIA, Mapping("TCD", "non_state", "Some Militia"), None, "vera", store, NOW)
    assert refused_words(store, change, "fr") == (reason, french)


def test_every_reason_has_its_words_and_the_command_line_keeps_its_english(store: Path):
    assert {reason for _change, reason, _french in REFUSALS} == set(actors.REFUSALS)
    actors.add_entry(MILITIA, Mapping("TCD", "non_state", "Some Militia"), None, "vera", store, NOW)
    with pytest.raises(RegistryError) as refused:
        add("Chad army", Mapping("CHD", "state"))(store)
    assert str(refused.value) == (
        "country 'CHD' is not a code of data/reference/countries.csv; did you mean TCD "
        "(Chad), CHE (Switzerland), CHL (Chile)?"
    )
    assert refused_words(store, add("Chad army", Mapping("CHD", "state")), "en") == (
        "unknown_country",
        "“CHD” is not a country code of the reference table; did you mean Chad (TCD), "
        "Switzerland (CHE), Chile (CHL)?",
    )
    # a reason the page does not know yet: the command line's English, marked as English
    with using("fr"):
        assert refusal_words(RegistryError("a newer rule", "newer")) == "a newer rule (en anglais)"


def test_the_actors_page_refuses_in_french(warehouse: Path, tmp_path: Path, monkeypatch):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    monkeypatch.setenv("EMBARGO_DB", str(path))
    set_language("fr")
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.session_state["access_language"] = "fr"
    at.run()
    at.switch_page("screens/actors.py")
    at.run()
    at.text_input(key="actors_name").input("Darfur rebels (Sudan)*")
    at.text_input(key="actors_country").input("TCD")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [
        "Non enregistré : la table d’alias livrée rattache « Darfur rebels (Sudan)* » autrement "
        "(« Darfur rebels (Sudan)* » : Acteur non étatique (Soudan) ; demandé : Acteur non "
        "étatique (Tchad)). Pour le corriger, choisissez « Corriger un nom »."
    ]
    # an empty registry is said, not an empty table (whose placeholder is the browser's English)
    assert [i.value for i in at.info] == ["Aucun nom n’a encore été ajouté ni corrigé."]
    assert not at.dataframe


def test_a_trace_request_addressed_to_a_state_names_it_in_the_readers_language():
    requests = pl.DataFrame({"addressed_to": ["CHN", "Izhmash", None], "trace_id": ["1", "2", "3"]})
    assert label_values(requests)["addressed_to"].to_list() == ["China", "Izhmash", "—"]
    with using("fr"):
        assert label_values(requests)["addressed_to"].to_list() == ["Chine", "Izhmash", "—"]
    # a grid cell's countries (Hotspots), several codes in one cell
    cells = pl.DataFrame({"countries": ["COD, RWA", "HTI", None]})
    with using("fr"):
        assert label_values(cells)["countries"].to_list() == [
            "Congo-Kinshasa, Rwanda",
            "Haïti",
            "—",
        ]


def item_search(warehouse: Path, monkeypatch, language: str, serial: str) -> AppTest:
    monkeypatch.setenv("EMBARGO_DB", str(warehouse))
    set_language(language)
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    at.session_state["access_language"] = language
    at.run()
    at.switch_page("screens/item_search.py")
    at.run()
    at.text_input(key="item_search_text").input(serial).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at: AppTest, column: str) -> pl.DataFrame:
    [table] = [t.value for t in at.dataframe if column in t.value.columns]
    return table


SIPRI_FR = "Base de données du SIPRI sur les transferts d’armes : registres des transferts"
# The item's candidates (tests/test_seizure_analytics.py: a Chinese rifle seized in South Sudan,
# traced to the deal to Uganda), as the French page says them.
CONFIRMED_FR = (
    "Confirmé par la réponse à la demande de traçage T-1 : l’article faisait partie de la "
    f"transaction 202 de la source {SIPRI_FR} (QLZ-87 grenade launcher ; fournisseur : Chine ; "
    "destinataire : Ouganda ; livré en 2020)."
)
TO_SOUTH_SUDAN_FR = (
    "Factory 66 Type 56-1, pays de fabrication : Chine, documenté en 2024 (pays : Soudan du "
    "Sud) ; livraison de 100 Type-56-1 assault rifle en 2012 (fournisseur : Chine ; "
    "destinataire : Soudan du Sud, le pays de la saisie), 12 ans plus tôt."
)
TO_KENYA_FR = (
    "Factory 66 Type 56-1, pays de fabrication : Chine, documenté en 2024 (pays : Soudan du "
    "Sud) ; livraison de 100 Type 56 assault rifle en 2003 (fournisseur : Chine ; "
    "destinataire : Kenya, un pays voisin), 21 ans plus tôt."
)


def test_item_search_in_french_says_why_a_transfer_could_explain_the_item(db, monkeypatch):  # noqa: F811
    at = item_search(db, monkeypatch, "fr", "56-12345")
    candidates = table_with(at, "explanation")
    assert candidates[["score", "explanation"]].values.tolist() == [
        [100, CONFIRMED_FR],
        [95, TO_SOUTH_SUDAN_FR],
        [60, TO_KENYA_FR],
    ]
    # the request was addressed to "CHN"
    assert table_with(at, "addressed_to")["addressed_to"].tolist() == ["Chine"]
    # the chain: States by their French names, the sighting's country by its name, the reasons
    chain = table_with(at, "from_label")
    assert chain[["from_label", "edge_kind", "to_label", "record_label"]].values.tolist() == [
        ["Chine", "Livraison enregistrée", "Kenya", "100 Type 56 assault rifle"],
        ["Chine", "Livraison enregistrée", "Ouganda", "100 QLZ-87 grenade launcher"],
        ["Chine", "Livraison enregistrée", "Soudan du Sud", "100 Type-56-1 assault rifle"],
        [
            "Kenya",
            "Pourrait expliquer",
            "SSD-6 2024-03-10 Soudan du Sud",
            f"{TO_KENYA_FR} (60/100)",
        ],
        [
            "Ouganda",
            "Pourrait expliquer",
            "SSD-6 2024-03-10 Soudan du Sud",
            f"{CONFIRMED_FR} (100/100)",
        ],
        [
            "Soudan du Sud",
            "Pourrait expliquer",
            "SSD-6 2024-03-10 Soudan du Sud",
            f"{TO_SOUTH_SUDAN_FR} (95/100)",
        ],
    ]


def test_item_search_in_english_names_countries_not_codes(db, monkeypatch):  # noqa: F811
    at = item_search(db, monkeypatch, "en", "56-12345")
    assert table_with(at, "explanation")["explanation"].tolist()[1] == (
        "Factory 66 Type 56-1 made in China and documented in South Sudan in 2024; China "
        "delivered 100 Type-56-1 assault rifle to South Sudan (the country of seizure) in 2012, "
        "12 years earlier."
    )
    assert table_with(at, "addressed_to")["addressed_to"].tolist() == ["China"]
    chain = table_with(at, "from_label")
    assert chain[["from_label", "to_label"]].values.tolist()[3:] == [
        ["Kenya", "SSD-6 2024-03-10 South Sudan"],
        ["South Sudan", "SSD-6 2024-03-10 South Sudan"],
        ["Uganda", "SSD-6 2024-03-10 South Sudan"],
    ]


def test_the_country_profiles_measures_mark_the_reference_tables_english(
    demo_warehouse: Path, monkeypatch
):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    set_language("fr")
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    at.session_state["access_language"] = "fr"
    at.run()
    at.switch_page("screens/country_profile.py")
    at.query_params["country"] = "SOM"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    rules = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert rules[:3] == [
        "- Gouvernement et ses forces : Non couvert (Federal Government, Somali National Army, "
        "NISA, Somali National Police Force and Somali Custodial Corps outside the scope (en "
        "anglais))",
        "- Personnes et entités inscrites sur la liste : Interdit (designated individuals and "
        "entities (en anglais))",
        "- Acteurs non étatiques sur le territoire : Interdit",
    ]


def test_the_screening_charts_title_names_the_embargo_in_french(demo_warehouse: Path, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    set_language("fr")
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
    at.session_state["access_language"] = "fr"
    at.run()
    at.switch_page("screens/screening.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="screening_target").value == "CAR: armed groups"
    specs = [
        json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("plotly_chart")
    ]
    [chart] = [spec for spec in specs if "Livraisons contrôlées par année" in spec]
    assert "Livraisons contrôlées par année : RCA : groupes armés" in chart
    assert "CAR: armed groups" not in chart
