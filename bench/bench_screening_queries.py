"""Benchmark of the Screening page's queries and its full-result downloads at 1,000,000
deliveries, with another checkout of the code alternately in the same minutes (A/B).

    .venv/bin/python bench/bench_screening_queries.py --warehouse W [--runs 5]
        [--old CHECKOUT --old-warehouse W2] [--build]

`--build` first builds W (reference data, the demo seizures at scale 1, then `--rows` synthetic
deliveries as bench_page_queries.py adds them, and the stored tables refreshed) with this
checkout's code and keeps it, so that later runs reuse it. Each side runs in a child process of
its own with its checkout on the path and its warehouse (EMBARGO_DB), the query layer's result
cache off, at clearance strictly confidential with the page's default filters: every query
function the Screening page calls (the 2,000 deliveries it lists, the register lines behind the
toggle), then the full results its download offers (the query alone, then with the CSV file's
rows in the reader's words). Each function is called once to warm up and `--runs` times more;
the sides alternate per run. The click cases make each download file as a click on its
button does (dashboard.deferred_downloads). Prints, per side and function, the median CPU ms of
the child process (all its threads) and the median wall-clock ms, and the rows returned (a
file's bytes); both sides must
return the same rows (compared by count and an order-sensitive hash of every value; a file by
its bytes, a workbook by the parts it holds, whose XML may differ between writers)."""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))


def cases():
    from dashboard import queries
    from dashboard.downloads import csv_body
    from embargo.classification import Classification
    from embargo.i18n.labels import labelled_frame

    clearance = Classification.STRICTLY_CONFIDENTIAL
    every = queries.ScreeningFilters()
    with_csv = lambda frame: (csv_body(labelled_frame(frame)), frame)[1]  # noqa: E731
    return {
        "screening_embargo_choices": lambda: queries.screening_embargo_choices(clearance),
        "screening_summary": lambda: queries.screening_summary(clearance, every),
        "screening_by_year": lambda: queries.screening_by_year(clearance, every),
        "screening_delivery_count": lambda: queries.screening_delivery_count(clearance, every),
        "screening_deliveries (2,000)": lambda: queries.screening_deliveries(
            clearance, every, limit=2000
        ),
        "screening_rows (2,000)": lambda: queries.screening_rows(clearance, every, limit=2000),
        "listed_party_screening": lambda: queries.listed_party_screening(clearance, every),
        "screening_deliveries (full)": lambda: queries.screening_deliveries(clearance, every),
        "screening_rows (full)": lambda: queries.screening_rows(clearance, every),
        "screening_rows (full) + CSV rows": lambda: with_csv(
            queries.screening_rows(clearance, every)
        ),
        **clicks(clearance, every),
    }


def clicks(clearance, every) -> dict:
    """The download buttons of the Screening page clicked: the file made as the server makes it
    (dashboard.deferred_downloads: the full result read, the file written in the reader's
    words, its SHA-256, rows and data version recorded), as the bytes the server sends."""
    from dashboard import deferred_downloads, downloads, queries
    from dashboard.common import deliveries_in_words, embargo_names
    from dashboard.queries import engine
    from embargo import i18n

    def clicked(make, file_name: str, language: str = "en"):
        with i18n.using(language):
            names = embargo_names(clearance)
        context = deferred_downloads.PageContext(
            user_name="bench",
            clearance=clearance,
            page="Screening",
            file_name=file_name,
            session_id=None,
            language=language,
            known_on=None,
            location=engine.current_location(),
            snapshot_id=queries.data_version(clearance).snapshot_id,
        )
        data = deferred_downloads.made_when_clicked(make(names), context)()
        return data.encode() if isinstance(data, str) else data

    def lines():
        return queries.screening_rows(clearance, every)

    def deliveries():
        return deliveries_in_words(queries.screening_deliveries(clearance, every), clearance)

    def case(read, write, file_name: str, language: str):
        return lambda: clicked(lambda names: write(read, clearance, names), file_name, language)

    writers = (
        ("CSV", downloads.spreadsheet_safe_csv_when_clicked),
        ("XLSX", downloads.spreadsheet_safe_xlsx_when_clicked),
    )
    return {
        f"{table} {kind}{' (fr)' if language == 'fr' else ''} (click)": case(
            read, write, f"{table}.{kind.lower()}", language
        )
        for table, read in (("lines", lines), ("deliveries", deliveries))
        for kind, write in writers
        for language in ("en", "fr")
        if language == "en" or kind == "CSV"
    }


