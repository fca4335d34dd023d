"""Corrections through the real loads (format corrections): a correction makes a new version with
who and when, its reversal restores the value, a rebuild replays both as their loader; a
correction of a record above the loader's clearance gets the same refusal as one of a key that
names no record, and a field that does not exist is refused before any record is looked up."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import query, rejects_of, write_csv
from test_versions import TRACE_HEADER, trace

import ingest.kit.loads
from embargo.classification import Classification
from embargo.cli import main
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.kit.loads import Loader
from ingest.sources import corrections

HEADER = list(corrections.FORMAT.header)
ANALYST = Loader("analyst", Classification.RESTRICTED)
PANEL = "Panel of Experts"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """Three tracing requests (one confidential) loaded on 2024-01-15."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    on_day(monkeypatch, "2024-01-15")
    traces_file = write_csv(
        tmp_path / "traces.csv",
        TRACE_HEADER,
        [trace("R-1"), trace("R-2", date_response="2024-01-12", status="responded"),
         trace("S-1", classification="confidential")],
    )  # fmt: skip
    [report] = ingest_files(path, [traces_file])
    assert report.rows_loaded == 3
    return path


def on_day(monkeypatch, day: str) -> None:
    moment = dt.datetime.fromisoformat(day).replace(hour=9)
    monkeypatch.setattr(ingest.kit.loads, "recorded_now", lambda: moment)


def line(correction_id: str, key: str = "", field: str = "", value: str = "", **more) -> dict:
    kind = "trace_request" if key else ""
    return {
        "correction_id": correction_id, "record_kind": kind, "record_key": key, "field": field,
        "new_value": value, "reason": more.pop("reason", "typing error in the request"), **more,
    }  # fmt: skip


VERSIONS = (
    "SELECT trace_id, version, addressed_to, addressed_to_iso3, correction, recorded_at, "
    "superseded_at IS NOT NULL FROM trace_request_versions WHERE trace_id = 'R-1' ORDER BY version"
)
CORRECTIONS = (
    "SELECT correction_id, record_kind, record_key, field, new_value, reverses, record_version, "
    "corrected_by, classification, recorded_at FROM corrections ORDER BY recorded_at"
)


def test_a_correction_and_its_reversal(db, tmp_path, monkeypatch):
    on_day(monkeypatch, "2024-02-01")
    fix = write_csv(
        tmp_path / "corrections-1.csv",
        HEADER,
        [line("K-1", f"{PANEL}:R-1", "addressed_to", "Belgium", reason="sent to Belgium")],
    )
    [report] = ingest_files(db, [fix], loaded_by=ANALYST)
    assert (report.format, report.rows_loaded, report.rows_rejected) == ("corrections", 1, 0)
    jan, feb = dt.datetime(2024, 1, 15, 9), dt.datetime(2024, 2, 1, 9)
    assert query(db, VERSIONS) == [
        ("R-1", 1, "France", "FRA", None, jan, True),
        ("R-1", 2, "Belgium", "BEL", "correction K-1: sent to Belgium", feb, False),
    ]
    assert query(db, CORRECTIONS) == [
        ("K-1", "trace_request", f"{PANEL}:R-1", "addressed_to", "Belgium", None, 2, "analyst",
         "restricted", feb),
    ]  # fmt: skip
    # The current view shows the correction; as known before it, the request as first loaded.
    current = "SELECT addressed_to FROM trace_requests WHERE trace_id = 'R-1'"
    assert query(db, current) == [("Belgium",)]

    # Reversed by `embargo corrections revert`, as the local operator.
    on_day(monkeypatch, "2024-02-10")
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    code = main(["corrections", "revert", "K-1", "--reason", "Belgium was wrong", "--db", str(db)])
    assert code == 0
    assert query(db, current) == [("France",)]
    assert query(db, VERSIONS)[2] == (
        "R-1", 3, "France", "FRA", "correction K-1-reversal: Belgium was wrong",
        dt.datetime(2024, 2, 10, 9), False,
    )  # fmt: skip
    [*_, reversal] = query(db, CORRECTIONS)
    assert reversal[:7] == ("K-1-reversal", "trace_request", f"{PANEL}:R-1", "addressed_to",
                            "France", "K-1", 3)  # fmt: skip
    assert reversal[7].startswith("operator:")

    # Reversed once only; the rebuild replays both as their loaders did, at their first times.
    on_day(monkeypatch, "2024-02-11")
    again = write_csv(tmp_path / "corrections-2.csv", HEADER, [line("K-9", reverses="K-1")])
    [report] = ingest_files(db, [again], loaded_by=ANALYST)
    assert rejects_of(db, again.name) == [
        (2, "reverses", "K-1", "correction K-1 is already reversed (by correction K-1-reversal)")
    ]
    before = query(db, VERSIONS), query(db, CORRECTIONS)
    on_day(monkeypatch, "2026-12-06")
    build_warehouse(db)
    assert (query(db, VERSIONS), query(db, CORRECTIONS)) == before


