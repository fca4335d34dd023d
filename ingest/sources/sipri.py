"""SIPRI Arms Transfers Database exports (`embargo ingest FILE --format sipri`).

Three SIPRI layouts are recognised by their header fields, wherever the header stands:

- classic trade register (SIPRI's export until early 2025), one line per deal:
  `Recipient, Supplier, Year of order, ?, Number ordered, ?, Weapon designation, Weapon description,
  Number delivered, ?, Year(s) of delivery, status, Comments, SIPRI TIV per unit,
  SIPRI TIV for total order, SIPRI TIV of delivered weapons` -> `transfers`;
- new trade register (since about February 2025), one line per deal and delivery year:
  `SIPRI AT Database ID, Supplier, Recipient, Designation, Description, Armament category,
  Order date, Order date is estimate, Numbers delivered, Numbers delivered is estimate,
  Delivery year, Delivery year is estimate, Status, SIPRI estimate, TIV deal unit,
  TIV delivery values, Local production` -> `transfers`;
- TIV tables (`Recipient` or `Exports by`, then one column per year, then totals and
  percentages): aggregate TIV per country and year -> `sipri_tiv_totals`.

The raw file store (each file kept whole, named by its SHA-256, never changed) is the raw layer:
`raw_sipri` keeps the records of a trade register that were rejected, as delivered (all text),
and an accepted record is read on demand from the kept file by its load and row number
(ingest.sources.sipri_delivered, through the same reader), so every record stays reachable as
delivered.

A classic register is checked and written column-wise by DuckDB (ingest.sources.sipri_classic);
only its records that fail a check there go through the record-by-record reader of this module,
which gives their rejects. The new layout and the TIV tables (ingest.sources.sipri_tiv) are read
record by record.

Reading (each quirk is a named function, here or in ingest.sources.sipri_records and
ingest.sources.sipri_values):
- the file is decoded as UTF-8 (with or without BOM), else Windows-1252, else Latin-1
  (`decode_export`); UTF-16 with a BOM is read too; binary, empty and ZIP/XLSX files are refused;
- the preamble may have any length: the header is the first line whose cells contain the
  layout's header fields (`find_header`); the delimiter (`,`, `;` or tab) is the one that splits
  that line into those fields, so files re-saved through Excel with `;` load too; with `;` a
  decimal comma (`0,25`) is read as a decimal point (`read_number`);
- CRLF, LF or CR line ends; a trailing `;` on every line (`strip_trailing_semicolon`); surplus
  empty fields at the end of a line (trailing delimiters, Excel padding) are dropped (`fit_width`);
- a record broken across physical lines by an unquoted line break inside Comments is put back
  together (`reassemble_broken_records`; the line break is kept inside the comment), also when
  Excel has padded both halves with empty cells (`merge_excel_padded_continuations`);
- a blank header cell (SIPRI heads the `?` columns with " ") is the uncertainty flag of the
  named column to its left; `?` there sets that column's `*_is_estimate` in transfers;
- cells are trimmed before parsing (`0 ` is 0); an empty TIV cell is a missing value.

One transfers row per deal and delivery year; transfer_id = source_id:source_record_id:year
(`none` for a deal without a delivery year). Numbers are `quantity`; TIV is `value` with
value_unit 'TIV' (SIPRI trend-indicator value, millions).

Classic layout:
- source_record_id: the layout has no deal id, so it is "classic-" + the first 16 hex digits of
  SHA-1 over `Recipient|Supplier|Year of order|Number ordered|Weapon designation|
  Weapon description|Comments` (cells trimmed, UTF-8); identical deals in one file are told apart
  by an occurrence counter: the second one gets "-2", the third "-3", in file order.
- `Year(s) of delivery` lists ("1979; 1980; 1981") are expanded, one row per listed year, and the
  deal's `Number delivered` and `SIPRI TIV of delivered weapons` are spread over the years
  (`spread_deliveries`): the number is split as evenly as whole items allow, the remainder going
  one each to the earliest years (7 over 3 years -> 3, 2, 2); the TIV is spread in proportion to
  those numbers (14 -> 6, 4, 4), or evenly when the number delivered is empty or 0; each share is
  rounded to 6 decimals and the rounding residue is put on the earliest year, so the shares add
  up to the deal's TIV. quantity_is_estimate and value_is_estimate are true when the deal spans
  more than one year or SIPRI flags the number delivered with `?`. delivery_year_is_estimate is
  false (SIPRI lists the years without a flag).
- a deal with no delivery year yet is ONE row with delivery_year NULL describing the order:
  quantity = Number ordered, value = SIPRI TIV for total order, both flagged as estimates when
  SIPRI flags the number ordered with `?`.
- category_as_reported = Weapon description.

New layout: already one row per deal and delivery year. source_record_id = SIPRI AT Database ID;
quantity = Numbers delivered, value = TIV delivery values (both estimates when Numbers delivered
is an estimate: the value is the number times the deal's unit TIV); order year from Order date
(a year, or a date of which the year is taken); category_as_reported = Armament category.
Local production, SIPRI estimate (TIV of one new item) and TIV deal unit are kept in raw_sipri
only.

TIV tables: one sipri_tiv_totals row per country and year with a figure; an empty cell (no
deliveries identified) gives no row, `0` (less than 0.5 million) gives tiv 0. The period total,
`Percentage` and `Sum total years` columns are derived by SIPRI and not loaded. The
`Total world import/export` line is loaded with is_world_total = true and no country code, so
totals can be compared with the sum over countries; it is not looked up in country_aliases.
rows_read counts the country lines (and the world line); blank lines are not records.

Counts: rows_read = records in the file (a reassembled record counts once), rows_loaded = records
that reached the target table, and every other record has at least one reject.

Validation covers the cells that reach the warehouse tables (columns kept only in raw_sipri, such
as SIPRI TIV per unit, SIPRI estimate, TIV deal unit and Local production, are stored as written
and never reject a record). A record with any problem is rejected whole, one reject per problem;
the row number is the physical line where the record starts, counting the preamble, as a text
editor shows it:
- every layout: a record whose field count does not match the header, even after reassembly;
  a supplier, recipient or country name that is empty, not in country_aliases (which holds the
  actor registry's entries) and not settled by SIPRI's bracket rule (never guessed): a name
  `Name (Country)*` whose bracket names one country loads as a non-state actor operating there,
  its rows marked actor_rule 'sipri_bracket' and the actor listed once in rule_resolved_actors
  for someone to confirm or correct (ingest/actor_rules.py; docs/actors.md); a bracket naming two
  countries, or a place that is no country, is a reject naming them;
  a deal and delivery year (or TIV country, direction and year) already in the warehouse from an
  earlier file, so an export re-saved through Excel cannot double the figures;
- classic: Year of order not a year 1900-2100; a flag other than `?` or empty; Number ordered or
  Number delivered not a whole number or negative; SIPRI TIV for total order or of delivered
  weapons not a number or negative; a year of delivery that is not a year, outside 1900-2100 or
  listed twice (a delivery year before the year of order is kept: SIPRI records deliveries that
  began before the order was formalised, e.g. leases later turned into purchases); items or TIV
  delivered but no year of delivery;
- new: empty SIPRI AT Database ID; Order date not a year 1900-2100; an "is estimate" cell other
  than Yes/No/empty; Numbers delivered not a whole number or negative; Delivery year not a year
  1900-2100 (a delivery year before the order year is kept, as in the classic layout); TIV
  delivery values not a number or negative; the same deal id and delivery year twice in the file;
- TIV tables: a year cell that is not a number or is negative; the same country twice.
"""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded
from ingest.kit.places import Places
from ingest.kit.record_format import Layout
from ingest.kit.tables import XLSX_MAGIC, FileRefused, decode_text
from ingest.kit.validation import Reject, RowCheck
from ingest.sources.sipri_categories import harmonised_category
from ingest.sources.sipri_header import (
    CLASSIC_COLUMNS,
    CLASSIC_FLAGGED,
    CLASSIC_REQUIRED,
    DETECT_BYTES,
    NEW_COLUMNS,
    NEW_REQUIRED,
    Header,
    find_header,
    labels_of,
    normalize_label,
)
from ingest.sources.sipri_header import (
    detect as detect,  # the format interface (ingest.formats)
)
from ingest.sources.sipri_names import KnownName, SipriNames, record_rule_resolved_actors
from ingest.sources.sipri_records import (
    Record,
    merge_excel_padded_continuations,
    physical_records,
    reassemble_broken_records,
)
from ingest.sources.sipri_values import (
    classic_record_id,
    delivery_years,
    order_date_year,
    required_year,
    row_check,
    spread_deliveries,
    tiv_figure,
    uncertainty_flag,
    whole_items,
    yes_no,
)

