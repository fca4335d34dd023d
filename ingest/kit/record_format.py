"""The one shape of a record format: a CSV or XLSX file with one record per row under a header
of named columns (seizures, traces, exemptions, panel findings, the transfer registers).

A format is a RecordFormat (its columns, how messages name it, its raw table); loading one file
goes
- detect: the header (CSV first line, or row 1 of the sheet) has every required column;
- read_records: the rows as {column: text}, after check_columns (a required column missing, a
  column twice or no data rows refuse the file);
- validate: each row's columns parsed and its row rules applied (ingest.kit.validation);
- versions_of: one record per key in a file; a key already in the warehouse is a new version
  when the row says so (a later as_of, or a correction), a repeat when identical, refused when
  stale (Versions says which table, which columns and how records are named and dated);
- raw_rows: every row read, as text, for the raw table, with the columns outside the format kept
  in `extra_columns` (nothing delivered is lost);
- VersionedLoad: a versioned format's whole load (its lookup, columns, rules, records and what
  follows them), whose `load` is the format module's entry point."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from embargo.classification import DEFAULT_CLASSIFICATION
from ingest.kit.loads import Loaded, insert_rows, load_time
from ingest.kit.places import normalize_alias
from ingest.kit.tables import FileRefused, Table, extract, read_header, read_table
from ingest.kit.validation import Column, Reject, RowRule, check_row
from ingest.kit.values import iso_date, text

Extracted = list[tuple[int, dict[str, str], list[Reject]]]


@dataclass(frozen=True)
class DocumentedColumn:
    """One column of a format, as docs/formats.md describes it and the demo files write it."""

    name: str
    required: bool  # the header must have it
    holds: str  # what the column holds, for a person filling it in
    vocabulary: str | None = None  # its values, from ingest.kit.vocabularies


def required(name: str, holds: str, vocabulary: str | None = None) -> DocumentedColumn:
    return DocumentedColumn(name, True, holds, vocabulary)


def optional(name: str, holds: str, vocabulary: str | None = None) -> DocumentedColumn:
    return DocumentedColumn(name, False, holds, vocabulary)


# The sensitivity column every field record format has (embargo.classification).
CLASSIFICATION_COLUMN = optional(
    "classification", "How sensitive the record is (default restricted).", "classification"
)


@dataclass(frozen=True)
class RecordFormat:
    """A CSV/XLSX record format: its columns, in the order the documentation lists them (and the
    demo files write them), and its raw table."""

    format_name: str  # also the preferred sheet name in a workbook
    label: str  # how messages name the format
    raw_table: str
    documented: tuple[DocumentedColumn, ...]

    @functools.cached_property
    def header(self) -> tuple[str, ...]:
        """Every column, in the documented order."""
        return tuple(column.name for column in self.documented)

    @functools.cached_property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.documented if column.required)

    @functools.cached_property
    def optional_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.documented if not column.required)

    @functools.cached_property
    def all_columns(self) -> tuple[str, ...]:
        return self.required_columns + self.optional_columns

    def detect(self, path: Path) -> bool:
        """True when the header (CSV first line, or row 1 of the sheet) has every required
        column."""
        return set(self.required_columns) <= set(read_header(path, self.format_name))


@dataclass(frozen=True)
class Layout:
    """The columns (or elements) of a format that is not one record per row under a header, for
    docs/formats.md: SIPRI's exports, the conflict datasets, the sanctions list."""

    name: str
    columns: tuple[str, ...]  # as the source writes them
    required: tuple[str, ...]  # without which a file is refused
    codes: tuple[tuple[str, dict[str, str]], ...] = ()  # (column, {code: meaning})


def read_records(path: Path, spec: RecordFormat) -> Extracted:
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
    """Filled cells of columns the format does not define, as JSON text: nothing delivered is
    lost."""
    extra = {
        name: value
        for name, value in record.items()
        if name not in spec.all_columns and value.strip()
    }
    return json.dumps(extra, ensure_ascii=False) if extra else None


# ---------------------------------------------------------------------------------------------
# Comparing records


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


def shown(value: object) -> str:
    """A stored value as a message shows it."""
    if value is None:
        return "empty"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------------------------------------
# Versions by key

