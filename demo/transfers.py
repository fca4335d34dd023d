"""Synthetic transfer registers: a trade register shaped like the SIPRI new-format export, and UN
Register and ATT reports with exporter/importer mismatches. Invented records, labelled synthetic.

Shapes follow the public registers: TIV per unit log-normal around 1 (million TIV), orders
delivered after a lag of 0-4 years over 1-3 years, status mostly New, suppliers concentrated on a
few large exporters, and a set of deliveries to embargoed targets placed in and around embargo
windows (before, straddling, inside, after a partial lifting) so the screening has something to
show."""

from __future__ import annotations

import csv
import math
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.files import ingest_into
from ingest.sources import att, sipri, unroca

SEED = 20261121

SUPPLIERS = [  # (name, weight): a few large exporters dominate, as in the real registers
    ("United States", 30),
    ("Russia", 22),
    ("France", 9),
    ("China", 8),
    ("Germany", 6),
    ("Italy", 4),
    ("United Kingdom", 4),
    ("Israel", 3),
    ("Spain", 2),
    ("Turkiye", 2),
    ("Ukraine", 2),
    ("Belarus", 1),
    ("Serbia", 1),
    ("UAE", 1),
]
RECIPIENTS = [
    "India",
    "Saudi Arabia",
    "Egypt",
    "Algeria",
    "Nigeria",
    "Kenya",
    "Ethiopia",
    "Chad",
    "Uganda",
    "Pakistan",
    "Indonesia",
    "Brazil",
    "Iraq",
    "Libya",
    "Sudan",
    "South Sudan",
    "DR Congo",
    "Central African Republic",
    "Somalia",
    "Lebanon",
    "Yemen",
    "Haiti",
]

# (designation, description, armament category, TIV scale, typical numbers ordered)
WEAPONS = [
    ("T-72M1", "tank", "Armoured vehicles", 1.2, (10, 60)),
    ("BTR-80", "APC", "Armoured vehicles", 0.5, (10, 80)),
    ("M113A2", "APC", "Armoured vehicles", 0.3, (10, 100)),
    ("D-30 122mm", "towed gun", "Artillery", 0.2, (6, 36)),
    ("BM-21 Grad", "self-propelled MRL", "Artillery", 0.6, (4, 24)),
    ("Mi-24P", "combat helicopter", "Aircraft", 6.0, (2, 12)),
    ("Mi-17", "transport helicopter", "Aircraft", 3.0, (2, 10)),
    ("L-39 Albatros", "jet trainer/combat aircraft", "Aircraft", 4.0, (2, 12)),
    ("9M113 Konkurs", "anti-tank missile", "Missiles", 0.01, (100, 600)),
    ("9K38 Igla", "portable SAM", "Missiles", 0.02, (50, 300)),
    ("Offshore patrol vessel", "patrol craft", "Ships", 12.0, (1, 4)),
    ("ZU-23-2", "anti-aircraft gun", "Artillery", 0.05, (10, 60)),
]

# Deliveries placed on purpose around embargo windows: (supplier, recipient, designation index,
# order year, delivery years). Each illustrates a case the screening must get right.
SCENARIOS = [
    ("Russia", "Somalia", 1, 1998, [2000]),  # state embargo, no exemption: violation indicator
    ("Turkiye", "Somalia", 1, 2012, [2013]),  # the year of the 2013 partial lifting
    ("United States", "Somalia", 1, 2014, [2015, 2016]),  # government, notification route
    ("Russia", "UIC (Somalia)*", 8, 2006, [2007]),  # non-state actor under the state embargo
    ("France", "Iraq", 3, 2003, [2004]),  # straddles the 2004-06-08 exemption
    ("United States", "Iraq", 2, 2008, [2010, 2011]),  # government exempt since 2004
    ("China", "Sudan", 5, 2006, [2007]),  # government: approval route into Darfur
    ("Belarus", "Darfur rebels (Sudan)*", 11, 2008, [2009]),  # non-state, Darfur embargo
    ("Ukraine", "DR Congo", 0, 2006, [2007]),  # government 2005-08: conditional exemption
    ("Ukraine", "DR Congo", 1, 2010, [2011]),  # government: notification route
    ("China", "DR Congo", 1, 2022, [2023]),  # government: outside scope since 2022-12-20
    ("Russia", "Central African Republic", 1, 2021, [2022, 2023]),  # notification, then lifted
    ("Russia", "Central African Republic", 4, 2024, [2025]),  # after the territorial embargo
    ("France", "Libya", 1, 2012, [2013]),  # government: notification route (2011-2014)
    ("Italy", "Libya", 10, 2016, [2017]),  # government: approval route since 2014
    ("UAE", "Libya HoR*", 1, 2018, [2019]),  # non-state actor: violation indicator
    ("Russia", "Houthi rebels (Yemen)*", 8, 2016, [2017]),  # listed regime: needs the list
    ("Israel", "Haiti", 2, 2022, [2024]),  # government outside the 2023 territorial scope
    ("Russia", "Haiti rebels*", 8, 2023, [2024]),  # non-state: violation indicator
    ("China", "South Sudan", 1, 2017, [2018]),  # straddles the 2018-07-13 start
    ("Ukraine", "South Sudan", 0, 2019, [2020]),  # state embargo all year
]

UNROCA_CATEGORY = {
    "tank": "I",
    "APC": "II",
    "towed gun": "III",
    "self-propelled MRL": "III",
    "combat helicopter": "V",
    "anti-tank missile": "VII",
    "portable SAM": "VII",
}


@dataclass(frozen=True)
class Deal:
    deal_id: str
    supplier: str
    recipient: str
    weapon: tuple
    order_year: int
    deliveries: list[tuple[int, int]]  # (year, number)
    tiv_unit: float
    status: str


