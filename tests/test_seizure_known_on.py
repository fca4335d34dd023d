"""The seizure pages "as known on" a date, through the real loads and the pages' own query
functions: an event loaded on one day, a later file of the same reporting entity (a later
`as_of`) that moves it to another country and place and corrects a serial, and a third load that
adds an event of another entity. On a day before the second load every figure is the first
version's (country, grid cell, town, serial, counts, fresh supply, the event page); on a day
between, the second's; today, all three loads; before any load, nothing. With no date the pages
read the stored tables, and the figures computed for today equal them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.seizure_history import (
    BEFORE_ANY,
    BETWEEN_FIRST_AND_SECOND,
    BETWEEN_SECOND_AND_THIRD,
    MINUSCA,
    PANEL,
    seizure_history_warehouse,
)

from dashboard import queries as F
from embargo.classification import Classification
from embargo.warehouse import connect_read_only
from embargo.warehouse.lineage import tables_read

VIEWER = Classification.RESTRICTED
ALL = F.SeizureFilters()


@pytest.fixture(scope="module")
def db(warehouse: Path, tmp_path_factory) -> Path:
    return seizure_history_warehouse(warehouse, tmp_path_factory.mktemp("known_on"))


@pytest.fixture
def read(db: Path):
    """Run the pages' query functions on the fixture, as known on a day (None: now)."""

    def on(day: dt.date | None, function, *args, **kwargs):
        with F.reading_from(db), F.known_on(day):
            return function(VIEWER, *args, **kwargs)

    return on


def event_uid(db: Path, event_id: str) -> str:
    con = connect_read_only(db)
    try:
        return con.execute(
            "SELECT event_uid FROM seizure_event_versions WHERE event_id = ? LIMIT 1", [event_id]
        ).fetchone()[0]
    finally:
        con.close()


def test_hotspots_follow_the_date(read):
    by_country = ["country_iso3", "events", "item_lines", "items", "rounds"]
    assert read(BEFORE_ANY, F.seizures_by_country, ALL).rows() == []
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizures_by_country, ALL).select(by_country).rows() == [
        ("CAF", 1, 2, 1, 240)
    ]
    assert read(BETWEEN_SECOND_AND_THIRD, F.seizures_by_country, ALL).select(by_country).rows() == [
        ("SSD", 1, 2, 1, 240)
    ]
    for today in (None, dt.date.today()):
        assert read(today, F.seizures_by_country, ALL).select(by_country).rows() == [
            ("CAF", 1, 1, 1, 0),
            ("SSD", 1, 2, 1, 240),
        ]

    cells = ["cell_lat", "cell_lon", "events", "item_lines", "countries", "admin1_area"]
    town = ["nearest_place", "nearest_place_fr"]
    first = read(BETWEEN_FIRST_AND_SECOND, F.hotspot_cells, ALL, 1.0)
    assert first.select(cells).rows() == [(4.5, 18.5, 1, 2, "CAF", "Bangui")]
    assert first.select(town).rows() == [("Bangui", "Bangui")]
    second = read(BETWEEN_SECOND_AND_THIRD, F.hotspot_cells, ALL, 1.0)
    assert second.select(cells).rows() == [(4.5, 31.5, 1, 2, "SSD", "Central Equatoria")]
    assert second.select(town).rows() == [("Juba", "Djouba")]
    assert read(None, F.hotspot_cells, ALL, 1.0).select(cells).rows() == [
        (4.5, 18.5, 1, 1, "CAF", "Bangui"),
        (4.5, 31.5, 1, 2, "SSD", "Central Equatoria"),
    ]

    # the filters offer what was known then
    places = ["country_iso3", "admin1_area", "events"]
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizure_place_options).select(places).rows() == [
        ("CAF", "Bangui", 1)
    ]
    assert read(BETWEEN_SECOND_AND_THIRD, F.seizure_place_options).select(places).rows() == [
        ("SSD", "Central Equatoria", 1)
    ]
    options = read(BETWEEN_SECOND_AND_THIRD, F.seizure_filter_options)
    assert options["values"].filter(kind="entity").rows() == [("entity", MINUSCA)]
    assert read(None, F.seizure_filter_options)["values"].filter(kind="entity").rows() == [
        ("entity", MINUSCA),
        ("entity", PANEL),
    ]
    # a place filter names the country as known then
    in_caf = F.SeizureFilters(countries=("CAF",))
    assert read(BETWEEN_SECOND_AND_THIRD, F.seizures_by_country, in_caf).rows() == []


