"""Places on the Plotly maps: the admin-1 boundaries and towns of the countries a map shows,
from the committed Natural Earth layers (embargo.geo_layers), as Plotly geo traces, and the geo
layout and configuration those maps share. The traces are pure functions of the layers and the
reader's language: no queries, no Streamlit calls.

Plotly geo draws in SVG: lines, markers and their text labels need no tiles, no glyphs and no
font server (the MapLibre maps' text labels fetch glyphs from the internet, so the maps that show
places are geo maps). One thing plotly.js geo does fetch: a TopoJSON file of base layers
(coastlines, land...), whenever a choropleth is drawn, even with every base layer hidden as here.
`plotly_config` points it at an empty topology the dashboard serves itself, next to the country
shapes (dashboard/shapes_file.py): nothing leaves the machine.

Every place trace carries `meta == PLACES_META`, so a reader of a figure can tell the places from
the data. A map of one country carries its areas as the layer has them (about 1 km), all its
towns, and names those down to Natural Earth rank 6; a map of up to four countries carries their
areas simplified to about 2 km, towns to rank 7, names to rank 4; a map of more (a world map)
carries areas at about 11 km and only the national capitals. A border two areas share is drawn
once. Hovering a town names it, its area and its country; hovering an area's label point names
the area and its country, in the reader's language (French town
names where Natural Earth has them, country names from the catalogue or CLDR)."""

from __future__ import annotations

import functools
import itertools
import json
import os
import threading
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import plotly.graph_objects as go

from embargo import geo_layers
from embargo.i18n import N_, _, country_name, language

PLACES_META = "places"
ADMIN1_LINE = "#7d8794"
TOWN = "#1b2430"
SEA = "white"


class Detail(NamedTuple):
    """How much of the places a map of up to `most` countries carries: areas simplified to
    `tolerance` degrees (None: as the layer has them), towns up to Natural Earth rank
    `town_rank` and names up to `label_rank` (None: the national capitals only)."""

    most: int
    tolerance: float | None
    town_rank: int | None
    label_rank: int | None
    line_width: float


DETAIL = (
    Detail(1, None, 10, 6, 0.8),
    Detail(4, 0.02, 7, 4, 0.7),
    Detail(10_000, 0.1, None, None, 0.5),
)
PLACES_SOURCE = N_("Areas and towns: Natural Earth (public domain).")
# The UN's disclaimer on boundaries and names, under every map (the pages and packs take it here).
UN_MAP_DISCLAIMER = N_(
    "The boundaries and names shown and the designations used on this map do not imply official "
    "endorsement or acceptance by the United Nations."
)
# plotly.js asks for <topojsonURL>/<scope>_<resolution>m.json: the world at 1:110m.
TOPOJSON_NAME = "world_110m.json"
EMPTY_TOPOLOGY = {"type": "Topology", "objects": {}, "arcs": []}
WORLD = None  # bounds of a world map

_written = threading.Event()


def plotly_config(**options: object) -> dict:
    """The Plotly configuration of a geo map: its base-layer TopoJSON from the dashboard's own
    static files (written on first use), scroll zoom on, and any other `options`."""
    from dashboard.shapes_file import SHAPES_DIR, URL_PREFIX

    if not _written.is_set():
        path = SHAPES_DIR / TOPOJSON_NAME
        if not path.exists():
            SHAPES_DIR.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{TOPOJSON_NAME}.{os.getpid()}.{threading.get_ident()}")
            partial.write_text(json.dumps(EMPTY_TOPOLOGY), encoding="utf-8")
            os.replace(partial, path)
        _written.set()
    return {"topojsonURL": URL_PREFIX, "scrollZoom": True, **options}


def _turned(rings: list) -> list:
    """A polygon's rings as d3-geo reads them: the outer one clockwise, holes anticlockwise (by
    the sign of the shoelace area in longitude and latitude)."""
    turned = []
    for index, ring in enumerate(rings):
        area = sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))
        turned.append(ring[::-1] if (area > 0) == (index == 0) else ring)
    return turned


