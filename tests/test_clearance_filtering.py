"""Clearance filtering, proven for every query the pages use.

Two warehouses are built through the real build and ingest from the same fixture files: FULL
loads files at every classification level, PARTIAL only the public and restricted ones. For every
public function of dashboard/queries/, a viewer cleared `restricted` must get from FULL exactly
what anyone gets from PARTIAL: no row, count, total or filter option may betray that the
confidential and strictly confidential files exist. Load ids and load times differ between two
builds by nature and are left out of the comparison.

QUERY_EXAMPLES must name every public function of dashboard/queries/ with example arguments:
a new query function without an entry fails `test_every_query_function_has_an_example`, so every
new page's queries are forced through this test.
"""

from __future__ import annotations

import datetime as dt
import inspect
import io
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pypdf
import pytest
from support import query
from support.clearance_records import LEVELS, ON, RESTRICTED, TAGS, built

from dashboard import briefing, queries
from dashboard.briefing import content, images
from dashboard.common import spreadsheet_safe_csv
from embargo import watches
from embargo.classification import Classification
from embargo.warehouse import connect_read_only


@pytest.fixture(scope="module")
def full(tmp_path_factory, warehouse) -> Path:
    return built(tmp_path_factory, warehouse, "full", LEVELS)


@pytest.fixture(scope="module")
def partial(tmp_path_factory, warehouse) -> Path:
    return built(tmp_path_factory, warehouse, "partial", ["public", "restricted"])


