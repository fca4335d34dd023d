"""UCDP Georeferenced Event Dataset, format `ucdp-ged` (docs/formats.md): the GED as UCDP publishes
it, as CSV (one row per event, with latitude and longitude) or GeoJSON (a FeatureCollection of
points whose properties are the CSV columns without latitude, longitude and geom_wkt), loaded into
conflict_events (see ingest.sources.conflict_events for the decisions both conflict formats share).

Row numbers: the CSV line, or for GeoJSON the feature's position in the collection (1 = first
feature). UCDP columns used: id, date_start, date_end, date_prec, country, adm_1, adm_2,
where_coordinates, where_prec, latitude/longitude (or the point), type_of_violence,
conflict_name, side_a, side_b, best, low, high, deaths_civilians, source_article; every other
property is kept in source_record. The release is read from the file name as UCDP names its
downloads (GEDEvent_v24_1.csv, ged241.csv): a later release revises the events it changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded
from ingest.kit.places import Places
from ingest.kit.record_format import Layout
from ingest.kit.tables import FileRefused, read_header
from ingest.kit.validation import Column, InvalidValue, Reject
from ingest.kit.values import text_or_none
from ingest.sources.conflict_events import (
    ConflictFormat,
    country_name,
    degrees,
    event_day,
    load_events,
    read_records,
    whole_number,
)

SOURCE_ID = "ucdp_ged"
FORMAT_NAME = "ucdp-ged"
TABLES_WRITTEN = ("conflict_event_versions",)
SNIFF_BYTES = 64 * 1024
REQUIRED = ("id", "type_of_violence", "date_start", "country", "best", "latitude", "longitude")
VIOLENCE_TYPES = {"1": "state-based", "2": "non-state", "3": "one-sided"}
# UCDP codebook: date_prec 1 exact day, 2 within 2-6 days, 3 within a week or so, 4 within a
# month, 5 more than a month (within the year); where_prec 1 exact place ... 7 international
# waters or airspace.
DATE_PRECISIONS = {"1": "day", "2": "days", "3": "week", "4": "month", "5": "year"}
WHERE_PRECISIONS = {
    "1": "exact location",
    "2": "within 25 km",
    "3": "second-order administrative division",
    "4": "first-order administrative division",
    "5": "linear feature or larger area",
    "6": "country",
    "7": "international waters or airspace",
}

LAYOUTS = (
    Layout(
        "GED CSV, or the properties of a GeoJSON feature",
        REQUIRED,
        REQUIRED,
        (
            ("type_of_violence", VIOLENCE_TYPES),
            ("date_prec", DATE_PRECISIONS),
            ("where_prec", WHERE_PRECISIONS),
        ),
    ),
)


def code(column: str, meanings: dict[str, str]) -> object:
    def parse(value: str) -> str:
        key = value[:-2] if value.endswith(".0") else value
        if key not in meanings:
            raise InvalidValue(f"{column} '{value}' is not one of {', '.join(meanings)}")
        return meanings[key]

    return parse


def columns(places: Places) -> list[Column]:
    return [
        Column("id", whole_number("id", 1)),
        Column("date_start", event_day("date_start")),
        Column("date_end", event_day("date_end"), required=False),
        Column("date_prec", code("date_prec", DATE_PRECISIONS), required=False),
        Column("country", country_name(places, "country")),
        Column("adm_1", text_or_none, required=False),
        Column("adm_2", text_or_none, required=False),
        Column("where_coordinates", text_or_none, required=False),
        Column("where_prec", code("where_prec", WHERE_PRECISIONS), required=False),
        Column("latitude", degrees("latitude", 90)),
        Column("longitude", degrees("longitude", 180)),
        Column("type_of_violence", code("type_of_violence", VIOLENCE_TYPES)),
        Column("conflict_name", text_or_none, required=False),
        Column("side_a", text_or_none, required=False),
        Column("side_b", text_or_none, required=False),
        Column("best", whole_number("best")),
        Column("low", whole_number("low"), required=False),
        Column("high", whole_number("high"), required=False),
        Column("deaths_civilians", whole_number("deaths_civilians"), required=False),
        Column("source_article", text_or_none, required=False),
    ]


def event(row: dict) -> dict:
    return {
        "source_event_id": str(row["id"]),
        "event_date": row["date_start"],
        "event_date_end": row["date_end"],
        "date_precision": row["date_prec"],
        "country_iso3": row["country"],
        "admin1": row["adm_1"],
        "admin2": row["adm_2"],
        "location_name": row["where_coordinates"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "location_precision": row["where_prec"],
        "event_type": row["type_of_violence"],
        "sub_event_type": row["conflict_name"],
        "actor1": row["side_a"],
        "actor2": row["side_b"],
        "fatalities": row["best"],
        "fatalities_low": row["low"],
        "fatalities_high": row["high"],
        "civilian_fatalities": row["deaths_civilians"],
        "source_reference": row["source_article"],
        "notes": None,
    }


def release_of_file(row: dict, file_name: str) -> str | None:
    """The GED release the file name gives, as UCDP names its downloads (GEDEvent_v24_1.csv,
    ged241.csv, GEDEvent_v25_0_3.csv for a monthly candidate): '24.01', '25.00.03', sorting in
    release order; None when the name gives none."""
    found = re.search(r"(?i)v(\d{2})_(\d{1,2})(?:_(\d{1,2}))?", file_name) or re.search(
        r"(?i)ged(\d{2})(\d)(?!\d)", file_name
    )
    if found is None:
        return None
    return ".".join(f"{int(part):02d}" for part in found.groups() if part is not None)


FORMAT = ConflictFormat(
    source=SOURCE_ID,
    label="UCDP GED (ucdp-ged)",
    required_columns=REQUIRED,
    columns=columns,
    event=event,
    release=release_of_file,
)


def is_geojson(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES).lstrip()
    return head.startswith(b"{")


def detect(path: Path) -> bool:
    """A CSV/XLSX whose header has the GED columns, or a GeoJSON FeatureCollection whose features
    carry type_of_violence and best."""
    if is_geojson(path):
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", "replace")
        return (
            re.search(r'"FeatureCollection"', head) is not None
            and '"type_of_violence"' in head
            and '"best"' in head
        )
    return set(REQUIRED) <= set(read_header(path, "ged"))


def cell(value: object) -> str:
    """A GeoJSON property as the text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_geojson(path: Path) -> list[tuple[int, dict[str, str], list[Reject]]]:
    """Each feature as a CSV-like record, its point as latitude and longitude."""
    try:
        collection = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FileRefused(f"{path.name}: not readable GeoJSON: {error}") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if collection.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise FileRefused(f"{path.name}: not a GeoJSON FeatureCollection")
    if not features:
        raise FileRefused(f"{path.name}: the FeatureCollection has no features")
    records = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        record = {name: cell(value) for name, value in properties.items()}
        problems = []
        geometry = feature.get("geometry") or {}
        point = geometry.get("coordinates")
        if geometry.get("type") == "Point" and isinstance(point, list) and len(point) >= 2:
            record["longitude"], record["latitude"] = cell(point[0]), cell(point[1])
        else:
            record["longitude"] = record["latitude"] = ""
            problems.append(
                Reject(number, "geometry", geometry.get("type") or "", "the feature is not a point")
            )
        records.append((number, record, problems))
    missing = [name for name in REQUIRED if name not in records[0][1]]
    if missing:
        raise FileRefused(f"{path.name}: the features lack the GED properties {', '.join(missing)}")
    return records


def load(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """extract -> validate -> load one GED file inside the caller's transaction."""
    if is_geojson(path):
        records = read_geojson(path)
        where = path.name
    else:
        where, records = read_records(path, FORMAT, "ged")
    return load_events(con, FORMAT, where, path.name, records, load_id)