def test_unseen_records_and_unknown_fields_are_refused_alike(db, tmp_path):
    lines = [
        # S-1 is confidential: above the analyst's clearance
        line("K-1", f"{PANEL}:S-1", "notes", "seen"),
        # no such request
        line("K-2", f"{PANEL}:S-9", "notes", "seen"),
        # a field requests do not have, and one not open to correction
        line("K-3", f"{PANEL}:S-1", "colour", "red"),
        line("K-4", f"{PANEL}:S-1", "classification", "public"),
        # a value the format refuses, and a corrected record its rules refuse
        line("K-5", f"{PANEL}:R-1", "date_sent", "2024-13-01"),
        line("K-6", f"{PANEL}:R-2", "status", "pending"),
        # the value it has already
        line("K-7", f"{PANEL}:R-1", "status", "pending"),
        line("K-8", reverses="K-0"),
        line("K-9", f"{PANEL}:R-1", "notes", "addressee confirmed"),
    ]
    fix = write_csv(tmp_path / "corrections.csv", HEADER, lines)
    [report] = ingest_files(db, [fix], loaded_by=ANALYST)
    assert (report.rows_loaded, report.rows_rejected) == (1, 8)
    fields = "event_id, serial_number, addressed_to, date_sent, date_response, status, " \
        "last_legal_recipient_iso3, last_legal_recipient_entity, transfer_year, " \
        "diversion_point, transfer_ref, notes"  # fmt: skip
    assert rejects_of(db, fix.name) == [
        (2, "record_key", f"{PANEL}:S-1",
         f"record_key {PANEL}:S-1 names no tracing request you can see: nothing corrected"),
        (3, "record_key", f"{PANEL}:S-9",
         f"record_key {PANEL}:S-9 names no tracing request you can see: nothing corrected"),
        (4, "field", "colour",
         f"field colour is not a field of a tracing request open to correction: expected one "
         f"of {fields}"),
        (5, "field", "classification",
         f"field classification is not a field of a tracing request open to correction: "
         f"expected one of {fields}"),
        (6, "new_value", "2024-13-01",
         "date_sent 2024-13-01 is not a date (YYYY-MM-DD)"),
        (7, "new_value", "pending",
         "status pending but date_response 2024-01-12 is given: an answered request is "
         "responded, partial, negative or declined"),
        (8, "new_value", "pending",
         f"trace_id R-1 of {PANEL} already has this status: nothing corrected"),
        (9, "reverses", "K-0", "reverses K-0 names no correction you can see: nothing reversed"),
    ]  # fmt: skip
    assert query(db, "SELECT trace_id, version, notes FROM trace_requests ORDER BY 1") == [
        ("R-1", 2, "addressee confirmed"),
        ("R-2", 1, None),
        ("S-1", 1, None),
    ]
    # Cleared for it, the same line corrects the confidential request, at its classification.
    boss = Loader("head of unit", Classification.CONFIDENTIAL)
    fix = write_csv(tmp_path / "corrections-2.csv", HEADER, [lines[0]])
    [report] = ingest_files(db, [fix], loaded_by=boss)
    assert report.rows_loaded == 1
    assert query(
        db, "SELECT correction_id, corrected_by, classification FROM corrections ORDER BY 1"
    ) == [("K-1", "head of unit", "confidential"), ("K-9", "analyst", "restricted")]
    assert query(
        db, "SELECT classification FROM load_classification_stored WHERE load_id = ?",
        [report.load_id],
    ) == [("confidential",)]  # fmt: skip


def test_a_finding_and_a_notification_corrected(db, tmp_path, monkeypatch):
    """A retracted finding leaves the current findings and keeps what it names; a notification's
    decision is checked by the exemptions format's rules."""
    from test_versions import EXEMPTION_HEADER, FINDING_HEADER, finding

    findings = write_csv(
        tmp_path / "findings.csv", FINDING_HEADER, [finding("F-1", involved_states="Sudan")]
    )
    notification = {
        "notification_id": "N-1", "embargo_id": "un-libya-2011", "submitting_state": "France",
        "date_submitted": "2022-03-01", "procedure": "approval_request", "decision": "pending",
    }  # fmt: skip
    notifications = write_csv(tmp_path / "exemptions.csv", EXEMPTION_HEADER, [notification])
    ingest_files(db, [findings, notifications])
    on_day(monkeypatch, "2024-03-01")
    fix = write_csv(
        tmp_path / "corrections.csv",
        HEADER,
        [
            {**line("K-1", reason="withdrawn by the panel"), "record_kind": "panel_finding",
             "record_key": "un-car-2013:F-1", "field": "status", "new_value": "retracted"},
            {**line("K-2", reason="approved"), "record_kind": "exemption",
             "record_key": "un-libya-2011:N-1", "field": "decision", "new_value": "approved"},
            {**line("K-3", reason="date"), "record_kind": "exemption",
             "record_key": "un-libya-2011:N-1", "field": "decision_date",
             "new_value": "2022-02-01"},
        ],
    )  # fmt: skip
    [report] = ingest_files(db, [fix], loaded_by=ANALYST)
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)
    assert rejects_of(db, fix.name) == [
        (
            4,
            "new_value",
            "2022-02-01",
            "decision_date 2022-02-01 is before date_submitted 2022-03-01",
        ),
    ]
    assert query(db, "SELECT count(*) FROM panel_findings") == [(0,)]
    assert query(
        db, "SELECT version, status, reference FROM panel_finding_versions JOIN "
        "panel_finding_references USING (finding_uid, version) ORDER BY version"
    ) == [(1, "reported", "Sudan"), (2, "retracted", "Sudan")]  # fmt: skip
    assert query(db, "SELECT decision, version FROM exemptions") == [("approved", 2)]
