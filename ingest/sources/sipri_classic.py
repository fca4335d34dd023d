"""The classic SIPRI trade register read column-wise (ingest.sources.sipri documents the layout).

Python reads the CSV records and puts broken ones back together (ingest.sources.sipri_records),
then DuckDB does the rest over whole columns: it trims the cells, checks them, computes the deal
ids, spreads each deal over its delivery years and writes raw_sipri and transfers in one pass.
Only the records that fail a check there go through the record-by-record reader
(ingest.sources.sipri.TradeRegister), which gives each of their rejects its exact reason, and
whatever of them that reader accepts joins the others. The checks here are never more lenient
than that reader's: anything unusual (a number written `3.0`, digits of another script, a
negative figure) is left to it. Nothing here imports polars or pyarrow, so the command pays for
neither."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingest.kit.loads import Loaded
from ingest.kit.validation import Reject
from ingest.sources.sipri_categories import harmonised_category
from ingest.sources.sipri_header import Header
from ingest.sources.sipri_names import KnownName, SipriNames
from ingest.sources.sipri_records import Record
from ingest.sources.sipri_values import CLASSIC_ID_FIELDS

if TYPE_CHECKING:
    from ingest.sources.sipri import TradeRegister

TRANSFERS_TABLE = "transfers"
RAW_TABLE = "raw_sipri"

# The characters Python's str.strip() removes (str.isspace): the record-by-record reader strips
# with it, so the column-wise trim removes exactly the same (as SQL, one chr() each).
PYTHON_WHITESPACE = " || ".join(
    f"chr({code})"
    for code in (
        *range(0x9, 0xE),
        *range(0x1C, 0x21),
        *(0x85, 0xA0, 0x1680),
        *range(0x2000, 0x200B),
        *(0x2028, 0x2029, 0x202F, 0x205F, 0x3000),
    )
)
# Longest figure read here; longer ones (never seen) are left to the record-by-record reader.
LONGEST_FIGURE = 20

# Temporary macros: the trims and parses of the record-by-record reader, as SQL expressions that
# give NULL where that reader would reject or where its result is not certain to be the same.
MACROS = (
    # Trimming with a set of characters is slow: only a cell that has, once its spaces are
    # trimmed, something other than printable ASCII at either end needs it.
    "CREATE OR REPLACE TEMP MACRO py_strip(x) AS CASE "
    "WHEN regexp_matches(trim(x), '^[^!-~]|[^!-~]$') "
    f"THEN trim(x, {PYTHON_WHITESPACE}) ELSE trim(x) END",
    # Python's round(x, 6): the value correctly rounded to 6 decimals, as printf writes it.
    "CREATE OR REPLACE TEMP MACRO round6(x) AS CAST(printf('%.6f', x) AS DOUBLE)",
    # A number of items: ASCII digits only (`3.0` and the like go to the other reader).
    "CREATE OR REPLACE TEMP MACRO sipri_items(s) AS "
    "CASE WHEN regexp_full_match(s, '[0-9]{1,15}') THEN CAST(s AS BIGINT) END",
    # A TIV figure, 0 or more; with `;` as delimiter a decimal comma is a decimal point.
    "CREATE OR REPLACE TEMP MACRO sipri_tiv(s, decimal_comma) AS CASE "
    f"WHEN length(s) > {LONGEST_FIGURE} THEN NULL "
    "WHEN decimal_comma AND regexp_full_match(s, '[0-9]+,[0-9]+') "
    "THEN CAST(replace(s, ',', '.') AS DOUBLE) "
    r"WHEN regexp_full_match(s, '[0-9]+(\.[0-9]*)?|\.[0-9]+') THEN CAST(s AS DOUBLE) END",
    "CREATE OR REPLACE TEMP MACRO sipri_year(s) AS CASE "
    "WHEN regexp_full_match(s, '[0-9]{4}') AND CAST(s AS INTEGER) BETWEEN 1900 AND 2100 "
    "THEN CAST(s AS INTEGER) END",
)
TEMP_TABLES = (
    "sipri_classic_cells",
    "sipri_classic_names",
    "sipri_classic_categories",
    "sipri_classic_parsed",
    "sipri_classic_fallback_rows",
    "sipri_classic_rows",
)
TEMP_MACROS = ("py_strip", "round6", "sipri_items", "sipri_tiv", "sipri_year")

# Cells of a classic record as read (raw_sipri's columns), in the order they are checked.
CLASSIC_CELLS = (
    "recipient",
    "supplier",
    "year_of_order",
    "year_of_order_flag",
    "number_ordered",
    "number_ordered_flag",
    "weapon_designation",
    "weapon_description",
    "number_delivered",
    "number_delivered_flag",
    "years_of_delivery",
    "status",
    "comments",
    "tiv_per_unit",
    "tiv_total_order",
    "tiv_delivered",
)
# Kept in raw_sipri only, never checked.
UNCHECKED = ("tiv_per_unit",)
# The columns a deal id is computed from, as the record reader computes it.
ID_CELLS = CLASSIC_ID_FIELDS


@dataclass(frozen=True)
class Load:
    """What one classic load is about: the file, its load id and source, and how its cells are
    laid out (ingest.sources.sipri.Columns)."""

    path: Path
    header: Header
    load_id: str
    source_id: str
    index: dict[str, int]
    extra: list[tuple[str, int]]
    width: int


@contextmanager
def records_file(records: list[Record], load: Load) -> Iterator[str]:
    """The records as a plain CSV file DuckDB reads at once: line number, problem, the extra
    columns as JSON, then every cell up to the header's width (a short record padded with empty
    cells). Handing DuckDB a file is far cheaper than handing it Python lists."""
    handle, name = tempfile.mkstemp(suffix=".csv", prefix="sipri-")
    width = load.width
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerows(
                [
                    record.line_number,
                    record.problem,
                    extra_columns(record, load),
                    *(
                        record.fields[:width]
                        if len(record.fields) >= width
                        else record.fields + [""] * (width - len(record.fields))
                    ),
                ]
                for record in records
            )
        yield name
    finally:
        os.unlink(name)


def extra_columns(record: Record, load: Load) -> str | None:
    """raw_sipri.extra_columns of a record: the columns the layout does not know and the cells
    beyond the header's width, as TradeRegister.raw_row writes them."""
    fields = record.fields
    if not load.extra and len(fields) <= load.width:
        return None
    extras = {name: fields[position] for name, position in load.extra if position < len(fields)}
    for position in range(load.width, len(fields)):
        extras[f"column {position + 1}"] = fields[position]
    return json.dumps(extras, ensure_ascii=False) if extras else None


