"""Tables taken away: a table as CSV (UTF-8 with a byte-order mark, formula-safe) and XLSX (text
stored as text), in the reader's words, each file with its classification marking first (and
last, and in the XLSX page header), the data version and the synthetic-data note; the pages
offer them through the audited download button, one toggle away."""

from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl
import pytest
from support import page_of

from dashboard.downloads import (
    marking_of,
    spreadsheet_safe_marked_csv,
    spreadsheet_safe_marked_xlsx,
)
from embargo.classification import Classification

FRAME = pl.DataFrame(
    {
        "recipient_iso3": ["CAF", "SSD"],
        "verdict": ["violation_indicator", '=HYPERLINK("x")'],
        "classification": ["public", "confidential"],
    }
)
SYNTHETIC_NOTE = (
    "Includes synthetic demo data (Synthetic ATT annual reports (demonstration); Synthetic UN "
    "Register reports (demonstration); Synthetic brokering records (demonstration); "
    "Synthetic exemption notifications (demonstration); "
    "Synthetic panel findings (demonstration); Synthetic sanctions list (demonstration); "
    "Synthetic seizure documentation (demonstration); Synthetic tracing requests "
    "(demonstration); Synthetic transfer register (demonstration)): invented records, not "
    "facts, never to be cited."
)


