"""Reading tables: delimited text files (CSV, one text decoder for every format) and workbook
worksheets (.xlsx, .xls, .ods) into a header and rows of text, with row numbers as a user sees
them in a text editor or spreadsheet: the header is line 1. Blank rows are skipped and not
counted; a quoted value may span lines, and its record is numbered by the line it starts on."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.kit.validation import Reject

XLSX_MAGIC = b"PK\x03\x04"  # a zip archive: .xlsx and .ods
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE compound file: .xls
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024
NOT_TEXT_CSV = (
    "not a text CSV file (binary content, or UTF-16 text): save it as CSV UTF-8 or as .xlsx"
)
OLD_EXCEL = "an Excel workbook (.xls) that is not a readable workbook: save it as .xlsx or CSV"


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
    """A spreadsheet cell as the text a user sees: whole numbers without '.0' (calamine gives
    every number as a float), dates as ISO."""
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


def read_spreadsheet_rows(
    path: Path, sheet_name: str | None = None, max_rows: int | None = None
) -> tuple[str, list[list[str]]]:
    """Return (sheet title, rows of cell texts) of one worksheet of a workbook (.xlsx, .xls or
    .ods, told apart by content, read by calamine); the list index + 1 is the spreadsheet row
    number, so the header is row 1. The sheet is the one titled `sheet_name` (case and
    surrounding spaces ignored) if there is one, else the first sheet. `max_rows` stops early
    (a header sniff reads one row). A file that is not a readable workbook is refused, naming
    the file."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own errors for zip, XML and OLE faults
        raise FileRefused(
            f"{path.name}: cannot be read as a workbook (.xlsx, .xls or .ods): {error}"
        ) from None
    try:
        titles = workbook.sheet_names
        if not titles:
            raise FileRefused(f"{path.name}: the workbook has no worksheet")
        wanted = (sheet_name or "").strip().lower()
        title = next((t for t in titles if wanted and t.strip().lower() == wanted), titles[0])
        sheet = workbook.get_sheet_by_name(title)
        # skip_empty_area=False: calamine would otherwise start at the first used row and
        # column, and every row number after empty leading rows would be off.
        values = sheet.to_python(skip_empty_area=False, nrows=max_rows)
        rows = [[xlsx_cell_text(value) for value in row] for row in values]
    except FileRefused:
        raise
    except Exception as error:
        raise FileRefused(f"{path.name}: cannot read the worksheet: {error}") from None
    finally:
        workbook.close()
    return title, rows


# ---------------------------------------------------------------------------------------------
# Text: one decoder for every CSV-like input


