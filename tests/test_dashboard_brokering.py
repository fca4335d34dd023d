"""Brokering records on the Country profile and the Transfers page, run headless with AppTest
against a real warehouse holding the brokering fixture: the licences issued for South Sudan with
their verdicts, every decision with its broker and file row, the counts, and the same in French."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from support import page_of

from embargo import actors
from embargo.actors import Mapping
from ingest.files import ingest_files
from ingest.registry import apply_registry

FIXTURE = Path(__file__).parent / "fixtures" / "brokering" / "brokering_records.csv"
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
UK = "United Kingdom of Great Britain and Northern Ireland"


@pytest.fixture
def db(warehouse: Path, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(warehouse, path)
    monkeypatch.setenv("EMBARGO_DB", str(path))
    store = path.with_name("w.access.sqlite")
    for name, country in (("Blue Ridge Trading Ltd", "GBR"), ("Kestrel Logistics SA", None)):
        actors.add_entry(name, Mapping(country, "broker"), None, "vera", store, NOW)
    apply_registry(path, actors.list_entries(store))
    ingest_files(path, [FIXTURE])
    return path


def page(name: str, language: str = "en", query: dict | None = None):
    return page_of(name, language, query)


def brokering_tables(at) -> list:
    return [table.value for table in at.dataframe if "licence_id" in table.value.columns]


def test_the_profile_shows_the_licences_for_the_country_with_their_verdicts(db: Path) -> None:
    at = page("screens/country_profile.py", query={"country": "SSD"})
    assert "Brokering licences" in [s.value for s in at.subheader]
    metrics = {m.label: m.value for m in at.metric}
    assert (
        metrics["Brokering decisions"],
        metrics["Licences issued"],
        metrics["Issued while supplies were prohibited"],
    ) == ("2", "2", "1")
    screened, records = brokering_tables(at)
    assert screened[["verdict", "licence_id", "reason_kind", "citation"]].values.tolist() == [
        ["Violation indicator", "BRK-001", "Prohibited on the decision date, no exemption route",
         "S/RES/2428 (2018)"],
        ["Outside the window", "BRK-002", "Embargo not in force on the decision date",
         "S/RES/2428 (2018)"],
    ]  # fmt: skip
    assert records[["licence_id", "decision", "broker_name", "broker_country_iso3",
                    "source_country_iso3", "source_row_number"]].values.tolist() == [
        ["BRK-001", "Issued", "Blue Ridge Trading Ltd", UK, "Bulgaria", 2],
        ["BRK-002", "Issued", "blue ridge trading ltd", UK, "Ukraine", 3],
    ]  # fmt: skip


def test_the_profile_in_french(db: Path) -> None:
    at = page("screens/country_profile.py", "fr", {"country": "LBY"})
    assert "Licences de courtage" in [s.value for s in at.subheader]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Décisions de courtage"] == "4"
    screened, records = brokering_tables(at)
    assert sorted(set(screened["verdict"])) == [
        "Hors de la période",
        "Indice de violation",
        "Vérification de dérogation",
    ]
    assert sorted(set(records["decision"])) == ["Délivrée", "Refusé", "Révoquée"]