@pytest.fixture
def on_demo(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    return demo_warehouse


def test_the_marking_is_the_most_sensitive_row():
    assert marking_of(FRAME, Classification.PUBLIC) is Classification.CONFIDENTIAL
    assert marking_of(FRAME.drop("classification"), Classification.RESTRICTED) is (
        Classification.RESTRICTED
    )


def test_csv_has_bom_marking_version_note_and_is_formula_safe(on_demo):
    data = spreadsheet_safe_marked_csv(FRAME, marking_of(FRAME, Classification.PUBLIC))
    assert data.startswith(b"\xef\xbb\xbfCONFIDENTIAL\r\n")  # UTF-8, its byte-order mark first
    text = data.decode()
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[0] == ["CONFIDENTIAL"]
    assert rows[1][0].startswith("Data: warehouse file of ")
    assert rows[2] == [SYNTHETIC_NOTE]
    assert rows[3:] == [
        [],
        ["Recipient", "Verdict", "Classification"],
        ["Central African Republic", "Violation indicator", "Public"],
        ["South Sudan", '\'=HYPERLINK("x")', "Confidential"],
        [],
        ["CONFIDENTIAL"],
    ]


def test_xlsx_keeps_text_as_text_and_marks_every_page(on_demo):
    data = spreadsheet_safe_marked_xlsx(FRAME, Classification.CONFIDENTIAL)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["CONFIDENTIAL", None, None]
    assert values[2][0] == SYNTHETIC_NOTE
    assert values[4:] == [
        ["Recipient", "Verdict", "Classification"],
        ["Central African Republic", "Violation indicator", "Public"],
        ["South Sudan", '=HYPERLINK("x")', "Confidential"],
    ]
    assert sheet["B7"].data_type == "s"  # stored as text: never runs
    assert sheet.oddHeader.center.text == "CONFIDENTIAL"
    assert sheet.oddFooter.center.text == "CONFIDENTIAL"


def test_pages_offer_csv_and_xlsx_one_toggle_away(on_demo):
    at = page_of("screens/overview.py")
    assert not at.get("download_button")
    at.toggle(key="download_overview_in_force").set_value(True).run()
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX"]
    at = page_of("screens/screening.py")
    at.toggle(key="prepare_screening_csv").set_value(True).run()
    at.toggle(key="download_screening_deliveries").set_value(True).run()
    at.toggle(key="download_screening_lines").set_value(True).run()
    assert [b.proto.label for b in at.get("download_button")] == ["CSV", "XLSX", "CSV", "XLSX"]


def test_the_csv_rows_are_what_the_csv_module_writes_cell_by_cell():
    """The rows are written column-wise (polars) but read exactly as the csv module writes the
    same cells one by one: minimal quoting, CRLF, str() of every value, text that a spreadsheet
    would run prefixed by an apostrophe, an empty text as nothing."""
    import datetime as dt

    from dashboard.downloads import csv_body
    from embargo.spreadsheet import neutralized

    frame = pl.DataFrame(
        {
            "text": ["plain", "", None, "a,b", 'say "x"', "two\nlines", "cr\rhere", "=1+2",
                     "+33", "-5", "@SUM", "\ttab", " space", "déjà"],
            "number": [1.0, 1e-05, None, 2.5, 1e20, 0.1, -0.0, 3.0, 123456789.123,
                       float("nan"), 1e16, float("-inf"), 2.0, 1e-7],
            "count": [1, 2, None, -4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
            "flag": [True, False, None, True, False, True, False, True, False, True, False,
                     True, False, True],
            "day": [dt.date(2024, 1, 5)] * 13 + [None],
            "at": [dt.datetime(2024, 1, 5, 10, 30)] * 13 + [dt.datetime(2024, 1, 5, 0, 0, 1, 5)],
        }
    )  # fmt: skip
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    for row in frame.iter_rows():
        writer.writerow(["" if cell is None else neutralized(cell) for cell in row])
    assert csv_body(frame) == expected.getvalue().encode("utf-8")


def test_the_xlsx_cells_are_what_openpyxl_writes_cell_by_cell():
    """The sheet is written column-wise (dashboard.downloads_xlsx) but reads back exactly as
    openpyxl's cell-by-cell workbook of the same cells: values, their types (text, whole and
    other numbers, booleans, dates, times), empty cells, text a spreadsheet would run stored as
    text, characters XML cannot hold left out, and the marking in the page header and footer."""
    import datetime as dt

    frame = pl.DataFrame(
        {
            "text": ["plain", "", None, "a,b", 'say "x"', "two\nlines", "=1+2", "<b>&amp;</b>",
                     " space", "déjà", "x\x01y", "+33", "@SUM", "z"],
            "number": [1.0, 1e-05, None, 2.5, 1e20, 0.1, -0.0, 3.0, 123456789.123, 7.5, 1e16,
                       2.25, float("nan"), 1e-7],
            "count": [1, 2, None, -4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 2**40],
            "flag": [True, False, None, True, False, True, False, True, False, True, False,
                     True, False, True],
            "day": [dt.date(2024, 1, 5)] * 12 + [dt.date(1950, 12, 31), None],
            "at": [dt.datetime(2024, 1, 5, 10, 30)] * 13 + [dt.datetime(2024, 1, 5, 0, 0, 1)],
            "years": [[2020, 2021]] * 13 + [None],
        }
    )  # fmt: skip
    above = [["CONFIDENTIAL"], ["Data: x & y <z>"], [], [c.title() for c in frame.columns]]
    written, expected = read_back(frame, above)
    assert written == expected
    cells, *_ = written
    assert cells[4][:2] == [("plain", "s"), (1, "n")]
    assert cells[10][0] == ("=1+2", "s")


def read_back(frame: pl.DataFrame, above: list[list[str]]) -> tuple[tuple, tuple]:
    """What openpyxl reads from the column-wise workbook of the frame (dashboard.downloads_xlsx)
    and from openpyxl's own cell-by-cell workbook of the same cells: each cell's value and
    type, and the page header and footer."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from dashboard.downloads_xlsx import write_xlsx

    expected_book = Workbook(write_only=True)
    sheet = expected_book.create_sheet("Data")
    sheet.oddHeader.center.text = sheet.oddFooter.center.text = "CONFIDENTIAL"

    def cell(value: object) -> object:
        if isinstance(value, float) and value != value:
            return None  # NaN: no cell
        if isinstance(value, str):
            text = WriteOnlyCell(sheet, value=value.replace("\x01", "") or None)
            text.data_type = "s"
            return text
        return str(value) if isinstance(value, list) else value

    for row in [*above, *frame.iter_rows()]:
        sheet.append([cell(value) for value in row])
    expected, written = io.BytesIO(), io.BytesIO()
    expected_book.save(expected)
    write_xlsx(written, frame, above, "Data", "CONFIDENTIAL")

    def read(data: io.BytesIO) -> tuple:
        book = openpyxl.load_workbook(data)
        cells = [[(c.value, c.data_type) for c in row] for row in book.active.iter_rows()]
        return cells, book.active.oddHeader.center.text, book.active.oddFooter.center.text

    return read(written), read(expected)


def test_the_shared_strings_read_back_as_openpyxl_writes_the_cells():
    """Text columns of few distinct values go into the shared strings (a cell is a number
    there): they read back as the same text cells, with escaping, spaces, text a spreadsheet
    would run, empty cells between others and at the end of a row."""
    texts = ["<b>&amp;</b>", " space ", "=1+2", "two\nlines", "déjà", "", None, "x\x01y"]
    frame = pl.DataFrame(
        {
            "kind": texts * 3,
            "count": [1, None, 3, 4, None, 6, 7, 8] * 3,
            "verdict": (["violation_indicator", None, "outside_window", ""] * 6),
            "unique": [f"line {n}" for n in range(24)],
            "last": [None] * 23 + ["end"],
        }
    )
    above = [["RESTRICTED"], [], [c.title() for c in frame.columns]]
    written, expected = read_back(frame, above)
    assert written == expected
    cells, *_ = written
    assert cells[3] == [("<b>&amp;</b>", "s"), (1, "n"), ("violation_indicator", "s"),
                        ("line 0", "s"), (None, "n")]  # fmt: skip
    assert cells[9] == [(None, "n"), (7, "n"), ("outside_window", "s"), ("line 6", "s"),
                        (None, "n")]  # fmt: skip
    # the last row: a character XML cannot hold left out, an empty text as no cell
    assert cells[26] == [("xy", "s"), (8, "n"), (None, "n"), ("line 23", "s"), ("end", "s")]