def cell(load: Load, name: str) -> str:
    """The SQL for a cell as read: its column of the records file, or '' when the file has no
    such column (names and positions come from the header map, never from the cells)."""
    position = load.index.get(name)
    return f"coalesce(c{position}, '')" if position is not None else "''"


def read_cells(con: duckdb.DuckDBPyConnection, load: Load, file_name: str) -> None:
    columns = ", ".join(
        ["'ln': 'INTEGER'", "'problem': 'VARCHAR'", "'extras': 'VARCHAR'"]
        + [f"'c{position}': 'VARCHAR'" for position in range(load.width)]
    )
    cells = ", ".join(f"{cell(load, name)} AS {name}" for name in CLASSIC_CELLS)
    stripped = ", ".join(
        f"py_strip({name}) AS s_{name}" for name in CLASSIC_CELLS if name not in UNCHECKED
    )
    # The column list is built from the header's width, never from input data.
    con.execute(
        "CREATE TEMP TABLE sipri_classic_cells AS "  # noqa: S608
        f"SELECT *, {stripped} FROM (SELECT ln, problem, extras, {cells} FROM read_csv(?, "
        f"header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
        f"columns = {{{columns}}}))",
        [file_name],
    )


def resolve_names(con: duckdb.DuckDBPyConnection, names: SipriNames) -> None:
    """Each distinct supplier and recipient once, through the reader's own lookup
    (ingest.sources.sipri.SipriNames): a register repeats a few hundred names."""
    spellings = [
        name
        for (name,) in con.execute(
            "SELECT s_supplier FROM sipri_classic_cells UNION "
            "SELECT s_recipient FROM sipri_classic_cells"
        ).fetchall()
        if name
    ]
    found = [names.resolve(name) for name in spellings]
    known = [isinstance(item, KnownName) for item in found]
    con.execute(
        "CREATE TEMP TABLE sipri_classic_names AS SELECT "
        "unnest(CAST($name AS VARCHAR[])) AS name, unnest(CAST($iso3 AS VARCHAR[])) AS iso3, "
        "unnest(CAST($actor_type AS VARCHAR[])) AS actor_type, "
        "unnest(CAST($rule AS VARCHAR[])) AS rule",
        {
            "name": [name for name, ok in zip(spellings, known, strict=True) if ok],
            "iso3": [item.iso3 for item in found if isinstance(item, KnownName)],
            "actor_type": [item.actor_type for item in found if isinstance(item, KnownName)],
            "rule": [item.rule for item in found if isinstance(item, KnownName)],
        },
    )
    descriptions = [
        description
        for (description,) in con.execute(
            "SELECT DISTINCT s_weapon_description FROM sipri_classic_cells"
        ).fetchall()
    ]
    con.execute(
        "CREATE TEMP TABLE sipri_classic_categories AS SELECT "
        "unnest(CAST($description AS VARCHAR[])) AS description, "
        "unnest(CAST($category AS VARCHAR[])) AS category",
        {
            "description": descriptions,
            "category": [harmonised_category(text or None) for text in descriptions],
        },
    )


