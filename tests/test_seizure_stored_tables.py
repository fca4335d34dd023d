"""The tables the seizure pages read instead of recomputing views, on a hand-built fixture with
known answers loaded through the real ingest: the distinct search keys Item search matches text
on, and the weapons counted with the classifications of the trace requests that established
their origin (SDG 16.4.2 counts a trace only when the viewer may see it). The refresh of the
derived tables follows the views and macros they read."""

from __future__ import annotations

import shutil

import pytest
from support import query
from test_seizure_analytics import TRACE_HEADER, write_csv

from demo.seizures import SEIZURE_COLUMNS
from embargo.warehouse import derived_tables
from ingest.files import ingest_files

RESTRICTED = ["public", "restricted"]
CONFIDENTIAL = ["public", "restricted", "confidential"]


def item(event_id, item_kind, classification, **marks):
    return {
        "event_id": event_id,
        "event_date": "2024-05-10",
        "date_precision": "day",
        "country_iso3": "SSD",
        "location_name": "Juba",
        "latitude": 4.8594,
        "longitude": 31.5713,
        "location_precision": "exact",
        "context": "seizure",
        "reporting_entity": "Test JMAC",
        "item_kind": item_kind,
        "weapon_category": "assault_rifle" if item_kind == "weapon" else "",
        "calibre": "7.62x39mm",
        "quantity": 1 if item_kind == "weapon" else 100,
        "unit": "items" if item_kind == "weapon" else "rounds",
        "classification": classification,
        **marks,
    }


FACTORY = "Factory 66 in triangle"
LINES = [
    item("E-1", "weapon", "restricted", serial_number="AB-100", markings=FACTORY),
    item("E-1", "weapon", "confidential", serial_number="AB-101", markings=FACTORY),
    item("E-2", "weapon", "restricted", serial_number="XY-66", markings="Arrow mark"),
    item(
        "E-2",
        "ammunition",
        "restricted",
        lot_number="LOT-66A",
        headstamp_factory="17",
        headstamp_year="1992",
    ),
    item("E-3", "ammunition", "restricted", headstamp_factory="66", headstamp_year="2019"),
]
TRACES = [  # AB-100 traced by a confidential request, XY-66 by a restricted one
    ["T-1", "E-1", "AB-100", "Test Panel", "CHN", "2024-06-01", "2024-07-01", "responded",
     "UGA", "", "2020", "", "", "", "confidential"],
    ["T-2", "E-2", "XY 66", "Test Panel", "CHN", "2024-06-01", "2024-07-01", "partial",
     "", "", "", "army stockpile", "", "", "restricted"],
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("seizure_stored_tables")
    path = folder / "w.duckdb"
    shutil.copy(warehouse, path)
    write_csv(folder / "seizures.csv", SEIZURE_COLUMNS, LINES)
    write_csv(folder / "traces.csv", [*TRACE_HEADER, "classification"], TRACES)
    reports = ingest_files(path, [folder / "seizures.csv", folder / "traces.csv"])
    assert [(r.format, r.rows_loaded, r.rows_rejected) for r in reports] == [
        ("seizures", 5, 0),
        ("traces", 2, 0),
    ], reports
    return path


# E-1 holds a restricted and a confidential line, so the event is confidential; an item fact
# shows its event, and takes the more sensitive of the two levels: AB-100's facts are
# confidential although its line is restricted (a restricted viewer does not see it at all).


def test_search_keys_are_the_distinct_texts_per_classification(db):
    assert query(db, "SELECT * FROM seizure_item_search_keys") == [
        ("confidential", "marking", "factory 66 in triangle", 2),  # AB-100 and AB-101 (E-1)
        ("restricted", "headstamp", "17 1992", 1),
        ("restricted", "headstamp", "66 2019", 1),
        ("restricted", "lot number", "lot-66a", 1),
        ("restricted", "marking", "arrow mark", 1),
    ]


def test_item_search_ranks_serial_marking_lot_and_headstamp_matches(db):
    sql = "SELECT matched_on, serial_normalized, lot_number, headstamp_year FROM item_search(?, ?)"
    # AB-100 is on the confidential event E-1: not found by a restricted viewer
    assert query(db, sql, [RESTRICTED, "66"]) == [
        ("serial (part)", "XY66", None, None),
        ("lot number", None, "LOT-66A", 1992),
        ("headstamp", None, None, 2019),
    ]
    # the rifles of the confidential event appear only to a viewer cleared for it
    assert [r[:2] for r in query(db, sql, [CONFIDENTIAL, "66"])][:3] == [
        ("serial (part)", "XY66"),
        ("marking", "AB100"),
        ("marking", "AB101"),
    ]
    assert query(db, sql, [CONFIDENTIAL, "ab-10"]) == [
        ("serial (prefix)", "AB100", None, None),
        ("serial (prefix)", "AB101", None, None),
    ]
    assert query(db, sql, [CONFIDENTIAL, " Factory 66 "]) == [
        ("marking", "AB100", None, None),
        ("marking", "AB101", None, None),
    ]
    assert query(db, sql, [RESTRICTED, " Factory 66 "]) == []
    assert query(db, sql, [RESTRICTED, "-"]) == []


def test_item_search_keeps_only_the_best_max_rows(db):
    rows = query(
        db,
        "SELECT matched_on, serial_normalized FROM item_search(?, ?, max_rows := 2)",
        [RESTRICTED, "66"],
    )
    # AB-100's marking is on the confidential event E-1: the lot number comes second
    assert rows == [("serial (part)", "XY66"), ("lot number", None)]


def test_weapons_are_counted_with_the_classifications_of_their_tracing(db):
    # AB-100 (traced by the confidential T-1) counts at its event's level, confidential
    assert query(db, "SELECT * FROM seizure_weapon_trace_counts") == [
        ("confidential", "SSD", 2024, [], 1, 1.0),
        ("confidential", "SSD", 2024, ["confidential"], 1, 1.0),
        ("restricted", "SSD", 2024, ["restricted"], 1, 1.0),
    ]


def test_sdg_16_4_2_counts_only_the_traces_the_viewer_may_see(db):
    sql = "SELECT country_iso3, year, numerator, denominator, proportion FROM sdg_16_4_2(?)"
    # AB-100 is on the confidential event E-1 and its trace is confidential: a restricted viewer
    # counts only XY-66 and its restricted trace
    assert query(db, sql, [RESTRICTED]) == [("SSD", 2024, 1.0, 1.0, 1.0)]
    assert query(db, sql, [CONFIDENTIAL]) == [("SSD", 2024, 2.0, 3.0, 0.6667)]


def test_derived_tables_are_refreshed_after_the_tables_their_views_read():
    order = [table for table, _ in derived_tables()]
    first = order.index("seizure_item_facts_stored")
    # fresh_supply_counts reads the view fresh_supply_items, which reads the stored facts
    for later in (
        "fresh_supply_counts",
        "seizure_event_category_counts",
        "seizure_item_search_keys",
        "seizure_repeated_sightings",
        "seizure_weapon_trace_counts",
    ):
        assert order.index(later) > first, later
