"""Versions of seizure events and item lines (the `seizures` format). A stored event or item line
gets a new version from a later line that says so: a later as_of than the stored version's, or a
reason in the correction column (a correction without as_of stands on the stored version's date).
An item line is known across files by its event and item_id. A line older than the stored version
is refused as stale, naming both files and dates; a line of the same date with other values and
no correction is refused; a version keeps the classification of what it revises. Lines of one
event giving one item_id with different values in one file are each refused, as are lines
giving a stored event versions that disagree. The version replaced moves to
seizure_event_earlier_versions or seizure_item_earlier_versions with when and by which load:
nothing is overwritten, and "as known on" a date reads the version known then (views
seizure_events_known, seizure_items_known)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import duckdb

from ingest.kit.loads import insert_rows, load_time
from ingest.kit.record_format import Versions, content_key, date_refused
from ingest.kit.validation import Reject
from ingest.sources.seizures import rules
from ingest.sources.seizures.columns import (
    DEFAULT_VERIFICATION,
    EVENT_COLUMNS,
    ITEM_FIELDS,
    EventDate,
)

# What an item line says, compared when a later line gives its item_id again: the item, and the
# assessments of it (a later file may verify an identification).
ITEM_VERSION_FIELDS = (*ITEM_FIELDS, "verification", "notes")
# Where each table's replaced versions go.
EARLIER_VERSIONS = {
    "seizure_events": "seizure_event_earlier_versions",
    "seizure_items": "seizure_item_earlier_versions",
}


@dataclass(frozen=True)
class Revision:
    """A line that gives a stored record a new version: the date it stands on, why, where."""

    as_of: dt.date
    correction: str | None
    row_number: int

    @classmethod
    def of(cls, row: dict, stored_as_of: dt.date) -> Revision:
        """A line with as_of stands on it; a correction without one on the stored date."""
        return cls(row["as_of"] or stored_as_of, row["correction"], row["_row_number"])


@dataclass(frozen=True)
class StoredItem:
    """A stored item line with an item_id: where it came from and what it says."""

    values: dict

    def __getattr__(self, name: str) -> object:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None


def line_item(row: dict) -> dict:
    """A valid line's item as stored (ITEM_VERSION_FIELDS)."""
    serial = row["serial_number"]
    return {
        **{name: row.get(name) for name in ITEM_VERSION_FIELDS},
        "serial_normalized": serial[1] if serial else None,
        "verification": row["verification"] or DEFAULT_VERIFICATION,
    }


def differing_fields(new: dict, old: dict) -> list[str]:
    """The item fields that differ (text case- and space-insensitive), as the file names them."""
    return [
        "serial_number" if name == "serial_normalized" else name
        for name in ITEM_VERSION_FIELDS
        if content_key([new.get(name)]) != content_key([old.get(name)])
    ]


def item_changes(row: dict, serial_normalized: str | None, stored: StoredItem) -> list[str]:
    return differing_fields(
        {**line_item(row), "serial_normalized": serial_normalized}, stored.values
    )


def conflicting_item_ids(
    rows: Sequence[dict],
) -> dict[tuple[str, str], tuple[list[int], list[str]]]:
    """(event_uid, item_id) given on several lines of the file with different values: the rows
    and the fields that differ."""
    by_key: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        if row["item_id"] is not None:
            uid = f"{row['reporting_entity']}:{row['event_id']}"
            by_key.setdefault((uid, row["item_id"]), []).append(row)
    conflicting = {}
    for key, lines in by_key.items():
        first = line_item(lines[0])
        differ = sorted(
            {name for line in lines[1:] for name in differing_fields(line_item(line), first)}
        )
        if differ:
            conflicting[key] = ([line["_row_number"] for line in lines], differ)
    return conflicting


