"""Loading the rejected rows that now resolve (`embargo reprocess-rejects`), from the kept raw
files, after the actor registry or the reference data was extended.

For each kept raw file whose latest load left rejected rows, the file is read again by its format,
in one transaction under a new load id, and only those rows are kept: every row of that load from
another line of the file is removed before the commit (those are already in the warehouse, or
were refused as duplicates), and so are their rejects. A row that now passes loads; a row that
still fails keeps its reject, with the reason as it stands now. When no row of a file loads,
nothing is written for it. The new load is logged like any other (the same file name and SHA-256,
rows read = the rejected rows tried), so the next run starts from what is still rejected and a
second run with nothing new changes nothing.

Reading the whole file again (not a slice of it) keeps every row's identity: SIPRI's classic
records are numbered by their occurrence in the file, and row numbers stay those of the file.
The rejects of a row that now loads are not deleted: they stay as history, marked resolved by
the new load (`rejects.resolved_by_load_id`), and the Sources page shows them so.

Only formats whose loads add rows without changing what other lines of the file loaded are read
again this way (REPROCESSED_FORMATS); the others are named in the report as not reprocessed."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from embargo.lake import LakeCatalog
from embargo.progress import ProgressCallback, no_progress
from embargo.warehouse import (
    Location,
    connect_writable,
    record_write,
    refresh_derived_tables,
    require_current_schema,
    require_warehouse_file,
    rollback_quietly,
)
from ingest.files import raw_dir_for, raw_files, warehouse_lock
from ingest.formats import format_module, load_file, tables_written
from ingest.kit.loads import file_sha256, new_load_id, record_load, utc_now
from ingest.kit.tables import FileRefused
from ingest.kit.warehouse_file import make_working_copy, swap_in

# Formats whose load adds rows, or new versions of records, without changing what an earlier
# line of the same file loaded: reading a file again and keeping some of its rows changes no
# other record. The transfers; the versioned records (trace requests, exemptions, brokering
# decisions, panel findings, conflict events), whose lines already loaded come back as repeats or
# stale versions and are dropped; the sanctions list, whose parties already stored from this list
# or a newer one count as seen again and change nothing (a party stored from an older list is
# replaced, as a first load of the list would); seizure records, whose events and item lines
# already loaded come back as repeats, while an item line that now loads joins its stored event.
REPROCESSED_FORMATS = (
    "sipri",
    "unroca",
    "att",
    "traces",
    "exemptions",
    "brokering",
    "poe-findings",
    "un-sanctions-list",
    "ucdp-ged",
    "acled",
    "seizures",
)


@dataclass(frozen=True)
class Reprocessed:
    """What one kept raw file's rejected rows gave."""

    file_name: str
    format: str
    earlier_load_id: str
    rows_tried: int
    rows_loaded: int
    rows_still_rejected: int
    load_id: str | None = None  # the new load, when a row loaded
    message: str = ""


def reprocess_rejects(
    location: Location,
    format_name: str | None = None,
    progress: ProgressCallback = no_progress,
) -> list[Reprocessed]:
    """Load the rejected rows that now resolve, from every kept raw file (of one format);
    `progress` hears of each kept file looked at, then of the derived tables."""
    if format_name is not None:
        format_module(format_name)  # an unknown format is refused, naming the known ones
    raw_dir = raw_dir_for(location)
    if isinstance(location, LakeCatalog):
        con = connect_writable(location)
        try:
            require_current_schema(con, location)
            return _reprocess(con, raw_dir, format_name, progress)
        finally:
            con.close()
    require_warehouse_file(location)
    working = location.with_name(f".{location.name}.{os.getpid()}.ingesting")
    with warehouse_lock(location):
        make_working_copy(location, working)
        try:
            con = connect_writable(working)
            try:
                require_current_schema(con, location)
                results = _reprocess(con, raw_dir, format_name, progress)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            if any(result.load_id for result in results):
                swap_in(working, location)
        finally:
            for leftover in (working, working.with_name(working.name + ".wal")):
                leftover.unlink(missing_ok=True)
    return results


