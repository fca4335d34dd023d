"""What the charts share: the offline map bases, the year axis, stacked and percentage bars, and
measures and series in words."""

from __future__ import annotations

import datetime as dt
import textwrap

import plotly.graph_objects as go
import polars as pl

from dashboard import map_layers
from embargo.i18n import N_, _, country_name
from embargo.i18n.labels import value_label


def _years_axis() -> dict:
    """A time axis labelled with years (month names would be English whatever the language)."""
    return {"type": "date", "tickformat": "%Y", "hoverformat": "%m/%Y"}


NO_EMBARGO_COLOUR = "#e3e6ea"


# Country shapes: a GeoJSON FeatureCollection, or the URL the dashboard serves it at
# (dashboard/shapes_file.py), which Plotly fetches once and every trace shares.
Shapes = dict | str


def _base_map(shapes: Shapes, shape_keys: pl.DataFrame, **trace: object) -> go.Choroplethmap:
    """Every country in light grey with white borders: the offline base under each map."""
    options = {"hoverinfo": "skip", "showlegend": False, **trace}
    return go.Choroplethmap(
        geojson=shapes,
        locations=shape_keys["shape_key"].to_list(),
        z=[0] * shape_keys.height,
        colorscale=[[0, NO_EMBARGO_COLOUR], [1, NO_EMBARGO_COLOUR]],
        showscale=False,
        marker_line_color="white",
        marker_line_width=0.5,
        **options,
    )


def geo_config() -> dict:
    """The Plotly configuration of the geo maps (map_layers.plotly_config): pass it as
    st.plotly_chart's `config`."""
    return map_layers.plotly_config()


def _base_geo(shapes: Shapes, shape_keys: pl.DataFrame, **trace: object) -> go.Choropleth:
    """_base_map for a Plotly geo map (SVG: the maps that carry places, map_layers)."""
    options = {"hoverinfo": "skip", "showlegend": False, **trace}
    return go.Choropleth(
        geojson=map_layers.clockwise(shapes),
        locations=shape_keys["shape_key"].to_list(),
        z=[0] * shape_keys.height,
        colorscale=[[0, NO_EMBARGO_COLOUR], [1, NO_EMBARGO_COLOUR]],
        showscale=False,
        marker_line_color="white",
        marker_line_width=0.5,
        **options,
    )


def _wrap(text: str | None, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text or "", width))


def _ms(day: dt.date) -> float:
    """Milliseconds since the epoch: how Plotly measures date axes, so bar lengths are exact."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp() * 1000


EMBARGOED_COLOUR = "#a50f15"


def _stacked_bars_by_year(
    frame: pl.DataFrame,
    key_column: str,
    series: list[tuple[object, str, str | None]],
    year_column: str,
    value_column: str,
) -> go.Figure:
    """Bars per year stacked by the values of `key_column`, one trace per (value, legend
    label, colour) of `series` in that order; values without rows get no trace."""
    figure = go.Figure()
    for value, label, colour in series:
        rows = frame.filter(pl.col(key_column) == value)
        if rows.is_empty():
            continue
        figure.add_trace(
            go.Bar(
                name=label,
                x=rows[year_column].to_list(),
                y=rows[value_column].to_list(),
                marker_color=colour,
            )
        )
    return figure


def _stacked_layout(figure: go.Figure, height: int, legend_y: float, **titles: object) -> None:
    """The layout every stacked bar chart shares: white, tight margins, legend below."""
    figure.update_layout(
        barmode="stack",
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": legend_y},
        plot_bgcolor="white",
        **titles,
    )


def _percent_bars(
    labels: list[str],
    shares: list[float],
    texts: list[str],
    colour: str,
    axis_title: str,
    full_scale: bool = False,
) -> go.Figure:
    """Horizontal bars of shares (0-1) shown as percentages, first label on top."""
    figure = go.Figure(
        go.Bar(
            x=[share * 100 for share in shares],
            y=labels,
            orientation="h",
            marker_color=colour,
            text=texts,
            textposition="auto",
        )
    )
    figure.update_layout(
        height=max(240, 34 * len(labels) + 80),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis_title=axis_title,
        xaxis_range=[0, 100] if full_scale else None,
        yaxis={"autorange": "reversed"},
        plot_bgcolor="white",
    )
    return figure


def _country_names(shape_keys: pl.DataFrame) -> list[str]:
    key = "country_iso3" if "country_iso3" in shape_keys.columns else "shape_key"
    return [
        country_name(code, name)
        for code, name in zip(shape_keys[key], shape_keys["country_name"], strict=True)
    ]


MEASURE_LABELS = {
    "events": N_("Events"),
    "item_lines": N_("Item lines"),
    "items": N_("Items"),
    "rounds": N_("Rounds"),
    "deliveries": N_("Deliveries"),
}


def _measure_label(measure: str) -> str:
    return _(MEASURE_LABELS.get(measure, measure.replace("_", " ")))


def _series_label(series: object) -> str:
    """A trend series (a category, a context or a country) in words."""
    text = str(series)
    for vocabulary in ("category", "context", "item_kind"):
        label = value_label(vocabulary, text)
        if label != text:
            return label
    return _(text)
