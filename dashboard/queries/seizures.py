"""Seized and recovered materiel: the Hotspots, Trends, Tracing and Item search pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification


@dataclass(frozen=True)
class SeizureFilters:
    """Hotspots and Trends page filters; empty tuples mean "all"."""

    date_from: dt.date = dt.date(1990, 1, 1)
    date_to: dt.date = dt.date(2100, 1, 1)
    contexts: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "contexts": list(self.contexts),
            "categories": list(self.categories),
            "entities": list(self.entities),
            **extra,
        }


def seizure_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    visible = [clearance.visible_levels()]
    values = fetch(
        "SELECT DISTINCT kind, value FROM seizure_event_category_counts, "
        "LATERAL (VALUES ('context', context), ('category', category), "
        "('entity', reporting_entity)) AS v(kind, value) "
        "WHERE list_contains(?, classification) ORDER BY 1, 2",
        visible,
    )
    dates = fetch(
        "SELECT min(event_date) AS first_date, max(event_date) AS last_date "
        "FROM seizure_event_category_counts WHERE list_contains(?, classification)",
        visible,
    )
    return {"values": values, "dates": dates}


# No map sends more features (shapes, cells, markers) than this to the browser.
MAP_FEATURE_LIMIT = 5000


def hotspot_cells(
    clearance: Classification,
    filters: SeizureFilters,
    cell_degrees: float,
    limit: int = MAP_FEATURE_LIMIT,
) -> pl.DataFrame:
    """Grid cells to draw, at most `limit` (the largest), so the browser gets a bounded map."""
    return fetch(
        "SELECT * FROM hotspot_cells($visible, $date_from, $date_to, $contexts, $categories, "
        "$entities, $cell_degrees) LIMIT $limit",
        filters.params(clearance, cell_degrees=cell_degrees, limit=limit),
    )


def seizures_by_country(clearance: Classification, filters: SeizureFilters) -> pl.DataFrame:
    return fetch(
        "SELECT s.*, c.country_name FROM seizures_by_country($visible, $date_from, $date_to, "
        "$contexts, $categories, $entities) AS s LEFT JOIN countries AS c USING (country_iso3) "
        "ORDER BY s.events DESC, s.country_iso3",
        filters.params(clearance),
    )


def emerging_hotspots(
    clearance: Classification,
    filters: SeizureFilters,
    cell_degrees: float,
    as_of: dt.date,
    recent_months: int,
    baseline_months: int,
) -> pl.DataFrame:
    return fetch(
        "SELECT * FROM emerging_hotspots($visible, $contexts, $categories, $entities, "
        "$cell_degrees, $as_of, $recent_months, $baseline_months)",
        {
            key: value
            for key, value in filters.params(
                clearance,
                cell_degrees=cell_degrees,
                as_of=as_of,
                recent_months=recent_months,
                baseline_months=baseline_months,
            ).items()
            if key not in ("date_from", "date_to")
        },
    )


def seizure_monthly(
    clearance: Classification, filters: SeizureFilters, country: str | None, dimension: str
) -> pl.DataFrame:
    return fetch(
        "SELECT * FROM seizure_monthly($visible, $country, $date_from, $date_to, $contexts, "
        "$categories, $entities, $dimension)",
        filters.params(clearance, country=country, dimension=dimension),
    )


def fresh_supply_indicator(clearance: Classification) -> pl.DataFrame:
    return fetch("SELECT * FROM fresh_supply_indicator(?)", [clearance.visible_levels()])


def fresh_supply_items(
    clearance: Classification, embargo_id: str, limit: int | None = None
) -> pl.DataFrame:
    """The dated items behind one embargo's fresh-supply figure, fresh ones and the most recently
    made first; at most `limit` rows when given (the full set is for the CSV download)."""
    return fetch(
        "SELECT * FROM fresh_supply_items WHERE list_contains(?, classification) "
        "AND embargo_id = ? "
        "ORDER BY made_after_embargo_start DESC, manufacture_year DESC, event_date DESC, "
        "item_line_uid LIMIT coalesce(?, 9223372036854775807)",
        [clearance.visible_levels(), embargo_id, limit],
    )


def trace_requests(clearance: Classification, limit: int | None = None) -> pl.DataFrame:
    """Trace requests, the most recently sent first; at most `limit` rows when given (the full
    set is for the CSV download)."""
    return fetch(
        "SELECT trace_id, event_id, serial_number, requesting_entity, addressed_to, date_sent, "
        "date_response, status, age_days, response_days, last_legal_recipient_iso3, "
        "last_legal_recipient_entity, transfer_year, diversion_point, transfer_ref, "
        "file_name, source_row_number FROM trace_request_status "
        "WHERE list_contains(?, classification) ORDER BY date_sent DESC, trace_id "
        "LIMIT coalesce(?, 9223372036854775807)",
        [clearance.visible_levels(), limit],
    )


def tracing_by_addressee(clearance: Classification) -> pl.DataFrame:
    return fetch("SELECT * FROM tracing_by_addressee(?)", [clearance.visible_levels()])


def trace_overdue(clearance: Classification, deadline_days: int) -> pl.DataFrame:
    """Open trace requests more than `deadline_days` after they were sent, most overdue first."""
    return fetch("SELECT * FROM trace_overdue(?, ?)", [clearance.visible_levels(), deadline_days])


def workflow_state_summary(clearance: Classification, workflow: str) -> pl.DataFrame:
    """Per state of a workflow ('trace request', 'exemption notification', 'panel finding'):
    the records in it now and the days spent in it."""
    return fetch(
        "SELECT * FROM workflow_state_summary(?, ?)", [clearance.visible_levels(), workflow]
    )


def workflow_history(clearance: Classification, workflow: str, limit: int = 2000) -> pl.DataFrame:
    """The states of a workflow's records, each dated and sourced, the latest first."""
    return fetch(
        "SELECT record_id, state, since, until, days_in_state, current, file_name, "
        "source_row_number FROM workflow_states WHERE workflow = ? "
        "AND list_contains(?, classification) ORDER BY since DESC, record_id, state LIMIT ?",
        [workflow, clearance.visible_levels(), limit],
    )


