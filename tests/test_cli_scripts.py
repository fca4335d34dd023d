"""The `embargo` command in scripts: --version, JSON output, --fail-on-rejects, a query from a file
or standard input, progress on standard error (plain lines when it is not a terminal, a bar when
it is), and one clear line with a documented exit code for known errors, never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from embargo.cli import EPILOG, main, parser
from embargo.config import PROJECT_ROOT
from embargo.progress import Progress

CHECKS = sorted(path.stem for path in (PROJECT_ROOT / "sql" / "checks").glob("*.sql"))


def embargo(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "embargo.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
        input=stdin,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("scripts") / "w.duckdb"
    result = embargo("build", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def warehouse_copy(built, tmp_path) -> Path:
    db = tmp_path / "w.duckdb"
    shutil.copy(built, db)
    return db


def seizures_with_a_bad_row(folder: Path) -> Path:
    """Two seizure events, the second with a quantity of 'many' (rejected)."""
    from seizure_files import write_seizure_file

    path = write_seizure_file(folder, 7, events=2)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace(",1975,1,items,", ",1975,many,items,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_version():
    result = embargo("--version")
    assert (result.returncode, result.stdout) == (0, "embargo-monitor 0.1.0\n")


def test_ingest_json_and_fail_on_rejects(warehouse_copy, tmp_path):
    path = seizures_with_a_bad_row(tmp_path)
    result = embargo(
        "ingest", str(path), "--db", str(warehouse_copy), "--output-format", "json",
        "--fail-on-rejects",
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    (record,) = json.loads(result.stdout)
    assert record.pop("load_id")
    assert record == {
        "file": str(path),
        "format": "seizures",
        "status": "loaded",
        "rows_read": 2,
        "rows_loaded": 1,
        "rows_rejected": 1,
        "message": "",
        "conflicts_retried": 0,
        "warnings": [],
    }
    # Progress went to standard error, as plain lines (not a terminal).
    assert result.stderr.splitlines() == [
        "ingest: [0/2] loading jmac-07.csv",
        "ingest: [1/2] derived tables",
    ]
    # The same bytes again: already loaded, nothing rejected this time, so exit 0.
    again = embargo("ingest", str(path), "--db", str(warehouse_copy), "--fail-on-rejects")
    assert again.returncode == 0
    assert again.stdout.startswith("jmac-07.csv: ")


def test_ingest_without_fail_on_rejects_exits_0_and_tells_the_rejects(warehouse_copy, tmp_path):
    result = embargo("ingest", str(seizures_with_a_bad_row(tmp_path)), "--db", str(warehouse_copy))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "jmac-07.csv: seizures, read 2, loaded 1, rejected 1"


def test_check_json(built):
    result = embargo("check", "--db", str(built), "--format", "json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert sorted(row["check"] for row in rows) == CHECKS
    assert {(row["passed"], row["violations"], tuple(row["sample"])) for row in rows} == {
        (True, 0, ())
    }


def test_users_list_json(warehouse_copy):
    added = embargo(
        "users", "add", "amina", "--role", "analyst", "--clearance", "confidential",
        "--db", str(warehouse_copy), stdin="a long enough password\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    result = embargo("users", "list", "--format", "json", "--db", str(warehouse_copy))
    assert result.returncode == 0, result.stderr
    (account,) = json.loads(result.stdout)
    assert account.pop("created_at")
    assert account == {
        "user": "amina",
        "role": "analyst",
        "clearance": "confidential",
        "status": "enabled",
    }


def test_sql_from_a_file_and_from_standard_input(built, tmp_path):
    query = "SELECT embargo_id FROM embargoes WHERE target_iso3 = 'LBY' ORDER BY 1"
    expected = "embargo_id\nun-libya-1992\nun-libya-2011\n"
    (tmp_path / "q.sql").write_text(query + ";\n", encoding="utf-8")
    from_file = embargo("sql", "-f", str(tmp_path / "q.sql"), "--db", str(built))
    assert (from_file.returncode, from_file.stdout) == (0, expected), from_file.stderr
    from_stdin = embargo("sql", "-f", "-", "--db", str(built), stdin=query)
    assert (from_stdin.returncode, from_stdin.stdout) == (0, expected), from_stdin.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT 1", "-f", "q.sql"], "sql: give the query either as an argument or with -f"),
        ([], "sql: give the query either as an argument or with -f"),
        (["-f", "absent.sql"], "sql: cannot read the query from absent.sql: "),
    ],
)
def test_sql_query_arguments_refused(built, tmp_path, args, message):
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "sql", *args, "--db", str(built)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_build_progress_lines(tmp_path):
    result = embargo("build", "--demo", "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 0, result.stderr
    steps = [line.split("] ", 1)[1] for line in result.stderr.splitlines()]
    assert steps == [
        "schema",
        "reference data",
        "demo data: transfers",
        "demo data: seizures",
        "demo data: findings",
        "demo data: brokering",
        "derived tables",
        "checks",
    ]
    assert result.stderr.splitlines()[0] == "build: [0/8] schema"


def test_progress_at_a_terminal_is_one_bar_redrawn_then_cleared():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = Progress("ingest", stream)
    progress(0, 4, "loading a.csv")
    progress(2, 4, "loading b.csv")
    progress.close()
    text = stream.getvalue()
    assert "\n" not in text
    frames = text.split("\r")[1:]
    assert frames[0].startswith("ingest [........................] 0/4 loading a.csv")
    assert frames[1].startswith("ingest [############............] 2/4 loading b.csv")
    assert frames[2].strip() == "" and frames[3] == ""


def test_a_kept_raw_file_that_no_longer_loads_ends_the_build_cleanly(warehouse_copy, tmp_path):
    from seizure_files import write_seizure_file

    loaded = embargo(
        "ingest", str(write_seizure_file(tmp_path, 8, events=1)), "--db", str(warehouse_copy)
    )
    assert loaded.returncode == 0, loaded.stderr
    (kept,) = (warehouse_copy.parent / "raw" / "seizures").rglob("*.csv")
    kept.write_text("not,a,seizures,file\n1,2,3,4\n", encoding="utf-8")
    before = warehouse_copy.read_bytes()
    result = embargo("build", "--db", str(warehouse_copy))
    assert result.returncode == 1
    last = result.stderr.splitlines()[-1]
    assert last.startswith(
        f"build failed, {warehouse_copy} left unchanged: a kept raw file no longer loads: {kept}: "
    )
    assert last.endswith(
        "(move it out of the raw-file store, or load it again with `embargo ingest`)"
    )
    assert "Traceback" not in result.stderr
    assert warehouse_copy.read_bytes() == before


def test_a_warehouse_held_by_another_writer_is_a_clean_error(warehouse_copy, capsys):
    import duckdb

    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys; c = duckdb.connect({str(warehouse_copy)!r}); "
         "print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "open\n"
        code = main(["check", "--db", str(warehouse_copy)])
    finally:
        holder.communicate("")
    error = capsys.readouterr().err
    assert code == 2
    assert error.startswith("embargo: the warehouse could not be opened or written: ")
    assert duckdb.__version__  # the error came from DuckDB itself, not from a stub


def test_every_argument_has_help_and_the_exit_codes_are_documented():
    missing = []

    def walk(command: object, name: str) -> None:
        for action in command._actions:
            if action.help is None and not isinstance(action, argparse._SubParsersAction):
                missing.append(f"{name} {'/'.join(action.option_strings) or action.dest}")
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    walk(sub, f"{name} {sub_name}")

    walk(parser(), "embargo")
    assert missing == []
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 3 |", "| 130 |"):
        assert code in readme
    assert "130 interrupted" in EPILOG
