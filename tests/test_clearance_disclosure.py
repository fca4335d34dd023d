"""A load must not disclose or change records above the classification of its own lines: public
lines naming confidential events got the events' stored values back in the rejects (shown to
every public viewer, since a load is classified by its own rows), attached public items to
confidential events (so public viewers saw the events through them) and filled the events' empty
columns. Event ids are sequential: one file could enumerate every event."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest
import support.clearance_records as filtering
from seizure_files import HEADER

from dashboard import queries
from embargo.classification import Classification
from embargo.warehouse import connect_read_only
from ingest.files import ingest_files
from ingest.uploads import Upload, load_uploads

SECRET_DATE = "2015-01-16"
SECRET_PLACE = "Hidden Valley"
SECRET_SERIAL = "SECRET001"


def line(event_id: str, date: str, level: str, serial: str, place: str = "Gao") -> list[str]:
    return [
        event_id, date, "day", "MLI", place, "16.27", "-0.04", "exact", "seizure", "",
        "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash", "AKM", "7.62 x 39 mm", serial,
        "RUS", "1975", "1", "items", level,
    ]  # fmt: skip


def csv_bytes(rows: list[list[str]]) -> bytes:
    text = "\n".join(",".join(row) for row in [HEADER, *rows]) + "\n"
    return text.encode()


@pytest.fixture
def stored(warehouse, tmp_path) -> Path:
    """A warehouse with a confidential event C-1 (date, place and serial above public) and a
    public event P-1."""
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    first = tmp_path / "field-office.csv"
    with first.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow(line("C-1", SECRET_DATE, "confidential", SECRET_SERIAL, SECRET_PLACE))
        writer.writerow(line("P-1", "2024-03-05", "public", "OPEN001"))
    (report,) = ingest_files(db, [first])
    assert (report.status, report.rows_loaded) == ("loaded", 2)
    return db


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = connect_read_only(db)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def upload(db: Path, rows_: list[list[str]], name: str = "probe.csv") -> list[tuple]:
    """Upload a seizures file as an analyst would; its rejects."""
    (result,) = load_uploads(db, [Upload(name, csv_bytes(rows_))])
    assert result.status == "loaded", result.refusal
    return rows(
        db,
        "SELECT row_number, column_name, value, reason FROM rejects WHERE load_id = ? "
        "ORDER BY row_number",
        [result.report.load_id],
    )


HIGHER_EVENT = (
    "event {event} of JMAC MINUSMA conflicts with a record of a higher classification than "
    "this line ({level}): a line adds to a stored event only at the event's classification or "
    "above"
)


def test_a_public_line_naming_a_confidential_event_learns_nothing_and_changes_nothing(stored):
    rejects = upload(
        stored,
        [
            line("C-1", "2020-01-01", "public", "PROBE001"),  # a different date
            line("C-1", SECRET_DATE, "public", "PROBE002"),  # the right date, guessed
            line("C-1", SECRET_DATE, "restricted", SECRET_SERIAL, SECRET_PLACE),  # all guessed
        ],
    )
    # The same words whatever the line guessed: nothing to tell a right guess from a wrong one.
    assert rejects == [
        (2, "event_id", "C-1", HIGHER_EVENT.format(event="C-1", level="public")),
        (3, "event_id", "C-1", HIGHER_EVENT.format(event="C-1", level="public")),
        (4, "event_id", "C-1", HIGHER_EVENT.format(event="C-1", level="restricted")),
    ]
    assert rows(
        stored,
        "SELECT classification, location_name, seized_from, event_date::VARCHAR "
        "FROM seizure_events WHERE event_id = 'C-1'",
    ) == [("confidential", SECRET_PLACE, None, SECRET_DATE)]
    assert rows(
        stored, "SELECT count(*) FROM seizure_items WHERE event_uid = 'JMAC MINUSMA:C-1'"
    ) == [(1,)]


def test_a_public_viewer_reads_no_stored_value_in_any_reject(stored, monkeypatch):
    """The probe's load is public (its rows are): a public viewer sees its rejects on the Sources
    and Upload pages, and none of them holds a value of the confidential event."""
    upload(
        stored,
        [
            line("C-1", "2020-01-01", "public", "PROBE001", "Elsewhere"),
            line("P-1", "2024-03-06", "public", "OPEN002"),  # a public conflict: may be quoted
        ],
    )
    monkeypatch.setenv("EMBARGO_DB", str(stored))
    shown = queries.rejects(Classification.PUBLIC)
    probe = shown.filter(shown["file_name"] == "probe.csv")
    assert probe.height == 2
    text = " ".join(str(value) for row in probe.iter_rows() for value in row)
    assert "2024-03-05" in text  # P-1's public date, quoted: the check is not vacuous
    for secret in (SECRET_DATE, SECRET_PLACE, SECRET_SERIAL, "row 2"):  # C-1 is on row 2
        assert secret not in text


def test_a_public_item_colliding_with_a_confidential_one_learns_nothing(stored):
    # A confidential item on the public event P-1: allowed, and P-1 stays public.
    assert upload(stored, [line("P-1", "2024-03-05", "confidential", "HIDDEN9")]) == []
    assert upload(stored, [line("P-1", "2024-03-05", "public", "HIDDEN9")], "again.csv") == [
        (
            2,
            None,
            None,
            "the item conflicts with a record of a higher classification than this line "
            "(public): not loaded",
        )
    ]
    assert rows(stored, "SELECT classification FROM seizure_events WHERE event_id = 'P-1'") == [
        ("public",)
    ]


def test_a_more_sensitive_line_leaves_a_stored_event_as_it_was(stored):
    """A confidential line added to a public event neither raises the event (its public items
    stay visible to public viewers) nor fills its columns; the item's facts take the more
    sensitive level of the two."""
    more = line("P-1", "2024-03-05", "confidential", "CONF777")
    more[HEADER.index("actor_type")] = "non_state_armed_group"
    assert upload(stored, [more]) == []
    assert rows(
        stored, "SELECT classification, actor_type FROM seizure_events WHERE event_id = 'P-1'"
    ) == [("public", None)]
    assert rows(
        stored,
        "SELECT serial_normalized, classification FROM seizure_item_facts "
        "WHERE event_id = 'P-1' ORDER BY 1",
    ) == [("CONF777", "confidential"), ("OPEN001", "public")]


def test_a_line_of_the_events_own_level_still_fills_it_in(stored):
    """The rule takes nothing from the holders of a record: a line of the event's own level adds
    its item and fills what the event left empty."""
    same = line("C-1", SECRET_DATE, "confidential", "SECRET002", SECRET_PLACE)
    same[HEADER.index("actor_type")] = "non_state_armed_group"
    assert upload(stored, [same]) == []
    assert rows(
        stored,
        "SELECT classification, actor_type, (SELECT count(*) FROM seizure_items AS i "
        "WHERE i.event_uid = e.event_uid) FROM seizure_events AS e WHERE event_id = 'C-1'",
    ) == [("confidential", "non_state_armed_group", 2)]


def test_item_facts_take_the_more_sensitive_of_item_and_event(stored):
    """A public line already attached to a confidential event (as loads before this rule could
    attach it) is shown only at the event's level."""
    con = duckdb.connect(str(stored))
    try:
        con.execute(
            "UPDATE seizure_items SET classification = 'public' "
            "WHERE event_uid = 'JMAC MINUSMA:C-1'"
        )
    finally:
        con.close()
    assert rows(stored, "SELECT classification FROM seizure_item_facts WHERE event_id = 'C-1'") == [
        ("confidential",)
    ]
    assert rows(
        stored,
        "SELECT classification FROM documented_items WHERE serial_normalized = ?",
        [SECRET_SERIAL],
    ) == [("confidential",)]


