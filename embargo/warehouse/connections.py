"""Opening the warehouse safely: a local DuckDB file or a shared DuckLake catalog, never fetching
an extension, and read-only connections that cannot reach any other file."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import duckdb

from embargo import lake
from embargo.lake import LakeCatalog

# Where a warehouse lives: a local DuckDB file, or a shared DuckLake catalog.
Location = Path | LakeCatalog

# How long a reader waits for a writer holding the warehouse file (a small load in place).
READER_WAIT_S = 30.0
_READER_RETRY_S = 0.05

# Extensions are never fetched at run time: the workstation may be air-gapped.
_OFFLINE_SETTINGS = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


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
    waited = 0.0
    while True:
        try:
            return duckdb.connect(str(location), read_only=True, config=config)
        except (duckdb.IOException, duckdb.ConnectionException) as error:
            # A small load writes the file in place for a few seconds (ingest.kit.warehouse_file),
            # from another process (its file lock) or this one (a writable connection).
            text = str(error).lower()
            held = "lock" in text or "different configuration" in text
            if not held or waited >= READER_WAIT_S:
                raise
        time.sleep(_READER_RETRY_S)
        waited += _READER_RETRY_S


def cursor(
    con: duckdb.DuckDBPyConnection, location: Location, *, transaction: bool = False
) -> duckdb.DuckDBPyConnection:
    """A cursor for one query on one thread, pointed at the warehouse's catalog; with
    `transaction`, inside a transaction of a catalog begun first (pointing a cursor at a catalog
    outside a transaction asks the catalog for its newest snapshot once more: 4 ms of CPU)."""
    new = con.cursor()
    if not isinstance(location, LakeCatalog):
        return new
    if transaction:
        new.execute("BEGIN TRANSACTION")
    return lake.use(new)


def rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure; a commit that failed has already ended its transaction."""
    with contextlib.suppress(duckdb.TransactionException):
        con.execute("ROLLBACK")
