"""Copies of a shared catalog's small tables in the memory of a process that reads it (the
dashboard's server), so that a query reading only such tables (the reference tables, the load log,
the filter lists, and every table of a small warehouse) runs on the copies instead of asking the
catalog's PostgreSQL for each table's files and reading its Parquet files at every statement.

Each copy holds one change of its table: table_versions names the change id that every write
gives the tables it changes, so a new snapshot in which a table did not change leaves its copy
valid, and a table is copied again only in a snapshot that changed it. The copies and the change
ids they hold live in an in-memory database attached beside the catalog and are replaced in one
transaction, so a reader sees copies and ids that agree (DuckDB keeps the earlier copies for
transactions begun before). A query runs on the copies only when every table it reads
is copied at the change id its own snapshot gives that table; otherwise it reads the catalog.

That database holds the warehouse's macros and views, made from the same sql/ files as the
catalog's (the dashboard reads a catalog only when it was built by this version); tables too large
to copy stand there as views of the catalog's tables, so every view and macro can be made."""

from __future__ import annotations

import threading

import duckdb

from embargo import settings
from embargo.lake import LAKE, current_snapshot_id, use
from embargo.warehouse.schema import schema_files

# The in-memory database attached for the copies. Not the connection's own in-memory database:
# a transaction begins to read that one as it begins, and would not see copies made after.
_DATABASE = "lake_copies"
# Its schema holding the copies, the macros and the views: not `main`, whose objects in every
# database the view column_descriptions lists.
COPIES = f"{_DATABASE}.copies"


def use_copies(con: duckdb.DuckDBPyConnection) -> None:
    """Point `con`'s unqualified names at the copies (lake.use points them back at the catalog)."""
    con.execute(f"USE {COPIES}")


def copy_limit_bytes() -> int:
    """A table is copied when its data files in the catalog hold at most this many bytes
    (EMBARGO_CATALOG_COPY_MB): with the default, the reference tables and the load log of a
    warehouse of any size, and every table of the demo warehouse."""
    return int(settings.value("EMBARGO_CATALOG_COPY_MB") or 0) * 2**20


