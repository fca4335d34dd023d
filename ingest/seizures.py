"""Field documentation of seized and recovered materiel, format `seizures` (FORMATS.md): one row
per item line, the event columns repeated on each line of the same event, as CSV (UTF-8, UTF-8
BOM, CRLF; Latin-1 when not UTF-8; comma, semicolon or tab) or XLSX (the sheet named `seizures`,
else the first; header in row 1).

Required columns: event_id, event_date, date_precision, country_iso3, context, reporting_entity,
item_kind, quantity, unit. The other FORMATS columns are optional; columns outside the format are
kept in `raw_seizures.extra_columns`.

extract (read, rename) -> validate (every problem of a row listed, with a reason a field officer
understands) -> load: `raw_seizures` gets every row read, `seizure_events` one row per event,
`seizure_items` one row per accepted item line (a "sighting"), `rejects` every problem. Decisions:
- An event is identified by reporting_entity and event_id: event_uid = '<entity>:<event_id>'
  (surrounding and repeated spaces removed, case kept).
- Event columns (date, place, context, seized_from, actor_type, source document) must agree on
  every line of an event. An optional event column left empty on a line takes the event's value;
  a line giving a different value is rejected, naming the column and the earlier line (or the
  file and row already in the warehouse). Text compares case- and space-insensitively.
  A later file may add item lines to an event already in the warehouse; an empty optional
  column of that event is then filled in, and the event's classification raised if needed.
- event_date: YYYY-MM-DD, YYYY-MM or YYYY as date_precision says; stored as the first day of the
  month or year. A full date on the 1st (YYYY-MM-01, or YYYY-01-01 for a year) is accepted for
  month (year) precision, because Excel turns a typed 2024-03 into the date 2024-03-01.
- Vocabulary values are accepted in any case, with spaces or hyphens for underscores
  ("Assault rifle" = assault_rifle), and stored in the FORMATS spelling.
- Countries: an ISO3 code or a name in country_aliases, never a guess. Where materiel was found
  (country_iso3) must be a present-day country; country_of_manufacture may be a former one
  (SUN, DDR, YUG: much materiel in circulation was made there).
- serial_normalized is the serial in upper case without spaces, dashes, slashes or dots.
  A placeholder instead of a serial ('obliterated', 'none', 'n/a', ...) is rejected: it would make
  unrelated items look like one. A line with a serial is one physical item: quantity 1, unit items.
- item_uid identifies a physical item across reports: the first 16 hex digits of SHA-256 over
  serial_normalized | manufacturer | model (both normalised like the serial); NULL without serial.
  One item is recorded once per event.
- headstamp_factory, headstamp_year and lot_number are "for ammunition" (FORMATS): an ammunition
  line needs at least one of them, or its markings ('unmarked' when there are none); headstamps
  on any other item_kind are rejected. A two-digit headstamp year is rejected, never expanded.
- item_line_uid = '<event_uid>:<12 hex digits of SHA-256 over the item fields>' (item_kind,
  weapon_category, manufacturer, model, calibre, serial, markings, country and year of
  manufacture, headstamp, lot, quantity, unit; text case- and space-insensitive; not the
  classification, verification or notes, which are assessments of the item, not the item).
  Identical lines of one event in one file get -2, -3, ...; a line whose item_line_uid is already
  in the warehouse (a re-saved or re-exported file) is rejected naming the file and row it came
  from, so counts never double.
- classification defaults to restricted, verification to unverified; an event is as sensitive as
  its most sensitive line.

`load` does all this column-wise (polars, ingest.columnar; DuckDB's sha256 for the identities)
and hands every line in doubt, and every event needing care, to the line-by-line code below, so
it writes the same rows and rejects as `load_line_by_line` at a small fraction of the cost.
Column-wise, a column's values are parsed and keyed once per distinct value (most columns repeat
a few), only lines whose item_line_uid repeats are numbered, and frames go to DuckDB as Arrow
batches of a row group, which its threads insert in parallel.

The helpers for reading, validating and keeping raw rows are shared with the `traces` and
`exemptions` formats (ingest.traces, ingest.exemptions)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import duckdb
import polars as pl
import pyarrow as pa

from embargo.classification import DEFAULT_CLASSIFICATION, Classification
from ingest.columnar import (
    ASCII_PRINTABLE,
    ROW,
    ColumnPlan,
    FastParse,
    Output,
    RecordFrame,
    by_distinct_value,
    fast_as_is,
    fast_decimal,
    fast_text,
    fast_vocabulary,
    parse_columns,
    read_frame,
)
from ingest.formats import Loaded
from ingest.loads import insert_rows
from ingest.readers import FileRefused
from ingest.reference import normalize_alias
from ingest.registers import CountryNames, Table, extract, read_header, read_table
from ingest.validation import Column, InvalidValue, Reject, validate_rows

SOURCE_ID = "field_documentation"
FORMAT_NAME = "seizures"
# trace_requests: a trace request sent before its event was documented gets its event_uid.
TABLES_WRITTEN = ("raw_seizures", "seizure_events", "seizure_items", "trace_requests")

# ---------------------------------------------------------------------------------------------
# Shared by the field record formats (seizures, traces, exemptions)

CLASSIFICATIONS = tuple(level.label for level in Classification)
FIRST_YEAR = 1800  # earlier years are typing errors in any of these records


@dataclass(frozen=True)
class RecordFormat:
    """A CSV/XLSX record format: its columns and raw table."""

    format_name: str  # also the preferred sheet name in a workbook
    label: str  # how messages name the format
    raw_table: str
    required_columns: tuple[str, ...]
    optional_columns: tuple[str, ...]

    @property
    def all_columns(self) -> tuple[str, ...]:
        return self.required_columns + self.optional_columns

    def detect(self, path: Path) -> bool:
        """True when the header (CSV first line, or row 1 of the sheet) has every required
        column."""
        return set(self.required_columns) <= set(read_header(path, self.format_name))


def read_records(path: Path, spec: RecordFormat) -> list[tuple[int, dict[str, str], list[Reject]]]:
    """The file's data rows as (row number, {column: text}, problems found while reading);
    FileRefused when the file cannot be read, lacks a required column or has no data rows."""
    table = read_table(path, spec.format_name)
    check_header(table, spec)
    return extract(table)


def check_header(table: Table, spec: RecordFormat) -> None:
    check_columns(table.where, table.header, len(table.rows), spec)


def check_columns(where: str, header: Sequence[str], data_rows: int, spec: RecordFormat) -> None:
    """FileRefused when a required column is missing, a column appears twice or there are no
    data rows."""
    missing = [name for name in spec.required_columns if name not in header]
    if missing:
        raise FileRefused(
            f"{where}: missing required column(s) {', '.join(missing)}; {spec.label} "
            f"files need the columns {', '.join(spec.required_columns)} "
            f"(optional: {', '.join(spec.optional_columns)})"
        )
    twice = sorted({name for name in header if name and list(header).count(name) > 1})
    if twice:
        raise FileRefused(f"{where}: column(s) {', '.join(twice)} appear more than once")
    if not data_rows:
        raise FileRefused(f"{where}: no data rows below the header")


RowRule = Callable[[dict], Reject | None]


def check_row(
    row_number: int, record: dict[str, str], columns: Sequence[Column], rules: Sequence[RowRule]
) -> tuple[dict | None, list[Reject]]:
    """Parse one row column by column, then apply the row rules (which see the parsed values,
    `_row_number` and `_raw`, the cells as written). Returns (parsed row or None, problems)."""
    validated = validate_rows([(row_number, record)], columns)
    if validated.rejects:
        return None, validated.rejects
    raw = {name: (value or "").strip() for name, value in record.items()}
    row = {"_row_number": row_number, "_raw": raw, **validated.rows[0]}
    problems = [problem for rule in rules if (problem := rule(row)) is not None]
    return (None, problems) if problems else (row, [])


def raw_of(row: dict, column: str) -> str:
    """A cell as written in the file (trimmed), for reject values."""
    return row["_raw"].get(column, "")


def raw_rows(
    spec: RecordFormat,
    extracted: Sequence[tuple[int, dict[str, str], list[Reject]]],
    rejected_rows: set[int],
    load_id: str,
    file_name: str,
) -> list[dict]:
    """Every row read, as text, for the format's raw table."""
    return [
        {
            **{name: record.get(name) for name in spec.all_columns},
            "extra_columns": extra_columns(record, spec),
            "loaded": row_number not in rejected_rows,
            "load_id": load_id,
            "file_name": file_name,
            "source_row_number": row_number,
        }
        for row_number, record, _ in extracted
    ]


