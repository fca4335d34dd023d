"""Synthetic panel findings and the synthetic sanctions list (demo.findings) in the demo
warehouse: labelled synthetic, no real document symbol or party, every row loaded, tied to the
synthetic seizure events and items, and the same findings from the same warehouse every time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from demo.findings import generate
from embargo.warehouse import connect_read_only

SOURCES = ("demo_findings", "demo_sanctions_list")


@pytest.fixture(scope="module")
def demo(demo_warehouse: Path):
    con = connect_read_only(demo_warehouse)
    yield con
    con.close()


def test_loaded_whole_and_labelled_synthetic(demo) -> None:
    logged = demo.execute(
        "SELECT l.source_id, l.rows_read, l.rows_loaded, l.rows_rejected, s.is_synthetic "
        "FROM load_log AS l JOIN source_registry AS s USING (source_id) "
        "WHERE list_contains(?, l.source_id) ORDER BY 1",
        [list(SOURCES)],
    ).fetchall()
    assert logged == [
        ("demo_findings", 270, 270, 0, True),
        ("demo_sanctions_list", 9, 9, 0, True),
    ]
    symbols = [
        row[0] for row in demo.execute("SELECT document_symbol FROM panel_findings").fetchall()
    ]
    assert all(symbol.startswith("SYN/PoE/") for symbol in symbols)
    assert not any(re.match(r"S/\d{4}/\d+", symbol) for symbol in symbols)
    summaries = demo.execute(
        "SELECT count(*) FILTER (WHERE NOT starts_with(summary, 'Synthetic finding')) "
        "FROM panel_findings"
    ).fetchone()
    assert summaries == (0,)
    parties = demo.execute(
        "SELECT count(*), count(*) FILTER (WHERE starts_with(name, 'SYNTHETIC') "
        "AND starts_with(reference_number, 'SYN')) FROM sanctioned_parties"
    ).fetchone()
    assert parties == (9, 9)


def test_findings_are_tied_to_synthetic_events_and_items(demo) -> None:
    links = demo.execute(
        "SELECT reference_kind, matched_kind, count(*) FROM panel_finding_links "
        "GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert links == [
        ("entity", "sanctioned_party", 78),
        ("entity", None, 25),
        ("event", "seizure_event", 519),
        ("event", None, 3),
        ("serial", "seizure_item", 355),
        ("serial", None, 2),
        ("state", "country", 711),
    ]
    # a finding's events lie in its target country, before its document date
    misplaced = demo.execute(
        "SELECT count(*) FROM panel_finding_links AS l JOIN panel_findings AS f "
        "USING (finding_uid) JOIN seizure_events AS e ON e.event_uid = l.matched_id "
        "WHERE l.matched_kind = 'seizure_event' AND (e.country_iso3 <> f.target_iso3 "
        "OR e.event_date > f.document_date)"
    ).fetchone()
    assert misplaced == (0,)
    # each finding belongs to the episode in force on its document date for its target
    outside = demo.execute(
        "SELECT count(*) FROM panel_findings AS f JOIN embargoes AS e USING (embargo_id) "
        "WHERE f.document_date < e.start_date OR f.document_date >= e.end_date"
    ).fetchone()
    assert outside == (0,)


def test_same_warehouse_same_findings(demo) -> None:
    assert generate(demo) == generate(demo)
    assert len(generate(demo)) == 270
