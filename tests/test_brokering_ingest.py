"""Brokering records (format brokering) through the real path: a built warehouse, brokers added to
the actor registry, `ingest_files`, then exact rows in brokering_records, rejects, load_log and the
screening. Each validation rule has a fixture row that breaks it; the workbook form, a later
version, a stale file, the clearance of a load, and a broker registered after the rows that
named it (reprocessed) are covered."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import log_of, query, rejects_of, unknown_name, write_csv, write_xlsx

from embargo import actors
from embargo.actors import Mapping
from embargo.warehouse import run_checks
from embargo.warehouse.connections import connect_read_only
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.registry import apply_registry
from ingest.reprocess import reprocess_rejects
from ingest.sources import brokering

FIXTURE = Path(__file__).parent / "fixtures" / "brokering" / "brokering_records.csv"
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
BLUE_RIDGE = "Blue Ridge Trading Ltd"
KESTREL = "Kestrel Logistics SA"
HINT = "register it with `embargo actors add` (names are never guessed)"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """A warehouse of the test's own whose registry knows the fixture's two brokers."""
    monkeypatch.delenv("EMBARGO_ACCESS_DB", raising=False)
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    register(path, BLUE_RIDGE, "GBR")
    register(path, KESTREL, None)
    return path


def register(db: Path, name: str, country: str | None) -> None:
    store = db.with_name("w.access.sqlite")
    actors.add_entry(name, Mapping(country, "broker"), None, "vera", store, NOW)
    apply_registry(db, actors.list_entries(store))


EXPECTED_REJECTS = [
    (9, "broker_name", "Blue Ridge Trading",
     "broker_name 'Blue Ridge Trading' is not a known country or actor name; did you mean "
     f"'{BLUE_RIDGE}'? If not, {HINT}"),
    (10, "broker_name", "France",
     "broker_name 'France' names a State (FRA), not a broker: a broker is registered with "
     "`embargo actors add NAME --type broker`"),
    (11, "broker_country", "DEU",
     f"broker_country DEU but the actor registry has the broker '{BLUE_RIDGE}' in GBR: correct "
     "the row, or the registry (`embargo actors set`)"),
    (12, "currency", "", "a value needs its currency (ISO 4217, e.g. USD)"),
    (13, "value", "",
     "currency USD is given without a value: give the value, or leave currency empty"),
    (14, "category", "VIII", "category 'VIII' is not I to VII, SALW or other"),
    (15, "decision", "approved", "decision must be issued, refused or revoked"),
    (16, "destination_country", "Narnia", unknown_name("Narnia", "destination_country")),
    (17, "end_user", "Ruritania", unknown_name("Ruritania", "end_user")),
    (18, "reporting_state", "Hezbollah (Lebanon)*",
     "'Hezbollah (Lebanon)*' is not a State (non_state): reports are made by States"),
    (19, "decision_date", "2099-01-01", "decision_date 2099-01-01 is in the future"),
    (20, "licence_id", "BRK-001",
     "the same brokering decision is already in this file (row 2): not loaded twice"),
    (21, "licence_id", "", "a value is required"),
    (22, "quantity", "-3", "quantity must be positive"),
]  # fmt: skip

EXPECTED_RECORDS = [
    ("BRK-001", "GBR", "issued", dt.date(2019, 3, 14), BLUE_RIDGE, "GBR", "BGR", "SSD", None,
     None, "SALW", 500.0, 1200000.0, "USD", "public", 2),
    ("BRK-002", "GBR", "issued", dt.date(2018, 5, 2), "blue ridge trading ltd", "GBR", "UKR",
     "SSD", None, None, "II", 4.0, None, None, "public", 3),
    ("BRK-003", "GBR", "refused", dt.date(2020, 1, 10), KESTREL, "CHE", "SRB", "LBY", "Libya",
     "state", "SALW", 200.0, None, None, "public", 4),
    ("BRK-004", "DEU", "issued", dt.date(2021, 6, 1), KESTREL, "CHE", "DEU", "LBY", "Libya",
     "state", "II", 12.0, 3500000.0, "EUR", "restricted", 5),
    ("BRK-004", "DEU", "revoked", dt.date(2021, 9, 15), KESTREL, "CHE", "DEU", "LBY", "Libya",
     "state", "II", 12.0, 3500000.0, "EUR", "restricted", 6),
    ("BRK-005", "FRA", "issued", dt.date(2022, 2, 1), KESTREL, None, "FRA", "LBY", "Libya HoR*",
     "non_state", "SALW", 300.0, None, None, "confidential", 7),
    ("BRK-006", "ITA", "issued", dt.date(2023, 9, 1), BLUE_RIDGE, "GBR", "ITA", "CAF", None, None,
     "other", 10000.0, None, None, "restricted", 8),
]  # fmt: skip

RECORD_COLUMNS = (
    "licence_id, reporting_state_iso3, decision, decision_date, broker_name, "
    "broker_country_iso3, source_country_iso3, destination_country_iso3, end_user, "
    "end_user_actor_type, category, quantity, value, currency, classification, source_row_number"
)


def records(db: Path) -> list[tuple]:
    return query(db, f"SELECT {RECORD_COLUMNS} FROM brokering_records ORDER BY source_row_number")


def test_every_rule_rejects_its_row_and_the_good_rows_load(db: Path) -> None:
    assert detect_format(FIXTURE) == "brokering"
    [report] = ingest_files(db, [FIXTURE])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (21, 7, 14)
    assert log_of(db, FIXTURE.name) == [
        ("brokering_records", "brokering", "brokering_records", 21, 7, 14)
    ]
    assert rejects_of(db, FIXTURE.name) == EXPECTED_REJECTS
    assert records(db) == EXPECTED_RECORDS
    assert query(db, "SELECT count(*), count(*) FILTER (WHERE loaded) FROM raw_brokering") == [
        (21, 7)
    ]
    # The load is as sensitive as its most sensitive record.
    assert query(
        db, "SELECT classification FROM load_classification_stored WHERE load_id = ?",
        [report.load_id],
    ) == [("confidential",)]  # fmt: skip
    con = connect_read_only(db)
    try:
        assert [check.name for check in run_checks(con) if check.violations] == []
    finally:
        con.close()


def test_licences_issued_for_an_embargoed_destination_get_a_verdict(db: Path) -> None:
    ingest_files(db, [FIXTURE])
    assert query(
        db,
        "SELECT licence_id, embargo_id, actor_scope, verdict, reason_kind, citation, revoked_on "
        "FROM brokering_screening ORDER BY licence_id, embargo_id",
    ) == [
        ("BRK-001", "un-south-sudan-2018", "government", "violation_indicator",
         "prohibited on the decision date, no exemption route", "S/RES/2428 (2018)", None),
        ("BRK-002", "un-south-sudan-2018", "government", "outside_window",
         "embargo not in force on the decision date", "S/RES/2428 (2018)", None),
        ("BRK-004", "un-libya-1992", "government", "outside_window",
         "embargo not in force on the decision date", "S/RES/748 (1992)", dt.date(2021, 9, 15)),
        ("BRK-004", "un-libya-2011", "government", "exemption_check",
         "exemption route on the decision date", "S/RES/1970 (2011); S/RES/2174 (2014)",
         dt.date(2021, 9, 15)),
        ("BRK-005", "un-libya-1992", "non_state", "outside_window",
         "embargo not in force on the decision date", "S/RES/748 (1992)", None),
        ("BRK-005", "un-libya-2011", "non_state", "violation_indicator",
         "prohibited on the decision date, no exemption route", "S/RES/1970 (2011)", None),
        ("BRK-006", "un-car-2013", "government", "outside_window",
         "outside the scope on the decision date", "S/RES/2127 (2013); S/RES/2693 (2023)", None),
        ("BRK-006", "un-car-armed-groups-2024", "government", "outside_window",
         "embargo not in force on the decision date", "S/RES/2745 (2024)", None),
    ]  # fmt: skip
    assert query(
        db, "SELECT reason FROM brokering_screening WHERE licence_id = 'BRK-004' "
        "AND verdict = 'exemption_check'",
    ) == [(
        "Licence BRK-004 of DEU for brokering patrol vehicles to LBY issued on 2021-06-01: the "
        "Libya embargo applied with an exemption route that day; the licence was revoked on "
        "2021-09-15.",
    )]  # fmt: skip


def test_a_workbook_loads_as_the_csv_does(db: Path, tmp_path: Path) -> None:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[:8]  # the header and the seven good records
    path = write_xlsx(tmp_path / "brokering.xlsx", {"brokering": rows})
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (7, 7, 0)
    assert records(db) == EXPECTED_RECORDS


def test_a_later_version_replaces_the_record_and_a_stale_file_is_refused(
    db: Path, tmp_path: Path
) -> None:
    header = list(brokering.FORMAT.header)
    first = {
        "licence_id": "BRK-9", "reporting_state": "GBR", "decision": "issued",
        "decision_date": "2019-03-14", "broker_name": BLUE_RIDGE, "destination_country": "SSD",
        "quantity": "50",
    }  # fmt: skip
    ingest_files(db, [write_csv(tmp_path / "first.csv", header, [first])])
    later = {**first, "quantity": "60", "as_of": "2020-01-31"}
    [report] = ingest_files(db, [write_csv(tmp_path / "later.csv", header, [later])])
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    stale = {**first, "quantity": "70", "as_of": "2019-06-01"}
    [refused] = ingest_files(db, [write_csv(tmp_path / "stale.csv", header, [stale])])
    assert rejects_of(db, "stale.csv") == [
        (2, "as_of", "2019-06-01",
         "licence BRK-9 of GBR (issued) in stale.csv as of 2019-06-01 is older than the version "
         "in the warehouse (later.csv row 2, as of 2020-01-31): a stale file is not loaded over a "
         "newer one"),
    ]  # fmt: skip
    assert query(
        db, "SELECT version, quantity, file_name, superseded_at IS NULL "
        "FROM brokering_record_versions ORDER BY version",
    ) == [(1, 50.0, "first.csv", False), (2, 60.0, "later.csv", True)]  # fmt: skip
    assert query(db, "SELECT quantity FROM brokering_records") == [(60.0,)]
    assert refused.rows_rejected == 1


def test_a_broker_registered_later_loads_by_reprocessing(db: Path, tmp_path: Path) -> None:
    header = list(brokering.FORMAT.header)
    row = {
        "licence_id": "BRK-7", "reporting_state": "DEU", "decision": "refused",
        "decision_date": "2020-05-05", "broker_name": "Osprey Brokers GmbH",
        "broker_country": "DEU", "destination_country": "SSD",
    }  # fmt: skip
    path = write_csv(tmp_path / "later_broker.csv", header, [row])
    [first] = ingest_files(db, [path])
    assert rejects_of(db, "later_broker.csv") == [
        (2, "broker_name", "Osprey Brokers GmbH",
         f"broker_name 'Osprey Brokers GmbH' is not a known country or actor name; {HINT}"),
    ]  # fmt: skip
    register(db, "Osprey Brokers GmbH", "DEU")
    [result] = reprocess_rejects(db, "brokering")
    assert (result.rows_tried, result.rows_loaded, result.rows_still_rejected) == (1, 1, 0)
    assert query(
        db, "SELECT licence_id, broker_name, broker_country_iso3, load_id FROM brokering_records"
    ) == [("BRK-7", "Osprey Brokers GmbH", "DEU", result.load_id)]
    assert first.load_id != result.load_id
