"""The derived tables of a small warehouse are recomputed on one DuckDB thread, and the
connection's own setting comes back after, whatever happens inside."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from embargo.warehouse import connect_writable, refresh_derived_tables
from embargo.warehouse.lineage import derived_tables
from embargo.warehouse.refresh import (
    ONE_THREAD_LARGEST_ROWS,
    one_thread_if_small,
    table_sizes,
)

MATCHING = dict(derived_tables())["delivery_matched_lines"]


@pytest.fixture
def con(warehouse: Path, tmp_path: Path):
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    connection = connect_writable(path)
    connection.execute("SET threads = 3")
    yield connection
    connection.close()


def threads(con) -> int:
    return int(con.execute("SELECT current_setting('threads')").fetchone()[0])


def test_a_query_reading_small_tables_runs_on_one_thread(con):
    sizes = table_sizes(con)
    assert sizes["transfers"] == 0
    with one_thread_if_small(con, MATCHING, sizes):
        assert threads(con) == 1
    assert threads(con) == 3


def test_a_query_reading_a_large_table_keeps_the_threads(con):
    sizes = table_sizes(con) | {"transfers": ONE_THREAD_LARGEST_ROWS}
    with one_thread_if_small(con, MATCHING, sizes):
        assert threads(con) == 3
    assert threads(con) == 3


def test_the_setting_comes_back_after_a_failure(con):
    with pytest.raises(ZeroDivisionError), one_thread_if_small(con, MATCHING, table_sizes(con)):
        assert threads(con) == 1
        _ = 1 / 0
    assert threads(con) == 3


def test_a_refresh_leaves_the_connections_threads(con):
    refresh_derived_tables(con, ["transfers"])
    assert threads(con) == 3
    assert con.execute("SELECT count(*) FROM delivery_matched_lines").fetchone() == (0,)