def clockwise(shapes: dict | str) -> dict | str:
    """Shapes as Plotly geo (d3-geo) needs them: outer rings clockwise, holes anticlockwise
    (GeoJSON's anticlockwise outer ring reads as the whole globe but the shape).
    A FeatureCollection is copied with its rings turned; a shapes-file URL becomes the URL of
    the file's clockwise copy (dashboard/shapes_file.py writes both)."""
    if isinstance(shapes, str):
        from dashboard.shapes_file import clockwise_url

        return clockwise_url(shapes)
    features = []
    for feature in shapes["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            coordinates = _turned(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            coordinates = [_turned(polygon) for polygon in geometry["coordinates"]]
        else:
            coordinates = geometry["coordinates"]
        features.append(
            feature | {"geometry": {"type": geometry["type"], "coordinates": coordinates}}
        )
    return shapes | {"features": features}


def geo_layout(bounds: Sequence[float] | None = WORLD) -> dict:
    """The layout's `geo`: no base layer of plotly's own (the country shapes are a trace), the
    world in the Natural Earth projection, or Mercator fitted to `bounds` (west, east, south,
    north)."""
    layout: dict = {
        "showcoastlines": False,
        "showland": False,
        "showocean": False,
        "showlakes": False,
        "showrivers": False,
        "showcountries": False,
        "showsubunits": False,
        "showframe": False,
        "bgcolor": SEA,
    }
    if bounds is None:
        layout["projection"] = {"type": "natural earth"}
        layout["lataxis"] = {"range": [-56, 84]}
    else:
        west, east, south, north = bounds
        layout["projection"] = {"type": "mercator"}
        layout["lonaxis"] = {"range": [west, east]}
        layout["lataxis"] = {"range": [south, north]}
    return layout


@functools.cache
def _country_bounds() -> dict[str, tuple[float, float, float, float]]:
    """(west, east, south, north) of every country of the 1:110m shapes, by ISO3 and adm0_a3."""
    bounds: dict[str, tuple[float, float, float, float]] = {}
    for feature in geo_layers._collection(geo_layers.COUNTRY_SHAPES_FILE)["features"]:
        points = [point for ring in _rings(feature["geometry"]) for point in ring]
        box = (
            min(p[0] for p in points),
            max(p[0] for p in points),
            min(p[1] for p in points),
            max(p[1] for p in points),
        )
        properties = feature["properties"]
        for code in (properties["adm0_a3"], properties["iso_a3_eh"], properties["iso_a3"]):
            if code and code != "-99":
                bounds.setdefault(code, box)
    return bounds


def bounds_around(
    countries: Iterable[str | None] = (),
    lons: Iterable[float | None] = (),
    lats: Iterable[float | None] = (),
    *,
    margin: float = 0.12,
) -> tuple[float, float, float, float] | None:
    """The view (west, east, south, north) holding the countries' outlines and the points, with
    a margin of `margin` of its size (at least one degree); None (the world) when there is
    nothing to hold."""
    known = _country_bounds()
    boxes = [known[code] for code in countries if code in known]
    points = [
        (lon, lat)
        for lon, lat in zip(lons, lats, strict=True)
        if lon is not None and lat is not None
    ]
    wests = [box[0] for box in boxes] + [p[0] for p in points]
    easts = [box[1] for box in boxes] + [p[0] for p in points]
    souths = [box[2] for box in boxes] + [p[1] for p in points]
    norths = [box[3] for box in boxes] + [p[1] for p in points]
    if not wests:
        return None
    pad = max(max(max(easts) - min(wests), max(norths) - min(souths)) * margin, 1.0)
    return (
        max(min(wests) - pad, -180.0),
        min(max(easts) + pad, 180.0),
        max(min(souths) - pad, -80.0),
        min(max(norths) + pad, 84.0),
    )


def _rings(geometry: dict) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def boundary_lines(areas: Iterable[dict]) -> tuple[list, list]:
    """Longitudes and latitudes of the areas' outlines as lines broken by None, a border two
    areas share drawn once (where both keep the same vertices: about a third of a country's
    edges at full detail)."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    drawn: set[tuple] = set()

    def finish(run: list) -> None:
        if len(run) > 1:
            lons.extend([point[0] for point in run] + [None])
            lats.extend([point[1] for point in run] + [None])

    for feature in areas:
        for ring in _rings(feature["geometry"]):
            run: list = []
            for start, end in itertools.pairwise(ring):
                edge = (tuple(start), tuple(end))
                if edge[::-1] in drawn or edge in drawn:
                    finish(run)
                    run = []
                    continue
                drawn.add(edge)
                if not run:
                    run.append(start)
                run.append(end)
            finish(run)
    return lons, lats


def detail_for(count: int) -> Detail:
    """The detail of a map of `count` countries."""
    return next((detail for detail in DETAIL if count <= detail.most), DETAIL[-1])


class Area(NamedTuple):
    name: str
    country: str
    lon: float
    lat: float


class Town(NamedTuple):
    name: str  # in the reader's language where Natural Earth has it
    area: str
    country: str
    lon: float
    lat: float
    capital: bool  # a national capital
    labelled: bool  # named on the map, not only on hover


class Places(NamedTuple):
    """What a map draws of the places of its countries, in the reader's language."""

    detail: Detail
    line_lons: list[float | None]  # the admin-1 boundaries, lines broken by None
    line_lats: list[float | None]
    areas: list[Area]  # each area at its label point
    towns: list[Town]


def places_of(countries: Iterable[str | None]) -> Places | None:
    """The places of the countries (ISO3 codes) at the detail their number calls for; None
    when the layers hold none of them."""
    iso3s = sorted({code for code in countries if code})
    covered = [iso3 for iso3 in iso3s if geo_layers.admin1_names(iso3)]
    if not covered:
        return None
    detail = detail_for(len(covered))
    areas = geo_layers.admin1_areas(covered, detail.tolerance)["features"]
    names = {code: country_name(iso3) for iso3 in covered for code in geo_layers.codes_of(iso3)}
    french = language() == "fr"
    lons, lats = boundary_lines(areas)
    towns = [
        Town(
            name=(town.get("name_fr") if french else "") or town["name"],
            area=town["adm1_name"],
            country=names.get(town["adm0_a3"], ""),
            lon=feature["geometry"]["coordinates"][0],
            lat=feature["geometry"]["coordinates"][1],
            capital=town["capital"] == "country",
            labelled=_within(town, detail.label_rank),
        )
        for feature in geo_layers.populated_places(covered)["features"]
        if _within(town := feature["properties"], detail.town_rank)
    ]
    return Places(
        detail,
        lons,
        lats,
        [
            Area(
                f["properties"]["name"],
                names.get(f["properties"]["adm0_a3"], ""),
                f["properties"]["label_lon"],
                f["properties"]["label_lat"],
            )
            for f in areas
        ],
        towns,
    )


def place_traces(countries: Iterable[str | None]) -> list[go.Scattergeo]:
    """The places of the countries (ISO3 codes): admin-1 boundaries as one thin dotted line
    trace, an invisible hover point on each area naming it and its country, the towns as small
    dots named on hover, and the names of the larger towns as text. [] for countries the layers
    do not hold."""
    places = places_of(countries)
    if places is None:
        return []
    traces = [
        go.Scattergeo(
            lon=places.line_lons,
            lat=places.line_lats,
            mode="lines",
            line={"color": ADMIN1_LINE, "width": places.detail.line_width, "dash": "dot"},
            hoverinfo="skip",
            showlegend=False,
            name=_("First-level administrative areas"),
            meta=PLACES_META,
        ),
        go.Scattergeo(
            lon=[area.lon for area in places.areas],
            lat=[area.lat for area in places.areas],
            mode="markers",
            marker={"size": 14, "color": "rgba(0,0,0,0)"},
            hovertext=[f"{area.name}, {area.country}" for area in places.areas],
            hoverinfo="text",
            showlegend=False,
            name=_("First-level administrative areas"),
            meta=PLACES_META,
        ),
    ]
    towns = places.towns
    if towns:
        traces.append(
            go.Scattergeo(
                lon=[town.lon for town in towns],
                lat=[town.lat for town in towns],
                mode="markers",
                marker={"size": 4, "color": TOWN},
                hovertext=[f"<b>{t.name}</b><br>{t.area}, {t.country}" for t in towns],
                hoverinfo="text",
                showlegend=False,
                name=_("Towns"),
                meta=PLACES_META,
            )
        )
    labelled = [town for town in towns if town.labelled]
    if labelled:
        traces.append(
            go.Scattergeo(
                lon=[town.lon for town in labelled],
                lat=[town.lat for town in labelled],
                mode="text",
                text=[f"<b>{t.name}</b>" if t.capital else t.name for t in labelled],
                textposition="top right",
                textfont={"size": 10, "color": TOWN},
                hoverinfo="skip",
                showlegend=False,
                name=_("Town names"),
                meta=PLACES_META,
            )
        )
    return traces


def _within(town: dict, rank: int | None) -> bool:
    """True for a town of Natural Earth rank up to `rank`, or a national capital when None."""
    return town["capital"] == "country" if rank is None else town["rank"] <= rank


def add_places(figure: go.Figure, countries: Iterable[str | None]) -> int:
    """Adds the countries' place traces to a geo figure, and the layers' source under the map
    when there are any; returns the number of traces added."""
    traces = place_traces(countries)
    if traces:
        figure.add_traces(traces)
        figure.add_annotation(
            text=_(PLACES_SOURCE),
            xref="paper",
            yref="paper",
            x=1,
            y=0,
            xanchor="right",
            yanchor="bottom",
            showarrow=False,
            font={"size": 9, "color": "#5b6472"},
            bgcolor="rgba(255,255,255,0.7)",
        )
    return len(traces)


def is_place_trace(trace: object) -> bool:
    """True for a trace add_places drew (a figure's trace or its JSON dict)."""
    meta = trace.get("meta") if isinstance(trace, dict) else getattr(trace, "meta", None)
    return meta == PLACES_META
