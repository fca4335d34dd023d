"""`embargo ingest` of the SIPRI classic export by two checkouts of the code alternately in the
same minutes (A/B), with a fresh polars parse of the same file beside them: on a shared machine
the load average moves by the minute, so only runs taken side by side compare.

Each side builds its own reference warehouse with its own code (the schema may differ between
the checkouts), and every run loads the export into a fresh copy of it as a whole process
(`python -m embargo.cli ingest FILE --db W`, as bench_ratios.py measures it): CPU seconds,
wall-clock and peak memory per run, then the median of each side and its ratio to the polars
parse of the same rounds. The sides take turns first in each round.

    .venv/bin/python bench/bench_sipri_ab.py --old CHECKOUT [--new .] [--runs 3] [--file CSV]

Works in a temporary folder and leaves nothing behind."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ratios import BARE_POLARS, SIPRI_CLASSIC, Process, measure

BUILD = "import sys; from pathlib import Path; from ingest.build import build_warehouse; " + (
    "build_warehouse(Path(sys.argv[1]))"
)


def build_with(checkout: Path, target: Path) -> None:
    """A reference warehouse built by the code of `checkout`."""
    subprocess.run(
        [sys.executable, "-c", BUILD, str(target)],
        cwd=checkout,
        env=os.environ | {"PYTHONPATH": str(checkout)},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def show(label: str, runs: list[Process]) -> None:
    cpu = [run.cpu_s for run in runs]
    wall = statistics.median(run.wall_s for run in runs)
    print(
        f"{label:<8} CPU-s {', '.join(f'{c:.2f}' for c in cpu)} (median "
        f"{statistics.median(cpu):.2f}); wall median {wall:.2f} s; peak median "
        f"{statistics.median(run.peak_mb for run in runs):.0f} MB",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code before")
    parser.add_argument("--new", type=Path, default=Path("."), help="checkout of the code after")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, default=SIPRI_CLASSIC)
    args = parser.parse_args()
    if not args.file.is_file():
        print(f"{args.file.name} is missing: the benchmark needs the SIPRI export", file=sys.stderr)
        return 2
    sides = {"old": args.old.resolve(), "new": args.new.resolve()}
    runs: dict[str, list[Process]] = {side: [] for side in (*sides, "polars")}
    with tempfile.TemporaryDirectory(prefix="sipri-ab-") as temporary:
        folder = Path(temporary)
        for side, checkout in sides.items():
            build_with(checkout, folder / f"{side}.duckdb")
        for number in range(args.runs):
            order = list(sides) if number % 2 == 0 else list(reversed(sides))
            for side in order:
                target = folder / f"{side}{number}" / "warehouse.duckdb"
                target.parent.mkdir()
                shutil.copyfile(folder / f"{side}.duckdb", target)
                command = [sys.executable, "-m", "embargo.cli", "ingest", str(args.file)]
                run = measure([*command, "--db", str(target)], sides[side])
                shutil.rmtree(target.parent)
                runs[side].append(run)
                print(
                    f"round {number + 1} {side}: {run.cpu_s:.2f} CPU-s, {run.wall_s:.2f} s, "
                    f"{run.peak_mb:.0f} MB",
                    flush=True,
                )
            runs["polars"].append(measure([sys.executable, "-c", BARE_POLARS, str(args.file)]))
    for side, measured in runs.items():
        show(side, measured)
    polars = statistics.median(run.cpu_s for run in runs["polars"])
    polars_wall = statistics.median(run.wall_s for run in runs["polars"])
    for side in sides:
        cpu = statistics.median(run.cpu_s for run in runs[side])
        wall = statistics.median(run.wall_s for run in runs[side])
        print(f"{side}: {cpu / polars:.2f}x polars in CPU, {wall / polars_wall:.2f}x in wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
