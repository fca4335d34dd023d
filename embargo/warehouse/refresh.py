"""Recomputing the derived tables of sql/derived after a write: every one, or only those that
read what it changed; within those, only the rows of the loads, the seizure events or the groups
a small load touched (refresh strategies chosen per table, with the same result as a whole
recomputation)."""

from __future__ import annotations

import contextlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import duckdb

from embargo.warehouse.added_counts import ADDED_COUNTS, add_counts, stays_right
from embargo.warehouse.connections import rollback_quietly
from embargo.warehouse.lineage import derived_tables_reading, tables_read, view_query
from embargo.warehouse.versions import record_write


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
    # An event's place follows from its own row (and the place layers, which a load never
    # changes): recomputed whole, it took 2.5 of a small load's 3.1 CPU seconds at a million
    # item lines (200,000 events, each measured against every town of its country).
    "seizure_event_places": "seizure_events",
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
    # An item's sightings: the touched events' lines name the items whose rows may change (a
    # load adds lines; one that replaces a line touches every event, which recomputes whole).
    "seizure_repeated_sightings": GroupedBy(
        "seizure_item_facts_stored",
        "SELECT DISTINCT item_uid FROM seizure_item_facts_stored "  # noqa: S608
        f"WHERE {_OF_TOUCHED} AND item_uid IS NOT NULL",
        "list_contains($keys, item_uid)",
        "item_uid",
    ),
}
# Derived tables whose rows each belong to one load (load_id) and follow from that load's own
# rows alone, which no later load changes: a load adds its rows and touches no other.
PER_LOAD_DERIVED_TABLES = frozenset({"load_classification_stored"})
# Derived tables whose rows each follow from one transfer line (and from reference tables a
# register load never changes), with the view each stores: a load that only adds lines (the
# registers append rows carrying their load id, and nothing else changes transfers but a
# rebuild) adds the rows of its own lines, instead of a recomputation of every line (the
# screening of the trade register's 59,000 lines took 0.27 CPU-s of its load).
PER_LINE_DERIVED_TABLES = {"transfer_screening_results": "transfer_screening"}
# Derived tables whose rows each follow from the lines of one supplier, recipient and delivery
# year (delivery matching: two lines match only within such a group): a load that only adds
# lines recomputes the groups of its lines.
PER_LINE_GROUP_DERIVED_TABLES = frozenset({"delivery_matched_lines"})
_LINE_GROUP = ("supplier_iso3", "recipient_iso3", "delivery_year")
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
    recomputed: list[str] = []
    # Per-event table -> the temporary table holding its recomputed rows of the touched events,
    # which the tables read from it after take instead of scanning it again.
    staged: dict[str, str] = {}
    # A failure aborts the caller's transaction, which takes the staged tables with it.
    _recompute(con, chosen, changed, load_ids, touched, staged, recomputed)
    for name in staged.values():
        con.execute(f"DROP TABLE {name}")
    return recomputed


def _recompute(
    con: duckdb.DuckDBPyConnection,
    chosen: list[tuple[str, str]],
    changed: Collection[str] | None,
    load_ids: Collection[str],
    touched: TouchedEvents | None,
    staged: dict[str, str],
    recomputed: list[str],
) -> None:
    sizes = table_sizes(con)
    # A local warehouse holding no register line before this transaction (sizes are those
    # committed before it): every line is the loads' own, so the per-line tables are recomputed
    # whole, without finding the loads' lines and groups first.
    lines_before = not sizes or sizes.get("transfers", 0) > 0
    for table, query in chosen:
        with one_thread_if_small(con, query, sizes):
            _recompute_one(con, table, query, changed, load_ids, touched, staged, lines_before)
        recomputed.append(table)


