"""`embargo sql` on a shared catalog only reads: the catalog's snapshots and data files stay as
they were whatever table function the query calls (DuckLake's maintenance functions delete and
rewrite files, the postgres extension passes statements through to the catalog's database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.warehouse import connect_writable
from embargo.warehouse.read_only import QueryRefused, run_read_only_query
from ingest.build import build_warehouse

META = "__ducklake_metadata_lake"
WRITING_TABLE_FUNCTIONS = {
    "postgres_query": f"SELECT * FROM postgres_query('{META}', 'SELECT 1')",
    "postgres_execute": f"SELECT * FROM postgres_execute('{META}', 'DROP TABLE ducklake_snapshot')",
    "postgres_scan": f"SELECT * FROM postgres_scan('{META}', 'public', 'ducklake_snapshot')",
    "ducklake_expire_snapshots": "SELECT * FROM ducklake_expire_snapshots('lake', "
    "older_than => now())",
    "ducklake_merge_adjacent_files": "SELECT * FROM ducklake_merge_adjacent_files('lake')",
    "ducklake_cleanup_old_files": "SELECT * FROM ducklake_cleanup_old_files('lake', "
    "cleanup_all => true)",
    "ducklake_delete_orphaned_files": "SELECT * FROM ducklake_delete_orphaned_files('lake', "
    "cleanup_all => true)",
    "ducklake_rewrite_data_files": "SELECT * FROM ducklake_rewrite_data_files('lake')",
    "ducklake_flush_inlined_data": "SELECT * FROM ducklake_flush_inlined_data('lake')",
    "ducklake_set_option": "SELECT * FROM ducklake_set_option('lake', 'parquet_compression', "
    "'zstd')",
    "ducklake_add_data_files": "SELECT * FROM ducklake_add_data_files('lake', 'embargoes', "
    "'x.parquet')",
    "checkpoint": "WITH c AS (SELECT * FROM checkpoint('lake')) SELECT * FROM c",
    "force_checkpoint": "SELECT 1 WHERE 1 IN (SELECT 1 FROM force_checkpoint('lake'))",
    "query": "SELECT * FROM query('SELECT * FROM ducklake_cleanup_old_files(''lake'')')",
    "json_execute_serialized_sql": "SELECT * FROM json_execute_serialized_sql('{}')",
}


def catalog_state(lake) -> tuple:
    con = connect_writable(lake)
    try:
        (snapshots,) = con.execute("SELECT count(*) FROM ducklake_snapshots('lake')").fetchone()
        (files,) = con.execute(
            "SELECT count(*) FROM ducklake_list_files('lake', 'embargoes')"
        ).fetchone()
        return snapshots, files
    finally:
        con.close()


def test_sql_on_a_catalog_calls_no_table_function_that_writes(lake):
    build_warehouse(lake)
    before = catalog_state(lake)
    data_files = sorted(lake_files(lake))
    for name, query in WRITING_TABLE_FUNCTIONS.items():
        with pytest.raises(QueryRefused, match=f"the table function {name} is not allowed"):
            run_read_only_query(lake, query)
    assert catalog_state(lake) == before
    assert sorted(lake_files(lake)) == data_files
    # What reads still runs, the warehouse's table macros and the catalog's snapshots included.
    _, rows = run_read_only_query(
        lake,
        "SELECT count(*) > 0 FROM embargoes_applicable('CAF', DATE '2023-07-27') "
        "UNION ALL SELECT count(*) > 0 FROM ducklake_snapshots('lake')",
    )
    assert rows == [(True,), (True,)]


def lake_files(lake) -> list[str]:
    return [str(path) for path in Path(lake.data_path).rglob("*") if path.is_file()]
