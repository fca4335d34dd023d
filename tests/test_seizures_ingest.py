"""Seizure documentation files (format seizures) through the real path: build a warehouse,
`ingest_files`, then exact rows in seizure_events, seizure_items, rejects, load_log, raw_seizures
and the view documented_items. Each validation rule has a fixture row that breaks it; events
spanning lines, partial dates, XLSX typed cells, re-loading and re-saving a file, lines added to
an event from another file, and one item reported by two entities are covered."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from pathlib import Path

import pytest
from support import log_of, query, rejects_of, unknown_name, write_csv, write_xlsx

from embargo.warehouse import connect_read_only, run_checks
from ingest.build import build_warehouse
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.sources import seizures as seizure_format
from ingest.sources.seizures import item_uid, normalize_serial
from ingest.sources.seizures.delivered import delivered_rows

NEXT_YEAR = dt.date.today().year + 1
DATE_HELP = "(YYYY-MM-DD, or YYYY-MM / YYYY with date_precision month / year)"
SAME_EVENT = "the event columns must be the same on every line of an event"

HEADER = list(seizure_format.FORMAT.header)

# A valid rifle line of event E-1 of the JMAC; each fixture line changes what it tests.
BASE = {
    "event_id": "E-1",
    "event_date": "2024-03-05",
    "date_precision": "day",
    "country_iso3": "Mali",
    "admin1": "Gao",
    "location_name": "Ansongo",
    "latitude": "15.6597",
    "longitude": "0.5022",
    "location_precision": "exact",
    "context": "seizure",
    "seized_from": "armed group",
    "actor_type": "non_state_armed_group",
    "reporting_entity": "JMAC MINUSMA",
    "source_document": "S/2024/123",
    "source_paragraph": "45",
    "item_kind": "weapon",
    "weapon_category": "assault_rifle",
    "manufacturer": "Izhmash",
    "model": "AKM",
    "calibre": "7.62 x 39 mm",
    "serial_number": "AK-12 345",
    "country_of_manufacture": "Soviet Union",
    "year_of_manufacture": "1975",
    "quantity": "1",
    "unit": "items",
}
AMMO = {
    "item_kind": "ammunition",
    "weapon_category": "",
    "manufacturer": "",
    "model": "",
    "serial_number": "",
    "country_of_manufacture": "BGR",
    "year_of_manufacture": "",
    "headstamp_factory": "10",
    "headstamp_year": "1984",
    "quantity": "240",
    "unit": "rounds",
}


def ammo(**changes: str) -> dict[str, str]:
    return {**AMMO, **changes}


def line(**changes: str) -> dict[str, str]:
    return {**BASE, **changes}


def bad(**changes: str) -> dict[str, str]:
    """A line of its own event E-9 (so it does not disagree with E-1) that breaks one rule."""
    return {**BASE, "event_id": "E-9", "serial_number": "", **changes}


# Row 1 is the header; the comment after each line gives its row number and what it tests.
LINES = [
    line(),  # 2 rifle, event E-1 (country by name, former country of manufacture)
    line(**AMMO, classification="Confidential", verification="probable"),  # 3 same event
    line(**ammo(headstamp_year="1985"), country_iso3="MLI", admin1="", notes="box 2"),  # 4
    line(event_id="E-2", event_date="2023-07", date_precision="month", latitude="", longitude="",
         location_precision="admin1", item_kind="Part", weapon_category="", serial_number="",
         manufacturer="", model="", calibre="", country_of_manufacture="", year_of_manufacture="",
         markings="barrel, no marks", quantity="3"),  # 5 month precision, vocabulary case
    line(event_id="E-3", event_date="2022-01-01", date_precision="year", context="Cache",
         latitude="", longitude="", location_precision="", item_kind="explosive",
         weapon_category="", serial_number="", manufacturer="", model="", calibre="",
         country_of_manufacture="", year_of_manufacture="", quantity="2.5", unit="kg",
         lot_number="L-77"),  # 6 year precision as Excel's 1 January, kg
    bad(event_id=""),  # 7 required value missing
    bad(event_date="2024-13-01"),  # 8 not a date
    bad(event_date=f"{NEXT_YEAR}-01-01"),  # 9 in the future
    bad(date_precision="week"),  # 10 precision vocabulary
    bad(event_date="2024-03-15", date_precision="month"),  # 11 day given for a month
    bad(event_date="2024-03"),  # 12 month given for a day
    bad(country_iso3="Narnia"),  # 13 unknown country
    bad(country_iso3="Soviet Union"),  # 14 former country where materiel was found
    bad(country_iso3="Amal (Lebanon)*"),  # 15 not a country
    bad(latitude="15,66"),  # 16 decimal comma
    bad(latitude="95"),  # 17 out of range
    bad(longitude=""),  # 18 latitude without longitude
    bad(latitude="0", longitude="0"),  # 19 null island
    bad(latitude="", longitude=""),  # 20 exact location without coordinates
    bad(location_precision="precise"),  # 21 location_precision vocabulary
    bad(context="raid"),  # 22 context vocabulary
    bad(actor_type="rebels"),  # 23 actor_type vocabulary
    bad(reporting_entity=" "),  # 24 reporting entity missing
    bad(item_kind="vehicle"),  # 25 item_kind vocabulary
    bad(weapon_category=""),  # 26 weapon without category
    bad(weapon_category="carbine"),  # 27 weapon_category vocabulary
    bad(serial_number="obliterated"),  # 28 placeholder instead of a serial
    bad(serial_number="--"),  # 29 serial without letters or digits
    bad(country_of_manufacture="XYZ"),  # 30 unknown country of manufacture
    bad(year_of_manufacture=str(NEXT_YEAR)),  # 31 made in the future
    bad(year_of_manufacture="19x5"),  # 32 not a year
    bad(**ammo(headstamp_year=str(NEXT_YEAR))),  # 33 headstamp in the future
    bad(**ammo(headstamp_year="84")),  # 34 two-digit headstamp year
    bad(headstamp_factory="10"),  # 35 headstamp on a weapon
    bad(**ammo(headstamp_factory="", headstamp_year="")),  # 36 unmarked, not said
    bad(quantity="0"),  # 37 quantity not positive
    bad(quantity="1,000"),  # 38 thousands separator
    bad(**ammo(quantity="2.5")),  # 39 half a round
    bad(unit="boxes"),  # 40 unit vocabulary
    bad(unit="kg"),  # 41 weapon not counted in items
    bad(serial_number="AK-777", quantity="2"),  # 42 serialised line of two items
    bad(event_date="1970-05-01", year_of_manufacture="1975"),  # 43 made after it was found
    bad(classification="secret"),  # 44 classification vocabulary
    bad(verification="maybe"),  # 45 verification vocabulary
    line(context="recovery", serial_number="AK-2"),  # 46 disagrees with E-1 on context
    line(admin1="Kidal", latitude="15.7", serial_number="AK-3"),  # 47 two event columns
    line(serial_number="ak12345", notes="same rifle again"),  # 48 same item twice in E-1
    bad(quantity="", unit=""),  # 49 two required values missing
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seizures") / "w.duckdb"
    build_warehouse(path)
    return path


def events_of(db: Path, file_name: str) -> list[tuple]:
    return query(
        db,
        "SELECT source_row_number, event_uid, event_id, reporting_entity, event_date, "
        "date_precision, country_iso3, admin1, location_name, latitude, longitude, "
        "location_precision, context, seized_from, actor_type, source_document, "
        "source_paragraph, classification FROM seizure_events WHERE file_name = ? "
        "ORDER BY source_row_number",
        [file_name],
    )


def items_of(db: Path, file_name: str) -> list[tuple]:
    return query(
        db,
        "SELECT source_row_number, event_uid, item_kind, weapon_category, manufacturer, model, "
        "serial_number, serial_normalized, markings, country_of_manufacture, "
        "year_of_manufacture, headstamp_factory, headstamp_year, lot_number, quantity, unit, "
        "classification, verification, notes FROM seizure_items WHERE file_name = ? "
        "ORDER BY source_row_number",
        [file_name],
    )


def counts(db: Path) -> tuple:
    return query(
        db,
        "SELECT (SELECT count(*) FROM seizure_events), (SELECT count(*) FROM seizure_items), "
        "(SELECT count(*) FROM rejects), (SELECT count(*) FROM load_log), "
        "(SELECT count(*) FROM raw_seizures)",
    )[0]


def test_seizures_csv_events_items_rejects_and_log(db, tmp_path):
    path = write_csv(tmp_path / "jmac_2024.csv", HEADER, LINES)
    [report] = ingest_files(db, [path])
    assert (report.format, report.status, report.rows_read, report.rows_loaded) == (
        "seizures",
        "loaded",
        48,
        5,
    )
    assert report.rows_rejected == 43
    assert log_of(db, path.name) == [
        ("field_documentation", "seizures", "seizure_items", 48, 5, 43)
    ]
    e1 = "JMAC MINUSMA:E-1"
    assert events_of(db, path.name) == [
        (2, e1, "E-1", "JMAC MINUSMA", dt.date(2024, 3, 5), "day", "MLI", "Gao", "Ansongo",
         15.6597, 0.5022, "exact", "seizure", "armed group", "non_state_armed_group",
         "S/2024/123", "45", "confidential"),
        (5, "JMAC MINUSMA:E-2", "E-2", "JMAC MINUSMA", dt.date(2023, 7, 1), "month", "MLI",
         "Gao", "Ansongo", None, None, "admin1", "seizure", "armed group",
         "non_state_armed_group", "S/2024/123", "45", "restricted"),
        (6, "JMAC MINUSMA:E-3", "E-3", "JMAC MINUSMA", dt.date(2022, 1, 1), "year", "MLI",
         "Gao", "Ansongo", None, None, None, "cache", "armed group", "non_state_armed_group",
         "S/2024/123", "45", "restricted"),
    ]  # fmt: skip
    assert items_of(db, path.name) == [
        (2, e1, "weapon", "assault_rifle", "Izhmash", "AKM", "AK-12 345", "AK12345", None, "SUN",
         1975, None, None, None, 1.0, "items", "restricted", "unverified", None),
        (3, e1, "ammunition", None, None, None, None, None, None, "BGR", None, "10", 1984, None,
         240.0, "rounds", "confidential", "probable", None),
        (4, e1, "ammunition", None, None, None, None, None, None, "BGR", None, "10", 1985, None,
         240.0, "rounds", "restricted", "unverified", "box 2"),
        (5, "JMAC MINUSMA:E-2", "part", None, None, None, None, None, "barrel, no marks", None,
         None, None, None, None, 3.0, "items", "restricted", "unverified", None),
        (6, "JMAC MINUSMA:E-3", "explosive", None, None, None, None, None, None, None, None,
         None, None, "L-77", 2.5, "kg", "restricted", "unverified", None),
    ]  # fmt: skip
    assert rejects_of(db, path.name) == [
        (7, "event_id", "", "a value is required"),
        (8, "event_date", "2024-13-01", f"event_date 2024-13-01 is not a date {DATE_HELP}"),
        (9, "event_date", f"{NEXT_YEAR}-01-01", f"event_date {NEXT_YEAR}-01-01 is in the future"),
        (10, "date_precision", "week", "date_precision must be day, month or year"),
        (11, "event_date", "2024-03-15",
         "event_date 2024-03-15 is more precise than date_precision month: write YYYY-MM-DD "
         "for day, YYYY-MM for month, YYYY for year, or change date_precision"),
        (12, "event_date", "2024-03",
         "event_date 2024-03 is less precise than date_precision day: write YYYY-MM-DD for "
         "day, YYYY-MM for month, YYYY for year, or change date_precision"),
        (13, "country_iso3", "Narnia", unknown_name("Narnia", "country_iso3")),
        (14, "country_iso3", "Soviet Union",
         "country_iso3 'Soviet Union' is a former country (SUN): give the present-day country"),
        (15, "country_iso3", "Amal (Lebanon)*",
         "country_iso3 'Amal (Lebanon)*' names a non-state actor, not a country"),
        (16, "latitude", "15,66",
         "latitude '15,66' is not a decimal number of degrees: WGS84 decimal degrees with '.' "
         "for decimals, e.g. 16.2719 (not degrees-minutes-seconds)"),
        (17, "latitude", "95", "latitude 95 is outside -90 to 90 degrees"),
        (18, "latitude", "15.6597", "latitude given without longitude: give both or neither"),
        (19, "latitude", "0",
         "latitude 0 and longitude 0 is a placeholder, not a place in the Gulf of Guinea: "
         "leave both empty when the coordinates are unknown"),
        (20, "location_precision", "exact",
         "location_precision exact needs latitude and longitude"),
        (21, "location_precision", "precise",
         "location_precision must be exact, approximate, admin1 or country"),
        (22, "context", "raid",
         "context must be seizure, recovery, cache, ddr_collection, surrender, "
         "battlefield_capture or border_interdiction"),
        (23, "actor_type", "rebels",
         "actor_type must be state_forces, non_state_armed_group, criminal, civilian or "
         "unknown"),
        (24, "reporting_entity", "", "a value is required"),
        (25, "item_kind", "vehicle",
         "item_kind must be weapon, ammunition, part, explosive or other"),
        (26, "weapon_category", "", "weapon_category is required for item_kind weapon"),
        (27, "weapon_category", "carbine",
         "weapon_category must be pistol, rifle, assault_rifle, submachine_gun, "
         "light_machine_gun, general_purpose_machine_gun, heavy_machine_gun, grenade_launcher, "
         "rpg_launcher, recoilless_rifle, mortar, atgm, manpads, rocket_launcher or other"),
        (28, "serial_number", "obliterated",
         "serial_number 'obliterated' is not a serial number: leave serial_number empty and "
         "describe the marking (obliterated, removed, ...) in markings or notes"),
        (29, "serial_number", "--", "serial_number '--' has no letters or digits"),
        (30, "country_of_manufacture", "XYZ", unknown_name("XYZ", "country_of_manufacture")),
        (31, "year_of_manufacture", str(NEXT_YEAR),
         f"year_of_manufacture {NEXT_YEAR} is in the future"),
        (32, "year_of_manufacture", "19x5", "year_of_manufacture '19x5' is not a four-digit year"),
        (33, "headstamp_year", str(NEXT_YEAR), f"headstamp_year {NEXT_YEAR} is in the future"),
        (34, "headstamp_year", "84",
         "headstamp_year 84 is not a four-digit year: the century cannot be told from two "
         "digits; write the full year only if you know it, and the mark as written in markings"),
        (35, "headstamp_factory", "10",
         "headstamp_factory is only for item_kind ammunition (the marks on a cartridge base): "
         "put the marks of a weapon in markings"),
        (36, "headstamp_factory", "",
         "ammunition needs headstamp_factory, headstamp_year or lot_number as marked; if it "
         "bears no marks, write 'unmarked' in markings"),
        (37, "quantity", "0", "quantity must be positive"),
        (38, "quantity", "1,000",
         "quantity '1,000' is not a number: write digits with '.' for decimals and no "
         "thousands separators or units"),
        (39, "quantity", "2.5",
         "quantity 2.5 rounds is not a whole number: only kg may have decimals"),
        (40, "unit", "boxes", "unit must be items, rounds or kg"),
        (41, "unit", "kg",
         "unit kg does not count weapons: unit must be items for item_kind weapon"),
        (42, "quantity", "2",
         "a line with a serial_number is one item: quantity must be 1 and unit items (write "
         "one line per serialised item)"),
        (43, "year_of_manufacture", "1975",
         "year_of_manufacture 1975 is after the event_date 1970-05-01: an item cannot be made "
         "after it was found"),
        (44, "classification", "secret",
         "classification must be public, restricted, confidential or strictly_confidential"),
        (45, "verification", "maybe", "verification must be confirmed, probable or unverified"),
        (46, "context", "recovery",
         f"context recovery differs from seizure given for event E-1 of JMAC MINUSMA on row 2: "
         f"{SAME_EVENT}"),
        (47, "admin1", "Kidal",
         f"admin1 Kidal differs from Gao given for event E-1 of JMAC MINUSMA on row 2: "
         f"{SAME_EVENT}"),
        (47, "latitude", "15.7",
         f"latitude 15.7 differs from 15.6597 given for event E-1 of JMAC MINUSMA on row 2: "
         f"{SAME_EVENT}"),
        (48, "serial_number", "ak12345",
         "the same item (serial AK12345, Izhmash AKM) is already recorded for event E-1 on row "
         "2: an item is recorded once per event"),
        (49, "quantity", "", "a value is required"),
        (49, "unit", "", "a value is required"),
    ]  # fmt: skip


def test_item_and_line_identities(db, tmp_path):
    rows = [
        line(event_id="ID-1", serial_number="AK-12 345"),
        line(event_id="ID-1", **AMMO),
        line(event_id="ID-1", **AMMO),  # the same line again: a second, distinct line id
    ]
    path = write_csv(tmp_path / "ids.csv", HEADER, rows)
    ingest_files(db, [path])
    got = query(
        db,
        "SELECT source_row_number, item_line_uid, item_uid FROM seizure_items "
        "WHERE file_name = ? ORDER BY source_row_number",
        [path.name],
    )
    (_, rifle_line, rifle), (_, ammo_line, no_uid), (_, again_line, _) = got
    assert normalize_serial("ak-12/34.5 ") == "AK12345"
    assert rifle == item_uid("AK12345", "IZHMASH", "A.K.M") == item_uid("AK12345", "Izhmash", "AKM")
    assert len(rifle) == 16 and no_uid is None
    assert rifle_line.startswith("JMAC MINUSMA:ID-1:") and len(rifle_line.split(":")[2]) == 12
    assert again_line == ammo_line + "-2"


def test_rejected_rows_kept_and_accepted_rows_read_from_the_kept_file(db, tmp_path):
    """The raw table keeps the rejected rows; an accepted row, as delivered, is read from the
    file the raw store keeps, by its load and row number."""
    rows = [
        {**line(event_id="RAW-1"), "officer": "Lt. Diallo"},
        bad(event_id="RAW-2", unit="crates"),
    ]
    path = write_csv(tmp_path / "raw.csv", [*HEADER, "officer"], rows)
    [report] = ingest_files(db, [path])
    assert query(
        db,
        "SELECT source_row_number, event_id, serial_number, unit, extra_columns, loaded "
        "FROM raw_seizures WHERE file_name = ? ORDER BY source_row_number",
        [path.name],
    ) == [(3, "RAW-2", "", "crates", None, False)]
    [(row_number,)] = query(
        db, "SELECT source_row_number FROM seizure_items WHERE load_id = ?", [report.load_id]
    )
    con = connect_read_only(db)
    try:
        delivered = delivered_rows(con, db.parent / "raw", report.load_id, [row_number, 3])
    finally:
        con.close()
    assert [
        (
            row["source_row_number"],
            row["event_id"],
            row["serial_number"],
            row["unit"],
            row["extra_columns"],
            row["file_name"],
        )
        for row in delivered
    ] == [
        (2, "RAW-1", "AK-12 345", "items", '{"officer": "Lt. Diallo"}', "raw.csv"),
        (3, "RAW-2", "", "crates", None, "raw.csv"),
    ]


def test_accepted_rows_of_stored_events_are_kept_with_their_level(db, tmp_path):
    """A line added to an event stored before the load is kept in the raw table as delivered
    (loaded): such lines may revise or restate a stored record without writing their own
    level anywhere, and the load's classification counts it."""
    first = write_csv(tmp_path / "kept_1.csv", HEADER, [line(event_id="RAW-3")])
    second = write_csv(
        tmp_path / "kept_2.csv",
        HEADER,
        [
            line(event_id="RAW-3", serial_number="AK-99 001", classification="confidential"),
            line(event_id="RAW-4", serial_number="AK-99 002"),
        ],
    )
    [first_report, second_report] = ingest_files(db, [first, second])
    assert first_report.rows_loaded == 1
    assert (second_report.rows_loaded, second_report.rows_rejected) == (2, 0)
    assert query(
        db,
        "SELECT file_name, source_row_number, event_id, classification, loaded FROM raw_seizures "
        "WHERE file_name IN (?, ?) ORDER BY ALL",
        [first.name, second.name],
    ) == [("kept_2.csv", 2, "RAW-3", "confidential", True)]
    assert query(
        db,
        "SELECT classification FROM load_classification_stored WHERE load_id = ?",
        [second_report.load_id],
    ) == [("confidential",)]


