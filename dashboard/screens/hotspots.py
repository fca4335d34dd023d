"""Hotspots: where weapons and ammunition are seized, aggregated on a grid or by country on the
server, and which places are emerging: cells whose recent counts rise significantly above their
own baseline."""

import folium
import streamlit as st

from dashboard import charts, maps, queries
from dashboard.choices import choice_key
from dashboard.common import (
    SEIZURE_SOURCES,
    SHAPES_SOURCE,
    UN_MAP_DISCLAIMER,
    date_input_format,
    show_table,
    synthetic_banner,
    viewer_clearance,
)
from dashboard.filters import (
    place_columns,
    seizure_filter_controls,
    town_name,
    unlocated_events_section,
    with_place_words,
)
from dashboard.kept_charts import show_kept_chart
from dashboard.kept_maps import show_kept_map
from dashboard.shapes_file import country_shapes_url
from embargo.config import double_report_thresholds
from embargo.i18n import N_, _, format_date, format_number

clearance = viewer_clearance()
MAP_VIEWS = {
    "Grid on Leaflet": N_("Grid on Leaflet"),
    "Grid": N_("Grid"),
    "Countries": N_("Countries"),
}

st.title(_("Hotspots"))
synthetic_banner(clearance)
filters = seizure_filter_controls(clearance, key="hotspots")

left, middle, right = st.columns(3)
cell_degrees = left.select_slider(
    _("Grid cell (degrees)"),
    options=[0.1, 0.25, 0.5, 1.0, 2.0],
    value=0.5,
    key="hotspots_cell",
    help=_("About 11 km per 0.1 degree at the equator. Smaller cells need more zoom."),
)
measure = middle.radio(
    _("Count"),
    ["events", "item_lines", "items", "rounds"],
    horizontal=True,
    format_func=lambda name: _(charts.MEASURE_LABELS[name]),
    key=choice_key("hotspots_measure"),
)
# Leaflet first: it draws with the browser's 2D canvas, where the Plotly map needs WebGL, which
# costs a browser without graphics acceleration (virtual desktops) several times as much.
view = right.radio(
    _("Map"),
    ["Grid on Leaflet", "Grid", "Countries"],
    format_func=lambda view: _(MAP_VIEWS[view]),
    horizontal=True,
    key=choice_key("hotspots_map"),
    help=_(
        "Grid on Leaflet draws each cell as a circle sized by the count, with Folium, offline (no "
        "tiles unless a mission tile server is configured with EMBARGO_TILE_URL); Grid draws the "
        "cells' squares with Plotly; Countries colours each country by its count."
    ),
)

shape_keys = queries.map_shape_keys(clearance)


def cell_place(row: dict) -> str:
    """A cell in words: its countries, the admin-1 area and nearest town most of its events
    have, the town in the reader's language."""
    words = [row["countries"] or ""]
    if row.get("admin1_area"):
        words.append(row["admin1_area"])
    if row.get("nearest_place"):
        words.append(
            _("near {town}").format(
                town=town_name(
                    {"place_name": row["nearest_place"], "place_name_fr": row["nearest_place_fr"]}
                )
            )
        )
    return ", ".join(word for word in words if word)


# The map shows the emerging hotspots, whose settings sit with their list below it.
map_area = st.container()
st.subheader(_("Emerging hotspots"))
settings = st.columns(3)
as_of = settings[0].date_input(
    _("Up to"), value=filters.date_to, format=date_input_format(), key="emerging_as_of"
)
recent_months = settings[1].number_input(_("Recent window (months)"), 1, 24, 3)
baseline_months = settings[2].number_input(_("Baseline before it (months)"), 3, 60, 12)
emerging = queries.emerging_hotspots(
    clearance, filters, cell_degrees, as_of, int(recent_months), int(baseline_months)
)

# Country shapes and emerging-hotspot rings (two markers each) count against the map's features.
flagged = int(emerging["emerging"].sum()) if not emerging.is_empty() else 0
cell_limit = max(queries.MAP_FEATURE_LIMIT - shape_keys.height - 2 * flagged, 0)

