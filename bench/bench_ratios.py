"""Ingest speed as ratios to the best the same tools do on the same file in the same run, each
measured as whole processes (wall-clock, CPU seconds of the process and its children, peak
resident memory), the median of `--runs` (3) alternating runs:

1. `embargo ingest` of about 1,000,000 synthetic seizure item lines into a warehouse with the
   reference data only, against DuckDB's bare `CREATE TABLE AS SELECT * FROM read_csv(file,
   all_varchar = true)` of the same file into a new database file, then CHECKPOINT. Targets:
   wall <= 2x, peak memory <= 1.5x. It also reports what the `raw_seizures` table (the
   rejected rows as delivered; the accepted ones are read from the raw store's kept file)
   takes in the warehouse file.
2. A small load (5 events, as the load test's writers load) into that 1M-line warehouse: in
   this process (`ingest.files.ingest_files`, imports already done) and as `embargo ingest`.
   Targets: <= 0.5 s and <= 1.5 s.
3. `embargo ingest` of the SIPRI classic export (../shared/data/sipri) into a warehouse with the
   reference data only, against a fresh Python process that imports polars and parses the same
   file (`polars.read_csv` from its header line, every column as text). Target <= 3x.

    .venv/bin/python bench/bench_ratios.py [--items 1000000] [--runs 3] [--skip-seizures]
        [--skip-sipri] [--json FILE]

Commands run as a user runs them: a new Python process (`python -m embargo.cli`) that imports
what the command needs. Works in a temporary folder and leaves nothing behind."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
SIPRI_NAME = "trade-register_classic_all_1950-2024_generated-2024-10-13.csv"
# ../shared beside the checkout (or beside the folder of worktrees that holds it).
SIPRI_CLASSIC = next(
    (
        folder / "shared" / "data" / "sipri" / SIPRI_NAME
        for folder in (REPO.parent, REPO.parent.parent)
        if (folder / "shared" / "data" / "sipri" / SIPRI_NAME).is_file()
    ),
    REPO.parent / "shared" / "data" / "sipri" / SIPRI_NAME,
)
ITEM_LINES_AT_SCALE_1 = 6186  # what the demo set writes at scale 1

BARE_DUCKDB = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])
con.execute("SET enable_progress_bar = false")
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, all_varchar = true)", [sys.argv[1]])
con.execute("CHECKPOINT")
print(con.execute("SELECT count(*) FROM t").fetchone()[0])
"""
BARE_POLARS = """
import sys, polars
with open(sys.argv[1], "rb") as handle:
    skip = next(n for n, line in enumerate(handle) if line.startswith(b"Recipient,Supplier"))
# SIPRI writes Windows-1252: polars reads UTF-8 only, so it replaces what does not decode.
frame = polars.read_csv(sys.argv[1], skip_rows=skip, infer_schema=False, encoding="utf8-lossy")
print(frame.height)
"""


@dataclass
class Process:
    wall_s: float
    cpu_s: float
    peak_mb: float
    output: str


# Starts the measured command from a small process of its own and reports the command's
# wall-clock, CPU and peak memory. The kernel keeps a process's peak resident memory across
# exec, so a command forked straight from this (large) process would report at least this
# process's memory as its own peak; forked from the launcher, it inherits only the launcher's.
LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
               "peak_mb": usage.ru_maxrss / 1024, "code": os.waitstatus_to_exitcode(status)}, out)
