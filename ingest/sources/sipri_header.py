"""The header of a SIPRI export: which layout (classic or new trade register, TIV table) a file
is, where its header stands and how it is delimited (ingest.sources.sipri reads the rest).

Detection reads only the first 64 KB and needs nothing but the standard library, so recognising
a file's format (ingest.formats) imports no database or dataframe library."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DETECT_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t")

CLASSIC_COLUMNS = {
    "Recipient": "recipient",
    "Supplier": "supplier",
    "Year of order": "year_of_order",
    "Number ordered": "number_ordered",
    "Weapon designation": "weapon_designation",
    "Weapon description": "weapon_description",
    "Number delivered": "number_delivered",
    "Year(s) of delivery": "years_of_delivery",
    "Year(s) of deliveries": "years_of_delivery",
    "status": "status",
    "Comments": "comments",
    "SIPRI TIV per unit": "tiv_per_unit",
    "SIPRI TIV for total order": "tiv_total_order",
    "SIPRI TIV of delivered weapons": "tiv_delivered",
}
# Columns followed by a blank-headed `?` column in the classic layout.
CLASSIC_FLAGGED = ("year_of_order", "number_ordered", "number_delivered")
CLASSIC_REQUIRED = (
    "recipient",
    "supplier",
    "year_of_order",
    "weapon_description",
    "number_delivered",
    "years_of_delivery",
)
CLASSIC_SIGNATURE = frozenset({"recipient", "supplier", "year of order", "weapon designation"})

NEW_COLUMNS = {
    "SIPRI AT Database ID": "sipri_deal_id",
    "Supplier": "supplier",
    "Recipient": "recipient",
    "Designation": "weapon_designation",
    "Description": "weapon_description",
    "Armament category": "armament_category",
    "Order date": "order_date",
    "Order date is estimate": "order_date_is_estimate",
    "Numbers delivered": "number_delivered",
    "Numbers delivered is estimate": "number_delivered_is_estimate",
    "Delivery year": "delivery_year",
    "Delivery year is estimate": "delivery_year_is_estimate",
    "Status": "status",
    "Comments": "comments",
    "SIPRI estimate": "sipri_estimate",
    "TIV deal unit": "tiv_deal_unit",
    "TIV delivery values": "tiv_delivery_value",
    "Local production": "local_production",
}
NEW_REQUIRED = ("sipri_deal_id", "supplier", "recipient", "order_date", "delivery_year")
NEW_SIGNATURE = frozenset({"sipri at database id", "supplier", "recipient"})


def labels_of(columns: dict[str, str], names: tuple[str, ...]) -> tuple[str, ...]:
    """The header labels of these column names (the first label of each)."""
    return tuple(
        next(label for label, name in columns.items() if name == wanted) for wanted in names
    )


# First header cell of a TIV table -> direction of its figures.
TIV_DIRECTIONS = {
    "recipient": "imports",
    "imports by": "imports",
    "supplier": "exports",
    "exports by": "exports",
}

YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Header:
    layout: str  # classic, new or tiv_table
    line_number: int  # physical line of the header, 1-based
    delimiter: str
    labels: tuple[str, ...]  # header cells as written, trailing blank cells dropped
    trailing_semicolon: bool


def normalize_label(label: str) -> str:
    return " ".join(label.split()).lower()


def layout_of(cells: list[str]) -> str | None:
    labels = {normalize_label(cell) for cell in cells}
    if labels >= CLASSIC_SIGNATURE:
        return "classic"
    if labels >= NEW_SIGNATURE:
        return "new"
    first = normalize_label(cells[0]) if cells else ""
    years = sum(1 for cell in cells if YEAR.fullmatch(cell.strip()))
    if first in TIV_DIRECTIONS and years >= 3:
        return "tiv_table"
    return None


def header_in_line(line: str, line_number: int) -> Header | None:
    """The header, if this line is one: split by each delimiter in turn, the line must contain the
    header fields of a layout (SIPRI's preamble has commas too, but never those fields)."""
    body = line.rstrip("\r\n")
    if not body.strip():
        return None
    for delimiter in DELIMITERS:
        if delimiter not in body:
            continue
        trailing = delimiter != ";" and body.endswith(";")
        text = body[:-1] if trailing else body
        cells = next(csv.reader([text], delimiter=delimiter))
        layout = layout_of(cells)
        if layout is None:
            continue
        # Excel pads a header with empty cells; SIPRI's own blank flag headers are " ".
        while cells and cells[-1] == "":
            cells.pop()
        return Header(layout, line_number, delimiter, tuple(cells), trailing)
    return None


def find_header(lines: Iterable[str]) -> Header | None:
    """The first line that is a header of a SIPRI layout, however long the preamble."""
    for index, line in enumerate(lines):
        header = header_in_line(line, index + 1)
        if header is not None:
            return header
    return None


def detect(path: Path) -> bool:
    """True when the first 64 KB hold the header of a SIPRI trade register or TIV table."""
    try:
        with path.open("rb") as handle:
            head = handle.read(DETECT_BYTES)
    except OSError:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    elif b"\x00" in head:
        return False
    else:
        # Header fields are ASCII: any single-byte decoding finds them.
        text = head.decode("latin-1").removeprefix("\u00ef\u00bb\u00bf")
    try:
        return find_header(io.StringIO(text, newline="")) is not None
    except csv.Error:  # e.g. a field over the csv module's size limit: not a SIPRI header
        return False