def item_id_conflict(row: dict, rows: list[int], differ: list[str]) -> Reject:
    return Reject(
        row["_row_number"],
        "item_id",
        row["item_id"],
        f"item_id {row['item_id']} of event {row['event_id']} is in rows "
        f"{', '.join(map(str, rows))} of this file with different values ({', '.join(differ)}): "
        "conflicting versions in one file are not loaded; give one line per item, each version "
        "in a file of its own date",
    )


def revision_refused(
    revision: Revision,
    naming: str,
    file_name: str,
    other_classification: bool,
    stored: tuple[str, int, dt.date],
    changed: Sequence[str],
) -> Reject | None:
    """None when the line may be a new version of the stored one (file, row, as_of); else why
    not. A line of another classification quotes nothing stored."""
    row = revision.row_number
    if other_classification:
        return Reject(
            row,
            "classification",
            None,
            f"{naming} is already in the warehouse with another classification: a new version "
            "keeps the classification of the record it revises, so this line is not loaded "
            "(whoever holds the record can revise it)",
        )
    return date_refused(
        row, naming, file_name, revision.as_of, revision.correction, stored, changed
    )


def serials_corrected_without_item_id(
    rows: Sequence[dict],
    stored_lines: dict[str, list[dict]],
    hidden: Callable[[dict, dict], bool],
) -> dict[int, Reject]:
    """The lines without item_id that correct a stored line's serial: a line that says it
    revises (a later as_of, or a correction) and differs from one stored line (without item_id)
    in its serial only, while the file gives the event as many lines as are stored and either
    restates the others as they are (at least one) or gives the reason in the correction
    column. Such a line is refused, not loaded as a new item (the event would then count the
    item twice): without an item_id nothing says which line it revises, and two items of one
    make and model differ by their serial alone. A file that adds a line to an event (no as_of
    or correction, or not restating the event's other lines) loads it as before. The reject
    names the stored line, whose item_line_uid a line of the corrections format takes.
    `stored_lines` are the stored lines of the file's events by event_uid; a stored line
    `hidden(row, stored)` from the line's reader (a higher classification) is left out."""
    by_event: dict[str, list[dict]] = {}
    for row in rows:
        by_event.setdefault(f"{row['reporting_entity']}:{row['event_id']}", []).append(row)
    refused: dict[int, Reject] = {}
    for uid, lines in by_event.items():
        stored = stored_lines.get(uid, [])
        if not stored or len(lines) != len(stored):
            continue
        left = [line for line in stored if line["item_id"] is None]
        unmatched = []
        for row in (line for line in lines if line["item_id"] is None):
            same = next((line for line in left if not differing_fields(line_item(row), line)), None)
            if same is not None:
                left.remove(same)
            else:
                unmatched.append(row)
        restated = len(lines) - len(unmatched)
        for row in unmatched:
            revises = row["as_of"] is not None or row["correction"] is not None
            if not revises or not (restated or row["correction"] is not None):
                continue
            candidates = [
                line
                for line in left
                if differing_fields(line_item(row), line) == ["serial_number"]
                and not hidden(row, line)
            ]
            if len(candidates) == 1:
                refused[row["_row_number"]] = serial_corrected(row, candidates[0])
    return refused


def serial_corrected(row: dict, stored: dict) -> Reject:
    serial = row["serial_number"][0] if row["serial_number"] else ""
    line_uid = stored["item_line_uid"]
    return Reject(
        row["_row_number"],
        "serial_number",
        serial,
        f"this line of event {row['event_id']} is item line {line_uid} ({stored['file_name']} "
        f"row {stored['source_row_number']}) but for its serial_number (stored "
        f"{stored['serial_number'] or 'none'}, here {serial or 'none'}), and the file gives the "
        "event as many lines as are stored: a corrected serial is not loaded as a new item. Give "
        "the line an item_id in both files, or correct the stored line with the corrections "
        f"format (record_kind seizure_item, record_key {line_uid}, field serial_number, "
        f"new_value {serial})",
    )


