"""Watches through the real loads: a party watch finds whom materiel was seized from and the
suppliers and recipients of registered transfers; a serial watch fires on a correction of a
seizure item line (a changed sighting); the watch form's refusals in French."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import query, write_csv
from test_corrections import HEADER as CORRECTION_HEADER
from test_screening import write_register
from test_seizure_versions import HEADER, RIFLE, line
from test_watches import on_day

from embargo import accounts, i18n, watches
from embargo.classification import Classification
from embargo.warehouse import connect_read_only
from ingest.files import ingest_files
from ingest.kit.loads import Loader

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    """A rifle seized from 'Ansar Dine cell' and a SIPRI delivery from Belarus to 'Darfur
    rebels (Sudan)*', loaded on 2024-03-01; an analyst cleared restricted."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    on_day(monkeypatch, "2024-03-01T09:00")
    field = write_csv(tmp_path / "jmac.csv", HEADER, [line(RIFLE, seized_from="Ansar Dine cell")])
    register = tmp_path / "trade.csv"
    write_register(register, [("110", "Belarus", "Darfur rebels (Sudan)*", 2009)])
    assert [report.rows_loaded for report in ingest_files(path, [field, register])] == [1, 1]
    accounts.add_user(
        "analyst", "analyst", "restricted", PASSWORD, accounts.access_store_path(path)
    )
    return path


def found(db: Path, watch: watches.Watch, since: str) -> list[tuple]:
    con = connect_read_only(db)
    try:
        hits = watches.news(
            con, [watch], Classification.RESTRICTED, dt.datetime.fromisoformat(since)
        )
    finally:
        con.close()
    return [(hit.record_kind, hit.change, hit.summary) for hit in hits]


def test_a_party_watch_finds_seized_from_and_transfer_parties(db):
    ansar = watches.new_watch("analyst", "party", subject="ansar dine")
    assert found(db, ansar, "2024-02-01") == [
        ("sighting", "new", "Izhmash AKM AK-12 345 (Ansongo)")
    ]
    darfur = watches.new_watch("analyst", "party", subject="darfur rebels")
    [(kind, change, summary)] = found(db, darfur, "2024-02-01")
    assert (kind, change) == ("transfer", "new")
    assert summary.startswith("Belarus -> Darfur rebels (Sudan)")
    belarus = watches.new_watch("analyst", "party", subject="BELARUS")
    assert [hit[0] for hit in found(db, belarus, "2024-02-01")] == ["transfer"]
    assert found(db, ansar, "2024-03-02") == []


def test_a_corrected_item_line_is_a_changed_sighting(db, tmp_path, monkeypatch):
    watch = watches.new_watch("analyst", "serial", subject="AK-12*")
    [(item_line,)] = query(db, "SELECT item_line_uid FROM seizure_items")
    on_day(monkeypatch, "2024-04-01T09:00")
    fix = write_csv(
        tmp_path / "corrections.csv",
        CORRECTION_HEADER,
        [{"correction_id": "K-1", "record_kind": "seizure_item", "record_key": item_line,
          "field": "serial_number", "new_value": "AK-12 354", "reason": "serial misread"}],
    )  # fmt: skip
    [report] = ingest_files(db, [fix], loaded_by=Loader("analyst", Classification.RESTRICTED))
    assert report.rows_loaded == 1
    assert found(db, watch, "2024-03-15") == [
        ("sighting", "changed", "Izhmash AKM AK-12 354 (Ansongo)")
    ]
    # a correction of the event alone changes the sighting too
    on_day(monkeypatch, "2024-05-01T09:00")
    fix = write_csv(
        tmp_path / "corrections-2.csv",
        CORRECTION_HEADER,
        [{"correction_id": "K-2", "record_kind": "seizure_event",
          "record_key": "JMAC MINUSMA:E-1", "field": "location_name", "new_value": "Gao",
          "reason": "place misread"}],
    )  # fmt: skip
    ingest_files(db, [fix], loaded_by=Loader("analyst", Classification.RESTRICTED))
    assert found(db, watch, "2024-04-15") == [
        ("sighting", "changed", "Izhmash AKM AK-12 354 (Gao)")
    ]


def test_the_watch_form_refusals_in_french():
    cases = [
        ({"kind": "place", "latitude": 1.0},
         "a place watch needs a latitude, a longitude and a radius in km",
         "une veille de lieu demande une latitude, une longitude et un rayon en km"),
        ({"kind": "serial", "subject": "*-*"},
         "serial pattern '*-*' matches every serial: give some of it",
         "le motif de série « *-* » correspond à tous les numéros de série : précisez-en une "
         "partie"),
        ({"kind": "lot"}, "a lot watch needs a lot number",
         "une veille « Numéro de lot » demande un numéro de lot"),
        ({"kind": "place", "latitude": 1.0, "longitude": 2.0, "radius_km": 0.0},
         "radius 0 km: a radius is more than 0 km",
         "rayon de 0 km : un rayon est supérieur à 0 km"),
    ]  # fmt: skip
    for values, english, french in cases:
        kind = values.pop("kind")
        with pytest.raises(watches.WatchError) as refused:
            watches.new_watch("analyst", kind, **values)
        assert str(refused.value) == english
        with i18n.using("fr"):
            assert refused.value.translated() == french
