"""The admin-1 check of seizure records (ingest.kit.admin_areas): an admin1 value that names no
admin-1 area of its country on the maps' layer is a warning (file, row, column, value, closest
names) on standard error, never a reject; the row loads as written."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
from seizure_files import HEADER

from embargo import geo_layers
from embargo.config import SQL_DIR
from ingest.kit.admin_areas import folded, unknown_admin1_message


def write_file(path, rows: list[tuple[str, str, str]]) -> None:
    """One one-rifle event per (event id, country, admin1) row."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "admin1"])
        for number, (event, country, admin1) in enumerate(rows):
            writer.writerow(
                [
                    event, "2024-03-05", "day", country, "Somewhere", "", "", "", "seizure",
                    "non_state_armed_group", "JMAC TEST", "weapon", "assault_rifle", "Izhmash",
                    "AKM", "7.62 x 39 mm", f"ADM{number:03d}", "RUS", "1975", "1", "items",
                    "restricted", admin1,
                ]
            )  # fmt: skip


def test_the_layer_knows_the_prefectures_of_the_central_african_republic():
    assert geo_layers.admin1_names("CAF") == (
        "Bamingui-Bangoran", "Bangui", "Basse-Kotto", "Haut-Mbomou", "Haute-Kotto", "Kémo",
        "Lobaye", "Mambéré-Kadéï", "Mbomou", "Nana-Grébizi", "Nana-Mambéré", "Ombella-M'Poko",
        "Ouaka", "Ouham", "Ouham-Pendé", "Sangha-Mbaéré", "Vakaga",
    )  # fmt: skip
    # South Sudan is SSD in the admin-1 layer, SDS in Natural Earth's country codes.
    assert len(geo_layers.admin1_names("SSD")) == 10
    assert folded("Ombella M'Poko") == folded("ombella-mpoko") == "ombellampoko"


def test_a_name_the_layer_does_not_know_is_a_warning_with_the_closest_names():
    assert unknown_admin1_message("f.csv", 2, "CAF", "OUHAM PENDE") is None
    assert unknown_admin1_message("f.csv", 2, "BRA", "Anywhere") is None  # no layer: no check
    assert unknown_admin1_message("f.csv", 7, "CAF", "Haute Koto") == (
        "f.csv row 7, column admin1: 'Haute Koto' is not an admin-1 area of CAF on the maps "
        "(Natural Earth); closest: 'Haute-Kotto', 'Haut-Mbomou', 'Basse-Kotto'"
    )
    assert unknown_admin1_message("f.csv", 9, "CAF", "Zzzz") == (
        "f.csv row 9, column admin1: 'Zzzz' is not an admin-1 area of CAF on the maps "
        "(Natural Earth); closest: none close"
    )


def ingest_command(db: Path, path: Path) -> dict:
    """`embargo ingest` of one file as a user runs it: the load's record (JSON)."""
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "ingest", "--db", str(db), str(path),
         "--output-format", "json"],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    return record


def test_ingest_warns_on_standard_error_and_loads_every_row(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    path = tmp_path / "jmac-admin1.csv"
    write_file(
        path,
        [
            ("A1", "CAF", "Ouaka"),
            ("A2", "CAF", "ouham-pende"),
            ("A3", "CAF", "Haute Koto"),
            ("A4", "SSD", "Western Equatoria"),
            ("A5", "SSD", "Equatoria West"),
            ("A6", "BRA", "Amazonas"),
        ],
    )
    record = ingest_command(db, path)
    expected = [
        "jmac-admin1.csv row 4, column admin1: 'Haute Koto' is not an admin-1 area of CAF on "
        "the maps (Natural Earth); closest: 'Haute-Kotto', 'Haut-Mbomou', 'Basse-Kotto'",
        "jmac-admin1.csv row 6, column admin1: 'Equatoria West' is not an admin-1 area of SSD "
        "on the maps (Natural Earth); closest: 'Western Equatoria', 'Eastern Equatoria', "
        "'Central Equatoria'",
    ]
    assert (record["rows_read"], record["rows_loaded"], record["rows_rejected"]) == (6, 6, 0)
    assert record["warnings"] == expected
    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute(
            "SELECT event_id, admin1 FROM seizure_events WHERE file_name = ? ORDER BY event_id",
            [path.name],
        ).fetchall()
    assert stored == [
        ("A1", "Ouaka"), ("A2", "ouham-pende"), ("A3", "Haute Koto"),
        ("A4", "Western Equatoria"), ("A5", "Equatoria West"), ("A6", "Amazonas"),
    ]  # fmt: skip


def test_common_spellings_and_codes_name_their_area(warehouse, tmp_path):
    """North Kivu, West Darfur, Nineveh: the common English names of data/reference/
    admin1_aliases.csv, and the layer's ISO 3166-2 codes, find the layer's area without a
    warning; a spelling neither knows stays as written and is warned about."""
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    path = tmp_path / "panel-admin1.csv"
    write_file(
        path,
        [
            ("B1", "COD", "North Kivu"),
            ("B2", "COD", "south-kivu"),
            ("B3", "COD", "CD-HU"),
            ("B4", "SDN", "West Darfur"),
            ("B5", "IRQ", "Nineveh"),
            ("B6", "LBY", "Tripoli"),
            ("B7", "COD", "Kivu du Nord"),
        ],
    )
    record = ingest_command(db, path)
    assert (record["rows_loaded"], record["rows_rejected"]) == (7, 0)
    assert record["warnings"] == [
        "panel-admin1.csv row 8, column admin1: 'Kivu du Nord' is not an admin-1 area of COD on "
        "the maps (Natural Earth); closest: none close"
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        placed = con.execute(
            "SELECT e.event_id, p.admin1_area, p.admin1_on_layer FROM seizure_event_places AS p "
            "JOIN seizure_events AS e USING (event_uid) WHERE e.file_name = ? ORDER BY 1",
            [path.name],
        ).fetchall()
    assert placed == [
        ("B1", "Nord-Kivu", True), ("B2", "Sud-Kivu", True), ("B3", "Haut-Uele", True),
        ("B4", "Western Darfur", True), ("B5", "Ninawa", True), ("B6", "Ţarābulus", True),
        ("B7", "Kivu du Nord", False),
    ]  # fmt: skip


def test_every_alias_names_an_area_of_the_layer(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    check = (SQL_DIR / "checks" / "admin1_aliases_on_layer.sql").read_text()
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT count(*) FROM admin1_aliases").fetchone() == (76,)
        assert con.execute(
            "SELECT alias, area_name FROM admin1_aliases WHERE country_iso3 = 'COD' ORDER BY 1 "
            "LIMIT 3"
        ).fetchall() == [
            ("Bas-Congo", "Kongo-Central"),
            ("Central Kasai", "Kasaï-Central"),
            ("East Kasai", "Kasaï-Oriental"),
        ]
        assert con.execute(check).fetchall() == []
        # a row naming an area the layer lacks (Katanga was split in 2015) fails the check
        con.execute("INSERT INTO admin1_aliases VALUES ('COD', 'Katanga', 'Katanga', 'x', 'x')")
        assert con.execute(check).fetchall() == [("COD", "Katanga", "Katanga")]
