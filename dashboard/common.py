"""Pieces every page shares: who is viewing, the synthetic-data banner and standard captions."""

from __future__ import annotations

import os

import streamlit as st

from dashboard import queries
from embargo.classification import Classification

UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)
EMBARGO_SOURCE = (
    "Source: UN Security Council resolutions, cited by symbol (Embargo Monitor reference table "
    "of UN arms embargoes, status as of 2026-11-01)."
)
SHAPES_SOURCE = "Boundaries: Natural Earth admin-0 1:110m (public domain)."


COVERAGE_COLUMNS = {
    "target_name": "Embargo target",
    "direction": st.column_config.TextColumn(
        "Direction", help="to_target: supplies to the target; from_target: supplies by it"
    ),
    "actor_scope": st.column_config.TextColumn(
        "Applies to", help="government, non_state (actors in the territory) or listed parties"
    ),
    "coverage": st.column_config.TextColumn(
        "Requirement",
        help="prohibited; approval or notification: an exemption procedure must be followed; "
        "exempt_if: exempt under a condition; suspended; not_covered",
    ),
    "item_scope": "Items",
    "valid_from": st.column_config.DateColumn("From"),
    "valid_to": st.column_config.DateColumn("Until (exclusive)"),
    "citation": "Resolution",
    "note": "Conditions and caveats",
}
CHANGE_COLUMNS = {
    "change_date": "Date",
    "date_precision": "Precision",
    "change_kind": "Kind of change",
    "resolution": "Resolution",
    "change": "Change",
}


def viewer_clearance() -> Classification:
    """The clearance of the person viewing. In the single-user local mode it is the operator's,
    set by EMBARGO_CLEARANCE (default: strictly confidential, the operator sees their own data)."""
    configured = os.environ.get("EMBARGO_CLEARANCE", "strictly_confidential")
    return Classification.parse(configured)


def synthetic_banner(clearance: Classification) -> None:
    titles = queries.synthetic_sources_loaded(clearance)
    if titles:
        st.warning(
            "**Synthetic demo data.** This warehouse contains invented records for demonstration "
            f"({'; '.join(titles)}). They are not facts and must never be cited.",
            icon=":material/science:",
        )


def loaded_on(clearance: Classification, source_id: str) -> str:
    """The date a source was last loaded, for chart captions."""
    inventory = queries.data_inventory(clearance)
    rows = inventory.filter(inventory["source_id"] == source_id)
    if rows.is_empty():
        return "not loaded"
    return f"loaded {rows['last_loaded_at'].max():%Y-%m-%d %H:%M} UTC"
