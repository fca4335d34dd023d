"""The Sources page's actors to confirm, run headless with AppTest against a real warehouse in
which a SIPRI export named two actors known only by SIPRI's bracket rule: both are listed with
the country the rule found; an administrator's confirmation adds the name to the actor registry
(audited) and the warehouse's aliases, and the list shows who confirmed it; a corrected country
is what the registry keeps; the page reads in French."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support import BRACKETED_ACTORS, page_of, warehouse_with

from embargo import actors, audit
from embargo.warehouse import connect_read_only
from ingest.files import ingest_files
from ingest.registry import apply_registry

MILITIA = "Some Militia (Chad)*"
FRONT = "Other Front (Mali)*"
OPERATOR = f"operator:{getpass.getuser()}"  # the local operator's account


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    path = warehouse_with(warehouse, tmp_path, [BRACKETED_ACTORS])
    monkeypatch.setenv("EMBARGO_DB", str(path))
    return path


def sources_page(language: str = "en") -> AppTest:
    return page_of("screens/sources.py", language)


def confirm(at: AppTest, name: str, country: str | None = None) -> AppTest:
    at.selectbox(key="rule_actor_name").set_value(name).run()
    if country is not None:
        at.text_input(key=f"rule_actor_country_{name}").input(country)
    at.button(key="FormSubmitter:confirm_rule_actor-Add to the actor registry").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def listed(at: AppTest) -> list[tuple]:
    table = next(frame for frame in at.dataframe if "actor_rule" in frame.value.columns)
    config = json.loads(table.proto.columns or "{}")
    labels = {name: (config.get(name) or {}).get("label") for name in table.value.columns}
    assert [labels[name] for name in ("name", "country_iso3", "actor_rule")] == [
        "Name, as the source spells it", "Country the rule found", "Rule"
    ]  # fmt: skip
    frame = table.value
    assert set(frame["actor_rule"]) == {"SIPRI's bracket: Name (Country)*"}
    return list(
        zip(
            frame["name"],
            frame["country_iso3"],
            frame["registry_country_iso3"],
            frame["registry_changed_by"],
            strict=True,
        )
    )


def test_rule_actors_are_listed_and_a_confirmation_joins_the_registry(db: Path) -> None:
    at = sources_page()
    # The Rejects tab's counts (the fixture's two rejects, none resolved), then this tab's.
    assert [(m.label, m.value) for m in at.metric] == [
        ("Rejects still open", "2"), ("Resolved: loaded later", "0"),
        ("Waiting for confirmation", "2"),
    ]  # fmt: skip
    assert listed(at) == [(FRONT, "Mali", "—", "—"), (MILITIA, "Chad", "—", "—")]
    at = confirm(at, MILITIA)
    assert [s.value for s in at.success] == [f"{MILITIA} is in the actor registry: Chad."]
    assert [m.value for m in at.metric][-1] == "1"
    assert listed(at) == [(FRONT, "Mali", "—", "—"), (MILITIA, "Chad", "Chad", OPERATOR)]
    assert [(e.name, e.country_iso3, e.note) for e in actors.list_entries()] == [
        (MILITIA, "TCD", "confirmed the SIPRI bracket rule's country")
    ]
    assert [(r.action, r.target) for r in audit.read(actions=("actor_added",))] == [
        ("actor_added", MILITIA)
    ]
    con = connect_read_only(db)
    try:
        assert con.execute(
            "SELECT country_iso3, actor_type FROM country_aliases WHERE alias = ?", [MILITIA]
        ).fetchall() == [("TCD", "non_state")]
    finally:
        con.close()


def test_a_corrected_country_is_what_the_registry_keeps(db: Path) -> None:
    at = confirm(sources_page(), FRONT, "NER")
    assert [(e.name, e.country_iso3, e.note) for e in actors.list_entries()] == [
        (FRONT, "NER", "corrected the SIPRI bracket rule's MLI")
    ]
    assert listed(at)[1] == (FRONT, "Mali", "Niger", OPERATOR)


def test_close_known_names_are_shown_and_one_is_chosen_as_the_same_actor(
    warehouse: Path, tmp_path: Path, monkeypatch
) -> None:
    """A spelling the registry knows already, close to the one the rule recognised: the list shows
    it beside the name, and confirming the name as that actor records it in the entry."""
    store = tmp_path / "access" / "a.sqlite"
    monkeypatch.setenv("EMBARGO_ACCESS_DB", str(store))
    db = warehouse_with(warehouse, tmp_path, [])
    actors.add_entry("Some Militia*", actors.Mapping("TCD", "non_state"), None, "vera", store)
    apply_registry(db, actors.list_entries(store))
    ingest_files(db, [BRACKETED_ACTORS])
    monkeypatch.setenv("EMBARGO_DB", str(db))
    at = sources_page()
    table = next(frame for frame in at.dataframe if "actor_rule" in frame.value.columns).value
    assert table[["name", "close_known_names"]].values.tolist() == [
        [FRONT, "—"],
        [MILITIA, "Some Militia*"],
    ]
    at.selectbox(key="rule_actor_name").set_value(MILITIA).run()
    assert at.selectbox(key=f"rule_actor_same_{MILITIA}").options == [
        "None of them: a new actor", "Some Militia*"
    ]  # fmt: skip
    at.selectbox(key=f"rule_actor_same_{MILITIA}").set_value("Some Militia*")
    at.button(key="FormSubmitter:confirm_rule_actor-Add to the actor registry").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [(e.name, e.country_iso3, e.actor_name) for e in actors.list_entries(store)] == [
        (MILITIA, "TCD", "Some Militia*"),
        ("Some Militia*", "TCD", None),
    ]


def test_the_list_in_french(db: Path) -> None:
    at = sources_page("fr")
    assert "Acteurs à confirmer" in [tab.label for tab in at.tabs]
    assert [m.label for m in at.metric] == [
        "Rejets encore ouverts", "Résolus : chargés plus tard", "En attente de confirmation"
    ]  # fmt: skip