def test_trends_follow_the_date(read):
    monthly = ["event_month", "series", "events", "item_lines"]
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizure_monthly, ALL, "CAF", "category").select(
        monthly
    ).rows() == [
        (dt.datetime(2024, 3, 1), "ammunition", 1, 1),
        (dt.datetime(2024, 3, 1), "assault_rifle", 1, 1),
    ]
    assert read(BETWEEN_SECOND_AND_THIRD, F.seizure_monthly, ALL, "CAF", "category").rows() == []
    assert read(None, F.seizure_monthly, ALL, None, "reporting_entity").select(monthly).rows() == [
        (dt.datetime(2024, 3, 1), MINUSCA, 1, 2),
        (dt.datetime(2024, 3, 1), PANEL, 1, 1),
    ]


def test_item_search_and_the_event_page_follow_the_date(read, db):
    sighting = ["serial_number", "country_iso3", "location_name", "nearest_place", "event_id"]
    assert read(BETWEEN_FIRST_AND_SECOND, F.item_search, "AK12345").select(sighting).rows() == [
        ("AK-12 345", "CAF", "Bangui", "Bangui", "E-1")
    ]
    assert read(BETWEEN_FIRST_AND_SECOND, F.item_search, "AK12354").rows() == []
    assert read(BETWEEN_SECOND_AND_THIRD, F.item_search, "AK12345").rows() == []
    assert read(BETWEEN_SECOND_AND_THIRD, F.item_search, "AK12354").select(sighting).rows() == [
        ("AK-12 354", "SSD", "Juba", "Juba", "E-1")
    ]
    for today in (None, dt.date.today()):
        assert read(today, F.item_search, "AK-12").select(sighting).rows() == [
            ("AK-12 354", "SSD", "Juba", "Juba", "E-1"),
            ("AK-12 354", "CAF", "Bangui", "Bangui", "P-7"),
        ]
        assert read(today, F.item_search, "AK12345").rows() == []
    # a headstamp is found as it was known too
    assert read(BEFORE_ANY, F.item_search, "10 1984").rows() == []
    assert read(BETWEEN_FIRST_AND_SECOND, F.item_search, "10 1984").select(
        ["matched_on", "country_iso3"]
    ).rows() == [("headstamp", "CAF")]

    # two sightings of the corrected rifle by two entities: a possible double report only once
    # both were known
    assert read(BETWEEN_SECOND_AND_THIRD, F.possible_double_reports, 3650, 20000.0).rows() == []
    pair = read(None, F.possible_double_reports, 3650, 20000.0)
    assert pair.select(
        ["serial_number", "first_event_id", "second_event_id", "days_apart"]
    ).rows() == [("AK-12 354", "E-1", "P-7", 10)]

    uid = event_uid(db, "E-1")
    event = ["event_id", "country_iso3", "location_name", "file_name"]
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizure_event, uid).select(event).rows() == [
        ("E-1", "CAF", "Bangui", "minusca_march.csv")
    ]
    assert read(BETWEEN_SECOND_AND_THIRD, F.seizure_event, uid).select(event).rows() == [
        ("E-1", "SSD", "Juba", "minusca_april.csv")
    ]
    assert read(BEFORE_ANY, F.seizure_event, uid).rows() == []
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizure_event_items, uid).select(
        ["serial_number", "file_name"]
    ).rows() == [("AK-12 345", "minusca_march.csv"), (None, "minusca_march.csv")]
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizure_event_choices)["event_id"].to_list() == ["E-1"]
    assert read(None, F.seizure_event_choices)["event_id"].to_list() == ["P-7", "E-1"]


