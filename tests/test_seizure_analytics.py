"""Seizure analytics on a hand-built fixture with known answers, loaded through the real ingest:
the emerging-hotspot rule, the fresh-supply figure, tracing response figures, SDG 16.4.2 and the
scoring of registered transfers that could explain a documented weapon."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil

import pytest
from support import query, write_csv

from demo.seizures import SEIZURE_COLUMNS
from demo.transfers import SIPRI_NEW_HEADER
from ingest.files import ingest_files

BANGUI = ("CAF", "Bangui", 4.3612, 18.5550)
JUBA = ("SSD", "Juba", 4.8594, 31.5713)


def line(event_id, day, place, year=None, serial="", model="AKM", made_in="RUS", maker="Izhmash"):
    country, town, lat, lon = place
    return {
        "event_id": event_id,
        "event_date": day,
        "date_precision": "day",
        "country_iso3": country,
        "location_name": town,
        "latitude": lat,
        "longitude": lon,
        "location_precision": "exact",
        "context": "seizure",
        "reporting_entity": "Test JMAC",
        "source_document": "TEST/2024/1",
        "item_kind": "weapon",
        "weapon_category": "assault_rifle",
        "manufacturer": maker,
        "model": model,
        "calibre": "7.62x39mm",
        "serial_number": serial,
        "country_of_manufacture": made_in,
        "year_of_manufacture": year or "",
        "quantity": 1,
        "unit": "items",
    }


def fixture_lines() -> list[dict]:
    lines = [
        # Bangui: one event in the baseline year (two rifles), five in the recent three months
        line("CAF-1", "2024-02-15", BANGUI, 2012),
        line("CAF-1", "2024-02-15", BANGUI, 2016, serial="B-1"),
        line("CAF-2", "2024-10-05", BANGUI, 2010),
        line("CAF-3", "2024-10-20", BANGUI, 2015),
        line("CAF-4", "2024-11-02", BANGUI, 2019),
        line("CAF-5", "2024-11-30", BANGUI, 2024),
        line("CAF-6", "2024-12-12", BANGUI),
    ]
    # Juba: a steady twelve events in the baseline year, three in the recent months
    months = ["2023-10", "2023-11", "2023-12"] + [f"2024-{m:02d}" for m in range(1, 10)]
    for number, month in enumerate(months, start=1):
        if month == "2024-03":
            lines.append(
                line(
                    f"SSD-{number}",
                    "2024-03-10",
                    JUBA,
                    2001,
                    serial="56-12345",
                    model="Type 56-1",
                    made_in="CHN",
                    maker="Factory 66",
                )
            )
        else:
            lines.append(
                line(f"SSD-{number}", f"{month}-10", JUBA, 2020 if number in (2, 7) else 2015)
            )
    lines += [
        line("SSD-13", "2024-10-10", JUBA, 2019, serial="S-13"),
        line("SSD-14", "2024-11-10", JUBA, 2010),
        line("SSD-15", "2024-12-10", JUBA),
    ]
    return lines


DEALS = [  # invented deliveries
    ("201", "China", "South Sudan", "Type-56-1", "assault rifle", 2012),
    ("202", "China", "Uganda", "QLZ-87", "grenade launcher", 2020),
    ("203", "China", "Kenya", "Type 56", "assault rifle", 2003),
    ("204", "Russia", "South Sudan", "Type-56-1", "assault rifle", 2016),
    ("205", "China", "South Sudan", "Type-56-1", "assault rifle", 2025),
]
TRACE_HEADER = [
    "trace_id",
    "event_id",
    "serial_number",
    "requesting_entity",
    "addressed_to",
    "date_sent",
    "date_response",
    "status",
    "last_legal_recipient_iso3",
    "last_legal_recipient_entity",
    "transfer_year",
    "diversion_point",
    "transfer_ref",
    "notes",
]
TRACES = [
    [
        "T-1",
        "SSD-6",
        "56 12345",
        "Test Panel",
        "CHN",
        "2024-04-01",
        "2024-07-15",
        "responded",
        "UGA",
        "Uganda People's Defence Force",
        "2020",
        "army stockpile",
        "202",
        "",
    ],
    [
        "T-2",
        "SSD-13",
        "S-13",
        "Test Panel",
        "Izhmash",
        "2024-11-01",
        "",
        "pending",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("seizure_analytics")
    path = folder / "w.duckdb"
    shutil.copy(warehouse, path)
    write_csv(folder / "seizures.csv", SEIZURE_COLUMNS, fixture_lines())
    write_csv(
        folder / "deliveries.csv",
        SIPRI_NEW_HEADER,
        [
            [
                d,
                s,
                r,
                des,
                desc,
                "Other",
                y - 1,
                "No",
                100,
                "No",
                y,
                "No",
                "New",
                "",
                0.001,
                0.1,
                "No",
            ]
            for d, s, r, des, desc, y in DEALS
        ],
    )
    write_csv(folder / "traces.csv", TRACE_HEADER, TRACES)
    reports = ingest_files(
        path, [folder / "seizures.csv", folder / "deliveries.csv", folder / "traces.csv"]
    )
    assert [(r.format, r.rows_loaded, r.rows_rejected) for r in reports] == [
        ("seizures", 22, 0),
        ("sipri", 5, 0),
        ("traces", 2, 0),
    ], reports
    return path


VISIBLE = ["public", "restricted", "confidential", "strictly_confidential"]


def test_emerging_hotspot_rule(db):
    rows = query(
        db,
        "SELECT cell_lat, cell_lon, observed, baseline_events, expected, p_value, emerging "
        "FROM emerging_hotspots(?, [], [], [], 0.5, DATE '2025-01-01', 3, 12, [], [], "
        "NULL, NULL, NULL)",
        [VISIBLE],
    )
    bangui_p = 1 - sum(math.exp(-0.5) * 0.5**i / math.factorial(i) for i in range(5))
    juba_p = 1 - sum(math.exp(-3) * 3**i / math.factorial(i) for i in range(3))
    assert [(r[0], r[1], r[2], r[3], r[4], r[6]) for r in rows] == [
        (4.25, 18.75, 5, 1, 0.25, True),
        (4.75, 31.75, 3, 12, 3.0, False),
    ]
    assert rows[0][5] == pytest.approx(bangui_p, abs=1e-9)
    assert rows[1][5] == pytest.approx(juba_p, abs=1e-9)


def test_hotspot_cells_count_events_and_items(db):
    rows = query(
        db,
        "SELECT cell_lat, cell_lon, events, item_lines, items FROM hotspot_cells("
        "?, DATE '2000-01-01', DATE '2030-01-01', [], [], [], 0.5, [], [], NULL, NULL, NULL)",
        [VISIBLE],
    )
    assert rows == [(4.75, 31.75, 15, 15, 15.0), (4.25, 18.75, 6, 7, 7.0)]


def test_fresh_supply_share_per_embargoed_territory(db):
    rows = query(
        db,
        "SELECT embargo_id, dated_lines, fresh_lines, fresh_share "
        "FROM fresh_supply_indicator(?) ORDER BY embargo_id",
        [VISIBLE],
    )
    assert rows == [
        ("un-car-2013", 2, 1, 0.5),  # made 2012 and 2016; embargo since 2013
        ("un-car-armed-groups-2024", 4, 0, 0.0),  # made 2010-2024; embargo since 2024
        ("un-south-sudan-2018", 14, 3, 0.2143),  # two made 2020 and one 2019 of 14 dated
    ]


def test_fresh_supply_counts_are_stored_per_embargo_year_and_freshness(db):
    rows = query(
        db,
        "SELECT embargo_id, country_iso3, event_year, item_kind, made_after_embargo_start, "
        "item_lines, latest_manufacture_year FROM fresh_supply_counts "
        "WHERE classification = 'restricted'",
    )
    assert rows == [
        ("un-car-2013", "CAF", 2024, "weapon", False, 1, 2012),
        ("un-car-2013", "CAF", 2024, "weapon", True, 1, 2016),
        ("un-car-armed-groups-2024", "CAF", 2024, "weapon", False, 4, 2024),
        ("un-south-sudan-2018", "SSD", 2023, "weapon", False, 2, 2015),
        ("un-south-sudan-2018", "SSD", 2023, "weapon", True, 1, 2020),
        ("un-south-sudan-2018", "SSD", 2024, "weapon", False, 9, 2015),
        ("un-south-sudan-2018", "SSD", 2024, "weapon", True, 2, 2020),
    ]
    assert query(db, "SELECT count(*) FROM fresh_supply_counts")[0][0] == len(rows)


def test_tracing_response_figures(db):
    rows = query(
        db,
        "SELECT addressed_to, requests, answered, pending, response_rate, median_response_days, "
        "origin_established FROM tracing_by_addressee(?, NULL, NULL, [], [], NULL, NULL, NULL)",
        [VISIBLE],
    )
    assert rows == [("CHN", 1, 1, 0, 1.0, 105.0, 1), ("Izhmash", 1, 0, 1, 0.0, None, 0)]


def test_sdg_16_4_2_numerator_and_denominator(db):
    rows = query(
        db,
        "SELECT country_iso3, year, numerator, denominator, proportion FROM sdg_16_4_2(?)",
        [VISIBLE],
    )
    assert rows == [
        ("CAF", 2024, 0, 7.0, 0.0),
        ("SSD", 2023, 0, 3.0, 0.0),
        ("SSD", 2024, 1, 12.0, 0.0833),
    ]


# The candidates of every item line, for a viewer cleared for everything.
CANDIDATES = (
    "item_transfer_candidates(['public', 'restricted', 'confidential', 'strictly_confidential'], "
    "(SELECT list(item_line_uid) FROM seizure_items))"
)


def test_item_to_transfer_candidates_are_scored_and_confirmed_first(db):
    rows = query(
        db,
        f"SELECT transfer_id, score, confirmed FROM {CANDIDATES} "
        "WHERE serial_number = '56-12345' ORDER BY score DESC, transfer_id",
    )
    # the rifle was made in 2001; the Russian deal (204) and the 2025 one (205) cannot match
    assert rows == [
        ("sipri_trade_register:202:2020", 100, True),  # named by the trace response
        ("sipri_trade_register:201:2012", 95, False),  # 10 + 35 + 30 + 15 + 5
        ("sipri_trade_register:203:2003", 60, False),  # 10 + 15 + 20 + 15 + 0
    ]
    explanation = query(
        db,
        f"SELECT explanation FROM {CANDIDATES} WHERE transfer_id LIKE '%:201:%'",
    )[0][0]
    assert explanation == (
        "Factory 66 Type 56-1 made in CHN and documented in SSD in 2024; China delivered 100 "
        "Type-56-1 assault rifle to South Sudan (the country of seizure) in 2012, 12 years earlier."
    )


def test_item_search_by_partial_and_differently_written_serial(db):
    for text in ("56 12345", "5612345", "561", "2345"):
        rows = query(db, "SELECT matched_on, event_id FROM item_search(?, ?)", [VISIBLE, text])
        assert [r[1] for r in rows] == ["SSD-6"], text
    assert query(db, "SELECT matched_on FROM item_search(?, ?)", [VISIBLE, "5612345"]) == [
        ("serial (exact)",)
    ]
    assert (
        dt.date(2024, 3, 10)
        == query(db, "SELECT event_date FROM item_search(?, ?)", [VISIBLE, "56-1"])[0][0]
    )


def map_features(at) -> list[int]:
    """Features (shapes, grid cells, markers) of each map a page draws in the browser: the shapes
    each choropleth trace fills (whether sent inline or as the URL of the shapes file), the
    markers of each marker trace; not the admin-1 areas and towns drawn with them."""
    counts = []
    for chart in at.get("plotly_chart"):
        figure = json.loads(chart.proto.spec)
        traces = [
            t
            for t in figure["data"]
            if t["type"] in ("choropleth", "scattergeo", "choroplethmap", "scattermap")
            and t.get("meta") != "places"
        ]
        if traces:
            counts.append(
                sum(
                    len(t.get("locations", [])) if "geojson" in t else len(t.get("lat", []))
                    for t in traces
                )
            )
    return counts


def test_maps_send_at_most_the_feature_limit(demo_warehouse, monkeypatch):
    """The Hotspots grid counts country shapes and emerging-hotspot markers against the limit
    (here lowered below what the demo set would draw), Item search draws at most 500 sightings."""
    from streamlit.testing.v1 import AppTest

    from dashboard import queries
    from embargo.config import DASHBOARD_APP

    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    monkeypatch.setattr(queries, "MAP_FEATURE_LIMIT", 200)
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.run()
    at.switch_page("screens/hotspots.py")
    at.run()
    at.select_slider[0].set_value(0.1).run()
    next(r for r in at.radio if r.label == "Map").set_value("Grid").run()
    assert not at.exception
    [grid] = map_features(at)
    assert grid == 200  # 177 country shapes, the largest cells and any emerging markers
    monkeypatch.setattr(queries, "MAP_FEATURE_LIMIT", 5000)
    next(r for r in at.radio if r.label == "Map").set_value("Countries").run()
    assert map_features(at)[0] <= 5000
    at.switch_page("screens/item_search.py")
    at.run()
    at.text_input[0].input("1").run()
    at.text_input[0].input("SYN").run()
    assert not at.exception
    assert all(count <= 5000 for count in map_features(at))
