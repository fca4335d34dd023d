"""Charts of the embargoes: the timeline of every episode with its changes and the world map on a
date."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import polars as pl

from dashboard import map_layers
from dashboard.charts.base import Shapes, _base_geo, _country_names, _ms, _wrap
from embargo.i18n import N_, _, country_name
from embargo.i18n.labels import reference_value, value_label

TARGET_KIND_COLOURS = {
    "state": "#1f4e99",
    "territory": "#6a51a3",
    "non_state_actors": "#d9822b",
    "listed_parties": "#2a9d8f",
}


TARGET_KIND_LABELS = {
    "state": N_("State"),
    "territory": N_("Territory or region"),
    "non_state_actors": N_("Non-state actors in a territory"),
    "listed_parties": N_("Listed individuals and entities"),
}


CHANGE_MARKERS = {
    "entry_into_force": ("triangle-right", N_("Entry into force")),
    "exemption_change": ("diamond", N_("Exemption or partial lifting")),
    "scope_change": ("square", N_("Scope widened or narrowed")),
    "suspension": ("x", N_("Suspension")),
    "reinstatement": ("cross", N_("Reinstatement")),
    "ending": ("triangle-left", N_("Ending decided")),
}


# The map's coverage categories (embargo_map_on), in words.
MAP_CATEGORY_LABELS = {
    "all recipients": N_("All recipients"),
    "government through an exemption procedure": N_("Government through an exemption procedure"),
    "non-state actors only": N_("Non-state actors only"),
    "listed parties only": N_("Listed parties only"),
    "voluntary call only": N_("Voluntary call only"),
}


MAP_CATEGORY_COLOURS = {
    "all recipients": "#a50f15",
    "government through an exemption procedure": "#e34a33",
    "non-state actors only": "#fd9e4a",
    "listed parties only": "#2a9d8f",
    "voluntary call only": "#807dba",
}


def embargo_gantt(timeline: pl.DataFrame, change_points: pl.DataFrame, as_of: dt.date) -> go.Figure:
    """One bar per embargo from adoption to end (or to `as_of` while in force), coloured by kind of
    target, hatched for voluntary calls, with markers where exemptions and scope changed."""
    # Bars are named by embargo label (short name and year), translated; one name per embargo.
    labels = {
        key: short_embargo_label(row)
        for key, row in zip(timeline["embargo_id"], timeline.iter_rows(named=True), strict=True)
    }
    order = [labels[key] for key in timeline.sort(["start_date", "embargo_id"])["embargo_id"]]
    figure = go.Figure()
    for kind, colour in TARGET_KIND_COLOURS.items():
        rows = timeline.filter(pl.col("target_kind") == kind)
        if rows.is_empty():
            continue
        ends = [end or as_of for end in rows["in_force_until"].to_list()]
        starts = rows["start_date"].to_list()
        hover = [
            f"<b>{labels.get(row['embargo_id'], row['timeline_label'])}</b><br>"
            f"{_wrap(reference_value(row, 'target_name'))}<br>"
            + _("Imposed by {resolution} on {date}").format(
                resolution=row["imposed_by"], date=row["start_date"]
            )
            + "<br>"
            + (
                _("Ended {date} ({resolution})").format(
                    date=row["end_date"], resolution=_wrap(row["ended_by"])
                )
                if row["end_date"]
                else (
                    _("Lapsed at a date no source gives; counted as in force up to {date}").format(
                        date=row["in_force_until"]
                    )
                    if row["end_not_verified"]
                    else _("In force")
                    + (
                        " " + _("(projected from the latest renewal)")
                        if row["status_projected"]
                        else ""
                    )
                )
            )
            for row in rows.iter_rows(named=True)
        ]
        figure.add_trace(
            go.Bar(
                name=_(TARGET_KIND_LABELS[kind]),
                orientation="h",
                y=[labels.get(key, key) for key in rows["embargo_id"].to_list()],
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
                name=_("Lapsed call, end not verified"),
                orientation="h",
                y=[labels.get(key, key) for key in lapsed["embargo_id"].to_list()],
                base=[_ms(day) for day in lapsed["in_force_until"]],
                x=[_ms(as_of) - _ms(day) for day in lapsed["in_force_until"]],
                marker={"color": "#c9ced6", "opacity": 0.5},
                hovertext=[
                    f"<b>{labels.get(key, key)}</b><br>" + _("Lapsed at a date no source gives")
                    for key in lapsed["embargo_id"]
                ],
                hoverinfo="text",
            )
        )
    point_labels = {
        row["timeline_label"]: labels[row["embargo_id"]] for row in timeline.iter_rows(named=True)
    }
    for kind, (symbol, label) in CHANGE_MARKERS.items():
        points = change_points.filter(pl.col("change_kind") == kind)
        if points.is_empty():
            continue
        figure.add_trace(
            go.Scatter(
                name=_(label),
                mode="markers",
                x=points["change_point_date"].to_list(),
                y=[point_labels.get(key, key) for key in points["timeline_label"].to_list()],
                marker={
                    "symbol": symbol,
                    "size": 9,
                    "color": "#111",
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[
                    f"<b>{row['change_date']}</b> "
                    f"({value_label('date_precision', row['date_precision'])})<br>"
                    f"{row['resolution'] or _('no resolution')}<br>"
                    f"{_wrap(reference_value(row, 'change'))}"
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
    embargo_map: pl.DataFrame, shapes: Shapes, shape_keys: pl.DataFrame
) -> go.Figure:
    """Countries under a territorial embargo, coloured by the widest coverage in force, over all
    country shapes in light grey. Offline: a blank background and our own GeoJSON, no tiles."""
    figure = go.Figure()
    figure.add_trace(
        _base_geo(
            shapes,
            shape_keys,
            hovertext=_country_names(shape_keys),
            hoverinfo="text",
            name=_("No territorial UN arms embargo"),
            showlegend=True,
        )
    )
    for category, colour in MAP_CATEGORY_COLOURS.items():
        rows = embargo_map.filter(pl.col("coverage_category") == category)
        if rows.is_empty():
            continue
        figure.add_trace(
            go.Choropleth(
                geojson=map_layers.clockwise(shapes),
                locations=rows["country_iso3"].to_list(),
                z=[1] * rows.height,
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                marker_line_color="white",
                marker_line_width=0.5,
                hovertext=[
                    f"<b>{country_name(row['country_iso3'], row['country_name'])}</b><br>"
                    f"{_(MAP_CATEGORY_LABELS[category])}<br>"
                    f"{_wrap(row['targets'])}<br>{_wrap(row['citations'])}"
                    + "".join(
                        f"<br><i>{value_label('status_kind', kind)}</i>"
                        for kind in row.get("caveated_statuses") or []
                    )
                    for row in rows.iter_rows(named=True)
                ],
                hoverinfo="text",
                name=_(MAP_CATEGORY_LABELS[category]),
                showlegend=True,
            )
        )
    map_layers.add_places(figure, embargo_map["country_iso3"].to_list())
    figure.update_layout(
        geo=map_layers.geo_layout(),
        height=520,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0},
    )
    return figure


def short_embargo_label(row: dict) -> str:
    """An embargo's timeline label (short name and year) in the reader's language."""
    from embargo.i18n.labels import embargo_labels

    one = pl.DataFrame(
        [{"embargo_id": row["embargo_id"], "timeline_label": row["timeline_label"]}]
    ).with_columns(imposed_by=pl.lit(None, pl.String))
    return embargo_labels(one)[row["embargo_id"]]