SOURCE_ID = "sipri_trade_register"
TRANSFERS_TABLE = "transfers"
RAW_TABLE = "raw_sipri"
TIV_TABLE = "sipri_tiv_totals"
RULE_ACTORS_TABLE = "rule_resolved_actors"
TABLES_WRITTEN = (RAW_TABLE, TRANSFERS_TABLE, TIV_TABLE, RULE_ACTORS_TABLE)
CLASSIFICATION = "public"
VALUE_UNIT = "TIV"


LAYOUTS = (
    Layout(
        "classic trade register",
        tuple(CLASSIC_COLUMNS),
        labels_of(CLASSIC_COLUMNS, CLASSIC_REQUIRED),
    ),
    Layout("new trade register", tuple(NEW_COLUMNS), labels_of(NEW_COLUMNS, NEW_REQUIRED)),
    Layout(
        "TIV table",
        ("Recipient or Exports by", "one column per year", "totals and percentages"),
        ("Recipient or Exports by",),
    ),
)


# --------------------------------------------------------------------------------------------
# Reading the file
# --------------------------------------------------------------------------------------------


def decode_export(path: Path) -> str:
    """The file's text (ingest.kit.tables.decode_text). SIPRI writes Latin-1 (classic) or
    ASCII/UTF-8 (new); Excel writes UTF-8 with BOM, Windows-1252, or UTF-16 with a byte-order mark
    ("Unicode text"), which is read too. A workbook is refused: SIPRI's exports are CSV."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"{path.name}: cannot be read ({error.strerror})") from None
    return decode_text(
        data,
        path.name,
        refused_starts=((XLSX_MAGIC, NOT_A_CSV_EXPORT),),
        not_text="is a binary file (or UTF-16 without byte-order mark), not a CSV export",
        utf16_with_bom=True,
        binary_scan_bytes=DETECT_BYTES,
    )


def export_lines(path: Path) -> list[str]:
    """The file's lines, each with its own line end (CRLF, LF or CR)."""
    return list(io.StringIO(decode_export(path), newline=""))


