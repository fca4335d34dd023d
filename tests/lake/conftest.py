"""A throw-away PostgreSQL cluster on 127.0.0.1 for the shared-catalog tests, and a fresh DuckLake
catalog (its own database and data folder) for each test.

The cluster runs from Debian's PostgreSQL binaries (installed by scripts/setup.sh --dev). initdb
refuses to run as root, so as root the cluster is run by the `postgres` account. Connections use
password authentication with the password in PGPASSWORD, as a deployment would."""

from __future__ import annotations

import csv
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from embargo.lake import LakeCatalog
from ingest.build import build_warehouse

ROLE = "embargo"

HEADER = [
    "event_id", "event_date", "date_precision", "country_iso3", "location_name", "latitude",
    "longitude", "location_precision", "context", "actor_type", "reporting_entity",
    "item_kind", "weapon_category", "manufacturer", "model", "calibre", "serial_number",
    "country_of_manufacture", "year_of_manufacture", "quantity", "unit", "classification",
]  # fmt: skip


def _postgres_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.insert(0, found)
    return Path(candidates[0]).resolve().parent if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class PostgresCluster:
    bin_dir: Path
    port: int
    socket_dir: Path
    run_as: list[str]
    superuser_password: str
    password: str

    @property
    def role(self) -> str:
        return ROLE

    def psql(self, sql: str, database: str = "postgres") -> str:
        env = dict(os.environ, PGPASSWORD=self.superuser_password)
        result = subprocess.run(
            [
                str(self.bin_dir / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-qAtc",
                sql,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def tool(self, name: str, *args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, PGPASSWORD=self.password)
        return subprocess.run(
            [str(self.bin_dir / name), "-h", "127.0.0.1", "-p", str(self.port), "-U", ROLE, *args],
            env=env,
            capture_output=True,
            check=True,
        )

    def catalog(self, database: str) -> str:
        return f"ducklake:postgres:dbname={database} host=127.0.0.1 port={self.port} user={ROLE}"


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb) not found: run scripts/setup.sh --dev")
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="embargo-pg-"))
    if os.geteuid() == 0:
        run_as = ["runuser", "-u", "postgres", "--"]
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
    superuser_password = secrets.token_hex(16)
    password_file = folder / "superuser-password"
    password_file.write_text(superuser_password)
    if run_as:
        os.chown(password_file, pwd.getpwnam("postgres").pw_uid, -1)
    data = folder / "data"
    port = _free_port()
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "-A",
            "scram-sha-256",
            f"--pwfile={password_file}",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *run_as,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "start",
            "-l",
            str(folder / "server.log"),
        ],
        check=True,
        capture_output=True,
    )
    cluster = PostgresCluster(
        bin_dir, port, folder, run_as, superuser_password, secrets.token_hex(16)
    )
    try:
        cluster.psql(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{cluster.password}'")
        yield cluster
    finally:
        subprocess.run(
            [*run_as, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def lake(postgres: PostgresCluster, tmp_path: Path, monkeypatch) -> LakeCatalog:
    """A new empty catalog database and data folder; PGPASSWORD set as a deployment sets it."""
    database = f"lake_{secrets.token_hex(6)}"
    postgres.psql(f"CREATE DATABASE {database} OWNER {ROLE}")
    monkeypatch.setenv("PGPASSWORD", postgres.password)
    monkeypatch.delenv("EMBARGO_CATALOG", raising=False)
    monkeypatch.delenv("EMBARGO_LAKE_DATA", raising=False)
    return LakeCatalog(postgres.catalog(database), str(tmp_path / "lake-data"))


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(0.05)


def write_seizure_file(folder: Path, number: int, events: int = 3) -> Path:
    """A seizures file of `events` one-rifle events, all its own (event ids and serials)."""
    path = folder / f"jmac-{number:02d}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for event in range(events):
            writer.writerow(
                [
                    f"F{number}-E{event}", "2024-03-05", "day", "MLI", "Gao", "16.27", "-0.04",
                    "exact", "seizure", "non_state_armed_group", "JMAC MINUSMA", "weapon",
                    "assault_rifle", "Izhmash", "AKM", "7.62 x 39 mm", f"S{number:02d}{event:03d}",
                    "RUS", "1975", "1", "items", "restricted",
                ]
            )  # fmt: skip
    return path


@pytest.fixture
def seizure_file(tmp_path: Path):
    """Writes seizures file number N (of `events` one-rifle events) into the test's folder."""
    return lambda number, events=3: write_seizure_file(tmp_path, number, events)


@pytest.fixture(scope="session")
def demo_lake(postgres, tmp_path_factory) -> Iterator[LakeCatalog]:
    """A catalog built once per test session as `embargo build --demo` builds it."""
    database = f"lake_{secrets.token_hex(6)}"
    postgres.psql(f"CREATE DATABASE {database} OWNER {postgres.role}")
    data = tmp_path_factory.mktemp("demo-lake") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PGPASSWORD", postgres.password)
        lake = LakeCatalog(postgres.catalog(database), str(data))
        build_warehouse(lake, demo=True)
        yield lake
