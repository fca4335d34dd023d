"""A seizure event with a history, loaded through the real loads on chosen days: loaded on
2026-01-10 (Bangui, Central African Republic: a rifle AK-12 345 made in 2023 and 240 rounds),
moved by a later file of the same reporting entity loaded on 2026-02-10 (a later as_of: Juba,
South Sudan, the serial corrected to AK-12 354), and a third load on 2026-03-10 adding another
entity's event in Bangui with the corrected serial's rifle. For the "as known on" tests of the
seizure pages, in process and in a browser."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import ingest.kit.loads
from ingest.files import ingest_files
from ingest.sources import seizures
from support import write_csv

HEADER = list(seizures.FORMAT.header)
MINUSCA = "JMAC MINUSCA"
PANEL = "Panel of Experts CAR"
RIFLE = {
    "event_id": "E-1", "event_date": "2024-03-05", "date_precision": "day",
    "country_iso3": "CAF", "admin1": "Bangui", "location_name": "Bangui",
    "latitude": "4.3612", "longitude": "18.5550", "location_precision": "exact",
    "context": "seizure", "reporting_entity": MINUSCA, "item_id": "1", "item_kind": "weapon",
    "weapon_category": "assault_rifle", "manufacturer": "Izhmash", "model": "AKM",
    "serial_number": "AK-12 345", "country_of_manufacture": "RUS", "year_of_manufacture": "2023",
    "quantity": "1", "unit": "items",
}  # fmt: skip
AMMO = {
    **RIFLE, "item_id": "2", "item_kind": "ammunition", "weapon_category": "", "manufacturer": "",
    "model": "", "serial_number": "", "country_of_manufacture": "", "year_of_manufacture": "",
    "headstamp_factory": "10", "headstamp_year": "1984", "quantity": "240", "unit": "rounds",
}  # fmt: skip
# the second file: the same event, found to be in Juba (South Sudan), the serial corrected
MOVED = {
    "as_of": "2024-04-20", "country_iso3": "SSD", "admin1": "Central Equatoria",
    "location_name": "Juba", "latitude": "4.8594", "longitude": "31.5713",
}  # fmt: skip
# the third load: another entity's event in Bangui, with the corrected serial's rifle
PANEL_RIFLE = {
    **RIFLE, "event_id": "P-7", "event_date": "2024-03-15", "reporting_entity": PANEL,
    "item_id": "", "serial_number": "AK-12 354",
}  # fmt: skip

FIRST_DAY, SECOND_DAY, THIRD_DAY = "2026-01-10", "2026-02-10", "2026-03-10"
BEFORE_ANY = dt.date(2026, 1, 9)
BETWEEN_FIRST_AND_SECOND = dt.date(2026, 1, 20)
BETWEEN_SECOND_AND_THIRD = dt.date(2026, 2, 20)


def seizure_history_warehouse(warehouse: Path, folder: Path) -> Path:
    """A copy of `warehouse` in `folder` with the three loads, each recorded on its day."""
    path = folder / "w.duckdb"
    shutil.copyfile(warehouse, path)
    loads = [
        (FIRST_DAY, "minusca_march.csv", [RIFLE, AMMO]),
        (
            SECOND_DAY,
            "minusca_april.csv",
            [{**RIFLE, **MOVED, "serial_number": "AK-12 354"}, {**AMMO, **MOVED}],
        ),
        (THIRD_DAY, "panel_car.csv", [PANEL_RIFLE]),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for day, name, lines in loads:
            moment = dt.datetime.fromisoformat(day).replace(hour=9)
            patch.setattr(ingest.kit.loads, "recorded_now", lambda moment=moment: moment)
            [report] = ingest_files(path, [write_csv(folder / name, HEADER, lines)], "seizures")
            assert (report.rows_loaded, report.rows_rejected) == (len(lines), 0)
    return path