def test_xlsx_typed_cells_named_sheet_and_row_numbers(db, tmp_path):
    rows = [
        HEADER,
        # a date cell for a month (Excel stores 2024-03 as 2024-03-01), float coordinates, ints
        ["X-1", dt.datetime(2024, 3, 1), "month", "NER", None, "Agadez", 16.9742, 7.9865,
         "approximate", "border_interdiction", None, None, "Panel of Experts", None, None,
         "weapon", "rpg_launcher", None, "RPG-7", None, 123456, None, "RUS", 2001, None, None,
         None, 1, "items", "public", "confirmed", None],
        [],
        ["X-1", dt.datetime(2024, 3, 1), "month", "Niger", None, "Agadez", 16.9742, 7.9865,
         "approximate", "border_interdiction", None, None, "Panel of Experts", None, None,
         "ammunition", None, None, None, None, None, "unmarked", None, None, None, None, None,
         40, "rounds", None, None, None],
        ["X-2", "2024-02-30", "day", "NER", None, None, None, None, None, "seizure", None, None,
         "Panel of Experts", None, None, "other", None, None, None, None, None, None, None,
         None, None, None, None, 1, "items", None, None, None],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "panel.xlsx", {"Read me": [["notes"]], "Seizures": rows})
    assert detect_format(path) == "seizures"
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (3, 2, 1)
    assert events_of(db, path.name) == [
        (2, "Panel of Experts:X-1", "X-1", "Panel of Experts", dt.date(2024, 3, 1), "month",
         "NER", None, "Agadez", 16.9742, 7.9865, "approximate", "border_interdiction", None,
         None, None, None, "restricted"),
    ]  # fmt: skip
    assert [row[:2] + row[5:8] + row[14:18] for row in items_of(db, path.name)] == [
        (2, "Panel of Experts:X-1", "RPG-7", "123456", "123456", 1.0, "items", "public",
         "confirmed"),
        (4, "Panel of Experts:X-1", None, None, None, 40.0, "rounds", "restricted",
         "unverified"),
    ]  # fmt: skip
    assert rejects_of(db, path.name) == [
        (5, "event_date", "2024-02-30", f"event_date 2024-02-30 is not a date {DATE_HELP}"),
    ]


