"""Corrections of seizure events, seizure item lines and conflict events through the real loads
(format corrections): a new version with who and when, the earlier one kept, the pages' stored
tables following; a reversal restores the value and what follows from it; a record the loader
cannot see and a key that names nothing are refused alike; a field the kind does not have is
refused before any record is looked up; corrections pass the rules that read an event and its
item lines together (made before found, the date as written fitting its precision) with the
reasons a file line gets."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import query, rejects_of, write_csv
from test_conflict_events_ingest import UCDP_HEADER, ucdp
from test_corrections import HEADER, on_day
from test_seizure_versions import AMMO, ENTITY, RIFLE, derived_tables_hold, line

from embargo.classification import Classification
from embargo.cli import main
from ingest.files import ingest_files
from ingest.kit.loads import Loader
from ingest.sources import seizures
from ingest.sources.seizures import rules
from ingest.sources.seizures.columns import EVENT_COLUMNS
from ingest.sources.seizures.versions import ITEM_CORRECTABLE

ANALYST = Loader("analyst", Classification.RESTRICTED)
SEIZURE_HEADER = list(seizures.FORMAT.header)


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """Event E-1 (restricted: a rifle and ammunition), event S-1 (confidential: a rifle) and a
    UCDP event, loaded on 2024-05-01."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    on_day(monkeypatch, "2024-05-01")
    secret = line(RIFLE, event_id="S-1", serial_number="ZZ-1", classification="confidential")
    field_file = write_csv(tmp_path / "jmac.csv", SEIZURE_HEADER, [line(RIFLE), line(AMMO), secret])
    events = write_csv(
        tmp_path / "GEDEvent_v24_1.csv",
        UCDP_HEADER,
        [[ucdp(id="36210")[name] for name in UCDP_HEADER]],
    )
    reports = ingest_files(path, [field_file, events])
    assert [(r.rows_loaded, r.rows_rejected) for r in reports] == [(3, 0), (1, 0)]
    return path


def correction(correction_id: str, kind: str, key: str, field: str, value: str, reason: str):
    return {
        "correction_id": correction_id, "record_kind": kind, "record_key": key, "field": field,
        "new_value": value, "reason": reason,
    }  # fmt: skip


def rifle_line(db: Path, event_id: str = "E-1") -> str:
    [(uid,)] = query(
        db,
        "SELECT item_line_uid FROM seizure_items WHERE item_id = '1' AND event_uid = ?",
        [f"{ENTITY}:{event_id}"],
    )
    return uid


def test_seizure_event_item_and_conflict_event_corrected_and_reversed(db, tmp_path, monkeypatch):
    rifle = rifle_line(db)
    on_day(monkeypatch, "2024-06-01")
    fix = write_csv(
        tmp_path / "corrections.csv",
        HEADER,
        [
            correction("K-1", "seizure_event", f"{ENTITY}:E-1", "event_date", "2024-03-04",
                       "date misread on the report"),
            correction("K-2", "seizure_item", rifle, "serial_number", "AK-12 354",
                       "serial misread on the photograph"),
            correction("K-3", "conflict_event", "ucdp_ged:36210", "fatalities", "7",
                       "two more deaths confirmed"),
        ],
    )  # fmt: skip
    [report] = ingest_files(db, [fix], loaded_by=ANALYST)
    assert (report.rows_loaded, report.rows_rejected) == (3, 0)
    june = dt.datetime(2024, 6, 1, 9)
    assert query(
        db,
        "SELECT event_date, version, correction, recorded_at, superseded_at FROM "
        "seizure_event_versions WHERE event_id = 'E-1' ORDER BY version",
    ) == [
        (dt.date(2024, 3, 5), 1, None, dt.datetime(2024, 5, 1, 9), june),
        (dt.date(2024, 3, 4), 2, "correction K-1: date misread on the report", june, None),
    ]
    assert query(
        db,
        "SELECT serial_number, serial_normalized, item_uid, version FROM seizure_item_versions "
        "WHERE item_line_uid = ? ORDER BY version",
        [rifle],
    ) == [
        ("AK-12 345", "AK12345", seizures.item_uid("AK12345", "Izhmash", "AKM"), 1),
        ("AK-12 354", "AK12354", seizures.item_uid("AK12354", "Izhmash", "AKM"), 2),
    ]
    assert query(
        db,
        "SELECT fatalities, version, correction FROM conflict_event_versions ORDER BY version",
    ) == [(4, 1, None), (7, 2, "correction K-3: two more deaths confirmed")]
    assert query(db, "SELECT fatalities FROM conflict_events") == [(7,)]
    # the pages' stored tables read the corrected versions
    assert query(
        db,
        "SELECT serial_normalized, event_date FROM seizure_item_facts_stored "
        "WHERE event_id = 'E-1' ORDER BY ALL",
    ) == [("AK12354", dt.date(2024, 3, 4)), (None, dt.date(2024, 3, 4))]
    derived_tables_hold(db)

    # the serial's correction reversed: the serial, its normal form and the item's identity
    on_day(monkeypatch, "2024-06-10")
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    assert main(["corrections", "revert", "K-2", "--reason", "photo re-read", "--db", str(db)]) == 0
    assert query(
        db,
        "SELECT serial_number, serial_normalized, item_uid, version, correction "
        "FROM seizure_items WHERE item_line_uid = ?",
        [rifle],
    ) == [
        ("AK-12 345", "AK12345", seizures.item_uid("AK12345", "Izhmash", "AKM"), 3,
         "correction K-2-reversal: photo re-read"),
    ]  # fmt: skip
    assert query(
        db,
        "SELECT correction_id, record_kind, field, new_value, reverses, record_version, "
        "classification FROM corrections ORDER BY recorded_at, correction_id",
    ) == [
        ("K-1", "seizure_event", "event_date", "2024-03-04", None, 2, "restricted"),
        ("K-2", "seizure_item", "serial_number", "AK-12 354", None, 2, "restricted"),
        ("K-3", "conflict_event", "fatalities", "7", None, 2, "public"),
        ("K-2-reversal", "seizure_item", "serial_number", "AK-12 345", "K-2", 3, "restricted"),
    ]
    derived_tables_hold(db)


