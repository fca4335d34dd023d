"""A shared deployment keeps the actor registry in the catalog's PostgreSQL database (schema
embargo_access, beside the accounts): `embargo actors add` on one machine is merged into the
catalog at once, another process sees the same entries, and a rebuild of the catalog keeps them."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg

from embargo import accounts, actors, audit
from embargo.cli import main
from embargo.config import PROJECT_ROOT
from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse

MILITIA = "Some Militia (Chad)*"


def aliases(lake) -> list[tuple]:
    con = connect_read_only(lake)
    try:
        return con.execute(
            "SELECT a.alias, a.country_iso3, a.actor_type, r.added_by FROM country_aliases AS a "
            "JOIN actor_registry AS r ON r.name_normalized = a.alias_normalized"
        ).fetchall()
    finally:
        con.close()


def test_the_registry_lives_in_the_catalog_database_and_reaches_every_process(lake, monkeypatch):
    monkeypatch.delenv("EMBARGO_ACCESS_DB")
    monkeypatch.setenv("EMBARGO_CATALOG", lake.catalog)
    monkeypatch.setenv("EMBARGO_LAKE_DATA", lake.data_path)
    store = accounts.access_store_path()
    assert store == accounts.POSTGRES_PREFIX + lake.postgres_conninfo
    build_warehouse(lake)
    assert main(["actors", "add", MILITIA, "--type", "non_state", "--country", "TCD"]) == 0
    operator = actors.list_entries(store)[0].added_by
    assert aliases(lake) == [(MILITIA, "TCD", "non_state", operator)]
    with psycopg.connect(store.removeprefix(accounts.POSTGRES_PREFIX)) as con:
        assert con.execute(
            "SELECT name, country_iso3, actor_type FROM embargo_access.actor_registry"
        ).fetchall() == [(MILITIA, "TCD", "non_state")]
    assert [row.action for row in audit.read(store)] == ["actor_added"]
    listed = subprocess.run(
        [sys.executable, "-m", "embargo.cli", "actors", "list"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=dict(os.environ),
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[-1] == "1 registry entries"
    assert listed.stdout.splitlines()[1].startswith(f"{MILITIA:<40} non_state    TCD")
    build_warehouse(lake)
    assert aliases(lake) == [(MILITIA, "TCD", "non_state", operator)]
