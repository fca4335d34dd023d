"""The naming rule at the kit's one lookup (ingest.kit.places): a name no table knows, written as
SIPRI writes a non-state actor (`Some Militia (Chad)*`), is recognised in every format that
resolves party names, not only in SIPRI's exports: a UN Register report's counterpart and a
brokering record's end user load with actor_rule 'sipri_bracket', each actor listed once in
rule_resolved_actors with the record that first named it; a bracket naming two countries stays a
reject naming the column; once registered, the name needs no rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support import copy_of, query, rejects_of, write_csv

from embargo import actors
from embargo.actors import Mapping
from ingest.files import ingest_files
from ingest.registry import apply_registry
from ingest.sources import brokering, unroca

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
MILITIA = "Some Militia (Chad)*"
TWO_PLACES = "New Front (Israel/Palestine)*"
TWO_PLACES_REASON = (
    f"'{TWO_PLACES}': the bracket names 2 countries, Israel (ISR) and Palestine (PSE); which one "
    f"the actor operates in is not a rule's to guess: register it with `embargo actors add "
    f"'{TWO_PLACES}' --type non_state --country ISR|PSE`"
)


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.delenv("EMBARGO_ACCESS_DB", raising=False)
    return copy_of(warehouse, tmp_path)


def register(db: Path, name: str, mapping: Mapping) -> None:
    store = db.with_name("w.access.sqlite")
    actors.add_entry(name, mapping, None, "vera", store, NOW)
    apply_registry(db, actors.list_entries(store))


def report_lines(tmp_path: Path, name: str = "report.csv") -> Path:
    return write_csv(tmp_path / name, list(unroca.FORMAT.header), [
        ["FRA", "2021", "export", "SALW-small:rifles", MILITIA, "20"],
        ["FRA", "2021", "export", "SALW-small:pistols", "Mali", "5"],
        ["FRA", "2021", "export", "SALW-small:pistols", TWO_PLACES, "5"],
    ])  # fmt: skip


def test_a_register_report_names_a_bracketed_actor(db: Path, tmp_path: Path) -> None:
    [report] = ingest_files(db, [report_lines(tmp_path)])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert query(
        db,
        "SELECT recipient_name, recipient_iso3, recipient_actor_type, actor_rule, "
        "source_row_number FROM transfers ORDER BY source_row_number",
    ) == [
        (MILITIA, "TCD", "non_state", "sipri_bracket", 2),
        ("Mali", "MLI", "state", None, 3),
    ]
    assert rejects_of(db, "report.csv") == [(4, "counterpart_state", TWO_PLACES, TWO_PLACES_REASON)]
    assert query(
        db,
        "SELECT name, country_iso3, actor_type, actor_rule, target_table, file_name, "
        "source_row_number FROM rule_resolved_actors",
    ) == [(MILITIA, "TCD", "non_state", "sipri_bracket", "transfers", "report.csv", 2)]
    # The same actor in a later file is not listed again.
    later = write_csv(tmp_path / "later.csv", list(unroca.FORMAT.header), [
        ["DEU", "2022", "export", "SALW-small:rifles", MILITIA, "3"],
    ])  # fmt: skip
    ingest_files(db, [later])
    assert query(db, "SELECT name, file_name FROM rule_resolved_actors") == [
        (MILITIA, "report.csv")
    ]


def test_a_brokering_end_user_is_recognised_by_the_rule(db: Path, tmp_path: Path) -> None:
    register(db, "Blue Ridge Trading Ltd", Mapping("GBR", "broker"))
    row = {
        "licence_id": "BRK-1", "reporting_state": "GBR", "decision": "issued",
        "decision_date": "2022-02-01", "broker_name": "Blue Ridge Trading Ltd",
        "destination_country": "TCD", "end_user": MILITIA,
    }  # fmt: skip
    path = write_csv(tmp_path / "brokering.csv", list(brokering.FORMAT.header), [
        row, {**row, "licence_id": "BRK-2", "end_user": TWO_PLACES},
    ])  # fmt: skip
    [report] = ingest_files(db, [path])
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert query(
        db, "SELECT licence_id, end_user, end_user_iso3, end_user_actor_type, actor_rule "
        "FROM brokering_records",
    ) == [("BRK-1", MILITIA, "TCD", "non_state", "sipri_bracket")]  # fmt: skip
    assert rejects_of(db, "brokering.csv") == [
        (3, "end_user", TWO_PLACES, f"end_user {TWO_PLACES_REASON}")
    ]
    assert query(db, "SELECT name, target_table, source_row_number FROM rule_resolved_actors") == [
        (MILITIA, "brokering_record_versions", 2)
    ]


def test_a_registered_name_needs_no_rule(db: Path, tmp_path: Path) -> None:
    register(db, MILITIA, Mapping("TCD", "non_state"))
    ingest_files(db, [report_lines(tmp_path)])
    assert query(
        db, "SELECT recipient_name, actor_rule FROM transfers ORDER BY source_row_number"
    ) == [(MILITIA, None), ("Mali", None)]
    assert query(db, "SELECT count(*) FROM rule_resolved_actors") == [(0,)]