def test_unseen_seizure_records_and_unknown_fields_are_refused_alike(db, tmp_path):
    secret_rifle = rifle_line(db, "S-1")
    fix = write_csv(
        tmp_path / "corrections.csv",
        HEADER,
        [
            # S-1 is confidential: above the analyst's clearance; E-9 does not exist
            correction("K-1", "seizure_event", f"{ENTITY}:S-1", "location_name", "Gao", "x"),
            correction("K-2", "seizure_event", f"{ENTITY}:E-9", "location_name", "Gao", "x"),
            correction("K-3", "seizure_item", secret_rifle, "notes", "seen", "x"),
            correction("K-4", "seizure_item", f"{ENTITY}:E-9:000000000000", "notes", "x", "x"),
            # fields the kinds do not have, or not open to correction
            correction("K-5", "seizure_event", f"{ENTITY}:S-1", "colour", "red", "x"),
            correction("K-6", "seizure_item", secret_rifle, "classification", "public", "x"),
            correction("K-7", "conflict_event", "ucdp_ged:1", "fatalities", "3", "x"),
            # corrected records the format's rules refuse
            correction("K-8", "seizure_item", rifle_line(db), "quantity", "2", "x"),
            correction("K-9", "seizure_event", f"{ENTITY}:E-1", "latitude", "15.66", "x"),
        ],
    )
    [report] = ingest_files(db, [fix], loaded_by=ANALYST)
    assert (report.rows_loaded, report.rows_rejected) == (0, 9)
    event_fields = ", ".join(EVENT_COLUMNS)
    item_fields = ", ".join(ITEM_CORRECTABLE)
    assert rejects_of(db, fix.name) == [
        (2, "record_key", f"{ENTITY}:S-1",
         f"record_key {ENTITY}:S-1 names no seizure event you can see: nothing corrected"),
        (3, "record_key", f"{ENTITY}:E-9",
         f"record_key {ENTITY}:E-9 names no seizure event you can see: nothing corrected"),
        (4, "record_key", secret_rifle,
         f"record_key {secret_rifle} names no seizure item line you can see: nothing corrected"),
        (5, "record_key", f"{ENTITY}:E-9:000000000000",
         f"record_key {ENTITY}:E-9:000000000000 names no seizure item line you can see: nothing "
         "corrected"),
        (6, "field", "colour",
         f"field colour is not a field of a seizure event open to correction: expected one of "
         f"{event_fields}"),
        (7, "field", "classification",
         f"field classification is not a field of a seizure item line open to correction: "
         f"expected one of {item_fields}"),
        (8, "record_key", "ucdp_ged:1",
         "record_key ucdp_ged:1 names no conflict event you can see: nothing corrected"),
        (9, "new_value", "2",
         "a line with a serial_number is one item: quantity must be 1 and unit items (write "
         "one line per serialised item)"),
        (10, "new_value", "15.66", "latitude given without longitude: give both or neither"),
    ]  # fmt: skip
    assert query(db, "SELECT count(*) FROM seizure_event_earlier_versions") == [(0,)]
    # Cleared for it, the same line corrects the confidential event, at its classification.
    boss = Loader("head of unit", Classification.CONFIDENTIAL)
    again = write_csv(
        tmp_path / "corrections-2.csv",
        HEADER,
        [correction("K-1", "seizure_event", f"{ENTITY}:S-1", "location_name", "Gao", "seen")],
    )
    [report] = ingest_files(db, [again], loaded_by=boss)
    assert report.rows_loaded == 1
    assert query(
        db,
        "SELECT location_name, version, classification FROM seizure_events WHERE event_id = 'S-1'",
    ) == [("Gao", 2, "confidential")]
    assert query(db, "SELECT classification FROM corrections") == [("confidential",)]


