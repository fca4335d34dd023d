"""Embargo screening of registered deliveries (view transfer_screening, command embargo screen):
target kinds, partial liftings and exemptions as dated changes, year granularity, notifications
on file and citations. Fixture deliveries are invented and go through the real SIPRI ingest."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
from support import copy_warehouse

from demo.transfers import SIPRI_NEW_HEADER
from embargo.warehouse import connect_read_only, connect_writable
from ingest.files import ingest_files
from ingest.kit.loads import insert_rows

# (deal id, supplier, recipient, delivery year): invented deliveries, one per screening case
DELIVERIES = [
    ("101", "Russia", "Somalia", 2000),
    ("102", "Turkiye", "Somalia", 2012),
    ("103", "Turkiye", "Somalia", 2013),
    ("104", "Turkiye", "Somalia", 2024),
    ("105", "Russia", "UIC (Somalia)*", 2007),
    ("106", "France", "Iraq", 2004),
    ("107", "United States", "Iraq", 2010),
    ("108", "Russia", "Iraq", 1995),
    ("109", "China", "Sudan", 2007),
    ("110", "Belarus", "Darfur rebels (Sudan)*", 2009),
    ("111", "Ukraine", "DR Congo", 2004),
    ("112", "Ukraine", "DR Congo", 2007),
    ("113", "Ukraine", "DR Congo", 2008),
    ("114", "Ukraine", "DR Congo", 2009),
    ("115", "China", "DR Congo", 2023),
    ("116", "Russia", "Central African Republic", 2023),
    ("117", "Russia", "Central African Republic", 2025),
    ("118", "North Korea", "Syria", 2012),
    ("119", "China", "South Sudan", 2018),
    ("120", "Ukraine", "South Sudan", 2020),
    ("121", "Germany", "India", 2015),
]


def write_register(path, deliveries=DELIVERIES):
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Invented test deliveries in the SIPRI new-format layout.\n\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SIPRI_NEW_HEADER)
        for deal_id, supplier, recipient, year in deliveries:
            writer.writerow(
                [
                    deal_id,
                    supplier,
                    recipient,
                    "BTR-80",
                    "APC",
                    "Armoured vehicles",
                    year - 1,
                    "No",
                    4,
                    "No",
                    year,
                    "No",
                    "New",
                    "No",
                    0.5,
                    2.0,
                    "No",
                ]
            )


@pytest.fixture(scope="module")
def screened(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("screening")
    db = folder / "w.duckdb"
    shutil.copy(warehouse, db)
    register = folder / "deliveries.csv"
    write_register(register)
    [report] = ingest_files(db, [register])
    assert (report.status, report.rows_loaded, report.rows_rejected) == ("loaded", 21, 0), report
    return db


def verdicts(db, deal_id: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        return con.execute(
            "SELECT embargo_id, window_overlap, verdict, citation FROM transfer_screening "
            "WHERE transfer_id LIKE ? ORDER BY embargo_id",
            [f"%:{deal_id}:%"],
        ).fetchall()
    finally:
        con.close()


def reason(db, deal_id: str, embargo_id: str) -> str:
    con = connect_read_only(db)
    try:
        return con.execute(
            "SELECT reason FROM transfer_screening WHERE transfer_id LIKE ? AND embargo_id = ?",
            [f"%:{deal_id}:%", embargo_id],
        ).fetchone()[0]
    finally:
        con.close()


def test_state_embargo_covers_the_government(screened):
    assert verdicts(screened, "101") == [
        ("un-al-shabaab-2023", "none", "outside_window", "S/RES/2713 (2023)"),
        ("un-somalia-1992", "full", "violation_indicator", "S/RES/733 (1992)"),
    ]
    assert reason(screened, "101", "un-somalia-1992") == (
        "Delivered in 2000 (Somalia, a state recipient) while the Somalia embargo prohibited such "
        "supplies all year (weapons and military equipment); no exemption procedure applied."
    )


def test_state_embargo_covers_non_state_recipients_in_the_state(screened):
    assert verdicts(screened, "105")[1] == (
        "un-somalia-1992",
        "full",
        "violation_indicator",
        "S/RES/733 (1992)",
    )


def test_somali_government_from_2013_03_06_needs_notification(screened):
    assert verdicts(screened, "103")[1] == (
        "un-somalia-1992",
        "full",
        "exemption_check",
        "S/RES/733 (1992); S/RES/1744 (2007); S/RES/2093 (2013)",
    )
    assert "heavy weapons listed in the annex remain subject to prior approval" in reason(
        screened, "103", "un-somalia-1992"
    )
    assert reason(screened, "103", "un-somalia-1992").endswith(
        "no matching notification or approval is on file."
    )


def test_somali_government_after_the_2023_lifting_is_outside_scope(screened):
    assert verdicts(screened, "104") == [
        ("un-al-shabaab-2023", "none", "outside_window", "S/RES/2713 (2023); S/RES/2714 (2023)"),
        ("un-somalia-1992", "none", "outside_window", "S/RES/733 (1992)"),
    ]


def test_iraq_government_exempt_from_2004_06_08(screened):
    assert verdicts(screened, "106") == [
        ("un-iraq-1990", "partial", "partial_overlap", "S/RES/661 (1990); S/RES/1546 (2004)")
    ]
    assert verdicts(screened, "107") == [
        ("un-iraq-1990", "none", "outside_window", "S/RES/661 (1990); S/RES/1546 (2004)")
    ]
    assert verdicts(screened, "108") == [
        ("un-iraq-1990", "full", "violation_indicator", "S/RES/661 (1990)")
    ]


def test_darfur_embargo_covers_non_state_actors_and_government_by_approval(screened):
    assert verdicts(screened, "110") == [
        (
            "un-sudan-darfur-2004",
            "full",
            "violation_indicator",
            "S/RES/1556 (2004); S/RES/1591 (2005)",
        )
    ]
    assert verdicts(screened, "109") == [
        ("un-sudan-darfur-2004", "full", "exemption_check", "S/RES/1556 (2004); S/RES/1591 (2005)")
    ]


def test_dr_congo_government_notification_only_2008_to_2022(screened):
    got = {deal: verdicts(screened, deal)[0][1:3] for deal in ("111", "112", "113", "114", "115")}
    assert got == {
        "111": ("none", "outside_window"),  # 2004: armed groups only
        "112": ("full", "exemption_check"),  # 2007: integrated units exempt
        "113": ("full", "exemption_check"),  # 2008: conditional exemption, then notification
        "114": ("full", "exemption_check"),  # 2009: notification
        "115": ("none", "outside_window"),  # 2023: nothing needed after 2022-12-20
    }


def test_car_security_forces_and_armed_groups(screened):
    assert verdicts(screened, "116") == [
        (
            "un-car-2013",
            "partial",
            "partial_overlap",
            "S/RES/2127 (2013); S/RES/2648 (2022); S/RES/2693 (2023)",
        ),
        ("un-car-armed-groups-2024", "none", "outside_window", "S/RES/2745 (2024)"),
    ]
    assert reason(screened, "116", "un-car-armed-groups-2024") == (
        "Delivered in 2023 (Central African Republic, a state recipient): the CAR: armed groups "
        "embargo was not in force that year (in force from 2024-07-30)."
    )
    assert verdicts(screened, "117") == [
        ("un-car-2013", "none", "outside_window", "S/RES/2127 (2013)"),
        ("un-car-armed-groups-2024", "none", "outside_window", "S/RES/2745 (2024)"),
    ]
    assert reason(screened, "117", "un-car-armed-groups-2024") == (
        "Delivered in 2025 (Central African Republic, a state recipient): the CAR: armed groups "
        "embargo never applied to this kind of recipient."
    )


def test_export_ban_screens_the_supplier(screened):
    assert verdicts(screened, "118") == [
        ("un-dprk-2006", "full", "violation_indicator", "S/RES/1718 (2006); S/RES/1874 (2009)")
    ]


def test_year_straddling_the_start_is_partial_overlap_never_a_violation(screened):
    assert verdicts(screened, "119") == [
        ("un-south-sudan-2018", "partial", "partial_overlap", "S/RES/2428 (2018)")
    ]
    assert verdicts(screened, "120") == [
        ("un-south-sudan-2018", "full", "violation_indicator", "S/RES/2428 (2018)")
    ]


def test_untargeted_delivery_is_not_screened(screened):
    assert verdicts(screened, "121") == []


def test_screen_command_filters_and_prints_the_contract_columns(screened):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "embargo.cli",
            "screen",
            "--db",
            str(screened),
            "--target",
            "IRQ",
            "--from",
            "2004",
            "--to",
            "2010",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["delivery_year"], r["verdict"]) for r in rows] == [
        (2004, "partial_overlap"),
        (2010, "outside_window"),
    ]
    assert list(rows[0]) == [
        "transfer_id",
        "source",
        "supplier",
        "supplier_iso3",
        "recipient",
        "recipient_iso3",
        "recipient_actor_type",
        "weapon_description",
        "delivery_year",
        "quantity",
        "embargo_id",
        "embargo_start",
        "embargo_end",
        "window_overlap",
        "verdict",
        "reason",
        "citation",
    ]


def test_exemption_check_says_when_a_matching_notification_is_on_file(screened, tmp_path):
    db = copy_warehouse(screened, tmp_path / "w.duckdb")
    con = connect_writable(db)
    insert_rows(
        con,
        "exemption_versions",
        [
            {
                "notification_id": "SYN-NTF-0001",
                "embargo_id": "un-somalia-1992",
                "submitting_state": "Turkiye",
                "submitting_state_iso3": "TUR",
                "recipient": "Somali National Army",
                "recipient_iso3": "SOM",
                "date_submitted": dt.date(2013, 5, 2),
                "procedure": "notification",
                "decision": "no_objection",
                "classification": "restricted",
                "as_of": dt.date(2013, 5, 2),
                "version": 1,
                "recorded_at": dt.datetime(2013, 5, 3),
                "load_id": "fixture",
                "file_name": "fixture.csv",
                "source_row_number": 2,
            }
        ],
    )
    con.close()
    assert reason(db, "103", "un-somalia-1992").endswith(
        "1 matching notification(s) on file: SYN-NTF-0001 (notification, no_objection)."
    )
    # a notification filed after the delivery year does not cover it
    assert reason(db, "102", "un-somalia-1992").endswith(
        "no matching notification or approval is on file."
    )
    assert reason(db, "104", "un-somalia-1992").startswith("Delivered in 2024")
