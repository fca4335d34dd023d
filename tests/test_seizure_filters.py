"""The seizure pages' place and period filters, the events without coordinates and possible
double reporting, on a hand-built fixture loaded through the real ingest: exact counts from the
query layer for each filter and preset, then the same on the pages (AppTest), including the
filters kept in the page's address, and the pairs of sightings flagged or not at each threshold
and clearance."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from support import query, write_csv

import ingest.kit.loads
from dashboard import queries
from dashboard.filters import months_before, preset_period
from dashboard.queries.seizures import whole_years_of
from demo.seizures import SEIZURE_COLUMNS
from embargo.classification import Classification
from ingest.files import ingest_files

# Places (Natural Earth populated places) and a point 0.2248 degrees of latitude north of
# Bambari, 24.996 km away on the sphere km_between uses, and one 0.2250 degrees north, 25.019 km.
BAMBARI = ("CAF", "Ouaka", "Bambari", 5.762, 20.6672)
NEAR_BAMBARI = ("CAF", "Ouaka", "Bambari north", 5.762 + 0.2248, 20.6672)
JUST_OUTSIDE = ("CAF", "Ouaka", "Bambari far north", 5.762 + 0.2250, 20.6672)
BRIA = ("CAF", "Haute Kotto", "Bria", 6.5333, 21.9833)  # the layer spells it Haute-Kotto
KAGA_BANDORO = ("CAF", "Nana-Grébizi", "Kaga Bandoro", 6.9804, 19.18)
IPPY = ("CAF", "Ouaka", "Ippy", "", "")  # no coordinates
NOWHERE = ("CAF", "Nowhere Land", "Somewhere", "", "")  # an admin1 the layer lacks
JUBA = ("SSD", "Central Equatoria", "Juba", 4.8594, 31.5713)

JMAC = "Test JMAC"
PANEL = "Test Panel"
# The day the presets look back from in these tests (the sidebar's "as known on").
REFERENCE = dt.date(2025, 6, 30)


def line(event_id, day, place, entity=JMAC, serial="", made=2015, level="restricted"):
    country, admin1, town, lat, lon = place
    return {
        "event_id": event_id,
        "event_date": day,
        "date_precision": "day",
        "country_iso3": country,
        "admin1": admin1,
        "location_name": town,
        "latitude": lat,
        "longitude": lon,
        "location_precision": "exact" if lat != "" else "",
        "context": "seizure",
        "reporting_entity": entity,
        "source_document": f"{entity} report {event_id}",
        "item_kind": "weapon",
        "weapon_category": "assault_rifle",
        "manufacturer": "Izhmash",
        "model": "AKM",
        "calibre": "7.62x39mm",
        "serial_number": serial,
        "country_of_manufacture": "RUS" if made < 2020 else "CHN",
        "year_of_manufacture": made,
        "quantity": 1,
        "unit": "items",
        "classification": level,
    }


LINES = [
    # CAF, Ouaka: Bambari within 3 months, 6 months, 12 months and before; Ippy unlocated
    line("E-1", "2025-06-15", BAMBARI, serial="DR-1"),
    line("E-2", "2025-02-10", BAMBARI, made=2010),  # before the embargo on CAF
    line("E-3", "2024-09-01", NEAR_BAMBARI),
    line("E-4", "2023-01-01", JUST_OUTSIDE),
    line("E-5", "2025-05-20", IPPY),
    # CAF, other areas
    line("E-6", "2025-04-01", BRIA, made=2021),
    line("E-7", "2024-12-24", KAGA_BANDORO, serial="KB-7", made=2022),
    line("E-8", "2025-03-03", NOWHERE),
    # South Sudan
    line("E-9", "2025-06-01", JUBA, made=2019),
    # Possible double reports (serials DR-n): the panel's sightings of the JMAC's items
    line("P-1", "2025-07-15", NEAR_BAMBARI, entity=PANEL, serial="DR-1"),  # 30 days, 24.996 km
    line("E-10", "2024-01-01", BAMBARI, serial="DR-2"),
    line("P-2", "2024-02-01", BAMBARI, entity=PANEL, serial="DR-2"),  # 31 days
    line("E-11", "2024-03-01", BAMBARI, serial="DR-3"),
    line("P-3", "2024-03-01", JUST_OUTSIDE, entity=PANEL, serial="DR-3"),  # 25.019 km
    line("E-12", "2024-04-01", BAMBARI, serial="DR-4"),
    line("E-13", "2024-04-02", BAMBARI, serial="DR-4"),  # same entity
    line("E-14", "2024-05-01", BAMBARI, serial="DR-5", level="public"),
    line("P-5", "2024-05-03", BAMBARI, entity=PANEL, serial="DR-5", level="confidential"),
]
TRACE_HEADER = ["trace_id", "event_id", "serial_number", "requesting_entity", "addressed_to",
                "date_sent", "date_response", "status", "last_legal_recipient_iso3",
                "last_legal_recipient_entity", "transfer_year", "diversion_point", "transfer_ref",
                "notes"]  # fmt: skip
TRACES = [
    ["T-1", "E-1", "DR-1", JMAC, "RUS", "2025-06-20", "", "pending", "", "", "", "", "", ""],
    ["T-2", "E-9", "", JMAC, "RUS", "2025-06-21", "2025-06-25", "negative", "", "", "", "", "",
     ""],
    ["T-3", "E-2", "", JMAC, "RUS", "2025-02-20", "", "pending", "", "", "", "", "", ""],
]  # fmt: skip
ALL = Classification.parse("strictly_confidential")


@pytest.fixture(scope="module")
def db(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("seizure_filters")
    path = folder / "w.duckdb"
    shutil.copy(warehouse, path)
    write_csv(folder / "seizures.csv", SEIZURE_COLUMNS, LINES)
    write_csv(folder / "traces.csv", TRACE_HEADER, TRACES)
    # loaded on the "as known on" day the page tests choose, so that the seizures are known then
    loaded_on = dt.datetime.combine(REFERENCE, dt.time(9))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest.kit.loads, "recorded_now", lambda: loaded_on)
        reports = ingest_files(path, [folder / "seizures.csv", folder / "traces.csv"])
    assert [(r.format, r.rows_loaded, r.rows_rejected) for r in reports] == [
        ("seizures", 18, 0),
        ("traces", 3, 0),
    ], reports
    return path


@pytest.fixture
def reading(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(db))
    with queries.reading_from(db):
        yield


def events_of(filters: queries.SeizureFilters, clearance=ALL) -> dict[str, int]:
    frame = queries.seizures_by_country(clearance, filters)
    return dict(zip(frame["country_iso3"], frame["events"], strict=True))


# --- places in words ----------------------------------------------------------------------------


def test_each_event_gets_its_area_and_nearest_town(db):
    rows = query(
        db,
        "SELECT split_part(event_uid, ':', 2), admin1, admin1_area, admin1_on_layer, "
        "nearest_place, nearest_place_fr, nearest_place_km FROM seizure_event_places "
        "WHERE split_part(event_uid, ':', 2) IN ('E-1', 'E-3', 'E-5', 'E-6', 'E-7', 'E-8', 'E-9') "
        "ORDER BY 1",
    )
    assert rows == [
        ("E-1", "Ouaka", "Ouaka", True, "Bambari", "Bambari", 0.0),
        ("E-3", "Ouaka", "Ouaka", True, "Bambari", "Bambari", 25.0),
        ("E-5", "Ouaka", "Ouaka", True, None, None, None),
        ("E-6", "Haute Kotto", "Haute-Kotto", True, "Bria", "Bria", 0.0),
        ("E-7", "Nana-Grébizi", "Nana-Grébizi", True, "Kaga Bandoro", "Kaga-Bandoro", 0.0),
        ("E-8", "Nowhere Land", "Nowhere Land", False, None, None, None),
        ("E-9", "Central Equatoria", "Central Equatoria", True, "Juba", "Djouba", 3.4),
    ]


# --- filters, exact counts from the query layer ---------------------------------------------------


def test_country_area_and_town_filters(reading):
    everything = queries.SeizureFilters()
    assert events_of(everything) == {"CAF": 17, "SSD": 1}
    assert events_of(queries.SeizureFilters(countries=("SSD",))) == {"SSD": 1}
    # Ouaka: E-1 to E-5 and the nine events of the DR serials
    ouaka = queries.SeizureFilters(countries=("CAF",), areas=("Ouaka",))
    assert events_of(ouaka) == {"CAF": 14}
    # The record's "Haute Kotto" is the layer's Haute-Kotto
    assert events_of(queries.SeizureFilters(countries=("CAF",), areas=("Haute-Kotto",))) == {
        "CAF": 1
    }
    assert events_of(queries.SeizureFilters(areas=("Nowhere Land",))) == {"CAF": 1}
    # 25 km around Bambari: the located Ouaka events but the two 25.019 km away (E-4, P-3)
    near = queries.SeizureFilters(
        countries=("CAF",), near_lat=5.762, near_lon=20.6672, near_km=25.0
    )
    assert events_of(near) == {"CAF": 11}
    wider = queries.SeizureFilters(
        countries=("CAF",), near_lat=5.762, near_lon=20.6672, near_km=25.1
    )
    assert events_of(wider) == {"CAF": 13}


@pytest.mark.parametrize(
    ("preset", "start", "events"),
    [
        ("3m", dt.date(2025, 3, 31), 4),  # E-1, E-5, E-6 (1 April), E-9
        ("6m", dt.date(2024, 12, 31), 6),  # and E-2, E-8 (E-7 is of 24 December)
        ("12m", dt.date(2024, 7, 1), 8),  # and E-3, E-7 (the DR events are of January to May)
    ],
)
def test_period_presets(reading, preset, start, events):
    first, last = dt.date(2023, 1, 1), dt.date(2025, 7, 15)
    assert preset_period(preset, REFERENCE, first, last) == (start, REFERENCE)
    filters = queries.SeizureFilters(start, REFERENCE, countries=("CAF", "SSD"))
    assert sum(events_of(filters).values()) == events


def test_month_arithmetic_keeps_the_day_or_the_month_end():
    assert months_before(dt.date(2025, 5, 31), 3) == dt.date(2025, 2, 28)
    assert months_before(dt.date(2024, 5, 31), 3) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2025, 1, 15), 12) == dt.date(2024, 1, 15)
    assert preset_period("all", REFERENCE, dt.date(2020, 1, 1), dt.date(2021, 1, 1)) == (
        dt.date(2020, 1, 1),
        dt.date(2021, 1, 1),
    )


def test_events_without_coordinates_are_listed(reading):
    caf = queries.SeizureFilters(countries=("CAF",))
    listed = queries.seizure_events_unlocated(ALL, caf)
    assert listed.select("event_id", "admin1_area", "location_name").rows() == [
        ("E-5", "Ouaka", "Ippy"),
        ("E-8", "Nowhere Land", "Somewhere"),
    ]
    assert queries.seizure_events_unlocated_count(ALL, caf) == 2
    # a town's radius cannot place them: the area decides
    near = queries.SeizureFilters(
        countries=("CAF",), areas=("Ouaka",), near_lat=5.762, near_lon=20.6672, near_km=25.0
    )
    assert queries.seizure_events_unlocated(ALL, near)["event_id"].to_list() == ["E-5"]
    assert (
        queries.seizure_events_unlocated_count(ALL, queries.SeizureFilters(countries=("SSD",))) == 0
    )


def test_tracing_follows_the_filters(reading):
    everything = queries.trace_requests(ALL)
    assert everything["trace_id"].to_list() == ["T-2", "T-1", "T-3"]
    caf = queries.SeizureFilters(dt.date(2025, 4, 1), REFERENCE, countries=("CAF",))
    assert queries.trace_requests(ALL, filters=caf)["trace_id"].to_list() == ["T-1"]
    by_addressee = queries.tracing_by_addressee(ALL, caf)
    assert by_addressee.select("addressed_to", "requests", "answered").rows() == [("RUS", 1, 0)]
    assert queries.trace_overdue(ALL, 5, caf)["trace_id"].to_list() == ["T-1"]
    ssd = queries.SeizureFilters(countries=("SSD",))
    assert queries.tracing_by_addressee(ALL, ssd).select("requests", "answered").rows() == [(1, 1)]


def test_where_the_requests_stand_follows_the_filters(reading):
    today = dt.date.today()

    def days_since(day: str) -> int:
        return (today - dt.date.fromisoformat(day)).days

    every = queries.trace_request_state_summary(ALL)
    assert every.rows() == [
        # T-1 and T-3 pending now; T-2 was pending 4 days before its negative answer
        ("pending", 2, 3, float(days_since("2025-06-20")), days_since("2025-02-20")),
        ("negative", 1, 1, float(days_since("2025-06-25")), days_since("2025-06-25")),
    ]
    caf = queries.SeizureFilters(dt.date(2025, 4, 1), REFERENCE, countries=("CAF",))
    assert queries.trace_request_state_summary(ALL, caf).rows() == [
        ("pending", 1, 1, float(days_since("2025-06-20")), days_since("2025-06-20"))
    ]
    assert queries.trace_request_history(ALL, caf).select("record_id", "state", "since").rows() == [
        ("Test JMAC T-1", "pending", dt.date(2025, 6, 20))
    ]
    ssd = queries.SeizureFilters(countries=("SSD",))
    assert queries.trace_request_state_summary(ALL, ssd).rows() == [
        ("negative", 1, 1, float(days_since("2025-06-25")), days_since("2025-06-25")),
        ("pending", 0, 1, 4.0, 4),
    ]
    assert queries.trace_request_history(ALL, ssd).select(
        "record_id", "state", "since", "until", "current"
    ).rows() == [
        ("Test JMAC T-2", "negative", dt.date(2025, 6, 25), None, True),
        ("Test JMAC T-2", "pending", dt.date(2025, 6, 21), dt.date(2025, 6, 25), False),
    ]
    # a period in which no request was sent: nothing stands anywhere
    quiet = queries.SeizureFilters(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert queries.trace_request_state_summary(ALL, quiet).is_empty()


def test_fresh_supply_follows_the_period(reading):
    def figures(date_from, date_to):
        frame = queries.fresh_supply_indicator(ALL, "CAF", date_from, date_to)
        return frame.select("embargo_id", "dated_lines", "fresh_lines").rows()

    # every date: as the stored counts give it
    assert figures(None, None) == [("un-car-2013", 9, 9), ("un-car-armed-groups-2024", 8, 0)]
    # 2024: eight items before the measures of 30 July 2024 (all made in 2015), two after
    assert figures(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == [
        ("un-car-2013", 8, 8),
        ("un-car-armed-groups-2024", 2, 0),
    ]
    # the first half of 2025: E-1, E-2, E-5, E-6 and E-8, none made after 2024
    first_half = (dt.date(2025, 1, 1), REFERENCE)
    assert figures(*first_half) == [("un-car-armed-groups-2024", 5, 0)]
    items = queries.fresh_supply_items(ALL, "un-car-armed-groups-2024", None, "CAF", *first_half)
    assert sorted(items["event_date"].to_list()) == [
        dt.date(2025, 2, 10),
        dt.date(2025, 3, 3),
        dt.date(2025, 4, 1),
        dt.date(2025, 5, 20),
        dt.date(2025, 6, 15),
    ]
    by_maker = queries.fresh_supply_by_manufacture(
        ALL, "un-car-armed-groups-2024", "CAF", *first_half
    )
    assert by_maker.select("country_of_manufacture", "dated_lines", "fresh_lines").rows() == [
        ("RUS", 4, 0),
        ("CHN", 1, 0),
    ]
    assert queries.fresh_supply_indicator(ALL, "CAF", dt.date(2026, 1, 1), None).is_empty()


def test_fresh_supply_of_a_period_the_years_follow_is_the_items_counted(db, reading):
    """A period of whole years, or one that leaves out no event (the page's default: the first
    event to the last), is read from the stored yearly counts: the figures are those the items
    of the period give; a period that cuts a year is counted from the items."""
    first, last = dt.date(2023, 1, 1), dt.date(2025, 7, 15)  # E-4 and P-1
    assert whole_years_of(ALL, first, last) == (2023, 2025)
    assert whole_years_of(ALL, dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == (2024, 2024)
    assert whole_years_of(ALL, dt.date(2022, 5, 1), None) == (2022, None)
    assert whole_years_of(ALL, dt.date(2024, 1, 1), REFERENCE) is None
    assert whole_years_of(ALL, dt.date(2024, 1, 2), None) is None
    columns = ["embargo_id", "dated_lines", "fresh_lines", "dated_weapons", "fresh_weapons",
               "dated_ammunition_lots", "fresh_ammunition_lots", "fresh_share",
               "latest_manufacture_year"]  # fmt: skip
    for country in (None, "CAF", "SSD"):
        for date_from, date_to in ((first, last), (dt.date(2024, 1, 1), dt.date(2024, 12, 31))):
            read = queries.fresh_supply_indicator(ALL, country, date_from, date_to)
            counted = query(
                db,
                f"SELECT {', '.join(columns)} FROM fresh_supply_in_period(?, ?, ?, ?)",
                [ALL.visible_levels(), country, date_from, date_to],
            )
            assert read.select(columns).rows() == counted, (country, date_from)
            # South Sudan's one event is of 2025: nothing in 2024
            assert (len(counted) == 0) == (country == "SSD" and date_from.year == 2024)


def test_item_search_follows_the_filters_and_names_places(reading):
    found = queries.item_search(ALL, "DR-1")
    assert found.select("event_id", "admin1_area", "nearest_place", "nearest_place_km").rows() == [
        ("E-1", "Ouaka", "Bambari", 0.0),
        ("P-1", "Ouaka", "Bambari", 25.0),
    ]
    up_to_june = queries.SeizureFilters(dt.date(2025, 1, 1), REFERENCE)
    assert queries.item_search(ALL, "DR-1", filters=up_to_june)["event_id"].to_list() == ["E-1"]
    ssd = queries.SeizureFilters(countries=("SSD",))
    assert queries.item_search(ALL, "DR-1", filters=ssd).is_empty()


# --- possible double reporting --------------------------------------------------------------------


def test_double_reports_flag_exact_pairs(reading):
    pairs = queries.possible_double_reports(ALL, 30, 25.0)
    assert pairs.select(
        "serial_number", "first_event_id", "second_event_id", "days_apart", "km_apart",
        "first_reporting_entity", "second_reporting_entity", "first_source_document",
        "second_source_document", "classification",
    ).rows() == [
        ("DR-5", "E-14", "P-5", 2, 0.0, JMAC, PANEL, "Test JMAC report E-14",
         "Test Panel report P-5", "confidential"),
        ("DR-1", "E-1", "P-1", 30, 25.0, JMAC, PANEL, "Test JMAC report E-1",
         "Test Panel report P-1", "restricted"),
    ]  # fmt: skip
    # DR-2 (31 days), DR-3 (25.019 km) and DR-4 (one entity) are not pairs; wider thresholds
    # take the first two, never the third
    wider = queries.possible_double_reports(ALL, 31, 25.1)
    assert sorted(wider["serial_number"].to_list()) == ["DR-1", "DR-2", "DR-3", "DR-5"]


def test_a_pair_is_hidden_unless_both_sightings_are_visible(reading):
    restricted = Classification.parse("restricted")
    assert queries.possible_double_reports(restricted, 30, 25.0)["serial_number"].to_list() == [
        "DR-1"
    ]
    public = Classification.parse("public")
    assert queries.possible_double_reports(public, 30, 25.0).is_empty()


def test_only_the_sightings_of_items_two_entities_documented_are_stored(db):
    """The pairs are made of the stored located sightings of items more than one entity
    documented: DR-4 (one entity) and the unlocated or serial-less lines are not among them, and
    the stored rows are what the table's query computes."""
    assert query(
        db,
        "SELECT serial_number, event_id, reporting_entity, classification "
        "FROM seizure_repeated_sightings ORDER BY serial_number, event_id",
    ) == [
        ("DR-1", "E-1", JMAC, "restricted"),
        ("DR-1", "P-1", PANEL, "restricted"),
        ("DR-2", "E-10", JMAC, "restricted"),
        ("DR-2", "P-2", PANEL, "restricted"),
        ("DR-3", "E-11", JMAC, "restricted"),
        ("DR-3", "P-3", PANEL, "restricted"),
        ("DR-5", "E-14", JMAC, "public"),
        ("DR-5", "P-5", PANEL, "confidential"),
    ]
    assert query(db, "SELECT * FROM seizure_repeated_sightings ORDER BY ALL") == query(
        db, "SELECT * FROM seizure_repeated_sightings_computed() ORDER BY ALL"
    )


