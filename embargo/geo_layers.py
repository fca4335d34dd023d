"""The places layers the maps draw and the seizure ingest checks against: admin-1 areas
(data/geo/admin1_shapes.geojson) and populated places (data/geo/populated_places.geojson), both
made from Natural Earth 1:10m by data/geo/make_places.py for the countries under UN arms
embargoes and their neighbours (data/geo/README.md). Read once per process; callers get subsets
by country, so a map carries only the areas and towns of the countries it shows.

Countries are named by ISO3 code here; the files use Natural Earth's adm0_a3, which differs for a
few (South Sudan is SDS in the places and country shapes, SSD in the admin-1 areas; Kosovo is
KOS): data/geo/country_shapes.geojson gives the pairs, and a country is looked up by both."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from embargo.config import GEO_DIR

ADMIN1_FILE = GEO_DIR / "admin1_shapes.geojson"
PLACES_FILE = GEO_DIR / "populated_places.geojson"
COUNTRY_SHAPES_FILE = GEO_DIR / "country_shapes.geojson"


@functools.cache
def _collection(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@functools.cache
def _adm0_of_iso3() -> dict[str, str]:
    """ISO3 -> Natural Earth adm0_a3 for the countries whose codes differ (SSD -> SDS, ...)."""
    pairs = {}
    for feature in _collection(COUNTRY_SHAPES_FILE)["features"]:
        properties = feature["properties"]
        for key in ("iso_a3_eh", "iso_a3"):
            code = properties.get(key)
            if code and code != "-99" and code != properties["adm0_a3"]:
                pairs.setdefault(code, properties["adm0_a3"])
    pairs.setdefault("XKX", "KOS")
    return pairs


def adm0_code(iso3: str) -> str:
    return _adm0_of_iso3().get(iso3, iso3)


def codes_of(iso3: str) -> set[str]:
    """The codes a country may have in the layers: its ISO3 code and Natural Earth's adm0_a3
    (the admin-1 layer names South Sudan SSD, the populated places and country shapes SDS)."""
    return {iso3, adm0_code(iso3)}


def _subset(path, countries: Iterable[str]) -> list[dict]:
    wanted = {code for country in countries if country for code in codes_of(country)}
    return [f for f in _collection(path)["features"] if f["properties"]["adm0_a3"] in wanted]


def admin1_areas(countries: Iterable[str], tolerance: float | None = None) -> dict:
    """The admin-1 areas of the countries (ISO3 codes) as a FeatureCollection; with
    `tolerance` (degrees), simplified further and rounded to 0.01 degree, for a map of a whole
    region, which would otherwise carry detail no reader sees at its zoom."""
    if tolerance is None:
        return {"type": "FeatureCollection", "features": _subset(ADMIN1_FILE, countries)}
    features = [
        feature
        for country in sorted({code for code in countries if code})
        for feature in _simplified_areas(country, tolerance)
    ]
    return {"type": "FeatureCollection", "features": features}


def _rounded(value, decimals: int):
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, list | tuple):
        return [_rounded(item, decimals) for item in value]
    return value


@functools.cache
def _simplified_areas(iso3: str, tolerance: float) -> tuple[dict, ...]:
    from shapely.geometry import mapping, shape  # imported here: only region maps need it

    simplified = []
    for feature in _subset(ADMIN1_FILE, [iso3]):
        geometry = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
        simplified.append(
            {
                "type": "Feature",
                "properties": feature["properties"],
                "geometry": {
                    "type": geometry.geom_type,
                    "coordinates": _rounded(mapping(geometry)["coordinates"], 2),
                },
            }
        )
    return tuple(simplified)


def populated_places(countries: Iterable[str], max_rank: int = 10) -> dict:
    """The populated places of the countries, Natural Earth scale rank <= max_rank."""
    features = [f for f in _subset(PLACES_FILE, countries) if f["properties"]["rank"] <= max_rank]
    return {"type": "FeatureCollection", "features": features}


@functools.cache
def admin1_names(iso3: str) -> tuple[str, ...]:
    """The admin-1 area names of one country, sorted; () for a country the layer lacks."""
    return tuple(sorted(f["properties"]["name"] for f in _subset(ADMIN1_FILE, [iso3])))


def covered_countries() -> set[str]:
    """The adm0_a3 codes of the countries the admin-1 layer holds."""
    return {f["properties"]["adm0_a3"] for f in _collection(ADMIN1_FILE)["features"]}
