"""Loading the committed reference data (data/reference, data/geo): sources, countries, aliases,
country shapes and the UN arms embargo tables. Each file goes extract -> validate -> load and is
logged like any other input, so reference rows trace back to a file and a batch."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from embargo.config import GEO_DIR, REFERENCE_DIR
from ingest.kit.loads import insert_rows, new_load_id, record_load, utc_now
from ingest.kit.places import normalize_alias
from ingest.kit.tables import read_csv_records
from ingest.kit.validation import Column, InvalidValue, Validated, validate_rows
from ingest.kit.values import one_of, parse_bool, parse_date, parse_float, parse_int
from ingest.kit.vocabularies import terms as vocabulary_terms

SOURCES_FILE = REFERENCE_DIR / "sources.csv"
SHAPES_FILE = GEO_DIR / "country_shapes.geojson"


def iso3(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", value):
        raise InvalidValue("expected a three-letter upper-case country code")
    return value


def year_month_or_day(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise InvalidValue("expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


@dataclass(frozen=True)
class ReferenceFile:
    file_name: str
    table: str
    source_id: str
    columns: tuple[Column, ...]


SOURCE_COLUMNS = (
    Column("source_id"),
    Column("title"),
    Column("publisher"),
    Column("licence"),
    Column("coverage"),
    Column("citation"),
    Column("is_synthetic", parse_bool),
    Column("notes", required=False),
    Column("citation_fr", required=False),
    Column("notes_fr", required=False),
    Column("publisher_fr", required=False),
    Column("licence_fr", required=False),
    Column("coverage_fr", required=False),
)

TARGET_KINDS = ("state", "non_state_actors", "listed_parties", "territory")
COVERAGES = ("prohibited", "approval", "notification", "exempt_if", "suspended", "not_covered")
CHANGE_KINDS = (
    "imposed",
    "entry_into_force",
    "scope_change",
    "exemption_change",
    "suspension",
    "reinstatement",
    "renewal",
    "monitoring",
    "ending",
    "ended",
    "other",
)

REFERENCE_FILES = (
    ReferenceFile(
        "countries.csv",
        "countries",
        "iso_3166_un_m49",
        (
            Column("country_iso3", iso3),
            Column("country_iso2", required=False),
            Column("m49_code", required=False),
            Column("country_name"),
            Column("region", required=False),
            Column("sub_region", required=False),
            Column("is_historical", parse_bool),
            Column("note", required=False),
        ),
    ),
    ReferenceFile(
        "country_aliases.csv",
        "country_aliases",
        "embargo_monitor_aliases",
        (
            Column("alias"),
            Column("country_iso3", iso3, required=False),
            Column(
                "actor_type", one_of("state", "non_state", "organisation", "historical", "unknown")
            ),
            Column("note", required=False),
        ),
    ),
    ReferenceFile(
        "embargoes.csv",
        "embargoes",
        "un_security_council_embargoes",
        (
            Column("embargo_id"),
            Column("episode_id"),
            Column("target_name"),
            Column("target_name_fr", required=False),
            Column("short_name"),
            Column("target_iso3", iso3, required=False),
            Column("target_kind", one_of(*TARGET_KINDS)),
            Column("regime_name"),
            Column("imposed_by"),
            Column("start_date", parse_date),
            Column("end_date", parse_date, required=False),
            Column("ended_by", required=False),
            Column("status", one_of("in force", "lifted", "expired")),
            Column("status_as_of", parse_date),
            Column("status_projected", parse_bool),
            Column("mandatory", parse_bool),
            Column("scope"),
            Column("exemption_type"),
            Column("committee", required=False),
            Column("panel"),
            Column("supporting_mission"),
            Column("confidence", one_of("verified", "partly_verified")),
            Column("notes", required=False),
        ),
    ),
    ReferenceFile(
        "embargo_changes.csv",
        "embargo_changes",
        "un_security_council_embargoes",
        (
            Column("embargo_id"),
            Column("change_seq", parse_int),
            Column("resolution", required=False),
            Column("change_date", year_month_or_day),
            Column("date_precision", one_of("day", "month", "year")),
            Column("change_kind", one_of(*CHANGE_KINDS)),
            Column("change"),
            Column("change_fr", required=False),
        ),
    ),
    ReferenceFile(
        "embargo_coverage.csv",
        "embargo_coverage",
        "un_security_council_embargoes",
        (
            Column("embargo_id"),
            Column("direction", one_of("to_target", "from_target")),
            Column("actor_scope", one_of("government", "non_state", "listed")),
            Column("valid_from", parse_date),
            Column("valid_to", parse_date, required=False),
            Column("coverage", one_of(*COVERAGES)),
            Column("item_scope"),
            Column("citation"),
            Column("note", required=False),
        ),
    ),
    ReferenceFile(
        "embargo_target_countries.csv",
        "embargo_target_countries",
        "un_security_council_embargoes",
        (
            Column("embargo_id"),
            Column("country_iso3", iso3),
            Column("note", required=False),
        ),
    ),
    ReferenceFile(
        "un_sanctions_regimes.csv",
        "un_sanctions_regimes",
        "un_security_council_embargoes",
        (
            Column("regime_id"),
            Column("regime_name"),
            Column("measures_imposed_by"),
            Column("committee_established_by", required=False),
            Column("start_date", parse_date),
            Column("end_date", parse_date, required=False),
            Column("ended_by", required=False),
            Column("status", one_of("in force", "terminated")),
            Column("reference_prefix", required=False),
            Column("arms_embargo", one_of("yes", "none")),
            Column("confidence", one_of("verified", "partly_verified")),
            Column("note", required=False),
        ),
    ),
    ReferenceFile(
        "un_sanctions_regime_periods.csv",
        "un_sanctions_regime_periods",
        "un_security_council_embargoes",
        (
            Column("regime_id"),
            Column("valid_from", parse_date),
            Column("valid_to", parse_date, required=False),
            Column("committee_name", required=False),
            Column("un_list_type", required=False),
            Column("embargo_id", required=False),
            Column("note", required=False),
        ),
    ),
    ReferenceFile(
        "register_coverage.csv",
        "register_coverage",
        "embargo_monitor_register_coverage",
        (
            Column("file_format", one_of("sipri", "unroca", "att")),
            Column("first_year", parse_int),
            Column("reported_by_states", parse_bool),
            Column("coverage_note"),
        ),
    ),
    ReferenceFile(
        "att_states_parties.csv",
        "att_states_parties",
        "un_treaty_collection_att",
        (
            Column("country_iso3", iso3),
            Column("deposited_on", parse_date),
            Column("instrument", one_of("ratification", "acceptance", "approval", "accession")),
            Column("entry_into_force", parse_date),
            Column("source"),
        ),
    ),
    ReferenceFile(
        "admin1_aliases.csv",
        "admin1_aliases",
        "embargo_monitor_admin1_aliases",
        (
            Column("country_iso3", iso3),
            Column("alias"),
            Column("area_name"),
            Column("source"),
        ),
    ),
    ReferenceFile(
        "state_existence.csv",
        "state_existence",
        "iso_3166_un_m49",
        (
            Column("country_iso3", iso3),
            Column("exists_from", parse_date, required=False),
            Column("exists_until", parse_date, required=False),
            Column("note"),
        ),
    ),
    ReferenceFile(
        "un_list_types.csv",
        "un_list_types",
        "un_security_council_embargoes",
        (
            Column("un_list_type"),
            Column("regime_name"),
            Column("regime_name_fr", required=False),
            Column("committee"),
            Column("embargo_id", required=False),
            Column("regime_id"),
            Column("seen_in_list_of", parse_date, required=False),
            Column("note", required=False),
        ),
    ),
)


def load_sources(con: duckdb.DuckDBPyConnection) -> None:
    names = [column.name for column in SOURCE_COLUMNS]
    validated = validate_rows(read_csv_records(SOURCES_FILE, names), SOURCE_COLUMNS)
    if validated.rejects:
        raise ValueError(f"{SOURCES_FILE.name}: invalid rows {validated.rejects}")
    insert_rows(con, "source_registry", validated.rows)


def _derived_columns(table: str, row: dict) -> dict:
    if table == "country_aliases":
        return {**row, "alias_normalized": normalize_alias(row["alias"])}
    return row


def load_reference_file(
    con: duckdb.DuckDBPyConnection, spec: ReferenceFile, folder: Path = REFERENCE_DIR
) -> Validated:
    path = folder / spec.file_name
    started_at = utc_now()
    load_id = new_load_id()
    names = [column.name for column in spec.columns]
    validated = validate_rows(read_csv_records(path, names), spec.columns)
    rows = [{**_derived_columns(spec.table, row), "load_id": load_id} for row in validated.rows]
    insert_rows(con, spec.table, rows)
    record_load(
        con,
        load_id=load_id,
        source_id=spec.source_id,
        path=path,
        file_format="reference",
        target_table=spec.table,
        rows_read=validated.rows_read,
        rows_loaded=len(rows),
        rejects=validated.rejects,
        started_at=started_at,
    )
    return validated


# Natural Earth gives ISO_A3 = -99 for places whose sovereignty it treats specially; these are the
# codes the United Nations uses for the same territory, so the shapes colour with their country.
ADM0_A3_TO_ISO3 = {
    "FRA": "FRA",
    "NOR": "NOR",
    "KOS": "XKX",
    "SOL": "SOM",  # Somaliland is part of Somalia for the United Nations
    "CYN": "CYP",  # northern Cyprus is part of Cyprus for the United Nations
}


def shape_country_iso3(adm0_a3: str, iso_a3: str, known: set[str]) -> str | None:
    if adm0_a3 in ADM0_A3_TO_ISO3:
        return ADM0_A3_TO_ISO3[adm0_a3]
    if iso_a3 in known:
        return iso_a3
    return adm0_a3 if adm0_a3 in known else None


def _shape_records(path: Path, known: set[str]) -> Iterator[dict]:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    for feature in features:
        props = feature["properties"]
        yield {
            "adm0_a3": props["adm0_a3"],
            "country_iso3": shape_country_iso3(props["adm0_a3"], props.get("iso_a3", ""), known),
            "shape_name": props["name"],
            "label_lon": parse_float(str(props["label_lon"])),
            "label_lat": parse_float(str(props["label_lat"])),
            "geometry_geojson": json.dumps(feature["geometry"], separators=(",", ":")),
        }


def load_country_shapes(con: duckdb.DuckDBPyConnection, path: Path = SHAPES_FILE) -> int:
    started_at = utc_now()
    load_id = new_load_id()
    known = {row[0] for row in con.execute("SELECT country_iso3 FROM countries").fetchall()}
    rows = [{**record, "load_id": load_id} for record in _shape_records(path, known)]
    insert_rows(con, "country_shapes", rows)
    record_load(
        con,
        load_id=load_id,
        source_id="natural_earth_admin0",
        path=path,
        file_format="reference",
        target_table="country_shapes",
        rows_read=len(rows),
        rows_loaded=len(rows),
        rejects=[],
        started_at=started_at,
    )
    return len(rows)


# Simplified shapes leave hairline gaps between neighbours; 0.05 degrees (about 5 km) bridges them
# without making countries across a strait neighbours.
NEIGHBOUR_TOLERANCE_DEGREES = 0.05


def derive_country_neighbours(con: duckdb.DuckDBPyConnection) -> int:
    """Fill country_neighbours from the loaded shapes: a derived table, not an input file."""
    from shapely import STRtree
    from shapely.geometry import shape

    rows = con.execute(
        "SELECT country_iso3, geometry_geojson, load_id FROM country_shapes "
        "WHERE country_iso3 IS NOT NULL ORDER BY country_iso3"
    ).fetchall()
    codes = [code for code, _, _ in rows]
    shapes = [shape(json.loads(geometry)).buffer(0) for _, geometry, _ in rows]
    tree = STRtree(shapes)
    pairs = set()
    for index, geometry in enumerate(shapes):
        for other in tree.query(geometry.buffer(NEIGHBOUR_TOLERANCE_DEGREES)):
            if codes[other] != codes[index] and geometry.distance(shapes[other]) <= (
                NEIGHBOUR_TOLERANCE_DEGREES
            ):
                pairs.add((codes[index], codes[other]))
    load_id = rows[0][2] if rows else ""
    insert_rows(
        con,
        "country_neighbours",
        [{"country_iso3": a, "neighbour_iso3": b, "load_id": load_id} for a, b in sorted(pairs)],
    )
    return len(pairs)


def load_vocabularies(con: duckdb.DuckDBPyConnection) -> int:
    """The table `vocabularies` from ingest.kit.vocabularies: definitions that come with the code
    (data/reference/vocabularies.csv), written at every build like the schema, so they are not a
    load of load_log."""
    rows = [
        {
            "vocabulary": term.vocabulary,
            "value": term.value,
            "position": term.position,
            "label_en": term.label_en,
            "description": term.description or None,
        }
        for term in vocabulary_terms()
    ]
    insert_rows(con, "vocabularies", rows)
    return len(rows)


def load_reference_data(con: duckdb.DuckDBPyConnection) -> None:
    load_vocabularies(con)
    load_sources(con)
    for spec in REFERENCE_FILES:
        load_reference_file(con, spec)
    load_country_shapes(con)
    derive_country_neighbours(con)
    from ingest.place_layers import load_place_layers  # it reads this module's code pairs

    load_place_layers(con)
