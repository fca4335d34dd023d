"""Brokering licences as the Country profile and the Transfers page show them: the licences
issued for a destination under embargo with their screening verdict, then every decision of the
brokering controls (issued, refused, revoked) with its broker, countries, end user and source."""

from __future__ import annotations

import streamlit as st

from dashboard import queries
from dashboard.common import show_table
from embargo.classification import Classification
from embargo.i18n import _, format_number

SCREENING_COLUMNS = {
    "verdict": None,
    "embargo_id": None,
    "decision_date": "date",
    "licence_id": None,
    "reporting_state_iso3": None,
    "broker_name": None,
    "destination_country_iso3": None,
    "end_user": None,
    "reason_kind": None,
    "revoked_on": "date",
    "citation": None,
}
RECORD_COLUMNS = {
    "decision_date": "date",
    "licence_id": None,
    "reporting_state_iso3": None,
    "decision": None,
    "broker_name": None,
    "broker_country_iso3": None,
    "source_country_iso3": None,
    "destination_country_iso3": None,
    "end_user": None,
    "category": None,
    "description": None,
    "quantity": None,
    "value": None,
    "currency": None,
    "source_document": None,
    "file_name": None,
    "source_row_number": None,
}


def _config(columns: dict[str, str | None]) -> dict:
    """Dates as dates; every other column named from the label catalogue."""
    return {
        name: st.column_config.DateColumn(None, format="YYYY-MM-DD")
        for name, kind in columns.items()
        if kind == "date"
    }


def show_brokering(
    clearance: Classification,
    destination_iso3: str | None,
    embargoes: dict[str, str],
    key: str,
) -> None:
    """The brokering block for one destination (all destinations when None)."""
    st.subheader(_("Brokering licences"))
    records = queries.brokering_records(clearance, destination_iso3)
    if records.is_empty():
        st.info(_("No brokering record is loaded for this destination (format brokering)."))
        return
    screened = queries.brokering_screening(clearance, destination_iso3)
    flagged = screened.filter(screened["verdict"] == "violation_indicator")
    left, middle, right = st.columns(3)
    left.metric(_("Brokering decisions"), format_number(records.height))
    middle.metric(_("Licences issued"), format_number((records["decision"] == "issued").sum()))
    right.metric(
        _("Issued while supplies were prohibited"),
        format_number(flagged["licence_id"].n_unique()),
    )
    if not screened.is_empty():
        show_table(
            screened.select(list(SCREENING_COLUMNS)),
            embargoes=embargoes,
            hide_index=True,
            column_config=_config(SCREENING_COLUMNS),
            key=f"{key}_brokering_screening",
        )
        st.caption(
            _(
                "Each licence issued for a destination under a UN arms embargo, screened on its "
                "decision date: a violation indicator when the measures prohibited such supplies "
                "that day with no exemption route; an exemption check when an exemption "
                "procedure applied. The end user decides which measures apply (non-state actors "
                "or the State)."
            )
        )
    show_table(
        records.select(list(RECORD_COLUMNS)),
        embargoes=embargoes,
        hide_index=True,
        column_config=_config(RECORD_COLUMNS),
        key=f"{key}_brokering_records",
    )
    st.caption(
        _(
            "Decisions of States' brokering controls on brokering licences (issued, refused, "
            "revoked), as loaded from the brokering format: brokers are actors of the actor "
            "registry; each row names its file and row."
        )
    )
