"""The query engine: how every query of the dashboard reaches the warehouse (the only code of the
dashboard that talks to DuckDB), for the query modules beside it.

Where: the warehouse location given by reading_from (the briefing export passes the one it was
told), else the one the process is configured with (embargo.config.warehouse_location: what
`embargo serve` set for the dashboard). One read-only connection is shared per process and
location, and each query takes its own cursor, since Streamlit runs each session on its own
thread. When the warehouse file is replaced by a rebuild, the next query reopens it; on a shared
catalog each query reads the newest complete snapshot, and within one page run
(one_snapshot_per_page) every query reads the snapshot the run began with.

Results are kept in memory per query and parameters (the viewer's clearance levels among them)
and per change id of every table the query reads, directly or through views and macros
(table_versions, which every write updates for the tables it changes): sessions that open the
same page on the same data share one computation, and a load makes the queries reading what it
changed read afresh while the others keep their results (a seizures file leaves the transfer
pages as they were). A query reading the engine's own catalog, or a warehouse built before
table_versions existed, is kept per state of the whole warehouse (the file's identity, or the
catalog snapshot the query read).

On a catalog, a query reading only small tables (the reference tables, the load log, every table
of a small warehouse) reads the process's copies of them (embargo.lake_copies), made again when a
snapshot changes their tables, instead of asking the catalog for each table's files.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import duckdb
import polars as pl

from embargo import lake, settings
from embargo.classification import Classification
from embargo.config import warehouse_location
from embargo.lake import LakeCatalog, current_snapshot, current_snapshot_id
from embargo.lake_copies import TableCopies, copy_limit_bytes, use_copies
from embargo.warehouse.connections import Location, connect_read_only, cursor
from embargo.warehouse.lineage import tables_read
from embargo.warehouse.versions import outdated_reason

# The warehouse the queries of this context read, when one was given (reading_from).
_given_location: ContextVar[Location | None] = ContextVar("warehouse_location", default=None)


@contextmanager
def reading_from(location: Location) -> Iterator[None]:
    """Every query inside (on this thread) reads the warehouse at `location`: a local file or a
    shared catalog, as embargo.config.warehouse_location names them."""
    token = _given_location.set(location)
    try:
        yield
    finally:
        _given_location.reset(token)


def current_location() -> Location:
    """The warehouse queries read now: the one given by reading_from, else the one the process
    is configured with."""
    given = _given_location.get()
    return warehouse_location() if given is None else given


_lock = threading.Condition()
_open: dict[Location, tuple[tuple[int, int] | None, duckdb.DuckDBPyConnection]] = {}
# Queries running on each open connection. When the warehouse file is replaced, the old
# connection is closed only once its running queries end (closing it at once would cut short
# other sessions' queries: "No open result set"); new queries wait for that, since DuckDB opens
# the new file only when no connection to the same path is left in the process.
_running: dict[duckdb.DuckDBPyConnection, int] = {}
# The copies of the small tables of each catalog read (embargo.lake_copies), made when its
# connection is opened; None where there are none, and every query reads the catalog.
_copies: dict[Location, TableCopies | None] = {}


def _file_version(location: Location) -> tuple[int, int] | None:
    """Identifies the local warehouse file, which a rebuild or load replaces. A catalog
    connection needs no reopening: every query reads the newest snapshot."""
    if isinstance(location, LakeCatalog):
        return None
    stat = location.stat()
    return (stat.st_ino, stat.st_mtime_ns)


@dataclass
class _PageReading:
    """The cursor of a page run on a catalog, inside the read-only transaction the run reads
    every result from, and the snapshot that transaction reads."""

    query: duckdb.DuckDBPyConnection
    location: LakeCatalog
    snapshot_id: int
    # Which change of each small table its copy holds, as this transaction sees the copies
    # (embargo.lake_copies), once looked at.
    copies_held: dict[str, str] | None = None


# The page run of each thread (Streamlit runs each session's script on a thread of its own).
_page_readings = threading.local()


def _page_reading(location: Location) -> _PageReading | None:
    reading = getattr(_page_readings, "current", None)
    if reading is not None and reading.location == location:
        return reading
    return None


@contextmanager
def one_snapshot_per_page() -> Iterator[None]:
    """On a catalog, every query of the page run inside reads one snapshot: the figures of a page
    agree with each other and with the snapshot its caption names, even when a load commits while
    the page is drawn, and the catalog is asked for its newest snapshot once per page instead of
    once per query. A local file needs none: it is replaced whole, never changed under a query."""
    location = current_location()
    if not isinstance(location, LakeCatalog) or _page_reading(location) is not None:
        yield
        return
    with _reading() as (query, location, _version):
        _page_readings.current = _PageReading(
            query, location, current_snapshot_id(query, location.snapshot_version)
        )
        try:
            yield
        finally:
            _page_readings.current = None


@contextmanager
def _cursor() -> Iterator[duckdb.DuckDBPyConnection]:
    with _versioned_cursor() as (query_cursor, _location, _version):
        yield query_cursor


@contextmanager
def _versioned_cursor(
    transaction: bool = False,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, Location, tuple[int, int] | None]]:
    """A cursor, the warehouse it reads and the version of its file (None on a catalog); with
    `transaction`, inside a transaction begun before the cursor was pointed at the catalog."""
    location = current_location()
    version = _file_version(location)
    with _lock:
        current = _open.get(location)
        if current is not None and current[0] != version:
            _lock.wait_for(lambda: not _running.get(current[1]))
            if _open.get(location) is current:
                del _open[location]
                _running.pop(current[1], None)
                current[1].close()
        if location not in _open:
            con = _with_memory_limit(connect_read_only(location))
            if isinstance(location, LakeCatalog):
                _copies[location] = _made_copies(con, location)
            _open[location] = (version, con)
        con = _open[location][1]
        _running[con] = _running.get(con, 0) + 1
        query_cursor = cursor(con, location, transaction=transaction)
    try:
        yield query_cursor, location, version
    finally:
        query_cursor.close()
        with _lock:
            _running[con] -= 1
            _lock.notify_all()


def _with_memory_limit(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The connection with DuckDB's memory limit of EMBARGO_QUERY_MEMORY_MB: a server runs
    many sessions' queries at once on it, and DuckDB's own limit is 80% of the machine's memory."""
    limit_mb = int(settings.value("EMBARGO_QUERY_MEMORY_MB") or 0)
    if limit_mb > 0:
        con.execute("SET memory_limit = ?", [f"{limit_mb}MiB"])
    return con


