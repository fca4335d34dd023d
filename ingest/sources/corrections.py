"""Corrections, format `corrections` (docs/formats.md): one row per correction of one field of one
stored record (a tracing request, an exemption notification, a panel finding, a seizure event or
item line, or a conflict event), or per reversal of an earlier correction, as CSV or XLSX (the
sheet named `corrections`, else the first; header in row 1).

Required columns: correction_id, record_kind, record_key, field, new_value, reason. Optional:
reverses. Other columns are kept in `raw_corrections.extra_columns`.

extract -> validate -> load (`raw_corrections` every row read, `corrections` every correction
applied, and a new version of each record corrected in its table of versions).
Decisions:
- A correction names the record by its kind and key (`record_key`: the key columns joined by
  a colon, e.g. `Panel of Experts:TR-7` for a tracing request, `un-libya-2011:N-1` for a
  notification, `un-car-2013:F-2` for a finding, `JMAC MINUSMA:E-1` for a seizure event, the
  item_line_uid for an item line, `ucdp_ged:36210` for a conflict event), the field, the new
  value (empty clears an optional field) and the reason. It makes a new version of the record:
  the current version with that field changed, the same as_of, the reason in `correction`,
  recorded with who loaded it and when. The new value is checked by the record's own format
  (its parser and the rules that concern the field), on the corrected record. The fields open
  to correction are those each format's versions declare (`Versions.correctable`). A seizure
  event or item line keeps its current version in seizure_events or seizure_items, and the
  one a correction replaces moves to their earlier versions; an item line is seen, and its
  correction classified, with its event; a corrected seizure record must still pass the
  format's rules that read its own fields (coordinates in pairs, one item per serial, ...) and
  those that read an event with its item lines (no item made after it was found, the event date
  as written fitting its precision), refused with the reasons a file line gets. An event is
  checked with the item lines the loader may see: a line above their clearance is neither quoted
  nor counted.
- A correction of a record the loader cannot see (above their clearance) and one of a key that
  names no record get the same refusal, which names only what the line gives: the reject
  never discloses whether such a record exists. A field the kind does not have, or may not be
  corrected (the key, the classification: a version keeps the record's classification), is
  refused before any record is looked up.
- A reversal line names in `reverses` the correction_id of a correction the loader can see
  (the other columns but correction_id and reason may stay empty): it restores the field's
  value from before that correction, as a new version, while the field still holds the
  corrected value; a correction is reversed once. `embargo corrections revert ID` writes and
  loads such a line.
- correction_id is unique among the corrections the loader can see; the lines of one file are
  applied in row order, each on the version the line before it left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded, current_loader, insert_rows, load_time
from ingest.kit.places import Places
from ingest.kit.record_format import (
    RecordFormat,
    Versions,
    differing,
    optional,
    raw_rows,
    read_records,
    records_of,
    required,
    supersede,
)
from ingest.kit.validation import Column, Reject, RowRule, check_row
from ingest.kit.values import text
from ingest.sources import conflict_events, exemptions, panel_findings, traces
from ingest.sources.seizures import columns as seizure_columns
from ingest.sources.seizures import versions as seizure_versions
from ingest.sources.seizures.reference import resolve_trace_events

SOURCE_ID = "corrections"
FORMAT_NAME = "corrections"


def store_in_versions_table(
    versions: Versions,
) -> Callable[[duckdb.DuckDBPyConnection, dict, str], None]:
    """A record whose versions are all in one table: the stored one marked superseded, the new
    one inserted beside it."""

    def store(con: duckdb.DuckDBPyConnection, version: dict, load_id: str) -> None:
        supersede(con, versions, [version], load_id)
        insert_rows(con, versions.table, [version])

    return store


@dataclass(frozen=True)
class Kind:
    """A kind of record a correction may change: its versions (which declare the fields open to
    correction, each parsed by its format's column), how a new version is stored, and what
    follows from a changed field."""

    noun: str  # how messages name a record of the kind
    versions: Versions
    columns: Callable[[duckdb.DuckDBPyConnection], Sequence[Column]]  # the format's columns
    # The tables a correction of the kind writes.
    writes: tuple[str, ...]
    # How a new version is written: (con, version, load_id); by default in versions.table.
    store: Callable[[duckdb.DuckDBPyConnection, dict, str], None] | None = None
    # The format's rules that read the fields (a corrected record must still pass them).
    rules: tuple[RowRule, ...] = ()
    # The stored columns a field's parsed value gives: (field, value, places, current record)
    # -> {column: value}
    derived: Callable[[str, object, Places, dict], dict] = lambda field, value, places, current: {
        field: value
    }
    # The format's rules that read the record with others (a seizure event with its item lines):
    # (con, corrected record, field, parsed value, levels the corrector may see, row number,
    # raw cells) -> the problems, as the format words them for a file line.
    together: Callable[
        [duckdb.DuckDBPyConnection, dict, str, object, Sequence[str], int, dict], list[Reject]
    ] = lambda con, record, field, value, visible, number, raw: []
    # The columns besides the field that follow from it (a reversal restores them too).
    following: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Done after a version of the kind is written (links that follow from it).
    after: Callable[[duckdb.DuckDBPyConnection], None] = lambda con: None
    # Whether the reader may see a record beyond its own classification (an item's event).
    readable: Callable[[duckdb.DuckDBPyConnection, dict, Sequence[str]], bool] = (
        lambda con, record, visible: True
    )
    # The classification of a correction of the record (an item line's: with its event's).
    level: Callable[[duckdb.DuckDBPyConnection, dict], str] = lambda con, record: record[
        "classification"
    ]

    @property
    def fields(self) -> tuple[str, ...]:
        return self.versions.correctable

    def columns_of(self, field: str) -> tuple[str, ...]:
        return (field, *dict(self.following).get(field, ()))

    def write_version(self, con: duckdb.DuckDBPyConnection, version: dict, load_id: str) -> None:
        (self.store or store_in_versions_table(self.versions))(con, version, load_id)


def trace_fields(field: str, value: object, places: Places, current: dict) -> dict:
    """A serial is stored as marked and normalised, an addressee with its country code."""
    if field == "serial_number":
        return {"serial_number": value[0] if value else None,
                "serial_normalized": value[1] if value else None}  # fmt: skip
    if field == "addressed_to":
        return {"addressed_to": value, "addressed_to_iso3": places.state_code(value)}
    return {field: value}


KINDS: dict[str, Kind] = {
    "trace_request": Kind(
        noun="tracing request",
        versions=traces.REQUEST_VERSIONS,
        columns=lambda con: traces.columns(Places(con)),
        writes=("trace_request_versions",),
        rules=traces.ROW_RULES,
        derived=trace_fields,
        following=(
            ("serial_number", ("serial_normalized",)),
            ("addressed_to", ("addressed_to_iso3",)),
        ),
        after=resolve_trace_events,
    ),
    "exemption": Kind(
        noun="exemption notification",
        versions=exemptions.NOTIFICATION_VERSIONS,
        columns=lambda con: exemptions.columns(exemptions.Lookups(con)),
        writes=("exemption_versions",),
        rules=(exemptions.decision_after_submission, exemptions.pending_has_no_decision_date),
    ),
    "panel_finding": Kind(
        noun="panel finding",
        versions=panel_findings.FINDING_VERSIONS,
        columns=lambda con: panel_findings.columns(Places(con)),
        writes=("panel_finding_versions", "panel_finding_references"),
        rules=(panel_findings.cites_paragraph_or_annex,),
    ),
    "seizure_event": Kind(
        noun="seizure event",
        versions=seizure_versions.EVENT_VERSIONS,
        columns=lambda con: seizure_columns.columns(Places(con)),
        writes=("seizure_events", "seizure_event_earlier_versions"),
        store=seizure_versions.store_version("seizure_events", "event_uid"),
        rules=seizure_versions.EVENT_RULES,
        together=seizure_versions.event_with_its_lines,
        derived=lambda field, value, places, current: seizure_versions.event_fields(
            field, value, current
        ),
    ),
    "seizure_item": Kind(
        noun="seizure item line",
        versions=seizure_versions.ITEM_VERSIONS,
        columns=lambda con: seizure_columns.columns(Places(con)),
        writes=("seizure_items", "seizure_item_earlier_versions"),
        store=seizure_versions.store_version("seizure_items", "item_line_uid"),
        rules=seizure_versions.ITEM_RULES,
        together=seizure_versions.line_with_its_event,
        derived=lambda field, value, places, current: seizure_versions.item_fields(
            field, value, current
        ),
        following=seizure_versions.ITEM_FOLLOWING,
        readable=seizure_versions.event_readable,
        level=seizure_versions.level_with_event,
    ),
    "conflict_event": Kind(
        noun="conflict event",
        versions=conflict_events.EVENT_VERSIONS,
        columns=lambda con: conflict_events.correction_columns(Places(con)),
        writes=("conflict_event_versions",),
    ),
}

FORMAT = RecordFormat(
    format_name=FORMAT_NAME,
    label="corrections (corrections)",
    raw_table="raw_corrections",
    documented=(
        required("correction_id", "Identifies the correction (a reversal names it)."),
        required(
            "record_kind",
            "The kind of record corrected: " + ", ".join(f"`{kind}`" for kind in KINDS) + ".",
        ),
        required(
            "record_key",
            "The record's key columns joined by a colon: "
            + "; ".join(
                f"{name}: {':'.join(kind.versions.key_columns)}" for name, kind in KINDS.items()
            )
            + ".",
        ),
        required(
            "field",
            "The field corrected: "
            + "; ".join(f"{name}: {', '.join(kind.fields)}" for name, kind in KINDS.items())
            + ".",
        ),
        required("new_value", "The field's new value, as its format writes it (empty clears)."),
        required("reason", "Why the record is corrected (text)."),
        optional(
            "reverses",
            "The correction_id of an earlier correction this line reverses (record_kind, "
            "record_key, field and new_value may then stay empty).",
        ),
    ),
)
TABLES_WRITTEN = (
    "raw_corrections",
    "corrections",
    *dict.fromkeys(table for kind in KINDS.values() for table in kind.writes),
)
COLUMNS = (
    Column("correction_id", text),
    Column("record_kind", text, required=False),
    Column("record_key", text, required=False),
    Column("field", text, required=False),
    Column("new_value", text, required=False),
    Column("reason", text),
    Column("reverses", text, required=False),
)


# True when the header has every required column.
detect = FORMAT.detect


def load(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """extract -> validate -> apply one file inside the caller's transaction, line by line."""
    extracted = read_records(path, FORMAT)
    corrector = Corrector(con, load_id, path.name)
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    applied = 0
    for row_number, record, problems in extracted:
        row, found = check_row(row_number, record, COLUMNS, ())
        problems = problems + found
        if row is not None and not problems:
            problems = corrector.apply(row)
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
        else:
            applied += 1
    insert_rows(
        con, FORMAT.raw_table, raw_rows(FORMAT, extracted, rejected_rows, load_id, path.name)
    )
    for kind in {KINDS[name] for name in corrector.kinds_written}:
        kind.after(con)
    return Loaded("corrections", len(extracted), applied, rejects)


class Corrector:
    """Applies the lines of one corrections file as its loader."""

    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: str, file_name: str):
        self.con = con
        self.load_id = load_id
        self.file_name = file_name
        self.loader = current_loader()
        self.visible = self.loader.clearance.visible_levels()
        self.places = Places(con)
        self.kinds_written: set[str] = set()
        self.columns: dict[str, dict[str, Column]] = {}

    def column(self, kind_name: str, field: str) -> Column:
        """The format's column for the field (the format's parsers, read once per file)."""
        if kind_name not in self.columns:
            columns = KINDS[kind_name].columns(self.con)
            self.columns[kind_name] = {column.name: column for column in columns}
        return self.columns[kind_name][field]

    def apply(self, row: dict) -> list[Reject]:
        number = row["_row_number"]
        if self.correction(row["correction_id"]) is not None:
            return [
                Reject(
                    number,
                    "correction_id",
                    row["correction_id"],
                    f"correction_id {row['correction_id']} is already used by a correction: "
                    "give each correction an id of its own",
                )
            ]
        if row["reverses"] is not None:
            return self.reverse(row)
        missing = [name for name in ("record_kind", "record_key", "field") if row[name] is None]
        if missing:
            return [
                Reject(number, name, "", "a value is required (or name in reverses the "
                       "correction this line reverses)")
                for name in missing
            ]  # fmt: skip
        kind = KINDS.get(row["record_kind"].strip().lower())
        if kind is None:
            return [
                Reject(
                    number,
                    "record_kind",
                    row["record_kind"],
                    f"record_kind {row['record_kind']} is not a kind of record a correction "
                    f"may change: expected one of {', '.join(KINDS)}",
                )
            ]
        field = row["field"].strip().lower()
        if field not in kind.fields:
            return [
                Reject(
                    number,
                    "field",
                    row["field"],
                    f"field {row['field']} is not a field of a {kind.noun} open to correction: "
                    f"expected one of {', '.join(kind.fields)}",
                )
            ]
        return self.correct(row, row["record_kind"].strip().lower(), field, row["new_value"])

    def correct(
        self, row: dict, kind_name: str, field: str, new_text: str | None, reverses: str = ""
    ) -> list[Reject]:
        number = row["_row_number"]
        kind = KINDS[kind_name]
        column = self.column(kind_name, field)
        parsed, problems = check_row(
            number, {field: new_text or ""}, [Column(field, column.parse, required=False)], ()
        )
        if problems:
            return [Reject(number, "new_value", new_text, p.reason) for p in problems]
        current = self.current(kind, row["record_key"])
        if current is None:
            # The same words whether no record has the key or the loader may not see it.
            return [
                Reject(
                    number,
                    "record_key",
                    row["record_key"],
                    f"record_key {row['record_key']} names no {kind.noun} you can see: nothing "
                    "corrected",
                )
            ]
        corrected = {**current, **kind.derived(field, parsed[field], self.places, current)}
        if not kind.versions.changed(corrected, current):
            return [
                Reject(
                    number,
                    "new_value",
                    new_text,
                    f"{kind.versions.naming(current)} already has this {field}: nothing corrected",
                )
            ]
        checked = {"_row_number": number, "_raw": {field: new_text or ""}, **corrected}
        if column.required and parsed[field] is None:
            problems = [Reject(number, "new_value", "", f"{field} is required: it cannot be empty")]
        else:
            problems = [found for rule in kind.rules if (found := rule(checked)) is not None]
        if not problems:
            problems = kind.together(
                self.con, corrected, field, parsed[field], self.visible, number, checked["_raw"]
            )
        if problems:
            return [Reject(number, "new_value", new_text, p.reason) for p in problems]
        self.write(row, kind_name, kind, current, corrected, field, new_text, reverses)
        return []

    def reverse(self, row: dict) -> list[Reject]:
        number = row["_row_number"]
        earlier = self.correction(row["reverses"])
        if earlier is None:
            return [
                Reject(
                    number,
                    "reverses",
                    row["reverses"],
                    f"reverses {row['reverses']} names no correction you can see: nothing reversed",
                )
            ]
        reversed_by = self.con.execute(
            "SELECT correction_id FROM corrections WHERE reverses = ? AND list_contains(?, "
            "classification)",
            [earlier["correction_id"], self.visible],
        ).fetchone()
        if reversed_by is not None:
            return [
                Reject(
                    number,
                    "reverses",
                    row["reverses"],
                    f"correction {row['reverses']} is already reversed (by correction "
                    f"{reversed_by[0]})",
                )
            ]
        kind = KINDS[earlier["record_kind"]]
        current = self.current(kind, earlier["record_key"])
        before = self.version(kind, earlier["record_key"], earlier["record_version"] - 1)
        field = earlier["field"]
        if current is None or before is None:
            return [
                Reject(number, "reverses", row["reverses"],
                       f"the record correction {row['reverses']} changed is no longer one you "
                       "can see: nothing reversed")
            ]  # fmt: skip
        made = self.version(kind, earlier["record_key"], earlier["record_version"])
        if differing(made, current, [field]):
            return [
                Reject(
                    number,
                    "reverses",
                    row["reverses"],
                    f"the {field} of {kind.versions.naming(current)} changed again after "
                    f"correction {row['reverses']} (version {current['version']}): correct it "
                    "anew rather than reverse it",
                )
            ]
        restored = {**current, **{name: before[name] for name in kind.columns_of(field)}}
        line = {**row, "record_key": earlier["record_key"]}
        self.write(
            line, earlier["record_kind"], kind, current, restored, field, shown_text(before[field]),
            earlier["correction_id"],
        )  # fmt: skip
        return []

    def write(
        self,
        row: dict,
        kind_name: str,
        kind: Kind,
        current: dict,
        corrected: dict,
        field: str,
        new_text: str | None,
        reverses: str,
    ) -> None:
        """The new version of the record, the stored one superseded, and the correction kept."""
        now = load_time()
        version = {
            **corrected,
            "version": current["version"] + 1,
            "correction": f"correction {row['correction_id']}: {row['reason']}",
            "recorded_at": now,
            "superseded_at": None,
            "superseded_by_load_id": None,
            "load_id": self.load_id,
            "file_name": self.file_name,
            "source_row_number": row["_row_number"],
        }
        kind.write_version(self.con, version, self.load_id)
        if kind.versions.table == "panel_finding_versions":
            carry_references(self.con, version, self.load_id)
        insert_rows(
            self.con,
            "corrections",
            [
                {
                    "correction_id": row["correction_id"],
                    "record_kind": kind_name,
                    "record_key": row["record_key"],
                    "field": field,
                    "new_value": new_text,
                    "reason": row["reason"],
                    "reverses": reverses or None,
                    "record_version": version["version"],
                    "corrected_by": self.loader.name,
                    "classification": kind.level(self.con, current),
                    "recorded_at": now,
                    "load_id": self.load_id,
                    "file_name": self.file_name,
                    "source_row_number": row["_row_number"],
                }
            ],
        )
        self.kinds_written.add(kind_name)

    def current(self, kind: Kind, record_key: str) -> dict | None:
        """The current version of the record the key names, when the loader may see it."""
        return self._one(kind, record_key, "superseded_at IS NULL", [])

    def version(self, kind: Kind, record_key: str, number: int) -> dict | None:
        return self._one(kind, record_key, "version = ?", [number])

    def _one(self, kind: Kind, record_key: str, where: str, params: list) -> dict | None:
        keys = ", ".join(kind.versions.key_columns)
        # Table and column names come from this module, never from input.
        relation = self.con.execute(
            f"SELECT * FROM {kind.versions.table} WHERE concat_ws(':', {keys}) = ? "  # noqa: S608
            f"AND list_contains(?, classification) AND {where}",
            [record_key.strip(), self.visible, *params],
        )
        found = records_of(relation)
        if len(found) != 1:
            return None
        return found[0] if kind.readable(self.con, found[0], self.visible) else None

    def correction(self, correction_id: str) -> dict | None:
        """The correction with this id that the loader may see."""
        relation = self.con.execute(
            "SELECT * FROM corrections WHERE correction_id = ? AND list_contains(?, "
            "classification)",
            [correction_id, self.visible],
        )
        found = records_of(relation)
        return found[0] if found else None


def shown_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def carry_references(con: duckdb.DuckDBPyConnection, version: dict, load_id: str) -> None:
    """A corrected finding names what its version before named."""
    con.execute(
        "INSERT INTO panel_finding_references SELECT finding_uid, version + 1, reference_kind, "
        "position, reference, reference_normalized, country_iso3, ? FROM "
        "panel_finding_references WHERE finding_uid = ? AND version = ?",
        [load_id, version["finding_uid"], version["version"] - 1],
    )
