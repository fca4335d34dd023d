"""`embargo reprocess-rejects` through the real command, warehouse, raw store and access store: a
SIPRI export with two rejected names is loaded; nothing changes while nothing new is known; after
each name is registered, its row loads from the kept raw file with its own row number, once (a
second run loads nothing twice); the counts are exact, the warehouse checks stay green, each run
is audited, and a rebuild from the raw files gives the same transfers."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import BRACKETED_ACTORS, copy_of, query
from support.sipri_delivered import records_as_delivered

from embargo import audit
from embargo.cli import main
from embargo.warehouse import connect_read_only, run_checks
from ingest.build import build_warehouse
from ingest.files import ingest_files

FIXTURE = BRACKETED_ACTORS
TWO_PLACES = "New Front (Israel/Palestine)*"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """A warehouse of the test's own, its registry and audit trail beside it."""
    monkeypatch.delenv("EMBARGO_ACCESS_DB", raising=False)
    return copy_of(warehouse, tmp_path)


def reprocess(db: Path, capsys, *options: str) -> list[str]:
    assert main(["reprocess-rejects", "--db", str(db), *options]) == 0
    return capsys.readouterr().out.splitlines()


def transfers(db: Path) -> list[tuple]:
    return query(
        db,
        "SELECT source_record_id, recipient_iso3, source_row_number, file_name FROM transfers "
        "ORDER BY source_record_id",
    )


def test_rows_that_now_resolve_load_once(db: Path, capsys) -> None:
    [first] = ingest_files(db, [FIXTURE])
    assert (first.rows_loaded, first.rows_rejected) == (4, 2)
    before = transfers(db)
    assert len(before) == 4

    assert main(["reprocess-rejects", "--db", str(db)]) == 0
    captured = capsys.readouterr()
    # Progress on standard error, one plain line per step when it is not a terminal.
    assert captured.err.splitlines() == [
        "reprocess: [0/2] bracketed_actors.csv",
        "reprocess: [1/2] derived tables",
        "reprocess: [2/2] done",
    ]
    assert captured.out.splitlines() == [
        f"bracketed_actors.csv (sipri, rejects of load {first.load_id}): 2 tried, "
        "0 now loaded, 2 still rejected",
        "0 rows now loaded, 2 still rejected, from 1 kept files",
    ]
    assert transfers(db) == before

    assert main(["actors", "add", TWO_PLACES, "--type", "non_state", "--country", "PSE",
                 "--db", str(db)]) == 0  # fmt: skip
    capsys.readouterr()
    [line, total] = reprocess(db, capsys)
    [(second,)] = query(
        db, "SELECT load_id FROM load_log WHERE load_id <> ? AND file_format = 'sipri'",
        [first.load_id],
    )  # fmt: skip
    assert (line, total) == (
        f"bracketed_actors.csv (sipri, rejects of load {first.load_id}): 2 tried, "
        f"1 now loaded, 1 still rejected (load {second})",
        "1 rows now loaded, 1 still rejected, from 1 kept files",
    )
    assert transfers(db) == sorted([*before, ("91004", "PSE", 7, "bracketed_actors.csv")])
    assert query(
        db,
        "SELECT rows_read, rows_loaded, rows_rejected FROM load_log WHERE load_id = ?",
        [second],
    ) == [(2, 1, 1)]
    # raw_sipri keeps the record still rejected; the one now loaded is read from the kept file.
    assert query(
        db, "SELECT source_row_number FROM raw_sipri WHERE load_id = ? ORDER BY 1", [second]
    ) == [(8,)]  # fmt: skip
    assert [
        (row["source_row_number"], row["recipient"], row["rejected"])
        for row in records_as_delivered(db, second)[1]
    ] == [(7, "New Front (Israel/Palestine)*", False), (8, "Darfur rebels*", True)]
    assert query(db, "SELECT row_number, value FROM rejects WHERE load_id = ?", [second]) == [
        (8, "Darfur rebels*")
    ]
    # The first load's reject of row 7 stays, as history, resolved by the second load.
    assert query(
        db, "SELECT load_id, row_number, resolved_by_load_id FROM rejects ORDER BY ALL"
    ) == sorted([(first.load_id, 7, second), (first.load_id, 8, None), (second, 8, None)])

    # Nothing new known: nothing loaded twice, nothing written.
    assert reprocess(db, capsys) == [
        f"bracketed_actors.csv (sipri, rejects of load {second}): 1 tried, 0 now loaded, "
        "1 still rejected",
        "0 rows now loaded, 1 still rejected, from 1 kept files",
    ]
    assert len(transfers(db)) == 5
    assert query(db, "SELECT count(*) FROM load_log WHERE file_format = 'sipri'") == [(2,)]

    assert main(["actors", "add", "Darfur rebels*", "--type", "non_state", "--country", "SDN",
                 "--db", str(db)]) == 0  # fmt: skip
    capsys.readouterr()
    assert reprocess(db, capsys, "--format", "unroca") == [
        "0 rows now loaded, 0 still rejected, from 0 kept files"
    ]
    assert reprocess(db, capsys, "--format", "sipri")[-1] == (
        "1 rows now loaded, 0 still rejected, from 1 kept files"
    )
    assert reprocess(db, capsys) == ["0 rows now loaded, 0 still rejected, from 0 kept files"]
    [(third,)] = query(
        db, "SELECT load_id FROM load_log WHERE file_format = 'sipri' AND NOT list_contains(?, "
        "load_id)", [[first.load_id, second]],
    )  # fmt: skip
    assert query(
        db, "SELECT load_id, row_number, resolved_by_load_id FROM rejects ORDER BY ALL"
    ) == sorted([(first.load_id, 7, second), (first.load_id, 8, third), (second, 8, third)])
    after = transfers(db)
    assert [row[:3] for row in after] == [
        ("91001", "TCD", 4), ("91002", "MLI", 5), ("91003", "LBN", 6), ("91004", "PSE", 7),
        ("91005", "SDN", 8), ("91006", "TCD", 9),
    ]  # fmt: skip
    con = connect_read_only(db)
    try:
        assert [check.name for check in run_checks(con) if check.violations] == []
    finally:
        con.close()
    store = db.with_name("w.access.sqlite")
    runs = reversed(audit.read(store, actions=("rejects_reprocessed",)))
    assert [row.target for row in runs if row.action == "rejects_reprocessed"] == [
        "all formats", "all formats", "all formats", "unroca", "sipri", "all formats",
    ]  # fmt: skip

    # A rebuild reads the kept file once, with the registry: the same transfers, no reject.
    build_warehouse(db)
    assert [row[:3] for row in transfers(db)] == [row[:3] for row in after]
    assert query(db, "SELECT count(*) FROM rejects") == [(0,)]


def test_an_unknown_format_is_refused(db: Path, capsys) -> None:
    assert main(["reprocess-rejects", "--db", str(db), "--format", "nonsense"]) == 2
    assert capsys.readouterr().err.startswith("unknown format 'nonsense': expected one of acled")