def sdg_16_4_2(clearance: Classification) -> pl.DataFrame:
    return fetch(
        "SELECT s.*, c.country_name FROM sdg_16_4_2(?) AS s "
        "LEFT JOIN countries AS c USING (country_iso3) ORDER BY s.country_iso3, s.year",
        [clearance.visible_levels()],
    )


def item_search(clearance: Classification, search_text: str, limit: int = 500) -> pl.DataFrame:
    return fetch(
        "SELECT * FROM item_search(?, ?, max_rows := ?)",
        [clearance.visible_levels(), search_text, limit],
    )


def item_trace_history(clearance: Classification, serial_normalized: str) -> pl.DataFrame:
    return fetch(
        "SELECT trace_id, requesting_entity, addressed_to, date_sent, date_response, status, "
        "last_legal_recipient_iso3, last_legal_recipient_entity, transfer_year, diversion_point, "
        "transfer_ref FROM trace_request_status WHERE serial_normalized = ? "
        "AND list_contains(?, classification) ORDER BY date_sent",
        [serial_normalized, clearance.visible_levels()],
    )


def item_transfer_candidates(clearance: Classification, item_line_uids: list[str]) -> pl.DataFrame:
    """Candidate transfers for the given item lines; the item (with its event), the transfer
    and a confirming trace request must each be visible to the viewer."""
    return fetch(
        "SELECT * FROM item_transfer_candidates(?, ?) "
        "ORDER BY confirmed DESC, score DESC, item_line_uid, transfer_id",
        [clearance.visible_levels(), item_line_uids],
    )


def seizure_earlier_versions(clearance: Classification, item_line_uids: list[str]) -> pl.DataFrame:
    """The earlier versions of these item lines and of their events the viewer may see."""
    return fetch(
        "SELECT * FROM seizure_earlier_versions(?, ?)",
        [clearance.visible_levels(), item_line_uids],
    )
