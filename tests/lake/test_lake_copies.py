"""The dashboard's copies of a catalog's small tables (embargo.lake_copies): a query reading only
such tables runs on the copies, which follow each snapshot that changes their tables and give
exactly what the catalog holds at the snapshot of the page run; a table too large to copy, or a
copy older than the snapshot read, is read from the catalog."""

from __future__ import annotations

import pytest

from dashboard import queries
from dashboard.queries import engine
from embargo import lake_copies
from embargo.classification import Classification
from ingest.build import build_warehouse
from ingest.files import ingest_files

CLEARANCE = Classification.STRICTLY_CONFIDENTIAL


@pytest.fixture
def reading_lake(lake, monkeypatch):
    """A built catalog (reference data only) that the query layer reads, every result read
    afresh (the kept results would hide where a query was read from)."""
    build_warehouse(lake)
    monkeypatch.setenv("EMBARGO_CATALOG", lake.catalog)
    monkeypatch.setenv("EMBARGO_QUERY_CACHE_MB", "0")
    return lake


@pytest.fixture
def on_copies(monkeypatch) -> list[bool]:
    """For each query read from now on, whether it was read from the copies."""
    answers: list[bool] = []
    decide = engine._on_copies

    def recording(*args):
        answers.append(decide(*args))
        return answers[-1]

    monkeypatch.setattr(engine, "_on_copies", recording)
    return answers


def seizure_loads() -> int:
    """Loads of seizures files in the load log (a build logs its reference tables too)."""
    return queries.load_log(CLEARANCE)["file_format"].to_list().count("seizures")


def files_loaded() -> int:
    """Files loaded, as the Sources page counts them: those of the build's reference tables
    (REFERENCE_LOADS) and the seizures files loaded since."""
    return int(queries.data_inventory(CLEARANCE)["files_loaded"].sum())


# The loads of a build of the reference data alone (no demo data, no raw file kept).
REFERENCE_LOADS = 14


def test_small_tables_are_read_from_copies_that_follow_each_load(
    reading_lake, on_copies, seizure_file
):
    with queries.one_snapshot_per_page():
        assert seizure_loads() == 0
        assert files_loaded() == REFERENCE_LOADS
    assert on_copies == [True, True]
    copies = engine._copies[engine.current_location()]
    assert "load_log" in copies.copied and "seizure_events" in copies.copied
    built_at = copies.refreshed_at

    with queries.one_snapshot_per_page():
        begun = queries.data_version(CLEARANCE)
        ingest_files(reading_lake, [seizure_file(1)])  # commits while the page is drawn
        # The page's snapshot is the one before the load: the copies of that snapshot answer.
        assert seizure_loads() == 0
    assert begun.snapshot_id == built_at
    assert on_copies == [True, True, True]

    with queries.one_snapshot_per_page():
        loaded = queries.data_version(CLEARANCE)
        assert seizure_loads() == 1
        assert files_loaded() == REFERENCE_LOADS + 1
    # The load's snapshot is newer: the copies of what it changed were made again first.
    assert loaded.snapshot_id > built_at
    assert copies.refreshed_at == loaded.snapshot_id
    assert on_copies == [True, True, True, True, True]
    # Outside a page run each query reads the newest snapshot, from the copies too.
    assert seizure_loads() == 1
    assert on_copies[-1] is True


def test_a_copy_older_than_the_snapshot_read_is_not_used(
    reading_lake, on_copies, seizure_file, monkeypatch
):
    assert seizure_loads() == 0
    assert on_copies == [True]
    # The copies stay as they were (as when another page run brought them to an older snapshot).
    monkeypatch.setattr(lake_copies.TableCopies, "refresh", lambda self, snapshot_id: None)
    ingest_files(reading_lake, [seizure_file(1)])
    with queries.one_snapshot_per_page():
        assert seizure_loads() == 1
        assert files_loaded() == REFERENCE_LOADS + 1
    assert on_copies == [True, False, False]


def test_tables_too_large_to_copy_are_read_from_the_catalog(reading_lake, on_copies, monkeypatch):
    # Only the tables without data files (never written, or their rows kept in PostgreSQL)
    # are small enough.
    monkeypatch.setattr(lake_copies, "copy_limit_bytes", lambda: 1)
    timeline = queries.embargo_timeline(CLEARANCE)
    copied = engine._copies[engine.current_location()].copied
    assert "embargoes" not in copied
    assert {"corrections", "embargo_change_records"} <= copied
    assert on_copies == [False]
    # The 43 embargoes of the reference table, as read from a warehouse file.
    assert timeline.height == 43
    assert timeline["embargo_id"].n_unique() == 43


def test_no_copies_when_the_setting_is_0(reading_lake, on_copies, seizure_file, monkeypatch):
    monkeypatch.setenv("EMBARGO_CATALOG_COPY_MB", "0")
    ingest_files(reading_lake, [seizure_file(1)])
    assert seizure_loads() == 1
    assert engine._copies[engine.current_location()] is None
    assert on_copies == [False]


def test_a_rebuild_makes_every_copy_again(reading_lake, on_copies, seizure_file):
    ingest_files(reading_lake, [seizure_file(1)])
    assert seizure_loads() == 1
    build_warehouse(reading_lake)  # the raw file is loaded again
    with queries.one_snapshot_per_page():
        assert seizure_loads() == 1
        rebuilt = queries.data_version(CLEARANCE).snapshot_id
    assert engine._copies[engine.current_location()].refreshed_at == rebuilt
    assert on_copies == [True, True]
