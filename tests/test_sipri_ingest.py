"""SIPRI exports through the real ingest path (build a warehouse, `ingest_files`, read it back).

Fixtures are invented (tests/fixtures/sipri, README there) and cover every quirk of the SIPRI
layouts and one bad row per validation rule; variants (CRLF, trailing `;`, Excel re-saves) are
derived in the tests. The real exports in ../shared/data/sipri are loaded once per module when
that folder exists, and every row of every file must be loaded or rejected with a reason.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from support import query, unknown_name
from support.sipri_delivered import records_as_delivered

from embargo.warehouse import connect_read_only, run_checks
from ingest.build import build_warehouse
from ingest.files import FileReport, ingest_files
from ingest.sources import sipri

FIXTURES = Path(__file__).parent / "fixtures" / "sipri"
CLASSIC = FIXTURES / "classic_register.csv"
NEW = FIXTURES / "new_register.csv"
TIV = FIXTURES / "tiv_imports.csv"
SHARED_SIPRI = Path(__file__).resolve().parents[2] / "shared" / "data" / "sipri"
SHARED_CLASSIC = "trade-register_classic_all_1950-2024_generated-2024-10-13.csv"
SHARED_NEW = "trade-register_new-format_to-Ukraine_2000-2024_generated-2025-02-17.csv"
SHARED_IMPORTS = "tiv-table_imports-by-recipient_1950-2024_generated-2024-10-13.csv"
SHARED_EXPORTS = "tiv-table_exports-by-supplier_1950-2024_generated-2024-10-13.csv"

CLASSIC_PREAMBLE_LINES = 5

# source_row_number, supplier, supplier_iso3, recipient, recipient_iso3, category,
# category_as_reported, order_year, order_year_is_estimate, delivery_year,
# delivery_year_is_estimate, quantity, quantity_is_estimate, value, value_is_estimate, status,
# comments
TRANSFER_COLUMNS = (
    "source_row_number, supplier_name, supplier_iso3, recipient_name, recipient_iso3, category, "
    "category_as_reported, order_year, order_year_is_estimate, delivery_year, "
    "delivery_year_is_estimate, quantity, quantity_is_estimate, value, value_is_estimate, status, "
    "comments"
)
CIV, CUW = ("France", "FRA", "Côte d'Ivoire", "CIV"), ("Netherlands", "NLD", "Curaçao", "CUW")
MLI, EGY = ("Türkiye", "TUR", "Mali", "MLI"), ("Italy", "ITA", "Egypt", "EGY")
GHA, KEN = ("China", "CHN", "Ghana", "GHA"), ("France", "FRA", "Kenya", "KEN")
BROKEN_COMMENT = "Invented comment broken\nafter the break"
CLASSIC_TRANSFERS = [
    (7, *CIV, "V", "combat helicopter", 2015, True, 2016, False, 4.0, True, 20.0, True, "New",
     "Invented deal; résumé in Latin-1"),
    # 7 items and TIV 14 over three years: 3, 2, 2 items (remainder to the earliest year) and
    # TIV in proportion to the items.
    (8, *CUW, "II", "APC", 2001, False, 2002, False, 3.0, True, 6.0, True, "Second hand",
     "Invented; second-hand"),
    (8, *CUW, "II", "APC", 2001, False, 2003, False, 2.0, True, 4.0, True, "Second hand",
     "Invented; second-hand"),
    (8, *CUW, "II", "APC", 2001, False, 2004, False, 2.0, True, 4.0, True, "Second hand",
     "Invented; second-hand"),
    # The record broken across lines 9 and 10 by a line break in Comments: 10 items over four
    # years -> 3, 3, 2, 2; TIV 3.3 -> 0.99, 0.99, 0.66, 0.66.
    (9, *MLI, "II", "armoured car", 2019, False, 2020, False, 3.0, True, 0.99, True, "New",
     BROKEN_COMMENT),
    (9, *MLI, "II", "armoured car", 2019, False, 2021, False, 3.0, True, 0.99, True, "New",
     BROKEN_COMMENT),
    (9, *MLI, "II", "armoured car", 2019, False, 2022, False, 2.0, True, 0.66, True, "New",
     BROKEN_COMMENT),
    (9, *MLI, "II", "armoured car", 2019, False, 2023, False, 2.0, True, 0.66, True, "New",
     BROKEN_COMMENT),
    # No delivery yet: one row without a year, the order's number and TIV, flagged by the `?`
    # after Number ordered.
    (11, *EGY, "VI", "frigate", 2023, False, None, None, 2.0, True, 300.0, True, "New",
     "Invented; no delivery yet"),
    # TIV delivered `0 ` (less than 0.5 million) and empty.
    (12, *GHA, "other", "light helicopter", 2010, False, 2011, False, 3.0, False, 0.0, False,
     "New", None),
    (13, *GHA, "other", "air search radar", 2012, False, 2013, False, 1.0, False, None, False,
     "New", None),
    # A delivery in 2009, the year before the order (2010): SIPRI records deliveries that began
    # before the order was formalised, so the deal is loaded like any other, 2 items and TIV 0.2
    # over two years.
    (25, *KEN, "VII", "portable SAM", 2010, False, 2009, False, 1.0, True, 0.1, True, "New",
     None),
    (25, *KEN, "VII", "portable SAM", 2010, False, 2010, False, 1.0, True, 0.1, True, "New",
     None),
    # The same order as line 12 again (another deal): its own id, with "-2".
    (30, *GHA, "other", "light helicopter", 2010, False, 2014, False, 3.0, False, 0.0, False,
     "New", None),
]  # fmt: skip
CLASSIC_REJECTS = [
    (14, "Recipient", "Atlantis", unknown_name("Atlantis", "recipient")),
    (15, "Supplier", "Ruritania", unknown_name("Ruritania", "supplier")),
    (16, "Recipient", "", "a value is required"),
    (17, "Year of order", "20x0", "expected a year (four digits)"),
    (18, "Year of order", "1850", "year 1850 is outside 1900-2100"),
    (19, "? after Year of order", "x", "expected '?' (uncertain) or empty"),
    (20, "Number ordered", "2.5", "expected a whole number of items (0 or more)"),
    (21, "Number delivered", "-3", "a number of items cannot be negative"),
    (22, "SIPRI TIV for total order", "abc",
     "expected a SIPRI TIV figure (a number of millions, 0 or more)"),
    (23, "SIPRI TIV of delivered weapons", "-1", "a TIV figure cannot be negative"),
    (24, "Year(s) of delivery", "2011; 20x2", "'20x2' is not a year (four digits)"),
    (26, "Year(s) of delivery", "2101", "delivery year 2101 is after 2100"),
    (27, "Year(s) of delivery", "2011; 2011", "delivery year 2011 is listed twice"),
    (28, "Year(s) of delivery", "",
     "Number delivered is 5 and the TIV delivered is 0.5, but no year of delivery is given"),
    (29, None, "Kenya,France,2010,,2,,Mistral-Z,portable SAM,2,,2011,New,,0.1,0.2,0.2,surplus",
     "the record has 17 fields where the header has 16 (a delimiter inside a value that is not "
     "quoted?)"),
    # Before 1900 (the order year, 1950, is valid): rejected for the range.
    (31, "Year(s) of delivery", "1899", "year 1899 is outside 1900-2100"),
    (32, None, "Kenya,France,2011",
     "the record has 3 fields where the header has 16, and the next line does not complete it"),
]  # fmt: skip


def classic_id(*fields: str) -> str:
    """The documented classic deal id, computed independently of the module."""
    return "classic-" + hashlib.sha1("|".join(fields).encode("utf-8")).hexdigest()[:16]


GHANA_Z9_ID = classic_id("Ghana", "China", "2010", "3", "Z-9Z", "light helicopter", "")
KENYA_EARLY_ID = classic_id("Kenya", "France", "2010", "2", "Mistral-Z", "portable SAM", "")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sipri_built") / "warehouse.duckdb"
    build_warehouse(path)
    return path


@pytest.fixture
def db(built: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built warehouse, without any SIPRI rows."""
    target = tmp_path / "warehouse" / "w.duckdb"
    target.parent.mkdir()
    shutil.copyfile(built, target)
    return target