def test_fresh_supply_and_the_country_profile_follow_the_date(read):
    fresh = ["embargo_id", "dated_lines", "fresh_lines", "fresh_weapons"]
    assert read(BETWEEN_FIRST_AND_SECOND, F.fresh_supply_indicator).select(fresh).rows() == [
        ("un-car-2013", 2, 1, 1)
    ]
    assert read(BETWEEN_SECOND_AND_THIRD, F.fresh_supply_indicator).select(fresh).rows() == [
        ("un-south-sudan-2018", 2, 1, 1)
    ]
    assert read(None, F.fresh_supply_indicator).select(fresh).rows() == [
        ("un-car-2013", 1, 1, 1),
        ("un-south-sudan-2018", 2, 1, 1),
    ]
    assert read(BETWEEN_FIRST_AND_SECOND, F.fresh_supply_items, "un-car-2013").select(
        ["serial_number", "country_iso3", "made_after_embargo_start"]
    ).rows() == [("AK-12 345", "CAF", True), (None, "CAF", False)]
    assert read(BETWEEN_SECOND_AND_THIRD, F.fresh_supply_by_manufacture, "un-car-2013").rows() == []

    car = F.ProfileScope("CAF")
    first, second, now = (
        read(day, F.country_seizure_totals, car)
        for day in (BETWEEN_FIRST_AND_SECOND, BETWEEN_SECOND_AND_THIRD, None)
    )
    assert (first["events"], first["item_lines"]) == (1, 2)
    assert (second["events"], second["item_lines"]) == (0, 0)
    assert (now["events"], now["item_lines"]) == (1, 1)
    assert read(BETWEEN_FIRST_AND_SECOND, F.country_seizure_places, car).select(
        ["location_name"]
    ).rows() == [("Bangui",)]
    assert read(BETWEEN_SECOND_AND_THIRD, F.country_seizure_places, car).rows() == []


def test_the_figures_computed_for_today_are_the_stored_ones(db):
    """With a date after every load, each *_known view computes what the stored tables hold:
    the two sides of each view agree, so the pages show the same with or without a date."""
    pairs = {
        "seizure_item_facts_known": "seizure_item_facts_stored",
        "seizure_event_places_known": "seizure_event_places",
        "seizure_event_category_counts_known": "seizure_event_category_counts",
        "seizure_item_search_keys_known": "seizure_item_search_keys",
        "seizure_repeated_sightings_known": "seizure_repeated_sightings",
        "fresh_supply_counts_known": "fresh_supply_counts",
        "seizure_weapon_traces_known": "seizure_weapon_trace_counts",
        "seizure_events_known": "seizure_events",
        "seizure_items_known": "seizure_items",
    }
    con = connect_read_only(db)
    try:
        con.execute("SET VARIABLE known_on = CAST(? AS DATE)", [dt.date.today()])
        for known, stored in pairs.items():
            computed = con.execute(f"SELECT * FROM {known} ORDER BY ALL").fetchall()
            kept = con.execute(f"SELECT * FROM {stored} ORDER BY ALL").fetchall()
            assert computed == kept, known
            assert len(kept) > 0, stored
    finally:
        con.close()


def test_without_a_date_the_pages_read_only_the_stored_tables():
    """The versions and the load log count for a page's kept result only when a date is chosen:
    without one a load of other records leaves the seizure pages' results valid."""
    hotspots = "SELECT * FROM hotspot_cells(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    # (countries: the name of one of the macro's parameters, which lineage reads as a table)
    assert tables_read(hotspots) == {
        "seizure_event_category_counts",
        "seizure_event_places",
        "countries",
    }
    assert {"load_log", "seizure_event_earlier_versions", "seizure_item_earlier_versions"} <= (
        tables_read(hotspots, known_on_date=True)
    )
    assert tables_read("SELECT * FROM item_search(?, ?)") == {
        "seizure_item_facts_stored",
        "seizure_item_search_keys",
    }


