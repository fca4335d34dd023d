"""Faults: `embargo ingest` and `embargo build` killed with SIGKILL at several points leave the
warehouse exactly as it was (same file, same row counts and checksums of every table), and a
rerun completes; the raw-file store lets `embargo build` recreate the same warehouse from
scratch; the dashboard keeps answering while a rebuild swaps the file, and picks up the new one.

Kill points are real SIGKILLs of real processes: after a delay, or at a named step (a small
launcher wraps one function of the ingest code to kill its own process before or after it);
nothing in the product code knows about them."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from dashboard.queries import engine
from embargo.classification import Classification
from embargo.config import DASHBOARD_APP, PROJECT_ROOT
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.formats import FORMAT_MODULES

SEEDS = sorted(
    path
    for name in FORMAT_MODULES
    for path in (Path(__file__).parent / "fixtures" / "fuzz").glob(f"{name}.*")
)
EMBARGO = [sys.executable, "-m", "embargo.cli"]

# Runs the `embargo` command with one function replaced by one that kills the process with
# SIGKILL before or after calling it (when its arguments mention `match`).
LAUNCHER = """
import importlib, os, signal, sys
target, when, match, *argv = sys.argv[1:]
module_name, attribute = target.split(":")
module = importlib.import_module(module_name)
original = getattr(module, attribute)

def killing(*args, **kwargs):
    hit = match in repr(args)
    if hit and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(*args, **kwargs)
    if hit and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return result

setattr(module, attribute, killing)
from embargo.cli import main
sys.exit(main(argv))
"""

# (where, before/after, argument text that must match): the steps of `embargo ingest`
# Each kill costs a process start and part of a build (seconds): a few telling points only.
INGEST_KILL_POINTS = [
    ("ingest.files:record_load", "after", ""),  # rows and load log in, transaction open
    ("ingest.files:keep_raw_copy", "after", ""),  # committed in the copy, raw file kept
    ("os:replace", "before", ".duckdb"),  # the moment of the swap
]
BUILD_KILL_POINTS = [
    ("ingest.files:record_load", "after", ""),  # reloading a raw file, not committed
    ("os:replace", "before", ".duckdb"),  # checked and checkpointed: the moment of the swap
]
# Fractions of the time an uninterrupted run of the same command takes on a copy: wherever the
# kill lands, nothing may change. Relative, so a fast machine does not finish before the kill.
TIMED_KILLS = (0.5,)
TRIED: list[str] = []


def checksums(db: Path) -> dict[str, tuple]:
    """Row count and order-independent checksum of every table (sql/macros/table_checksum)."""
    con = connect_read_only(db)
    try:
        tables = [
            name
            for (name,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY table_name"
            ).fetchall()
            # A count of write transactions, not content: a rebuild commits fewer of them.
            if name != "warehouse_version"
        ]
        return {
            name: con.execute(
                f"SELECT row_count, content_checksum FROM table_checksum('{name}')"
            ).fetchone()
            for name in tables
        }
    finally:
        con.close()


def state(db: Path) -> tuple[str, dict]:
    return hashlib.sha256(db.read_bytes()).hexdigest(), checksums(db)


def run(args: list[str], **options) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    return subprocess.run(
        args, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, **options
    )


def killed_at(point: tuple[str, str, str], command: list[str]) -> subprocess.CompletedProcess:
    where, when, match = point
    done = run([sys.executable, "-c", LAUNCHER, where, when, match, *command], timeout=120)
    assert done.returncode == -signal.SIGKILL, (point, done.returncode, done.stderr[-2000:])
    return done


def uninterrupted_seconds(command: list[str], db: Path) -> float:
    """How long the command takes when nothing stops it, run on a copy of the warehouse."""
    copy = db.parent / "timing" / db.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(db, copy)
    started = time.perf_counter()
    done = run([*EMBARGO, *[str(copy) if arg == str(db) else arg for arg in command]])
    assert done.returncode == 0, done.stderr
    shutil.rmtree(copy.parent)
    return time.perf_counter() - started


def killed_after(fraction: float, command: list[str], db: Path) -> None:
    seconds = fraction * uninterrupted_seconds(command, db)
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    process = subprocess.Popen([*EMBARGO, *command], cwd=PROJECT_ROOT, env=env)
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL, f"finished before {seconds:.2f} s"


def working_copies(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.iterdir() if p.name.startswith(f".{db.name}."))


@pytest.fixture(scope="module")
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse of its own (reference data only, to start with); its raw store is raw/."""
    path = tmp_path_factory.mktemp("faults") / "warehouse.duckdb"
    shutil.copyfile(warehouse, path)
    return path