NOT_A_CSV_EXPORT = (
    "is a ZIP archive or an Excel workbook, not a CSV export; "
    "save it as CSV (comma or semicolon separated) and load that"
)


# --------------------------------------------------------------------------------------------
# Trade registers
# --------------------------------------------------------------------------------------------


@dataclass
class Columns:
    """Where each raw_sipri column stands in the file, the file's label for it, and any columns
    the layout does not know (kept in raw_sipri.extra_columns)."""

    index: dict[str, int]
    label: dict[str, str]
    extra: list[tuple[str, int]]
    width: int


def map_columns(path: Path, header: Header) -> Columns:
    layout_columns = CLASSIC_COLUMNS if header.layout == "classic" else NEW_COLUMNS
    known = {normalize_label(text): name for text, name in layout_columns.items()}
    required = CLASSIC_REQUIRED if header.layout == "classic" else NEW_REQUIRED
    index: dict[str, int] = {}
    label: dict[str, str] = {}
    extra: list[tuple[str, int]] = []
    left: str | None = None
    for position, cell in enumerate(header.labels):
        name = known.get(normalize_label(cell))
        if not cell.strip():
            # A blank header cell is the `?` flag of the named column to its left.
            flagged = f"{left}_flag" if left in CLASSIC_FLAGGED else None
            if flagged and flagged not in index and header.layout == "classic":
                index[flagged] = position
                label[flagged] = f"? after {label[left]}"  # type: ignore[index]
            else:
                extra.append((f"column {position + 1}", position))
            continue
        if name is None:
            extra.append((cell.strip(), position))
            left = None
            continue
        if name in index:
            raise FileRefused(f"{path.name}: the header has the column '{cell.strip()}' twice")
        index[name], label[name] = position, cell.strip()
        left = name
    missing = [
        next(text for text, raw in layout_columns.items() if raw == name)
        for name in required
        if name not in index
    ]
    if missing:
        raise FileRefused(
            f"{path.name}: SIPRI {header.layout} trade register without the column(s) "
            f"{', '.join(missing)} (header on line {header.line_number})"
        )
    return Columns(index, label, extra, len(header.labels))