def flag(load: Load, name: str) -> str:
    """The `?` flag of a column as SQL: true, false, or NULL for any other text (a reject)."""
    if f"{name}_flag" not in load.index:
        return "false"
    return f"CASE s_{name}_flag WHEN '?' THEN true WHEN '' THEN false END"


PARSED = """
CREATE TEMP TABLE sipri_classic_parsed AS
SELECT *,
    problem IS NULL
    AND found_supplier.name IS NOT NULL AND found_recipient.name IS NOT NULL
    AND order_year IS NOT NULL
    AND ordered_flag IS NOT NULL AND delivered_flag IS NOT NULL AND order_year_flag IS NOT NULL
    AND (s_number_ordered = '' OR v_ordered IS NOT NULL)
    AND (s_number_delivered = '' OR v_delivered IS NOT NULL)
    AND (s_tiv_total_order = '' OR v_tiv_order IS NOT NULL)
    AND (s_tiv_delivered = '' OR v_tiv_delivered IS NOT NULL)
    AND list_count(years) = len(year_items)
    AND len(list_distinct(years)) = len(years)
    -- items or TIV delivered, but no year of delivery: a reject
    AND NOT (s_years_of_delivery = '' AND (coalesce(v_delivered, 0) <> 0
                                           OR coalesce(v_tiv_delivered, 0) <> 0))
    AS clean
FROM (
    SELECT c.*,
        found_supplier, found_recipient,
        sipri_year(s_year_of_order) AS order_year,
        {order_year_flag} AS order_year_flag,
        {ordered_flag} AS ordered_flag,
        {delivered_flag} AS delivered_flag,
        sipri_items(s_number_ordered) AS v_ordered,
        sipri_items(s_number_delivered) AS v_delivered,
        sipri_tiv(s_tiv_total_order, $decimal_comma) AS v_tiv_order,
        sipri_tiv(s_tiv_delivered, $decimal_comma) AS v_tiv_delivered,
        list_filter(list_transform(regexp_split_to_array(years_of_delivery, '[;,]'),
                                   item -> py_strip(item)), item -> item <> '') AS year_items,
        list_transform(year_items, item -> sipri_year(item)) AS years,
        'classic-' || left(sha1(concat_ws('|', {id_cells})), 16) AS base_id
    FROM sipri_classic_cells AS c
    LEFT JOIN sipri_classic_names AS found_supplier ON found_supplier.name = c.s_supplier
    LEFT JOIN sipri_classic_names AS found_recipient ON found_recipient.name = c.s_recipient
)
"""

