"""Every query every page sends, timed as the page sends it, at 1,000,000 deliveries and about
1,000,000 seized-item lines, on a warehouse file and on the same warehouse published into a
DuckLake catalog (PostgreSQL on 127.0.0.1, a throw-away cluster), in one run.

    .venv/bin/python bench/bench_every_page_query.py [--rows 1000000] [--items 1000000]
        [--runs 5] [--no-catalog] [--no-downloads] [--warehouse FILE] [--page TITLE]...
        [--explain FOLDER] [--compare-copies] [--json FILE]

1. Builds a warehouse (reference data only), loads synthetic seizures and trace files of about
   `--items` item lines through `ingest.files.ingest_files` (the `embargo ingest` path), then adds
   `--rows` synthetic deliveries as bench_page_queries.py does (and refreshes the stored tables).
2. In a child process reading the file (EMBARGO_DB), with the query layer's result cache off:
   runs every page of the navigation headless (Streamlit's AppTest, the single-operator mode,
   clearance strictly confidential, each page's default filters) once to warm up and `--runs`
   times more, timing each statement the query layer's engine reads (the statement, its parameters
   and the conversion of the result to a Polars frame) by the query function that made it. Then the
   downloads of a full result (the screening, fresh-supply items and trace requests): the query
   alone, and with the CSV file's rows written as the download button writes them.
3. Publishes the same warehouse into a DuckLake catalog and does step 2 reading the catalog
   (the dashboard process's copies of the catalog's small tables on, as a server runs; with
   `--compare-copies` also once with them off, EMBARGO_CATALOG_COPY_MB=0, before).

Prints per page and query function the median ms on the file and on the catalog, their ratio,
the median CPU ms of the process while the statement ran (DuckDB's threads included: a better
guide than wall-clock on a shared machine), and the targets: median <= 50 ms (downloads of a full
result <= 500 ms at 300k rows) and the catalog within 2x of the file. Works in a temporary folder
and leaves nothing behind, unless told:

- `--warehouse FILE` keeps the built warehouse at FILE, or reuses FILE when it exists (the build
  takes minutes at a million rows);
- `--page TITLE` times only that page (its title or script name; repeatable);
- `--no-downloads` leaves out the full-result downloads;
- `--explain FOLDER` writes DuckDB's EXPLAIN ANALYZE of each statement over its target on the
  file (the statement and parameters of its last timed run), one text file per statement."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
ITEM_LINES_AT_SCALE_1 = 6186  # what the demo set writes at scale 1
QUERY_TARGET_MS = 50.0
DOWNLOAD_TARGET_MS = 500.0
CATALOG_RATIO_TARGET = 2.0


# --- the child: times the page queries on the warehouse its environment names -------------------


def page_scripts() -> dict[str, str]:
    """Page script (relative to the app) -> title, for every page of the navigation."""
    from embargo.config import DASHBOARD_APP

    pages = {}
    for path in sorted((DASHBOARD_APP.parent / "screens").glob("[!_]*.py")):
        if path.name == "sign_in.py":
            continue
        title = next(
            (
                line.split('"')[1]
                for line in path.read_text().splitlines()
                if line.startswith('st.title("')
            ),
            path.stem,
        )
        pages[f"screens/{path.name}"] = title
    return pages


def time_pages(runs: int, only: list[str]) -> dict:
    """Each page run 1 + `runs` times; the milliseconds of each statement a query function sends
    (the engine's read of the warehouse, the cache being off) in the timed runs, by (page, query
    function), in call order within the page."""
    from streamlit.testing.v1 import AppTest

    from dashboard.queries import engine
    from embargo.config import DASHBOARD_APP

    original = engine._read
    calls: list[tuple[str, float, float, int, str, object]] = []

    def timed_read(sql, params):
        caller = sys._getframe(2).f_code.co_name  # the query function that called fetch
        started, cpu = time.perf_counter(), time.process_time()
        key, frame = original(sql, params)
        elapsed = (time.perf_counter() - started) * 1000
        calls.append(
            (caller, elapsed, (time.process_time() - cpu) * 1000, frame.height, sql, params)
        )
        return key, frame

    engine._read = timed_read
    times: dict[str, dict[str, list[float]]] = {}
    cpu: dict[str, dict[str, list[float]]] = {}
    rows: dict[str, dict[str, int]] = {}
    statements: dict[str, dict[str, list]] = {}
    problems: list[str] = []
    try:
        for script, title in page_scripts().items():
            if only and not {title, Path(script).stem} & set(only):
                continue
            per_query: dict[str, list[float]] = defaultdict(list)
            per_query_cpu: dict[str, list[float]] = defaultdict(list)
            for run in range(runs + 1):
                app = AppTest.from_file(str(DASHBOARD_APP), default_timeout=600)
                app.run()
                calls.clear()  # the app's own first page
                if script != "screens/overview.py":
                    app.switch_page(script)
                app.run()
                if app.exception:
                    problems.append(f"{title}: {[e.value for e in app.exception][:1]}")
                if run == 0:
                    continue  # the warm-up: the connection, the columns read into memory
                # A function called several times in one page run: each call on its own.
                seen: dict[str, int] = defaultdict(int)
                for caller, ms, cpu_ms, height, sql, params in calls:
                    seen[caller] += 1
                    name = caller if seen[caller] == 1 else f"{caller} #{seen[caller]}"
                    per_query[name].append(ms)
                    per_query_cpu[name].append(cpu_ms)
                    rows.setdefault(title, {})[name] = height
                    statements.setdefault(title, {})[name] = [sql, _jsonable(params)]
            times[title] = dict(per_query)
            cpu[title] = dict(per_query_cpu)
    finally:
        engine._read = original
    return {
        "times": times,
        "cpu": cpu,
        "rows": rows,
        "statements": statements,
        "problems": problems,
    }


def _jsonable(params: object) -> object:
    """Parameters as JSON keeps them (dates as ISO text, cast back by the statements)."""
    if isinstance(params, dict):
        return {key: _jsonable(value) for key, value in params.items()}
    if isinstance(params, list | tuple):
        return [_jsonable(value) for value in params]
    if isinstance(params, dt.date):
        return params.isoformat()
    return params


def explain_slow(result: dict, folder: Path) -> None:
    """DuckDB's EXPLAIN ANALYZE of each statement over the target, one file per statement."""
    from dashboard.queries import engine

    folder.mkdir(parents=True, exist_ok=True)
    for page, named in result["times"].items():
        for name, ms in named.items():
            if statistics.median(ms) <= QUERY_TARGET_MS:
                continue
            sql, params = result["statements"][page][name]
            with engine._reading() as (query, _location, _version):
                query.execute("SET VARIABLE known_on = CAST(NULL AS DATE)")
                plan = query.execute("EXPLAIN ANALYZE " + sql, params).fetchall()
            text = "\n".join(f"{line}" for _kind, line in plan)
            stem = f"{page}-{name}".replace(" ", "_").replace("#", "n").replace("/", "_")
            (folder / f"{stem}.txt").write_text(f"{sql}\n{params}\n\n{text}\n")