def ingest(db: Path, path: Path, format_name: str | None = None) -> FileReport:
    (report,) = ingest_files(db, [path], format_name)
    return report


def transfers(db: Path, load_id: str) -> list[tuple]:
    return query(
        db,
        f"SELECT {TRANSFER_COLUMNS} FROM transfers WHERE load_id = ? "
        "ORDER BY source_row_number, delivery_year",
        [load_id],
    )


def rejects(db: Path, load_id: str) -> list[tuple]:
    return query(
        db,
        "SELECT row_number, column_name, value, reason FROM rejects WHERE load_id = ? "
        "ORDER BY row_number, column_name",
        [load_id],
    )


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def shift_rows(rows: list[tuple], by: int) -> list[tuple]:
    return [(row[0] + by, *row[1:]) for row in rows]


# ------------------------------------------------------------------------------------------------
# Classic layout
# ------------------------------------------------------------------------------------------------


def test_classic_register_loads_good_rows_and_rejects_each_broken_rule(db):
    report = ingest(db, CLASSIC)  # the format is recognised from the header
    assert (report.status, report.format) == ("loaded", "sipri")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (25, 8, 17)
    assert transfers(db, report.load_id) == CLASSIC_TRANSFERS
    assert rejects(db, report.load_id) == CLASSIC_REJECTS
    log = query(
        db,
        "SELECT source_id, file_name, file_format, target_table, rows_read, rows_loaded, "
        "rows_rejected FROM load_log WHERE load_id = ?",
        [report.load_id],
    )
    assert log == [
        ("sipri_trade_register", "classic_register.csv", "sipri", "transfers", 25, 8, 17)
    ]
    fixed = query(
        db,
        "SELECT DISTINCT source_id, classification, value_unit, is_nil_report, file_name, "
        "reporting_state_iso3, flow FROM transfers",
    )
    assert fixed == [
        ("sipri_trade_register", "public", "TIV", False, "classic_register.csv", None, None)
    ]
    ids = query(
        db,
        "SELECT source_row_number, source_record_id, transfer_id FROM transfers "
        "WHERE source_row_number IN (7, 11, 12, 25, 30) ORDER BY 1, 3",
    )
    civ_id = classic_id(
        "Côte d'Ivoire", "France", "2015", "4", "Kestrel-4", "combat helicopter",
        "Invented deal; résumé in Latin-1",
    )  # fmt: skip
    egy_id = classic_id(
        "Egypt", "Italy", "2023", "2", "Lupo-Z", "frigate", "Invented; no delivery yet"
    )
    assert ids == [
        (7, civ_id, f"sipri_trade_register:{civ_id}:2016"),
        (11, egy_id, f"sipri_trade_register:{egy_id}:none"),
        (12, GHANA_Z9_ID, f"sipri_trade_register:{GHANA_Z9_ID}:2011"),
        (25, KENYA_EARLY_ID, f"sipri_trade_register:{KENYA_EARLY_ID}:2009"),
        (25, KENYA_EARLY_ID, f"sipri_trade_register:{KENYA_EARLY_ID}:2010"),
        (30, f"{GHANA_Z9_ID}-2", f"sipri_trade_register:{GHANA_Z9_ID}-2:2014"),
    ]
    actor_types = query(
        db, "SELECT DISTINCT supplier_actor_type, recipient_actor_type FROM transfers"
    )
    assert actor_types == [("state", "state")]


