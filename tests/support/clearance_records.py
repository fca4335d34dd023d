"""The records of the clearance test (tests/test_clearance_filtering.py): the same fixture files
at every classification level, the uploads that probe collisions between levels, and the
warehouse built from them through the real ingest."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

from demo.seizures import EXEMPTION_COLUMNS, SEIZURE_COLUMNS, TRACE_COLUMNS
from demo.transfers import SIPRI_NEW_HEADER
from embargo.classification import Classification
from ingest.files import ingest_files
from ingest.uploads import Upload, load_uploads
from support import write_csv

RESTRICTED = Classification.RESTRICTED
LEVELS = [level.label for level in Classification]
HIDDEN_LEVELS = ("confidential", "strictly_confidential")
BANGUI = ("CAF", "Bangui", 4.3612, 18.5550)
TAGS = {"public": "P", "restricted": "R", "confidential": "C", "strictly_confidential": "S"}
ON = dt.date(2024, 6, 1)


def seizure_lines(level: str) -> list[dict]:
    """Seizures in Bangui at one level: the same place, months, makes and models at every
    level, so any unfiltered count, cell, option or candidate would differ; one bad row each."""
    tag = TAGS[level]
    country, town, lat, lon = BANGUI
    lines = []
    for number, (day, year) in enumerate(
        [("2023-12-10", 2010), ("2024-10-05", 2020), ("2024-11-20", 2022)], start=1
    ):
        lines.append(
            {
                "event_id": f"{tag}-{number}",
                "event_date": day,
                "date_precision": "day",
                "country_iso3": country,
                "location_name": f"{town} {tag}",
                "latitude": lat,
                "longitude": lon,
                "location_precision": "exact",
                "context": "seizure" if level != "strictly_confidential" else "cache",
                "reporting_entity": f"Test JMAC {tag}",
                "source_document": f"TEST/{tag}/1",
                "item_kind": "weapon",
                "weapon_category": "assault_rifle",
                "manufacturer": "Izhmash",
                "model": "AKM",
                "calibre": "7.62x39mm",
                "serial_number": f"AK-{tag}-{number}",
                "country_of_manufacture": "RUS",
                "year_of_manufacture": year,
                "quantity": 1,
                "unit": "items",
                "classification": level,
            }
        )
    bad = dict(lines[0], event_id=f"{tag}-9", country_iso3="Narnia")
    return [*lines, bad]


def trace_lines(level: str) -> list[dict]:
    tag = TAGS[level]
    return [
        {
            "trace_id": f"T-{tag}",
            "event_id": f"{tag}-2",
            "serial_number": f"AK-{tag}-2",
            "requesting_entity": f"Test JMAC {tag}",
            "addressed_to": "RUS",
            "date_sent": "2024-10-20",
            "date_response": "2024-11-15" if level != "public" else "",
            "status": "responded" if level != "public" else "pending",
            "last_legal_recipient_iso3": "CAF" if level != "public" else "",
            "transfer_year": "2021" if level != "public" else "",
            "classification": level,
        },
        *joining_traces(level),
        {
            "trace_id": f"T-{tag}-bad",
            "event_id": f"{tag}-1",
            "date_sent": "2024-02-30",
            "classification": level,
        },
    ]


def joining_traces(level: str) -> list[dict]:
    """Trace requests that join records of another level. The restricted one names the
    confidential event C-2: the event gives it a country (Country profile), so a restricted
    viewer must not count it there. The confidential one (FULL only) confirms the restricted
    rifle AK-R-2 as part of deal 9001: a restricted viewer sees that candidate transfer
    unconfirmed, as if the request did not exist."""
    if level == "restricted":
        return [
            {
                "trace_id": "T-R-dup",
                "event_id": "D-1",
                "serial_number": "AK-D-R",
                "requesting_entity": "Test JMAC R",
                "addressed_to": "RUS",
                "date_sent": "2024-10-23",
                "status": "pending",
                "classification": level,
            },
            {
                "trace_id": "T-R-up",
                "event_id": "C-2",
                "serial_number": "AK-UP-1",
                "requesting_entity": "Test JMAC R",
                "addressed_to": "RUS",
                "date_sent": "2024-10-21",
                "status": "pending",
                "classification": level,
            },
        ]
    if level == "confidential":
        return [
            {
                "trace_id": "T-C-down",
                "event_id": "R-2",
                "serial_number": "AK-R-2",
                "requesting_entity": "Test JMAC C",
                "addressed_to": "RUS",
                "date_sent": "2024-10-22",
                "date_response": "2024-11-16",
                "status": "responded",
                "last_legal_recipient_iso3": "CAF",
                "transfer_year": "2021",
                "transfer_ref": "9001",
                "classification": level,
            }
        ]
    return []


def shared_id_lines(level: str) -> list[dict]:
    """Events of two entities with one event id, D-1: a restricted one (both warehouses) and a
    confidential one (FULL only). A restricted trace request naming D-1 links to the restricted
    event in both: a link that came and went with the hidden event would betray it."""
    if level not in ("restricted", "confidential"):
        return []
    return [dict(seizure_lines(level)[0], event_id="D-1", serial_number=f"AK-D-{TAGS[level]}")]


def mixed_seizure_lines() -> list[dict]:
    """An event of a file of its own (FULL only) whose lines differ in level: a public rifle
    and a confidential one make the event M-1 confidential, and the public rifle's facts (shown
    with the event) confidential too."""
    public, _, confidential, _ = (seizure_lines(level)[0] for level in LEVELS)
    common = {"event_id": "M-1", "reporting_entity": "Test JMAC M", "location_name": "Bangui M",
              "source_document": "TEST/M/1"}  # fmt: skip
    return [
        dict(public, **common, serial_number="AK-M-1"),
        dict(confidential, **common, serial_number="AK-M-2"),
    ]


def exemption_lines(level: str) -> list[dict]:
    tag = TAGS[level]
    return [
        {
            "notification_id": f"N-{tag}",
            "embargo_id": "un-car-2013",
            "submitting_state": "RUS",
            "recipient": "CAF",
            "date_submitted": "2021-02-01",
            "procedure": "notification",
            "decision": "no_objection",
            "decision_date": "2021-02-20",
            "category": "SALW",
            "quantity": "100",
            "classification": level,
        }
    ]


FINDING_COLUMNS = [
    "finding_id", "panel", "document_symbol", "document_date", "paragraph", "annex",
    "finding_type", "target_iso3", "involved_states", "involved_entities", "summary",
    "related_event_ids", "related_serials", "confidence", "classification",
]  # fmt: skip


def finding_lines(level: str) -> list[dict]:
    """A finding at each level citing its own events and serials and those of every other
    level, so a finding's links and unmatched references must be counted within the clearance."""
    tag = TAGS[level]
    number = list(TAGS).index(level) + 1
    return [
        {
            "finding_id": f"F-{tag}",
            "panel": "un-car-2013",
            "document_symbol": f"S/2024/{100 + number}",
            "document_date": "2024-07-01",
            "paragraph": str(10 + number),
            "finding_type": "violation",
            "target_iso3": "CAF",
            "involved_states": "RUS",
            "summary": f"Rifles documented in Bangui ({tag}).",
            "related_event_ids": ";".join(f"{t}-1" for t in TAGS.values()),
            "related_serials": ";".join([*(f"AK-{t}-2" for t in TAGS.values()), "AK-M-1"]),
            "confidence": "confirmed" if level != "restricted" else "probable",
            "classification": level,
        },
        {"finding_id": f"F-{tag}-bad", "panel": "un-narnia", "classification": level},
    ]