with map_area:
    if view == "Grid":
        cells = queries.hotspot_cells(clearance, filters, cell_degrees, cell_limit)
        show_kept_chart(
            charts.hotspot_grid_map,
            cells,
            cell_degrees,
            measure,
            country_shapes_url(clearance),
            shape_keys,
            emerging,
            title=_("Seizure hotspots"),
            source=_(SEIZURE_SOURCES) + " " + _(SHAPES_SOURCE),
            is_map=True,
            key="hotspot_grid",
            config=charts.geo_config(),
        )
        st.caption(
            _("{cells} grid cells of {degrees} degrees (at most 5,000 drawn).").format(
                cells=format_number(cells.height), degrees=cell_degrees
            )
        )
    elif view == "Grid on Leaflet":
        cells = queries.hotspot_cells(clearance, filters, cell_degrees, cell_limit)

        def grid_map() -> folium.Map:
            centre = (
                (cells["cell_lat"].mean(), cells["cell_lon"].mean())
                if not cells.is_empty()
                else (10, 20)
            )
            leaflet = maps.offline_folium_map(center=centre, zoom=4)
            maps.add_country_shapes(leaflet, queries.country_shapes_geojson(clearance))
            maps.add_places_of(
                leaflet,
                {code for listed in cells["countries"].to_list() for code in listed.split(", ")},
            )
            maps.add_circle_markers(
                leaflet,
                cells,
                lat="cell_lat",
                lon="cell_lon",
                size_column=measure,
                tooltip=lambda row: (
                    cell_place(row)
                    + ": "
                    + _("{events} events, {items} items, {rounds} rounds").format(
                        events=format_number(row["events"]),
                        items=format_number(row["items"]),
                        rounds=format_number(row["rounds"]),
                    )
                ),
                name=_("Seizures"),
            )
            maps.add_circle_markers(
                leaflet,
                emerging.filter(emerging["emerging"]),
                lat="cell_lat",
                lon="cell_lon",
                colour="#a50f15",
                min_radius=10,
                tooltip=lambda row: (
                    cell_place(row)
                    + ": "
                    + _("Emerging: {events} events").format(events=row["observed"])
                    + f", p = {format_number(row['p_value'], 4)}"
                ),
                name=_("Emerging hotspots"),
            )
            return leaflet

        show_kept_map(
            grid_map,
            clearance=clearance,
            inputs=(
                cells,
                measure,
                emerging.filter(emerging["emerging"]),
                queries.country_shapes_digest(clearance),
            ),
            key="hotspot_leaflet",
            height=560,
        )
        st.caption(
            _("{cells} grid cells of {degrees} degrees; red: emerging hotspots.").format(
                cells=format_number(cells.height), degrees=cell_degrees
            )
            + " "
            + _(maps.PLACES_NOTE)
        )
    else:
        by_country = queries.seizures_by_country(clearance, filters)
        show_kept_chart(
            charts.seizure_choropleth,
            by_country,
            measure,
            country_shapes_url(clearance),
            shape_keys,
            title=_("Seizures by country"),
            source=_(SEIZURE_SOURCES) + " " + _(SHAPES_SOURCE),
            is_map=True,
            key="hotspot_countries",
            config=charts.geo_config(),
        )
    st.caption(f"{_(SEIZURE_SOURCES)} {_(SHAPES_SOURCE)} {_(UN_MAP_DISCLAIMER)}")

    # --- events off the map and possible double reports (dashboard/filters.py) ------------------
    unlocated_events_section(clearance, filters, key="hotspots")
    max_days, max_km = double_report_thresholds()
    doubles = queries.possible_double_reports(clearance, max_days, max_km, filters=filters)
    st.caption(
        _(
            "Possible double reports: {count} pairs of sightings of one item by different "
            "reporting entities within {days} days and {km} km in this period and country (see "
            "Item search)."
        ).format(count=format_number(doubles.height), days=max_days, km=format_number(max_km))
    )
    # --- end of events off the map --------------------------------------------------------------


flagged = emerging.filter(emerging["emerging"])
st.markdown(
    _(
        "**Emerging hotspots: {count}** in the {months} months to {date}. Test: one-sided Poisson "
        "test of the events in the recent window against the number expected from the same "
        "cell's previous {baseline} months (expected floored at 0.5); flagged when at least 3 "
        "events and p < 0.01."
    ).format(
        count=flagged.height,
        months=int(recent_months),
        date=format_date(as_of),
        baseline=int(baseline_months),
    )
)
show_table(
    with_place_words(emerging.head(50)),
    hide_index=True,
    column_config={
        "cell_lat": st.column_config.NumberColumn(_("Cell latitude"), format="%.2f"),
        "cell_lon": st.column_config.NumberColumn(_("Cell longitude"), format="%.2f"),
        "countries": _("Countries"),
        **place_columns(),
        "observed": _("Recent events"),
        "baseline_events": _("Baseline events"),
        "expected": _("Expected"),
        "ratio": _("Observed / expected"),
        "p_value": st.column_config.NumberColumn(_("p"), format="%.5f"),
        "emerging": st.column_config.CheckboxColumn(_("Emerging")),
    },
)
st.caption(
    _("Cells with at least one recent event, most significant first.") + f" {_(SEIZURE_SOURCES)}"
)
