"""Building the warehouse: a new DuckDB file is created from sql/ and the reference data, checked,
and only then renamed over the old one, so readers never see a half-built warehouse."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from embargo.warehouse import CheckResult, apply_schema, connect_writable, run_checks
from ingest.reference import load_reference_data

# Synthetic demo sets, each a function that loads its set into an open warehouse. Later sources
# (seizures, findings, ...) register theirs here.
DEMO_SETS: tuple = ()


class BuildFailed(Exception):
    """The new warehouse failed its checks; the previous warehouse file is left untouched."""

    def __init__(self, failed: list[CheckResult]):
        names = ", ".join(f"{check.name} ({check.violations})" for check in failed)
        super().__init__(f"warehouse checks failed: {names}")
        self.failed = failed


@dataclass(frozen=True)
class BuildReport:
    path: Path
    seconds: float
    checks: list[CheckResult]
    demo: bool


def build_warehouse(db_path: Path, *, demo: bool = False) -> BuildReport:
    started = time.perf_counter()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    _remove_database_files(building)
    try:
        con = connect_writable(building)
        try:
            apply_schema(con)
            con.execute("BEGIN TRANSACTION")
            load_reference_data(con)
            if demo:
                for load_demo_set in DEMO_SETS:
                    load_demo_set(con)
            con.execute("COMMIT")
            checks = run_checks(con)
            failed = [check for check in checks if not check.passed]
            if failed:
                raise BuildFailed(failed)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(building, db_path)
    finally:
        _remove_database_files(building)
    return BuildReport(db_path, time.perf_counter() - started, checks, demo)


def _remove_database_files(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
