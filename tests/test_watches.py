"""Watchlists through the real loads, the access store and `embargo watch-report`: a watch fires on
a new sighting of its serial and stays silent for a sighting above its owner's clearance (read at
the clearance the owner has when the digest is read); a place watch, a party watch and an
embargo watch; what is new since a moment, after a rebuild too."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from seizure_files import HEADER
from support import write_csv
from test_versions import TRACE_HEADER, trace

import ingest.kit.loads
from embargo import accounts, watches
from embargo.classification import Classification
from embargo.cli import main
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse
from ingest.files import ingest_files

PASSWORD = "correct horse battery staple 42"


def sighting(
    event_id: str,
    serial: str,
    level: str,
    place: str = "Gao",
    lat: str = "16.27",
    lon: str = "-0.04",
    lot: str = "",
) -> list[str]:
    return [
        event_id, "2024-03-05", "day", "MLI", place, lat, lon, "exact", "seizure",
        "non_state_armed_group", "JMAC MINUSMA", "weapon", "assault_rifle", "Izhmash", "AKM",
        "7.62 x 39 mm", serial, "RUS", "1975", "1", "items", level,
    ]  # fmt: skip


def seizures(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def on_day(monkeypatch, moment: str) -> None:
    at = dt.datetime.fromisoformat(moment)
    monkeypatch.setattr(ingest.kit.loads, "recorded_now", lambda: at)


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """A warehouse with one sighting loaded on 2024-03-01, and an analyst cleared restricted
    who watches the serial pattern AK-77* and the place Gao (50 km)."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    on_day(monkeypatch, "2024-03-01T09:00")
    ingest_files(
        path, [seizures(tmp_path / "first.csv", [sighting("E-1", "AK-77 001", "restricted")])]
    )
    store = accounts.access_store_path(path)
    accounts.add_user("analyst", "analyst", "restricted", PASSWORD, store)
    watches.save_watch(watches.new_watch("analyst", "serial", subject="ak 77*"), store)
    watches.save_watch(
        watches.new_watch("analyst", "place", latitude=16.3, longitude=-0.05, radius_km=50,
                          label="Gao and around"),
        store,
    )  # fmt: skip
    return path


def news(db: Path, user: str, since: str) -> list[tuple]:
    store = accounts.access_store_path(db)
    account = accounts.get_user(user, store)
    con = connect_read_only(db)
    try:
        hits = watches.news(
            con, watches.list_watches(user, store), account.clearance,
            dt.datetime.fromisoformat(since),
        )  # fmt: skip
    finally:
        con.close()
    return [(h.watch.label, h.record_kind, h.record_id, h.change, h.summary) for h in hits]


def test_a_watch_fires_on_a_new_sighting_and_not_above_clearance(db, tmp_path, monkeypatch):
    assert news(db, "analyst", "2024-03-02") == []
    on_day(monkeypatch, "2024-03-04T10:30")
    later = seizures(
        tmp_path / "second.csv",
        [
            sighting("E-2", "AK77-002", "restricted", place="Ansongo", lat="15.66", lon="0.50"),
            sighting("E-3", "AK-77/003", "confidential"),  # above the analyst's clearance
            sighting("E-4", "BX-1", "restricted", place="Kidal", lat="18.44", lon="1.41"),
        ],
    )
    [report] = ingest_files(db, [later])
    assert report.rows_loaded == 3
    uid = "JMAC MINUSMA:E-2"
    assert [row[:3] for row in news(db, "analyst", "2024-03-02")] == [
        ("serial ak 77*", "sighting", f"{uid}"),
    ]
    # Ansongo is 100 km from Gao: outside the place watch; Gao's confidential line stays unseen.
    # Cleared confidential later, the analyst reads the confidential sighting too.
    accounts.set_role("analyst", "analyst", "confidential", accounts.access_store_path(db))
    assert sorted(row[:3] for row in news(db, "analyst", "2024-03-02")) == [
        ("Gao and around", "sighting", "JMAC MINUSMA:E-3"),
        ("serial ak 77*", "sighting", f"{uid}"),
        ("serial ak 77*", "sighting", "JMAC MINUSMA:E-3"),
    ]
    accounts.set_role("analyst", "analyst", "restricted", accounts.access_store_path(db))

    # The same digest from the command line, in Markdown and CSV; a rebuild changes nothing.
    on_day(monkeypatch, "2026-12-06T08:00")
    build_warehouse(db)
    out = tmp_path / "digest.csv"
    code = main(["watch-report", "--since", "2024-03-02", "--user", "analyst", "--format",
                 "csv", "--out", str(out), "--db", str(db)])  # fmt: skip
    assert code == 0
    assert out.read_text(encoding="utf-8").splitlines() == [
        "user,watch,record_kind,record_id,change,recorded_at,record_date,country_iso3,summary,"
        "classification",
        f"analyst,serial ak 77*,sighting,{uid},new,2024-03-04 10:30,2024-03-05,MLI,"
        "Izhmash AKM AK77-002 (Ansongo),restricted",
    ]
    out = tmp_path / "digest.md"
    assert main(["watch-report", "--since", "2024-03-02", "--out", str(out), "--db", str(db)]) == 0
    assert out.read_text(encoding="utf-8") == (
        "# What's new since 2024-03-02 00:00 UTC\n\n"
        "## analyst (cleared restricted)\n\n"
        "### serial ak 77*: 1 new or changed\n\n"
        "| recorded | change | record | id | date | country | what | classification |\n"
        "|---|---|---|---|---|---|---|---|\n"
        f"| 2024-03-04 10:30 | new | sighting | {uid} | 2024-03-05 | MLI | "
        "Izhmash AKM AK77-002 (Ansongo) | restricted |\n\n"
        "### Gao and around: 0 new or changed\n"
    )