"""


def measure(command: list[str], checkout: Path = REPO) -> Process:
    """Runs a command with the code of `checkout` (this one unless said); its wall-clock time,
    the CPU time and the peak resident memory of the process (and of any it waited for), from
    the kernel's accounting of that one process."""
    env = os.environ | {"PYTHONPATH": str(checkout)}
    with tempfile.NamedTemporaryFile(suffix=".json") as figures:
        result = subprocess.run(
            [sys.executable, "-c", LAUNCHER, figures.name, *command],
            cwd=checkout,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        measured = json.loads(Path(figures.name).read_text() or "{}")
    if result.returncode != 0 or measured.get("code") != 0:
        raise RuntimeError(f"{command[:4]} failed:\n{result.stdout[-2000:]}")
    return Process(measured["wall_s"], measured["cpu_s"], measured["peak_mb"], result.stdout)


def embargo(*args: str) -> list[str]:
    return [sys.executable, "-m", "embargo.cli", *args]


def median_of(runs: list[Process]) -> dict:
    return {
        "wall_s": round(statistics.median(r.wall_s for r in runs), 3),
        "cpu_s": round(statistics.median(r.cpu_s for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
        "runs_wall_s": [round(r.wall_s, 3) for r in runs],
    }


def ratios(ours: dict, best: dict) -> dict:
    return {key: round(ours[key] / best[key], 2) for key in ("wall_s", "cpu_s", "peak_mb")}


def show(label: str, row: dict) -> None:
    print(
        f"  {label:<44} wall {row['wall_s']:7.2f} s  CPU {row['cpu_s']:7.2f} s  "
        f"peak {row['peak_mb']:7.0f} MB  (runs {row['runs_wall_s']})",
        flush=True,
    )


def show_ratio(label: str, ratio: dict, targets: dict) -> None:
    verdicts = ", ".join(
        f"{key} {ratio[key]:.2f}x"
        + (
            f" (target <= {targets[key]}x: {'ok' if ratio[key] <= targets[key] else 'MISS'})"
            if key in targets
            else ""
        )
        for key in ("wall_s", "cpu_s", "peak_mb")
    )
    print(f"  ratio {label}: {verdicts}", flush=True)


def raw_copy_cost(db: Path) -> dict:
    """What the raw_seizures table (the rejected rows as delivered) takes in the warehouse
    file: its blocks against the file's."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]

        def blocks(table: str) -> int:
            return con.execute(
                "SELECT count(DISTINCT block_id) FROM pragma_storage_info(?) WHERE persistent",
                [table],
            ).fetchone()[0]

        tables = [
            row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        ]
        sizes = {table: blocks(table) * block_size for table in tables}
        rows = con.execute("SELECT count(*) FROM raw_seizures").fetchone()[0]
    finally:
        con.close()
    total = sum(sizes.values())
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:6]
    return {
        "raw_seizures_rows": rows,
        "raw_seizures_mb": round(sizes.get("raw_seizures", 0) / 2**20, 1),
        "all_tables_mb": round(total / 2**20, 1),
        "file_mb": round(db.stat().st_size / 2**20, 1),
        "largest_tables_mb": {table: round(size / 2**20, 1) for table, size in largest},
    }


def seizures_ratios(folder: Path, items: int, runs: int) -> dict:
    from bench_load import EVENTS_PER_FILE, write_seizure_file

    from demo.seizures import write_demo_files
    from ingest.build import build_warehouse
    from ingest.files import ingest_files

    built = folder / "reference.duckdb"
    build_warehouse(built)
    started = time.perf_counter()
    source = write_demo_files(folder / "files", items / ITEM_LINES_AT_SCALE_1)["seizures"]
    lines = sum(1 for _ in source.open("rb")) - 1
    print(
        f"seizures: {lines:,} lines, {source.stat().st_size / 2**20:.0f} MB, generated in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    bare_runs, ingest_runs = [], []
    for run in range(1, runs + 1):
        bare_db = folder / f"bare{run}.duckdb"
        bare_runs.append(measure([sys.executable, "-c", BARE_DUCKDB, str(source), str(bare_db)]))
        bare_db.unlink()
        target = folder / f"run{run}" / "warehouse.duckdb"
        target.parent.mkdir()
        shutil.copyfile(built, target)
        ingest_runs.append(measure(embargo("ingest", str(source), "--db", str(target))))
        if run < runs:
            shutil.rmtree(target.parent)
    assert bare_runs[0].output.split()[-1] == str(lines), bare_runs[0].output[-300:]
    bare, ours = median_of(bare_runs), median_of(ingest_runs)
    show("bare DuckDB CREATE TABLE AS read_csv", bare)
    show("embargo ingest", ours)
    ratio = ratios(ours, bare)
    show_ratio("ingest / bare", ratio, {"wall_s": 2, "peak_mb": 1.5})
    print(f"  embargo ingest said: {ingest_runs[-1].output.strip().splitlines()[-1][:200]}")
    cost = raw_copy_cost(target)
    print(f"  raw copy in the warehouse: {cost}", flush=True)

    # Small loads into the 1M-line warehouse.
    small = folder / "small"
    small.mkdir()
    in_process, as_command = [], []
    ingest_files(target, [write_seizure_file(small, 9, 0)])  # the imports and first connection
    for number in range(1, runs + 1):
        path = write_seizure_file(small, 1, number)
        began, cpu_began = time.perf_counter(), time.process_time()
        [report] = ingest_files(target, [path])
        in_process.append(
            Process(time.perf_counter() - began, time.process_time() - cpu_began, 0, "")
        )
        assert report.rows_loaded == EVENTS_PER_FILE, report
        path = write_seizure_file(small, 2, number)
        as_command.append(measure(embargo("ingest", str(path), "--db", str(target))))
    small_in, small_cmd = median_of(in_process), median_of(as_command)
    print(
        f"  small load ({EVENTS_PER_FILE} events) into the {lines:,}-line warehouse: in process "
        f"{small_in['wall_s']:.2f} s (target <= 0.5 s), as a command {small_cmd['wall_s']:.2f} s "
        f"(target <= 1.5 s; CPU {small_cmd['cpu_s']:.2f} s, peak {small_cmd['peak_mb']:.0f} MB)",
        flush=True,
    )
    return {
        "lines": lines,
        "file_mb": round(source.stat().st_size / 2**20, 1),
        "bare_duckdb": bare,
        "embargo_ingest": ours,
        "ratio": ratio,
        "raw_copy": cost,
        "small_load_in_process": small_in,
        "small_load_command": small_cmd,
    }


def sipri_ratios(folder: Path, runs: int) -> dict:
    from ingest.build import build_warehouse

    built = folder / "reference-sipri.duckdb"
    build_warehouse(built)
    polars_runs, ingest_runs = [], []
    for run in range(1, runs + 1):
        polars_runs.append(measure([sys.executable, "-c", BARE_POLARS, str(SIPRI_CLASSIC)]))
        target = folder / f"sipri{run}" / "warehouse.duckdb"
        target.parent.mkdir()
        shutil.copyfile(built, target)
        ingest_runs.append(measure(embargo("ingest", str(SIPRI_CLASSIC), "--db", str(target))))
        shutil.rmtree(target.parent)
    started = time.perf_counter()
    # What the command pays before any work: its imports, measured alone.
    imports = median_of(
        [measure([sys.executable, "-c", "import embargo.cli"]) for _ in range(runs)]
    )
    imports["measured_in_s"] = round(time.perf_counter() - started, 1)
    polars, ours = median_of(polars_runs), median_of(ingest_runs)
    print(f"SIPRI classic export: {polars_runs[0].output.strip()} deals", flush=True)
    show("fresh python: import polars, read_csv", polars)
    show("embargo ingest", ours)
    show("python -c 'import embargo.cli'", imports)
    ratio = ratios(ours, polars)
    show_ratio("ingest / polars", ratio, {"wall_s": 3})
    return {"polars": polars, "embargo_ingest": ours, "imports_of_the_cli": imports, "ratio": ratio}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-seizures", action="store_true")
    parser.add_argument("--skip-sipri", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start, "
        f"median of {args.runs} runs",
        flush=True,
    )
    result: dict = {"runs": args.runs, "load_average_at_start": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="embargo-ratios-") as tmp:
        if not args.skip_sipri:
            if SIPRI_CLASSIC.is_file():
                result["sipri"] = sipri_ratios(Path(tmp), args.runs)
            else:
                print(f"SIPRI: {SIPRI_CLASSIC} is missing; skipped")
        if not args.skip_seizures:
            result["seizures"] = seizures_ratios(Path(tmp), args.items, args.runs)
    result["load_average_at_end"] = os.getloadavg()[0]
    print(f"load average at the end {result['load_average_at_end']:.1f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=asdict) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
