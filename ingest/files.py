"""Loading user files into the warehouse: each file is recognised, loaded in its own transaction
(all its rows and rejects, or nothing), logged with its SHA-256, and kept unchanged in the raw
store so the warehouse can always be rebuilt. Loading the same bytes twice changes nothing.

A local warehouse file is written in place for a small load when no reader holds it (one
transaction with the derived tables), else the files are loaded into a copy, which is then
renamed over the original (ingest.kit.warehouse_file): a dashboard reading the warehouse is never
disturbed and a failure leaves the warehouse as it was. A shared catalog is written in place,
one transaction per file: readers see each snapshot complete, and a load that conflicts with
another writer's is retried on top of it."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from embargo import settings
from embargo.classification import Classification
from embargo.config import DEFAULT_DB, DEFAULT_RAW_DIR
from embargo.lake import LakeCatalog, retry_on_conflict
from embargo.progress import ProgressCallback, no_progress
from embargo.warehouse import (
    Location,
    connect_writable,
    derived_tables,
    recompute_derived_tables,
    record_write,
    refresh_derived_tables,
    require_current_schema,
    require_warehouse_file,
    rollback_quietly,
)
from embargo.warehouse.refresh import one_thread
from ingest.formats import detect_format, format_module, load_file, tables_written
from ingest.kit import loads
from ingest.kit.admin_areas import admin1_warnings
from ingest.kit.loads import (
    Loader,
    current_loader,
    file_sha256,
    loading_at,
    loading_by,
    new_load_id,
    record_load,
    utc_now,
)
from ingest.kit.tables import FileRefused
from ingest.kit.warehouse_file import (
    checkpoint_if_log_large,
    connect_in_place,
    loads_in_place,
    make_working_copy,
    swap_in,
)

# Input files larger than this are refused before a byte is read: every format is read into
# memory, and a file this size is far beyond any register or field record (a million seizure
# lines is about 250 MB). EMBARGO_MAX_INPUT_MB sets another limit.
DEFAULT_MAX_INPUT_MB = int(settings.BY_NAME["EMBARGO_MAX_INPUT_MB"].default)


def max_input_bytes() -> int:
    return int(settings.value("EMBARGO_MAX_INPUT_MB") or DEFAULT_MAX_INPUT_MB) * 1024 * 1024


def check_input_file(path: Path) -> None:
    """Refuse, with one message naming the file, what no format can read: a missing file, a
    folder, an empty file or one over the size limit."""
    try:
        if not path.is_file():
            what = "is not a file" if path.exists() else "does not exist"
            raise FileRefused(f"{path.name}: {what}")
        size = path.stat().st_size
    except OSError as error:
        raise FileRefused(f"{path.name}: cannot be read ({error.strerror})") from None
    if size == 0:
        raise FileRefused(f"{path.name}: the file is empty")
    limit = max_input_bytes()
    if size > limit:
        raise FileRefused(
            f"{path.name}: {size / 1024**2:,.0f} MB is over the {limit / 1024**2:,.0f} MB limit "
            "for one input file; split it, or raise the limit with EMBARGO_MAX_INPUT_MB"
        )


@dataclass(frozen=True)
class FileReport:
    path: Path
    format: str | None
    status: str  # loaded, already_loaded or refused
    load_id: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    message: str = ""
    # Times the load was run again because another writer of a shared catalog committed first.
    conflicts_retried: int = 0
    # What loaded but deserves a look (an admin-1 name the maps do not know): never a reject.
    warnings: tuple[str, ...] = ()


@contextmanager
def warehouse_lock(db_path: Path) -> Iterator[None]:
    """One writer at a time: a second ingest or build waits, so no load is lost to a race
    between two copies of the warehouse."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            remove_stale_working_copies(db_path)
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_stale_working_copies(db_path: Path) -> None:
    """Remove the working copies (.<name>.<pid>.ingesting or .building, and their .wal) of a
    writer that was killed before it could clean up. Called under the writer lock, when no
    other writer runs, so every such file is stale."""
    prefix = f".{db_path.name}."
    for leftover in db_path.parent.iterdir():
        name = leftover.name.removesuffix(".wal")
        if name.startswith(prefix) and name.endswith((".ingesting", ".building")):
            leftover.unlink(missing_ok=True)


def raw_dir_for(location: Location) -> Path:
    """Where the raw files behind a warehouse are kept: DEFAULT_RAW_DIR for the default warehouse, a
    raw/ folder beside any other warehouse file, or beside a shared catalog's data files."""
    if isinstance(location, LakeCatalog):
        return location.raw_dir
    return DEFAULT_RAW_DIR if location == DEFAULT_DB else location.parent / "raw"


