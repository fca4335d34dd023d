"""Benchmark: ingest the SIPRI classic trade register (October 2024, 27,951 deals) into a fresh copy
of a built warehouse, the way `embargo ingest FILE` does (copy, load in one transaction, checkpoint,
swap in). Prints each run and the median of 5 runs in ms and rows (deals) per second; the target
is under 3 s on the 2-core development machine.

    .venv/bin/python bench/bench_sipri_ingest.py [--runs 5] [--file PATH]

The file comes from ../shared/data/sipri (SIPRI data stay outside the repository); the warehouse
is built once into a temporary folder and copied before every run, so every run loads into a
warehouse without SIPRI rows.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ingest.build import build_warehouse
from ingest.files import ingest_files

CLASSIC = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "sipri"
    / "trade-register_classic_all_1950-2024_generated-2024-10-13.csv"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--file", type=Path, default=CLASSIC)
    args = parser.parse_args()
    if not args.file.is_file():
        print(f"{args.file} is missing: the benchmark needs ../shared/data/sipri", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        built = Path(folder) / "built.duckdb"
        build_warehouse(built)
        seconds = []
        rows = 0
        for run in range(1, args.runs + 1):
            target = Path(folder) / f"run{run}" / "warehouse.duckdb"
            target.parent.mkdir()
            shutil.copyfile(built, target)
            started = time.perf_counter()
            (report,) = ingest_files(target, [args.file], "sipri")
            elapsed = time.perf_counter() - started
            if report.status != "loaded":
                print(f"run {run}: {report.status} {report.message}", file=sys.stderr)
                return 1
            rows = report.rows_read
            seconds.append(elapsed)
            print(
                f"run {run}: {elapsed * 1000:7.0f} ms  read {report.rows_read} "
                f"loaded {report.rows_loaded} rejected {report.rows_rejected}"
            )
    median = statistics.median(seconds)
    print(
        f"median of {len(seconds)}: {median * 1000:.0f} ms, {rows / median:,.0f} rows/s "
        f"({args.file.name}, {rows} rows)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