def _reprocess(
    con: duckdb.DuckDBPyConnection,
    raw_dir: Path,
    format_name: str | None,
    progress: ProgressCallback = no_progress,
) -> list[Reprocessed]:
    results = []
    files = [
        kept
        for kept in raw_files(raw_dir)
        if format_name is None or kept.format_name == format_name
    ]
    steps = len(files) + 1  # each kept file, then the derived tables
    for done, kept in enumerate(files):
        progress(done, steps, kept.path.name)
        result = _reprocess_file(con, kept.format_name, kept.path)
        if result is not None:
            results.append(result)
    loaded = [result for result in results if result.load_id]
    changed = {table for result in loaded for table in tables_written(result.format)}
    progress(len(files), steps, "derived tables")
    if changed:
        refresh_derived_tables(con, changed, [result.load_id for result in loaded])
    progress(steps, steps, "done")
    return results


def _latest_load(con: duckdb.DuckDBPyConnection, sha256: str) -> tuple[str, str] | None:
    return con.execute(
        "SELECT load_id, source_id FROM load_log WHERE file_sha256 = ? "
        "ORDER BY started_at DESC, load_id DESC LIMIT 1",
        [sha256],
    ).fetchone()


def _reprocess_file(
    con: duckdb.DuckDBPyConnection, format_name: str, path: Path
) -> Reprocessed | None:
    sha256 = file_sha256(path)
    latest = _latest_load(con, sha256)
    if latest is None:
        return None
    earlier_load_id, source_id = latest
    wanted = sorted(
        row
        for (row,) in con.execute(
            "SELECT DISTINCT row_number FROM rejects WHERE load_id = ?", [earlier_load_id]
        ).fetchall()
    )
    if not wanted:
        return None
    if format_name not in REPROCESSED_FORMATS:
        return Reprocessed(
            path.name, format_name, earlier_load_id, 0, 0, len(wanted),
            message=f"not reprocessed: a {format_name} load supersedes or replaces earlier "
            "records; load the corrected rows as a new file",
        )  # fmt: skip
    load_id = new_load_id()
    started_at = utc_now()
    con.execute("BEGIN TRANSACTION")
    try:
        loaded = load_file(con, format_name, path, load_id, source_id)
        for table in tables_written(format_name):
            if _has_row_numbers(con, table):
                # The table name comes from the format module, never from input data.
                con.execute(
                    f"DELETE FROM {table} WHERE load_id = ? "  # noqa: S608
                    "AND NOT list_contains(?, source_row_number)",
                    [load_id, wanted],
                )
        still = [reject for reject in loaded.rejects if reject.row_number in set(wanted)]
        still_rows = {reject.row_number for reject in still}
        now_loaded = len(wanted) - len(still_rows)
        if now_loaded == 0:
            rollback_quietly(con)
            return Reprocessed(
                path.name, format_name, earlier_load_id, len(wanted), 0, len(still_rows)
            )
        record_load(
            con,
            load_id=load_id,
            source_id=source_id,
            path=path,
            file_format=format_name,
            target_table=loaded.target_table,
            rows_read=len(wanted),
            rows_loaded=now_loaded,
            rejects=still,
            started_at=started_at,
            sha256=sha256,
        )
        now_loaded_rows = sorted(set(wanted) - still_rows)
        # The earlier rejects of these rows stay as history, resolved by this load.
        con.execute(
            "UPDATE rejects SET resolved_by_load_id = ? WHERE resolved_by_load_id IS NULL "
            "AND list_contains(?, row_number) AND load_id IN "
            "(SELECT load_id FROM load_log WHERE file_sha256 = ? AND load_id <> ?)",
            [load_id, now_loaded_rows, sha256, load_id],
        )
        record_write(con, list(tables_written(format_name)))
        con.execute("COMMIT")
    except FileRefused as refused:
        rollback_quietly(con)
        return Reprocessed(
            path.name, format_name, earlier_load_id, len(wanted), 0, len(wanted),
            message=f"not reprocessed: {refused}",
        )  # fmt: skip
    except BaseException:
        rollback_quietly(con)
        raise
    return Reprocessed(
        path.name, format_name, earlier_load_id, len(wanted), now_loaded, len(still_rows), load_id
    )


def _has_row_numbers(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    columns = {
        name
        for (name,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    return {"load_id", "source_row_number"} <= columns
