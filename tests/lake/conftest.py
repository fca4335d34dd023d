"""A throw-away PostgreSQL cluster on 127.0.0.1 for the shared-catalog tests (skipped with the
reason when Debian's PostgreSQL is not installed), a fresh DuckLake catalog (its own database and
data folder) for each test, one demo catalog per session, and small seizures files to load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from seizure_files import write_seizure_file
from support.pgcluster import PostgresCluster, PostgresMissing, throwaway_cluster

from embargo.lake import LakeCatalog
from ingest.build import build_warehouse


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    try:
        with throwaway_cluster() as cluster:
            yield cluster
    except PostgresMissing as missing:
        pytest.skip(str(missing))


@pytest.fixture
def lake(postgres: PostgresCluster, tmp_path: Path, monkeypatch) -> LakeCatalog:
    """A new empty catalog database and data folder; PGPASSWORD set as a deployment sets it."""
    monkeypatch.setenv("PGPASSWORD", postgres.password)
    monkeypatch.delenv("EMBARGO_CATALOG", raising=False)
    monkeypatch.delenv("EMBARGO_LAKE_DATA", raising=False)
    return postgres.new_catalog(tmp_path / "lake-data")


@pytest.fixture
def seizure_file(tmp_path: Path):
    """Writes seizures file number N (of `events` one-rifle events) into the test's folder."""
    return lambda number, events=3: write_seizure_file(tmp_path, number, events)


@pytest.fixture(scope="session")
def demo_lake(postgres, tmp_path_factory) -> Iterator[LakeCatalog]:
    """A catalog built once per test session as `embargo build --demo` builds it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", postgres.password)
        lake = postgres.new_catalog(tmp_path_factory.mktemp("demo-lake") / "data")
        build_warehouse(lake, demo=True)
        yield lake
