"""The column-wise load of the `seizures` format (polars, ingest.kit.columnar; DuckDB's sha256
for the identities): the same rows and rejects as the reference load (`reference`), at a million
lines. Every line in doubt, and every event needing care (already in the warehouse, lines that
disagree, an item twice), goes through the reference code, which names the problem."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import duckdb
import polars as pl

from embargo.classification import DEFAULT_CLASSIFICATION
from ingest.kit.columnar import (
    ASCII_PRINTABLE,
    ROW,
    ColumnPlan,
    FastParse,
    Output,
    arrow_batches,
    by_distinct_value,
    fast_as_is,
    fast_decimal,
    fast_text,
    fast_vocabulary,
    in_rows,
    insert_frame,
    parse_columns,
    raw_frame,
    read_frame,
)
from ingest.kit.loads import Loaded, insert_rows
from ingest.kit.places import Places
from ingest.kit.record_format import check_columns
from ingest.kit.validation import Reject, check_row
from ingest.kit.values import (
    CLASSIFICATIONS,
    FIRST_YEAR,
    SERIAL_PLACEHOLDERS,
    SERIAL_SEPARATORS,
    text,
)
from ingest.sources.seizures.columns import (
    ACTOR_TYPES,
    CONTEXTS,
    DATE_PRECISIONS,
    DEFAULT_VERIFICATION,
    EVENT_COLUMNS,
    FORMAT,
    ITEM_FIELDS,
    ITEM_KINDS,
    LOCATION_PRECISIONS,
    UNITS,
    VERIFICATIONS,
    WEAPON_CATEGORIES,
    columns,
)
from ingest.sources.seizures.reference import SeizureBatch, resolve_trace_events
from ingest.sources.seizures.rules import ROW_RULES


def column_plans(places: Places) -> list[ColumnPlan]:
    """How each column of `columns` is parsed column-wise (ingest.kit.columnar): polars where
    that is exact, otherwise once per distinct value by the column's own parser."""
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
        "as_of": pl.Date,
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


NUMBER_ITEM_FIELDS = ("year_of_manufacture", "headstamp_year", "quantity")
TEXT_ITEM_FIELDS = tuple(name for name in ITEM_FIELDS if name not in NUMBER_ITEM_FIELDS)
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
        # An item_id given twice: the same line twice, or conflicting versions of it.
        (pl.col("item_id").drop_nulls().n_unique() < pl.col("item_id").drop_nulls().len()).alias(
            "item_id_twice"
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
    """event_uid, and `identity`, the text SeizureBatch hashes for item_uid (serial, manufacturer
    and model normalised like serials; null without serial); `unsafe` where a value's key could
    be written differently by polars and Python (non-ASCII text, quotes, a coordinate 0). The
    text hashed for item_line_uid is made later, for the clean lines only (content_keys)."""
    # The keys of a text column depend on its value alone: each distinct value is keyed once.
    keys = [by_distinct_value(valid, name, text_keys) for name in TEXT_ITEM_FIELDS]
    keys += [by_distinct_value(valid, name, safe_keys) for name in TEXT_EVENT_COLUMNS]
    identity = pl.concat_str(
        [pl.col("serial_normalized"), pl.col("manufacturer:identity"), pl.col("model:identity")],
        separator="|",
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
        unsafe=unsafe,
    )


def content_keys(clean: pl.DataFrame) -> pl.Series:
    """content_key of ITEM_FIELDS, the text SeizureBatch hashes for item_line_uid, of lines whose
    values are all safe (with_identities): made only when the items are keyed, so that the JSON
    of every text column (hundreds of megabytes at a million lines) is not held while the lines
    are split into clean and dirty events."""
    keys = [by_distinct_value(clean, name, json_keys) for name in TEXT_ITEM_FIELDS]
    key = pl.concat_str(
        [
            json_number(name, clean[name]) if name in NUMBER_ITEM_FIELDS else pl.col(f"{name}:json")
            for name in ITEM_FIELDS
        ],
        separator=", ",
    )
    return (
        pl.concat([clean.select(NUMBER_ITEM_FIELDS), *keys], how="horizontal")
        .select(content_key="[" + key + "]")
        .to_series()
    )


def safe_keys(values: pl.DataFrame) -> pl.DataFrame:
    """For a text column (the only column of `values`): `<name>:safe` (safe_text)."""
    name = values.columns[0]
    return values.select(safe_text(name).alias(f"{name}:safe"))


def json_keys(values: pl.DataFrame) -> pl.DataFrame:
    """For a text item column (the only column of `values`): `<name>:json` (json_text)."""
    name = values.columns[0]
    return values.select(json_text(name).alias(f"{name}:json"))


def text_keys(values: pl.DataFrame) -> pl.DataFrame:
    """For a text item column (the only column of `values`): `<name>:safe` (safe_text) and, for
    manufacturer and model, `<name>:identity` (normalised like serials)."""
    name = values.columns[0]
    keys = [safe_text(name).alias(f"{name}:safe")]
    if name in ("manufacturer", "model"):
        keys.append(
            pl.col(name)
            .fill_null("")
            .str.replace_all(SERIAL_SEPARATORS, "")
            .str.to_uppercase()
            .alias(f"{name}:identity")
        )
    return values.select(keys)


def clean_items(
    con: duckdb.DuckDBPyConnection, clean: pl.DataFrame, load_id: str, file_name: str
) -> pl.DataFrame:
    """seizure_items rows of the clean lines, hashed by DuckDB's sha256 as SeizureBatch hashes
    them: identical lines of an event get -2, -3, ... in row order."""
    keyed = clean.select(ROW, "event_uid", "identity").with_columns(content_keys(clean))
    con.register("clean_keys", arrow_batches(keyed))
    del keyed
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
        "item_id",
        pl.col("as_of").fill_null(pl.col("event_date")),
        "correction",
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
        "item_id",
        "as_of",
        "correction",
        pl.lit(load_id).alias("load_id"),
        pl.lit(file_name).alias("file_name"),
        pl.col(ROW).alias("source_row_number"),
    )
    return items