# Query results by (warehouse, its state, day, query, parameters), least recently used first.
# The day is in the key because a few figures count from today (the age of open trace requests).
def _cache_bytes() -> int:
    """The cache's size: EMBARGO_QUERY_CACHE_MB (256 unless set; 0 turns it off)."""
    return int(settings.value("EMBARGO_QUERY_CACHE_MB") or 0) * 2**20


# A result larger than this share of the cache (a full CSV export) is not kept.
_LARGEST_SHARE = 4
_results: OrderedDict[tuple, pl.DataFrame] = OrderedDict()
_results_bytes = 0
# Keys being computed: other sessions asking for the same result wait for it instead of
# running the same query at the same time.
_computing: dict[tuple, threading.Event] = {}
_results_lock = threading.Lock()


# The change id of every table (table_versions), per state of the warehouse: a file's identity,
# or a catalog snapshot. None for a warehouse built before table_versions existed.
_versions_by_state: OrderedDict[tuple, dict[str, str] | None] = OrderedDict()
_STATES_KEPT = 16


# Catalogs known to have table_versions: only a rebuild could take it away, and a rebuild by
# this version makes it again. Listing a catalog's tables costs about 60 ms; a local file's, 1.
_catalogs_with_versions: set[tuple] = set()


def _table_versions(query: duckdb.DuckDBPyConnection, state: tuple) -> dict[str, str] | None:
    on_catalog = len(state) == 3
    if not (on_catalog and state[:-1] in _catalogs_with_versions):
        # Checked first: on a catalog a failed statement would end the reading transaction.
        found = query.execute(
            "SELECT count(*) FROM duckdb_tables() "
            "WHERE database_name = current_database() AND table_name = 'table_versions'"
        ).fetchone()[0]
        if not found:
            return None
        if on_catalog:
            _catalogs_with_versions.add(state[:-1])
    return dict(query.execute("SELECT table_name, change_id FROM table_versions").fetchall())


