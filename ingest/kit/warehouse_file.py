"""How a writer changes a local warehouse file without ever leaving it half-written and without
disturbing the readers that hold it open.

DuckDB lets one process write a database file, or any number of processes read it, never both
at once. So a write goes one of two ways:

- **In place**: a small load (one file of at most IN_PLACE_LARGEST_MB) is written into the
  warehouse file itself when no reader holds it (DuckDB refuses the writable connection
  otherwise), in one transaction with the derived tables that follow from it: a failure or a kill
  leaves the warehouse as it was. No CHECKPOINT is forced: the committed transaction stays in the
  write-ahead log beside the file (`<name>.wal`), which DuckDB replays for every connection that
  opens the file, and is folded into the file once the log outgrows WAL_CHECKPOINT_MB. A reader
  that opens the file during such a load waits for it (embargo.warehouse.connect_read_only).
  Copying the warehouse, checkpointing and renaming it cost a small load into a million item
  lines most of its time.
- **Through a working copy**: every other write (several files, a large file, a rebuild, or any
  write while a reader holds the file, as a running dashboard does once it has drawn a page)
  changes a copy, which is then renamed over the warehouse: readers holding the old file keep
  reading it whole, and new ones open the new one.

The write-ahead log an in-place load left belongs to the warehouse file: a working copy folds it
into the file first when no reader holds it, else takes it along; and it is removed just before a
working copy (which holds its changes) is renamed over the file, since DuckDB would otherwise
replay it onto the new file. A reader opening the file between the two steps sees the warehouse
as it was before the in-place loads, until its next query finds the new file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import duckdb

from embargo.warehouse import connect_writable

# One input file up to this size is loaded in place (when no reader holds the warehouse): its
# load holds the file for a few seconds at most, during which new readers wait.
IN_PLACE_LARGEST_MB = 16
# The write-ahead log is folded into the warehouse file once it is larger than this (DuckDB's
# own automatic checkpoint threshold).
WAL_CHECKPOINT_MB = 16


def wal_of(path: Path) -> Path:
    """The write-ahead log DuckDB keeps beside a database file."""
    return path.with_name(path.name + ".wal")


def loads_in_place(paths: Sequence[Path]) -> bool:
    """Whether these input files are a small load, written in place when no reader holds the
    warehouse."""
    if len(paths) != 1:
        return False
    try:
        return Path(paths[0]).stat().st_size <= IN_PLACE_LARGEST_MB * 2**20
    except OSError:  # refused by the load, with its message
        return True


def connect_in_place(db_path: Path) -> duckdb.DuckDBPyConnection | None:
    """A writable connection to the warehouse file itself; None when another process holds it
    (a reader: writers wait for each other on the writer lock first). Closing it leaves the
    committed transactions in the write-ahead log (checkpoint_if_log_large folds a large one)."""
    try:
        con = connect_writable(db_path)
    except (duckdb.IOException, duckdb.ConnectionException) as error:
        if held_by_another(error):
            return None
        raise
    con.execute("PRAGMA disable_checkpoint_on_shutdown")
    return con


def held_by_another(error: duckdb.Error) -> bool:
    """Whether DuckDB refused a connection because another holds the file: another process
    (its file lock), or a connection of this process opened otherwise (the dashboard's
    read-only one, when the Upload page loads a file)."""
    text = str(error).lower()
    return "lock" in text or "different configuration" in text


def checkpoint_if_log_large(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    wal = wal_of(db_path)
    if wal.exists() and wal.stat().st_size > WAL_CHECKPOINT_MB * 2**20:
        con.execute("CHECKPOINT")


def fold_log(db_path: Path) -> bool:
    """Fold the write-ahead log into the warehouse file; False when a reader holds the file."""
    if not wal_of(db_path).exists():
        return True
    con = connect_in_place(db_path)
    if con is None:
        return False
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return True


def make_working_copy(db_path: Path, working: Path) -> None:
    """The copy a writer changes (called under the writer lock): the warehouse file, with the
    changes its write-ahead log holds."""
    if not fold_log(db_path):
        shutil.copyfile(wal_of(db_path), wal_of(working))
    shutil.copyfile(db_path, working)


def swap_in(working: Path, db_path: Path) -> None:
    """Rename a checkpointed working copy over the warehouse file; the write-ahead log of the
    old file goes first (the copy holds its changes)."""
    wal_of(db_path).unlink(missing_ok=True)
    os.replace(working, db_path)
