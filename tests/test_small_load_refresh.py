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


def rifle(event_id: str, iso3: str, place: str, lat: str, lon: str, serial: str) -> list[str]:
    return [
        event_id, "2024-03-05", "day", iso3, place, lat, lon, "exact", "seizure",
        "non_state_armed_group", "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash", "AKM",
        "7.62 x 39 mm", serial, "RUS", "1975", "1", "items", "restricted",
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
