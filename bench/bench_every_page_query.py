"""Every query every page sends, timed as the page sends it, at 1,000,000 deliveries and about
1,000,000 seized-item lines, on a warehouse file and on the same warehouse published into a
DuckLake catalog (PostgreSQL on 127.0.0.1, a throw-away cluster), in one run.

    .venv/bin/python bench/bench_every_page_query.py [--rows 1000000] [--items 1000000]
        [--runs 5] [--no-catalog] [--json FILE]

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
3. Publishes the same warehouse into a DuckLake catalog and does step 2 reading the catalog.

Prints per page and query function the median ms on the file and on the catalog, their ratio,
and the targets: median <= 50 ms (downloads of a full result <= 500 ms at 300k rows) and the
catalog within 2x of the file. Works in a temporary folder and leaves nothing behind."""

from __future__ import annotations

import argparse
import json
import os
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


def time_pages(runs: int) -> dict:
    """Each page run 1 + `runs` times; the milliseconds of each statement a query function sends
    (the engine's read of the warehouse, the cache being off) in the timed runs, by (page, query
    function), in call order within the page."""
    from streamlit.testing.v1 import AppTest

    from dashboard.queries import engine
    from embargo.config import DASHBOARD_APP

    original = engine._read
    calls: list[tuple[str, float, int]] = []

    def timed_read(sql, params):
        caller = sys._getframe(2).f_code.co_name  # the query function that called fetch
        started = time.perf_counter()
        key, frame = original(sql, params)
        calls.append((caller, (time.perf_counter() - started) * 1000, frame.height))
        return key, frame

    engine._read = timed_read
    times: dict[str, dict[str, list[float]]] = {}
    rows: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    try:
        for script, title in page_scripts().items():
            per_query: dict[str, list[float]] = defaultdict(list)
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
                for caller, ms, height in calls:
                    seen[caller] += 1
                    name = caller if seen[caller] == 1 else f"{caller} #{seen[caller]}"
                    per_query[name].append(ms)
                    rows.setdefault(title, {})[name] = height
            times[title] = dict(per_query)
    finally:
        engine._read = original
    return {"times": times, "rows": rows, "problems": problems}


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


def child(runs: int, out: Path) -> None:
    os.environ["EMBARGO_QUERY_CACHE_MB"] = "0"  # time the queries, not the result cache
    result = time_pages(runs)
    result["downloads"] = time_downloads(runs)
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


def run_child(env: dict[str, str], runs: int, out: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(out)]
    command += ["--runs", str(runs)]
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


def table(on_file: dict, on_catalog: dict | None) -> list[dict]:
    rows = []
    for page, queries_ in on_file["times"].items():
        for name, ms in queries_.items():
            other = (on_catalog or {}).get("times", {}).get(page, {}).get(name)
            rows.append(
                {
                    "page": page,
                    "query": name,
                    "rows": on_file["rows"][page][name],
                    "file_ms": median(ms),
                    "catalog_ms": median(other),
                    "target_ms": QUERY_TARGET_MS,
                }
            )
    for name, ms in on_file["downloads"]["times"].items():
        other = (on_catalog or {}).get("downloads", {}).get("times", {}).get(name)
        rows.append(
            {
                "page": "(download)",
                "query": name,
                "rows": on_file["downloads"]["rows"][name],
                "file_ms": median(ms),
                "catalog_ms": median(other),
                "target_ms": DOWNLOAD_TARGET_MS,
            }
        )
    for row in rows:
        row["ratio"] = (
            round(row["catalog_ms"] / row["file_ms"], 2)
            if row["catalog_ms"] is not None and row["file_ms"]
            else None
        )
        row["file_ok"] = row["file_ms"] <= row["target_ms"]
        row["catalog_ok"] = row["ratio"] is None or row["ratio"] <= CATALOG_RATIO_TARGET
    return rows


def print_rows(rows: list[dict]) -> None:
    print(
        f"\n{'page':<16} {'query':<40} {'rows':>9} {'file ms':>9} {'catalog':>9} {'ratio':>6}"
        "  target"
    )
    print("-" * 102)
    for row in rows:
        catalog = "-" if row["catalog_ms"] is None else f"{row['catalog_ms']:.1f}"
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.2f}"
        verdict = []
        if not row["file_ok"]:
            verdict.append(f"MISS > {row['target_ms']:g} ms")
        if not row["catalog_ok"]:
            verdict.append("MISS catalog > 2x")
        print(
            f"{row['page']:<16} {row['query'][:40]:<40} {row['rows']:>9,} {row['file_ms']:>9.1f} "
            f"{catalog:>9} {ratio:>6}  {'; '.join(verdict) or 'ok'}"
        )
    missed = [r for r in rows if not r["file_ok"]]
    slow_catalog = [r for r in rows if not r["catalog_ok"]]
    print(
        f"\n{len(rows)} queries: {len(missed)} over their target on the file, "
        f"{len(slow_catalog)} more than 2x slower on the catalog"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-catalog", dest="catalog", action="store_false")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.runs, args.child)
        return 0
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; "
        f"{args.rows:,} deliveries, about {args.items:,} item lines, median of {args.runs} runs",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="embargo-pages-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        path, schema_order = build(folder, args.rows, args.items)
        on_file = run_child(
            {"EMBARGO_DB": str(path), "EMBARGO_ACCESS_DB": str(folder / "a.sqlite")},
            args.runs,
            folder / "file.json",
        )
        print(f"file: timed; load average {os.getloadavg()[0]:.1f}", flush=True)
        on_catalog = None
        if args.catalog:
            lake = publish_to_catalog(path, schema_order, folder, stack)
            env = {
                "EMBARGO_CATALOG": lake.catalog,
                "EMBARGO_LAKE_DATA": str(lake.data_path),
                "EMBARGO_ACCESS_DB": str(folder / "a.sqlite"),
            }
            on_catalog = run_child(env, args.runs, folder / "catalog.json")
            print(f"catalog: timed; load average {os.getloadavg()[0]:.1f}", flush=True)
        rows = table(on_file, on_catalog)
        print_rows(rows)
        for problem in on_file["problems"] + (on_catalog or {}).get("problems", []):
            print(f"  page problem: {problem}")
        if args.json:
            args.json.write_text(json.dumps({"queries": rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
