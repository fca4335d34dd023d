"""What one page view costs, one session at a time: for each dashboard page reached by its
sidebar link, the render time, the CPU seconds of the server and of the browser (all chromium
processes), and the browser's main-thread task time (Chrome's performance metrics). The median
over `--runs` rounds after a first round that fills the caches, as a returning analyst finds them.

    .venv/bin/python bench/bench_page_cost.py [--db PATH | --target local|lake] [--runs 3]
        [--load-before-each]

Builds a demo warehouse in a temporary folder (a file, or with `--target lake` a DuckLake catalog
in a throw-away PostgreSQL cluster) unless --db names one; serves it with `embargo serve` and
drives Debian's chromium (Playwright) as bench_load.py does. `--load-before-each` loads a small
seizures file (bench_load.py's writer file, with `embargo ingest`) before each view, outside the
measured time: each view then pays what a page pays in the load test after a writer's load (the
results kept for the seizure tables are stale). With many sessions on a
small machine the CPU seconds, not the render time of a lone session, decide what each page adds
to the others' waiting."""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import processes
from bench_load import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DEAD_PROXY,
    PAGES,
    Session,
    demo_warehouse,
    write_seizure_file,
)
from playwright.async_api import async_playwright
from processes import REPO, serve, stop


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds of the processes (those gone since are left out)."""
    return sum(processes.cpu_seconds(pid) for pid in pids)


def chromium_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")[0]
            except OSError:
                continue
            if command.endswith(b"chromium") or b"/chromium/" in command:
                pids.append(int(entry.name))
    return pids


async def measure(
    base_url: str, server_pid: int, runs: int, load: Callable[[], None] | None
) -> dict[str, list[tuple]]:
    costs: dict[str, list[tuple]] = {path: [] for path in PAGES}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, proxy=DEAD_PROXY
        )
        session = Session(browser, base_url, 60_000)
        await session.start()
        metrics = await session.context.new_cdp_session(session.page)
        await metrics.send("Performance.enable")
        await session.visit("/")
        for run in range(runs + 1):
            for path in PAGES:
                if load is not None:
                    load()
                await asyncio.sleep(1.5)  # let the previous page's work end
                pids = chromium_pids()
                before = await metrics.send("Performance.getMetrics")
                server, browser_cpu = cpu_seconds([server_pid]), cpu_seconds(pids)
                seconds, problems = await session.visit(path, by_link=True)
                await asyncio.sleep(1.0)  # drawing goes on after the heading shows
                after = await metrics.send("Performance.getMetrics")
                task = _metric(after, "TaskDuration") - _metric(before, "TaskDuration")
                if problems:
                    raise RuntimeError(f"{path}: {problems}")
                if run:
                    costs[path].append(
                        (
                            seconds,
                            cpu_seconds([server_pid]) - server,
                            cpu_seconds(pids) - browser_cpu,
                            task,
                        )
                    )
        await session.close()
        await browser.close()
    return costs


def writer_load(location: list[str], folder: Path, env: dict[str, str]) -> Callable[[], None]:
    """One `embargo ingest` of a new small seizures file per call, as a load-test writer's."""
    files = folder / "loads"
    files.mkdir()
    numbers = iter(range(1, 1_000_000))

    def load() -> None:
        path = write_seizure_file(files, 1, next(numbers))
        subprocess.run(
            [sys.executable, "-m", "embargo.cli", "ingest", str(path), *location],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
        )

    return load


def _metric(result: dict, name: str) -> float:
    return next(m["value"] for m in result["metrics"] if m["name"] == name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--target", choices=("local", "lake"), default="local")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--load-before-each", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        if args.db is not None:
            location = ["--db", str(args.db)]
        else:
            location = demo_warehouse(args.target, Path(folder), stack)
        env = dict(os.environ, EMBARGO_AUTH_MODE="local")  # with the catalog's PGPASSWORD
        env["EMBARGO_ACCESS_DB"] = str(Path(folder) / "access.sqlite")
        load = None
        if args.load_before_each:
            load = writer_load(location, Path(folder), env)
        process, base_url = serve(location, env, Path(folder) / "serve.log")
        try:
            started = time.perf_counter()
            costs = asyncio.run(measure(base_url, process.pid, args.runs, load))
        finally:
            stop(process)
    print(
        f"{args.target}{', a load before each view' if load else ''}: median of {args.runs} "
        f"views per page, one session ({time.perf_counter() - started:.0f} s)"
    )
    print(f"{'page':<18} {'render s':>9} {'server CPU s':>13} {'browser CPU s':>14} {'task s':>8}")
    totals = [0.0] * 4
    for path, views in costs.items():
        medians = [statistics.median(view[i] for view in views) for i in range(4)]
        totals = [t + m for t, m in zip(totals, medians, strict=True)]
        print(
            f"{PAGES[path]:<18} "
            + " ".join(f"{v:>{w}.2f}" for v, w in zip(medians, (9, 13, 14, 8), strict=True))
        )
    print(
        f"{'all ten pages':<18} "
        + " ".join(f"{v:>{w}.2f}" for v, w in zip(totals, (9, 13, 14, 8), strict=True))
    )


if __name__ == "__main__":
    main()