def _recompute_one(
    con: duckdb.DuckDBPyConnection,
    table: str,
    query: str,
    changed: Collection[str] | None,
    load_ids: Collection[str],
    touched: TouchedEvents | None,
    staged: dict[str, str],
    lines_before: bool = True,
) -> None:
    per_event = touched is not None
    loaded = {"load_ids": list(load_ids)}
    events = {"event_uids": touched.events if touched is not None else None}
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
    elif (
        per_event
        and table in ADDED_COUNTS
        and not touched.stored_before
        and "seizure_item_facts_stored" in staged
        and _per_event(query, set(changed) - ADDED_COUNTS[table].checked)
        and stays_right(con, table, list(load_ids), touched.events)
    ):
        add_counts(con, table, query, staged["seizure_item_facts_stored"])
    elif per_event and table in PER_GROUP_DERIVED_TABLES and _per_event(query, changed):
        grouped = PER_GROUP_DERIVED_TABLES[table]
        touched_keys = con.execute(_reading_staged(staged, grouped.touched_keys), events).fetchall()
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
        # The CTE takes the name of the relation the query reads and holds its rows of the
        # touched events only (inside it the name still means the relation itself): the
        # rows a per-event table recomputed before holds already (staged), else a scan.
        # New events' rows are found by their loads, the others by their events.
        of_loads, loads = _of_loads(load_ids)
        rows_of_new = _rows_of_new_events(source, of_loads)
        if source in staged:
            rows_of_touched, parameters = f"SELECT * FROM {staged[source]}", {}  # noqa: S608
        elif rows_of_new is not None and not touched.stored_before:
            rows_of_touched, parameters = rows_of_new, loads
        else:
            rows_of_touched = f"SELECT * FROM {source} WHERE {_OF_TOUCHED}"  # noqa: S608
            parameters = events
        staged[table] = f"temp.staged_{table}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE staged_{table} AS "  # noqa: S608
            f"WITH {source} AS ({rows_of_touched}) SELECT * FROM ({query})",
            parameters,
        )
        if touched.stored_before:
            # Only events stored before the loads can have rows here: a new event's rows
            # are all in the staged table (this saves a scan of the table per event).
            con.execute(
                f"DELETE FROM {table} WHERE {_OF_TOUCHED}",  # noqa: S608
                {"event_uids": touched.stored_before},
            )
        con.execute(f"INSERT INTO {table} SELECT * FROM {staged[table]}")  # noqa: S608
    elif (
        lines_before
        and load_ids
        and table in PER_LINE_DERIVED_TABLES
        and _lines_added(query, changed)
    ):
        of_loads, loads = _of_loads(load_ids)
        # The CTE holds the loads' lines only; inside it the name still means the table.
        lines = f"SELECT * FROM transfers WHERE {of_loads}"  # noqa: S608
        con.execute(f"DELETE FROM {table} WHERE {of_loads}", loads)  # noqa: S608
        con.execute(
            f"INSERT INTO {table} WITH transfers AS ({lines}) "  # noqa: S608
            f"SELECT * FROM ({view_query(PER_LINE_DERIVED_TABLES[table])})",
            loads,
        )
    elif (
        lines_before
        and load_ids
        and table in PER_LINE_GROUP_DERIVED_TABLES
        and _lines_added(query, changed)
    ):
        _recompute_line_groups(con, table, query, load_ids)
    else:
        con.execute(f"DELETE FROM {table}")  # noqa: S608
        con.execute(f"INSERT INTO {table} {query}")


def _lines_added(query: str, changed: Collection[str] | None) -> bool:
    """Whether, of the tables the query reads, the loads changed transfers only (which a load
    changes only by adding lines that carry its load id)."""
    read = tables_read(query)
    return changed is not None and read is not None and read & set(changed) <= {"transfers"}


def _recompute_line_groups(
    con: duckdb.DuckDBPyConnection, table: str, query: str, load_ids: Collection[str]
) -> None:
    """The table's rows of the lines in the supplier, recipient and delivery year groups of the
    loads' lines, recomputed from those groups' lines alone; the other rows stay. A line without
    a supplier, recipient or year matches nothing, so it is in no group."""
    of_loads, loads = _of_loads(load_ids)
    group = ", ".join(_LINE_GROUP)
    # Names from this module and the project's own sql/ files, never from input.
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE touched_line_groups AS SELECT DISTINCT {group} "  # noqa: S608
        f"FROM transfers WHERE {of_loads} AND "
        + " AND ".join(f"{column} IS NOT NULL" for column in _LINE_GROUP),
        loads,
    )
    lines = (
        "SELECT t.* FROM transfers AS t "  # noqa: S608
        f"SEMI JOIN temp.touched_line_groups USING ({group})"
    )
    con.execute(f"DELETE FROM {table} WHERE transfer_id IN (SELECT transfer_id FROM ({lines}))")  # noqa: S608
    # As above: the CTE holds the groups' lines only. (A failure aborts the caller's
    # transaction, which takes the temporary table with it.)
    con.execute(f"INSERT INTO {table} WITH transfers AS ({lines}) SELECT * FROM ({query})")  # noqa: S608
    con.execute("DROP TABLE temp.touched_line_groups")


# A derived table whose largest table read holds fewer rows than this is recomputed on one DuckDB
# thread: DuckDB splits a scan by row groups of 122,880 rows, so on two or three of them its
# parallel operators mostly wait for each other. On the trade register loaded into the reference
# warehouse, delivery matching's statement took 0.3 to 0.4 CPU-s on one thread against 0.7 to 0.9
# on two, but the rows a one-thread insert writes are compressed at the commit instead (0.4 CPU-s
# more there): the command as a whole took the same CPU and 50 MB less peak memory (380 MB).
ONE_THREAD_LARGEST_ROWS = 250_000