def test_an_uploader_writes_no_line_above_their_clearance(stored):
    """An analyst cleared restricted who marks lines confidential would write records they
    cannot read, and could read back through the load's counts what its rejects (hidden from
    them) say of a confidential event: the whole file is refused, and nothing of it is kept."""
    probe = [
        line("C-1", "2020-01-01", "confidential", "PROBE009"),  # would quote C-1's date
        line("P-1", "2024-03-05", "restricted", "OPEN009"),
    ]
    before = rows(stored, "SELECT count(*) FROM load_log")
    (result,) = load_uploads(
        stored, [Upload("probe.csv", csv_bytes(probe))], clearance=Classification.RESTRICTED
    )
    assert (result.status, result.refusal) == (
        "refused",
        "probe.csv: rows of this file are classified confidential, above the uploader's "
        "clearance (restricted): a file is loaded only by someone cleared for all of it, who "
        "can then read all it rejects (a row without a classification is restricted); nothing "
        "was loaded",
    )
    assert rows(stored, "SELECT count(*) FROM load_log") == before
    assert rows(stored, "SELECT count(*) FROM rejects WHERE file_name = 'probe.csv'") == [(0,)]
    assert rows(stored, "SELECT count(*) FROM raw_seizures WHERE file_name = 'probe.csv'") == [(0,)]
    assert not list((stored.parent / "raw").rglob("probe.csv"))

    # Within the clearance the file loads (the line naming C-1 is rejected without a word of it),
    # and a line without a classification counts as restricted.
    unmarked = line("P-1", "2024-03-05", "", "OPEN010")
    (result,) = load_uploads(
        stored,
        [
            Upload(
                "probe.csv",
                csv_bytes([probe[1], unmarked, line("C-1", SECRET_DATE, "restricted", "X")]),
            )
        ],
        clearance=Classification.RESTRICTED,
    )
    assert (result.status, result.report.rows_loaded, result.report.rows_rejected) == (
        "loaded",
        2,
        1,
    )
    (refused,) = load_uploads(
        stored,
        [Upload("public.csv", csv_bytes([line("P-1", "2024-03-05", "", "OPEN011")]))],
        clearance=Classification.PUBLIC,
    )
    assert refused.status == "refused"
    assert "classified restricted, above the uploader's clearance (public)" in refused.refusal


