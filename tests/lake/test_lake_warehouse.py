"""The shared warehouse on a DuckLake catalog in a real PostgreSQL: the same build as a local file
(same rows, same checksums), loads from several processes at once with nothing lost or loaded
twice, readers that only ever see complete loads, time travel to an earlier snapshot, backup and
restore of the catalog, and a password that never appears in a message."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from embargo.lake import LakeCatalog, LakeConfigurationError, current_snapshot
from embargo.warehouse import (
    connect_read_only,
    connect_writable,
    refresh_derived_tables,
    run_checks,
)
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.inbox import watch

# Tables whose rows must be identical on a local file and on the catalog after the same build.
CORE_TABLES = (
    "countries",
    "embargoes",
    "embargo_changes",
    "transfers",
    "seizure_events",
    "seizure_items",
    "trace_requests",
    "exemptions",
    "transfer_screening_results",
    "panel_findings",
    "sanctioned_parties",
    "sanctioned_party_names",
)


# Provenance that differs from one build to the next by design (a new id for each load).
# A version records when it was loaded and by which load it was superseded: both differ between
# two builds of the same files.
VOLATILE_COLUMNS = ("load_id", "recorded_at", "superseded_at", "superseded_by_load_id")


def table_fingerprints(con, tables=CORE_TABLES) -> dict[str, tuple[int, int | None]]:
    """Row count and an order-independent checksum of every row of each table (all columns but
    the per-build load ids; sums of floating-point numbers to 9 digits, since a parallel sum may
    differ in the last bit from one run to the next)."""
    fingerprints = {}
    for table in tables:
        columns = [
            f'round("{name}", 9)' if data_type in ("DOUBLE", "FLOAT") else f'"{name}"'
            for name, data_type in con.execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE database_name = current_database() AND table_name = ? "
                "ORDER BY column_index",
                [table],
            ).fetchall()
            if name not in VOLATILE_COLUMNS
        ]
        # Table and column names come from the constants above and the catalog.
        fingerprints[table] = con.execute(
            f"SELECT count(*), sum(hash({', '.join(columns)})::HUGEINT) FROM {table}"
        ).fetchone()
    return fingerprints


def embargo_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "embargo.cli", *args],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=300,
    )


def test_demo_build_on_the_catalog_equals_the_local_build(demo_lake, demo_warehouse):
    local_con = connect_read_only(demo_warehouse)
    lake_con = connect_read_only(demo_lake)
    try:
        local_prints = table_fingerprints(local_con)
        assert table_fingerprints(lake_con) == local_prints
        assert local_prints["seizure_items"][0] > 1000
        checks = run_checks(lake_con)
        assert [c.violations for c in checks] == [0] * len(checks)
    finally:
        local_con.close()
        lake_con.close()


def test_a_new_build_replaces_the_catalog_content(lake, seizure_file):
    build_warehouse(lake)
    ingest_files(lake, [seizure_file(1)])
    con = connect_read_only(lake)
    try:
        built = table_fingerprints(con)
        build_warehouse(lake)  # replays the kept raw file
        assert table_fingerprints(con) == built
        assert con.execute("SELECT count(*) FROM seizure_events").fetchone() == (3,)
    finally:
        con.close()


SEIZURE_DERIVED_TABLES = (
    "seizure_item_facts_stored",
    "seizure_event_category_counts",
    "fresh_supply_counts",
    "seizure_item_search_keys",
    "seizure_repeated_sightings",
    "seizure_weapon_trace_counts",
    "seizure_event_places",
)


def test_a_small_load_recomputes_its_events_on_the_catalog(lake, seizure_file):
    """1 new event against 12 stored: its rows of the per-event derived tables, the rows of its
    country in the per-group ones and the load's row of the per-load one are written in the
    load's snapshot, with the result a full recompute gives."""
    build_warehouse(lake)
    elsewhere = seizure_file(3, events=2)
    elsewhere.write_text(elsewhere.read_text().replace(",MLI,Gao,", ",SSD,Juba,"))
    ingest_files(lake, [seizure_file(1, events=10), elsewhere])
    con = connect_writable(lake)
    try:
        before = current_snapshot(con).snapshot_id
        [report] = ingest_files(lake, [seizure_file(2, events=1)])
        assert report.status == "loaded"
        after = current_snapshot(con).snapshot_id
        # The load inserted the new event's rows and deleted none of the ten others.
        for per_event in ("seizure_item_facts_stored", "seizure_event_places"):
            assert con.execute(
                "SELECT change_type, count(*) FROM ducklake_table_changes("
                "'lake', 'main', ?, ?, ?) GROUP BY ALL",
                [per_event, before + 1, after],
            ).fetchall() == [("insert", 1)]
        # The load's classification was added; no other load's was written again.
        assert con.execute(
            "SELECT change_type, count(*) FROM ducklake_table_changes("
            "'lake', 'main', 'load_classification_stored', ?, ?) GROUP BY ALL",
            [before + 1, after],
        ).fetchall() == [("insert", 1)]
        # The items counted under the South Sudan embargo were not written again: the load
        # touched Mali's group only (empty: no UN arms embargo).
        assert con.execute(
            "SELECT country_iso3, sum(item_lines) FROM fresh_supply_counts GROUP BY ALL"
        ).fetchall() == [("SSD", 2)]
        assert con.execute(
            "SELECT count(*) FROM ducklake_table_changes("
            "'lake', 'main', 'fresh_supply_counts', ?, ?)",
            [before + 1, after],
        ).fetchone() == (0,)
        assert con.execute(
            "SELECT count(*), count(DISTINCT event_uid) FROM seizure_item_facts_stored"
        ).fetchone() == (13, 13)
        assert con.execute(
            "SELECT event_uid, item_lines FROM seizure_event_category_counts "
            "WHERE event_uid LIKE '%F2-%'"
        ).fetchall() == [("JMAC MINUSMA:F2-E0", 1)]
        recomputed = (*SEIZURE_DERIVED_TABLES, "load_classification_stored")
        per_event = table_fingerprints(con, recomputed)
        refresh_derived_tables(con)
        assert table_fingerprints(con, recomputed) == per_event
    finally:
        con.close()


