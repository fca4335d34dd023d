"""The shared warehouse: the same tables, macros and views in a DuckLake catalog (metadata in
PostgreSQL, data as Parquet files on shared storage), so several analysts and machines can load
and read at once, each reader sees complete snapshots, and any earlier snapshot can be read again.

The catalog is named by a DuckLake connection string such as
`ducklake:postgres:dbname=embargo host=127.0.0.1 port=5433 user=embargo`. The password never
appears in it: libpq takes it from PGPASSWORD or ~/.pgpass, so it cannot leak into a message or a
log (DuckDB repeats a failed connection string in its error)."""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

# The name the catalog is attached under; every connection and cursor makes it the default.
LAKE = "lake"

_PASSWORD = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)
_CONFLICT = re.compile(r"conflict", re.IGNORECASE)

Result = TypeVar("Result")


class LakeConfigurationError(ValueError):
    """The catalog settings cannot be used as given."""


@dataclass(frozen=True)
class LakeCatalog:
    """Where the shared warehouse lives: the DuckLake catalog and its data folder. `data_path` may
    be None once the catalog exists: DuckLake remembers the data path given at `catalog init`.
    With `snapshot_version`, readers see the warehouse as it was at that snapshot."""

    catalog: str
    data_path: str | None = None
    snapshot_version: int | None = None

    def __post_init__(self) -> None:
        if not self.catalog.startswith("ducklake:"):
            raise LakeConfigurationError(
                f"catalog {self.catalog!r} is not a DuckLake catalog: expected "
                "'ducklake:postgres:dbname=... host=... port=... user=...'"
            )
        if _PASSWORD.search(self.catalog):
            raise LakeConfigurationError(
                "the catalog setting must not contain a password: set PGPASSWORD or use "
                "~/.pgpass, which PostgreSQL's client library reads"
            )

    def __str__(self) -> str:
        return f"DuckLake catalog {self.catalog.removeprefix('ducklake:')}"

    @property
    def postgres_conninfo(self) -> str | None:
        """The libpq connection string of a catalog kept in PostgreSQL (else None)."""
        prefix = "ducklake:postgres:"
        return self.catalog.removeprefix(prefix) if self.catalog.startswith(prefix) else None

    @property
    def raw_dir(self) -> Path:
        """The kept raw files of a shared warehouse live beside its data files, on the shared
        storage every writer sees."""
        if self.data_path is None or "://" in self.data_path:
            raise LakeConfigurationError(
                "the raw-file store needs the lake data folder as a file-system path: set "
                "EMBARGO_LAKE_DATA (or --lake-data) to the shared folder"
            )
        return Path(self.data_path).expanduser() / "raw"


def redact(message: str) -> str:
    """A message with any password in a connection string replaced, for output and logs."""
    return _PASSWORD.sub(r"\1***", message)


def _extension_file(package: str, name: str) -> Path:
    """An extension binary shipped by a pinned duckdb-extension-* wheel: never downloaded."""
    module = __import__(package)
    path = Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    path = path / f"{name}.duckdb_extension"
    if not path.exists():
        raise LakeConfigurationError(
            f"DuckDB extension {name} for DuckDB {duckdb.__version__} is not installed "
            f"(expected {path}): run scripts/setup.sh"
        )
    return path


def _postgres_extension() -> Path:
    """DuckDB loads the postgres extension only under its internal name postgres_scanner, so the
    wheel's file is linked under that name in a folder inside the project's environment."""
    wheel_file = _extension_file("duckdb_extension_postgres", "postgres")
    folder = Path(sys.prefix) / "duckdb-extensions" / f"v{duckdb.__version__}"
    link = folder / "postgres_scanner.duckdb_extension"
    if not link.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".postgres_scanner.{random.getrandbits(32)}"
        partial.symlink_to(wheel_file)
        partial.replace(link)
    return link