def load_classification(con: duckdb.DuckDBPyConnection, load_id: str) -> Classification:
    """The classification a load gets (sql/derived/load_classification_stored.sql), read inside
    its transaction, before it commits."""
    query = dict(derived_tables())["load_classification_stored"]
    # The query is the project's own sql/ file; the load id is bound.
    (label,) = con.execute(
        f"SELECT classification FROM ({query}) WHERE load_id = ?",  # noqa: S608
        [load_id],
    ).fetchone()
    return Classification.parse(label)


def above_clearance(path: Path, level: Classification, clearance: Classification) -> FileRefused:
    return FileRefused(
        f"{path.name}: rows of this file are classified {level.label}, above the uploader's "
        f"clearance ({clearance.label}): a file is loaded only by someone cleared for all of it, "
        "who can then read all it rejects (a row without a classification is restricted); "
        "nothing was loaded"
    )


def ingest_into(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    format_name: str | None = None,
    raw_dir: Path | None = None,
    source_id: str | None = None,
    with_derived_tables: bool = False,
    first_loaded_at: dt.datetime | None = None,
    clearance: Classification | None = None,
    loaded_by: Loader | None = None,
    before_derived_tables: Callable[[], None] | None = None,
) -> FileReport:
    """Load one file through an open writable connection, in its own transaction (with
    `with_derived_tables`, the derived tables are recomputed in it too). `source_id` overrides
    the format's own source (synthetic demo files are read by the real format modules but
    registered under their synthetic source). The versions the load writes are recorded at
    `first_loaded_at` (a rebuild replaying a kept file) or now; the kept raw copy is named by
    that time. `loaded_by`: who loads it (by default the local operator), kept with the raw
    copy for the replay. With the uploader's `clearance`, a file whose load would be classified
    above it is refused whole: nobody writes rows they could not read back, nor learns from a
    load's counts what its rejects, hidden from them, say."""
    try:
        check_input_file(path)
        name = format_name or detect_format(path)
        source_id = source_id or format_module(name).SOURCE_ID
    except FileRefused as refused:
        return FileReport(path, format_name, "refused", message=str(refused))
    sha256 = file_sha256(path)
    earlier = con.execute(
        "SELECT file_name, load_id FROM load_log WHERE file_sha256 = ?", [sha256]
    ).fetchone()
    if earlier is not None:
        if clearance is not None and load_classification(con, earlier[1]) > clearance:
            # The earlier load's name and id are not the uploader's to see (they hold the
            # bytes, not the load).
            message = "same bytes already loaded, by a load above your clearance: nothing changed"
            return FileReport(path, name, "already_loaded", message=message)
        message = (
            f"same bytes already loaded from {earlier[0]} (load {earlier[1]}): nothing changed"
        )
        return FileReport(path, name, "already_loaded", load_id=earlier[1], message=message)
    load_id = new_load_id()
    started_at = utc_now()
    loaded_at = first_loaded_at or loads.recorded_now()
    loader = loaded_by or current_loader()
    con.execute("BEGIN TRANSACTION")
    try:
        with loading_at(loaded_at), loading_by(loader):
            loaded = load_file(con, name, path, load_id, source_id)
            warnings = tuple(admin1_warnings(con, load_id)) if name == "seizures" else ()
            record_load(
                con,
                load_id=load_id,
                source_id=source_id,
                path=path,
                file_format=name,
                target_table=loaded.target_table,
                rows_read=loaded.rows_read,
                rows_loaded=loaded.rows_loaded,
                rejects=loaded.rejects,
                started_at=started_at,
                sha256=sha256,
            )
        if clearance is not None and (level := load_classification(con, load_id)) > clearance:
            raise above_clearance(path, level, clearance)
        changed = list(tables_written(name))
        if with_derived_tables:
            if before_derived_tables is not None:
                before_derived_tables()
            changed += recompute_derived_tables(con, changed, [load_id])
        record_write(con, changed)
        con.execute("COMMIT")
    except FileRefused as refused:
        rollback_quietly(con)
        return FileReport(path, name, "refused", message=str(refused))
    except BaseException:
        rollback_quietly(con)
        raise
    if raw_dir is not None:
        keep_raw_copy(path, name, sha256, raw_dir, loaded_at, loader)
    rejected_rows = len({reject.row_number for reject in loaded.rejects})
    return FileReport(
        path,
        name,
        "loaded",
        load_id,
        loaded.rows_read,
        loaded.rows_loaded,
        rejected_rows,
        warnings=warnings,
    )


# How a kept file's folder names the time of its first load (UTC, to the microsecond).
FIRST_LOAD_STAMP = "%Y%m%dT%H%M%S%fZ"


