"""Charts: pure functions from data frames to Plotly figures. No queries, no Streamlit calls.
Every word a chart shows (legend, axis, hover) is in the reader's language (embargo/i18n)."""

from __future__ import annotations

import datetime as dt
import textwrap

import plotly.graph_objects as go
import polars as pl

from dashboard import map_layers
from embargo.i18n import N_, _, country_name, format_number, translate
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


def _years_axis() -> dict:
    """A time axis labelled with years (month names would be English whatever the language)."""
    return {"type": "date", "tickformat": "%Y", "hoverformat": "%m/%Y"}


MAP_CATEGORY_COLOURS = {
    "all recipients": "#a50f15",
    "government through an exemption procedure": "#e34a33",
    "non-state actors only": "#fd9e4a",
    "listed parties only": "#2a9d8f",
    "voluntary call only": "#807dba",
}
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
EMBARGOED_COLOUR = "#a50f15"
FLOW_COLOUR = "#0b5cad"


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
        [row["addressed_to"] for row in rows],
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


# --- panel findings ----------------------------------------------------------------------------

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


# --- country profile ---------------------------------------------------------------------------

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


def short_embargo_label(row: dict) -> str:
    """An embargo's timeline label (short name and year) in the reader's language."""
    from embargo.i18n.labels import embargo_labels

    one = pl.DataFrame(
        [{"embargo_id": row["embargo_id"], "timeline_label": row["timeline_label"]}]
    ).with_columns(imposed_by=pl.lit(None, pl.String))
    return embargo_labels(one)[row["embargo_id"]]


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
