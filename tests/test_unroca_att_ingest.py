"""UN Register (unroca) and ATT report (att) files through the real path: build a warehouse,
`ingest_files`, then exact rows in transfers, rejects, load_log and the raw tables. Each
validation rule has a fixture row that breaks it; nil reports, Latin-1, BOM, CRLF and XLSX are
covered; loading a file again, or the same report re-saved, changes nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support import log_of, query, rejects_of, unknown_name, write_xlsx

from embargo.warehouse import connect_read_only, connect_writable, run_checks
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.kit.tables import FileRefused
from ingest.sources import att, unroca

THIS_YEAR = dt.date.today().year
UNROCA_CATEGORY = "expected I to VII or SALW-small:<name> / SALW-light:<name>"

UNROCA_HEADER = list(unroca.FORMAT.header)
ATT_HEADER = list(att.FORMAT.header)

# Line 1 is the header; the comment after each row says what it tests.
UNROCA_LINES = [
    "France,2019,export,II,Chad,10,,,VAB armoured vehicles,two batches",  # 2 good export
    "Chad,2019,import,ii,France,10,,,VAB,",  # 3 good import, lower-case category
    "Germany,2020,export,SALW-small:rifles,Mali,200,,,G36,",  # 4 SALW sub-category
    "Mali,2020,import,SALW-light:mortars,DEU,12,Belgium,Senegal,60 mm mortars,via Dakar",  # 5
    "Norway,2020,export,III,,0,,,,nil report",  # 6 nil report
    "France,2019,export,IX,Chad,5,,,,",  # 7 unknown category
    "France,1985,export,I,Chad,5,,,,",  # 8 year before the Register
    "France,2019,shipped,I,Chad,5,,,,",  # 9 flow
    "Atlantis,2019,export,I,Chad,5,,,,",  # 10 unknown reporting state
    "France,2019,export,I,Narnia,5,,,,",  # 11 unknown counterpart
    "France,2019,export,I,Chad,-3,,,,",  # 12 negative number
    "France,2019,export,I,Chad,2.5,,,,",  # 13 not a whole number
    "France,2019,export,I,,5,,,,",  # 14 empty counterpart without nil
    "France,2019,export,I,France,5,,,,",  # 15 counterpart is the reporter
    ",2019,export,,Chad,5,,,,",  # 16 required values missing
    "Amal (Lebanon)*,2019,export,I,Chad,5,,,,",  # 17 reporter not a State
    "France,2019,export,SALW-small:,Chad,5,,,,",  # 18 SALW without a name
    "France,2019,export,I,Chad,5,Narnia,,,",  # 19 unknown state of origin
    "France,2019,export,I,Chad,5,,,,,stray",  # 20 value without a header
    "France,twenty,export,I,Chad,5,,,,",  # 21 year not a number
    "France,2019,export,II,Chad,10,,,VAB armoured vehicles,same line again",  # 22 duplicate
]

ATT_LINES = [
    "Sweden,2021,export,actual,IV,Brazil,2,,,Gripen E,",  # 2 items only
    "Sweden,2021,export,authorized,VIII:rifles,Norway,,150000.50,sek,,licence",  # 3 value only
    "Brazil,2021,import,Actual,IV,SWE,2,90000000,USD,,",  # 4 both, ISO3 counterpart
    "Norway,2021,export,authorised,VII,,0,,,,nil",  # 5 nil report, British spelling
    "Peru,2021,import,actual,VIII,,,0,,,nil by value",  # 6 nil report given as value 0
    "Sweden,2021,export,actual,IX,Brazil,2,,,,",  # 7 category
    "Sweden,2013,export,actual,I,Brazil,2,,,,",  # 8 year before the ATT
    "Sweden,2021,export,planned,I,Brazil,2,,,,",  # 9 basis
    "Sweden,2021,export,actual,I,Brazil,,,,,",  # 10 neither items nor value
    "Sweden,2021,export,actual,I,Brazil,,1000,,,",  # 11 value without currency
    "Sweden,2021,export,actual,I,Brazil,,1000,DOLLARS,,",  # 12 currency not ISO 4217
    'Sweden,2021,export,actual,I,Brazil,,"1,000",USD,,',  # 13 thousands separator
    "Sweden,2021,export,actual,I,Brazil,,-5,USD,,",  # 14 negative value
    "Sweden,2021,export,actual,I,,3,,,,",  # 15 empty counterpart without nil
    "Sweden,2021,export,actual,VIII:,Brazil,3,,,,",  # 16 empty sub-category
    "Sweden,2021,inbound,actual,I,Brazil,3,,,,",  # 17 flow
    "Sweden,2021,export,actual,I,Sweden,3,,,,",  # 18 counterpart is the reporter
    "Sweden,2021,export,actual,I,Narnia,3,,,,",  # 19 unknown counterpart
    "NATO**,2021,export,actual,I,Brazil,3,,,,",  # 20 reporter not a State
    ",,,,,,,,,,",  # 21 empty line: skipped, not a row
    "Sweden,2021,export,actual,I,Brazil,1.5,,,,",  # 22 not a whole number
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("registers") / "w.duckdb"
    build_warehouse(path)
    return path


def write_csv(path: Path, header: list[str], lines: list[str], **options) -> Path:
    newline = options.get("newline", "\n")
    text = newline.join([",".join(header), *lines]) + newline
    data = text.encode(options.get("encoding", "utf-8"))
    path.write_bytes((b"\xef\xbb\xbf" if options.get("bom") else b"") + data)
    return path


def transfers_of(db: Path, file_name: str) -> list[tuple]:
    return query(
        db,
        "SELECT source_row_number, reporting_state_iso3, flow, supplier_name, supplier_iso3, "
        "supplier_actor_type, recipient_name, recipient_iso3, recipient_actor_type, category, "
        "category_as_reported, order_year, delivery_year, quantity, value, value_unit, status, "
        "is_nil_report, description, comments, classification "
        "FROM transfers WHERE file_name = ? ORDER BY source_row_number",
        [file_name],
    )


def counts(db: Path) -> tuple:
    return query(
        db,
        "SELECT (SELECT count(*) FROM transfers), (SELECT count(*) FROM rejects), "
        "(SELECT count(*) FROM load_log), (SELECT count(*) FROM raw_unroca), "
        "(SELECT count(*) FROM raw_att)",
    )[0]


def test_unroca_csv_rows_rejects_and_log(db, tmp_path):
    path = write_csv(tmp_path / "unroca_2019.csv", UNROCA_HEADER, UNROCA_LINES)
    [report] = ingest_files(db, [path])
    assert (report.format, report.status, report.rows_read, report.rows_loaded) == (
        "unroca",
        "loaded",
        21,
        6,
    )
    assert report.rows_rejected == 15
    assert log_of(db, path.name) == [("un_register", "unroca", "transfers", 21, 6, 15)]
    vab = "VAB armoured vehicles"
    assert transfers_of(db, path.name) == [
        (2, "FRA", "export", "France", "FRA", "state", "Chad", "TCD", "state", "II", "II",
         None, 2019, 10.0, None, None, None, False, vab, "two batches", "public"),
        (3, "TCD", "import", "France", "FRA", "state", "Chad", "TCD", "state", "II", "ii",
         None, 2019, 10.0, None, None, None, False, "VAB", None, "public"),
        (4, "DEU", "export", "Germany", "DEU", "state", "Mali", "MLI", "state", "SALW",
         "SALW-small:rifles", None, 2020, 200.0, None, None, None, False, "G36", None, "public"),
        (5, "MLI", "import", "DEU", "DEU", "state", "Mali", "MLI", "state", "SALW",
         "SALW-light:mortars", None, 2020, 12.0, None, None, None, False, "60 mm mortars",
         "via Dakar; state of origin: Belgium (BEL); intermediate location: Senegal", "public"),
        (6, "NOR", "export", "Norway", "NOR", "state", None, None, None, "III", "III",
         None, 2020, 0.0, None, None, None, True, None, "nil report", "public"),
        (22, "FRA", "export", "France", "FRA", "state", "Chad", "TCD", "state", "II", "II",
         None, 2019, 10.0, None, None, None, False, vab, "same line again", "public"),
    ]  # fmt: skip
    assert rejects_of(db, path.name) == [
        (7, "category", "IX", f"category 'IX' is not a UN Register category: {UNROCA_CATEGORY}"),
        (
            8,
            "calendar_year",
            "1985",
            f"calendar_year 1985 is outside 1992 to {THIS_YEAR}: the UN Register covers 1992 "
            "onwards",
        ),
        (9, "flow", "shipped", "flow 'shipped' is not export or import"),
        (10, "reporting_state", "Atlantis", unknown_name("Atlantis")),
        (11, "counterpart_state", "Narnia", unknown_name("Narnia")),
        (12, "number_of_items", "-3", "number_of_items -3 is negative: expected 0 or more"),
        (
            13,
            "number_of_items",
            "2.5",
            "number_of_items '2.5' is not a whole number of items (digits only, no decimals or "
            "thousands separators)",
        ),
        (
            14,
            "counterpart_state",
            "",
            "counterpart_state is required: only a nil report (number_of_items 0) leaves it empty",
        ),
        (15, "counterpart_state", "France",
         "counterpart_state 'France' is the reporting state itself"),
        (16, "category", "", "a value is required"),
        (16, "reporting_state", "", "a value is required"),
        (
            17,
            "reporting_state",
            "Amal (Lebanon)*",
            "'Amal (Lebanon)*' is not a State (non_state): reports are made by States",
        ),
        (
            18,
            "category",
            "SALW-small:",
            f"category 'SALW-small:' has no sub-category name after ':': {UNROCA_CATEGORY}",
        ),
        (19, "state_of_origin", "Narnia", unknown_name("Narnia")),
        (
            20,
            None,
            "stray",
            "value(s) in column 11, which has no header: a value with an unquoted comma splits "
            "into two; quote it",
        ),
        (21, "calendar_year", "twenty", "calendar_year 'twenty' is not a four-digit year"),
    ]  # fmt: skip


def test_unroca_record_ids_are_content_based_and_unique_in_a_file(db, tmp_path):
    lines = [
        "Belgium,2018,export,I,Chad,4,,,Leopard 1,first",
        "Chad,2018,import,I,BEL,4,,,leopard   1,",
        "Belgium,2018,export,I,Chad,4,,,Leopard 1,same line with another comment",
    ]
    path = write_csv(tmp_path / "unroca_ids.csv", UNROCA_HEADER, lines)
    ingest_files(db, [path])
    ids = query(
        db,
        "SELECT source_row_number, source_record_id, transfer_id FROM transfers "
        "WHERE file_name = ? ORDER BY source_row_number",
        [path.name],
    )
    assert [row[0] for row in ids] == [2, 3, 4]
    (_, first, first_transfer), (_, chad, _), (_, again, again_transfer) = ids
    assert re.fullmatch(r"BEL-2018-export-[0-9a-f]{12}", first)
    assert re.fullmatch(r"TCD-2018-import-[0-9a-f]{12}", chad)
    assert again == first + "-2"  # the same line twice in a file: two transfers, distinct ids
    assert first_transfer == f"un_register:{first}:2018"
    assert again_transfer == f"un_register:{first}-2:2018"


def test_unroca_raw_table_keeps_every_row_as_delivered(db, tmp_path):
    lines = [
        "France,2019,export,II,Chad,10,,,VAB,,kept",
        "France,2019,export,IX,Chad, 5 ,,,,,",
    ]
    path = write_csv(tmp_path / "unroca_raw.csv", [*UNROCA_HEADER, "national_ref"], lines)
    ingest_files(db, [path])
    assert query(
        db,
        "SELECT source_row_number, reporting_state, calendar_year, category, number_of_items, "
        "state_of_origin, extra_columns, loaded FROM raw_unroca WHERE file_name = ? "
        "ORDER BY source_row_number",
        [path.name],
    ) == [
        (2, "France", "2019", "II", "10", "", '{"national_ref": "kept"}', True),
        (3, "France", "2019", "IX", " 5 ", "", None, False),
    ]


def test_unroca_bom_crlf_multiline_record(db, tmp_path):
    lines = [
        'Côte d’Ivoire,2021,import,SALW-small:pistols,France,40,,,"pistols, with\r\nholsters",',
        "Côte d’Ivoire,2021,import,XI,France,4,,,,",
    ]
    path = write_csv(tmp_path / "unroca_bom.csv", UNROCA_HEADER, lines, newline="\r\n", bom=True)
    assert detect_format(path) == "unroca"
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    assert [row[:8] + row[18:19] for row in transfers_of(db, path.name)] == [
        (2, "CIV", "import", "France", "FRA", "state", "Côte d’Ivoire", "CIV",
         "pistols, with\r\nholsters"),
    ]  # fmt: skip
    # the record before it spans lines 2-3, so the bad record starts on line 4
    assert [row[:3] for row in rejects_of(db, path.name)] == [(4, "category", "XI")]


def test_unroca_latin1(db, tmp_path):
    lines = ["Côte d'Ivoire,2022,import,I,Türkiye,3,,,,réception à Abidjan"]
    path = write_csv(tmp_path / "unroca_latin1.csv", UNROCA_HEADER, lines, encoding="latin-1")
    assert detect_format(path) == "unroca"
    [report] = ingest_files(db, [path])
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert [(row[3], row[4], row[6], row[7], row[19]) for row in transfers_of(db, path.name)] == [
        ("Türkiye", "TUR", "Côte d'Ivoire", "CIV", "réception à Abidjan")
    ]


def test_unroca_xlsx_sheet_row_numbers_and_resave_loads_nothing_twice(db, tmp_path):
    lines = [
        line.replace(",2019,", ",2017,").replace(",2020,", ",2017,") for line in UNROCA_LINES[:5]
    ]
    csv_path = write_csv(tmp_path / "unroca_resave.csv", UNROCA_HEADER, lines)
    ingest_files(db, [csv_path])
    before = counts(db)
    rows = [
        UNROCA_HEADER,
        # the same five lines as typed cells, in another order, with a blank row and a bad row
        ["Norway", 2017, "export", "III", None, 0, None, None, None, "nil report"],
        ["Chad", 2017, "import", "ii", "France", 10.0, None, None, "VAB", None],
        [],
        ["France", 2017, "export", "II", "Chad", 10, None, None, "VAB armoured vehicles", "x"],
        ["Germany", 2017, "export", "SALW-small:rifles", "Mali", 200, None, None, "G36"],
        ["Mali", 2017, "import", "SALW-light:mortars", "DEU", 12, "Belgium", "Senegal",
         "60 mm mortars", "via Dakar"],
        ["France", 2017, "export", "VIII", "Chad", 1, None, None, None, None],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "unroca_resave.xlsx", {"Notes": [["read me"]], "UNROCA": rows})
    assert detect_format(path) == "unroca"
    [report] = ingest_files(db, [path])
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "loaded",
        6,
        0,
        6,
    )
    already = "the same report line is already in the warehouse (from unroca_resave.csv row {}): "
    assert rejects_of(db, path.name) == [
        (2, None, None, already.format(6) + "not loaded twice"),
        (3, None, None, already.format(3) + "not loaded twice"),
        (5, None, None, already.format(2) + "not loaded twice"),
        (6, None, None, already.format(4) + "not loaded twice"),
        (7, None, None, already.format(5) + "not loaded twice"),
        (8, "category", "VIII",
         f"category 'VIII' is not a UN Register category: {UNROCA_CATEGORY}"),
    ]  # fmt: skip
    transfers, rejects, logs, raw_unroca, raw_att = counts(db)
    assert (transfers, rejects, logs, raw_unroca, raw_att) == (
        before[0],
        before[1] + 6,
        before[2] + 1,
        before[3] + 6,
        before[4],
    )


def test_loading_the_same_file_again_changes_nothing(db, tmp_path):
    lines = [line.replace(",2021,", ",2016,") for line in ATT_LINES[:3]]
    path = write_csv(tmp_path / "att_again.csv", ATT_HEADER, lines)
    [first] = ingest_files(db, [path])
    before = counts(db)
    [second] = ingest_files(db, [path])
    assert first.status == "loaded"
    assert (second.status, second.load_id) == ("already_loaded", first.load_id)
    assert counts(db) == before


def test_att_csv_rows_rejects_and_log(db, tmp_path):
    path = write_csv(tmp_path / "att_2021.csv", ATT_HEADER, ATT_LINES)
    [report] = ingest_files(db, [path])
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "att",
        20,
        5,
        15,
    )
    assert log_of(db, path.name) == [("att_reports", "att", "transfers", 20, 5, 15)]
    assert transfers_of(db, path.name) == [
        (2, "SWE", "export", "Sweden", "SWE", "state", "Brazil", "BRA", "state", "IV", "IV",
         None, 2021, 2.0, None, None, "actual", False, "Gripen E", None, "public"),
        (3, "SWE", "export", "Sweden", "SWE", "state", "Norway", "NOR", "state", "SALW",
         "VIII:rifles", 2021, None, None, 150000.5, "SEK", "authorized", False, None, "licence",
         "public"),
        (4, "BRA", "import", "SWE", "SWE", "state", "Brazil", "BRA", "state", "IV", "IV",
         None, 2021, 2.0, 90000000.0, "USD", "actual", False, None, None, "public"),
        (5, "NOR", "export", "Norway", "NOR", "state", None, None, None, "VII", "VII",
         2021, None, 0.0, None, None, "authorized", True, None, "nil", "public"),
        (6, "PER", "import", None, None, None, "Peru", "PER", "state", "SALW", "VIII",
         None, 2021, None, 0.0, None, "actual", True, None, "nil by value", "public"),
    ]  # fmt: skip
    assert query(
        db,
        "SELECT transfer_id FROM transfers WHERE file_name = ? AND source_row_number = 3",
        [path.name],
    )[0][0].endswith(":none")  # an authorisation has no delivery year
    assert rejects_of(db, path.name) == [
        (
            7,
            "category",
            "IX",
            "category 'IX' is not an ATT category: expected I to VIII (VIII = small arms and "
            "light weapons), optionally with a sub-category after ':' (VIII:rifles)",
        ),
        (
            8,
            "year",
            "2013",
            f"year 2013 is outside 2014 to {THIS_YEAR}: the Arms Trade Treaty entered into "
            "force in December 2014",
        ),
        (9, "basis", "planned", "basis 'planned' is not authorized or actual"),
        (
            10,
            None,
            None,
            "number_of_items and value are both empty: give at least one (a nil report gives "
            "number_of_items 0 and leaves counterpart_state empty)",
        ),
        (
            11,
            "currency",
            "",
            "currency is required when value is given: a three-letter ISO 4217 code such as "
            "USD or EUR",
        ),
        (
            12,
            "currency",
            "DOLLARS",
            "currency 'DOLLARS' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)",
        ),
        (
            13,
            "value",
            "1,000",
            "value '1,000' is not a number: write digits with '.' for decimals and no thousands "
            "separators or currency signs",
        ),
        (14, "value", "-5", "value -5 is negative: expected 0 or more"),
        (
            15,
            "counterpart_state",
            "",
            "counterpart_state is required: only a nil report (number_of_items 0 or value 0) "
            "leaves it empty",
        ),
        (16, "category", "VIII:", "category 'VIII:' has ':' but no sub-category after it"),
        (17, "flow", "inbound", "flow 'inbound' is not export or import"),
        (18, "counterpart_state", "Sweden",
         "counterpart_state 'Sweden' is the reporting state itself"),
        (19, "counterpart_state", "Narnia", unknown_name("Narnia")),
        (
            20,
            "reporting_state",
            "NATO**",
            "'NATO**' is not a State (organisation): reports are made by States",
        ),
        (
            22,
            "number_of_items",
            "1.5",
            "number_of_items '1.5' is not a whole number of items (digits only, no decimals or "
            "thousands separators)",
        ),
    ]  # fmt: skip


def test_att_xlsx_named_sheet_typed_cells(db, tmp_path):
    rows = [
        ATT_HEADER,
        ["Germany", 2022, "export", "actual", "VIII:pistols", "Mali", 30, 45000.5, "EUR", None],
        ["Germany", 2022, "export", "actual", "V", "Mali", None, None, None, None],
    ]
    path = write_xlsx(tmp_path / "att_2022.xlsx", {"Cover": [["Annual report 2022"]], "ATT": rows})
    assert detect_format(path) == "att"
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 1, 1)
    assert [row[:3] + row[9:17] for row in transfers_of(db, path.name)] == [
        (2, "DEU", "export", "SALW", "VIII:pistols", None, 2022, 30.0, 45000.5, "EUR", "actual")
    ]
    assert [row[:3] for row in rejects_of(db, path.name)] == [(3, None, None)]
    assert query(
        db,
        "SELECT year, number_of_items, value, description, loaded FROM raw_att "
        "WHERE file_name = ? ORDER BY source_row_number",
        [path.name],
    ) == [("2022", "30", "45000.5", "", True), ("2022", "", "", "", False)]


def test_detection_picks_the_module_for_csv_and_xlsx(tmp_path):
    unroca_csv = write_csv(tmp_path / "u.csv", UNROCA_HEADER, UNROCA_LINES[:1])
    att_csv = write_csv(tmp_path / "a.csv", ATT_HEADER, ATT_LINES[:1])
    semicolons = tmp_path / "a_semicolon.csv"
    semicolons.write_text(";".join(ATT_HEADER) + "\n", "utf-8")
    # a workbook whose first sheet is the report (no sheet named after the format)
    unroca_xlsx = write_xlsx(tmp_path / "u.xlsx", {"Sheet1": [UNROCA_HEADER]})
    att_xlsx = write_xlsx(tmp_path / "a.xlsx", {"Sheet1": [["x"]], "att": [ATT_HEADER]})
    assert [detect_format(p) for p in (unroca_csv, att_csv, semicolons, unroca_xlsx, att_xlsx)] == [
        "unroca",
        "att",
        "att",
        "unroca",
        "att",
    ]
    other = write_csv(tmp_path / "other.csv", ["reporting_state", "year", "flow"], ["a,b,c"])
    with pytest.raises(FileRefused, match=r"other\.csv: the format could not be recognised"):
        detect_format(other)


def test_unreadable_files_are_refused_with_a_reason(db, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    missing = write_csv(
        tmp_path / "missing.csv", ["reporting_state", "calendar_year", "flow"], ["France,2019,x"]
    )
    header_only = write_csv(tmp_path / "header_only.csv", UNROCA_HEADER, [])
    broken_xlsx = tmp_path / "broken.xlsx"
    broken_xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    missing_xlsx = write_xlsx(
        tmp_path / "missing.xlsx", {"att": [["reporting_state", "year"], ["Peru", 2021]]}
    )
    before = counts(db)
    reports = ingest_files(db, [empty, binary, missing, header_only, broken_xlsx], "unroca")
    reports += ingest_files(db, [missing_xlsx], "att")
    assert [report.status for report in reports] == ["refused"] * 6
    messages = [report.message for report in reports]
    assert messages[:4] == [
        "empty.csv: the file is empty",
        "binary.csv: not a text CSV file (binary content, or UTF-16 text): save it as CSV "
        "UTF-8 or as .xlsx",
        "missing.csv: missing required column(s) category, counterpart_state, number_of_items; "
        "UN Register (unroca) files need the columns reporting_state, calendar_year, flow, "
        "category, counterpart_state, number_of_items (optional: state_of_origin, "
        "intermediate_location, description, comments)",
        "header_only.csv: no data rows below the header",
    ]
    assert messages[4].startswith(
        "broken.xlsx: cannot be read as a workbook (.xlsx, .xls or .ods): "
    )
    assert messages[5] == (
        "missing.xlsx (sheet 'att'): missing required column(s) flow, basis, category, "
        "counterpart_state, number_of_items, value, currency; ATT annual report (att) files "
        "need the columns reporting_state, year, flow, basis, category, counterpart_state, "
        "number_of_items, value, currency (optional: description, comments)"
    )
    assert counts(db) == before


def test_load_under_another_source_id(db, tmp_path):
    """The synthetic demo reports are read by these modules but belong to their own source."""
    path = write_csv(tmp_path / "demo.csv", UNROCA_HEADER, ["Peru,2015,export,I,Chad,1,,,,"])
    con = connect_writable(db)
    try:
        con.execute("BEGIN TRANSACTION")
        loaded = unroca.load(con, path, "demo-load", source_id="demo_un_register")
        rows = con.execute(
            "SELECT source_id, transfer_id FROM transfers WHERE load_id = 'demo-load'"
        ).fetchall()
        con.execute("ROLLBACK")
    finally:
        con.close()
    assert (loaded.target_table, loaded.rows_read, loaded.rows_loaded) == ("transfers", 1, 1)
    [(source_id, transfer_id)] = rows
    assert source_id == "demo_un_register"
    assert re.fullmatch(r"demo_un_register:PER-2015-export-[0-9a-f]{12}:2015", transfer_id)


def test_warehouse_checks_pass_after_the_loads(db):
    con = connect_read_only(db)
    try:
        failed = [check.name for check in run_checks(con) if not check.passed]
    finally:
        con.close()
    assert failed == []
