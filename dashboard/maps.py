"""Maps: pure functions that build folium (Leaflet) maps that work fully offline.

Offline means the browser loads nothing from beyond the dashboard's own server:

- Leaflet and jQuery come from /app/static/vendor/ (dashboard/static/vendor/, copied from the
  pinned PyPI packages django-js-lib-leaflet and xstatic-jquery by scripts/vendor_assets.py, which
  scripts/setup.sh runs; Streamlit serves dashboard/static/ because enableStaticServing is on).
  folium 0.20 would load Leaflet, jQuery, Bootstrap, Font Awesome and Leaflet.awesome-markers from
  five CDNs; `offline_folium_map` replaces that list on the map with the local Leaflet and jQuery
  and drops the rest: Bootstrap and the awesome-markers/glyphicon fonts only serve `folium.Icon`
  markers and popup styling, which these maps do not use (use circle markers, or `folium.Marker`
  with Leaflet's default icon, whose images are vendored too). jQuery stays because folium's
  `Popup` and keep-in-front code call `$`.
- No tiles by default (`tiles=None`): the land is our own GeoJSON country shapes in grey
  (`add_country_shapes`; `add_choropleth` draws every shape itself, so needs no base layer). A
  mission that runs its own tile server sets EMBARGO_TILE_URL to a Leaflet URL template such as
  `http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png` (and optionally EMBARGO_TILE_ATTRIBUTION); the
  map then adds that one tile layer, and the browser fetches tiles from that server only.
- Legends are a Leaflet control made here, never a branca colormap: folium's colormaps pull d3
  from a CDN (and streamlit-folium adds d3 links for any colormap in a map).

Rendering: `show_map` renders with `streamlit_folium.st_folium`. Its component is served by
Streamlit from the installed package (/component/streamlit_folium.st_folium/...), its frontend
bundle holds no CDN address and loads exactly the map's own JS/CSS list (the local URLs above) into
an iframe of the same origin; it keeps the map mounted across reruns and can return clicks.
`st.components.v1.html(m.get_root().render())` would work offline too (the srcdoc iframe resolves
/app/static/... against the dashboard), but redraws the whole map on every rerun. `show_map`
refuses a map that would load anything from outside (`external_resources`), e.g. one with a folium
plugin that brings its own CDN script.

A page calls the builders, then `show_map`:

    shapes = queries.country_shapes_geojson(clearance)
    m = maps.offline_folium_map(center=(15, 20), zoom=2)
    maps.add_choropleth(m, shapes, counts, key_column="iso3", value_column="transfers")
    maps.add_circle_markers(m, sites, lat="lat", lon="lon", tooltip="site_name")
    maps.show_map(m, key="transfers-map", height=480)
"""

from __future__ import annotations

import html
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from ipaddress import ip_address
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import branca
import folium
import folium.utilities
import folium.vector_layers
from branca.element import MacroElement
from folium.template import Template

from embargo import settings
from embargo.i18n import N_

TILE_URL_ENV = "EMBARGO_TILE_URL"
TILE_ATTRIBUTION_ENV = "EMBARGO_TILE_ATTRIBUTION"
DEFAULT_TILE_ATTRIBUTION = settings.BY_NAME[TILE_ATTRIBUTION_ENV].default

# dashboard/static/ is served at /app/static/; scripts/vendor_assets.py fills vendor/.
STATIC_DIR = Path(__file__).resolve().parent / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
STATIC_URL = "/app/static"
# (folium resource name, path under vendor/): the only scripts and stylesheets a map loads.
LOCAL_JS = (("leaflet", "leaflet/leaflet.js"), ("jquery", "jquery/jquery.min.js"))
LOCAL_CSS = (("leaflet_css", "leaflet/leaflet.css"),)

SEA = "#f4f7fb"
LAND = "#d9dde3"
BORDER = "#ffffff"
NO_DATA = "#e3e6ea"
MARKER = "#0b5cad"
SEQUENTIAL = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")

# XML namespace names look like URLs but are never fetched.
_NAMESPACES = {
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1999/xlink",
}
_URL = re.compile(r"""(?i)\b(?:https?|wss?|ftp)://[^\s"'`<>()\\]+""")
_PROTOCOL_RELATIVE = re.compile(
    r"""(?i)(?:\b(?:src|href|action)\s*=\s*["']?|url\(\s*["']?)(//[^\s"'`<>()\\]+)"""
)


