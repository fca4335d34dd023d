"""The query layer: the only code of the dashboard that talks to DuckDB.

Every function takes the viewer's clearance. Observed records (transfers, events, items, ...) are
filtered by it before anything is aggregated; the reference tables (embargoes, countries, shapes,
sources) are public facts and visible at every clearance. One read-only connection is shared per
process and each query takes its own cursor, since Streamlit runs each session on its own thread.
When the warehouse file is replaced by a rebuild, the next query reopens it; on a shared catalog
each query reads the newest complete snapshot, and within one page run (one_snapshot_per_page)
every query reads the snapshot the run began with.

Results are kept in memory per query and parameters (the viewer's clearance levels among them)
and per change id of every table the query reads, directly or through views and macros
(table_versions, which every write updates for the tables it changes): sessions that open the
same page on the same data share one computation, and a load makes the queries reading what it
changed read afresh while the others keep their results (a seizures file leaves the transfer
pages as they were). A query reading the engine's own catalog, or a warehouse built before
table_versions existed, is kept per state of the whole warehouse (the file's identity, or the
catalog snapshot the query read).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import duckdb
import polars as pl

from embargo.classification import Classification
from embargo.config import warehouse_location
from embargo.lake import LakeCatalog, current_snapshot, current_snapshot_id
from embargo.warehouse import (
    Location,
    connect_read_only,
    cursor,
    outdated_reason,
    tables_read,
)

_lock = threading.Condition()
_open: dict[Location, tuple[tuple[int, int] | None, duckdb.DuckDBPyConnection]] = {}
# Queries running on each open connection. When the warehouse file is replaced, the old
# connection is closed only once its running queries end (closing it at once would cut short
# other sessions' queries: "No open result set"); new queries wait for that, since DuckDB opens
# the new file only when no connection to the same path is left in the process.
_running: dict[duckdb.DuckDBPyConnection, int] = {}


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
    location = warehouse_location()
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
def _versioned_cursor() -> Iterator[
    tuple[duckdb.DuckDBPyConnection, Location, tuple[int, int] | None]
]:
    """A cursor, the warehouse it reads and the version of its file (None on a catalog)."""
    location = warehouse_location()
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
            _open[location] = (version, connect_read_only(location))
        con = _open[location][1]
        _running[con] = _running.get(con, 0) + 1
        query_cursor = cursor(con, location)
    try:
        yield query_cursor, location, version
    finally:
        query_cursor.close()
        with _lock:
            _running[con] -= 1
            _lock.notify_all()


# Query results by (warehouse, its state, day, query, parameters), least recently used first.
# The day is in the key because a few figures count from today (the age of open trace requests).
def _cache_bytes() -> int:
    """The cache's size: EMBARGO_QUERY_CACHE_MB (256 unless set; 0 turns it off)."""
    return int(os.environ.get("EMBARGO_QUERY_CACHE_MB", "256")) * 2**20


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
        _versions_by_state[state] = versions
        while len(_versions_by_state) > _STATES_KEPT:
            _versions_by_state.popitem(last=False)
    return versions


def _content_key(state: tuple, versions: dict[str, str] | None, sql: str) -> tuple:
    """What a query's result depends on: the change ids of the tables it reads, where the
    warehouse records them (a load that changes other tables leaves the result valid), else the
    whole state of the warehouse."""
    tables = tables_read(sql)
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
    location = warehouse_location()
    reading = _page_reading(location)
    if reading is not None:
        yield reading.query, location, None
        return
    with _versioned_cursor() as (query, location, version):
        if not isinstance(location, LakeCatalog):
            yield query, location, version
            return
        query.execute("BEGIN TRANSACTION")
        try:
            yield query, location, version
        finally:
            query.execute("ROLLBACK")


def _key_of(
    sql: str, query: duckdb.DuckDBPyConnection, location: Location, version: tuple | None
) -> tuple:
    """What the query's result depends on (_content_key), in the state `query` reads."""
    if isinstance(location, LakeCatalog):
        state = (location.catalog, location.data_path, _snapshot_id(query, location))
    else:
        state = (str(location), version)
    return _content_key(state, _versions_at(state, query), sql)


def _read(sql: str, params: list | dict) -> tuple[tuple, pl.DataFrame]:
    """Runs the query; returns what its result depends on (_content_key) and the result. On a
    catalog the snapshot, its table versions and the result come from one transaction, hence
    from the same snapshot."""
    with _reading() as (query, location, version):
        return _key_of(sql, query, location, version), query.execute(sql, params).pl()


def _current_key(sql: str) -> tuple:
    """What the query's result would depend on if it were read now, as _read names it."""
    with _reading() as (query, location, version):
        return _key_of(sql, query, location, version)


def _remember(key: tuple, frame: pl.DataFrame) -> None:
    global _results_bytes
    size, limit = frame.estimated_size(), _cache_bytes()
    if size * _LARGEST_SHARE > limit:
        return
    with _results_lock:
        if key in _results:
            return
        _results[key] = frame
        _results_bytes += size
        while _results_bytes > limit:
            _, dropped = _results.popitem(last=False)
            _results_bytes -= dropped.estimated_size()


def _frame(sql: str, params: list | dict | None = None) -> pl.DataFrame:
    params = params or []
    if _cache_bytes() <= 0:
        return _read(sql, params)[1]
    question = (dt.datetime.now(dt.UTC).date(), sql, repr(params))
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
    location = warehouse_location()
    if not isinstance(location, LakeCatalog):
        return DataVersion(None, dt.datetime.fromtimestamp(os.stat(location).st_mtime, dt.UTC))
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


# --- what is loaded --------------------------------------------------------------------------


def data_inventory(clearance: Classification) -> pl.DataFrame:
    """What is loaded, per source and table, counting only the loads the viewer may see (a
    load is as sensitive as the most sensitive record it brought in)."""
    return _frame(
        "WITH per_source AS (SELECT source_id, target_table, count(*) AS files_loaded, "
        "sum(rows_read) AS rows_read, sum(rows_loaded) AS rows_loaded, "
        "sum(rows_rejected) AS rows_rejected, max(finished_at) AS last_loaded_at "
        "FROM load_log JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, c.classification) GROUP BY source_id, target_table) "
        "SELECT s.source_id, s.title, s.publisher, s.is_synthetic, p.target_table, "
        "p.files_loaded, p.rows_read, p.rows_loaded, p.rows_rejected, p.last_loaded_at "
        "FROM per_source AS p JOIN source_registry AS s USING (source_id) "
        "ORDER BY s.is_synthetic, s.source_id, p.target_table",
        [clearance.visible_levels()],
    )


