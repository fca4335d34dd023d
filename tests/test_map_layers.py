"""The places on the Plotly maps (dashboard.map_layers): the admin-1 boundaries and towns of the
countries a map shows, from the committed Natural Earth layers, as Plotly geo traces named in the
reader's language, and the geo maps that carry them, which draw nothing of plotly's own (so the
only file plotly.js fetches for them is the dashboard's own)."""

from __future__ import annotations

import json

import plotly.io as pio
import polars as pl
import pytest

from dashboard import charts, map_layers
from dashboard.shapes_file import SHAPES_DIR
from embargo.i18n import using

SHAPES_URL = "app/static/shapes/country_shapes-0123456789abcdef.json"
SHAPE_KEYS = pl.DataFrame(
    {"shape_key": ["CAF", "TCD", "SDN"], "country_name": ["Central African Rep.", "Chad", "Sudan"]}
)
CAR_LABELS = ["<b>Bangui</b>", "Ndele", "Obo", "Bambari", "Berbérati", "Bouar", "Bria"]


def test_one_country_carries_its_areas_all_its_towns_and_names_the_larger_ones():
    with using("en"):
        traces = map_layers.place_traces(["CAF", None])
    assert [t.type for t in traces] == ["scattergeo"] * 4
    assert all(map_layers.is_place_trace(t) for t in traces)
    lines, areas, towns, names = traces
    # 17 prefectures; the borders they share are drawn once, in 77 lines.
    assert (lines.mode, lines.hoverinfo, lines.line.dash) == ("lines", "skip", "dot")
    assert sum(value is None for value in lines.lon) == 77
    assert len(lines.lon) == len(lines.lat) == 1_409
    assert len(areas.hovertext) == 17
    assert "Ouaka, Central African Republic" in areas.hovertext
    assert "Ombella-M'Poko, Central African Republic" in areas.hovertext
    assert len(towns.lon) == 21
    assert towns.hovertext[6] == "<b>Bria</b><br>Haute-Kotto, Central African Republic"
    assert names.mode == "text" and list(names.text) == CAR_LABELS
    with using("fr"):
        lines_fr, areas_fr, towns_fr, names_fr = map_layers.place_traces(["CAF"])
    assert list(lines_fr.lon) == list(lines.lon)
    assert "Ouaka, République centrafricaine" in areas_fr.hovertext
    assert towns_fr.hovertext[1] == "<b>Ndélé</b><br>Bamingui-Bangoran, République centrafricaine"
    assert list(names_fr.text) == ["<b>Bangui</b>", "Ndélé", *CAR_LABELS[2:]]
    assert names_fr.name == "Noms des villes"


def test_more_countries_carry_fewer_details():
    lines, _areas, towns, names = map_layers.place_traces(["CAF", "SSD"])
    # Two countries' areas, simplified to 0.02 degree, take fewer points than CAR's alone.
    assert len(lines.lon) == 1_401
    # Up to four countries: towns to rank 7, names to rank 4.
    assert len(towns.lon) == 20 + 14
    assert list(names.text) == [
        "<b>Bangui</b>", "Ndele", "Obo", "Bambari", "Wau", "<b>Juba</b>", "Malakal",
    ]  # fmt: skip
    world = map_layers.place_traces(["AFG", "CAF", "COD", "HTI", "LBY", "SDN", "SOM", "SSD"])
    towns, names = world[2], world[3]
    # A world map: the national capitals only.
    assert list(names.text) == [
        "<b>Kabul</b>", "<b>Bangui</b>", "<b>Kinshasa</b>", "<b>Port-au-Prince</b>",
        "<b>Tripoli</b>", "<b>Khartoum</b>", "<b>Mogadishu</b>", "<b>Juba</b>",
    ]  # fmt: skip
    assert len(towns.lon) == 8
    assert len(world[0].lon) == 2_686  # eight countries at 0.1 degree
    assert len(pio.to_json(world[0])) < 2.5 * len(pio.to_json(map_layers.place_traces(["CAF"])[0]))


def test_countries_the_layers_lack_get_no_places():
    assert map_layers.place_traces(["USA", "FRA", None]) == []
    in_paris = car_sighting().with_columns(
        latitude=pl.lit(48.85), longitude=pl.lit(2.35), country_iso3=pl.lit("FRA")
    )
    figure = charts.sightings_map(
        in_paris,
        SHAPES_URL,
        SHAPE_KEYS,
    )
    assert [t.type for t in figure.data] == ["choropleth", "scattergeo"]
    assert figure.layout.annotations == ()


