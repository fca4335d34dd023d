"""Candidate links between registered parties and listed parties, their confirmation, and the
listed-party screening, through the real loads, store and merge: a delivery before, in and after
the year of listing; a confirmed link screens, an unconfirmed candidate does not; a rejection is
recorded and audited; a rebuild keeps the decisions."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from support.party_chain import EXPORT_HEADER, HOUTHIS, LIST

from embargo import audit, links
from embargo.cli import main
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files

# Deliveries to the Houthis before, in and after the year of their listing (2022), and one to
# the LRA.
EXPORT = (
    EXPORT_HEADER
    + """90201,Iran,Houthi rebels (Yemen)*,Test-1,SAM,Missiles,2020,No,2,No,2021,No,New,No,1,2,No
90201,Iran,Houthi rebels (Yemen)*,Test-1,SAM,Missiles,2020,No,3,No,2022,No,New,No,1,3,No
90201,Iran,Houthi rebels (Yemen)*,Test-1,SAM,Missiles,2020,No,4,No,2023,No,New,No,1,4,No
90202,Sudan,LRA (Uganda)*,Test-2,portable SAM,Missiles,2020,No,1,No,2021,No,New,No,1,1,No
"""
)


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8")
    (tmp_path / "list.xml").write_text(LIST, encoding="utf-8")
    reports = ingest_files(path, [tmp_path / "export.csv", tmp_path / "list.xml"])
    assert [(r.rows_loaded, r.rows_rejected) for r in reports] == [(4, 0), (2, 0)]
    return path


def query(db: Path, sql: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def candidates(db: Path) -> list[tuple]:
    con = connect_read_only(db)
    try:
        found = links.candidates(con, links.list_decisions(db.with_name("w.access.sqlite")))
    finally:
        con.close()
    return [(c.party_name, c.reference_number, c.name_kind, c.score, c.transfers, c.decision)
            for c in found]  # fmt: skip


def test_candidates_and_the_screening_of_a_confirmed_link(db: Path, capsys) -> None:
    assert candidates(db) == [
        (HOUTHIS, "YEe.901", "listed_name", 100.0, 3, None),
        ("LRA (Uganda)*", "CFe.902", "alias", 100.0, 1, None),
    ]
    assert query(db, "SELECT count(*) FROM listed_party_screening") == [(0,)]
    where = ["--db", str(db)]
    assert main(["links", "confirm", HOUTHIS, "YEe.901", "--note", "same group", *where]) == 0
    assert capsys.readouterr().out == (
        f"confirmed '{HOUTHIS}' ~ YEe.901 (THE HOUTHIS); 1 link decisions in the warehouse\n"
    )
    # before, in and after the year of listing; the unconfirmed LRA candidate gives no row
    assert query(
        db,
        "SELECT delivery_year, recipient, reference_number, embargo_id, verdict, citation "
        "FROM listed_party_screening ORDER BY delivery_year",
    ) == [
        (2021, HOUTHIS, "YEe.901", "un-yemen-2015", "outside_window",
         "YEe.901; S/RES/2216 (2015)"),
        (2022, HOUTHIS, "YEe.901", "un-yemen-2015", "partial_overlap",
         "YEe.901; S/RES/2216 (2015)"),
        (2023, HOUTHIS, "YEe.901", "un-yemen-2015", "violation_indicator",
         "YEe.901; S/RES/2216 (2015)"),
    ]  # fmt: skip
    [(reason,)] = query(db, "SELECT reason FROM listed_party_screening WHERE delivery_year = 2023")
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert reason == (
        f"Delivered in 2023 to {HOUTHIS}, linked (confirmed by {audit_user(db)} on {today}) to "
        "YEe.901 THE HOUTHIS, listed on 2022-02-28 under the Yemen regime: the arms embargo on "
        "listed parties applied all year."
    )
    # `embargo screen` shows them beside the territorial screening
    capsys.readouterr()
    assert main(["screen", "--target", "YEM", "--format", "json", *where]) == 0
    screened = json.loads(capsys.readouterr().out)
    assert [(r["delivery_year"], r["embargo_id"], r["window_overlap"], r["verdict"])
            for r in screened if r["citation"].startswith("YEe.901")] == [
        (2021, "un-yemen-2015", "none", "outside_window"),
        (2022, "un-yemen-2015", "partial", "partial_overlap"),
        (2023, "un-yemen-2015", "full", "violation_indicator"),
    ]  # fmt: skip
    # a rejection is a decision too: recorded, audited, and the candidate shows it
    assert main(["links", "reject", "LRA (Uganda)*", "CFe.902", *where]) == 0
    assert [c[-1] for c in candidates(db)] == ["confirmed", "rejected"]
    store = db.with_name("w.access.sqlite")
    assert [(r.action, r.target) for r in reversed(audit.read(store))] == [
        ("link_confirmed", f"{HOUTHIS} ~ YEe.901"),
        ("link_rejected", "LRA (Uganda)* ~ CFe.902"),
    ]
    assert query(
        db, "SELECT party_name, reference_number, decision, note FROM party_links ORDER BY 1"
    ) == [(HOUTHIS, "YEe.901", "confirmed", "same group"),
          ("LRA (Uganda)*", "CFe.902", "rejected", None)]  # fmt: skip
    # a rebuild (which reloads the kept raw files) keeps the decisions and the screening
    build_warehouse(db)
    assert query(db, "SELECT verdict FROM listed_party_screening ORDER BY delivery_year") == [
        ("outside_window",), ("partial_overlap",), ("violation_indicator",)
    ]  # fmt: skip


def audit_user(db: Path) -> str:
    return audit.read(db.with_name("w.access.sqlite"))[0].user_name


def test_a_pair_that_is_no_candidate_is_refused(db: Path, capsys) -> None:
    assert main(["links", "confirm", HOUTHIS, "CFe.902", "--db", str(db)]) == 2
    assert capsys.readouterr().err == (
        f"links confirm: '{HOUTHIS}' and CFe.902 are not a candidate link of this warehouse: "
        "`embargo links candidates` lists them (a name of the registered transfers and a "
        "reference number of a loaded sanctions list, alike enough)\n"
    )
    assert links.list_decisions(db.with_name("w.access.sqlite")) == []


def test_the_embargo_is_the_regimes_of_the_delivery_year(db: Path) -> None:
    """The LRA, listed under the CAR regime in 2016, received a delivery in 2021: the regime's
    embargo then was the territorial one (un-car-2013), not today's on armed groups."""
    assert main(["links", "confirm", "LRA (Uganda)*", "CFe.902", "--db", str(db)]) == 0
    assert query(
        db, "SELECT delivery_year, embargo_id, verdict, citation FROM listed_party_screening"
    ) == [(2021, "un-car-2013", "violation_indicator", "CFe.902; S/RES/2127 (2013)")]


def test_the_screening_page_lists_deliveries_to_listed_parties(db: Path, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from embargo.config import DASHBOARD_APP

    monkeypatch.setenv("EMBARGO_DB", str(db))

    def listed_section() -> tuple[str, list]:
        at = AppTest.from_file(str(DASHBOARD_APP), default_timeout=90)
        at.run()
        at.switch_page("screens/screening.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        heading = [h.value for h in at.subheader if h.value.startswith("Deliveries to listed")]
        frames = [d.value for d in at.dataframe if "reference_number" in d.value.columns]
        verdicts = frames[0]["verdict"].to_list() if frames else []
        return heading[0], verdicts

    assert listed_section() == ("Deliveries to listed parties (0)", [])
    assert main(["links", "confirm", HOUTHIS, "YEe.901", "--db", str(db)]) == 0
    assert listed_section() == (
        "Deliveries to listed parties (3)",
        ["Violation indicator", "Partial overlap", "Outside the window"],
    )