# Beside each kept file: who loaded it first and their clearance (a dot file, never replayed).
LOADER_FILE = ".loaded_by.json"


def keep_raw_copy(
    path: Path,
    format_name: str,
    sha256: str,
    raw_dir: Path,
    loaded_at: dt.datetime | None = None,
    loader: Loader | None = None,
) -> Path:
    """Keep the file as delivered, under its own name, in a folder named by when it was first
    loaded and by its content: a rebuild loads the files again in their first-load order (a
    trace file may name events of a seizures file loaded before it), records the same file
    names as the first load did, and records their versions at the time of the first load."""
    folder = raw_dir / format_name
    folder.mkdir(parents=True, exist_ok=True)
    earlier = sorted(folder.glob(f"*-{sha256[:16]}"))
    if earlier:
        return next(p for p in earlier[0].iterdir() if _complete(p))
    stamp = (loaded_at or utc_now()).strftime(FIRST_LOAD_STAMP)
    target = folder / f"{stamp}-{sha256[:16]}" / path.name
    target.parent.mkdir()
    if loader is not None:
        who = {"name": loader.name, "clearance": loader.clearance.label}
        (target.parent / LOADER_FILE).write_text(json.dumps(who), encoding="utf-8")
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(path, partial)
    os.replace(partial, target)
    return target


@dataclass(frozen=True)
class KeptFile:
    """A raw file kept for rebuilds: its format, where it is and when it was first loaded."""

    format_name: str
    path: Path
    first_loaded_at: dt.datetime
    loaded_by: Loader | None = None  # None when the store does not say (older copies)


def raw_files(raw_dir: Path) -> list[KeptFile]:
    """Every kept raw file with its format and first load time, in the order they were first
    loaded. Files kept flat as `<sha256 prefix>-<name>` by earlier versions come first, by name;
    their folder names no time, and the copy's modification time (when it was kept) stands for
    it."""
    if not raw_dir.is_dir():
        return []
    kept: list[tuple[str, str, Path, KeptFile]] = []
    for folder in sorted(p for p in raw_dir.iterdir() if p.is_dir()):
        for entry in sorted(folder.iterdir()):
            if entry.is_dir():
                files = [p for p in entry.iterdir() if p.is_file() and _complete(p)]
                first, loader = first_load_time(entry), first_loader(entry)
                kept.extend(
                    (entry.name, folder.name, path, KeptFile(folder.name, path, first, loader))
                    for path in files
                )
            elif entry.is_file() and _complete(entry):
                file = KeptFile(folder.name, entry, modified_at(entry))
                kept.append(("", folder.name, entry, file))
    return [file for *_, file in sorted(kept, key=lambda item: item[:3])]


def kept_file(raw_dir: Path, format_name: str, sha256: str) -> Path:
    """The file the raw store keeps for these bytes of a format: in a folder named `<time>-<16
    hex digits of its SHA-256>`, or kept flat as `<SHA-256 prefix>-<name>` by earlier versions."""
    for kept in raw_files(raw_dir):
        if kept.format_name != format_name:
            continue
        folder, prefix = kept.path.parent.name, kept.path.name.split("-", 1)[0]
        flat = len(prefix) >= 8 and sha256.startswith(prefix)
        if folder.endswith(f"-{sha256[:16]}") or flat:
            return kept.path
    raise FileNotFoundError(f"the raw store {raw_dir} holds no {format_name} file {sha256[:16]}")


def first_loader(folder: Path) -> Loader | None:
    """Who first loaded the file kept in `folder`, as kept beside it."""
    try:
        who = json.loads((folder / LOADER_FILE).read_text(encoding="utf-8"))
        return Loader(who["name"], Classification.parse(who["clearance"]))
    except (OSError, ValueError, KeyError):
        return None


def first_load_time(folder: Path) -> dt.datetime:
    """The first load time a kept file's folder is named by (`<time>-<sha256 prefix>`); the
    folder's modification time when the name holds none."""
    try:
        return dt.datetime.strptime(folder.name.split("-", 1)[0], FIRST_LOAD_STAMP)
    except ValueError:
        return modified_at(folder)


def modified_at(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)


def _complete(path: Path) -> bool:
    """A kept file, not one being copied nor the loader beside it."""
    return not path.name.endswith(".partial") and not path.name.startswith(".")