# One row per deal and delivery year of the records that passed (and of those the other reader
# accepted): the occurrence counter tells identical deals apart in file order, and the spread
# over delivery years is ingest.sources.sipri_values.spread_deliveries, term for term.
ROWS = """
CREATE TEMP TABLE sipri_classic_rows AS
WITH deals AS (
    SELECT p.*, len(years) AS year_count, list_sort(years) AS sorted_years,
        CASE WHEN v_delivered IS NULL THEN NULL
             ELSE list_transform(range(len(years)),
                  i -> v_delivered // len(years) + CASE WHEN i < v_delivered % len(years) THEN 1
                                                      ELSE 0 END) END AS quantities
    FROM sipri_classic_parsed AS p
    WHERE clean
),
shared AS (
    SELECT *,
        CASE WHEN v_tiv_delivered IS NULL THEN NULL
             WHEN year_count = 1 THEN [v_tiv_delivered]
             ELSE list_transform(range(year_count), i -> round6(v_tiv_delivered * CASE
                  WHEN coalesce(v_delivered, 0) <> 0 THEN quantities[i + 1] / v_delivered
                  ELSE 1 / year_count END)) END AS shares
    FROM deals
),
spread AS (
    SELECT *,
        CASE WHEN year_count <= 1 THEN shares
             ELSE [round6(v_tiv_delivered - list_reduce(shares[2:], (a, b) -> a + b))]
                  || shares[2:] END AS tivs
    FROM shared
),
numbered AS (
    SELECT ln, row_number() OVER (PARTITION BY base_id ORDER BY ln) AS occurrence
    FROM (SELECT ln, base_id FROM deals
          UNION ALL SELECT DISTINCT source_row_number, source_record_id
          FROM sipri_classic_fallback_rows)
),
rows AS (
    SELECT ln, 0 AS position, base_id,
        $source_id AS source_id,
        s_supplier AS supplier_name, found_supplier.iso3 AS supplier_iso3,
        found_supplier.actor_type AS supplier_actor_type,
        s_recipient AS recipient_name, found_recipient.iso3 AS recipient_iso3,
        found_recipient.actor_type AS recipient_actor_type,
        coalesce(found_supplier.rule, found_recipient.rule) AS actor_rule,
        nullif(s_weapon_designation, '') AS designation,
        nullif(s_weapon_description, '') AS description,
        nullif(s_status, '') AS status, nullif(s_comments, '') AS comments,
        'TIV' AS value_unit, false AS is_nil_report, 'public' AS classification,
        $load_id AS load_id, $file_name AS file_name,
        k.category, nullif(s_weapon_description, '') AS category_as_reported,
        order_year, order_year_flag AS order_year_is_estimate, ln AS source_row_number,
        NULL::INTEGER AS delivery_year, NULL::BOOLEAN AS delivery_year_is_estimate,
        CAST(v_ordered AS DOUBLE) AS quantity, ordered_flag AS quantity_is_estimate,
        v_tiv_order AS value, ordered_flag AS value_is_estimate
    FROM spread JOIN sipri_classic_categories AS k ON k.description = s_weapon_description
    WHERE year_count = 0
    UNION ALL
    SELECT ln, unnest(range(1, year_count + 1)) AS position, base_id,
        $source_id, s_supplier, found_supplier.iso3, found_supplier.actor_type,
        s_recipient, found_recipient.iso3, found_recipient.actor_type,
        coalesce(found_supplier.rule, found_recipient.rule),
        nullif(s_weapon_designation, ''), nullif(s_weapon_description, ''),
        nullif(s_status, ''), nullif(s_comments, ''),
        'TIV', false, 'public', $load_id, $file_name,
        k.category, nullif(s_weapon_description, ''),
        order_year, order_year_flag, ln,
        unnest(sorted_years), false,
        CAST(unnest(coalesce(quantities, list_transform(sorted_years, y -> NULL::BIGINT)))
             AS DOUBLE),
        year_count > 1 OR delivered_flag,
        unnest(coalesce(tivs, list_transform(sorted_years, y -> NULL::DOUBLE))),
        year_count > 1 OR delivered_flag
    FROM spread JOIN sipri_classic_categories AS k ON k.description = s_weapon_description
    WHERE year_count > 0
    UNION ALL
    SELECT source_row_number, row_number() OVER (PARTITION BY source_row_number
                                                 ORDER BY delivery_year),
        source_record_id, source_id, supplier_name, supplier_iso3, supplier_actor_type,
        recipient_name, recipient_iso3, recipient_actor_type, actor_rule, designation,
        description, status, comments, value_unit, is_nil_report, classification, load_id,
        file_name, category, category_as_reported, order_year, order_year_is_estimate,
        source_row_number, delivery_year, delivery_year_is_estimate, quantity,
        quantity_is_estimate, value, value_is_estimate
    FROM sipri_classic_fallback_rows
)
SELECT r.* EXCLUDE (base_id),
    base_id || CASE WHEN occurrence > 1 THEN '-' || occurrence ELSE '' END AS source_record_id,
    concat_ws(':', source_id, source_record_id, coalesce(CAST(delivery_year AS VARCHAR), 'none'))
        AS transfer_id
FROM rows AS r JOIN numbered USING (ln)
"""