def test_classic_raw_layer_keeps_every_record_as_delivered(db):
    """raw_sipri keeps the rejected records; the accepted ones are read from the kept file."""
    report = ingest(db, CLASSIC)
    counts = query(
        db, "SELECT layout, count(*) FROM raw_sipri WHERE load_id = ? GROUP BY layout",
        [report.load_id],
    )  # fmt: skip
    assert counts == [("classic", 17)]
    _, records = records_as_delivered(db, report.load_id)
    assert (len(records), sum(row["rejected"] for row in records)) == (25, 17)
    raw = [
        tuple(row[name] for name in (
            "source_row_number", "recipient", "year_of_order_flag", "number_delivered_flag",
            "years_of_delivery", "comments", "tiv_delivered", "extra_columns", "rejected",
        ))
        for row in records
        if row["source_row_number"] in (7, 9, 12, 29)
    ]  # fmt: skip
    assert raw == [
        (7, "Côte d'Ivoire", "?", "?", "2016", "Invented deal; résumé in Latin-1", "20", None,
         False),
        (9, "Mali", "", "", "2020; 2021; 2022; 2023", BROKEN_COMMENT, "3.3", None, False),
        (12, "Ghana", "", "", "2011", "", "0 ", None, False),
        (29, "Kenya", "", "", "2011", "", "0.2", '{"column 17": "surplus"}', True),
    ]  # fmt: skip


def test_reloading_the_same_file_changes_nothing(db):
    first = ingest(db, CLASSIC)
    again = ingest(db, CLASSIC)
    assert (again.status, again.load_id) == ("already_loaded", first.load_id)
    counts = query(
        db,
        "SELECT (SELECT count(*) FROM transfers), (SELECT count(*) FROM raw_sipri), "
        "(SELECT count(*) FROM rejects WHERE file_name = 'classic_register.csv'), "
        "(SELECT count(*) FROM load_log WHERE source_id = 'sipri_trade_register')",
    )
    assert counts == [(14, 17, 17, 1)]


