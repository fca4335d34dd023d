"""Building the warehouse: a new DuckDB file is created from sql/ and the reference data, checked,
and only then renamed over the old one, so readers never see a half-built warehouse. A shared
catalog is built the same way in a local file, which then replaces the catalog's whole content
in one transaction: readers see the old warehouse or the new one, never a mixture."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from embargo import accounts, actors, embargo_changes, links
from embargo.lake import LakeCatalog, retry_on_conflict
from embargo.progress import ProgressCallback, no_progress
from embargo.warehouse import (
    CheckResult,
    Location,
    apply_schema,
    connect_writable,
    record_tables,
    refresh_derived_tables,
    run_checks,
    schema_fingerprint,
)
from ingest.catalog import publish
from ingest.embargo_records import merge_embargo_records
from ingest.files import FileReport, ingest_into, raw_dir_for, raw_files, warehouse_lock
from ingest.kit.warehouse_file import swap_in
from ingest.reference import load_reference_data
from ingest.registry import merge_links, merge_registry


@dataclass(frozen=True)
class KeptByUsers:
    """What users keep beside the warehouse and every build takes in."""

    entries: list[actors.Entry]
    decisions: list[links.Decision]
    records: list[embargo_changes.ChangeRecord] = field(default_factory=list)


class RawFileNotReloaded(Exception):
    """A kept raw file could not be loaded again; the previous warehouse is left untouched."""


class BuildFailed(Exception):
    """The new warehouse failed its checks; the previous warehouse file is left untouched."""

    def __init__(self, failed: list[CheckResult]):
        names = ", ".join(f"{check.name} ({check.violations})" for check in failed)
        super().__init__(f"warehouse checks failed: {names}")
        self.failed = failed


@dataclass(frozen=True)
class BuildReport:
    path: Location
    seconds: float
    checks: list[CheckResult]
    demo: bool
    raw_files: list[FileReport]
    # The sql/ files in an order in which each object's dependencies come first.
    schema_order: list[Path]


def build_warehouse(
    location: Location, *, demo: bool = False, progress: ProgressCallback = no_progress
) -> BuildReport:
    """Build the warehouse anew; `progress` hears of each step (schema, reference data, each kept
    raw file, each demo set, derived tables, checks)."""
    # The actor registry and the link decisions kept beside this warehouse (or in its catalog's
    # database) are merged after the reference data and before the raw files are reloaded, so
    # their rows resolve the registry's names.
    store = accounts.access_store_path(location)
    users = KeptByUsers(
        actors.list_entries(store),
        links.list_decisions(store),
        embargo_changes.list_records(store),
    )
    if isinstance(location, LakeCatalog):
        return _build_lake(location, demo, users, progress)
    with warehouse_lock(location):
        return _build(location, demo, raw_dir_for(location), users, progress)


def _build_lake(
    lake: LakeCatalog, demo: bool, users: KeptByUsers, progress: ProgressCallback = no_progress
) -> BuildReport:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="embargo-build-") as folder:
        built_path = Path(folder) / "warehouse.duckdb"
        built = _build(built_path, demo, lake.raw_dir, users, progress)
        con = connect_writable(lake)
        try:
            retry_on_conflict(lambda: publish(con, built_path, built.schema_order))
        finally:
            con.close()
    return BuildReport(lake, time.perf_counter() - started, built.checks, demo, built.raw_files, [])


def demo_sets_to_load() -> tuple:
    """The synthetic demo sets (demo.DEMO_SETS). The demo package writes its files through ingest
    like a user; it is imported only when a build asks for it."""
    from demo import DEMO_SETS

    return DEMO_SETS


def _build(
    db_path: Path,
    demo: bool,
    raw_dir: Path,
    users: KeptByUsers,
    progress: ProgressCallback = no_progress,
) -> BuildReport:
    started = time.perf_counter()
    kept = raw_files(raw_dir)
    demo_sets = demo_sets_to_load() if demo else ()
    steps = 4 + len(kept) + len(demo_sets)
    done = 0

    def step(label: str) -> None:
        nonlocal done
        progress(done, steps, label)
        done += 1

    building = db_path.with_name(f".{db_path.name}.{os.getpid()}.building")
    _remove_database_files(building)
    try:
        con = connect_writable(building)
        try:
            step("schema")
            schema_order = apply_schema(con)
            con.execute("BEGIN TRANSACTION")
            con.execute(
                "INSERT INTO warehouse_version VALUES (0, now(), ?)", [schema_fingerprint()]
            )
            record_tables(con)
            step("reference data")
            load_reference_data(con)
            if users.entries:
                merge_registry(con, users.entries)
            if users.decisions:
                merge_links(con, users.decisions)
            if users.records:
                merge_embargo_records(con, users.records)
            con.execute("COMMIT")
            reloaded = []
            for file in kept:
                step(f"reloading {file.format_name} {file.path.name}")
                report = ingest_into(
                    con,
                    file.path,
                    file.format_name,
                    first_loaded_at=file.first_loaded_at,
                    loaded_by=file.loaded_by,
                )
                if report.status == "refused":
                    raise RawFileNotReloaded(f"{file.path}: {report.message}")
                reloaded.append(report)
            for load_demo_set in demo_sets:
                step(f"demo data: {load_demo_set.__name__.removeprefix('load_demo_')}")
                load_demo_set(con)
            step("derived tables")
            refresh_derived_tables(con)
            step("checks")
            checks = run_checks(con)
            failed = [check for check in checks if not check.passed]
            if failed:
                raise BuildFailed(failed)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        swap_in(building, db_path)
    finally:
        _remove_database_files(building)
    return BuildReport(db_path, time.perf_counter() - started, checks, demo, reloaded, schema_order)


def _remove_database_files(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