def load_classic(
    con: duckdb.DuckDBPyConnection,
    records: list[Record],
    load: Load,
    register: TradeRegister,
) -> Loaded:
    """Validate and load the records of a classic register inside the caller's transaction."""
    for macro in MACROS:
        con.execute(macro)
    (threads,) = con.execute("SELECT current_setting('threads')").fetchone()
    # One thread: on a register's few tens of thousands of rows, DuckDB's parallel operators
    # cost about 40% more CPU than they save in time, and more wall-clock time on a busy machine.
    con.execute("SET threads = 1")
    try:
        with records_file(records, load) as file_name:
            read_cells(con, load, file_name)
        resolve_names(con, register.names)
        con.execute(
            PARSED.format(
                order_year_flag=flag(load, "year_of_order"),
                ordered_flag=flag(load, "number_ordered"),
                delivered_flag=flag(load, "number_delivered"),
                id_cells=", ".join(f"s_{name}" for name in ID_CELLS),
            ),
            {"decimal_comma": load.header.delimiter == ";"},
        )
        rejects = check_failing_records(con, records, register)
        names = {"source_id": load.source_id, "load_id": load.load_id}
        con.execute(ROWS, {**names, "file_name": load.path.name})
        rejects += already_in_warehouse(con)
        rejects.sort(key=lambda reject: reject.row_number)
        rejected = sorted({reject.row_number for reject in rejects})
        write_rows(con, load, rejected)
        note_rule_actors(con, load, register.names, rejected)
        return Loaded(TRANSFERS_TABLE, len(records), len(records) - len(rejected), rejects)
    finally:
        con.execute(f"SET threads = {int(threads)}")
        for table in TEMP_TABLES:
            con.execute(f"DROP TABLE IF EXISTS temp.{table}")
        for macro in TEMP_MACROS:
            con.execute(f"DROP MACRO IF EXISTS temp.{macro}")