def extra_columns(record: dict[str, str], spec: RecordFormat) -> str | None:
    """Filled cells of columns the format does not define, as JSON text."""
    extra = {
        name: value
        for name, value in record.items()
        if name not in spec.all_columns and value.strip()
    }
    return json.dumps(extra, ensure_ascii=False) if extra else None


def or_list(values: Sequence[str]) -> str:
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"


def vocabulary(column: str, allowed: Sequence[str]) -> Callable[[str], str]:
    """A value from a fixed list, in any case, with spaces or hyphens for underscores."""

    def parse(value: str) -> str:
        key = re.sub(r"[\s\-]+", "_", value.strip().lower())
        if key not in allowed:
            raise InvalidValue(f"{column} must be {or_list(allowed)}")
        return key

    return parse


def text(value: str) -> str:
    """Free text with surrounding and repeated white space removed (identifiers, names)."""
    return " ".join(value.split())


def iso_date(column: str) -> Callable[[str], dt.date]:
    """A full date YYYY-MM-DD, not in the future."""

    def parse(value: str) -> dt.date:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            date = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidValue(f"{column} {value} is not a date (YYYY-MM-DD)") from None
        if date > dt.date.today():
            raise InvalidValue(f"{column} {value} is in the future")
        return date

    return parse


def year(column: str) -> Callable[[str], int]:
    """A four-digit year from FIRST_YEAR to this year."""

    def parse(value: str) -> int:
        if column == "headstamp_year" and re.fullmatch(r"\d{2}", value):
            raise InvalidValue(
                f"{column} {value} is not a four-digit year: the century cannot be told from two "
                "digits; write the full year only if you know it, and the mark as written in "
                "markings"
            )
        if re.fullmatch(r"\d{1,3}", value):
            raise InvalidValue(f"{column} {value} is not a four-digit year")
        if not re.fullmatch(r"\d{4}", value):
            raise InvalidValue(f"{column} '{value}' is not a four-digit year")
        number = int(value)
        if number > dt.date.today().year:
            raise InvalidValue(f"{column} {number} is in the future")
        if number < FIRST_YEAR:
            raise InvalidValue(f"{column} {number} is before {FIRST_YEAR}: check the year")
        return number

    return parse


def positive_number(column: str) -> Callable[[str], float]:
    def parse(value: str) -> float:
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
            raise InvalidValue(
                f"{column} '{value}' is not a number: write digits with '.' for decimals and no "
                "thousands separators or units"
            )
        number = float(value)
        if number <= 0:
            raise InvalidValue(f"{column} must be positive")
        return number

    return parse


def classification(value: str) -> str:
    return vocabulary("classification", CLASSIFICATIONS)(value)


def most_sensitive(levels: Sequence[str]) -> str:
    parsed = [Classification.parse(level) for level in levels]
    return max(parsed, default=DEFAULT_CLASSIFICATION).label


SERIAL_SEPARATORS = r"[\s\-\u2010-\u2015/\\.]+"


def normalize_serial(value: str) -> str:
    """Upper case without white space, dashes, slashes or dots: 'AK-12 345' -> 'AK12345'."""
    return re.sub(SERIAL_SEPARATORS, "", value).upper()


# What field officers write in the serial column when there is no readable serial: loading it
# would make every item with an 'OBLITERATED' serial of one model look like a single item.
SERIAL_PLACEHOLDERS = frozenset(
    normalize_serial(word)
    for word in (
        "none", "no serial", "n/a", "na", "nil", "unknown", "unk", "obliterated", "removed",
        "erased", "illegible", "unreadable", "defaced", "ground off", "not visible", "no number",
        "?", "x", "xx", "xxx",
    )
)  # fmt: skip


def serial_number(value: str) -> tuple[str, str]:
    """(serial as marked, serial_normalized)."""
    normalized = normalize_serial(value)
    if not normalized or not re.search(r"\w", normalized):
        raise InvalidValue(f"serial_number '{value}' has no letters or digits")
    if normalized in SERIAL_PLACEHOLDERS:
        raise InvalidValue(
            f"serial_number '{value}' is not a serial number: leave serial_number empty and "
            "describe the marking (obliterated, removed, ...) in markings or notes"
        )
    return value, normalized


class Places:
    """Country columns: an ISO 3166 alpha-3 code or a name in country_aliases, never a guess."""

    ACTOR_WORDS: ClassVar[dict[str, str]] = {
        "non_state": "a non-state actor",
        "organisation": "an organisation",
        "unknown": "an unknown party",
    }

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.names = CountryNames(con)

    def find(self, value: str) -> tuple[str | None, str] | None:
        """(country code or None, actor type) of a known name or code; None when unknown."""
        found = self.names.aliases.get(normalize_alias(value))
        if found is not None:
            return found
        code = value.strip().upper()
        if re.fullmatch(r"[A-Z]{3}", code) and code in self.names.codes:
            return code, self.names.codes[code]
        return None

    def country(self, column: str, *, former: bool = False) -> Callable[[str], str]:
        """A country code; `former` admits countries that no longer exist (SUN, YUG, ...)."""

        def parse(value: str) -> str:
            found = self.find(value)
            if found is None:
                raise InvalidValue(
                    f"{column} '{value}' is not an ISO3 code or a known country name; if it is a "
                    "real spelling, add it to data/reference/country_aliases.csv (names are never "
                    "guessed)"
                )
            iso3, actor_type = found
            if actor_type == "historical" and iso3 is not None:
                if former:
                    return iso3
                raise InvalidValue(
                    f"{column} '{value}' is a former country ({iso3}): give the present-day country"
                )
            if actor_type != "state" or iso3 is None:
                what = self.ACTOR_WORDS.get(actor_type, actor_type)
                raise InvalidValue(f"{column} '{value}' names {what}, not a country")
            return iso3

        return parse

    def state_code(self, value: str | None) -> str | None:
        """The code of a present-day country's code or name; None for anything else."""
        found = self.find(value) if value else None
        return found[0] if found is not None and found[1] == "state" else None


def content_key(values: Sequence[object]) -> str:
    """Values as a comparable key: text case- and space-insensitive, numbers and dates as such."""
    return json.dumps(
        [normalize_alias(v) if isinstance(v, str) else v for v in values],
        ensure_ascii=False,
        default=str,
    )


def short_hash(key: str, digits: int = 12) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:digits]


def differing(new: dict, stored: dict, columns: Sequence[str]) -> list[str]:
    """Columns whose values differ (text case- and space-insensitive)."""
    return [
        name for name in columns if content_key([new.get(name)]) != content_key([stored.get(name)])
    ]