def decode_text(
    data: bytes,
    name: str,
    *,
    refused_starts: Sequence[tuple[bytes, str]] = ((OLD_EXCEL_MAGIC, OLD_EXCEL),),
    not_text: str = NOT_TEXT_CSV,
    utf16_with_bom: bool = False,
    binary_scan_bytes: int | None = None,
) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else Latin-1. Latin-1 is read as
    Windows-1252, which agrees with it on every printable character and adds the typographic
    quotes and dashes Excel writes in "CSV" on Windows (Côte d’Ivoire); bytes 1252 leaves
    undefined fall back to plain Latin-1.

    Refused (FileRefused naming the file): an empty file; a file starting with one of
    `refused_starts` (magic bytes, message); a NUL byte (in the first `binary_scan_bytes`, or
    anywhere), which text never holds, with the message `not_text`. `utf16_with_bom` reads
    UTF-16 text that starts with a byte-order mark (Excel's "Unicode text")."""
    if not data.strip():
        raise FileRefused(f"{name}: the file is empty")
    for magic, message in refused_starts:
        if data.startswith(magic):
            raise FileRefused(f"{name}: {message}")
    if utf16_with_bom and data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefused(f"{name}: starts as UTF-16 but cannot be decoded") from None
    scanned = data if binary_scan_bytes is None else data[:binary_scan_bytes]
    if b"\x00" in scanned:
        raise FileRefused(f"{name}: {not_text}")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(first_line: str) -> str:
    """Comma, unless the header has more semicolons or tabs: Excel in many European locales
    saves "CSV" with semicolons."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


# ---------------------------------------------------------------------------------------------
# Tables: a CSV file or a workbook as a header and numbered rows of text


@dataclass(frozen=True)
class Table:
    """A file as delivered: header and (row number, cells) with the header as row 1."""

    where: str  # the file name, and the sheet for a workbook, as messages name it
    header: list[str]
    rows: list[tuple[int, list[str]]]
    is_spreadsheet: bool


def is_spreadsheet(path: Path) -> bool:
    """A workbook by its first bytes: a zip archive (.xlsx, .ods) or an OLE file (.xls)."""
    with path.open("rb") as handle:
        return handle.read(4) in (XLSX_MAGIC, OLD_EXCEL_MAGIC)


def parse_csv_text(text: str, name: str) -> Table:
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    try:
        header = next(reader, [])
        rows = []
        while True:
            start = reader.line_num + 1  # a quoted value may span lines: number the first one
            cells = next(reader, None)
            if cells is None:
                break
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
    except csv.Error as error:
        raise FileRefused(
            f"{name}: not a readable CSV file near line {reader.line_num}: {error}"
        ) from None
    return Table(name, [cell.strip() for cell in header], rows, is_spreadsheet=False)


def read_table(path: Path, sheet_name: str) -> Table:
    """The whole file. For a workbook, the sheet named after the format, else the first."""
    if is_spreadsheet(path):
        title, cells = read_spreadsheet_rows(path, sheet_name)
        where = f"{path.name} (sheet '{title}')"
        if not cells or not any(cell.strip() for cell in cells[0]):
            raise FileRefused(f"{where}: the sheet is empty or its first row is not a header")
        rows = [
            (number, row)
            for number, row in enumerate(cells[1:], start=2)
            if any(cell.strip() for cell in row)
        ]
        return Table(where, [cell.strip() for cell in cells[0]], rows, is_spreadsheet=True)
    return parse_csv_text(decode_text(path.read_bytes(), path.name), path.name)


def read_header(path: Path, sheet_name: str) -> list[str]:
    """Only the header row, cheaply, for format detection; empty when the file is unreadable."""
    try:
        if is_spreadsheet(path):
            _, cells = read_spreadsheet_rows(path, sheet_name, max_rows=1)
            return [cell.strip() for cell in cells[0]] if cells else []
        with path.open("rb") as handle:
            sample = handle.read(SNIFF_BYTES)
        text = decode_text(sample, path.name)
    except (FileRefused, OSError):
        return []
    first_line = text.splitlines()[0] if text.splitlines() else ""
    header = next(csv.reader([first_line], delimiter=sniff_delimiter(first_line)), [])
    return [cell.strip() for cell in header]


def extract(table: Table) -> list[tuple[int, dict[str, str], list[Reject]]]:
    """Rename only: each row as {column: text}, plus a reject for any value standing in a
    column without a header (in a CSV usually an unquoted comma that split a value in two)."""
    extracted = []
    width = len(table.header)
    for row_number, cells in table.rows:
        record = {
            name: cells[index] if index < len(cells) else ""
            for index, name in enumerate(table.header)
            if name
        }
        stray = [
            (index, cell)
            for index, cell in enumerate(cells)
            if cell.strip() and (index >= width or not table.header[index])
        ]
        problems = []
        if stray:
            hint = (
                "add a header for it or remove it"
                if table.is_spreadsheet
                else "a value with an unquoted comma splits into two; quote it"
            )
            problems.append(
                Reject(
                    row_number,
                    None,
                    "; ".join(cell for _, cell in stray),
                    f"value(s) in column {', '.join(str(i + 1) for i, _ in stray)}, which has "
                    f"no header: {hint}",
                )
            )
        extracted.append((row_number, record, problems))
    return extracted
