"""The reference load of the `seizures` format, line by line in Python: events and items, the
agreement between the lines of an event, identities and duplicates. The column-wise load (`fast`)
must write the same rows and rejects (tests compare the two) and hands it every line in doubt and
every event needing care."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from embargo.classification import DEFAULT_CLASSIFICATION, Classification
from ingest.kit.loads import Loaded, insert_rows
from ingest.kit.places import Places
from ingest.kit.record_format import content_key, raw_rows, read_records, short_hash, shown
from ingest.kit.validation import Reject, check_row, raw_of
from ingest.kit.values import most_sensitive, normalize_serial
from ingest.sources.seizures.columns import (
    DEFAULT_VERIFICATION,
    EVENT_COLUMNS,
    FORMAT,
    ITEM_FIELDS,
    columns,
)
from ingest.sources.seizures.rules import ROW_RULES

__all__ = ["item_uid", "load_line_by_line", "normalize_serial"]


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


def above(level: str, other: str) -> bool:
    """Whether `level` is more sensitive than `other`."""
    return Classification.parse(level) > Classification.parse(other)


def hidden_collision(stored: tuple[str, int, str] | None, level: str) -> bool:
    """Whether a stored line a new line collides with is above the new line's classification:
    the reject must then say nothing of it (the line's reader may not be cleared for it)."""
    return stored is not None and above(stored[2], level)


class SeizureBatch:
    """The lines of one file, checked against each other and against the warehouse."""

    def __init__(self, con: duckdb.DuckDBPyConnection, file_name: str, load_id: str):
        self.con = con
        self.file_name = file_name
        self.load_id = load_id
        self.events: dict[str, Event] = {}
        self.items: list[dict] = []
        # item_line_uid / (event_uid, item_uid) -> (file, row, classification) of the stored line
        self.stored_lines: dict[str, tuple[str, int, str]] = {}
        self.stored_items: dict[tuple[str, str], tuple[str, int, str]] = {}
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
        for line_uid, uid, physical, file_name, row_number, level in self.con.execute(
            "SELECT item_line_uid, event_uid, item_uid, file_name, source_row_number, "
            "classification FROM seizure_items WHERE list_contains(?, event_uid)",
            [list(event_uids)],
        ).fetchall():
            self.stored_lines[line_uid] = (file_name, row_number, level)
            if physical is not None:
                self.stored_items[(uid, physical)] = (file_name, row_number, level)

    def add(self, row: dict) -> list[Reject]:
        """Accept a valid line, or return why it cannot be loaded."""
        row_number = row["_row_number"]
        uid = f"{row['reporting_entity']}:{row['event_id']}"
        event = self.events.get(uid)
        level = row["classification"] or DEFAULT_CLASSIFICATION.label
        if event is not None and event.stored and above(event.classification, level):
            # The same words whatever the line says: no value, file or row of the event, and
            # nothing that tells a right guess of its values from a wrong one.
            return [
                Reject(
                    row_number,
                    "event_id",
                    row["event_id"],
                    f"event {row['event_id']} of {row['reporting_entity']} conflicts with a "
                    f"record of a higher classification than this line ({level}): a line adds "
                    "to a stored event only at the event's classification or above",
                )
            ]
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
        hidden = hidden_collision(self.stored_lines.get(line_uid), level) or (
            physical is not None and hidden_collision(self.stored_items.get((uid, physical)), level)
        )
        if hidden:
            problems.append(
                Reject(
                    row_number,
                    None,
                    None,
                    f"the item conflicts with a record of a higher classification than this line "
                    f"({level}): not loaded",
                )
            )
        elif line_uid in self.stored_lines:
            file_name, earlier, _ = self.stored_lines[line_uid]
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
        elif not event.stored:
            for name, value in event_values(row).items():
                if value is not None and event.values[name] is None:
                    event.values[name] = value
                    event.given_at[name] = f"row {row_number}"
            event.classification = most_sensitive([event.classification, level])
        elif event.classification == level:
            # A load never changes a record of another classification: only a line of the
            # stored event's own level fills what it left empty. A more sensitive line adds its
            # item and leaves the event as it is (views joining them take the higher level).
            for name, value in event_values(row).items():
                if value is not None and event.values[name] is None:
                    event.values[name] = value
                    event.given_at[name] = f"row {row_number}"
                    event.filled_in.add(name)
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
        """Fill in what a stored event left empty, from lines of its own classification only
        (its classification never changes)."""
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


def resolve_trace_events(con: duckdb.DuckDBPyConnection) -> None:
    """trace_request_versions.event_uid (every version): the seizure event with the trace's
    event_id when exactly one event at or below the trace's classification has it; when none
    does, the one event of a higher classification that has it (views joining the two take the
    higher level); else NULL. Counting the events a trace's readers may not see would let them
    tell, by a link that comes and goes, that a hidden event shares an id with a visible one.
    Run after every seizure and trace load, so the link does not depend on the order files are
    loaded in."""
    # t.classification and e.classification are vocabulary values; more_sensitive orders them.
    resolved = (
        "SELECT CASE "
        "WHEN count(*) FILTER (WHERE below) = 1 THEN min(e.event_uid) FILTER (WHERE below) "
        "WHEN count(*) FILTER (WHERE below) = 0 AND count(*) = 1 THEN min(e.event_uid) END "
        "FROM (SELECT event_uid, more_sensitive(classification, "
        "trace_request_versions.classification) = trace_request_versions.classification "
        "AS below FROM seizure_events "
        "WHERE event_id = trace_request_versions.event_id) AS e"
    )
    con.execute(
        f"UPDATE trace_request_versions SET event_uid = ({resolved}) "  # noqa: S608
        f"WHERE event_uid IS DISTINCT FROM ({resolved})"
    )


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
