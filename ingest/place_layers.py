"""The towns and admin-1 area names of the places layers (embargo.geo_layers) as warehouse
tables, written at every build like the vocabularies: they come with the program, so they are
definitions rather than loads of load_log. The seizure pages name an event's nearest town and
admin-1 area from them (sql/derived/seizure_event_places.sql)."""

from __future__ import annotations

import json

import duckdb

from embargo import geo_layers
from ingest.kit.loads import insert_rows
from ingest.reference import ADM0_A3_TO_ISO3


def _iso3_of_adm0(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Natural Earth adm0_a3 -> the ISO3 code the warehouse uses (SDS -> SSD, KOS -> XKX)."""
    codes = [row[0] for row in con.execute("SELECT country_iso3 FROM countries").fetchall()]
    pairs = {geo_layers.adm0_code(code): code for code in codes}
    pairs = {adm0: code for adm0, code in pairs.items() if adm0 != code}
    return {**pairs, **ADM0_A3_TO_ISO3}


def _features(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def load_place_layers(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """Fill populated_places and admin1_areas; returns their row counts."""
    iso3 = _iso3_of_adm0(con)
    places = []
    for feature in _features(geo_layers.PLACES_FILE):
        properties = feature["properties"]
        longitude, latitude = feature["geometry"]["coordinates"]
        places.append(
            {
                "country_iso3": iso3.get(properties["adm0_a3"], properties["adm0_a3"]),
                "admin1_name": properties.get("adm1_name") or None,
                "place_name": properties["name"],
                "place_name_fr": properties.get("name_fr") or None,
                "scale_rank": int(properties["rank"]),
                "capital": properties.get("capital") or None,
                "population": properties.get("population"),
                "latitude": float(latitude),
                "longitude": float(longitude),
            }
        )
    areas = [
        {
            "country_iso3": iso3.get(f["properties"]["adm0_a3"], f["properties"]["adm0_a3"]),
            "area_name": f["properties"]["name"],
            "iso_3166_2": f["properties"].get("iso_3166_2") or None,
            "label_lat": float(f["properties"]["label_lat"]),
            "label_lon": float(f["properties"]["label_lon"]),
        }
        for f in _features(geo_layers.ADMIN1_FILE)
    ]
    insert_rows(con, "populated_places", places)
    insert_rows(con, "admin1_areas", areas)
    return len(places), len(areas)