class Warehouse:
    """Example arguments that depend on the warehouse (ids differ from build to build)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def column(self, sql: str) -> list:
        con = connect_read_only(self.path)
        try:
            return [row[0] for row in con.execute(sql).fetchall()]
        finally:
            con.close()


F = queries
TRANSFERS = F.TransferFilters()
SEIZURES = F.SeizureFilters()
# A place: 25 km around Bangui, where the fixture's events are
PLACED = F.SeizureFilters(countries=("CAF",), near_lat=4.3666, near_lon=18.5583, near_km=25.0)
SCREENING = F.ScreeningFilters()
FINDINGS = F.FindingFilters()
PROFILE = F.ProfileScope("CAF")  # every year: the fixture's seizures, traces and findings
FINDING_UIDS = [f"un-car-2013:F-{tag}" for tag in TAGS.values()]


def load_log_in_one_snapshot(clearance: Classification) -> object:
    with F.one_snapshot_per_page():
        return F.load_log(clearance)


def load_log_read_from(clearance: Classification, path: Path) -> object:
    with F.reading_from(path):
        return F.load_log(clearance)


# Every public function of dashboard/queries/ with example arguments: (clearance, warehouse)
# -> result. Arguments name records of every level (serials, ids) so a missing filter shows.
QUERY_EXAMPLES: dict[str, Callable[[Classification, Warehouse], object]] = {
    "data_version": lambda c, w: F.data_version(c),
    "outdated_warehouse": lambda c, w: F.outdated_warehouse(c),
    "data_inventory": lambda c, w: F.data_inventory(c),
    "synthetic_sources_loaded": lambda c, w: F.synthetic_sources_loaded(c),
    "source_registry": lambda c, w: F.source_registry(c),
    "load_log": lambda c, w: F.load_log(c),
    "one_snapshot_per_page": lambda c, w: load_log_in_one_snapshot(c),
    "reading_from": lambda c, w: load_log_read_from(c, w.path),
    "rejects": lambda c, w: F.rejects(c),
    "rule_resolved_actors": lambda c, w: F.rule_resolved_actors(c),
    "brokering_records": lambda c, w: F.brokering_records(c, None),
    "brokering_screening": lambda c, w: F.brokering_screening(c, None),
    "link_candidates": lambda c, w: F.link_candidates(c, [], 60),
    "column_descriptions": lambda c, w: F.column_descriptions(c),
    "embargo_key_figures": lambda c, w: F.embargo_key_figures(c, ON),
    "embargo_timeline": lambda c, w: F.embargo_timeline(c),
    "embargo_change_points": lambda c, w: F.embargo_change_points(c),
    "embargo_map": lambda c, w: F.embargo_map(c, ON),
    "country_shapes_geojson": lambda c, w: F.country_shapes_geojson(c),
    "country_shapes_digest": lambda c, w: F.country_shapes_digest(c),
    "map_shape_keys": lambda c, w: F.map_shape_keys(c),
    "embargo_choices": lambda c, w: F.embargo_choices(c),
    "embargo_detail": lambda c, w: F.embargo_detail(c, "un-car-2013"),
    "embargoes_applicable": lambda c, w: F.embargoes_applicable(c, "CAF", ON),
    "country_choices": lambda c, w: F.country_choices(c),
    "embargoes_in_force": lambda c, w: F.embargoes_in_force(c, ON),
    "embargo_statuses": lambda c, w: F.embargo_statuses(c),
    "embargo_changes_since": lambda c, w: F.embargo_changes_since(c, dt.date(2024, 1, 1)),
    "transfer_sources": lambda c, w: F.transfer_sources(c),
    "transfer_filter_options": lambda c, w: F.transfer_filter_options(c),
    "transfers_table": lambda c, w: F.transfers_table(c, TRANSFERS),
    "transfers_count": lambda c, w: F.transfers_count(c, TRANSFERS),
    "deliveries_count": lambda c, w: F.deliveries_count(c, TRANSFERS),
    "transfer_totals_by_year": lambda c, w: F.transfer_totals_by_year(c, TRANSFERS),
    "transfer_flows": lambda c, w: F.transfer_flows(c, TRANSFERS),
    "embargoed_countries_in_year": lambda c, w: F.embargoed_countries_in_year(c, 2024),
    "screening_summary": lambda c, w: F.screening_summary(c, SCREENING),
    "screening_rows": lambda c, w: F.screening_rows(c, SCREENING),
    "screening_deliveries": lambda c, w: F.screening_deliveries(c, SCREENING),
    "screening_delivery_count": lambda c, w: F.screening_delivery_count(c, SCREENING),
    "screening_by_year": lambda c, w: F.screening_by_year(c, SCREENING),
    "screening_embargo_choices": lambda c, w: F.screening_embargo_choices(c),
    "listed_party_screening": lambda c, w: F.listed_party_screening(c, SCREENING),
    "register_mirror": lambda c, w: F.register_mirror(c, TRANSFERS),
    "seizure_filter_options": lambda c, w: F.seizure_filter_options(c),
    "hotspot_cells": lambda c, w: F.hotspot_cells(c, SEIZURES, 1.0),
    "seizures_by_country": lambda c, w: F.seizures_by_country(c, SEIZURES),
    "emerging_hotspots": lambda c, w: F.emerging_hotspots(c, SEIZURES, 1.0, ON, 3, 12),
    "seizure_monthly": lambda c, w: [
        F.seizure_monthly(c, SEIZURES, country, dimension)
        for country in (None, "CAF")
        for dimension in ("category", "context", "reporting_entity")
    ],
    "embargo_change_points_for_country": lambda c, w: F.embargo_change_points_for_country(c, "CAF"),
    "fresh_supply_indicator": lambda c, w: [
        F.fresh_supply_indicator(c),
        F.fresh_supply_indicator(c, "CAF", SEIZURES.date_from, SEIZURES.date_to),
    ],
    "fresh_supply_items": lambda c, w: [
        F.fresh_supply_items(c, "un-car-2013"),
        F.fresh_supply_items(c, "un-car-2013", limit=3),
        F.fresh_supply_items(c, "un-car-2013", None, "CAF", SEIZURES.date_from, SEIZURES.date_to),
    ],
    "trace_requests": lambda c, w: [
        F.trace_requests(c),
        F.trace_requests(c, limit=3),
        F.trace_requests(c, filters=PLACED),
    ],
    "tracing_by_addressee": lambda c, w: [
        F.tracing_by_addressee(c),
        F.tracing_by_addressee(c, PLACED),
    ],
    "trace_overdue": lambda c, w: (
        [F.trace_overdue(c, days) for days in (1, 365)] + [F.trace_overdue(c, 1, PLACED)]
    ),
    "seizure_place_options": lambda c, w: F.seizure_place_options(c),
    "towns_of": lambda c, w: F.towns_of("CAF"),
    "seizure_events_unlocated": lambda c, w: [
        F.seizure_events_unlocated(c, SEIZURES),
        F.seizure_events_unlocated(c, PLACED),
    ],
    "seizure_events_unlocated_count": lambda c, w: F.seizure_events_unlocated_count(c, SEIZURES),
    "fresh_supply_by_manufacture": lambda c, w: [
        F.fresh_supply_by_manufacture(c, "un-car-2013"),
        F.fresh_supply_by_manufacture(c, "un-car-2013", "CAF", SEIZURES.date_from, None),
    ],
    "possible_double_reports": lambda c, w: [
        F.possible_double_reports(c, 30, 25.0),
        F.possible_double_reports(c, 36500, 20000.0),
    ],
    "workflow_state_summary": lambda c, w: [
        F.workflow_state_summary(c, kind) for kind in WORKFLOWS
    ],
    "workflow_history": lambda c, w: [F.workflow_history(c, kind) for kind in WORKFLOWS],
    "trace_request_state_summary": lambda c, w: [
        F.trace_request_state_summary(c),
        F.trace_request_state_summary(c, PLACED),
    ],
    "trace_request_history": lambda c, w: [
        F.trace_request_history(c),
        F.trace_request_history(c, PLACED),
    ],
    "known_on": lambda c, w: known_on_example(c),
    "sdg_16_4_2": lambda c, w: F.sdg_16_4_2(c),
    "watch_news": lambda c, w: [
        F.watch_news(c, watch, dt.datetime(2000, 1, 1)) for watch in WATCHES
    ],
    "item_search": lambda c, w: [F.item_search(c, text) for text in ("AK", "AK-C-1", "AKM")],
    "item_trace_history": lambda c, w: [
        F.item_trace_history(c, f"AK{tag}2") for tag in TAGS.values()
    ],
    "item_transfer_candidates": lambda c, w: F.item_transfer_candidates(
        c, w.column("SELECT item_line_uid FROM seizure_items ORDER BY ALL")
    ),
    "seizure_earlier_versions": lambda c, w: F.seizure_earlier_versions(
        c, w.column("SELECT item_line_uid FROM seizure_items ORDER BY ALL")
    ),
    "finding_filter_options": lambda c, w: F.finding_filter_options(c),
    "findings_table": lambda c, w: F.findings_table(c, FINDINGS),
    "findings_by_year": lambda c, w: F.findings_by_year(c, FINDINGS),
    "findings_by_panel": lambda c, w: F.findings_by_panel(c, FINDINGS),
    "finding_event_points": lambda c, w: F.finding_event_points(c, FINDINGS),
    "finding_linked_records": lambda c, w: [F.finding_linked_records(c, u) for u in FINDING_UIDS],
    "finding_listed_parties": lambda c, w: [F.finding_listed_parties(c, u) for u in FINDING_UIDS],
    "finding_references": lambda c, w: [F.finding_references(c, u) for u in FINDING_UIDS],
    "findings_unmatched": lambda c, w: F.findings_unmatched(c, FINDINGS),
    "load_report": lambda c, w: F.load_report(
        c, w.column("SELECT load_id FROM load_log ORDER BY ALL")
    ),
    "profile_country_choices": lambda c, w: F.profile_country_choices(c),
    "country_name": lambda c, w: F.country_name(c, "CAF"),
    "country_embargoes": lambda c, w: F.country_embargoes(c, "CAF"),
    "country_embargo_changes": lambda c, w: F.country_embargo_changes(c, "CAF"),
    "imports_around_embargoes": lambda c, w: F.imports_around_embargoes(c, "CAF", ON),
    "register_reporting": lambda c, w: F.register_reporting(c, "CAF", 2000, 2026),
    "country_delivery_count": lambda c, w: F.country_delivery_count(c, PROFILE),
    "transfers_outside_state_existence": lambda c, w: F.transfers_outside_state_existence(c),
    "country_imports_by_year": lambda c, w: F.country_imports_by_year(c, PROFILE),
    "country_top_suppliers": lambda c, w: F.country_top_suppliers(c, PROFILE),
    "country_seized_items": lambda c, w: F.country_seized_items(c, PROFILE),
    "country_seizure_totals": lambda c, w: F.country_seizure_totals(c, PROFILE),
    "country_seizure_places": lambda c, w: F.country_seizure_places(c, PROFILE),
    "country_seizure_documents": lambda c, w: F.country_seizure_documents(c, PROFILE),
    "country_fresh_supply": lambda c, w: F.country_fresh_supply(c, PROFILE),
    "country_tracing_outcomes": lambda c, w: F.country_tracing_outcomes(c, PROFILE),
    "country_sdg_16_4_2": lambda c, w: F.country_sdg_16_4_2(c, PROFILE),
    "country_profile_sources": lambda c, w: F.country_profile_sources(c, PROFILE),
    "country_panel_findings": lambda c, w: F.country_panel_findings(c, PROFILE),
    "country_listed_parties": lambda c, w: F.country_listed_parties(c, "CAF"),
    "country_conflict_by_year": lambda c, w: F.country_conflict_by_year(c, PROFILE),
    "country_conflict_by_type": lambda c, w: F.country_conflict_by_type(c, PROFILE),
    "seizure_event_choices": lambda c, w: F.seizure_event_choices(c),
    "seizure_event": lambda c, w: rows_of(F.seizure_event(c, uid) for uid in event_uids(w)),
    "seizure_event_items": lambda c, w: rows_of(
        F.seizure_event_items(c, uid) for uid in event_uids(w)
    ),
    "seizure_event_findings": lambda c, w: rows_of(
        F.seizure_event_findings(c, uid) for uid in event_uids(w)
    ),
    "supply_chain_edges": lambda c, w: F.supply_chain_edges(c, F.ChainFilters(year_from=0)),
    "supply_chain_choices": lambda c, w: F.supply_chain_choices(c),
    "item_chain_edges": lambda c, w: F.item_chain_edges(
        c, w.column("SELECT item_line_uid FROM seizure_items ORDER BY ALL")
    ),
    "resolve_party": lambda c, w: [F.resolve_party(key) for key in directory_keys(w)],
    "party_search": lambda c, w: F.party_search(c, "a"),
    "party_names": lambda c, w: [F.party_names(key) for key in directory_keys(w)],
    "regime_names": lambda c, w: F.regime_names(),  # public reference data
    "party_listing": lambda c, w: rows_of(F.party_listing(c, key) for key in party_keys(w)),
    "party_deliveries": lambda c, w: rows_of(F.party_deliveries(c, key) for key in party_keys(w)),
    "party_seized_items": lambda c, w: rows_of(
        F.party_seized_items(c, key) for key in party_keys(w)
    ),
    "party_brokering": lambda c, w: rows_of(F.party_brokering(c, key) for key in party_keys(w)),
    "party_findings": lambda c, w: rows_of(F.party_findings(c, key) for key in party_keys(w)),
    "party_screening": lambda c, w: rows_of(F.party_screening(c, key) for key in party_keys(w)),
}


def event_uids(w) -> list[str]:
    """Every stored event of the warehouse: asking for one hidden from the viewer must give what
    asking for one never loaded gives (nothing)."""
    return w.column("SELECT event_uid FROM seizure_events ORDER BY ALL")


def party_keys(w) -> list[str]:
    """The parties at the ends of the supply chains' edges at every level of the warehouse, and
    the first parties of the directory."""
    return w.column(
        "WITH every AS (SELECT * FROM supply_chain_edges(['public', 'restricted', "
        "'confidential', 'strictly_confidential'], NULL, [], [], 0, 9999)) "
        "SELECT party_key FROM party_directory WHERE 'party:' || party_key IN "
        "(SELECT from_id FROM every UNION SELECT to_id FROM every) "
        "UNION (SELECT DISTINCT party_key FROM party_directory ORDER BY ALL LIMIT 3) ORDER BY ALL"
    )


def directory_keys(w) -> list[str]:
    """The first parties of the directory (reference data: the same in every warehouse)."""
    return w.column("SELECT DISTINCT party_key FROM party_directory ORDER BY ALL LIMIT 3")


def rows_of(frames) -> pl.DataFrame:
    """The asked records' rows in one frame: the warehouses hold different records (FULL more),
    so what is compared is what comes back, not the question asked."""
    return pl.concat(list(frames), how="vertical")


# Results that differ between two builds by nature, whatever the clearance.
BUILD_SPECIFIC = {"data_version"}
# Columns that name a particular build's loads or times.
VOLATILE_COLUMNS = (
    "load_id", "started_at", "finished_at", "last_loaded_at", "loaded_at", "recorded_at",
)  # fmt: skip


WORKFLOWS = ("trace request", "exemption notification", "panel finding")


def known_on_example(clearance: Classification) -> list:
    """Pages read as known on a day: today (every version loaded) and a day before any load."""
    results = []
    for day in (dt.date.today(), dt.date(2000, 1, 1)):
        with F.known_on(day):
            results += [
                F.trace_requests(clearance),
                F.workflow_history(clearance, WORKFLOWS[0]),
                F.screening_summary(clearance, SCREENING),
                F.sdg_16_4_2(clearance),
                # the seizure pages compute their figures from the versions known then
                F.seizure_filter_options(clearance),
                F.seizure_place_options(clearance),
                F.hotspot_cells(clearance, SEIZURES, 1.0),
                F.seizures_by_country(clearance, PLACED),
                F.emerging_hotspots(clearance, SEIZURES, 1.0, ON, 3, 12),
                F.seizure_monthly(clearance, SEIZURES, "CAF", "category"),
                F.seizure_events_unlocated(clearance, SEIZURES),
                F.trace_requests(clearance, filters=PLACED),
                F.fresh_supply_indicator(clearance),
                F.fresh_supply_items(clearance, "un-car-2013"),
                F.fresh_supply_by_manufacture(clearance, "un-car-2013"),
                F.possible_double_reports(clearance, 36500, 20000.0),
                F.seizure_event_choices(clearance),
                F.country_seizure_totals(clearance, PROFILE),
                F.country_tracing_outcomes(clearance, PROFILE),
                F.country_profile_sources(clearance, PROFILE),
            ]
            results += [F.item_search(clearance, text) for text in ("AK", "AK-C-1", "AKM")]
    return results


# A watch of every kind, each matching records of every level of the fixture.
WATCHES = [
    watches.new_watch("analyst", "serial", subject="AK*"),
    watches.new_watch("analyst", "party", subject="a"),
    watches.new_watch("analyst", "country", subject="CAF"),
    watches.new_watch("analyst", "embargo", subject="un-car-2013"),
    watches.new_watch("analyst", "place", latitude=4.36, longitude=18.56, radius_km=100),
]


def public_query_functions() -> set[str]:
    return {
        name
        for name, member in inspect.getmembers(queries, inspect.isfunction)
        if member.__module__.startswith(f"{queries.__name__}.") and not name.startswith("_")
    }


def comparable(result: object) -> object:
    """The result with build-specific columns removed, as plain Python values."""
    if isinstance(result, pl.DataFrame):
        kept = result.drop([c for c in result.columns if c in VOLATILE_COLUMNS])
        return {"columns": kept.columns, "rows": kept.rows()}
    if isinstance(result, dict):
        return {key: comparable(value) for key, value in result.items()}
    if isinstance(result, list | tuple):
        return [comparable(value) for value in result]
    return result


def run_query(name: str, path: Path, clearance: Classification, monkeypatch) -> object:
    monkeypatch.setenv("EMBARGO_DB", str(path))
    return comparable(QUERY_EXAMPLES[name](clearance, Warehouse(path)))


def test_every_query_function_has_an_example():
    missing = public_query_functions() - set(QUERY_EXAMPLES)
    assert not missing, (
        f"dashboard/queries/ functions without an entry in QUERY_EXAMPLES of {__name__}: "
        f"{sorted(missing)}. Add one, so the clearance test covers them."
    )
    assert not set(QUERY_EXAMPLES) - public_query_functions(), "entries for removed functions"


@pytest.mark.parametrize("name", sorted(set(QUERY_EXAMPLES) - BUILD_SPECIFIC))
def test_restricted_viewer_sees_what_was_never_loaded_above_their_clearance(
    name, full, partial, monkeypatch
):
    assert run_query(name, full, RESTRICTED, monkeypatch) == run_query(
        name, partial, RESTRICTED, monkeypatch
    )


def test_the_fixture_holds_records_above_restricted(full, partial, monkeypatch):
    """Not vacuous: the full warehouse has confidential and strictly confidential records, and
    a viewer cleared for them gets more than a restricted viewer does."""
    con = connect_read_only(full)
    try:
        levels = con.execute(
            "SELECT classification, count(*) FROM seizure_items GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        load_levels = con.execute(
            "SELECT classification, count(*) FROM load_classification_stored "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    # 3 lines per level, the confidential item the second probe added to P-2, the public and
    # the confidential line of the mixed event M-1, and a restricted and a confidential D-1
    assert levels == [
        ("confidential", 6),
        ("public", 4),
        ("restricted", 4),
        ("strictly_confidential", 3),
    ]
    assert dict(load_levels) == {
        "confidential": 6,  # and the mixed seizures file and the second probe
        "public": 19,  # 14 reference files, the register, seizures, traces, exemptions, findings
        "restricted": 5,  # and the first probe
        "strictly_confidential": 4,
    }
    top = Classification.STRICTLY_CONFIDENTIAL
    differing = [
        name
        for name in (
            "seizures_by_country",
            "trace_requests",
            "load_log",
            "rejects",
            "item_search",
            "screening_rows",  # notifications on file, counted at the viewer's clearance
            "findings_unmatched",  # references matching only records above the clearance
            "country_seizure_totals",
            "country_tracing_outcomes",
            "country_panel_findings",
        )
        if run_query(name, full, top, monkeypatch) != run_query(name, full, RESTRICTED, monkeypatch)
    ]
    assert differing == [
        "seizures_by_country",
        "trace_requests",
        "load_log",
        "rejects",
        "item_search",
        "screening_rows",
        "findings_unmatched",
        "country_seizure_totals",
        "country_tracing_outcomes",
        "country_panel_findings",
    ]


def probe_rejects(path: Path) -> dict[str, list[tuple]]:
    con = connect_read_only(path)
    try:
        found = con.execute(
            "SELECT file_name, row_number, column_name, reason FROM rejects "
            "WHERE file_name LIKE 'probe-%' ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    by_file: dict[str, list[tuple]] = {}
    for file_name, *reject in found:
        by_file.setdefault(file_name, []).append(tuple(reject))
    return by_file


def test_the_probes_collide_as_intended(full, partial):
    """Not vacuous either: the first probe's rejects quote stored records the restricted viewer
    sees; the second's line naming S-1 is rejected in FULL without a word of S-1, and loads in
    PARTIAL (where S-1 does not exist); P-2 stays public with a confidential item."""
    low = [
        (2, "event_date", "event_date 2020-01-01 differs from 2023-12-10 given for event P-1 of "
         "Test JMAC P on seizures_public.csv row 2 (already in the warehouse): the event columns "
         "must be the same on every line of an event"),
        (3, "location_name", "location_name Elsewhere differs from Bangui R given for event R-2 "
         "of Test JMAC R on seizures_restricted.csv row 3 (already in the warehouse): the event "
         "columns must be the same on every line of an event"),
        (4, None, "the same item line is already in the warehouse (from seizures_public.csv row "
         "3): not loaded twice"),
    ]  # fmt: skip
    hidden = (
        2,
        "event_id",
        "event S-1 of Test JMAC S conflicts with a record of a higher classification than this "
        "line (confidential): a line adds to a stored event only at the event's classification "
        "or above",
    )
    assert probe_rejects(full) == {"probe-low.csv": low, "probe-high.csv": [hidden]}
    assert probe_rejects(partial) == {"probe-low.csv": low}
    for path in (full, partial):
        con = connect_read_only(path)
        try:
            assert con.execute(
                "SELECT e.classification, i.serial_number, i.classification "
                "FROM seizure_items AS i JOIN seizure_events AS e USING (event_uid) "
                "WHERE e.event_id = 'P-2' ORDER BY 2"
            ).fetchall() == [
                ("public", "AK-P-2", "public"),
                ("public", "AK-PROBE-4", "confidential"),
            ]
        finally:
            con.close()


def test_csv_downloads_hold_nothing_above_the_clearance(full, partial, monkeypatch):
    """The Screening CSV and the Sources tables, as the pages build their downloads."""
    for name in ("screening_rows", "trace_requests", "rejects", "item_search"):
        texts = []
        for path in (full, partial):
            monkeypatch.setenv("EMBARGO_DB", str(path))
            result = QUERY_EXAMPLES[name](RESTRICTED, Warehouse(path))
            frames = result if isinstance(result, list) else [result]
            texts.append(
                [
                    spreadsheet_safe_csv(frame.drop([c for c in frame.columns if c == "load_id"]))
                    for frame in frames
                ]
            )
        assert texts[0] == texts[1], name
        for hidden in ("AK-C-", "AK-S-", "T-C", "T-S", "JMAC C", "JMAC S"):
            assert hidden not in "".join(texts[0]), (name, hidden)


def briefing_contents(brief: content.Briefing) -> dict:
    """What a briefing pack shows: marking, key figures, every table and image, citations.
    Its production time differs between any two packs and is left out."""
    return {
        "title": brief.title,
        "scope": brief.scope,
        "data_as_of": brief.data_as_of,
        "marking": brief.marking,
        "synthetic_note": brief.synthetic_note,
        "key_figures": brief.key_figures,
        "sections": [
            (section.heading, section.text, [
                (item.title, item.columns, item.rows, item.citations, item.note)
                if isinstance(item, content.Table)
                else (item.title, item.png, item.citations, item.note)
                for item in section.items
            ])
            for section in brief.sections
        ],
        "citations": brief.citations,
    }  # fmt: skip


HIDDEN_IN_PACKS = (
    "TEST/C/", "TEST/S/", "S/2024/103", "S/2024/104", "Bangui (C)", "Bangui (S)",
    "_confidential.csv", "_strictly_confidential.csv",
)  # fmt: skip


def test_briefing_pack_holds_nothing_above_the_clearance(full, partial, monkeypatch):
    """A pack built for a viewer cleared `restricted` from FULL shows exactly what a pack from
    PARTIAL shows: key figures, tables, charts, maps and citations; it is marked with the most
    sensitive level it includes (restricted), and the pack file names no hidden record."""
    packs, captions = [], []
    for path in (full, partial):
        monkeypatch.setenv("EMBARGO_DB", str(path))
        # The images' captions name the data version and the files' load times, which differ
        # between the two warehouses: the images are compared drawn without them, and the
        # captions with the times left out.
        written: list[str] = []
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                images,
                "_write_caption",
                lambda figure, caption, written=written: written.append(
                    " ".join((caption.title, *caption.lines))
                ),
            )
            packs.append(briefing_contents(content.assemble(RESTRICTED, PROFILE, ON)))
        captions.append([re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? UTC", "<time>", text)
                         for text in written])  # fmt: skip
    assert packs[0] == packs[1]
    assert captions[0] == captions[1]
    assert len(captions[0]) == 5
    for hidden in HIDDEN_IN_PACKS:
        assert hidden not in repr(captions[0]), hidden
    assert packs[0]["marking"] is RESTRICTED
    figures = {figure.label: figure.value for figure in packs[0]["key_figures"]}
    assert figures["Seizure events documented"] == "7"  # 3 public and 4 restricted
    assert figures["Panel findings"] == "2"
    text = repr(packs[0])
    for hidden in HIDDEN_IN_PACKS:
        assert hidden not in text, hidden

    monkeypatch.setenv("EMBARGO_DB", str(full))
    pdf_text = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(
            io.BytesIO(briefing.briefing_pack(RESTRICTED, PROFILE, "pdf", ON))
        ).pages
    )
    assert "RESTRICTED" in pdf_text
    assert "CONFIDENTIAL" not in pdf_text.upper()
    for hidden in HIDDEN_IN_PACKS:
        assert hidden not in pdf_text, hidden
    # Not vacuous: cleared for everything, the same pack shows more and is marked so.
    top = content.assemble(Classification.STRICTLY_CONFIDENTIAL, PROFILE, ON)
    assert top.marking is Classification.STRICTLY_CONFIDENTIAL
    assert "TEST/S/1" in repr(briefing_contents(top))


def test_each_join_takes_the_more_sensitive_of_its_records(full):
    """Exact values for each kind of join of two classified records, in FULL: a row that shows
    two records is shown only to viewers cleared for both (the equivalence tests above prove the
    restricted view; these show what the rows are)."""
    low, every = ["public", "restricted"], LEVELS
    # An item line with its event: the public rifle AK-M-1 of the confidential event M-1.
    assert query(
        full,
        "SELECT i.serial_normalized, i.classification, f.classification FROM seizure_items AS i "
        "JOIN seizure_item_facts AS f USING (item_line_uid) WHERE f.event_id = 'M-1' ORDER BY 1",
    ) == [("AKM1", "public", "confidential"), ("AKM2", "confidential", "confidential")]
    assert query(
        full, "SELECT classification FROM documented_items WHERE serial_normalized = 'AKM1'"
    ) == [("confidential",)]
    # A finding with the item line it cites (shown with its event).
    assert query(
        full,
        "SELECT finding_uid, finding_classification, matched_classification "
        "FROM panel_finding_links WHERE reference = 'AK-M-1' ORDER BY 1",
    ) == [
        ("un-car-2013:F-C", "confidential", "confidential"),
        ("un-car-2013:F-P", "public", "confidential"),
        ("un-car-2013:F-R", "restricted", "confidential"),
        ("un-car-2013:F-S", "strictly_confidential", "confidential"),
    ]
    linked = (
        "SELECT record, cited_as FROM finding_linked_records(?, 'un-car-2013:F-R') ORDER BY ALL"
    )
    assert query(full, linked, [low]) == [
        ("event", "P-1"), ("event", "R-1"), ("item", "AK-P-2"), ("item", "AK-R-2"),
    ]  # fmt: skip
    assert ("item", "AK-M-1") in query(full, linked, [every])
    # A finding with the events it cites.
    points = "SELECT event_id, findings FROM finding_event_points(?, [], [], [], 2000, 2030)"
    assert query(full, points, [low]) == [("P-1", 2), ("R-1", 2)]
    assert query(full, points, [every]) == [("C-1", 4), ("P-1", 4), ("R-1", 4), ("S-1", 4)]
    # A trace request with the event that gives it its country: the restricted T-R-up names the
    # confidential event C-2, and counts for CAF only to a viewer cleared for both; T-R-dup names
    # D-1, the id of a restricted and a confidential event, and links to the restricted one.
    outcomes = "SELECT status, requests FROM country_tracing_outcomes(?, 'CAF', 2000, 2030)"
    assert query(full, outcomes, [low]) == [("responded", 1), ("pending", 2)]
    assert query(full, outcomes, [every]) == [("responded", 4), ("pending", 3)]
    assert query(
        full,
        "SELECT trace_id, event_uid FROM trace_requests WHERE trace_id LIKE 'T-R-%' ORDER BY 1",
    ) == [("T-R-dup", "Test JMAC R:D-1"), ("T-R-up", "Test JMAC C:C-2")]
    sources = (
        "SELECT file_name, rows_used FROM country_profile_sources(?, 'CAF', 2000, 2030) "
        "WHERE block = 'traces' ORDER BY ALL"
    )
    assert query(full, sources, [low]) == [
        ("traces_public.csv", 1),
        ("traces_restricted.csv", 2),
    ]
    assert ("traces_restricted.csv", 3) in query(full, sources, [every])
    # An item, a transfer and the trace request confirming it: the confidential T-C-down
    # confirms deal 9001 for the restricted rifle AK-R-2; a restricted viewer gets the candidate
    # scored as if the request did not exist.
    candidates = (
        "SELECT transfer_id, score, confirmed FROM item_transfer_candidates(?, "
        "(SELECT list(item_line_uid) FROM seizure_items WHERE serial_normalized = 'AKR2')) "
        "ORDER BY ALL"
    )
    assert query(full, candidates, [low]) == [
        ("sipri_trade_register:9001:2021", 100, False),  # 10 + 35 + 30 + 15 + 10
        ("sipri_trade_register:9003:2024", 80, False),
    ]
    assert query(full, candidates, [every]) == [
        ("sipri_trade_register:9001:2021", 100, True),
        ("sipri_trade_register:9003:2024", 80, False),
    ]