def time_downloads(runs: int) -> dict:
    """The full results the download buttons write, each 1 + `runs` times: the query alone, and
    the query with the CSV file's rows in the reader's words (dashboard.downloads: labelled,
    formula-safe; the marking lines around them are a few more)."""
    from dashboard import queries
    from dashboard.downloads import csv_body
    from embargo.classification import Classification
    from embargo.i18n.labels import labelled_frame

    clearance = Classification.STRICTLY_CONFIDENTIAL
    largest_embargo = queries.fresh_supply_indicator(clearance).sort(
        "dated_lines", descending=True
    )["embargo_id"][0]
    cases = {
        "screening_rows": lambda: queries.screening_rows(clearance, queries.ScreeningFilters()),
        "fresh_supply_items": lambda: queries.fresh_supply_items(clearance, largest_embargo),
        "trace_requests": lambda: queries.trace_requests(clearance),
    }
    times, rows = {}, {}
    for name, run in cases.items():
        csv_body(labelled_frame(run()))
        query_ms, file_ms = [], []
        for _ in range(runs):
            started = time.perf_counter()
            frame = run()
            queried = time.perf_counter()
            csv_body(labelled_frame(frame))
            query_ms.append((queried - started) * 1000)
            file_ms.append((time.perf_counter() - started) * 1000)
        times[f"{name} (full result)"], rows[f"{name} (full result)"] = query_ms, frame.height
        times[f"{name} (CSV file)"], rows[f"{name} (CSV file)"] = file_ms, frame.height
    return {"times": times, "rows": rows}


