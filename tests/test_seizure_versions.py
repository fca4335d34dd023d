"""Versions of seizure events and item lines through the real loads (column-wise and line by
line): a later file of the same reporting entity corrects an event's date and an item's serial
(the item known across files by its item_id), the earlier versions kept with their files; the
derived tables follow; a stale file is refused naming both files and dates; conflicting lines of
one item in one file are each refused; a line of another classification changes nothing; the
version known on a past date (by load date)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import query, rejects_of, write_csv

import ingest.kit.loads
from embargo.warehouse import connect_read_only
from embargo.warehouse.lineage import derived_tables
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.sources import seizures

HEADER = list(seizures.FORMAT.header)
ENTITY = "JMAC MINUSMA"
RIFLE = {
    "event_id": "E-1", "event_date": "2024-03-05", "date_precision": "day",
    "country_iso3": "MLI", "location_name": "Ansongo", "context": "seizure",
    "reporting_entity": ENTITY, "item_id": "1", "item_kind": "weapon",
    "weapon_category": "assault_rifle", "manufacturer": "Izhmash", "model": "AKM",
    "serial_number": "AK-12 345", "year_of_manufacture": "2023", "quantity": "1",
    "unit": "items",
}  # fmt: skip
AMMO = {
    **RIFLE, "item_id": "2", "item_kind": "ammunition", "weapon_category": "", "manufacturer": "",
    "model": "", "serial_number": "", "year_of_manufacture": "", "headstamp_factory": "10",
    "headstamp_year": "1984", "quantity": "240", "unit": "rounds",
}  # fmt: skip


def line(base: dict, **changes: str) -> dict:
    return {**base, **changes}


@pytest.fixture(params=["columns", "lines"])
def db(request, warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """A warehouse loaded by the column-wise load, or by the line-by-line reference load."""
    if request.param == "lines":
        monkeypatch.setattr(seizures, "load", seizures.load_line_by_line)
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    return path


@pytest.fixture
def load_on(monkeypatch):
    """Loads recorded on a chosen day: what "as known on" compares."""

    def on(day: str) -> None:
        moment = dt.datetime.fromisoformat(day).replace(hour=9)
        monkeypatch.setattr(ingest.kit.loads, "recorded_now", lambda: moment)

    return on


def load(db: Path, folder: Path, name: str, *lines: dict):
    [report] = ingest_files(db, [write_csv(folder / name, HEADER, lines)], "seizures")
    return report


def derived_tables_hold(db: Path) -> None:
    """Every derived table holds what its query gives now (the refresh after the load)."""
    con = connect_read_only(db)
    try:
        for table, defining in derived_tables():
            stored = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            fresh = con.execute(f"SELECT * FROM ({defining}) ORDER BY ALL").fetchall()
            assert stored == fresh, table
    finally:
        con.close()


EVENTS = (
    "SELECT event_date, version, as_of, correction, file_name, source_row_number "
    "FROM seizure_event_versions ORDER BY version"
)
ITEMS = (
    "SELECT item_id, serial_number, version, as_of, file_name, source_row_number "
    "FROM seizure_item_versions ORDER BY item_id, version"
)


def test_a_later_file_corrects_a_date_and_a_serial(db, tmp_path, load_on):
    load_on("2026-01-10")
    first = load(db, tmp_path, "jmac_march.csv", line(RIFLE), line(AMMO))
    assert (first.rows_loaded, first.rows_rejected) == (2, 0)
    [(line_uid, uid_before)] = query(
        db, "SELECT item_line_uid, item_uid FROM seizure_items WHERE item_id = '1'"
    )

    load_on("2026-02-10")
    later = {"as_of": "2024-04-20", "event_date": "2024-03-04"}
    second = load(
        db,
        tmp_path,
        "jmac_april.csv",
        line(RIFLE, **later, serial_number="AK-12 354"),
        line(AMMO, **later),  # the ammunition line restated: it carries the event's version
    )
    assert (second.rows_loaded, second.rows_rejected) == (2, 0)
    assert query(db, EVENTS) == [
        (dt.date(2024, 3, 5), 1, dt.date(2024, 3, 5), None, "jmac_march.csv", 2),
        (dt.date(2024, 3, 4), 2, dt.date(2024, 4, 20), None, "jmac_april.csv", 2),
    ]
    assert query(db, ITEMS) == [
        ("1", "AK-12 345", 1, dt.date(2024, 3, 5), "jmac_march.csv", 2),
        ("1", "AK-12 354", 2, dt.date(2024, 4, 20), "jmac_april.csv", 2),
        ("2", None, 1, dt.date(2024, 3, 5), "jmac_march.csv", 3),
    ]
    # the line keeps its identity; the physical item is the corrected serial's
    [(same_line, uid_after)] = query(
        db, "SELECT item_line_uid, item_uid FROM seizure_items WHERE item_id = '1'"
    )
    assert same_line == line_uid
    assert uid_after == seizures.item_uid("AK12354", "Izhmash", "AKM") != uid_before
    # the pages read the current versions; the stored tables follow
    assert query(
        db,
        "SELECT serial_normalized, event_date, classification FROM seizure_item_facts_stored "
        "ORDER BY ALL",
    ) == [
        ("AK12354", dt.date(2024, 3, 4), "restricted"),
        (None, dt.date(2024, 3, 4), "restricted"),
    ]
    assert query(
        db, "SELECT count(*) FROM seizure_item_facts_stored WHERE serial_normalized = 'AK12345'"
    ) == [(0,)]
    derived_tables_hold(db)
    # the earlier versions say when and by which load they were replaced
    [(april_load,)] = query(db, "SELECT load_id FROM load_log WHERE file_name = 'jmac_april.csv'")
    assert query(
        db,
        "SELECT superseded_by_load_id FROM seizure_event_earlier_versions "
        "UNION ALL SELECT superseded_by_load_id FROM seizure_item_earlier_versions",
    ) == [(april_load,), (april_load,)]

    # as known on a day between the two loads: the first versions
    con = connect_read_only(db)
    try:
        con.execute("SET VARIABLE known_on = DATE '2026-01-20'")
        assert con.execute("SELECT event_date, version FROM seizure_events_known").fetchall() == [
            (dt.date(2024, 3, 5), 1)
        ]
        assert con.execute(
            "SELECT serial_number, version FROM seizure_items_known WHERE item_id = '1'"
        ).fetchall() == [("AK-12 345", 1)]
        con.execute("SET VARIABLE known_on = DATE '2026-01-09'")
        assert con.execute("SELECT count(*) FROM seizure_events_known").fetchall() == [(0,)]
        con.execute("RESET VARIABLE known_on")
        assert con.execute("SELECT event_date, version FROM seizure_events_known").fetchall() == [
            (dt.date(2024, 3, 4), 2)
        ]
    finally:
        con.close()

    # a rebuild replays both files at their first load times: the same versions, known alike
    before = query(db, EVENTS), query(db, ITEMS), query(db, SUPERSEDED)
    load_on("2026-12-06")
    build_warehouse(db)
    assert (query(db, EVENTS), query(db, ITEMS), query(db, SUPERSEDED)) == before


SUPERSEDED = (
    "SELECT superseded_at, recorded_at FROM seizure_event_versions "
    "UNION ALL SELECT superseded_at, recorded_at FROM seizure_item_versions ORDER BY ALL"
)


def test_stale_same_date_and_conflicting_versions_are_refused(db, tmp_path):
    load(db, tmp_path, "jmac_march.csv", line(RIFLE), line(AMMO))
    april = {"as_of": "2024-04-20", "event_date": "2024-03-04"}
    load(db, tmp_path, "jmac_april.csv", line(RIFLE, **april, serial_number="AK-12 354"))
    # files standing on an earlier date than the versions loaded
    load(db, tmp_path, "jmac_draft.csv", line(AMMO, as_of="2024-04-01", event_date="2024-03-06"))
    assert rejects_of(db, "jmac_draft.csv") == [
        (
            2,
            "as_of",
            "2024-04-01",
            f"event E-1 of {ENTITY} in jmac_draft.csv as of 2024-04-01 is older than the "
            "version in the warehouse (jmac_april.csv row 2, as of 2024-04-20): a stale file is "
            "not loaded over a newer one",
        )
    ]
    stale = load(
        db,
        tmp_path,
        "jmac_item_draft.csv",
        line(RIFLE, as_of="2024-04-01", event_date="2024-03-04", serial_number="AK-12 999"),
    )
    assert (stale.rows_loaded, stale.rows_rejected) == (0, 1)
    assert rejects_of(db, "jmac_item_draft.csv") == [
        (
            2,
            "as_of",
            "2024-04-01",
            "item_id 1 of event E-1 in jmac_item_draft.csv as of 2024-04-01 is older than the "
            "version in the warehouse (jmac_april.csv row 2, as of 2024-04-20): a stale file is "
            "not loaded over a newer one",
        )
    ]
    rifle_now = line(RIFLE, event_date="2024-03-04")
    # the same date with other values and no correction; then with the reason
    same_day = line(rifle_now, as_of="2024-04-20", serial_number="AK-12 355")
    refused = load(db, tmp_path, "jmac_april_again.csv", same_day)
    assert rejects_of(db, "jmac_april_again.csv") == [
        (
            2,
            "as_of",
            "2024-04-20",
            "item_id 1 of event E-1 is already in the warehouse as of the same date "
            "(jmac_april.csv row 2, as of 2024-04-20) with other values (serial_number): give a "
            "later as_of, or the reason in the correction column when this row corrects it",
        )
    ]
    assert refused.rows_loaded == 0
    corrected = load(
        db,
        tmp_path,
        "jmac_correction.csv",
        line(rifle_now, serial_number="AK-12 355", correction="serial misread on the photograph"),
    )
    assert (corrected.rows_loaded, corrected.rows_rejected) == (1, 0)
    assert query(
        db,
        "SELECT serial_number, version, as_of, correction FROM seizure_items WHERE item_id = '1'",
    ) == [("AK-12 355", 3, dt.date(2024, 4, 20), "serial misread on the photograph")]

    # two lines of one item in one file that disagree: each refused
    conflicting = load(
        db,
        tmp_path,
        "jmac_may.csv",
        line(rifle_now, as_of="2024-05-01", serial_number="AK-12 356"),
        line(rifle_now, as_of="2024-05-01", serial_number="AK-12 357"),
    )
    reason = (
        "item_id 1 of event E-1 is in rows 2, 3 of this file with different values "
        "(serial_number): conflicting versions in one file are not loaded; give one line per "
        "item, each version in a file of its own date"
    )
    assert (conflicting.rows_loaded, conflicting.rows_rejected) == (0, 2)
    assert rejects_of(db, "jmac_may.csv") == [
        (2, "item_id", "1", reason),
        (3, "item_id", "1", reason),
    ]
    assert query(db, "SELECT serial_number, version FROM seizure_items WHERE item_id = '1'") == [
        ("AK-12 355", 3)
    ]
    # two lines of the stored event in one file giving it different versions: each refused
    load(
        db,
        tmp_path,
        "jmac_may_event.csv",
        line(rifle_now, as_of="2024-05-01", event_date="2024-03-02"),
        line(AMMO, as_of="2024-05-01", event_date="2024-03-03"),
    )
    reason = (
        f"event E-1 of {ENTITY} is in rows 2, 3 of this file with different values (event_date): "
        "conflicting versions in one file are not loaded; give the event's columns alike on each "
        "of its lines, each version in a file of its own date"
    )
    assert rejects_of(db, "jmac_may_event.csv") == [
        (2, "event_id", "E-1", reason),
        (3, "event_id", "E-1", reason),
    ]
    # without as_of or a correction, another value is refused as before, saying how to revise
    plain = load(db, tmp_path, "jmac_plain.csv", line(rifle_now, serial_number="AK-12 358"))
    assert rejects_of(db, "jmac_plain.csv") == [
        (
            2,
            "item_id",
            "1",
            "item_id 1 of event E-1 is already in the warehouse (jmac_correction.csv row 2, as of "
            "2024-04-20) with other values (serial_number): give a later as_of, or the reason in "
            "the correction column when this line is a new version of it",
        )
    ]
    assert plain.rows_loaded == 0
    derived_tables_hold(db)


def test_a_line_of_another_classification_makes_no_version(db, tmp_path):
    load(db, tmp_path, "jmac_march.csv", line(RIFLE))
    later = {"as_of": "2024-04-20", "event_date": "2024-03-04"}
    # more sensitive: refused, quoting nothing stored
    load(db, tmp_path, "secret.csv", line(RIFLE, **later, classification="confidential"))
    assert rejects_of(db, "secret.csv") == [
        (
            2,
            "classification",
            None,
            f"event E-1 of {ENTITY} is already in the warehouse with another classification: a "
            "new version keeps the classification of the record it revises, so this line is not "
            "loaded (whoever holds the record can revise it)",
        )
    ]
    # less sensitive: the one reject that says nothing of the event
    load(db, tmp_path, "public.csv", line(RIFLE, **later, classification="public"))
    assert rejects_of(db, "public.csv") == [
        (
            2,
            "event_id",
            "E-1",
            f"event E-1 of {ENTITY} conflicts with a record of a higher classification than this "
            "line (public): a line adds to a stored event only at the event's classification or "
            "above",
        )
    ]
    assert query(db, EVENTS) == [
        (dt.date(2024, 3, 5), 1, dt.date(2024, 3, 5), None, "jmac_march.csv", 2)
    ]
    assert query(db, "SELECT count(*) FROM seizure_item_earlier_versions") == [(0,)]


def test_a_serial_corrected_without_item_id_is_refused_naming_the_corrections_way(
    db, tmp_path, load_on
):
    """Without item_id nothing says which stored line a line revises: a later file that gives
    the event's lines again, one of them differing from a stored line in its serial only, has
    that line refused (not loaded as a second item) with the way to correct it; a file that
    gives the event more lines than are stored loads them as new items."""
    rifle, ammo = line(RIFLE, item_id=""), line(AMMO, item_id="")
    load_on("2026-01-10")
    first = load(db, tmp_path, "jmac_march.csv", rifle, ammo)
    assert (first.rows_loaded, first.rows_rejected) == (2, 0)
    [(rifle_uid,)] = query(
        db, "SELECT item_line_uid FROM seizure_items WHERE serial_normalized = 'AK12345'"
    )

    load_on("2026-02-10")
    later = {"as_of": "2024-04-20", "event_date": "2024-03-04"}
    second = load(
        db,
        tmp_path,
        "jmac_april.csv",
        line(rifle, **later, serial_number="AK-12 354"),
        line(ammo, **later),
    )
    assert (second.rows_loaded, second.rows_rejected) == (1, 1)
    assert rejects_of(db, "jmac_april.csv") == [
        (
            2,
            "serial_number",
            "AK-12 354",
            f"this line of event E-1 is item line {rifle_uid} (jmac_march.csv row 2) but for its "
            "serial_number (stored AK-12 345, here AK-12 354), and the file gives the event as "
            "many lines as are stored: a corrected serial is not loaded as a new item. Give the "
            "line an item_id in both files, or correct the stored line with the corrections "
            f"format (record_kind seizure_item, record_key {rifle_uid}, field serial_number, "
            "new_value AK-12 354)",
        )
    ]
    # the event got its new version; the item lines are the two stored
    assert query(db, "SELECT serial_number FROM seizure_items ORDER BY ALL") == [
        ("AK-12 345",),
        (None,),
    ]
    derived_tables_hold(db)

    # a file that gives the event one more line: no line is taken for a corrected one
    load_on("2026-03-10")
    pistol = line(rifle, weapon_category="pistol", model="TT-33", serial_number="TT-1")
    more = {"as_of": "2024-05-20", "event_date": "2024-03-03"}
    third = load(
        db,
        tmp_path,
        "jmac_may.csv",
        line(rifle, **more, serial_number="AK-12 354"),
        line(ammo, **more),
        line(pistol, **more),
    )
    assert (third.rows_loaded, third.rows_rejected) == (3, 0)
    assert query(db, "SELECT serial_number FROM seizure_items ORDER BY ALL") == [
        ("AK-12 345",),
        ("AK-12 354",),
        ("TT-1",),
        (None,),
    ]
