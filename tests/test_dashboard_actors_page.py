"""The Actors page (administrators) run headless with AppTest against a real warehouse copy and
access store: adding a name shows it, writes the registry and the audit trail and reaches the
warehouse's aliases; a conflicting name is refused with both mappings shown; a removal restores
the committed alias."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from embargo import actors, audit
from embargo.config import DASHBOARD_APP
from embargo.i18n import set_language
from embargo.warehouse import connect_read_only

MILITIA = "Some Militia (Chad)*"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    monkeypatch.setenv("EMBARGO_DB", str(path))
    return path


def actors_page() -> AppTest:
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    at.run()
    at.switch_page("screens/actors.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def save(at: AppTest, name: str, country: str, correct: bool = False) -> AppTest:
    if correct:
        at.radio(key="actors_change_kind").set_value("correct")
    at.text_input(key="actors_name").input(name)
    at.text_input(key="actors_country").input(country)
    at.button[0].click().run()  # the form's Save button
    assert not at.exception, [e.value for e in at.exception]
    return at


def aliases(db: Path, *names: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        return con.execute(
            "SELECT alias, country_iso3, actor_type FROM country_aliases "
            "WHERE list_contains(?, alias) ORDER BY alias",
            [list(names)],
        ).fetchall()
    finally:
        con.close()


def test_adding_a_name_reaches_the_registry_the_audit_trail_and_the_warehouse(db: Path) -> None:
    at = save(actors_page(), MILITIA, "tcd")
    assert [s.value for s in at.success] == [
        f"Added **{MILITIA}**: Non-state actor (Chad). The warehouse has 1 of 1 entries in force."
    ]
    assert at.subheader[0].value == "Registry (1 names)"
    assert at.dataframe[0].value["name"].to_list() == [MILITIA]
    assert [(e.name, e.country_iso3) for e in actors.list_entries()] == [(MILITIA, "TCD")]
    assert [(r.action, r.target) for r in audit.read(actions=("actor_added",))] == [
        ("actor_added", MILITIA)
    ]
    assert aliases(db, MILITIA) == [(MILITIA, "TCD", "non_state")]


def test_a_conflicting_name_is_refused_with_both_mappings(db: Path) -> None:
    at = save(actors_page(), "Darfur rebels (Sudan)*", "TCD")
    assert [e.value for e in at.error] == [
        "Not saved: the committed alias table maps “Darfur rebels (Sudan)*” otherwise (“Darfur "
        "rebels (Sudan)*”: Non-state actor (Sudan); asked: Non-state actor (Chad)). To correct "
        "it, choose “Correct a name”."
    ]
    assert actors.list_entries() == []
    # corrected instead, then removed: the committed mapping applies again
    at = save(actors_page(), "Darfur rebels (Sudan)*", "TCD", correct=True)
    assert aliases(db, "Darfur rebels (Sudan)*") == [("Darfur rebels (Sudan)*", "TCD", "non_state")]
    at.button(key="actors_remove").click().run()
    assert [s.value for s in at.success] == [
        "Removed **Darfur rebels (Sudan)***. The warehouse has 0 of 0 entries in force."
    ]
    assert aliases(db, "Darfur rebels (Sudan)*") == [("Darfur rebels (Sudan)*", "SDN", "non_state")]


def test_the_page_in_french_speaks_french_only(db: Path) -> None:
    set_language("fr")
    try:
        at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
        at.session_state["access_language"] = "fr"
        at.run()
        at.switch_page("screens/actors.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert [t.value for t in at.title] == ["Acteurs"]
        assert at.radio(key="actors_change_kind").label == "Modification"
        assert at.radio(key="actors_change_kind").options == ["Ajouter un nom", "Corriger un nom"]
        assert at.selectbox(key="actors_type").label == "Type"
        assert at.selectbox(key="actors_type").value == "non_state"
        assert at.text_input(key="actors_country").label == "Pays (ISO3)"
        assert at.text_input(key="actors_actor").label == "Acteur désigné (facultatif)"
        assert at.text_input(key="actors_note").label == "Motif de ce rattachement (facultatif)"
        at.text_input(key="actors_name").input(MILITIA)
        at.text_input(key="actors_country").input("tcd")
        at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert [s.value for s in at.success] == [
            f"**{MILITIA}** ajouté : Acteur non étatique (Tchad). "
            "L'entrepôt applique 1 entrées sur 1."
        ]
        assert at.subheader[0].value == "Registre (1 noms)"
        table = at.dataframe[0]
        assert table.value["actor_type"].to_list() == ["Acteur non étatique"]
        assert table.value["country_iso3"].to_list() == ["Tchad"]
        assert " par " in table.value["added"].iloc[0]
        labels = [
            (json.loads(table.proto.columns)[column] or {}).get("label")
            for column in table.value.columns
        ]
        assert labels == [
            "Nom",
            "Type",
            "Pays",
            "Acteur",
            "Pourquoi",
            "Ajouté (UTC)",
            "Dernière modification (UTC)",
        ]
        shown = " ".join(
            [m.value for m in at.markdown]
            + [c.value for c in at.caption]
            + [s.value for s in at.success]
            + [w.label for w in at.selectbox]
            + [w.label for w in at.text_input]
        )
        for english in ("Registry", "Added", "entries in force", "Remove a name", "Source:"):
            assert english not in shown, english
    finally:
        set_language("en")
