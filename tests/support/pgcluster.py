"""A throw-away PostgreSQL cluster on 127.0.0.1, for trying the shared deployment on one machine:
the shared-catalog tests and the load benchmark start one, use it, and remove it.

It runs Debian's PostgreSQL server binaries (scripts/setup.sh --dev installs them). initdb refuses
to run as root, so as root the cluster is run by the `postgres` account. Clients authenticate
with a password (scram-sha-256) given in PGPASSWORD, as a deployment would."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from embargo.lake import LakeCatalog

ROLE = "embargo"


class PostgresMissing(RuntimeError):
    """Debian's PostgreSQL server binaries are not installed."""


def postgres_bin_dir() -> Path | None:
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

    def new_catalog(self, data_path: Path) -> LakeCatalog:
        """A new empty database for a DuckLake catalog with its data in `data_path`. The caller
        sets PGPASSWORD to `password` for the role `embargo`."""
        database = f"lake_{secrets.token_hex(6)}"
        self.psql(f"CREATE DATABASE {database} OWNER {ROLE}")
        return LakeCatalog(self.catalog(database), str(data_path))


@contextmanager
def throwaway_cluster() -> Iterator[PostgresCluster]:
    """Start a new cluster with a role `embargo` (random password) and remove it afterwards."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise PostgresMissing(
            "PostgreSQL server binaries (initdb) not found: run scripts/setup.sh --dev"
        )
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
