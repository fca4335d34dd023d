"""Versions of observed records through the real loads: a trace answered in a later file is a new
version that moves the response rate, a stale file is refused naming both files and dates, a
row of another classification changes nothing and quotes nothing stored, conflicting lines of
one record in one file are each refused, an amended notification and a retracted finding, and
the version known on a past date (by load date)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from support import query, rejects_of, write_csv
from test_conflict_events_ingest import ACLED_COLUMNS, UCDP_HEADER, acled, ucdp
from test_screening import reason, write_register

import ingest.kit.loads
from embargo.cli import main
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files, raw_files
from ingest.sources import exemptions, panel_findings, traces

TRACE_HEADER = list(traces.FORMAT.header)
EXEMPTION_HEADER = list(exemptions.FORMAT.header)
FINDING_HEADER = list(panel_findings.FORMAT.header)
PANEL = "Panel of Experts"


def trace(trace_id: str, **values: str) -> list[str]:
    defaults = {
        "trace_id": trace_id, "serial_number": f"SN-{trace_id}", "requesting_entity": PANEL,
        "addressed_to": "France", "date_sent": "2024-01-10", "status": "pending",
    }  # fmt: skip
    merged = {**defaults, **values}
    return [merged.get(name, "") for name in TRACE_HEADER]


def finding(finding_id: str, **values: str) -> list[str]:
    defaults = {
        "finding_id": finding_id, "panel": "un-car-2013", "document_symbol": "S/2019/608",
        "document_date": "2019-07-30", "paragraph": "45", "finding_type": "violation",
        "target_iso3": "CAF", "summary": "Rifles delivered to an armed group.",
        "confidence": "confirmed",
    }  # fmt: skip
    merged = {**defaults, **values}
    return [merged.get(name, "") for name in FINDING_HEADER]


@pytest.fixture
def db(warehouse: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


@pytest.fixture
def load_on(monkeypatch):
    """Loads recorded on a chosen day: what "as known on" compares."""

    def on(day: str) -> None:
        moment = dt.datetime.fromisoformat(day).replace(hour=9)
        monkeypatch.setattr(ingest.kit.loads, "recorded_now", lambda: moment)

    return on


def known_on(db: Path, day: str | None, sql: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        if day is not None:
            con.execute("SET VARIABLE known_on = CAST(? AS DATE)", [day])
        return con.execute(sql).fetchall()
    finally:
        con.close()


RATE = (
    "SELECT requests, answered, pending, response_rate "
    "FROM tracing_by_addressee(['restricted'], NULL, NULL, [], [], NULL, NULL, NULL)"
)


def test_a_trace_answered_in_a_later_file_is_a_new_version(db, tmp_path, load_on):
    load_on("2024-01-15")
    first = write_csv(
        tmp_path / "traces_2024-01.csv",
        TRACE_HEADER,
        [trace("R-1"), trace("R-2"), trace("R-3", date_response="2024-01-12", status="responded")],
    )
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [first])] == [(3, 0)]
    assert query(db, RATE) == [(3, 1, 2, 0.333)]

    load_on("2024-03-02")
    answers = write_csv(
        tmp_path / "traces_2024-03.csv",
        TRACE_HEADER,
        [
            trace("R-1", date_response="2024-02-20", status="responded",
                  last_legal_recipient_iso3="FRA"),
            trace("R-3", date_response="2024-01-12", status="responded"),  # unchanged
        ],
    )  # fmt: skip
    [report] = ingest_files(db, [answers])
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert query(db, RATE) == [(3, 2, 1, 0.667)]
    assert query(
        db,
        "SELECT trace_id, version, status, as_of, file_name, source_row_number, "
        "superseded_at IS NOT NULL, superseded_by_load_id = ? FROM trace_request_versions "
        "ORDER BY trace_id, version",
        [report.load_id],
    ) == [
        ("R-1", 1, "pending", dt.date(2024, 1, 10), "traces_2024-01.csv", 2, True, True),
        ("R-1", 2, "responded", dt.date(2024, 2, 20), "traces_2024-03.csv", 2, False, None),
        ("R-2", 1, "pending", dt.date(2024, 1, 10), "traces_2024-01.csv", 3, False, None),
        ("R-3", 1, "responded", dt.date(2024, 1, 12), "traces_2024-01.csv", 4, False, None),
    ]
    assert rejects_of(db, answers.name) == [
        (3, "trace_id", "R-3",
         "the same tracing request is already in the warehouse (from traces_2024-01.csv row 4): "
         "not loaded twice"),
    ]  # fmt: skip
    # As known on a day between the loads: the first file's figures; on the second load's day
    # and after: the answer.
    assert known_on(db, "2024-02-01", RATE) == [(3, 1, 2, 0.333)]
    assert known_on(db, "2024-03-02", RATE) == [(3, 2, 1, 0.667)]
    assert known_on(db, "2024-01-14", RATE) == []

    # The first file again under another name, a day later: stale, refused naming both files.
    load_on("2024-03-03")
    stale = tmp_path / "traces_resent.csv"
    stale.write_bytes(first.read_bytes() + b"\n")
    [report] = ingest_files(db, [stale])
    assert (report.rows_loaded, report.rows_rejected) == (0, 3)
    assert rejects_of(db, stale.name) == [
        (2, "as_of", "2024-01-10",
         "trace_id R-1 of Panel of Experts in traces_resent.csv as of 2024-01-10 is older than "
         "the version in the warehouse (traces_2024-03.csv row 2, as of 2024-02-20): a stale "
         "file is not loaded over a newer one"),
        (3, "trace_id", "R-2",
         "the same tracing request is already in the warehouse (from traces_2024-01.csv row 3): "
         "not loaded twice"),
        (4, "trace_id", "R-3",
         "the same tracing request is already in the warehouse (from traces_2024-01.csv row 4): "
         "not loaded twice"),
    ]  # fmt: skip
    assert query(db, RATE) == [(3, 2, 1, 0.667)]


def test_a_rebuild_records_each_kept_file_at_its_first_load(db, tmp_path, load_on):
    """`embargo build` replays the kept raw files: their versions keep the time of their first
    load, so "as known on" a day before the rebuild answers as it did."""
    load_on("2024-01-15")
    first = write_csv(
        tmp_path / "traces_2024-01.csv",
        TRACE_HEADER,
        [trace("R-1"), trace("R-2"), trace("R-3", date_response="2024-01-12", status="responded")],
    )
    ingest_files(db, [first])
    load_on("2024-03-02")
    answers = write_csv(
        tmp_path / "traces_2024-03.csv",
        TRACE_HEADER,
        [trace("R-1", date_response="2024-02-20", status="responded")],
    )
    ingest_files(db, [answers])
    kept = raw_files(db.parent / "raw")
    assert [(file.format_name, file.path.name, file.first_loaded_at) for file in kept] == [
        ("traces", "traces_2024-01.csv", dt.datetime(2024, 1, 15, 9)),
        ("traces", "traces_2024-03.csv", dt.datetime(2024, 3, 2, 9)),
    ]
    times = (
        "SELECT trace_id, version, recorded_at, superseded_at FROM trace_request_versions "
        "ORDER BY trace_id, version"
    )
    before = query(db, times)

    load_on("2026-12-06")  # the day of the rebuild
    report = build_warehouse(db)
    assert [(r.path.name, r.rows_loaded) for r in report.raw_files] == [
        ("traces_2024-01.csv", 3),
        ("traces_2024-03.csv", 1),
    ]
    assert before == [
        ("R-1", 1, dt.datetime(2024, 1, 15, 9), dt.datetime(2024, 3, 2, 9)),
        ("R-1", 2, dt.datetime(2024, 3, 2, 9), None),
        ("R-2", 1, dt.datetime(2024, 1, 15, 9), None),
        ("R-3", 1, dt.datetime(2024, 1, 15, 9), None),
    ]
    assert query(db, times) == before
    assert known_on(db, "2024-02-01", RATE) == [(3, 1, 2, 0.333)]
    assert known_on(db, "2024-03-02", RATE) == [(3, 2, 1, 0.667)]
    assert known_on(db, "2024-01-14", RATE) == []


def test_same_date_needs_a_correction_and_classification_never_changes(db, tmp_path, load_on):
    load_on("2024-01-15")
    first = write_csv(
        tmp_path / "t1.csv",
        TRACE_HEADER,
        [trace("C-1", classification="confidential"), trace("C-2"), trace("C-3")],
    )
    ingest_files(db, [first])
    load_on("2024-01-16")
    second = write_csv(
        tmp_path / "t2.csv",
        TRACE_HEADER,
        [
            # a later answer, but at another classification: the stored version stays
            trace("C-1", date_response="2024-01-14", status="responded"),
            # the same date, other values, no reason: refused
            trace("C-2", notes="addressee is the importer"),
            # the same date with a reason: a correction
            trace("C-3", addressed_to="Belgium", correction="sent to Belgium, not France"),
            # two lines of one request that differ: each refused
            trace("C-4"),
            trace("C-4", addressed_to="Italy"),
        ],
    )
    [report] = ingest_files(db, [second])
    assert (report.rows_loaded, report.rows_rejected) == (1, 4)
    assert rejects_of(db, second.name) == [
        (2, "classification", "restricted",
         "trace_id C-1 of Panel of Experts is already in the warehouse with another "
         "classification: a new version keeps the classification of the record it revises, so "
         "this row is not loaded (whoever holds the record can revise it)"),
        (3, "as_of", "2024-01-10",
         "trace_id C-2 of Panel of Experts is already in the warehouse as of the same date "
         "(t1.csv row 3, as of 2024-01-10) with other values (notes): give a later as_of, or "
         "the reason in the correction column when this row corrects it"),
        (5, "trace_id", "C-4",
         "trace_id C-4 of Panel of Experts is in rows 5, 6 of this file with different values "
         "(addressed_to): conflicting versions in one file are not loaded; give one line per "
         "record, each version in a file of its own date"),
        (6, "trace_id", "C-4",
         "trace_id C-4 of Panel of Experts is in rows 5, 6 of this file with different values "
         "(addressed_to): conflicting versions in one file are not loaded; give one line per "
         "record, each version in a file of its own date"),
    ]  # fmt: skip
    # nothing stored is quoted in the refusals of this load
    reasons = " ".join(reason for *_, reason in rejects_of(db, second.name))
    assert "confidential" not in reasons
    assert query(
        db,
        "SELECT trace_id, version, addressed_to, correction, classification FROM trace_requests "
        "ORDER BY trace_id",
    ) == [
        ("C-1", 1, "France", None, "confidential"),
        ("C-2", 1, "France", None, "restricted"),
        ("C-3", 2, "Belgium", "sent to Belgium, not France", "restricted"),
    ]


def test_an_amended_notification_is_a_new_version(db, tmp_path, load_on):
    def notification(decision: str, decision_date: str = "", **more: str) -> list[str]:
        values = {
            "notification_id": "N-1", "embargo_id": "un-libya-2011", "submitting_state": "France",
            "date_submitted": "2022-03-01", "procedure": "approval_request",
            "decision": decision, "decision_date": decision_date, **more,
        }  # fmt: skip
        return [values.get(name, "") for name in EXEMPTION_HEADER]

    load_on("2022-03-02")
    ingest_files(db, [write_csv(tmp_path / "x1.csv", EXEMPTION_HEADER, [notification("pending")])])
    load_on("2022-04-02")
    amended = write_csv(
        tmp_path / "x2.csv", EXEMPTION_HEADER, [notification("approved", "2022-04-01")]
    )
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [amended])] == [(1, 0)]
    decision = "SELECT decision, decision_date, version FROM exemptions"
    assert query(db, decision) == [("approved", dt.date(2022, 4, 1), 2)]
    assert known_on(db, "2022-03-15", decision) == [("pending", None, 1)]


def test_a_retracted_finding_leaves_the_counts_and_stays_known_before(db, tmp_path, load_on):
    count = "SELECT finding_id, status, version FROM panel_findings ORDER BY finding_id"
    load_on("2019-08-01")
    reported = write_csv(
        tmp_path / "findings_2019.csv",
        FINDING_HEADER,
        [finding("F-1"), finding("F-2", involved_states="Sudan")],
    )
    ingest_files(db, [reported])
    load_on("2020-02-01")
    later = write_csv(
        tmp_path / "findings_2020.csv",
        FINDING_HEADER,
        [
            finding("F-1", document_symbol="S/2020/100", document_date="2020-01-20",
                    status="retracted"),
            finding("F-2", document_symbol="S/2020/100", document_date="2020-01-20",
                    confidence="probable", status="revised", involved_states="Chad"),
        ],
    )  # fmt: skip
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [later])] == [(2, 0)]
    assert query(db, count) == [("F-2", "revised", 2)]
    assert known_on(db, "2019-12-31", count) == [("F-1", "reported", 1), ("F-2", "reported", 1)]
    # each version keeps what it names; the links read the version shown
    assert query(
        db, "SELECT finding_uid, version, reference FROM panel_finding_references ORDER BY 2"
    ) == [("un-car-2013:F-2", 1, "Sudan"), ("un-car-2013:F-2", 2, "Chad")]
    links = "SELECT finding_uid, reference, matched_id FROM panel_finding_links"
    assert query(db, links) == [("un-car-2013:F-2", "Chad", "TCD")]
    assert known_on(db, "2019-12-31", links) == [("un-car-2013:F-2", "Sudan", "SDN")]
    assert query(
        db,
        "SELECT finding_id, version, status FROM panel_finding_versions ORDER BY finding_id, "
        "version",
    ) == [
        ("F-1", 1, "reported"),
        ("F-1", 2, "retracted"),
        ("F-2", 1, "reported"),
        ("F-2", 2, "revised"),
    ]


def test_a_ucdp_release_revising_three_events_and_adding_two(db, tmp_path, load_on):
    def rows(*events: dict[str, str]) -> list[list[str]]:
        return [[values[name] for name in UCDP_HEADER] for values in events]

    load_on("2024-06-20")
    first = [ucdp(id=str(number)) for number in range(1, 6)]
    v24 = write_csv(tmp_path / "GEDEvent_v24_1.csv", UCDP_HEADER, rows(*first))
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [v24])] == [(5, 0)]

    load_on("2025-06-20")
    revised = [
        ucdp(id="1", best="9", high="12"),  # more deaths counted
        ucdp(id="2", latitude="4.4000"),  # placed more precisely
        ucdp(id="3", side_a="Séléka"),  # another perpetrator
        ucdp(id="4"),  # unchanged
        ucdp(id="6"),  # new
        ucdp(id="7", best="2"),  # new
    ]
    v25 = write_csv(tmp_path / "GEDEvent_v25_1.csv", UCDP_HEADER, rows(*revised))
    [report] = ingest_files(db, [v25])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 5, 1)
    assert rejects_of(db, v25.name) == [
        (5, None, "4",
         "event 4 is already in the warehouse (from GEDEvent_v24_1.csv row 5): not loaded "
         "twice"),
    ]  # fmt: skip
    current = (
        "SELECT source_event_id, version, release, fatalities, latitude, actor1, file_name "
        "FROM conflict_events ORDER BY source_event_id"
    )
    assert query(db, current) == [
        ("1", 2, "25.01", 9, 4.3612, "Anti-balaka", "GEDEvent_v25_1.csv"),
        ("2", 2, "25.01", 4, 4.4, "Anti-balaka", "GEDEvent_v25_1.csv"),
        ("3", 2, "25.01", 4, 4.3612, "Séléka", "GEDEvent_v25_1.csv"),
        ("4", 1, "24.01", 4, 4.3612, "Anti-balaka", "GEDEvent_v24_1.csv"),
        ("5", 1, "24.01", 4, 4.3612, "Anti-balaka", "GEDEvent_v24_1.csv"),
        ("6", 1, "25.01", 4, 4.3612, "Anti-balaka", "GEDEvent_v25_1.csv"),
        ("7", 1, "25.01", 2, 4.3612, "Anti-balaka", "GEDEvent_v25_1.csv"),
    ]
    assert query(db, "SELECT count(*), sum(fatalities) FROM conflict_event_versions") == [(10, 43)]
    assert known_on(db, "2025-01-01", "SELECT count(*), sum(fatalities) FROM conflict_events") == [
        (5, 20)
    ]
    assert query(db, "SELECT count(*), sum(fatalities) FROM conflict_events") == [(7, 31)]

    # the older release again, under another name: stale for the revised events
    load_on("2025-06-21")
    old = write_csv(tmp_path / "ged241.csv", UCDP_HEADER, rows(first[0]))
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [old])] == [(0, 1)]
    assert rejects_of(db, old.name) == [
        (2, None, "1",
         "event 1 in ged241.csv (release 24.01) is older than the version in the warehouse "
         "(GEDEvent_v25_1.csv row 2, release 25.01): a stale release is not loaded over a newer "
         "one"),
    ]  # fmt: skip


def test_an_acled_event_changed_later_is_a_new_version(db, tmp_path, load_on):
    load_on("2023-03-20")
    first = write_csv(
        tmp_path / "acled_march.csv", ACLED_COLUMNS, [[acled()[name] for name in ACLED_COLUMNS]]
    )
    ingest_files(db, [first])
    load_on("2023-04-20")
    later = write_csv(
        tmp_path / "acled_april.csv",
        ACLED_COLUMNS,
        [[acled(fatalities="5", timestamp="1681000000")[name] for name in ACLED_COLUMNS]],
    )
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [later])] == [(1, 0)]
    assert query(db, "SELECT fatalities, version, release FROM conflict_events") == [
        (5, 2, "2023-04-09T00:26:40")
    ]
    # a change that ACLED did not date later: refused
    same = write_csv(
        tmp_path / "acled_fix.csv",
        ACLED_COLUMNS,
        [[acled(fatalities="6", timestamp="1681000000")[name] for name in ACLED_COLUMNS]],
    )
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [same])] == [(0, 1)]
    assert rejects_of(db, same.name) == [
        (2, None, "CAF1",
         "event CAF1 is already in the warehouse (acled_april.csv row 2, release "
         "2023-04-09T00:26:40) with other values (fatalities) and this file gives release "
         "2023-04-09T00:26:40: a revised event is loaded from a later release"),
    ]  # fmt: skip


def test_trace_states_time_in_each_and_the_overdue_list(db, tmp_path, load_on):
    load_on("2024-01-20")
    first = write_csv(
        tmp_path / "traces_jan.csv",
        TRACE_HEADER,
        [
            trace("S-1"),  # sent 2024-01-10
            trace("S-2", status="acknowledged", as_of="2024-01-15"),
            trace("S-3", date_response="2024-01-18", status="responded"),
            trace("S-4", date_sent="2023-10-01", classification="confidential"),
        ],
    )
    ingest_files(db, [first])
    load_on("2024-03-05")
    later = write_csv(
        tmp_path / "traces_mar.csv",
        TRACE_HEADER,
        [
            trace("S-1", status="acknowledged", as_of="2024-02-01"),
            trace("S-2", date_response="2024-03-01", status="negative"),
        ],
    )
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [later])] == [(2, 0)]
    states = (
        "SELECT record_id, version, state, since, until, days_in_state, current, file_name "
        "FROM workflow_states WHERE workflow = 'trace request' AND classification = 'restricted' "
        "ORDER BY record_id, version"
    )
    day = dt.date
    p = f"{PANEL} "
    assert known_on(db, "2024-03-10", states) == [
        (p + "S-1", 1, "pending", day(2024, 1, 10), day(2024, 2, 1), 22, False, "traces_jan.csv"),
        (p + "S-1", 2, "acknowledged", day(2024, 2, 1), None, 38, True, "traces_mar.csv"),
        (p + "S-2", 1, "acknowledged", day(2024, 1, 15), day(2024, 3, 1), 46, False,
         "traces_jan.csv"),
        (p + "S-2", 2, "negative", day(2024, 3, 1), None, 9, True, "traces_mar.csv"),
        (p + "S-3", 0, "pending", day(2024, 1, 10), day(2024, 1, 18), 8, False, "traces_jan.csv"),
        (p + "S-3", 1, "responded", day(2024, 1, 18), None, 52, True, "traces_jan.csv"),
    ]  # fmt: skip
    # as known on a day before the second file: S-1 still pending, S-2 acknowledged
    assert known_on(db, "2024-02-15", states) == [
        (p + "S-1", 1, "pending", day(2024, 1, 10), None, 36, True, "traces_jan.csv"),
        (p + "S-2", 1, "acknowledged", day(2024, 1, 15), None, 31, True, "traces_jan.csv"),
        (p + "S-3", 0, "pending", day(2024, 1, 10), day(2024, 1, 18), 8, False, "traces_jan.csv"),
        (p + "S-3", 1, "responded", day(2024, 1, 18), None, 28, True, "traces_jan.csv"),
    ]  # fmt: skip
    overdue = (
        "SELECT trace_id, status, deadline, days_overdue "
        "FROM trace_overdue({}, 45, NULL, NULL, [], [], NULL, NULL, NULL)"
    )
    assert known_on(db, "2024-03-10", overdue.format("['restricted']")) == [
        ("S-1", "acknowledged", day(2024, 2, 24), 15)
    ]
    assert known_on(db, "2024-03-10", overdue.format("['restricted', 'confidential']")) == [
        ("S-4", "pending", day(2023, 11, 15), 116),
        ("S-1", "acknowledged", day(2024, 2, 24), 15),
    ]
    assert known_on(db, "2024-02-15", overdue.format("['restricted']")) == []
    summary = "SELECT * FROM workflow_state_summary(['restricted'], 'trace request')"
    assert known_on(db, "2024-03-10", summary) == [
        ("acknowledged", 1, 2, 42.0, 46),
        ("negative", 1, 1, 9.0, 9),
        ("responded", 1, 1, 52.0, 52),
        ("pending", 0, 2, 15.0, 22),
    ]


def test_a_withdrawn_notification_leaves_the_screening_from_its_load(db, tmp_path, load_on, capsys):
    register = tmp_path / "deliveries.csv"
    write_register(register)

    def notification(decision: str, decision_date: str) -> dict[str, str]:
        return {
            "notification_id": "SYN-NTF-0001", "embargo_id": "un-somalia-1992",
            "submitting_state": "Turkiye", "recipient": "Somali National Army",
            "date_submitted": "2013-05-02", "procedure": "notification",
            "decision": decision, "decision_date": decision_date,
        }  # fmt: skip

    load_on("2013-05-20")
    filed = write_csv(
        tmp_path / "n1.csv", EXEMPTION_HEADER, [notification("no_objection", "2013-05-16")]
    )
    load_on("2014-01-10")
    withdrawn = write_csv(
        tmp_path / "n2.csv", EXEMPTION_HEADER, [notification("withdrawn", "2014-01-09")]
    )
    load_on("2013-05-20")
    ingest_files(db, [register, filed])
    load_on("2014-01-10")
    assert [(r.rows_loaded, r.rows_rejected) for r in ingest_files(db, [withdrawn])] == [(1, 0)]
    on_file = "1 matching notification(s) on file: SYN-NTF-0001 (notification, no_objection)."
    assert reason(db, "103", "un-somalia-1992").endswith(
        "no matching notification or approval is on file."
    )

    def screen(*known_on: str) -> str:
        assert main(["screen", "--db", str(db), "--target", "SOM", "--format", "json",
                     *(["--known-on", *known_on] if known_on else [])]) == 0  # fmt: skip
        rows = json.loads(capsys.readouterr().out)
        return next(
            row["reason"]
            for row in rows
            if ":103:" in row["transfer_id"] and row["embargo_id"] == "un-somalia-1992"
        )

    assert screen("2013-12-31").endswith(on_file)
    assert screen("2014-01-10").endswith("no matching notification or approval is on file.")
    assert screen().endswith("no matching notification or approval is on file.")
    sql = "SELECT decision, version FROM exemptions"
    assert main(["sql", sql, "--db", str(db), "--known-on", "2013-06-01"]) == 0
    assert capsys.readouterr().out.splitlines() == ["decision,version", "no_objection,1"]
    assert main(["sql", sql, "--db", str(db), "--known-on", "2013-05-19"]) == 0
    assert capsys.readouterr().out.splitlines() == ["decision,version"]
    with pytest.raises(SystemExit):
        main(["sql", sql, "--db", str(db), "--known-on", "2013-02-30"])
    assert "2013-02-30 is not a date (YYYY-MM-DD)" in capsys.readouterr().err
    # The Screening page's stored verdicts, as known on a date: computed from the notifications
    # known then (the stored results otherwise).
    stored = (
        "SELECT reason FROM transfer_screening_known WHERE transfer_id LIKE '%:103:%' "
        "AND embargo_id = 'un-somalia-1992'"
    )
    [(before,)] = known_on(db, "2013-12-31", stored)
    assert before.endswith(on_file)
    [(now,)] = known_on(db, None, stored)
    assert now.endswith("no matching notification or approval is on file.")


def test_sdg_16_4_2_as_known_on_a_date(db, tmp_path, load_on):
    """A trace answered in a later file moves SDG 16.4.2 from its load on; as known on a day
    before, the indicator stands where it stood."""
    from seizure_files import write_seizure_file

    load_on("2024-04-01")
    ingest_files(db, [write_seizure_file(tmp_path, 7, events=2)])
    sent = write_csv(
        tmp_path / "sdg_traces_1.csv", TRACE_HEADER, [trace("S-1", serial_number="S07000")]
    )
    ingest_files(db, [sent])
    load_on("2024-05-01")
    answer = trace(
        "S-1", serial_number="S07000", date_response="2024-04-20", status="responded",
        last_legal_recipient_iso3="UKR",
    )  # fmt: skip
    ingest_files(db, [write_csv(tmp_path / "sdg_traces_2.csv", TRACE_HEADER, [answer])])
    sdg = "SELECT country_iso3, year, numerator, denominator FROM sdg_16_4_2(['restricted'])"
    assert known_on(db, None, sdg) == [("MLI", 2024, 1, 2)]
    assert known_on(db, "2024-04-15", sdg) == [("MLI", 2024, 0, 2)]
    assert known_on(db, "2024-05-01", sdg) == [("MLI", 2024, 1, 2)]