def test_reloading_or_resaving_a_file_changes_nothing(db, tmp_path):
    rows = [
        line(event_id="R-1", serial_number="R-100"),
        line(event_id="R-1", **AMMO),
        line(event_id="R-2", serial_number="", weapon_category="pistol", model="TT-33"),
    ]
    path = write_csv(tmp_path / "resave.csv", HEADER, rows)
    [first] = ingest_files(db, [path])
    before = counts(db)
    [again] = ingest_files(db, [path])
    assert (first.status, again.status, again.load_id) == (
        "loaded",
        "already_loaded",
        first.load_id,
    )
    assert counts(db) == before

    # the same records re-saved as a workbook, in another order, with other spellings
    resaved = [
        HEADER,
        *[
            [row.get(name, "") for name in HEADER]
            for row in (
                rows[2],
                {**rows[1], "country_iso3": "MLI", "unit": "Rounds", "notes": "re-typed"},
                {**rows[0], "serial_number": "r100", "verification": "confirmed"},
            )
        ],
    ]
    xlsx = write_xlsx(tmp_path / "resave.xlsx", {"seizures": resaved})
    [report] = ingest_files(db, [xlsx])
    assert (report.status, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "loaded",
        3,
        0,
        3,
    )
    already = "the same item line is already in the warehouse (from resave.csv row {}): not "
    assert rejects_of(db, xlsx.name) == [
        (2, None, None, already.format(4) + "loaded twice"),
        (3, None, None, already.format(3) + "loaded twice"),
        (4, None, None, already.format(2) + "loaded twice"),
    ]
    events, items, rejects, logs, raw = counts(db)
    assert (events, items, rejects, logs, raw) == (
        before[0],
        before[1],
        before[2] + 3,
        before[3] + 1,
        before[4] + 3,
    )


