"""Panel findings: the Findings page, each finding with its document, the records it cites and
the references that match nothing."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification


@dataclass(frozen=True)
class FindingFilters:
    """Findings page filters; empty tuples mean "all"."""

    embargo_ids: tuple[str, ...] = ()
    finding_types: tuple[str, ...] = ()
    confidences: tuple[str, ...] = ()
    year_from: int = 1990
    year_to: int = 2100

    def params(self, clearance: Classification, **extra: object) -> dict:
        return {
            "visible": clearance.visible_levels(),
            "embargo_ids": list(self.embargo_ids),
            "finding_types": list(self.finding_types),
            "confidences": list(self.confidences),
            "year_from": self.year_from,
            "year_to": self.year_to,
            **extra,
        }


_FINDINGS = (
    "panel_findings_filtered($visible, $embargo_ids, $finding_types, $confidences, $year_from, "
    "$year_to)"
)


def finding_filter_options(clearance: Classification) -> dict[str, pl.DataFrame]:
    """Panels (embargo episodes), types, confidences and years among the visible findings."""
    visible = [clearance.visible_levels()]
    panels = fetch(
        "SELECT f.embargo_id, e.short_name, count(*) AS findings FROM panel_findings AS f "
        "JOIN embargoes AS e USING (embargo_id) WHERE list_contains(?, f.classification) "
        "GROUP BY ALL ORDER BY e.short_name, f.embargo_id",
        visible,
    )
    values = fetch(
        "SELECT DISTINCT 'finding_type' AS kind, finding_type AS value FROM panel_findings "
        "WHERE list_contains(?, classification) UNION SELECT DISTINCT 'confidence', confidence "
        "FROM panel_findings WHERE list_contains(?, classification) ORDER BY 1, 2",
        visible * 2,
    )
    years = fetch(
        "SELECT min(year(document_date)) AS first_year, max(year(document_date)) AS last_year "
        "FROM panel_findings WHERE list_contains(?, classification)",
        visible,
    )
    return {"panels": panels, "values": values, "years": years}


def findings_table(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    """The visible findings with how many of their references link to something the viewer may
    see, newest document first."""
    return fetch(
        "SELECT * FROM findings_with_links("
        "$visible, $embargo_ids, $finding_types, $confidences, $year_from, $year_to)",
        filters.params(clearance),
    )


def findings_by_year(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    return fetch(
        f"SELECT document_year, finding_type, count(*) AS findings FROM {_FINDINGS} "  # noqa: S608
        "GROUP BY ALL ORDER BY ALL",
        filters.params(clearance),
    )


def findings_by_panel(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    return fetch(
        "SELECT e.short_name AS panel_name, f.confidence, count(*) AS findings "  # noqa: S608
        f"FROM {_FINDINGS} AS f JOIN embargoes AS e USING (embargo_id) "
        "GROUP BY ALL ORDER BY ALL",
        filters.params(clearance),
    )


def finding_event_points(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    """Seizure events linked to the visible findings, one point per event with the findings
    that cite it; both the finding and the event must be visible."""
    return fetch(
        "SELECT * FROM finding_event_points("
        "$visible, $embargo_ids, $finding_types, $confidences, $year_from, $year_to)",
        filters.params(clearance),
    )


def finding_linked_records(clearance: Classification, finding_uid: str) -> pl.DataFrame:
    """The seizure events and item lines one finding cites, each visible to the viewer."""
    return fetch(
        "SELECT * FROM finding_linked_records(?, ?)", [clearance.visible_levels(), finding_uid]
    )


def finding_listed_parties(clearance: Classification, finding_uid: str) -> pl.DataFrame:
    """Parties on the sanctions list that an entity named by the finding matches (by listed
    name or alias)."""
    return fetch(
        "SELECT l.reference AS named_as, p.reference_number, p.name, p.party_type, "
        "p.un_list_type, p.embargo_id, p.listed_on, p.nationality, p.file_name "
        "FROM panel_finding_links AS l JOIN sanctioned_parties AS p "
        "ON p.reference_number = l.matched_id WHERE l.finding_uid = ? "
        "AND l.matched_kind = 'sanctioned_party' AND list_contains(?, l.finding_classification) "
        "AND list_contains(?, p.classification) ORDER BY l.position, p.reference_number",
        [finding_uid, clearance.visible_levels(), clearance.visible_levels()],
    )


def finding_references(clearance: Classification, finding_uid: str) -> pl.DataFrame:
    """Every State, entity, event and serial the finding names, and whether it matched."""
    return fetch(
        "SELECT reference_kind, reference, "
        "count(matched_id) FILTER (WHERE list_contains($visible, matched_classification)) "
        "AS matches FROM panel_finding_links WHERE finding_uid = $finding "
        "AND list_contains($visible, finding_classification) GROUP BY ALL "
        "ORDER BY reference_kind, min(position)",
        {"finding": finding_uid, "visible": clearance.visible_levels()},
    )


def findings_unmatched(clearance: Classification, filters: FindingFilters) -> pl.DataFrame:
    """References of the visible findings that match nothing the viewer may see: a reference
    matching only records above the clearance is listed as unmatched, so the list does not
    betray that such records exist."""
    return fetch(
        "SELECT * FROM findings_unmatched("
        "$visible, $embargo_ids, $finding_types, $confidences, $year_from, $year_to)",
        filters.params(clearance),
    )