def time_copies() -> dict[str, list[float]]:
    """Wraps the making and refreshing of the catalog's table copies (embargo.lake_copies) to
    time them: the statements' times leave out what the copies cost once per process and once
    per new snapshot."""
    from embargo.lake_copies import TableCopies

    spent: dict[str, list[float]] = {"make_ms": [], "refresh_ms": []}
    make, refresh = TableCopies.make.__func__, TableCopies.refresh

    def timed_make(cls, *args, **kwargs):
        started = time.perf_counter()
        try:
            return make(cls, *args, **kwargs)
        finally:
            spent["make_ms"].append((time.perf_counter() - started) * 1000)

    def timed_refresh(self, snapshot_id):
        before = self.refreshed_at
        started = time.perf_counter()
        try:
            return refresh(self, snapshot_id)
        finally:
            if self.refreshed_at != before:
                spent["refresh_ms"].append((time.perf_counter() - started) * 1000)

    TableCopies.make = classmethod(timed_make)
    TableCopies.refresh = timed_refresh
    return spent


def child(runs: int, out: Path, only: list[str], downloads: bool, explain: Path | None) -> None:
    os.environ["EMBARGO_QUERY_CACHE_MB"] = "0"  # time the queries, not the result cache
    copies = time_copies()
    result = time_pages(runs, only)
    result["copies"] = copies
    result["downloads"] = time_downloads(runs) if downloads else {"times": {}, "rows": {}}
    if explain is not None:
        explain_slow(result, explain)
    out.write_text(json.dumps(result))


# --- the parent: builds the data, runs a child per target, prints the table --------------------


