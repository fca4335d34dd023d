"""Embargo Monitor dashboard: the Streamlit entry point. Declares the pages, shows each viewer
the pages their role allows (only the sign-in page until someone has signed in) and the sidebar,
and records every page view in the audit trail."""

from pathlib import Path

import streamlit as st

from dashboard import queries, session
from dashboard.screens.sign_in import show_sign_in
from embargo.config import warehouse_location

# A local icon: Material icons as favicons would be fetched from a font CDN.
FAVICON = Path(__file__).parent / "assets" / "favicon.png"
st.set_page_config(page_title="Embargo Monitor", page_icon=str(FAVICON), layout="wide")

PAGES = {
    "Embargoes": [
        st.Page("screens/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page(
            "screens/embargo_regimes.py",
            title="Embargo regimes",
            icon=":material/gavel:",
            url_path="embargo-regimes",
        ),
        st.Page(
            "screens/country_profile.py",
            title="Country profile",
            icon=":material/flag:",
            url_path="country-profile",
        ),
    ],
    "Registered transfers": [
        st.Page(
            "screens/transfers.py",
            title="Transfers",
            icon=":material/local_shipping:",
            url_path="transfers",
        ),
        st.Page("screens/flows.py", title="Flows", icon=":material/swap_horiz:", url_path="flows"),
        st.Page(
            "screens/screening.py", title="Screening", icon=":material/rule:", url_path="screening"
        ),
    ],
    "Seized materiel": [
        st.Page(
            "screens/hotspots.py",
            title="Hotspots",
            icon=":material/location_on:",
            url_path="hotspots",
        ),
        st.Page(
            "screens/trends.py", title="Trends", icon=":material/trending_up:", url_path="trends"
        ),
        st.Page(
            "screens/tracing.py",
            title="Tracing",
            icon=":material/search_check:",
            url_path="tracing",
        ),
        st.Page(
            "screens/item_search.py",
            title="Item search",
            icon=":material/search:",
            url_path="item-search",
        ),
    ],
    "Panel findings": [
        st.Page(
            "screens/findings.py",
            title="Findings",
            icon=":material/fact_check:",
            url_path="findings",
        ),
    ],
    "Data": [
        st.Page(
            "screens/sources.py", title="Sources", icon=":material/source:", url_path="sources"
        ),
    ],
}

# Pages by role: analysts and admins upload data, admins read the audit trail.
UPLOAD_PAGE = st.Page(
    "screens/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"
)
AUDIT_PAGE = st.Page("screens/audit.py", title="Audit", icon=":material/policy:", url_path="audit")


def pages_for(viewer: session.Viewer) -> dict[str, list]:
    pages = {section: list(entries) for section, entries in PAGES.items()}
    if viewer.can_upload:
        pages.setdefault("Data", []).append(UPLOAD_PAGE)
    if viewer.is_admin:
        pages.setdefault("Administration", []).append(AUDIT_PAGE)
    return pages


viewer = session.current_viewer()
st.session_state[session.VIEWER] = viewer
if viewer is None:
    # Every page is known, so a link to one survives signing in, but none is run: whatever
    # the address, the sign-in form is all that is shown.
    st.navigation(pages_for(session.local_operator()), position="hidden")
    show_sign_in()
    st.stop()

# Expanded: with more than a few pages the sidebar would otherwise hide the last ones behind
# "View more".
navigation = st.navigation(pages_for(viewer), expanded=True)
st.session_state[session.PAGE_TITLE] = navigation.title
clearance = viewer.clearance
# The warehouse `embargo serve` configured this process with: every query of the run reads it.
with queries.reading_from(warehouse_location()):
    outdated = queries.outdated_warehouse(clearance)
    if outdated:
        st.error(f"The pages cannot be shown: {outdated}.")
        st.stop()
    # The caption names the snapshot (or file) every figure of the page is read from: the one a
    # briefing pack records and `--as-of` takes.
    with queries.one_snapshot_per_page():
        with st.sidebar:
            who = (
                "the local operator"
                if viewer.mode == "local"
                else f"**{viewer.user_name}** ({viewer.role})"
            )
            st.caption(
                f"Signed in as {who}, cleared **{clearance.label.replace('_', ' ')}**. "
                f"Figures read from the {queries.data_version(clearance)}."
            )
            if viewer.mode == "accounts" and st.button("Sign out", key="access_sign_out"):
                session.sign_out(viewer)
                st.rerun()
        try:
            navigation.run()
        finally:
            # Also when the page stops early (st.stop) or fails: the view is on record either
            # way.
            session.record_page_view(viewer, navigation.title, navigation.url_path)