def test_crlf_line_ends_give_the_same_rows(db, tmp_path):
    crlf = write(tmp_path, "classic_crlf.csv", CLASSIC.read_bytes().replace(b"\n", b"\r\n"))
    report = ingest(db, crlf)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (25, 8, 17)
    assert transfers(db, report.load_id) == CLASSIC_TRANSFERS
    assert rejects(db, report.load_id) == CLASSIC_REJECTS


def test_excel_resave_without_preamble_in_utf8_with_bom_gives_the_same_rows(db, tmp_path):
    lines = CLASSIC.read_bytes().decode("latin-1").split("\n")[CLASSIC_PREAMBLE_LINES:]
    resaved = write(tmp_path, "resaved.csv", "\r\n".join(lines).encode("utf-8-sig"))
    report = ingest(db, resaved)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (25, 8, 17)
    assert transfers(db, report.load_id) == shift_rows(CLASSIC_TRANSFERS, -CLASSIC_PREAMBLE_LINES)
    assert rejects(db, report.load_id) == shift_rows(CLASSIC_REJECTS, -CLASSIC_PREAMBLE_LINES)


def test_the_same_deals_from_another_file_are_not_loaded_twice(db, tmp_path):
    ingest(db, CLASSIC)
    lines = CLASSIC.read_bytes().decode("latin-1").split("\n")[CLASSIC_PREAMBLE_LINES:]
    resaved = write(tmp_path, "resaved.csv", "\r\n".join(lines).encode("utf-8-sig"))
    report = ingest(db, resaved)
    assert (report.status, report.rows_read, report.rows_loaded) == ("loaded", 25, 0)
    duplicates = query(
        db,
        "SELECT row_number, count(*) FROM rejects WHERE load_id = ? AND reason LIKE "
        "'this deal and delivery year are already in the warehouse from classic_register.csv%' "
        "GROUP BY 1 ORDER BY 1",
        [report.load_id],
    )
    # One reject per transfers row: line 20 (line 25 of the original) is the deal delivered from
    # the year before its order, two rows.
    assert duplicates == [(2, 1), (3, 3), (4, 4), (6, 1), (7, 1), (8, 1), (20, 2), (25, 1)]
    assert query(db, "SELECT count(*) FROM transfers") == [(14,)]


def test_trailing_semicolon_on_every_line(db, tmp_path):
    text = (
        "Invented preamble line;\n"
        "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,"
        "Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,"
        "SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons;\n"
        "Ghana,China,2010,,3,,Z-9Z,light helicopter,3,,2011; 2012,New,,0.1,0.3,0.3;\n"
        "Kenya,France,2018,,2,,Mistral-Z,portable SAM,2,,2019,New,Invented,0.1,0.2,0.2;\n"
    )
    report = ingest(db, write(tmp_path, "semicolons.csv", text.encode("ascii")), "sipri")
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (2, 2, 0)
    rows = query(
        db,
        "SELECT source_row_number, recipient_name, category, delivery_year, quantity, value, "
        "comments FROM transfers ORDER BY 1, 4",
    )
    assert rows == [
        (3, "Ghana", "other", 2011, 2.0, 0.2, None),
        (3, "Ghana", "other", 2012, 1.0, 0.1, None),
        (4, "Kenya", "VII", 2019, 2.0, 0.2, "Invented"),
    ]


def test_excel_resave_with_semicolons_decimal_commas_windows_1252_and_padding(db, tmp_path):
    # What Excel writes in a locale with a decimal comma: `;` separators, quoted cells where
    # needed, CRLF, Windows-1252, no preamble, and the broken record padded to full width.
    text = (
        "Recipient;Supplier;Year of order; ;Number ordered; ;Weapon designation;"
        "Weapon description;Number delivered; ;Year(s) of delivery;status;Comments;"
        "SIPRI TIV per unit;SIPRI TIV for total order;SIPRI TIV of delivered weapons\r\n"
        'Curaçao;Netherlands;2001;;7;;Heron-7;APC;7;;"2002; 2003; 2004";Second hand;'
        '"Invented; second-hand";2;14;14\r\n'
        'Mali;Türkiye;2019;;10;;Falcon-X;armoured car;10;;"2020; 2021; 2022; 2023";New;'
        "Invented comment broken;;;\r\n"
        "after the break;0,33;3,3;3,3;;;;;;;;;;;;\r\n"
        "Ghana;China;2010;;3;;Z-9Z;light helicopter;3;;2011;New;Paid in € (invented);0,1;0 ;0 \r\n"
    )
    report = ingest(db, write(tmp_path, "excel.csv", text.encode("cp1252")))
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "sipri",
        3,
        3,
        0,
    )
    expected = [row for row in CLASSIC_TRANSFERS if row[0] in (8, 9)]
    assert transfers(db, report.load_id) == [
        *shift_rows(expected[:3], -6),
        *shift_rows(expected[3:], -6),
        (5, *GHA, "other", "light helicopter", 2010, False, 2011, False, 3.0, False, 0.0, False,
         "New", "Paid in € (invented)"),
    ]  # fmt: skip
    # The same deals get the same ids as in the comma-separated Latin-1 export.
    curacao = classic_id(
        "Curaçao", "Netherlands", "2001", "7", "Heron-7", "APC", "Invented; second-hand"
    )
    assert query(
        db, "SELECT DISTINCT source_record_id FROM transfers WHERE source_row_number = 2"
    ) == [(curacao,)]


