"""Offline folium maps (dashboard/maps.py) and the vendored Leaflet files they load
(scripts/vendor_assets.py): rendered maps reference no address beyond loopback."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import tomllib
from pathlib import Path

import folium
import polars as pl
import pytest
from branca.element import MacroElement

from dashboard import maps
from embargo.config import DASHBOARD_APP, STREAMLIT_CONFIG

REPO = Path(__file__).resolve().parents[1]
MISSION_TILES = "https://tiles.mission.example/osm/{z}/{x}/{y}.png"

SQUARE = [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]]
SHAPES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": code,
            "properties": {"name": name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x + offset, y] for x, y in SQUARE[0]]],
            },
        }
        for offset, (code, name) in enumerate(
            [("AAA", "Alpha"), ("BBB", "Bravo"), ("CCC", "Charlie <&>"), ("DDD", "Delta")]
        )
    ],
}
COUNTS = pl.DataFrame({"iso3": ["AAA", "BBB", "CCC", "ZZZ"], "transfers": [1, 5, 9, 7]})
SITES = pl.DataFrame(
    {
        "lat": [5.0, 6.0, None],
        "lon": [5.0, 16.0, 1.0],
        "site": ["Port <A>", "Airfield B", "no position"],
        "items": [4, 16, 1],
    }
)


def load_vendor_script():
    spec = importlib.util.spec_from_file_location(
        "vendor_assets", REPO / "scripts" / "vendor_assets.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def no_tile_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(maps.TILE_URL_ENV, raising=False)
    monkeypatch.delenv(maps.TILE_ATTRIBUTION_ENV, raising=False)


def full_map() -> folium.Map:
    m = maps.offline_folium_map(center=(5, 10), zoom=4)
    maps.add_country_shapes(m, SHAPES)
    maps.add_choropleth(
        m, SHAPES, COUNTS, key_column="iso3", value_column="transfers", legend_title="Transfers"
    )
    maps.add_circle_markers(m, SITES, size_column="items", tooltip="site")
    folium.Marker([3, 3], popup=folium.Popup("a popup needs jQuery")).add_to(m)
    return m


def test_rendered_map_references_nothing_outside() -> None:
    html = full_map().get_root().render()
    assert maps.assert_offline_html(html) == []
    for _, path in maps.LOCAL_JS:
        assert f'<script src="/app/static/vendor/{path}"></script>' in html
    for _, path in maps.LOCAL_CSS:
        assert f'href="/app/static/vendor/{path}"' in html
    assert "tileLayer" not in html
    # tooltips from data are escaped (then written as JSON, where & is \u0026)
    assert '"Port \\u0026lt;A\\u0026gt;"' in html


def test_external_resources_of_an_offline_map_is_empty() -> None:
    assert maps.external_resources(full_map()) == []


def test_folium_defaults_stay_untouched_and_are_caught() -> None:
    maps.offline_folium_map(center=(0, 0), zoom=2)
    assert folium.Map.default_js[0][1].startswith("https://")
    stock = folium.Map(location=(0, 0), tiles=None)
    found = maps.assert_offline_html(stock.get_root().render())
    assert "https://code.jquery.com/jquery-3.7.1.min.js" in found
    assert len(found) == 10  # 4 scripts and 6 stylesheets from CDNs


def test_a_branca_colormap_is_refused() -> None:
    m = maps.offline_folium_map(center=(0, 0), zoom=2)
    folium.LinearColormap(["white", "red"], vmin=0, vmax=1).add_to(m)
    assert "https://d3js.org/d3.v4.min.js" in maps.external_resources(m)


def test_tile_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(maps.TILE_URL_ENV, MISSION_TILES)
    monkeypatch.setenv(maps.TILE_ATTRIBUTION_ENV, "Mission <tiles>")
    m = full_map()
    html = m.get_root().render()
    assert maps.assert_offline_html(html) == [MISSION_TILES]
    assert html.count(MISSION_TILES) == 1
    assert '"attribution": "Mission \\u0026lt;tiles\\u0026gt;"' in html  # escaped, in JSON


def test_tile_url_argument_and_loopback_server() -> None:
    local = "http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png"
    html = maps.offline_folium_map((0, 0), 3, tile_url=local).get_root().render()
    assert local in html
    assert maps.assert_offline_html(html) == []


def test_tile_provider_names_are_refused() -> None:
    with pytest.raises(ValueError, match=r"\{z\}"):
        maps.offline_folium_map((0, 0), 3, tile_url="OpenStreetMap")


def test_assert_offline_html_finds_every_kind_of_outside_url() -> None:
    html = """
        <script src="https://cdn.example.org/a.js"></script>
        <link rel="stylesheet" href="//fonts.example.net/f.css">
        <div style="background: url('http://img.example.com/x.png')"></div>
        <img src="/app/static/vendor/leaflet/images/layers.png">
        <img src="http://127.0.0.1:8501/ok.png"><img src="http://localhost/ok.png">
        <svg xmlns="http://www.w3.org/2000/svg"></svg>
        <script>var socket = "wss://push.example.org/live";</script>
        <script src="https://cdn.example.org/a.js"></script>
    """
    assert maps.assert_offline_html(html) == [
        "https://cdn.example.org/a.js",
        "http://img.example.com/x.png",
        "wss://push.example.org/live",
        "//fonts.example.net/f.css",
    ]


def test_choropleth_classes_legend_and_no_data() -> None:
    m = maps.offline_folium_map((0, 0), 2)
    layer = maps.add_choropleth(
        m, SHAPES, COUNTS, key_column="iso3", value_column="transfers", bins=[0, 2, 6, 10]
    )
    fills = {f["id"]: f["properties"]["_fill"] for f in layer.data["features"]}
    values = {f["id"]: f["properties"]["_value"] for f in layer.data["features"]}
    low, mid, high = maps.SEQUENTIAL[0], maps.SEQUENTIAL[2], maps.SEQUENTIAL[4]
    assert fills == {"AAA": low, "BBB": mid, "CCC": high, "DDD": maps.NO_DATA}
    assert values == {"AAA": "1", "BBB": "5", "CCC": "9", "DDD": "no data"}
    assert SHAPES["features"][0]["properties"] == {"name": "Alpha"}  # input not changed
    html = m.get_root().render()
    for label in ("0 – 2", "2 – 6", "6 – 10", "No data"):
        assert json.dumps(label)[1:-1] in html  # the legend's HTML is a JSON string


def test_categorical_choropleth() -> None:
    frame = pl.DataFrame({"iso3": ["AAA", "BBB"], "coverage": ["all recipients", "other"]})
    colours = {"all recipients": "#a50f15", "listed parties only": "#2a9d8f"}
    layer = maps.add_choropleth(
        maps.offline_folium_map((0, 0), 2),
        SHAPES,
        frame,
        key_column="iso3",
        value_column="coverage",
        colours=colours,
    )
    fills = {f["id"]: f["properties"]["_fill"] for f in layer.data["features"]}
    assert fills == {
        "AAA": "#a50f15",
        "BBB": maps.NO_DATA,
        "CCC": maps.NO_DATA,
        "DDD": maps.NO_DATA,
    }


def test_circle_markers_skip_rows_without_position_and_scale_by_area() -> None:
    group = maps.add_circle_markers(
        maps.offline_folium_map((0, 0), 2), SITES, size_column="items", min_radius=2, max_radius=10
    )
    [layer] = group._children.values()
    assert [marker[:4] for marker in layer.markers] == [
        [5.0, 5.0, 6.0, maps.MARKER],
        [6.0, 16.0, 10.0, maps.MARKER],
    ]


def circle_marker_calls(m: folium.Map) -> list[tuple[list[float], dict, str | None]]:
    """The Leaflet calls the map's script makes for its circle markers: position, options and
    tooltip HTML of each L.circleMarker(...) and its bindTooltip(...), in order."""
    calls = []
    for element in _elements(m):
        if isinstance(element, folium.CircleMarker):
            tooltips = [c for c in element._children.values() if isinstance(c, folium.Tooltip)]
            calls.append(
                (element.location, element.options, tooltips[0].text if tooltips else None)
            )
        elif type(element).__name__ == "_CircleMarkers":
            for lat, lon, radius, fill, text in element.markers:
                options = {**element.base, "radius": radius, "fillColor": fill}
                calls.append(([lat, lon], options, text))
    return calls


def _elements(element):
    yield element
    for child in element._children.values():
        yield from _elements(child)


def test_one_script_draws_the_markers_folium_objects_drew() -> None:
    """The markers are drawn by one script element instead of a folium CircleMarker and Tooltip
    each: the same Leaflet calls (position, every option, tooltip), the same map bounds."""
    frame = SITES.with_columns(colour=pl.Series(["a", "b", "a"]))

    def as_folium_objects(m: folium.Map) -> None:
        group = folium.FeatureGroup(name="Sites", control=False)
        for row, (radius, fill) in zip(
            frame.head(2).iter_rows(named=True), [(6.0, "#111111"), (10.0, "#222222")], strict=True
        ):
            folium.CircleMarker(
                location=[row["lat"], row["lon"]],
                radius=radius,
                color="#ffffff",
                weight=1,
                fill=True,
                fill_color=fill,
                fill_opacity=0.85,
                tooltip=html.escape(row["site"]),
            ).add_to(group)
        group.add_to(m)

    before = maps.offline_folium_map((0, 0), 2)
    as_folium_objects(before)
    after = maps.offline_folium_map((0, 0), 2)
    maps.add_circle_markers(
        after,
        frame,
        size_column="items",
        min_radius=2,
        max_radius=10,
        colour_column="colour",
        colours={"a": "#111111", "b": "#222222"},
        tooltip="site",
        name="Sites",
    )
    assert circle_marker_calls(after) == circle_marker_calls(before)
    assert after.get_bounds() == before.get_bounds() == [[5.0, 5.0], [6.0, 16.0]]
    script = after.get_root().render()
    assert script.count("L.circleMarker(") == 1
    assert 'drawn.bindTooltip("<div>" + marker[4] + "</div>", {sticky: true});' in script


def test_vendoring_copies_every_local_asset_idempotently(tmp_path: Path) -> None:
    vendor = load_vendor_script()
    target = tmp_path / "vendor"
    written = vendor.vendor_assets(target)
    files = sorted(
        path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()
    )
    assert files == [
        "jquery/jquery.min.js",
        "leaflet/images/layers-2x.png",
        "leaflet/images/layers.png",
        "leaflet/images/marker-icon-2x.png",
        "leaflet/images/marker-icon.png",
        "leaflet/images/marker-shadow.png",
        "leaflet/leaflet.css",
        "leaflet/leaflet.js",
        "leaflet/leaflet.js.map",
    ]
    assert len(written) == len(files)
    assert vendor.vendor_assets(target) == []
    assert vendor.check_assets(target) == []
    assert (
        (target / "leaflet" / "leaflet.js").read_text().startswith("/* @preserve\n * Leaflet 1.9.4")
    )
    assert "jQuery v3.7.1" in (target / "jquery" / "jquery.min.js").read_text()[:100]

    (target / "leaflet" / "leaflet.css").write_text("changed")
    (target / "leaflet" / "stray.js").write_text("not from a package")
    assert vendor.check_assets(target) == [
        "outdated leaflet/leaflet.css",
        f"not from any package: {target / 'leaflet' / 'stray.js'}",
    ]
    assert sorted(p.name for p in vendor.vendor_assets(target)) == ["leaflet.css", "stray.js"]
    assert vendor.check_assets(target) == []


def test_served_vendor_folder_holds_what_maps_load() -> None:
    vendor = load_vendor_script()
    vendor.vendor_assets()  # what scripts/setup.sh runs; a no-op when it already ran
    assert vendor.DEFAULT_TARGET == maps.VENDOR_DIR
    for _, path in (*maps.LOCAL_JS, *maps.LOCAL_CSS):
        assert (maps.VENDOR_DIR / path).is_file(), path
    assert (maps.VENDOR_DIR / "leaflet" / "images" / "marker-icon.png").is_file()


def test_streamlit_serves_the_static_folder_at_app_static() -> None:
    from streamlit import file_util

    settings = tomllib.loads(STREAMLIT_CONFIG.read_text(encoding="utf-8"))
    assert settings["server"]["enableStaticServing"] is True
    assert Path(file_util.get_app_static_dir(str(DASHBOARD_APP))) == maps.STATIC_DIR
    assert maps.vendor_url() == "/app/static/vendor"


def test_streamlit_folium_frontend_loads_nothing_from_outside() -> None:
    import streamlit_folium

    build = Path(streamlit_folium.__file__).parent / "frontend" / "build"
    assert maps.assert_offline_html((build / "index.html").read_text(encoding="utf-8")) == []
    for bundle in (build / "static" / "js").glob("*.js"):
        urls = maps.assert_offline_html(bundle.read_text(encoding="utf-8"))
        # React's error-decoder link is only text in an error message, never fetched.
        assert [url for url in urls if "reactjs.org/docs/error-decoder" not in url] == []


def test_a_tooltip_cannot_end_the_maps_script() -> None:
    """A tooltip's text goes into the script as JSON: a place name with a backtick (Natural
    Earth's "`Adan", which ended the template literal folium writes a tooltip in), a dollar sign,
    a backslash or a closing script tag cannot end the script or the string."""
    m = maps.offline_folium_map((0, 0), 2)
    place = "`Adan ${x} C:\\d </script>"
    maps.add_circle_markers(
        m,
        pl.DataFrame({"lat": [12.75], "lon": [45.25], "place": [place]}),
        tooltip=lambda row: "YEM, " + row["place"] + ": 18 events",
    )
    script = m.get_root().render()
    assert '</script>"' not in script and script.count("</script>") == script.count("<script")
    written = re.search(r"\n\s*(\[\[12\.75, .*\]\])\.forEach", script).group(1)
    assert json.loads(written) == [[12.75, 45.25, 3, maps.MARKER, "YEM, " + place + ": 18 events"]]


def rendered_script(m: folium.Map) -> str:
    """The map's script with folium's random ids numbered in order of appearance."""
    m.render()
    script = m.get_root().script.render()
    names = dict.fromkeys(re.findall(r"\b[a-z_]+_[0-9a-f]{32}\b", script))
    for number, name in enumerate(names):
        script = script.replace(name, f"element_{number}")
    return script


def test_our_elements_render_the_script_branca_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Places, markers and legends add their script as rendered text instead of an Element
    that compiles it as a template again: the same script as branca's own rendering, and the
    country shapes' bounds (kept per shapes) the bounds folium computes."""

    def full() -> folium.Map:
        m = full_map()
        maps.add_places(
            m,
            {"type": "FeatureCollection", "features": []},
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Bangui", "rank": 3, "capital": "country"},
                        "geometry": {"type": "Point", "coordinates": [18.56, 4.36]},
                    }
                ],
            },
            {},
        )
        return m

    ours = rendered_script(full())
    bounds = full().get_bounds()
    with monkeypatch.context() as branca_own:
        branca_own.setattr(maps._ScriptElement, "render", MacroElement.render)
        branca_own.setattr(maps._Shapes, "_get_self_bounds", folium.GeoJson._get_self_bounds)
        assert rendered_script(full()) == ours
        assert full().get_bounds() == bounds
    assert "Bangui" in ours and "embargo-map-legend" in ours and "L.circleMarker(" in ours
