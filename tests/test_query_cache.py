"""The query layer keeps results per change of the tables they read: a repeated question is
answered from memory, a load is seen by the next query reading what it changed while the others
keep their results, each clearance gets its own answer, and sessions asking the same question at
once share one computation."""

from __future__ import annotations

import shutil
import threading

import polars as pl
import pytest
from seizure_files import write_seizure_file

from dashboard import queries
from dashboard.queries import engine
from embargo.classification import Classification
from embargo.warehouse import connect_writable
from ingest.files import ingest_files

ALL = Classification.STRICTLY_CONFIDENTIAL


@pytest.fixture
def db(warehouse, tmp_path, monkeypatch):
    path = tmp_path / "w.duckdb"
    shutil.copy(warehouse, path)
    monkeypatch.setenv("EMBARGO_DB", str(path))
    return path


def seizure_loads(clearance: Classification) -> list[tuple[int, int]]:
    inventory = queries.data_inventory(clearance)
    rows = inventory.filter(inventory["target_table"] == "seizure_items")
    return list(zip(rows["files_loaded"], rows["rows_loaded"], strict=True))


def kept_results(db) -> int:
    return sum(1 for key in engine._results if key[0][1] == str(db))


def test_a_repeated_question_is_answered_from_memory(db):
    first = queries.data_inventory(ALL)
    kept = kept_results(db)
    assert kept == 1
    second = queries.data_inventory(ALL)
    assert second.equals(first)
    assert kept_results(db) == kept


def test_a_load_is_seen_by_the_next_query(db, tmp_path):
    assert seizure_loads(ALL) == []
    ingest_files(db, [write_seizure_file(tmp_path, 1, events=3)])
    assert seizure_loads(ALL) == [(1, 3)]
    ingest_files(db, [write_seizure_file(tmp_path, 2, events=4)])
    assert seizure_loads(ALL) == [(2, 7)]


def test_each_clearance_gets_its_own_answer(db, tmp_path):
    # The file's records are restricted: a public viewer must not see them, before or after a
    # cleared viewer's identical question was answered.
    ingest_files(db, [write_seizure_file(tmp_path, 1, events=3)])
    assert seizure_loads(Classification.PUBLIC) == []
    assert seizure_loads(Classification.RESTRICTED) == [(1, 3)]
    assert seizure_loads(Classification.PUBLIC) == []


def test_sessions_asking_at_once_share_one_computation(db):
    answers = []

    def ask() -> None:
        answers.append(queries.data_inventory(ALL))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 8
    assert all(answer.equals(answers[0]) for answer in answers)
    assert kept_results(db) == 1


def test_the_cache_can_be_turned_off(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_QUERY_CACHE_MB", "0")
    first = queries.data_inventory(ALL)
    assert queries.data_inventory(ALL).equals(first)
    assert kept_results(db) == 0


def test_a_load_leaves_the_results_of_other_tables_valid(db, tmp_path, queries_sent):
    timeline = queries.embargo_timeline(ALL)
    assert seizure_loads(ALL) == []
    sent = queries_sent
    sent.clear()  # from here on
    ingest_files(db, [write_seizure_file(tmp_path, 1, events=3)])
    # The embargoes did not change: the kept timeline is still the answer, read from memory.
    assert queries.embargo_timeline(ALL).equals(timeline)
    assert sent == []
    # The inventory reads load_log and seizure_items, which the load changed.
    assert seizure_loads(ALL) == [(1, 3)]
    assert len(sent) == 1
    key = next(key for key in engine._results if key[3] == "SELECT * FROM embargo_timeline")
    assert key[0][0] == "tables"
    # The timeline reads the recorded resolutions too (a renewal recorded by an administrator).
    assert [table for table, _ in key[0][-1]] == [
        "embargo_change_records",
        "embargo_changes",
        "embargoes",
    ]


def test_a_warehouse_without_table_versions_is_kept_per_state(db, tmp_path):
    # As a warehouse built before table_versions existed: every load reads afresh.
    con = connect_writable(db)
    con.execute("DROP TABLE table_versions")
    con.close()
    queries.embargo_timeline(ALL)
    [key] = [key for key in engine._results if key[0][1] == str(db)]
    assert key[0][0] == "state"


def test_a_load_drops_the_results_read_before_it(db, tmp_path):
    queries.embargo_timeline(ALL)
    assert seizure_loads(ALL) == []
    kept = {key[3] for key in engine._results if key[0][1] == str(db)}
    assert kept == {"SELECT * FROM embargo_timeline", "SELECT * FROM loads_by_source(?)"}
    ingest_files(db, [write_seizure_file(tmp_path, 1, events=3)])
    assert seizure_loads(ALL) == [(1, 3)]
    # The inventory read before the load is gone; the timeline, whose tables the load left
    # unchanged, is kept, and so is the inventory read after the load.
    after = [key for key in engine._results if key[0][1] == str(db)]
    assert sorted(key[3] for key in after) == [
        "SELECT * FROM embargo_timeline",
        "SELECT * FROM loads_by_source(?)",
    ]
    assert engine._results_bytes == sum(
        frame.estimated_size() for frame in engine._results.values()
    )


def test_the_queries_run_within_the_memory_limit_set(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_QUERY_MEMORY_MB", "300")
    [limit] = engine.fetch("SELECT current_setting('memory_limit') AS limit_")["limit_"]
    assert limit == "300.0 MiB"


def test_a_result_is_kept_as_a_copy_of_its_own_size():
    frame = pl.DataFrame({"name": ["a", "b", "c"], "rows": [1, 2, 3]})
    assert engine._compact(frame).to_dict(as_series=False) == {
        "name": ["a", "b", "c"],
        "rows": [1, 2, 3],
    }
    assert engine._compact(frame.head(1)).to_dict(as_series=False) == {"name": ["a"], "rows": [1]}
    empty = engine._compact(frame.clear())
    assert (empty.height, empty.schema) == (0, frame.schema)
    assert engine._compact(frame).n_chunks() == 1