def register_records(lines: list[str], header: Header, columns: Columns) -> Iterator[Record]:
    """The records of a trade register: its physical records after the header, the broken ones
    put back together."""
    physical = physical_records(lines, header)
    return merge_excel_padded_continuations(
        reassemble_broken_records(physical, columns.width),
        columns.width,
        columns.index.get("comments"),
    )


def cells_of(record: Record, columns: Columns) -> dict[str, str]:
    """A record's cell for each raw_sipri column the file has ('' past a short record's end)."""
    fields = record.fields
    size = len(fields)
    return {
        name: fields[position] if position < size else ""
        for name, position in columns.index.items()
    }


def as_delivered(
    record: Record,
    cells: dict[str, str],
    columns: Columns,
    header: Header,
    load_id: str,
    file_name: str,
) -> dict:
    """A record as delivered, in raw_sipri's columns: its cells as read, and the columns the
    layout does not know and the cells past the header's width as JSON."""
    fields = record.fields
    extras = {name: fields[position] for name, position in columns.extra if position < len(fields)}
    for position in range(columns.width, len(fields)):
        extras[f"column {position + 1}"] = fields[position]
    return {
        **cells,
        "layout": header.layout,
        "extra_columns": json.dumps(extras, ensure_ascii=False) if extras else None,
        "load_id": load_id,
        "file_name": file_name,
        "source_row_number": record.line_number,
    }


@dataclass
class Parsed:
    """One record of a trade register after validation."""

    record: Record
    raw: dict
    rows: list[dict]
    rejects: list[Reject]


