"""Opening the warehouse safely (a local DuckDB file or a shared DuckLake catalog), creating its
objects from sql/, and running its checks."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import uuid
from collections.abc import Collection
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


def require_warehouse_file(path: Path) -> None:
    """A local warehouse must be built before it is read or loaded into."""
    if not path.exists():
        raise FileNotFoundError(
            f"warehouse {path} does not exist: build it with `embargo build --db {path}`"
        )


def connect_read_only(location: Location) -> duckdb.DuckDBPyConnection:
    """A read-only connection. On a local file it cannot touch any other file; on a shared
    catalog it reads the newest snapshot at each query, or the one the location names."""
    if isinstance(location, LakeCatalog):
        con = duckdb.connect(config=dict(_OFFLINE_SETTINGS))
        lake.attach(con, location, read_only=True)
        lake.confine_to_data(con)
        return con
    require_warehouse_file(location)
    config = dict(_OFFLINE_SETTINGS, enable_external_access=False)
    return duckdb.connect(str(location), read_only=True, config=config)


def cursor(con: duckdb.DuckDBPyConnection, location: Location) -> duckdb.DuckDBPyConnection:
    """A cursor for one query on one thread, pointed at the warehouse's catalog."""
    new = con.cursor()
    return lake.use(new) if isinstance(location, LakeCatalog) else new


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


@functools.cache
def _view_and_macro_definitions() -> dict[str, str]:
    """Each file of sql/views and sql/macros defines the object it is named after; comments
    are left out, so that a name mentioned in prose is not taken for a dependency."""
    return {
        path.stem: _SQL_COMMENTS.sub(" ", path.read_text(encoding="utf-8"))
        for folder in ("views", "macros")
        for path in schema_files(folder)
    }


@functools.cache
def _derived_definitions() -> dict[str, str]:
    defined = {}
    for path in schema_files("derived"):
        match = _DERIVED.search(path.read_text(encoding="utf-8"))
        if match is None:
            raise RuntimeError(f"{path.name}: expected CREATE TABLE <name> AS SELECT|WITH ...;")
        defined[match.group(1)] = match.group(2)
    return defined


@functools.cache
def warehouse_table_names() -> frozenset[str]:
    """Every table of the warehouse: those of sql/tables and the derived ones."""
    return frozenset(path.stem for path in schema_files("tables")) | _derived_definitions().keys()


# What no table's change id covers: the engine's or the catalog's own state, and tables named
# only at run time (query_table).
_SYSTEM_READS = re.compile(
    r"\b(duckdb_\w+|ducklake_\w+|information_schema|pg_catalog|query_table)\b", re.I
)


@functools.cache
def tables_read(query: str) -> frozenset[str] | None:
    """The tables (base and derived) a query reads, directly or through views and macros; None
    when it also reads the engine's or catalog's own state (comments, snapshots)."""
    query = _SQL_COMMENTS.sub(" ", query)
    definitions = _view_and_macro_definitions()
    texts = [query] + [definitions[name] for name in _objects_read(query, definitions)]
    if any(_SYSTEM_READS.search(text) for text in texts):
        return None
    return frozenset(
        table
        for table in warehouse_table_names()
        if any(re.search(rf"\b{table}\b", text) for text in texts)
    )


@functools.cache
def derived_tables() -> tuple[tuple[str, str], ...]:
    """(table, defining query) of every table in sql/derived, each after the derived tables its
    query reads, directly or through views and macros (fresh_supply_counts reads the view
    fresh_supply_items, which reads seizure_item_facts_stored)."""
    defined = dict(_derived_definitions())
    reads = {
        table: (tables_read(query) or frozenset()) - {table} for table, query in defined.items()
    }
    ordered: list[tuple[str, str]] = []
    while defined:
        ready = [table for table in defined if not reads[table] & defined.keys()]
        if not ready:
            raise RuntimeError(f"derived tables read each other in a cycle: {', '.join(defined)}")
        ordered.extend((table, defined.pop(table)) for table in ready)
    return tuple(ordered)


def derived_tables_reading(changed: Collection[str] | None) -> list[tuple[str, str]]:
    """The derived tables that follow from the changed tables (all when `changed` is None), in
    refresh order: those that read one of them, directly or through another derived table."""
    if changed is None:
        return list(derived_tables())
    affected = set(changed)
    chosen = []
    for table, query in derived_tables():
        read = tables_read(query)
        if read is None or read & affected:
            chosen.append((table, query))
            affected.add(table)
    return chosen