def test_a_preamble_of_any_length(db, tmp_path):
    preamble = "".join(f"Invented note {n}, with a comma\n" for n in range(3000))  # > 64 KB
    body = CLASSIC.read_bytes().decode("latin-1").split("\n", CLASSIC_PREAMBLE_LINES)[-1]
    path = write(tmp_path, "long_preamble.csv", (preamble + body).encode("latin-1"))
    assert not sipri.detect(path)  # detection only reads the first 64 KB ...
    report = ingest(db, path, "sipri")  # ... a named format reads the whole file
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (25, 8, 17)
    assert transfers(db, report.load_id) == shift_rows(CLASSIC_TRANSFERS, 3000 - 5)


# ------------------------------------------------------------------------------------------------
# New layout and TIV tables
# ------------------------------------------------------------------------------------------------

NEW_TRANSFERS = [
    (5, *CIV, "V", "Aircraft", 2020, False, 2021, False, 2.0, False, 10.0, False, "New", None),
    (6, *CIV, "V", "Aircraft", 2020, False, 2022, True, 1.0, True, 5.0, True, "New", None),
    # A combat helicopter filed under Sensors by the Armament category is not a Register item.
    (7, "Germany", "DEU", "Türkiye", "TUR", "other", "Sensors", 2019, True, 2020, False, 3.0,
     False, 1.2, False, "Second hand", None),
    (8, "United States", "USA", "Egypt", "EGY", "VI", "Ships", 2022, False, None, None, None,
     None, None, None, "New", None),
    # Delivered in 2021, the year before the order date (2022): loaded like any other row.
    (14, "France", "FRA", "Egypt", "EGY", "VI", "Ships", 2022, False, 2021, False, 1.0, False,
     300.0, False, "New", None),
    # Order date given as a date: its year.
    (18, "Germany", "DEU", "Ghana", "GHA", "I", "Armoured vehicles", 2021, False, 2022, False,
     4.0, True, 3.2, True, "Second hand", None),
]  # fmt: skip
NEW_REJECTS = [
    (9, "Supplier", "Ruritania", unknown_name("Ruritania", "supplier")),
    (10, "SIPRI AT Database ID", "", "a value is required"),
    (11, "Order date", "twenty", "expected a year (four digits)"),
    (12, "Order date is estimate", "Maybe", "expected Yes or No"),
    (13, "Numbers delivered", "-1", "a number of items cannot be negative"),
    (15, "Delivery year", "2101", "year 2101 is outside 1900-2100"),
    (16, "TIV delivery values", "-300", "a TIV figure cannot be negative"),
    (17, "SIPRI AT Database ID", "90001",
     "deal 90001 already has a row for delivery year 2021 on line 5"),
]  # fmt: skip


def test_new_register_loads_good_rows_and_rejects_each_broken_rule(db):
    report = ingest(db, NEW)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (14, 6, 8)
    assert transfers(db, report.load_id) == NEW_TRANSFERS
    assert rejects(db, report.load_id) == NEW_REJECTS
    ids = query(
        db, "SELECT source_record_id, transfer_id FROM transfers ORDER BY source_row_number"
    )
    assert ids == [
        ("90001", "sipri_trade_register:90001:2021"),
        ("90001", "sipri_trade_register:90001:2022"),
        ("90002", "sipri_trade_register:90002:2020"),
        ("90003", "sipri_trade_register:90003:none"),
        ("90009", "sipri_trade_register:90009:2021"),
        ("90004", "sipri_trade_register:90004:2022"),
    ]
    # Columns kept only as delivered are read as written and do not reject the row (line 18
    # has "n/a" as SIPRI estimate).
    raw = [
        tuple(row[name] for name in (
            "layout", "sipri_deal_id", "order_date", "local_production", "sipri_estimate",
            "tiv_deal_unit", "rejected",
        ))
        for row in records_as_delivered(db, report.load_id)[1]
        if row["source_row_number"] in (7, 18)
    ]  # fmt: skip
    assert raw == [("new", "90002", "2019", "Yes", "1", "0.4", False),
                   ("new", "90004", "2021-05-01", "No", "n/a", "0.8", False)]  # fmt: skip
    assert query(db, "SELECT target_table FROM load_log WHERE load_id = ?", [report.load_id]) == [
        ("transfers",)
    ]