# The columns every versioned format has: when a row stands, and why it corrects the stored one.
AS_OF_COLUMN = optional(
    "as_of",
    "YYYY-MM-DD: the date the row's information stands on (default: the latest date the row "
    "gives); a later as_of than the version loaded makes the row a new version of the record.",
)
CORRECTION_COLUMN = optional(
    "correction",
    "Why the row corrects the version loaded (text): a new version even on the same as_of date.",
)
# The columns every versioned record format ends with, in this order: how sensitive the row is,
# the date it stands on, and why it corrects the stored version.
VERSIONED_RECORD_COLUMNS = (CLASSIFICATION_COLUMN, AS_OF_COLUMN, CORRECTION_COLUMN)
# Left out of files that only ever give first versions (the demo's first files).
VERSION_COLUMN_NAMES = (AS_OF_COLUMN.name, CORRECTION_COLUMN.name)
VERSION_COLUMNS = (
    Column("as_of", iso_date("as_of"), required=False),
    Column("correction", text, required=False),
)


def provenance(row: dict, load_id: str, file_name: str) -> dict:
    """What a versioned record keeps of the row it was built from: its classification (the
    default when the row gives none), the load, the file and the row's number."""
    return {
        "classification": row["classification"] or DEFAULT_CLASSIFICATION.label,
        "load_id": load_id,
        "file_name": file_name,
        "source_row_number": row["_row_number"],
    }


