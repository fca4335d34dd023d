"""Conflict events (formats ucdp-ged and acled) through the real path into conflict_events:
exact rows and rejects from small fixtures (one bad row per rule), UCDP as CSV and GeoJSON,
ACLED's 31-column export, format detection, no event loaded twice, and the shared UCDP GED file
for the Central African Republic (exact counts and totals)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import copy_of, query, unknown_name, write_csv

from embargo.warehouse import connect_read_only, run_checks
from ingest.files import ingest_files
from ingest.formats import detect_format
from ingest.sources.acled import COLUMNS as ACLED_COLUMNS

SHARED_GED = Path("data/conflict/ucdp_ged_car/GEDEvent_v23_1.geojson")

UCDP_HEADER = [
    "id", "year", "type_of_violence", "conflict_name", "side_a", "side_b", "where_prec",
    "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "date_prec",
    "date_start", "date_end", "deaths_civilians", "best", "high", "low", "source_article",
]  # fmt: skip


def ucdp(**values: str) -> dict[str, str]:
    defaults = {
        "id": "1001", "year": "2014", "type_of_violence": "3", "conflict_name": "",
        "side_a": "Anti-balaka", "side_b": "Civilians", "where_prec": "1",
        "where_coordinates": "Bangui town", "adm_1": "Bangui prefecture", "adm_2": "",
        "latitude": "4.3612", "longitude": "18.5550", "country": "Central African Republic",
        "date_prec": "1", "date_start": "2014-01-05 00:00:00.000",
        "date_end": "2014-01-05 00:00:00.000", "deaths_civilians": "4", "best": "4", "high": "6",
        "low": "4", "source_article": "Synthetic test article",
    }  # fmt: skip
    return {**defaults, **values}


UCDP_ROWS = [
    ucdp(),  # 2
    ucdp(id="1002", country="DR Congo (Zaire)", type_of_violence="1", best="12.0",
         latitude="-1.68", longitude="29.22", date_start="2013-07-14T00:00:00",
         date_end="2013-07-16T00:00:00", date_prec="2"),  # 3 former name in brackets; 12.0
    ucdp(id="1003", country="Narnia"),  # 4 unknown country
    ucdp(id="1004", type_of_violence="4"),  # 5 not a type of violence
    ucdp(id="1005", date_start="2014-02-30"),  # 6 not a date
    ucdp(id="1006", latitude="95"),  # 7 latitude out of range
    ucdp(id="1007", best="-1"),  # 8 negative deaths
    ucdp(),  # 9 id 1001 again
]  # fmt: skip


def acled(**values: str) -> dict[str, str]:
    defaults = dict.fromkeys(ACLED_COLUMNS, "")
    defaults.update(
        {
            "event_id_cnty": "CAF1", "event_date": "2023-03-14", "year": "2023",
            "time_precision": "1", "disorder_type": "Political violence",
            "event_type": "Violence against civilians", "sub_event_type": "Attack",
            "actor1": "Synthetic armed group", "inter1": "2", "actor2": "Civilians (CAR)",
            "inter2": "7", "interaction": "27", "civilian_targeting": "Civilian targeting",
            "iso": "140", "region": "Middle Africa", "country": "Central African Republic",
            "admin1": "Ouham", "admin2": "Bossangoa", "location": "Bossangoa",
            "latitude": "6.4926", "longitude": "17.4552", "geo_precision": "1",
            "source": "Synthetic Radio", "source_scale": "National",
            "notes": "Invented test event.", "fatalities": "3", "tags": "",
            "timestamp": "1679000000",
        }
    )  # fmt: skip
    return {**defaults, **values}


ACLED_ROWS = [
    acled(),  # 2
    acled(event_id_cnty="SDN2", event_date="15 January 2023", iso="729", country="Sudan",
          event_type="Battles", fatalities="0", time_precision="2", geo_precision="3",
          latitude="13.63", longitude="25.35"),  # 3 older date style, Sudan
    acled(event_id_cnty="CAF3", event_date="2023/03/14"),  # 4 not a date
    acled(event_id_cnty="CAF4", iso="729"),  # 5 code and name disagree
    acled(event_id_cnty="CAF5", iso="999"),  # 6 unknown numeric code
    acled(event_id_cnty="CAF6", country="Atlantis", iso=""),  # 7 unknown country
    acled(event_id_cnty="CAF7", longitude="181"),  # 8 longitude out of range
    acled(event_id_cnty="CAF8", fatalities="three"),  # 9 not a number
    acled(event_id_cnty="CAF9", event_type=""),  # 10 event_type missing
    acled(event_id_cnty="CAF10", time_precision="4"),  # 11 unknown precision
    acled(),  # 12 CAF1 again
]  # fmt: skip


@pytest.fixture
def db(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_of(warehouse, tmp_path_factory.mktemp("conflict"))


def rejects(db: Path, file_name: str) -> list[tuple]:
    return query(
        db,
        "SELECT row_number, column_name, value, reason FROM rejects WHERE file_name = ? "
        "ORDER BY row_number",
        [file_name],
    )


def test_ucdp_csv_rows_and_rejects(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, UCDP_ROWS)
    assert detect_format(path) == "ucdp-ged"
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (8, 2, 6)
    assert query(
        db,
        "SELECT event_id, source, event_date::VARCHAR, event_date_end::VARCHAR, date_precision, "
        "country_iso3, admin1, location_name, latitude, longitude, location_precision, "
        "event_type, actor1, actor2, fatalities, fatalities_low, fatalities_high, "
        "civilian_fatalities, classification, source_row_number FROM conflict_events "
        "ORDER BY event_id",
    ) == [
        ("ucdp_ged:1001", "ucdp_ged", "2014-01-05", "2014-01-05", "day", "CAF",
         "Bangui prefecture", "Bangui town", 4.3612, 18.555, "exact location", "one-sided",
         "Anti-balaka", "Civilians", 4, 4, 6, 4, "public", 2),
        ("ucdp_ged:1002", "ucdp_ged", "2013-07-14", "2013-07-16", "days", "COD",
         "Bangui prefecture", "Bangui town", -1.68, 29.22, "exact location", "state-based",
         "Anti-balaka", "Civilians", 12, 4, 6, 4, "public", 3),
    ]  # fmt: skip
    assert rejects(db, "ged.csv") == [
        (4, "country", "Narnia", unknown_name("Narnia", "country")),
        (5, "type_of_violence", "4", "type_of_violence '4' is not one of 1, 2, 3"),
        (6, "date_start", "2014-02-30", "date_start '2014-02-30' is not a date (YYYY-MM-DD)"),
        (7, "latitude", "95", "latitude 95.0 is outside -90..90 degrees"),
        (8, "best", "-1", "best -1 is below 0"),
        (9, None, "1001", "event 1001 is already on row 2 of this file: not loaded twice"),
    ]  # fmt: skip
    source_record = json.loads(
        query(db, "SELECT source_record FROM conflict_events WHERE source_row_number = 2")[0][0]
    )
    assert source_record["year"] == "2014"


def test_ucdp_geojson_and_no_event_twice(db: Path, tmp_path: Path) -> None:
    def feature(event_id: int, lon: float, lat: float, best: int) -> dict:
        properties = {name: value for name, value in ucdp().items() if name not in (
            "latitude", "longitude")}  # fmt: skip
        properties.update({"id": event_id, "best": best, "type_of_violence": 2})
        return {"type": "Feature", "properties": properties,
                "geometry": {"type": "Point", "coordinates": [lon, lat]}}  # fmt: skip

    collection = {
        "type": "FeatureCollection",
        "name": "GEDEvent_test",
        "features": [
            feature(2001, 20.5, 5.5, 7),
            feature(2002, 21.0, 6.0, 0),
            {"type": "Feature", "properties": feature(2003, 0, 0, 1)["properties"],
             "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
            feature(1001, 18.555, 4.3612, 4),  # the CSV's event 1001, loaded before
        ],
    }  # fmt: skip
    csv_path = write_csv(tmp_path / "ged.csv", UCDP_HEADER, UCDP_ROWS[:1])
    ingest_files(db, [csv_path])
    path = tmp_path / "ged.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    assert detect_format(path) == "ucdp-ged"
    [report] = ingest_files(db, [path])
    assert (report.rows_read, report.rows_loaded, report.rows_rejected) == (4, 2, 2)
    assert query(
        db,
        "SELECT event_id, event_type, longitude, latitude, fatalities, source_row_number "
        "FROM conflict_events WHERE file_name = 'ged.geojson' ORDER BY event_id",
    ) == [
        ("ucdp_ged:2001", "non-state", 20.5, 5.5, 7, 1),
        ("ucdp_ged:2002", "non-state", 21.0, 6.0, 0, 2),
    ]
    assert rejects(db, "ged.geojson") == [
        (3, "geometry", "LineString", "the feature is not a point"),
        (4, None, "1001", "event 1001 is already in the warehouse (ged.csv row 2, no release "
         "named) with other values (event_type) and this file gives no release named: a revised "
         "event is loaded from a later release"),
    ]  # fmt: skip


def test_acled_export_rows_and_rejects(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "acled.csv", ACLED_COLUMNS, ACLED_ROWS)
    assert len(ACLED_COLUMNS) == 31
    assert detect_format(path) == "acled"
    [report] = ingest_files(db, [path])
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "acled", 11, 2, 9
    )  # fmt: skip
    assert query(
        db,
        "SELECT event_id, source, event_date::VARCHAR, date_precision, country_iso3, admin1, "
        "admin2, location_name, location_precision, event_type, sub_event_type, actor1, actor2, "
        "fatalities, source_reference, notes, source_row_number FROM conflict_events "
        "ORDER BY event_id",
    ) == [
        ("acled:CAF1", "acled", "2023-03-14", "day", "CAF", "Ouham", "Bossangoa", "Bossangoa",
         "exact location", "Violence against civilians", "Attack", "Synthetic armed group",
         "Civilians (CAR)", 3, "Synthetic Radio", "Invented test event.", 2),
        ("acled:SDN2", "acled", "2023-01-15", "week", "SDN", "Ouham", "Bossangoa", "Bossangoa",
         "administrative region or larger area", "Battles", "Attack", "Synthetic armed group",
         "Civilians (CAR)", 0, "Synthetic Radio", "Invented test event.", 3),
    ]  # fmt: skip
    assert rejects(db, "acled.csv") == [
        (4, "event_date", "2023/03/14", "event_date '2023/03/14' is not a date (YYYY-MM-DD)"),
        (5, "iso", None, "iso names SDN but country names CAF: they must agree"),
        (6, "iso", "999", "iso '999' is not the ISO 3166-1 numeric code of a country in "
         "data/reference/countries.csv"),
        (7, "country", "Atlantis", unknown_name("Atlantis", "country")),
        (8, "longitude", "181", "longitude 181.0 is outside -180..180 degrees"),
        (9, "fatalities", "three", "fatalities 'three' is not a whole number"),
        (10, "event_type", "", "a value is required"),
        (11, "time_precision", "4", "time_precision '4' is not one of 1, 2, 3"),
        (12, None, "CAF1", "event CAF1 is already on row 2 of this file: not loaded twice"),
    ]  # fmt: skip
    con = connect_read_only(db)
    try:
        assert all(check.passed for check in run_checks(con))
    finally:
        con.close()


def test_missing_columns_refuse_the_file(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "short.csv", ACLED_COLUMNS[:5], [acled()])
    [report] = ingest_files(db, [path], "acled")
    assert report.status == "refused"
    assert report.message == (
        "short.csv: missing required column(s) event_type, country, latitude, longitude, "
        "fatalities of the ACLED export (acled) format"
    )


def test_shared_ucdp_ged_file(db: Path, shared_dir: Path) -> None:
    [report] = ingest_files(db, [shared_dir / SHARED_GED])
    assert (report.format, report.rows_read, report.rows_loaded, report.rows_rejected) == (
        "ucdp-ged", 1848, 1848, 0
    )  # fmt: skip
    assert query(
        db,
        "SELECT count(*), sum(fatalities), sum(fatalities_low), sum(fatalities_high), "
        "min(event_date)::VARCHAR, max(event_date)::VARCHAR, count(DISTINCT country_iso3), "
        "min(country_iso3) FROM conflict_events",
    ) == [(1848, 14948, 13721, 17760, "1991-08-08", "2022-12-30", 1, "CAF")]
    assert query(
        db,
        "SELECT event_type, count(*), sum(fatalities) FROM conflict_events GROUP BY ALL ORDER BY 1",
    ) == [("non-state", 371, 3761), ("one-sided", 1076, 8067), ("state-based", 401, 3120)]
    assert query(
        db,
        "SELECT year(event_date), count(*) FROM conflict_events GROUP BY ALL "
        "ORDER BY 2 DESC LIMIT 2",
    ) == [(2014, 461), (2017, 220)]
    [again] = ingest_files(db, [shared_dir / SHARED_GED])
    assert again.status == "already_loaded"
    assert query(db, "SELECT count(*) FROM conflict_events") == [(1848,)]


def test_cli_ingest_accepts_the_new_formats(db: Path, tmp_path: Path) -> None:
    """`embargo ingest --format` takes each of poe-findings, un-sanctions-list, ucdp-ged and
    acled, and names the format in its summary."""
    import subprocess
    import sys

    from test_panel_findings_ingest import HEADER as FINDING_HEADER
    from test_panel_findings_ingest import finding
    from test_sanctions_list_ingest import FIXTURE

    listing = tmp_path / "list.xml"
    listing.write_text(FIXTURE, encoding="utf-8")
    findings = tmp_path / "findings.csv"
    findings.write_text(
        ",".join(FINDING_HEADER) + "\n" + ",".join(finding()) + "\n", encoding="utf-8"
    )
    files = {
        "un-sanctions-list": listing,
        "ucdp-ged": write_csv(tmp_path / "ged.csv", UCDP_HEADER, UCDP_ROWS[:2]),
        "acled": write_csv(tmp_path / "acled.csv", ACLED_COLUMNS, ACLED_ROWS[:2]),
        "poe-findings": findings,
    }
    for format_name, path in files.items():
        result = subprocess.run(
            [sys.executable, "-m", "embargo.cli", "ingest", str(path), "--format", format_name,
             "--db", str(db)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert f"{path.name}: {format_name}, read " in result.stdout