def test_a_changed_trace_and_a_party_and_embargo_watch(db, tmp_path, monkeypatch):
    store = accounts.access_store_path(db)
    watches.save_watch(watches.new_watch("analyst", "serial", subject="SN-R-1"), store)
    on_day(monkeypatch, "2024-03-02T09:00")
    ingest_files(db, [write_csv(tmp_path / "t1.csv", TRACE_HEADER, [trace("R-1"), trace("R-2")])])
    on_day(monkeypatch, "2024-04-02T09:00")
    answered = trace("R-1", date_response="2024-03-30", status="responded")
    ingest_files(db, [write_csv(tmp_path / "t2.csv", TRACE_HEADER, [answered])])
    found = [row[1:4] for row in news(db, "analyst", "2024-03-02")]
    assert found == [
        ("trace_request", "Panel of Experts:R-1", "changed"),
        ("trace_request", "Panel of Experts:R-1", "new"),
    ]
    assert [row[1:4] for row in news(db, "analyst", "2024-04-01")] == [
        ("trace_request", "Panel of Experts:R-1", "changed"),
    ]
    with pytest.raises(watches.WatchError, match="matches every serial"):
        watches.new_watch("analyst", "serial", subject="*-*")
    with pytest.raises(watches.WatchError, match="needs a latitude"):
        watches.new_watch("analyst", "place", latitude=1.0)
    assert Classification.RESTRICTED.label == "restricted"


def test_whats_new_page_shows_what_the_watches_found(db, tmp_path, monkeypatch):
    """The page as the local operator (cleared restricted here): the watches, each with what it
    found since the chosen day; the visit is recorded."""
    import getpass

    from support import page_of

    on_day(monkeypatch, "2024-03-04T10:30")
    later = [sighting("E-2", "AK77-002", "restricted"), sighting("E-3", "AK77-003", "confidential")]
    ingest_files(db, [seizures(tmp_path / "second.csv", later)])
    operator = f"operator:{getpass.getuser()}"
    store = accounts.access_store_path(db)
    watches.save_watch(watches.new_watch(operator, "serial", subject="AK77*"), store)
    watches.save_watch(watches.new_watch(operator, "lot", subject="L-404"), store)
    monkeypatch.setenv("EMBARGO_DB", str(db))
    monkeypatch.setenv("EMBARGO_CLEARANCE", "restricted")
    at = page_of("screens/whats_new.py")
    at.date_input(key="whats_new_day").set_value(dt.date(2024, 3, 2)).run()
    assert not at.exception
    assert [header.value for header in at.subheader] == [
        "Serial number or pattern: AK77* (1)", "Lot number: L-404 (0)", "Save a watch",
    ]  # fmt: skip
    [table] = at.dataframe
    assert table.value["record_id"].to_list() == ["JMAC MINUSMA:E-2"]
    assert watches.last_visit(operator, store) is not None
