"""`embargo sql` only reads: exactly one statement, of a kind that reads, on a connection that
sees the warehouse read-only. Every kind of statement DuckDB parses is tried, and after each the
warehouse file is byte for byte what it was and no file appeared beside it (a `.wal` written
there is replayed into the warehouse by the next writer)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from embargo.config import PROJECT_ROOT
from embargo.warehouse.read_only import (
    READ_STATEMENT_TYPES,
    QueryRefused,
    run_read_only_query,
)

# One statement of every kind DuckDB's parser produces (UPDATE EXTENSIONS has no name in the
# Python enum: DuckDB shows it as '???').
EVERY_KIND = {
    "SELECT": "SELECT count(*) FROM embargoes",
    "INSERT": "INSERT INTO countries (iso3) VALUES ('ZZZ')",
    "INSERT OR REPLACE": "INSERT OR REPLACE INTO countries (iso3) VALUES ('ZZZ')",
    "UPDATE": "UPDATE embargoes SET end_date = NULL",
    "CREATE": "CREATE TABLE scratch AS SELECT 1 AS a",
    "CREATE MACRO": "CREATE MACRO m() AS 1",
    "CREATE SECRET": "CREATE SECRET s (TYPE s3, KEY_ID 'k', SECRET 'v')",
    "DELETE": "DELETE FROM embargoes",
    "TRUNCATE": "TRUNCATE embargoes",
    "PREPARE": "PREPARE p AS SELECT 1",
    "EXECUTE": "EXECUTE p",
    "ALTER": "ALTER TABLE embargoes ADD COLUMN x INTEGER",
    "COMMENT": "COMMENT ON TABLE embargoes IS 'x'",
    "TRANSACTION": "BEGIN TRANSACTION",
    "COPY TO": "COPY embargoes TO 'out.csv'",
    "COPY FROM": "COPY embargoes FROM 'in.csv'",
    "COPY TO WAL": "COPY (SELECT from_hex('00')) TO '{db}.wal' (FORMAT blob)",
    "COPY TO DATABASE FILE": "COPY (SELECT 1) TO '{db}' (FORMAT csv, USE_TMP_FILE false)",
    "EXPLAIN": "EXPLAIN SELECT 1",
    "EXPLAIN ANALYZE": "EXPLAIN ANALYZE COPY (SELECT 1) TO '{db}.wal' (FORMAT csv)",
    "DROP": "DROP TABLE embargoes",
    "DEALLOCATE": "DEALLOCATE p",
    "EXPORT": "EXPORT DATABASE 'exported'",
    "IMPORT": "IMPORT DATABASE '.'",
    "PRAGMA": "PRAGMA enable_profiling",
    "PRAGMA ASSIGNMENT": "PRAGMA profiling_output = 'profile.json'",
    "VACUUM": "VACUUM",
    "ANALYZE": "ANALYZE",
    "CALL": "CALL checkpoint()",
    "CHECKPOINT": "CHECKPOINT",
    "SET": "SET enable_external_access = true",
    "SET VARIABLE": "SET VARIABLE v = 1",
    "USE": "USE memory",
    "RESET": "RESET lock_configuration",
    "LOAD": "LOAD spatial",
    "INSTALL": "INSTALL spatial",
    "ATTACH": "ATTACH 'other.duckdb' AS other",
    "ATTACH MEMORY": "ATTACH ':memory:' AS scratch",
    "DETACH": "DETACH warehouse",
    "COPY DATABASE": "COPY FROM DATABASE warehouse TO memory",
    "MERGE INTO": "MERGE INTO countries USING countries AS c ON countries.iso3 = c.iso3 "
    "WHEN MATCHED THEN DELETE",
    "UPDATE EXTENSIONS": "UPDATE EXTENSIONS",
    "PIVOT": "PIVOT countries ON actor_type",
    "TWO STATEMENTS": "SELECT 1; COPY (SELECT from_hex('00')) TO '{db}.wal' (FORMAT blob)",
    "SELECT THEN DROP": "SELECT 1; DROP TABLE embargoes",
}

# Kinds DuckDB uses inside (for plans and relations built by its APIs), which no text parses to.
INTERNAL_KINDS = {
    "INVALID",
    "ANALYZE",
    "VARIABLE_SET",
    "CREATE_FUNC",
    "RELATION",
    "EXTENSION",
    "LOGICAL_PLAN",
    "MULTI",
}

# Read statements of each spelling DuckDB parses as SELECT, with their exact results.
READS = {
    "SELECT count(*) AS n FROM embargoes": [(43,)],
    "FROM embargoes SELECT count(*) AS n WHERE target_iso3 = 'LBY'": [(2,)],
    "WITH e AS (SELECT * FROM embargoes) SELECT count(*) FROM e": [(43,)],
    "VALUES (1, 'a')": [(1, "a")],
    "SELECT count(*) FROM (DESCRIBE embargoes) WHERE column_name = 'embargo_id'": [(1,)],
    "SELECT count(*) > 10 FROM (SHOW TABLES)": [(True,)],
    "SELECT count(*) FROM (SUMMARIZE SELECT 1 AS a)": [(1,)],
    "SELECT count(*) FROM pragma_table_info('embargoes') WHERE name = 'target_iso3'": [(1,)],
    "SELECT count(*) FROM embargo_timeline WHERE embargo_id = 'un-libya-2011'": [(1,)],
    "SELECT count(*) FROM embargoes_applicable('LBY', DATE '2011-03-01')": [(4,)],
    "SELECT count(*) FROM range(3) CROSS JOIN unnest([1, 2]) AS u(x)": [(6,)],
}


@pytest.fixture
def copied(warehouse, tmp_path) -> Path:
    """A copy of the session's built warehouse alone in its own folder."""
    folder = tmp_path / "wh"
    folder.mkdir()
    copy = folder / "w.duckdb"
    shutil.copy(warehouse, copy)
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_statement_kind_is_tried():
    """The examples cover every kind DuckDB's parser has (a new kind in a later DuckDB fails
    here until it is tried), and only SELECT is accepted."""
    con = duckdb.connect()
    seen = set()
    for query in EVERY_KIND.values():
        try:
            statements = con.extract_statements(query.format(db="w.duckdb"))
        except duckdb.Error:  # IMPORT DATABASE reads the folder while parsing
            continue
        seen |= {statement.type.name for statement in statements}
    con.close()
    assert seen | INTERNAL_KINDS | {"???"} == set(duckdb.StatementType.__members__) | {"???"}
    assert {kind.name for kind in READ_STATEMENT_TYPES} == {"SELECT"}


