"""Charts of seized materiel: the hotspot grid and country maps, monthly trends, fresh supply,
tracing response rates and an item's sightings."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import map_layers
from dashboard.charts.base import (
    EMBARGOED_COLOUR,
    Shapes,
    _base_geo,
    _country_names,
    _measure_label,
    _ms,
    _percent_bars,
    _series_label,
    _years_axis,
)
from dashboard.charts.transfers import FLOW_COLOUR
from embargo.i18n import _, country_name, format_number, translate
from embargo.i18n.labels import value_label


def _cell_polygons(cells: pl.DataFrame, cell_degrees: float) -> dict:
    half = cell_degrees / 2
    features = []
    for index, row in enumerate(cells.iter_rows(named=True)):
        lat, lon = row["cell_lat"], row["cell_lon"]
        ring = [
            [lon - half, lat - half],
            [lon + half, lat - half],
            [lon + half, lat + half],
            [lon - half, lat + half],
            [lon - half, lat - half],
        ]
        features.append(
            {
                "type": "Feature",
                "id": str(index),
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def hotspot_grid_map(
    cells: pl.DataFrame,
    cell_degrees: float,
    measure: str,
    shapes: Shapes,
    shape_keys: pl.DataFrame,
    emerging: pl.DataFrame,
) -> go.Figure:
    """Square grid cells coloured by the chosen count over the offline base map; emerging
    hotspots circled in red."""
    figure = go.Figure()
    figure.add_trace(
        _base_geo(shapes, shape_keys, hovertext=_country_names(shape_keys), hoverinfo="text")
    )
    if not cells.is_empty():
        figure.add_trace(
            go.Choropleth(
                geojson=map_layers.clockwise(_cell_polygons(cells, cell_degrees)),
                locations=[str(i) for i in range(cells.height)],
                z=cells[measure].to_list(),
                colorscale="YlOrRd",
                marker_line_width=0,
                marker_opacity=0.85,
                colorbar={"title": _measure_label(measure), "thickness": 12},
                hovertext=[
                    f"<b>{row['countries']}</b><br>"
                    + _(
                        "{events} events, {lines} item lines, {items} items, {rounds} rounds"
                    ).format(
                        events=format_number(row["events"]),
                        lines=format_number(row["item_lines"]),
                        items=format_number(row["items"]),
                        rounds=format_number(row["rounds"]),
                    )
                    + "<br>"
                    + _("{first} to {last}").format(
                        first=row["first_event"], last=row["last_event"]
                    )
                    for row in cells.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=_("Seizures"),
            )
        )
    map_layers.add_places(
        figure, {code for listed in cells["countries"].to_list() for code in listed.split(", ")}
    )
    flagged = emerging.filter(pl.col("emerging")) if not emerging.is_empty() else emerging
    if not flagged.is_empty():
        figure.add_trace(
            go.Scattergeo(
                lat=flagged["cell_lat"].to_list(),
                lon=flagged["cell_lon"].to_list(),
                mode="markers",
                marker={"size": 22, "color": "rgba(0,0,0,0)", "opacity": 1},
                showlegend=False,
                hovertext=[
                    _("Emerging hotspot: {observed} events against {expected} expected").format(
                        observed=row["observed"], expected=row["expected"]
                    )
                    + f" (p = {format_number(row['p_value'], 4)})"
                    for row in flagged.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=_("Emerging hotspot"),
            )
        )
        figure.add_trace(
            go.Scattergeo(
                lat=flagged["cell_lat"].to_list(),
                lon=flagged["cell_lon"].to_list(),
                mode="markers",
                marker={"size": 12, "color": "#08306b"},
                hoverinfo="skip",
                name="Emerging hotspot",
                showlegend=True,
            )
        )
    half = cell_degrees / 2
    figure.update_layout(
        geo=map_layers.geo_layout(
            map_layers.bounds_around(
                lons=[lon + side for lon in cells["cell_lon"].to_list() for side in (-half, half)],
                lats=[lat + side for lat in cells["cell_lat"].to_list() for side in (-half, half)],
            )
        ),
        height=560,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
    )
    return figure


def seizure_choropleth(
    by_country: pl.DataFrame, measure: str, shapes: Shapes, shape_keys: pl.DataFrame
) -> go.Figure:
    figure = go.Figure()
    figure.add_trace(_base_geo(shapes, shape_keys))
    if not by_country.is_empty():
        figure.add_trace(
            go.Choropleth(
                geojson=map_layers.clockwise(shapes),
                locations=by_country["country_iso3"].to_list(),
                z=by_country[measure].to_list(),
                colorscale="YlOrRd",
                marker_line_color="white",
                marker_line_width=0.5,
                colorbar={"title": _measure_label(measure), "thickness": 12},
                hovertext=[
                    f"<b>{country_name(row['country_iso3'], row['country_name'])}</b><br>"
                    + _("{events} events, {items} items, {rounds} rounds").format(
                        events=format_number(row["events"]),
                        items=format_number(row["items"]),
                        rounds=format_number(row["rounds"]),
                    )
                    for row in by_country.iter_rows(named=True)
                ],
                hoverinfo="text",
            )
        )
    countries = by_country["country_iso3"].to_list()
    map_layers.add_places(figure, countries)
    figure.update_layout(
        geo=map_layers.geo_layout(map_layers.bounds_around(countries)),
        height=520,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return figure


def monthly_trend(monthly: pl.DataFrame, measure: str, change_points: pl.DataFrame) -> go.Figure:
    """Monthly counts per series, stacked, with the embargo's imposition, changes and end drawn
    as vertical lines on the time axis. Each series is one stepped area (a month is a flat step
    centred on its first day, as a bar would be): one shape per series instead of one per month,
    which decides how fast a browser draws two decades of months (about 1,100 bars on the demo
    data)."""
    figure = go.Figure()
    if not monthly.is_empty():
        # A month without events is a step down to zero, not the previous month held on.
        monthly = monthly.with_columns(pl.col("event_month").cast(pl.Date))
        months = pl.date_range(
            monthly["event_month"].min(), monthly["event_month"].max(), "1mo", eager=True
        ).alias("event_month")
        series_names = monthly.select(pl.col("series").unique(maintain_order=True))
        monthly = (
            series_names.join(months.to_frame(), how="cross")
            .join(
                monthly.select("series", "event_month", measure),
                on=["series", "event_month"],
                how="left",
            )
            .with_columns(pl.col(measure).fill_null(0))
        )
    for series in monthly["series"].unique(maintain_order=True).to_list():
        rows = monthly.filter(pl.col("series") == series)
        figure.add_trace(
            go.Scatter(
                name=_series_label(series),
                x=rows["event_month"].to_list(),
                y=rows[measure].to_list(),
                mode="lines",
                line={"shape": "hvh", "width": 0.5},
                stackgroup="months",
                hovertemplate="%{x|%m/%Y}: %{y:,}<extra>%{fullData.name}</extra>",
            )
        )
    for row in change_points.iter_rows(named=True):
        colour = {"imposed": "#a50f15", "ended": "#1b7837"}.get(row["change_kind"], "#555")
        figure.add_vline(
            x=_ms(row["change_point_date"]), line_dash="dot", line_color=colour, line_width=1
        )
        figure.add_annotation(
            x=_ms(row["change_point_date"]),
            y=1.0,
            yref="paper",
            text=row["resolution"] or value_label("change_kind", row["change_kind"]),
            showarrow=False,
            textangle=-90,
            xanchor="right",
            yanchor="top",
            font={"size": 9, "color": colour},
        )
    figure.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis=_years_axis(),
        yaxis_title=_measure_label(measure),
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
    )
    return figure


def fresh_supply_bars(indicator: pl.DataFrame) -> go.Figure:
    rows = list(indicator.iter_rows(named=True))
    return _percent_bars(
        [
            _("{embargo} (since {year})").format(
                embargo=translate(row["embargo_short_name"]), year=row["embargo_start"].year
            )
            for row in rows
        ],
        [row["fresh_share"] for row in rows],
        [
            _("{part} of {whole}").format(part=row["fresh_lines"], whole=row["dated_lines"])
            for row in rows
        ],
        EMBARGOED_COLOUR,
        _("Share made after the embargo began (%)"),
    )


def response_rates(by_addressee: pl.DataFrame) -> go.Figure:
    rows = list(by_addressee.head(25).iter_rows(named=True))
    return _percent_bars(
        # a State by its name in the reader's language, a manufacturer as written
        [
            country_name(row["addressed_to_iso3"], row["addressed_to"])
            if row["addressed_to_iso3"]
            else row["addressed_to"]
            for row in rows
        ],
        [row["response_rate"] for row in rows],
        [
            f"{row['answered']}/{row['requests']}, "
            + (
                _("median {days} days").format(days=format_number(row["median_response_days"]))
                if row["median_response_days"] is not None
                else _("no answer yet")
            )
            for row in rows
        ],
        FLOW_COLOUR,
        _("Requests answered (%)"),
        full_scale=True,
    )


def sightings_map(sightings: pl.DataFrame, shapes: Shapes, shape_keys: pl.DataFrame) -> go.Figure:
    figure = go.Figure()
    figure.add_trace(_base_geo(shapes, shape_keys))
    located = sightings.drop_nulls(["latitude", "longitude"])
    countries = sorted(set(located["country_iso3"].drop_nulls().to_list()))
    map_layers.add_places(figure, countries)
    if not located.is_empty():
        figure.add_trace(
            go.Scattergeo(
                lat=located["latitude"].to_list(),
                lon=located["longitude"].to_list(),
                mode="markers",
                marker={"size": 11, "color": EMBARGOED_COLOUR},
                hovertext=[
                    f"<b>{row['serial_number'] or row['lot_number'] or ''}</b> "
                    f"{row['manufacturer'] or ''} {row['model'] or ''}<br>{row['event_date']} "
                    f"{row['location_name'] or ''} ({country_name(row['country_iso3'])})<br>"
                    f"{row['reporting_entity']}"
                    for row in located.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=_("Sightings"),
            )
        )
    figure.update_layout(
        geo=map_layers.geo_layout(
            map_layers.bounds_around(
                countries, located["longitude"].to_list(), located["latitude"].to_list()
            )
        ),
        height=420,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return figure
