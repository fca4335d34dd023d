"""A small load (5 events, as the load test's writers load) into a large warehouse, by two
checkouts of the code alternately in the same minutes (A/B): on a shared machine the load
average moves by the minute, so only runs taken side by side compare. Each side gets its own
copy of the warehouse (built by the same code: the schema must match both checkouts).

For each round and each side: a new process that imports the ingest code, loads one file to
warm up, then times 2 loads in process (CPU seconds of the process and wall-clock); then
`python -m embargo.cli ingest FILE --db W` as a whole process (CPU, wall-clock, peak memory).

    .venv/bin/python bench/bench_small_load_ab.py --warehouse W --old CHECKOUT [--new .]
        [--rounds 3]

W is a warehouse with about a million item lines (bench_ratios.py builds one; so does
`embargo build` with the synthetic seizures at that scale). Works in a temporary folder."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import write_seizure_file
from bench_ratios import measure

IN_PROCESS = """
import sys, time
from pathlib import Path
sys.path.insert(0, "bench")
from bench_load import write_seizure_file
from ingest.files import ingest_files
db, small, start = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
ingest_files(db, [write_seizure_file(small, 9, start)])  # imports and first connection
for number in range(start, start + 2):
    path = write_seizure_file(small, 1, number)
    began, cpu = time.perf_counter(), time.process_time()
    [report] = ingest_files(db, [path])
    assert report.status == "loaded" and report.rows_loaded == 5, report
    print(f"small load: {time.process_time() - cpu:.3f} {time.perf_counter() - began:.3f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code before")
    parser.add_argument("--new", type=Path, default=Path("."), help="checkout of the code after")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sides = {"old": args.old.resolve(), "new": args.new.resolve()}
    with tempfile.TemporaryDirectory(prefix="small-load-ab-") as temporary:
        folder = Path(temporary)
        for side in sides:
            (folder / side / "small").mkdir(parents=True)
            shutil.copyfile(args.warehouse, folder / side / "w.duckdb")
        for round_number in range(1, args.rounds + 1):
            for side, checkout in sides.items():
                db, small = folder / side / "w.duckdb", folder / side / "small"
                start = str(round_number * 10)
                loads = measure(
                    [sys.executable, "-c", IN_PROCESS, str(db), str(small), start], checkout
                )
                for line in loads.output.split("\n"):
                    if line.startswith("small load: "):
                        cpu, wall = line.removeprefix("small load: ").split()
                        print(f"{side} round {round_number} in process: {cpu} CPU-s, {wall} s")
                path = write_seizure_file(small, 2, round_number)
                command = measure(
                    [sys.executable, "-m", "embargo.cli", "ingest", str(path), "--db", str(db)],
                    checkout,
                )
                print(
                    f"{side} round {round_number} as a command: {command.cpu_s:.2f} CPU-s, "
                    f"{command.wall_s:.2f} s, {command.peak_mb:.0f} MB",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
