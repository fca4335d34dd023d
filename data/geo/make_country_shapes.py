"""Build ``country_shapes.geojson`` from a Natural Earth admin-0 countries file.

Reads a Natural Earth "Admin 0 - Countries" layer (for example the shapefile
``ne_110m_admin_0_countries.shp`` extracted from a registry package, see README.md
beside this script) and writes a compact GeoJSON FeatureCollection with one
feature per Natural Earth feature and only these properties:

    adm0_a3, iso_a3, iso_a3_eh (if in the source), name, name_long (if in the
    source), label_lon, label_lat

* ``label_lon``/``label_lat`` are ``representative_point()`` of the unsimplified
  geometry, rounded to 4 decimals (a point guaranteed to lie inside the shape).
  For a MultiPolygon it is taken on the largest part, so that e.g. Norway is
  not labelled on Svalbard nor Chile on Tierra del Fuego.
* Each geometry is simplified once with shapely (``preserve_topology=True``),
  snapped to a grid of ``10**-decimals`` degrees, repaired with ``make_valid``
  if it is invalid, and oriented counter-clockwise (RFC 7946).
* Attribute values are copied verbatim; ``iso_a3`` keeps Natural Earth's "-99".
* Features are sorted by ``adm0_a3``; one feature per line for readable diffs.

Usage:
    python make_country_shapes.py PATH/TO/ne_110m_admin_0_countries.shp \
        [--output country_shapes.geojson] [--tolerance 0.005] [--decimals 3]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

REQUIRED = ("ADM0_A3", "ISO_A3", "NAME")
OPTIONAL = ("ISO_A3_EH", "NAME_LONG")
DEFAULT_OUTPUT = Path(__file__).resolve().parent / "country_shapes.geojson"


def _polygonal(geom):
    """Keep only the polygonal parts of a geometry (make_valid may add lines/points)."""
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    parts = []
    for part in getattr(geom, "geoms", []):
        if isinstance(part, Polygon):
            parts.append(part)
        elif isinstance(part, MultiPolygon):
            parts.extend(part.geoms)
    if not parts:
        raise ValueError(f"no polygonal part left in {geom.geom_type}")
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def label_point(geom):
    """representative_point() of the geometry, or of its largest part if multi-part."""
    if isinstance(geom, MultiPolygon):
        geom = max(geom.geoms, key=lambda part: part.area)
    return geom.representative_point()


def _round_coords(obj, decimals: int):
    if isinstance(obj, float):
        return round(obj, decimals)
    if isinstance(obj, list | tuple):
        return [_round_coords(x, decimals) for x in obj]
    return obj


def clean_geometry(geom, tolerance: float, decimals: int):
    """Simplify once, snap to the output grid, repair if needed, orient for GeoJSON."""
    out = shapely.simplify(geom, tolerance, preserve_topology=True)
    out = shapely.set_precision(out, 10.0**-decimals)
    if not out.is_valid:
        out = shapely.make_valid(out)
    out = _polygonal(out)
    out = shapely.orient_polygons(out)
    if out.is_empty or not out.is_valid:
        raise ValueError("geometry is empty or invalid after processing")
    return out


def build(src: Path, tolerance: float, decimals: int) -> list[dict]:
    gdf = gpd.read_file(src)
    missing = [c for c in REQUIRED if c not in gdf.columns]
    if missing:
        raise SystemExit(f"{src}: missing Natural Earth attributes {missing}")
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    if not gdf["ADM0_A3"].is_unique:
        raise SystemExit(f"{src}: ADM0_A3 is not unique")
    optional = [c for c in OPTIONAL if c in gdf.columns]

    features = []
    for row in gdf.itertuples(index=False):
        raw = row.geometry
        if raw is None or raw.is_empty:
            raise SystemExit(f"{row.ADM0_A3}: empty geometry in source")
        label = label_point(raw)
        props = {"adm0_a3": row.ADM0_A3, "iso_a3": row.ISO_A3}
        if "ISO_A3_EH" in optional:
            props["iso_a3_eh"] = row.ISO_A3_EH
        props["name"] = row.NAME
        if "NAME_LONG" in optional:
            props["name_long"] = row.NAME_LONG
        props["label_lon"] = round(label.x, 4)
        props["label_lat"] = round(label.y, 4)
        geom = clean_geometry(raw, tolerance, decimals)
        gj = mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {
                    "type": gj["type"],
                    "coordinates": _round_coords(gj["coordinates"], decimals),
                },
            }
        )
    features.sort(key=lambda f: f["properties"]["adm0_a3"])
    return features


def write(features: list[dict], out: Path) -> None:
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path, help="Natural Earth admin-0 countries file (.shp)")
    ap.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--tolerance", type=float, default=0.005, help="degrees (default 0.005)")
    ap.add_argument("--decimals", type=int, default=3, help="coordinate decimals (default 3)")
    args = ap.parse_args(argv)

    features = build(args.source, args.tolerance, args.decimals)
    write(features, args.output)
    size = args.output.stat().st_size
    print(f"wrote {len(features)} features, {size} bytes to {args.output.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
