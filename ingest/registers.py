"""What the two transfer-register formats share (UN Register `unroca`, ATT annual reports `att`):
reading a CSV or XLSX report into rows, resolving state names, parsing the common columns,
and loading a validated file into its raw table and `transfers`.

Each register line is reported by one State about one counterpart. For an export line the
reporting State is the supplier and the counterpart the recipient; for an import line the other
way round. Loading the same file twice changes nothing (load_log, by SHA-256); loading the same
report again in another file (re-saved as XLSX, another encoding, rows in another order) loads no
line twice either: every line gets a `source_record_id` built from its content, and a line whose
record is already in `transfers` becomes a reject that names the file and row it came from.

Row numbers are what the user sees: the CSV line where a record starts (a quoted value may span
lines) or the spreadsheet row, the header being 1. Blank rows are skipped and not counted."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.formats import Loaded
from ingest.loads import insert_rows
from ingest.readers import FileRefused, read_xlsx_rows
from ingest.reference import normalize_alias
from ingest.validation import Column, InvalidValue, Reject, validate_rows

XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (",", ";", "\t")
SNIFF_BYTES = 64 * 1024

# ISO 4217 currency codes: the active list plus codes withdrawn since the ATT entered into force
# (December 2014), because reports for earlier years may still use them (LTL, LVL, BYR, MRO,
# STD, VEF, HRK, ...).
_CURRENCY_CODES_TEXT = """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
    BWP BYN BYR BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD
    EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD
    IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LTL LVL LYD MAD
    MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP
    STD STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
    VEF VES VND VUV WST XAF XCD XCG XDR XOF XPF XSU XUA YER ZAR ZMW ZWG ZWL
"""
CURRENCY_CODES = frozenset(_CURRENCY_CODES_TEXT.split())


# ---------------------------------------------------------------------------------------------
# Reading: a CSV or XLSX report as a header and numbered rows of text


@dataclass(frozen=True)
class Table:
    """A report as delivered: header and (row number, cells) with the header as row 1."""

    where: str  # the file name, and the sheet for a workbook, as messages name it
    header: list[str]
    rows: list[tuple[int, list[str]]]
    is_spreadsheet: bool


def is_xlsx(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == XLSX_MAGIC


def decode_text(data: bytes, name: str) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else Latin-1. Latin-1 is read as
    Windows-1252, which agrees with it on every printable character and adds the typographic
    quotes and dashes Excel writes in "CSV" on Windows (Côte d’Ivoire); bytes 1252 leaves
    undefined fall back to plain Latin-1."""
    if not data.strip():
        raise FileRefused(f"{name}: the file is empty")
    if data.startswith(OLD_EXCEL_MAGIC):
        raise FileRefused(f"{name}: old Excel format (.xls) is not read: save it as .xlsx or CSV")
    if b"\x00" in data:
        raise FileRefused(
            f"{name}: not a text CSV file (binary content, or UTF-16 text): "
            "save it as CSV UTF-8 or as .xlsx"
        )
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
    """The whole report. For a workbook, the sheet named after the format, else the first."""
    if is_xlsx(path):
        title, cells = read_xlsx_rows(path, sheet_name)
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
        if is_xlsx(path):
            _, cells = read_xlsx_rows(path, sheet_name, max_rows=1)
            return [cell.strip() for cell in cells[0]] if cells else []
        with path.open("rb") as handle:
            sample = handle.read(SNIFF_BYTES)
        text = decode_text(sample, path.name)
    except (FileRefused, OSError):
        return []
    first_line = text.splitlines()[0] if text.splitlines() else ""
    header = next(csv.reader([first_line], delimiter=sniff_delimiter(first_line)), [])
    return [cell.strip() for cell in header]


# ---------------------------------------------------------------------------------------------
# Names: reporting and counterpart states through country_aliases, or ISO3 codes


@dataclass(frozen=True)
class Actor:
    name: str  # as the file gives it
    iso3: str | None
    actor_type: str

    @property
    def is_state(self) -> bool:
        return self.iso3 is not None and self.actor_type in ("state", "historical")

    @property
    def key(self) -> str:
        """What identifies the actor whatever the spelling (for stable record ids)."""
        return f"{self.iso3}/{self.actor_type}" if self.iso3 else normalize_alias(self.name)