class TradeRegister:
    """Extract -> validate one trade register (either layout) into raw and transfers rows."""

    def __init__(
        self,
        path: Path,
        header: Header,
        load_id: str,
        source_id: str,
        names: SipriNames,
    ):
        self.path = path
        self.header = header
        self.load_id = load_id
        self.source_id = source_id
        self.columns = map_columns(path, header)
        self.decimal_comma = header.delimiter == ";"
        self.names = names
        self.supplier = names.parser("supplier")
        self.recipient = names.parser("recipient")
        self.whole = whole_items(self.decimal_comma)
        self.tiv = tiv_figure(self.decimal_comma)
        self.seen_deal_years: dict[tuple[str, int | None], int] = {}

    def records(self, lines: list[str]) -> Iterator[Record]:
        return register_records(lines, self.header, self.columns)

    def cells(self, record: Record) -> dict[str, str]:
        return cells_of(record, self.columns)

    def raw_row(self, record: Record, cells: dict[str, str]) -> dict:
        return as_delivered(record, cells, self.columns, self.header, self.load_id, self.path.name)

    def parse(self, record: Record) -> Parsed:
        cells = self.cells(record)
        raw = self.raw_row(record, cells)
        check = row_check(record.line_number)
        if record.problem is not None:
            text = self.header.delimiter.join(record.fields).strip()
            check.reject(None, text, record.problem)
            return Parsed(record, raw, [], check.rejects)
        if self.header.layout == "classic":
            rows = self.classic_rows(record, cells, check)
        else:
            rows = self.new_rows(record, cells, check)
        return Parsed(record, raw, [] if check.rejects else rows, check.rejects)

    def base_row(self, cells: dict[str, str], check: RowCheck) -> dict:
        label = self.columns.label
        supplier = cells["supplier"].strip()
        recipient = cells["recipient"].strip()
        unknown = KnownName(None, None)
        supplier_found = (
            check.parse(label["supplier"], cells["supplier"], self.supplier, required=True)
            or unknown
        )
        recipient_found = (
            check.parse(label["recipient"], cells["recipient"], self.recipient, required=True)
            or unknown
        )
        return {
            "source_id": self.source_id,
            "supplier_name": supplier,
            "supplier_iso3": supplier_found.iso3,
            "supplier_actor_type": supplier_found.actor_type,
            "recipient_name": recipient,
            "recipient_iso3": recipient_found.iso3,
            "recipient_actor_type": recipient_found.actor_type,
            "actor_rule": supplier_found.rule or recipient_found.rule,
            "designation": cells.get("weapon_designation", "").strip() or None,
            "description": cells.get("weapon_description", "").strip() or None,
            "status": cells.get("status", "").strip() or None,
            "comments": cells.get("comments", "").strip() or None,
            "value_unit": VALUE_UNIT,
            "is_nil_report": False,
            "classification": CLASSIFICATION,
            "load_id": self.load_id,
            "file_name": self.path.name,
        }

    def classic_rows(self, record: Record, cells: dict[str, str], check: RowCheck) -> list[dict]:
        label = self.columns.label
        base = self.base_row(cells, check)
        order_year = required_year(check, label["year_of_order"], cells["year_of_order"])
        flags = dict.fromkeys(CLASSIC_FLAGGED, False)
        for name in CLASSIC_FLAGGED:
            flag_column = f"{name}_flag"
            if flag_column in cells:
                flags[name] = bool(
                    check.parse(label[flag_column], cells[flag_column], uncertainty_flag)
                )
        ordered = check.parse(
            label.get("number_ordered", ""), cells.get("number_ordered", ""), self.whole
        )
        delivered = check.parse(label["number_delivered"], cells["number_delivered"], self.whole)
        tiv_order = check.parse(
            label.get("tiv_total_order", ""), cells.get("tiv_total_order", ""), self.tiv
        )
        tiv_delivered = check.parse(
            label.get("tiv_delivered", ""), cells.get("tiv_delivered", ""), self.tiv
        )
        years_label = label["years_of_delivery"]
        years = delivery_years(check, years_label, cells["years_of_delivery"])
        if not cells["years_of_delivery"].strip() and (delivered or tiv_delivered):
            check.reject(
                years_label,
                cells["years_of_delivery"],
                f"{label['number_delivered']} is {cells['number_delivered'].strip() or 'empty'} "
                f"and the TIV delivered is {cells.get('tiv_delivered', '').strip() or 'empty'}, "
                "but no year of delivery is given",
            )
        if check.rejects:
            return []
        # Identical deals are told apart by an occurrence counter, added by
        # ingest.sources.sipri_classic over every record kept.
        record_id = classic_record_id(cells)
        description = base["description"]
        common = {
            **base,
            "source_record_id": record_id,
            "category": harmonised_category(description),
            "category_as_reported": description,
            "order_year": order_year,
            "order_year_is_estimate": flags["year_of_order"],
            "source_row_number": record.line_number,
        }
        if not years:
            return [
                {
                    **common,
                    "transfer_id": f"{self.source_id}:{record_id}:none",
                    "delivery_year": None,
                    "delivery_year_is_estimate": None,
                    "quantity": float(ordered) if ordered is not None else None,
                    "quantity_is_estimate": flags["number_ordered"],
                    "value": tiv_order,
                    "value_is_estimate": flags["number_ordered"],
                }
            ]
        spread = len(years) > 1
        estimate = spread or flags["number_delivered"]
        return [
            {
                **common,
                "transfer_id": f"{self.source_id}:{record_id}:{year}",
                "delivery_year": year,
                "delivery_year_is_estimate": False,
                "quantity": float(quantity) if quantity is not None else None,
                "quantity_is_estimate": estimate,
                "value": value,
                "value_is_estimate": estimate,
            }
            for year, quantity, value in spread_deliveries(years, delivered, tiv_delivered)
        ]

    def new_rows(self, record: Record, cells: dict[str, str], check: RowCheck) -> list[dict]:
        label = self.columns.label
        base = self.base_row(cells, check)
        deal_id = cells["sipri_deal_id"].strip()
        if not deal_id:
            check.reject(label["sipri_deal_id"], cells["sipri_deal_id"], "a value is required")
        order_year = order_date_year(check, label["order_date"], cells["order_date"])
        estimates = {
            name: check.parse(label[name], cells[name], yes_no) if name in cells else None
            for name in (
                "order_date_is_estimate",
                "number_delivered_is_estimate",
                "delivery_year_is_estimate",
            )
        }
        delivered = check.parse(
            label.get("number_delivered", ""), cells.get("number_delivered", ""), self.whole
        )
        value = check.parse(
            label.get("tiv_delivery_value", ""), cells.get("tiv_delivery_value", ""), self.tiv
        )
        delivery_year = None
        year_text = cells["delivery_year"].strip()
        if year_text:
            delivery_year = required_year(check, label["delivery_year"], cells["delivery_year"])
        if deal_id and not check.rejects:
            key = (deal_id, delivery_year)
            earlier = self.seen_deal_years.get(key)
            if earlier is not None:
                check.reject(
                    label["sipri_deal_id"],
                    cells["sipri_deal_id"],
                    f"deal {deal_id} already has a row for delivery year "
                    f"{delivery_year or '(none)'} on line {earlier}",
                )
            else:
                self.seen_deal_years[key] = record.line_number
        if check.rejects:
            return []
        armament = cells.get("armament_category", "").strip() or None
        return [
            {
                **base,
                "transfer_id": f"{self.source_id}:{deal_id}:{delivery_year or 'none'}",
                "source_record_id": deal_id,
                "category": harmonised_category(base["description"], armament),
                "category_as_reported": armament,
                "order_year": order_year,
                "order_year_is_estimate": estimates["order_date_is_estimate"],
                "delivery_year": delivery_year,
                "delivery_year_is_estimate": estimates["delivery_year_is_estimate"],
                "quantity": float(delivered) if delivered is not None else None,
                "quantity_is_estimate": estimates["number_delivered_is_estimate"],
                "value": value,
                "value_is_estimate": estimates["number_delivered_is_estimate"],
                "source_row_number": record.line_number,
            }
        ]


