"""Opening the warehouse safely (a local DuckDB file or a shared DuckLake catalog), creating its
objects from sql/, and running its checks."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from embargo import lake
from embargo.config import SQL_DIR
from embargo.lake import LakeCatalog

# Where a warehouse lives: a local DuckDB file, or a shared DuckLake catalog.
Location = Path | LakeCatalog

# Extensions are never fetched at run time: the workstation may be air-gapped.
_OFFLINE_SETTINGS = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}

# Tables first; then macros, views and derived tables (stored results of views), which read
# tables and each other.
SCHEMA_STAGES = (("tables",), ("macros", "views", "derived"))

_DERIVED = re.compile(
    r"CREATE TABLE\s+(\w+)\s+AS\s+((?:SELECT|WITH)\b.*?);", re.IGNORECASE | re.DOTALL
)


def connect_writable(location: Location) -> duckdb.DuckDBPyConnection:
    if isinstance(location, LakeCatalog):
        con = duckdb.connect(config=dict(_OFFLINE_SETTINGS))
        lake.attach(con, location, read_only=False)
        return con
    return duckdb.connect(str(location), config=dict(_OFFLINE_SETTINGS))


def connect_read_only(location: Location) -> duckdb.DuckDBPyConnection:
    """A read-only connection. On a local file it cannot touch any other file; on a shared
    catalog it reads the newest snapshot at each query, or the one the location names."""
    if isinstance(location, LakeCatalog):
        con = duckdb.connect(config=dict(_OFFLINE_SETTINGS))
        lake.attach(con, location, read_only=True)
        lake.confine_to_data(con)
        return con
    if not location.exists():
        raise FileNotFoundError(
            f"warehouse {location} does not exist: build it with `embargo build --db {location}`"
        )
    config = dict(_OFFLINE_SETTINGS, enable_external_access=False)
    return duckdb.connect(str(location), read_only=True, config=config)


def cursor(con: duckdb.DuckDBPyConnection, location: Location) -> duckdb.DuckDBPyConnection:
    """A cursor for one query on one thread, pointed at the warehouse's catalog."""
    new = con.cursor()
    return lake.use(new) if isinstance(location, LakeCatalog) else new


def record_write(con: duckdb.DuckDBPyConnection) -> None:
    """Count a write transaction in warehouse_version. Every writer updates that one row, so two
    writers whose transactions overlap conflict on a shared catalog and one of them retries on
    the other's result, instead of both committing unaware of each other."""
    con.execute("UPDATE warehouse_version SET version = version + 1, changed_at = now()")


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure; a commit that failed has already ended its transaction."""
    with contextlib.suppress(duckdb.TransactionException):
        con.execute("ROLLBACK")


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
    match = _DERIVED.search(path.read_text(encoding="utf-8"))
    if match is None:
        return
    table, query = match.groups()
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


_SQL_COMMENTS = re.compile(r"--[^\n]*|COMMENT ON\b.*?;", re.IGNORECASE | re.DOTALL)


def _objects_read(query: str, definitions: dict[str, str]) -> set[str]:
    """Names of the views and macros a query reads, directly or through each other."""
    found: set[str] = set()
    pending = [query]
    while pending:
        text = pending.pop()
        for name, body in definitions.items():
            if name not in found and re.search(rf"\b{name}\b", text):
                found.add(name)
                pending.append(body)
    return found


def derived_tables() -> list[tuple[str, str]]:
    """(table, defining query) of every table in sql/derived, each after the derived tables its
    query reads, directly or through views and macros (fresh_supply_counts reads the view
    fresh_supply_items, which reads seizure_item_facts_stored)."""
    defined = {}
    for path in schema_files("derived"):
        match = _DERIVED.search(path.read_text(encoding="utf-8"))
        if match is None:
            raise RuntimeError(f"{path.name}: expected CREATE TABLE <name> AS SELECT|WITH ...;")
        defined[match.group(1)] = match.group(2)
    # Each file of sql/views and sql/macros defines the object it is named after; comments
    # are left out, so that a name mentioned in prose is not taken for a dependency.
    definitions = {
        path.stem: _SQL_COMMENTS.sub(" ", path.read_text(encoding="utf-8"))
        for folder in ("views", "macros")
        for path in schema_files(folder)
    }
    reads = {}
    for table, query in defined.items():
        texts = [query] + [definitions[name] for name in _objects_read(query, definitions)]
        reads[table] = {
            other
            for other in defined
            if other != table and any(re.search(rf"\b{other}\b", text) for text in texts)
        }
    ordered: list[tuple[str, str]] = []
    while defined:
        ready = [table for table in defined if not reads[table] & defined.keys()]
        if not ready:
            raise RuntimeError(f"derived tables read each other in a cycle: {', '.join(defined)}")
        ordered.extend((table, defined.pop(table)) for table in ready)
    return ordered


def refresh_derived_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every table in sql/derived from the query it is defined by, in one transaction
    (portable: plain DELETE and INSERT, no file or engine tricks)."""
    con.execute("BEGIN TRANSACTION")
    try:
        record_write(con)
        recompute_derived_tables(con)
        con.execute("COMMIT")
    except BaseException:
        rollback_quietly(con)
        raise


def recompute_derived_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every derived table within the caller's transaction: a load on a shared
    catalog commits its rows and the derived tables that follow from them as one snapshot, so
    no reader ever sees the one without the other."""
    for table, query in derived_tables():
        # Names and queries come from the project's own sql/ files, never from input.
        con.execute(f"DELETE FROM {table}")  # noqa: S608
        con.execute(f"INSERT INTO {table} {query}")


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    violations: int
    sample: list[tuple]

    @property
    def passed(self) -> bool:
        return self.violations == 0


def _description(sql_text: str) -> str:
    lines = [line[2:].strip() for line in sql_text.splitlines() if line.startswith("--")]
    return " ".join(lines)


def run_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    """Run every query in sql/checks: each returns the rows that break its rule."""
    results = []
    for path in schema_files("checks"):
        sql_text = path.read_text(encoding="utf-8")
        rows = con.execute(sql_text).fetchall()
        results.append(CheckResult(path.stem, _description(sql_text), len(rows), rows[:5]))
    return results


_WRITE_WORDS = re.compile(
    r"^\s*(insert|update|delete|create|drop|alter|attach|detach|copy|install|load|pragma|set|"
    r"call|checkpoint|export|import|vacuum|use)\b",
    re.IGNORECASE,
)


def run_read_only_query(location: Location, query: str) -> tuple[list[str], list[tuple]]:
    """Run one read-only statement and return its column names and rows. The connection is
    read-only and cannot reach files; statements that would write are refused up front too."""
    if _WRITE_WORDS.match(query):
        raise ValueError("only read-only queries (SELECT, WITH, DESCRIBE, SHOW ...) are allowed")
    con = connect_read_only(location)
    try:
        relation = con.sql(query)
        if relation is None:
            raise ValueError("the statement returned no result")
        return relation.columns, relation.fetchall()
    finally:
        con.close()
