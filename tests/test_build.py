"""Building the warehouse: every reference row loaded and logged, the checks pass, a failed build
leaves the previous warehouse untouched, and rebuilding gives the same contents."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import embargo.warehouse
import embargo.warehouse.schema
from embargo.warehouse import connect_read_only
from ingest.build import BuildFailed, build_warehouse

LOADED_ROWS = [
    ("countries", "countries.csv", 260, 260, 0),
    ("country_aliases", "country_aliases.csv", 622, 622, 0),
    ("embargoes", "embargoes.csv", 43, 43, 0),
    ("embargo_changes", "embargo_changes.csv", 199, 199, 0),
    ("embargo_coverage", "embargo_coverage.csv", 115, 115, 0),
    ("embargo_target_countries", "embargo_target_countries.csv", 50, 50, 0),
    ("un_sanctions_regimes", "un_sanctions_regimes.csv", 33, 33, 0),
    ("un_sanctions_regime_periods", "un_sanctions_regime_periods.csv", 53, 53, 0),
    ("register_coverage", "register_coverage.csv", 3, 3, 0),
    ("att_states_parties", "att_states_parties.csv", 84, 84, 0),
    ("admin1_aliases", "admin1_aliases.csv", 76, 76, 0),
    ("state_existence", "state_existence.csv", 29, 29, 0),
    ("un_list_types", "un_list_types.csv", 16, 16, 0),
    ("country_shapes", "country_shapes.geojson", 177, 177, 0),
]


def test_every_reference_file_is_logged_with_exact_counts(con):
    logged = con.execute(
        "SELECT target_table, file_name, rows_read, rows_loaded, rows_rejected FROM load_log "
        "ORDER BY started_at"
    ).fetchall()
    assert logged == LOADED_ROWS
    for table, _, _, loaded, _ in LOADED_ROWS:
        # the table name comes from the list above, not from input
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (loaded,)


def test_every_row_traces_to_its_load(con):
    orphans = con.execute(
        "SELECT count(*) FROM embargoes WHERE load_id NOT IN (SELECT load_id FROM load_log)"
    ).fetchone()
    assert orphans == (0,)
    sha = con.execute(
        "SELECT file_sha256 FROM load_log WHERE file_name = 'embargoes.csv'"
    ).fetchone()[0]
    assert len(sha) == 64 and int(sha, 16) >= 0


def test_tables_and_columns_are_described_in_the_database(con):
    undescribed = con.execute(
        "SELECT object_name, column_name FROM column_descriptions "
        "WHERE object_type = 'table' AND (column_comment IS NULL OR object_comment IS NULL)"
    ).fetchall()
    assert undescribed == []
    assert con.execute(
        "SELECT column_comment FROM column_descriptions "
        "WHERE object_name = 'embargoes' AND column_name = 'end_date'"
    ).fetchone() == (
        "First day the embargo no longer applied; empty while in force or when no end date "
        "could be verified.",
    )


def test_all_checks_pass_on_a_fresh_build(con):
    results = embargo.warehouse.run_checks(con)
    assert [check.name for check in results if not check.passed] == []
    assert len(results) == 21


def test_failed_build_leaves_previous_warehouse_untouched(tmp_path, monkeypatch, warehouse):
    target = tmp_path / "w.duckdb"
    shutil.copy(warehouse, target)
    before = target.read_bytes()
    sql_copy = tmp_path / "sql"
    shutil.copytree(embargo.warehouse.schema.SQL_DIR, sql_copy)
    (sql_copy / "checks" / "always_fails.sql").write_text(
        "-- A rule no warehouse meets.\nSELECT 1 AS offending_row;\n", encoding="utf-8"
    )
    monkeypatch.setattr(embargo.warehouse.schema, "SQL_DIR", sql_copy)
    with pytest.raises(BuildFailed) as failure:
        build_warehouse(target)
    assert [check.name for check in failure.value.failed] == ["always_fails"]
    assert target.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["sql", "w.duckdb", "w.duckdb.lock"]


def test_rebuild_replaces_the_file_with_identical_contents(tmp_path):
    path = tmp_path / "w.duckdb"
    build_warehouse(path)
    first = _contents(path)
    build_warehouse(path)
    assert _contents(path) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]


def _contents(path: Path) -> dict[str, list[tuple]]:
    con = connect_read_only(path)
    try:
        return {
            table: con.execute(f"SELECT * EXCLUDE (load_id) FROM {table} ORDER BY ALL").fetchall()
            for table, *_ in LOADED_ROWS
        }
    finally:
        con.close()


def test_country_neighbours_derived_from_shapes(con):
    def neighbours(code: str) -> list[str]:
        return [
            row[0]
            for row in con.execute(
                "SELECT neighbour_iso3 FROM country_neighbours WHERE country_iso3 = ? ORDER BY 1",
                [code],
            ).fetchall()
        ]

    assert neighbours("CAF") == ["CMR", "COD", "COG", "SDN", "SSD", "TCD"]
    assert neighbours("SOM") == ["DJI", "ETH", "KEN"]
    assert neighbours("GBR") == ["IRL"]
    assert con.execute(
        "SELECT count(*) FROM country_neighbours AS a JOIN country_neighbours AS b "
        "ON a.country_iso3 = b.neighbour_iso3 AND a.neighbour_iso3 = b.country_iso3"
    ).fetchone() == (624,)
