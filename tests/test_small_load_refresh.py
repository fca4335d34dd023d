"""A small seizures load recomputes the derived seizure tables for the events it touched only:
an event's place, its item facts and counts are written for those events, the rows of the other
events stay where they were, and the result is what a full recomputation gives."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from seizure_files import HEADER, write_seizure_file

from embargo.warehouse import connect_writable, refresh_derived_tables, warehouse_table_names
from ingest.files import ingest_files

BOOKKEEPING = {"warehouse_version", "table_versions"}


def checksums(con) -> dict[str, tuple[int, int]]:
    return {
        table: con.execute("FROM table_checksum(?)", [table]).fetchone()[1:]
        for table in sorted(warehouse_table_names())
        if table not in BOOKKEEPING
    }


@pytest.fixture
def db(warehouse: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


def write_rows(path: Path, rows: list[list[str]], extra: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, *extra])
        writer.writerows(rows)
    return path


def rifle(
    event_id: str,
    iso3: str,
    place: str,
    lat: str,
    lon: str,
    serial: str,
    made: str = "1975",
    classification: str = "restricted",
) -> list[str]:
    return [
        event_id, "2024-03-05", "day", iso3, place, lat, lon, "exact", "seizure",
        "non_state_armed_group", "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash", "AKM",
        "7.62 x 39 mm", serial, "RUS", made, "1", "items", classification,
    ]  # fmt: skip


def test_a_small_load_places_only_its_events(db: Path, tmp_path: Path):
    """The places of the events a load touched are computed again (a new event in Sudan; an
    event of the first file whose empty admin-1 area the second file fills in), after the other
    events' places, which stay as they were."""
    assert ingest_files(db, [write_seizure_file(tmp_path, 1, events=10)])[0].status == "loaded"
    second = write_rows(
        tmp_path / "jmac-02.csv",
        [
            [*rifle("F1-E2", "MLI", "Gao", "16.27", "-0.04", "S01902"), "Gao"],
            [*rifle("F2-E0", "SDN", "El Fasher", "13.63", "25.35", "S02000"), "North Darfur"],
        ],
        ["admin1"],
    )
    report = ingest_files(db, [second])[0]
    assert (report.status, report.rows_loaded) == ("loaded", 2)
    con = connect_writable(db)
    try:
        assert con.execute(
            "SELECT event_uid, admin1, admin1_area, admin1_on_layer, location_name, located, "
            "nearest_place, nearest_place_fr, nearest_place_km "
            "FROM seizure_event_places ORDER BY rowid"
        ).fetchall() == [
            *(
                (f"JMAC MINUSMA:F1-E{event}", None, None, False, "Gao", True, "Gao", "Gao", 1.1)
                for event in (0, 1, 3, 4, 5, 6, 7, 8, 9)
            ),
            ("JMAC MINUSMA:F1-E2", "Gao", "Gao", True, "Gao", True, "Gao", "Gao", 1.1),
            (
                "JMAC MINUSMA:F2-E0", "North Darfur", "North Darfur", True, "El Fasher", True,
                "El Fasher", "El Fasher", 0.0,
            ),
        ]  # fmt: skip
        before = checksums(con)
        refresh_derived_tables(con)
        assert checksums(con) == before
    finally:
        con.close()


def test_a_load_of_new_events_adds_its_counts_to_the_stored_ones(db: Path, tmp_path: Path):
    """Fresh supply, search keys and traced weapons: the counts of a load's new events are added
    to the stored counts of their groups (a group of its own when none was stored)."""
    bangui = ("CAF", "Bangui", "4.36", "18.56")
    first = write_rows(
        tmp_path / "jmac-01.csv",
        [
            [*rifle(f"F1-E{n}", *bangui, f"S01{n:03d}", made=str(2008 + n)), "Crossed Arrows"]
            for n in range(10)
        ],
        ["markings"],
    )
    assert ingest_files(db, [first])[0].status == "loaded"
    second = write_rows(
        tmp_path / "jmac-02.csv",
        [
            [*rifle("F2-E0", *bangui, "S02000", made="2021"), "CROSSED ARROWS"],
            [*rifle("F2-E1", *bangui, "S02001", made="2022", classification="confidential"), ""],
        ],
        ["markings"],
    )
    report = ingest_files(db, [second])[0]
    assert (report.status, report.rows_loaded) == ("loaded", 2)
    con = connect_writable(db)
    try:
        # The CAR embargo began in 2013: the rifles made 2014 to 2017 of the first file and
        # the two of the second are fresh supply; the one made 2021 joins a stored group.
        assert con.execute(
            "SELECT classification, country_iso3, event_year, made_after_embargo_start, "
            "item_lines, latest_manufacture_year FROM fresh_supply_counts ORDER BY ALL"
        ).fetchall() == [
            ("confidential", "CAF", 2024, True, 1, 2022),
            ("restricted", "CAF", 2024, False, 6, 2013),
            ("restricted", "CAF", 2024, True, 5, 2021),
        ]
        assert con.execute(
            "SELECT classification, key_kind, search_key, item_lines "
            "FROM seizure_item_search_keys ORDER BY ALL"
        ).fetchall() == [("restricted", "marking", "crossed arrows", 11)]
        assert con.execute(
            "SELECT classification, country_iso3, event_year, traced_in, weapon_lines, weapons "
            "FROM seizure_weapon_trace_counts ORDER BY ALL"
        ).fetchall() == [
            ("confidential", "CAF", 2024, [], 1, 1),
            ("restricted", "CAF", 2024, [], 11, 11),
        ]
        before = checksums(con)
        refresh_derived_tables(con)
        assert checksums(con) == before
    finally:
        con.close()


