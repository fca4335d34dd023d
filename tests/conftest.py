"""Shared fixtures: a warehouse built once per test session through the real build."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo.warehouse import connect_read_only
from ingest.build import build_warehouse

SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(autouse=True)
def local_operator_mode(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Page tests run as the single-user local operator (no sign-in, full clearance, admin) with
    their own account and audit store; sign-in tests switch EMBARGO_AUTH_MODE to accounts."""
    monkeypatch.setenv("EMBARGO_AUTH_MODE", "local")
    monkeypatch.setenv("EMBARGO_ACCESS_DB", str(tmp_path_factory.mktemp("access") / "a.sqlite"))
    monkeypatch.delenv("EMBARGO_CLEARANCE", raising=False)


@pytest.fixture(autouse=True)
def english_afterwards():
    """A test that reads a page in another language leaves the next one in English."""
    yield
    from embargo.i18n import set_language

    set_language("en")


@pytest.fixture(scope="session")
def empty_config_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("config") / "embargo.toml"
    path.write_text("", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def no_config_file(empty_config_file: Path, monkeypatch) -> None:
    """Tests never read the machine's /etc/embargo-monitor/embargo.toml: an empty file of
    their own is in force unless a test names another."""
    monkeypatch.setenv("EMBARGO_CONFIG", str(empty_config_file))


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference data only: embargoes, countries, shapes, sources."""
    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build_warehouse(path)
    return path


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference data plus the synthetic demo sets, as `embargo build --demo` makes it."""
    path = tmp_path_factory.mktemp("demo_warehouse") / "warehouse.duckdb"
    build_warehouse(path, demo=True)
    return path


@pytest.fixture
def con(warehouse: Path):
    connection = connect_read_only(warehouse)
    yield connection
    connection.close()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"../shared not present beside the project: {SHARED_DIR} is missing")
    return SHARED_DIR


@pytest.fixture
def queries_sent(monkeypatch) -> list[str]:
    """The SQL of every query the dashboard's query layer sends to DuckDB from now on (results
    kept in memory send none)."""
    from dashboard.queries import engine

    sent: list[str] = []
    read = engine._read

    def recording(sql, params):
        sent.append(sql)
        return read(sql, params)

    monkeypatch.setattr(engine, "_read", recording)
    return sent