PRECISION_HELP = (
    "write YYYY-MM-DD for day, YYYY-MM for month, YYYY for year, or change date_precision"
)


def test_corrections_that_break_the_joint_rules_are_refused_as_file_lines_are(db, tmp_path):
    rifle = rifle_line(db)
    [(ammo,)] = query(db, "SELECT item_line_uid FROM seizure_items WHERE item_id = '2'")
    event = f"{ENTITY}:E-1"
    fix = write_csv(
        tmp_path / "corrections.csv",
        HEADER,
        [
            correction("K-1", "seizure_event", event, "event_date", "2022-06-01", "x"),
            correction("K-2", "seizure_item", rifle, "year_of_manufacture", "2025", "x"),
            correction("K-3", "seizure_item", ammo, "headstamp_year", "2025", "x"),
            correction("K-4", "seizure_event", event, "date_precision", "month", "x"),
            correction("K-5", "seizure_event", event, "event_date", "2024-03", "x"),
            correction("K-6", "seizure_event", event, "event_date", "2023", "x"),
            # keeps both rules: loads
            correction("K-7", "seizure_event", event, "event_date", "2024-03-04", "misread"),
        ],
    )
    [report] = ingest_files(db, [fix], loaded_by=ANALYST)
    assert (report.rows_loaded, report.rows_rejected) == (1, 6)
    assert rejects_of(db, fix.name) == [
        (2, "new_value", "2022-06-01",
         "year_of_manufacture 2023 is after the event_date 2022-06-01: an item cannot be made "
         "after it was found"),
        (3, "new_value", "2025",
         "year_of_manufacture 2025 is after the event_date 2024-03-05: an item cannot be made "
         "after it was found"),
        (4, "new_value", "2025",
         "headstamp_year 2025 is after the event_date 2024-03-05: an item cannot be made after "
         "it was found"),
        (5, "new_value", "month",
         f"event_date 2024-03-05 is more precise than date_precision month: {PRECISION_HELP}"),
        (6, "new_value", "2024-03",
         f"event_date 2024-03 is less precise than date_precision day: {PRECISION_HELP}"),
        (7, "new_value", "2023",
         f"event_date 2023 is less precise than date_precision day: {PRECISION_HELP}"),
    ]  # fmt: skip
    assert query(db, "SELECT event_date, version FROM seizure_events WHERE event_id = 'E-1'") == [
        (dt.date(2024, 3, 4), 2)
    ]


def test_the_same_lines_in_a_seizures_file_get_the_same_reasons(db, tmp_path):
    """The reasons above are the format's own: a file line giving the same values is refused
    with the same words (the rules of ingest/sources/seizures/rules.py)."""
    assert rules.made_before_found in rules.ROW_RULES
    assert rules.date_matches_precision in rules.ROW_RULES
    lines = [
        line(RIFLE, event_id="E-2", event_date="2022-06-01"),
        line(AMMO, event_id="E-3", headstamp_year="2025"),
        line(RIFLE, event_id="E-4", date_precision="month"),
        line(RIFLE, event_id="E-5", event_date="2024-03"),
    ]
    seizures_file = write_csv(tmp_path / "more.csv", SEIZURE_HEADER, lines)
    [report] = ingest_files(db, [seizures_file], "seizures")
    assert (report.rows_loaded, report.rows_rejected) == (0, 4)
    assert [reason for *_, reason in rejects_of(db, seizures_file.name)] == [
        "year_of_manufacture 2023 is after the event_date 2022-06-01: an item cannot be made "
        "after it was found",
        "headstamp_year 2025 is after the event_date 2024-03-05: an item cannot be made after "
        "it was found",
        f"event_date 2024-03-05 is more precise than date_precision month: {PRECISION_HELP}",
        f"event_date 2024-03 is less precise than date_precision day: {PRECISION_HELP}",
    ]
