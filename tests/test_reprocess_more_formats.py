"""`reprocess-rejects` for the formats beyond the registers: panel findings, conflict events (UCDP
and ACLED), the sanctions list and seizure records, through the real ingest, registry and raw
store. Each file has a row rejected for a name or regime nothing knew; once the registry (or the
reference data) knows it, the row loads from the kept raw file with its own row number, once; the
rows loaded the first time are not loaded again; the earlier rejects stay as history, resolved by
the new load; a second run writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from seizure_files import HEADER as SEIZURE_HEADER
from support import copy_of, query, write_csv
from test_conflict_events_ingest import ACLED_COLUMNS, UCDP_HEADER, acled, ucdp
from test_panel_findings_ingest import HEADER as FINDING_HEADER
from test_panel_findings_ingest import finding
from test_sanctions_list_ingest import consolidated_list, individual

from embargo import actors
from embargo.actors import Mapping
from embargo.warehouse import connect_read_only, connect_writable, run_checks
from ingest.files import ingest_files
from ingest.registry import apply_registry
from ingest.reprocess import REPROCESSED_FORMATS, reprocess_rejects

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("EMBARGO_ACCESS_DB", raising=False)
    return copy_of(warehouse, tmp_path)


def register_state(db: Path, name: str, iso3: str) -> None:
    store = db.with_name("w.access.sqlite")
    actors.add_entry(name, Mapping(iso3, "state"), None, "vera", store, NOW)
    apply_registry(db, actors.list_entries(store))


def rejects(db: Path, file_name: str) -> list[tuple]:
    """(row, column, whether resolved, by which load) of a file's rejects, oldest load first."""
    return query(
        db,
        "SELECT r.row_number, r.column_name, r.load_id, r.resolved_by_load_id FROM rejects AS r "
        "JOIN load_log AS l USING (load_id) WHERE r.file_name = ? "
        "ORDER BY l.started_at, r.row_number, r.column_name",
        [file_name],
    )


def checks_pass(db: Path) -> None:
    con = connect_read_only(db)
    try:
        assert [check.name for check in run_checks(con) if check.violations] == []
    finally:
        con.close()


def test_the_formats_reprocessed() -> None:
    assert REPROCESSED_FORMATS == (
        "sipri", "unroca", "att", "traces", "exemptions", "brokering", "poe-findings",
        "un-sanctions-list", "ucdp-ged", "acled", "seizures",
    )  # fmt: skip


def test_panel_findings(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "findings.csv", FINDING_HEADER, [
        finding(),  # 2
        finding(finding_id="F-2", target_iso3="Centrafrica"),  # 3 a spelling nobody knew
    ])  # fmt: skip
    [first] = ingest_files(db, [path])
    assert (first.rows_loaded, first.rows_rejected) == (1, 1)
    register_state(db, "Centrafrica", "CAF")
    [result] = reprocess_rejects(db, "poe-findings")
    assert (result.rows_tried, result.rows_loaded, result.rows_still_rejected) == (1, 1, 0)
    assert query(
        db, "SELECT finding_id, target_iso3, version, load_id, source_row_number "
        "FROM panel_findings ORDER BY finding_id",
    ) == [
        ("F-1", "CAF", 1, first.load_id, 2),
        ("F-2", "CAF", 1, result.load_id, 3),
    ]  # fmt: skip
    assert rejects(db, "findings.csv") == [(3, "target_iso3", first.load_id, result.load_id)]
    assert reprocess_rejects(db, "poe-findings") == []
    checks_pass(db)


def test_conflict_events_ucdp_and_acled(db: Path, tmp_path: Path) -> None:
    ged = write_csv(tmp_path / "ged.csv", UCDP_HEADER, [
        ucdp(), ucdp(id="1002", country="Centrafrica"),
    ])  # fmt: skip
    export = write_csv(tmp_path / "acled.csv", list(ACLED_COLUMNS), [
        acled(), acled(event_id_cnty="CAF2", country="Centrafrica", iso=""),
    ])  # fmt: skip
    first_ged, first_acled = ingest_files(db, [ged, export])
    assert (first_ged.rows_rejected, first_acled.rows_rejected) == (1, 1)
    register_state(db, "Centrafrica", "CAF")
    results = {result.format: result for result in reprocess_rejects(db)}
    assert sorted(results) == ["acled", "ucdp-ged"]
    assert [(r.rows_tried, r.rows_loaded, r.rows_still_rejected) for r in results.values()] == [
        (1, 1, 0), (1, 1, 0),
    ]  # fmt: skip
    assert query(
        db, "SELECT event_id, country_iso3, version, source_row_number FROM conflict_events "
        "ORDER BY event_id",
    ) == [
        ("acled:CAF1", "CAF", 1, 2), ("acled:CAF2", "CAF", 1, 3),
        ("ucdp_ged:1001", "CAF", 1, 2), ("ucdp_ged:1002", "CAF", 1, 3),
    ]  # fmt: skip
    assert [row[3] for row in rejects(db, "ged.csv")] == [results["ucdp-ged"].load_id]
    assert [row[3] for row in rejects(db, "acled.csv")] == [results["acled"].load_id]
    assert reprocess_rejects(db) == []
    checks_pass(db)


