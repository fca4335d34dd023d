"""The Links page run headless with AppTest against a real warehouse: a SIPRI export names `Some
Militia (Chad)*` and a consolidated list lists SOME MILITIA; the page shows the candidate with its
score and the name that matched; an analyst's confirmation is kept with who and when, audited,
merged into the warehouse, and the delivery is then screened under the party's regime; the page
reads in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import BRACKETED_ACTORS, page_of, warehouse_with
from test_sanctions_list_ingest import ENTITY, consolidated_list

from embargo import audit, links
from embargo.warehouse import connect_read_only

PAIR = "Some Militia (Chad)* ~ CFe.901"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    listed = tmp_path / "list.xml"
    listed.write_text(
        consolidated_list([], [ENTITY.format(name="SOME MILITIA")], "2025-11-20T10:00:00Z"),
        encoding="utf-8",
    )
    path = warehouse_with(warehouse, tmp_path, [BRACKETED_ACTORS, listed])
    monkeypatch.setenv("EMBARGO_DB", str(path))
    return path


def links_page(language: str = "en"):
    return page_of("screens/links.py", language)


def test_a_candidate_is_shown_confirmed_audited_and_screened(db: Path) -> None:
    at = links_page()
    assert [m.value for m in at.metric] == ["2", "0", "0"]
    table = at.dataframe[0].value
    # the export spells the militia two ways: each spelling is a candidate of its own
    assert table[["party_name", "reference_number", "matched_name", "score"]].values.tolist() == [
        ["Some Militia  (chad)*", "CFe.901", "SOME MILITIA", 100.0],
        ["Some Militia (Chad)*", "CFe.901", "SOME MILITIA", 100.0],
    ]
    assert at.selectbox(key="links_pair").options == ["Some Militia  (chad)* ~ CFe.901", PAIR]
    at.selectbox(key="links_pair").set_value(PAIR).run()
    at.text_input(key="links_note").input("same group, same area")
    at.button(key="links_ok").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [s.value for s in at.success] == [f"{PAIR}: confirmed."]
    # a decision is on the name as the alias matching rule reads it: both spellings
    assert [m.value for m in at.metric] == ["2", "2", "0"]
    [decision] = links.list_decisions()
    assert (decision.party_name, decision.reference_number, decision.decision, decision.note) == (
        "Some Militia (Chad)*", "CFe.901", "confirmed", "same group, same area"
    )  # fmt: skip
    assert [(r.action, r.target) for r in audit.read(actions=("link_confirmed",))] == [
        ("link_confirmed", "Some Militia (Chad)* ~ CFe.901")
    ]
    con = connect_read_only(db)
    try:
        assert con.execute(
            "SELECT recipient, reference_number, delivery_year FROM listed_party_screening "
            "ORDER BY delivery_year"
        ).fetchall() == [
            ("Some Militia (Chad)*", "CFe.901", 2021),
            ("Some Militia  (chad)*", "CFe.901", 2022),
        ]
    finally:
        con.close()


def test_the_page_in_french(db: Path) -> None:
    at = links_page("fr")
    assert at.title[0].value == "Liens aux parties inscrites"
    assert [m.label for m in at.metric] == ["Liens candidats", "Liens confirmés", "Liens rejetés"]
