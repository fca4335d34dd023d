"""Running a query typed by a person (`embargo sql`) so that it can only read the warehouse.

Four guards:

1. The text is split into statements by DuckDB's own parser, on the locked-down connection
   (DuckDB runs some statements while parsing them: IMPORT DATABASE reads files), and exactly
   one statement is accepted, of a kind that only reads (READ_STATEMENT_TYPES). A word-based
   check misses `SELECT 1; COPY ...` and anything the parser spells otherwise.
2. A SELECT can still call table functions that write: DuckLake's maintenance functions
   (ducklake_cleanup_old_files deletes data files), the postgres extension's pass-through
   queries, checkpoint(), query() (which runs a SELECT given as a string, out of reach of the
   check). Every table function the parsed statement calls (DuckDB's own syntax tree, from
   json_serialize_sql) must be one that reads (READ_TABLE_FUNCTIONS) or one of the warehouse's
   table macros.
3. The statement runs on an in-memory connection with the warehouse attached read-only,
   extensions neither installed nor loaded, external access off and the configuration locked,
   so that no setting (profiling output, temp directory, allowed paths) can be changed back.
4. Nothing the query returns is written anywhere by this module.

DuckDB's file-access control does not tell reading from writing, and it always allows the files
of an attached database, the `.wal` beside it included: with external access off, a read-only
attach still lets `COPY ... TO '<warehouse>.wal'` (or to the warehouse file itself, with
USE_TMP_FILE false) through. Only the first two guards keep such statements out, which is why it
accepts by kind (an allow-list) and never refuses by kind (a deny-list): tests run every kind of
statement DuckDB has against it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import duckdb

from embargo.lake import LakeCatalog
from embargo.warehouse.connections import Location, connect_read_only, require_warehouse_file

# The only kind of statement a person's query may be. DuckDB parses DESCRIBE, SHOW, SUMMARIZE,
# FROM-first queries, VALUES, table-valued PRAGMAs (PRAGMA table_info) and WITH as SELECT.
# EXPLAIN is left out: EXPLAIN ANALYZE runs the statement it explains, whatever its kind.
READ_STATEMENT_TYPES = frozenset({duckdb.StatementType.SELECT})

# Table functions that only read the engine's or the catalog's state, or make rows from their
# arguments. Readers of files are not among them (the warehouse is read through its tables), nor
# query() and query_table(), whose argument is SQL or a name this module would not see.
READ_TABLE_FUNCTIONS = frozenset(
    {
        "duckdb_columns",
        "duckdb_constraints",
        "duckdb_databases",
        "duckdb_dependencies",
        "duckdb_functions",
        "duckdb_indexes",
        "duckdb_keywords",
        "duckdb_schemas",
        "duckdb_settings",
        "duckdb_tables",
        "duckdb_types",
        "duckdb_views",
        "ducklake_current_snapshot",
        "ducklake_last_committed_snapshot",
        "ducklake_list_files",
        "ducklake_options",
        "ducklake_settings",
        "ducklake_snapshots",
        "ducklake_table_changes",
        "ducklake_table_deletions",
        "ducklake_table_info",
        "ducklake_table_insertions",
        "generate_series",
        "json_each",
        "json_tree",
        "pragma_table_info",
        "pragma_show",
        "pragma_version",
        "pragma_database_size",
        "range",
        "repeat",
        "repeat_row",
        "summary",
        "unnest",
    }
)

# The name the warehouse file is attached under in the in-memory connection.
WAREHOUSE = "warehouse"


class QueryRefused(ValueError):
    """The query is not exactly one statement that only reads."""


def connect_sandbox(location: Location) -> duckdb.DuckDBPyConnection:
    """An in-memory connection that sees the warehouse read-only and reaches no other file."""
    if isinstance(location, LakeCatalog):
        # In memory already: the catalog attached read-only, files confined to its data folder.
        con = connect_read_only(location)
    else:
        require_warehouse_file(location)
        con = duckdb.connect(
            config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
        )
        # An in-memory database spills to ./.tmp: no spilling at all.
        con.execute("SET temp_directory = ''")
        con.execute(f"ATTACH {_literal(str(location))} AS {WAREHOUSE} (READ_ONLY)")
        con.execute(f"USE {WAREHOUSE}")
        con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def single_read_statement(con: duckdb.DuckDBPyConnection, query: str) -> duckdb.Statement:
    """The one statement of the query, when it is of a kind that only reads."""
    try:
        statements = con.extract_statements(query)
    except duckdb.Error as error:
        raise QueryRefused(f"the query cannot be read: {error}") from None
    if len(statements) != 1:
        raise QueryRefused(
            f"exactly one statement is allowed; the query holds {len(statements)} "
            "(DuckDB expands some statements, such as PIVOT without IN, into several)"
        )
    (statement,) = statements
    if statement.type not in READ_STATEMENT_TYPES:
        kind = statement.type.name if statement.type.name != "???" else "that"
        raise QueryRefused(
            f"only read-only queries (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE) are "
            f"allowed, not a {kind} statement"
        )
    for name in _table_functions_called(con, statement.query):
        if name not in READ_TABLE_FUNCTIONS and name not in _warehouse_table_macros(con):
            raise QueryRefused(
                f"the table function {name} is not allowed: it is not one that reads"
            )
    return statement


def _table_functions_called(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    (serialized,) = con.execute("SELECT json_serialize_sql(?)", [query]).fetchone()
    tree = json.loads(serialized)
    if tree.get("error"):
        raise QueryRefused(f"the query cannot be read: {tree.get('error_message')}")
    return sorted(set(_table_function_names(tree)))


def _table_function_names(node: object) -> Iterator[str]:
    """Every table function in a serialized syntax tree, wherever it sits (CTEs, subqueries,
    joins, set operations)."""
    if isinstance(node, dict):
        if node.get("type") == "TABLE_FUNCTION":
            yield node["function"]["function_name"].lower()
        for value in node.values():
            yield from _table_function_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _table_function_names(value)


def _warehouse_table_macros(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The table macros the warehouse defines (sql/macros): they read its tables."""
    rows = con.execute(
        "SELECT function_name FROM duckdb_functions() "
        "WHERE function_type = 'table_macro' AND database_name = current_database()"
    ).fetchall()
    return frozenset(name.lower() for (name,) in rows)


def run_read_only_query(
    location: Location, query: str, known_on: dt.date | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement and return its column names and rows. With `known_on`,
    versioned records read as the warehouse knew them at the end of that day."""
    con = connect_sandbox(location)
    try:
        set_known_on(con, known_on)
        statement = single_read_statement(con, query)
        # The statement as DuckDB parsed it: the text that was checked is the text that runs.
        relation = con.sql(statement.query)
        if relation is None:
            raise QueryRefused("the statement returned no result")
        return relation.columns, relation.fetchall()
    finally:
        con.close()


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def set_known_on(con, known_on: dt.date | None) -> None:
    """The views of versioned records (trace_requests, exemptions, panel_findings,
    conflict_events) read the variable known_on: the versions loaded by the end of that day."""
    con.execute("SET VARIABLE known_on = CAST(? AS DATE)", [known_on])
