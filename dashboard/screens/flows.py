"""Flows: who supplies whom, as a Sankey diagram and as arcs on an offline map, following the
same filters as the Transfers page; recipients under an embargo in the chosen year in red."""

import streamlit as st

from dashboard import charts, queries
from dashboard.common import (
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    synthetic_banner,
    transfer_filter_controls,
    transfer_sources_caption,
    viewer_clearance,
)
from dashboard.shapes_file import country_shapes_url

clearance = viewer_clearance()

st.title("Flows")
synthetic_banner(clearance)

filters = transfer_filter_controls(clearance, key="flows")
left, middle, right = st.columns(3)
measure = left.radio(
    "Measure", list(charts.MEASURES), format_func=charts.MEASURES.get, horizontal=True
)
top = middle.number_input("Largest flows shown", min_value=5, max_value=200, value=40, step=5)
highlight_year = right.number_input(
    "Highlight embargoes in force in",
    min_value=filters.year_from,
    max_value=filters.year_to,
    value=filters.year_to,
    step=1,
)

flows = queries.transfer_flows(clearance, filters, top=int(top))
if flows.is_empty():
    st.info("No delivery matches these filters. Load a register with `embargo ingest`.")
    st.stop()
embargoed = queries.embargoed_countries_in_year(clearance, int(highlight_year))
embargoed_codes = set(embargoed["country_iso3"].to_list())

# Only the open tab runs and is drawn.
sankey_tab, map_tab, table_tab = st.tabs(
    ["Sankey", "Flow map", "Table"], key="flows_view", on_change="rerun"
)
if sankey_tab.open:
    with sankey_tab:
        st.plotly_chart(charts.flows_sankey(flows, measure, embargoed_codes), key="flows_sankey")
if map_tab.open:
    with map_tab:
        st.plotly_chart(
            charts.flow_map(
                flows,
                measure,
                country_shapes_url(clearance),
                queries.map_shape_keys(clearance),
                embargoed,
            ),
            key="flow_map",
            config={"scrollZoom": True},
        )
        st.caption(f"Arcs join country centroids. {SHAPES_SOURCE} {UN_MAP_DISCLAIMER}")
if table_tab.open:
    with table_tab:
        st.dataframe(
            flows.select("supplier_country", "recipient_country", "deliveries", "items", "tiv"),
            hide_index=True,
            column_config={
                "supplier_country": "Supplier",
                "recipient_country": "Recipient",
                "deliveries": "Deliveries",
                "items": "Items",
                "tiv": st.column_config.NumberColumn("SIPRI TIV (m)", format="%.1f"),
            },
        )
st.caption(
    f"The {int(top)} largest supplier-recipient flows by the chosen measure. Red: recipients in a "
    f"territory under a UN arms embargo at any time in {int(highlight_year)}. "
    f"{transfer_sources_caption(clearance)}"
)
