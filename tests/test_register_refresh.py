"""A register loaded into a warehouse that already holds lines refreshes the stored screening
for its own lines and delivery matching for the supplier, recipient and year groups of its
lines only (embargo.warehouse.refresh): the result is exactly the full recomputation's. Three
registers loaded one after the other, each into the warehouse the last left."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import copy_of, query, write_csv
from support.registers import write_trade_register
from test_delivery_matching import ATT_REPORTS, TRADE_REGISTER, UN_REGISTER

from embargo.warehouse import connect_writable, refresh_derived_tables
from ingest.files import ingest_files
from ingest.sources import att, unroca

DERIVED = ("delivery_matched_lines", "transfer_screening_results")


def contents(db: Path) -> dict[str, tuple]:
    return {table: tuple(query(db, f"FROM table_checksum('{table}')")[0][1:]) for table in DERIVED}


@pytest.fixture(scope="module")
def loaded_one_by_one(tmp_path_factory, warehouse) -> Path:
    folder = tmp_path_factory.mktemp("one_by_one")
    db = copy_of(warehouse, folder)
    files = [
        write_trade_register(folder / "trade_register.csv", TRADE_REGISTER),
        write_csv(folder / "un_register.csv", unroca.FORMAT.header, UN_REGISTER),
        write_csv(folder / "att_reports.csv", att.FORMAT.header, ATT_REPORTS),
    ]
    for path in files:
        [report] = ingest_files(db, [path])
        assert report.status == "loaded", report.message
    return db


def test_each_load_gives_what_a_full_refresh_gives(loaded_one_by_one):
    stored = contents(loaded_one_by_one)
    con = connect_writable(loaded_one_by_one)
    try:
        refresh_derived_tables(con)
    finally:
        con.close()
    assert contents(loaded_one_by_one) == stored
    # 4 lines named after another (3 of the South Sudan BTR-80 delivery, 1 of India's) at each
    # of the 4 clearances; the 7 lines to South Sudan screened against its embargo
    assert query(loaded_one_by_one, "SELECT count(*) FROM delivery_matched_lines") == [(16,)]
    assert query(
        loaded_one_by_one,
        "SELECT recipient_iso3, embargo_id, count(*) FROM transfer_screening_results "
        "GROUP BY ALL ORDER BY ALL",
    ) == [("SSD", "un-south-sudan-2018", 7)]


def test_deliveries_match_across_loads(loaded_one_by_one):
    rows = query(
        loaded_one_by_one,
        "SELECT list((t.source_id, coalesce(t.flow, ''), CAST(t.quantity AS INTEGER)) "
        "ORDER BY t.source_id, t.flow NULLS FIRST) FROM delivery_matches AS m "
        "JOIN transfers AS t USING (transfer_id) WHERE m.clearance = 'public' "
        "GROUP BY m.delivery_id HAVING count(*) > 1 ORDER BY 1",
    )
    assert [tuple(row[0]) for row in rows] == [
        (
            ("att_reports", "export", 4),
            ("sipri_trade_register", "", 4),
            ("un_register", "export", 4),
            ("un_register", "import", 6),
        ),
        (("sipri_trade_register", "", 12), ("un_register", "export", 12)),
    ]