def test_the_earlier_versions_behind_a_sighting_follow_the_date(read, db):
    con = connect_read_only(db)
    try:
        [(rifle,)] = con.execute(
            "SELECT item_line_uid FROM seizure_items WHERE item_id = '1'"
        ).fetchall()
    finally:
        con.close()
    versions = ["version_of", "version", "serial_number", "location_name", "file_name"]
    assert read(None, F.seizure_earlier_versions, [rifle]).select(versions).rows() == [
        ("event", 1, None, "Bangui", "minusca_march.csv"),
        ("item_line", 1, "AK-12 345", None, "minusca_march.csv"),
    ]
    # on a day before the second file, the first versions are the ones shown: nothing behind
    assert read(BETWEEN_FIRST_AND_SECOND, F.seizure_earlier_versions, [rifle]).rows() == []


# --- the pages (AppTest) --------------------------------------------------------------------------


def open_page(page: str, known_on: dt.date | None, search: str | None = None):
    """The dashboard run as the local operator opening `page` with the sidebar's "as known on"
    day set (None: left empty), and Item search's text typed."""
    from streamlit.testing.v1 import AppTest

    from embargo.config import DASHBOARD_APP

    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=120)
    at.run()
    if known_on is not None:
        at.date_input(key="known_on").set_value(known_on).run()
    at.switch_page(page)
    at.run()
    if search is not None:
        at.text_input(key="item_search_text").set_value(search).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sightings_table(at):
    return next(df.value for df in at.dataframe if "matched_on" in df.value.columns)


def test_item_search_and_hotspots_pages_show_what_was_known(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(db))
    at = open_page("screens/item_search.py", BETWEEN_FIRST_AND_SECOND, "AK-12")
    assert "Sightings (1)" in [s.value for s in at.subheader]
    assert sightings_table(at)[
        ["serial_number", "country_iso3", "location_name"]
    ].values.tolist() == [
        ["item-search?serial=AK-12%20345#AK-12 345", "Central African Republic", "Bangui"]
    ]
    assert (
        "Sightings as the warehouse knew them on 20 January 2026: the versions loaded by then."
        in [c.value for c in at.caption]
    )
    now = open_page("screens/item_search.py", None, "AK-12")
    assert "Sightings (2)" in [s.value for s in now.subheader]
    assert sightings_table(now)[["country_iso3", "location_name"]].values.tolist() == [
        ["South Sudan", "Juba"],
        ["Central African Republic", "Bangui"],
    ]
    # the table says the versions shown are the current ones, with the earlier ones behind
    assert any("the table shows the current ones" in i.value for i in now.info)

    # Hotspots offers the countries and draws the cells of the events known then
    between = open_page("screens/hotspots.py", BETWEEN_SECOND_AND_THIRD)
    assert between.selectbox(key="hotspots_country").options == [
        "All countries",
        "South Sudan (SSD)",
    ]
    first = open_page("screens/hotspots.py", BETWEEN_FIRST_AND_SECOND)
    assert first.selectbox(key="hotspots_country").options == [
        "All countries",
        "Central African Republic (CAF)",
    ]
    captions = [c.value for c in first.caption]
    assert "From 5 March 2024 to 5 March 2024" in captions
    assert "Records as known on **2026-01-20**." in captions
    assert any(c.startswith("1 grid cells of 0.5 degrees") for c in captions)
    now = open_page("screens/hotspots.py", None)
    assert now.selectbox(key="hotspots_country").options == [
        "All countries",
        "Central African Republic (CAF)",
        "South Sudan (SSD)",
    ]
    assert any(c.value.startswith("2 grid cells of 0.5 degrees") for c in now.caption)