def test_tiv_table_loads_countries_years_and_the_world_total(db):
    report = ingest(db, TIV)
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (7, 3, 4)
    rows = query(
        db,
        "SELECT source_row_number, direction, country_name, country_iso3, country_actor_type, "
        "is_world_total, year, tiv, tiv_as_reported, classification FROM sipri_tiv_totals "
        "ORDER BY 1, year",
    )
    assert rows == [
        (8, "imports", "Egypt", "EGY", "state", False, 2001, 10.0, "10", "public"),
        (8, "imports", "Egypt", "EGY", "state", False, 2003, 0.0, "0 ", "public"),
        (9, "imports", "Côte d'Ivoire", "CIV", "state", False, 2002, 5.0, "5", "public"),
        (9, "imports", "Côte d'Ivoire", "CIV", "state", False, 2003, 3.0, "3", "public"),
        (14, "imports", "Total world import", None, None, True, 2001, 11.0, "11", "public"),
        (14, "imports", "Total world import", None, None, True, 2002, 5.0, "5", "public"),
        (14, "imports", "Total world import", None, None, True, 2003, 3.0, "3", "public"),
    ]
    assert rejects(db, report.load_id) == [
        (10, "Recipient", "Atlantis", unknown_name("Atlantis", "recipient")),
        (11, "2001", "-1", "a TIV figure cannot be negative"),
        (12, "2001", "abc", "expected a SIPRI TIV figure (a number of millions, 0 or more)"),
        (13, "Recipient", "Egypt", "'Egypt' already has a line in this table (line 8)"),
    ]
    assert query(db, "SELECT target_table FROM load_log WHERE load_id = ?", [report.load_id]) == [
        ("sipri_tiv_totals",)
    ]


def test_fixture_loads_keep_the_warehouse_checks_green(db):
    reports = ingest_files(db, [CLASSIC, NEW, TIV])
    assert [report.status for report in reports] == ["loaded"] * 3
    con = connect_read_only(db)
    try:
        failed = [check.name for check in run_checks(con) if not check.passed]
    finally:
        con.close()
    assert failed == []


# ------------------------------------------------------------------------------------------------
# Detection and refusal
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (CLASSIC.read_bytes(), True),
        (NEW.read_bytes(), True),
        (TIV.read_bytes(), True),
        (b"Exports by,1950,1951,1952,Total\nFrance,1,2,3,6\n", True),
        (b"reporting_state,calendar_year,flow,category,counterpart_state\n", False),
        (b"Recipient,Supplier\nMali,France\n", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", False),
        (b"", False),
    ],
)
def test_detect(tmp_path, content, expected):
    assert sipri.detect(write(tmp_path, "file.csv", content)) is expected


CLASSIC_HEADER_WITHOUT_YEARS = (
    b"Recipient,Supplier,Year of order,Weapon designation,Weapon description,Number delivered\n"
    b"Mali,France,2001,X-1,APC,2\n"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.csv: the file is empty"),
        (b"\r\n\r\n", "empty.csv: the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "empty.csv: is a binary file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "empty.csv: is a ZIP archive or an Excel workbook"),
        (b"Invented text\nwithout any header\n", "empty.csv: no SIPRI header found"),
        (
            CLASSIC_HEADER_WITHOUT_YEARS,
            "empty.csv: SIPRI classic trade register without the column(s) Year(s) of delivery",
        ),
        (
            b"SIPRI AT Database ID,Supplier,Recipient,Order date,Delivery year,Supplier\n",
            "empty.csv: the header has the column 'Supplier' twice",
        ),
    ],
)
def test_unreadable_files_are_refused_naming_the_file(db, tmp_path, content, message):
    report = ingest(db, write(tmp_path, "empty.csv", content), "sipri")
    assert report.status == "refused"
    assert report.message.startswith(message)
    assert query(db, "SELECT count(*) FROM load_log WHERE source_id = 'sipri_trade_register'") == [
        (0,)
    ]


