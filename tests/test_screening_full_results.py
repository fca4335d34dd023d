"""The Screening page's full results (its downloads) are read unsorted and put into the page's
order by polars: they are exactly the screening_rows and screening_deliveries macros' rows, in
their order, with their columns and types, at every clearance, with filters, a register, and
an "as known on" day. On the demo warehouse, built by the real build."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from dashboard import queries
from dashboard.queries import engine
from embargo.classification import Classification
from embargo.warehouse import connect_read_only

FILTERS = [
    queries.ScreeningFilters(),
    queries.ScreeningFilters(verdicts=("violation_indicator", "exemption_check")),
    queries.ScreeningFilters(source_ids=("demo_un_register",), year_from=2000, year_to=2015),
]
LEVELS = [Classification.PUBLIC, Classification.STRICTLY_CONFIDENTIAL]
# (lines, deliveries) of each filter set: the demo's lines are all public, every level sees them
SIZES = [(2621, 1212), (521, 243), (700, 382)]


@pytest.fixture
def on_demo(demo_warehouse, monkeypatch):
    monkeypatch.setenv("EMBARGO_DB", str(demo_warehouse))
    monkeypatch.setenv("EMBARGO_QUERY_CACHE_MB", "0")
    return demo_warehouse


def by_macro(db, macro: str, params: dict, known_on: dt.date | None) -> pl.DataFrame:
    con = connect_read_only(db)
    try:
        con.execute("SET VARIABLE known_on = CAST(? AS DATE)", [known_on])
        return con.execute(
            f"SELECT * FROM {macro}($visible, $embargo_ids, $verdicts, $sources, $year_from, "
            "$year_to)",
            params,
        ).pl()
    finally:
        con.close()


@pytest.mark.parametrize("known_on", [None, dt.date(2025, 1, 1)])
@pytest.mark.parametrize("clearance", LEVELS)
def test_full_results_are_the_macros_rows_in_their_order(on_demo, clearance, known_on):
    sizes = []
    for filters in FILTERS:
        params = filters.params(clearance)
        with engine.known_on(known_on):
            lines = queries.screening_rows(clearance, filters)
            deliveries = queries.screening_deliveries(clearance, filters)
        expected_lines = by_macro(on_demo, "screening_rows", params, known_on)
        expected_deliveries = by_macro(on_demo, "screening_deliveries", params, known_on)
        assert lines.schema == expected_lines.schema
        assert lines.equals(expected_lines)
        assert deliveries.schema == expected_deliveries.schema
        assert deliveries.equals(expected_deliveries)
        # the page's first rows: the same as the full result's
        with engine.known_on(known_on):
            first = queries.screening_rows(clearance, filters, limit=25)
        assert first.equals(lines.head(25))
        sizes.append((lines.height, deliveries.height))
    assert sizes == SIZES


def test_the_demo_has_lines_to_order(on_demo):
    lines = queries.screening_rows(Classification.STRICTLY_CONFIDENTIAL, FILTERS[0])
    assert lines.height == 2621
    assert lines["verdict"].unique(maintain_order=True).to_list()[0] == "violation_indicator"