def _versions_at(state: tuple, query: duckdb.DuckDBPyConnection) -> dict[str, str] | None:
    """The table versions of a state, read through `query` (which reads that state) if new."""
    with _results_lock:
        if state in _versions_by_state:
            return _versions_by_state[state]
    versions = _table_versions(query, state)
    with _results_lock:
        if state not in _versions_by_state:
            _drop_results_before(state, versions)
        _versions_by_state[state] = versions
        while len(_versions_by_state) > _STATES_KEPT:
            _versions_by_state.popitem(last=False)
    return versions


def _outdated(content_key: tuple, state: tuple, versions: dict[str, str] | None) -> bool:
    """Whether a kept result (by its _content_key) was read from the same warehouse as `state`
    but from an earlier state of it, which no query made from now on reads again."""
    if content_key[0] == "state":
        return content_key[1:-1] == state[:-1] and content_key[-1] != state[-1]
    if content_key[1:-1] != state[:-1]:
        return False
    return versions is None or any(versions.get(t) != v for t, v in content_key[-1])


def _drop_results_before(state: tuple, versions: dict[str, str] | None) -> None:
    """When a warehouse is first read in a new state (after a load or a rebuild), the results
    read from its earlier states are dropped (_results_lock held): no later question asks for
    them, and their memory is more than their estimated size counts (arrays allocated by DuckDB
    for a whole batch), so that keeping them until the cache's bound pushed them out made the
    server's resident memory grow with every load its pages read after."""
    global _results_bytes
    for key in [key for key in _results if _outdated(key[0], state, versions)]:
        _results_bytes -= _results.pop(key).estimated_size()


def _content_key(state: tuple, versions: dict[str, str] | None, sql: str) -> tuple:
    """What a query's result depends on: the change ids of the tables it reads (with the "as
    known on" date of the context, if any: then the versions and the load log too), where the
    warehouse records them (a load that changes other tables leaves the result valid), else the
    whole state of the warehouse."""
    tables = tables_read(sql, _known_on.get() is not None)
    if versions is None or not tables or not tables <= versions.keys():
        return ("state", *state)
    where = state[:-1]
    return ("tables", *where, tuple(sorted((table, versions[table]) for table in tables)))


def _snapshot_id(query: duckdb.DuckDBPyConnection, location: LakeCatalog) -> int:
    """The snapshot `query` reads: the page run's, else the newest (or the one EMBARGO_AS_OF
    pins)."""
    reading = _page_reading(location)
    if reading is not None:
        return reading.snapshot_id
    return current_snapshot_id(query, location.snapshot_version)


@contextmanager
def _reading() -> Iterator[tuple[duckdb.DuckDBPyConnection, Location, tuple[int, int] | None]]:
    """A cursor reading one state of the warehouse, as _versioned_cursor gives it: on a catalog
    inside a read-only transaction, so that everything read in it comes from one snapshot (within
    a page run, the run's own cursor and transaction). A local file needs none: it is replaced
    whole, never changed under an open connection."""
    location = current_location()
    reading = _page_reading(location)
    if reading is not None:
        yield reading.query, location, None
        return
    with _versioned_cursor(transaction=True) as (query, location, version):
        if not isinstance(location, LakeCatalog):
            yield query, location, version
            return
        try:
            yield query, location, version
        finally:
            query.execute("ROLLBACK")


def _state_of(query: duckdb.DuckDBPyConnection, location: Location, version: tuple | None) -> tuple:
    """The state of the warehouse `query` reads: the file's identity, or the catalog snapshot."""
    if isinstance(location, LakeCatalog):
        return (location.catalog, location.data_path, _snapshot_id(query, location))
    return (str(location), version)