def test_double_reports_of_the_found_items_only(reading):
    found = queries.item_search(ALL, "DR-1")
    pairs = queries.possible_double_reports(
        ALL, 30, 25.0, item_line_uids=found["item_line_uid"].to_list()
    )
    assert pairs["serial_number"].to_list() == ["DR-1"]
    in_2024 = queries.SeizureFilters(dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert queries.possible_double_reports(ALL, 30, 25.0, filters=in_2024)[
        "serial_number"
    ].to_list() == ["DR-5"]


def test_post_embargo_items_by_country_of_manufacture(reading):
    # CAF's embargo of 2013 and its measures since 30 July 2024: items documented under each
    indicator = queries.fresh_supply_indicator(ALL, "CAF")
    assert indicator.select("embargo_start", "dated_lines", "fresh_lines").rows() == [
        (dt.date(2013, 12, 5), 9, 9),
        (dt.date(2024, 7, 30), 8, 0),
    ]
    first, second = indicator["embargo_id"].to_list()
    by_maker = queries.fresh_supply_by_manufacture(ALL, first, "CAF")
    assert by_maker.select("country_of_manufacture", "dated_lines", "fresh_lines").rows() == [
        ("RUS", 9, 9)
    ]
    by_maker = queries.fresh_supply_by_manufacture(ALL, second, "CAF")
    assert by_maker.select("country_of_manufacture", "dated_lines", "fresh_lines").rows() == [
        ("RUS", 6, 0),
        ("CHN", 2, 0),
    ]
    assert queries.fresh_supply_by_manufacture(ALL, second, "SSD").is_empty()


# --- the pages (AppTest) --------------------------------------------------------------------------


def open_page(page: str, address: dict[str, str] | None = None, known_on=None):
    """The dashboard run as a viewer opening `page`, with the address's query parameters (a
    shared link) and the sidebar's "as known on" day."""
    from streamlit.testing.v1 import AppTest

    from embargo.config import DASHBOARD_APP

    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.run()
    if known_on is not None:
        at.date_input(key="known_on").set_value(known_on).run()
    at.switch_page(page)
    for name, value in (address or {}).items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def pages(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(db))
    return open_page


def frame_with(at, *columns: str):
    """The first table of the page that has all these columns."""
    return next(df.value for df in at.dataframe if set(columns) <= set(df.value.columns))


def test_hotspots_lists_the_events_without_coordinates(pages):
    at = pages("screens/hotspots.py", {"country": "CAF"})
    assert at.selectbox(key="hotspots_country").value == "CAF"
    assert "**2 events have no coordinates and are not on the map.**" in [
        m.value for m in at.markdown
    ]
    listed = frame_with(at, "location_name")
    assert listed[["event_id", "admin1_area", "location_name"]].values.tolist() == [
        ["E-5", "Ouaka", "Ippy"],
        ["E-8", "Nowhere Land", "Somewhere"],
    ]
    assert at.toggle(key="download_hotspots_unlocated").label == "Download this table (CSV, XLSX)"
    assert any(
        c.value.startswith("Possible double reports: 2 pairs of sightings") for c in at.caption
    )
    at.selectbox(key="hotspots_country").set_value("SSD").run()
    assert "Every event the filters keep has coordinates." in [c.value for c in at.caption]
    assert at.query_params["country"] == "SSD"


def test_a_shared_address_restores_area_town_and_period(pages):
    at = pages(
        "screens/hotspots.py",
        {"country": "CAF", "area": "Ouaka", "town": "Bambari", "km": "30", "period": "12m"},
        known_on=REFERENCE,
    )
    assert at.multiselect(key="hotspots_areas").value == ["Ouaka"]
    assert at.selectbox(key="hotspots_town").value == "Bambari"
    assert at.number_input(key="hotspots_km").value == 30.0
    assert at.radio(key="hotspots_preset").value == "12m"
    assert (
        "From 1 July 2024 to 30 June 2025 (months counted back from 30 June 2025, the day records "
        "are read as known on)."
    ) in [c.value for c in at.caption]
    # the radius aside, the area's event without coordinates is listed
    assert frame_with(at, "location_name")["event_id"].tolist() == ["E-5"]


def test_a_forged_address_is_ignored(pages):
    at = pages("screens/hotspots.py", {"country": "XXX", "town": "Atlantis", "period": "99m"})
    assert at.selectbox(key="hotspots_country").value == ""
    assert at.radio(key="hotspots_preset").value == "all"


@pytest.mark.parametrize(
    ("preset", "caption"),
    [
        ("3m", "From 31 March 2025 to 30 June 2025"),
        ("6m", "From 31 December 2024 to 30 June 2025"),
        ("12m", "From 1 July 2024 to 30 June 2025"),
    ],
)
def test_presets_count_back_from_the_known_on_day(pages, preset, caption):
    at = pages("screens/hotspots.py", {"country": "CAF"}, known_on=REFERENCE)
    at.radio(key="hotspots_preset").set_value(preset).run()
    assert any(c.value.startswith(caption) for c in at.caption)
    assert at.query_params["period"] == preset
    # of the two events without coordinates, E-5 (20 May 2025) is in every period, E-8 (3 March
    # 2025) from six months
    assert frame_with(at, "location_name")["event_id"].tolist() == (
        ["E-5"] if preset == "3m" else ["E-5", "E-8"]
    )


def test_tracing_counts_the_requests_sent_in_the_period_about_the_place(pages):
    at = pages("screens/tracing.py", {"country": "CAF"})
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Trace requests"], metrics["Answered"], metrics["Open"]) == ("2", "0", "2")
    at = pages(
        "screens/tracing.py",
        {"country": "CAF", "period": "dates", "from": "2025-03-31", "to": "2025-06-30"},
    )
    assert at.date_input(key="tracing_period").value == (
        dt.date(2025, 3, 31),
        dt.date(2025, 6, 30),
    )
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Trace requests"] == "1"
    assert frame_with(at, "trace_id", "date_sent")["trace_id"].tolist() == ["T-1"]
    at.selectbox(key="tracing_country").set_value("SSD").run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Trace requests"], metrics["Answered"]) == ("1", "1")
    # presets count back from today: no request of this fixture was sent in the last 3 months
    at.radio(key="tracing_preset").set_value("3m").run()
    assert "No trace request was sent in this period about an event in this place." in [
        i.value for i in at.info
    ]


def test_tracing_states_follow_the_place_and_period(pages):
    at = pages(
        "screens/tracing.py",
        {"country": "CAF", "period": "dates", "from": "2025-03-31", "to": "2025-06-30"},
    )
    states = frame_with(at, "state", "records_now")
    assert states[["state", "records_now", "spells"]].values.tolist() == [["Pending", 1, 1]]
    history = frame_with(at, "record_id", "since")
    assert history[["record_id", "state"]].values.tolist() == [["Test JMAC T-1", "Pending"]]
    # an empty date is "—", never "None" or "NaT"
    assert history["until"].tolist() == ["—"]
    requests = frame_with(at, "trace_id", "date_response")
    assert requests[["trace_id", "date_response"]].values.tolist() == [["T-1", "—"]]
    assert "Every request, whatever the period and place chosen above." not in [
        c.value for c in at.caption
    ]
    at.selectbox(key="tracing_country").set_value("SSD").run()
    states = frame_with(at, "state", "records_now")
    assert states[["state", "records_now", "spells"]].values.tolist() == [
        ["Negative answer", 1, 1],
        ["Pending", 0, 1],
    ]


def test_trends_fresh_supply_follows_the_period(pages):
    at = pages(
        "screens/trends.py",
        {"country": "CAF", "period": "dates", "from": "2025-01-01", "to": "2025-06-30"},
    )
    indicator = frame_with(at, "embargo_start")
    assert indicator[["dated_lines", "fresh_lines"]].values.tolist() == [[5, 0]]
    items = frame_with(at, "made_after_embargo_start")
    assert len(items) == 5
    by_maker = frame_with(at, "country_of_manufacture", "fresh_share")
    assert by_maker[["country_of_manufacture", "dated_lines", "fresh_lines"]].values.tolist() == [
        ["Russian Federation", 4, 0],
        ["China", 1, 0],
    ]


def test_trends_items_behind_follow_the_country(pages):
    at = pages("screens/trends.py", {"country": "CAF"})
    indicator = frame_with(at, "embargo_start")
    assert indicator[["dated_lines", "fresh_lines"]].values.tolist() == [[9, 9], [8, 0]]
    items = frame_with(at, "made_after_embargo_start")
    assert len(items) == 9 and set(items["country_iso3"]) == {"Central African Republic"}
    by_maker = frame_with(at, "country_of_manufacture", "fresh_share")
    assert by_maker[["dated_lines", "fresh_lines"]].values.tolist() == [[9, 9]]
    # the measures of 30 July 2024 (the table's embargo column is a link to the episode)
    at.selectbox(key="trends_items_behind").set_value("un-car-armed-groups-2024").run()
    by_maker = frame_with(at, "country_of_manufacture", "fresh_share")
    assert by_maker[["country_of_manufacture", "dated_lines", "fresh_lines"]].values.tolist() == [
        ["Russian Federation", 6, 0],
        ["China", 2, 0],
    ]


def test_item_search_names_places_and_flags_double_reports(pages):
    at = pages("screens/item_search.py")
    at.text_input(key="item_search_text").set_value("DR-1").run()
    sightings = frame_with(at, "matched_on")
    assert sightings[["source_document", "admin1_area", "near"]].values.tolist() == [
        ["Test JMAC report E-1", "Ouaka", "0 km from Bambari"],
        ["Test Panel report P-1", "Ouaka", "25 km from Bambari"],
    ]
    assert [s.value for s in at.subheader if s.value.startswith("Possible")] == [
        "Possible double reporting (1)"
    ]
    pairs = frame_with(at, "first_event_id")
    assert pairs[
        ["first_reporting_entity", "second_reporting_entity", "days_apart", "km_apart"]
    ].values.tolist() == [[JMAC, PANEL, 30, 25.0]]
    assert pairs[["first_source_document", "second_source_document"]].values.tolist() == [
        ["Test JMAC report E-1", "Test Panel report P-1"]
    ]
    at.selectbox(key="item_search_country").set_value("SSD").run()
    assert "No documented item matches." in [w.value for w in at.warning]


def test_item_search_lists_sightings_without_coordinates_and_speaks_french(pages):
    at = pages("screens/item_search.py")
    at.text_input(key="item_search_text").set_value("KB-7").run()
    assert frame_with(at, "matched_on")["near"].tolist() == ["0 km from Kaga Bandoro"]
    at.radio(key="access_language").set_value("fr").run()
    assert frame_with(at, "matched_on")["near"].tolist() == ["à 0 km de Kaga-Bandoro"]
    assert [s.value for s in at.subheader if s.value.startswith("Doubles")] == [
        "Doubles signalements possibles (0)"
    ]


def test_the_filters_survive_a_switch_of_language(pages):
    at = pages("screens/hotspots.py", {"country": "CAF", "period": "12m"}, known_on=REFERENCE)
    at.radio(key="access_language").set_value("fr").run()
    assert at.selectbox(key="hotspots_country").value == "CAF"
    assert at.radio(key="hotspots_preset").value == "12m"
    assert "**2 événements n'ont pas de coordonnées et ne figurent pas sur la carte.**" in [
        m.value for m in at.markdown
    ]


def test_tables_show_dates_as_dates_and_an_empty_date_as_a_dash():
    import polars as pl

    from dashboard.common import empty_dates_as_missing, table_config

    frame = pl.DataFrame(
        {
            "date_sent": [dt.date(2025, 6, 20), dt.date(2025, 6, 21)],
            "date_response": [None, dt.date(2025, 6, 25)],
        }
    )
    shown = empty_dates_as_missing(frame)
    assert shown["date_sent"].to_list() == [dt.date(2025, 6, 20), dt.date(2025, 6, 21)]
    assert shown["date_response"].to_list() == ["—", "2025-06-25"]
    config = table_config(shown)
    # a full date column is shown as a date (not "2025-06-20 00:00:00"), the text one as text
    assert config["date_sent"]["type_config"] == {
        "type": "date", "format": None, "min_value": None, "max_value": None, "step": None
    }  # fmt: skip
    assert config["date_response"] == {"label": "Answered on", "help": None}
