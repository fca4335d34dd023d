"""The actor registry through the real store (a SQLite file beside the warehouse), the real merge
into a built warehouse and the `embargo actors` command: exact entries, refusals that show both
sides, the audit rows with who, when and what was there before, the committed alias back after a
correction is removed, a rebuild that keeps the registry, and a SIPRI export whose unknown actor
loads once the registry knows it."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from embargo import actors, audit
from embargo.actors import Mapping, RegistryError
from embargo.cli import main, operator_name
from embargo.warehouse import connect_read_only, run_checks
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.registry import apply_registry

NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
MILITIA = "Some Militia (Chad)*"
PIJ = "PIJ (Israel/Palestine)*"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


@pytest.fixture
def store(db: Path, monkeypatch) -> Path:
    """The store a warehouse uses when nothing else is configured: beside it."""
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    return db.with_name("w.access.sqlite")


def query(db: Path, sql: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_add_set_remove_keep_who_and_when_and_audit_each_change(store: Path) -> None:
    militia = Mapping("tcd", "non_state", "Some Militia")
    added = actors.add_entry(MILITIA, militia, "operates in the east", "vera", store, NOW)
    assert (added.name, added.country_iso3, added.actor_type, added.actor_name, added.note) == (
        MILITIA, "TCD", "non_state", "Some Militia", "operates in the east"
    )  # fmt: skip
    assert (added.added_by, added.added_at) == ("vera", "2026-11-02T09:30:00.000000+00:00")
    later = NOW + dt.timedelta(hours=1)
    _entry, before = actors.set_entry(PIJ, Mapping("ISR", "non_state"), None, "omar", store, later)
    assert before == {
        "committed": {
            "country_iso3": "PSE",
            "actor_type": "non_state",
            "actor_name": None,
            "note": "bracket names two places; mapped to the State of Palestine (Gaza/West Bank), "
            "where it operates",
        }
    }
    assert [(e.name, e.country_iso3, e.changed_by) for e in actors.list_entries(store)] == [
        (PIJ, "ISR", "omar"),
        (MILITIA, "TCD", "vera"),
    ]
    removed = actors.remove_entry(PIJ, "vera", store, later + dt.timedelta(hours=1))
    assert removed.country_iso3 == "ISR"
    assert [e.name for e in actors.list_entries(store)] == [MILITIA]
    rows = [(r.user_name, r.action, r.target, r.occurred_at) for r in reversed(audit.read(store))]
    assert rows == [
        ("vera", "actor_added", MILITIA, "2026-11-02T09:30:00.000000+00:00"),
        ("omar", "actor_changed", PIJ, "2026-11-02T10:30:00.000000+00:00"),
        ("vera", "actor_removed", PIJ, "2026-11-02T11:30:00.000000+00:00"),
    ]
    assert audit.read(store, actions=("actor_removed",))[0].detail == {
        "name": PIJ,
        "before": {
            "registry": {
                "country_iso3": "ISR", "actor_type": "non_state", "actor_name": None, "note": ""
            }
        },
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "mapping", "message"),
    [
        (
            "Darfur rebels (Sudan)*",
            Mapping("TCD", "non_state"),
            "'Darfur rebels (Sudan)*' as a non-state actor (TCD): the committed alias table maps "
            "it otherwise: 'Darfur rebels (Sudan)*' is a non-state actor (SDN); to correct it, "
            "use `embargo actors set`",
        ),
        (
            "darfur  REBELS (sudan)*",
            Mapping("SDN", "non_state"),
            "'darfur REBELS (sudan)*' as a non-state actor (SDN): the committed alias table "
            "already maps it the same way: 'Darfur rebels (Sudan)*' is a non-state actor (SDN)",
        ),
        (
            "some militia (CHAD)*",
            Mapping("LBY", "non_state"),
            "'some militia (CHAD)*' as a non-state actor (LBY) conflicts with the registry entry "
            "'Some Militia (Chad)*': a non-state actor (TCD), the actor 'Some Militia' (added by "
            "vera on 2026-11-02); to correct it, use `embargo actors set`",
        ),
        (
            "Militia of the South (Chad)*",
            Mapping("LBY", "non_state", "SOME MILITIA"),
            "'Militia of the South (Chad)*' as a non-state actor (LBY), the actor 'SOME MILITIA' "
            "conflicts with the registry entry 'Some Militia (Chad)*': a non-state actor (TCD), "
            "the actor 'Some Militia' (added by vera on 2026-11-02); one actor has one country "
            "and type: correct that entry first with `embargo actors set`",
        ),
        ("Soviet gear", Mapping("SUN", "state"), "SUN is a former State: use --type historical"),
        (
            "Chad army",
            Mapping("CHD", "state"),
            "country 'CHD' is not a code of data/reference/countries.csv; did you mean TCD "
            "(Chad), CHE (Switzerland), CHL (Chile)?",
        ),
        (
            "Rebels",
            Mapping(None, "non_state"),
            "a non-state actor needs --country: the country it operates in",
        ),
        (
            "Some Union**",
            Mapping("TCD", "organisation"),
            "an international organisation has no country: leave --country out (a non-state "
            "actor has the country it operates in)",
        ),
        (
            "X",
            Mapping("TCD", "militia"),
            "unknown actor type 'militia': expected one of state, historical, non_state, "
            "organisation, broker, unknown",
        ),
    ],
)
def test_a_conflicting_or_invalid_entry_is_refused_with_both_sides(
    store: Path, name: str, mapping: Mapping, message: str
) -> None:
    actors.add_entry(MILITIA, Mapping("TCD", "non_state", "Some Militia"), None, "vera", store, NOW)
    with pytest.raises(RegistryError) as refused:
        actors.add_entry(name, mapping, None, "omar", store, NOW)
    assert str(refused.value) == message
    assert [e.name for e in actors.list_entries(store)] == [MILITIA]
    assert [r.action for r in audit.read(store)] == ["actor_added"]


def test_unknown_names_get_up_to_three_close_candidates(store: Path) -> None:
    for name in ("Some Militia (Chad)*", "Some Militias (Niger)*", "Other Front (Chad)*"):
        actors.add_entry(name, Mapping("TCD", "non_state"), None, "vera", store, NOW)
    with pytest.raises(RegistryError) as refused:
        actors.remove_entry("Some Milita (Chad)", "vera", store)
    assert str(refused.value) == (
        "no registry entry 'Some Milita (Chad)'; did you mean 'Some Militia (Chad)*', "
        "'Some Militias (Niger)*'?"
    )
    with pytest.raises(RegistryError) as refused:
        actors.remove_entry("Hezbollah (Lebanon)*", "vera", store)
    assert str(refused.value) == (
        "'Hezbollah (Lebanon)*' is in the committed alias table (a non-state actor (LBN)), not "
        "in the registry: correct it with `embargo actors set`"
    )
    assert actors.close_candidates("DR Congoo", ["DR Congo", "Congo", "Dominica"]) == [
        "DR Congo",
        "Congo",
    ]
    assert actors.close_candidates("Narnia", ["DR Congo", "Congo"]) == []


def test_the_merge_puts_entries_into_the_aliases_and_a_removal_restores_the_committed_one(
    db: Path, store: Path
) -> None:
    committed = query(db, "SELECT * EXCLUDE (load_id) FROM country_aliases ORDER BY alias")
    actors.add_entry(MILITIA, Mapping("TCD", "non_state", "Some Militia"), None, "vera", store, NOW)
    actors.set_entry(PIJ, Mapping("ISR", "non_state"), "as the panel wrote", "omar", store, NOW)
    merged = apply_registry(db, actors.list_entries(store))
    assert (merged.entries, merged.merged, merged.rejects) == (2, 2, [])
    assert query(
        db,
        "SELECT alias, country_iso3, actor_type, note FROM country_aliases "
        "WHERE alias_normalized IN ('some militia (chad)*', 'pij (israel/palestine)*') ORDER BY 1",
    ) == [
        (PIJ, "ISR", "non_state", "as the panel wrote"),
        (MILITIA, "TCD", "non_state", None),
    ]
    assert query(
        db,
        "SELECT name, actor_name, added_by, added_at::VARCHAR, replaced_alias, "
        "replaced_country_iso3 FROM actor_registry ORDER BY name",
    ) == [
        (PIJ, None, "omar", "2026-11-02 09:30:00", PIJ, "PSE"),
        (MILITIA, "Some Militia", "vera", "2026-11-02 09:30:00", None, None),
    ]
    assert query(
        db,
        "SELECT source_id, file_name, file_format, target_table, rows_read, rows_loaded, "
        "rows_rejected FROM load_log WHERE file_format = 'registry'",
    ) == [("actor_registry", "actor registry", "registry", "country_aliases", 2, 2, 0)]
    con = connect_read_only(db)
    try:
        assert [check.name for check in run_checks(con) if not check.passed] == []
    finally:
        con.close()
    for name in (MILITIA, PIJ):
        actors.remove_entry(name, "vera", store)
    apply_registry(db, actors.list_entries(store))
    assert query(db, "SELECT * EXCLUDE (load_id) FROM country_aliases ORDER BY alias") == (
        committed
    )
    assert query(db, "SELECT count(*) FROM actor_registry") == [(0,)]


def test_a_rebuild_keeps_the_registry(db: Path, store: Path) -> None:
    actors.add_entry(MILITIA, Mapping("TCD", "non_state"), None, "vera", store, NOW)
    build_warehouse(db)
    assert query(
        db, "SELECT alias, country_iso3 FROM country_aliases WHERE alias = 'Some Militia (Chad)*'"
    ) == [(MILITIA, "TCD")]
    assert query(db, "SELECT name, added_by FROM actor_registry") == [(MILITIA, "vera")]


SIPRI_EXPORT = """Transfers of major conventional arms (INVENTED TEST FIXTURE, not SIPRI data)
Source: Embargo Monitor test fixture, every deal invented.
SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,\
Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,\
Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production
{deal},Libya,{recipient},Kestrel-4,armoured car,Armoured vehicles,2020,No,2,No,2021,No,New,No,\
1,2,No
"""


# Without SIPRI's bracket, no rule recognises the name: only the registry can.
UNBRACKETED = "Some Militia of the East*"


def sipri_file(folder: Path, deal: int) -> Path:
    path = folder / f"export-{deal}.csv"
    path.write_text(SIPRI_EXPORT.format(deal=deal, recipient=UNBRACKETED), encoding="utf-8")
    return path


def test_a_registered_name_resolves_in_the_next_load(db: Path, store: Path, tmp_path) -> None:
    [before] = ingest_files(db, [sipri_file(tmp_path, 90101)])
    assert (before.rows_loaded, before.rows_rejected) == (0, 1)
    assert query(
        db, f"SELECT column_name, value FROM rejects WHERE load_id = '{before.load_id}'"
    ) == [("Recipient", UNBRACKETED)]
    assert main(["actors", "add", UNBRACKETED, "--type", "non_state", "--country", "TCD",
                 "--db", str(db)]) == 0  # fmt: skip
    [after] = ingest_files(db, [sipri_file(tmp_path, 90102)])
    assert (after.rows_loaded, after.rows_rejected) == (1, 0)
    assert query(
        db,
        "SELECT supplier_iso3, recipient_name, recipient_iso3, recipient_actor_type FROM transfers "
        f"WHERE load_id = '{after.load_id}'",
    ) == [("LBY", UNBRACKETED, "TCD", "non_state")]


def test_the_actors_command(db: Path, store: Path, capsys) -> None:
    where = ["--db", str(db)]
    assert main(["actors", "add", MILITIA, "--type", "non_state", "--country", "TCD", *where]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"added '{MILITIA}': a non-state actor (TCD)\n"
        f"warehouse {db}: 1 of 1 registry entries in force\n"
    )
    assert main(["actors", "add", MILITIA, "--type", "non_state", "--country", "LBY", *where]) == 2
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert capsys.readouterr().err == (
        f"actors add: '{MILITIA}' as a non-state actor (LBY) conflicts with the registry entry "
        f"'{MILITIA}': a non-state actor (TCD) (added by {operator_name()} on {today}); to "
        "correct it, use `embargo actors set`\n"
    )
    assert main(["actors", "set", PIJ, "--type", "non_state", "--country", "ISR", *where]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        f"set '{PIJ}': a non-state actor (ISR) (was, in the committed alias: a non-state actor "
        "(PSE))"
    )
    assert main(["actors", "remove", PIJ, *where]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"removed '{PIJ}' (a non-state actor (ISR)); the audit trail keeps it",
        f"warehouse {db}: 1 of 1 registry entries in force",
    ]
    assert main(["actors", "list", *where]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[:4] == ["Some", "Militia", "(Chad)*", "non_state"]
    assert lines[-1] == "1 registry entries"
    # the store refuses to change its audit trail
    con = sqlite3.connect(store)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM audit_log WHERE action = 'actor_added'")
    con.close()