def refresh_derived_tables(
    con: duckdb.DuckDBPyConnection,
    changed: Collection[str] | None = None,
    load_ids: Collection[str] = (),
) -> None:
    """Recompute the tables in sql/derived that follow from the changed tables (every one when
    `changed` is None) from the queries they are defined by, in one transaction (portable: plain
    DELETE and INSERT, no file or engine tricks). `load_ids` are the loads that changed them:
    see recompute_derived_tables."""
    con.execute("BEGIN TRANSACTION")
    try:
        recomputed = recompute_derived_tables(con, changed, load_ids)
        record_write(con, recomputed)
        con.execute("COMMIT")
    except BaseException:
        rollback_quietly(con)
        raise


# Derived tables whose rows each belong to one seizure event (event_uid), with the one relation
# each reads. A seizures load changes only the events it adds item lines to
# (seizure_events_loaded), so after a load of a few events only their rows are recomputed: a
# load of 5 lines into a warehouse of a million item lines then costs a tenth of a second here
# instead of 6 (and on a shared catalog writes a few rows instead of a new copy of each table).
PER_EVENT_DERIVED_TABLES = {
    "seizure_item_facts_stored": "seizure_item_facts",
    "seizure_event_category_counts": "seizure_item_facts_stored",
}


@dataclass(frozen=True)
class GroupedBy:
    """How the groups of a derived table of counts that a few events touch are found."""

    relation: str  # the relation the table's query reads that holds the touched events' rows
    touched_keys: str  # the keys of the groups the touched events ($event_uids) are in
    rows_of_keys: str  # the relation's rows that count in those groups ($keys)
    key: str  # the table's column holding the key


# The rows of the touched events ($event_uids, found once per refresh: _events_loaded_if_few).
_OF_TOUCHED = "list_contains(CAST($event_uids AS VARCHAR[]), event_uid)"
# Derived tables of counts over groups, a few of which hold the rows of the events a small load
# touches: only those groups are recomputed, the others keep their rows. A group by country
# holds every event of that country (an event's country never changes: ingest/seizures.py), a
# search key every line that carries the value. Recomputed whole at a million item lines, they
# took 340 and 100 ms of a 1.3 s small load, and on a shared catalog each load left a new copy of
# each in its data folder. (The weapons counted by tracing cannot be: a seizures load can give a
# trace request its event, which takes the trace away from lines of the same serial elsewhere.)
PER_GROUP_DERIVED_TABLES = {
    "fresh_supply_counts": GroupedBy(
        "fresh_supply_items",
        f"SELECT DISTINCT country_iso3 FROM seizure_events WHERE {_OF_TOUCHED}",  # noqa: S608
        "list_contains($keys, country_iso3)",
        "country_iso3",
    ),
    "seizure_item_search_keys": GroupedBy(
        "seizure_item_facts_stored",
        "SELECT DISTINCT search_key FROM (SELECT unnest([markings_key, lot_number_key, "  # noqa: S608
        f"headstamp_key]) AS search_key FROM seizure_item_facts_stored WHERE {_OF_TOUCHED}) "
        "WHERE search_key <> ''",
        "list_has_any($keys, [markings_key, lot_number_key, headstamp_key])",
        "search_key",
    ),
}
# Derived tables whose rows each belong to one load (load_id) and follow from that load's own
# rows alone, which no later load changes: a load adds its rows and touches no other.
PER_LOAD_DERIVED_TABLES = frozenset({"load_classification_stored"})
# Base tables whose changes by a seizures load stay within the events it added item lines to.
_PER_EVENT_BASE_TABLES = frozenset({"seizure_items", "seizure_events"})
_PER_EVENT_OR_GROUP = PER_EVENT_DERIVED_TABLES.keys() | PER_GROUP_DERIVED_TABLES.keys()
# A load touching more than this share of the stored events recomputes the tables whole, which
# also stores the item facts in serial order again (rows recomputed per event are appended).
_PER_EVENT_LARGEST_SHARE = 0.25


