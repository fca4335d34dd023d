"""Tracing requests (format traces) and exemption notifications (format exemptions) through the
real path: build a warehouse, `ingest_files`, then exact rows in trace_requests, exemptions,
rejects, load_log and the raw tables. Each validation rule has a fixture row that breaks it;
XLSX, re-loading, repeated ids, the link from a trace to its seizure event whatever the load
order, and format detection are covered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import log_of, query, rejects_of, unknown_name, write_csv, write_xlsx

from embargo.warehouse import connect_read_only, run_checks
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.sources import exemptions, traces

NEXT_YEAR = dt.date.today().year + 1

TRACE_HEADER = list(traces.FORMAT.header)
PANEL = "Panel of Experts"

# Row 1 is the header; the comment after each line gives its row number and what it tests.
TRACE_LINES = [
    ["T-1", "E-1", "AK-12 345", PANEL, "Russia", "2024-04-01", "2024-06-15", "responded",
     "Ukraine", "Ministry of Defence", "1992", "stockpile, Luhansk", "SIPRI 12345", "",
     "confidential"],  # 2 answered, event of one entity
    ["T-2", "DUP-1", "", PANEL, "Izhmash", "2024-04-01", "", "pending"],  # 3 to a manufacturer
    ["T-3", "", "FN-9 9", PANEL, "bel", "2024-05-02", "2024-05-30", "Partial"],  # 4 code, case
    ["T-4", "LATE-1", "", "JMAC MINUSMA", "China", "2023-01-10", "", "no_response"],  # 5
    ["T-5", "E-1", "", PANEL, "Sudan", "2024-02-01", "2024-03-01", "declined", "SUN"],  # 6
    ["", "E-1", "", PANEL, "Russia", "2024-04-01", "", "pending"],  # 7 trace_id missing
    ["T-7", "", "", PANEL, "Russia", "2024-04-01", "", "pending"],  # 8 nothing traced
    ["T-8", "E-1", "", PANEL, "Russia", "2024-02-30", "", "pending"],  # 9 not a date
    ["T-9", "E-1", "", PANEL, "Russia", f"{NEXT_YEAR}-01-01", "", "pending"],  # 10 future
    ["T-10", "E-1", "", PANEL, "Russia", "2024-04-01", "2024-03-01", "declined"],  # 11 order
    ["T-11", "E-1", "", PANEL, "Russia", "2024-04-01", "", "responded"],  # 12 no answer date
    ["T-12", "E-1", "", PANEL, "Russia", "2024-04-01", "2024-05-01", "pending"],  # 13
    ["T-13", "E-1", "", PANEL, "Russia", "2024-04-01", "", "waiting"],  # 14 vocabulary
    ["T-14", "E-1", "", PANEL, "Russia", "2024-04-01", "", "pending", "Narnia"],  # 15
    ["T-15", "E-1", "", PANEL, "Russia", "2024-04-01", "", "pending", "Amal (Lebanon)*"],  # 16
    ["T-16", "E-1", "", PANEL, "Russia", "2024-04-01", "", "pending", "", "", "92"],  # 17
    ["T-17", "E-1", "", PANEL, "Russia", "2023-01-01", "", "pending", "", "", "2024"],  # 18
    ["T-18", "E-1", "none", PANEL, "Russia", "2024-04-01", "", "pending"],  # 19 placeholder
    ["T-19", "E-1", "", PANEL, "Russia", "2024-04-01", "", "pending", "", "", "", "", "", "",
     "secret"],  # 20 classification
    ["T-1", "E-1", "AK12345", PANEL, "RUS", "2024-04-01", "2024-06-15", "responded",
     "UKR", "ministry of defence", "1992", "stockpile, Luhansk", "SIPRI 12345", "",
     "confidential"],  # 21 the same request again, other spellings
    ["T-2", "DUP-1", "", PANEL, "Izhmash", "2024-04-01", "2024-05-01", "responded"],  # 22
    ["T-20", "E-1", "", " ", "", "2024-04-01", "", "pending"],  # 23 two values missing
]  # fmt: skip

EXEMPTION_HEADER = list(exemptions.FORMAT.header)
EXEMPTION_LINES = [
    ["N-1", "un-libya-2011", "France", "Libyan Coast Guard", "2022-03-01", "notification",
     "no_objection", "2022-03-15", "SALW", "200", "rifles, 7.62 mm", "LBY-N-1"],  # 2
    ["N-2", "UN-SOMALIA-1992", "United States", "Somalia", "2010-05-01", "Approval request",
     "approved", "2010-06-01"],  # 3 embargo_id case, procedure spelling
    ["N-3", "un-al-qaida-taliban-2002", "African Union**", "", "2016-01-10", "notification",
     "pending"],  # 4 an organisation submits; no target country
    ["N-4", "un-yugoslavia-1991", "DEU", "", "1993-01-01", "notification",
     "not_required"],  # 5 several target countries
    ["N-5", "un-car-2013", "Russia", "Forces armées centrafricaines", "2018-01-01",
     "notification", "no_objection", "", "I", "10", "", "", "confidential"],  # 6
    ["N-6", "un-narnia-2020", "France", "", "2022-03-01", "notification", "pending"],  # 7
    ["N-7", "un-libya-2011", "Narnia", "", "2022-03-01", "notification", "pending"],  # 8
    ["N-8", "un-libya-2011", "Amal (Lebanon)*", "", "2022-03-01", "notification",
     "pending"],  # 9 a non-state actor
    ["N-9", "un-libya-2011", "France", "", "2022-3-1", "notification", "pending"],  # 10
    ["N-10", "un-libya-2011", "France", "", "2022-03-01", "email", "pending"],  # 11
    ["N-11", "un-libya-2011", "France", "", "2022-03-01", "notification", "maybe"],  # 12
    ["N-12", "un-libya-2011", "France", "", "2022-03-01", "notification", "no_objection",
     "2022-02-01"],  # 13 decided before submitted
    ["N-13", "un-libya-2011", "France", "", "2022-03-01", "notification", "pending",
     "2022-04-01"],  # 14 pending with a decision date
    ["N-14", "un-libya-2011", "France", "", "2022-03-01", "notification", "pending", "", "",
     "0"],  # 15 quantity not positive
    ["N-15", "un-libya-2011", "France", "", "2022-03-01", "notification", "pending", "", "",
     "lots"],  # 16 quantity not a number
    ["N-16", "un-libya-2011", "France", "", "2010-01-01", "notification", "pending"],  # 17
    ["N-17", "un-libya-2011", "France", "", "2022-03-01", "notification", "pending", "", "",
     "", "", "", "top secret"],  # 18 classification
    ["N-1", "un-libya-2011", "FRA", "Libyan Coast Guard", "2022-03-01", "notification",
     "no_objection", "2022-03-15", "SALW", "200.0", "rifles, 7.62 mm", "LBY-N-1"],  # 19
    ["N-2", "un-somalia-1992", "United States", "Somalia", "2010-05-01", "approval_request",
     "denied", "2010-06-01"],  # 20 the same id, another decision
    ["", "un-libya-2011", "France", "", f"{NEXT_YEAR}-01-01", "notification", "pending"],  # 21
]  # fmt: skip

SEIZURE_HEADER = (
    "event_id,event_date,date_precision,country_iso3,context,reporting_entity,item_kind,"
    "weapon_category,serial_number,quantity,unit"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("traces_exemptions") / "w.duckdb"
    build_warehouse(path)
    return path


def write_seizures(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join([SEIZURE_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def traces_of(db: Path, file_name: str) -> list[tuple]:
    return query(
        db,
        "SELECT source_row_number, trace_id, event_id, event_uid, serial_number, "
        "serial_normalized, requesting_entity, addressed_to, addressed_to_iso3, date_sent, "
        "date_response, status, last_legal_recipient_iso3, last_legal_recipient_entity, "
        "transfer_year, diversion_point, transfer_ref, classification FROM trace_requests "
        "WHERE file_name = ? ORDER BY source_row_number",
        [file_name],
    )


def exemptions_of(db: Path, file_name: str) -> list[tuple]:
    return query(
        db,
        "SELECT source_row_number, notification_id, embargo_id, submitting_state, "
        "submitting_state_iso3, recipient, recipient_iso3, date_submitted, procedure, decision, "
        "decision_date, category, quantity, items_description, reference, classification "
        "FROM exemptions WHERE file_name = ? ORDER BY source_row_number",
        [file_name],
    )


def counts(db: Path) -> tuple:
    return query(
        db,
        "SELECT (SELECT count(*) FROM trace_requests), (SELECT count(*) FROM exemptions), "
        "(SELECT count(*) FROM rejects), (SELECT count(*) FROM load_log), "
        "(SELECT count(*) FROM raw_traces), (SELECT count(*) FROM raw_exemptions)",
    )[0]


def test_traces_csv_rows_rejects_and_log(db, tmp_path):
    # E-1 belongs to one entity; DUP-1 is an event id two entities use
    seizures = write_seizures(
        tmp_path / "events.csv",
        [
            "E-1,2024-03-05,day,MLI,seizure,JMAC MINUSMA,weapon,assault_rifle,AK-12 345,1,items",
            "DUP-1,2024-03,month,MLI,cache,JMAC MINUSMA,weapon,pistol,,1,items",
            "DUP-1,2024,year,NER,cache,Niger police,weapon,pistol,,1,items",
        ],
    )
    path = write_csv(tmp_path / "traces_2024.csv", TRACE_HEADER, TRACE_LINES)
    reports = ingest_files(db, [seizures, path])
    assert [(r.format, r.status, r.rows_read, r.rows_loaded, r.rows_rejected) for r in reports] == [
        ("seizures", "loaded", 3, 3, 0),
        ("traces", "loaded", 22, 4, 18),
    ]
    assert log_of(db, path.name) == [("tracing_requests", "traces", "trace_requests", 22, 4, 18)]
    e1 = "JMAC MINUSMA:E-1"
    assert traces_of(db, path.name) == [
        (2, "T-1", "E-1", e1, "AK-12 345", "AK12345", PANEL, "Russia", "RUS",
         dt.date(2024, 4, 1), dt.date(2024, 6, 15), "responded", "UKR", "Ministry of Defence",
         1992, "stockpile, Luhansk", "SIPRI 12345", "confidential"),
        (4, "T-3", None, None, "FN-9 9", "FN99", PANEL, "bel", "BEL", dt.date(2024, 5, 2),
         dt.date(2024, 5, 30), "partial", None, None, None, None, None, "restricted"),
        (5, "T-4", "LATE-1", None, None, None, "JMAC MINUSMA", "China", "CHN",
         dt.date(2023, 1, 10), None, "no_response", None, None, None, None, None, "restricted"),
        (6, "T-5", "E-1", e1, None, None, PANEL, "Sudan", "SDN", dt.date(2024, 2, 1),
         dt.date(2024, 3, 1), "declined", "SUN", None, None, None, None, "restricted"),
    ]  # fmt: skip
    conflicting = (
        "trace_id T-2 of Panel of Experts is in rows 3, 22 of this file with different values "
        "(date_response, status): conflicting versions in one file are not loaded; give one "
        "line per record, each version in a file of its own date"
    )
    assert rejects_of(db, path.name) == [
        (3, "trace_id", "T-2", conflicting),
        (7, "trace_id", "", "a value is required"),
        (8, None, None,
         "event_id and serial_number are both empty: a tracing request needs at least one "
         "(what is being traced)"),
        (9, "date_sent", "2024-02-30", "date_sent 2024-02-30 is not a date (YYYY-MM-DD)"),
        (10, "date_sent", f"{NEXT_YEAR}-01-01", f"date_sent {NEXT_YEAR}-01-01 is in the future"),
        (11, "date_response", "2024-03-01",
         "date_response 2024-03-01 is before date_sent 2024-04-01"),
        (12, "date_response", "",
         "status responded needs date_response: the date the answer came"),
        (13, "status", "pending",
         "status pending but date_response 2024-05-01 is given: an answered request is "
         "responded, partial, negative or declined"),
        (14, "status", "waiting",
         "status must be pending, acknowledged, responded, partial, negative, no_response or "
         "declined"),
        (15, "last_legal_recipient_iso3", "Narnia",
         unknown_name("Narnia", "last_legal_recipient_iso3")),
        (16, "last_legal_recipient_iso3", "Amal (Lebanon)*",
         "last_legal_recipient_iso3 'Amal (Lebanon)*' names a non-state actor, not a country"),
        (17, "transfer_year", "92", "transfer_year 92 is not a four-digit year"),
        (18, "transfer_year", "2024",
         "transfer_year 2024 is after date_sent 2023-01-01: the transfer to the last legal "
         "recipient came before the item was traced"),
        (19, "serial_number", "none",
         "serial_number 'none' is not a serial number: leave serial_number empty and describe "
         "the marking (obliterated, removed, ...) in markings or notes"),
        (20, "classification", "secret",
         "classification must be public, restricted, confidential or strictly_confidential"),
        (21, "trace_id", "T-1",
         "the same tracing request is already in this file (row 2): not loaded twice"),
        (22, "trace_id", "T-2", conflicting),
        (23, "addressed_to", "", "a value is required"),
        (23, "requesting_entity", "", "a value is required"),
    ]  # fmt: skip


def test_trace_links_to_an_event_loaded_later(db, tmp_path):
    # T-4 (from the test above) names LATE-1, which only now arrives
    assert query(db, "SELECT event_uid FROM trace_requests WHERE trace_id = 'T-4'") == [(None,)]
    late = write_seizures(
        tmp_path / "late.csv", ["LATE-1,2022-12,month,MLI,recovery,JMAC MINUSMA,part,,,2,items"]
    )
    ingest_files(db, [late])
    assert query(db, "SELECT event_uid FROM trace_requests WHERE trace_id = 'T-4'") == [
        ("JMAC MINUSMA:LATE-1",)
    ]
    # a second event E-1 of another entity makes the link ambiguous: it is dropped
    other = write_seizures(
        tmp_path / "other_e1.csv", ["E-1,2021,year,TCD,surrender,Chad police,other,,,1,items"]
    )
    ingest_files(db, [other])
    assert query(
        db, "SELECT trace_id, event_uid FROM trace_requests WHERE event_id = 'E-1' ORDER BY 1"
    ) == [("T-1", None), ("T-5", None)]


def test_trace_reload_and_repeated_requests_across_files(db, tmp_path):
    rows = [["R-1", "", "SN-1", PANEL, "France", "2024-01-10", "", "pending"]]
    path = write_csv(tmp_path / "traces_again.csv", TRACE_HEADER, rows)
    [first] = ingest_files(db, [path])
    before = counts(db)
    [again] = ingest_files(db, [path])
    assert (again.status, again.load_id) == ("already_loaded", first.load_id)
    assert counts(db) == before
    # the same request in a workbook, other spellings (an answer is a new version:
    # test_versions.py)
    rows = [
        TRACE_HEADER,
        ["R-1", None, "sn 1", PANEL, "FRANCE", dt.datetime(2024, 1, 10), None, "pending"],
        ["R-2", None, "SN-2", PANEL, "Beretta", dt.date(2024, 1, 11), None, "pending"],
    ]  # fmt: skip
    xlsx = write_xlsx(tmp_path / "traces_update.xlsx", {"Cover": [["x"]], "Traces": rows})
    assert detect_format(xlsx) == "traces"
    [report] = ingest_files(db, [xlsx])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    assert rejects_of(db, xlsx.name) == [
        (2, "trace_id", "R-1",
         "the same tracing request is already in the warehouse (from traces_again.csv row 2): "
         "not loaded twice"),
    ]  # fmt: skip
    assert [row[:2] + row[7:10] for row in traces_of(db, xlsx.name)] == [
        (3, "R-2", "Beretta", None, dt.date(2024, 1, 11))
    ]
    assert query(
        db,
        "SELECT source_row_number, trace_id, status, loaded FROM raw_traces WHERE file_name = ? "
        "ORDER BY 1",
        [xlsx.name],
    ) == [(2, "R-1", "pending", False), (3, "R-2", "pending", True)]


def test_exemptions_csv_rows_rejects_and_log(db, tmp_path):
    path = write_csv(tmp_path / "notifications.csv", EXEMPTION_HEADER, EXEMPTION_LINES)
    [report] = ingest_files(db, [path])
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "exemptions",
        20,
        4,
        16,
    )
    assert log_of(db, path.name) == [
        ("exemption_notifications", "exemptions", "exemptions", 20, 4, 16)
    ]
    assert exemptions_of(db, path.name) == [
        (2, "N-1", "un-libya-2011", "France", "FRA", "Libyan Coast Guard", "LBY",
         dt.date(2022, 3, 1), "notification", "no_objection", dt.date(2022, 3, 15), "SALW",
         200.0, "rifles, 7.62 mm", "LBY-N-1", "restricted"),
        (4, "N-3", "un-al-qaida-taliban-2002", "African Union**", None, None, None,
         dt.date(2016, 1, 10), "notification", "pending", None, None, None, None, None,
         "restricted"),
        (5, "N-4", "un-yugoslavia-1991", "DEU", "DEU", None, None, dt.date(1993, 1, 1),
         "notification", "not_required", None, None, None, None, None, "restricted"),
        (6, "N-5", "un-car-2013", "Russia", "RUS", "Forces armées centrafricaines", "CAF",
         dt.date(2018, 1, 1), "notification", "no_objection", None, "I", 10.0, None, None,
         "confidential"),
    ]  # fmt: skip
    conflicting = (
        "notification_id N-2 of un-somalia-1992 is in rows 3, 20 of this file with different "
        "values (decision): conflicting versions in one file are not loaded; give one line per "
        "record, each version in a file of its own date"
    )
    assert rejects_of(db, path.name) == [
        (3, "notification_id", "N-2", conflicting),
        (7, "embargo_id", "un-narnia-2020",
         "embargo_id 'un-narnia-2020' is not a known embargo: use an embargo_id of the "
         "embargoes table, e.g. un-libya-2011 (Embargo regimes page)"),
        (8, "submitting_state", "Narnia", unknown_name("Narnia", "submitting_state")),
        (9, "submitting_state", "Amal (Lebanon)*",
         "submitting_state 'Amal (Lebanon)*' names a non-state actor: exemptions are submitted "
         "by States or international organisations"),
        (10, "date_submitted", "2022-3-1", "date_submitted 2022-3-1 is not a date (YYYY-MM-DD)"),
        (11, "procedure", "email", "procedure must be notification or approval_request"),
        (12, "decision", "maybe",
         "decision must be no_objection, approved, denied, pending, not_required, objection or "
         "withdrawn"),
        (13, "decision_date", "2022-02-01",
         "decision_date 2022-02-01 is before date_submitted 2022-03-01"),
        (14, "decision_date", "2022-04-01",
         "decision_date 2022-04-01 is given but decision is pending: give the decision, or "
         "leave decision_date empty"),
        (15, "quantity", "0", "quantity must be positive"),
        (16, "quantity", "lots",
         "quantity 'lots' is not a number: write digits with '.' for decimals and no thousands "
         "separators or units"),
        (17, "date_submitted", "2010-01-01",
         "date_submitted 2010-01-01 is before the embargo un-libya-2011 was imposed "
         "(2011-02-26)"),
        (18, "classification", "top secret",
         "classification must be public, restricted, confidential or strictly_confidential"),
        (19, "notification_id", "N-1",
         "the same notification is already in this file (row 2): not loaded twice"),
        (20, "notification_id", "N-2", conflicting),
        (21, "date_submitted", f"{NEXT_YEAR}-01-01",
         f"date_submitted {NEXT_YEAR}-01-01 is in the future"),
        (21, "notification_id", "", "a value is required"),
    ]  # fmt: skip


def test_exemptions_xlsx_reload_and_repeat_across_files(db, tmp_path):
    rows = [
        [*EXEMPTION_HEADER, "desk_officer"],
        ["X-1", "un-south-sudan-2018", "Uganda", "SPLA", dt.datetime(2019, 5, 6), "notification",
         "no_objection", dt.datetime(2019, 5, 20), "SALW", 50, None, None, None, None, None,
         "A. N. Other"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "exemptions.xlsx", {"Exemptions": rows})
    assert detect_format(path) == "exemptions"
    [first] = ingest_files(db, [path])
    assert (first.rows_loaded, first.rows_rejected) == (1, 0)
    assert [row[1:8] + row[12:13] for row in exemptions_of(db, path.name)] == [
        ("X-1", "un-south-sudan-2018", "Uganda", "UGA", "SPLA", "SSD", dt.date(2019, 5, 6), 50.0)
    ]
    assert query(
        db,
        "SELECT date_submitted, quantity, extra_columns, loaded FROM raw_exemptions "
        "WHERE file_name = ?",
        [path.name],
    ) == [("2019-05-06", "50", '{"desk_officer": "A. N. Other"}', True)]
    before = counts(db)
    assert ingest_files(db, [path])[0].status == "already_loaded"
    assert counts(db) == before
    resaved = write_csv(
        tmp_path / "exemptions_resaved.csv",
        EXEMPTION_HEADER,
        [["X-1", "un-south-sudan-2018", "UGA", "spla", "2019-05-06", "notification",
          "no_objection", "2019-05-20", "salw", "50"]],
    )  # fmt: skip
    [report] = ingest_files(db, [resaved])
    assert (report.rows_loaded, report.rows_rejected) == (0, 1)
    assert rejects_of(db, resaved.name) == [
        (2, "notification_id", "X-1",
         "the same notification is already in the warehouse (from exemptions.xlsx row 2): not "
         "loaded twice"),
    ]  # fmt: skip


def test_detection_and_refused_files(db, tmp_path):
    traces_csv = write_csv(tmp_path / "t.csv", TRACE_HEADER, [])
    minimal_traces = tmp_path / "t_min.csv"
    minimal_traces.write_text("trace_id,requesting_entity,addressed_to,date_sent,status\n")
    exemptions_csv = write_csv(tmp_path / "x.csv", EXEMPTION_HEADER, [])
    traces_xlsx = write_xlsx(tmp_path / "t.xlsx", {"Sheet1": [TRACE_HEADER]})
    exemptions_xlsx = write_xlsx(
        tmp_path / "x.xlsx", {"Sheet1": [["x"]], "exemptions": [EXEMPTION_HEADER]}
    )
    paths = (traces_csv, minimal_traces, exemptions_csv, traces_xlsx, exemptions_xlsx)
    assert [detect_format(p) for p in paths] == [
        "traces",
        "traces",
        "exemptions",
        "traces",
        "exemptions",
    ]
    missing = write_csv(tmp_path / "missing.csv", ["notification_id", "embargo_id"], [["a", "b"]])
    reports = ingest_files(db, [missing], "exemptions") + ingest_files(db, [traces_csv], "traces")
    assert [(report.status, report.message) for report in reports] == [
        ("refused",
         "missing.csv: missing required column(s) submitting_state, date_submitted, procedure, "
         "decision; exemption notifications (exemptions) files need the columns "
         "notification_id, embargo_id, submitting_state, date_submitted, procedure, decision "
         "(optional: recipient, decision_date, category, quantity, items_description, "
         "reference, classification, as_of, correction)"),
        ("refused", "t.csv: no data rows below the header"),
    ]  # fmt: skip


def test_warehouse_checks_pass_after_the_loads(db):
    con = connect_read_only(db)
    try:
        failed = [(check.name, check.sample) for check in run_checks(con) if not check.passed]
    finally:
        con.close()
    assert failed == []