@pytest.fixture(scope="module")
def clean_ingest(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The seed files of every format loaded without interruption, to compare with."""
    path = tmp_path_factory.mktemp("clean") / "warehouse.duckdb"
    shutil.copyfile(warehouse, path)
    reports = ingest_files(path, SEEDS)
    assert [report.status for report in reports] == ["loaded"] * len(SEEDS)
    return checksums(path)


def test_killed_ingest_leaves_the_warehouse_as_it_was(db, clean_ingest):
    before = state(db)
    command = ["ingest", *map(str, SEEDS), "--db", str(db)]
    for point in INGEST_KILL_POINTS:
        killed_at(point, command)
        assert state(db) == before, point
        TRIED.append(f"ingest killed {point[1]} {point[0]}")
    for fraction in TIMED_KILLS:
        killed_after(fraction, command, db)
        # A kill at a time lands anywhere, even after the swap while the process exits: the
        # warehouse is then the previous complete version or the new complete one.
        assert checksums(db) in (before[1], clean_ingest), fraction
        TRIED.append(f"ingest killed at {fraction:.0%} of its run time")
    assert working_copies(db)  # the killed processes could not clean up...
    rerun = run([*EMBARGO, *command])
    assert rerun.returncode == 0, rerun.stderr
    assert working_copies(db) == []  # ...the next writer removes what they left
    assert checksums(db) == clean_ingest  # the rerun loads exactly what a clean run loads


def test_killed_build_leaves_the_warehouse_as_it_was(db, clean_ingest):
    before = state(db)
    assert before[1] == clean_ingest
    command = ["build", "--db", str(db)]
    for point in BUILD_KILL_POINTS:
        killed_at(point, command)
        assert state(db) == before, point
        TRIED.append(f"build killed {point[1]} {point[0]}")
    for fraction in TIMED_KILLS:
        killed_after(fraction, command, db)
        assert checksums(db) == clean_ingest, fraction  # the previous or the rebuilt version
        TRIED.append(f"build killed at {fraction:.0%} of its run time")
    rerun = run([*EMBARGO, *command])
    assert rerun.returncode == 0, rerun.stderr
    assert working_copies(db) == []
    # A new file, the same content: every raw file reloaded from the raw store.
    assert state(db)[0] != before[0] and checksums(db) == clean_ingest


def test_raw_store_recreates_the_same_warehouse_from_scratch(db, clean_ingest):
    """Delete the warehouse: the reference data and the raw store rebuild every table with the
    same rows (same counts and checksums, file names included)."""
    # Beside each kept file, who loaded it (.loaded_by.json), for the replay.
    kept = sorted(
        path.relative_to(db.parent).as_posix()
        for path in (db.parent / "raw").rglob("*.*")
        if not path.name.startswith(".")
    )
    assert [name.rsplit("/", 1)[-1] for name in kept] == sorted(path.name for path in SEEDS)
    db.unlink()
    build_warehouse(db)
    assert checksums(db) == clean_ingest
    con = connect_read_only(db)
    try:
        names = {row[0] for row in con.execute("SELECT file_name FROM load_log").fetchall()}
    finally:
        con.close()
    # The rows name the files as the user loaded them (not as the raw store keeps them).
    assert {path.name for path in SEEDS} <= names
    assert not [name for name in names if re.match(r"[0-9a-f]{16}-", name)]


def test_dashboard_keeps_serving_across_swaps_and_shows_the_new_version(
    warehouse, tmp_path, monkeypatch
):
    """Readers query the warehouse in a loop (as sessions on their own threads do) while files
    are ingested and the warehouse rebuilt, each a swap of the file: no query fails, and the
    Sources page shows the new loads on its next run."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, db)
    monkeypatch.setenv("EMBARGO_DB", str(db))
    monkeypatch.setenv("EMBARGO_CLEARANCE", "strictly_confidential")
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.run()
    at.switch_page("screens/sources.py")
    at.run()
    assert not at.exception

    def loads_shown() -> list[str]:
        [loads] = [f.value for f in at.dataframe if "file_sha256" in f.value.columns]
        return sorted(set(loads["file_name"]) & {path.name for path in SEEDS})

    assert loads_shown() == []

    clearance = Classification.parse("strictly_confidential")
    errors: list[str] = []
    answered = [0]
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                queries.load_log(clearance)
                queries.transfers_count(clearance, queries.TransferFilters())
                answered[0] += 1
                time.sleep(0.005)  # a session's pace, leaving the writer some CPU
            except Exception as error:  # every failure is collected and reported
                errors.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        reports = ingest_files(db, SEEDS[:3])  # a swap
        reports += ingest_files(db, SEEDS[3:])  # another
        assert [report.status for report in reports] == ["loaded"] * len(SEEDS)
        build_warehouse(db)  # a rebuild from the raw store, swapped in
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == []
    assert answered[0] > 0
    queries.load_log(clearance)
    with engine._lock:  # the open connection is the new file's
        version = engine._open[db.resolve()][0]
    assert version == (db.stat().st_ino, db.stat().st_mtime_ns)

    at.run()
    assert not at.exception
    assert loads_shown() == sorted(path.name for path in SEEDS)
    TRIED.append(f"reader query pairs across 3 swaps: {answered[0]}")


def test_report_kill_points(capsys):
    with capsys.disabled():
        print(f"\nkill points and swaps tried: {len(TRIED)}")
        for line in TRIED:
            print(f"  {line}")
