"""The stored screening: screening_lines and screening_delivery_rows hold the screened lines and
deliveries once per clearance level that differs (as delivery_matches is matched; a clearance
above the most sensitive record held reads that record's level), and the Screening page's queries
read them when no "as known on" day and no register is chosen; with a day or a register they
group the lines afresh. Both paths give the same rows, at every clearance. Loaded through the
real path into warehouses of the tests' own."""

from __future__ import annotations

import duckdb
import pytest
from support import query
from support.clearance_records import built
from support.registers import VISIBLE, registers_loaded

# (deal id, supplier, recipient, designation, description, category, items, delivery year)
TRADE_REGISTER = [
    ("301", "Russia", "South Sudan", "BTR-80", "APC", "Armoured vehicles", 4, 2020),
    ("302", "Russia", "South Sudan", "T-72M1", "tank", "Armoured vehicles", 10, 2020),
]
UN_REGISTER = [
    ["Russia", 2020, "export", "II", "South Sudan", 4, "", "", "BTR-80 APC", ""],
    ["South Sudan", 2020, "import", "II", "Russia", 6, "", "", "BTR-80 APC", ""],
]
ATT_REPORTS = [["Russia", 2020, "export", "actual", "II", "South Sudan", 4, "", "", "APC", ""]]
EVERY_YEAR = "1950, 2100"
LEVELS = [VISIBLE[: rank + 1] for rank in range(len(VISIBLE))]
FAR_FUTURE = "2999-12-31"  # "as known on" a day after every load: the records as known now


@pytest.fixture(scope="module")
def matched(tmp_path_factory, warehouse):
    folder = tmp_path_factory.mktemp("screening_stored")
    db, loaded = registers_loaded(warehouse, folder, TRADE_REGISTER, UN_REGISTER, ATT_REPORTS)
    assert loaded == [("loaded", 2, 0), ("loaded", 2, 0), ("loaded", 1, 0)]
    return db


def reports_of(db, sources: list[str]) -> list[tuple]:
    return query(
        db,
        "SELECT weapon_description, quantity_low, quantity_high, reports, "
        "[(r.source, r.flow, CAST(r.quantity AS INTEGER)) FOR r IN reported_by] "
        f"FROM screening_deliveries(?, [], [], ?, {EVERY_YEAR}) ORDER BY 1, 2",
        [VISIBLE, sources],
    )


def test_the_stored_deliveries_hold_every_report_and_a_register_filter_keeps_its_own(matched):
    assert reports_of(matched, []) == [
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
    ]
    # One register chosen: the deliveries are grouped from its lines alone.
    assert reports_of(matched, ["un_register"]) == [
        ("BTR-80 APC", 4.0, 6.0, 2, [("un_register", "export", 4), ("un_register", "import", 6)])
    ]
    summary = query(
        matched,
        "SELECT embargo_id, verdict, deliveries, register_lines, items "
        f"FROM screening_summary(?, [], [], ?, {EVERY_YEAR})",
        [VISIBLE, ["un_register"]],
    )
    assert summary == [("un-south-sudan-2018", "violation_indicator", 1, 2, 6.0)]


def test_one_row_set_for_every_clearance_when_every_line_is_public(matched):
    """Every line and notification public: the stored tables hold the public row set only, which
    every clearance reads (sees_row_set), with the same answers at every level."""
    counts = query(
        matched,
        "SELECT clearance, count(*), count(DISTINCT delivery_id) FROM screening_lines "
        "GROUP BY clearance ORDER BY clearance",
    )
    # 5 lines (each screened against the South Sudan embargo), 2 deliveries
    assert counts == [("public", 5, 2)]
    delivered = query(
        matched,
        "SELECT clearance, count(*), sum(reports) FROM screening_delivery_rows "
        "GROUP BY clearance ORDER BY clearance",
    )
    assert delivered == [("public", 2, 5)]
    assert query(matched, "SELECT DISTINCT clearance FROM delivery_groups ORDER BY clearance") == [
        ("public",)
    ]
    # read by every clearance, from public (1) to strictly confidential (4)
    ranges = "SELECT DISTINCT clearance_rank_from, clearance_rank_to FROM {}"
    for table in ("screening_lines", "screening_delivery_rows", "delivery_groups"):
        assert query(matched, ranges.format(table)) == [(1, 4)], table
    con = duckdb.connect(str(matched), read_only=True)
    try:
        answers = [every_answer(con, visible) for visible in LEVELS]
    finally:
        con.close()
    assert answers[0]["screening_rows"]
    assert all(answer == answers[0] for answer in answers[1:])


def every_answer(con: duckdb.DuckDBPyConnection, visible: list[str]) -> dict[str, list]:
    """Every screening macro's rows and a few of the page's aggregates for a viewer."""
    answers = {}
    for macro in ("screening_rows", "screening_deliveries", "screening_summary"):
        answers[macro] = con.execute(
            f"SELECT * FROM {macro}(?, [], [], [], {EVERY_YEAR})",
            [visible],
        ).fetchall()
    answers["by_year"] = con.execute(
        "SELECT embargo_short_name, delivery_year, verdict, count(DISTINCT delivery_id) "
        f"FROM screening_deliveries_filtered(?, [], [], [], {EVERY_YEAR}) "
        "GROUP BY ALL ORDER BY ALL",
        [visible],
    ).fetchall()
    return answers


@pytest.mark.parametrize(
    ("levels", "row_sets"),
    [
        (VISIBLE, [("public", 1, 1, 1), ("restricted", 2, 2, 2), ("confidential", 3, 3, 3),
                   ("strictly_confidential", 4, 4, 4)]),
        # nothing above restricted: its row set is read by every clearance from restricted on
        (VISIBLE[:2], [("public", 1, 1, 1), ("restricted", 2, 4, 2)]),
    ],
    ids=["every level", "public and restricted"],
)  # fmt: skip
def test_the_stored_screening_is_the_screening_computed_from_the_lines(
    tmp_path_factory, warehouse, levels, row_sets
):
    """With an "as known on" day after every load, every query takes the computed path (the
    lines screened, matched and grouped afresh) and must give the stored path's rows exactly,
    at every clearance: the clearance fixture's exemption notifications at every level make the
    reasons differ from one level to the next. A row set is held per level that differs only."""
    path = built(tmp_path_factory, warehouse, "screening_levels", levels)
    con = duckdb.connect(str(path), read_only=True)
    try:
        notified = con.execute(
            "SELECT clearance, clearance_rank_from, clearance_rank_to, "
            "max(notifications_on_file) FROM screening_lines "
            "GROUP BY ALL ORDER BY clearance_rank_from"
        ).fetchall()
        assert notified == row_sets
        held = (
            "SELECT DISTINCT clearance, clearance_rank_from, clearance_rank_to FROM {} ORDER BY 2"
        )
        assert con.execute(held.format("screening_delivery_rows")).fetchall() == [
            row[:3] for row in row_sets
        ]
        # the fixture's register lines are all public (SIPRI publishes them): one row set of
        # delivery groups, read by every clearance
        assert con.execute(held.format("delivery_groups")).fetchall() == [("public", 1, 4)]
        for visible in LEVELS:
            con.execute("SET VARIABLE known_on = NULL")
            stored = every_answer(con, visible)
            con.execute(f"SET VARIABLE known_on = DATE '{FAR_FUTURE}'")
            computed = every_answer(con, visible)
            assert stored == computed, visible[-1]
            assert stored["screening_rows"], visible[-1]
    finally:
        con.close()
