"""`embargo watch FOLDER`: files dropped into a folder are loaded once they are complete, each
once, until the watcher is stopped; unfinished names are left alone."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from seizure_files import write_seizure_file

from embargo.warehouse import connect_read_only
from ingest.inbox import Inbox


def test_a_file_is_ready_once_it_stopped_changing(tmp_path: Path) -> None:
    inbox = Inbox(tmp_path)
    first = tmp_path / "a.csv"
    first.write_text("one")
    (tmp_path / "b.csv.partial").write_text("being copied")
    (tmp_path / ".c.csv").write_text("hidden")
    assert inbox.ready() == []  # seen once: it may still be growing
    assert inbox.ready() == [first]
    assert inbox.ready() == []  # handed out already
    first.write_text("one and more")
    os.utime(first, ns=(1, 1))
    assert inbox.ready() == []
    assert inbox.ready() == [first]  # changed, then stable again
    inbox.forget([first])
    assert inbox.ready() == [first]


def test_watch_loads_each_dropped_file_once_until_stopped(tmp_path: Path, warehouse: Path) -> None:
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    command = ["watch", str(inbox), "--db", str(db), "--poll", "0.2"]
    watcher = subprocess.Popen(
        [sys.executable, "-m", "embargo.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line.rstrip("\n")) for line in watcher.stdout], daemon=True
    ).start()
    try:
        assert lines.get(timeout=60) == f"watching {inbox} for files to load into {db}; " + (
            "stop with Ctrl-C"
        )
        # Dropped as copying tools do: written under an unfinished name, then renamed.
        for number in (1, 2):
            written = write_seizure_file(tmp_path, number)
            shutil.copy(written, inbox / f"{written.name}.partial")
            (inbox / f"{written.name}.partial").rename(inbox / written.name)
            assert (
                lines.get(timeout=60) == f"{written.name}: seizures, read 3, loaded 3, rejected 0"
            )
        shutil.copy(inbox / "jmac-01.csv", inbox / "jmac-01-again.csv")
        assert lines.get(timeout=60).startswith(
            "jmac-01-again.csv: same bytes already loaded from jmac-01.csv (load "
        )
    finally:
        watcher.send_signal(signal.SIGTERM)
        watcher.wait(timeout=60)
    assert watcher.returncode == 0, watcher.stderr.read()
    assert lines.get(timeout=10) == "stopped"
    con = connect_read_only(db)
    try:
        assert con.execute(
            "SELECT count(*), sum(rows_loaded) FROM load_log WHERE file_format = 'seizures'"
        ).fetchone() == (2, 6)
        assert con.execute("SELECT count(*) FROM seizure_item_facts_stored").fetchone() == (6,)
    finally:
        con.close()


def test_watch_without_a_warehouse_says_how_to_build_one(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "watch", str(tmp_path), "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"warehouse {missing} does not exist: build it with `embargo build --db {missing}`\n"
    )
