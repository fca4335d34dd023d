"""Creating the warehouse's objects from the files of sql/ (one object per file, named like it),
and the fingerprint of those files by which a warehouse built by another version is known."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import duckdb

from embargo.config import SQL_DIR

# Tables first; then macros, views and derived tables (stored results of views), which read
# tables and each other.
SCHEMA_STAGES = (("tables",), ("macros", "views", "derived"))

# The one statement of a file of sql/derived: the table and the query it stores.
DERIVED_TABLE = re.compile(
    r"CREATE TABLE\s+(\w+)\s+AS\s+((?:SELECT|WITH)\b.*?);", re.IGNORECASE | re.DOTALL
)
# A line comment of a derived table's file, left out before its statement is read: a ";" in one
# would end the statement there, and a query ending in a comment cannot be wrapped in another.
_LINE_COMMENT = re.compile(r"--[^\n]*")


def derived_table_definition(text: str) -> tuple[str, str] | None:
    """(table, defining query) of a file of sql/derived, without its line comments."""
    match = DERIVED_TABLE.search(_LINE_COMMENT.sub("", text))
    return None if match is None else (match.group(1), match.group(2))


def schema_files(folder: str) -> list[Path]:
    return sorted((SQL_DIR / folder).glob("*.sql"))


def apply_schema(con: duckdb.DuckDBPyConnection) -> list[Path]:
    """Create every table, macro and view, and return the files in the order they succeeded.
    Objects that read others may come in any file order: a file whose dependencies do not exist
    yet is retried after the others."""
    created: list[Path] = []
    for folders in SCHEMA_STAGES:
        pending = [path for folder in folders for path in schema_files(folder)]
        while pending:
            failed: list[tuple[Path, Exception]] = []
            for path in pending:
                try:
                    con.execute(path.read_text(encoding="utf-8"))
                    created.append(path)
                except duckdb.CatalogException as error:
                    failed.append((path, error))
            if len(failed) == len(pending):
                names = ", ".join(f"{p.name}: {e}" for p, e in failed)
                raise RuntimeError(f"cannot create warehouse objects: {names}")
            pending = [path for path, _ in failed]
    describe_derived_columns(con)
    return created


def describe_derived_columns(con: duckdb.DuckDBPyConnection) -> None:
    for path in schema_files("derived"):
        _describe_derived_columns(con, path)


def _describe_derived_columns(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """A derived table's columns mean what they mean in the view it stores."""
    definition = derived_table_definition(path.read_text(encoding="utf-8"))
    if definition is None:
        return
    table, query = definition
    source = re.search(r"\bFROM\s+(\w+)", query, re.IGNORECASE)
    origin = f"the view {source.group(1)}" if source else "its defining query"
    columns = con.execute(
        "SELECT column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND table_name = ? AND comment IS NULL",
        [table],
    ).fetchall()
    for (column,) in columns:
        # Names come from the catalog of the project's own objects, never from input.
        con.execute(f"COMMENT ON COLUMN {table}.\"{column}\" IS 'As column {column} of {origin}.'")


@functools.cache
def schema_fingerprint() -> str:
    """SHA-256 over the sql/ files that make the warehouse (tables, macros, views, derived
    tables): recorded in warehouse_version by the build, compared by every writer and by the
    dashboard, so that code never reads or writes objects defined by another version."""
    digest = hashlib.sha256()
    for folders in SCHEMA_STAGES:
        for folder in folders:
            for path in schema_files(folder):
                digest.update(f"{folder}/{path.name}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