def _key_of(
    sql: str, query: duckdb.DuckDBPyConnection, location: Location, version: tuple | None
) -> tuple:
    """What the query's result depends on (_content_key), in the state `query` reads."""
    state = _state_of(query, location, version)
    return _content_key(state, _versions_at(state, query), sql)


# The "as known on" day of the queries of this context (the sidebar's date), or None for what
# the warehouse knows now: the views of versioned records read it from the variable known_on.
_known_on: ContextVar[dt.date | None] = ContextVar("known_on", default=None)


@contextmanager
def known_on(day: dt.date | None) -> Iterator[None]:
    """Every query inside (on this thread) reads the records as the warehouse knew them at the
    end of `day` (by load date); None: as it knows them now."""
    token = _known_on.set(day)
    try:
        yield
    finally:
        _known_on.reset(token)


def current_known_on() -> dt.date | None:
    """The "as known on" day of this context (known_on), None for what the warehouse knows now."""
    return _known_on.get()


def _read(sql: str, params: list | dict) -> tuple[tuple, pl.DataFrame]:
    """Runs the query; returns what its result depends on (_content_key) and the result. On a
    catalog the snapshot, its table versions and the result come from one transaction, hence
    from the same snapshot."""
    with _reading() as (query, location, version):
        # Set on every query: a page run's cursor is shared by its queries.
        query.execute("SET VARIABLE known_on = CAST(? AS DATE)", [_known_on.get()])
        state = _state_of(query, location, version)
        key = _content_key(state, _versions_at(state, query), sql)
        if isinstance(location, LakeCatalog) and _on_copies(query, location, key, state[-1]):
            use_copies(query)
            try:
                return key, query.execute(sql, params).pl()
            finally:
                lake.use(query)
        return key, query.execute(sql, params).pl()


def _made_copies(con: duckdb.DuckDBPyConnection, location: LakeCatalog) -> TableCopies | None:
    """The copies of the catalog's small tables for a new connection to it, brought to its
    newest snapshot before any page run begins to read (a transaction sees the copies as they
    were when it first looked at them); None when copying is off or the copies cannot be made
    (every query then reads the catalog)."""
    if copy_limit_bytes() <= 0:
        return None
    try:
        copies = TableCopies.make(con, location.snapshot_version)
        copies.refresh(0)
    except (duckdb.Error, RuntimeError):
        return None
    return copies


def _on_copies(
    query: duckdb.DuckDBPyConnection, location: LakeCatalog, key: tuple, snapshot_id: int
) -> bool:
    """Whether a query whose result depends on `key` (_content_key) reads the same rows from
    the copies of the catalog's small tables as from the catalog at `snapshot_id`, the copies
    brought to that snapshot first if they are older. A page run reads which changes the copies
    hold once: its transaction sees them as they were at its first look."""
    if key[0] != "tables":
        return False
    copies = _copies.get(location)
    if copies is None or not {table for table, _change in key[-1]} <= copies.copied:
        return False
    copies.refresh(snapshot_id)
    reading = _page_reading(location)
    if reading is None:
        return copies.answer(key[-1], copies.held(query))
    if reading.copies_held is None:
        reading.copies_held = copies.held(query)
    return copies.answer(key[-1], reading.copies_held)


def _current_key(sql: str) -> tuple:
    """What the query's result would depend on if it were read now, as _read names it."""
    with _reading() as (query, location, version):
        return _key_of(sql, query, location, version)


def _compact(frame: pl.DataFrame) -> pl.DataFrame:
    """A copy of a result in arrays of its own size. A frame read from DuckDB holds the arrays
    DuckDB filled for a whole batch: 500 results of 100 rows and 20 columns held 145 to 185 MB,
    against 7 MB of estimated size, and 15 to 55 MB as copies."""
    if frame.height == 0:
        return frame.clear()
    if frame.height == 1:
        return pl.concat([frame, frame], rechunk=True).head(1)
    # Two chunks joined into one: polars copies them into new arrays.
    return pl.concat([frame.head(1), frame.slice(1)], rechunk=True)


