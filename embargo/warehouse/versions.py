"""Which version of the code built the warehouse, and which tables each write changed: the
warehouse_version row every writer updates, the change id of every table in table_versions (by
which the dashboard knows which of its kept results still hold), and the refusal to touch a
warehouse built by another version, with the remedy."""

from __future__ import annotations

import uuid
from collections.abc import Collection

import duckdb

from embargo.i18n import _
from embargo.lake import LakeCatalog
from embargo.warehouse.connections import Location
from embargo.warehouse.lineage import warehouse_table_names
from embargo.warehouse.schema import schema_files, schema_fingerprint


def record_write(con: duckdb.DuckDBPyConnection, tables: Collection[str] | None = None) -> None:
    """Count a write transaction in warehouse_version, and give the tables it changed (every
    table when `tables` is None) a new change id in table_versions, by which the dashboard knows
    which of its kept results still hold. Every writer updates the warehouse_version row, so two
    writers whose transactions overlap conflict on a shared catalog and one of them retries on
    the other's result, instead of both committing unaware of each other."""
    con.execute("UPDATE warehouse_version SET version = version + 1, changed_at = now()")
    names = sorted(warehouse_table_names() if tables is None else set(tables))
    con.execute(
        "UPDATE table_versions SET change_id = ? WHERE list_contains(?, table_name)",
        [uuid.uuid4().hex, names],
    )


def record_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The first row of table_versions for every table of a new warehouse: one change id for
    all, new at each build, so no kept result of an earlier build can pass for one of this."""
    change_id = uuid.uuid4().hex
    con.execute(
        "INSERT INTO table_versions SELECT unnest(?), ?",
        [sorted(warehouse_table_names()), change_id],
    )


class WarehouseOutdated(RuntimeError):
    """The warehouse was built by another version of the code, whose objects differ."""


def missing_objects(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables, views and macros of sql/ that the warehouse lacks."""
    expected = (
        warehouse_table_names()
        | {path.stem for path in schema_files("views")}
        | {path.stem for path in schema_files("macros")}
    )
    present = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "UNION ALL SELECT view_name FROM duckdb_views() "
            "WHERE database_name = current_database() AND NOT internal "
            "UNION ALL SELECT function_name FROM duckdb_functions() "
            "WHERE database_name = current_database() AND function_type IN ('macro', 'table_macro')"
        ).fetchall()
    }
    return sorted(expected - present)


def outdated_reason(con: duckdb.DuckDBPyConnection, location: Location) -> str | None:
    """Why this code must not read or write the warehouse (built by another version, whose
    tables, views or macros differ), with the remedy; None when it was built by this version."""
    try:
        row = con.execute("SELECT schema_fingerprint FROM warehouse_version").fetchone()
    except duckdb.Error:  # built before the fingerprint was recorded
        row = None
    if row is not None and row[0] == schema_fingerprint():
        return None
    missing = missing_objects(con)
    target = (
        f"--catalog {location.catalog}" if isinstance(location, LakeCatalog) else f"--db {location}"
    )
    # In the reader's language: the dashboard shows it on every page (the command line reads
    # English).
    if not missing:
        return _(
            "the warehouse {location} was built by another version of Embargo Monitor, whose "
            "tables, views or macros differ from this one's: rebuild it with `embargo build "
            "{target}` (the raw files loaded into it are loaded again)"
        ).format(location=location, target=target)
    names = ", ".join(missing[:8])
    if len(missing) > 8:
        names = _("{names} and {count} more").format(names=names, count=len(missing) - 8)
    return _(
        "the warehouse {location} was built by another version of Embargo Monitor, whose "
        "tables, views or macros differ from this one's and lacks {names}: rebuild it with "
        "`embargo build {target}` (the raw files loaded into it are loaded again)"
    ).format(location=location, names=names, target=target)


def require_current_schema(con: duckdb.DuckDBPyConnection, location: Location) -> None:
    """Refuse to write into a warehouse built by another version, saying how to rebuild it."""
    reason = outdated_reason(con, location)
    if reason:
        raise WarehouseOutdated(reason)
