"""SIPRI's bracket rule in the SIPRI reader, through the real ingest path: a name that neither the
alias table nor the actor registry knows, written `Name (Country)*`, loads as a non-state actor
in that country with actor_rule 'sipri_bracket', and the actor is listed once, as first seen, in
rule_resolved_actors until someone confirms it into the registry; a bracket naming two countries
and a name without the form stay rejects, with the reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import BRACKETED_ACTORS, copy_of, query

from embargo import actors
from embargo.actors import Mapping
from embargo.warehouse import connect_read_only, run_checks
from ingest.files import ingest_files
from ingest.registry import apply_registry

FIXTURE = BRACKETED_ACTORS
NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
MILITIA = "Some Militia (Chad)*"
FRONT = "Other Front (Mali)*"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """A warehouse of the test's own, its registry and audit trail beside it."""
    monkeypatch.delenv("EMBARGO_ACCESS_DB", raising=False)
    return copy_of(warehouse, tmp_path)


def test_bracketed_names_load_with_the_rule_and_are_listed_once(db: Path) -> None:
    [report] = ingest_files(db, [FIXTURE])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (6, 4, 2)
    assert query(
        db,
        "SELECT source_record_id, supplier_name, supplier_iso3, supplier_actor_type, "
        "recipient_name, recipient_iso3, recipient_actor_type, actor_rule FROM transfers "
        "ORDER BY source_record_id",
    ) == [
        ("91001", "France", "FRA", "state", MILITIA, "TCD", "non_state", "sipri_bracket"),
        ("91002", MILITIA, "TCD", "non_state", FRONT, "MLI", "non_state", "sipri_bracket"),
        ("91003", "France", "FRA", "state", "Hezbollah (Lebanon)*", "LBN", "non_state", None),
        ("91006", "France", "FRA", "state", "Some Militia  (chad)*", "TCD", "non_state",
         "sipri_bracket"),
    ]  # fmt: skip
    assert query(
        db,
        "SELECT name, name_normalized, country_iso3, actor_type, actor_rule, target_table, "
        "file_name, source_row_number FROM rule_resolved_actors ORDER BY name",
    ) == [
        (FRONT, "other front (mali)*", "MLI", "non_state", "sipri_bracket", "transfers",
         "bracketed_actors.csv", 5),
        (MILITIA, "some militia (chad)*", "TCD", "non_state", "sipri_bracket", "transfers",
         "bracketed_actors.csv", 4),
    ]  # fmt: skip
    assert query(db, "SELECT row_number, column_name, value, reason FROM rejects") == [
        (
            7,
            "Recipient",
            "New Front (Israel/Palestine)*",
            "recipient 'New Front (Israel/Palestine)*': the bracket names 2 countries, Israel "
            "(ISR) and Palestine (PSE); which one the actor operates in is not a rule's to guess: "
            "register it with `embargo actors add 'New Front (Israel/Palestine)*' --type "
            "non_state --country ISR|PSE`",
        ),
        (
            8,
            "Recipient",
            "Darfur rebels*",
            "recipient 'Darfur rebels*' is not a known country or actor name; did you mean "
            "'Darfur rebels (Sudan)*', 'Ukraine Rebels*' or 'Haiti rebels*'? If not, register it "
            "with `embargo actors add` (names are never guessed)",
        ),
    ]
    con = connect_read_only(db)
    try:
        assert [check.name for check in run_checks(con) if check.violations] == []
    finally:
        con.close()


def test_an_actor_already_listed_is_not_listed_again_by_a_later_file(
    db: Path, tmp_path: Path
) -> None:
    ingest_files(db, [FIXTURE])
    later = tmp_path / "later.csv"
    later.write_text(FIXTURE.read_text(encoding="utf-8").replace("9100", "9200"), encoding="utf-8")
    [report] = ingest_files(db, [later])
    assert (report.rows_loaded, report.rows_rejected) == (4, 2)
    assert query(db, "SELECT name, file_name FROM rule_resolved_actors ORDER BY name") == [
        (FRONT, "bracketed_actors.csv"),
        (MILITIA, "bracketed_actors.csv"),
    ]


def test_once_confirmed_into_the_registry_the_name_is_known_and_no_rule_is_needed(
    db: Path, tmp_path: Path
) -> None:
    store = db.with_name("w.access.sqlite")
    ingest_files(db, [FIXTURE])
    actors.add_entry(MILITIA, Mapping("TCD", "non_state"), "confirmed", "vera", store, NOW)
    apply_registry(db, actors.list_entries(store))
    later = tmp_path / "later.csv"
    later.write_text(FIXTURE.read_text(encoding="utf-8").replace("9100", "9200"), encoding="utf-8")
    [report] = ingest_files(db, [later])
    assert query(
        db,
        "SELECT source_record_id, actor_rule FROM transfers WHERE load_id = ? "
        "ORDER BY source_record_id",
        [report.load_id],
    ) == [("92001", None), ("92002", "sipri_bracket"), ("92003", None), ("92006", None)]
