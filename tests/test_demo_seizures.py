"""The synthetic seizure, tracing and exemption demo set: deterministic, clearly synthetic, loaded
through the real format modules with no reject, and showing the patterns it is there to show
(second sightings, fresh supply, register links, notifications on file)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from shapely.geometry import Point, shape

from demo.seizure_catalogue import PLACES_FILE, TERRITORIES, fresh_supply_years, rewrite_serial
from demo.seizures import load_demo_seizures, write_demo_files
from demo.transfers import load_demo_transfers
from embargo.config import GEO_DIR
from embargo.warehouse import connect_writable
from ingest.sources.seizures import normalize_serial

SOURCES = ("demo_seizures", "demo_traces", "demo_exemptions")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_demo_files(tmp_path_factory.mktemp("demo_seizures"))


@pytest.fixture(scope="module")
def seizure_rows(demo_files) -> list[dict[str, str]]:
    return read_csv(demo_files["seizures"])


@pytest.fixture(scope="module")
def loaded(warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    """A copy of the built reference warehouse with the synthetic transfers and this set loaded
    through a writable connection, as `embargo build --demo` does."""
    path = tmp_path_factory.mktemp("demo_seizures_warehouse") / "warehouse.duckdb"
    shutil.copyfile(warehouse, path)
    con = connect_writable(path)
    load_demo_transfers(con)
    load_demo_seizures(con)
    yield con
    con.close()


def test_two_generations_write_identical_files(demo_files, tmp_path: Path):
    again = write_demo_files(tmp_path)
    for format_name, path in demo_files.items():
        assert again[format_name].read_bytes() == path.read_bytes(), format_name


def test_default_size(demo_files, seizure_rows):
    events = {row["event_id"] for row in seizure_rows}
    assert 1_100 <= len(events) <= 1_400
    assert 5_000 <= len(seizure_rows) <= 7_500
    kinds = {kind: sum(r["item_kind"] == kind for r in seizure_rows) for kind in ("weapon",)}
    assert kinds["weapon"] > len(seizure_rows) / 3  # mostly small arms and their ammunition
    assert 300 <= len(read_csv(demo_files["traces"])) <= 1_000
    assert 10 <= len(read_csv(demo_files["exemptions"])) <= 30


def test_scale_multiplies_the_set(tmp_path: Path, seizure_rows):
    rows = read_csv(write_demo_files(tmp_path, scale=0.1)["seizures"])
    assert 0.05 * len(seizure_rows) < len(rows) < 0.2 * len(seizure_rows)


def test_everything_is_labelled_synthetic(demo_files, seizure_rows):
    traces = read_csv(demo_files["traces"]) + read_csv(demo_files["traces-later"])
    exemptions = read_csv(demo_files["exemptions"])
    assert all(row["reporting_entity"].startswith("Synthetic ") for row in seizure_rows)
    assert all(row["notes"].startswith("SYNTHETIC demo record") for row in traces)
    assert all(row["requesting_entity"].startswith("Synthetic ") for row in traces)
    documents = {row["source_document"] for row in seizure_rows} - {""}
    assert documents
    assert all(doc.startswith("SYN/") and not doc.startswith("S/") for doc in documents)
    assert all(row["event_id"].startswith("SYN-") for row in seizure_rows)
    assert all(row["trace_id"].startswith("SYN-TR-") for row in traces)
    assert all(row["notification_id"].startswith("SYN-NTF-") for row in exemptions)
    assert all(row["reference"].startswith("SYN-NTF/") for row in exemptions)
    # No real UN document symbol anywhere: a symbol starts S/ (S/2024/123, S/RES/...).
    for rows in (seizure_rows, traces, exemptions):
        for row in rows:
            assert not any(value.startswith("S/") for value in row.values()), row


def test_post_embargo_items_are_a_minority(seizure_rows):
    """Fresh supply: made in a year after the embargo on the territory began (the start dates of
    data/reference/embargoes.csv)."""
    began = fresh_supply_years()
    assert began["SDN"] == 2004 and began["SSD"] == 2018 and began["CAF"] == 2013
    dated = [
        (int(row["year_of_manufacture"] or row["headstamp_year"]), began[row["country_iso3"]])
        for row in seizure_rows
        if row["year_of_manufacture"] or row["headstamp_year"]
    ]
    assert len(dated) > len(seizure_rows) / 2
    share = sum(made > start for made, start in dated) / len(dated)
    assert 0.05 <= share <= 0.30


def test_some_items_are_documented_twice_with_the_serial_written_differently(seizure_rows):
    sightings: dict[tuple[str, str, str], list[dict]] = {}
    for row in seizure_rows:
        if row["serial_number"]:
            key = (normalize_serial(row["serial_number"]), row["manufacturer"], row["model"])
            sightings.setdefault(key, []).append(row)
    twice = [rows for rows in sightings.values() if len(rows) >= 2]
    assert len(twice) >= 5
    assert all(len({r["reporting_entity"] for r in rows}) == len(rows) for rows in twice)
    assert any(len({r["serial_number"] for r in rows}) > 1 for rows in twice)


def test_rewritten_serial_normalises_to_the_original():
    for serial in ("KS 4521", "13034567", "SB-4521-78", "TCZ519"):
        for variant in range(4):
            written = rewrite_serial(serial, variant)
            assert written != serial
            assert normalize_serial(written) == normalize_serial(serial)


def test_places_are_real_towns_inside_their_country():
    places = read_csv(PLACES_FILE)
    assert 55 <= len(places) <= 90
    assert {row["country_iso3"] for row in places} == {t.iso3 for t in TERRITORIES}
    assert "MLI" not in {row["country_iso3"] for row in places}  # no UN arms embargo on Mali
    assert len({(row["place_name"], row["country_iso3"]) for row in places}) == len(places)
    with (GEO_DIR / "country_shapes.geojson").open(encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    # Natural Earth codes South Sudan SDS; the 1:110m outline cuts a few km off coastal towns.
    outline = {f["properties"]["adm0_a3"]: shape(f["geometry"]) for f in features}
    for row in places:
        assert row["source"].strip(), row
        assert row["admin1"].strip(), row
        point = Point(float(row["longitude"]), float(row["latitude"]))
        country = outline["SDS" if row["country_iso3"] == "SSD" else row["country_iso3"]]
        assert country.distance(point) * 111 < 15, row["place_name"]


def test_every_row_loads_without_reject(loaded, demo_files):
    logged = loaded.execute(
        "SELECT source_id, sum(rows_read), sum(rows_loaded), sum(rows_rejected) FROM load_log "
        "WHERE list_contains(?, source_id) GROUP BY source_id ORDER BY source_id",
        [list(SOURCES)],
    ).fetchall()
    expected = {
        "demo_seizures": len(read_csv(demo_files["seizures"])),
        # the first traces file, then the later one with the answers that came since
        "demo_traces": len(read_csv(demo_files["traces"]))
        + len(read_csv(demo_files["traces-later"])),
        "demo_exemptions": len(read_csv(demo_files["exemptions"])),
    }
    assert {source: (read, loaded_, rejected) for source, read, loaded_, rejected in logged} == {
        source: (count, count, 0) for source, count in expected.items()
    }
    rejects = loaded.execute(
        "SELECT count(*) FROM rejects JOIN load_log USING (load_id) "
        "WHERE list_contains(?, load_log.source_id)",
        [list(SOURCES)],
    ).fetchone()[0]
    assert rejects == 0
    synthetic = loaded.execute(
        "SELECT source_id, is_synthetic FROM source_registry WHERE list_contains(?, source_id)",
        [list(SOURCES)],
    ).fetchall()
    assert sorted(synthetic) == [(source, True) for source in sorted(SOURCES)]


def test_the_later_traces_file_answers_requests_pending_in_the_first(loaded, demo_files):
    later = read_csv(demo_files["traces-later"])
    assert len(later) == 104
    assert loaded.execute(
        "SELECT version, status, count(*) FROM trace_request_versions "
        "WHERE file_name = 'synthetic-traces-later.csv' GROUP BY ALL ORDER BY ALL"
    ).fetchall() == [
        (2, "acknowledged", 26),
        (2, "negative", 26),
        (2, "partial", 26),
        (2, "responded", 26),
    ]
    assert loaded.execute(
        "SELECT count(*), count(*) FILTER (WHERE answered), count(*) FILTER (WHERE open) "
        "FROM trace_request_status"
    ).fetchone() == (606, 377, 51)


def test_loading_again_changes_nothing(loaded):
    before = loaded.execute("SELECT count(*) FROM seizure_items").fetchone()[0]
    load_demo_seizures(loaded)
    assert loaded.execute("SELECT count(*) FROM seizure_items").fetchone()[0] == before


def test_documented_items_shows_second_sightings(loaded):
    twice = loaded.execute(
        "SELECT count(*) FROM documented_items WHERE sightings >= 2 "
        "AND reporting_entities LIKE '%; %'"
    ).fetchone()[0]
    assert twice >= 5
    written_differently = loaded.execute(
        "SELECT count(*) FROM (SELECT item_uid FROM seizure_items WHERE item_uid IS NOT NULL "
        "GROUP BY item_uid HAVING count(DISTINCT serial_number) > 1)"
    ).fetchone()[0]
    assert written_differently >= 3


def test_traces_link_to_events_and_to_register_lines(loaded):
    total, linked = loaded.execute(
        "SELECT count(*), count(event_uid) FROM trace_requests"
    ).fetchone()
    assert total > 0 and linked == total
    shares = dict(
        loaded.execute(
            "SELECT status, count(*) / sum(count(*)) OVER () FROM trace_requests GROUP BY status"
        ).fetchall()
    )
    assert 0.40 <= shares["responded"] + shares["partial"] <= 0.65
    refs = loaded.execute(
        "SELECT count(DISTINCT r.transfer_ref), count(DISTINCT t.source_record_id) "
        "FROM trace_requests AS r LEFT JOIN transfers AS t ON t.source_record_id = r.transfer_ref "
        "WHERE r.transfer_ref IS NOT NULL"
    ).fetchone()
    assert refs[0] >= 5 and refs[0] == refs[1]  # every transfer_ref names a register line
    confirmed = loaded.execute(
        "SELECT count(*) FROM item_transfer_candidates("
        "['public', 'restricted', 'confidential', 'strictly_confidential'], "
        "(SELECT list(item_line_uid) FROM seizure_items)) WHERE confirmed"
    ).fetchone()[0]
    assert confirmed >= 5


def test_notifications_on_file_for_deliveries_with_an_exemption_route(loaded):
    reasons = dict(
        loaded.execute(
            "SELECT transfer_id, reason FROM transfer_screening "
            "WHERE list_contains(?, transfer_id) AND verdict = 'exemption_check'",
            [
                [
                    "demo_transfers:DEMO-S002:2013",
                    "demo_transfers:DEMO-S003:2015",
                    "demo_transfers:DEMO-S010:2011",
                    "demo_transfers:DEMO-S014:2013",
                ]
            ],
        ).fetchall()
    )
    assert len(reasons) == 4
    assert all("SYN-NTF-" in reason for reason in reasons.values()), reasons
