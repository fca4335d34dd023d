"""Panel-of-experts findings (format poe-findings) through the real path: exact rows in
panel_findings and panel_finding_references, the links they resolve to (countries, seizure
events and items, listed parties) and the unmatched references; one bad fixture row per
validation rule; XLSX, re-loading, panel names resolved by date, and links that appear when the
events are loaded after the findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from support import copy_of, query, unknown_name, write_csv
from test_sanctions_list_ingest import ENTITY, consolidated_list, individual

from embargo.warehouse import connect_read_only, run_checks
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.sources import panel_findings

NEXT_YEAR = dt.date.today().year + 1
HEADER = list(panel_findings.FORMAT.header)


def finding(**values: str) -> list[str]:
    defaults = {
        "finding_id": "F-1", "panel": "un-car-2013", "document_symbol": "S/2019/608",
        "document_date": "2019-07-30", "paragraph": "45", "annex": "", "finding_type":
        "violation", "target_iso3": "CAF", "involved_states": "", "involved_entities": "",
        "summary": "Rifles delivered to an armed group.", "related_event_ids": "",
        "related_serials": "", "confidence": "confirmed", "status": "", "classification": "",
        "as_of": "", "correction": "",
    }  # fmt: skip
    merged = {**defaults, **values}
    return [merged[name] for name in HEADER]


# Row 1 is the header; the comment after each row gives its row number and what it tests.
ROWS = [
    finding(involved_states="Sudan; chad ;Narnia;;Sudan", involved_entities="John Example; "
            "Front Synthétique; Unknown Traders Ltd", related_event_ids="E-1; E-404",
            related_serials="ak 12-345; ZZ999", classification="confidential"),  # 2 every link
    finding(finding_id="F-2", panel="2127 Committee", document_date="2020-01-10",
            paragraph="", annex="12.3", finding_type="Alleged violation",
            target_iso3="Central African Republic", confidence="probable"),  # 3 committee name
    finding(finding_id="F-3", panel="1737 Committee", document_date="2026-01-15",
            target_iso3="IRN", finding_type="notification_failure"),  # 4 resolved by date
    finding(finding_id="F-4", finding_type="smuggling"),  # 5 unknown finding_type
    finding(finding_id="F-5", confidence="certain"),  # 6 bad confidence
    finding(finding_id="F-6", document_date="2019-02-30"),  # 7 bad date
    finding(finding_id="F-7", classification="secret"),  # 8 bad classification
    finding(finding_id="F-8", target_iso3="Narnia"),  # 9 unknown target
    finding(finding_id="F-9", panel="Panel on Atlantis"),  # 10 unknown panel
    finding(finding_id="F-10", document_symbol="final report"),  # 11 not a symbol
    finding(finding_id="F-11", paragraph=""),  # 12 neither paragraph nor annex
    finding(finding_id="F-12", panel="1737 Committee", document_date="2024-06-01"),  # 13
    finding(finding_id="F-13", document_date=f"{NEXT_YEAR}-01-01"),  # 14 future
    finding(finding_id="F-14", summary=""),  # 15 summary missing
    finding(classification="Confidential"),  # 16 F-1 again, the same content
    finding(finding_id="F-2", panel="un-car-2013", document_date="2020-01-10", paragraph="",
            annex="12.3", finding_type="alleged_violation", target_iso3="CAF",
            confidence="probable"),  # 17 F-2 again, its panel by embargo_id: the same finding
]  # fmt: skip

SEIZURE_HEADER = (
    "event_id,event_date,date_precision,country_iso3,context,reporting_entity,item_kind,"
    "weapon_category,serial_number,quantity,unit,latitude,longitude,classification"
)
SEIZURE_LINES = [
    "E-1,2019-03-01,day,CAF,seizure,Panel of Experts,weapon,assault_rifle,AK-12345,1,items,"
    "6.49,17.45,restricted",
    "E-1,2019-03-01,day,CAF,seizure,Panel of Experts,weapon,assault_rifle,AK-12346,1,items,"
    "6.49,17.45,restricted",
]


@pytest.fixture
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(warehouse, tmp_path_factory.mktemp("findings"))


def load_context(db: Path, folder: Path) -> None:
    """Seizure events and items, and a small sanctions list, for the findings to link to."""
    seizures = folder / "seizures.csv"
    seizures.write_text("\n".join([SEIZURE_HEADER, *SEIZURE_LINES]) + "\n", encoding="utf-8")
    listing = folder / "list.xml"
    listing.write_text(
        consolidated_list([individual()], [ENTITY.format(name="FRONT SYNTHETIQUE (FS)")]),
        encoding="utf-8",
    )
    reports = ingest_files(db, [seizures, listing])
    assert [report.status for report in reports] == ["loaded", "loaded"]


def test_findings_rows_links_and_rejects(db: Path, tmp_path: Path) -> None:
    load_context(db, tmp_path)
    path = write_csv(tmp_path / "findings.csv", HEADER, ROWS)
    assert detect_format(path) == "poe-findings"
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (16, 3, 13)
    assert query(
        db,
        "SELECT finding_uid, finding_id, panel, embargo_id, document_symbol, "
        "document_date::VARCHAR, paragraph, annex, finding_type, target_iso3, confidence, "
        "classification, source_row_number FROM panel_findings ORDER BY source_row_number",
    ) == [
        ("un-car-2013:F-1", "F-1", "un-car-2013", "un-car-2013", "S/2019/608", "2019-07-30",
         "45", None, "violation", "CAF", "confirmed", "confidential", 2),
        ("un-car-2013:F-2", "F-2", "2127 Committee", "un-car-2013", "S/2019/608", "2020-01-10",
         None, "12.3", "alleged_violation", "CAF", "probable", "restricted", 3),
        ("un-iran-2025:F-3", "F-3", "1737 Committee", "un-iran-2025", "S/2019/608",
         "2026-01-15", "45", None, "notification_failure", "IRN", "confirmed", "restricted", 4),
    ]  # fmt: skip
    assert query(
        db,
        "SELECT reference_kind, position, reference, matched_kind, matched_id, "
        "matched_classification FROM panel_finding_links WHERE finding_uid = 'un-car-2013:F-1' "
        "ORDER BY reference_kind, position, matched_id",
    ) == [
        ("entity", 1, "John Example", "sanctioned_party", "CDi.901", "public"),
        ("entity", 2, "Front Synthétique", "sanctioned_party", "CFe.901", "public"),
        ("entity", 3, "Unknown Traders Ltd", None, None, None),
        ("event", 1, "E-1", "seizure_event", "Panel of Experts:E-1", "restricted"),
        ("event", 2, "E-404", None, None, None),
        ("serial", 1, "ak 12-345", "seizure_item",
         query(db, "SELECT item_line_uid FROM seizure_items WHERE serial_normalized = "
               "'AK12345'")[0][0], "restricted"),
        ("serial", 2, "ZZ999", None, None, None),
        ("state", 1, "Sudan", "country", "SDN", "public"),
        ("state", 2, "chad", "country", "TCD", "public"),
        ("state", 3, "Narnia", None, None, None),
    ]  # fmt: skip
    assert query(
        db,
        "SELECT finding_id, reference_kind, reference, source_row_number "
        "FROM panel_finding_unmatched ORDER BY reference_kind, position",
    ) == [
        ("F-1", "entity", "Unknown Traders Ltd", 2),
        ("F-1", "event", "E-404", 2),
        ("F-1", "serial", "ZZ999", 2),
        ("F-1", "state", "Narnia", 2),
    ]
    assert query(
        db,
        "SELECT row_number, column_name, value, reason FROM rejects "
        "WHERE file_name = 'findings.csv' ORDER BY row_number",
    ) == [
        (5, "finding_type", "smuggling", "finding_type must be violation, alleged_violation, "
         "notification_failure, diversion, illicit_brokering, recommendation or other"),
        (6, "confidence", "certain", "confidence must be confirmed, probable or possible"),
        (7, "document_date", "2019-02-30", "document_date 2019-02-30 is not a date "
         "(YYYY-MM-DD)"),
        (8, "classification", "secret", "classification must be public, restricted, "
         "confidential or strictly_confidential"),
        (9, "target_iso3", "Narnia", unknown_name("Narnia", "target_iso3")),
        (10, "panel", "Panel on Atlantis", "panel 'Panel on Atlantis' is not an embargo_id and "
         "names no committee or panel of the embargoes table (write the embargo_id, e.g. "
         "un-libya-2011, or the committee, e.g. 1970 Committee)"),
        (11, "document_symbol", "final report", "document_symbol 'final report' is not a UN "
         "document symbol (e.g. S/2024/123)"),
        (12, "paragraph", "", "paragraph and annex are both empty: a finding must say where in "
         "the document it stands"),
        (13, "panel", "1737 Committee", "panel '1737 Committee' fits un-iran-2006, "
         "un-iran-2007, un-iran-2025, and none of them applied on the document_date "
         "2024-06-01: write the embargo_id"),
        (14, "document_date", f"{NEXT_YEAR}-01-01", f"document_date {NEXT_YEAR}-01-01 is in "
         "the future"),
        (15, "summary", "", "a value is required"),
        (16, "finding_id", "F-1", "the same finding is already in this file (row 2): not "
         "loaded twice"),
        (17, "finding_id", "F-2", "the same finding is already in this file (row 3): not "
         "loaded twice"),
    ]  # fmt: skip
    assert query(db, "SELECT count(*), count(*) FILTER (WHERE loaded) FROM raw_panel_findings") == [
        (16, 3)
    ]
    con = connect_read_only(db)
    try:
        assert all(check.passed for check in run_checks(con))
    finally:
        con.close()


def test_links_appear_when_events_come_later_and_reload_changes_nothing(
    db: Path, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "findings.csv", HEADER, ROWS[:1])
    [report] = ingest_files(db, [path])
    assert report.rows_loaded == 1
    # only the two known States link before any event, item or listed party is loaded
    assert query(db, "SELECT count(*) FROM panel_finding_unmatched") == [(8,)]
    load_context(db, tmp_path)
    assert query(db, "SELECT count(*) FROM panel_finding_unmatched") == [(4,)]
    # the same findings as XLSX: other bytes, the same finding, rejected as already loaded
    workbook = openpyxl.Workbook()
    workbook.active.title = "poe-findings"
    for row in [HEADER, *ROWS[:1]]:
        workbook.active.append(row)
    xlsx = tmp_path / "findings.xlsx"
    workbook.save(xlsx)
    assert detect_format(xlsx) == "poe-findings"
    [again] = ingest_files(db, [xlsx])
    assert (again.status, again.rows_loaded, again.rows_rejected) == ("loaded", 0, 1)
    assert query(
        db, "SELECT reason FROM rejects WHERE file_name = 'findings.xlsx'"
    ) == [("the same finding is already in the warehouse (from findings.csv row 2): not "
           "loaded twice",)]  # fmt: skip
    assert query(db, "SELECT count(*) FROM panel_findings") == [(1,)]
    assert query(db, "SELECT count(*) FROM panel_finding_references") == [(10,)]