def fingerprint(result) -> tuple[int, int]:
    if isinstance(result, int):
        return 1, result
    if isinstance(result, bytes):
        if result.startswith(b"PK"):  # a workbook: what its parts hold (the zip dates differ)
            with zipfile.ZipFile(io.BytesIO(result)) as package:
                result = b"".join(package.read(name) for name in sorted(package.namelist()))
        return len(result), int(hashlib.sha256(result).hexdigest()[:15], 16)
    return result.height, int(result.hash_rows(seed=0).sum()) if result.height else 0


def child(names: list[str]) -> None:
    """Runs the named cases once each (after a warm-up run of every case when asked), printing
    one JSON line per case: CPU ms, wall ms, rows and fingerprint."""
    os.environ["EMBARGO_QUERY_CACHE_MB"] = "0"
    table = cases()
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        cpu, wall = time.process_time(), time.perf_counter()
        result = table[name]()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rows, digest = fingerprint(result)
        print(json.dumps([name, cpu * 1000, wall * 1000, rows, digest % (1 << 61)]), flush=True)


def build(path: Path, rows: int) -> None:
    from bench_every_page_query import ITEM_LINES_AT_SCALE_1
    from bench_every_page_query import build as build_warehouse

    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    built, _ = build_warehouse(folder, rows, ITEM_LINES_AT_SCALE_1)
    if built != path:
        built.rename(path)


class Side:
    def __init__(self, name: str, checkout: Path, warehouse: Path) -> None:
        env = os.environ | {
            "PYTHONPATH": str(checkout),
            "EMBARGO_DB": str(warehouse),
            "EMBARGO_AUTH_MODE": "local",
            "EMBARGO_ACCESS_DB": str(warehouse.with_suffix(f".{name}.access.sqlite")),
        }
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--child"],
            cwd=checkout,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def run(self, case: str) -> list:
        self.process.stdin.write(case + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, required=False)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--old", type=Path, help="another checkout, run alternately (A/B)")
    parser.add_argument("--old-warehouse", type=Path, help="the warehouse the old side reads")
    parser.add_argument("--only", action="append", default=[], help="a case name to time")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child([])
        return 0
    if args.build:
        build(args.warehouse.resolve(), args.rows)
        return 0
    sides = [Side("this", REPO, args.warehouse.resolve())]
    if args.old:
        sides.append(Side("old", args.old.resolve(), args.old_warehouse.resolve()))
    names = [n for n in cases() if not args.only or n in args.only]
    figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
    results: dict[tuple[str, str], tuple[int, int]] = {}
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start", flush=True)
    try:
        for run in range(args.runs + 1):
            for name in names:
                for side in sides if run % 2 == 0 else sides[::-1]:
                    _, cpu, wall, rows, digest = side.run(name)
                    results[(side.name, name)] = (rows, digest)
                    if run:
                        figures.setdefault((side.name, name), []).append((cpu, wall))
    finally:
        for side in sides:
            side.close()
    print(f"load average {os.getloadavg()[0]:.1f} at the end; median of {args.runs} runs")
    print(f"{'query':<36} {'side':<5} {'rows':>9} {'CPU ms':>9} {'wall ms':>9}  CPU ms of each run")
    for name in names:
        for side in sides:
            runs = figures[(side.name, name)]
            cpu = statistics.median(c for c, _ in runs)
            wall = statistics.median(w for _, w in runs)
            each = ", ".join(f"{c:.0f}" for c, _ in runs)
            rows = results[(side.name, name)][0]
            print(f"{name:<36} {side.name:<5} {rows:>9,} {cpu:>9.1f} {wall:>9.1f}  {each}")
        if len(sides) == 2 and results[("this", name)] != results[("old", name)]:
            print(f"  !! {name}: the two sides returned different rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
