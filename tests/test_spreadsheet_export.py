"""Spreadsheet formula injection: text from loaded files that starts with = + - @, a tab or a
carriage return would run as a formula when a downloaded CSV is opened in a spreadsheet. Every
CSV or XLSX download of the dashboard goes through spreadsheet_safe_csv, which prefixes such
cells with an apostrophe; Streamlit's own table export (which writes cells verbatim) is off."""

from __future__ import annotations

import ast
import csv
import io
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import polars as pl

from dashboard import queries
from dashboard.common import spreadsheet_safe_csv
from embargo.classification import Classification
from embargo.config import PROJECT_ROOT, STREAMLIT_CONFIG
from ingest.files import ingest_files

FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def parsed(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_formula_cells_are_prefixed_and_other_cells_kept():
    frame = pl.DataFrame(
        {
            "text": [*FORMULAS, "Somalia", " =1", "a=b", None],
            "number": [-1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            "category": pl.Series(["=c"] * 10, dtype=pl.Categorical),
            "verdict": pl.Series(["-e"] * 10, dtype=pl.Enum(["-e"])),
        }
    )
    rows = parsed(spreadsheet_safe_csv(frame))
    assert rows[0] == ["text", "number", "category", "verdict"]
    assert [row[0] for row in rows[1:]] == [
        "'=cmd|' /C calc'!A0",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\t=1+1",
        "'\r=1+1",
        "Somalia",
        " =1",
        "a=b",
        "",
    ]
    assert [row[1] for row in rows[1:]] == [str(n) for n in [-1, *range(2, 11)]]  # numbers stay
    assert {row[2] for row in rows[1:]} == {"'=c"} and {row[3] for row in rows[1:]} == {"'-e"}


def download_calls(path: Path) -> list[ast.Call]:
    """st.download_button calls and the pages' audited_download_button (dashboard.common)."""
    return [
        node
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (
            getattr(node.func, "attr", None) == "download_button"
            or getattr(node.func, "id", None) == "audited_download_button"
        )
    ]


def is_spreadsheet(call: ast.Call) -> bool:
    """A download a spreadsheet would open: a CSV, TSV or Excel file name or type (a PDF or
    PPTX briefing pack is not). audited_download_button's type is CSV unless another is given."""
    words = " ".join(
        ast.unparse(node) for node in [*call.args[2:], *(k.value for k in call.keywords)]
    ).lower()
    if any(kind in words for kind in (".csv", ".tsv", ".xls", "text/csv", "spreadsheet")):
        return True
    audited = getattr(call.func, "id", None) == "audited_download_button"
    return audited and len(call.args) < 4 and all(k.arg != "mime" for k in call.keywords)


def test_every_spreadsheet_download_is_made_safe():
    downloads = 0
    unsafe = []
    for path in sorted((PROJECT_ROOT / "dashboard").rglob("*.py")):
        for call in download_calls(path):
            if not is_spreadsheet(call):
                continue
            downloads += 1
            data = call.args[1] if len(call.args) > 1 else None
            data = data or next((k.value for k in call.keywords if k.arg == "data"), None)
            name = getattr(getattr(data, "func", None), "id", "")
            if not name.startswith("spreadsheet_safe"):
                unsafe.append(f"{path.relative_to(PROJECT_ROOT)}:{call.lineno}")
    assert downloads >= 1
    assert unsafe == []


def test_streamlit_table_export_is_off():
    """st.dataframe's own CSV export writes cells as they are: it is switched off, so the only
    exports are the safe download buttons."""
    settings = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    assert settings["client"]["disableDataExport"] is True


def test_screening_csv_of_a_hostile_register_line_is_safe(warehouse, tmp_path, monkeypatch):
    """A UN Register line to an embargoed recipient whose description is a formula: the
    screening shows the text as delivered, the CSV download neutralises it."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, db)
    report = tmp_path / "unroca_hostile.csv"
    report.write_text(
        "reporting_state,calendar_year,flow,category,counterpart_state,number_of_items,"
        "description,comments\n"
        "France,2019,export,II,Somalia,3,\"=cmd|' /C calc'!A0\",@SUM(A1)\n"
        "France,2019,export,III,Somalia,2,-1,+1\n",
        encoding="utf-8",
    )
    [loaded] = ingest_files(db, [report])
    assert (loaded.status, loaded.rows_loaded) == ("loaded", 2)
    monkeypatch.setenv("EMBARGO_DB", str(db))
    rows = queries.screening_rows(
        Classification.parse("strictly_confidential"), queries.ScreeningFilters()
    )
    # (each delivery is screened against every Somalia embargo episode it may touch)
    assert set(rows["weapon_description"]) == {"-1", "=cmd|' /C calc'!A0"}
    written = parsed(spreadsheet_safe_csv(rows))
    column = written[0].index("weapon_description")
    assert {row[column] for row in written[1:]} == {"'-1", "'=cmd|' /C calc'!A0"}
    for row in written[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), row


def test_command_line_csv_is_safe_and_json_verbatim(warehouse):
    """`embargo sql` (and `embargo screen`, which writes through the same code) print CSV with
    formula cells neutralised; JSON, read by programs, keeps every value as stored."""
    query = "SELECT * FROM (VALUES ('=1+1', -1), ('Somalia', 2), ('@SUM(A1)', 3)) AS t(text, n)"

    def run(output_format: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "embargo.cli", "sql", query, "--db", str(warehouse),
             "--format", output_format],
            capture_output=True, text=True, check=True, cwd=PROJECT_ROOT,
        )  # fmt: skip
        return result.stdout

    assert parsed(run("csv")) == [
        ["text", "n"],
        ["'=1+1", "-1"],
        ["Somalia", "2"],
        ["'@SUM(A1)", "3"],
    ]
    assert json.loads(run("json")) == [
        {"text": "=1+1", "n": -1},
        {"text": "Somalia", "n": 2},
        {"text": "@SUM(A1)", "n": 3},
    ]