def supersede(
    con: duckdb.DuckDBPyConnection, table: str, key: str, keys: Sequence[str], load_id: str
) -> None:
    """Move the stored rows of `table` with these keys to its earlier versions, marked replaced
    now by `load_id`; the new versions are inserted after."""
    if not keys:
        return
    earlier = EARLIER_VERSIONS[table]
    # Table and column names come from this module, never from input.
    con.execute(
        f"INSERT INTO {earlier} BY NAME SELECT *, ? AS superseded_at, "  # noqa: S608
        f"? AS superseded_by_load_id FROM {table} WHERE list_contains(?, {key})",
        [load_time(), load_id, list(keys)],
    )
    con.execute(f"DELETE FROM {table} WHERE list_contains(?, {key})", [list(keys)])  # noqa: S608


# ---------------------------------------------------------------------------------------------
# Corrections (format corrections): an event or an item line corrected one field at a time, read
# through the views of every version, written as a new current version.

# The item fields a correction may change, by their column names in the format.
ITEM_CORRECTABLE = tuple(
    "serial_number" if name == "serial_normalized" else name for name in ITEM_VERSION_FIELDS
)

EVENT_VERSIONS = Versions(
    table="seizure_event_versions",
    key_columns=("event_uid",),
    content_columns=EVENT_COLUMNS,
    id_column="event_id",
    record_noun="seizure event",
    naming=lambda event: f"event {event['event_id']} of {event['reporting_entity']}",
    dates=lambda event: (event["event_date"],),
    correctable=EVENT_COLUMNS,
)
ITEM_VERSIONS = Versions(
    table="seizure_item_versions",
    key_columns=("item_line_uid",),
    content_columns=ITEM_VERSION_FIELDS,
    id_column="item_line_uid",
    record_noun="seizure item line",
    naming=lambda item: f"item line {item['item_line_uid']}",
    dates=lambda item: (item["as_of"],),
    correctable=ITEM_CORRECTABLE,
)
# The columns a version row has beyond its table's (the views add them).
VIEW_ONLY = ("recorded_at", "superseded_at", "superseded_by_load_id")


def store_version(table: str, key: str) -> Callable[[duckdb.DuckDBPyConnection, dict, str], None]:
    """How a corrected version of a row of `table` is written: the stored one moved to the
    earlier versions, the new one inserted."""

    def store(con: duckdb.DuckDBPyConnection, version: dict, load_id: str) -> None:
        supersede(con, table, key, [version[key]], load_id)
        insert_rows(con, table, [{k: v for k, v in version.items() if k not in VIEW_ONLY}])

    return store


def event_fields(field: str, value: object, current: dict) -> dict:
    """An event date is stored as the first day it stands for."""
    if field == "event_date":
        return {"event_date": value.first_day}
    return {field: value}


def item_fields(field: str, value: object, current: dict) -> dict:
    """A serial is stored as marked and normalised; serial, manufacturer and model make the
    physical item's identity."""
    changed = {field: value}
    if field == "serial_number":
        changed = {"serial_number": value[0] if value else None,
                   "serial_normalized": value[1] if value else None}  # fmt: skip
    if field in ("serial_number", "manufacturer", "model"):
        record = {**current, **changed}
        changed["item_uid"] = item_uid(
            record["serial_normalized"], record["manufacturer"], record["model"]
        )
    return changed


# Columns besides the field that follow from it (a reversal restores them too).
ITEM_FOLLOWING = (
    ("serial_number", ("serial_normalized", "item_uid")),
    ("manufacturer", ("item_uid",)),
    ("model", ("item_uid",)),
)


def item_uid(serial_normalized: str | None, manufacturer: str | None, model: str | None):
    """As the load computes it (imported late: the reference load imports this module)."""
    from ingest.sources.seizures.reference import item_uid as computed

    return computed(serial_normalized, manufacturer, model)


