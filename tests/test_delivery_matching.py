"""One delivery is one delivery: a delivery that the trade register, the UN Register (exporter and
importer) and an ATT report all give is matched into one (delivery_matches) and counted once by
the screening, the transfer totals and the flows, with every report of it; numbers within the
tolerance match, numbers beyond it do not, another weapon or another supplier is another delivery.
Loaded through the real path into a warehouse of its own."""

from __future__ import annotations

import pytest
from support import query
from support.registers import VISIBLE, registers_loaded

# (deal id, supplier, recipient, designation, description, category, items, delivery year)
TRADE_REGISTER = [
    ("201", "Russia", "South Sudan", "BTR-80", "APC", "Armoured vehicles", 4, 2020),
    ("202", "Russia", "South Sudan", "T-72M1", "tank", "Armoured vehicles", 10, 2020),
    ("203", "Ukraine", "South Sudan", "BTR-80", "APC", "Armoured vehicles", 40, 2020),
    ("204", "France", "India", "BTR-80", "APC", "Armoured vehicles", 12, 2019),
]
UN_REGISTER = [
    # the exporter gives 4, the importer 6: two apart, within the tolerance
    ["Russia", 2020, "export", "II", "South Sudan", 4, "", "", "BTR-80 APC", ""],
    ["South Sudan", 2020, "import", "II", "Russia", 6, "", "", "BTR-80 APC", ""],
    ["France", 2019, "export", "II", "India", 12, "", "", "BTR-80 APC", ""],
]
ATT_REPORTS = [
    ["Russia", 2020, "export", "actual", "II", "South Sudan", 4, "", "", "APC", ""],
    # 30 against 4: beyond the tolerance (5 items or 25%), another delivery
    ["South Sudan", 2020, "import", "actual", "II", "Russia", 30, "", "", "APC", ""],
]


@pytest.fixture(scope="module")
def matched(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("matching")
    db, loaded = registers_loaded(warehouse, folder, TRADE_REGISTER, UN_REGISTER, ATT_REPORTS)
    assert loaded == [("loaded", 4, 0), ("loaded", 3, 0), ("loaded", 2, 0)]
    return db


def deliveries_of(db) -> list[tuple]:
    """Each delivery as the sorted (source, flow, items) of its lines."""
    rows = query(
        db,
        "SELECT list((t.source_id, coalesce(t.flow, ''), CAST(t.quantity AS INTEGER)) "
        "ORDER BY t.source_id, t.flow NULLS FIRST) FROM delivery_matches AS m "
        "JOIN transfers AS t USING (transfer_id) WHERE m.clearance = 'strictly_confidential' "
        "GROUP BY m.delivery_id ORDER BY 1",
    )
    return [tuple(row[0]) for row in rows]


def test_three_registers_one_delivery_numbers_within_tolerance(matched):
    assert deliveries_of(matched) == [
        (
            ("att_reports", "export", 4),
            ("sipri_trade_register", "", 4),
            ("un_register", "export", 4),
            ("un_register", "import", 6),
        ),
        (("att_reports", "import", 30),),
        (("sipri_trade_register", "", 10),),
        (("sipri_trade_register", "", 12), ("un_register", "export", 12)),
        (("sipri_trade_register", "", 40),),
    ]


def test_screening_counts_each_delivery_once(matched):
    summary = query(
        matched,
        "SELECT embargo_id, verdict, deliveries, register_lines, items "
        "FROM screening_summary(?, [], [], [], 1950, 2100)",
        [VISIBLE],
    )
    # 7 register lines to South Sudan, 4 deliveries; items once each: 6 (the largest number
    # reported of the first) + 10 + 40 + 30
    assert summary == [("un-south-sudan-2018", "violation_indicator", 4, 7, 86.0)]
    lines = query(
        matched,
        "SELECT count(*) FROM screening_rows(?, [], [], [], 1950, 2100)",
        [VISIBLE],
    )
    assert lines == [(7,)]


def test_screening_deliveries_list_every_report(matched):
    rows = query(
        matched,
        "SELECT weapon_description, quantity_low, quantity_high, reports, "
        "[(r.source, r.flow, CAST(r.quantity AS INTEGER)) FOR r IN reported_by] "
        "FROM screening_deliveries(?, [], [], [], 1950, 2100) ORDER BY reports DESC, 2",
        [VISIBLE],
    )
    assert rows == [
        (
            "BTR-80 APC",
            4.0,
            6.0,
            4,
            [
                ("att_reports", "export", 4),
                ("sipri_trade_register", None, 4),
                ("un_register", "export", 4),
                ("un_register", "import", 6),
            ],
        ),
        ("T-72M1 tank", 10.0, 10.0, 1, [("sipri_trade_register", None, 10)]),
        ("APC", 30.0, 30.0, 1, [("att_reports", "import", 30)]),
        ("BTR-80 APC", 40.0, 40.0, 1, [("sipri_trade_register", None, 40)]),
    ]


def test_transfer_totals_and_flows_count_distinct_deliveries(matched):
    totals = query(
        matched,
        "SELECT delivery_year, category, deliveries, items, register_lines "
        "FROM transfer_totals_by_year(?, [], [], [], [], 1950, 2100)",
        [VISIBLE],
    )
    assert totals == [(2019, "II", 1, 12.0, 2), (2020, "I", 1, 10.0, 1), (2020, "II", 3, 76.0, 6)]
    flows = query(
        matched,
        "SELECT supplier_iso3, recipient_iso3, deliveries, items, register_lines "
        "FROM transfer_flows(?, [], [], [], [], 1950, 2100) ORDER BY 1, 2",
        [VISIBLE],
    )
    assert flows == [
        ("FRA", "IND", 1, 12.0, 2),
        ("RUS", "SSD", 3, 46.0, 6),
        ("UKR", "SSD", 1, 40.0, 1),
    ]
    # one register alone: its own lines, each a delivery
    only_un_register = query(
        matched,
        "SELECT count(*) FROM deliveries_filtered(?, [], [], [], ['un_register'], 1950, 2100)",
        [VISIBLE],
    )
    assert only_un_register == [(2,)]


def test_only_lines_named_after_another_are_stored(matched):
    """delivery_matched_lines holds a row per clearance for each line whose delivery is named
    after another line; every other line (the smallest of a delivery, or one matching nothing)
    is its own delivery, which the view delivery_matches gives with the others."""
    stored = query(
        matched,
        "SELECT clearance, count(*), count(DISTINCT delivery_id) FROM delivery_matched_lines "
        "GROUP BY clearance ORDER BY clearance",
    )
    # 3 lines named after the trade register's Russian BTR-80 line's delivery, 1 after the
    # French one: the same at each clearance (every line is public)
    assert stored == [
        ("confidential", 4, 2),
        ("public", 4, 2),
        ("restricted", 4, 2),
        ("strictly_confidential", 4, 2),
    ]
    assert query(
        matched, "SELECT count(*) FROM delivery_matched_lines WHERE delivery_id = transfer_id"
    ) == [(0,)]
    every_line = query(
        matched,
        "SELECT clearance, count(*), count(DISTINCT delivery_id) FROM delivery_matches "
        "GROUP BY clearance ORDER BY clearance",
    )
    assert every_line == [
        ("confidential", 9, 5),
        ("public", 9, 5),
        ("restricted", 9, 5),
        ("strictly_confidential", 9, 5),
    ]
