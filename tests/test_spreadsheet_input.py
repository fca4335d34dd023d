"""Workbooks as input: .xlsx, .ods and .xls are read by calamine (ingest.kit.tables) with the row
numbers a user sees in the spreadsheet, blank rows skipped but counted, and a file that is not a
workbook refused with its name. The .xlsx files are written by openpyxl, the .ods by hand (the
OpenDocument zip layout), so each test reads a real file of its kind."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest

from ingest.kit.tables import FileRefused, is_spreadsheet, read_header, read_table

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body>
</office:document-content>
"""


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An OpenDocument spreadsheet: text cells as strings, numbers as floats, None empty."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    body = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(cell(value) for value in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    with zipfile.ZipFile(path, "w") as archive:
        # The mimetype entry comes first and uncompressed, as the format requires.
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", ODS_CONTENT.format(sheets=body))
    return path


ROWS = [
    ["event_id", "event_date", "quantity", "note"],
    ["E1", dt.date(2024, 3, 5), 2, "first"],
    [None, None, None, None],  # a blank row: skipped, still counted
    ["E2", "2024-03-06", 1.5, None],
    [None, None, None, None],
    [None, None, None, None],
    ["E3", "2024-03-07", 10, "last, with a comma"],
]
EXPECTED_ROWS = [
    (2, ["E1", "2024-03-05", "2", "first"]),
    (4, ["E2", "2024-03-06", "1.5", ""]),
    (7, ["E3", "2024-03-07", "10", "last, with a comma"]),
]


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value is not None:
                    sheet.cell(number, column, value)
    workbook.save(path)
    return path


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_a_workbook_is_read_with_the_row_numbers_of_the_spreadsheet(tmp_path, writer):
    suffix = ".xlsx" if writer is write_xlsx else ".ods"
    path = writer(tmp_path / f"book{suffix}", {"notes": [["x"]], "Seizures ": ROWS})
    assert is_spreadsheet(path)
    table = read_table(path, "seizures")
    assert table.where == f"book{suffix} (sheet 'Seizures ')"
    assert table.header == ["event_id", "event_date", "quantity", "note"]
    assert table.rows == EXPECTED_ROWS
    assert table.is_spreadsheet
    assert read_header(path, "seizures") == ["event_id", "event_date", "quantity", "note"]
    # Without a sheet of the format's name, the first sheet is read.
    assert read_table(path, "traces").header == ["x"]


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_values_in_a_column_far_right_keep_their_row_and_column(tmp_path, writer):
    suffix = ".xlsx" if writer is write_xlsx else ".ods"
    rows = [["a", "b"], [None, None, None, None, "stray"], ["1", "2"]]
    table = read_table(writer(tmp_path / f"wide{suffix}", {"s": rows}), "s")
    assert table.rows == [(2, ["", "", "", "", "stray"]), (3, ["1", "2", "", "", ""])]


def test_a_file_that_only_starts_like_an_old_excel_workbook_is_refused_by_name(tmp_path):
    path = tmp_path / "report.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    with pytest.raises(FileRefused) as refused:
        read_table(path, "seizures")
    assert str(refused.value).startswith(
        "report.xls: cannot be read as a workbook (.xlsx, .xls or .ods): "
    )
    assert read_header(path, "seizures") == []


def test_a_damaged_xlsx_is_refused_by_name(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip archive")
    with pytest.raises(FileRefused) as refused:
        read_table(path, "seizures")
    assert str(refused.value).startswith(
        "broken.xlsx: cannot be read as a workbook (.xlsx, .xls or .ods): "
    )


def test_an_ods_seizures_file_loads_through_the_command_line(warehouse, tmp_path):
    from seizure_files import HEADER, write_seizure_file

    db = str(tmp_path / "w.duckdb")
    shutil.copy(warehouse, db)
    csv_file = write_seizure_file(tmp_path, 7, events=2)
    rows = [line.split(",") for line in csv_file.read_text().splitlines()[1:]]
    rows[1][0] = ""  # the second event without its id: rejected at its spreadsheet row
    ods = write_ods(tmp_path / "jmac-7.ods", {"seizures": [HEADER, [None] * len(HEADER), *rows]})
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "ingest", "--db", db, str(ods)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.splitlines()[0] == "jmac-7.ods: seizures, read 2, loaded 1, rejected 1"
    import duckdb

    with duckdb.connect(db, read_only=True) as connection:
        rejects = connection.execute(
            "SELECT row_number, column_name FROM rejects WHERE file_name = ?", ["jmac-7.ods"]
        ).fetchall()
    assert rejects == [(4, "event_id")]
