"""The Country profile page and the briefing pack: one country or embargoed territory at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification
from embargo.i18n import N_

# One country or embargoed territory at a time. Records count when their year falls in
# [year_from, year_to]: delivery year for transfers, event year for seizures, year sent for trace
# requests. The embargo history is shown whole.

# The imports baseline: this many calendar years before the year an embargo was imposed.
BASELINE_YEARS = 5


@dataclass(frozen=True)
class ProfileScope:
    """The country and years a profile or briefing pack covers."""

    country_iso3: str
    year_from: int = 1950
    year_to: int = 2100

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "country": self.country_iso3,
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }


def profile_country_choices(clearance: Classification) -> pl.DataFrame:
    """Countries and territories under (or once under) a UN arms embargo, by name, with the number
    of embargoes on record; regimes on listed parties anywhere name no country."""
    return fetch(
        "SELECT t.country_iso3, c.country_name, c.is_historical, "
        "count(DISTINCT t.embargo_id) AS embargoes FROM embargo_target_codes AS t "
        "JOIN countries AS c USING (country_iso3) "
        "GROUP BY ALL ORDER BY c.is_historical, c.country_name"
    )


def country_name(clearance: Classification, country_iso3: str) -> str | None:
    frame = fetch("SELECT country_name FROM countries WHERE country_iso3 = ?", [country_iso3])
    return frame["country_name"][0] if frame.height else None


def country_embargoes(clearance: Classification, country_iso3: str) -> pl.DataFrame:
    """Every embargo whose target includes the country, in start order, as embargo_timeline
    gives it (span, kind, imposing and ending resolutions, number of changes)."""
    return fetch(
        "SELECT t.* FROM embargo_timeline AS t "
        "WHERE t.embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "ORDER BY t.start_date, t.embargo_id",
        [country_iso3],
    )


def country_embargo_changes(clearance: Classification, country_iso3: str) -> pl.DataFrame:
    """Every dated change of those embargoes with the resolution that made it."""
    return fetch(
        "SELECT c.embargo_id, e.short_name AS embargo_short_name, c.change_seq, c.change_date, "
        "c.date_precision, c.change_kind, c.resolution, c.change, c.change_fr "
        "FROM embargo_changes AS c JOIN embargoes AS e USING (embargo_id) "
        "WHERE c.embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "ORDER BY e.start_date, c.embargo_id, c.change_seq",
        [country_iso3],
    )


def imports_around_embargoes(
    clearance: Classification, country_iso3: str, as_of: dt.date
) -> pl.DataFrame:
    """Registered imports per register in the baseline years before each embargo and while it
    applied, with why a register has no number (macro imports_around_embargoes), and one row of
    the distinct deliveries all registers report (ALL_REGISTERS as its source title)."""
    return fetch(
        "SELECT i.*, coalesce(s.title, ?) AS source_title "
        "FROM imports_around_embargoes(?, ?, ?, ?) AS i "
        "LEFT JOIN source_registry AS s USING (source_id) "
        "ORDER BY i.embargo_start, i.embargo_id, i.period, i.source_id NULLS LAST",
        [ALL_REGISTERS, clearance.visible_levels(), country_iso3, BASELINE_YEARS, as_of],
    )


# The source title of the row counting the distinct deliveries every register reports.
ALL_REGISTERS = N_("All registers (each delivery once)")


def register_reporting(
    clearance: Classification, country_iso3: str, year_from: int, year_to: int
) -> pl.DataFrame:
    """Each register's word on the country's imports, year by year: deliveries, or why there is
    no number (macro register_reporting)."""
    return fetch(
        "SELECT r.*, s.title AS source_title FROM register_reporting(?, ?, ?, ?) AS r "
        "JOIN source_registry AS s USING (source_id) ORDER BY r.source_id, r.year",
        [clearance.visible_levels(), country_iso3, year_from, year_to],
    )


def transfers_outside_state_existence(
    clearance: Classification, country_iso3: str | None = None
) -> pl.DataFrame:
    """Data problems: register lines dated before the state they name existed or after it
    ceased (view transfers_outside_state_existence), of one country or all."""
    return fetch(
        "SELECT transfer_id, source_id, party, country_iso3, supplier_name, recipient_name, "
        "delivery_year, exists_from, exists_until, file_name, source_row_number "
        "FROM transfers_outside_state_existence "
        "WHERE list_contains(?, classification) AND (? IS NULL OR country_iso3 = ?) "
        "ORDER BY country_iso3, delivery_year, transfer_id",
        [clearance.visible_levels(), country_iso3, country_iso3],
    )


def country_imports_by_year(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Registered deliveries to the country per year and source: distinct deliveries (one both
    the exporter and the importer report counts once), items (the largest number reported) and
    SIPRI TIV."""
    return fetch(
        "SELECT delivery_year, source_id, count(*) AS deliveries, sum(items) AS items, "
        "sum(tiv) AS tiv FROM (SELECT t.delivery_year, t.source_id, "
        "coalesce(m.delivery_id, t.transfer_id) AS delivery_id, "
        "max(t.quantity) AS items, sum(t.value) FILTER (WHERE t.value_unit = 'TIV') AS tiv "
        "FROM transfers AS t LEFT JOIN delivery_matched_lines AS m "
        "ON m.transfer_id = t.transfer_id "
        "AND m.clearance = clearance_of($visible) "
        "WHERE t.recipient_iso3 = $country AND t.delivery_year BETWEEN $year_from AND $year_to "
        "AND NOT t.is_nil_report AND list_contains($visible, t.classification) "
        "GROUP BY ALL) GROUP BY ALL ORDER BY delivery_year, source_id",
        scope.params(clearance),
    )


