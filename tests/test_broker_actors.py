"""Brokers in the actor registry: the kind `broker`, with or without the country a broker is
based in; a store made before the kind existed takes it (its check on actor types is replaced,
its entries kept); the warehouse's alias table holds brokers like any other actor."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from support import copy_of, query

from embargo import actors
from embargo.actors import Mapping, RegistryError
from ingest.registry import apply_registry

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
# The registry table as stores made before brokers wrote it.
OLD_SCHEMA = """
CREATE TABLE actor_registry (
    name_normalized TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country_iso3 TEXT,
    actor_type TEXT NOT NULL CHECK (
        actor_type IN ('state', 'historical', 'non_state', 'organisation', 'unknown')),
    actor_name TEXT,
    note TEXT NOT NULL DEFAULT '',
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
)
"""


def test_a_broker_with_or_without_its_country(tmp_path: Path) -> None:
    store = tmp_path / "access.sqlite"
    actors.add_entry("Blue Ridge Trading Ltd", Mapping("gbr", "broker"), None, "vera", store, NOW)
    actors.add_entry("Kestrel Logistics SA", Mapping(None, "broker"), "base unknown", "vera",
                     store, NOW)  # fmt: skip
    assert [(e.name, e.country_iso3, e.actor_type, e.note) for e in actors.list_entries(store)] == [
        ("Blue Ridge Trading Ltd", "GBR", "broker", ""),
        ("Kestrel Logistics SA", None, "broker", "base unknown"),
    ]
    assert Mapping("GBR", "broker").describe() == "a broker (GBR)"
    with pytest.raises(RegistryError) as refused:
        actors.add_entry("Osprey", Mapping("SUN", "broker"), None, "vera", store, NOW)
    assert str(refused.value) == "SUN is a former State: a broker is based in a present-day State"
    with pytest.raises(RegistryError) as refused:
        actors.add_entry("Osprey", Mapping("GBX", "broker"), None, "vera", store, NOW)
    assert str(refused.value) == (
        "country 'GBX' is not a code of data/reference/countries.csv; did you mean GAB (Gabon), "
        "GBR (United Kingdom of Great Britain and Northern Ireland), GIB (Gibraltar)?"
    )


def test_a_store_made_before_brokers_takes_them_and_keeps_its_entries(tmp_path: Path) -> None:
    store = tmp_path / "access.sqlite"
    con = sqlite3.connect(store)
    con.execute(OLD_SCHEMA)
    con.execute(
        "INSERT INTO actor_registry VALUES ('old front*', 'Old Front*', 'TCD', 'non_state', NULL, "
        "'', 'vera', '2025-01-02T03:04:05+00:00', 'vera', '2025-01-02T03:04:05+00:00')"
    )
    con.commit()
    con.close()
    actors.add_entry("Osprey Brokers GmbH", Mapping("DEU", "broker"), None, "ana", store, NOW)
    entries = actors.list_entries(store)
    assert [(e.name, e.country_iso3, e.actor_type, e.added_by) for e in entries] == [
        ("Old Front*", "TCD", "non_state", "vera"),
        ("Osprey Brokers GmbH", "DEU", "broker", "ana"),
    ]
    con = sqlite3.connect(store)
    try:
        [(table_sql,)] = con.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name LIKE 'actor_registry%'"
        ).fetchall()
        assert "'broker'" in table_sql
        # The check still refuses a kind nobody defined.
        with pytest.raises(sqlite3.IntegrityError):
            con.execute(
                "INSERT INTO actor_registry VALUES ('x', 'X', NULL, 'militia', NULL, '', 'a', "
                "'t', 'a', 't')"
            )
    finally:
        con.close()


def test_brokers_reach_the_warehouse_alias_table(warehouse: Path, tmp_path: Path) -> None:
    db = copy_of(warehouse, tmp_path)
    store = tmp_path / "w.access.sqlite"
    actors.add_entry("Blue Ridge Trading Ltd", Mapping("GBR", "broker"), None, "vera", store, NOW)
    merged = apply_registry(db, actors.list_entries(store))
    assert (merged.entries, merged.merged, merged.rejects) == (1, 1, [])
    assert query(
        db, "SELECT alias, alias_normalized, country_iso3, actor_type FROM country_aliases "
        "WHERE actor_type = 'broker'",
    ) == [("Blue Ridge Trading Ltd", "blue ridge trading ltd", "GBR", "broker")]  # fmt: skip