VERSIONED = {  # format: (columns, lines of a level, the id column)
    "traces": (filtering.TRACE_COLUMNS, filtering.trace_lines, "trace_id"),
    "exemptions": (filtering.EXEMPTION_COLUMNS, filtering.exemption_lines, "notification_id"),
    "findings": (filtering.FINDING_COLUMNS, filtering.finding_lines, "finding_id"),
}


@pytest.mark.parametrize("kind", sorted(VERSIONED))
def test_a_lower_version_of_a_stored_record_learns_nothing_and_changes_nothing(
    kind, warehouse, tmp_path
):
    """Trace requests, exemption notifications and panel findings keep versions: a restricted
    row with the key of a confidential record, as a later version, a stale one or a repeat of
    its values, is refused in the same words (the key is held at another classification), and
    the stored record keeps its one version."""
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    columns, lines, id_column = VERSIONED[kind]
    stored_line = lines("confidential")[0]
    stored_file = filtering.write_csv(tmp_path / f"{kind}_stored.csv", columns, [stored_line])
    (report,) = ingest_files(db, [stored_file])
    assert (report.status, report.rows_loaded) == ("loaded", 1)
    probes = [
        dict(stored_line, classification="restricted"),  # the same values, guessed
        dict(stored_line, classification="restricted", as_of="2026-01-01"),  # a later version
        dict(stored_line, classification="restricted", as_of="2000-01-01"),  # a stale one
    ]
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    header = [*columns, "as_of"]
    writer.writerow(header)
    writer.writerows([row.get(column, "") for column in header] for row in probes)
    (result,) = load_uploads(
        db, [Upload("probe.csv", text.getvalue().encode())], clearance=Classification.RESTRICTED
    )
    assert result.status == "loaded", result.refusal
    found = rows(
        db,
        "SELECT row_number, column_name, reason FROM rejects WHERE file_name = 'probe.csv' "
        "ORDER BY ALL",
    )
    naming = {"traces": "trace_id T-C of Test JMAC C",
              "exemptions": "notification_id N-C of un-car-2013",
              "findings": "finding F-C of un-car-2013"}[kind]  # fmt: skip
    reason = (
        f"{naming} is already in the warehouse with another classification: a new version "
        "keeps the classification of the record it revises, so this row is not loaded "
        "(whoever holds the record can revise it)"
    )
    assert found == [(row, "classification", reason) for row in (2, 3, 4)]
    table = {"traces": "trace_request_versions", "exemptions": "exemption_versions",
             "findings": "panel_finding_versions"}[kind]  # fmt: skip
    # The table name is the test's own.
    assert rows(
        db,
        f"SELECT {id_column}, version, classification, superseded_at FROM {table}",
    ) == [(stored_line[id_column], 1, "confidential", None)]


def test_bytes_loaded_above_the_clearance_are_not_named_to_the_uploader(stored):
    """Uploading bytes already loaded names the earlier load, unless that load is above the
    uploader's clearance: its file name and load id are then not theirs to see."""
    again = (stored.parent / "field-office.csv").read_bytes()
    (result,) = load_uploads(
        stored, [Upload("copy.csv", again)], clearance=Classification.RESTRICTED
    )
    report = result.report
    assert (result.status, report.load_id, report.message) == (
        "already_loaded",
        None,
        "same bytes already loaded, by a load above your clearance: nothing changed",
    )
    (result,) = load_uploads(
        stored, [Upload("copy.csv", again)], clearance=Classification.CONFIDENTIAL
    )
    assert result.status == "already_loaded"
    assert result.report.message.startswith("same bytes already loaded from field-office.csv")