# The change id of each copied table, as its copy holds it, is in the table copy_changes of the
# copies' database (named in full in each statement).


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class TableCopies:
    """The copies of one catalog connection's small tables (make() creates them)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, pinned_version: int | None, copied: set):
        self._con = con
        self._pinned_version = pinned_version
        self.copied: frozenset[str] = frozenset(copied)
        self._lock = threading.Lock()
        # The snapshot the copies were last brought to.
        self.refreshed_at: int | None = None

    @classmethod
    def make(cls, con: duckdb.DuckDBPyConnection, pinned_version: int | None = None) -> TableCopies:
        """Attach an in-memory database to `con` and create in it an empty table for each small
        table of the catalog attached as `lake` (from the catalog's column list: reading a table
        of the catalog costs a statement), a view of the catalog's table for each other, then
        the warehouse's macros and views; refresh() fills the copies."""
        limit = copy_limit_bytes()
        con.execute(f"ATTACH ':memory:' AS {_DATABASE}")
        con.execute(f"CREATE SCHEMA {COPIES}")
        setup = con.cursor()
        try:
            use_copies(setup)
            setup.execute("BEGIN TRANSACTION")
            sizes = dict(
                setup.execute(
                    "SELECT table_name, file_size_bytes FROM ducklake_table_info(?)", [LAKE]
                ).fetchall()
            )
            columns: dict[str, list[str]] = {}
            for table, column, data_type in setup.execute(
                "SELECT table_name, column_name, data_type FROM duckdb_columns() "
                "WHERE database_name = ? AND schema_name = 'main' "
                "ORDER BY table_name, column_index",
                [LAKE],
            ).fetchall():
                # Views have columns too; duckdb_tables() would read every table's statistics.
                if table in sizes:
                    columns.setdefault(table, []).append(f"{_quoted(column)} {data_type}")
            setup.execute("COMMIT")
            copied = set()
            for table, definitions in columns.items():
                # Names and types come from the catalog of the project's own schema.
                if limit > 0 and (sizes.get(table) or 0) <= limit:
                    setup.execute(f"CREATE TABLE {_quoted(table)} ({', '.join(definitions)})")
                    copied.add(table)
                else:
                    # With the row ids: a macro of item search joins the catalog's table on them.
                    source = f"{LAKE}.main.{_quoted(table)}"
                    setup.execute(f"CREATE VIEW {_quoted(table)} AS SELECT rowid, * FROM {source}")  # noqa: S608
            setup.execute(
                "CREATE TABLE copy_changes (table_name VARCHAR PRIMARY KEY, change_id VARCHAR)"
            )
            _create_macros_and_views(setup)
        finally:
            setup.close()
        return cls(con, pinned_version, copied)

    def refresh(self, snapshot_id: int) -> None:
        """Bring the copies to the newest snapshot (or the pinned one) unless they were brought
        to `snapshot_id` or a later one: each copied table whose change id differs is copied
        again, in one transaction with the ids."""
        with self._lock:
            if self.refreshed_at is not None and self.refreshed_at >= snapshot_id:
                return
            cursor = self._con.cursor()
            try:
                # Begun before the cursor is pointed at the catalog: one snapshot lookup.
                cursor.execute("BEGIN TRANSACTION")
                try:
                    use(cursor)
                    newest = current_snapshot_id(cursor, self._pinned_version)
                    self._copy_changed(cursor, newest)
                    cursor.execute("COMMIT")
                except BaseException:
                    cursor.execute("ROLLBACK")
                    raise
            finally:
                cursor.close()
            self.refreshed_at = newest

    def _copy_changed(self, cursor: duckdb.DuckDBPyConnection, snapshot_id: int) -> None:
        changes = dict(
            cursor.execute("SELECT table_name, change_id FROM lake.main.table_versions").fetchall()
        )
        held = dict(
            cursor.execute(
                "SELECT table_name, change_id FROM lake_copies.copies.copy_changes"
            ).fetchall()
        )
        changed = sorted(
            table for table in self.copied & changes.keys() if held.get(table) != changes[table]
        )
        if not changed:
            return
        never_written = _never_written(cursor, snapshot_id)
        for table in changed:
            local = f"{COPIES}.{_quoted(table)}"
            if table in never_written:
                # Reading a table of the catalog that was never written costs a statement a
                # metadata query per use of its statistics (hundreds of milliseconds).
                cursor.execute(f"DELETE FROM {local}")  # noqa: S608 (a name of the catalog)
            else:
                # Replaced, not emptied and filled: DuckDB frees a replaced table once no
                # transaction reads it, where deleted rows would stay in memory.
                cursor.execute(
                    f"CREATE OR REPLACE TABLE {local} AS FROM {LAKE}.main.{_quoted(table)}"
                )
            cursor.execute(
                "INSERT OR REPLACE INTO lake_copies.copies.copy_changes VALUES (?, ?)",
                [table, changes[table]],
            )

    def held(self, cursor: duckdb.DuckDBPyConnection) -> dict[str, str]:
        """The change id of each copy as `cursor`'s transaction sees the copies (none when the
        transaction began to read the in-memory database before the copies were made)."""
        try:
            held = cursor.execute(
                "SELECT table_name, change_id FROM lake_copies.copies.copy_changes"
            )
        except duckdb.CatalogException:
            return {}
        return dict(held.fetchall())

    def answer(self, read: tuple[tuple[str, str], ...], held: dict[str, str]) -> bool:
        """Whether a query reading these (table, change id) pairs (as its snapshot gives them)
        reads the same rows from the copies `held` names."""
        return bool(read) and all(held.get(table) == change for table, change in read)


def _never_written(cursor: duckdb.DuckDBPyConnection, snapshot_id: int) -> set[str]:
    """The tables of the catalog at `snapshot_id` that no write ever gave a row: DuckLake keeps
    statistics (ducklake_table_stats) for every table written, from its first rows on."""
    rows = cursor.execute(
        "SELECT t.table_name FROM __ducklake_metadata_lake.public.ducklake_table AS t "
        "WHERE t.begin_snapshot <= ? AND (t.end_snapshot IS NULL OR t.end_snapshot > ?) "
        "AND t.table_id NOT IN "
        "(SELECT table_id FROM __ducklake_metadata_lake.public.ducklake_table_stats)",
        [snapshot_id, snapshot_id],
    ).fetchall()
    return {name for (name,) in rows}


def _create_macros_and_views(cursor: duckdb.DuckDBPyConnection) -> None:
    """The warehouse's macros and views from sql/, each file retried after the others when what
    it reads is not made yet (as the warehouse's build does)."""
    pending = schema_files("macros") + schema_files("views")
    while pending:
        failed = []
        for path in pending:
            try:
                cursor.execute(path.read_text(encoding="utf-8"))
            except duckdb.CatalogException:
                failed.append(path)
        if len(failed) == len(pending):
            raise RuntimeError(f"cannot make {', '.join(path.name for path in failed)}")
        pending = failed