def vendor_url() -> str:
    """The URL folder of the vendored files: /app/static/vendor, under server.baseUrlPath."""
    try:
        from streamlit import config

        base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    except Exception:  # outside a configured Streamlit: the default base
        base = ""
    return f"/{base}{STATIC_URL}/vendor" if base else f"{STATIC_URL}/vendor"


def tile_settings() -> tuple[str | None, str]:
    """The tile URL template and attribution from EMBARGO_TILE_URL / EMBARGO_TILE_ATTRIBUTION;
    (None, ...) when no tile server is configured."""
    url = (settings.value(TILE_URL_ENV) or "").strip() or None
    attribution = (settings.value(TILE_ATTRIBUTION_ENV) or "").strip() or DEFAULT_TILE_ATTRIBUTION
    return url, attribution


def offline_folium_map(
    center: Sequence[float],
    zoom: int,
    tile_url: str | None = None,
    attribution: str | None = None,
) -> folium.Map:
    """A folium Map at `center` (lat, lon) and `zoom` that loads Leaflet and jQuery from the
    dashboard's own static files and nothing else. No tiles unless a tile URL template is given
    or EMBARGO_TILE_URL is set; then exactly that one tile layer (`{z}`, `{x}`, `{y}` required:
    a bare name would make folium pick a public provider)."""
    env_url, env_attribution = tile_settings()
    tile_url = tile_url or env_url
    m = folium.Map(location=list(center), zoom_start=zoom, tiles=None)
    base = vendor_url()
    # Instance attributes: folium's class-level lists (shared by every map) stay untouched.
    m.default_js = [(name, f"{base}/{path}") for name, path in LOCAL_JS]
    m.default_css = [(name, f"{base}/{path}") for name, path in LOCAL_CSS]
    m.get_root().header.add_child(
        branca.element.Element(f"<style>body .leaflet-container {{ background: {SEA}; }}</style>"),
        name="embargo_map_style",
    )
    if tile_url:
        if not all(part in tile_url for part in ("{z}", "{x}", "{y}")):
            raise ValueError(
                f"tile URL must be a Leaflet template with {{z}}, {{x}} and {{y}}: {tile_url!r}"
            )
        folium.TileLayer(
            tiles=tile_url,
            attr=html.escape(attribution or env_attribution),
            name="Tiles",
            control=False,
        ).add_to(m)
    return m


def _feature_collection(shapes: Any) -> dict:
    """A private copy of a GeoJSON FeatureCollection given as a dict, JSON text, a path or
    anything with __geo_interface__ (a GeoDataFrame): callers' data is never changed."""
    if hasattr(shapes, "__geo_interface__"):
        shapes = shapes.__geo_interface__
    elif isinstance(shapes, Path):
        shapes = json.loads(shapes.read_text(encoding="utf-8"))
    elif isinstance(shapes, str):
        shapes = json.loads(shapes)
    if not isinstance(shapes, Mapping) or shapes.get("type") != "FeatureCollection":
        raise ValueError("shapes must be a GeoJSON FeatureCollection")
    features = []
    for feature in shapes["features"]:
        feature = dict(feature)  # geometries are shared, read only
        feature["properties"] = dict(feature.get("properties") or {})
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def _records(frame: Any) -> list[dict]:
    """Rows as dicts from a polars or pandas data frame, or an iterable of mappings."""
    if hasattr(frame, "to_dicts"):
        return frame.to_dicts()
    if hasattr(frame, "to_dict"):
        return frame.to_dict("records")
    return [dict(row) for row in frame]


