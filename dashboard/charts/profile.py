"""Charts of the Country profile: the picker map, registered imports by year, counted bars, years of
manufacture and conflict events by year."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from dashboard.charts.base import (
    EMBARGOED_COLOUR,
    Shapes,
    _base_map,
    _series_label,
    _stacked_layout,
)
from dashboard.charts.transfers import FLOW_COLOUR
from embargo.i18n import _, country_name

PROFILE_HIGHLIGHT = "#f4a582"


def country_picker_map(
    choices: pl.DataFrame, chosen: str, shapes: Shapes, shape_keys: pl.DataFrame
) -> go.Figure:
    """Countries that were ever under a UN arms embargo, the chosen one darker; a click on a
    country selects it (its code is the point's location)."""
    figure = go.Figure()
    figure.add_trace(_base_map(shapes, shape_keys))
    figure.add_trace(
        go.Choroplethmap(
            geojson=shapes,
            locations=choices["country_iso3"].to_list(),
            z=[1 if code == chosen else 0 for code in choices["country_iso3"]],
            colorscale=[[0, PROFILE_HIGHLIGHT], [1, EMBARGOED_COLOUR]],
            zmin=0,
            zmax=1,
            showscale=False,
            marker_line_color="white",
            marker_line_width=0.5,
            hovertext=[
                f"<b>{country_name(row['country_iso3'], row['country_name'])}</b><br>"
                + _("UN arms embargoes: {count}").format(count=row["embargoes"])
                for row in choices.iter_rows(named=True)
            ],
            hoverinfo="text",
            name=_("Under a UN arms embargo at some time"),
        )
    )
    figure.update_layout(
        map={"style": "white-bg", "center": {"lat": 15, "lon": 20}, "zoom": 0.8},
        height=320,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        clickmode="event+select",
    )
    return figure


def imports_by_year(
    by_year: pl.DataFrame,
    embargoes: pl.DataFrame,
    as_of: dt.date,
    source_titles: dict[str, str] | None = None,
) -> go.Figure:
    """Delivery records per year and source (SIPRI TIV on hover), with the years under embargo
    shaded."""
    figure = go.Figure()
    source_titles = source_titles or {}
    for source in by_year["source_id"].unique(maintain_order=True).to_list():
        rows = by_year.filter(pl.col("source_id") == source)
        figure.add_trace(
            go.Bar(
                name=_(source_titles.get(source, source)),
                x=rows["delivery_year"].to_list(),
                y=rows["deliveries"].to_list(),
                customdata=list(zip(rows["items"], rows["tiv"], strict=True)),
                hovertemplate=_("%{x}: %{y} records, %{customdata[0]:,.0f} items, ")
                + "TIV %{customdata[1]:,.1f}<extra>"
                + _(source_titles.get(source, source))
                + "</extra>",
            )
        )
    for row in embargoes.iter_rows(named=True):
        end = (row["in_force_until"] or as_of).year
        figure.add_vrect(
            x0=row["start_date"].year - 0.5,
            x1=end + 0.5,
            fillcolor="#e3e6ea",
            opacity=0.5,
            line_width=0,
            layer="below",
        )
    figure.update_layout(
        barmode="group",
        height=340,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis_title=_("Delivery records"),
        xaxis_title=_("Delivery year"),
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
    )
    return figure


def counted_bars(frame: pl.DataFrame, label_column: str, colour: str, top: int = 15) -> go.Figure:
    """Item lines per label (category, country of manufacture, ...), largest first."""
    rows = frame.head(top)
    figure = go.Figure(
        go.Bar(
            x=rows["item_lines"].to_list(),
            y=[_series_label(label) for label in rows[label_column].to_list()],
            orientation="h",
            marker_color=colour,
            text=rows["item_lines"].to_list(),
            textposition="auto",
        )
    )
    figure.update_layout(
        height=max(220, 26 * rows.height + 60),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=_("Item lines"),
        yaxis={"autorange": "reversed"},
        plot_bgcolor="white",
    )
    return figure


def manufacture_years(by_year: pl.DataFrame, embargo_starts: list[dt.date]) -> go.Figure:
    """Item lines per year of manufacture, with the years embargoes were imposed marked."""
    dated = by_year.filter(pl.col("manufacture_year").is_not_null())
    figure = go.Figure(
        go.Bar(
            x=dated["manufacture_year"].to_list(),
            y=dated["item_lines"].to_list(),
            marker_color=FLOW_COLOUR,
        )
    )
    for start in embargo_starts:
        figure.add_vline(x=start.year, line_dash="dash", line_color=EMBARGOED_COLOUR)
    figure.update_layout(
        height=300,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis_title=_("Item lines"),
        xaxis_title=_("Year of manufacture (headstamp year for ammunition)"),
        plot_bgcolor="white",
    )
    return figure


def conflict_by_year(by_year: pl.DataFrame) -> go.Figure:
    """Conflict events per year (stacked by source) and fatalities on a second axis."""
    figure = go.Figure()
    for source in by_year["source"].unique(maintain_order=True).to_list():
        rows = by_year.filter(pl.col("source") == source)
        figure.add_trace(
            go.Bar(
                name=_("{source} events").format(source=source),
                x=rows["year"].to_list(),
                y=rows["events"].to_list(),
            )
        )
    totals = by_year.group_by("year").agg(pl.col("fatalities").sum()).sort("year")
    figure.add_trace(
        go.Scatter(
            name=_("Fatalities"),
            x=totals["year"].to_list(),
            y=totals["fatalities"].to_list(),
            yaxis="y2",
            mode="lines+markers",
            line_color=EMBARGOED_COLOUR,
        )
    )
    _stacked_layout(
        figure,
        320,
        -0.2,
        yaxis_title=_("Events"),
        xaxis_title=_("Year"),
        yaxis2={"title": _("Fatalities"), "overlaying": "y", "side": "right", "showgrid": False},
    )
    return figure