def already_in_warehouse(
    con: duckdb.DuckDBPyConnection, table: str, key_sql: str, keys: list[str]
) -> dict[str, tuple[str, str]]:
    """Keys of incoming rows that an earlier load put in the table -> (file, load)."""
    if not keys:
        return {}
    import polars as pl  # the new layout and TIV tables only: the classic path needs none

    con.register("incoming_sipri_keys", pl.DataFrame({"incoming_key": keys}))
    try:
        # Table and key expression come from this module, never from input data.
        found = con.execute(
            f"SELECT {key_sql} AS incoming_key, min(file_name), min(load_id) FROM {table} "  # noqa: S608
            f"WHERE {key_sql} IN (SELECT incoming_key FROM incoming_sipri_keys) "
            "GROUP BY ALL"
        ).fetchall()
    finally:
        con.unregister("incoming_sipri_keys")
    return {key: (file_name, load_id) for key, file_name, load_id in found}


def load_classic(
    con: duckdb.DuckDBPyConnection, records: list[Record], register: TradeRegister
) -> Loaded:
    """The classic layout, read column-wise (ingest.sources.sipri_classic); this reader takes
    the records that fail a check there."""
    from ingest.sources import sipri_classic

    columns = register.columns
    load = sipri_classic.Load(
        register.path,
        register.header,
        register.load_id,
        register.source_id,
        columns.index,
        columns.extra,
        columns.width,
    )
    return sipri_classic.load_classic(con, records, load, register)