def test_a_watcher_loads_dropped_files_into_the_catalog(lake, tmp_path, seizure_file):
    build_warehouse(lake)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    reports, failures, stop = [], [], threading.Event()
    watcher = threading.Thread(
        target=watch, args=(lake, inbox, reports.append, failures.append, stop, 0.1)
    )
    watcher.start()
    try:
        for number in (1, 2):
            shutil.copy(seizure_file(number), inbox)
        deadline = time.monotonic() + 60
        while len(reports) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        watcher.join(timeout=60)
    assert failures == []
    assert [(r.path.name, r.status, r.rows_loaded) for r in reports] == [
        ("jmac-01.csv", "loaded", 3),
        ("jmac-02.csv", "loaded", 3),
    ]
    con = connect_read_only(lake)
    try:
        assert con.execute("SELECT count(*) FROM seizure_item_facts_stored").fetchone() == (6,)
    finally:
        con.close()


def test_catalog_init_from_the_command_line(lake, postgres):
    result = embargo_cli(
        "catalog", "init", "--catalog", lake.catalog, "--lake-data", lake.data_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("checks passed")
    assert Path(lake.data_path).is_dir()
    con = connect_read_only(LakeCatalog(lake.catalog))  # the data path is kept by the catalog
    try:
        assert con.execute("SELECT count(*) FROM embargoes").fetchone() == (43,)
        assert con.execute("SELECT version FROM warehouse_version").fetchone() == (1,)
    finally:
        con.close()


def test_two_ingest_processes_at_once_lose_nothing(lake, tmp_path, seizure_file):
    build_warehouse(lake)
    files = [seizure_file(number) for number in range(8)]
    env = dict(os.environ, EMBARGO_CATALOG=lake.catalog, EMBARGO_LAKE_DATA=lake.data_path)
    # Both writers load four files of their own and the same shared file.
    shared = files[0]
    batches = [[shared, *files[1:5]], [shared, *files[5:8], files[4]]]
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "embargo.cli", "ingest", *map(str, batch)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch in batches
    ]
    outputs = [writer.communicate(timeout=300) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], outputs

    con = connect_read_only(lake)
    try:
        assert con.execute(
            "SELECT count(*), count(DISTINCT file_sha256) FROM load_log "
            "WHERE file_format = 'seizures'"
        ).fetchone() == (8, 8)
        assert con.execute("SELECT count(*) FROM seizure_events").fetchone() == (24,)
        assert con.execute("SELECT count(*), sum(quantity) FROM seizure_items").fetchone() == (
            24,
            24,
        )
        # Every load is whole: each file's three events belong to its one load.
        per_load = con.execute(
            "SELECT count(*) FROM seizure_events GROUP BY load_id ORDER BY 1"
        ).fetchall()
        assert per_load == [(3,)] * 8
        # Each writer skipped what the other had loaded first: 8 loads in 10 attempts.
        already = sum(out.count("same bytes already loaded") for out, _ in outputs)
        assert already == 2
    finally:
        con.close()


