"""Brokering records (format brokering) and their screening, for the Country profile and the
Transfers page: the decisions of States' brokering controls the viewer may see, for one
destination or all."""

from __future__ import annotations

import polars as pl

from dashboard.queries.engine import fetch
from embargo.classification import Classification

RECORD_COLUMNS = (
    "decision_date, licence_id, reporting_state_iso3, decision, broker_name, broker_country_iso3, "
    "source_country_iso3, destination_country_iso3, end_user, category, description, quantity, "
    "value, currency, source_document, file_name, source_row_number"
)


def brokering_records(clearance: Classification, destination_iso3: str | None) -> pl.DataFrame:
    """Every decision on a brokering licence for the destination (every destination when None),
    latest first."""
    return fetch(
        f"SELECT {RECORD_COLUMNS} FROM brokering_records "  # noqa: S608 (a constant list)
        "WHERE (CAST(? AS VARCHAR) IS NULL OR destination_country_iso3 = ?) "
        "AND list_contains(?, classification) "
        "ORDER BY decision_date DESC, reporting_state_iso3, licence_id, decision",
        [destination_iso3, destination_iso3, clearance.visible_levels()],
    )


def brokering_screening(clearance: Classification, destination_iso3: str | None) -> pl.DataFrame:
    """The licences issued for the destination (every destination when None), screened against
    the embargoes on it: violation indicators first."""
    return fetch(
        "SELECT verdict, embargo_id, decision_date, licence_id, reporting_state_iso3, "
        "broker_name, destination_country_iso3, end_user, reason_kind, revoked_on, citation, "
        "reason FROM brokering_screening "
        "WHERE (CAST(? AS VARCHAR) IS NULL OR destination_country_iso3 = ?) "
        "AND list_contains(?, classification) "
        "ORDER BY CASE verdict WHEN 'violation_indicator' THEN 0 WHEN 'exemption_check' THEN 1 "
        "ELSE 2 END, decision_date DESC, licence_id, embargo_id",
        [destination_iso3, destination_iso3, clearance.visible_levels()],
    )