def test_lines_added_to_an_event_from_another_file(db, tmp_path):
    first = write_csv(
        tmp_path / "add_1.csv", HEADER, [line(event_id="A-1", admin1="", serial_number="A-1-1")]
    )
    ingest_files(db, [first])
    later = [
        line(event_id="A-1", serial_number="A-1-2", classification="strictly_confidential"),
        line(event_id="A-1", serial_number="A-1-3", location_name="Menaka"),
        line(event_id="A-1", serial_number="a11", year_of_manufacture="1976"),  # re-read
    ]
    second = write_csv(tmp_path / "add_2.csv", HEADER, later)
    [report] = ingest_files(db, [second])
    assert (report.rows_loaded, report.rows_rejected) == (1, 2)
    assert rejects_of(db, second.name) == [
        (3, "location_name", "Menaka",
         "location_name Menaka differs from Ansongo given for event A-1 of JMAC MINUSMA on "
         f"add_1.csv row 2 (already in the warehouse): {SAME_EVENT}"),
        (4, "serial_number", "a11",
         "the same item (serial A11, Izhmash AKM) is already recorded for event A-1 on "
         "add_1.csv row 2: an item is recorded once per event"),
    ]  # fmt: skip
    # the event keeps its first file and row; the strictly confidential line is added to it but
    # changes nothing of it (a load never changes a record of another classification): neither
    # the admin1 it lacked nor its classification (the line's facts take the higher level)
    assert query(
        db,
        "SELECT file_name, source_row_number, admin1, classification, "
        "(SELECT count(*) FROM seizure_items WHERE event_uid = e.event_uid) "
        "FROM seizure_events AS e WHERE event_uid = 'JMAC MINUSMA:A-1'",
    ) == [("add_1.csv", 2, None, "restricted", 2)]
    assert query(
        db,
        "SELECT serial_normalized, classification FROM seizure_item_facts "
        "WHERE event_uid = 'JMAC MINUSMA:A-1' ORDER BY 1",
    ) == [("A11", "restricted"), ("A12", "strictly_confidential")]