def test_a_reader_during_loads_sees_only_complete_loads(lake, tmp_path, seizure_file):
    build_warehouse(lake)
    files = [seizure_file(number, events=5) for number in range(6)]
    reader = connect_read_only(lake)
    seen: list[tuple[int, int, int]] = []
    stop = threading.Event()

    def observe() -> tuple[int, int, int]:
        cursor = reader.cursor()
        cursor.execute("USE lake")
        return cursor.execute(
            "SELECT (SELECT count(*) FROM load_log WHERE file_format = 'seizures'), "
            "(SELECT count(*) FROM seizure_events), "
            "(SELECT count(*) FROM seizure_item_facts_stored)"
        ).fetchone()

    def watch() -> None:
        while not stop.is_set():
            seen.append(observe())

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        reports = ingest_files(lake, files)
    finally:
        stop.set()
        watcher.join()
    # The watcher's last read may have begun before the last load committed: read once more.
    try:
        seen.append(observe())
    finally:
        reader.close()
    assert [report.status for report in reports] == ["loaded"] * 6
    assert seen, "the reader ran during the loads"
    # Each load's rows and the stored facts derived from them arrive together.
    assert all(events == facts == loads * 5 for loads, events, facts in seen), sorted(set(seen))
    assert seen[-1] == (6, 30, 30)


def test_time_travel_returns_the_earlier_state(lake, tmp_path, seizure_file):
    build_warehouse(lake)
    con = connect_writable(lake)
    before = current_snapshot(con).snapshot_id
    con.close()
    ingest_files(lake, [seizure_file(1), seizure_file(2)])

    env = dict(os.environ, EMBARGO_CATALOG=lake.catalog)
    query = "SELECT count(*) AS events FROM seizure_events"
    now = embargo_cli("sql", query, env=env)
    then = embargo_cli("sql", query, "--as-of", str(before), env=env)
    assert (now.returncode, now.stdout) == (0, "events\n6\n"), now.stderr
    assert (then.returncode, then.stdout) == (0, "events\n0\n"), then.stderr
    old = connect_read_only(replace(lake, snapshot_version=before))
    try:
        assert old.execute(
            "SELECT count(*) FROM load_log WHERE file_format = 'seizures'"
        ).fetchone() == (0,)
    finally:
        old.close()


def test_backup_and_restore_of_the_catalog(lake, postgres, tmp_path, seizure_file):
    build_warehouse(lake)
    ingest_files(lake, [seizure_file(1)])
    database = lake.catalog.split("dbname=")[1].split()[0]
    dump = tmp_path / "catalog.dump"
    postgres.tool("pg_dump", "-Fc", "-f", str(dump), database)
    con = connect_read_only(lake)
    expected = table_fingerprints(con)
    con.close()

    restored = f"{database}_restored"
    postgres.psql(f"CREATE DATABASE {restored} OWNER {postgres.role}")
    postgres.tool("pg_restore", "--no-owner", "-d", restored, str(dump))
    # The Parquet files are never rewritten in place: the data folder is backed up as files and
    # the restored catalog reads the same folder.
    copy = connect_read_only(LakeCatalog(postgres.catalog(restored)))
    try:
        assert table_fingerprints(copy) == expected
        assert copy.execute("SELECT count(*) FROM seizure_events").fetchone() == (3,)
    finally:
        copy.close()


def test_a_password_in_the_catalog_setting_is_refused_without_echo():
    with pytest.raises(LakeConfigurationError) as error:
        LakeCatalog("ducklake:postgres:dbname=embargo host=127.0.0.1 password=hunter2 user=x")
    assert "hunter2" not in str(error.value)
    assert "PGPASSWORD" in str(error.value)
    result = embargo_cli(
        "check", "--catalog", "ducklake:postgres:dbname=e host=127.0.0.1 password=hunter2"
    )
    assert result.returncode == 2
    assert "hunter2" not in result.stdout + result.stderr
    assert "must not contain a password" in result.stderr


def test_a_wrong_password_fails_clearly_without_echo(lake):
    env = dict(os.environ, PGPASSWORD="wrong-password-42", EMBARGO_CATALOG=lake.catalog)
    result = embargo_cli("check", env=env)
    assert result.returncode == 2
    assert "wrong-password-42" not in result.stdout + result.stderr
    assert result.stderr.startswith("embargo: cannot open DuckLake catalog postgres:dbname=")


def test_the_shared_sanctions_list_and_ucdp_events_load_into_the_catalog(lake, shared_dir):
    build_warehouse(lake)
    sanctions = next((shared_dir / "data" / "un_sc_sanctions").glob("*.xml"))
    ucdp = next((shared_dir / "data" / "conflict" / "ucdp_ged_car").glob("*.geojson"))
    reports = ingest_files(lake, [sanctions, ucdp])
    assert [(r.status, r.rows_rejected) for r in reports] == [("loaded", 0), ("loaded", 0)]
    con = connect_read_only(lake)
    try:
        assert con.execute(
            "SELECT party_type, count(*) FROM sanctioned_parties GROUP BY 1 ORDER BY 1"
        ).fetchall() == [("entity", 273), ("individual", 727)]
        assert con.execute("SELECT count(*) FROM conflict_events").fetchone() == (1848,)
    finally:
        con.close()
