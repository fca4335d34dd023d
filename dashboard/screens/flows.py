"""Flows: who supplies whom, as a Sankey diagram and as arcs on an offline map, following the
same filters as the Transfers page; recipients under an embargo in the chosen year in red."""

import streamlit as st

from dashboard import charts, queries
from dashboard.choices import choice_key, open_tab, tabs_in_language
from dashboard.common import (
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    show_table,
    synthetic_banner,
    transfer_filter_controls,
    transfer_sources_caption,
    viewer_clearance,
)
from dashboard.downloads import table_downloads
from dashboard.kept_charts import show_kept_chart
from dashboard.shapes_file import country_shapes_url
from embargo.i18n import _

clearance = viewer_clearance()

st.title(_("Flows"))
synthetic_banner(clearance)

filters = transfer_filter_controls(clearance, key="flows")
left, middle, right = st.columns(3)
measure = left.radio(
    _("Measure"),
    list(charts.MEASURES),
    format_func=lambda measure: _(charts.MEASURES[measure]),
    horizontal=True,
    key=choice_key("flows_measure"),
)
top = middle.number_input(_("Largest flows shown"), min_value=5, max_value=200, value=40, step=5)
highlight_year = right.number_input(
    _("Highlight embargoes in force in"),
    min_value=filters.year_from,
    max_value=filters.year_to,
    value=filters.year_to,
    step=1,
)

flows = queries.transfer_flows(clearance, filters, top=int(top))
if flows.is_empty():
    st.info(_("No delivery matches these filters. Load a register with `embargo ingest`."))
    st.stop()
embargoed = queries.embargoed_countries_in_year(clearance, int(highlight_year))
embargoed_codes = set(embargoed["country_iso3"].to_list())

# Only the open tab runs and is drawn.
VIEWS = {"sankey": _("Sankey"), "map": _("Flow map"), "table": _("Table")}
sankey_tab, map_tab, table_tab = st.tabs(
    tabs_in_language("flows_view", VIEWS), key="flows_view", on_change="rerun"
)
open_tab("flows_view", VIEWS)

if sankey_tab.open:
    with sankey_tab:
        show_kept_chart(
            charts.flows_sankey,
            flows,
            measure,
            embargoed_codes,
            title=_("Registered transfer flows"),
            source=transfer_sources_caption(clearance),
            key="flows_sankey",
        )
if map_tab.open:
    with map_tab:
        show_kept_chart(
            charts.flow_map,
            flows,
            measure,
            country_shapes_url(clearance),
            queries.map_shape_keys(clearance),
            embargoed,
            title=_("Registered transfer flows"),
            source=transfer_sources_caption(clearance) + " " + _(SHAPES_SOURCE),
            is_map=True,
            key="flow_map",
            config=charts.geo_config(),
        )
        st.caption(
            _("Arcs join country centroids.") + f" {_(SHAPES_SOURCE)} {_(UN_MAP_DISCLAIMER)}"
        )
if table_tab.open:
    with table_tab:
        flows_table = flows.select(
            "supplier_iso3", "recipient_iso3", "deliveries", "register_lines", "items", "tiv"
        )
        show_table(
            flows_table,
            hide_index=True,
            column_config={
                "deliveries": _("Deliveries"),
                "items": _("Items"),
                "tiv": st.column_config.NumberColumn(_("SIPRI TIV (m)"), format="%.1f"),
            },
        )
        table_downloads(flows_table, "flows", "flows")
st.caption(
    _(
        "The {top} largest supplier-recipient flows by the chosen measure. Red: recipients in a "
        "territory under a UN arms embargo at any time in {year}."
    ).format(top=int(top), year=int(highlight_year))
    + " "
    + transfer_sources_caption(clearance)
)