def test_same_item_from_two_entities_is_one_documented_item(db, tmp_path):
    jmac = write_csv(
        tmp_path / "jmac_gao.csv",
        HEADER,
        [line(event_id="G-1", event_date="2023-11-02", serial_number="AK-12 345 X")],
    )
    panel = write_csv(
        tmp_path / "panel_annex.csv",
        HEADER,
        [
            line(
                event_id="annex-12/4",
                event_date="2024-06",
                date_precision="month",
                country_iso3="Niger",
                latitude="",
                longitude="",
                location_precision="country",
                reporting_entity="Panel of Experts on Mali",
                manufacturer="IZHMASH",
                model="akm",
                serial_number="ak12345x",
                country_of_manufacture="",
                year_of_manufacture="",
                classification="confidential",
            )
        ],
    )
    reports = ingest_files(db, [jmac, panel])
    assert [(r.rows_loaded, r.rows_rejected) for r in reports] == [(1, 0), (1, 0)]
    lines = query(
        db,
        "SELECT item_line_uid, item_uid FROM seizure_items WHERE serial_normalized = 'AK12345X' "
        "ORDER BY file_name",  # jmac_gao.csv (2023) before panel_annex.csv (2024)
    )
    assert len(lines) == 2 and lines[0][1] == lines[1][1]
    assert query(
        db,
        "SELECT item_uid, item_kind, serial_normalized, manufacturer, model, "
        "country_of_manufacture, year_of_manufacture, first_seen, last_seen, sightings, "
        "reporting_entities, countries_iso3, item_line_uids, classification "
        "FROM documented_items WHERE serial_normalized = 'AK12345X'",
    ) == [
        (lines[0][1], "weapon", "AK12345X", "Izhmash", "AKM", "SUN", 1975, dt.date(2023, 11, 2),
         dt.date(2024, 6, 1), 2, "JMAC MINUSMA; Panel of Experts on Mali", "MLI; NER",
         [lines[0][0], lines[1][0]], "confidential"),
    ]  # fmt: skip
    # an item line without serial is a documented item of its own
    assert query(
        db,
        "SELECT sightings, item_line_uids = [item_uid] FROM documented_items "
        "WHERE item_uid LIKE 'JMAC MINUSMA:E-3:%'",
    ) == [(1, True)]