def test_the_sanctions_list(db: Path, tmp_path: Path) -> None:
    listing = tmp_path / "list.xml"
    listing.write_text(
        consolidated_list([
            individual(),  # line 4
            individual(reference="XXi.903", list_type="Narnia"),  # line 21: unknown regime
        ], []),
        encoding="utf-8",
    )  # fmt: skip
    [first] = ingest_files(db, [listing])
    assert (first.rows_loaded, first.rows_rejected) == (1, 1)
    # Nothing new known: the row is tried, stays rejected, and nothing is written.
    [unchanged] = reprocess_rejects(db, "un-sanctions-list")
    assert (unchanged.rows_tried, unchanged.rows_loaded, unchanged.load_id) == (1, 0, None)
    # Newer reference data names the regime (as a rebuild would take it from the committed table).
    con = connect_writable(db)
    try:
        con.execute(
            "INSERT INTO un_list_types SELECT 'Narnia', regime_name, regime_name_fr, committee, "
            "embargo_id, regime_id, seen_in_list_of, 'named in a newer table', load_id "
            "FROM un_list_types "
            "WHERE un_list_type = 'DRC'"
        )
    finally:
        con.close()
    [result] = reprocess_rejects(db, "un-sanctions-list")
    assert (result.rows_tried, result.rows_loaded, result.rows_still_rejected) == (1, 1, 0)
    assert query(
        db, "SELECT reference_number, un_list_type, embargo_id, load_id, source_row_number "
        "FROM sanctioned_parties ORDER BY reference_number",
    ) == [
        ("CDi.901", "DRC", "un-drc-2003", first.load_id, 4),
        ("XXi.903", "Narnia", "un-drc-2003", result.load_id, 21),
    ]  # fmt: skip
    assert query(
        db, "SELECT reference_number, count(*) FROM sanctioned_party_names GROUP BY 1 ORDER BY 1"
    ) == [("CDi.901", 4), ("XXi.903", 4)]
    assert rejects(db, "list.xml") == [(21, "UN_LIST_TYPE", first.load_id, result.load_id)]
    assert reprocess_rejects(db, "un-sanctions-list") == []


def test_seizure_records(db: Path, tmp_path: Path) -> None:
    """An item line of a stored event and a new event, both rejected for a country of
    manufacture nobody knew: once known, the line joins its stored event and the new event
    loads; the lines loaded the first time are not loaded again."""
    line = [
        "E1", "2024-03-05", "day", "MLI", "Gao", "16.27", "-0.04", "exact", "seizure",
        "non_state_armed_group", "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash", "AKM",
        "7.62 x 39 mm", "S001", "RUS", "1975", "1", "items", "restricted",
    ]  # fmt: skip
    path = write_csv(tmp_path / "jmac.csv", SEIZURE_HEADER, [
        line,  # 2
        [*line[:16], "S002", *line[17:]],  # 3 a second rifle of E1
        ["E2", *line[1:16], "S003", "Sovietia", *line[18:]],  # 4 a new event
        [*line[:16], "S004", "Sovietia", *line[18:]],  # 5 a third rifle of E1
    ])  # fmt: skip
    [first] = ingest_files(db, [path])
    assert (first.rows_loaded, first.rows_rejected) == (2, 2)
    register_state(db, "Sovietia", "RUS")
    [result] = reprocess_rejects(db, "seizures")
    assert (result.rows_tried, result.rows_loaded, result.rows_still_rejected) == (2, 2, 0)
    assert query(
        db, "SELECT event_id, load_id, source_row_number FROM seizure_events ORDER BY event_id"
    ) == [("E1", first.load_id, 2), ("E2", result.load_id, 4)]
    assert query(
        db, "SELECT event_uid, serial_number, country_of_manufacture, load_id, source_row_number "
        "FROM seizure_items ORDER BY serial_number",
    ) == [
        ("JMAC MINUSMA:E1", "S001", "RUS", first.load_id, 2),
        ("JMAC MINUSMA:E1", "S002", "RUS", first.load_id, 3),
        ("JMAC MINUSMA:E2", "S003", "RUS", result.load_id, 4),
        ("JMAC MINUSMA:E1", "S004", "RUS", result.load_id, 5),
    ]  # fmt: skip
    assert rejects(db, "jmac.csv") == [
        (4, "country_of_manufacture", first.load_id, result.load_id),
        (5, "country_of_manufacture", first.load_id, result.load_id),
    ]
    assert reprocess_rejects(db, "seizures") == []
    checks_pass(db)
