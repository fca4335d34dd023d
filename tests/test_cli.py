"""The `embargo` command as a user runs it: build, check, sql and the Streamlit flags of serve."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from embargo.cli import streamlit_flags
from embargo.config import STREAMLIT_CONFIG
from embargo.warehouse import connect_writable


def embargo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "embargo.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "w.duckdb")
    result = embargo("build", "--demo", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "21/21 checks passed" in result.stdout
    assert "  embargoes                  read     43  loaded     43  rejected    0" in result.stdout
    return db


def test_build_then_check_succeed(built):
    result = embargo("check", "--db", built)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "21 of 21 checks passed"


def test_check_fails_when_a_rule_is_broken(built, tmp_path):
    broken = tmp_path / "broken.duckdb"
    shutil.copy(built, broken)
    con = connect_writable(broken)
    con.execute(
        "UPDATE embargo_coverage SET valid_to = DATE '1990-01-01' "
        "WHERE embargo_id = 'un-libya-2011' AND actor_scope = 'non_state'"
    )
    con.close()
    result = embargo("check", "--db", str(broken))
    assert result.returncode == 1
    failing = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failing) == 1
    assert failing[0].startswith("FAIL embargo_coverage_within_embargo: ")
    assert result.stdout.splitlines()[-1] == "20 of 21 checks passed"


def test_check_on_missing_warehouse_says_how_to_build(tmp_path):
    result = embargo("check", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert "does not exist: build it with `embargo build --db" in result.stderr


def test_sql_prints_csv_and_json(built):
    csv_out = embargo(
        "sql",
        "SELECT embargo_id, start_date FROM embargoes WHERE target_iso3 = 'LBY' ORDER BY 1",
        "--db",
        built,
    )
    assert csv_out.returncode == 0, csv_out.stderr
    assert csv_out.stdout == (
        "embargo_id,start_date\nun-libya-1992,1992-03-31\nun-libya-2011,2011-02-26\n"
    )
    json_out = embargo(
        "sql", "SELECT count(*) AS n FROM embargoes", "--db", built, "--format", "json"
    )
    assert json.loads(json_out.stdout) == [{"n": 43}]


@pytest.mark.parametrize(
    "query",
    [
        "DROP TABLE embargoes",
        "DELETE FROM embargoes",
        "COPY embargoes TO 'out.csv'",
        "SELECT * FROM read_csv('/etc/passwd')",
        "ATTACH 'other.duckdb'",
    ],
)
def test_sql_refuses_writes_and_file_access(built, query, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "sql", query, "--db", built],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("query refused: ")
    assert list(tmp_path.iterdir()) == []
    assert embargo("sql", "SELECT count(*) FROM embargoes", "--db", built).stdout.endswith("43\n")


def test_serve_passes_every_setting_of_streamlit_config_toml():
    flags = streamlit_flags(STREAMLIT_CONFIG)
    assert "--browser.gatherUsageStats=false" in flags
    assert "--server.address=127.0.0.1" in flags
    assert "--server.headless=true" in flags
    assert "--theme.primaryColor=#0b5cad" in flags
    assert len(flags) == len(set(flags))


def test_ingest_loads_csv_and_xlsx_without_importing_pandas(built, tmp_path):
    import openpyxl
    from seizure_files import HEADER, write_seizure_file

    db = str(tmp_path / "w.duckdb")
    shutil.copy(built, db)
    csv_file = write_seizure_file(tmp_path, 1, events=2)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "seizures"
    sheet.append(HEADER)
    rows = [line.split(",") for line in csv_file.read_text().splitlines()[1:]]
    for row in rows:
        sheet.append([cell.replace("F1-", "X1-").replace("S01", "X01") for cell in row])
    xlsx_file = tmp_path / "jmac-x.xlsx"
    workbook.save(xlsx_file)
    command = [sys.executable, "-X", "importtime", "-m", "embargo.cli", "ingest", "--db", db]
    result = subprocess.run(
        [*command, str(csv_file), str(xlsx_file)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.splitlines() == [
        "jmac-01.csv: seizures, read 2, loaded 2, rejected 0",
        "jmac-x.xlsx: seizures, read 2, loaded 2, rejected 0",
    ]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "python_calamine" in imported
    assert "openpyxl" not in imported
    # DuckDB still asks for pandas (listed, as a failed import); none of its modules is loaded.
    assert not [name for name in imported if name.startswith("pandas.")]


@pytest.mark.parametrize("change", ["definition", "missing table"])
def test_ingest_into_a_warehouse_of_another_version_says_how_to_rebuild(built, tmp_path, change):
    from seizure_files import write_seizure_file

    db = tmp_path / "old.duckdb"
    shutil.copy(built, db)
    con = connect_writable(db)
    if change == "definition":
        # Same objects, one of them defined otherwise: only the fingerprint tells.
        con.execute("UPDATE warehouse_version SET schema_fingerprint = 'other'")
        lacks = ""
    else:
        # Built before the fingerprint and table_versions were recorded.
        con.execute("DROP TABLE table_versions")
        con.execute("ALTER TABLE warehouse_version DROP COLUMN schema_fingerprint")
        lacks = " and lacks table_versions"
    con.close()
    before = db.read_bytes()
    result = embargo("ingest", "--db", str(db), str(write_seizure_file(tmp_path, 1)))
    assert result.returncode == 2
    assert result.stderr == (
        f"the warehouse {db} was built by another version of Embargo Monitor, whose tables, "
        f"views or macros differ from this one's{lacks}: rebuild it with `embargo build --db "
        f"{db}` (the raw files loaded into it are loaded again)\n"
    )
    assert db.read_bytes() == before