def check_failing_records(
    con: duckdb.DuckDBPyConnection,
    records: list[Record],
    register: TradeRegister,
) -> list[Reject]:
    """The records that failed a check, read one by one by the record-by-record reader: their
    rejects with the exact reason, and the rows of any it accepts (kept for ROWS)."""
    failing = {
        ln
        for (ln,) in con.execute("SELECT ln FROM sipri_classic_parsed WHERE NOT clean").fetchall()
    }
    con.execute("CREATE TEMP TABLE sipri_classic_fallback_rows AS FROM transfers LIMIT 0")
    rejects: list[Reject] = []
    accepted: list[dict] = []
    for record in records:
        if record.line_number not in failing:
            continue
        parsed = register.parse(record)
        rejects.extend(parsed.rejects)
        accepted.extend(parsed.rows)
    if accepted:
        columns = list(accepted[0])
        con.executemany(
            f"INSERT INTO sipri_classic_fallback_rows ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in columns)})",
            [[row[name] for name in columns] for row in accepted],
        )
    return rejects


def already_in_warehouse(con: duckdb.DuckDBPyConnection) -> list[Reject]:
    """A deal and delivery year an earlier file put in the warehouse: a reject of the record
    (an export re-saved through Excel cannot double the figures)."""
    found = con.execute(
        "SELECT r.ln, r.transfer_id, min(t.file_name), min(t.load_id) "
        "FROM sipri_classic_rows AS r JOIN transfers AS t USING (transfer_id) "
        "GROUP BY r.ln, r.position, r.transfer_id ORDER BY r.ln, r.position"
    ).fetchall()
    return [
        Reject(
            line,
            None,
            transfer_id,
            f"this deal and delivery year are already in the warehouse from {file_name} "
            f"(load {earlier_load}); a transfer is loaded once",
        )
        for line, transfer_id, file_name, earlier_load in found
    ]


def write_rows(con: duckdb.DuckDBPyConnection, load: Load, rejected: list[int]) -> None:
    """raw_sipri gets the rejected records as read (an accepted one is read from the kept file:
    ingest.sources.sipri_delivered), transfers the rows of the records kept, in file order."""
    raw = ", ".join(name for name in CLASSIC_CELLS if name in load.index)
    if rejected:
        # Column names come from this module and the header map, never from input data.
        con.execute(
            f"INSERT INTO {RAW_TABLE} BY NAME SELECT 'classic' AS layout, {raw}, "  # noqa: S608
            "extras AS extra_columns, $load_id AS load_id, $file_name AS file_name, "
            "ln AS source_row_number FROM sipri_classic_cells "
            "WHERE list_contains($rejected, ln) ORDER BY ln",
            {"rejected": rejected, "load_id": load.load_id, "file_name": load.path.name},
        )
    con.execute(
        f"INSERT INTO {TRANSFERS_TABLE} BY NAME SELECT * EXCLUDE (ln, position) "  # noqa: S608
        "FROM sipri_classic_rows WHERE NOT list_contains($rejected, ln) ORDER BY ln, position",
        {"rejected": rejected},
    )


def note_rule_actors(
    con: duckdb.DuckDBPyConnection,
    load: Load,
    names: SipriNames,
    rejected: list[int],
) -> None:
    """The actors a naming rule recognised, each at the first kept record naming it (supplier
    before recipient), as the record-by-record reader notes them."""
    first = con.execute(
        "SELECT name, min(ln * 2 + role) AS seen FROM ("
        "SELECT supplier_name AS name, ln, 0 AS role FROM sipri_classic_rows "
        "UNION ALL SELECT recipient_name, ln, 1 FROM sipri_classic_rows) "
        "WHERE NOT list_contains($rejected, ln) AND name IN "
        "(SELECT name FROM sipri_classic_names WHERE rule IS NOT NULL) "
        "GROUP BY name ORDER BY seen",
        {"rejected": rejected},
    ).fetchall()
    for name, seen in first:
        found = names.resolve(name)
        if isinstance(found, KnownName):
            row = {
                "classification": "public",
                "load_id": load.load_id,
                "file_name": load.path.name,
                "source_row_number": seen // 2,
            }
            names.seen(name, found, row, TRANSFERS_TABLE)
