"""How a load writes a local warehouse file (ingest.kit.warehouse_file): a small load in place
when no reader holds the file, leaving its transaction in the write-ahead log; otherwise a
working copy that takes the log along and is renamed over the file, the log removed; readers
wait for an in-place writer instead of failing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from seizure_files import write_seizure_file

from embargo.warehouse import connect_read_only
from ingest.files import ingest_files
from ingest.kit.warehouse_file import wal_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(warehouse: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


def item_lines(db: Path) -> tuple[int, int, int]:
    """Item lines, their stored facts and distinct item line ids, read as a new reader reads."""
    con = connect_read_only(db)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM seizure_items), "
            "(SELECT count(*) FROM seizure_item_facts_stored), "
            "(SELECT count(DISTINCT item_line_uid) FROM seizure_item_facts_stored)"
        ).fetchone()
    finally:
        con.close()


def working_copies(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if ".ingesting" in p.name)


def hold_read_only(db: Path, seconds: float, writable: bool = False) -> subprocess.Popen:
    """Another process holding the file open (a dashboard reading it, or a writer)."""
    program = textwrap.dedent(
        """
        import sys, time, duckdb
        con = duckdb.connect(sys.argv[1], read_only=sys.argv[3] == "read")
        print("held", flush=True)
        time.sleep(float(sys.argv[2]))
        """
    )
    process = subprocess.Popen(
        [sys.executable, "-c", program, str(db), str(seconds), "write" if writable else "read"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_small_load_writes_the_file_in_place_and_leaves_its_log(db: Path, tmp_path: Path):
    inode = db.stat().st_ino
    [report] = ingest_files(db, [write_seizure_file(tmp_path, 1, events=5)])
    assert (report.status, report.rows_loaded) == ("loaded", 5)
    assert db.stat().st_ino == inode  # not a copy renamed over it
    assert wal_of(db).exists()  # the committed load, not yet folded into the file
    assert working_copies(db) == []
    assert item_lines(db) == (5, 5, 5)
    [again] = ingest_files(db, [write_seizure_file(tmp_path, 2, events=5)])
    assert (again.status, db.stat().st_ino) == ("loaded", inode)
    assert item_lines(db) == (10, 10, 10)


def test_a_load_while_another_process_reads_goes_through_a_copy_with_the_log(
    db: Path, tmp_path: Path
):
    ingest_files(db, [write_seizure_file(tmp_path, 1, events=5)])
    assert wal_of(db).exists()
    reader = hold_read_only(db, 60)
    try:
        inode = db.stat().st_ino
        [report] = ingest_files(db, [write_seizure_file(tmp_path, 2, events=5)])
        assert (report.status, report.rows_loaded) == ("loaded", 5)
        assert db.stat().st_ino != inode  # a working copy, renamed over the file
        # The in-place load's log went into the copy, and is gone from beside the new file:
        # replayed onto it, it would add its rows twice.
        assert not wal_of(db).exists()
        assert working_copies(db) == []
    finally:
        reader.kill()
        reader.wait()
    assert item_lines(db) == (10, 10, 10)


def test_a_load_while_this_process_reads_goes_through_a_copy(db: Path, tmp_path: Path):
    """The Upload page loads a file in the dashboard's process, which holds the warehouse open
    read-only."""
    reader = connect_read_only(db)
    try:
        inode = db.stat().st_ino
        [report] = ingest_files(db, [write_seizure_file(tmp_path, 1, events=5)])
        assert (report.status, report.rows_loaded) == ("loaded", 5)
        assert db.stat().st_ino != inode
    finally:
        reader.close()
    assert item_lines(db) == (5, 5, 5)


def test_several_files_go_through_a_copy(db: Path, tmp_path: Path):
    inode = db.stat().st_ino
    files = [write_seizure_file(tmp_path, number, events=2) for number in (1, 2)]
    reports = ingest_files(db, files)
    assert [report.status for report in reports] == ["loaded", "loaded"]
    assert db.stat().st_ino != inode
    assert not wal_of(db).exists()
    assert item_lines(db) == (4, 4, 4)


def test_a_reader_waits_for_a_writer_holding_the_file(db: Path):
    writer = hold_read_only(db, 1.5, writable=True)
    try:
        started = time.perf_counter()
        con = connect_read_only(db)
        waited = time.perf_counter() - started
        assert con.execute("SELECT count(*) FROM seizure_items").fetchone() == (0,)
        con.close()
    finally:
        writer.wait()
    assert waited >= 0.5


def test_a_failed_small_load_leaves_the_file_as_it_was(db: Path, tmp_path: Path):
    """A file refused whole (rows classified above the uploader's clearance) writes nothing:
    the in-place transaction is rolled back."""
    from embargo.classification import Classification

    def loads() -> int:
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute("SELECT count(*) FROM load_log").fetchone()[0]
        finally:
            con.close()

    before = (item_lines(db), loads())
    path = write_seizure_file(tmp_path, 1, events=3)
    text = path.read_text(encoding="utf-8").replace(",restricted", ",confidential")
    path.write_text(text, encoding="utf-8")
    [report] = ingest_files(db, [path], clearance=Classification.RESTRICTED)
    assert report.status == "refused"
    assert (item_lines(db), loads()) == before
    assert not (db.parent / "raw").exists()  # nothing kept in the raw store