# ------------------------------------------------------------------------------------------------
# The documented methods
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "number", "tiv", "expected"),
    [
        ([2002, 2003, 2004], 7, 14.0, [(2002, 3, 6.0), (2003, 2, 4.0), (2004, 2, 4.0)]),
        (
            [2023, 2020, 2021, 2022],
            10,
            3.3,
            [(2020, 3, 0.99), (2021, 3, 0.99), (2022, 2, 0.66), (2023, 2, 0.66)],
        ),
        # Number unknown: TIV evenly, the rounding residue on the earliest year.
        ([2001, 2002, 2003], None, 1.0, [(2001, None, 0.333334), (2002, None, 0.333333),
                                         (2003, None, 0.333333)]),
        ([2001, 2002], 0, 5.0, [(2001, 0, 2.5), (2002, 0, 2.5)]),
        ([2001, 2002, 2003], 2, 3.0, [(2001, 1, 1.5), (2002, 1, 1.5), (2003, 0, 0.0)]),
        ([1999], 5, None, [(1999, 5, None)]),
    ],
)  # fmt: skip
def test_spread_deliveries(years, number, tiv, expected):
    assert sipri.spread_deliveries(years, number, tiv) == expected


@pytest.mark.parametrize(
    ("description", "armament", "category"),
    [
        ("tank", None, "I"),
        (" Tank ", None, "I"),
        ("light tank", None, "II"),
        ("APC", None, "II"),
        ("IFV", None, "II"),
        ("APC/ambulance", None, "II"),
        ("ARV", None, "other"),
        ("tank turret", None, "other"),
        ("self-propelled gun", None, "III"),
        ("mortar", None, "III"),
        ("naval gun", None, "other"),
        ("FGA aircraft", None, "IV"),
        ("armed UAV", None, "IV"),
        ("UAV", None, "other"),
        ("trainer aircraft", None, "other"),
        ("combat helicopter", None, "V"),
        ("transport helicopter", None, "other"),
        ("frigate", None, "VI"),
        ("submarine", None, "VI"),
        ("patrol craft", None, "other"),
        ("SSM", None, "VII"),
        ("portable SAM", None, "VII"),
        ("SAM system", None, "other"),
        ("anti-tank missile", None, "other"),
        ("combat helicopter", "Sensors", "other"),
        ("tank", "Armoured vehicles", "I"),
        ("", None, "other"),
        (None, None, "other"),
    ],
)
def test_harmonised_category(description, armament, category):
    assert sipri.harmonised_category(description, armament) == category


# ------------------------------------------------------------------------------------------------
# The real SIPRI exports in ../shared/data/sipri
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_loaded(built: Path, tmp_path_factory: pytest.TempPathFactory):
    if not SHARED_SIPRI.is_dir():
        pytest.skip(f"../shared not present beside the project: {SHARED_SIPRI} is missing")
    target = tmp_path_factory.mktemp("sipri_shared") / "w.duckdb"
    shutil.copyfile(built, target)
    # Every CSV in the folder: a new file there fails the exact counts below until it is added.
    reports = ingest_files(target, sorted(SHARED_SIPRI.glob("*.csv")))
    return target, {report.path.name: report for report in reports}


def test_every_shared_file_is_loaded_or_rejected_with_reasons(shared_loaded):
    db, reports = shared_loaded
    counts = {
        name: (report.status, report.rows_read, report.rows_loaded, report.rows_rejected)
        for name, report in reports.items()
    }
    assert counts == {
        # 27,949 well-formed lines plus 2 records broken across two lines each (4 lines).
        SHARED_CLASSIC: ("loaded", 27951, 27951, 0),
        SHARED_NEW: ("loaded", 382, 382, 0),
        SHARED_IMPORTS: ("loaded", 262, 262, 0),
        SHARED_EXPORTS: ("loaded", 137, 137, 0),
    }
    assert query(db, "SELECT count(*) FROM rejects") == [(0,)]
    # The deals SIPRI records as delivered from before the year of order (leases turned into
    # purchases and the like) are loaded whole. Only counts and totals are asserted here, so no
    # SIPRI record is reproduced in the project: deals, transfers rows, items and TIV.
    early = query(
        db,
        "SELECT file_name, count(DISTINCT source_record_id), count(*), sum(quantity), "
        "round(sum(value), 2) FROM transfers WHERE (file_name, source_record_id) IN "
        "(SELECT (file_name, source_record_id) FROM transfers WHERE delivery_year < order_year) "
        "GROUP BY 1 ORDER BY 1",
    )
    assert early == [
        (SHARED_CLASSIC, 5, 26, 2310.0, 1154.66),
        (SHARED_NEW, 1, 2, 300.0, 21.6),
    ]
    con = connect_read_only(db)
    try:
        failed = [check.name for check in run_checks(con) if not check.passed]
    finally:
        con.close()
    assert failed == []


