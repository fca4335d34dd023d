"""The places on the Leaflet maps (dashboard.maps.add_places_of, country_map): the admin-1 areas
and towns of the countries shown, from the committed Natural Earth layers, with tooltips naming
area and country in the reader's language, and nothing loaded from outside."""

from __future__ import annotations

import json
import re

from dashboard import maps
from embargo import geo_layers
from embargo.config import GEO_DIR
from embargo.i18n import using


def country_shapes() -> dict:
    shapes = json.loads((GEO_DIR / "country_shapes.geojson").read_text(encoding="utf-8"))
    for feature in shapes["features"]:
        feature["id"] = feature["properties"]["iso_a3_eh"]
    return shapes


def places_data(m) -> tuple[list[str], list[str]]:
    """The labels of the areas and of the towns the map's places layer draws."""
    (layer,) = [child for child in m._children.values() if type(child).__name__ == "_PlacesLayer"]
    return (
        [feature["properties"]["label"] for feature in layer.areas["features"]],
        [feature["properties"]["label"] for feature in layer.towns["features"]],
    )


def test_the_committed_layers_hold_every_embargo_target_with_its_areas_and_towns():
    areas = json.loads((GEO_DIR / "admin1_shapes.geojson").read_text(encoding="utf-8"))
    places = json.loads((GEO_DIR / "populated_places.geojson").read_text(encoding="utf-8"))
    assert (len(areas["features"]), len(places["features"])) == (2038, 2878)
    assert len(geo_layers.admin1_areas(["CAF"])["features"]) == 17
    caf_towns = geo_layers.populated_places(["CAF"])["features"]
    assert [t["properties"]["name"] for t in caf_towns[:3]] == ["Bangui", "Ndele", "Obo"]
    assert caf_towns[0]["properties"]["capital"] == "country"
    for iso3 in ("AFG", "CAF", "COD", "HTI", "LBY", "MLI", "SDN", "SOM", "SSD", "YEM"):
        assert geo_layers.admin1_names(iso3), iso3


def test_a_country_map_carries_its_areas_and_towns_and_stays_local():
    with using("en"):
        m = maps.country_map(country_shapes(), "CAF")
    areas, towns = places_data(m)
    assert len(areas) == 17 and len(towns) == 21
    assert "Ouaka, Central African Republic" in areas
    assert "Ombella-M&#x27;Poko, Central African Republic" in areas  # HTML-escaped for Leaflet
    assert towns[:3] == ["<b>Bangui</b>", "Ndele", "Obo"]
    assert maps.external_resources(m) == []
    with using("fr"):
        m = maps.country_map(country_shapes(), "CAF")
    areas, towns = places_data(m)
    assert "Ouaka, République centrafricaine" in areas
    assert towns[:3] == ["<b>Bangui</b>", "Ndélé", "Obo"]


def test_a_map_of_several_countries_carries_only_theirs():
    m = maps.offline_folium_map(center=(5, 25), zoom=4)
    drawn = maps.add_places_of(m, ["SSD", "CAF", None])
    assert drawn == 17 + 10
    areas, towns = places_data(m)
    assert len(areas) == 27 and "Ouaka, Central African Republic" in areas
    assert len(towns) == len(geo_layers.populated_places(["SSD", "CAF"])["features"]) == 21 + 15
    assert "<b>Juba</b>" in towns and "Kinshasa" not in towns
    # A region's areas are simplified further, to 0.01 degree: lighter than one country's.
    (ouaka,) = [
        f
        for f in geo_layers.admin1_areas(["CAF"], 0.02)["features"]
        if f["properties"]["name"] == "Ouaka"
    ]
    assert re.findall(r"\d\.\d{3,}", json.dumps(ouaka["geometry"])) == []
    assert len(json.dumps(ouaka)) < len(
        json.dumps(geo_layers.admin1_areas(["CAF"])["features"][12])
    )