def event_readable(con: duckdb.DuckDBPyConnection, item: dict, visible: Sequence[str]) -> bool:
    """An item line is seen with its event: both at levels the reader may see."""
    found = con.execute(
        "SELECT classification FROM seizure_events WHERE event_uid = ?", [item["event_uid"]]
    ).fetchone()
    return found is not None and found[0] in visible


def level_with_event(con: duckdb.DuckDBPyConnection, item: dict) -> str:
    """The more sensitive of an item line's classification and its event's."""
    found = con.execute(
        "SELECT more_sensitive(?, classification) FROM seizure_events WHERE event_uid = ?",
        [item["classification"], item["event_uid"]],
    ).fetchone()
    return found[0] if found else item["classification"]


def written_date(day: dt.date, precision: str) -> EventDate:
    """A stored event date as a file line gives it: written at the precision it was stored with
    (a stored date is the first day its precision stands for)."""
    text = {"day": day.isoformat(), "month": f"{day:%Y-%m}", "year": f"{day:%Y}"}[precision]
    return EventDate(day, precision, text)


# The format's rules that read an event and its item lines together: a corrected event or item
# line must pass them with the other as stored, with the same reasons a file line would get.
JOINT_RULES = (rules.date_matches_precision, rules.made_before_found)


def _joint_problems(lines: list[dict], number: int, raw: dict) -> list[Reject]:
    """The problems of the lines, each once (an event's own problem is every line's)."""
    found = (
        rule({**line, "_row_number": number, "_raw": raw}) for line in lines for rule in JOINT_RULES
    )
    return list(dict.fromkeys(problem for problem in found if problem is not None))


def event_with_its_lines(
    con: duckdb.DuckDBPyConnection,
    event: dict,
    field: str,
    value: object,
    visible: Sequence[str],
    number: int,
    raw: dict,
) -> list[Reject]:
    """A corrected event with each of its current item lines the corrector may see (a line above
    their clearance is neither quoted nor counted: its level's corrector checks it), as file
    lines giving both would be checked; the event alone when it has none."""
    # the corrected date as written, or the stored date as its file wrote it
    stored = con.execute(
        "SELECT event_date, date_precision FROM seizure_events WHERE event_uid = ?",
        [event["event_uid"]],
    ).fetchone()
    written = value if field == "event_date" else written_date(*stored)
    relation = con.execute(
        "SELECT year_of_manufacture, headstamp_year FROM seizure_items "
        "WHERE event_uid = ? AND list_contains(?, classification) ORDER BY item_line_uid",
        [event["event_uid"], list(visible)],
    )
    made = relation.fetchall() or [(None, None)]
    lines = [
        {**event, "event_date": written, "year_of_manufacture": year, "headstamp_year": stamp}
        for year, stamp in made
    ]
    return _joint_problems(lines, number, raw)


def line_with_its_event(
    con: duckdb.DuckDBPyConnection,
    item: dict,
    field: str,
    value: object,
    visible: Sequence[str],
    number: int,
    raw: dict,
) -> list[Reject]:
    """A corrected item line with its event as stored, as a file line giving both would be
    checked (the corrector may see the event: Corrector.current asks event_readable)."""
    found = con.execute(
        "SELECT event_date, date_precision FROM seizure_events WHERE event_uid = ?",
        [item["event_uid"]],
    ).fetchone()
    if found is None:
        return []
    line = {**item, "event_date": written_date(*found), "date_precision": found[1]}
    return _joint_problems([line], number, raw)


# The format's rules a corrected record must still pass (those that read one line's own fields).
EVENT_RULES = (
    rules.coordinates_in_pairs,
    rules.not_null_island,
    rules.exact_location_has_coordinates,
)
ITEM_RULES = (
    rules.weapon_has_category,
    rules.weapon_counted_in_items,
    rules.headstamps_only_on_ammunition,
    rules.ammunition_identified,
    rules.counted_whole,
    rules.serialised_line_is_one_item,
)