def test_shared_classic_register_reconciles_with_sipri_totals(shared_loaded):
    db, reports = shared_loaded
    load_id = reports[SHARED_CLASSIC].load_id
    _, records = records_as_delivered(db, load_id)
    raw = (
        len(records),
        sum("\n" in row["comments"] for row in records),
        round(sum(float(row["tiv_delivered"]) for row in records if row["tiv_delivered"]), 2),
    )
    # Every record as delivered (none rejected, so every one read from the kept file), the two
    # reassembled ones included; their TIV completes SIPRI's world total of 2,065,055 (TIV
    # table, 1950-2024 column).
    assert raw == (27951, 2, 2065055.21)
    assert query(db, "SELECT count(*) FROM raw_sipri WHERE load_id = ?", [load_id]) == [(0,)]
    # The two records broken across lines are reassembled: two deals, three delivery rows.
    reassembled = query(
        db,
        "SELECT count(DISTINCT source_row_number), count(*), sum(quantity), round(sum(value), 2) "
        "FROM transfers WHERE load_id = ? AND source_row_number IN (24336, 26458)",
        [load_id],
    )
    assert reassembled == [(2, 3, 16.0, 12.25)]
    figures = query(
        db,
        "SELECT count(*), count(DISTINCT source_record_id), count(DISTINCT transfer_id), "
        "count(DISTINCT recipient_name), count(DISTINCT supplier_name), "
        "count(*) FILTER (WHERE delivery_year IS NULL), round(sum(value), 2), "
        "min(delivery_year), max(delivery_year) FROM transfers WHERE load_id = ?",
        [load_id],
    )
    # Every deal is loaded, so the delivered TIV is the raw layer's to the cent, and rounds to
    # SIPRI's world total of 2,065,055 (it was 1,154.66 short while deals delivered from before
    # the year of order were rejected).
    assert figures == [(59157, 27951, 59157, 261, 136, 0, 2065055.21, 1950, 2023)]
    assert round(figures[0][6]) == 2065055
    # 27 orders repeat an earlier line's order fields (9 of them are byte-identical lines): each
    # is kept as its own deal, with an occurrence suffix.
    repeated = query(
        db,
        "SELECT count(DISTINCT source_record_id) FROM transfers "
        "WHERE load_id = ? AND source_record_id LIKE 'classic-%-%'",
        [load_id],
    )
    assert repeated == [(27,)]
    categories = query(
        db,
        "SELECT category, count(*) FROM transfers WHERE load_id = ? GROUP BY 1 ORDER BY 1",
        [load_id],
    )
    assert categories == [
        ("I", 1968), ("II", 5941), ("III", 3560), ("IV", 4701), ("V", 958), ("VI", 2394),
        ("VII", 6465), ("other", 33170),
    ]  # fmt: skip


def test_shared_new_register_and_tiv_tables(shared_loaded):
    db, reports = shared_loaded
    new = query(
        db,
        "SELECT count(*), count(DISTINCT source_record_id), count(DISTINCT supplier_name), "
        "count(DISTINCT recipient_iso3), round(sum(value), 2), min(delivery_year), "
        "max(delivery_year) FROM transfers WHERE load_id = ?",
        [reports[SHARED_NEW].load_id],
    )
    assert new == [(382, 323, 32, 1, 6998.29, 2014, 2023)]
    # Every line loaded: the transfers TIV is that of the records as delivered.
    _, records = records_as_delivered(db, reports[SHARED_NEW].load_id)
    raw_tiv = (
        len(records),
        round(
            sum(float(row["tiv_delivery_value"]) for row in records if row["tiv_delivery_value"]), 2
        ),
    )
    assert raw_tiv == (382, 6998.29)
    tiv = query(
        db,
        "SELECT direction, count(*), count(DISTINCT country_name), "
        "sum(tiv) FILTER (WHERE NOT is_world_total), sum(tiv) FILTER (WHERE is_world_total), "
        "count(*) FILTER (WHERE tiv_as_reported = '0 ') "
        "FROM sipri_tiv_totals GROUP BY 1 ORDER BY 1",
    )
    assert tiv == [
        ("exports", 2742, 137, 2065118.0, 2065054.0, 86),
        ("imports", 8050, 262, 2065239.0, 2065054.0, 247),
    ]