def synthetic_sources_loaded(clearance: Classification) -> list[str]:
    """Titles of the synthetic demo sources that have rows in the warehouse the viewer may see."""
    frame = data_inventory(clearance)
    frame = frame.filter(frame["is_synthetic"] & (frame["rows_loaded"] > 0))
    return sorted(frame["title"].unique().to_list())


def source_registry(clearance: Classification) -> pl.DataFrame:
    return _frame("SELECT * FROM source_registry ORDER BY is_synthetic, source_id")


def load_log(clearance: Classification) -> pl.DataFrame:
    """Every load the viewer may see (see load_classification)."""
    return _frame(
        "SELECT l.*, s.title AS source_title FROM load_log AS l "
        "JOIN source_registry AS s USING (source_id) "
        "JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, c.classification) ORDER BY l.started_at DESC",
        [clearance.visible_levels()],
    )


def rejects(clearance: Classification, limit: int = 5000) -> pl.DataFrame:
    """Rejected rows of the loads the viewer may see."""
    return _frame(
        "SELECT r.file_name, r.row_number, r.column_name, r.value, r.reason, r.load_id "
        "FROM rejects AS r JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, c.classification) "
        "ORDER BY r.file_name, r.row_number, r.column_name LIMIT ?",
        [clearance.visible_levels(), limit],
    )


def column_descriptions(clearance: Classification) -> pl.DataFrame:
    return _frame("SELECT * FROM column_descriptions")


# --- embargoes ---------------------------------------------------------------------------------


def embargo_key_figures(clearance: Classification, on_date: dt.date) -> pl.DataFrame:
    return _frame("SELECT * FROM embargo_key_figures(?)", [on_date])


def embargo_timeline(clearance: Classification) -> pl.DataFrame:
    return _frame("SELECT * FROM embargo_timeline")


def embargo_change_points(clearance: Classification) -> pl.DataFrame:
    return _frame("SELECT * FROM embargo_change_points")


def embargo_map(clearance: Classification, on_date: dt.date) -> pl.DataFrame:
    """Countries under a territorial embargo on the date, with the widest coverage in force."""
    return _frame(
        "SELECT m.*, s.country_name FROM embargo_map_on(?) AS m "
        "LEFT JOIN (SELECT DISTINCT country_iso3, country_name FROM map_country_shapes) AS s "
        "USING (country_iso3) ORDER BY m.country_iso3",
        [on_date],
    )


def country_shapes_geojson(clearance: Classification) -> dict:
    """Every country shape as one GeoJSON FeatureCollection, keyed by country code (or the
    Natural Earth code where the shape has no country code)."""
    frame = _frame("SELECT * FROM map_country_shapes")
    features = [
        {
            "type": "Feature",
            "id": row["country_iso3"] or row["adm0_a3"],
            "properties": {"name": row["country_name"]},
            "geometry": json.loads(row["geometry_geojson"]),
        }
        for row in frame.iter_rows(named=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def map_shape_keys(clearance: Classification) -> pl.DataFrame:
    return _frame(
        "SELECT coalesce(country_iso3, adm0_a3) AS shape_key, country_name FROM map_country_shapes"
    )


def embargo_choices(clearance: Classification) -> pl.DataFrame:
    return _frame(
        "SELECT embargo_id, timeline_label, start_date FROM embargo_timeline "
        "ORDER BY start_date DESC, embargo_id"
    )


def embargo_detail(clearance: Classification, embargo_id: str) -> dict:
    """One embargo with its coverage periods and its dated changes."""
    embargo = _frame("SELECT * FROM embargoes WHERE embargo_id = ?", [embargo_id])
    coverage = _frame(
        "SELECT direction, actor_scope, valid_from, valid_to, coverage, item_scope, citation, note "
        "FROM embargo_coverage WHERE embargo_id = ? "
        "ORDER BY direction DESC, actor_scope, valid_from",
        [embargo_id],
    )
    changes = _frame(
        "SELECT change_date, date_precision, change_kind, resolution, change "
        "FROM embargo_changes WHERE embargo_id = ? ORDER BY change_seq",
        [embargo_id],
    )
    countries = _frame(
        "SELECT t.country_iso3, c.country_name, t.note FROM embargo_target_countries AS t "
        "JOIN countries AS c USING (country_iso3) WHERE t.embargo_id = ? ORDER BY c.country_name",
        [embargo_id],
    )
    return {
        "embargo": embargo.row(0, named=True) if embargo.height else None,
        "coverage": coverage,
        "changes": changes,
        "countries": countries,
    }


def embargoes_applicable(
    clearance: Classification, country_iso3: str, on_date: dt.date
) -> pl.DataFrame:
    return _frame("SELECT * FROM embargoes_applicable(?, ?)", [country_iso3, on_date])


def country_choices(clearance: Classification) -> pl.DataFrame:
    """Countries a user can ask about, current ones first by name, then historical ones."""
    return _frame(
        "SELECT country_iso3, country_name, is_historical FROM countries "
        "ORDER BY is_historical, country_name"
    )


def embargoes_in_force(clearance: Classification, on_date: dt.date) -> pl.DataFrame:
    return _frame("SELECT * FROM embargoes_in_force_on(?)", [on_date])


# --- transfers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TransferFilters:
    """The Transfers and Flows page filters; empty tuples mean "all"."""

    supplier_codes: tuple[str, ...] = ()
    recipient_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    year_from: int = 1950
    year_to: int = 2100

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "suppliers": list(self.supplier_codes),
            "recipients": list(self.recipient_codes),
            "categories": list(self.categories),
            "sources": list(self.source_ids),
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }


def transfer_sources(clearance: Classification) -> pl.DataFrame:
    """The sources of the transfers the viewer may see, for filters and captions."""
    return _frame(
        "SELECT DISTINCT t.source_id, s.title, s.is_synthetic FROM transfers AS t "
        "JOIN source_registry AS s USING (source_id) WHERE list_contains(?, t.classification) "
        "ORDER BY t.source_id",
        [clearance.visible_levels()],
    )


def transfer_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    """What the transfer filters can offer: parties, categories, sources and the year range."""
    visible = [clearance.visible_levels()]
    parties = _frame(
        "SELECT role, country_iso3, coalesce(any_value(c.country_name), any_value(name)) AS name "
        "FROM (SELECT 'supplier' AS role, supplier_iso3 AS country_iso3, supplier_name AS name "
        "      FROM transfers WHERE list_contains(?, classification) "
        "      UNION ALL "
        "      SELECT 'recipient', recipient_iso3, recipient_name "
        "      FROM transfers WHERE list_contains(?, classification)) AS p "
        "LEFT JOIN countries AS c USING (country_iso3) "
        "WHERE country_iso3 IS NOT NULL GROUP BY role, country_iso3 ORDER BY name",
        visible * 2,
    )
    sources = transfer_sources(clearance)
    years = _frame(
        "SELECT min(coalesce(delivery_year, order_year)) AS first_year, "
        "max(coalesce(delivery_year, order_year)) AS last_year FROM transfers "
        "WHERE list_contains(?, classification)",
        visible,
    )
    categories = _frame(
        "SELECT DISTINCT category FROM transfers WHERE list_contains(?, classification) "
        "ORDER BY category",
        visible,
    )
    return {"parties": parties, "sources": sources, "years": years, "categories": categories}


def transfers_table(
    clearance: Classification, filters: TransferFilters, limit: int = 2000
) -> pl.DataFrame:
    return _frame(
        "SELECT transfer_id, source_id, supplier_name, supplier_iso3, recipient_name, "
        "recipient_iso3, recipient_actor_type, category, designation, description, order_year, "
        "delivery_year, quantity, value, value_unit, status, file_name, source_row_number, "
        "load_id FROM transfers_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to) "
        "ORDER BY delivery_year DESC NULLS LAST, transfer_id LIMIT $limit",
        filters.params(clearance, limit=limit),
    )


def transfers_count(clearance: Classification, filters: TransferFilters) -> int:
    frame = _frame(
        "SELECT count(*) AS n FROM transfers_filtered("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to)",
        filters.params(clearance),
    )
    return int(frame["n"][0])