def load_trade_register(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    lines: list[str],
    header: Header,
    load_id: str,
    source_id: str,
) -> Loaded:
    names = SipriNames(Places(con))
    register = TradeRegister(path, header, load_id, source_id, names)
    if header.layout == "classic":
        return load_classic(con, list(register.records(lines)), register)
    parsed = [register.parse(record) for record in register.records(lines)]
    incoming = [row["transfer_id"] for item in parsed for row in item.rows]
    earlier = already_in_warehouse(con, TRANSFERS_TABLE, "transfer_id", incoming)
    raw_rows: list[dict] = []
    transfer_rows: list[dict] = []
    rejects: list[Reject] = []
    loaded = 0
    for item in parsed:
        for row in item.rows:
            if row["transfer_id"] in earlier:
                file_name, earlier_load = earlier[row["transfer_id"]]
                item.rejects.append(
                    Reject(
                        item.record.line_number,
                        None,
                        row["transfer_id"],
                        f"this deal and delivery year are already in the warehouse from "
                        f"{file_name} (load {earlier_load}); a transfer is loaded once",
                    )
                )
        if item.rejects:
            # Only a rejected record is kept as delivered: an accepted one is read from the
            # kept file (ingest.sources.sipri_delivered).
            raw_rows.append(item.raw)
            rejects.extend(item.rejects)
        else:
            transfer_rows.extend(item.rows)
            loaded += 1
            for row in item.rows[:1]:
                for role in ("supplier", "recipient"):
                    found = names.resolve(row[f"{role}_name"])
                    if isinstance(found, KnownName):
                        names.seen(row[f"{role}_name"], found, row, TRANSFERS_TABLE)
    insert_typed(con, RAW_TABLE, raw_rows)
    insert_typed(con, TRANSFERS_TABLE, transfer_rows)
    record_rule_resolved_actors(con, names)
    return Loaded(TRANSFERS_TABLE, len(parsed), loaded, rejects)


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


# Warehouse column type -> polars type, so frames are built without guessing types.
POLARS_TYPES = {
    "VARCHAR": "String",
    "INTEGER": "Int32",
    "BIGINT": "Int64",
    "DOUBLE": "Float64",
    "BOOLEAN": "Boolean",
}


def insert_typed(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Like ingest.kit.loads.insert_rows, but the frame takes the table's own column types
    instead of inferring them from every row: the classic register's 60,000 rows go in a few
    times faster."""
    if not rows:
        return
    import polars as pl  # the new layout and TIV tables only: the classic path needs none

    relation = con.table(table)
    schema = {
        name: getattr(pl, POLARS_TYPES[str(dtype)])
        for name, dtype in zip(relation.columns, relation.dtypes, strict=True)
        if name in rows[0]
    }
    frame = pl.DataFrame(rows, schema=schema)
    con.register("incoming_sipri_rows", frame)
    try:
        # The table name comes from this module, never from input data.
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_sipri_rows")  # noqa: S608
    finally:
        con.unregister("incoming_sipri_rows")


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """A register of 28,000 deals makes some 150,000 dicts and lists and no reference cycles; the
    cyclic garbage collector, triggered by every 700 allocations, would scan them over and over
    (a third of the parse time). It is paused meanwhile and restored as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """Extract, validate and load one SIPRI export inside the caller's transaction. `source_id`
    overrides SOURCE_ID on the rows (synthetic demo files read by this module)."""
    source_id = source_id or SOURCE_ID
    lines = export_lines(path)
    try:
        header = find_header(lines)
        if header is None:
            raise FileRefused(
                f"{path.name}: no SIPRI header found: expected a line with "
                "'Recipient,Supplier,Year of order,...' (classic trade register), "
                "'SIPRI AT Database ID,Supplier,Recipient,...' (new trade register) or "
                "'Recipient|Exports by,1950,1951,...' (TIV table)"
            )
        with cyclic_gc_paused():
            if header.layout == "tiv_table":
                from ingest.sources.sipri_tiv import load_tiv_table

                return load_tiv_table(con, path, lines, header, load_id)
            return load_trade_register(con, path, lines, header, load_id, source_id)
    except csv.Error as error:
        raise FileRefused(f"{path.name}: cannot be read as CSV: {error}") from None