def first_of_each_key(
    extracted: list[tuple[int, dict[str, str], list[Reject]]],
    column_specs: Sequence[Column],
    row_rules: Sequence[Callable[[dict], Reject | None]],
    build: Callable[[dict], dict],
    key_of: Callable[[dict], str],
    stored: dict[str, dict],
    repeated: Callable[[dict, dict, str], Reject],
) -> tuple[list[dict], list[Reject], set[int]]:
    """Validate every extracted row and build the record of each good one, keeping only the
    first record of each key: a key already in the warehouse (`stored`) or earlier in the file
    is a reject saying where it stood. Returns the records, the rejects in row order and the
    rejected row numbers."""
    in_file: dict[str, dict] = {}
    records: list[dict] = []
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    for row_number, record, problems in extracted:
        row, found = check_row(row_number, record, column_specs, row_rules)
        problems = problems + found
        if row is not None and not problems:
            built = build(row)
            key = key_of(built)
            if key in stored:
                earlier = stored[key]
                where = (
                    f"in the warehouse (from {earlier['file_name']} row "
                    f"{earlier['source_row_number']})"
                )
                problems.append(repeated(built, earlier, where))
            elif key in in_file:
                where = f"in this file (row {in_file[key]['source_row_number']})"
                problems.append(repeated(built, in_file[key], where))
            else:
                in_file[key] = built
                records.append(built)
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
    rejects.sort(key=lambda reject: reject.row_number)  # stable: a row's problems stay in order
    return records, rejects, rejected_rows


def shown(value: object) -> str:
    """A stored value as a message shows it."""
    if value is None:
        return "empty"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------------------------------------
# The seizures format

DATE_PRECISIONS = ("day", "month", "year")
LOCATION_PRECISIONS = ("exact", "approximate", "admin1", "country")
CONTEXTS = (
    "seizure",
    "recovery",
    "cache",
    "ddr_collection",
    "surrender",
    "battlefield_capture",
    "border_interdiction",
)
ACTOR_TYPES = ("state_forces", "non_state_armed_group", "criminal", "civilian", "unknown")
ITEM_KINDS = ("weapon", "ammunition", "part", "explosive", "other")
WEAPON_CATEGORIES = (
    "pistol",
    "rifle",
    "assault_rifle",
    "submachine_gun",
    "light_machine_gun",
    "general_purpose_machine_gun",
    "heavy_machine_gun",
    "grenade_launcher",
    "rpg_launcher",
    "recoilless_rifle",
    "mortar",
    "atgm",
    "manpads",
    "rocket_launcher",
    "other",
)
UNITS = ("items", "rounds", "kg")
VERIFICATIONS = ("confirmed", "probable", "unverified")
DEFAULT_VERIFICATION = "unverified"

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="seizure documentation (seizures)",
    raw_table="raw_seizures",
    required_columns=(
        "event_id",
        "event_date",
        "date_precision",
        "country_iso3",
        "context",
        "reporting_entity",
        "item_kind",
        "quantity",
        "unit",
    ),
    optional_columns=(
        "admin1",
        "location_name",
        "latitude",
        "longitude",
        "location_precision",
        "seized_from",
        "actor_type",
        "source_document",
        "source_paragraph",
        "weapon_category",
        "manufacturer",
        "model",
        "calibre",
        "serial_number",
        "markings",
        "country_of_manufacture",
        "year_of_manufacture",
        "headstamp_factory",
        "headstamp_year",
        "lot_number",
        "classification",
        "verification",
        "notes",
    ),
)

# Columns of the event, repeated on each of its lines (event_id and reporting_entity are its key).
EVENT_COLUMNS = (
    "event_date",
    "date_precision",
    "country_iso3",
    "admin1",
    "location_name",
    "latitude",
    "longitude",
    "location_precision",
    "context",
    "seized_from",
    "actor_type",
    "source_document",
    "source_paragraph",
)
# The physical description of an item line: what makes two lines the same line.
ITEM_FIELDS = (
    "item_kind",
    "weapon_category",
    "manufacturer",
    "model",
    "calibre",
    "serial_normalized",
    "markings",
    "country_of_manufacture",
    "year_of_manufacture",
    "headstamp_factory",
    "headstamp_year",
    "lot_number",
    "quantity",
    "unit",
)
DATE_HELP = "(YYYY-MM-DD, or YYYY-MM / YYYY with date_precision month / year)"


@dataclass(frozen=True)
class EventDate:
    """An event date as written: the first day it stands for and how precise the text is."""

    first_day: dt.date
    written: str  # day, month or year
    text: str