def records_of(relation: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows of an executed query as {column: value}."""
    names = [description[0] for description in relation.description]
    return [dict(zip(names, values, strict=True)) for values in relation.fetchall()]


def as_stored(record: dict) -> dict:
    return record


@dataclass(frozen=True)
class Versions:
    """Versions of a record by key, in a table of every version (the view named after the record
    shows the current ones). A record whose key is already in the warehouse is a new version
    when its source says so: a later as_of (a later file of the same reporting entity, a later
    release) or a correction reason on an as_of not earlier. An identical record is a repeat, an
    earlier one is refused as stale (naming both files and dates), and several different lines
    of one key in one file are each refused. A version keeps the classification of the record:
    a row of another classification never changes it, and the refusal quotes nothing stored."""

    table: str  # the table of every version, e.g. trace_request_versions
    key_columns: tuple[str, ...]  # what identifies a record, e.g. (embargo_id, finding_id)
    content_columns: tuple[str, ...]  # what a record says, compared when a key repeats
    id_column: str  # the column a repeat's reject names
    record_noun: str  # "the same <record_noun> is already ..."
    naming: Callable[[dict], str]  # how messages name the record
    dates: Callable[[dict], Sequence[dt.date | None]]  # a record's dates; as_of by default is
    # the latest
    also_read: tuple[str, ...] = ()  # stored columns `comparable` needs
    # The record as compared: e.g. a State by its code, so 'FRA' and 'France' are one submitter.
    comparable: Callable[[dict], dict] = as_stored
    # The fields a correction may change (format `corrections`), by their column names in the
    # format: never the key or the classification (a version keeps the record's level).
    correctable: tuple[str, ...] = ()

    def key(self, record: dict) -> str:
        return content_key([record[name] for name in self.key_columns])

    def default_as_of(self, record: dict) -> dt.date:
        return max(date for date in self.dates(record) if date is not None)

    def stored(self, con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
        """The current version of every record, by key."""
        selected = dict.fromkeys([
            *self.key_columns,
            "file_name",
            "source_row_number",
            "version",
            "as_of",
            *self.also_read,
            *self.content_columns,
        ])  # fmt: skip
        # Table and column names come from the format module, never from input.
        relation = con.execute(
            f"SELECT {', '.join(selected)} FROM {self.table} "  # noqa: S608
            "WHERE superseded_at IS NULL"
        )
        return {self.key(record): record for record in records_of(relation)}

    def changed(self, record: dict, other: dict) -> list[str]:
        return differing(self.comparable(record), self.comparable(other), self.content_columns)

    def against_stored(self, record: dict, current: dict) -> Reject | None:
        """None when the record is a new version of the current one; else the reason it is
        not."""
        row = record["source_row_number"]
        changed = self.changed(record, current)
        if not changed:
            # The same classification as the row's: naming where it stands discloses nothing.
            return Reject(
                row,
                self.id_column,
                record[self.id_column],
                f"the same {self.record_noun} is already in the warehouse (from "
                f"{current['file_name']} row {current['source_row_number']}): not loaded twice",
            )
        if "classification" in changed:
            # Nothing stored is quoted: the loader may not be cleared for the stored version.
            return Reject(
                row,
                "classification",
                record["classification"],
                f"{self.naming(record)} is already in the warehouse with another classification: "
                "a new version keeps the classification of the record it revises, so this row "
                "is not loaded (whoever holds the record can revise it)",
            )
        return date_refused(
            row,
            self.naming(record),
            record["file_name"],
            record["as_of"],
            record["correction"],
            (current["file_name"], current["source_row_number"], current["as_of"]),
            changed,
        )


def date_refused(
    row: int,
    naming: str,
    file_name: str,
    new_date: dt.date,
    correction: str | None,
    stored: tuple[str, int, dt.date],
    changed: Sequence[str],
) -> Reject | None:
    """Why a record of `file_name` standing on `new_date` is not a new version of the stored one
    (its file, row and as_of): older (a stale file, naming both files and dates), or the same
    date with other values and no correction; None when it is a new version."""
    stored_file, stored_row, stored_date = stored
    where = f"{stored_file} row {stored_row}, as of {stored_date}"
    if new_date < stored_date:
        return Reject(
            row,
            "as_of",
            str(new_date),
            f"{naming} in {file_name} as of {new_date} is older than the version in the "
            f"warehouse ({where}): a stale file is not loaded over a newer one",
        )
    if new_date == stored_date and correction is None:
        return Reject(
            row,
            "as_of",
            str(new_date),
            f"{naming} is already in the warehouse as of the same date ({where}) with other "
            f"values ({', '.join(changed)}): give a later as_of, or the reason in the correction "
            "column when this row corrects it",
        )
    return None


def versions_of(
    con: duckdb.DuckDBPyConnection,
    extracted: Extracted,
    column_specs: Sequence[Column],
    row_rules: Sequence[RowRule],
    build: Callable[[dict], dict],
    rule: Versions,
) -> tuple[list[dict], list[Reject], set[int]]:
    """Validate every extracted row and build the record of each good one: a new record is
    version 1, a record whose key is stored is a new version when Versions.against_stored
    allows it; lines of one key in one file are one record when identical (the later ones are
    repeats) and each refused when they differ. Returns the records (with version and as_of),
    the rejects in row order and the rejected row numbers."""
    stored = rule.stored(con)
    built_rows: list[tuple[int, dict | None, list[Reject]]] = []
    by_key: dict[str, list[dict]] = {}
    for row_number, record, problems in extracted:
        row, found = check_row(row_number, record, [*column_specs, *VERSION_COLUMNS], row_rules)
        problems = problems + found
        built = None
        if row is not None and not problems:
            built = build(row)
            built["correction"] = row["correction"]
            built["as_of"] = row["as_of"] or rule.default_as_of(built)
            by_key.setdefault(rule.key(built), []).append(built)
        built_rows.append((row_number, built, problems))
    conflicting: dict[str, list[int]] = {}
    for key, lines in by_key.items():
        if any(rule.changed(line, lines[0]) for line in lines[1:]):
            conflicting[key] = [line["source_row_number"] for line in lines]
    first_of: dict[str, dict] = {}
    records: list[dict] = []
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    for row_number, built, problems in built_rows:
        if built is not None:
            key = rule.key(built)
            if key in conflicting:
                lines = conflicting[key]
                differ = sorted({
                    name
                    for line in by_key[key][1:]
                    for name in rule.changed(line, by_key[key][0])
                })  # fmt: skip
                problems.append(
                    Reject(
                        row_number,
                        rule.id_column,
                        built[rule.id_column],
                        f"{rule.naming(built)} is in rows {', '.join(map(str, lines))} of this "
                        f"file with different values ({', '.join(differ)}): conflicting versions "
                        "in one file are not loaded; give one line per record, each version in "
                        "a file of its own date",
                    )
                )
            elif key in first_of:
                earlier = first_of[key]["source_row_number"]
                problems.append(
                    Reject(
                        row_number,
                        rule.id_column,
                        built[rule.id_column],
                        f"the same {rule.record_noun} is already in this file (row {earlier}): "
                        "not loaded twice",
                    )
                )
            elif key in stored and (refused := rule.against_stored(built, stored[key])):
                problems.append(refused)
            else:
                first_of[key] = built
                built["version"] = stored[key]["version"] + 1 if key in stored else 1
                records.append(built)
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
    rejects.sort(key=lambda reject: reject.row_number)  # stable: a row's problems stay in order
    return records, rejects, rejected_rows


def supersede(
    con: duckdb.DuckDBPyConnection, rule: Versions, records: Sequence[dict], load_id: str
) -> None:
    """Mark the stored current version of each new version's record as superseded by this load
    (its values stay as they are)."""
    revised = [
        {name: record[name] for name in rule.key_columns}
        for record in records
        if record["version"] > 1
    ]
    if not revised:
        return
    import polars as pl  # only when versions are superseded: not every command needs it

    con.register("revised_keys", pl.DataFrame(revised, infer_schema_length=None))
    try:
        matches = " AND ".join(f"v.{name} = k.{name}" for name in rule.key_columns)
        # Table and column names come from the format module, never from input.
        con.execute(
            f"UPDATE {rule.table} AS v SET superseded_at = ?, superseded_by_load_id = ? "  # noqa: S608
            f"FROM revised_keys AS k WHERE v.superseded_at IS NULL AND {matches}",
            [load_time(), load_id],
        )
    finally:
        con.unregister("revised_keys")


def load_versioned(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    load_id: str,
    spec: RecordFormat,
    column_specs: Sequence[Column],
    row_rules: Sequence[RowRule],
    build: Callable[[dict], dict],
    rule: Versions,
) -> tuple[list[dict], list[Reject], int]:
    """A versioned format's file: read, validated (versions_of), its raw rows inserted and the
    versions it revises marked superseded. Returns the records to insert (each with version,
    as_of, correction and recorded_at), the rejects and the number of rows read."""
    extracted = read_records(path, spec)
    records, rejects, rejected_rows = versions_of(
        con, extracted, column_specs, row_rules, build, rule
    )
    insert_rows(con, spec.raw_table, raw_rows(spec, extracted, rejected_rows, load_id, path.name))
    supersede(con, rule, records, load_id)
    now = load_time()
    for record in records:
        record["recorded_at"] = now
    return records, rejects, len(extracted)


@dataclass(frozen=True)
class VersionedLoad:
    """How a versioned format loads a file: what it looks up in the warehouse once per file
    (`lookup(con)`: country names, embargoes...), its columns and row rules given that lookup,
    how a valid row becomes a record (`build(row, lookup, load_id, file_name)`), and what
    follows the insert of the new versions (`after(con, records, lookup, load_id)`: links,
    references). `load` is the format module's entry point."""

    spec: RecordFormat
    versions: Versions
    view: str  # the view of current versions the load reports as its target
    lookup: Callable[[duckdb.DuckDBPyConnection], object]
    columns: Callable[[object], Sequence[Column]]
    build: Callable[[dict, object, str, str], dict]
    rules: Callable[[duckdb.DuckDBPyConnection, object], Sequence[RowRule]] = lambda con, found: ()
    after: Callable[[duckdb.DuckDBPyConnection, list[dict], object, str], None] = (
        lambda con, records, found, load_id: None
    )

    def load(
        self, con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
    ) -> Loaded:
        """extract -> validate -> load one file inside the caller's transaction. `source_id`
        (the synthetic demo set) is recorded by the caller in load_log; the rows link to it by
        load_id."""
        found = self.lookup(con)
        records, rejects, rows_read = load_versioned(
            con,
            path,
            load_id,
            self.spec,
            self.columns(found),
            self.rules(con, found),
            lambda row: self.build(row, found, load_id, path.name),
            self.versions,
        )
        # Keys starting with _ are what `after` needs of a record, not columns of the table.
        insert_rows(con, self.versions.table, [
            {name: value for name, value in record.items() if not name.startswith("_")}
            for record in records
        ])  # fmt: skip
        self.after(con, records, found, load_id)
        return Loaded(self.view, rows_read, len(records), rejects)
