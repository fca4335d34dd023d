"""The admin-1 check of seizure records (ingest.kit.admin_areas): an admin1 value that names no
admin-1 area of its country on the maps' layer is a warning (file, row, column, value, closest
names) on standard error, never a reject; the row loads as written."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys

import duckdb
from seizure_files import HEADER

from embargo import geo_layers
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
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "ingest", "--db", str(db), str(path),
         "--output-format", "json"],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    expected = [
        "jmac-admin1.csv row 4, column admin1: 'Haute Koto' is not an admin-1 area of CAF on "
        "the maps (Natural Earth); closest: 'Haute-Kotto', 'Haut-Mbomou', 'Basse-Kotto'",
        "jmac-admin1.csv row 6, column admin1: 'Equatoria West' is not an admin-1 area of SSD "
        "on the maps (Natural Earth); closest: 'Western Equatoria', 'Eastern Equatoria', "
        "'Central Equatoria'",
    ]
    (record,) = json.loads(result.stdout)
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
