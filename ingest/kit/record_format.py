"""The one shape of a record format: a CSV or XLSX file with one record per row under a header
of named columns (seizures, traces, exemptions, panel findings, the transfer registers).

A format is a RecordFormat (its columns, how messages name it, its raw table); loading one file
goes
- detect: the header (CSV first line, or row 1 of the sheet) has every required column;
- read_records: the rows as {column: text}, after check_columns (a required column missing, a
  column twice or no data rows refuse the file);
- validate: each row's columns parsed and its row rules applied (ingest.kit.validation);
- keep_first: one record per key, the first, whether the key is earlier in the file or already
  in the warehouse (KeepFirst says which table, which columns and how a repeat is told);
- raw_rows: every row read, as text, for the raw table, with the columns outside the format kept
  in `extra_columns` (nothing delivered is lost)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.kit.loads import insert_rows
from ingest.kit.places import normalize_alias
from ingest.kit.tables import FileRefused, Table, extract, read_header, read_table
from ingest.kit.validation import Column, Reject, RowRule, check_row

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
# Keep-first by key


def as_stored(record: dict) -> dict:
    return record


@dataclass(frozen=True)
class KeepFirst:
    """One record per key in a table: a record whose key is already taken, earlier in the file
    or in the warehouse, is rejected saying whether it repeats the record or differs from it
    (the warehouse keeps the version loaded first)."""

    table: str
    key_columns: tuple[str, ...]  # what identifies a record, e.g. (embargo_id, finding_id)
    content_columns: tuple[str, ...]  # what a record says, compared when a key repeats
    id_column: str  # the column a repeat's reject names
    record_noun: str  # "the same <record_noun> is already ..."
    short_noun: str  # "a <short_noun> is loaded once"
    naming: Callable[[dict], str]  # how the differing message names the record
    also_read: tuple[str, ...] = ()  # stored columns `comparable` needs
    # The record as compared: e.g. a State by its code, so 'FRA' and 'France' are one submitter.
    comparable: Callable[[dict], dict] = as_stored

    def key(self, record: dict) -> str:
        return content_key([record[name] for name in self.key_columns])

    def stored(self, con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
        """The table's records by key."""
        selected = [
            *self.key_columns,
            "file_name",
            "source_row_number",
            *self.also_read,
            *self.content_columns,
        ]
        # Table and column names come from the format module, never from input.
        relation = con.execute(f"SELECT {', '.join(selected)} FROM {self.table}")  # noqa: S608
        names = [description[0] for description in relation.description]
        stored = {}
        for values in relation.fetchall():
            record = dict(zip(names, values, strict=True))
            stored[self.key(record)] = record
        return stored

    def repeated(self, record: dict, earlier: dict, where: str) -> Reject:
        """A record whose key is already taken, by an identical or a different record."""
        changed = differing(self.comparable(record), self.comparable(earlier), self.content_columns)
        if not changed:
            reason = f"the same {self.record_noun} is already {where}: not loaded twice"
        else:
            reason = (
                f"{self.naming(record)} is already {where} with other values "
                f"({', '.join(changed)}): a {self.short_noun} is loaded once, and the warehouse "
                "keeps the version loaded first"
            )
        return Reject(record["source_row_number"], self.id_column, record[self.id_column], reason)


def keep_first(
    con: duckdb.DuckDBPyConnection,
    extracted: Extracted,
    column_specs: Sequence[Column],
    row_rules: Sequence[RowRule],
    build: Callable[[dict], dict],
    rule: KeepFirst,
) -> tuple[list[dict], list[Reject], set[int]]:
    """Validate every extracted row and build the record of each good one, keeping only the
    first record of each key: a key already in the warehouse or earlier in the file is a reject
    saying where it stood. Returns the records, the rejects in row order and the rejected row
    numbers."""
    stored = rule.stored(con)
    in_file: dict[str, dict] = {}
    records: list[dict] = []
    rejects: list[Reject] = []
    rejected_rows: set[int] = set()
    for row_number, record, problems in extracted:
        row, found = check_row(row_number, record, column_specs, row_rules)
        problems = problems + found
        if row is not None and not problems:
            built = build(row)
            key = rule.key(built)
            if key in stored:
                earlier = stored[key]
                where = (
                    f"in the warehouse (from {earlier['file_name']} row "
                    f"{earlier['source_row_number']})"
                )
                problems.append(rule.repeated(built, earlier, where))
            elif key in in_file:
                where = f"in this file (row {in_file[key]['source_row_number']})"
                problems.append(rule.repeated(built, in_file[key], where))
            else:
                in_file[key] = built
                records.append(built)
        if problems:
            rejects.extend(problems)
            rejected_rows.add(row_number)
    rejects.sort(key=lambda reject: reject.row_number)  # stable: a row's problems stay in order
    return records, rejects, rejected_rows


def load_keep_first(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    load_id: str,
    spec: RecordFormat,
    column_specs: Sequence[Column],
    row_rules: Sequence[RowRule],
    build: Callable[[dict], dict],
    rule: KeepFirst,
) -> tuple[list[dict], list[Reject], int]:
    """A keep-first format's file: read, validated (keep_first) and its raw rows inserted.
    Returns the records to insert, the rejects and the number of rows read."""
    extracted = read_records(path, spec)
    records, rejects, rejected_rows = keep_first(
        con, extracted, column_specs, row_rules, build, rule
    )
    insert_rows(con, spec.raw_table, raw_rows(spec, extracted, rejected_rows, load_id, path.name))
    return records, rejects, len(extracted)
