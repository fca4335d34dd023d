"""Conflict events for context, formats `ucdp-ged` (UCDP Georeferenced Event Dataset, CSV or
GeoJSON) and `acled` (ACLED CSV export, 31 columns `event_id_cnty` ... `timestamp`), both loaded
into one table, `conflict_events`, one row per event (ingest.sources.ucdp_ged and
ingest.sources.acled are the format modules; this module holds what they share).

extract (read, rename to the warehouse names) -> validate (every problem of a row listed) -> load.
Decisions:
- event_id is '<source>:<the source's own id>' (ucdp_ged:36210, acled:CAF1234). An event already
  in the warehouse, or twice in one file, is a reject naming the file and row it came from: a
  newer release of a dataset does not overwrite events already loaded.
- Country: an ISO3 code, an ACLED numeric ISO code (ISO 3166-1 numeric = M49) or a name in
  country_aliases; a name that maps to nothing is a reject, never a guess. UCDP writes a former
  name in brackets (`DR Congo (Zaire)`, `Yemen (North Yemen)`): the name before the bracket is
  used when the whole name is unknown.
- Coordinates are required (both datasets georeference every event) and must be WGS84 degrees.
- fatalities: UCDP's `best` estimate (low and high kept), ACLED's `fatalities`; a whole number
  of zero or more.
- event_type: UCDP type_of_violence 1/2/3 as state-based / non-state / one-sided; ACLED's event
  type as written. date_precision and location_precision are the datasets' codes in words.
- Every cell as delivered is kept in source_record (JSON), so nothing of the file is lost.
- Both datasets are public: classification is public."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded, insert_rows
from ingest.kit.places import Places
from ingest.kit.tables import FileRefused, extract, read_table
from ingest.kit.validation import Column, InvalidValue, Reject, validate_rows

TABLE = "conflict_events"


@dataclass(frozen=True)
class ConflictFormat:
    """One conflict event format: its source id, columns and how a valid row becomes an event."""

    source: str  # conflict_events.source and the event_id prefix
    label: str
    required_columns: tuple[str, ...]
    columns: Callable[[Places], list[Column]]
    event: Callable[[dict], dict]
    row_rules: tuple[Callable[[dict], Reject | None], ...] = ()


# ---------------------------------------------------------------------------------------------
# Column parsers


def whole_number(column: str, minimum: int = 0) -> Callable[[str], int]:
    def parse(value: str) -> int:
        # CSV exports of both datasets sometimes write counts as 3.0
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", value):
            raise InvalidValue(f"{column} '{value}' is not a whole number")
        number = int(float(value))
        if number < minimum:
            raise InvalidValue(f"{column} {number} is below {minimum}")
        return number

    return parse


def degrees(column: str, limit: float) -> Callable[[str], float]:
    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise InvalidValue(f"{column} '{value}' is not a number of degrees") from None
        if not -limit <= number <= limit:
            raise InvalidValue(f"{column} {number} is outside -{limit:g}..{limit:g} degrees")
        return number

    return parse


MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"),
        start=1,
    )
}  # fmt: skip


def event_day(column: str) -> Callable[[str], dt.date]:
    """YYYY-MM-DD, with a time part after it (UCDP writes 2009-02-20T00:00:00 or
    2009-02-20 00:00:00.000), or ACLED's older '15 January 2023'; not in the future."""

    def parse(value: str) -> dt.date:
        try:
            if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2})([T ][\d:.]+Z?)?", value):
                day = dt.date.fromisoformat(match.group(1))
            elif match := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", value):
                day = dt.date(
                    int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1))
                )
            else:
                raise ValueError
        except (ValueError, KeyError):
            raise InvalidValue(f"{column} '{value}' is not a date (YYYY-MM-DD)") from None
        if day > dt.date.today():
            raise InvalidValue(f"{column} {day} is in the future")
        return day

    return parse


def country_name(places: Places, column: str) -> Callable[[str], str]:
    """A present-day country by code or name; UCDP's 'Name (former name)' by its first part."""
    strict = places.country(column)

    def parse(value: str) -> str:
        try:
            return strict(value)
        except InvalidValue:
            # UCDP appends the former name in brackets: 'DR Congo (Zaire)', 'Cambodia (Kampuchea)'
            bare = re.sub(r"\s*\([^)]*\)\s*$", "", value)
            if bare and bare != value:
                return strict(bare)
            raise

    return parse


# ---------------------------------------------------------------------------------------------
# Loading


def stored_events(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, tuple[str, int]]:
    return {
        event_id: (file_name, row)
        for event_id, file_name, row in con.execute(
            "SELECT event_id, file_name, source_row_number FROM conflict_events WHERE source = ?",
            [source],
        ).fetchall()
    }


def load_events(
    con: duckdb.DuckDBPyConnection,
    spec: ConflictFormat,
    where: str,
    file_name: str,
    records: Sequence[tuple[int, dict[str, str], list[Reject]]],
    load_id: str,
) -> Loaded:
    """Validate the extracted records and insert the good events."""
    places = Places(con)
    columns = spec.columns(places)
    stored = stored_events(con, spec.source)
    in_file: dict[str, int] = {}
    events: list[dict] = []
    rejects: list[Reject] = []
    for row_number, record, problems in records:
        if problems:  # the row could not even be read (a feature that is not a point)
            rejects.extend(problems)
            continue
        validated = validate_rows([(row_number, record)], columns, spec.row_rules)
        problems = validated.rejects
        if not problems:
            event = spec.event(validated.rows[0])
            event_id = f"{spec.source}:{event['source_event_id']}"
            if event_id in stored:
                earlier_file, earlier_row = stored[event_id]
                problems.append(
                    Reject(
                        row_number,
                        None,
                        event["source_event_id"],
                        f"event {event['source_event_id']} is already in the warehouse (from "
                        f"{earlier_file} row {earlier_row}): not loaded twice",
                    )
                )
            elif event_id in in_file:
                problems.append(
                    Reject(
                        row_number,
                        None,
                        event["source_event_id"],
                        f"event {event['source_event_id']} is already on row "
                        f"{in_file[event_id]} of this file: not loaded twice",
                    )
                )
            else:
                in_file[event_id] = row_number
                events.append(
                    {
                        **event,
                        "event_id": event_id,
                        "source": spec.source,
                        "classification": "public",
                        "source_record": json.dumps(
                            {k: v for k, v in record.items() if k}, ensure_ascii=False
                        ),
                        "load_id": load_id,
                        "file_name": file_name,
                        "source_row_number": row_number,
                    }
                )
        rejects.extend(problems)
    insert_rows(con, TABLE, events)
    return Loaded(TABLE, len(records), len(events), rejects)


def read_records(
    path: Path, spec: ConflictFormat, sheet_name: str
) -> tuple[str, list[tuple[int, dict[str, str], list[Reject]]]]:
    """A CSV or XLSX file's rows; FileRefused when a required column is missing."""
    table = read_table(path, sheet_name)
    missing = [name for name in spec.required_columns if name not in table.header]
    if missing:
        raise FileRefused(
            f"{table.where}: missing required column(s) {', '.join(missing)} of the "
            f"{spec.label} format"
        )
    if not table.rows:
        raise FileRefused(f"{table.where}: no data rows below the header")
    return table.where, extract(table)
