"""Watching an inbox folder: every file dropped into it is loaded as it arrives, by one writer
that runs until it is stopped (`embargo watch FOLDER`). A mission's analysis cell or a panel's
members copy their field records and register extracts into a shared folder instead of running
`embargo ingest` for each file; on a shared catalog, each host may run its own watcher.

A file is loaded once it has stopped changing (the same size and modification time at two looks
in a row), so a file is not read while it grows; a copy that stalls for longer than the poll
interval could still be read as it stands, so copy under a name the watcher leaves alone (one
starting with a dot or ending in .partial, .tmp, .crdownload or ~, as copying tools and editors
name unfinished files) and rename it. Each file is loaded as `embargo ingest` loads it (one
transaction per file; the same bytes are never loaded twice), and is looked at again only when
it changes. The watcher keeps a shared catalog attached between loads: a new process per file
would spend most of its time importing modules and attaching the catalog. A local warehouse file
is loaded into a copy and swapped in, as ever, so it is opened for each round of new files.

A symbolic link whose target lies outside the folder is never loaded (it is reported once as
refused): whoever may drop files into the inbox must not make the watcher read any file its own
account can read."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from stat import S_ISREG

import duckdb

from embargo.lake import LakeCatalog, LakeConfigurationError
from embargo.warehouse import (
    Location,
    connect_writable,
    require_current_schema,
    require_warehouse_file,
)
from ingest.files import FileReport, ingest_files, ingest_paths_into_lake

UNFINISHED_SUFFIXES = (".partial", ".tmp", ".crdownload", "~")


def is_unfinished_name(path: Path) -> bool:
    return path.name.startswith(".") or path.name.endswith(UNFINISHED_SUFFIXES)


class Inbox:
    """The files of a folder that are ready to load: complete (unchanged since the previous
    look), and new or changed since they were last handed out."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.looked: dict[Path, tuple[int, int]] = {}  # size and mtime at the previous look
        self.handed_out: dict[Path, tuple[int, int]] = {}
        self.refused: dict[Path, str] = {}  # links leaving the folder, each reported once

    def ready(self) -> list[Path]:
        now: dict[Path, tuple[int, int]] = {}
        inside = self.folder.resolve()
        for path in sorted(self.folder.iterdir()):
            if is_unfinished_name(path):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(inside):
                self.refused.setdefault(
                    path, f"{path.name}: a link to a file outside {self.folder} is not loaded"
                )
                continue
            try:
                stat = path.stat()
            except FileNotFoundError:  # taken away since the folder was listed
                continue
            if S_ISREG(stat.st_mode):
                now[path] = (stat.st_size, stat.st_mtime_ns)
        ready = [
            path
            for path, state in now.items()
            if self.looked.get(path) == state and self.handed_out.get(path) != state
        ]
        self.looked = now
        for path in ready:
            self.handed_out[path] = now[path]
        return ready

    def forget(self, paths: list[Path]) -> None:
        """Hand these files out again at the next look."""
        for path in paths:
            self.handed_out.pop(path, None)


class Writer:
    """Loads rounds of files: on a catalog through one connection kept open (opened again after
    a failure), on a local file by ingest_files (a copy of the warehouse swapped in per round)."""

    def __init__(self, location: Location) -> None:
        self.location = location
        self.con: duckdb.DuckDBPyConnection | None = None

    def load(self, paths: list[Path], format_name: str | None) -> list[FileReport]:
        if not isinstance(self.location, LakeCatalog):
            return ingest_files(self.location, paths, format_name)
        if self.con is None:
            self.con = connect_writable(self.location)
            require_current_schema(self.con, self.location)
        try:
            return ingest_paths_into_lake(self.con, self.location, paths, format_name)
        except duckdb.Error:
            self.close()
            raise

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def watch(
    location: Location,
    folder: Path,
    report: Callable[[FileReport], None],
    failed: Callable[[Exception], None],
    stop: threading.Event,
    poll_seconds: float = 2.0,
    format_name: str | None = None,
) -> None:
    """Loads the files that become ready in `folder` until `stop` is set, handing each file's
    report to `report`. A round that fails as a whole (the catalog unreachable, say) goes to
    `failed`, and its files are tried again at the next look."""
    if not isinstance(location, LakeCatalog):
        require_warehouse_file(location)  # a wrong path ends the watch instead of failing each look
    inbox, writer = Inbox(folder), Writer(location)
    try:
        reported: set[Path] = set()
        while not stop.is_set():
            ready = inbox.ready()
            for path, message in inbox.refused.items():
                if path not in reported:
                    reported.add(path)
                    report(FileReport(path, None, "refused", message=message))
            if ready:
                try:
                    reports = writer.load(ready, format_name)
                except (duckdb.Error, OSError, LakeConfigurationError) as error:
                    inbox.forget(ready)
                    failed(error)
                else:
                    for file_report in reports:
                        report(file_report)
            stop.wait(poll_seconds)
    finally:
        writer.close()
