"""Benchmark of the seized-materiel path at scale: ingest of synthetic field documentation
(about 1,000,000 item lines by default) through the real `seizures` format module, then the
Hotspots, Trends, Tracing and Item search page queries of dashboard/queries/.

    .venv/bin/python bench/bench_seizures.py [--items 1000000] [--runs 5] [--warehouse PATH]
                                             [--phases] [--small-loads N]

Prints the ingest rate (rows/s, including the refresh of the derived tables and the checkpoint
that `embargo ingest` pays) and, per page query, the median, min and max in ms over the runs
(after one warm-up), the median CPU time of the process and the rows returned, with the load
average (on a shared machine wall-clock times grow with the other work; CPU time much less).
With --warehouse it only refreshes the derived tables of that warehouse (and prints what each
took) and times the queries. With --phases it also prints where the ingest's time goes
(wall-clock and CPU per phase). The query layer's result cache is off: each run computes its
result, as the first view of a page after a load does. With --small-loads N it then loads N
small files (5 one-rifle events each, as the load test's writers do) into the large warehouse,
one after another, and prints the median time and CPU of each (in this process: without the
half second a new `embargo ingest` process spends importing its modules). Works in a temporary
folder and leaves nothing behind."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import ingest.files
import ingest.sources.seizures.fast
from demo.seizures import write_demo_files
from embargo.classification import Classification
from embargo.warehouse import connect_writable, derived_tables, refresh_derived_tables
from ingest.build import build_warehouse
from ingest.files import ingest_files

ITEM_LINES_AT_SCALE_1 = 6186  # what the demo set writes at scale 1


def timed(function, runs: int) -> tuple[list[float], list[float], object]:
    """Wall-clock and CPU (this process, all threads) milliseconds of each run after a warm-up."""
    result = function()  # warm-up
    times, cpu_times = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu_started) * 1000)
    return times, cpu_times, result


def load_average() -> str:
    """The 1-minute load average: above the core count, other work is waiting for the CPUs."""
    return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--phases", action="store_true", help="print wall-clock and CPU per phase of the ingest"
    )
    parser.add_argument(
        "--small-loads",
        type=int,
        default=0,
        help="then load this many 5-line files into the large warehouse, one after another",
    )
    parser.add_argument(
        "--warehouse",
        type=Path,
        help="time the page queries on this warehouse (refreshed first); no generation or ingest",
    )
    args = parser.parse_args()
    if args.warehouse is not None:
        con = connect_writable(args.warehouse)
        started = time.perf_counter()
        refresh_derived_tables(con)
        con.execute("CHECKPOINT")
        print(
            f"refresh of the derived tables: {time.perf_counter() - started:.1f} s "
            f"(load average {load_average()})"
        )
        time_each_derived_table(con)
        con.close()
        time_page_queries(args.warehouse, args.runs)
        return
    scale = args.items / ITEM_LINES_AT_SCALE_1
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "w.duckdb"
        build_warehouse(db)
        started = time.perf_counter()
        paths = write_demo_files(Path(folder) / "files", scale)
        print(f"generated files at scale {scale:.1f} in {time.perf_counter() - started:.1f} s")
        phases = PhaseTimes()
        with phases.recorded() if args.phases else nullcontext():
            started, cpu_started = time.perf_counter(), time.process_time()
            [report] = ingest_files(db, [paths["seizures"]])
            seconds = time.perf_counter() - started
            cpu_seconds = time.process_time() - cpu_started
        print(
            f"ingest seizures: {report.rows_read:,} rows read, {report.rows_loaded:,} loaded, "
            f"{report.rows_rejected:,} rejected in {seconds:.1f} s = "
            f"{report.rows_read / seconds:,.0f} rows/s; CPU {cpu_seconds:.1f} s "
            f"(load average {load_average()})"
        )
        if args.phases:
            phases.print(seconds, cpu_seconds)
        ingest_files(db, [paths["traces"]])
        time_page_queries(db, args.runs)
        if args.small_loads:
            time_small_loads(db, Path(folder) / "small", args.small_loads)


def time_small_loads(db: Path, folder: Path, loads: int) -> None:
    """Loads `loads` small seizures files into the warehouse one after another (each its own
    `ingest_files`, with the copy of the warehouse, the derived tables and the CHECKPOINT)."""
    from bench_load import EVENTS_PER_FILE, write_seizure_file

    folder.mkdir()
    times, cpu_times = [], []
    for number in range(1, loads + 1):
        path = write_seizure_file(folder, 1, number)
        started, cpu_started = time.perf_counter(), time.process_time()
        [report] = ingest_files(db, [path])
        times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu_started)
        assert report.rows_loaded == EVENTS_PER_FILE, report
    print(
        f"\n{loads} small loads ({EVENTS_PER_FILE} lines each) into the large warehouse: "
        f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}), "
        f"CPU {statistics.median(cpu_times):.2f} s (load average {load_average()})"
    )


def time_each_derived_table(con) -> None:
    """The refresh once more, table by table, in a transaction that is rolled back."""
    con.execute("BEGIN TRANSACTION")
    for table, query in derived_tables():
        started, cpu_started = time.perf_counter(), time.process_time()
        # Names and queries come from the project's own sql/ files.
        con.execute(f"DELETE FROM {table}")  # noqa: S608
        con.execute(f"INSERT INTO {table} {query}")
        seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        print(f"  {table:<32} {seconds:6.2f} s  CPU {cpu_seconds:6.2f} s  {rows:>10,} rows")
    con.execute("ROLLBACK")


# What each phase of the seizures ingest is, as (module, function) pairs timed while it runs.
PHASE_FUNCTIONS = {
    "read the file (decode, split into cells)": [(ingest.sources.seizures.fast, "read_frame")],
    "parse columns and row rules": [
        (ingest.sources.seizures.fast, "parse_columns"),
        (ingest.sources.seizures.fast, "rule_suspects"),
        (ingest.sources.seizures.fast, "check_row"),
    ],
    "key events and items (identities, clean/dirty split, events)": [
        (ingest.sources.seizures.fast, "with_identities"),
        (ingest.sources.seizures.fast, "split_clean_events"),
        (ingest.sources.seizures.fast, "clean_events"),
        (ingest.sources.seizures.fast, "raw_frame"),
    ],
    "insert raw_seizures (rejected rows), seizure_events and seizure_items": [
        (ingest.sources.seizures.fast, "insert_frame")
    ],
    "seizure_items keyed (sha256, numbering)": [
        (ingest.sources.seizures.fast, "clean_items"),
        (ingest.sources.seizures.fast, "insert_rows"),
    ],
    "link trace requests": [(ingest.sources.seizures.fast, "resolve_trace_events")],
    "admin-1 warnings (once per country and value)": [(ingest.files, "admin1_warnings")],
    "sha256 of the file, load_log and rejects": [
        (ingest.files, "file_sha256"),
        (ingest.files, "record_load"),
    ],
    "keep the raw copy of the file": [(ingest.files, "keep_raw_copy")],
    "refresh of the derived tables": [(ingest.files, "refresh_derived_tables")],
}


class PhaseTimes:
    """Wall-clock and CPU seconds per phase of one ingest_files call: the functions of
    PHASE_FUNCTIONS, the copy of the warehouse, the COMMITs, each derived table's INSERT and the
    CHECKPOINT (statements timed on the connection ingest_files opens). A phase timed inside
    another (a derived table within the refresh) is shown indented under it."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.nested: set[str] = set()
        self.running: list[str] = []

    @contextmanager
    def timing(self, phase: str) -> Iterator[None]:
        if self.running:
            phase = f"  {phase}"
            self.nested.add(phase)
        self.running.append(phase)
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            total = self.times.setdefault(phase, [0.0, 0.0])
            total[0] += time.perf_counter() - started
            total[1] += time.process_time() - cpu_started
            self.running.pop()

    def timed(self, phase: str, function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            with self.timing(phase):
                return function(*args, **kwargs)

        return run

    @contextmanager
    def recorded(self) -> Iterator[None]:
        originals = []
        for phase, functions in PHASE_FUNCTIONS.items():
            for module, name in functions:
                originals.append((module, name, getattr(module, name)))
                setattr(module, name, self.timed(phase, getattr(module, name)))
        copyfile, connect = ingest.files.shutil.copyfile, ingest.files.connect_writable

        def copy(source, target, *args, **kwargs):
            if str(target).endswith(".ingesting"):
                with self.timing("copy of the warehouse"):
                    return copyfile(source, target, *args, **kwargs)
            return copyfile(source, target, *args, **kwargs)

        ingest.files.shutil.copyfile = copy
        ingest.files.connect_writable = lambda location: TimedConnection(connect(location), self)
        try:
            yield
        finally:
            for module, name, function in reversed(originals):
                setattr(module, name, function)
            ingest.files.shutil.copyfile = copyfile
            ingest.files.connect_writable = connect

    def print(self, seconds: float, cpu_seconds: float) -> None:
        print(f"{'phase of the ingest':<64} {'wall s':>7} {'CPU s':>7} {'share':>6}")
        for phase, (wall, cpu) in self.times.items():
            print(f"{phase:<64} {wall:>7.2f} {cpu:>7.2f} {wall / seconds:>6.0%}")
        outer = [times for phase, times in self.times.items() if phase not in self.nested]
        wall = seconds - sum(times[0] for times in outer)
        cpu = cpu_seconds - sum(times[1] for times in outer)
        print(f"{'everything else':<64} {wall:>7.2f} {cpu:>7.2f} {wall / seconds:>6.0%}")
        print(f"{'total':<64} {seconds:>7.2f} {cpu_seconds:>7.2f}")


class TimedConnection:
    """A DuckDB connection that times the statements PhaseTimes reports on their own."""

    def __init__(self, con, phases: PhaseTimes):
        self._con = con
        self._phases = phases
        self._derived = {table for table, _ in derived_tables()}

    def __getattr__(self, name):
        return getattr(self._con, name)

    def execute(self, query: str, *args, **kwargs):
        words = query.split()
        if words[:2] == ["INSERT", "INTO"] and words[2] in self._derived:
            phase = words[2]
        elif words[:1] in (["COMMIT"], ["CHECKPOINT"]):
            phase = words[0]
        else:
            return self._con.execute(query, *args, **kwargs)
        with self._phases.timing(phase):
            return self._con.execute(query, *args, **kwargs)


def time_page_queries(db: Path, runs: int) -> None:
    """Each page query once to warm up, then `runs` times; prints median, min, max and rows."""
    os.environ["EMBARGO_DB"] = str(db)
    # Time the queries, not the dashboard's result cache (which would answer every run after the
    # warm-up from memory).
    os.environ["EMBARGO_QUERY_CACHE_MB"] = "0"
    from dashboard import queries
    from dashboard.queries import engine

    clearance = Classification.STRICTLY_CONFIDENTIAL
    filters = queries.SeizureFilters()
    one_country = queries.SeizureFilters(dt.date(2020, 1, 1), dt.date(2026, 12, 31))
    serial = engine.fetch(  # a serial seen twice, as a user would search it
        "SELECT serial_normalized FROM documented_items WHERE sightings >= 2 LIMIT 1"
    )["serial_normalized"][0]
    digits = engine.fetch(  # four digits inside a numeric serial: scattered partial matches
        "SELECT substr(serial_normalized, 3, 4) AS part FROM documented_items "
        "WHERE regexp_full_match(serial_normalized, '[0-9]{8}') ORDER BY serial_normalized LIMIT 1"
    )["part"][0]
    largest_embargo = queries.fresh_supply_indicator(clearance).sort(
        "dated_lines", descending=True
    )["embargo_id"][0]
    cases = {
        "seizure_filter_options": lambda: queries.seizure_filter_options(clearance),
        "hotspot_cells 0.5 deg": lambda: queries.hotspot_cells(clearance, filters, 0.5),
        "hotspot_cells 0.1 deg": lambda: queries.hotspot_cells(clearance, filters, 0.1),
        "seizures_by_country": lambda: queries.seizures_by_country(clearance, filters),
        "emerging_hotspots": lambda: queries.emerging_hotspots(
            clearance, filters, 0.5, dt.date(2026, 10, 31), 3, 12
        ),
        "seizure_monthly (all)": lambda: queries.seizure_monthly(
            clearance, filters, None, "category"
        ),
        "seizure_monthly (SDN, 2020-)": lambda: queries.seizure_monthly(
            clearance, one_country, "SDN", "context"
        ),
        "fresh_supply_indicator": lambda: queries.fresh_supply_indicator(clearance),
        "tracing_by_addressee": lambda: queries.tracing_by_addressee(clearance),
        "fresh_supply_items (2,000 shown)": lambda: queries.fresh_supply_items(
            clearance, largest_embargo, limit=2000
        ),
        "fresh_supply_items (full CSV)": lambda: queries.fresh_supply_items(
            clearance, largest_embargo
        ),
        "trace_requests (2,000 shown)": lambda: queries.trace_requests(clearance, limit=2000),
        "trace_requests (full CSV)": lambda: queries.trace_requests(clearance),
        "sdg_16_4_2": lambda: queries.sdg_16_4_2(clearance),
        "item_search (serial)": lambda: queries.item_search(clearance, serial),
        "item_search (prefix)": lambda: queries.item_search(clearance, serial[:4]),
        "item_search (digits inside)": lambda: queries.item_search(clearance, digits),
        "item_search (marking)": lambda: queries.item_search(clearance, "factory"),
    }
    print(
        f"\nserial {serial}, prefix {serial[:4]}, digits {digits}, "
        f"fresh-supply items of {largest_embargo}"
    )
    print(f"load average {load_average()}")
    print(
        f"{'query':<32} {'median ms':>10} {'min':>8} {'max':>8} {'CPU ms':>8} {'rows':>8}  < 250 ms"
    )
    for name, function in cases.items():
        times, cpu_times, result = timed(function, runs)
        median = statistics.median(times)
        rows = getattr(result, "height", None)
        if isinstance(result, dict):
            rows = sum(frame.height for frame in result.values())
        print(
            f"{name:<32} {median:>10.1f} {min(times):>8.1f} {max(times):>8.1f} "
            f"{statistics.median(cpu_times):>8.1f} "
            f"{rows if rows is not None else '':>8}  {'yes' if median < 250 else 'NO'}"
        )


if __name__ == "__main__":
    main()
