"""Invented transfer registers loaded through the real path into a warehouse of a test's own:
a trade register in SIPRI's new-format layout, UN Register reports and ATT reports, as the tests
of delivery matching and register reporting use them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from demo.transfers import SIPRI_NEW_HEADER
from ingest.files import ingest_files
from ingest.sources import att, unroca
from support import copy_of, write_csv

VISIBLE = ["public", "restricted", "confidential", "strictly_confidential"]
# A trade-register delivery: (deal id, supplier, recipient, designation, description, category,
# items, delivery year); ordered the year before, 0.5 TIV an item.
TradeDelivery = tuple[str, str, str, str, str, str, int, int]


def write_trade_register(path: Path, deliveries: Sequence[TradeDelivery]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Invented test deliveries in the SIPRI new-format layout.\n\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(SIPRI_NEW_HEADER)
        for (
            deal,
            supplier,
            recipient,
            designation,
            description,
            category,
            items,
            year,
        ) in deliveries:
            writer.writerow(
                [
                    *(deal, supplier, recipient, designation, description, category),
                    *(year - 1, "No", items, "No", year, "No", "New", "No", 0.5, items * 0.5),
                    "No",
                ]
            )
    return path


def registers_loaded(
    warehouse: Path,
    folder: Path,
    trade_register: Sequence[TradeDelivery],
    un_register: Sequence[Sequence],
    att_reports: Sequence[Sequence],
) -> tuple[Path, list[tuple[str, int, int]]]:
    """A copy of the warehouse with the three registers loaded; the (status, rows loaded, rows
    rejected) of each file."""
    db = copy_of(warehouse, folder)
    files = [
        write_trade_register(folder / "trade_register.csv", trade_register),
        write_csv(folder / "un_register.csv", unroca.FORMAT.header, un_register),
        write_csv(folder / "att_reports.csv", att.FORMAT.header, att_reports),
    ]
    reports = ingest_files(db, files)
    return db, [(r.status, r.rows_loaded, r.rows_rejected) for r in reports]
