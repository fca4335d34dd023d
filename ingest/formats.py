"""The input formats `embargo ingest` understands, one module per format (ingest.sources), and
how a file's format is recognised from its header when the user does not name it.

The tables below are data: a format's module, and the function that recognises its header, are
named by their import paths and imported only when that format is tried or used. Recognising a
SIPRI export then imports only the SIPRI header reader (no DuckDB, polars, pyarrow or XML
parser), and loading it only the SIPRI module, instead of every format's module and every
library they use (about half a second before any work). A format module that fails to import
is an error where it is needed (detection reaching it, a load, the docs, the Upload template),
never a format silently missing."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from ingest.kit.tables import FileRefused

if TYPE_CHECKING:
    import duckdb

    from ingest.kit.loads import Loaded

__all__ = ["FORMAT_MODULES", "available_formats", "detect_format", "format_module"]

# Format name -> its module, in the order detection tries them. Each module defines SOURCE_ID,
# TABLES_WRITTEN (every table its load may change: after a load only the derived tables reading
# them are recomputed, and the dashboard's kept results reading other tables stay valid),
# detect(path) -> bool and load(con, path, load_id, source_id=None) -> Loaded (extract ->
# validate -> load; FileRefused when unreadable); source_id overrides SOURCE_ID on the rows, for
# synthetic demo files.
FORMAT_MODULE_PATHS: dict[str, str] = {
    "sipri": "ingest.sources.sipri",
    "unroca": "ingest.sources.unroca",
    "att": "ingest.sources.att",
    "seizures": "ingest.sources.seizures",
    "traces": "ingest.sources.traces",
    "exemptions": "ingest.sources.exemptions",
    "brokering": "ingest.sources.brokering",
    "un-sanctions-list": "ingest.sources.sanctions_list",
    "ucdp-ged": "ingest.sources.ucdp_ged",
    "acled": "ingest.sources.acled",
    "poe-findings": "ingest.sources.panel_findings",
    "corrections": "ingest.sources.corrections",
}

# Where a format's header is recognised when it is not the format module's own `detect`: a
# module of its own that imports no more than reading the header needs (the same function the
# format module exposes as `detect`).
HEADER_DETECTORS: dict[str, str] = {
    "sipri": "ingest.sources.sipri_header",
}


class FormatModules(Mapping[str, ModuleType]):
    """Format name -> module, each imported the first time it is asked for."""

    def __getitem__(self, name: str) -> ModuleType:
        return importlib.import_module(FORMAT_MODULE_PATHS[name])

    def __iter__(self) -> Iterator[str]:
        return iter(FORMAT_MODULE_PATHS)

    def __len__(self) -> int:
        return len(FORMAT_MODULE_PATHS)


FORMAT_MODULES = FormatModules()


def format_module(name: str) -> ModuleType:
    if name not in FORMAT_MODULE_PATHS:
        known = ", ".join(sorted(FORMAT_MODULE_PATHS))
        raise FileRefused(f"unknown format '{name}': expected one of {known}")
    return FORMAT_MODULES[name]


def available_formats() -> list[str]:
    """Every format name, in detection order."""
    return list(FORMAT_MODULE_PATHS)


def header_detector(name: str) -> Callable[[Path], bool]:
    """The function that recognises the format's header, from the lightest module that has it."""
    return importlib.import_module(HEADER_DETECTORS.get(name, FORMAT_MODULE_PATHS[name])).detect


def detect_format(path: Path) -> str:
    for name in FORMAT_MODULE_PATHS:
        try:
            detected = header_detector(name)(path)
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