def test_detection_and_refused_files(db, tmp_path):
    csv_path = write_csv(tmp_path / "s.csv", HEADER, [line()])
    semicolons = tmp_path / "s_semicolon.csv"
    semicolons.write_text(";".join(HEADER) + "\n", "utf-8")
    minimal = tmp_path / "minimal.csv"  # optional columns may be left out
    minimal.write_text(
        "event_id,event_date,date_precision,country_iso3,context,reporting_entity,item_kind,"
        "quantity,unit\nM-1,2024,year,TCD,recovery,Chad police,other,1,items\n"
    )
    xlsx = write_xlsx(tmp_path / "s.xlsx", {"Sheet1": [HEADER]})
    assert [detect_format(p) for p in (csv_path, semicolons, minimal, xlsx)] == ["seizures"] * 4
    [loaded] = ingest_files(db, [minimal])
    assert (loaded.rows_loaded, loaded.rows_rejected) == (1, 0)

    missing = tmp_path / "missing.csv"
    missing.write_text("event_id,event_date,country_iso3\nE,2024,MLI\n")
    header_only = write_csv(tmp_path / "header_only.csv", HEADER, [])
    reports = ingest_files(db, [missing, header_only], "seizures")
    assert [report.message for report in reports] == [
        "missing.csv: missing required column(s) date_precision, context, reporting_entity, "
        "item_kind, quantity, unit; seizure documentation (seizures) files need the columns "
        "event_id, event_date, date_precision, country_iso3, context, reporting_entity, "
        "item_kind, quantity, unit (optional: admin1, location_name, latitude, longitude, "
        "location_precision, seized_from, actor_type, source_document, source_paragraph, "
        "weapon_category, manufacturer, model, calibre, serial_number, markings, "
        "country_of_manufacture, year_of_manufacture, headstamp_factory, headstamp_year, "
        "lot_number, classification, verification, notes, item_id, as_of, correction)",
        "header_only.csv: no data rows below the header",
    ]