def test_a_load_that_links_a_trace_request_counts_the_traced_weapons_again(
    db: Path, tmp_path: Path
):
    """A trace request naming an event not yet documented counts every line of its serial as
    traced; the load that documents the event links the request to it, which takes the trace
    away from the line elsewhere: the stored counts are not added to but recomputed."""
    traces = tmp_path / "traces.csv"
    traces.write_text(
        "trace_id,event_id,serial_number,requesting_entity,addressed_to,date_sent,"
        "date_response,status,last_legal_recipient_iso3,last_legal_recipient_entity,"
        "transfer_year,diversion_point,transfer_ref,notes,classification\n"
        "T-1,F2-E0,S77777,Panel of Experts,Russia,2024-04-01,2024-06-15,responded,UKR,"
        "Ministry of Defence,1992,,,,restricted\n",
        encoding="utf-8",
    )
    assert ingest_files(db, [traces])[0].status == "loaded"
    first = write_rows(
        tmp_path / "jmac-01.csv",
        [
            rifle(f"F1-E{n}", "MLI", "Gao", "16.27", "-0.04", "S77777" if n == 3 else f"S01{n:03d}")
            for n in range(10)
        ],
        [],
    )
    assert ingest_files(db, [first])[0].status == "loaded"
    con = connect_writable(db)
    try:
        assert con.execute(
            "SELECT traced_in, weapon_lines FROM seizure_weapon_trace_counts ORDER BY ALL"
        ).fetchall() == [([], 9), (["restricted"], 1)]
    finally:
        con.close()
    second = write_rows(
        tmp_path / "jmac-02.csv", [rifle("F2-E0", "MLI", "Gao", "16.27", "-0.04", "S77777")], []
    )
    assert ingest_files(db, [second])[0].status == "loaded"
    con = connect_writable(db)
    try:
        assert con.execute(
            "SELECT event_uid FROM trace_requests WHERE trace_id = 'T-1'"
        ).fetchall() == [("JMAC MINUSMA:F2-E0",)]
        # The line of F1-E3 is no longer traced; the new line of F2-E0 is.
        assert con.execute(
            "SELECT traced_in, weapon_lines FROM seizure_weapon_trace_counts ORDER BY ALL"
        ).fetchall() == [([], 10), (["restricted"], 1)]
        before = checksums(con)
        refresh_derived_tables(con)
        assert checksums(con) == before
    finally:
        con.close()


def test_a_traces_file_loaded_with_new_events_counts_the_traced_weapons_again(
    db: Path, tmp_path: Path
):
    """A traces file and a seizures file of new events loaded together (one refresh for both):
    the new answered request traces a stored line, so the stored counts are recomputed, not
    added to."""
    first = write_rows(
        tmp_path / "jmac-01.csv",
        [rifle(f"F1-E{n}", "MLI", "Gao", "16.27", "-0.04", f"S01{n:03d}") for n in range(10)],
        [],
    )
    assert ingest_files(db, [first])[0].status == "loaded"
    traces = tmp_path / "traces.csv"
    traces.write_text(
        "trace_id,event_id,serial_number,requesting_entity,addressed_to,date_sent,"
        "date_response,status,last_legal_recipient_iso3,last_legal_recipient_entity,"
        "transfer_year,diversion_point,transfer_ref,notes,classification\n"
        "T-9,,S01005,Panel of Experts,Russia,2024-04-01,2024-06-15,responded,UKR,"
        "Ministry of Defence,1992,,,,restricted\n",
        encoding="utf-8",
    )
    second = write_rows(
        tmp_path / "jmac-02.csv", [rifle("F2-E0", "MLI", "Gao", "16.27", "-0.04", "S02000")], []
    )
    reports = ingest_files(db, [traces, second])
    assert [report.status for report in reports] == ["loaded", "loaded"]
    con = connect_writable(db)
    try:
        assert con.execute(
            "SELECT traced_in, weapon_lines FROM seizure_weapon_trace_counts ORDER BY ALL"
        ).fetchall() == [([], 10), (["restricted"], 1)]
        before = checksums(con)
        refresh_derived_tables(con)
        assert checksums(con) == before
    finally:
        con.close()


def test_a_load_that_sights_a_stored_item_again_stores_both_sightings(db: Path, tmp_path: Path):
    """Possible double reporting's sightings: a small load whose panel documents a rifle the
    mission documented before stores both sightings of that item (and no other), as a full
    recomputation does."""
    bangui = ("CAF", "Bangui", "4.36", "18.56")
    first = write_rows(
        tmp_path / "jmac-01.csv",
        [rifle(f"F1-E{n}", *bangui, f"S01{n:03d}") for n in range(3)],
        [],
    )
    assert ingest_files(db, [first])[0].status == "loaded"
    con = connect_writable(db)
    try:
        assert con.execute("SELECT count(*) FROM seizure_repeated_sightings").fetchone() == (0,)
    finally:
        con.close()
    panel = rifle("P-E1", *bangui, "S01001")
    panel[10] = "Panel of Experts CAR"
    second = write_rows(tmp_path / "panel-01.csv", [panel], [])
    report = ingest_files(db, [second])[0]
    assert (report.status, report.rows_loaded) == ("loaded", 1)
    con = connect_writable(db)
    try:
        assert con.execute(
            "SELECT serial_number, event_id, reporting_entity FROM seizure_repeated_sightings "
            "ORDER BY ALL"
        ).fetchall() == [
            ("S01001", "F1-E1", "JMAC MINUSMA"),
            ("S01001", "P-E1", "Panel of Experts CAR"),
        ]
        before = checksums(con)
        refresh_derived_tables(con)
        assert checksums(con) == before
    finally:
        con.close()
