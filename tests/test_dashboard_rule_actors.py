"""The Sources page's actors to confirm, run headless with AppTest against a real warehouse in
which a SIPRI export named two actors known only by SIPRI's bracket rule: both are listed with
the country the rule found; an administrator's confirmation adds the name to the actor registry
(audited) and the warehouse's aliases, and the list shows who confirmed it; a corrected country
is what the registry keeps; the page reads in French."""

from __future__ import annotations

import getpass
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from embargo import actors, audit
from embargo.config import DASHBOARD_APP
from embargo.i18n import set_language
from embargo.warehouse import connect_read_only
from ingest.files import ingest_files

FIXTURE = Path(__file__).parent / "fixtures" / "sipri" / "bracketed_actors.csv"
MILITIA = "Some Militia (Chad)*"
FRONT = "Other Front (Mali)*"
OPERATOR = f"operator:{getpass.getuser()}"  # the local operator's account


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    ingest_files(path, [FIXTURE])
    monkeypatch.setenv("EMBARGO_DB", str(path))
    return path


def sources_page(language: str = "en") -> AppTest:
    at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=60)
    set_language(language)
    at.session_state["access_language"] = language
    at.run()
    at.switch_page("screens/sources.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


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
    assert [m.value for m in at.metric] == ["2"]
    assert listed(at) == [(FRONT, "Mali", "—", "—"), (MILITIA, "Chad", "—", "—")]
    at = confirm(at, MILITIA)
    assert [s.value for s in at.success] == [f"{MILITIA} is in the actor registry: TCD."]
    assert [m.value for m in at.metric] == ["1"]
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


def test_the_list_in_french(db: Path) -> None:
    at = sources_page("fr")
    assert "Acteurs à confirmer" in [tab.label for tab in at.tabs]
    assert [m.label for m in at.metric] == ["En attente de confirmation"]
