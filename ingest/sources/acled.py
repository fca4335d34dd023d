"""ACLED CSV export, format `acled` (docs/formats.md): the 31 columns of an export from the ACLED
data export tool, `event_id_cnty` ... `timestamp`, from the user's own download, loaded into
conflict_events (see ingest.sources.conflict_events for the decisions both conflict formats share).

Columns, in export order: event_id_cnty, event_date, year, time_precision, disorder_type,
event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,
interaction, civilian_targeting, iso, region, country, admin1, admin2, admin3, location,
latitude, longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp.
Required here: event_id_cnty, event_date, event_type, country, latitude, longitude, fatalities;
the others are kept in source_record whether used or not.
- iso is the ISO 3166-1 numeric code (the UN M49 code of the country); when it is given it
  decides the country and must agree with the country name when that is known.
- event_date is YYYY-MM-DD (older exports: '15 January 2023').
- time_precision 1/2/3 = day/week/month; geo_precision 1/2/3 = the town itself / a nearby town
  or part of a region / the region's capital or a larger area (ACLED codebook).
- timestamp (when ACLED last changed the event) orders its versions: an event loaded again with
  other values and a later timestamp is a new version."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb

from ingest.kit.loads import Loaded
from ingest.kit.places import Places
from ingest.kit.record_format import Layout
from ingest.kit.tables import read_header
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

SOURCE_ID = "acled_events"
FORMAT_NAME = "acled"
TABLES_WRITTEN = ("conflict_event_versions",)
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
REQUIRED = (
    "event_id_cnty", "event_date", "event_type", "country", "latitude", "longitude", "fatalities"
)  # fmt: skip
TIME_PRECISIONS = {"1": "day", "2": "week", "3": "month"}
GEO_PRECISIONS = {
    "1": "exact location",
    "2": "near a town or part of a region",
    "3": "administrative region or larger area",
}

LAYOUTS = (
    Layout(
        "ACLED export",
        COLUMNS,
        REQUIRED,
        (("time_precision", TIME_PRECISIONS), ("geo_precision", GEO_PRECISIONS)),
    ),
)


def precision(column: str, meanings: dict[str, str]):
    def parse(value: str) -> str:
        if value not in meanings:
            raise InvalidValue(f"{column} '{value}' is not one of {', '.join(meanings)}")
        return meanings[value]

    return parse


def numeric_country(places: Places, m49: dict[str, str]):
    def parse(value: str) -> str:
        key = value.zfill(3) if value.isdigit() else value
        if key not in m49:
            raise InvalidValue(
                f"iso '{value}' is not the ISO 3166-1 numeric code of a country in "
                "data/reference/countries.csv"
            )
        return m49[key]

    return parse


def columns_for(con: duckdb.DuckDBPyConnection):
    m49 = dict(
        con.execute(
            "SELECT m49_code, country_iso3 FROM countries WHERE m49_code IS NOT NULL "
            "AND NOT is_historical"
        ).fetchall()
    )

    def columns(places: Places) -> list[Column]:
        return [
            Column("event_id_cnty", text_or_none),
            Column("event_date", event_day("event_date")),
            Column("time_precision", precision("time_precision", TIME_PRECISIONS), False),
            Column("event_type", text_or_none),
            Column("sub_event_type", text_or_none, required=False),
            Column("actor1", text_or_none, required=False),
            Column("actor2", text_or_none, required=False),
            Column("iso", numeric_country(places, m49), required=False),
            Column("country", country_name(places, "country")),
            Column("admin1", text_or_none, required=False),
            Column("admin2", text_or_none, required=False),
            Column("location", text_or_none, required=False),
            Column("latitude", degrees("latitude", 90)),
            Column("longitude", degrees("longitude", 180)),
            Column("geo_precision", precision("geo_precision", GEO_PRECISIONS), False),
            Column("source", text_or_none, required=False),
            Column("notes", text_or_none, required=False),
            Column("fatalities", whole_number("fatalities")),
            Column("timestamp", changed_at, required=False),
        ]

    return columns


def changed_at(value: str) -> str:
    """ACLED's timestamp (seconds since 1970, UTC: when the event was last changed) as ISO text,
    which sorts in time order."""
    if not re.fullmatch(r"\d{1,12}(\.0+)?", value):
        raise InvalidValue(f"timestamp '{value}' is not a number of seconds since 1970")
    moment = dt.datetime.fromtimestamp(int(float(value)), dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def release_of_event(row: dict, file_name: str) -> str | None:
    """When ACLED last changed the event: a later timestamp is a revision."""
    return row["timestamp"]


def code_and_name_agree(row: dict) -> Reject | None:
    if row["iso"] is not None and row["iso"] != row["country"]:
        return Reject(
            row["_row_number"],
            "iso",
            None,
            f"iso names {row['iso']} but country names {row['country']}: they must agree",
        )
    return None


def event(row: dict) -> dict:
    return {
        "source_event_id": row["event_id_cnty"],
        "event_date": row["event_date"],
        "event_date_end": None,
        "date_precision": row["time_precision"],
        "country_iso3": row["country"],
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "location_name": row["location"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "location_precision": row["geo_precision"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": row["actor1"],
        "actor2": row["actor2"],
        "fatalities": row["fatalities"],
        "fatalities_low": None,
        "fatalities_high": None,
        "civilian_fatalities": None,
        "source_reference": row["source"],
        "notes": row["notes"],
    }


def detect(path: Path) -> bool:
    """True when the header has the required ACLED columns."""
    return set(REQUIRED) <= set(read_header(path, "acled"))


def load(
    con: duckdb.DuckDBPyConnection, path: Path, load_id: str, source_id: str | None = None
) -> Loaded:
    """extract -> validate -> load one ACLED export inside the caller's transaction."""
    spec = ConflictFormat(
        source="acled",
        label="ACLED export (acled)",
        required_columns=REQUIRED,
        columns=columns_for(con),
        event=event,
        release=release_of_event,
        row_rules=(code_and_name_agree,),
    )
    where, records = read_records(path, spec, "acled")
    return load_events(con, spec, where, path.name, records, load_id)