def attach(con: duckdb.DuckDBPyConnection, lake: LakeCatalog, *, read_only: bool) -> None:
    """Attach the catalog as `lake` and make it the default, at its snapshot if it names one."""
    con.execute(f"LOAD '{_extension_file('duckdb_extension_ducklake', 'ducklake')}'")
    con.execute(f"LOAD '{_postgres_extension()}'")
    options = []
    parameters: list[object] = [lake.catalog]
    if lake.data_path is not None:
        options.append("DATA_PATH ?")
        parameters.append(lake.data_path)
    if read_only:
        options.append("READ_ONLY")
    if lake.snapshot_version is not None:
        if not read_only:
            raise LakeConfigurationError("an earlier snapshot can only be read, not written")
        options.append("SNAPSHOT_VERSION ?")
        parameters.append(lake.snapshot_version)
    try:
        # ATTACH takes its path and options as literals only: they are quoted here, never
        # executed as SQL; the catalog string was checked to hold no password.
        con.execute(f"ATTACH {_literal(lake.catalog)} AS {LAKE}{_options(options, parameters)}")
    except duckdb.Error as error:
        if lake.snapshot_version is not None and "No snapshot found" in str(error):
            raise LakeConfigurationError(
                f"{lake} has no snapshot {lake.snapshot_version}: it was never made, or "
                "`embargo catalog maintain --keep-days` expired it (that keeps the snapshots of "
                "briefing packs and downloads); `embargo sql \"FROM ducklake_snapshots('lake')\"` "
                "lists those there are"
            ) from None
        raise LakeConfigurationError(f"cannot open {lake}: {redact(str(error))}") from None
    con.execute(f"USE {LAKE}")


def confine_to_data(con: duckdb.DuckDBPyConnection) -> None:
    """After attaching, forbid every file outside the catalog's data folder, as a local read-only
    warehouse cannot touch any other file."""
    (data_path,) = con.execute(
        "SELECT value FROM ducklake_options(?) WHERE option_name = 'data_path'", [LAKE]
    ).fetchone()
    con.execute(f"SET allowed_directories = [{_literal(data_path)}]")
    con.execute("SET enable_external_access = false")


def _literal(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _options(options: list[str], parameters: list[object]) -> str:
    if not options:
        return ""
    values = iter(parameters[1:])
    rendered = [
        option.replace("?", _literal(next(values))) if "?" in option else option
        for option in options
    ]
    return f" ({', '.join(rendered)})"


def use(cursor: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor starts in the in-memory default catalog: point it at the lake."""
    cursor.execute(f"USE {LAKE}")
    return cursor


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: int
    snapshot_time: dt.datetime


def current_snapshot(con: duckdb.DuckDBPyConnection, pinned_version: int | None = None) -> Snapshot:
    """The snapshot a new transaction of this connection reads: the newest one, or the one the
    connection was pinned to."""
    snapshot_id, when = con.execute(
        "SELECT snapshot_id, snapshot_time FROM ducklake_snapshots(?) "
        "WHERE snapshot_id = coalesce(?, (FROM ducklake_current_snapshot(?)))",
        [LAKE, pinned_version, LAKE],
    ).fetchone()
    return Snapshot(snapshot_id, when)


def current_snapshot_id(con: duckdb.DuckDBPyConnection, pinned_version: int | None = None) -> int:
    """The id alone of the snapshot current_snapshot names: one small read of the catalog, where
    listing the snapshots to find its time reads them all (and they grow with every load)."""
    if pinned_version is not None:
        return pinned_version
    return con.execute("SELECT id FROM ducklake_current_snapshot(?)", [LAKE]).fetchone()[0]


def is_conflict(error: BaseException) -> bool:
    return isinstance(error, duckdb.TransactionException) and bool(_CONFLICT.search(str(error)))


def retry_on_conflict(
    action: Callable[[], Result],
    *,
    attempts: int = 12,
    on_retry: Callable[[int, BaseException], None] | None = None,
) -> Result:
    """Run a write transaction again when another writer committed a conflicting change first.
    The wait doubles each time, with jitter so two writers do not collide again in step."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except duckdb.TransactionException as error:
            if not is_conflict(error) or attempt == attempts:
                raise
            if on_retry is not None:
                on_retry(attempt, error)
            time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")