def transfer_totals_by_year(clearance: Classification, filters: TransferFilters) -> pl.DataFrame:
    return _frame(
        "SELECT * FROM transfer_totals_by_year("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to)",
        filters.params(clearance),
    )


def transfer_flows(
    clearance: Classification, filters: TransferFilters, top: int = 40
) -> pl.DataFrame:
    return _frame(
        "SELECT * FROM transfer_flows("
        "$visible, $suppliers, $recipients, $categories, $sources, $year_from, $year_to) "
        "LIMIT $top",
        filters.params(clearance, top=top),
    )


def embargoed_countries_in_year(clearance: Classification, year: int) -> pl.DataFrame:
    return _frame("SELECT * FROM embargoed_countries_in_year(?)", [year])


# --- screening ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningFilters:
    embargo_ids: tuple[str, ...] = ()
    verdicts: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    year_from: int = 1950
    year_to: int = 2100

    def params(self, clearance: Classification) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "embargo_ids": list(self.embargo_ids),
            "verdicts": list(self.verdicts),
            "sources": list(self.source_ids),
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


def screening_summary(clearance: Classification, filters: ScreeningFilters) -> pl.DataFrame:
    """Screened deliveries counted by embargo, verdict and kind of reason, most serious first,
    with the years concerned and one full reason as an example."""
    return _frame(
        "SELECT embargo_short_name, embargo_id, verdict, reason_kind, "
        "count(*) AS deliveries, sum(quantity) AS items, "
        "min(delivery_year) AS first_year, max(delivery_year) AS last_year, "
        "string_agg(DISTINCT citation, ' | ' ORDER BY citation) AS citations, "
        # The same example on every run: a figure shown twice must read the same.
        "min(reason) AS example_reason "
        "FROM screening_filtered("
        "$visible, $embargo_ids, $verdicts, $sources, $year_from, $year_to) "
        "GROUP BY embargo_short_name, embargo_id, verdict, reason_kind "
        "ORDER BY list_position(['violation_indicator', 'exemption_check', 'partial_overlap', "
        "'outside_window'], verdict), embargo_short_name, deliveries DESC, reason_kind",
        filters.params(clearance),
    )


def screening_rows(
    clearance: Classification, filters: ScreeningFilters, limit: int | None = None
) -> pl.DataFrame:
    """Screened deliveries, most serious verdict first; at most `limit` rows when given."""
    return _frame(
        "SELECT transfer_id, source, supplier, supplier_iso3, recipient, recipient_iso3, "
        "recipient_actor_type, weapon_description, delivery_year, quantity, embargo_id, "
        "embargo_start, embargo_end, window_overlap, verdict, reason_kind, reason, citation, "
        "file_name, "
        "source_row_number FROM screening_filtered("
        "$visible, $embargo_ids, $verdicts, $sources, $year_from, $year_to) "
        "ORDER BY list_position(['violation_indicator', 'exemption_check', 'partial_overlap', "
        "'outside_window'], verdict), embargo_id, delivery_year, transfer_id "
        "LIMIT coalesce($limit, 9223372036854775807)",
        {**filters.params(clearance), "limit": limit},
    )


def screening_by_year(clearance: Classification, filters: ScreeningFilters) -> pl.DataFrame:
    return _frame(
        "SELECT embargo_short_name, delivery_year, verdict, count(*) AS deliveries "
        "FROM screening_filtered("
        "$visible, $embargo_ids, $verdicts, $sources, $year_from, $year_to) "
        "GROUP BY ALL ORDER BY ALL",
        filters.params(clearance),
    )


def screening_embargo_choices(clearance: Classification) -> pl.DataFrame:
    return _frame(
        "SELECT DISTINCT s.embargo_id, e.short_name || ' ' || year(e.start_date) AS label "
        "FROM transfer_screening_results AS s JOIN embargoes AS e USING (embargo_id) "
        "WHERE list_contains(?, s.classification) ORDER BY label",
        [clearance.visible_levels()],
    )


def register_mirror(clearance: Classification, filters: TransferFilters) -> pl.DataFrame:
    """Exporter- against importer-reported numbers (UN Register, ATT) under the page filters."""
    return _frame(
        "SELECT * FROM register_mirror_filtered("
        "$visible, $suppliers, $recipients, $categories, $year_from, $year_to)",
        {key: value for key, value in filters.params(clearance).items() if key != "sources"},
    )