def test_warehouse_checks_pass_after_the_loads(db):
    con = connect_read_only(db)
    try:
        failed = [(check.name, check.sample) for check in run_checks(con) if not check.passed]
    finally:
        con.close()
    assert failed == []


# --- the column-wise load against the line-by-line one ------------------------------------------

# Values that break or bend one rule each, dropped into random cells of synthetic lines.
MUTATIONS = [
    "", "  ", "Gonaïves", "İstanbul", 'x"y', "a\\b", "0", "0.0", "-0.0", "1e5", "1,5",
    "2024-02-30", "2024-03", "2024", "2024-01-01", "2024-03-05T10:00:00", "99", "1899",
    str(NEXT_YEAR), "Soviet Union", "narnia", "MLI", " Mali ", "Assault Rifle", "obliterated",
    "AK-12 345", "AK12345", "12 ", "1.5", "-3", "rounds", "kg", "ammunition", "weapon", "public",
    "strictly confidential", "exact", "  a   b  ", "ÄÖÜ", "ß", "\u2013", "1975", "x\u001fy",
]  # fmt: skip


@functools.cache
def demo_seizure_lines():
    from demo.seizures import generate

    return generate(0.1).seizures


def mutated_demo_lines(seed: int, quotes: bool) -> tuple[list[str], list[list[str]]]:
    """Synthetic demo lines (about 600) with random bad, odd and repeated cells, lines
    repeated (some changed) and, with `seed` odd, shuffled."""
    import random

    frame = demo_seizure_lines()
    header = frame.columns
    rows = [["" if value is None else str(value) for value in row] for row in frame.iter_rows()]
    chance = random.Random(seed)
    lines = []
    for row in rows:
        if chance.random() < 0.1:
            for _ in range(chance.randint(1, 3)):
                row[chance.randrange(len(row))] = chance.choice(MUTATIONS)
        lines.append(row)
        if chance.random() < 0.04:
            again = list(row)
            if chance.random() < 0.5:
                again[chance.randrange(len(again))] = chance.choice(MUTATIONS)
            lines.append(again)
    if seed % 2:
        chance.shuffle(lines)
    if not quotes:  # a file polars splits (no quote character anywhere)
        lines = [line for line in lines if not any('"' in c or "," in c for c in line)]
    return header, lines