@pytest.mark.parametrize("kind", sorted(set(EVERY_KIND) - {"SELECT"}))
def test_every_statement_kind_but_select_is_refused(copied, kind, monkeypatch):
    folder = copied.parent
    monkeypatch.chdir(folder)
    before = digest(copied)
    with pytest.raises(QueryRefused):
        run_read_only_query(copied, EVERY_KIND[kind].format(db=copied))
    assert digest(copied) == before
    assert sorted(path.name for path in folder.iterdir()) == ["w.duckdb"]
    assert run_read_only_query(copied, "SELECT count(*) FROM embargoes") == (
        ["count_star()"],
        [(43,)],
    )


@pytest.mark.parametrize("query", sorted(READS))
def test_every_spelling_of_a_read_runs(copied, query):
    _, rows = run_read_only_query(copied, query)
    assert rows == READS[query]


@pytest.mark.parametrize(
    ("query", "refusal"),
    [
        ("SELECT * FROM read_text('/etc/hostname')", "table function read_text is not allowed"),
        ("SELECT * FROM '/etc/hostname'", "Table with name /etc/hostname does not exist"),
        ("SELECT * FROM glob('*')", "table function glob is not allowed"),
        ("SELECT * FROM query('DROP TABLE embargoes')", "table function query is not allowed"),
        (
            "SELECT 1 FROM embargoes, (FROM query_table('countries'))",
            "table function query_table is not allowed",
        ),
    ],
)
def test_reads_outside_the_warehouse_are_refused(copied, query, refusal):
    with pytest.raises((QueryRefused, duckdb.Error), match=refusal):
        run_read_only_query(copied, query)


def test_sql_command_cannot_write_the_warehouse_through_its_wal(copied):
    """The attack as it was made: a harmless first statement, then a COPY that writes bytes of
    the attacker's choosing to the warehouse's WAL, which the next writer replays."""
    before = digest(copied)
    query = f"SELECT 1; COPY (SELECT from_hex('deadbeef')) TO '{copied}.wal' (FORMAT blob)"
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "sql", query, "--db", str(copied)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout
    assert result.stderr == (
        "query refused: exactly one statement is allowed; the query holds 2 (DuckDB expands "
        "some statements, such as PIVOT without IN, into several)\n"
    )
    assert not Path(f"{copied}.wal").exists()
    assert digest(copied) == before
