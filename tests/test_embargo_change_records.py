"""Reference data kept current without a release: `embargo embargoes change add` records a
renewal, change or termination with its symbol and date in the access store (audited), merges it
into the warehouse at once, and every rebuild takes it in again; a renewal running past the
reference table's status date turns "in force (projected)" into verified, a termination ends the
embargo; bad records are refused with the reason; the Embargo changes page lists every regime's
changes of the last N months and lets an administrator record one."""

from __future__ import annotations

import datetime as dt

import pytest
from support import copy_of, page_of, query

from embargo import accounts, audit, embargo_changes
from embargo.cli import main
from embargo.commands.embargoes import months_before
from ingest.build import build_warehouse


@pytest.fixture
def db(warehouse, tmp_path):
    return copy_of(warehouse, tmp_path)


def status(db, embargo_id: str) -> tuple:
    return query(
        db,
        "SELECT status_kind, last_resolution, CAST(last_resolution_runs_to AS VARCHAR) "
        "FROM embargo_status WHERE embargo_id = ?",
        [embargo_id],
    )[0]


def test_a_recorded_renewal_verifies_the_status_and_survives_a_rebuild(db, capsys):
    assert status(db, "un-south-sudan-2018") == (
        "in_force_projected",
        "S/RES/2781 (2025)",
        "2026-05-31",
    )
    code = main(
        ["embargoes", "change", "add", "un-south-sudan-2018", "--kind", "renewal",
         "--resolution", "S/RES/2802 (2026)", "--date", "2026-05-29", "--runs-to", "2027-05-31",
         "--summary", "measures renewed for a year", "--db", str(db)]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.splitlines()[0] == (
        "recorded R0001: renewal of un-south-sudan-2018 by S/RES/2802 (2026) (2026-05-29, to "
        "2027-05-31)"
    )
    assert status(db, "un-south-sudan-2018") == ("in_force", "S/RES/2802 (2026)", "2027-05-31")
    store = accounts.access_store_path(db)
    [row] = audit.read(store, actions=("embargo_change_recorded",))
    assert (row.target, row.detail["resolution"], row.detail["runs_to"]) == (
        "un-south-sudan-2018",
        "S/RES/2802 (2026)",
        "2027-05-31",
    )
    build_warehouse(db)  # a rebuild takes the record in again
    assert status(db, "un-south-sudan-2018") == ("in_force", "S/RES/2802 (2026)", "2027-05-31")
    assert query(
        db,
        "SELECT change_kind, resolution, change_date FROM embargo_changes "
        "WHERE embargo_id = 'un-south-sudan-2018' AND change_seq > 1000",
    ) == [("renewal", "S/RES/2802 (2026)", "2026-05-29")]
    assert query(
        db,
        "SELECT rows_read, rows_loaded, rows_rejected FROM load_log "
        "WHERE source_id = 'embargo_change_records'",
    ) == [(1, 1, 0)]


def test_a_recorded_termination_ends_the_embargo(db, capsys):
    code = main(
        ["embargoes", "change", "add", "un-libya-2011", "--kind", "termination", "--resolution",
         "S/RES/2810 (2026)", "--date", "2026-03-02", "--summary", "arms embargo terminated",
         "--db", str(db)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr()
    assert status(db, "un-libya-2011")[0] == "lifted"
    assert query(
        db,
        "SELECT CAST(in_force_until AS VARCHAR), span_basis FROM embargo_spans "
        "WHERE embargo_id = 'un-libya-2011'",
    ) == [("2026-03-02", "termination recorded")]
    in_force = query(db, "SELECT embargo_id FROM embargoes_in_force_on(DATE '2026-06-01')")
    assert ("un-libya-2011",) not in in_force
    recent = query(
        db,
        "SELECT change_date, change_kind, resolution, recorded_after_release "
        "FROM embargo_changes_since(DATE '2026-01-01') WHERE embargo_id = 'un-libya-2011'",
    )
    assert recent == [("2026-03-02", "ended", "S/RES/2810 (2026)", True)]


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (["un-drc-2030", "--kind", "renewal", "--runs-to", "2027-07-01"],
         "no embargo 'un-drc-2030' in data/reference/embargoes.csv; did you mean un-drc-2003"),
        (["un-drc-2003", "--kind", "renewal"],
         "a renewal needs the date the measures now run to (--runs-to)"),
        (["un-drc-2003", "--kind", "change", "--runs-to", "2027-07-01"],
         "only a renewal has a runs-to date"),
        (["un-car-2013", "--kind", "termination"],
         "un-car-2013 already ended on 2024-07-30 in the reference table"),
    ],
)  # fmt: skip
def test_bad_records_are_refused_with_the_reason(db, capsys, arguments, reason):
    code = main(
        ["embargoes", "change", "add", *arguments, "--resolution", "S/RES/2800 (2026)",
         "--date", "2026-06-30", "--summary", "renewed", "--db", str(db)]
    )  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"embargoes change add: {reason}"), err
    assert embargo_changes.list_records(accounts.access_store_path(db)) == []


def test_symbol_and_date_are_checked(tmp_path):
    store = tmp_path / "a.sqlite"
    with pytest.raises(embargo_changes.RecordError, match="not a Security Council resolution"):
        embargo_changes.add_record(
            "un-drc-2003", "change", "2800", "2026-06-30", "x", "u", path=store
        )
    with pytest.raises(embargo_changes.RecordError, match="is of 2025 but the adoption date"):
        embargo_changes.add_record(
            "un-drc-2003", "change", "S/RES/2800 (2025)", "2026-06-30", "x", "u", path=store
        )


def test_months_before():
    assert months_before(dt.date(2026, 12, 6), 6) == dt.date(2026, 6, 6)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)


def test_page_lists_recent_changes_and_records_one(db, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(db))
    at = page_of("screens/embargo_changes.py")
    at.number_input(key="changes_months").set_value(24).run()
    since = months_before(dt.date.today(), 24)
    before = query(db, "SELECT count(*) FROM embargo_changes_since(?)", [since])[0][0]
    assert at.subheader[0].value.startswith(f"{before} changes since ")
    at.selectbox(key="record_embargo").set_value("un-drc-2003")
    at.selectbox(key="record_kind").set_value("renewal")
    at.text_input(key="record_res").input("S/RES/2801 (2026)")
    at.date_input(key="record_adopted").set_value(dt.date(2026, 6, 26))
    at.date_input(key="record_runs_to").set_value(dt.date(2027, 7, 1))
    at.text_input(key="record_summary").input("sanctions regime renewed")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == [
        "Recorded S/RES/2801 (2026) (Renewal) for DR Congo 2003 (S/RES/1493 (2003))."
    ]
    assert status(db, "un-drc-2003") == ("in_force", "S/RES/2801 (2026)", "2027-07-01")
