"""Embargo Monitor dashboard: the Streamlit entry point. Declares the pages and the sidebar."""

from pathlib import Path

import streamlit as st

from dashboard import queries
from dashboard.common import viewer_clearance

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

navigation = st.navigation(PAGES)

clearance = viewer_clearance()
with st.sidebar:
    st.caption(
        f"Viewing as the local operator, cleared **{clearance.label.replace('_', ' ')}**. "
        f"Warehouse built {queries.warehouse_built_at(clearance):%Y-%m-%d %H:%M} UTC."
    )

navigation.run()