# --- seized and recovered materiel -------------------------------------------------------------


@dataclass(frozen=True)
class SeizureFilters:
    """Hotspots and Trends page filters; empty tuples mean "all"."""

    date_from: dt.date = dt.date(1990, 1, 1)
    date_to: dt.date = dt.date(2100, 1, 1)
    contexts: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "contexts": list(self.contexts),
            "categories": list(self.categories),
            "entities": list(self.entities),
            **extra,
        }


def seizure_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    visible = [clearance.visible_levels()]
    values = _frame(
        "SELECT DISTINCT kind, value FROM seizure_event_category_counts, "
        "LATERAL (VALUES ('context', context), ('category', category), "
        "('entity', reporting_entity)) AS v(kind, value) "
        "WHERE list_contains(?, classification) ORDER BY 1, 2",
        visible,
    )
    dates = _frame(
        "SELECT min(event_date) AS first_date, max(event_date) AS last_date "
        "FROM seizure_event_category_counts WHERE list_contains(?, classification)",
        visible,
    )
    return {"values": values, "dates": dates}


# No map sends more features (shapes, cells, markers) than this to the browser.
MAP_FEATURE_LIMIT = 5000


def hotspot_cells(
    clearance: Classification,
    filters: SeizureFilters,
    cell_degrees: float,
    limit: int = MAP_FEATURE_LIMIT,
) -> pl.DataFrame:
    """Grid cells to draw, at most `limit` (the largest), so the browser gets a bounded map."""
    return _frame(
        "SELECT * FROM hotspot_cells($visible, $date_from, $date_to, $contexts, $categories, "
        "$entities, $cell_degrees) LIMIT $limit",
        filters.params(clearance, cell_degrees=cell_degrees, limit=limit),
    )


def seizures_by_country(clearance: Classification, filters: SeizureFilters) -> pl.DataFrame:
    return _frame(
        "SELECT s.*, c.country_name FROM seizures_by_country($visible, $date_from, $date_to, "
        "$contexts, $categories, $entities) AS s LEFT JOIN countries AS c USING (country_iso3) "
        "ORDER BY s.events DESC, s.country_iso3",
        filters.params(clearance),
    )


def emerging_hotspots(
    clearance: Classification,
    filters: SeizureFilters,
    cell_degrees: float,
    as_of: dt.date,
    recent_months: int,
    baseline_months: int,
) -> pl.DataFrame:
    return _frame(
        "SELECT * FROM emerging_hotspots($visible, $contexts, $categories, $entities, "
        "$cell_degrees, $as_of, $recent_months, $baseline_months)",
        {
            key: value
            for key, value in filters.params(
                clearance,
                cell_degrees=cell_degrees,
                as_of=as_of,
                recent_months=recent_months,
                baseline_months=baseline_months,
            ).items()
            if key not in ("date_from", "date_to")
        },
    )


def seizure_monthly(
    clearance: Classification, filters: SeizureFilters, country: str | None, dimension: str
) -> pl.DataFrame:
    return _frame(
        "SELECT * FROM seizure_monthly($visible, $country, $date_from, $date_to, $contexts, "
        "$categories, $entities, $dimension)",
        filters.params(clearance, country=country, dimension=dimension),
    )


def embargo_change_points_for_country(clearance: Classification, country: str) -> pl.DataFrame:
    """Imposition, changes and ends of the embargoes on a country, for drawing on time axes."""
    return _frame(
        "SELECT p.* FROM embargo_change_points AS p WHERE p.embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "AND p.change_kind IN ('imposed', 'entry_into_force', 'exemption_change', "
        "'scope_change', 'suspension', 'reinstatement', 'ended') ORDER BY change_point_date",
        [country],
    )


def fresh_supply_indicator(clearance: Classification) -> pl.DataFrame:
    return _frame("SELECT * FROM fresh_supply_indicator(?)", [clearance.visible_levels()])


def fresh_supply_items(
    clearance: Classification, embargo_id: str, limit: int | None = None
) -> pl.DataFrame:
    """The dated items behind one embargo's fresh-supply figure, fresh ones and the most recently
    made first; at most `limit` rows when given (the full set is for the CSV download)."""
    return _frame(
        "SELECT * FROM fresh_supply_items WHERE list_contains(?, classification) "
        "AND embargo_id = ? "
        "ORDER BY made_after_embargo_start DESC, manufacture_year DESC, event_date DESC, "
        "item_line_uid LIMIT coalesce(?, 9223372036854775807)",
        [clearance.visible_levels(), embargo_id, limit],
    )


def trace_requests(clearance: Classification, limit: int | None = None) -> pl.DataFrame:
    """Trace requests, the most recently sent first; at most `limit` rows when given (the full
    set is for the CSV download)."""
    return _frame(
        "SELECT trace_id, event_id, serial_number, requesting_entity, addressed_to, date_sent, "
        "date_response, status, age_days, response_days, last_legal_recipient_iso3, "
        "last_legal_recipient_entity, transfer_year, diversion_point, transfer_ref, "
        "file_name, source_row_number FROM trace_request_status "
        "WHERE list_contains(?, classification) ORDER BY date_sent DESC, trace_id "
        "LIMIT coalesce(?, 9223372036854775807)",
        [clearance.visible_levels(), limit],
    )


def tracing_by_addressee(clearance: Classification) -> pl.DataFrame:
    return _frame("SELECT * FROM tracing_by_addressee(?)", [clearance.visible_levels()])


def sdg_16_4_2(clearance: Classification) -> pl.DataFrame:
    return _frame(
        "SELECT s.*, c.country_name FROM sdg_16_4_2(?) AS s "
        "LEFT JOIN countries AS c USING (country_iso3) ORDER BY s.country_iso3, s.year",
        [clearance.visible_levels()],
    )


def item_search(clearance: Classification, search_text: str, limit: int = 500) -> pl.DataFrame:
    return _frame(
        "SELECT * FROM item_search(?, ?, max_rows := ?)",
        [clearance.visible_levels(), search_text, limit],
    )


def item_trace_history(clearance: Classification, serial_normalized: str) -> pl.DataFrame:
    return _frame(
        "SELECT trace_id, requesting_entity, addressed_to, date_sent, date_response, status, "
        "last_legal_recipient_iso3, last_legal_recipient_entity, transfer_year, diversion_point, "
        "transfer_ref FROM trace_request_status WHERE serial_normalized = ? "
        "AND list_contains(?, classification) ORDER BY date_sent",
        [serial_normalized, clearance.visible_levels()],
    )


def item_transfer_candidates(clearance: Classification, item_line_uids: list[str]) -> pl.DataFrame:
    """Candidate transfers for the given item lines; both the item and the transfer must be
    visible to the viewer."""
    visible = clearance.visible_levels()
    return _frame(
        "SELECT * FROM item_transfer_candidates WHERE list_contains(?, item_line_uid) "
        "AND list_contains(?, item_classification) AND list_contains(?, transfer_classification) "
        "ORDER BY confirmed DESC, score DESC, item_line_uid, transfer_id",
        [item_line_uids, visible, visible],
    )


# --- panel findings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingFilters:
    """Findings page filters; empty tuples mean "all"."""

    embargo_ids: tuple[str, ...] = ()
    finding_types: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    year_from: int = 1990
    year_to: int = 2100

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "embargo_ids": list(self.embargo_ids),
            "finding_types": list(self.finding_types),
            "confidences": list(self.confidences),
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }


