"""Benchmark of workbook input: reading a seizures workbook of 100,000 data lines (22 columns,
text, numbers and dates as a field office fills them in) with calamine, as ingest/kit/tables.py
now does, against openpyxl in read-only mode, as it did before (`load_workbook(read_only=True,
data_only=True)`, `reset_dimensions`, `iter_rows(values_only=True)`, each cell turned into the
same text by `xlsx_cell_text`).

    .venv/bin/python bench/bench_spreadsheets.py [--lines 100000] [--runs 3] [--json FILE]

Each run of each side is a new Python process that imports its reader and reads the whole sheet
into rows of text (what `read_table` hands on); wall-clock from start to exit, CPU and peak
resident memory from the kernel's accounting of that process (`wait4`), so calamine's memory,
which is allocated outside Python, counts too. The sides alternate; the median of each is
printed with the ratio. Both sides must return the same rows (checked by a digest). The workbook
is written once by openpyxl in write-only mode, in a temporary folder removed at the end."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from seizure_files import HEADER  # noqa: E402

READERS = {
    "calamine": """
from ingest.kit.tables import read_spreadsheet_rows
title, rows = read_spreadsheet_rows(PATH, "seizures")
""",
    "openpyxl": """
import openpyxl
from ingest.kit.tables import xlsx_cell_text
workbook = openpyxl.load_workbook(PATH, read_only=True, data_only=True)
sheet = workbook["seizures"]
sheet.reset_dimensions()
rows = [[xlsx_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
workbook.close()
""",
}
DIGEST = """
import hashlib
print(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:16])
"""


def write_workbook(path: Path, lines: int) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("seizures")
    sheet.append(HEADER)
    start = dt.date(2022, 1, 1)
    for line in range(lines):
        event = line // 3
        sheet.append(
            [
                f"B-E{event}", start + dt.timedelta(days=event % 900), "day", "CAF",
                f"Place {event % 500}", 4.0 + (event % 700) / 100, 18.0 + (event % 900) / 100,
                "exact", "seizure", "non_state_armed_group", "JMAC MINUSCA", "weapon",
                "assault_rifle", "Izhmash", "AKM", "7.62 x 39 mm", f"S{line:07d}", "RUS",
                1960 + line % 60, 1 + line % 4, "items", "restricted",
            ]
        )  # fmt: skip
    workbook.save(path)


def run_once(reader: str, path: Path) -> dict:
    code = f"PATH = {str(path)!r}\n" + READERS[reader] + DIGEST
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    output = process.stdout.read().strip() if process.stdout else ""
    if status != 0:
        raise SystemExit(f"{reader} failed: {output}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "result": output,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-spreadsheets-") as folder:
        path = Path(folder) / "seizures.xlsx"
        started = time.perf_counter()
        write_workbook(path, args.lines)
        print(
            f"workbook: {args.lines:,} data lines, {path.stat().st_size / 1e6:.1f} MB, "
            f"written in {time.perf_counter() - started:.1f} s"
        )
        runs: dict[str, list[dict]] = {name: [] for name in READERS}
        for _ in range(args.runs):
            for name in READERS:
                runs[name].append(run_once(name, path))
    results = {}
    for name, measured in runs.items():
        results[name] = {
            key: statistics.median(run[key] for run in measured)
            for key in ("wall_s", "cpu_s", "peak_mb")
        }
        results[name]["result"] = measured[0]["result"]
    if len({result["result"] for result in results.values()}) != 1:
        raise SystemExit(f"the readers returned different rows: {results}")
    print(f"rows and digest (same on both sides): {results['calamine']['result']}")
    print(f"{'reader':<10} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}   (median of {args.runs})")
    for name, result in results.items():
        print(
            f"{name:<10} {result['wall_s']:>8.2f} {result['cpu_s']:>8.2f} {result['peak_mb']:>8.0f}"
        )
    calamine, openpyxl = results["calamine"], results["openpyxl"]
    print(
        f"calamine is {openpyxl['wall_s'] / calamine['wall_s']:.1f}x faster (wall-clock), "
        f"{openpyxl['cpu_s'] / calamine['cpu_s']:.1f}x less CPU, peak memory "
        f"{calamine['peak_mb'] / openpyxl['peak_mb']:.2f}x openpyxl's"
    )
    if args.json:
        args.json.write_text(json.dumps({"lines": args.lines, **results}, indent=2))


if __name__ == "__main__":
    main()
