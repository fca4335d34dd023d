"""Seized and recovered materiel: the Hotspots, Trends, Tracing and Item search pages. Every query
reads the seizure records as the warehouse knows them: the stored tables derived from the current
versions, or, with an "as known on" date (engine.known_on), the versions known then and the
figures computed from them (the *_known views of sql/views)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification


@dataclass(frozen=True)
class SeizureFilters:
    """The seizure pages' filters (dashboard/filters.py); empty tuples mean "all". A place is a
    set of countries (ISO3), of admin-1 areas (seizure_event_places.admin1_area) and a circle of
    near_km around (near_lat, near_lon), the town the reader chose (None: anywhere)."""

    date_from: dt.date = dt.date(1990, 1, 1)
    date_to: dt.date = dt.date(2100, 1, 1)
    contexts: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    near_lat: float | None = None
    near_lon: float | None = None
    near_km: float | None = None

    def place_params(self) -> dict:
        return {
            "countries": list(self.countries),
            "areas": list(self.areas),
            "near_lat": self.near_lat,
            "near_lon": self.near_lon,
            "near_km": self.near_km,
        }

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "contexts": list(self.contexts),
            "categories": list(self.categories),
            "entities": list(self.entities),
            **self.place_params(),
            **extra,
        }


def seizure_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    """The contexts, categories and reporting entities of the counted item lines a viewer may see
    (kind, value), and their first and last event dates: one reading of the counts (grouping
    sets), one statement."""
    counted = fetch(
        "SELECT CASE WHEN grouping(context) = 0 THEN 'context' "
        "WHEN grouping(category) = 0 THEN 'category' "
        "WHEN grouping(reporting_entity) = 0 THEN 'entity' END AS kind, "
        "coalesce(context, category, reporting_entity) AS value, "
        "min(event_date) AS first_date, max(event_date) AS last_date "
        "FROM seizure_event_category_counts_known WHERE list_contains(?, classification) "
        "GROUP BY GROUPING SETS ((context), (category), (reporting_entity), ()) "
        "ORDER BY kind NULLS FIRST, value",
        [clearance.visible_levels()],
    )
    return {
        "values": counted.filter(pl.col("kind").is_not_null()).select("kind", "value"),
        "dates": counted.filter(pl.col("kind").is_null()).select("first_date", "last_date"),
    }


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
        "$entities, $cell_degrees, $countries, $areas, $near_lat, $near_lon, $near_km) "
        "LIMIT $limit",
        filters.params(clearance, cell_degrees=cell_degrees, limit=limit),
    )


def seizures_by_country(clearance: Classification, filters: SeizureFilters) -> pl.DataFrame:
    return fetch(
        "SELECT s.*, c.country_name FROM seizures_by_country($visible, $date_from, $date_to, "
        "$contexts, $categories, $entities, $countries, $areas, $near_lat, $near_lon, "
        "$near_km) AS s "
        "LEFT JOIN countries AS c USING (country_iso3) "
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
        "$cell_degrees, $as_of, $recent_months, $baseline_months, $countries, $areas, "
        "$near_lat, $near_lon, $near_km)",
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
        "$categories, $entities, $dimension, $countries, $areas, $near_lat, $near_lon, "
        "$near_km)",
        filters.params(clearance, country=country, dimension=dimension),
    )


def fresh_supply_indicator(
    clearance: Classification,
    country: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pl.DataFrame:
    """The fresh-supply figure per embargo; of the items documented in one country when given,
    and between two dates (event dates, both included) when given. A period the stored yearly
    counts follow (whole_years_of) is read from them; another is counted from the items."""
    years: tuple[int | None, int | None] | None = (None, None)
    if date_from is not None or date_to is not None:
        years = whole_years_of(clearance, date_from, date_to)
    if years is None:
        return fetch(
            "SELECT * FROM fresh_supply_in_period(?, ?, ?, ?)",
            [clearance.visible_levels(), country, date_from, date_to],
        )
    if country is None and years == (None, None):
        return fetch("SELECT * FROM fresh_supply_indicator(?)", [clearance.visible_levels()])
    return fetch(
        "SELECT * FROM fresh_supply_by_embargo(?, ?, ?, ?) ORDER BY fresh_share DESC, embargo_id",
        [clearance.visible_levels(), country, *years],
    )


def whole_years_of(
    clearance: Classification, date_from: dt.date | None, date_to: dt.date | None
) -> tuple[int | None, int | None] | None:
    """The years (first, last; None: no bound) whose stored yearly counts hold exactly the items
    documented between the two dates, or None when a year is cut: each end must be the first or
    last day of its year, or leave out no event the viewer may see (the Trends page's period
    runs from the first event to the last unless narrowed). Counting the items of a period took
    140 CPU ms at a million item lines; the stored counts, a few."""
    if (date_from is None or (date_from.month, date_from.day) == (1, 1)) and (
        date_to is None or (date_to.month, date_to.day) == (12, 31)
    ):
        return _year(date_from), _year(date_to)
    bounds = seizure_filter_options(clearance)["dates"].rows()
    if not bounds or bounds[0][0] is None:  # no event: no year is cut
        return _year(date_from), _year(date_to)
    [(first, last)] = bounds
    from_whole = (
        date_from is None or (date_from.month, date_from.day) == (1, 1) or date_from <= first
    )
    to_whole = date_to is None or (date_to.month, date_to.day) == (12, 31) or date_to >= last
    return (_year(date_from), _year(date_to)) if from_whole and to_whole else None


def _year(day: dt.date | None) -> int | None:
    return None if day is None else day.year


def fresh_supply_items(
    clearance: Classification,
    embargo_id: str,
    limit: int | None = None,
    country: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pl.DataFrame:
    """The dated items behind one embargo's fresh-supply figure (of one country, and documented
    between two dates, when given), fresh ones and the most recently made first; at most `limit`
    rows when given (the full set is for the CSV download)."""
    return fetch(
        "SELECT * FROM fresh_supply_items WHERE list_contains($visible, classification) "
        "AND embargo_id = $embargo AND ($country IS NULL OR country_iso3 = $country) "
        "AND ($date_from IS NULL OR event_date >= CAST($date_from AS DATE)) "
        "AND ($date_to IS NULL OR event_date <= CAST($date_to AS DATE)) "
        "ORDER BY made_after_embargo_start DESC, manufacture_year DESC, event_date DESC, "
        "item_line_uid LIMIT coalesce($limit, 9223372036854775807)",
        {
            "visible": clearance.visible_levels(),
            "embargo": embargo_id,
            "country": country,
            "date_from": date_from,
            "date_to": date_to,
            "limit": limit,
        },
    )


def _trace_params(clearance: Classification, filters: SeizureFilters | None, **extra) -> dict:
    filters = filters or SeizureFilters(date_from=None, date_to=None)
    return {
        "visible": clearance.visible_levels(),
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        **filters.place_params(),
        **extra,
    }


def trace_requests(
    clearance: Classification, limit: int | None = None, filters: SeizureFilters | None = None
) -> pl.DataFrame:
    """Trace requests, the most recently sent first; at most `limit` rows when given (the full
    set is for the CSV download). With filters: sent in their period, about events in their
    place (trace_requests_filtered); without, every request."""
    return fetch(
        "SELECT trace_id, event_id, serial_number, requesting_entity, addressed_to, date_sent, "
        "date_response, status, age_days, response_days, last_legal_recipient_iso3, "
        "last_legal_recipient_entity, transfer_year, diversion_point, transfer_ref, "
        "file_name, source_row_number FROM trace_requests_filtered($visible, $date_from, "
        "$date_to, $countries, $areas, $near_lat, $near_lon, $near_km) "
        "ORDER BY date_sent DESC, trace_id "
        "LIMIT coalesce($limit, 9223372036854775807)",
        _trace_params(clearance, filters, limit=limit),
    )


def tracing_by_addressee(
    clearance: Classification, filters: SeizureFilters | None = None
) -> pl.DataFrame:
    return fetch(
        "SELECT * FROM tracing_by_addressee($visible, $date_from, $date_to, $countries, "
        "$areas, $near_lat, $near_lon, $near_km)",
        _trace_params(clearance, filters),
    )


def trace_overdue(
    clearance: Classification, deadline_days: int, filters: SeizureFilters | None = None
) -> pl.DataFrame:
    """Open trace requests more than `deadline_days` after they were sent, most overdue first."""
    return fetch(
        "SELECT * FROM trace_overdue($visible, $deadline_days, $date_from, $date_to, "
        "$countries, $areas, $near_lat, $near_lon, $near_km)",
        _trace_params(clearance, filters, deadline_days=deadline_days),
    )


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


def trace_request_state_summary(
    clearance: Classification, filters: SeizureFilters | None = None
) -> pl.DataFrame:
    """Where the trace requests sent in the filters' period about events in their place stand:
    per state, the requests in it now and the days spent in it (without filters, every request)."""
    return fetch(
        "SELECT * FROM trace_request_state_summary($visible, $date_from, $date_to, $countries, "
        "$areas, $near_lat, $near_lon, $near_km)",
        _trace_params(clearance, filters),
    )


def trace_request_history(
    clearance: Classification, filters: SeizureFilters | None = None, limit: int = 2000
) -> pl.DataFrame:
    """The states of the trace requests the filters keep, each dated and sourced, the latest
    first."""
    return fetch(
        "SELECT record_id, state, since, until, days_in_state, current, file_name, "
        "source_row_number FROM trace_request_states($visible, $date_from, $date_to, "
        "$countries, $areas, $near_lat, $near_lon, $near_km) "
        "ORDER BY since DESC, record_id, state LIMIT $limit",
        _trace_params(clearance, filters, limit=limit),
    )


def sdg_16_4_2(clearance: Classification) -> pl.DataFrame:
    return fetch(
        "SELECT s.*, c.country_name FROM sdg_16_4_2(?) AS s "
        "LEFT JOIN countries AS c USING (country_iso3) ORDER BY s.country_iso3, s.year",
        [clearance.visible_levels()],
    )


def item_search(
    clearance: Classification,
    search_text: str,
    limit: int = 500,
    filters: SeizureFilters | None = None,
) -> pl.DataFrame:
    """The sightings matching the text, each with its event's admin-1 area and nearest town;
    with filters, only those of events in their period and place."""
    return fetch(
        "SELECT s.*, p.admin1_area, p.nearest_place, p.nearest_place_fr, p.nearest_place_km "
        "FROM item_search($visible, $search_text, max_rows := $limit) AS s "
        "LEFT JOIN seizure_event_places_known AS p USING (event_uid) "
        "WHERE ($date_from IS NULL OR s.event_date >= CAST($date_from AS DATE)) "
        "AND ($date_to IS NULL OR s.event_date <= CAST($date_to AS DATE)) "
        "AND (len(CAST($countries AS VARCHAR[])) = 0 "
        "OR list_contains(CAST($countries AS VARCHAR[]), s.country_iso3)) "
        "AND (len(CAST($areas AS VARCHAR[])) = 0 "
        "OR list_contains(CAST($areas AS VARCHAR[]), p.admin1_area)) "
        "AND ($near_km IS NULL OR (s.latitude IS NOT NULL "
        "AND km_between(s.latitude, s.longitude, $near_lat, $near_lon) <= $near_km)) "
        # the order item_search gives (best match first), which the join does not keep
        "ORDER BY list_position(['serial (exact)', 'serial (prefix)', 'serial (part)', "
        "'marking', 'lot number', 'headstamp'], s.matched_on), s.serial_normalized, "
        "s.event_date, s.item_line_uid",
        _trace_params(clearance, filters, search_text=search_text, limit=limit),
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


# --- places and periods (dashboard/filters.py) ------------------------------------------------


def seizure_place_options(clearance: Classification) -> pl.DataFrame:
    """The countries and admin-1 areas of the seizure events a viewer may see, with how many
    events each, and whether the area is one of the Natural Earth layer (else as written)."""
    return fetch(
        "SELECT p.country_iso3, c.country_name, p.admin1_area, "
        "bool_or(p.admin1_on_layer) AS admin1_on_layer, count(*) AS events "
        "FROM seizure_event_places_known AS p LEFT JOIN countries AS c USING (country_iso3) "
        "WHERE list_contains(?, p.classification) "
        "GROUP BY ALL ORDER BY p.country_iso3, p.admin1_area NULLS LAST",
        [clearance.visible_levels()],
    )


def towns_of(country_iso3: str) -> pl.DataFrame:
    """The towns of a country on the places layer (public reference data), by name."""
    return fetch(
        "SELECT place_name, place_name_fr, admin1_name, latitude, longitude, scale_rank "
        "FROM populated_places WHERE country_iso3 = ? ORDER BY place_name, latitude",
        [country_iso3],
    )


def seizure_events_unlocated(
    clearance: Classification, filters: SeizureFilters, limit: int | None = None
) -> pl.DataFrame:
    """The events without coordinates the filters keep (the town radius aside: it cannot be
    judged without coordinates), the latest first; at most `limit` when given."""
    return fetch(
        "SELECT * FROM seizure_events_unlocated($visible, $date_from, $date_to, $contexts, "
        "$categories, $entities, $countries, $areas) "
        "LIMIT coalesce($limit, 9223372036854775807)",
        {
            key: value
            for key, value in filters.params(clearance, limit=limit).items()
            if key not in ("near_lat", "near_lon", "near_km")
        },
    )


def seizure_events_unlocated_count(clearance: Classification, filters: SeizureFilters) -> int:
    """How many events seizure_events_unlocated lists: its counted events, without the joins
    that give their place and document (every counted event has its row)."""
    counted = fetch(
        "SELECT count(DISTINCT event_uid) AS events FROM seizure_counts_filtered($visible, "
        "$date_from, $date_to, $contexts, $categories, $entities, $countries, $areas, "
        "NULL, NULL, NULL) WHERE latitude IS NULL OR longitude IS NULL",
        {
            key: value
            for key, value in filters.params(clearance).items()
            if key not in ("near_lat", "near_lon", "near_km")
        },
    )
    return int(counted["events"][0])


# --- fresh supply by country of manufacture ---------------------------------------------------


def fresh_supply_by_manufacture(
    clearance: Classification,
    embargo_id: str,
    country: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pl.DataFrame:
    """Items documented under one embargo with a known year of manufacture (in one country, and
    between two dates, when given), per country of manufacture: how many, how many made after
    the embargo began (post-embargo items)."""
    return fetch(
        "SELECT * FROM fresh_supply_by_manufacture(?, ?, ?, ?, ?)",
        [clearance.visible_levels(), embargo_id, country, date_from, date_to],
    )


# --- possible double reporting ----------------------------------------------------------------


def possible_double_reports(
    clearance: Classification,
    max_days: int,
    max_km: float,
    item_line_uids: list[str] | None = None,
    filters: SeizureFilters | None = None,
) -> pl.DataFrame:
    """Pairs of sightings of one item by different entities within max_days and max_km
    (possible_double_reports): those touching the given item lines when given, and, with
    filters, those whose earlier sighting is in their period and countries."""
    filters = filters or SeizureFilters(date_from=None, date_to=None)
    return fetch(
        "SELECT * FROM possible_double_reports($visible, $max_days, $max_km) "
        "WHERE ($uids IS NULL OR list_contains(CAST($uids AS VARCHAR[]), first_item_line_uid) "
        "OR list_contains(CAST($uids AS VARCHAR[]), second_item_line_uid)) "
        "AND ($date_from IS NULL OR first_event_date >= CAST($date_from AS DATE)) "
        "AND ($date_to IS NULL OR first_event_date <= CAST($date_to AS DATE)) "
        "AND (len(CAST($countries AS VARCHAR[])) = 0 "
        "OR list_contains(CAST($countries AS VARCHAR[]), first_country_iso3) "
        "OR list_contains(CAST($countries AS VARCHAR[]), second_country_iso3))",
        {
            "visible": clearance.visible_levels(),
            "max_days": max_days,
            "max_km": max_km,
            "uids": item_line_uids,
            "date_from": filters.date_from,
            "date_to": filters.date_to,
            "countries": list(filters.countries),
        },
    )
