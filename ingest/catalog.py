"""Publishing a warehouse built in a local DuckDB file into a shared DuckLake catalog: every old
object is dropped and every new one created and filled in ONE transaction, so readers of the
catalog see the previous warehouse or the new one, never a part of either. A writer that loads
while a build is published conflicts with it (the build replaces every table) and retries on top
of the new warehouse."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from embargo.lake import LAKE
from embargo.warehouse import describe_derived_columns, rollback_quietly

BUILT = "built"

_VIEW_COLUMN_COMMENT = re.compile(r"^\s*COMMENT\s+ON\s+COLUMN\s+(\w+)\.", re.IGNORECASE)


def publish(con: duckdb.DuckDBPyConnection, built_path: Path, schema_order: list[Path]) -> None:
    """Replace the catalog's content by the checked warehouse at `built_path`. `schema_order`
    lists the sql/ files so that each object's dependencies come first: a failed statement ends
    a transaction, so the create-and-retry of a local build cannot be used here."""
    # ATTACH takes a literal path only; it is a temporary file this process created.
    quoted = str(built_path).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS {BUILT} (READ_ONLY)")
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            _drop_every_object(con)
            views = set(_views(con, BUILT))
            for path in schema_order:
                for statement in duckdb.extract_statements(path.read_text(encoding="utf-8")):
                    if _comments_view_column(statement.query, views):
                        continue
                    con.execute(statement.query)
            describe_derived_columns(con)
            for table in _tables(con, BUILT):
                # Table names come from the project's own schema, never from input.
                con.execute(
                    f'INSERT INTO {LAKE}.main."{table}" SELECT * FROM {BUILT}.main."{table}"'  # noqa: S608
                )
            con.execute("COMMIT")
        except BaseException:
            rollback_quietly(con)
            raise
    finally:
        con.execute(f"DETACH {BUILT}")


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main' "
        "ORDER BY table_name",
        [database],
    ).fetchall()
    return [name for (name,) in rows]


def _views(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    rows = con.execute(
        "SELECT view_name FROM duckdb_views() WHERE database_name = ? AND NOT internal",
        [database],
    ).fetchall()
    return [name for (name,) in rows]


def _comments_view_column(statement: str, views: set[str]) -> bool:
    """DuckLake keeps comments on tables, their columns and views, but not on view columns:
    those descriptions stay in the sql/ files and the local warehouse."""
    match = _VIEW_COLUMN_COMMENT.match(statement)
    return match is not None and match.group(1) in views


def _drop_every_object(con: duckdb.DuckDBPyConnection) -> None:
    macros = con.execute(
        "SELECT DISTINCT function_name, function_type FROM duckdb_functions() "
        "WHERE database_name = ? AND function_type IN ('macro', 'table_macro')",
        [LAKE],
    ).fetchall()
    # Names come from the catalog of the project's own objects.
    for view in _views(con, LAKE):
        con.execute(f'DROP VIEW IF EXISTS {LAKE}.main."{view}"')
    for name, kind in macros:
        table = "TABLE " if kind == "table_macro" else ""
        con.execute(f'DROP MACRO {table}IF EXISTS {LAKE}.main."{name}"')
    for table in _tables(con, LAKE):
        con.execute(f'DROP TABLE IF EXISTS {LAKE}.main."{table}"')