_FINDINGS = (
    "panel_findings_filtered($visible, $embargo_ids, $finding_types, $confidences, $year_from, "
    "$year_to)"
)


def finding_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    """Panels (embargo episodes), types, confidences and years among the visible findings."""
    visible = [clearance.visible_levels()]
    panels = _frame(
        "SELECT f.embargo_id, e.short_name, count(*) AS findings FROM panel_findings AS f "
        "JOIN embargoes AS e USING (embargo_id) WHERE list_contains(?, f.classification) "
        "GROUP BY ALL ORDER BY e.short_name, f.embargo_id",
        visible,
    )
    values = _frame(
        "SELECT DISTINCT 'finding_type' AS kind, finding_type AS value FROM panel_findings "
        "WHERE list_contains(?, classification) UNION SELECT DISTINCT 'confidence', confidence "
        "FROM panel_findings WHERE list_contains(?, classification) ORDER BY 1, 2",
        visible * 2,
    )
    years = _frame(
        "SELECT min(year(document_date)) AS first_year, max(year(document_date)) AS last_year "
        "FROM panel_findings WHERE list_contains(?, classification)",
        visible,
    )
    return {"panels": panels, "values": values, "years": years}


def findings_table(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    """The visible findings with how many of their references link to something the viewer may
    see, newest document first."""
    return _frame(
        f"WITH f AS (SELECT * FROM {_FINDINGS}), "  # noqa: S608 (fixed text, bound parameters)
        "links AS (SELECT finding_uid, "
        "count(DISTINCT matched_id) FILTER (WHERE matched_kind = 'seizure_event') AS events, "
        "count(DISTINCT matched_id) FILTER (WHERE matched_kind = 'seizure_item') AS items, "
        "count(DISTINCT matched_id) FILTER (WHERE matched_kind = 'sanctioned_party') AS parties "
        "FROM panel_finding_links WHERE list_contains($visible, matched_classification) "
        "GROUP BY finding_uid) "
        "SELECT f.finding_uid, f.embargo_id, e.short_name AS panel_name, f.document_symbol, "
        "f.document_date, f.paragraph, f.annex, f.finding_type, f.confidence, f.target_iso3, "
        "f.summary, coalesce(l.events, 0) AS events, coalesce(l.items, 0) AS items, "
        "coalesce(l.parties, 0) AS listed_parties, f.classification, f.file_name, "
        "f.source_row_number FROM f JOIN embargoes AS e USING (embargo_id) "
        "LEFT JOIN links AS l USING (finding_uid) "
        "ORDER BY f.document_date DESC, f.document_symbol, f.finding_uid",
        filters.params(clearance),
    )


def findings_by_year(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    return _frame(
        f"SELECT document_year, finding_type, count(*) AS findings FROM {_FINDINGS} "  # noqa: S608
        "GROUP BY ALL ORDER BY ALL",
        filters.params(clearance),
    )


def findings_by_panel(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    return _frame(
        "SELECT e.short_name AS panel_name, f.confidence, count(*) AS findings "  # noqa: S608
        f"FROM {_FINDINGS} AS f JOIN embargoes AS e USING (embargo_id) "
        "GROUP BY ALL ORDER BY ALL",
        filters.params(clearance),
    )


def finding_event_points(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    """Seizure events linked to the visible findings, one point per event with the findings
    that cite it; both the finding and the event must be visible."""
    return _frame(
        f"WITH f AS (SELECT * FROM {_FINDINGS}) "  # noqa: S608 (fixed text, bound parameters)
        "SELECT e.event_uid, e.event_id, e.event_date, e.country_iso3, e.location_name, "
        "e.latitude, e.longitude, e.reporting_entity, count(DISTINCT f.finding_uid) AS findings, "
        "string_agg(DISTINCT f.document_symbol || ' ' || "
        "coalesce('para. ' || f.paragraph, 'annex ' || f.annex), '; ' "
        "ORDER BY f.document_symbol || ' ' || coalesce('para. ' || f.paragraph, 'annex ' || "
        "f.annex)) AS cited_in, "
        "min(f.finding_type) AS finding_type "
        "FROM f JOIN panel_finding_links AS l USING (finding_uid) "
        "JOIN seizure_events AS e ON e.event_uid = l.matched_id "
        "WHERE l.matched_kind = 'seizure_event' AND list_contains($visible, e.classification) "
        "AND e.latitude IS NOT NULL GROUP BY ALL ORDER BY e.event_date LIMIT 5000",
        filters.params(clearance),
    )


def finding_linked_records(clearance: Classification, finding_uid: str) -> pl.DataFrame:
    """The seizure events and item lines one finding cites, each visible to the viewer."""
    visible = clearance.visible_levels()
    return _frame(
        "WITH l AS (SELECT * FROM panel_finding_links WHERE finding_uid = $finding "
        "AND list_contains($visible, finding_classification) "
        "AND list_contains($visible, matched_classification)) "
        "SELECT 'event' AS record, l.reference AS cited_as, e.event_uid, e.event_date, "
        "e.country_iso3, e.location_name, e.latitude, e.longitude, e.context, "
        "NULL AS serial_number, NULL AS item, e.reporting_entity, e.source_document, "
        "e.file_name, e.source_row_number FROM l JOIN seizure_events AS e "
        "ON e.event_uid = l.matched_id WHERE l.matched_kind = 'seizure_event' "
        "UNION ALL SELECT 'item', l.reference, e.event_uid, e.event_date, e.country_iso3, "
        "e.location_name, e.latitude, e.longitude, e.context, i.serial_number, "
        "concat_ws(' ', i.manufacturer, i.model, i.calibre), e.reporting_entity, "
        "e.source_document, i.file_name, i.source_row_number FROM l "
        "JOIN seizure_items AS i ON i.item_line_uid = l.matched_id "
        "JOIN seizure_events AS e USING (event_uid) WHERE l.matched_kind = 'seizure_item' "
        "ORDER BY 1, 4",
        {"finding": finding_uid, "visible": visible},
    )


def finding_listed_parties(clearance: Classification, finding_uid: str) -> pl.DataFrame:
    """Parties on the sanctions list that an entity named by the finding matches (by listed
    name or alias)."""
    return _frame(
        "SELECT l.reference AS named_as, p.reference_number, p.name, p.party_type, "
        "p.un_list_type, p.embargo_id, p.listed_on, p.nationality, p.file_name "
        "FROM panel_finding_links AS l JOIN sanctioned_parties AS p "
        "ON p.reference_number = l.matched_id WHERE l.finding_uid = ? "
        "AND l.matched_kind = 'sanctioned_party' AND list_contains(?, l.finding_classification) "
        "AND list_contains(?, p.classification) ORDER BY l.position, p.reference_number",
        [finding_uid, clearance.visible_levels(), clearance.visible_levels()],
    )


def finding_references(clearance: Classification, finding_uid: str) -> pl.DataFrame:
    """Every State, entity, event and serial the finding names, and whether it matched."""
    return _frame(
        "SELECT reference_kind, reference, "
        "count(matched_id) FILTER (WHERE list_contains($visible, matched_classification)) "
        "AS matches FROM panel_finding_links WHERE finding_uid = $finding "
        "AND list_contains($visible, finding_classification) GROUP BY ALL "
        "ORDER BY reference_kind, min(position)",
        {"finding": finding_uid, "visible": clearance.visible_levels()},
    )


def findings_unmatched(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    """References of the visible findings that match nothing the viewer may see: a reference
    matching only records above the clearance is listed as unmatched, so the list does not
    betray that such records exist."""
    return _frame(
        "SELECT f.finding_id, f.embargo_id, f.document_symbol, l.reference_kind, "  # noqa: S608
        f"l.reference, f.file_name, f.source_row_number FROM {_FINDINGS} AS f "
        "JOIN panel_finding_links AS l USING (finding_uid) "
        "GROUP BY f.finding_id, f.embargo_id, f.document_symbol, l.reference_kind, l.position, "
        "l.reference, f.file_name, f.source_row_number "
        "HAVING count(l.matched_id) "
        "FILTER (WHERE list_contains($visible, l.matched_classification)) = 0 "
        "ORDER BY f.embargo_id, f.finding_id, l.reference_kind, l.position",
        filters.params(clearance),
    )


# --- uploads ------------------------------------------------------------------------------------


def load_report(clearance: Classification, load_ids: list[str]) -> dict[str, pl.DataFrame]:
    """The loads of an upload and their rejected rows, as far as the viewer may see them."""
    visible = clearance.visible_levels()
    loads = _frame(
        "SELECT l.load_id, l.file_name, l.file_format, l.target_table, l.rows_read, "
        "l.rows_loaded, l.rows_rejected, l.file_sha256 FROM load_log AS l "
        "JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, l.load_id) AND list_contains(?, c.classification) "
        "ORDER BY l.file_name",
        [load_ids, visible],
    )
    rejected = _frame(
        "SELECT r.file_name, r.row_number, r.column_name, r.value, r.reason, r.load_id "
        "FROM rejects AS r JOIN load_classification_stored AS c USING (load_id) "
        "WHERE list_contains(?, r.load_id) AND list_contains(?, c.classification) "
        "ORDER BY r.file_name, r.row_number, r.column_name",
        [load_ids, visible],
    )
    return {"loads": loads, "rejects": rejected}


# --- country profile ---------------------------------------------------------------------------
# One country or embargoed territory at a time. Records count when their year falls in
# [year_from, year_to]: delivery year for transfers, event year for seizures, year sent for trace
# requests. The embargo history is shown whole.

# The imports baseline: this many calendar years before the year an embargo was imposed.
BASELINE_YEARS = 5


@dataclass(frozen=True)
class ProfileScope:
    """The country and years a profile or briefing pack covers."""

    country_iso3: str
    year_from: int = 1950
    year_to: int = 2100

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "country": self.country_iso3,
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }


def profile_country_choices(clearance: Classification) -> pl.DataFrame:
    """Countries and territories under (or once under) a UN arms embargo, by name, with the number
    of embargoes on record; regimes on listed parties anywhere name no country."""
    return _frame(
        "SELECT t.country_iso3, c.country_name, c.is_historical, "
        "count(DISTINCT t.embargo_id) AS embargoes FROM embargo_target_codes AS t "
        "JOIN countries AS c USING (country_iso3) "
        "GROUP BY ALL ORDER BY c.is_historical, c.country_name"
    )


def country_name(clearance: Classification, country_iso3: str) -> str | None:
    frame = _frame("SELECT country_name FROM countries WHERE country_iso3 = ?", [country_iso3])
    return frame["country_name"][0] if frame.height else None


def country_embargoes(clearance: Classification, country_iso3: str) -> pl.DataFrame:
    """Every embargo whose target includes the country, in start order, as embargo_timeline
    gives it (span, kind, imposing and ending resolutions, number of changes)."""
    return _frame(
        "SELECT t.* FROM embargo_timeline AS t "
        "WHERE t.embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "ORDER BY t.start_date, t.embargo_id",
        [country_iso3],
    )


def country_embargo_changes(clearance: Classification, country_iso3: str) -> pl.DataFrame:
    """Every dated change of those embargoes with the resolution that made it."""
    return _frame(
        "SELECT c.embargo_id, e.short_name AS embargo_short_name, c.change_seq, c.change_date, "
        "c.date_precision, c.change_kind, c.resolution, c.change FROM embargo_changes AS c "
        "JOIN embargoes AS e USING (embargo_id) "
        "WHERE c.embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "ORDER BY e.start_date, c.embargo_id, c.change_seq",
        [country_iso3],
    )


def imports_around_embargoes(
    clearance: Classification, country_iso3: str, as_of: dt.date
) -> pl.DataFrame:
    """Registered imports per source in the baseline years before each embargo and while it
    applied (macro imports_around_embargoes), with the source's title."""
    return _frame(
        "SELECT i.*, s.title AS source_title FROM imports_around_embargoes(?, ?, ?, ?) AS i "
        "JOIN source_registry AS s USING (source_id) "
        "ORDER BY i.embargo_start, i.embargo_id, i.source_id, i.period",
        [clearance.visible_levels(), country_iso3, BASELINE_YEARS, as_of],
    )


def country_imports_by_year(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Registered deliveries to the country per year and source: rows, items and SIPRI TIV."""
    return _frame(
        "SELECT delivery_year, source_id, count(*) AS deliveries, sum(quantity) AS items, "
        "sum(value) FILTER (WHERE value_unit = 'TIV') AS tiv FROM transfers "
        "WHERE recipient_iso3 = $country AND delivery_year BETWEEN $year_from AND $year_to "
        "AND NOT is_nil_report AND list_contains($visible, classification) "
        "GROUP BY ALL ORDER BY delivery_year, source_id",
        scope.params(clearance),
    )


def country_top_suppliers(
    clearance: Classification, scope: ProfileScope, limit: int = 10
) -> pl.DataFrame:
    """The largest suppliers of registered deliveries to the country, per source."""
    return _frame(
        "SELECT t.source_id, t.supplier_iso3, "
        "coalesce(any_value(c.country_name), any_value(t.supplier_name)) AS supplier, "
        "count(*) AS deliveries, sum(t.quantity) AS items, "
        "sum(t.value) FILTER (WHERE t.value_unit = 'TIV') AS tiv, "
        "min(t.delivery_year) AS first_year, max(t.delivery_year) AS last_year "
        "FROM transfers AS t LEFT JOIN countries AS c ON c.country_iso3 = t.supplier_iso3 "
        "WHERE t.recipient_iso3 = $country AND t.delivery_year BETWEEN $year_from AND $year_to "
        "AND NOT t.is_nil_report AND list_contains($visible, t.classification) "
        "GROUP BY t.source_id, t.supplier_iso3 "
        "ORDER BY tiv DESC NULLS LAST, items DESC NULLS LAST, supplier LIMIT $limit",
        scope.params(clearance, limit=limit),
    )


# The counts of the country's documented items, after the column they are counted by.
_ITEM_COUNTS = (
    "count(*) AS item_lines, "
    "coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0) AS items, "
    "coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) AS rounds "
    "FROM seizure_item_facts WHERE country_iso3 = $country "
    "AND event_year BETWEEN $year_from AND $year_to "
    "AND list_contains($visible, classification) "
    "GROUP BY ALL ORDER BY item_lines DESC, 1"
)


def country_seized_items(clearance: Classification, scope: ProfileScope) -> dict[str, pl.DataFrame]:
    """Documented items (lines, items, rounds) in the country by category, by country of
    manufacture and by year of manufacture (or headstamp year)."""
    params = scope.params(clearance)
    return {
        "category": _frame(f"SELECT category, {_ITEM_COUNTS}", params),
        "origin": _frame(
            f"SELECT coalesce(country_of_manufacture, 'unknown') AS origin, {_ITEM_COUNTS}",
            params,
        ),
        "manufacture_year": _frame(f"SELECT manufacture_year, {_ITEM_COUNTS}", params).sort(
            "manufacture_year", nulls_last=True
        ),
    }


def country_seizure_totals(clearance: Classification, scope: ProfileScope) -> dict:
    frame = _frame(
        "SELECT count(DISTINCT event_uid) AS events, count(*) AS item_lines, "
        "coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0) AS items, "
        "coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) AS rounds, "
        "min(event_date) AS first_date, max(event_date) AS last_date "
        "FROM seizure_item_facts WHERE country_iso3 = $country "
        "AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification)",
        scope.params(clearance),
    )
    return frame.row(0, named=True)


def country_seizure_places(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Seizure events with coordinates, one row per place, for the country map."""
    return _frame(
        "SELECT location_name, round(latitude, 3) AS latitude, round(longitude, 3) AS longitude, "
        "count(DISTINCT event_uid) AS events, count(*) AS item_lines "
        "FROM seizure_item_facts WHERE country_iso3 = $country AND latitude IS NOT NULL "
        "AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "GROUP BY ALL ORDER BY events DESC, location_name",
        scope.params(clearance),
    )


def country_seizure_documents(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """The documents the country's seizure records cite, with paragraphs and item lines."""
    return _frame(
        "SELECT source_document, string_agg(DISTINCT source_paragraph, ', ' "
        "ORDER BY source_paragraph) AS paragraphs, count(*) AS item_lines "
        "FROM seizure_item_facts WHERE country_iso3 = $country AND source_document IS NOT NULL "
        "AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "GROUP BY source_document ORDER BY item_lines DESC, source_document",
        scope.params(clearance),
    )


def country_fresh_supply(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """The fresh-supply indicator (as fresh_supply_indicator counts it) for the items documented
    in the country while each embargo on it applied (from the stored counts)."""
    return _frame(
        "SELECT embargo_id, any_value(embargo_short_name) AS embargo_short_name, "
        "any_value(embargo_start) AS embargo_start, "
        "CAST(sum(item_lines) AS BIGINT) AS dated_lines, "
        "CAST(coalesce(sum(item_lines) FILTER (WHERE made_after_embargo_start), 0) AS BIGINT) "
        "AS fresh_lines, "
        "CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'weapon'), 0) AS BIGINT) "
        "AS dated_weapons, "
        "CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'weapon' "
        "AND made_after_embargo_start), 0) AS BIGINT) AS fresh_weapons, "
        "CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'ammunition'), 0) AS BIGINT) "
        "AS dated_ammunition_lots, "
        "CAST(coalesce(sum(item_lines) FILTER (WHERE item_kind = 'ammunition' "
        "AND made_after_embargo_start), 0) AS BIGINT) AS fresh_ammunition_lots, "
        "round(coalesce(sum(item_lines) FILTER (WHERE made_after_embargo_start), 0) "
        "/ sum(item_lines), 4) AS fresh_share, "
        "max(latest_manufacture_year) AS latest_manufacture_year FROM fresh_supply_counts "
        "WHERE list_contains($visible, classification) AND country_iso3 = $country "
        "AND event_year BETWEEN $year_from AND $year_to "
        "GROUP BY embargo_id ORDER BY embargo_start, embargo_id",
        scope.params(clearance),
    )


def country_tracing_outcomes(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Trace requests about items documented in the country, by status, with answers and
    established origins."""
    return _frame(
        "SELECT t.status, count(*) AS requests, count(*) FILTER (WHERE t.answered) AS answered, "
        "count(*) FILTER (WHERE t.origin_established) AS origin_established, "
        "median(t.response_days) FILTER (WHERE t.answered) AS median_response_days "
        "FROM trace_request_status AS t JOIN seizure_events AS e USING (event_uid) "
        "WHERE e.country_iso3 = $country AND year(t.date_sent) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, t.classification) "
        "GROUP BY t.status ORDER BY list_position(['responded', 'partial', 'pending', "
        "'no_response', 'declined'], t.status)",
        scope.params(clearance),
    )


def country_sdg_16_4_2(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    return _frame(
        "SELECT year, numerator, denominator, proportion FROM sdg_16_4_2($visible) "
        "WHERE country_iso3 = $country AND year BETWEEN $year_from AND $year_to ORDER BY year",
        scope.params(clearance),
    )


def country_profile_sources(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Which loaded files each profile block draws on: source title, file, load date, rows used
    and the most sensitive classification among them (public for the reference tables)."""
    return _frame(
        """
        WITH used AS (
            SELECT 'embargoes' AS block, load_id, 'public' AS classification, count(*) AS rows_used
            FROM embargoes WHERE embargo_id IN
                (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $country)
            GROUP BY ALL
            UNION ALL
            SELECT 'embargoes', load_id, 'public', count(*) FROM embargo_changes
            WHERE embargo_id IN
                (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $country)
            GROUP BY ALL
            UNION ALL
            SELECT 'transfers', load_id, classification, count(*) FROM transfers
            WHERE recipient_iso3 = $country AND delivery_year IS NOT NULL AND NOT is_nil_report
              AND list_contains($visible, classification)
            GROUP BY ALL
            UNION ALL
            SELECT 'seizures', load_id, classification, count(*) FROM seizure_item_facts
            WHERE country_iso3 = $country AND event_year BETWEEN $year_from AND $year_to
              AND list_contains($visible, classification)
            GROUP BY ALL
            UNION ALL
            SELECT 'traces', t.load_id, t.classification, count(*)
            FROM trace_requests AS t JOIN seizure_events AS e USING (event_uid)
            WHERE e.country_iso3 = $country AND year(t.date_sent) BETWEEN $year_from AND $year_to
              AND list_contains($visible, t.classification)
            GROUP BY ALL
            UNION ALL
            SELECT 'findings', load_id, classification, count(*) FROM panel_findings
            WHERE (target_iso3 = $country OR embargo_id IN
                    (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $country))
              AND year(document_date) BETWEEN $year_from AND $year_to
              AND list_contains($visible, classification)
            GROUP BY ALL
            UNION ALL
            SELECT 'parties', load_id, classification, count(*) FROM sanctioned_parties
            WHERE embargo_id IN
                    (SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $country)
              AND list_contains($visible, classification)
            GROUP BY ALL
            UNION ALL
            SELECT 'conflict', load_id, classification, count(*) FROM conflict_events
            WHERE country_iso3 = $country AND year(event_date) BETWEEN $year_from AND $year_to
              AND list_contains($visible, classification)
            GROUP BY ALL
        )
        SELECT u.block, s.source_id, s.title, s.citation, s.is_synthetic, l.file_name,
               l.finished_at AS loaded_at, sum(u.rows_used) AS rows_used,
               list_sort(list(DISTINCT u.classification)) AS classifications
        FROM used AS u
        JOIN load_log AS l USING (load_id)
        JOIN source_registry AS s ON s.source_id = l.source_id
        GROUP BY ALL ORDER BY u.block, s.is_synthetic, s.source_id, l.file_name
        """,
        scope.params(clearance),
    )


def country_panel_findings(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Findings of the panels on the country's embargoes, or naming it as target, newest first,
    each with its document symbol, paragraph and annex."""
    return _frame(
        "SELECT document_symbol, document_date, paragraph, annex, finding_type, confidence, "
        "summary, finding_id, panel, embargo_id, target_iso3, classification FROM panel_findings "
        "WHERE (target_iso3 = $country OR embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $country)) "
        "AND year(document_date) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "ORDER BY document_date DESC, document_symbol, finding_id",
        scope.params(clearance),
    )


def country_listed_parties(clearance: Classification, country_iso3: str) -> pl.DataFrame:
    """Individuals and entities listed under the sanctions regimes of the country's embargoes."""
    return _frame(
        "SELECT reference_number, name, party_type, un_list_type, listed_on, nationality_iso3, "
        "embargo_id FROM sanctioned_parties WHERE embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "AND list_contains(?, classification) ORDER BY listed_on, reference_number",
        [country_iso3, clearance.visible_levels()],
    )


def country_conflict_by_year(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Conflict events in the country per year and source: events and fatalities."""
    return _frame(
        "SELECT year(event_date) AS year, source, count(*) AS events, "
        "sum(fatalities) AS fatalities FROM conflict_events WHERE country_iso3 = $country "
        "AND year(event_date) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) GROUP BY ALL ORDER BY year, source",
        scope.params(clearance),
    )


def country_conflict_by_type(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    return _frame(
        "SELECT source, event_type, count(*) AS events, sum(fatalities) AS fatalities, "
        "min(event_date) AS first_date, max(event_date) AS last_date FROM conflict_events "
        "WHERE country_iso3 = $country AND year(event_date) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "GROUP BY ALL ORDER BY events DESC, source, event_type",
        scope.params(clearance),
    )
