"""Charts of registered transfers: totals by year, the Sankey and the flow map, screened deliveries
by year."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import map_layers
from dashboard.charts.base import (
    EMBARGOED_COLOUR,
    Shapes,
    _base_geo,
    _stacked_bars_by_year,
    _stacked_layout,
)
from embargo.i18n import N_, _, country_name, format_number
from embargo.i18n.labels import value_label

CATEGORY_LABELS = {
    "I": N_("I Battle tanks"),
    "II": N_("II Armoured combat vehicles"),
    "III": N_("III Large-calibre artillery"),
    "IV": N_("IV Combat aircraft and UCAV"),
    "V": N_("V Attack helicopters"),
    "VI": N_("VI Warships"),
    "VII": N_("VII Missiles and launchers"),
    "SALW": N_("Small arms and light weapons"),
    "other": N_("Other"),
}


MEASURES = {
    "tiv": N_("SIPRI TIV (millions)"),
    "items": N_("Items delivered"),
    "deliveries": N_("Deliveries (each counted once)"),
}


VERDICT_COLOURS = {
    "violation_indicator": "#b2182b",
    "exemption_check": "#ef8a62",
    "partial_overlap": "#f6d55c",
    "outside_window": "#b8bec6",
}


FLOW_COLOUR = "#0b5cad"


def transfers_over_time(totals: pl.DataFrame, measure: str) -> go.Figure:
    """Stacked bars of deliveries per year by harmonised category."""
    series = [(category, _(label), None) for category, label in CATEGORY_LABELS.items()]
    figure = _stacked_bars_by_year(totals, "category", series, "delivery_year", measure)
    _stacked_layout(
        figure, 380, -0.2, yaxis_title=_(MEASURES[measure]), xaxis_title=_("Delivery year")
    )
    return figure


def flows_sankey(flows: pl.DataFrame, measure: str, embargoed: set[str]) -> go.Figure:
    """Suppliers on the left, recipients on the right; embargoed recipients in red."""
    suppliers = list(dict.fromkeys(flows["supplier_iso3"]))
    recipients = list(dict.fromkeys(flows["recipient_iso3"]))
    names = dict(zip(flows["supplier_iso3"], flows["supplier_country"], strict=True))
    names_r = dict(zip(flows["recipient_iso3"], flows["recipient_country"], strict=True))
    labels = [names[code] for code in suppliers] + [
        country_name(code, names_r[code]) + (" " + _("(embargoed)") if code in embargoed else "")
        for code in recipients
    ]
    colours = ["#7f8c9d"] * len(suppliers) + [
        EMBARGOED_COLOUR if code in embargoed else FLOW_COLOUR for code in recipients
    ]
    figure = go.Figure(
        go.Sankey(
            node={"label": labels, "color": colours, "pad": 12, "thickness": 14},
            link={
                "source": [suppliers.index(code) for code in flows["supplier_iso3"]],
                "target": [len(suppliers) + recipients.index(c) for c in flows["recipient_iso3"]],
                "value": [max(v or 0, 0) for v in flows[measure].to_list()],
                "color": [
                    "rgba(165,15,21,0.35)" if code in embargoed else "rgba(11,92,173,0.25)"
                    for code in flows["recipient_iso3"]
                ],
            },
        )
    )
    figure.update_layout(
        height=max(420, 18 * len(labels)), margin={"l": 10, "r": 10, "t": 10, "b": 10}
    )
    return figure


def _arc(lon1: float, lat1: float, lon2: float, lat2: float, steps: int = 24) -> list[tuple]:
    """Points of a gentle curve between two places (a quadratic Bezier bent to the left), so
    opposite flows between the same two countries do not overlap."""
    mid_lon, mid_lat = (lon1 + lon2) / 2, (lat1 + lat2) / 2
    bend = 0.2
    ctrl_lon, ctrl_lat = mid_lon - (lat2 - lat1) * bend, mid_lat + (lon2 - lon1) * bend
    points = []
    for i in range(steps + 1):
        t = i / steps
        lon = (1 - t) ** 2 * lon1 + 2 * (1 - t) * t * ctrl_lon + t**2 * lon2
        lat = (1 - t) ** 2 * lat1 + 2 * (1 - t) * t * ctrl_lat + t**2 * lat2
        points.append((lon, lat))
    return points


def flow_map(
    flows: pl.DataFrame,
    measure: str,
    shapes: Shapes,
    shape_keys: pl.DataFrame,
    embargoed: pl.DataFrame,
) -> go.Figure:
    """Arcs between country centroids over the offline base map, width by volume; recipients
    under an embargo that year in red."""
    figure = go.Figure()
    figure.add_trace(_base_geo(shapes, shape_keys))
    if not embargoed.is_empty():
        figure.add_trace(
            go.Choropleth(
                geojson=map_layers.clockwise(shapes),
                locations=embargoed["country_iso3"].to_list(),
                z=[1] * embargoed.height,
                colorscale=[[0, "#f4b6b6"], [1, "#f4b6b6"]],
                showscale=False,
                marker_line_color="white",
                marker_line_width=0.5,
                hovertext=embargoed["embargoes"].to_list(),
                hoverinfo="text",
                name=_("Under a UN arms embargo that year"),
                showlegend=True,
            )
        )
    map_layers.add_places(figure, embargoed["country_iso3"].to_list())
    drawable = flows.drop_nulls(["supplier_lon", "recipient_lon"])
    if not drawable.is_empty():
        top = max(drawable[measure].max() or 1, 1)
        for width, share in ((1, 0.0), (2.5, 0.15), (5, 0.4)):
            lo, hi = share * top, {0.0: 0.15, 0.15: 0.4, 0.4: 1.01}[share] * top
            rows = drawable.filter((pl.col(measure) >= lo) & (pl.col(measure) < hi))
            lons, lats, texts = [], [], []
            for row in rows.iter_rows(named=True):
                arc = _arc(
                    row["supplier_lon"],
                    row["supplier_lat"],
                    row["recipient_lon"],
                    row["recipient_lat"],
                )
                lons += [p[0] for p in arc] + [None]
                lats += [p[1] for p in arc] + [None]
                label = (
                    f"{country_name(row['supplier_iso3'], row['supplier_country'])} → "
                    f"{country_name(row['recipient_iso3'], row['recipient_country'])}: "
                    f"{format_number(row[measure], 1)} {_(MEASURES[measure]).lower()}"
                )
                texts += [label] * len(arc) + [None]
            if lons:
                figure.add_trace(
                    go.Scattergeo(
                        lon=lons,
                        lat=lats,
                        mode="lines",
                        line={"width": width, "color": FLOW_COLOUR},
                        opacity=0.7,
                        hovertext=texts,
                        hoverinfo="text",
                        name=_("{measure}: {low} to {high}").format(
                            measure=_(MEASURES[measure]),
                            low=format_number(lo),
                            high=format_number(min(hi, top)),
                        ),
                    )
                )
    figure.update_layout(
        geo=map_layers.geo_layout(),
        height=520,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
    )
    return figure


def screening_over_time(by_year: pl.DataFrame) -> go.Figure:
    """Deliveries per year by verdict: inside the window, straddling it, or outside."""
    series = [
        (verdict, value_label("verdict", verdict), colour)
        for verdict, colour in VERDICT_COLOURS.items()
    ]
    figure = _stacked_bars_by_year(by_year, "verdict", series, "delivery_year", "deliveries")
    _stacked_layout(
        figure,
        340,
        -0.25,
        yaxis_title=_("Screened deliveries"),
        xaxis_title=_("Delivery year"),
    )
    return figure
