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


def rendered(m) -> str:
    """The map's page with the JSON escapes of folium (\\u00e9, \\u0027) read back."""
    page = m.get_root().render()
    return re.sub(r"\\u([0-9a-f]{4})", lambda found: chr(int(found.group(1), 16)), page)


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
    page = rendered(m)
    assert page.count("embargo-town embargo-rank-") == 21
    assert page.count('"_label": "') == 17
    assert '"_label": "Ouaka, Central African Republic"' in page
    assert '"_label": "Ombella-M\'Poko, Central African Republic"' in page
    assert maps.external_resources(m) == []
    with using("fr"):
        m = maps.country_map(country_shapes(), "CAF")
    page = rendered(m)
    assert '"_label": "Ouaka, République centrafricaine"' in page
    assert "Ndélé" in page and "Ndele" not in page


def test_a_map_of_several_countries_carries_only_theirs():
    m = maps.offline_folium_map(center=(5, 25), zoom=4)
    drawn = maps.add_places_of(m, ["SSD", "CAF", None])
    assert drawn == 17 + 10
    page = rendered(m)
    towns = len(geo_layers.populated_places(["SSD", "CAF"])["features"])
    assert page.count("embargo-town embargo-rank-") == towns == 21 + 15
    assert "Juba" in page and "Kinshasa" not in page