class CountryNames:
    """The alias table and the country codes, read once per load."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.aliases = {
            alias: (iso3, actor_type)
            for alias, iso3, actor_type in con.execute(
                "SELECT alias_normalized, country_iso3, actor_type FROM country_aliases"
            ).fetchall()
        }
        self.codes = {
            iso3: "historical" if is_historical else "state"
            for iso3, is_historical in con.execute(
                "SELECT country_iso3, is_historical FROM countries"
            ).fetchall()
        }

    def actor(self, name: str) -> Actor:
        """Any known party: a country, a non-state actor, an organisation, 'unknown ...'."""
        found = self.aliases.get(normalize_alias(name))
        if found is not None:
            return Actor(name, found[0], found[1])
        if name.upper() in self.codes and re.fullmatch(r"[A-Za-z]{3}", name):
            return Actor(name, name.upper(), self.codes[name.upper()])
        raise InvalidValue(
            f"'{name}' is not a known country name or ISO 3166 alpha-3 code; if it is a real "
            "spelling, add it to data/reference/country_aliases.csv (names are never guessed)"
        )

    def state(self, name: str) -> Actor:
        """A State: reports are made by States, never by groups or organisations."""
        actor = self.actor(name)
        if not actor.is_state:
            raise InvalidValue(
                f"'{name}' is not a State ({actor.actor_type}): reports are made by States"
            )
        return actor


# ---------------------------------------------------------------------------------------------
# Column parsers shared by both registers (each raises InvalidValue with a plain reason)


def flow(value: str) -> str:
    lowered = value.lower()
    if lowered not in ("export", "import"):
        raise InvalidValue(f"flow '{value}' is not export or import")
    return lowered


def year_between(column: str, first: int, why: str) -> Callable[[str], int]:
    """A year from `first` to the current year (a report covers a year that has begun)."""

    def parse(value: str) -> int:
        last = dt.date.today().year
        if not re.fullmatch(r"\d{4}", value):
            raise InvalidValue(f"{column} '{value}' is not a four-digit year")
        year = int(value)
        if not first <= year <= last:
            raise InvalidValue(f"{column} {year} is outside {first} to {last}: {why}")
        return year

    return parse


def number_of_items(value: str) -> int:
    if re.fullmatch(r"\d+", value):
        return int(value)
    if re.fullmatch(r"-\s*\d+(\.\d*)?", value):
        raise InvalidValue(f"number_of_items {value} is negative: expected 0 or more")
    raise InvalidValue(
        f"number_of_items '{value}' is not a whole number of items "
        "(digits only, no decimals or thousands separators)"
    )


def amount(value: str) -> float:
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return float(value)
    if re.fullmatch(r"-\s*\d+(\.\d*)?", value):
        raise InvalidValue(f"value {value} is negative: expected 0 or more")
    raise InvalidValue(
        f"value '{value}' is not a number: write digits with '.' for decimals and no thousands "
        "separators or currency signs"
    )


def currency(value: str) -> str:
    code = value.upper()
    if code not in CURRENCY_CODES:
        raise InvalidValue(
            f"currency '{value}' is not an ISO 4217 currency code (e.g. USD, EUR, GBP)"
        )
    return code


def category_key(as_reported: str) -> str:
    """A category as reported, case- and space-insensitive (for stable record ids)."""
    return re.sub(r"\s*:\s*", ":", normalize_alias(as_reported))


def reporting_state_is_not_counterpart(row: dict) -> Reject | None:
    """A State does not export to or import from itself: a name in the wrong column."""
    reporting, counterpart = row["reporting_state"], row["counterpart_state"]
    if counterpart is not None and counterpart.is_state and counterpart.iso3 == reporting.iso3:
        return Reject(
            row["_row_number"],
            "counterpart_state",
            counterpart.name,
            f"counterpart_state '{counterpart.name}' is the reporting state itself",
        )
    return None


# ---------------------------------------------------------------------------------------------
# One register format: its columns, rules and how a valid line becomes a transfer


@dataclass(frozen=True)
class RegisterFormat:
    format_name: str  # also the preferred sheet name in a workbook
    label: str  # how messages name the format
    source_id: str
    raw_table: str
    required_columns: tuple[str, ...]
    optional_columns: tuple[str, ...]
    columns: Callable[[CountryNames], Sequence[Column]]
    row_rules: Sequence[Callable[[dict], Reject | None]]
    # the line's own fields for `transfers` (year, quantity, value, category, comments, ...)
    transfer_fields: Callable[[dict], dict]
    # the line's content that identifies it, and the readable start of its record id
    record_key: Callable[[dict], list]
    record_prefix: Callable[[dict], str]

    @property
    def all_columns(self) -> tuple[str, ...]:
        return self.required_columns + self.optional_columns

    def detect(self, path: Path) -> bool:
        header = set(read_header(path, self.format_name))
        return set(self.required_columns) <= header

    def load(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        load_id: str,
        source_id: str | None = None,
    ) -> Loaded:
        return load_register(con, self, path, load_id, source_id or self.source_id)


def check_header(table: Table, spec: RegisterFormat) -> None:
    missing = [name for name in spec.required_columns if name not in table.header]
    if missing:
        raise FileRefused(
            f"{table.where}: missing required column(s) {', '.join(missing)}; {spec.label} "
            f"files need the columns {', '.join(spec.required_columns)} "
            f"(optional: {', '.join(spec.optional_columns)})"
        )
    twice = sorted({name for name in table.header if name and table.header.count(name) > 1})
    if twice:
        raise FileRefused(f"{table.where}: column(s) {', '.join(twice)} appear more than once")
    if not table.rows:
        raise FileRefused(f"{table.where}: no data rows below the header")


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


def stable_record_ids(spec: RegisterFormat, rows: Sequence[dict]) -> list[str]:
    """A record id from the line's content (states as codes, text case- and space-insensitive,
    comments left out), so it survives re-saving, re-encoding and re-ordering the file; the
    second and later identical lines of one file get -2, -3, ... so ids are unique in a file."""
    seen: Counter[str] = Counter()
    ids = []
    for row in rows:
        key = json.dumps(spec.record_key(row), ensure_ascii=False, default=str)
        base = f"{spec.record_prefix(row)}-{hashlib.sha256(key.encode()).hexdigest()[:12]}"
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def parties(row: dict) -> dict:
    """Export: the reporting State supplies the counterpart; import: the counterpart supplies it."""
    reporting, counterpart = row["reporting_state"], row["counterpart_state"]
    supplier, recipient = (
        (reporting, counterpart) if row["flow"] == "export" else (counterpart, reporting)
    )
    return {
        "supplier_name": supplier.name if supplier else None,
        "supplier_iso3": supplier.iso3 if supplier else None,
        "supplier_actor_type": supplier.actor_type if supplier else None,
        "recipient_name": recipient.name if recipient else None,
        "recipient_iso3": recipient.iso3 if recipient else None,
        "recipient_actor_type": recipient.actor_type if recipient else None,
    }


def text_or_none(value: object) -> str | None:
    return value if value else None


def load_register(
    con: duckdb.DuckDBPyConnection,
    spec: RegisterFormat,
    path: Path,
    load_id: str,
    source_id: str,
) -> Loaded:
    """extract -> validate -> load, inside the caller's transaction. `source_id` is the format's
    own source unless the file is registered under another (the synthetic demo reports)."""
    table = read_table(path, spec.format_name)
    check_header(table, spec)
    extracted = extract(table)

    columns = spec.columns(CountryNames(con))
    valid: list[tuple[int, dict]] = []
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    for row_number, record, problems in extracted:
        validated = validate_rows([(row_number, record)], columns, spec.row_rules)
        problems = problems + validated.rejects
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
        else:
            valid.append((row_number, validated.rows[0]))

    record_ids = stable_record_ids(spec, [row for _, row in valid])
    earlier = already_loaded(con, source_id)
    transfers = []
    for (row_number, row), record_id in zip(valid, record_ids, strict=True):
        fields = spec.transfer_fields(row)
        transfer_id = f"{source_id}:{record_id}:{fields['delivery_year'] or 'none'}"
        if transfer_id in earlier:
            file_name, earlier_row = earlier[transfer_id]
            rejects.append(
                Reject(
                    row_number,
                    None,
                    None,
                    f"the same report line is already in the warehouse (from {file_name} row "
                    f"{earlier_row}): not loaded twice",
                )
            )
            rejected_rows.add(row_number)
            continue
        transfers.append(
            {
                "transfer_id": transfer_id,
                "source_id": source_id,
                "source_record_id": record_id,
                "reporting_state_iso3": row["reporting_state"].iso3,
                "flow": row["flow"],
                **parties(row),
                "designation": None,
                "description": row.get("description"),
                **fields,
                "classification": "public",
                "load_id": load_id,
                "file_name": path.name,
                "source_row_number": row_number,
            }
        )

    raw_rows = [
        {
            **{name: record.get(name) for name in spec.all_columns},
            "extra_columns": extra_columns(record, spec),
            "loaded": row_number not in rejected_rows,
            "load_id": load_id,
            "file_name": path.name,
            "source_row_number": row_number,
        }
        for row_number, record, _ in extracted
    ]
    insert_rows(con, spec.raw_table, raw_rows)
    insert_rows(con, "transfers", transfers)
    return Loaded("transfers", len(extracted), len(transfers), rejects)


def extra_columns(record: dict[str, str], spec: RegisterFormat) -> str | None:
    """Filled cells of columns the format does not define, as JSON text: nothing delivered is
    lost."""
    extra = {
        name: value
        for name, value in record.items()
        if name not in spec.all_columns and value.strip()
    }
    return json.dumps(extra, ensure_ascii=False) if extra else None


def already_loaded(con: duckdb.DuckDBPyConnection, source_id: str) -> dict[str, tuple[str, int]]:
    return {
        transfer_id: (file_name, row_number)
        for transfer_id, file_name, row_number in con.execute(
            "SELECT transfer_id, file_name, source_row_number FROM transfers WHERE source_id = ?",
            [source_id],
        ).fetchall()
    }