def storage_order(clean: pl.DataFrame) -> pl.Series:
    """The order a load writes its item lines in: by normalised serial, then event date (lines
    without a serial last, each group in file order). The stored item facts are computed in the
    item lines' order (sql/derived/seizure_item_facts_stored.sql), so the sightings of a serial
    or serial prefix lie together there without sorting a million wide rows after the load (a
    quarter of that table's CPU and most of its memory); Item search reads them from a few row
    groups."""
    return clean.select(
        pl.arg_sort_by("serial_normalized", "event_date", nulls_last=True, maintain_order=True)
    ).to_series()


# The item fields as stored, with the serial as marked beside its normalised form.
ITEM_COLUMNS_AS_IS = tuple(
    column
    for name in ITEM_FIELDS
    for column in (("serial_number", name) if name == "serial_normalized" else (name,))
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
            pl.col("as_of").drop_nulls().first(),
            pl.col("correction").drop_nulls().first(),
            pl.col("sensitivity").max(),
            pl.col(ROW).first().alias("source_row_number"),
        )
        .with_columns(
            classification=pl.col("sensitivity").replace_strict(
                list(range(len(CLASSIFICATIONS))), list(CLASSIFICATIONS)
            ),
            as_of=pl.col("as_of").fill_null(pl.col("event_date")),
            version=pl.lit(1, dtype=pl.Int32),
            load_id=pl.lit(load_id),
            file_name=pl.lit(file_name),
        )
        .drop("sensitivity")
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
    suspect_rows = parsed.filter("suspect")[ROW]
    # Each frame of every line is let go as soon as the next is made: at a million lines each
    # holds hundreds of megabytes.
    del parsed

    # events and items: identities; events needing line-by-line care go through SeizureBatch
    clean, dirty = split_clean_events(con, with_identities(valid))
    del valid
    rows_read = records.frame.height
    # Only the lines a reject may quote keep their cells as read: the suspects and the lines
    # of the events checked line by line.
    records = dataclasses.replace(
        records,
        frame=records.frame.filter(
            pl.col(ROW).is_in(suspect_rows.implode()) | pl.col(ROW).is_in(dirty[ROW].implode())
        ),
    )
    batch = SeizureBatch(con, path.name, load_id)
    if dirty.height:
        batch.preload(sorted(set(dirty["event_uid"].to_list())))
        in_dirty = pl.col(ROW).is_in(dirty[ROW].implode())
        dirty_rows = dict(records.records(records.frame.filter(in_dirty)))
        checked = [
            (row_number, *check_row(row_number, dirty_rows[row_number], column_specs, ROW_RULES))
            for row_number in dirty[ROW].to_list()
        ]
        batch.note_item_ids([row for _, row, _ in checked if row is not None])
        for row_number, row, found in checked:
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
    # The raw table keeps the rows a record table does not carry as the file stated them
    # (reference.RAW_ROWS_KEPT); the others are read from the kept file (delivered).
    stored = pl.Series(sorted(batch.stored_event_uids()), dtype=pl.String)
    kept = rejected_rows | set(dirty.filter(pl.col("event_uid").is_in(stored.implode()))[ROW])
    kept_lines = dataclasses.replace(records, frame=records.frame.filter(in_rows(kept)))
    raw = raw_frame(kept_lines, FORMAT, rejected_rows, load_id, path.name)
    insert_frame(con, FORMAT.raw_table, raw)
    batch.supersede()
    insert_frame(con, "seizure_events", events)
    del events
    batch.update_stored_events()
    clean_lines = clean.height
    if clean_lines:
        order = storage_order(clean)
        items = clean_items(con, clean, load_id, path.name)
        del clean  # the columns the items do not take (keys, event columns) are let go
        insert_frame(con, "seizure_items", items, order)
        del items, order
    insert_rows(con, "seizure_items", batch.items)
    resolve_trace_events(con)
    return Loaded(
        "seizure_items", rows_read, clean_lines + len(batch.items) + batch.restated, rejects
    )


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
    "as_of": pl.Date,
    "correction": pl.String,
    "version": pl.Int32,
    "load_id": pl.String,
    "file_name": pl.String,
    "source_row_number": pl.Int64,
}
ITEM_SCHEMA = {
    "item_line_uid": pl.String,
    "event_uid": pl.String,
    "item_uid": pl.String,
    "item_id": pl.String,
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
    "as_of": pl.Date,
    "correction": pl.String,
    "version": pl.Int32,
    "load_id": pl.String,
    "file_name": pl.String,
    "source_row_number": pl.Int64,
}
