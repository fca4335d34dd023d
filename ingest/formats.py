"""The input formats `embargo ingest` understands, one module per format, and how a file's format
is recognised from its header when the user does not name it."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import duckdb

from ingest.readers import FileRefused
from ingest.validation import Reject


@dataclass(frozen=True)
class Loaded:
    """What a format module reports after loading one file inside the caller's transaction."""

    target_table: str
    rows_read: int
    rows_loaded: int
    rejects: list[Reject]


# Format name -> module. Each module defines SOURCE_ID, TABLES_WRITTEN (every table its load
# may change: after a load only the derived tables reading them are recomputed, and the
# dashboard's kept results reading other tables stay valid), detect(path) -> bool and
# load(con, path, load_id, source_id=None) -> Loaded (extract -> validate -> load; FileRefused
# when unreadable); source_id overrides SOURCE_ID on the rows, for synthetic demo files.
FORMAT_MODULES = {
    "sipri": "ingest.sipri",
    "unroca": "ingest.unroca",
    "att": "ingest.att",
    "seizures": "ingest.seizures",
    "traces": "ingest.traces",
    "exemptions": "ingest.exemptions",
    "un-sanctions-list": "ingest.sanctions_list",
    "ucdp-ged": "ingest.ucdp_ged",
    "acled": "ingest.acled",
    "poe-findings": "ingest.panel_findings",
}


def format_module(name: str) -> ModuleType:
    if name not in FORMAT_MODULES:
        known = ", ".join(sorted(FORMAT_MODULES))
        raise FileRefused(f"unknown format '{name}': expected one of {known}")
    return importlib.import_module(FORMAT_MODULES[name])


def available_formats() -> list[str]:
    """Formats whose module exists in this installation."""
    found = []
    for name, module in FORMAT_MODULES.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        found.append(name)
    return found


def detect_format(path: Path) -> str:
    for name in available_formats():
        try:
            detected = format_module(name).detect(path)
        except OSError:  # a missing or unreadable file: no format recognises it
            detected = False
        if detected:
            return name
    raise FileRefused(
        f"{path.name}: the format could not be recognised from its header; name it with "
        f"--format ({', '.join(available_formats())})"
    )


# What every load writes besides its format's tables (ingest.loads.record_load).
LOAD_RECORD_TABLES = ("load_log", "rejects")


def tables_written(name: str) -> tuple[str, ...]:
    """Every table a load of the format may change."""
    return format_module(name).TABLES_WRITTEN + LOAD_RECORD_TABLES


def load_file(
    con: duckdb.DuckDBPyConnection, name: str, path: Path, load_id: str, source_id: str
) -> Loaded:
    return format_module(name).load(con, path, load_id, source_id=source_id)