def ingest_files(
    location: Location,
    paths: Sequence[Path],
    format_name: str | None = None,
    progress: ProgressCallback = no_progress,
    clearance: Classification | None = None,
    loaded_by: Loader | None = None,
) -> list[FileReport]:
    """Load files into a copy of the local warehouse and swap it in, or into a shared catalog.
    `progress` hears of each file before it is loaded, and of the derived tables after. With the
    uploader's `clearance` (the Upload page), a file classified above it is refused
    (ingest_into); the operator's own loads (`embargo ingest`, `watch`, builds) have none.
    `loaded_by`: who loads them (a signed-in uploader), by default the local operator."""
    with loading_by(loaded_by or current_loader()):
        if isinstance(location, LakeCatalog):
            return _ingest_into_lake(location, paths, format_name, progress, clearance)
        db_path = location
        require_warehouse_file(db_path)
        working = db_path.with_name(f".{db_path.name}.{os.getpid()}.ingesting")
        with warehouse_lock(db_path):
            con = connect_in_place(db_path) if loads_in_place(paths) else None
            if con is not None:
                return _ingest_in_place(con, db_path, paths[0], format_name, progress, clearance)
            return _ingest_into_copy(db_path, working, paths, format_name, progress, clearance)


def _ingest_in_place(
    con: duckdb.DuckDBPyConnection,
    db_path: Path,
    path: Path,
    format_name: str | None,
    progress: ProgressCallback = no_progress,
    clearance: Classification | None = None,
) -> list[FileReport]:
    """One file into the warehouse file itself, with the derived tables that follow from it, in
    one transaction (ingest.kit.warehouse_file)."""
    try:
        require_current_schema(con, db_path)
        # The commit leaves a large log to the fold below (DuckDB would fold it at the commit),
        # which runs on one DuckDB thread: folding the SIPRI classic export's 50 MB log took
        # 0.36 to 0.38 CPU-s on one thread against 0.78 to 1.01 on two, with no gain in time
        # (a small load's few row groups per table leave the second thread mostly waiting).
        con.execute("SET checkpoint_threshold = '1TB'")
        progress(0, 2, f"loading {Path(path).name}")
        report = ingest_into(
            con,
            Path(path),
            format_name,
            raw_dir_for(db_path),
            with_derived_tables=True,
            clearance=clearance,
            before_derived_tables=lambda: progress(1, 2, "derived tables"),
        )
        with one_thread(con):
            checkpoint_if_log_large(con, db_path)
    finally:
        with suppress(duckdb.Error):  # the instance may serve another connection
            con.execute("RESET checkpoint_threshold")
        con.close()
    return [report]


def _ingest_into_copy(
    db_path: Path,
    working: Path,
    paths: Sequence[Path],
    format_name: str | None,
    progress: ProgressCallback = no_progress,
    clearance: Classification | None = None,
) -> list[FileReport]:
    make_working_copy(db_path, working)
    try:
        con = connect_writable(working)
        try:
            require_current_schema(con, db_path)
            reports = []
            for number, path in enumerate(paths):
                progress(number, len(paths) + 1, f"loading {Path(path).name}")
                reports.append(
                    ingest_into(
                        con, Path(path), format_name, raw_dir_for(db_path), clearance=clearance
                    )
                )
            loaded = [report for report in reports if report.status == "loaded"]
            changed = {table for report in loaded for table in tables_written(report.format)}
            progress(len(paths), len(paths) + 1, "derived tables")
            if changed:
                refresh_derived_tables(con, changed, [report.load_id for report in loaded])
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if any(report.status == "loaded" for report in reports):
            swap_in(working, db_path)
    finally:
        for leftover in (working, working.with_name(working.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return reports


def _ingest_into_lake(
    lake: LakeCatalog,
    paths: Sequence[Path],
    format_name: str | None,
    progress: ProgressCallback = no_progress,
    clearance: Classification | None = None,
) -> list[FileReport]:
    con = connect_writable(lake)
    try:
        require_current_schema(con, lake)
        return ingest_paths_into_lake(con, lake, paths, format_name, progress, clearance)
    finally:
        con.close()


def ingest_paths_into_lake(
    con: duckdb.DuckDBPyConnection,
    lake: LakeCatalog,
    paths: Sequence[Path],
    format_name: str | None = None,
    progress: ProgressCallback = no_progress,
    clearance: Classification | None = None,
) -> list[FileReport]:
    """Load files into a catalog through an open writable connection, one snapshot per file."""
    reports = []
    for number, path in enumerate(paths):
        progress(number, len(paths), f"loading {Path(path).name}")
        retried: list[int] = []
        # Each file and the derived tables that follow from it are one snapshot.
        report = retry_on_conflict(
            lambda path=path: ingest_into(
                con,
                Path(path),
                format_name,
                lake.raw_dir,
                with_derived_tables=True,
                clearance=clearance,
            ),
            on_retry=lambda attempt, _error, retried=retried: retried.append(attempt),
        )
        reports.append(replace(report, conflicts_retried=len(retried)))
    return reports