@pytest.mark.parametrize("quotes", [True, False], ids=["quoted", "plain"])
def test_column_wise_load_matches_the_line_by_line_load(warehouse, tmp_path, quotes):
    """Two files of odd lines, then the first again and a copy of it: every table and reject
    the same from `load` as from `load_line_by_line`."""
    import shutil

    from embargo.warehouse import connect_writable
    from ingest.sources import seizures

    files = []
    for seed in (1, 2):
        header, lines = mutated_demo_lines(seed + (0 if quotes else 10), quotes)
        path = tmp_path / f"odd_{seed}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n" if seed == 2 else "\n").writerows(
                [header, *lines]
            )
        files.append(path)
    files += [files[0], shutil.copyfile(files[0], tmp_path / "odd_1_copy.csv")]
    results = {}
    for name, load in (("columns", seizures.load), ("lines", seizures.load_line_by_line)):
        db = tmp_path / f"{name}.duckdb"
        shutil.copyfile(warehouse, db)
        con = connect_writable(db)
        loads = []
        for number, path in enumerate(files):
            con.execute("BEGIN TRANSACTION")
            loaded = load(con, path, f"load-{number}")
            con.execute("COMMIT")
            loads.append((loaded.rows_read, loaded.rows_loaded, loaded.rejects))
        tables = {
            table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in ("raw_seizures", "seizure_events", "seizure_items")
        }
        con.close()
        results[name] = (loads, tables)
    column_loads, column_tables = results["columns"]
    line_loads, line_tables = results["lines"]
    assert [reads for reads, _, _ in column_loads] == [reads for reads, _, _ in line_loads]
    assert sum(len(rejects) for _, _, rejects in line_loads) > 100  # the mutations bite
    assert line_loads[2][1] == 0  # the same file again loads nothing
    for column_load, line_load in zip(column_loads, line_loads, strict=True):
        assert column_load == line_load
    for table, rows in line_tables.items():
        assert column_tables[table] == rows, table


# --- plain CSV files split as bytes -------------------------------------------------------------

PLAIN_BYTES = {
    "BOM and CRLF": b"\xef\xbb\xbfa,b\r\n1, 2 \r\nx,\r\n",
    "semicolons, curly quote, blank row": "a;b\nCôte d’Ivoire;1\n  ; \n3;4".encode(),
    "tabs, non-ASCII white space": "\ufeffa\tb\r\nx\u00a0\t\u2003\r\n".encode(),
    "body of non-ASCII white space": "a,b\n\u00a0,\u00a0\n".encode(),
    "mixed line ends": b"a,b\r\n1,2\n3,4\r\n",
    "Windows-1252": "a;b\nCôte;1\n".encode("cp1252"),
    "white space only": b"a,b\n  \n",
    "blank line": b"a,b\n1,2\n\n3,4\n",
    "ragged": b"a,b\n1,2,3\n",
    "quoted": b'a,b\n"1",2\n',
    "lone carriage return": b"a,b\n1\r2,3\n",
    "file separator": b"a,b\n1\x1c,2\n",
}


@pytest.mark.parametrize("data", PLAIN_BYTES.values(), ids=PLAIN_BYTES.keys())
def test_plain_utf8_bytes_split_as_the_decoded_text(data):
    """A UTF-8 file split as bytes gives the frame the decoded text gives; anything the bytes
    cannot decide (another encoding, quotes, blank or ragged lines) is left to the text."""
    from polars.testing import assert_frame_equal

    from ingest.kit.columnar import plain_csv_frame, plain_utf8_csv_frame
    from ingest.kit.tables import decode_text

    from_bytes = plain_utf8_csv_frame(data, "f.csv")
    from_text = plain_csv_frame(decode_text(data, "f.csv"), "f.csv")
    if from_bytes is not None:
        assert from_text is not None
        assert from_bytes.header == from_text.header
        assert_frame_equal(from_bytes.frame, from_text.frame)
    expected_by_bytes = {  # every file whose bytes are plain UTF-8 CSV
        "BOM and CRLF", "semicolons, curly quote, blank row", "tabs, non-ASCII white space",
        "body of non-ASCII white space", "mixed line ends",
    }  # fmt: skip
    name = next(key for key, value in PLAIN_BYTES.items() if value == data)
    assert (from_bytes is not None) == (name in expected_by_bytes)
