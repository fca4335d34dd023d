"""Conflict events for context, formats `ucdp-ged` (UCDP Georeferenced Event Dataset, CSV or
GeoJSON) and `acled` (ACLED CSV export, 31 columns `event_id_cnty` ... `timestamp`), both loaded
into one table, `conflict_events`, one row per event (ingest.sources.ucdp_ged and
ingest.sources.acled are the format modules; this module holds what they share).

extract (read, rename to the warehouse names) -> validate (every problem of a row listed) -> load.
Decisions:
- event_id is '<source>:<the source's own id>' (ucdp_ged:36210, acled:CAF1234). Events have
  versions (`conflict_event_versions`; the view `conflict_events` shows the current one): an
  event already loaded that a later release gives with other values is a new version (UCDP: the
  release in the file name, GEDEvent_v24_1.csv or ged241.csv; ACLED: the event's `timestamp`,
  when ACLED last changed it); the same event again is a repeat; an event from an earlier
  release than the one stored is refused naming both files and releases; other values without
  a later release are refused; different lines of one event in one file are each refused.
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

from ingest.kit.loads import Loaded, insert_rows, load_time
from ingest.kit.places import Places
from ingest.kit.record_format import Versions, differing, records_of
from ingest.kit.tables import FileRefused, extract, read_table
from ingest.kit.validation import Column, InvalidValue, Reject, validate_rows
from ingest.kit.values import iso_date, text

TABLE = "conflict_events"  # the view of the current versions
VERSIONS_TABLE = "conflict_event_versions"


@dataclass(frozen=True)
class ConflictFormat:
    """One conflict event format: its source id, columns and how a valid row becomes an event."""

    source: str  # conflict_events.source and the event_id prefix
    label: str
    required_columns: tuple[str, ...]
    columns: Callable[[Places], list[Column]]
    event: Callable[[dict], dict]
    # The release an event comes from, as text that sorts in release order (None: not named).
    release: Callable[[dict, str], str | None]
    row_rules: tuple[Callable[[dict], Reject | None], ...] = ()


# What an event says, for telling a revised event from a repeated one.
CONTENT_COLUMNS = (
    "event_date",
    "event_date_end",
    "date_precision",
    "country_iso3",
    "admin1",
    "admin2",
    "location_name",
    "latitude",
    "longitude",
    "location_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "civilian_fatalities",
    "source_reference",
    "notes",
)


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


# The fields a correction may change (format corrections), each with how its new value is read:
# the warehouse's own forms, whichever dataset the event came from.
CORRECTION_PARSERS: dict[str, Callable[[Places], Callable[[str], object]]] = {
    "event_date": lambda places: iso_date("event_date"),
    "country_iso3": lambda places: places.country("country_iso3"),
    "admin1": lambda places: text,
    "location_name": lambda places: text,
    "latitude": lambda places: degrees("latitude", 90),
    "longitude": lambda places: degrees("longitude", 180),
    "actor1": lambda places: text,
    "actor2": lambda places: text,
    "fatalities": lambda places: whole_number("fatalities"),
    "notes": lambda places: text,
}
OPTIONAL_FIELDS = ("admin1", "location_name", "actor1", "actor2", "notes")


def correction_columns(places: Places) -> list[Column]:
    return [
        Column(name, parser(places), required=name not in OPTIONAL_FIELDS)
        for name, parser in CORRECTION_PARSERS.items()
    ]


# Versions of an event as corrections see them (a release's versions are load_events' own).
EVENT_VERSIONS = Versions(
    table=VERSIONS_TABLE,
    key_columns=("event_id",),
    content_columns=CONTENT_COLUMNS,
    id_column="event_id",
    record_noun="conflict event",
    naming=lambda event: f"conflict event {event['event_id']}",
    dates=lambda event: (event["event_date"],),
    correctable=tuple(CORRECTION_PARSERS),
)


# ---------------------------------------------------------------------------------------------
# Loading


def stored_events(con: duckdb.DuckDBPyConnection, source: str) -> dict[str, dict]:
    """The current version of every event of the source, by event_id."""
    relation = con.execute(
        f"SELECT event_id, file_name, source_row_number, release, version, "  # noqa: S608
        f"{', '.join(CONTENT_COLUMNS)} FROM {VERSIONS_TABLE} "
        "WHERE source = ? AND superseded_at IS NULL",
        [source],
    )
    return {record["event_id"]: record for record in records_of(relation)}


def release_words(release: str | None) -> str:
    return f"release {release}" if release else "no release named"


def against_stored(event: dict, current: dict) -> str | None:
    """None when the event is a new version of the stored one; else why it is not."""
    changed = differing(event, current, CONTENT_COLUMNS)
    name = f"event {event['source_event_id']}"
    where = f"{current['file_name']} row {current['source_row_number']}"
    if not changed:
        return f"{name} is already in the warehouse (from {where}): not loaded twice"
    new, stored = event["release"], current["release"]
    if new is not None and stored is not None and new < stored:
        return (
            f"{name} in {event['file_name']} ({release_words(new)}) is older than the version "
            f"in the warehouse ({where}, {release_words(stored)}): a stale release is not "
            "loaded over a newer one"
        )
    if new is None or (stored is not None and new <= stored):
        return (
            f"{name} is already in the warehouse ({where}, {release_words(stored)}) with other "
            f"values ({', '.join(changed)}) and this file gives {release_words(new)}: a revised "
            "event is loaded from a later release"
        )
    return None


def load_events(
    con: duckdb.DuckDBPyConnection,
    spec: ConflictFormat,
    where: str,
    file_name: str,
    records: Sequence[tuple[int, dict[str, str], list[Reject]]],
    load_id: str,
) -> Loaded:
    """Validate the extracted records and insert the good events: new ones as version 1,
    revised ones of a later release as a new version of the stored event, which is marked
    superseded."""
    places = Places(con)
    columns = spec.columns(places)
    stored = stored_events(con, spec.source)
    checked: list[tuple[int, dict | None, list[Reject]]] = []
    by_id: dict[str, list[dict]] = {}
    for row_number, record, problems in records:
        event = None
        if not problems:  # else the row could not even be read (a feature that is not a point)
            validated = validate_rows([(row_number, record)], columns, spec.row_rules)
            problems = validated.rejects
            if not problems:
                row = validated.rows[0]
                event = {
                    **spec.event(row),
                    "source": spec.source,
                    "release": spec.release(row, file_name),
                    "classification": "public",
                    "source_record": json.dumps(
                        {k: v for k, v in record.items() if k}, ensure_ascii=False
                    ),
                    "load_id": load_id,
                    "file_name": file_name,
                    "source_row_number": row_number,
                }
                event["event_id"] = f"{spec.source}:{event['source_event_id']}"
                by_id.setdefault(event["event_id"], []).append(event)
        checked.append((row_number, event, problems))
    events: list[dict] = []
    rejects: list[Reject] = []
    first_row: dict[str, int] = {}
    for row_number, event, problems in checked:
        if event is not None:
            lines = by_id[event["event_id"]]
            source_id = event["source_event_id"]
            differ = sorted(
                {name for line in lines[1:] for name in differing(line, lines[0], CONTENT_COLUMNS)}
            )
            if differ:
                rows = ", ".join(str(line["source_row_number"]) for line in lines)
                reason = (
                    f"event {source_id} is in rows {rows} of this file with different values "
                    f"({', '.join(differ)}): conflicting versions in one file are not loaded"
                )
            elif event["event_id"] in first_row:
                reason = (
                    f"event {source_id} is already on row {first_row[event['event_id']]} of "
                    "this file: not loaded twice"
                )
            elif event["event_id"] in stored:
                reason = against_stored(event, stored[event["event_id"]])
            else:
                reason = None
            if reason is None:
                first_row[event["event_id"]] = row_number
                current = stored.get(event["event_id"])
                event["version"] = current["version"] + 1 if current else 1
                events.append(event)
            else:
                problems = [*problems, Reject(row_number, None, source_id, reason)]
        rejects.extend(problems)
    revised = [event["event_id"] for event in events if event["version"] > 1]
    now = load_time()
    if revised:
        con.execute(
            f"UPDATE {VERSIONS_TABLE} SET superseded_at = ?, "  # noqa: S608
            "superseded_by_load_id = ? WHERE superseded_at IS NULL AND list_contains(?, event_id)",
            [now, load_id, revised],
        )
    for event in events:
        event["recorded_at"] = now
    insert_rows(con, VERSIONS_TABLE, events)
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