def _split(number: int, years: list[int]) -> list[tuple[int, int]]:
    base, extra = divmod(number, len(years))
    return [(year, base + (1 if i < extra else 0)) for i, year in enumerate(years)]


def generate_deals(rng: random.Random, count: int = 900) -> list[Deal]:
    suppliers, weights = zip(*SUPPLIERS, strict=True)
    deals = []
    for number in range(count):
        weapon = rng.choice(WEAPONS)
        ordered = rng.randint(*weapon[4])
        order_year = rng.randint(1995, 2023)
        first = order_year + min(4, int(rng.expovariate(0.8)))
        years = [y for y in range(first, first + rng.choice([1, 1, 2, 3])) if y <= 2024]
        status = rng.choices(["New", "Second hand", "Second hand but modernized"], [70, 25, 5])[0]
        tiv_unit = round(weapon[3] * math.exp(rng.gauss(0, 0.6)), 3)
        deals.append(
            Deal(
                f"DEMO-{number + 1:05d}",
                rng.choices(suppliers, weights)[0],
                rng.choice(RECIPIENTS),
                weapon,
                order_year,
                _split(ordered, years) if years else [],
                tiv_unit,
                status,
            )
        )
    for number, (supplier, recipient, weapon_index, order_year, years) in enumerate(SCENARIOS):
        weapon = WEAPONS[weapon_index]
        deals.append(
            Deal(
                f"DEMO-S{number + 1:03d}",
                supplier,
                recipient,
                weapon,
                order_year,
                _split(rng.randint(*weapon[4]), years),
                round(weapon[3], 3),
                "New",
            )
        )
    return deals


# SIPRI's new layout as it exports it: every column the format reads but the optional Comments.
SIPRI_NEW_HEADER = [label for label in sipri.NEW_COLUMNS if label != "Comments"]


def write_trade_register(deals: list[Deal], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("SYNTHETIC DEMONSTRATION DATA generated by Embargo Monitor.\n")
        handle.write("Invented records shaped like a trade register: not SIPRI data, never cite.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SIPRI_NEW_HEADER)
        for deal in deals:
            designation, description, category, _, _ = deal.weapon
            for year, number in deal.deliveries or [(None, 0)]:
                writer.writerow(
                    [
                        deal.deal_id,
                        deal.supplier,
                        deal.recipient,
                        designation,
                        description,
                        category,
                        deal.order_year,
                        "No",
                        number if year else "",
                        "No",
                        year or "",
                        "No",
                        deal.status,
                        "No",
                        deal.tiv_unit,
                        round(deal.tiv_unit * number, 3) if year else "",
                        "No",
                    ]
                )


def register_reports(deals: list[Deal], rng: random.Random) -> tuple[list[list], list[list]]:
    """UN Register and ATT lines for deals in Register categories: exporters report most
    deliveries, importers fewer, and some numbers disagree, as in the real reports."""
    unroca, att = [], []
    for deal in deals:
        designation, description, _, _, _ = deal.weapon
        category = UNROCA_CATEGORY.get(description)
        if category is None or "*" in deal.recipient:
            continue
        for year, number in deal.deliveries:
            if year < 2005 or number == 0:
                continue
            roll = rng.random()
            exporter_number = number
            importer_number = number if roll < 0.55 else max(0, number - rng.randint(1, 5))
            unroca.append(
                [
                    deal.supplier,
                    year,
                    "export",
                    category,
                    deal.recipient,
                    exporter_number,
                    "",
                    "",
                    f"{designation} {description}",
                    "synthetic",
                ]
            )
            if roll < 0.8:
                unroca.append(
                    [
                        deal.recipient,
                        year,
                        "import",
                        category,
                        deal.supplier,
                        importer_number,
                        "",
                        "",
                        f"{designation} {description}",
                        "synthetic",
                    ]
                )
            if year >= 2015:
                value = round(deal.tiv_unit * number * 1_000_000 * rng.uniform(0.8, 1.6))
                att.append(
                    [
                        deal.supplier,
                        year,
                        "export",
                        "actual",
                        category,
                        deal.recipient,
                        exporter_number,
                        value,
                        "USD",
                        description,
                        "synthetic",
                    ]
                )
                if roll < 0.6:
                    att.append(
                        [
                            deal.recipient,
                            year,
                            "import",
                            "actual",
                            category,
                            deal.supplier,
                            importer_number,
                            "",
                            "",
                            description,
                            "synthetic",
                        ]
                    )
    return unroca, att


UNROCA_HEADER = list(unroca.FORMAT.header)
ATT_HEADER = list(att.FORMAT.header)


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def load_demo_transfers(con: duckdb.DuckDBPyConnection) -> None:
    rng = random.Random(SEED)
    deals = generate_deals(rng)
    unroca, att = register_reports(deals, rng)
    with tempfile.TemporaryDirectory() as folder:
        register = Path(folder) / "synthetic-trade-register.csv"
        write_trade_register(deals, register)
        unroca_file = Path(folder) / "synthetic-un-register-reports.csv"
        _write_csv(unroca_file, UNROCA_HEADER, unroca)
        att_file = Path(folder) / "synthetic-att-reports.csv"
        _write_csv(att_file, ATT_HEADER, att)
        for path, format_name, source_id in (
            (register, "sipri", "demo_transfers"),
            (unroca_file, "unroca", "demo_un_register"),
            (att_file, "att", "demo_att_reports"),
        ):
            report = ingest_into(con, path, format_name, source_id=source_id)
            if report.status != "loaded":
                raise RuntimeError(f"synthetic {format_name} set did not load: {report.message}")
