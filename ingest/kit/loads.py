"""Recording loads: the file's SHA-256, rows read / loaded / rejected, and the rejects themselves,
written in the same transaction as the rows so a load is all or nothing; what a format reports
after loading a file (Loaded) and how its rows are inserted."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import duckdb

from embargo import settings
from embargo.classification import Classification
from ingest.kit.validation import Reject


@dataclass(frozen=True)
class Loaded:
    """What a format module reports after loading one file inside the caller's transaction."""

    target_table: str
    rows_read: int
    rows_loaded: int
    rejects: list[Reject]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def recorded_now() -> dt.datetime:
    """The clock a new load is recorded by (UTC)."""
    return utc_now()


# When the load being run entered the warehouse: set by ingest.files around each file (the time
# of its first load when a rebuild replays a kept file, so "as known on" a date before the
# rebuild still answers), read by the versioned formats for recorded_at and superseded_at.
_LOAD_TIME: ContextVar[dt.datetime | None] = ContextVar("load_time", default=None)


@contextmanager
def loading_at(moment: dt.datetime) -> Iterator[None]:
    """The loads run inside are recorded as entering the warehouse at `moment` (UTC)."""
    token = _LOAD_TIME.set(moment)
    try:
        yield
    finally:
        _LOAD_TIME.reset(token)


def load_time() -> dt.datetime:
    """When the load being run enters the warehouse (UTC): what "as known on" a date compares."""
    moment = _LOAD_TIME.get()
    return moment if moment is not None else recorded_now()


@dataclass(frozen=True)
class Loader:
    """Who loads a file, and what they are cleared to see: a correction applies only to a
    record its loader can see, and says nothing of one they cannot."""

    name: str
    clearance: Classification


def local_loader() -> Loader:
    """The operator at this machine's shell (`embargo ingest`): cleared as EMBARGO_CLEARANCE
    says, strictly confidential by default, like the dashboard's local operator."""
    clearance = settings.value("EMBARGO_CLEARANCE") or Classification.STRICTLY_CONFIDENTIAL.label
    return Loader(f"operator:{getpass.getuser()}", Classification.parse(clearance))


# Who runs the load: set by ingest.files around each file (the first loader when a rebuild
# replays a kept file, so it decides as it did).
_LOADER: ContextVar[Loader | None] = ContextVar("loader", default=None)


@contextmanager
def loading_by(loader: Loader) -> Iterator[None]:
    token = _LOADER.set(loader)
    try:
        yield
    finally:
        _LOADER.reset(token)


def current_loader() -> Loader:
    """Who runs the load being run (the local operator unless a caller says otherwise)."""
    loader = _LOADER.get()
    return loader if loader is not None else local_loader()


def new_load_id() -> str:
    return uuid.uuid4().hex


# Up to this many rows (a load log row, a few rejects) go in through one prepared statement,
# which needs no data frame library: importing polars and pyarrow costs a command about half a
# CPU second, more than loading a whole register once the work is done in DuckDB.
FEW_ROWS = 200
# Values DuckDB binds as the frame would type them (lists, structs and the like take the frame).
PLAIN_VALUES = (str, bool, int, float, dt.date)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict]) -> None:
    """Insert rows into a warehouse table by column name (a key missing from a row is NULL)."""
    if not rows:
        return
    if len(rows) <= FEW_ROWS and all(
        value is None or isinstance(value, PLAIN_VALUES) for row in rows for value in row.values()
    ):
        columns = list(dict.fromkeys(name for row in rows for name in row))
        # Table and column names come from the ingest code, never from input data.
        con.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join('?' for _ in columns)})",
            [[row.get(name) for name in columns] for row in rows],
        )
        return
    import polars as pl

    con.register("incoming_rows", pl.DataFrame(rows, infer_schema_length=None))
    try:
        # The table name comes from the ingest code, never from input data.
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")  # noqa: S608
    finally:
        con.unregister("incoming_rows")


def record_load(
    con: duckdb.DuckDBPyConnection,
    *,
    load_id: str,
    source_id: str,
    path: Path,
    file_format: str,
    target_table: str,
    rows_read: int,
    rows_loaded: int,
    rejects: Sequence[Reject],
    started_at: dt.datetime,
    sha256: str | None = None,
) -> None:
    """`sha256`: the file's digest when the caller has it already (a large file is not read
    twice)."""
    _log_load(
        con,
        {
            "load_id": load_id,
            "source_id": source_id,
            "file_name": path.name,
            "file_sha256": sha256 or file_sha256(path),
            "file_size_bytes": path.stat().st_size,
            "file_format": file_format,
            "target_table": target_table,
            "rows_read": rows_read,
            "rows_loaded": rows_loaded,
            "started_at": started_at,
            "recorded_at": load_time(),
        },
        rejects,
    )


def record_merge(
    con: duckdb.DuckDBPyConnection,
    *,
    load_id: str,
    source_id: str,
    name: str,
    file_format: str,
    target_table: str,
    content: bytes,
    rows_read: int,
    rows_loaded: int,
    rejects: Sequence[Reject],
    started_at: dt.datetime,
) -> None:
    """Log a merge of records kept outside the warehouse (the actor registry, link decisions,
    recorded resolutions) as a load of `name`, identified by the digest of their `content`."""
    _log_load(
        con,
        {
            "load_id": load_id,
            "source_id": source_id,
            "file_name": name,
            "file_sha256": hashlib.sha256(content).hexdigest(),
            "file_size_bytes": len(content),
            "file_format": file_format,
            "target_table": target_table,
            "rows_read": rows_read,
            "rows_loaded": rows_loaded,
            "started_at": started_at,
        },
        rejects,
    )


def _log_load(con: duckdb.DuckDBPyConnection, entry: dict, rejects: Sequence[Reject]) -> None:
    """One load_log row (rows rejected counted once however many columns each broke), and the
    load's rejects."""
    rejected_rows = len({reject.row_number for reject in rejects})
    logged = {**entry, "rows_rejected": rejected_rows, "finished_at": utc_now()}
    insert_rows(con, "load_log", [logged])
    insert_rows(
        con,
        "rejects",
        [
            {
                "load_id": entry["load_id"],
                "file_name": entry["file_name"],
                "row_number": reject.row_number,
                "column_name": reject.column_name,
                "value": reject.value,
                "reason": reject.reason,
            }
            for reject in rejects
        ],
    )