def _present(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _tooltip_fields(collection: dict, wanted: Iterable[str]) -> list[str]:
    first = collection["features"][0]["properties"] if collection["features"] else {}
    return [field for field in wanted if field in first]


class _Shapes(folium.GeoJson):
    """folium's GeoJson layer with its bounds given (_bounds_of)."""

    def __init__(self, data: dict, bounds: list, **options: Any) -> None:
        super().__init__(data, **options)
        self._bounds = bounds

    def _get_self_bounds(self) -> list:
        return self._bounds


# Bounds of shapes given to add_country_shapes, by the id of the object given (kept with it, so
# the id is not reused): the dashboard's country shapes are one shared object per build.
_shape_bounds: dict[int, tuple[Any, list]] = {}
_SHAPE_BOUNDS_KEPT = 8


def _bounds_of(shapes: Any, collection: dict) -> list:
    """The bounds folium gives a GeoJson layer of `collection` (the FeatureCollection of
    `shapes`): folium reads them coordinate by coordinate, a third of the time a map of the
    world's shapes took to make, and they are the same for every map of the same shapes."""
    kept = _shape_bounds.get(id(shapes))
    if kept is not None and kept[0] is shapes:
        return kept[1]
    bounds = folium.utilities.get_bounds(collection, lonlat=True)
    if isinstance(shapes, Mapping):
        if len(_shape_bounds) >= _SHAPE_BOUNDS_KEPT:
            _shape_bounds.clear()
        _shape_bounds[id(shapes)] = (shapes, bounds)
    return bounds


def add_country_shapes(
    m: folium.Map,
    shapes: Any,
    *,
    name: str = "Countries",
    tooltip_property: str | None = "name",
    fill: str = LAND,
) -> folium.GeoJson:
    """Country shapes as a grey GeoJSON layer (the base map when there are no tiles)."""
    collection = _feature_collection(shapes)
    if tooltip_property == "name":
        from embargo.i18n import country_name

        # The shapes' names are English: the tooltip names the country in the reader's language.
        for feature in collection["features"]:
            properties = feature["properties"]
            if feature.get("id") and "name" in properties:
                properties["name"] = country_name(feature["id"], properties["name"])
    fields = _tooltip_fields(collection, [tooltip_property] if tooltip_property else [])
    layer = _Shapes(
        collection,
        _bounds_of(shapes, collection),
        name=name,
        style_function=lambda _feature: {
            "fillColor": fill,
            "fillOpacity": 1,
            "color": BORDER,
            "weight": 0.6,
        },
        tooltip=folium.GeoJsonTooltip(fields=fields, labels=False) if fields else None,
        control=False,
    )
    layer.add_to(m)
    return layer


ADMIN1_LINE = "#7d8794"
TOWN = "#1b2430"
# Natural Earth scale rank of the towns labelled at each zoom: the most prominent first, the
# others as the user zooms in (below zoom 4 only capitals and the largest towns).
TOWN_RANKS_BY_ZOOM = ((3, 1), (4, 3), (5, 5), (6, 7), (7, 10))
REGION_TOLERANCE = 0.02
PLACES_NOTE = N_(
    "Dashed lines: first-level administrative areas (hover for the area and its country); "
    "dark dots: towns, named as you zoom in. Areas and towns: Natural Earth (public domain)."
)


class _RenderedScript(branca.element.Element):
    """A script part already rendered. branca's MacroElement.render wraps each rendered part in
    an Element, which compiles it as a jinja template and renders that again: the text itself
    (a jinja template without jinja syntax renders as itself, less one final newline), without
    compiling hundreds of kilobytes of JSON."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs) -> str:
        return self.text


class _ScriptElement(MacroElement):
    """A MacroElement with a script macro alone (and no children), rendered as branca renders
    it, the script added as _RenderedScript."""

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_RenderedScript(script(self, kwargs)), name=self.get_name())


class _PlacesLayer(_ScriptElement):
    """Admin-1 areas and towns drawn by one script from compact GeoJSON (a label per feature):
    a folium object per town would cost some 600 bytes of script each. Town labels show by
    prominence as the map zooms (TOWN_RANKS_BY_ZOOM); a town's dot and label carry the class
    embargo-rank-N (N its Natural Earth scale rank), so no dot shows without its name."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            var fill = {{ this.fill|tojson }};
            var areaStyle = {color: {{ this.line|tojson }}, weight: 0.9, dashArray: "4 3",
                             fillColor: fill || "#000000", fillOpacity: fill ? 1 : 0};
            L.geoJSON({{ this.areas|tojson }}, {
                style: function () { return areaStyle; },
                onEachFeature: function (feature, layer) {
                    layer.bindTooltip(feature.properties.label, {sticky: true});
                    layer.on("mouseover", function () {
                        layer.setStyle({weight: 2, color: "#1b2430"});
                    });
                    layer.on("mouseout", function () { layer.setStyle(areaStyle); });
                }
            }).addTo(map);
            L.geoJSON({{ this.towns|tojson }}, {
                pointToLayer: function (feature, at) {
                    var town = feature.properties, rank = "embargo-rank-" + town.rank;
                    return L.circleMarker(at, {
                        radius: town.capital ? 3.5 : 2.5, color: "#ffffff", weight: 1,
                        fill: true, fillColor: {{ this.town|tojson }}, fillOpacity: 1,
                        className: rank
                    }).bindTooltip(town.label, {
                        permanent: true, direction: "right", offset: [4, 0],
                        className: "embargo-town " + rank
                    });
                }
            }).addTo(map);
            var steps = {{ this.steps|tojson }};
            function update() {
                var zoom = map.getZoom(), shown = -1;
                steps.forEach(function (step) { if (zoom >= step[0]) { shown = step[1]; } });
                for (var rank = 0; rank <= 10; rank++) {
                    var drawn = map.getContainer().querySelectorAll(".embargo-rank-" + rank);
                    drawn.forEach(function (element) {
                        element.style.display = rank <= shown ? "" : "none";
                    });
                }
            }
            map.on("zoomend", update);
            map.whenReady(function () { setTimeout(update, 0); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, areas: dict, towns: dict, fill: str | None) -> None:
        super().__init__()
        self._name = "Places"
        self.areas, self.towns, self.fill = areas, towns, fill
        self.line, self.town = ADMIN1_LINE, TOWN
        self.steps = [list(step) for step in TOWN_RANKS_BY_ZOOM]


def add_places(
    m: folium.Map,
    areas: Any,
    towns: Any,
    country_names: Mapping[str, str],
    *,
    french: bool = False,
    fill: str | None = None,
) -> None:
    """Admin-1 areas as thin dashed lines whose tooltip names the area and its country, and
    towns as small dots labelled by prominence as the map zooms in (towns of Natural Earth rank
    1 from zoom 3, all of them from zoom 7). `areas` and `towns` are the FeatureCollections of
    embargo.geo_layers for the countries shown, `country_names` maps their adm0_a3 codes to the
    names in the reader's language. With `fill`, the areas are filled with that colour (the
    country a map is about)."""
    area_features = []
    for feature in _feature_collection(areas)["features"]:
        properties = feature["properties"]
        country = country_names.get(properties["adm0_a3"], properties["adm0_a3"])
        label = html.escape(f"{properties['name']}, {country}")
        area_features.append(
            {"type": "Feature", "properties": {"label": label}, "geometry": feature["geometry"]}
        )
    town_features = []
    for feature in _feature_collection(towns)["features"]:
        properties = feature["properties"]
        name = html.escape((properties.get("name_fr") if french else "") or properties["name"])
        capital = properties.get("capital") or ""
        town_features.append(
            {
                "type": "Feature",
                "properties": {
                    "label": f"<b>{name}</b>" if capital == "country" else name,
                    "rank": min(max(int(properties["rank"]), 0), 10),
                    "capital": capital,
                },
                "geometry": feature["geometry"],
            }
        )
    m.get_root().header.add_child(
        branca.element.Element(
            "<style>.leaflet-tooltip.embargo-town{background:transparent;border:0;"
            "box-shadow:none;padding:0 2px;font:11px/1.2 sans-serif;color:#1b2430;"
            "text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}"
            ".leaflet-tooltip.embargo-town:before{display:none}</style>"
        ),
        name="embargo_town_style",
    )
    _PlacesLayer(
        {"type": "FeatureCollection", "features": area_features},
        {"type": "FeatureCollection", "features": town_features},
        fill,
    ).add_to(m)


def country_map(shapes: Any, iso3: str, *, highlight: str = "#f4d6d4") -> folium.Map:
    """A map fitted to one country (feature id `iso3` of the country shapes), the country shaded
    among the others, with its admin-1 areas and towns (add_places_of)."""
    collection = _feature_collection(shapes)
    own = [feature for feature in collection["features"] if feature.get("id") == iso3]
    points = [
        point
        for feature in own
        for polygon in (
            [feature["geometry"]["coordinates"]]
            if feature["geometry"]["type"] == "Polygon"
            else feature["geometry"]["coordinates"]
        )
        for point in polygon[0]
    ]
    lons = [point[0] for point in points] or [20.0]
    lats = [point[1] for point in points] or [10.0]
    m = offline_folium_map(
        center=((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2), zoom=5
    )
    add_country_shapes(m, collection)
    # The country is shaded by its 1:10m admin-1 areas where the layer has them: the 1:110m
    # outline is coarse enough to leave border towns outside it.
    if not add_places_of(m, [iso3], highlight=highlight) and own:
        add_country_shapes(
            m, {"type": "FeatureCollection", "features": own}, name="Country", fill=highlight
        )
    if points:
        m.fit_bounds([[min(lats), min(lons)], [max(lats), max(lons)]])
    return m


def add_places_of(m: folium.Map, countries: Iterable[str], *, highlight: str | None = None) -> int:
    """add_places for the countries (ISO3 codes) a map shows, with country and town names in the
    reader's language, their areas filled with `highlight` if given; returns the number of
    admin-1 areas drawn."""
    from embargo import geo_layers
    from embargo.i18n import country_name, language

    iso3s = sorted({code for code in countries if code})
    names = {code: country_name(iso3) for iso3 in iso3s for code in geo_layers.codes_of(iso3)}
    # One country is drawn as the layer has it; a region's areas are simplified further
    # (about 2 km), which its zoom does not show, to keep the map page light.
    areas = geo_layers.admin1_areas(iso3s, None if len(iso3s) <= 1 else REGION_TOLERANCE)
    add_places(
        m,
        areas,
        geo_layers.populated_places(iso3s),
        names,
        french=language() == "fr",
        fill=highlight,
    )
    return len(areas["features"])


def _class_edges(values: list[float], classes: int) -> list[float]:
    """Quantile class edges (min .. max) of the values, duplicates removed."""
    ordered = sorted(values)
    last = len(ordered) - 1
    return sorted({ordered[round(i * last / classes)] for i in range(classes + 1)})


def _pick(palette: Sequence[str], count: int) -> list[str]:
    if count <= 1:
        return [palette[-1]]
    return [palette[round(i * (len(palette) - 1) / (count - 1))] for i in range(count)]


def add_choropleth(
    m: folium.Map,
    shapes: Any,
    frame: Any,
    *,
    key_column: str,
    value_column: str,
    key_property: str | None = None,
    colours: Mapping[str, str] | None = None,
    bins: Sequence[float] | None = None,
    palette: Sequence[str] = SEQUENTIAL,
    value_format: str = "{:,.0f}",
    legend_title: str | None = None,
    name_property: str = "name",
    name: str = "Choropleth",
) -> folium.GeoJson:
    """Colours each shape by the row of `frame` whose `key_column` equals the feature's id (or
    its `key_property`): by category through `colours` (value -> colour), else numerically in
    classes (edges `bins`, default quantiles) of `palette`. Shapes without a row are NO_DATA
    grey. Adds a tooltip (name and value) and a legend."""
    collection = _feature_collection(shapes)
    values = {
        str(row[key_column]): row[value_column]
        for row in _records(frame)
        if _present(row.get(key_column)) and _present(row.get(value_column))
    }
    legend: list[tuple[str, str]] = []
    if colours is not None:

        def colour_of(value: Any) -> str:
            return colours.get(str(value), NO_DATA)

        def label_of(value: Any) -> str:
            return str(value)

        present = {str(value) for value in values.values()}
        legend = [(colour, label) for label, colour in colours.items() if label in present]
    else:
        numbers = [float(value) for value in values.values()]
        edges = sorted(bins) if bins is not None else _class_edges(numbers, len(palette))
        spans = list(itertools.pairwise(edges))
        if len(edges) == 1:  # every value the same: one class
            spans = [(edges[0], edges[0])]
        fills = _pick(palette, len(spans)) if spans else []

        def colour_of(value: Any) -> str:
            for (_low, high), fill in zip(spans, fills, strict=True):
                if float(value) <= high:
                    return fill
            return fills[-1] if fills else NO_DATA

        def label_of(value: Any) -> str:
            return value_format.format(value)

        legend = [
            (fill, f"{value_format.format(low)} – {value_format.format(high)}")
            for (low, high), fill in zip(spans, fills, strict=True)
        ]
    legend.append((NO_DATA, "No data"))

    for feature in collection["features"]:
        key = feature.get("id") if key_property is None else feature["properties"].get(key_property)
        value = values.get(str(key)) if key is not None else None
        properties = feature["properties"]
        properties["_fill"] = colour_of(value) if value is not None else NO_DATA
        properties["_value"] = label_of(value) if value is not None else "no data"

    title = legend_title or value_column
    fields = _tooltip_fields(collection, [name_property, "_value"])
    aliases = [("" if field == name_property else title) for field in fields]
    layer = folium.GeoJson(
        collection,
        name=name,
        style_function=lambda feature: {
            "fillColor": feature["properties"]["_fill"],
            "fillOpacity": 1,
            "color": BORDER,
            "weight": 0.6,
        },
        highlight_function=lambda _feature: {"weight": 2, "color": "#1b2430"},
        tooltip=folium.GeoJsonTooltip(fields=fields, aliases=aliases) if fields else None,
        control=False,
    )
    layer.add_to(m)
    add_legend(m, title, legend)
    return layer


class _CircleMarkers(_ScriptElement):
    """Circle markers drawn by one script from a list of positions, options and tooltips: a
    folium CircleMarker and Tooltip per row cost two templates and two random ids each (most of
    a map page's server time at a few hundred markers). The browser gets the same Leaflet calls:
    `L.circleMarker(position, options)` added to the group, then `bindTooltip` with the tooltip's
    HTML in a div and folium's tooltip options (sticky). The list is JSON, so no text of a
    tooltip (a backtick, `</script>`) can end the script."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var group = {{ this._parent.get_name() }};
            var base = {{ this.base|tojson }};
            {{ this.markers|tojson }}.forEach(function (marker) {
                var options = Object.assign({}, base, {radius: marker[2], fillColor: marker[3]});
                var drawn = L.circleMarker([marker[0], marker[1]], options).addTo(group);
                if (marker[4] !== null) {
                    drawn.bindTooltip("<div>" + marker[4] + "</div>", {sticky: true});
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, base: dict, markers: list[list]) -> None:
        super().__init__()
        self._name = "CircleMarkers"
        self.base, self.markers = base, markers

    def _get_self_bounds(self) -> list[list[float | None]]:
        """The markers' extent, as folium counts each marker's location in the map's bounds."""
        if not self.markers:
            return [[None, None], [None, None]]
        lats = [marker[0] for marker in self.markers]
        lons = [marker[1] for marker in self.markers]
        return [[min(lats), min(lons)], [max(lats), max(lons)]]


def add_circle_markers(
    m: folium.Map,
    frame: Any,
    *,
    lat: str = "lat",
    lon: str = "lon",
    size_column: str | None = None,
    min_radius: float = 3,
    max_radius: float = 18,
    colour: str = MARKER,
    colour_column: str | None = None,
    colours: Mapping[str, str] | None = None,
    tooltip: str | Callable[[dict], str] | None = None,
    name: str = "Markers",
) -> folium.FeatureGroup:
    """One circle marker per row with a position, in a feature group of its own, drawn by one
    script (_CircleMarkers). The radius grows with the square root of `size_column` (area
    proportional to the value); the colour is `colours[row[colour_column]]` or `colour`.
    `tooltip` is a column (shown as text) or a function of the row returning HTML."""
    rows = [row for row in _records(frame) if _present(row.get(lat)) and _present(row.get(lon))]
    sizes = [float(row[size_column]) for row in rows if size_column and _present(row[size_column])]
    largest = max(sizes, default=0.0)
    markers = []
    for row in rows:
        radius = min_radius
        if size_column and largest > 0 and _present(row.get(size_column)):
            share = math.sqrt(max(float(row[size_column]), 0.0) / largest)
            radius = min_radius + (max_radius - min_radius) * share
        fill = colour
        if colour_column and colours is not None:
            fill = colours.get(str(row.get(colour_column)), colour)
        if callable(tooltip):
            text = tooltip(row)
        elif tooltip:
            text = html.escape(str(row.get(tooltip, "")))
        else:
            text = None
        markers.append([float(row[lat]), float(row[lon]), radius, fill, text])
    # The options folium gives each CircleMarker (radius and fill colour per marker).
    base = folium.vector_layers.path_options(
        radius=min_radius,
        color="#ffffff",
        weight=1,
        fill=True,
        fill_color=colour,
        fill_opacity=0.85,
    )
    group = folium.FeatureGroup(name=name, control=False)
    _CircleMarkers(base, markers).add_to(group)
    group.add_to(m)
    return group


class _Legend(_ScriptElement):
    """A Leaflet control with coloured swatches: no branca colormap, so no d3 from a CDN."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: {{ this.position|tojson }}});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "embargo-map-legend");
                div.innerHTML = {{ this.html|tojson }};
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str, position: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.position = position


def add_legend(
    m: folium.Map,
    title: str,
    items: Sequence[tuple[str, str]],
    *,
    position: str = "bottomright",
) -> MacroElement:
    """A legend box of (colour, label) swatches on the map."""
    swatch = (
        '<div><span style="display:inline-block;width:12px;height:12px;margin-right:6px;'
        'vertical-align:middle;border:1px solid #9aa3ad;background:{}"></span>{}</div>'
    )
    body = "".join(swatch.format(html.escape(c), html.escape(label)) for c, label in items)
    box = (
        '<div style="background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;'
        'font:12px/1.5 sans-serif;color:#1b2430;box-shadow:0 1px 4px rgba(0,0,0,0.25)">'
        f'<div style="font-weight:600;margin-bottom:2px">{html.escape(title)}</div>{body}</div>'
    )
    legend = _Legend(box, position)
    legend.add_to(m)
    return legend


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    host = parts.hostname
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def assert_offline_html(html_text: str) -> list[str]:
    """Every absolute (http, https, ws, wss, ftp) or protocol-relative URL in rendered HTML whose
    host is not loopback, in order of first appearance; [] means the page stays local. XML
    namespace names (never fetched) are ignored."""
    # Every match holds "//": a map's text (half a megabyte of shapes) mostly has none, and
    # looking for it is a hundredth of a regular expression's scan.
    if "//" not in html_text:
        return []
    found = [match.group(0) for match in _URL.finditer(html_text)]
    found += [match.group(1) for match in _PROTOCOL_RELATIVE.finditer(html_text)]
    outside = []
    for url in found:
        url = url.rstrip(".,;")
        if url in _NAMESPACES or url in outside:
            continue
        if url.startswith("//"):
            if not is_local("http:" + url):
                outside.append(url)
        elif not is_local(url):
            outside.append(url)
    return outside


def _elements(element: Any) -> Iterable[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def external_resources(m: folium.Map) -> list[str]:
    """The scripts and stylesheets outside loopback that rendering `m` would load: what
    streamlit-folium collects (every element's default_js/default_css, plus d3 for a branca
    colormap) and what the rendered page itself references."""
    links = []
    for element in _elements(m):
        if isinstance(element, branca.colormap.ColorMap):
            links.append("https://d3js.org/d3.v4.min.js")
        links += [url for _, url in getattr(element, "default_js", [])]
        links += [url for _, url in getattr(element, "default_css", [])]
    outside = [url for url in dict.fromkeys(links) if not is_local(url) and "://" in url]
    return outside + [
        url for url in assert_offline_html(m.get_root().render()) if url not in outside
    ]


def show_map(
    m: folium.Map,
    *,
    key: str,
    height: int = 480,
    returned_objects: Iterable[str] | None = (),
    allow_tiles: bool = True,
) -> Any:
    """Renders `m` in the page with streamlit-folium's component, full width; returns what
    st_folium returns (nothing to rerun on by default: pass returned_objects to get clicks).
    Refuses a map that would load scripts, styles or anything else from outside loopback, except
    the configured EMBARGO_TILE_URL server when `allow_tiles`. Rendered once
    (dashboard.kept_maps; show_kept_map also keeps the rendering across runs)."""
    from dashboard.kept_maps import map_arguments, show_map_arguments

    return show_map_arguments(
        map_arguments(m, key, allow_tiles),
        key=key,
        height=height,
        returned_objects=returned_objects,
    )
