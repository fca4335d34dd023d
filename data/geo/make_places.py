"""Build ``admin1_shapes.geojson`` and ``populated_places.geojson`` from Natural Earth 1:10m.

Reads the Natural Earth "Admin 1 - States, Provinces" layer as a TopoJSON file (gzipped or
not, see README.md beside this script for where it comes from) and the Natural Earth
"Populated Places" layer as GeoJSON, and writes two compact GeoJSON FeatureCollections that the
dashboard's maps draw (dashboard/maps.py) and the seizure ingest checks admin-1 names against:

``admin1_shapes.geojson``: one feature per admin-1 area, properties
    adm0_a3, iso_3166_2, name, label_lon, label_lat
  Each geometry is simplified once with shapely (``preserve_topology=True``, tolerance
  ``--tolerance`` degrees), snapped to a ``10**-decimals`` grid, repaired with ``make_valid`` if
  needed and oriented counter-clockwise (RFC 7946). The label point is
  ``representative_point()`` of the unsimplified geometry. Features are sorted by adm0_a3, then
  name; one feature per line.

``populated_places.geojson``: one Point feature per populated place, properties
    adm0_a3, adm1_name, name, name_fr, rank, capital, population
  ``rank`` is Natural Earth's SCALERANK (0 the most prominent .. 10): the maps label the
  prominent towns first and the others as the user zooms in. ``capital`` is "country",
  "admin1" or "". Coordinates rounded to 4 decimals. Sorted by adm0_a3, rank, name.

Only the countries named by ``--countries`` (ISO3 / Natural Earth adm0_a3 codes, comma
separated; default: all) are kept. The output is deterministic (same input, same bytes).

Usage:
    python make_places.py ADMIN1.topo.json[.gz] PLACES.geojson \
        [--countries CAF,COD,...] [--tolerance 0.01] [--decimals 3] [--output-dir DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

HERE = Path(__file__).resolve().parent
ADMIN1_FILE = "admin1_shapes.geojson"
PLACES_FILE = "populated_places.geojson"
CAPITALS = {"Admin-0 capital": "country", "Admin-0 capital alt": "country"}


def read_json(path: Path) -> dict:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def topojson_features(topology: dict) -> list[dict]:
    """The GeoJSON features of a TopoJSON topology's first object (quantized arcs decoded)."""
    scale = topology.get("transform", {}).get("scale", [1, 1])
    translate = topology.get("transform", {}).get("translate", [0, 0])
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            if "transform" in topology:
                x, y = x + dx, y + dy
            else:
                x, y = dx, dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part[1:] if points else part)
        return points

    features = []
    (objects,) = topology["objects"].values()
    for geometry in objects["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates = [[ring(r) for r in geometry["arcs"]]]
        elif kind == "MultiPolygon":
            coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "properties": geometry.get("properties") or {},
                "geometry": {"type": "MultiPolygon", "coordinates": coordinates},
            }
        )
    return features


def polygonal(geometry):
    """Only the polygonal parts (make_valid may add lines or points)."""
    if isinstance(geometry, Polygon | MultiPolygon):
        return geometry
    parts = [
        part for part in getattr(geometry, "geoms", []) if isinstance(part, Polygon | MultiPolygon)
    ]
    return shapely.union_all(parts) if parts else Polygon()


def rounded(value: object, decimals: int) -> object:
    if isinstance(value, float):
        return round(value, decimals)
    if isinstance(value, list | tuple):
        return [rounded(item, decimals) for item in value]
    return value


def admin1_features(
    path: Path, countries: set[str] | None, tolerance: float, decimals: int
) -> list[dict]:
    found = []
    for feature in topojson_features(read_json(path)):
        properties = feature["properties"]
        country = properties.get("adm0_a3") or ""
        if not country or (countries is not None and country not in countries):
            continue
        geometry = shapely.make_valid(shape(feature["geometry"]))
        geometry = polygonal(geometry)
        if geometry.is_empty:
            continue
        label = geometry.representative_point()
        simple = geometry.simplify(tolerance, preserve_topology=True)
        simple = shapely.set_precision(simple, 10**-decimals)
        if not simple.is_valid:
            simple = polygonal(shapely.make_valid(simple))
        if simple.is_empty:  # an island smaller than the grid: keep it as it was
            simple = shapely.set_precision(geometry, 10**-decimals)
        simple = shapely.orient_polygons(simple)
        found.append(
            {
                "type": "Feature",
                "properties": {
                    "adm0_a3": country,
                    "iso_3166_2": properties.get("iso_3166_2") or "",
                    "name": properties.get("name") or "",
                    "label_lon": round(label.x, 4),
                    "label_lat": round(label.y, 4),
                },
                "geometry": {
                    "type": simple.geom_type,
                    "coordinates": rounded(mapping(simple)["coordinates"], decimals),
                },
            }
        )
    found.sort(key=lambda f: (f["properties"]["adm0_a3"], f["properties"]["name"]))
    return found


def place_features(path: Path, countries: set[str] | None) -> list[dict]:
    found = []
    for feature in read_json(path)["features"]:
        p = {key.upper(): value for key, value in feature["properties"].items()}
        country = p.get("ADM0_A3") or ""
        if not country or (countries is not None and country not in countries):
            continue
        kind = p.get("FEATURECLA") or ""
        capital = CAPITALS.get(kind, "admin1" if kind.startswith("Admin-1 capital") else "")
        lon, lat = feature["geometry"]["coordinates"][:2]
        found.append(
            {
                "type": "Feature",
                "properties": {
                    "adm0_a3": country,
                    "adm1_name": p.get("ADM1NAME") or "",
                    "name": p.get("NAME") or "",
                    "name_fr": p.get("NAME_FR") or "",
                    "rank": int(p.get("SCALERANK") or 10),
                    "capital": capital,
                    "population": int(p.get("POP_MAX") or 0),
                },
                "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            }
        )
    found.sort(
        key=lambda f: (f["properties"]["adm0_a3"], f["properties"]["rank"], f["properties"]["name"])
    )
    return found


def write_collection(path: Path, features: list[dict]) -> None:
    lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("admin1", type=Path, help="ne_10m_admin_1_states_provinces.topo.json[.gz]")
    parser.add_argument("places", type=Path, help="ne_10m_populated_places GeoJSON")
    parser.add_argument("--countries", help="comma-separated adm0_a3 codes (default: all)")
    parser.add_argument("--tolerance", type=float, default=0.01)
    parser.add_argument("--decimals", type=int, default=3)
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args(argv)
    countries = (
        {code.strip().upper() for code in args.countries.split(",") if code.strip()}
        if args.countries
        else None
    )
    areas = admin1_features(args.admin1, countries, args.tolerance, args.decimals)
    places = place_features(args.places, countries)
    write_collection(args.output_dir / ADMIN1_FILE, areas)
    write_collection(args.output_dir / PLACES_FILE, places)
    for name, features in ((ADMIN1_FILE, areas), (PLACES_FILE, places)):
        size = (args.output_dir / name).stat().st_size
        print(f"{name}: {len(features)} features, {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
