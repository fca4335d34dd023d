"""Which tables a load changes: each format's TABLES_WRITTEN names every table its load changes,
only the derived tables reading them are recomputed (with the same result as recomputing all),
and table_versions gives exactly the changed tables a new change id."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest
from seizure_files import HEADER, write_seizure_file

from embargo.warehouse import (
    connect_writable,
    derived_tables,
    derived_tables_reading,
    refresh_derived_tables,
    tables_read,
    warehouse_table_names,
)
from ingest.files import ingest_files, ingest_into
from ingest.formats import LOAD_RECORD_TABLES, format_module

FIXTURES = Path(__file__).parent / "fixtures" / "fuzz"
# Traces before seizures: the seizures load then gives the requests of its events their event_uid.
FILES_IN_ORDER = [
    ("sipri", "sipri.csv"),
    ("unroca", "unroca.csv"),
    ("att", "att.csv"),
    ("traces", "traces.csv"),
    ("seizures", "seizures.csv"),
    ("exemptions", "exemptions.csv"),
    ("un-sanctions-list", "un-sanctions-list.xml"),
    ("ucdp-ged", "ucdp-ged.csv"),
    ("acled", "acled.csv"),
    ("poe-findings", "poe-findings.csv"),
]
BOOKKEEPING = {"warehouse_version", "table_versions"}


def checksums(con) -> dict[str, tuple[int, int]]:
    return {
        table: con.execute("FROM table_checksum(?)", [table]).fetchone()[1:]
        for table in sorted(warehouse_table_names())
    }


def change_ids(con) -> dict[str, str]:
    return dict(con.execute("SELECT table_name, change_id FROM table_versions").fetchall())


def stored_load_classifications(con) -> list[tuple]:
    """(file, classification) of every load, in the order the rows were stored."""
    return con.execute(
        "SELECT l.file_name, c.classification FROM load_classification_stored AS c "
        "JOIN load_log AS l USING (load_id) ORDER BY c.rowid"
    ).fetchall()


def assert_a_full_refresh_changes_nothing(con) -> None:
    """The derived tables as they stand equal their full recompute (every table's content)."""
    before = checksums(con)
    refresh_derived_tables(con)
    after = checksums(con)
    assert {t: after[t] for t in after if t not in BOOKKEEPING} == {
        t: before[t] for t in before if t not in BOOKKEEPING
    }


@pytest.fixture
def copy_of_warehouse(warehouse: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


def test_each_format_changes_only_the_tables_it_names(copy_of_warehouse: Path) -> None:
    con = connect_writable(copy_of_warehouse)
    try:
        for format_name, file_name in FILES_IN_ORDER:
            before, ids_before = checksums(con), change_ids(con)
            report = ingest_into(con, FIXTURES / file_name, format_name)
            assert report.status == "loaded", report.message
            assert report.rows_loaded > 0, format_name
            after, ids_after = checksums(con), change_ids(con)
            changed = {table for table in after if after[table] != before[table]}
            declared = set(format_module(format_name).TABLES_WRITTEN) | set(LOAD_RECORD_TABLES)
            assert changed - BOOKKEEPING <= declared, format_name
            assert "load_log" in changed and "warehouse_version" in changed
            new_ids = {table for table in ids_after if ids_after[table] != ids_before[table]}
            assert new_ids == declared, format_name
        # The seizures load resolved the trace requests sent before its events were documented.
        resolved = con.execute(
            "SELECT count(*) FROM trace_requests WHERE event_uid IS NOT NULL"
        ).fetchone()[0]
        assert resolved > 0
    finally:
        con.close()


def test_limited_refresh_equals_full_refresh(copy_of_warehouse: Path) -> None:
    con = connect_writable(copy_of_warehouse)
    try:
        for format_name, file_name in FILES_IN_ORDER:
            ingest_into(con, FIXTURES / file_name, format_name)
            changed = set(format_module(format_name).TABLES_WRITTEN) | set(LOAD_RECORD_TABLES)
            ids_before = change_ids(con)
            refresh_derived_tables(con, changed)
            ids_after = change_ids(con)
            recomputed = {table for table, _ in derived_tables_reading(changed)}
            assert {t for t in ids_after if ids_after[t] != ids_before[t]} == recomputed
        assert_a_full_refresh_changes_nothing(con)
    finally:
        con.close()


def test_derived_tables_follow_what_they_read() -> None:
    assert [table for table, _ in derived_tables_reading({"seizure_items"})] == [
        "load_classification_stored",
        "seizure_item_facts_stored",
        "fresh_supply_counts",
        "seizure_event_category_counts",
        "seizure_item_search_keys",
        "seizure_repeated_sightings",
        "seizure_weapon_trace_counts",
    ]
    assert [table for table, _ in derived_tables_reading({"transfers"})] == [
        "delivery_matched_lines",
        "load_classification_stored",
        "transfer_filter_values",
        "transfer_screening_results",
        "delivery_groups",
        "screening_lines",
        "screening_delivery_rows",
    ]
    # Every load writes load_log: each recomputes the loads' classifications, and no more.
    assert [table for table, _ in derived_tables_reading({"load_log", "rejects"})] == [
        "load_classification_stored"
    ]
    assert len(derived_tables_reading(None)) == len(derived_tables()) == 14
    assert tables_read("SELECT * FROM fresh_supply_indicator(['public'])") == {
        "fresh_supply_counts"
    }
    # Through the view fresh_supply_items and the views it reads (embargo_spans, which reads
    # the terminations recorded since the reference table's release).
    assert tables_read("SELECT * FROM fresh_supply_items") == {
        "seizure_item_facts_stored",
        "embargoes",
        "embargo_changes",
        "embargo_change_records",
        "embargo_target_countries",
    }
    # Comments on columns live in the engine's catalog, which no table version covers.
    assert tables_read("SELECT * FROM column_descriptions") is None
    # A table named by a parameter could be any.
    assert tables_read("FROM table_checksum(?)") is None


def test_ingest_of_a_seizures_file_leaves_the_screening_alone(copy_of_warehouse: Path) -> None:
    con = connect_writable(copy_of_warehouse)
    try:
        ids_before = change_ids(con)
    finally:
        con.close()
    [report] = ingest_files(copy_of_warehouse, [FIXTURES / "seizures.csv"])
    assert report.status == "loaded"
    con = connect_writable(copy_of_warehouse)
    try:
        ids_after = change_ids(con)
    finally:
        con.close()
    changed = {table for table in ids_after if ids_after[table] != ids_before[table]}
    assert changed == {
        "raw_seizures",
        "seizure_events",
        "seizure_items",
        "seizure_event_earlier_versions",
        "seizure_item_earlier_versions",
        "trace_request_versions",
        "load_log",
        "rejects",
        "load_classification_stored",
        "seizure_item_facts_stored",
        "fresh_supply_counts",
        "seizure_event_category_counts",
        "seizure_event_places",
        "seizure_item_search_keys",
        "seizure_repeated_sightings",
        "seizure_weapon_trace_counts",
    }


def test_a_small_seizures_load_recomputes_only_its_events(
    copy_of_warehouse: Path, tmp_path: Path
) -> None:
    """A load adding item lines to 1 of 10 stored events rewrites that event's rows of the
    per-event derived tables and no other row, with the result a full recompute gives."""
    first = write_seizure_file(tmp_path, 1, events=10)
    # Every rifle bears the same marking, so the second file's line adds to its search key.
    lines = first.read_text().splitlines()
    first.write_text(
        "\n".join([lines[0] + ",markings"] + [f"{line},Crossed Arrows" for line in lines[1:]])
        + "\n"
    )
    assert ingest_files(copy_of_warehouse, [first])[0].status == "loaded"
    con = connect_writable(copy_of_warehouse)
    try:
        loads_before = stored_load_classifications(con)
    finally:
        con.close()
    # A second rifle of event F1-E0, with the source document the first line left empty and a
    # higher classification (which leaves the stored event as it is).
    second = tmp_path / "jmac-01-addendum.csv"
    with second.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HEADER, "source_document", "markings"])
        writer.writerow(
            [
                "F1-E0", "2024-03-05", "day", "MLI", "Gao", "16.27", "-0.04", "exact", "seizure",
                "non_state_armed_group", "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash",
                "AKM", "7.62 x 39 mm", "S01999", "RUS", "1975", "1", "items", "confidential",
                "SYN-DOC-0001", "CROSSED ARROWS",
            ]
        )  # fmt: skip
    assert ingest_files(copy_of_warehouse, [second])[0].status == "loaded"
    con = connect_writable(copy_of_warehouse)
    try:
        # The other events' rows stayed where they were, in serial order; the event's two rows
        # were written again after them (a full recompute stores every row in serial order).
        assert [
            serial
            for (serial,) in con.execute(
                "SELECT serial_normalized FROM seizure_item_facts_stored ORDER BY rowid"
            ).fetchall()
        ] == [f"S01{event:03d}" for event in range(1, 10)] + ["S01000", "S01999"]
        # A load never changes a stored record of another classification: the confidential line
        # adds its rifle but leaves the restricted event's empty source document empty.
        assert con.execute(
            "SELECT serial_normalized, classification, source_document "
            "FROM seizure_item_facts_stored WHERE event_uid = 'JMAC MINUSMA:F1-E0' "
            "ORDER BY serial_normalized"
        ).fetchall() == [
            ("S01000", "restricted", None),
            ("S01999", "confidential", None),
        ]
        assert con.execute(
            "SELECT classification, category, item_lines, items "
            "FROM seizure_event_category_counts WHERE event_uid = 'JMAC MINUSMA:F1-E0' "
            "ORDER BY classification"
        ).fetchall() == [
            ("confidential", "assault_rifle", 1, 1),
            ("restricted", "assault_rifle", 1, 1),
        ]
        # The marking's key counts the line of each classification: 10 then 1.
        assert con.execute(
            "SELECT classification, key_kind, search_key, item_lines "
            "FROM seizure_item_search_keys ORDER BY ALL"
        ).fetchall() == [
            ("confidential", "marking", "crossed arrows", 1),
            ("restricted", "marking", "crossed arrows", 10),
        ]
        # The earlier loads' classifications are as they were and the second load's was added
        # (tests/lake shows that no other row is written again). The first file stays restricted,
        # as does its event: the confidential line came with the second file.
        loads_after = stored_load_classifications(con)
        assert loads_after[: len(loads_before)] == loads_before
        assert loads_after[len(loads_before) :] == [("jmac-01-addendum.csv", "confidential")]
        assert (first.name, "restricted") in loads_before
        assert_a_full_refresh_changes_nothing(con)
    finally:
        con.close()


def test_every_derived_query_is_whole_and_can_be_wrapped(warehouse: Path, tmp_path: Path) -> None:
    """The refresh reads a derived table's query inside another (its new rows only): a query cut
    short (a ";" in a comment once ended delivery matching's there) or ending in a comment fails."""
    # A copy: the session's warehouse may be open in this process with another configuration.
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        for table, query in derived_tables():
            columns = con.execute(f"DESCRIBE SELECT * FROM ({query}) LIMIT 0").fetchall()
            stored = con.execute(f"DESCRIBE {table}").fetchall()
            assert [c[0] for c in columns] == [c[0] for c in stored], table
    finally:
        con.close()
