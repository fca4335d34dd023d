"""`embargo catalog maintain` on a real catalog: it expires the snapshots older than the retention
but those a download or briefing pack was read from, deletes the files only the expired ones read
once they have waited, and leaves every remaining snapshot reading exactly what it read before."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import pytest
from test_lake_warehouse import embargo_cli, table_fingerprints

from dashboard import session
from dashboard.queries import DataVersion
from embargo import audit
from embargo.accounts import access_store_path
from embargo.lake import LakeConfigurationError, current_snapshot
from embargo.maintenance import maintain
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files

TABLES = ("seizure_events", "seizure_items", "load_log", "seizure_item_facts_stored")
NOW = dt.timedelta(0)


def read_at(lake, snapshot_id=None):
    con = connect_read_only(replace(lake, snapshot_version=snapshot_id))
    try:
        return table_fingerprints(con, TABLES)
    finally:
        con.close()


def snapshot_ids(lake) -> list[int]:
    con = connect_read_only(lake)
    try:
        query = "SELECT snapshot_id FROM ducklake_snapshots('lake') ORDER BY 1"
        return [snapshot_id for (snapshot_id,) in con.execute(query).fetchall()]
    finally:
        con.close()


def data_files(lake) -> set[Path]:
    return set(Path(lake.data_path).rglob("*.parquet"))


def test_maintain_keeps_the_snapshots_of_downloads_and_deletes_only_unread_files(
    lake, seizure_file, monkeypatch
):
    monkeypatch.setenv("EMBARGO_CATALOG", lake.catalog)  # where the download is recorded
    build_warehouse(lake)
    ingest_files(lake, [seizure_file(1)])
    con = connect_read_only(lake)
    downloaded = current_snapshot(con)
    con.close()
    # A CSV download from this snapshot, recorded as the dashboard records it.
    version = DataVersion(downloaded.snapshot_id, downloaded.snapshot_time)
    session.record_download("analyst", "Tracing", "f.csv", "0" * 64, 3, str(version))
    as_downloaded = read_at(lake, downloaded.snapshot_id)
    ingest_files(lake, [seizure_file(2)])
    ingest_files(lake, [seizure_file(3)])
    latest = read_at(lake)
    before = snapshot_ids(lake)
    files_before = data_files(lake)

    # Expired at once, but the files wait (a backup may be copying them).
    first = maintain(lake, keep=NOW)
    after = snapshot_ids(lake)
    newest = max(after)
    assert sorted(after) == [downloaded.snapshot_id, newest]
    # Every older snapshot but the download's, including those the merge of small files made.
    made_by_maintain = set(range(max(before) + 1, newest))
    expired_ids = (set(before) | made_by_maintain) - {downloaded.snapshot_id}
    assert first.snapshots_expired == sorted(expired_ids)
    assert first.snapshots_kept_for_exports == [downloaded.snapshot_id]
    assert (first.files_deleted, first.files_waiting > 0) == (0, True)
    files_after_first = data_files(lake)  # with the files the merge of small files wrote
    assert files_after_first >= files_before

    second = maintain(lake, keep=NOW, delete_after=NOW)
    deleted = files_after_first - data_files(lake)
    assert second.snapshots_expired == []  # nothing new to expire: the files were waiting
    assert (second.files_deleted, second.files_waiting) == (len(deleted), 0)
    assert len(deleted) >= first.files_waiting > 0

    # What remains reads exactly what it read: the download's snapshot and the newest.
    assert read_at(lake, downloaded.snapshot_id) == as_downloaded
    assert read_at(lake) == latest
    assert as_downloaded["seizure_events"][0] == 3 and latest["seizure_events"][0] == 9
    expired = first.snapshots_expired[-1]
    with pytest.raises(LakeConfigurationError, match=f"has no snapshot {expired}: it was never"):
        read_at(lake, expired)

    trail = audit.read(access_store_path(lake), actions=("catalog_maintained",))
    assert [row.detail["snapshots_expired"] for row in reversed(trail)] == [
        first.snapshots_expired,
        second.snapshots_expired,
    ]
    assert trail[0].detail["files_deleted"] == len(deleted)


def test_catalog_maintain_from_the_command_line(lake, seizure_file, tmp_path):
    build_warehouse(lake)
    ingest_files(lake, [seizure_file(1)])
    env = dict(os.environ, EMBARGO_CATALOG=lake.catalog)
    merged = embargo_cli("catalog", "maintain", env=env)
    assert merged.returncode == 0, merged.stderr
    first_line, second_line = merged.stdout.splitlines()[:2]
    assert first_line.endswith(" small files merged")
    # The files the merge replaced are still read by earlier snapshots: they wait.
    files_merged = int(first_line.rsplit(": ", 1)[1].split()[0])
    assert second_line == (
        f"0 files no snapshot reads deleted; {files_merged} wait 24 hours after their "
        "snapshots expired"
    )
    assert len(snapshot_ids(lake)) > 2, "nothing expired without --keep-days"

    expired = embargo_cli("catalog", "maintain", "--keep-days", "0", env=env)
    assert expired.returncode == 0, expired.stderr
    assert "expired; kept for briefing packs and downloads: none" in expired.stdout
    assert len(snapshot_ids(lake)) == 1

    negative = embargo_cli("catalog", "maintain", "--keep-days", "-1", env=env)
    assert (negative.returncode, negative.stderr) == (
        2,
        "catalog maintain: --keep-days must be 0 or more, not -1\n",
    )
    local = embargo_cli("catalog", "maintain", "--db", str(tmp_path / "w.duckdb"))
    assert (local.returncode, local.stderr) == (
        2,
        "catalog maintain needs --catalog (or EMBARGO_CATALOG)\n",
    )