def build(folder: Path, rows: int, items: int) -> tuple[Path, list[Path]]:
    from bench_page_queries import insert_deliveries

    from demo.seizures import write_demo_files
    from ingest.build import build_warehouse
    from ingest.files import ingest_files

    path = folder / "warehouse.duckdb"
    report = build_warehouse(path)
    started = time.perf_counter()
    files = write_demo_files(folder / "files", items / ITEM_LINES_AT_SCALE_1)
    loaded = ingest_files(path, [files["seizures"], files["traces"]])
    print(
        "seizures and traces: "
        + ", ".join(f"{r.rows_loaded:,} {r.format} rows" for r in loaded)
        + f" generated and loaded in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    seconds, refresh = insert_deliveries(path, rows)
    print(f"{rows:,} deliveries inserted in {seconds:.1f} s, refresh {refresh:.1f} s", flush=True)
    return path, report.schema_order


def reuse(kept: Path, folder: Path) -> tuple[Path, list[Path]]:
    """A copy of a kept warehouse, brought to this version of sql/: every macro and view made
    again, each derived table whose query differs from the one it was stored by (or which is
    new) stored again, the tables' change ids renewed and the fingerprint recorded; the kept
    file stays as it was (the "before" of an A/B run)."""
    import duckdb

    from embargo.warehouse.connections import connect_writable
    from embargo.warehouse.refresh import refresh_derived_tables
    from embargo.warehouse.schema import (
        SQL_DIR,
        apply_schema,
        derived_table_definition,
        schema_fingerprint,
    )
    from embargo.warehouse.versions import record_tables

    started = time.perf_counter()
    path = folder / "warehouse.duckdb"
    shutil.copyfile(kept, path)
    stored_by = kept.with_name(kept.name + ".derived.json")
    queries_then = json.loads(stored_by.read_text()) if stored_by.exists() else {}
    con = connect_writable(path)
    try:
        # No transaction: a statement failing for a missing dependency (or one not yet made
        # again with its new columns) is tried again after the others, and a failed statement
        # would end a transaction.
        present = {
            name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        # A table of the kept warehouse that this version makes a view (delivery_matches).
        for file in sorted((SQL_DIR / "views").glob("*.sql")):
            if file.stem in present:
                con.execute(f"DROP TABLE {file.stem}")
                present.discard(file.stem)
        again = []
        pending = [
            file
            for folder_ in ("macros", "views", "derived")
            for file in sorted((SQL_DIR / folder_).glob("*.sql"))
        ]
        while pending:
            failed = []
            for file in pending:
                text = file.read_text(encoding="utf-8")
                if file.parent.name == "derived":
                    table, query = derived_table_definition(text)
                    if table in present and queries_then.get(table, query) == query:
                        continue
                    con.execute(f"DROP TABLE IF EXISTS {table}")
                    if table not in again:
                        again.append(table)
                text = text.replace("CREATE MACRO", "CREATE OR REPLACE MACRO", 1)
                text = text.replace("CREATE VIEW", "CREATE OR REPLACE VIEW", 1)
                try:
                    con.execute(text)
                except (duckdb.CatalogException, duckdb.BinderException):
                    failed.append(file)
            if len(failed) == len(pending):
                raise RuntimeError(f"cannot make {[f.name for f in failed]}")
            pending = failed
        con.execute("DELETE FROM table_versions")
        record_tables(con)
        con.execute("UPDATE warehouse_version SET schema_fingerprint = ?", [schema_fingerprint()])
        if again:
            refresh_derived_tables(con, again)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    print(
        f"reused {kept}; stored again: {', '.join(again) or 'none'} "
        f"({time.perf_counter() - started:.0f} s)",
        flush=True,
    )
    return path, apply_schema(duckdb.connect())


def keep(path: Path, kept: Path) -> None:
    """Keep the built warehouse, with the query each derived table was stored by."""
    from embargo.warehouse.schema import SQL_DIR, derived_table_definition

    shutil.copyfile(path, kept)
    queries_now = dict(
        derived_table_definition(file.read_text(encoding="utf-8"))
        for file in sorted((SQL_DIR / "derived").glob("*.sql"))
    )
    kept.with_name(kept.name + ".derived.json").write_text(json.dumps(queries_now))
    print(f"warehouse kept as {kept}", flush=True)


def run_child(env: dict[str, str], runs: int, out: Path, options: list[str]) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(out)]
    command += ["--runs", str(runs), *options]
    env = os.environ | env | {"PYTHONPATH": str(REPO), "EMBARGO_AUTH_MODE": "local"}
    env["STREAMLIT_LOGGER_LEVEL"] = "error"  # AppTest warns of its bare mode at every run
    subprocess.run(command, cwd=REPO, env=env, check=True)
    return json.loads(out.read_text())


def publish_to_catalog(path: Path, schema_order: list[Path], folder: Path, stack: ExitStack):
    from embargo.lake import retry_on_conflict
    from embargo.warehouse import connect_writable
    from ingest.catalog import publish

    sys.path.insert(0, str(REPO / "tests"))  # the throw-away cluster is test infrastructure
    from support.pgcluster import throwaway_cluster

    cluster = stack.enter_context(throwaway_cluster())
    os.environ["PGPASSWORD"] = cluster.password
    lake = cluster.new_catalog(folder / "lake-data")
    (folder / "lake-data").mkdir()
    started = time.perf_counter()
    con = connect_writable(lake)
    try:
        retry_on_conflict(lambda: publish(con, path, schema_order))
    finally:
        con.close()
    print(f"published into a DuckLake catalog in {time.perf_counter() - started:.0f} s", flush=True)
    return lake


def median(values: list[float] | None) -> float | None:
    return round(statistics.median(values), 1) if values else None


def table(on_file: dict, on_catalog: dict | None, without_copies: dict | None = None) -> list[dict]:
    rows = []
    for page, queries_ in on_file["times"].items():
        for name, ms in queries_.items():
            other = (on_catalog or {}).get("times", {}).get(page, {}).get(name)
            plain = (without_copies or {}).get("times", {}).get(page, {}).get(name)
            rows.append(
                {
                    "page": page,
                    "query": name,
                    "rows": on_file["rows"][page][name],
                    "file_ms": median(ms),
                    "file_cpu_ms": median(on_file["cpu"][page][name]),
                    "catalog_ms": median(other),
                    "catalog_without_copies_ms": median(plain),
                    "target_ms": QUERY_TARGET_MS,
                }
            )
    for name, ms in on_file["downloads"]["times"].items():
        other = (on_catalog or {}).get("downloads", {}).get("times", {}).get(name)
        plain = (without_copies or {}).get("downloads", {}).get("times", {}).get(name)
        rows.append(
            {
                "page": "(download)",
                "query": name,
                "rows": on_file["downloads"]["rows"][name],
                "file_ms": median(ms),
                "file_cpu_ms": None,
                "catalog_ms": median(other),
                "catalog_without_copies_ms": median(plain),
                "target_ms": DOWNLOAD_TARGET_MS,
            }
        )
    for row in rows:
        for side in ("", "_without_copies"):
            catalog_ms = row[f"catalog{side}_ms"]
            row[f"ratio{side}"] = (
                round(catalog_ms / row["file_ms"], 2)
                if catalog_ms is not None and row["file_ms"]
                else None
            )
        row["file_ok"] = row["file_ms"] <= row["target_ms"]
        row["catalog_ok"] = row["ratio"] is None or row["ratio"] <= CATALOG_RATIO_TARGET
    return rows


def _print_catalog_ratios(rows: list[dict], label: str, ratio: str, catalog_ms: str) -> list[dict]:
    """Prints how many statements are within 2x of the file on one catalog side, the median
    ratio and the median overhead per statement; returns the rows measured on that side."""
    compared = [r for r in rows if r[ratio] is not None]
    if compared:
        within = sum(r[ratio] <= CATALOG_RATIO_TARGET for r in compared)
        overhead = [r[catalog_ms] - r["file_ms"] for r in compared]
        print(
            f"{label}: {within} of {len(compared)} within 2x of the file; median ratio "
            f"{statistics.median(r[ratio] for r in compared):.2f}, median catalog - file "
            f"{statistics.median(overhead):.1f} ms per statement"
        )
    return compared


def print_rows(rows: list[dict]) -> None:
    print(
        f"\n{'page':<16} {'query':<40} {'rows':>9} {'file ms':>9} {'CPU ms':>8} {'catalog':>9} "
        f"{'ratio':>6}  target"
    )
    print("-" * 111)
    for row in rows:
        catalog = "-" if row["catalog_ms"] is None else f"{row['catalog_ms']:.1f}"
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        verdict = []
        if not row["file_ok"]:
            verdict.append(f"MISS > {row['target_ms']:g} ms")
        if not row["catalog_ok"]:
            verdict.append("MISS catalog > 2x")
        cpu = "-" if row["file_cpu_ms"] is None else f"{row['file_cpu_ms']:.0f}"
        print(
            f"{row['page']:<16} {row['query'][:40]:<40} {row['rows']:>9,} {row['file_ms']:>9.1f} "
            f"{cpu:>8} {catalog:>9} {ratio:>6}  {'; '.join(verdict) or 'ok'}"
        )
    missed = [r for r in rows if not r["file_ok"]]
    slow_catalog = [r for r in rows if not r["catalog_ok"]]
    print(
        f"\n{len(rows)} queries: {len(rows) - len(missed)} within their target on the file, "
        f"{len(missed)} over it; {len(slow_catalog)} more than 2x slower on the catalog"
    )
    _print_catalog_ratios(rows, "catalog", "ratio", "catalog_ms")
    plain = _print_catalog_ratios(
        rows,
        "catalog without the table copies",
        "ratio_without_copies",
        "catalog_without_copies_ms",
    )
    if plain:
        for row in rows:
            if row["ratio_without_copies"] is not None and row["ratio"] is not None:
                plain_ms, plain_ratio = (
                    row["catalog_without_copies_ms"],
                    row["ratio_without_copies"],
                )
                print(
                    f"  {row['page'][:16]:<16} {row['query'][:40]:<40} without copies "
                    f"{plain_ms:>9.1f} ms ({plain_ratio:.2f}x), with {row['catalog_ms']:>9.1f} ms "
                    f"({row['ratio']:.2f}x)"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-catalog", dest="catalog", action="store_false")
    parser.add_argument("--no-downloads", dest="downloads", action="store_false")
    parser.add_argument("--warehouse", type=Path, help="keep the warehouse here; reuse it if there")
    parser.add_argument("--page", action="append", default=[], help="time only this page")
    parser.add_argument("--explain", type=Path, help="EXPLAIN ANALYZE of slow statements here")
    parser.add_argument(
        "--compare-copies",
        action="store_true",
        help="time the catalog also without the table copies (EMBARGO_CATALOG_COPY_MB=0)",
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.runs, args.child, args.page, args.downloads, args.explain)
        return 0
    options = [option for page in args.page for option in ("--page", page)]
    if not args.downloads:
        options.append("--no-downloads")
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; "
        f"{args.rows:,} deliveries, about {args.items:,} item lines, median of {args.runs} runs",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="embargo-pages-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        if args.warehouse is not None and args.warehouse.exists():
            path, schema_order = reuse(args.warehouse, folder)
        else:
            path, schema_order = build(folder, args.rows, args.items)
            if args.warehouse is not None:
                keep(path, args.warehouse)
        explain = ["--explain", str(args.explain.resolve())] if args.explain else []
        on_file = run_child(
            {"EMBARGO_DB": str(path), "EMBARGO_ACCESS_DB": str(folder / "a.sqlite")},
            args.runs,
            folder / "file.json",
            options + explain,
        )
        print(f"file: timed; load average {os.getloadavg()[0]:.1f}", flush=True)
        on_catalog = without_copies = None
        if args.catalog:
            lake = publish_to_catalog(path, schema_order, folder, stack)
            env = {
                "EMBARGO_CATALOG": lake.catalog,
                "EMBARGO_LAKE_DATA": str(lake.data_path),
                "EMBARGO_ACCESS_DB": str(folder / "a.sqlite"),
            }
            if args.compare_copies:
                without_copies = run_child(
                    env | {"EMBARGO_CATALOG_COPY_MB": "0"},
                    args.runs,
                    folder / "catalog-without-copies.json",
                    options,
                )
                print(
                    f"catalog without copies: timed; load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
            on_catalog = run_child(env, args.runs, folder / "catalog.json", options)
            print(
                f"catalog: timed; load average {os.getloadavg()[0]:.1f}; copies made in "
                f"{', '.join(f'{ms:.0f}' for ms in on_catalog['copies']['make_ms'])} ms, "
                f"refreshed {len(on_catalog['copies']['refresh_ms'])} times (median "
                f"{median(on_catalog['copies']['refresh_ms']) or 0:.0f} ms)",
                flush=True,
            )
        rows = table(on_file, on_catalog, without_copies)
        print_rows(rows)
        for problem in on_file["problems"] + (on_catalog or {}).get("problems", []):
            print(f"  page problem: {problem}")
        if args.json:
            args.json.write_text(json.dumps({"queries": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
