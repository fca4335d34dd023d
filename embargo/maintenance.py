"""Keeping a shared catalog's data folder from growing without end, without breaking a pack.

Every load on a DuckLake catalog leaves the files it replaced in the data folder, because the
earlier snapshots still read them (time travel: `--as-of`). A derived table recomputed whole is a
new copy per load, so a watcher loading all day adds copies all day. `maintain` does three things,
each in DuckLake transactions of its own (the first two retried when a writer commits first):

- merges the current snapshot's small files and those with many deleted rows (nothing a
  snapshot reads changes);
- with a retention, expires the snapshots older than it, except the newest and every snapshot a
  briefing pack or a download was read from (the audit trail names them): those packs can always
  be made again;
- deletes the files no remaining snapshot reads, once they have waited `delete_after` since their
  snapshots expired: a backup (the catalog dumped first, the data folder copied after) never
  names a file deleted before its copy, when the copy takes less than that.

The expiry and the files deleted are recorded in the audit trail."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from embargo import audit
from embargo.accounts import AccessStore, access_store_path
from embargo.lake import LAKE, LakeCatalog, current_snapshot_id, retry_on_conflict
from embargo.warehouse.connections import connect_writable

# How the audit trail names the state a file was read from (queries.DataVersion).
_SNAPSHOT_READ = re.compile(r"^catalog snapshot (\d+) of ")
# Files wait this long after their snapshots expire before they are deleted (see above).
DELETE_AFTER = dt.timedelta(hours=24)


@dataclass(frozen=True)
class MaintenanceReport:
    files_merged: int  # data files replaced by merged ones in the current snapshot
    snapshots_expired: list[int]
    snapshots_kept_for_exports: list[int]  # older than the retention, kept for a pack or download
    files_deleted: int
    files_waiting: int  # no snapshot reads them; deleted by a later run once they have waited


def snapshots_read_by_exports(store: AccessStore) -> set[int]:
    """The catalog snapshots that briefing packs and downloads were read from, by the trail."""
    rows = audit.read(store, actions=("download", "export"), limit=None)  # every one of them
    found = (_SNAPSHOT_READ.match(str(row.detail.get("data_version", ""))) for row in rows)
    return {int(match.group(1)) for match in found if match}


def maintain(
    lake: LakeCatalog,
    keep: dt.timedelta | None = None,
    delete_after: dt.timedelta = DELETE_AFTER,
    operator: str = "",
) -> MaintenanceReport:
    """Merge the current snapshot's files; with `keep`, expire the snapshots older than that and
    delete the files only they read (see the module's description)."""
    store = access_store_path(lake)
    con = connect_writable(lake)
    try:
        merged = retry_on_conflict(lambda: _merge_files(con))
        expired: list[int] = []
        kept: list[int] = []
        if keep is not None:
            kept_for_exports = snapshots_read_by_exports(store)
            expired, kept = retry_on_conflict(lambda: _expire(con, keep, kept_for_exports))
        deleted = con.execute(
            "CALL ducklake_cleanup_old_files(?, older_than => now() - ?)", [LAKE, delete_after]
        ).fetchall()
        # DuckLake's own metadata of the catalog attached as LAKE.
        (waiting,) = con.execute(
            "SELECT count(*) FROM __ducklake_metadata_lake.ducklake_files_scheduled_for_deletion"
        ).fetchone()
    finally:
        con.close()
    report = MaintenanceReport(merged, expired, kept, len(deleted), waiting)
    if expired or deleted:
        audit.record(
            operator,
            "catalog_maintained",
            str(lake),
            {
                "snapshots_expired": expired,
                "snapshots_kept_for_exports": kept,
                "files_deleted": len(deleted),
            },
            store,
        )
    return report


def _merge_files(con: duckdb.DuckDBPyConnection) -> int:
    merged = 0
    # Rewriting files with many deleted rows first leaves more small files to merge.
    for procedure in ("ducklake_flush_inlined_data", "ducklake_rewrite_data_files"):
        con.execute(f"CALL {procedure}(?)", [LAKE])
    for row in con.execute("CALL ducklake_merge_adjacent_files(?)", [LAKE]).fetchall():
        merged += row[2]  # (schema, table, files processed, files created)
    return merged


def _expire(
    con: duckdb.DuckDBPyConnection, keep: dt.timedelta, kept_for_exports: set[int]
) -> tuple[list[int], list[int]]:
    newest = current_snapshot_id(con)
    older = [
        snapshot_id
        for (snapshot_id,) in con.execute(
            "SELECT snapshot_id FROM ducklake_snapshots(?) "
            "WHERE snapshot_time < now() - ? AND snapshot_id <> ? ORDER BY snapshot_id",
            [LAKE, keep, newest],
        ).fetchall()
    ]
    expiring = [snapshot_id for snapshot_id in older if snapshot_id not in kept_for_exports]
    if expiring:
        con.execute("CALL ducklake_expire_snapshots(?, versions => ?)", [LAKE, expiring])
    return expiring, sorted(set(older) & kept_for_exports)
