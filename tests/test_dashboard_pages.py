"""Every dashboard page run headless with Streamlit's AppTest against a real warehouse: no
exception, the right heading, exact key figures, captions naming sources, and the banner shown
exactly when synthetic data is loaded."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from embargo.config import DASHBOARD_APP
from embargo.i18n import set_language
from embargo.warehouse import connect_writable, refresh_derived_tables

PAGES = {
    "screens/overview.py": "Overview",
    "screens/embargo_regimes.py": "Embargo regimes",
    "screens/sources.py": "Sources",
}


@pytest.fixture
def app(warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(warehouse))
    return AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)


def open_page(app: AppTest, page: str) -> AppTest:
    app.run()
    if page != "screens/overview.py":
        app.switch_page(page)
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_page_renders_with_its_title_and_source_captions(app, page, title):
    at = open_page(app, page)
    assert [t.value for t in at.title] == [title]
    captions = " ".join(c.value for c in at.caption)
    assert captions, "every page says where its figures come from"
    assert not at.warning, "no synthetic banner when no synthetic data is loaded"


def test_overview_key_figures_on_a_chosen_date(app):
    at = open_page(app, "screens/overview.py")
    at.date_input[0].set_value(dt.date(2026, 11, 1)).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Embargoes in force": "15",
        "Countries covered": "13",
        "Listed-party regimes": "4",
        "Episodes since 1963": "41",
        "Recorded changes": "199",
    }
    assert at.subheader[0].value == "Embargoes in force on 1 November 2026"
    in_force = at.dataframe[0].value
    assert len(in_force) == 15
    assert in_force["short_name"].iloc[0] == "Iraq"
    assert "Source: UN Security Council resolutions" in at.caption[0].value


def test_overview_in_1995(app):
    at = open_page(app, "screens/overview.py")
    at.date_input[0].set_value(dt.date(1995, 1, 1)).run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Embargoes in force"] == "7"
    assert sorted(at.dataframe[0].value["short_name"]) == [
        "Angola: UNITA",
        "Former Yugoslavia",
        "Iraq",
        "Liberia",
        "Libya",
        "Rwanda",
        "Somalia",
    ]


def test_embargo_regimes_country_on_a_date(app):
    at = open_page(app, "screens/embargo_regimes.py")
    at.session_state["regimes_view"] = "Country on a date"  # the tab, opened
    at.run()
    country = next(s for s in at.selectbox if s.label == "Country")
    country.set_value("CAF").run()
    on = next(d for d in at.date_input if d.label == "On")
    on.set_value(dt.date(2023, 7, 27)).run()
    table = next(df.value for df in at.dataframe if "actor_scope" in df.value.columns)
    rows = sorted(zip(table["actor_scope"], table["coverage"], table["citation"], strict=True))
    assert rows == [
        ("Government and its forces", "Not covered", "S/RES/2693 (2023)"),
        ("Listed individuals and entities", "Prohibited", "S/RES/1390 (2002)"),
        ("Non-state actors in the territory", "Prohibited", "S/RES/2127 (2013)"),
    ]


def test_embargo_regimes_map_caption_has_un_disclaimer(app):
    at = open_page(app, "screens/embargo_regimes.py")
    at.session_state["regimes_view"] = "Map on a date"
    at.run()
    captions = [c.value for c in at.caption]
    assert (
        "The boundaries and names shown and the designations used on this map do not imply "
        "official endorsement or acceptance by the United Nations." in captions
    )


def test_sources_lists_every_load(app):
    at = open_page(app, "screens/sources.py")
    loads = next(df.value for df in at.dataframe if "file_sha256" in df.value.columns)
    assert sorted(loads["file_name"]) == sorted(
        [
            "admin1_aliases.csv",
            "countries.csv",
            "country_aliases.csv",
            "embargoes.csv",
            "embargo_changes.csv",
            "embargo_coverage.csv",
            "embargo_target_countries.csv",
            "un_sanctions_regimes.csv",
            "un_sanctions_regime_periods.csv",
            "un_list_types.csv",
            "register_coverage.csv",
            "att_states_parties.csv",
            "state_existence.csv",
            "country_shapes.geojson",
        ]
    )
    assert [s.value for s in at.success] == [
        "No row has been rejected: every row read was loaded.",
        "No name has needed a rule: every name loaded is in the alias table.",
    ]


def test_synthetic_banner_whenever_demo_data_is_shown(warehouse, tmp_path, monkeypatch):
    with_demo = tmp_path / "demo.duckdb"
    shutil.copy(warehouse, with_demo)
    con = connect_writable(with_demo)
    con.execute(
        "INSERT INTO source_registry (source_id, title, publisher, licence, coverage, citation, "
        "is_synthetic, notes) VALUES ('demo_seizures', 'Demo seizures', 'Embargo Monitor', "
        "'MIT', 'invented', 'do not cite', true, 'synthetic')"
    )
    con.execute(
        "INSERT INTO load_log VALUES ('l1', 'demo_seizures', 'demo.csv', repeat('0', 64), 1, "
        "'seizures', 'seizure_items', 5, 5, 0, now()::TIMESTAMP, now()::TIMESTAMP, NULL)"
    )
    refresh_derived_tables(con, ["load_log"])
    con.close()
    monkeypatch.setenv("EMBARGO_DB", str(with_demo))
    for page in PAGES:
        at = open_page(AppTest.from_file(str(DASHBOARD_APP), default_timeout=60), page)
        assert len(at.warning) == 1, page
        assert at.warning[0].value.startswith("**Synthetic demo data.**")
        assert "Demo seizures" in at.warning[0].value


def test_a_warehouse_of_another_version_is_named_with_the_remedy(warehouse, tmp_path, monkeypatch):
    # As a warehouse built before table_versions and fresh_supply_counts existed.
    old = tmp_path / "old.duckdb"
    shutil.copy(warehouse, old)
    con = connect_writable(old)
    con.execute("DROP TABLE table_versions")
    con.execute("DROP TABLE fresh_supply_counts")
    con.execute("UPDATE warehouse_version SET schema_fingerprint = 'earlier'")
    con.close()
    monkeypatch.setenv("EMBARGO_DB", str(old))
    at = open_page(AppTest.from_file(str(DASHBOARD_APP), default_timeout=60), "screens/sources.py")
    assert [e.value for e in at.error] == [
        f"The pages cannot be shown: the warehouse {old} was built by another version of Embargo "
        "Monitor, whose tables, views or macros differ from this one's and lacks "
        f"fresh_supply_counts, table_versions: rebuild it with `embargo build --db {old}` (the "
        "raw files loaded into it are loaded again)."
    ]
    assert not at.title


def test_a_warehouse_of_another_version_is_named_in_french(warehouse, tmp_path, monkeypatch):
    old = tmp_path / "old.duckdb"
    shutil.copy(warehouse, old)
    con = connect_writable(old)
    con.execute("DROP TABLE table_versions")
    con.execute("UPDATE warehouse_version SET schema_fingerprint = 'earlier'")
    con.close()
    monkeypatch.setenv("EMBARGO_DB", str(old))
    set_language("fr")
    try:
        at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
        at.session_state["access_language"] = "fr"
        at.run()
        assert [e.value for e in at.error] == [
            f"Les pages ne peuvent pas être affichées : l’entrepôt {old} a été construit par une "
            "autre version d’Embargo Monitor, dont les tables, vues ou macros diffèrent de "
            "celles-ci, et il lui manque table_versions : reconstruisez-le avec `embargo build "
            f"--db {old}` (les fichiers bruts qui y ont été chargés sont chargés de nouveau)."
        ]
        assert "another version" not in at.error[0].value
    finally:
        set_language("en")
