"""Reading delimited text files and Excel worksheets into rows, with row numbers as a user sees
them in a text editor or spreadsheet: the header is line 1."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path


class FileRefused(Exception):
    """The file cannot be read at all; the message names the file and what is wrong."""


def read_csv_records(
    path: Path, expected_columns: Sequence[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number where the record starts, record) for each data row of a UTF-8 CSV.
    A file missing any expected column is refused whole, naming the missing columns."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        missing = [name for name in expected_columns if name not in header]
        if missing:
            raise FileRefused(
                f"{path.name}: missing column(s) {', '.join(missing)}; "
                f"expected header: {','.join(expected_columns)}"
            )
        next_line = 2
        for record in reader:
            yield next_line, record
            next_line = reader.line_num + 1


def xlsx_cell_text(value: object) -> str:
    """A spreadsheet cell as the text a user sees: whole numbers without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_xlsx_rows(
    path: Path, sheet_name: str | None = None, max_rows: int | None = None
) -> tuple[str, list[list[str]]]:
    """Return (sheet title, rows of cell texts) of one worksheet of an .xlsx workbook; the list
    index + 1 is the spreadsheet row number, so the header is row 1. The sheet is the one titled
    `sheet_name` (case and surrounding spaces ignored) if there is one, else the first sheet.
    `max_rows` stops early (a header sniff reads one row). A file that is not a readable
    workbook is refused, naming the file."""
    import openpyxl  # imported here: only spreadsheet input needs it, and it is slow to import

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors alike
        raise FileRefused(
            f"{path.name}: cannot be read as an Excel workbook (.xlsx): {error}"
        ) from None
    try:
        titles = workbook.sheetnames
        if not titles:
            raise FileRefused(f"{path.name}: the workbook has no worksheet")
        wanted = (sheet_name or "").strip().lower()
        title = next((t for t in titles if wanted and t.strip().lower() == wanted), titles[0])
        sheet = workbook[title]
        # The stored sheet size may be missing or wrong (files written by other tools); read
        # every row instead. Rows missing from the file come back empty, so numbering holds.
        sheet.reset_dimensions()
        rows = [
            [xlsx_cell_text(value) for value in row]
            for row in sheet.iter_rows(max_row=max_rows, values_only=True)
        ]
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(f"{path.name}: cannot read the Excel worksheet: {error}") from None
    finally:
        workbook.close()
    return title, rows