def country_delivery_count(clearance: Classification, scope: ProfileScope) -> int:
    """Distinct deliveries to the country in the profile's years, all registers together (one
    several registers report counts once)."""
    frame = fetch(
        "SELECT CAST(coalesce(sum(deliveries), 0) AS BIGINT) AS n FROM delivery_groups_filtered("
        "$visible, [], [$country], [], [], $year_from, $year_to)",
        scope.params(clearance),
    )
    return int(frame["n"][0])


def country_top_suppliers(
    clearance: Classification, scope: ProfileScope, limit: int = 10
) -> pl.DataFrame:
    """The largest suppliers of registered deliveries to the country, per source."""
    return fetch(
        "SELECT * FROM country_top_suppliers($visible, $country, $year_from, $year_to) "
        "LIMIT $limit",
        scope.params(clearance, limit=limit),
    )


def country_seized_items(clearance: Classification, scope: ProfileScope) -> dict[str, pl.DataFrame]:
    """Documented items (lines, items, rounds) in the country by category, by country of
    manufacture and by year of manufacture (or headstamp year): the three counts in one reading
    of the item facts (grouping sets), each the most item lines first."""
    counted = fetch(
        "SELECT CASE WHEN grouping(category) = 0 THEN 'category' "
        "WHEN grouping(origin) = 0 THEN 'origin' ELSE 'manufacture_year' END AS counted_by, "
        "category, origin, manufacture_year, count(*) AS item_lines, "
        "coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0) AS items, "
        "coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) AS rounds "
        "FROM (SELECT category, coalesce(country_of_manufacture, 'unknown') AS origin, "
        "manufacture_year, quantity, unit FROM seizure_item_facts_known "
        "WHERE country_iso3 = $country AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification)) "
        "GROUP BY GROUPING SETS ((category), (origin), (manufacture_year))",
        scope.params(clearance),
    )
    counts = ["item_lines", "items", "rounds"]

    def by(key: str) -> pl.DataFrame:
        return (
            counted.filter(pl.col("counted_by") == key)
            .select(key, *counts)
            .sort(["item_lines", key], descending=[True, False], nulls_last=True)
        )

    return {
        "category": by("category"),
        "origin": by("origin"),
        "manufacture_year": by("manufacture_year").sort("manufacture_year", nulls_last=True),
    }


def country_seizure_totals(clearance: Classification, scope: ProfileScope) -> dict:
    frame = fetch(
        "SELECT count(DISTINCT event_uid) AS events, count(*) AS item_lines, "
        "coalesce(sum(quantity) FILTER (WHERE unit = 'items'), 0) AS items, "
        "coalesce(sum(quantity) FILTER (WHERE unit = 'rounds'), 0) AS rounds, "
        "min(event_date) AS first_date, max(event_date) AS last_date "
        "FROM seizure_item_facts_known WHERE country_iso3 = $country "
        "AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification)",
        scope.params(clearance),
    )
    return frame.row(0, named=True)


