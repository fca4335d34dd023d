"""Small seizures files for tests that need loads of their own: each file holds one-rifle
events with event ids and serials of its own, so any number of files load side by side."""

from __future__ import annotations

import csv
from pathlib import Path

HEADER = [
    "event_id", "event_date", "date_precision", "country_iso3", "location_name", "latitude",
    "longitude", "location_precision", "context", "actor_type", "reporting_entity",
    "item_kind", "weapon_category", "manufacturer", "model", "calibre", "serial_number",
    "country_of_manufacture", "year_of_manufacture", "quantity", "unit", "classification",
]  # fmt: skip


def write_seizure_file(folder: Path, number: int, events: int = 3) -> Path:
    """A seizures file of `events` one-rifle events, all its own (event ids and serials)."""
    path = folder / f"jmac-{number:02d}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for event in range(events):
            writer.writerow(
                [
                    f"F{number}-E{event}", "2024-03-05", "day", "MLI", "Gao", "16.27", "-0.04",
                    "exact", "seizure", "non_state_armed_group", "JMAC MINUSMA", "weapon",
                    "assault_rifle", "Izhmash", "AKM", "7.62 x 39 mm", f"S{number:02d}{event:03d}",
                    "RUS", "1975", "1", "items", "restricted",
                ]
            )  # fmt: skip
    return path
