"""Charts of panel findings: by year, by panel and the cited seizure events on a map."""

from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from dashboard import map_layers
from dashboard.charts.base import Shapes, _base_geo, _stacked_bars_by_year, _stacked_layout, _wrap
from embargo.i18n import _, country_name, translate
from embargo.i18n.labels import value_label

FINDING_TYPE_COLOURS = {
    "violation": "#a50f15",
    "alleged_violation": "#e34a33",
    "diversion": "#d9822b",
    "notification_failure": "#6a51a3",
    "illicit_brokering": "#1f4e99",
    "recommendation": "#2a9d8f",
    "other": "#8c96a0",
}


CONFIDENCE_COLOURS = {"confirmed": "#1f4e99", "probable": "#6b93d6", "possible": "#c6d4ee"}


def findings_over_time(by_year: pl.DataFrame) -> go.Figure:
    """Stacked bars of findings per document year by finding type."""
    series = [
        (finding_type, value_label("finding_type", finding_type), colour)
        for finding_type, colour in FINDING_TYPE_COLOURS.items()
    ]
    figure = _stacked_bars_by_year(by_year, "finding_type", series, "document_year", "findings")
    _stacked_layout(
        figure, 340, -0.25, yaxis_title=_("Findings"), xaxis_title=_("Year of the document")
    )
    return figure


def findings_by_panel_bars(by_panel: pl.DataFrame) -> go.Figure:
    """Horizontal stacked bars: findings per panel (embargo regime) by confidence."""
    figure = go.Figure()
    for confidence, colour in CONFIDENCE_COLOURS.items():
        rows = by_panel.filter(pl.col("confidence") == confidence)
        if rows.is_empty():
            continue
        figure.add_trace(
            go.Bar(
                name=value_label("confidence", confidence),
                y=[translate(name) for name in rows["panel_name"].to_list()],
                x=rows["findings"].to_list(),
                orientation="h",
                marker_color=colour,
            )
        )
    panels = by_panel["panel_name"].n_unique()
    _stacked_layout(
        figure,
        max(220, 26 * panels + 90),
        -0.25,
        xaxis_title=_("Findings"),
        yaxis={"categoryorder": "category descending"},
    )
    return figure


def finding_events_map(
    points: pl.DataFrame,
    shapes: Shapes,
    shape_keys: pl.DataFrame,
    selected: pl.DataFrame | None = None,
) -> go.Figure:
    """Seizure events cited by findings, sized by the number of findings citing them; the
    selected finding's events and items ringed in black."""
    figure = go.Figure()
    figure.add_trace(_base_geo(shapes, shape_keys))
    ringed = (
        selected.drop_nulls(["latitude", "longitude"]) if selected is not None else points.clear()
    )
    located = ringed if not ringed.is_empty() else points
    countries = sorted(set(located["country_iso3"].drop_nulls().to_list()))
    map_layers.add_places(figure, countries)
    for finding_type, colour in FINDING_TYPE_COLOURS.items():
        rows = points.filter(pl.col("finding_type") == finding_type)
        if rows.is_empty():
            continue
        figure.add_trace(
            go.Scattergeo(
                lat=rows["latitude"].to_list(),
                lon=rows["longitude"].to_list(),
                mode="markers",
                marker={
                    "size": [7 + 3 * min(n, 5) for n in rows["findings"].to_list()],
                    "color": colour,
                    "opacity": 0.75,
                },
                hovertext=[
                    f"<b>{row['event_id']}</b> {row['event_date']} "
                    f"{row['location_name'] or ''} ({country_name(row['country_iso3'])})<br>"
                    + _("Findings: {count}").format(count=row["findings"])
                    + f" — {_wrap(row['cited_in'])}"
                    for row in rows.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=value_label("finding_type", finding_type),
            )
        )
    if not ringed.is_empty():
        figure.add_trace(
            go.Scattergeo(
                lat=ringed["latitude"].to_list(),
                lon=ringed["longitude"].to_list(),
                mode="markers",
                marker={"size": 20, "color": "black", "opacity": 0.35},
                hovertext=[
                    _("Selected finding: {record} {cited_as}").format(
                        record=row["record"], cited_as=row["cited_as"]
                    )
                    for row in ringed.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=_("Selected finding"),
            )
        )
    figure.update_layout(
        geo=map_layers.geo_layout(
            map_layers.bounds_around(
                countries if ringed.is_empty() else (),
                located["longitude"].to_list(),
                located["latitude"].to_list(),
                margin=0.12 if ringed.is_empty() else 1.0,
            )
        ),
        height=460,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "y": 0},
    )
    return figure