def event_date(value: str) -> EventDate:
    text_value = value
    # Excel writes a date-and-time cell as 2024-03-05T14:30:00: the day is what counts.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+", value):
        value = value[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            parsed = EventDate(dt.date.fromisoformat(value), "day", text_value)
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            parsed = EventDate(dt.date(int(value[:4]), int(value[5:]), 1), "month", text_value)
        elif re.fullmatch(r"\d{4}", value):
            parsed = EventDate(dt.date(int(value), 1, 1), "year", text_value)
        else:
            raise ValueError
    except ValueError:
        raise InvalidValue(f"event_date {text_value} is not a date {DATE_HELP}") from None
    if parsed.first_day > dt.date.today():
        raise InvalidValue(f"event_date {text_value} is in the future")
    if parsed.first_day.year < FIRST_YEAR:
        raise InvalidValue(f"event_date {text_value} is before {FIRST_YEAR}: check the year")
    return parsed


def coordinate(column: str, limit: int) -> Callable[[str], float]:
    def parse(value: str) -> float:
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", value):
            raise InvalidValue(
                f"{column} '{value}' is not a decimal number of degrees: WGS84 decimal degrees "
                "with '.' for decimals, e.g. 16.2719 (not degrees-minutes-seconds)"
            )
        number = float(value)
        if abs(number) > limit:
            raise InvalidValue(f"{column} {value} is outside -{limit} to {limit} degrees")
        return number

    return parse


def columns(places: Places) -> list[Column]:
    return [
        Column("event_id", text),
        Column("event_date", event_date),
        Column("date_precision", vocabulary("date_precision", DATE_PRECISIONS)),
        Column("country_iso3", places.country("country_iso3")),
        Column("admin1", text, required=False),
        Column("location_name", text, required=False),
        Column("latitude", coordinate("latitude", 90), required=False),
        Column("longitude", coordinate("longitude", 180), required=False),
        Column(
            "location_precision",
            vocabulary("location_precision", LOCATION_PRECISIONS),
            required=False,
        ),
        Column("context", vocabulary("context", CONTEXTS)),
        Column("seized_from", text, required=False),
        Column("actor_type", vocabulary("actor_type", ACTOR_TYPES), required=False),
        Column("reporting_entity", text),
        Column("source_document", text, required=False),
        Column("source_paragraph", text, required=False),
        Column("item_kind", vocabulary("item_kind", ITEM_KINDS)),
        Column("weapon_category", vocabulary("weapon_category", WEAPON_CATEGORIES), required=False),
        Column("manufacturer", text, required=False),
        Column("model", text, required=False),
        Column("calibre", text, required=False),
        Column("serial_number", serial_number, required=False),
        Column("markings", required=False),
        Column(
            "country_of_manufacture",
            places.country("country_of_manufacture", former=True),
            required=False,
        ),
        Column("year_of_manufacture", year("year_of_manufacture"), required=False),
        Column("headstamp_factory", text, required=False),
        Column("headstamp_year", year("headstamp_year"), required=False),
        Column("lot_number", text, required=False),
        Column("quantity", positive_number("quantity")),
        Column("unit", vocabulary("unit", UNITS)),
        Column("classification", classification, required=False),
        Column("verification", vocabulary("verification", VERIFICATIONS), required=False),
        Column("notes", required=False),
    ]


# ---------------------------------------------------------------------------------------------
# Row rules: relations between the columns of one line


def date_matches_precision(row: dict) -> Reject | None:
    date, precision = row["event_date"], row["date_precision"]
    first = date.first_day
    fits = (
        date.written == precision
        or (precision == "month" and date.written == "day" and first.day == 1)
        or (precision == "year" and date.written == "day" and (first.month, first.day) == (1, 1))
    )
    if fits:
        return None
    if DATE_PRECISIONS.index(date.written) < DATE_PRECISIONS.index(precision):
        how = f"is more precise than date_precision {precision}"
    else:
        how = f"is less precise than date_precision {precision}"
    return Reject(
        row["_row_number"],
        "event_date",
        raw_of(row, "event_date"),
        f"event_date {date.text} {how}: write YYYY-MM-DD for day, YYYY-MM for month, YYYY for "
        "year, or change date_precision",
    )


def coordinates_in_pairs(row: dict) -> Reject | None:
    latitude, longitude = row["latitude"], row["longitude"]
    if (latitude is None) != (longitude is None):
        given, missing = ("latitude", "longitude")
        if latitude is None:
            given, missing = missing, given
        return Reject(
            row["_row_number"],
            given,
            raw_of(row, given),
            f"{given} given without {missing}: give both or neither",
        )
    return None


def not_null_island(row: dict) -> Reject | None:
    """0, 0 is what a blank coordinate becomes in many tools, not where anything was found."""
    if row["latitude"] == 0 and row["longitude"] == 0:
        return Reject(
            row["_row_number"],
            "latitude",
            raw_of(row, "latitude"),
            "latitude 0 and longitude 0 is a placeholder, not a place in the Gulf of Guinea: "
            "leave both empty when the coordinates are unknown",
        )
    return None


def exact_location_has_coordinates(row: dict) -> Reject | None:
    if row["location_precision"] == "exact" and row["latitude"] is None:
        return Reject(
            row["_row_number"],
            "location_precision",
            raw_of(row, "location_precision"),
            "location_precision exact needs latitude and longitude",
        )
    return None


def weapon_has_category(row: dict) -> Reject | None:
    if row["item_kind"] == "weapon" and row["weapon_category"] is None:
        return Reject(
            row["_row_number"],
            "weapon_category",
            "",
            "weapon_category is required for item_kind weapon",
        )
    return None


def weapon_counted_in_items(row: dict) -> Reject | None:
    if row["item_kind"] == "weapon" and row["unit"] != "items":
        return Reject(
            row["_row_number"],
            "unit",
            raw_of(row, "unit"),
            f"unit {row['unit']} does not count weapons: unit must be items for item_kind weapon",
        )
    return None


def headstamps_only_on_ammunition(row: dict) -> Reject | None:
    if row["item_kind"] == "ammunition":
        return None
    for name in ("headstamp_factory", "headstamp_year"):
        if row[name] is not None:
            return Reject(
                row["_row_number"],
                name,
                raw_of(row, name),
                f"{name} is only for item_kind ammunition (the marks on a cartridge base): put "
                f"the marks of a {row['item_kind']} in markings",
            )
    return None


def ammunition_identified(row: dict) -> Reject | None:
    marks = ("headstamp_factory", "headstamp_year", "lot_number", "markings")
    if row["item_kind"] == "ammunition" and all(row[name] is None for name in marks):
        return Reject(
            row["_row_number"],
            "headstamp_factory",
            "",
            "ammunition needs headstamp_factory, headstamp_year or lot_number as marked; if it "
            "bears no marks, write 'unmarked' in markings",
        )
    return None


def counted_whole(row: dict) -> Reject | None:
    quantity = row["quantity"]
    if row["unit"] in ("items", "rounds") and not quantity.is_integer():
        return Reject(
            row["_row_number"],
            "quantity",
            raw_of(row, "quantity"),
            f"quantity {raw_of(row, 'quantity')} {row['unit']} is not a whole number: only kg "
            "may have decimals",
        )
    return None


def serialised_line_is_one_item(row: dict) -> Reject | None:
    if row["serial_number"] is not None and (row["quantity"], row["unit"]) != (1.0, "items"):
        return Reject(
            row["_row_number"],
            "quantity",
            raw_of(row, "quantity"),
            "a line with a serial_number is one item: quantity must be 1 and unit items (write "
            "one line per serialised item)",
        )
    return None


def made_before_found(row: dict) -> Reject | None:
    found = row["event_date"].first_day.year
    for name in ("year_of_manufacture", "headstamp_year"):
        made = row[name]
        if made is not None and made > found:
            return Reject(
                row["_row_number"],
                name,
                raw_of(row, name),
                f"{name} {made} is after the event_date {row['event_date'].text}: an item cannot "
                "be made after it was found",
            )
    return None


ROW_RULES: tuple[RowRule, ...] = (
    date_matches_precision,
    coordinates_in_pairs,
    not_null_island,
    exact_location_has_coordinates,
    weapon_has_category,
    weapon_counted_in_items,
    headstamps_only_on_ammunition,
    ammunition_identified,
    counted_whole,
    serialised_line_is_one_item,
    made_before_found,
)


# ---------------------------------------------------------------------------------------------
# Events and items: agreement between lines, identities, duplicates


def identity_part(value: str | None) -> str:
    """Manufacturer or model for item_uid, normalised like serials: 'Kalashnikov Concern' and
    'KALASHNIKOV-CONCERN' are one name."""
    return normalize_serial(value or "")


def item_uid(
    serial_normalized: str | None, manufacturer: str | None, model: str | None
) -> str | None:
    if serial_normalized is None:
        return None
    key = "|".join([serial_normalized, identity_part(manufacturer), identity_part(model)])
    return short_hash(key, 16)


@dataclass
class Event:
    """One event as known so far: its values, and where each value was first given."""

    event_uid: str
    event_id: str
    reporting_entity: str
    values: dict[str, object]
    given_at: dict[str, str]  # column -> "row 3" or "file.csv row 7 (already in the warehouse)"
    classification: str
    stored: bool
    file_name: str | None = None
    source_row_number: int | None = None
    filled_in: set[str] = field(default_factory=set)
    accepted: bool = False  # a line of this file was accepted into it


def event_values(row: dict) -> dict[str, object]:
    values = {name: row[name] for name in EVENT_COLUMNS}
    values["event_date"] = row["event_date"].first_day
    return values


def same_value(a: object, b: object) -> bool:
    return content_key([a]) == content_key([b])


class SeizureBatch:
    """The lines of one file, checked against each other and against the warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection, file_name: str, load_id: str):
        self.con = con
        self.file_name = file_name
        self.load_id = load_id
        self.events: dict[str, Event] = {}
        self.items: list[dict] = []
        # item_line_uid / (event_uid, item_uid) -> where the line is: "row 4" or "f.csv row 4"
        self.stored_lines: dict[str, tuple[str, int]] = {}
        self.stored_items: dict[tuple[str, str], tuple[str, int]] = {}
        self.file_items: dict[tuple[str, str], int] = {}
        self.line_counts: Counter[str] = Counter()

    def preload(self, event_uids: Sequence[str]) -> None:
        """The warehouse's events and item lines for the events this file mentions."""
        if not event_uids:
            return
        selected = ", ".join(EVENT_COLUMNS)
        rows = self.con.execute(
            f"SELECT event_uid, event_id, reporting_entity, classification, file_name, "  # noqa: S608
            f"source_row_number, {selected} FROM seizure_events WHERE list_contains(?, event_uid)",
            [list(event_uids)],
        ).fetchall()
        for uid, event_id, entity, level, file_name, row_number, *values in rows:
            where = f"{file_name} row {row_number} (already in the warehouse)"
            self.events[uid] = Event(
                uid,
                event_id,
                entity,
                dict(zip(EVENT_COLUMNS, values, strict=True)),
                dict.fromkeys(EVENT_COLUMNS, where),
                level,
                stored=True,
                file_name=file_name,
                source_row_number=row_number,
            )
        for line_uid, uid, physical, file_name, row_number in self.con.execute(
            "SELECT item_line_uid, event_uid, item_uid, file_name, source_row_number "
            "FROM seizure_items WHERE list_contains(?, event_uid)",
            [list(event_uids)],
        ).fetchall():
            self.stored_lines[line_uid] = (file_name, row_number)
            if physical is not None:
                self.stored_items[(uid, physical)] = (file_name, row_number)

    def add(self, row: dict) -> list[Reject]:
        """Accept a valid line, or return why it cannot be loaded."""
        row_number = row["_row_number"]
        uid = f"{row['reporting_entity']}:{row['event_id']}"
        event = self.events.get(uid)
        problems = self.event_conflicts(event, row) if event is not None else []
        serial = row["serial_number"]
        serial_normalized = serial[1] if serial else None
        fields = {
            **{name: row.get(name) for name in ITEM_FIELDS},
            "serial_normalized": serial_normalized,
        }
        base = f"{uid}:{short_hash(content_key([fields[name] for name in ITEM_FIELDS]))}"
        occurrence = self.line_counts[base] + 1
        line_uid = base if occurrence == 1 else f"{base}-{occurrence}"
        physical = item_uid(serial_normalized, row["manufacturer"], row["model"])
        if line_uid in self.stored_lines:
            file_name, earlier = self.stored_lines[line_uid]
            problems.append(
                Reject(
                    row_number,
                    None,
                    None,
                    f"the same item line is already in the warehouse (from {file_name} row "
                    f"{earlier}): not loaded twice",
                )
            )
        elif physical is not None and (
            (uid, physical) in self.stored_items or (uid, physical) in self.file_items
        ):
            where = self.stored_items.get((uid, physical))
            at = f"{where[0]} row {where[1]}" if where else f"row {self.file_items[uid, physical]}"
            made = f"{row['manufacturer'] or 'no manufacturer'} {row['model'] or 'no model'}"
            problems.append(
                Reject(
                    row_number,
                    "serial_number",
                    serial[0],
                    f"the same item (serial {serial_normalized}, {made}) is already recorded for "
                    f"event {row['event_id']} on {at}: an item is recorded once per event",
                )
            )
        if problems:
            return problems
        self.line_counts[base] += 1
        level = row["classification"] or DEFAULT_CLASSIFICATION.label
        if event is None:
            event = Event(
                uid,
                row["event_id"],
                row["reporting_entity"],
                event_values(row),
                {name: f"row {row_number}" for name in EVENT_COLUMNS},
                level,
                stored=False,
                file_name=self.file_name,
                source_row_number=row_number,
            )
            self.events[uid] = event
        else:
            for name, value in event_values(row).items():
                if value is not None and event.values[name] is None:
                    event.values[name] = value
                    event.given_at[name] = f"row {row_number}"
                    if event.stored:
                        event.filled_in.add(name)
            event.classification = most_sensitive([event.classification, level])
        event.accepted = True
        if physical is not None:
            self.file_items[(uid, physical)] = row_number
        self.items.append(
            {
                "item_line_uid": line_uid,
                "event_uid": uid,
                "item_uid": physical,
                "item_kind": row["item_kind"],
                "weapon_category": row["weapon_category"],
                "manufacturer": row["manufacturer"],
                "model": row["model"],
                "calibre": row["calibre"],
                "serial_number": serial[0] if serial else None,
                "serial_normalized": serial_normalized,
                "markings": row["markings"],
                "country_of_manufacture": row["country_of_manufacture"],
                "year_of_manufacture": row["year_of_manufacture"],
                "headstamp_factory": row["headstamp_factory"],
                "headstamp_year": row["headstamp_year"],
                "lot_number": row["lot_number"],
                "quantity": row["quantity"],
                "unit": row["unit"],
                "classification": level,
                "verification": row["verification"] or DEFAULT_VERIFICATION,
                "notes": row["notes"],
                "load_id": self.load_id,
                "file_name": self.file_name,
                "source_row_number": row_number,
            }
        )
        return []

    def event_conflicts(self, event: Event, row: dict) -> list[Reject]:
        """A line's event columns against the event: an empty optional column takes the event's
        value; a different value is a conflict, named with the line that gave the first one."""
        problems = []
        for name, value in event_values(row).items():
            known = event.values[name]
            if value is None or known is None or same_value(value, known):
                continue
            problems.append(
                Reject(
                    row["_row_number"],
                    name,
                    raw_of(row, name),
                    f"{name} {raw_of(row, name)} differs from {shown(known)} given for event "
                    f"{event.event_id} of {event.reporting_entity} on {event.given_at[name]}: "
                    "the event columns must be the same on every line of an event",
                )
            )
        return problems

    def new_events(self) -> list[dict]:
        return [
            {
                "event_uid": event.event_uid,
                "event_id": event.event_id,
                "reporting_entity": event.reporting_entity,
                **event.values,
                "classification": event.classification,
                "load_id": self.load_id,
                "file_name": event.file_name,
                "source_row_number": event.source_row_number,
            }
            for event in self.events.values()
            if not event.stored and event.accepted
        ]

    def update_stored_events(self) -> None:
        """Fill in what a stored event left empty and raise its classification if needed."""
        for event in self.events.values():
            if not (event.stored and event.accepted):
                continue
            for name in sorted(event.filled_in):
                # the column name comes from EVENT_COLUMNS, never from input
                self.con.execute(
                    f"UPDATE seizure_events SET {name} = ? "  # noqa: S608
                    f"WHERE event_uid = ? AND {name} IS NULL",
                    [event.values[name], event.event_uid],
                )
            self.con.execute(
                "UPDATE seizure_events SET classification = ? WHERE event_uid = ? "
                "AND classification <> ?",
                [event.classification, event.event_uid, event.classification],
            )


def resolve_trace_events(con: duckdb.DuckDBPyConnection) -> None:
    """trace_requests.event_uid: the seizure event with the trace's event_id when exactly one
    event has it, else NULL. Run after every seizure and trace load, so the link does not depend
    on the order files are loaded in."""
    con.execute(
        "UPDATE trace_requests SET event_uid = ("
        "SELECT CASE WHEN count(*) = 1 THEN min(e.event_uid) END FROM seizure_events AS e "
        "WHERE e.event_id = trace_requests.event_id) "
        "WHERE event_uid IS DISTINCT FROM ("
        "SELECT CASE WHEN count(*) = 1 THEN min(e.event_uid) END FROM seizure_events AS e "
        "WHERE e.event_id = trace_requests.event_id)"
    )


def detect(path: Path) -> bool:
    """True when the header (CSV first line, or row 1 of the sheet) has every required column."""
    return FORMAT.detect(path)


def load_line_by_line(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """The same load as `load`, line by line in Python: what the column-wise load must match
    (tests compare the two); about 4,000 lines per second."""
    extracted = read_records(path, FORMAT)
    places = Places(con)
    column_specs = columns(places)
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    valid: list[dict] = []
    for row_number, record, problems in extracted:
        row, found = check_row(row_number, record, column_specs, ROW_RULES)
        problems = problems + found
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
        elif row is not None:
            valid.append(row)

    batch = SeizureBatch(con, path.name, load_id)
    batch.preload(sorted({f"{row['reporting_entity']}:{row['event_id']}" for row in valid}))
    for row in valid:
        problems = batch.add(row)
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row["_row_number"])

    rejects.sort(key=lambda reject: reject.row_number)  # stable: a row's problems stay in order
    raw = raw_rows(FORMAT, extracted, rejected_rows, load_id, path.name)
    insert_rows(con, FORMAT.raw_table, raw)
    insert_rows(con, "seizure_events", batch.new_events())
    batch.update_stored_events()
    insert_rows(con, "seizure_items", batch.items)
    resolve_trace_events(con)
    return Loaded("seizure_items", len(extracted), len(batch.items), rejects)


# ---------------------------------------------------------------------------------------------
# Column-wise load: the same result as load_line_by_line, at a million lines


def column_plans(places: Places) -> list[ColumnPlan]:
    """How each column of `columns` is parsed column-wise (ingest.columnar): polars where that is
    exact, otherwise once per distinct value by the column's own parser."""
    today_year = dt.date.today().year
    years = fast_decimal_year(FIRST_YEAR, today_year)
    vocabularies = {
        "date_precision": DATE_PRECISIONS,
        "location_precision": LOCATION_PRECISIONS,
        "context": CONTEXTS,
        "actor_type": ACTOR_TYPES,
        "item_kind": ITEM_KINDS,
        "weapon_category": WEAPON_CATEGORIES,
        "unit": UNITS,
        "classification": CLASSIFICATIONS,
        "verification": VERIFICATIONS,
    }
    fast: dict[str, FastParse] = {
        "latitude": fast_decimal(lambda number: number.abs() <= 90),
        "longitude": fast_decimal(lambda number: number.abs() <= 180),
        "quantity": fast_decimal(lambda number: number > 0),
        "serial_number": fast_serial,
        "event_date": fast_full_date,
        "year_of_manufacture": years,
        "headstamp_year": years,
        **{name: fast_vocabulary(allowed) for name, allowed in vocabularies.items()},
    }
    dtypes = {
        "latitude": pl.Float64,
        "longitude": pl.Float64,
        "quantity": pl.Float64,
        "year_of_manufacture": pl.Int64,
        "headstamp_year": pl.Int64,
    }
    plans = []
    for column in columns(places):
        name = column.name
        if name == "event_date":
            outputs = (
                Output("event_date", pl.Date(), lambda parsed: parsed.first_day),
                Output("event_date_written", pl.String(), lambda parsed: parsed.written),
            )
        elif name == "serial_number":
            outputs = (
                Output("serial_number", pl.String(), lambda parsed: parsed[0]),
                Output("serial_normalized", pl.String(), lambda parsed: parsed[1]),
            )
        else:
            outputs = (Output(name, dtypes.get(name, pl.String())),)
        if column.parse is text:
            parse = fast_text
        elif name in ("markings", "notes"):
            parse = fast_as_is
        else:
            parse = fast.get(name)
        plans.append(ColumnPlan(column, outputs, parse))
    return plans


def fast_decimal_year(first: int, last: int) -> FastParse:
    """`year` for four ASCII digits from `first` to `last`."""

    def parse(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
        number = trimmed.cast(pl.Int64, strict=False)
        return trimmed.str.contains(r"^[0-9]{4}$") & number.is_between(first, last), [number]

    return parse


def fast_full_date(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
    """`event_date` for a full date YYYY-MM-DD from FIRST_YEAR to today."""
    day = trimmed.str.to_date("%Y-%m-%d", strict=False)
    vouched = trimmed.str.contains(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$") & day.is_between(
        dt.date(FIRST_YEAR, 1, 1), dt.date.today()
    )
    return vouched, [day, pl.lit("day")]


def fast_serial(trimmed: pl.Expr) -> tuple[pl.Expr, list[pl.Expr]]:
    """`serial_number` for printable ASCII serials."""
    normalized = trimmed.str.replace_all(SERIAL_SEPARATORS, "").str.to_uppercase()
    vouched = (
        trimmed.str.contains(ASCII_PRINTABLE)
        & normalized.str.contains(r"[A-Za-z0-9_]")
        & ~normalized.is_in(sorted(SERIAL_PLACEHOLDERS))
    )
    return vouched, [trimmed, normalized]


def rule_suspects(parsed: pl.DataFrame) -> pl.Expr:
    """True where a row rule may fail (every ROW_RULES condition, or more): those rows are checked
    line by line, which names the problem."""
    kind, unit, quantity = pl.col("item_kind"), pl.col("unit"), pl.col("quantity")
    day, precision, written = (
        pl.col("event_date"),
        pl.col("date_precision"),
        pl.col("event_date_written"),
    )
    latitude, longitude = pl.col("latitude"), pl.col("longitude")
    fits = (
        (written == precision)
        | ((precision == "month") & (written == "day") & (day.dt.day() == 1))
        | ((precision == "year") & (written == "day") & (day.dt.month() == 1) & (day.dt.day() == 1))
    )
    marks = ("headstamp_factory", "headstamp_year", "lot_number", "markings")
    flags = [
        ~fits,
        latitude.is_null() != longitude.is_null(),
        (latitude == 0) & (longitude == 0),
        (pl.col("location_precision") == "exact") & latitude.is_null(),
        (kind == "weapon") & pl.col("weapon_category").is_null(),
        (kind == "weapon") & (unit != "items"),
        (kind != "ammunition")
        & (pl.col("headstamp_factory").is_not_null() | pl.col("headstamp_year").is_not_null()),
        (kind == "ammunition") & pl.all_horizontal(pl.col(name).is_null() for name in marks),
        unit.is_in(["items", "rounds"]) & (quantity != quantity.floor()),
        pl.col("serial_normalized").is_not_null() & ((quantity != 1) | (unit != "items")),
        pl.col("year_of_manufacture") > day.dt.year(),
        pl.col("headstamp_year") > day.dt.year(),
    ]
    return pl.any_horizontal(flag.fill_null(False) for flag in flags)


def safe_text(name: str) -> pl.Expr:
    """A text value whose key and JSON text polars writes exactly as Python does: printable
    ASCII or Latin letters (whose upper and lower case both agree on), no quotes or backslashes
    (which JSON escapes), or empty."""
    return pl.col(name).is_null() | pl.col(name).str.contains(SAFE_TEXT)


SAFE_TEXT = r"^[\x20\x21\x23-\x5b\x5d-\x7e\u00a0-\u012f\u0131-\u024f]*$"


def json_text(name: str) -> pl.Expr:
    """content_key's JSON for a safe text value: normalize_alias, quoted; null when empty."""
    key = pl.col(name).str.strip_chars().str.replace_all(r"\s+", " ").str.to_lowercase()
    return pl.when(pl.col(name).is_null()).then(pl.lit("null")).otherwise('"' + key + '"')


def json_number(name: str, values: pl.Series) -> pl.Expr:
    """content_key's JSON for a number column (Python's repr, once per distinct value)."""
    distinct = values.drop_nulls().unique().to_list()
    return (
        pl.col(name)
        .replace_strict(distinct, [json.dumps(value) for value in distinct], default="null")
        .fill_null("null")
    )


TEXT_ITEM_FIELDS = tuple(
    name
    for name in ITEM_FIELDS
    if name not in ("year_of_manufacture", "headstamp_year", "quantity")
)
TEXT_EVENT_COLUMNS = tuple(
    name for name in EVENT_COLUMNS if name not in ("event_date", "latitude", "longitude")
)


def split_clean_events(
    con: duckdb.DuckDBPyConnection, valid: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(lines of events that can be keyed column-wise, lines of the others). An event goes line
    by line (SeizureBatch) when it is already in the warehouse, when its lines disagree on an
    event column, when an item is recorded twice in it, or when one of its lines is `unsafe`
    (with_identities)."""
    stored = valid.select("event_uid").unique()
    con.register("file_event_uids", stored)
    try:
        in_warehouse = con.execute(
            "SELECT event_uid FROM seizure_events WHERE event_uid IN "
            "(SELECT event_uid FROM file_event_uids)"
        ).pl()["event_uid"]
    finally:
        con.unregister("file_event_uids")
    per_event = valid.group_by("event_uid").agg(
        pl.col("unsafe").any(),
        (pl.col("identity").drop_nulls().n_unique() < pl.col("identity").drop_nulls().len()).alias(
            "item_twice"
        ),
        # Values as written: lines that repeat them exactly (most events) agree however the
        # comparison treats case.
        (pl.struct(EVENT_COLUMNS).n_unique() > 1).alias("varies"),
    )
    # Where the lines of an event differ, an empty column on some lines is no disagreement, nor a
    # difference of case: only two different values are.
    varying = per_event.filter("varies")["event_uid"]
    differing = (
        valid.filter(pl.col("event_uid").is_in(varying.implode()))
        .group_by("event_uid")
        .agg(
            pl.any_horizontal(
                (pl.col(name).str.to_lowercase() if name in TEXT_EVENT_COLUMNS else pl.col(name))
                .drop_nulls()
                .n_unique()
                > 1
                for name in EVENT_COLUMNS
            ).alias("differs")
        )
    )
    per_event = (
        per_event.drop("varies")
        .join(differing, on="event_uid", how="left")
        .with_columns(pl.col("differs").fill_null(False))
    )
    stored_event = pl.col("event_uid").is_in(in_warehouse.implode())
    dirty = per_event.filter(pl.any_horizontal(pl.exclude("event_uid")) | stored_event)["event_uid"]
    is_dirty = pl.col("event_uid").is_in(dirty.implode())
    return valid.filter(~is_dirty), valid.filter(is_dirty)


def with_identities(valid: pl.DataFrame) -> pl.DataFrame:
    """event_uid, and the texts SeizureBatch hashes: `identity` for item_uid (serial,
    manufacturer and model normalised like serials; null without serial) and `content_key`
    (content_key of ITEM_FIELDS) for item_line_uid; `unsafe` where a value's key could be written
    differently by polars and Python (non-ASCII text, quotes, a coordinate 0)."""
    # The keys of a text column depend on its value alone: each distinct value is keyed once.
    keys = [by_distinct_value(valid, name, text_keys) for name in TEXT_ITEM_FIELDS]
    keys += [by_distinct_value(valid, name, safe_keys) for name in TEXT_EVENT_COLUMNS]
    identity = pl.concat_str(
        [pl.col("serial_normalized"), pl.col("manufacturer:identity"), pl.col("model:identity")],
        separator="|",
    )
    key = pl.concat_str(
        [
            json_number(name, valid[name])
            if name in ("year_of_manufacture", "headstamp_year", "quantity")
            else pl.col(f"{name}:json")
            for name in ITEM_FIELDS
        ],
        separator=", ",
    )
    unsafe = ~pl.all_horizontal(
        *[pl.col(f"{name}:safe") for name in TEXT_ITEM_FIELDS + TEXT_EVENT_COLUMNS],
        (pl.col("latitude") != 0).fill_null(True),
        (pl.col("longitude") != 0).fill_null(True),
    )
    return pl.concat([valid, *keys], how="horizontal").select(
        *valid.columns,
        event_uid=pl.col("reporting_entity") + ":" + pl.col("event_id"),
        identity=identity,
        content_key="[" + key + "]",
        unsafe=unsafe,
    )


def safe_keys(values: pl.DataFrame) -> pl.DataFrame:
    """For a text column (the only column of `values`): `<name>:safe` (safe_text)."""
    name = values.columns[0]
    return values.select(safe_text(name).alias(f"{name}:safe"))


def text_keys(values: pl.DataFrame) -> pl.DataFrame:
    """For a text item column (the only column of `values`): `<name>:json` (json_text),
    `<name>:safe` (safe_text) and, for manufacturer and model, `<name>:identity` (normalised like
    serials)."""
    name = values.columns[0]
    keys = [json_text(name).alias(f"{name}:json"), safe_text(name).alias(f"{name}:safe")]
    if name in ("manufacturer", "model"):
        keys.append(
            pl.col(name)
            .fill_null("")
            .str.replace_all(SERIAL_SEPARATORS, "")
            .str.to_uppercase()
            .alias(f"{name}:identity")
        )
    return values.select(keys)


def insert_clean_items(
    con: duckdb.DuckDBPyConnection, clean: pl.DataFrame, load_id: str, file_name: str
) -> None:
    """seizure_items rows of the clean lines, hashed by DuckDB's sha256 as SeizureBatch hashes
    them: identical lines of an event get -2, -3, ... in row order."""
    if clean.height == 0:
        return
    con.register(
        "clean_keys", arrow_batches(clean.select(ROW, "event_uid", "identity", "content_key"))
    )
    try:
        hashed = con.execute(
            f"SELECT {ROW}, event_uid || ':' || sha256(content_key)[:12] AS base, "  # noqa: S608
            f"sha256(identity)[:16] AS item_uid FROM clean_keys"
        ).pl()
    finally:
        con.unregister("clean_keys")
    lines = clean.select(
        ROW,
        "event_uid",
        *ITEM_COLUMNS_AS_IS,
        pl.col("classification").fill_null(DEFAULT_CLASSIFICATION.label),
        pl.col("verification").fill_null(DEFAULT_VERIFICATION),
        "notes",
    )
    # DuckDB gives the lines back in order (preserve_insertion_order); matched by row otherwise.
    if hashed[ROW].equals(lines[ROW]):
        lines = lines.with_columns(hashed["base"], hashed["item_uid"])
    else:
        lines = lines.join(hashed, on=ROW, how="left", maintain_order="left")
    # Only lines whose base repeats are numbered: most have none to share it.
    repeated = lines.filter(pl.col("base").is_duplicated()).select(
        ROW, pl.col(ROW).rank("ordinal").over("base").alias("occurrence")
    )
    line_uid = pl.col("base")
    if repeated.height:
        lines = lines.join(repeated, on=ROW, how="left", maintain_order="left")
        line_uid = (
            pl.when(pl.col("occurrence") > 1)
            .then(pl.col("base") + "-" + pl.col("occurrence").cast(pl.String))
            .otherwise(pl.col("base"))
        )
    items = lines.select(
        line_uid.alias("item_line_uid"),
        "event_uid",
        "item_uid",
        *ITEM_COLUMNS_AS_IS,
        "classification",
        "verification",
        "notes",
        pl.lit(load_id).alias("load_id"),
        pl.lit(file_name).alias("file_name"),
        pl.col(ROW).alias("source_row_number"),
    )
    insert_frame(con, "seizure_items", items)


ITEM_COLUMNS_AS_IS = (
    "item_kind",
    "weapon_category",
    "manufacturer",
    "model",
    "calibre",
    "serial_number",
    "serial_normalized",
    "markings",
    "country_of_manufacture",
    "year_of_manufacture",
    "headstamp_factory",
    "headstamp_year",
    "lot_number",
    "quantity",
    "unit",
)


def clean_events(valid: pl.DataFrame, load_id: str, file_name: str) -> pl.DataFrame:
    """seizure_events rows of the clean events: each column from the first line that gives it,
    the classification the most sensitive of its lines."""
    sensitivity = (
        pl.col("classification")
        .fill_null(DEFAULT_CLASSIFICATION.label)
        .replace_strict(list(CLASSIFICATIONS), list(range(len(CLASSIFICATIONS))))
    )
    return (
        valid.with_columns(sensitivity=sensitivity)
        .group_by("event_uid", maintain_order=True)
        .agg(
            pl.col("event_id").first(),
            pl.col("reporting_entity").first(),
            *[pl.col(name).drop_nulls().first() for name in EVENT_COLUMNS],
            pl.col("sensitivity").max(),
            pl.col(ROW).first().alias("source_row_number"),
        )
        .with_columns(
            classification=pl.col("sensitivity").replace_strict(
                list(range(len(CLASSIFICATIONS))), list(CLASSIFICATIONS)
            ),
            load_id=pl.lit(load_id),
            file_name=pl.lit(file_name),
        )
        .drop("sensitivity")
    )


def arrow_batches(frame: pl.DataFrame) -> pa.Table:
    """A frame for DuckDB to read: Arrow's plain strings, which it takes faster than polars'
    string views, in batches of a row group, which its threads read and write in parallel (a
    single batch of a million lines is inserted by one thread: twice the time on 2 cores)."""
    arrow = frame.to_arrow(compat_level=pl.CompatLevel.oldest())
    batches = arrow.to_batches(max_chunksize=DUCKDB_ROW_GROUP_SIZE)
    return pa.Table.from_batches(batches, schema=arrow.schema)


DUCKDB_ROW_GROUP_SIZE = 122_880  # rows


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    """Insert a frame into a warehouse table by column name."""
    if frame.height == 0:
        return
    con.register("incoming_frame", arrow_batches(frame))
    try:
        # The table name comes from the ingest code, never from input data.
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_frame")  # noqa: S608
    finally:
        con.unregister("incoming_frame")


def in_rows(row_numbers: Iterable[int]) -> pl.Expr:
    """True on the lines with these row numbers."""
    return pl.col(ROW).is_in(pl.Series(sorted(row_numbers), dtype=pl.Int64).implode())


def raw_frame(
    records: RecordFrame, spec: RecordFormat, rejected_rows: set[int], load_id: str, file_name: str
) -> pl.DataFrame:
    """Every row read, as text, for the format's raw table (as raw_rows makes it)."""
    frame = records.frame
    extra = [name for name in frame.columns if name != ROW and name not in spec.all_columns]
    extra_json = pl.lit(None, dtype=pl.String)
    if extra:  # JSON as Python writes it, line by line, only for files that have such columns
        extra_json = pl.Series(
            [
                extra_columns(record, spec)
                for _, record in records.records(frame.select(ROW, *extra))
            ],
            dtype=pl.String,
        )
    return frame.select(
        *[
            pl.col(name) if name in frame.columns else pl.lit(None, dtype=pl.String).alias(name)
            for name in spec.all_columns
        ],
        extra_json.alias("extra_columns"),
        (~in_rows(rejected_rows)).alias("loaded"),
        pl.lit(load_id).alias("load_id"),
        pl.lit(file_name).alias("file_name"),
        pl.col(ROW).alias("source_row_number"),
    )


def load(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """extract -> validate -> load one file inside the caller's transaction, column-wise (the
    same rows and rejects as load_line_by_line). `source_id` (the synthetic demo set) is recorded
    by the caller in load_log; the rows link to it by load_id."""
    records = read_frame(
        path,
        FORMAT.format_name,
        lambda where, header, rows: check_columns(where, header, rows, FORMAT),
    )
    places = Places(con)
    column_specs = columns(places)

    # validate: columns, then row rules; every row in doubt is checked line by line
    parsed = parse_columns(records, column_plans(places))
    suspect = ~pl.col("ok") | rule_suspects(parsed) | in_rows(records.problems)
    parsed = parsed.with_columns(suspect=suspect)
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    for row_number, record in records.records(records.frame.filter(parsed["suspect"])):
        _, found = check_row(row_number, record, column_specs, ROW_RULES)
        problems = records.problems.get(row_number, []) + found
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
    valid = parsed.filter(~in_rows(rejected_rows)).drop("ok", "suspect")

    # events and items: identities; events needing line-by-line care go through SeizureBatch
    clean, dirty = split_clean_events(con, with_identities(valid))
    batch = SeizureBatch(con, path.name, load_id)
    if dirty.height:
        batch.preload(sorted(set(dirty["event_uid"].to_list())))
        in_dirty = pl.col(ROW).is_in(dirty[ROW].implode())
        dirty_rows = dict(records.records(records.frame.filter(in_dirty)))
        for row_number in dirty[ROW].to_list():
            row, found = check_row(row_number, dirty_rows[row_number], column_specs, ROW_RULES)
            problems = batch.add(row) if row is not None else found
            if problems:
                rejects.extend(problems)
                rejected_rows.add(row_number)
    events = pl.concat(
        [
            clean_events(clean, load_id, path.name),
            pl.DataFrame(batch.new_events(), schema=EVENT_SCHEMA),
        ],
        how="diagonal_relaxed",
    ).sort("source_row_number")

    rejects.sort(key=lambda reject: reject.row_number)  # stable: a row's problems stay in order
    raw = raw_frame(records, FORMAT, rejected_rows, load_id, path.name)
    insert_frame(con, FORMAT.raw_table, raw)
    insert_frame(con, "seizure_events", events)
    batch.update_stored_events()
    insert_clean_items(con, clean, load_id, path.name)
    insert_rows(con, "seizure_items", batch.items)
    resolve_trace_events(con)
    return Loaded("seizure_items", records.frame.height, clean.height + len(batch.items), rejects)


EVENT_SCHEMA = {
    "event_uid": pl.String,
    "event_id": pl.String,
    "reporting_entity": pl.String,
    "event_date": pl.Date,
    "date_precision": pl.String,
    "country_iso3": pl.String,
    "admin1": pl.String,
    "location_name": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
    "location_precision": pl.String,
    "context": pl.String,
    "seized_from": pl.String,
    "actor_type": pl.String,
    "source_document": pl.String,
    "source_paragraph": pl.String,
    "classification": pl.String,
    "load_id": pl.String,
    "file_name": pl.String,
    "source_row_number": pl.Int64,
}
ITEM_SCHEMA = {
    "item_line_uid": pl.String,
    "event_uid": pl.String,
    "item_uid": pl.String,
    **{
        name: pl.Int64
        if name in ("year_of_manufacture", "headstamp_year")
        else pl.Float64
        if name == "quantity"
        else pl.String
        for name in ITEM_COLUMNS_AS_IS
    },
    "classification": pl.String,
    "verification": pl.String,
    "notes": pl.String,
    "load_id": pl.String,
    "file_name": pl.String,
    "source_row_number": pl.Int64,
}
