"""Hotspots: where weapons and ammunition are seized, aggregated on a grid or by country on the
server, and which places are emerging: cells whose recent counts rise significantly above their
own baseline."""

import streamlit as st

from dashboard import charts, maps, queries
from dashboard.common import (
    SEIZURE_SOURCES,
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    seizure_filter_controls,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.shapes_file import country_shapes_url

clearance = viewer_clearance()

st.title("Hotspots")
synthetic_banner(clearance)
filters = seizure_filter_controls(clearance, key="hotspots")

left, middle, right = st.columns(3)
cell_degrees = left.select_slider(
    "Grid cell (degrees)",
    options=[0.1, 0.25, 0.5, 1.0, 2.0],
    value=0.5,
    help="About 11 km per 0.1 degree at the equator. Smaller cells need more zoom.",
)
measure = middle.radio(
    "Count",
    ["events", "item_lines", "items", "rounds"],
    horizontal=True,
    format_func=lambda name: name.replace("_", " "),
)
# Leaflet first: it draws with the browser's 2D canvas, where the Plotly map needs WebGL, which
# costs a browser without graphics acceleration (virtual desktops) several times as much.
view = right.radio(
    "Map",
    ["Grid on Leaflet", "Grid", "Countries"],
    horizontal=True,
    help="Grid on Leaflet draws each cell as a circle sized by the count, with Folium, offline (no "
    "tiles unless a mission tile server is configured with EMBARGO_TILE_URL); Grid draws the "
    "cells' squares with Plotly; Countries colours each country by its count.",
)

shape_keys = queries.map_shape_keys(clearance)

# The map shows the emerging hotspots, whose settings sit with their list below it.
map_area = st.container()
st.subheader("Emerging hotspots")
settings = st.columns(3)
as_of = settings[0].date_input("Up to", value=filters.date_to, key="emerging_as_of")
recent_months = settings[1].number_input("Recent window (months)", 1, 24, 3)
baseline_months = settings[2].number_input("Baseline before it (months)", 3, 60, 12)
emerging = queries.emerging_hotspots(
    clearance, filters, cell_degrees, as_of, int(recent_months), int(baseline_months)
)

# Country shapes and emerging-hotspot rings (two markers each) count against the map's features.
flagged = int(emerging["emerging"].sum()) if not emerging.is_empty() else 0
cell_limit = max(queries.MAP_FEATURE_LIMIT - shape_keys.height - 2 * flagged, 0)

with map_area:
    if view == "Grid":
        cells = queries.hotspot_cells(clearance, filters, cell_degrees, cell_limit)
        st.plotly_chart(
            charts.hotspot_grid_map(
                cells, cell_degrees, measure, country_shapes_url(clearance), shape_keys, emerging
            ),
            key="hotspot_grid",
            config={"scrollZoom": True},
        )
        st.caption(f"{cells.height:,} grid cells of {cell_degrees} degrees (at most 5,000 drawn).")
    elif view == "Grid on Leaflet":
        cells = queries.hotspot_cells(clearance, filters, cell_degrees, cell_limit)
        centre = (
            (cells["cell_lat"].mean(), cells["cell_lon"].mean())
            if not cells.is_empty()
            else (10, 20)
        )
        leaflet = maps.offline_folium_map(center=centre, zoom=4)
        maps.add_country_shapes(leaflet, queries.country_shapes_geojson(clearance))
        maps.add_circle_markers(
            leaflet,
            cells,
            lat="cell_lat",
            lon="cell_lon",
            size_column=measure,
            tooltip=lambda row: (
                f"{row['countries']}: {row['events']} events, {row['items']:,.0f} items, "
                f"{row['rounds']:,.0f} rounds"
            ),
            name="Seizures",
        )
        maps.add_circle_markers(
            leaflet,
            emerging.filter(emerging["emerging"]),
            lat="cell_lat",
            lon="cell_lon",
            colour="#a50f15",
            min_radius=10,
            tooltip=lambda row: f"Emerging: {row['observed']} events, p = {row['p_value']:.4f}",
            name="Emerging hotspots",
        )
        maps.show_map(leaflet, key="hotspot_leaflet", height=560)
        st.caption(
            f"{cells.height:,} grid cells of {cell_degrees} degrees; red: emerging hotspots."
        )
    else:
        by_country = queries.seizures_by_country(clearance, filters)
        st.plotly_chart(
            charts.seizure_choropleth(
                by_country, measure, country_shapes_url(clearance), shape_keys
            ),
            key="hotspot_countries",
        )
    st.caption(f"{SEIZURE_SOURCES} {SHAPES_SOURCE} {UN_MAP_DISCLAIMER}")


flagged = emerging.filter(emerging["emerging"])
st.markdown(
    f"**{flagged.height} emerging hotspot(s)** in the {int(recent_months)} months to "
    f"{as_of:%d %B %Y}. Test: one-sided Poisson test of the events in the recent window against "
    f"the number expected from the same cell's previous {int(baseline_months)} months "
    "(expected floored at 0.5); flagged when at least 3 events and p < 0.01."
)
st.dataframe(
    emerging.head(50),
    hide_index=True,
    column_config={
        "cell_lat": st.column_config.NumberColumn("Cell latitude", format="%.2f"),
        "cell_lon": st.column_config.NumberColumn("Cell longitude", format="%.2f"),
        "countries": "Countries",
        "observed": "Recent events",
        "baseline_events": "Baseline events",
        "expected": "Expected",
        "ratio": "Observed / expected",
        "p_value": st.column_config.NumberColumn("p", format="%.5f"),
        "emerging": st.column_config.CheckboxColumn("Emerging"),
    },
)
st.caption(f"Cells with at least one recent event, most significant first. {SEIZURE_SOURCES}")
