"""The layers hold: ingest/ writes the warehouse, dashboard/ reads it, embargo/ is the core and
the CLI. Only the CLI and the Upload and Actors pages import ingest from outside it, only the CLI
imports the dashboard from the core, and the dashboard never opens a connection that could write
(its imports of the warehouse are the read-only ones, and the connection its queries run on
refuses a write)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard import queries
from dashboard.queries import engine
from embargo.classification import Classification
from embargo.config import PROJECT_ROOT

# Modules outside ingest/ allowed to import it: the commands that load files, and the pages that
# upload them, change the actor registry or record a resolution through exactly the same path as
# the commands (Actors, and Sources, where an actor recognised by a rule is confirmed into the
# registry; Embargo changes; Links, where a link to a listed party is decided).
INGEST_IMPORTERS = {
    "embargo/cli.py",
    "dashboard/screens/upload.py",
    "dashboard/screens/actors.py",
    "dashboard/screens/sources.py",
    "dashboard/screens/embargo_changes.py",
    "dashboard/screens/links.py",
    "embargo/commands/actors.py",
    "embargo/commands/catalog.py",
    "embargo/commands/reprocess.py",
    "embargo/commands/corrections.py",
    "embargo/commands/embargoes.py",
    "embargo/commands/template.py",
}
# Modules of the core allowed to import the dashboard: the CLI (serve, export briefing) and
# `embargo parties`, which reads through the Parties page's queries.
DASHBOARD_IMPORTERS = {"embargo/cli.py", "embargo/commands/parties.py"}
# What the dashboard may take from the warehouse package: opening it read-only, and knowing what
# a query reads and whether the warehouse is of this version.
READ_ONLY_WAREHOUSE_NAMES = {
    "Location",
    "connect_read_only",
    "cursor",
    "outdated_reason",
    "tables_read",
}


def modules(package: str) -> list[Path]:
    return sorted((PROJECT_ROOT / package).rglob("*.py"))


def imported(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in the file, at any depth (lazy imports too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def importers_of(package: str, among: list[str]) -> set[str]:
    return {
        path.relative_to(PROJECT_ROOT).as_posix()
        for folder in among
        for path in modules(folder)
        if any(module.split(".")[0] == package for module, _ in imported(path))
    }


def test_only_the_cli_and_the_upload_page_import_ingest():
    assert importers_of("ingest", ["embargo", "dashboard"]) == INGEST_IMPORTERS


def test_the_core_imports_the_dashboard_only_in_the_cli_and_ingest_never():
    assert importers_of("dashboard", ["embargo", "ingest"]) == DASHBOARD_IMPORTERS


def test_the_dashboard_takes_only_read_only_names_from_the_warehouse():
    taken = {
        (path.relative_to(PROJECT_ROOT).as_posix(), name)
        for path in modules("dashboard")
        for module, names in imported(path)
        if module.startswith("embargo.warehouse")
        for name in names or ["<the whole package>"]
    }
    assert taken, "the query engine opens the warehouse through embargo.warehouse"
    assert {(path, name) for path, name in taken if name not in READ_ONLY_WAREHOUSE_NAMES} == set()


def test_the_connection_dashboard_queries_run_on_refuses_to_write(warehouse, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(warehouse, db)
    before = db.read_bytes()
    with queries.reading_from(db):
        assert queries.embargo_timeline(Classification.PUBLIC).height == 43
    with engine._lock:
        [(_version, con)] = [entry for location, entry in engine._open.items() if location == db]
    probe = con.cursor()
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            probe.execute("CREATE TABLE layering_probe (i INTEGER)")
        with pytest.raises(duckdb.Error, match="read-only"):
            probe.execute("DELETE FROM embargoes")
    finally:
        probe.close()
    with engine._lock:
        engine._open.pop(db)[1].close()
    assert db.read_bytes() == before