def _remember(key: tuple, frame: pl.DataFrame) -> None:
    global _results_bytes
    limit = _cache_bytes()
    if frame.estimated_size() * _LARGEST_SHARE > limit:
        return
    frame = _compact(frame)
    # Counted as kept (the copy's size may differ from the result's), as it is taken off when
    # the result leaves.
    size = frame.estimated_size()
    with _results_lock:
        if key in _results:
            return
        _results[key] = frame
        _results_bytes += size
        while _results_bytes > limit:
            _, dropped = _results.popitem(last=False)
            _results_bytes -= dropped.estimated_size()


def fetch(sql: str, params: list | dict | None = None) -> pl.DataFrame:
    """The result of one query (literal SQL, every value a bound parameter): from memory while
    the tables it reads are unchanged, else read from the warehouse and kept."""
    params = params or []
    if _cache_bytes() <= 0:
        return _read(sql, params)[1]
    question = (dt.datetime.now(dt.UTC).date(), _known_on.get(), sql, repr(params))
    while True:
        key = (_current_key(sql), *question)
        with _results_lock:
            if key in _results:
                _results.move_to_end(key)
                return _results[key].clone()
            waiting = _computing.get(key)
            if waiting is None:
                done = _computing[key] = threading.Event()
                break
        waiting.wait()  # then look again: the result is kept, or too large to keep
        with _results_lock:
            if key in _results:
                _results.move_to_end(key)
                return _results[key].clone()
        return _read(sql, params)[1]
    try:
        read_key, frame = _read(sql, params)
        # A load that finished between the two looks is read already: keep it under its key.
        _remember((read_key, *question), frame)
        return frame.clone()
    finally:
        with _results_lock:
            del _computing[key]
        done.set()


# Warehouses found to hold every object of this version (file versions, catalogs).
_current_schemas: set[tuple] = set()


def outdated_warehouse(clearance: Classification) -> str | None:
    """What to tell any viewer when the warehouse was built by another version, whose objects
    differ from those the pages read; None when it was built by this one. Checked once per file
    version, and for a catalog once (a rebuild publishes every object at once)."""
    with _versioned_cursor() as (query, location, version):
        where = (str(location), version)
        if where in _current_schemas:
            return None
        reason = outdated_reason(query, location)
        if reason is None:
            _current_schemas.add(where)
        return reason


@dataclass(frozen=True)
class DataVersion:
    """Which state of the warehouse figures were read from, for captions, downloads and briefing
    packs: a snapshot of a shared catalog, or the build of a local warehouse file."""

    snapshot_id: int | None
    changed_at: dt.datetime

    def __str__(self) -> str:
        when = f"{self.changed_at:%Y-%m-%d %H:%M:%S} UTC"
        if self.snapshot_id is None:
            return f"warehouse file of {when}"
        return f"catalog snapshot {self.snapshot_id} of {when}"


def data_version(clearance: Classification) -> DataVersion:
    """The state of the warehouse now read: the catalog snapshot (the one pinned by EMBARGO_AS_OF,
    else the newest), or the local file's modification time (UTC)."""
    location = current_location()
    if not isinstance(location, LakeCatalog):
        return DataVersion(None, dt.datetime.fromtimestamp(os.stat(location).st_mtime, dt.UTC))
    reading = _page_reading(location)
    if reading is not None:
        # The page run's snapshot, whose time is known once read: no cursor (a new cursor's
        # first statement on the catalog asks it for its newest snapshot).
        when = _snapshot_times.get((location.catalog, reading.snapshot_id))
        if when is not None:
            return DataVersion(reading.snapshot_id, when)
    with _cursor() as con:
        snapshot_id = _snapshot_id(con, location)
        when = _snapshot_times.get((location.catalog, snapshot_id))
        if when is None:
            # Listing the snapshots grows with every load: each one's time is read once.
            snapshot = current_snapshot(con, snapshot_id)
            snapshot_id, when = snapshot.snapshot_id, snapshot.snapshot_time.astimezone(dt.UTC)
            _snapshot_times[(location.catalog, snapshot_id)] = when
    return DataVersion(snapshot_id, when)


# When each catalog snapshot was committed, by catalog and snapshot id (it never changes).
_snapshot_times: dict[tuple[str, int], dt.datetime] = {}
