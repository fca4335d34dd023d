"""Charts: pure functions from data frames to Plotly figures. No queries, no Streamlit calls."""

from __future__ import annotations

import datetime as dt
import textwrap

import plotly.graph_objects as go
import polars as pl

TARGET_KIND_COLOURS = {
    "state": "#1f4e99",
    "territory": "#6a51a3",
    "non_state_actors": "#d9822b",
    "listed_parties": "#2a9d8f",
}
TARGET_KIND_LABELS = {
    "state": "State",
    "territory": "Territory or region",
    "non_state_actors": "Non-state actors in a territory",
    "listed_parties": "Listed individuals and entities",
}
CHANGE_MARKERS = {
    "entry_into_force": ("triangle-right", "Entry into force"),
    "exemption_change": ("diamond", "Exemption or partial lifting"),
    "scope_change": ("square", "Scope widened or narrowed"),
    "suspension": ("x", "Suspension"),
    "reinstatement": ("cross", "Reinstatement"),
    "ending": ("triangle-left", "Ending decided"),
}
MAP_CATEGORY_COLOURS = {
    "all recipients": "#a50f15",
    "government through an exemption procedure": "#e34a33",
    "non-state actors only": "#fd9e4a",
    "listed parties only": "#2a9d8f",
    "voluntary call only": "#807dba",
}
NO_EMBARGO_COLOUR = "#e3e6ea"


def _wrap(text: str | None, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text or "", width))


def _ms(day: dt.date) -> float:
    """Milliseconds since the epoch: how Plotly measures date axes, so bar lengths are exact."""
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp() * 1000


def embargo_gantt(timeline: pl.DataFrame, change_points: pl.DataFrame, as_of: dt.date) -> go.Figure:
    """One bar per embargo from adoption to end (or to `as_of` while in force), coloured by kind of
    target, hatched for voluntary calls, with markers where exemptions and scope changed."""
    order = timeline.sort(["start_date", "embargo_id"])["timeline_label"].to_list()
    figure = go.Figure()
    for kind, colour in TARGET_KIND_COLOURS.items():
        rows = timeline.filter(pl.col("target_kind") == kind)
        if rows.is_empty():
            continue
        ends = [end or as_of for end in rows["in_force_until"].to_list()]
        starts = rows["start_date"].to_list()
        hover = [
            f"<b>{row['timeline_label']}</b><br>{_wrap(row['target_name'])}<br>"
            f"Imposed by {row['imposed_by']} on {row['start_date']}<br>"
            + (
                f"Ended {row['end_date']} ({_wrap(row['ended_by'])})"
                if row["end_date"]
                else (
                    "Lapsed at a date no source gives; counted as in force up to "
                    f"{row['in_force_until']}"
                    if row["end_not_verified"]
                    else "In force"
                    + (" (projected from the latest renewal)" if row["status_projected"] else "")
                )
            )
            for row in rows.iter_rows(named=True)
        ]
        figure.add_trace(
            go.Bar(
                name=TARGET_KIND_LABELS[kind],
                orientation="h",
                y=rows["timeline_label"].to_list(),
                base=[_ms(start) for start in starts],
                x=[_ms(end) - _ms(start) for start, end in zip(starts, ends, strict=True)],
                marker={
                    "color": colour,
                    "pattern": {
                        "shape": ["/" if not m else "" for m in rows["mandatory"].to_list()],
                        "fgcolor": "white",
                        "fillmode": "overlay",
                    },
                },
                hovertext=hover,
                hoverinfo="text",
            )
        )
    lapsed = timeline.filter(pl.col("end_not_verified"))
    if not lapsed.is_empty():
        figure.add_trace(
            go.Bar(
                name="Lapsed call, end not verified",
                orientation="h",
                y=lapsed["timeline_label"].to_list(),
                base=[_ms(day) for day in lapsed["in_force_until"]],
                x=[_ms(as_of) - _ms(day) for day in lapsed["in_force_until"]],
                marker={"color": "#c9ced6", "opacity": 0.5},
                hovertext=[
                    f"<b>{label}</b><br>Lapsed at a date no source gives"
                    for label in lapsed["timeline_label"]
                ],
                hoverinfo="text",
            )
        )
    for kind, (symbol, label) in CHANGE_MARKERS.items():
        points = change_points.filter(pl.col("change_kind") == kind)
        if points.is_empty():
            continue
        figure.add_trace(
            go.Scatter(
                name=label,
                mode="markers",
                x=points["change_point_date"].to_list(),
                y=points["timeline_label"].to_list(),
                marker={
                    "symbol": symbol,
                    "size": 9,
                    "color": "#111",
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[
                    f"<b>{row['change_date']}</b> ({row['date_precision']})<br>"
                    f"{row['resolution'] or 'no resolution'}<br>{_wrap(row['change'])}"
                    for row in points.iter_rows(named=True)
                ],
                hoverinfo="text",
            )
        )
    figure.update_layout(
        barmode="overlay",
        height=max(400, 24 * len(order) + 140),
        margin={"l": 10, "r": 10, "t": 40, "b": 110},
        xaxis={
            "type": "date",
            "title": None,
            "side": "top",
            "showgrid": True,
            "gridcolor": "#eef0f3",
            "dtick": "M60",
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": order,
            "autorange": "reversed",
            "title": None,
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        plot_bgcolor="white",
    )
    figure.add_vline(x=_ms(as_of), line_dash="dot", line_color="#555")
    return figure


def embargo_world_map(
    embargo_map: pl.DataFrame, shapes: dict, shape_keys: pl.DataFrame
) -> go.Figure:
    """Countries under a territorial embargo, coloured by the widest coverage in force, over all
    country shapes in light grey. Offline: a blank background and our own GeoJSON, no tiles."""
    figure = go.Figure()
    figure.add_trace(
        go.Choroplethmap(
            geojson=shapes,
            locations=shape_keys["shape_key"].to_list(),
            z=[0] * shape_keys.height,
            colorscale=[[0, NO_EMBARGO_COLOUR], [1, NO_EMBARGO_COLOUR]],
            showscale=False,
            marker_line_color="white",
            marker_line_width=0.5,
            hovertext=shape_keys["country_name"].to_list(),
            hoverinfo="text",
            name="No territorial UN arms embargo",
            showlegend=True,
        )
    )
    for category, colour in MAP_CATEGORY_COLOURS.items():
        rows = embargo_map.filter(pl.col("coverage_category") == category)
        if rows.is_empty():
            continue
        figure.add_trace(
            go.Choroplethmap(
                geojson=shapes,
                locations=rows["country_iso3"].to_list(),
                z=[1] * rows.height,
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker_line_color="white",
                marker_line_width=0.5,
                hovertext=[
                    f"<b>{row['country_name'] or row['country_iso3']}</b><br>{category}<br>"
                    f"{_wrap(row['targets'])}<br>{_wrap(row['citations'])}"
                    for row in rows.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=category[0].upper() + category[1:],
                showlegend=True,
            )
        )
    figure.update_layout(
        map={"style": "white-bg", "center": {"lat": 15, "lon": 15}, "zoom": 0.9},
        height=520,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
    )
    return figure