def recompute_derived_tables(
    con: duckdb.DuckDBPyConnection,
    changed: Collection[str] | None = None,
    load_ids: Collection[str] = (),
) -> list[str]:
    """Recompute, within the caller's transaction, the derived tables that follow from the
    changed tables (all when `changed` is None), and return their names: a load on a shared
    catalog commits its rows and the derived tables that follow from them as one snapshot, so
    no reader ever sees the one without the other. With the `load_ids` of the loads that changed
    them, the per-load tables are recomputed for those loads only (PER_LOAD_DERIVED_TABLES), and
    the per-event tables for the events those loads touched only, when they are few
    (PER_EVENT_DERIVED_TABLES); the result is the same."""
    chosen = derived_tables_reading(changed)
    touched = (
        _events_loaded_if_few(con, load_ids)
        if changed is not None and any(table in _PER_EVENT_OR_GROUP for table, _ in chosen)
        else None
    )
    per_event = touched is not None
    loaded = {"load_ids": list(load_ids)}
    events = {"event_uids": touched}
    recomputed = []
    for table, query in chosen:
        # Names and queries come from the project's own sql/ files, never from input.
        if changed is not None and load_ids and table in PER_LOAD_DERIVED_TABLES:
            # The filter on load_id reaches every table the query scans.
            only_loaded = "WHERE list_contains($load_ids, load_id)"
            con.execute(f"DELETE FROM {table} {only_loaded}", loaded)  # noqa: S608
            con.execute(
                f"INSERT INTO {table} {_without_unchanged(query, changed)} "  # noqa: S608
                f"SELECT * FROM ({query}) {only_loaded}",
                loaded,
            )
        elif per_event and table in PER_GROUP_DERIVED_TABLES and _per_event(query, changed):
            grouped = PER_GROUP_DERIVED_TABLES[table]
            touched_keys = con.execute(grouped.touched_keys, events).fetchall()
            keys = {"keys": [key for (key,) in touched_keys]}
            of_keys = f"WHERE list_contains($keys, {grouped.key})"
            con.execute(f"DELETE FROM {table} {of_keys}", keys)  # noqa: S608
            # As below: the CTE holds the relation's rows in the touched groups only (and the
            # other keys those rows carry are left out).
            con.execute(
                f"INSERT INTO {table} WITH {grouped.relation} AS "  # noqa: S608
                f"(SELECT * FROM {grouped.relation} WHERE {grouped.rows_of_keys}) "
                f"SELECT * FROM ({query}) {of_keys}",
                keys,
            )
        elif per_event and table in PER_EVENT_DERIVED_TABLES and _per_event(query, changed):
            source = PER_EVENT_DERIVED_TABLES[table]
            con.execute(f"DELETE FROM {table} WHERE {_OF_TOUCHED}", events)  # noqa: S608
            # The CTE takes the name of the relation the query reads and holds its rows of the
            # touched events only (inside it the name still means the relation itself).
            con.execute(
                f"INSERT INTO {table} "  # noqa: S608
                f"WITH {source} AS (SELECT * FROM {source} WHERE {_OF_TOUCHED}) "
                f"SELECT * FROM ({query})",
                events,
            )
        else:
            con.execute(f"DELETE FROM {table}")  # noqa: S608
            con.execute(f"INSERT INTO {table} {query}")
        recomputed.append(table)
    return recomputed


def _without_unchanged(query: str, changed: Collection[str]) -> str:
    """A WITH clause that makes each table the query reads but the loads did not change an empty
    relation of the same name (inside it the name still means the table): the loads' rows can only
    be in the tables they changed, and on a shared catalog every table scanned costs a read of the
    catalog for its files, whatever the filter (the classification of a seizures load read 13
    tables for 225 ms, against the 4 of them it wrote)."""
    unchanged = sorted((tables_read(query) or frozenset()) - set(changed))
    if not unchanged:
        return ""
    # Table names from the project's own sql/ files, never from input.
    empty = (f"{table} AS (SELECT * FROM {table} WHERE false)" for table in unchanged)  # noqa: S608
    return "WITH " + ", ".join(empty)


def _events_loaded_if_few(
    con: duckdb.DuckDBPyConnection, load_ids: Collection[str]
) -> list[str] | None:
    """The events the loads added item lines to, found once for every statement that needs them
    (on a catalog each finding costs scans); None when there are too many to recompute alone."""
    if not load_ids:
        return None
    row = con.execute(
        "SELECT coalesce(list(event_uid), []) FROM seizure_events_loaded(?) "
        "HAVING count(*) <= (SELECT count(*) FROM seizure_events) * ?",
        [list(load_ids), _PER_EVENT_LARGEST_SHARE],
    ).fetchone()
    return None if row is None else row[0]


def _per_event(query: str, changed: Collection[str]) -> bool:
    """Only where every changed table the query reads changes per event."""
    read = tables_read(query)
    return read is not None and read & set(changed) <= _PER_EVENT_BASE_TABLES | _PER_EVENT_OR_GROUP


class WarehouseOutdated(RuntimeError):
    """The warehouse was built by another version of the code, whose objects differ."""


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
    lacks = ""
    if missing:
        more = f" and {len(missing) - 8} more" if len(missing) > 8 else ""
        lacks = f" and lacks {', '.join(missing[:8])}{more}"
    target = (
        f"--catalog {location.catalog}" if isinstance(location, LakeCatalog) else f"--db {location}"
    )
    return (
        f"the warehouse {location} was built by another version of Embargo Monitor, whose "
        f"tables, views or macros differ from this one's{lacks}: rebuild it with `embargo build "
        f"{target}` (the raw files loaded into it are loaded again)"
    )


def require_current_schema(con: duckdb.DuckDBPyConnection, location: Location) -> None:
    """Refuse to write into a warehouse built by another version, saying how to rebuild it."""
    reason = outdated_reason(con, location)
    if reason:
        raise WarehouseOutdated(reason)


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