def table_sizes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The estimated rows of each table of a local warehouse file, as this transaction sees
    them; empty on a shared catalog, whose tables are not sized this way."""
    return dict(
        con.execute(
            "SELECT t.table_name, t.estimated_size FROM duckdb_tables() AS t "
            "JOIN duckdb_databases() AS d USING (database_name) "
            "WHERE t.database_name = current_database() AND t.schema_name = current_schema() "
            "AND d.type = 'duckdb'"
        ).fetchall()
    )


@contextlib.contextmanager
def one_thread_if_small(
    con: duckdb.DuckDBPyConnection, query: str, sizes: dict[str, int]
) -> Iterator[None]:
    """One DuckDB thread for a query whose every table read is small (ONE_THREAD_LARGEST_ROWS),
    the connection's own setting restored after."""
    read = tables_read(query)
    if (
        not sizes
        or read is None
        or any(sizes.get(name, ONE_THREAD_LARGEST_ROWS) >= ONE_THREAD_LARGEST_ROWS for name in read)
    ):
        yield
        return
    with one_thread(con):
        yield


@contextlib.contextmanager
def one_thread(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One DuckDB thread, the connection's own setting restored after."""
    (threads,) = con.execute("SELECT current_setting('threads')").fetchone()
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(threads)}")


def _reading_staged(staged: dict[str, str], query: str) -> str:
    """The query with each staged per-event table it reads standing for that table's rows of
    the touched events (the query's own filter on the touched events then keeps them all)."""
    read = [table for table in staged if table in query]
    if not read:
        return query
    # Names from the project's own tables, never from input.
    tables = ", ".join(f"{t} AS (SELECT * FROM {staged[t]})" for t in read)  # noqa: S608
    return f"WITH {tables} {query}"


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


def _of_loads(load_ids: Collection[str]) -> tuple[str, dict[str, str]]:
    """`load_id IN (...)`, one bound parameter per load: unlike list_contains, a list of
    constants reaches the table scan, whose zone maps then skip every row group holding no row
    of the loads (a small load's rows are appended after the million others)."""
    names = [f"load_{number}" for number in range(len(load_ids))]
    return f"load_id IN ({', '.join('$' + n for n in names)})", dict(
        zip(names, load_ids, strict=True)
    )


def _rows_of_new_events(source: str, of_loads: str) -> str | None:
    """The rows of the new events (TouchedEvents.stored_before empty) of a per-event table's
    source, found by the loads that recorded them (_of_loads): every row of such an event was
    written by those loads, and those loads wrote no row of another event. The staged item
    facts took 0.08 CPU-s of a 5-event load into a million item lines found by event, 0.01 by
    load."""
    events = f"SELECT * FROM seizure_events WHERE {of_loads}"  # noqa: S608
    if source == "seizure_events":
        return events
    if source == "seizure_item_facts":
        items = f"SELECT * FROM seizure_items WHERE {of_loads}"  # noqa: S608
        return f"WITH seizure_items AS ({items}), seizure_events AS ({events}) " + view_query(
            "seizure_item_facts"
        )
    return None


@dataclass(frozen=True)
class TouchedEvents:
    """The seizure events a few loads touched (seizure_events_loaded)."""

    events: list[str]
    # Those stored before the loads, the only ones whose rows the per-event tables may hold.
    # The others the loads recorded (seizure_events.load_id is the load that recorded the
    # current version) without replacing an earlier version: a load that replaced one touches
    # every event (seizure_events_loaded), so it never gets here.
    stored_before: list[str]


def _events_loaded_if_few(
    con: duckdb.DuckDBPyConnection, load_ids: Collection[str]
) -> TouchedEvents | None:
    """The events the loads added item lines to, found once for every statement that needs them
    (on a catalog each finding costs scans); None when there are too many to recompute alone."""
    if not load_ids:
        return None
    row = con.execute(
        "SELECT coalesce(list(event_uid), []), "
        "coalesce(list(event_uid) FILTER (WHERE NOT recorded_now), []) "
        "FROM (SELECT l.event_uid, coalesce(list_contains(CAST($load_ids AS VARCHAR[]), "
        "e.load_id), false) AS recorded_now "
        "FROM seizure_events_loaded($load_ids) AS l "
        "LEFT JOIN seizure_events AS e USING (event_uid)) "
        "HAVING count(*) <= (SELECT count(*) FROM seizure_events) * $share",
        {"load_ids": list(load_ids), "share": _PER_EVENT_LARGEST_SHARE},
    ).fetchone()
    return None if row is None else TouchedEvents(row[0], row[1])


def _per_event(query: str, changed: Collection[str]) -> bool:
    """Only where every changed table the query reads changes per event."""
    read = tables_read(query)
    return read is not None and read & set(changed) <= _PER_EVENT_BASE_TABLES | _PER_EVENT_OR_GROUP