def car_sighting() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "latitude": [6.4754], "longitude": [17.4682], "country_iso3": ["CAF"],
            "serial_number": ["418710"], "lot_number": [None], "manufacturer": ["M"],
            "model": ["m"], "event_date": ["2024-01-01"], "location_name": ["Bossangoa"],
            "reporting_entity": ["R"],
        }
    )  # fmt: skip


def test_a_car_sighting_map_is_a_geo_map_fitted_to_the_country_with_its_places():
    with using("en"):
        figure = charts.sightings_map(car_sighting(), SHAPES_URL, SHAPE_KEYS)
    assert [(t.type, t.meta) for t in figure.data] == [
        ("choropleth", None),
        ("scattergeo", "places"),
        ("scattergeo", "places"),
        ("scattergeo", "places"),
        ("scattergeo", "places"),
        ("scattergeo", None),
    ]
    # d3-geo reads GeoJSON's anticlockwise rings inside out: the geo maps read the clockwise copy.
    assert figure.data[0].geojson == (
        "app/static/shapes/country_shapes-0123456789abcdef-clockwise.json"
    )
    geo = figure.layout.geo
    for layer in ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits"):
        assert getattr(geo, f"show{layer}") is False, layer
    # CAR's outline (14.4-27.4 E, 2.2-11.0 N), a margin of 12 % of its width around it.
    assert geo.projection.type == "mercator"
    assert [round(v, 2) for v in (*geo.lonaxis.range, *geo.lataxis.range)] == [
        12.91, 28.92, 0.72, 12.69,
    ]  # fmt: skip
    assert figure.layout.annotations[0].text == "Areas and towns: Natural Earth (public domain)."
    assert list(figure.data[4].text) == CAR_LABELS


def test_world_maps_carry_the_places_of_the_countries_under_an_embargo():
    embargo_map = pl.DataFrame(
        {
            "country_iso3": ["CAF", "SSD"],
            "country_name": ["Central African Republic", "South Sudan"],
            "coverage_category": ["non-state actors only", "all recipients"],
            "targets": ["a", "b"],
            "citations": ["c", "d"],
        }
    )
    with using("fr"):
        figure = charts.embargo_world_map(embargo_map, SHAPES_URL, SHAPE_KEYS)
    places = [t for t in figure.data if map_layers.is_place_trace(t)]
    assert len(places) == 4
    assert "Juba, Soudan du Sud" not in places[1].hovertext  # areas, not towns
    assert "<b>Djouba</b><br>Central Equatoria, Soudan du Sud" in places[2].hovertext
    assert figure.layout.geo.projection.type == "natural earth"
    assert [t.geojson for t in figure.data if t.type == "choropleth"] == [
        map_layers.clockwise(SHAPES_URL)
    ] * 3


def test_clockwise_turns_outer_rings_clockwise_and_holes_anticlockwise():
    anticlockwise = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole_clockwise = [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "A",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [anticlockwise, hole_clockwise]},
            },
            {
                "type": "Feature",
                "id": "B",
                "properties": {},
                "geometry": {"type": "MultiPolygon", "coordinates": [[anticlockwise[::-1]]]},
            },
        ],
    }
    turned = map_layers.clockwise(shapes)
    assert turned["features"][0]["geometry"]["coordinates"] == [
        anticlockwise[::-1],
        hole_clockwise[::-1],
    ]
    assert turned["features"][1]["geometry"]["coordinates"] == [[anticlockwise[::-1]]]
    assert turned["features"][0]["id"] == "A"
    assert shapes["features"][0]["geometry"]["coordinates"][0] == anticlockwise  # not changed


def test_the_geo_maps_config_points_plotly_at_the_dashboards_own_empty_topology():
    config = map_layers.plotly_config()
    assert config == {"topojsonURL": "app/static/shapes/", "scrollZoom": True}
    path = SHAPES_DIR / "world_110m.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "type": "Topology",
        "objects": {},
        "arcs": [],
    }
    assert charts.geo_config() == config


@pytest.mark.parametrize(
    ("countries", "points", "expected"),
    [
        ((), ([], []), None),
        ((), ([17.0], [6.0]), (16.0, 18.0, 5.0, 7.0)),
        (("XXX",), ([None], [None]), None),
    ],
)
def test_bounds_around(countries, points, expected):
    assert map_layers.bounds_around(countries, *points) == expected
