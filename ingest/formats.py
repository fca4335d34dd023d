"""The input formats `embargo ingest` understands, one module per format (ingest.sources), and
how a file's format is recognised from its header when the user does not name it.

The table is a mapping of imported modules: a format module that fails to import fails this
import, so a format can never silently go missing from `embargo ingest`, detection or the Upload
page."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import duckdb

from ingest.kit.loads import Loaded
from ingest.kit.tables import FileRefused
from ingest.sources import (
    acled,
    att,
    corrections,
    exemptions,
    panel_findings,
    sanctions_list,
    seizures,
    sipri,
    traces,
    ucdp_ged,
    unroca,
)

__all__ = ["FORMAT_MODULES", "Loaded", "available_formats", "detect_format", "format_module"]

# Format name -> module, in the order detection tries them. Each module defines SOURCE_ID,
# TABLES_WRITTEN (every table its load may change: after a load only the derived tables reading
# them are recomputed, and the dashboard's kept results reading other tables stay valid),
# detect(path) -> bool and load(con, path, load_id, source_id=None) -> Loaded (extract ->
# validate -> load; FileRefused when unreadable); source_id overrides SOURCE_ID on the rows, for
# synthetic demo files.
FORMAT_MODULES: dict[str, ModuleType] = {
    "sipri": sipri,
    "unroca": unroca,
    "att": att,
    "seizures": seizures,
    "traces": traces,
    "exemptions": exemptions,
    "un-sanctions-list": sanctions_list,
    "ucdp-ged": ucdp_ged,
    "acled": acled,
    "poe-findings": panel_findings,
    "corrections": corrections,
}


def format_module(name: str) -> ModuleType:
    if name not in FORMAT_MODULES:
        known = ", ".join(sorted(FORMAT_MODULES))
        raise FileRefused(f"unknown format '{name}': expected one of {known}")
    return FORMAT_MODULES[name]


def available_formats() -> list[str]:
    """Every format name, in detection order."""
    return list(FORMAT_MODULES)


def detect_format(path: Path) -> str:
    for name, module in FORMAT_MODULES.items():
        try:
            detected = module.detect(path)
        except OSError:  # a missing or unreadable file: no format recognises it
            detected = False
        if detected:
            return name
    raise FileRefused(
        f"{path.name}: the format could not be recognised from its header; name it with "
        f"--format ({', '.join(available_formats())})"
    )


# What every load writes besides its format's tables (ingest.kit.loads.record_load).
LOAD_RECORD_TABLES = ("load_log", "rejects")


def tables_written(name: str) -> tuple[str, ...]:
    """Every table a load of the format may change."""
    return format_module(name).TABLES_WRITTEN + LOAD_RECORD_TABLES


def load_file(
    con: duckdb.DuckDBPyConnection, name: str, path: Path, load_id: str, source_id: str
) -> Loaded:
    return format_module(name).load(con, path, load_id, source_id=source_id)
