"""One record in full, for the views that links between records open (dashboard/links.py): a
seizure event with its items and the findings that cite it. Each part is read as the viewer may
see it: a line above their clearance is left out, and an event none of whose lines they may see
is not found. With an "as known on" date, the event and its lines are the versions known then."""

from __future__ import annotations

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification


def seizure_event_choices(clearance: Classification) -> pl.DataFrame:
    """Every event the viewer may see, latest first: its id, date, place and documenting
    entity, for choosing one."""
    return fetch(
        "SELECT event_uid, event_id, event_date, country_iso3, location_name, reporting_entity "
        "FROM seizure_events_known WHERE list_contains(?, classification) "
        "ORDER BY event_date DESC NULLS LAST, event_uid",
        [clearance.visible_levels()],
    )


def seizure_event(clearance: Classification, event_uid: str) -> pl.DataFrame:
    """The event (one row, or none when the viewer may not see it)."""
    return fetch(
        "SELECT event_uid, event_id, reporting_entity, event_date, date_precision, country_iso3, "
        "admin1, location_name, latitude, longitude, location_precision, context, seized_from, "
        "actor_type, source_document, source_paragraph, classification, file_name, "
        "source_row_number FROM seizure_events_known "
        "WHERE event_uid = ? AND list_contains(?, classification)",
        [event_uid, clearance.visible_levels()],
    )


def seizure_event_items(clearance: Classification, event_uid: str) -> pl.DataFrame:
    """The event's item lines the viewer may see with their event, in the order of their file."""
    return fetch(
        "SELECT i.item_line_uid, i.item_kind, i.weapon_category, i.manufacturer, i.model, "
        "i.calibre, i.serial_number, i.lot_number, i.headstamp_factory, "
        # as text: a year not marked reads "—", not "None"
        "CAST(i.headstamp_year AS VARCHAR) AS headstamp_year, i.country_of_manufacture, "
        "CAST(i.year_of_manufacture AS VARCHAR) AS year_of_manufacture, i.quantity, i.unit, "
        # an item shown with its event is as sensitive as the more sensitive of the two: a public
        # line of a confidential event would disclose the event
        "i.verification, more_sensitive(i.classification, e.classification) AS classification, "
        "i.file_name, i.source_row_number FROM seizure_items_known AS i "
        "JOIN seizure_events_known AS e USING (event_uid) "
        "WHERE event_uid = ? AND list_contains(?, more_sensitive(i.classification, "
        "e.classification)) ORDER BY i.file_name, i.source_row_number, i.item_line_uid",
        [event_uid, clearance.visible_levels()],
    )


def seizure_event_findings(clearance: Classification, event_uid: str) -> pl.DataFrame:
    """The panel findings that cite the event, or one of its items by serial, as the viewer may
    see both the finding and what it cites; one row per finding."""
    return fetch(
        "SELECT f.finding_uid, f.document_symbol, f.paragraph, f.annex, f.document_date, "
        "f.finding_type, f.confidence, f.summary, "
        "string_agg(DISTINCT l.reference, '; ' ORDER BY l.reference) AS cited_as "
        "FROM panel_finding_links AS l "
        "JOIN panel_findings AS f USING (finding_uid) "
        "WHERE list_contains($visible, l.finding_classification) "
        "AND list_contains($visible, l.matched_classification) "
        "AND list_contains($visible, f.classification) "
        "AND ((l.matched_kind = 'seizure_event' AND l.matched_id = $event) "
        "OR (l.matched_kind = 'seizure_item' AND l.matched_id IN ("
        "SELECT item_line_uid FROM seizure_items_known WHERE event_uid = $event))) "
        "GROUP BY ALL ORDER BY f.document_date, f.finding_uid",
        {"visible": clearance.visible_levels(), "event": event_uid},
    )