def country_seizure_places(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Seizure events with coordinates, one row per place, for the country map."""
    return fetch(
        "SELECT location_name, round(latitude, 3) AS latitude, round(longitude, 3) AS longitude, "
        "count(DISTINCT event_uid) AS events, count(*) AS item_lines "
        "FROM seizure_item_facts_known WHERE country_iso3 = $country AND latitude IS NOT NULL "
        "AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "GROUP BY ALL ORDER BY events DESC, location_name",
        scope.params(clearance),
    )


def country_seizure_documents(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """The documents the country's seizure records cite, with paragraphs and item lines."""
    return fetch(
        "SELECT source_document, string_agg(DISTINCT source_paragraph, ', ' "
        "ORDER BY source_paragraph) AS paragraphs, count(*) AS item_lines "
        "FROM seizure_item_facts_known WHERE country_iso3 = $country "
        "AND source_document IS NOT NULL "
        "AND event_year BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "GROUP BY source_document ORDER BY item_lines DESC, source_document",
        scope.params(clearance),
    )


def country_fresh_supply(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """The fresh-supply indicator (as fresh_supply_indicator counts it) for the items documented
    in the country while each embargo on it applied (from the stored counts)."""
    return fetch(
        "SELECT * FROM fresh_supply_by_embargo($visible, $country, $year_from, $year_to) "
        "ORDER BY embargo_start, embargo_id",
        scope.params(clearance),
    )


def country_tracing_outcomes(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Trace requests about items documented in the country, by status, with answers and
    established origins."""
    return fetch(
        "SELECT * FROM country_tracing_outcomes($visible, $country, $year_from, $year_to)",
        scope.params(clearance),
    )


def country_sdg_16_4_2(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    return fetch(
        "SELECT year, numerator, denominator, proportion FROM sdg_16_4_2($visible) "
        "WHERE country_iso3 = $country AND year BETWEEN $year_from AND $year_to ORDER BY year",
        scope.params(clearance),
    )


def country_profile_sources(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Which loaded files each profile block draws on: source title, file, load date, rows used
    and the most sensitive classification among them (public for the reference tables)."""
    return fetch(
        "SELECT * FROM country_profile_sources($visible, $country, $year_from, $year_to)",
        scope.params(clearance),
    )


def country_panel_findings(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Findings of the panels on the country's embargoes, or naming it as target, newest first,
    each with its document symbol, paragraph and annex."""
    return fetch(
        "SELECT document_symbol, document_date, paragraph, annex, finding_type, confidence, "
        "summary, finding_id, panel, embargo_id, target_iso3, classification FROM panel_findings "
        "WHERE (target_iso3 = $country OR embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = $country)) "
        "AND year(document_date) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "ORDER BY document_date DESC, document_symbol, finding_id",
        scope.params(clearance),
    )


def country_listed_parties(clearance: Classification, country_iso3: str) -> pl.DataFrame:
    """Individuals and entities listed under the sanctions regimes of the country's embargoes."""
    return fetch(
        "SELECT reference_number, name, party_type, un_list_type, listed_on, nationality_iso3, "
        "embargo_id FROM sanctioned_parties WHERE embargo_id IN "
        "(SELECT embargo_id FROM embargo_target_codes WHERE country_iso3 = ?) "
        "AND list_contains(?, classification) ORDER BY listed_on, reference_number",
        [country_iso3, clearance.visible_levels()],
    )


def country_conflict_by_year(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    """Conflict events in the country per year and source: events and fatalities."""
    return fetch(
        "SELECT year(event_date) AS year, source, count(*) AS events, "
        "sum(fatalities) AS fatalities FROM conflict_events WHERE country_iso3 = $country "
        "AND year(event_date) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) GROUP BY ALL ORDER BY year, source",
        scope.params(clearance),
    )


def country_conflict_by_type(clearance: Classification, scope: ProfileScope) -> pl.DataFrame:
    return fetch(
        "SELECT source, event_type, count(*) AS events, sum(fatalities) AS fatalities, "
        "min(event_date) AS first_date, max(event_date) AS last_date FROM conflict_events "
        "WHERE country_iso3 = $country AND year(event_date) BETWEEN $year_from AND $year_to "
        "AND list_contains($visible, classification) "
        "GROUP BY ALL ORDER BY events DESC, source, event_type",
        scope.params(clearance),
    )
