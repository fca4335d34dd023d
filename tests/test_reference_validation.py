"""Validation of reference files: each rule has a fixture row that breaks it; bad rows land in
rejects with file, row, column, value and reason, and good rows of the same file still load."""

from __future__ import annotations

import pytest

from embargo.warehouse import apply_schema, connect_writable
from ingest.kit.tables import FileRefused
from ingest.reference import REFERENCE_FILES, load_reference_file, load_sources, normalize_alias

COVERAGE = next(spec for spec in REFERENCE_FILES if spec.table == "embargo_coverage")
ALIASES = next(spec for spec in REFERENCE_FILES if spec.table == "country_aliases")

HEADER = "embargo_id,direction,actor_scope,valid_from,valid_to,coverage,item_scope,citation,note"
ROWS = [
    "un-x-2000,to_target,government,2000-01-01,,prohibited,arms,S/RES/1 (2000),good row",
    "un-x-2000,sideways,government,2000-01-01,,prohibited,arms,S/RES/1 (2000),",
    "un-x-2000,to_target,rebels,2000-01-01,,prohibited,arms,S/RES/1 (2000),",
    "un-x-2000,to_target,government,2000-13-01,,prohibited,arms,S/RES/1 (2000),",
    "un-x-2000,to_target,government,2000-01-01,01/02/2001,prohibited,arms,S/RES/1 (2000),",
    "un-x-2000,to_target,non_state,2000-01-01,,banned,arms,S/RES/1 (2000),",
    ",to_target,non_state,2000-01-01,,prohibited,,S/RES/1 (2000),",
    '"un-x-2000","to_target","non_state","2000-01-01","","prohibited","arms, ammunition",'
    '"S/RES/1 (2000)","quoted, with a line\nbreak"',
    "un-x-2000,to_target,listed,2000-01-01,,approval,arms,S/RES/2 (2001),second good row",
]


@pytest.fixture
def writable(tmp_path):
    con = connect_writable(tmp_path / "w.duckdb")
    apply_schema(con)
    load_sources(con)
    yield con
    con.close()


def test_bad_rows_are_rejected_with_reasons_and_good_rows_load(writable, tmp_path):
    folder = tmp_path / "fixture"
    folder.mkdir()
    (folder / COVERAGE.file_name).write_text(HEADER + "\n" + "\n".join(ROWS) + "\n", "utf-8")
    validated = load_reference_file(writable, COVERAGE, folder)
    assert (validated.rows_read, len(validated.rows), validated.rows_rejected) == (9, 3, 6)
    rejects = writable.execute(
        "SELECT file_name, row_number, column_name, value, reason FROM rejects "
        "ORDER BY row_number, column_name"
    ).fetchall()
    assert rejects == [
        (
            "embargo_coverage.csv",
            3,
            "direction",
            "sideways",
            "expected one of to_target, from_target",
        ),
        (
            "embargo_coverage.csv",
            4,
            "actor_scope",
            "rebels",
            "expected one of government, non_state, listed",
        ),
        ("embargo_coverage.csv", 5, "valid_from", "2000-13-01", "expected a date as YYYY-MM-DD"),
        ("embargo_coverage.csv", 6, "valid_to", "01/02/2001", "expected a date as YYYY-MM-DD"),
        (
            "embargo_coverage.csv",
            7,
            "coverage",
            "banned",
            "expected one of prohibited, approval, notification, exempt_if, suspended, not_covered",
        ),
        ("embargo_coverage.csv", 8, "embargo_id", "", "a value is required"),
        ("embargo_coverage.csv", 8, "item_scope", "", "a value is required"),
    ]
    loaded = writable.execute(
        "SELECT actor_scope, item_scope, note FROM embargo_coverage ORDER BY actor_scope"
    ).fetchall()
    assert loaded == [
        ("government", "arms", "good row"),
        ("listed", "arms", "second good row"),
        ("non_state", "arms, ammunition", "quoted, with a line\nbreak"),
    ]
    logged = writable.execute(
        "SELECT file_name, rows_read, rows_loaded, rows_rejected FROM load_log"
    ).fetchall()
    assert logged == [("embargo_coverage.csv", 9, 3, 6)]


def test_row_after_a_multiline_record_keeps_its_file_line_number(writable, tmp_path):
    folder = tmp_path / "fixture"
    folder.mkdir()
    lines = [HEADER, ROWS[7], ROWS[1]]  # the quoted record spans lines 2-3; the bad row is line 4
    (folder / COVERAGE.file_name).write_text("\n".join(lines) + "\n", "utf-8")
    load_reference_file(writable, COVERAGE, folder)
    assert writable.execute("SELECT row_number, column_name FROM rejects").fetchall() == [
        (4, "direction")
    ]


def test_file_missing_a_column_is_refused_whole(writable, tmp_path):
    folder = tmp_path / "fixture"
    folder.mkdir()
    (folder / COVERAGE.file_name).write_text("embargo_id,direction\nun-x-2000,to_target\n", "utf-8")
    with pytest.raises(FileRefused) as refused:
        load_reference_file(writable, COVERAGE, folder)
    assert str(refused.value) == (
        "embargo_coverage.csv: missing column(s) actor_scope, valid_from, valid_to, coverage, "
        "item_scope, citation, note; expected header: " + HEADER
    )


def test_alias_codes_and_normalised_keys(writable, tmp_path):
    folder = tmp_path / "fixture"
    folder.mkdir()
    (folder / ALIASES.file_name).write_text(
        "alias,country_iso3,actor_type,note\n"
        "  DR   Congo ,COD,state,\n"
        "Darfur rebels (Sudan)*,sd,non_state,\n"
        "Atlantis,ATL,mythical,\n",
        "utf-8",
    )
    load_reference_file(writable, ALIASES, folder)
    assert writable.execute(
        "SELECT alias, alias_normalized, country_iso3 FROM country_aliases"
    ).fetchall() == [("DR   Congo", "dr congo", "COD")]
    assert writable.execute(
        "SELECT row_number, column_name, value, reason FROM rejects ORDER BY row_number"
    ).fetchall() == [
        (3, "country_iso3", "sd", "expected a three-letter upper-case country code"),
        (
            4,
            "actor_type",
            "mythical",
            "expected one of state, non_state, organisation, historical, unknown",
        ),
    ]


def test_normalize_alias():
    assert normalize_alias("  Turkiye ") == "turkiye"
    assert normalize_alias("Darfur  rebels\t(Sudan)*") == "darfur rebels (sudan)*"