DEALS = [  # SIPRI-shaped deliveries (public registers): id, supplier, recipient, year
    ("9001", "Russia", "Central African Republic", 2021),
    ("9002", "China", "Central African Republic", 2024),
    ("9003", "Russia", "Sudan", 2024),
]


def fixture_files(folder: Path, levels: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sipri_rows = [
        [deal, s, r, "AKM", "assault rifle", "Other", y - 1, "No", 100, "No", y, "No", "New", "",
         0.001, 0.1, "No"]
        for deal, s, r, y in DEALS
    ]  # fmt: skip
    files = [write_csv(folder / "deliveries.csv", SIPRI_NEW_HEADER, sipri_rows)]
    for level in levels:
        files.append(
            write_csv(
                folder / f"seizures_{level}.csv",
                SEIZURE_COLUMNS,
                [*seizure_lines(level), *shared_id_lines(level)],
            )
        )
        files.append(write_csv(folder / f"traces_{level}.csv", TRACE_COLUMNS, trace_lines(level)))
        files.append(
            write_csv(folder / f"exemptions_{level}.csv", EXEMPTION_COLUMNS, exemption_lines(level))
        )
        files.append(
            write_csv(folder / f"findings_{level}.csv", FINDING_COLUMNS, finding_lines(level))
        )
    if "confidential" in levels:
        files.append(
            write_csv(folder / "seizures_mixed.csv", SEIZURE_COLUMNS, mixed_seizure_lines())
        )
    return files


def probe_uploads() -> list[Upload]:
    """Files uploaded after the fixture's, as a person probing the warehouse would: lines that
    collide with stored events and items. The first, public and restricted lines only, collides
    with records a restricted viewer sees (its rejects quote them, and the viewer sees those
    rejects); the second, confidential lines, names the strictly confidential event S-1 (in FULL
    only) and adds an item to the public event P-2. A restricted viewer must see the same from
    both warehouses: no reject, message, load report or join shows what FULL holds above."""
    public, restricted, _, strict = (seizure_lines(level) for level in LEVELS)

    def upload(name: str, rows: list[dict]) -> Upload:
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(SEIZURE_COLUMNS)
        writer.writerows([row.get(column, "") for column in SEIZURE_COLUMNS] for row in rows)
        return Upload(name, text.getvalue().encode())

    low = [
        dict(public[0], event_date="2020-01-01", serial_number="AK-PROBE-1"),
        dict(restricted[1], location_name="Elsewhere", serial_number="AK-PROBE-2"),
        public[1],  # the same item line again
    ]
    high = [
        dict(strict[0], event_date="2020-01-01", serial_number="AK-PROBE-3",
             classification="confidential", context="seizure"),
        dict(public[1], serial_number="AK-PROBE-4", classification="confidential"),
    ]  # fmt: skip
    return [upload("probe-low.csv", low), upload("probe-high.csv", high)]


def built(tmp_path_factory, warehouse: Path, name: str, levels: list[str]) -> Path:
    folder = tmp_path_factory.mktemp(name)
    path = folder / "w.duckdb"
    shutil.copy(warehouse, path)
    reports = ingest_files(path, fixture_files(folder / "files", levels))
    assert {report.status for report in reports} == {"loaded"}
    results = load_uploads(path, probe_uploads())
    assert [result.status for result in results] == ["loaded", "loaded"]
    return path
